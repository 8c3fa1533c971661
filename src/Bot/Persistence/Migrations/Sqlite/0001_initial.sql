-- Ids and times are TEXT: ids as lower-case GUIDs, times as fixed-width UTC ISO-8601, so text order is time order.

CREATE TABLE projects (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    integration TEXT NOT NULL,
    sandbox_sip_main TEXT NOT NULL,
    sandbox_sip_fallback TEXT NOT NULL,
    pre_release_sip_main TEXT NOT NULL,
    pre_release_sip_fallback TEXT NOT NULL,
    live_sip_main TEXT NOT NULL,
    live_sip_fallback TEXT NOT NULL
);

CREATE TABLE numbers (
    id TEXT NOT NULL PRIMARY KEY,
    project_id TEXT NOT NULL,
    e164 TEXT NOT NULL,
    environment TEXT NOT NULL,
    source TEXT NOT NULL,
    provider_reference TEXT NOT NULL,
    simulated INTEGER NOT NULL,
    variant_id TEXT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    version INTEGER NOT NULL
);
-- A number belongs to one project at most, across all projects.
CREATE UNIQUE INDEX ux_numbers_e164 ON numbers (e164);
CREATE INDEX ix_numbers_project ON numbers (project_id);

CREATE TABLE purchase_intents (
    intent_key TEXT NOT NULL PRIMARY KEY,
    project_id TEXT NOT NULL,
    environment TEXT NOT NULL,
    country TEXT NOT NULL,
    area_code TEXT NULL,
    variant_id TEXT NULL,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    state TEXT NOT NULL,
    number_id TEXT NULL,
    failure TEXT NULL
);
CREATE INDEX ix_purchase_intents_pending ON purchase_intents (requested_at) WHERE state = 'Pending';

CREATE TABLE variant_catalogs (
    project_id TEXT NOT NULL PRIMARY KEY,
    drafts TEXT NOT NULL,
    published TEXT NOT NULL,
    last_version_number INTEGER NOT NULL,
    version INTEGER NOT NULL
);

CREATE TABLE approvals (
    id TEXT NOT NULL PRIMARY KEY,
    project_id TEXT NOT NULL,
    number_id TEXT NOT NULL,
    e164 TEXT NOT NULL,
    environment TEXT NOT NULL,
    number_version INTEGER NOT NULL,
    requested_by TEXT NOT NULL,
    requested_by_name TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    status TEXT NOT NULL,
    decided_by TEXT NULL,
    decided_by_name TEXT NULL,
    decided_at TEXT NULL,
    note TEXT NULL
);
-- At most one pending request per number, however many instances ask at once.
CREATE UNIQUE INDEX ux_approvals_one_pending_per_number ON approvals (number_id) WHERE status = 'Pending';
CREATE INDEX ix_approvals_pending ON approvals (expires_at) WHERE status = 'Pending';

-- Append-only; seq keeps the order entries were stored in.
CREATE TABLE audit_entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    occurred_at TEXT NOT NULL,
    actor_key TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    channel TEXT NOT NULL,
    action_name TEXT NOT NULL,
    project_id TEXT NULL,
    e164 TEXT NULL,
    environment TEXT NULL,
    before_text TEXT NULL,
    after_text TEXT NULL
);
CREATE INDEX ix_audit_entries_number ON audit_entries (e164, occurred_at);
CREATE INDEX ix_audit_entries_project ON audit_entries (project_id, occurred_at);

CREATE TABLE user_access (
    user_key TEXT NOT NULL PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    numbers_access TEXT NOT NULL,
    variants_access TEXT NOT NULL
);
