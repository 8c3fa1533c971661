-- A repair that re-routed numbers is told to the admins like a finding: its environment, and the numbers it re-routed
-- (E.164 separated by spaces), each offered a test call; both null on a finding's notice.
ALTER TABLE drift_notices ADD COLUMN environment text NULL, ADD COLUMN rerouted text NULL;
