-- What NumbersBot sends Slack after an acknowledgement (a response_url reply to a click or a form, an answer to an event),
-- written down before the acknowledgement: the action behind it is already saved, so a process killed before the send
-- leaves the row for the next instance. method is 'response_url' (response_url set) or a Web API method; due_at is the
-- sending instance's lease while state is 'Sending', or when to try again while 'Pending'. Done and Failed rows keep
-- neither body nor response_url (a response_url is a credential for 30 minutes).
CREATE TABLE slack_outbox (
    id TEXT NOT NULL PRIMARY KEY,
    what TEXT NOT NULL,
    method TEXT NOT NULL,
    response_url TEXT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    failure TEXT NULL
);
CREATE INDEX ix_slack_outbox_due ON slack_outbox (due_at) WHERE state <> 'Done' AND state <> 'Failed';
CREATE INDEX ix_slack_outbox_created ON slack_outbox (created_at);
