-- What the numbers card and every action's gate read (access, projects, project choices, variant catalogs, numbers,
-- approvals) is counted as one version: each change to those tables moves it, in the same transaction, whoever writes
-- (another instance, a migration, someone at psql). A bot instance keeps those reads while the version it read them at
-- is still the current one, so a card asked again costs one small query instead of its reads.
CREATE TABLE data_version (
    id integer NOT NULL PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);

-- The function keeps the search path it was created with: a writer whose path does not lead to the bot's schema (at
-- psql, naming the schema) would otherwise fail at its commit, where the trigger runs.
-- Deferred to the commit: the one row is locked only while a transaction commits, never while it goes on to other
-- rows, so writers never wait on each other through it for longer than a commit, and cannot deadlock on it.
CREATE FUNCTION move_data_version() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER user_access_moves_data_version AFTER INSERT OR UPDATE OR DELETE ON user_access DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION move_data_version();
CREATE CONSTRAINT TRIGGER projects_moves_data_version AFTER INSERT OR UPDATE OR DELETE ON projects DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION move_data_version();
CREATE CONSTRAINT TRIGGER project_choices_moves_data_version AFTER INSERT OR UPDATE OR DELETE ON project_choices DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION move_data_version();
CREATE CONSTRAINT TRIGGER variant_catalogs_moves_data_version AFTER INSERT OR UPDATE OR DELETE ON variant_catalogs DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION move_data_version();
CREATE CONSTRAINT TRIGGER numbers_moves_data_version AFTER INSERT OR UPDATE OR DELETE ON numbers DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION move_data_version();
CREATE CONSTRAINT TRIGGER approvals_moves_data_version AFTER INSERT OR UPDATE OR DELETE ON approvals DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION move_data_version();
