-- move_data_version() names data_version unqualified, so it was looked up by the writer's search path: a change made by
-- anyone whose path does not lead to the bot's schema (at psql, naming the schema) failed at its commit, where the
-- deferred trigger runs. The function now keeps the search path it was migrated with.
ALTER FUNCTION move_data_version() SET search_path FROM CURRENT;
