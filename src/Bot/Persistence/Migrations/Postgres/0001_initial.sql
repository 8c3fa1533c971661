CREATE TABLE projects (
    id text NOT NULL PRIMARY KEY,
    name text NOT NULL,
    integration text NOT NULL,
    sandbox_sip_main text NOT NULL,
    sandbox_sip_fallback text NOT NULL,
    pre_release_sip_main text NOT NULL,
    pre_release_sip_fallback text NOT NULL,
    live_sip_main text NOT NULL,
    live_sip_fallback text NOT NULL
);

CREATE TABLE numbers (
    id uuid NOT NULL PRIMARY KEY,
    project_id text NOT NULL,
    e164 text NOT NULL,
    environment text NOT NULL,
    source text NOT NULL,
    provider_reference text NOT NULL,
    simulated boolean NOT NULL,
    variant_id text NULL,
    added_at timestamptz NOT NULL,
    added_by text NOT NULL,
    version integer NOT NULL
);
-- A number belongs to one project at most, across all projects.
CREATE UNIQUE INDEX ux_numbers_e164 ON numbers (e164);
CREATE INDEX ix_numbers_project ON numbers (project_id);

CREATE TABLE purchase_intents (
    intent_key varchar(200) NOT NULL PRIMARY KEY,
    project_id text NOT NULL,
    environment text NOT NULL,
    country text NOT NULL,
    area_code text NULL,
    variant_id text NULL,
    requested_by text NOT NULL,
    requested_at timestamptz NOT NULL,
    state text NOT NULL,
    number_id uuid NULL,
    failure text NULL
);
CREATE INDEX ix_purchase_intents_pending ON purchase_intents (requested_at) WHERE state = 'Pending';

CREATE TABLE variant_catalogs (
    project_id text NOT NULL PRIMARY KEY,
    drafts text NOT NULL,
    published text NOT NULL,
    last_version_number integer NOT NULL,
    version integer NOT NULL
);

CREATE TABLE approvals (
    id uuid NOT NULL PRIMARY KEY,
    project_id text NOT NULL,
    number_id uuid NOT NULL,
    e164 text NOT NULL,
    environment text NOT NULL,
    number_version integer NOT NULL,
    requested_by text NOT NULL,
    requested_by_name text NOT NULL,
    requested_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    status text NOT NULL,
    decided_by text NULL,
    decided_by_name text NULL,
    decided_at timestamptz NULL,
    note text NULL
);
-- At most one pending request per number, however many instances ask at once.
CREATE UNIQUE INDEX ux_approvals_one_pending_per_number ON approvals (number_id) WHERE status = 'Pending';
CREATE INDEX ix_approvals_pending ON approvals (expires_at) WHERE status = 'Pending';

-- Append-only; seq keeps the order entries were stored in.
CREATE TABLE audit_entries (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    occurred_at timestamptz NOT NULL,
    actor_key text NOT NULL,
    actor_name text NOT NULL,
    channel text NOT NULL,
    action_name text NOT NULL,
    project_id text NULL,
    e164 text NULL,
    environment text NULL,
    before_text text NULL,
    after_text text NULL
);
CREATE INDEX ix_audit_entries_number ON audit_entries (e164, occurred_at);
CREATE INDEX ix_audit_entries_project ON audit_entries (project_id, occurred_at);

CREATE TABLE user_access (
    user_key text NOT NULL PRIMARY KEY,
    display_name text NOT NULL,
    role text NOT NULL,
    numbers_access text NOT NULL,
    variants_access text NOT NULL
);
