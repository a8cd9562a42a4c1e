-- A register a team shares (issue 21): who did what as the database knew them, and the
-- open cases found without reading the closed ones. The same SQL on SQLite and PostgreSQL.

-- The database user each history entry and log line was written as: on PostgreSQL the
-- login the server checked (beside `recorded_by`, the person's own name); empty on SQLite.
ALTER TABLE history ADD COLUMN db_user TEXT;

ALTER TABLE register_log ADD COLUMN db_user TEXT;

-- `case list` reads the open cases only: most of a register that has run for years is closed.
CREATE INDEX cases_open ON cases (reference) WHERE closed IS NULL;

UPDATE register_meta SET value = '2' WHERE name = 'schema_version';
