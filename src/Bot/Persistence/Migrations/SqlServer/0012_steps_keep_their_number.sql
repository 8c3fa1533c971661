-- A route or removal keeps the number as the provider knows it (its SID in provider_reference, its source, whether it is
-- simulated), so a route that reached the provider after the number's removal is taken back even once the row is gone.
-- provider_reference is widened to the numbers column it now copies.
ALTER TABLE telephony_operations ALTER COLUMN provider_reference nvarchar(400) NULL;
ALTER TABLE telephony_operations ADD number_source nvarchar(40) NULL,
    number_simulated bit NOT NULL CONSTRAINT df_telephony_operations_number_simulated DEFAULT 0;
GO
-- Pending steps whose number is still listed learn it now; a route whose number is gone already is done as before.
UPDATE o SET provider_reference = n.provider_reference, number_source = n.source, number_simulated = n.simulated
FROM telephony_operations o JOIN numbers n ON n.id = o.number_id
WHERE o.step IN ('Route', 'Remove') AND o.state = 'Pending';
