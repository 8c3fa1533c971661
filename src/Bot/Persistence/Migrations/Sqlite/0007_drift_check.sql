-- Findings of the drift check that a person must look at, one row per place they are posted to (and one, with an empty
-- channel, marking the finding as known), recorded before posting so a restart still posts them, and only once.
CREATE TABLE drift_notices (
    notice_key TEXT NOT NULL PRIMARY KEY,
    finding_key TEXT NOT NULL,
    channel TEXT NOT NULL,
    destination TEXT NOT NULL,
    project_id TEXT NULL,
    e164 TEXT NULL,
    message TEXT NOT NULL,
    provider_reference TEXT NULL,
    provider_code TEXT NULL,
    created_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    failure TEXT NULL,
    posted_at TEXT NULL
);
CREATE INDEX ix_drift_notices_finding ON drift_notices (finding_key);

-- Work only one instance may do at a time (the drift check): whoever holds the row's lease.
CREATE TABLE job_leases (
    name TEXT NOT NULL PRIMARY KEY,
    owner TEXT NOT NULL,
    lease_until TEXT NOT NULL
);
