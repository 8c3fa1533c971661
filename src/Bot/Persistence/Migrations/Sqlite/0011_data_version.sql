-- What the numbers card and every action's gate read (access, projects, project choices, variant catalogs, numbers,
-- approvals) is counted as one version: each change to those tables moves it, in the same transaction, whoever writes
-- (another instance, a migration, someone at the sqlite3 prompt). A bot instance keeps those reads while the version it
-- read them at is still the current one, so a card asked again costs one small query instead of its reads.
CREATE TABLE data_version (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);
CREATE TRIGGER user_access_insert_moves_data_version AFTER INSERT ON user_access BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER user_access_update_moves_data_version AFTER UPDATE ON user_access BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER user_access_delete_moves_data_version AFTER DELETE ON user_access BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER projects_insert_moves_data_version AFTER INSERT ON projects BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER projects_update_moves_data_version AFTER UPDATE ON projects BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER projects_delete_moves_data_version AFTER DELETE ON projects BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER project_choices_insert_moves_data_version AFTER INSERT ON project_choices BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER project_choices_update_moves_data_version AFTER UPDATE ON project_choices BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER project_choices_delete_moves_data_version AFTER DELETE ON project_choices BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER variant_catalogs_insert_moves_data_version AFTER INSERT ON variant_catalogs BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER variant_catalogs_update_moves_data_version AFTER UPDATE ON variant_catalogs BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER variant_catalogs_delete_moves_data_version AFTER DELETE ON variant_catalogs BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER numbers_insert_moves_data_version AFTER INSERT ON numbers BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER numbers_update_moves_data_version AFTER UPDATE ON numbers BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER numbers_delete_moves_data_version AFTER DELETE ON numbers BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER approvals_insert_moves_data_version AFTER INSERT ON approvals BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER approvals_update_moves_data_version AFTER UPDATE ON approvals BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER approvals_delete_moves_data_version AFTER DELETE ON approvals BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END;
