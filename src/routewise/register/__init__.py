"""The case register: each matter's route, answers and history, kept in one database file.

A case holds the route, the answers and an append-only history (`history`); its plan is
derived from them by the engine (`planning`), with pauses and agreed dates applied by small
pure functions (`timing`). What `case list` needs (the next step, its date, the status
inputs) is stored as a summary and refreshed on every write (`summary`, `status`), so a
list never runs the engine. `store` opens the SQLite file (plain SQL in `queries.sql`,
loaded by aiosql) and `migrate` upgrades an older register with yoyo-migrations, imported
only when an upgrade is due. `cases` holds the operations; `views` and `case_view` word
them for the terminal, JSON, CSV, markdown and calendars.

May import: base, calendar, model, flows, config, engine, render.
"""
