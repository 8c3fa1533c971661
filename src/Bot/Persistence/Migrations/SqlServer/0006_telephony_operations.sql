-- Telephony steps written down before they run (route, remove), and whether each listed number is confirmed routed.
-- Numbers stored before this were routed the old way, so they start as 'Routed'; the drift check confirms it.
ALTER TABLE numbers ADD reachability nvarchar(20) NOT NULL CONSTRAINT df_numbers_reachability DEFAULT 'Routed';
ALTER TABLE numbers ADD problem nvarchar(max) NULL;

-- due_at is the lease's end while lease_owner holds it, so a crashed instance's step is taken over after it.
CREATE TABLE telephony_operations (
    id uniqueidentifier NOT NULL CONSTRAINT pk_telephony_operations PRIMARY KEY,
    step nvarchar(20) NOT NULL,
    number_id uniqueidentifier NOT NULL,
    project_id nvarchar(200) NOT NULL,
    e164 nvarchar(20) NOT NULL,
    environment nvarchar(20) NOT NULL,
    reason nvarchar(max) NOT NULL,
    requested_by nvarchar(400) NOT NULL,
    requested_by_name nvarchar(400) NOT NULL,
    created_at datetimeoffset(7) NOT NULL,
    due_at datetimeoffset(7) NOT NULL,
    state nvarchar(20) NOT NULL,
    attempts int NOT NULL,
    last_error nvarchar(max) NULL,
    lease_owner nvarchar(200) NULL
);
CREATE INDEX ix_telephony_operations_due ON telephony_operations (due_at) WHERE state = 'Pending';
CREATE INDEX ix_telephony_operations_number ON telephony_operations (number_id);
