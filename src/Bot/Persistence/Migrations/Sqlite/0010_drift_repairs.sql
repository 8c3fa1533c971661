-- A repair that re-routed numbers is told to the admins like a finding: its environment, and the numbers it re-routed
-- (E.164 separated by spaces), each offered a test call; both null on a finding's notice.
ALTER TABLE drift_notices ADD COLUMN environment TEXT NULL;
ALTER TABLE drift_notices ADD COLUMN rerouted TEXT NULL;
