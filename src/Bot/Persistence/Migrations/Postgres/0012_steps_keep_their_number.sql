-- A route or removal keeps the number as the provider knows it (its SID in provider_reference, its source, whether it is
-- simulated), so a route that reached the provider after the number's removal is taken back even once the row is gone.
ALTER TABLE telephony_operations ADD COLUMN number_source text NULL, ADD COLUMN number_simulated boolean NOT NULL DEFAULT false;
-- Pending steps whose number is still listed learn it now; a route whose number is gone already is done as before.
UPDATE telephony_operations o SET provider_reference = n.provider_reference, number_source = n.source, number_simulated = n.simulated
FROM numbers n
WHERE n.id = o.number_id AND o.step IN ('Route', 'Remove') AND o.state = 'Pending';
