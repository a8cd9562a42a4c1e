-- Every query the case register runs, loaded by aiosql. Each keeps to the SQL that SQLite
-- and PostgreSQL share, with :name parameters (aiosql turns them into %(name)s for
-- psycopg). Dates are ISO text; numbers that identify rows are assigned here, never by an
-- AUTOINCREMENT or SERIAL column. Suffixes: ^ one row, ! a change (rows are read by column name).

-- name: schema_version()^
SELECT value FROM register_meta WHERE name = 'schema_version';

-- name: meta()
SELECT name, value FROM register_meta;

-- name: set_meta(name, value)!
INSERT INTO register_meta (name, value) VALUES (:name, :value)
ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- name: add_log(kind, recorded_at, recorded_by, db_user, detail)!
INSERT INTO register_log (entry, kind, recorded_at, recorded_by, db_user, detail)
SELECT COALESCE(MAX(entry), 0) + 1, :kind, :recorded_at, :recorded_by, :db_user, :detail
FROM register_log;

-- name: log()
SELECT entry, kind, recorded_at, recorded_by, db_user, detail FROM register_log ORDER BY entry;

-- name: get_case(reference)^
SELECT reference, route, raised, opened, owner, version, entries, closed, paused,
       next_number, next_step, next_action, deadlines, problem, summary_key, route_digest
FROM cases WHERE reference = :reference;

-- name: summaries()
-- What `case list --all` reads: the status inputs and the list's own JSON (`listing`:
-- reference, route, dates, owner, next step), not the deadlines' JSON.
SELECT reference, closed, paused, problem, listing, summary_key,
       firm_date, firm_number, firm_step, ideal_date, ideal_number, ideal_step,
       waiting_text, waiting_number, waiting_step
FROM cases;

-- name: open_summaries()
-- What `case list` reads: the same, of the open cases only (most of a register that has
-- run for years is closed).
SELECT reference, closed, paused, problem, listing, summary_key,
       firm_date, firm_number, firm_step, ideal_date, ideal_number, ideal_step,
       waiting_text, waiting_number, waiting_step
FROM cases WHERE closed IS NULL;

-- name: references()
SELECT reference FROM cases;

-- name: stale_references(summary_key)
SELECT reference FROM cases WHERE summary_key <> :summary_key ORDER BY reference;

-- name: case_count()^
SELECT COUNT(*) AS cases FROM cases;

-- name: history(reference)
SELECT entry, kind, day, recorded_at, recorded_by, db_user, step, event, note, target, detail
FROM history WHERE reference = :reference ORDER BY entry;

-- name: last_change(reference)^
SELECT recorded_by, db_user, recorded_at FROM history WHERE reference = :reference
ORDER BY entry DESC LIMIT 1;

-- name: add_case(reference, route, raised, opened, owner, entries, closed, paused, next_number, next_step, next_action, deadlines, firm_date, firm_number, firm_step, ideal_date, ideal_number, ideal_step, waiting_text, waiting_number, waiting_step, problem, listing, summary_key, route_digest)!
INSERT INTO cases (reference, route, raised, opened, owner, version, entries, closed, paused,
                   next_number, next_step, next_action, deadlines,
                   firm_date, firm_number, firm_step, ideal_date, ideal_number, ideal_step,
                   waiting_text, waiting_number, waiting_step,
                   problem, listing, summary_key, route_digest)
VALUES (:reference, :route, :raised, :opened, :owner, 1, :entries, :closed, :paused,
        :next_number, :next_step, :next_action, :deadlines,
        :firm_date, :firm_number, :firm_step, :ideal_date, :ideal_number, :ideal_step,
        :waiting_text, :waiting_number, :waiting_step,
        :problem, :listing, :summary_key, :route_digest);

-- name: add_entry(reference, entry, kind, day, recorded_at, recorded_by, db_user, step, event, note, target, detail)!
INSERT INTO history (reference, entry, kind, day, recorded_at, recorded_by, db_user, step,
                     event, note, target, detail)
VALUES (:reference, :entry, :kind, :day, :recorded_at, :recorded_by, :db_user, :step, :event,
        :note, :target, :detail);

-- name: add_first_plan(reference, plan)!
INSERT INTO first_plans (reference, plan) VALUES (:reference, :plan);

-- name: first_plan(reference)^
SELECT plan FROM first_plans WHERE reference = :reference;

-- name: save_summary(reference, version, entries, owner, closed, paused, next_number, next_step, next_action, deadlines, firm_date, firm_number, firm_step, ideal_date, ideal_number, ideal_step, waiting_text, waiting_number, waiting_step, problem, listing, summary_key)!
-- A write: only on the version that was read, and it raises the version.
UPDATE cases
SET version = version + 1, entries = :entries, owner = :owner, closed = :closed,
    paused = :paused, next_number = :next_number, next_step = :next_step,
    next_action = :next_action, deadlines = :deadlines,
    firm_date = :firm_date, firm_number = :firm_number, firm_step = :firm_step,
    ideal_date = :ideal_date, ideal_number = :ideal_number, ideal_step = :ideal_step,
    waiting_text = :waiting_text, waiting_number = :waiting_number,
    waiting_step = :waiting_step, problem = :problem, listing = :listing,
    summary_key = :summary_key
WHERE reference = :reference AND version = :version;

-- name: hold_case(reference)!
-- A write that must wait for another writer of the case: hold its row first (a no-op update
-- takes the row's lock on PostgreSQL; on SQLite the transaction holds the write lock).
UPDATE cases SET version = version WHERE reference = :reference;

-- name: bump_case(reference)^
-- An entry that changes nothing a plan is made from (a note): the next entry number, taken
-- as the version is raised, in the writer's own transaction (no summary to work out again).
UPDATE cases SET version = version + 1, entries = entries + 1 WHERE reference = :reference
RETURNING entries;

-- name: refresh_summary(reference, version, owner, closed, paused, next_number, next_step, next_action, deadlines, firm_date, firm_number, firm_step, ideal_date, ideal_number, ideal_step, waiting_text, waiting_number, waiting_step, problem, listing, summary_key)!
-- A refresh changes nothing recorded, so the version stays; it still needs the one read.
UPDATE cases
SET owner = :owner, closed = :closed, paused = :paused, next_number = :next_number,
    next_step = :next_step, next_action = :next_action, deadlines = :deadlines,
    firm_date = :firm_date, firm_number = :firm_number, firm_step = :firm_step,
    ideal_date = :ideal_date, ideal_number = :ideal_number, ideal_step = :ideal_step,
    waiting_text = :waiting_text, waiting_number = :waiting_number,
    waiting_step = :waiting_step, problem = :problem, listing = :listing,
    summary_key = :summary_key
WHERE reference = :reference AND version = :version;

-- name: delete_history(reference)!
DELETE FROM history WHERE reference = :reference;

-- name: delete_first_plan(reference)!
DELETE FROM first_plans WHERE reference = :reference;

-- name: delete_case(reference)!
DELETE FROM cases WHERE reference = :reference;

-- name: closed_before(day)
SELECT reference, route, closed FROM cases
WHERE closed IS NOT NULL AND closed < :day ORDER BY closed, reference;
