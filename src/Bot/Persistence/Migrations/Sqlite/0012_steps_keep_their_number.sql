-- A route or removal keeps the number as the provider knows it (its SID in provider_reference, its source, whether it is
-- simulated), so a route that reached the provider after the number's removal is taken back even once the row is gone.
ALTER TABLE telephony_operations ADD COLUMN number_source TEXT NULL;
ALTER TABLE telephony_operations ADD COLUMN number_simulated INTEGER NOT NULL DEFAULT 0;
-- Pending steps whose number is still listed learn it now; a route whose number is gone already is done as before.
UPDATE telephony_operations SET
    provider_reference = (SELECT n.provider_reference FROM numbers n WHERE n.id = telephony_operations.number_id),
    number_source = (SELECT n.source FROM numbers n WHERE n.id = telephony_operations.number_id),
    number_simulated = (SELECT n.simulated FROM numbers n WHERE n.id = telephony_operations.number_id)
WHERE step IN ('Route', 'Remove') AND state = 'Pending' AND EXISTS (SELECT 1 FROM numbers n WHERE n.id = telephony_operations.number_id);
