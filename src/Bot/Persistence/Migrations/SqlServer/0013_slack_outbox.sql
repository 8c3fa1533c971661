-- What NumbersBot sends Slack after an acknowledgement (a response_url reply to a click or a form, an answer to an event),
-- written down before the acknowledgement: the action behind it is already saved, so a process killed before the send
-- leaves the row for the next instance. method is 'response_url' (response_url set) or a Web API method; due_at is the
-- sending instance's lease while state is 'Sending', or when to try again while 'Pending'. Done and Failed rows keep
-- neither body nor response_url (a response_url is a credential for 30 minutes).
CREATE TABLE slack_outbox (
    id uniqueidentifier NOT NULL CONSTRAINT pk_slack_outbox PRIMARY KEY,
    what nvarchar(200) NOT NULL,
    method nvarchar(100) NOT NULL,
    response_url nvarchar(2000) NULL,
    body nvarchar(max) NOT NULL,
    state nvarchar(20) NOT NULL,
    attempts int NOT NULL,
    created_at datetimeoffset(7) NOT NULL,
    due_at datetimeoffset(7) NOT NULL,
    failure nvarchar(max) NULL
);
CREATE INDEX ix_slack_outbox_due ON slack_outbox (due_at) WHERE state <> 'Done' AND state <> 'Failed';
CREATE INDEX ix_slack_outbox_created ON slack_outbox (created_at);
