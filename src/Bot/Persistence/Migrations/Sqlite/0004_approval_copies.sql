-- An approved deletion the provider refused: its message, until a retry releases the number.
ALTER TABLE approvals ADD COLUMN release_failure TEXT NULL;

-- Every posted copy of an approval (approvers' posts, the requester's card, the outcome message), claimed by its key
-- (approval, channel, kind, destination) before it is posted, so two instances never post the same copy twice.
CREATE TABLE approval_copies (
    copy_key TEXT NOT NULL PRIMARY KEY,
    approval_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    destination TEXT NOT NULL,
    address TEXT NULL,
    shown_state TEXT NULL,
    due_at TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    failure TEXT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_approval_copies_approval ON approval_copies (approval_id);
