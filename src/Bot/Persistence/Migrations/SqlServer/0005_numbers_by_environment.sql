-- The numbers card reads counts and one page per environment; these indexes serve exactly those two queries.
CREATE INDEX ix_numbers_environment_e164 ON numbers (project_id, environment, e164);
CREATE INDEX ix_numbers_environment_variant ON numbers (project_id, environment, variant_id);
