-- Telephony steps written down before they run (route, remove), and whether each listed number is confirmed routed.
-- Numbers stored before this were routed the old way, so they start as 'Routed'; the drift check confirms it.
ALTER TABLE numbers ADD COLUMN reachability TEXT NOT NULL DEFAULT 'Routed';
ALTER TABLE numbers ADD COLUMN problem TEXT NULL;

-- due_at is the lease's end while lease_owner holds it, so a crashed instance's step is taken over after it.
CREATE TABLE telephony_operations (
    id TEXT NOT NULL PRIMARY KEY,
    step TEXT NOT NULL,
    number_id TEXT NOT NULL,
    project_id TEXT NOT NULL,
    e164 TEXT NOT NULL,
    environment TEXT NOT NULL,
    reason TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    last_error TEXT NULL,
    lease_owner TEXT NULL
);
CREATE INDEX ix_telephony_operations_due ON telephony_operations (due_at) WHERE state = 'Pending';
CREATE INDEX ix_telephony_operations_number ON telephony_operations (number_id);
