-- 019_table_gen.sql: per-table generations for the response cache (issue 14,
-- item 4). Each commit that changes tables sets their gen to one number
-- higher than any recorded before, in the same transaction as the change;
-- a process serving answers re-reads the rows with a gen above the highest
-- it has seen when PRAGMA data_version says another connection committed,
-- and drops only the cached answers that read those tables.
CREATE TABLE table_gen(
  name TEXT PRIMARY KEY,
  gen INTEGER NOT NULL
);
CREATE INDEX table_gen_gen ON table_gen(gen);
