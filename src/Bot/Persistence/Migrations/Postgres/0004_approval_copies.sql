-- An approved deletion the provider refused: its message, until a retry releases the number.
ALTER TABLE approvals ADD COLUMN release_failure text NULL;

-- Every posted copy of an approval (approvers' posts, the requester's card, the outcome message), claimed by its key
-- (approval, channel, kind, destination) before it is posted, so two instances never post the same copy twice.
CREATE TABLE approval_copies (
    copy_key text NOT NULL PRIMARY KEY,
    approval_id uuid NOT NULL,
    channel text NOT NULL,
    kind text NOT NULL,
    destination text NOT NULL,
    address text NULL,
    shown_state text NULL,
    due_at timestamptz NOT NULL,
    attempts integer NOT NULL,
    failure text NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_approval_copies_approval ON approval_copies (approval_id);
