-- An approved deletion the provider refused: its message, until a retry releases the number.
ALTER TABLE approvals ADD release_failure nvarchar(max) NULL;

-- Every posted copy of an approval (approvers' posts, the requester's card, the outcome message), claimed by its key
-- (approval, channel, kind, destination) before it is posted, so two instances never post the same copy twice.
CREATE TABLE approval_copies (
    copy_key nvarchar(450) NOT NULL CONSTRAINT pk_approval_copies PRIMARY KEY,
    approval_id uniqueidentifier NOT NULL,
    channel nvarchar(40) NOT NULL,
    kind nvarchar(20) NOT NULL,
    destination nvarchar(400) NOT NULL,
    address nvarchar(max) NULL,
    shown_state nvarchar(40) NULL,
    due_at datetimeoffset(7) NOT NULL,
    attempts int NOT NULL,
    failure nvarchar(max) NULL,
    created_at datetimeoffset(7) NOT NULL
);
CREATE INDEX ix_approval_copies_approval ON approval_copies (approval_id);
