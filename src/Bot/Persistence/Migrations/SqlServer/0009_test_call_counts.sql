-- The daily cap on test calls, counted in one row per project: a conditional update of that row decides, and a second
-- request updating it waits for the first to commit, so two requests at once never both take the day's last call.
CREATE TABLE test_call_counts (
    project_id nvarchar(200) NOT NULL CONSTRAINT pk_test_call_counts PRIMARY KEY,
    counted_on nvarchar(10) NOT NULL,
    calls int NOT NULL
);
-- The cap no longer counts telephony_operations rows.
DROP INDEX ix_telephony_operations_project ON telephony_operations;
