-- Telephony steps written down before they run (route, remove), and whether each listed number is confirmed routed.
-- Numbers stored before this were routed the old way, so they start as 'Routed'; the drift check confirms it.
ALTER TABLE numbers ADD COLUMN reachability text NOT NULL DEFAULT 'Routed';
ALTER TABLE numbers ADD COLUMN problem text NULL;

-- due_at is the lease's end while lease_owner holds it, so a crashed instance's step is taken over after it.
CREATE TABLE telephony_operations (
    id uuid NOT NULL PRIMARY KEY,
    step text NOT NULL,
    number_id uuid NOT NULL,
    project_id text NOT NULL,
    e164 text NOT NULL,
    environment text NOT NULL,
    reason text NOT NULL,
    requested_by text NOT NULL,
    requested_by_name text NOT NULL,
    created_at timestamptz NOT NULL,
    due_at timestamptz NOT NULL,
    state text NOT NULL,
    attempts integer NOT NULL,
    last_error text NULL,
    lease_owner text NULL
);
CREATE INDEX ix_telephony_operations_due ON telephony_operations (due_at) WHERE state = 'Pending';
CREATE INDEX ix_telephony_operations_number ON telephony_operations (number_id);
