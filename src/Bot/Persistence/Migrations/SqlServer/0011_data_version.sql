-- What the numbers card and every action's gate read are counted as one version on SQLite and PostgreSQL, moved by
-- triggers, so a bot instance can keep those reads while nothing changed (KeptReads). SQL Server has the table, so the
-- same statements run, but no triggers: it has no triggers deferred to the commit, and one that locked this single row
-- from a transaction's first write to its commit would make every writer wait on every other one, on every instance,
-- and turn crossing writes into deadlocks. On SQL Server the version stays 0 and every look reads afresh
-- (SqlDialect.KeepsReads).
CREATE TABLE data_version (
    id int NOT NULL PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);
