-- Findings of the drift check that a person must look at, one row per place they are posted to (and one, with an empty
-- channel, marking the finding as known), recorded before posting so a restart still posts them, and only once.
CREATE TABLE drift_notices (
    notice_key text NOT NULL PRIMARY KEY,
    finding_key text NOT NULL,
    channel text NOT NULL,
    destination text NOT NULL,
    project_id text NULL,
    e164 text NULL,
    message text NOT NULL,
    provider_reference text NULL,
    provider_code text NULL,
    created_at timestamptz NOT NULL,
    due_at timestamptz NOT NULL,
    attempts integer NOT NULL,
    failure text NULL,
    posted_at timestamptz NULL
);
CREATE INDEX ix_drift_notices_finding ON drift_notices (finding_key);

-- Work only one instance may do at a time (the drift check): whoever holds the row's lease.
CREATE TABLE job_leases (
    name text NOT NULL PRIMARY KEY,
    owner text NOT NULL,
    lease_until timestamptz NOT NULL
);
