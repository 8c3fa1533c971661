-- Test calls are telephony steps: the call's SID is stored as soon as Twilio gives it, and the request that asked for it
-- (its key) finds it again after a crash instead of placing a second call.
ALTER TABLE telephony_operations ADD COLUMN provider_reference TEXT NULL;
ALTER TABLE telephony_operations ADD COLUMN request_key TEXT NULL;
CREATE UNIQUE INDEX ux_telephony_operations_request_key ON telephony_operations (request_key) WHERE request_key IS NOT NULL;
-- One test call per number at a time, whichever instance asks.
CREATE UNIQUE INDEX ux_telephony_operations_test_call ON telephony_operations (number_id) WHERE step = 'TestCall' AND state = 'Pending';
-- The daily cap counts a project's test calls since midnight.
CREATE INDEX ix_telephony_operations_project ON telephony_operations (project_id, step, created_at);
