"""The case register: each matter's route, answers and history, kept in an SQLite file or a
team's PostgreSQL database.

A case holds the route, the answers and an append-only history (`history`); its plan is
derived from them by the engine (`planner`, `planning`), with pauses and agreed dates
applied by small pure functions (`timing`). What `case list` needs (the next step, the
dates that decide its status) is stored as a summary and refreshed on every write
(`status`), so a list never runs the engine (`listing`). `store` opens the SQLite file
(plain SQL in `queries.sql`, loaded by aiosql; `database` words its errors) and `migrate`
upgrades an older register with yoyo-migrations, imported only when an upgrade is due.
`server` is the same register on PostgreSQL (psycopg 3, imported only for a `postgresql://`
URL; `server_errors` words its errors, `server_migrate` runs `db upgrade`); `locate` opens
whichever `database` names and says how it stands; `copying` copies one into another.
`cases`, `opening` and `entries` read and write cases; `views`, `case_view`, `wording` and
`route_change` word them.

May import: base, calendar, model, flows, config, engine, render.
"""
