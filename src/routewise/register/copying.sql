-- What `routewise db copy` reads from one register and adds to another: every case and its
-- whole history, row for row, in the SQL SQLite and PostgreSQL share (loaded by aiosql
-- only for a copy). Suffixes: ^ one row, *! the same change for many rows.

-- name: all_cases()
SELECT reference, route, raised, opened, owner, version, entries, closed, paused,
       next_number, next_step, next_action, deadlines,
       firm_date, firm_number, firm_step, ideal_date, ideal_number, ideal_step,
       waiting_text, waiting_number, waiting_step,
       problem, listing, summary_key, route_digest
FROM cases ORDER BY reference;

-- name: all_history()
SELECT reference, entry, kind, day, recorded_at, recorded_by, db_user, step, event, note,
       target, detail
FROM history ORDER BY reference, entry;

-- name: all_first_plans()
SELECT reference, plan FROM first_plans ORDER BY reference;

-- name: counts()^
SELECT (SELECT COUNT(*) FROM cases) AS cases,
       (SELECT COUNT(*) FROM history) AS entries,
       (SELECT COUNT(*) FROM first_plans) AS plans;

-- name: copy_cases(reference, route, raised, opened, owner, version, entries, closed, paused, next_number, next_step, next_action, deadlines, firm_date, firm_number, firm_step, ideal_date, ideal_number, ideal_step, waiting_text, waiting_number, waiting_step, problem, listing, summary_key, route_digest)*!
INSERT INTO cases (reference, route, raised, opened, owner, version, entries, closed, paused,
                   next_number, next_step, next_action, deadlines,
                   firm_date, firm_number, firm_step, ideal_date, ideal_number, ideal_step,
                   waiting_text, waiting_number, waiting_step,
                   problem, listing, summary_key, route_digest)
VALUES (:reference, :route, :raised, :opened, :owner, :version, :entries, :closed, :paused,
        :next_number, :next_step, :next_action, :deadlines,
        :firm_date, :firm_number, :firm_step, :ideal_date, :ideal_number, :ideal_step,
        :waiting_text, :waiting_number, :waiting_step,
        :problem, :listing, :summary_key, :route_digest);

-- name: copy_history(reference, entry, kind, day, recorded_at, recorded_by, db_user, step, event, note, target, detail)*!
INSERT INTO history (reference, entry, kind, day, recorded_at, recorded_by, db_user, step,
                     event, note, target, detail)
VALUES (:reference, :entry, :kind, :day, :recorded_at, :recorded_by, :db_user, :step, :event,
        :note, :target, :detail);

-- name: copy_first_plans(reference, plan)*!
INSERT INTO first_plans (reference, plan) VALUES (:reference, :plan);
