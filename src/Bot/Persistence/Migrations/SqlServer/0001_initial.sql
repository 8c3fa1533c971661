-- Key columns are bounded nvarchar: SQL Server cannot index nvarchar(max).

CREATE TABLE projects (
    id nvarchar(200) NOT NULL CONSTRAINT pk_projects PRIMARY KEY,
    name nvarchar(400) NOT NULL,
    integration nvarchar(40) NOT NULL,
    sandbox_sip_main nvarchar(1000) NOT NULL,
    sandbox_sip_fallback nvarchar(1000) NOT NULL,
    pre_release_sip_main nvarchar(1000) NOT NULL,
    pre_release_sip_fallback nvarchar(1000) NOT NULL,
    live_sip_main nvarchar(1000) NOT NULL,
    live_sip_fallback nvarchar(1000) NOT NULL
);

CREATE TABLE numbers (
    id uniqueidentifier NOT NULL CONSTRAINT pk_numbers PRIMARY KEY,
    project_id nvarchar(200) NOT NULL,
    e164 nvarchar(20) NOT NULL,
    environment nvarchar(40) NOT NULL,
    source nvarchar(40) NOT NULL,
    provider_reference nvarchar(400) NOT NULL,
    simulated bit NOT NULL,
    variant_id nvarchar(200) NULL,
    added_at datetimeoffset(7) NOT NULL,
    added_by nvarchar(400) NOT NULL,
    version int NOT NULL
);
-- A number belongs to one project at most, across all projects.
CREATE UNIQUE INDEX ux_numbers_e164 ON numbers (e164);
CREATE INDEX ix_numbers_project ON numbers (project_id);

CREATE TABLE purchase_intents (
    intent_key nvarchar(200) NOT NULL CONSTRAINT pk_purchase_intents PRIMARY KEY,
    project_id nvarchar(200) NOT NULL,
    environment nvarchar(40) NOT NULL,
    country nvarchar(40) NOT NULL,
    area_code nvarchar(10) NULL,
    variant_id nvarchar(200) NULL,
    requested_by nvarchar(400) NOT NULL,
    requested_at datetimeoffset(7) NOT NULL,
    state nvarchar(20) NOT NULL,
    number_id uniqueidentifier NULL,
    failure nvarchar(max) NULL
);
CREATE INDEX ix_purchase_intents_pending ON purchase_intents (requested_at) WHERE state = N'Pending';

CREATE TABLE variant_catalogs (
    project_id nvarchar(200) NOT NULL CONSTRAINT pk_variant_catalogs PRIMARY KEY,
    drafts nvarchar(max) NOT NULL,
    published nvarchar(max) NOT NULL,
    last_version_number int NOT NULL,
    version int NOT NULL
);

CREATE TABLE approvals (
    id uniqueidentifier NOT NULL CONSTRAINT pk_approvals PRIMARY KEY,
    project_id nvarchar(200) NOT NULL,
    number_id uniqueidentifier NOT NULL,
    e164 nvarchar(20) NOT NULL,
    environment nvarchar(40) NOT NULL,
    number_version int NOT NULL,
    requested_by nvarchar(400) NOT NULL,
    requested_by_name nvarchar(400) NOT NULL,
    requested_at datetimeoffset(7) NOT NULL,
    expires_at datetimeoffset(7) NOT NULL,
    status nvarchar(20) NOT NULL,
    decided_by nvarchar(400) NULL,
    decided_by_name nvarchar(400) NULL,
    decided_at datetimeoffset(7) NULL,
    note nvarchar(max) NULL
);
-- At most one pending request per number, however many instances ask at once (a filtered index).
CREATE UNIQUE INDEX ux_approvals_one_pending_per_number ON approvals (number_id) WHERE status = N'Pending';
CREATE INDEX ix_approvals_pending ON approvals (expires_at) WHERE status = N'Pending';

-- Append-only; seq keeps the order entries were stored in.
CREATE TABLE audit_entries (
    seq bigint IDENTITY(1, 1) NOT NULL CONSTRAINT pk_audit_entries PRIMARY KEY,
    id uniqueidentifier NOT NULL CONSTRAINT ux_audit_entries_id UNIQUE,
    occurred_at datetimeoffset(7) NOT NULL,
    actor_key nvarchar(400) NOT NULL,
    actor_name nvarchar(400) NOT NULL,
    channel nvarchar(20) NOT NULL,
    action_name nvarchar(100) NOT NULL,
    project_id nvarchar(200) NULL,
    e164 nvarchar(20) NULL,
    environment nvarchar(40) NULL,
    before_text nvarchar(max) NULL,
    after_text nvarchar(max) NULL
);
CREATE INDEX ix_audit_entries_number ON audit_entries (e164, occurred_at);
CREATE INDEX ix_audit_entries_project ON audit_entries (project_id, occurred_at);

CREATE TABLE user_access (
    user_key nvarchar(400) NOT NULL CONSTRAINT pk_user_access PRIMARY KEY,
    display_name nvarchar(400) NOT NULL,
    role nvarchar(20) NOT NULL,
    numbers_access nvarchar(20) NOT NULL,
    variants_access nvarchar(20) NOT NULL
);
