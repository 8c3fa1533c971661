-- Findings of the drift check that a person must look at, one row per place they are posted to (and one, with an empty
-- channel, marking the finding as known), recorded before posting so a restart still posts them, and only once.
CREATE TABLE drift_notices (
    notice_key nvarchar(450) NOT NULL CONSTRAINT pk_drift_notices PRIMARY KEY,
    finding_key nvarchar(400) NOT NULL,
    channel nvarchar(40) NOT NULL,
    destination nvarchar(400) NOT NULL,
    project_id nvarchar(200) NULL,
    e164 nvarchar(20) NULL,
    message nvarchar(max) NOT NULL,
    provider_reference nvarchar(100) NULL,
    provider_code nvarchar(100) NULL,
    created_at datetimeoffset(7) NOT NULL,
    due_at datetimeoffset(7) NOT NULL,
    attempts int NOT NULL,
    failure nvarchar(max) NULL,
    posted_at datetimeoffset(7) NULL
);
CREATE INDEX ix_drift_notices_finding ON drift_notices (finding_key);

-- Work only one instance may do at a time (the drift check): whoever holds the row's lease.
CREATE TABLE job_leases (
    name nvarchar(200) NOT NULL CONSTRAINT pk_job_leases PRIMARY KEY,
    owner nvarchar(400) NOT NULL,
    lease_until datetimeoffset(7) NOT NULL
);
