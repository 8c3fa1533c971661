-- What the numbers card and every action's gate read (access, projects, project choices, variant catalogs, numbers,
-- approvals) is counted as one version: each change to those tables moves it, in the same transaction, whoever writes
-- (another instance, a migration, someone at sqlcmd). A bot instance keeps those reads while the version it read them at
-- is still the current one, so a card asked again costs one small query instead of its reads.
CREATE TABLE data_version (
    id int NOT NULL PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);
GO
-- NOCOUNT: the writer's own statement reports only its rows (an insert-if-absent is told apart by its count).
CREATE TRIGGER user_access_moves_data_version ON user_access AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM deleted)
        UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
GO
-- NOCOUNT: the writer's own statement reports only its rows (an insert-if-absent is told apart by its count).
CREATE TRIGGER projects_moves_data_version ON projects AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM deleted)
        UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
GO
-- NOCOUNT: the writer's own statement reports only its rows (an insert-if-absent is told apart by its count).
CREATE TRIGGER project_choices_moves_data_version ON project_choices AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM deleted)
        UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
GO
-- NOCOUNT: the writer's own statement reports only its rows (an insert-if-absent is told apart by its count).
CREATE TRIGGER variant_catalogs_moves_data_version ON variant_catalogs AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM deleted)
        UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
GO
-- NOCOUNT: the writer's own statement reports only its rows (an insert-if-absent is told apart by its count).
CREATE TRIGGER numbers_moves_data_version ON numbers AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM deleted)
        UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
GO
-- NOCOUNT: the writer's own statement reports only its rows (an insert-if-absent is told apart by its count).
CREATE TRIGGER approvals_moves_data_version ON approvals AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM deleted)
        UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
