-- The case register's first schema: its settings and log, the cases and their histories.
-- Every statement keeps to what SQLite and PostgreSQL share: TEXT and INTEGER columns,
-- dates as ISO text, ids assigned by routewise (no AUTOINCREMENT or SERIAL).

CREATE TABLE register_meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO register_meta (name, value) VALUES ('schema_version', '1');

CREATE TABLE register_log (
    entry INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    detail TEXT NOT NULL
);

CREATE TABLE cases (
    reference TEXT PRIMARY KEY,
    route TEXT NOT NULL,
    raised TEXT NOT NULL,
    opened TEXT NOT NULL,
    owner TEXT NOT NULL,
    version INTEGER NOT NULL,
    entries INTEGER NOT NULL,
    closed TEXT,
    paused TEXT,
    next_number INTEGER,
    next_step TEXT,
    next_action TEXT,
    deadlines TEXT NOT NULL,
    firm_date TEXT,
    firm_number INTEGER,
    firm_step TEXT,
    ideal_date TEXT,
    ideal_number INTEGER,
    ideal_step TEXT,
    waiting_text TEXT,
    waiting_number INTEGER,
    waiting_step TEXT,
    problem TEXT,
    listing TEXT NOT NULL,
    summary_key TEXT NOT NULL,
    route_digest TEXT NOT NULL
);

CREATE TABLE history (
    reference TEXT NOT NULL,
    entry INTEGER NOT NULL,
    kind TEXT NOT NULL,
    day TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    step TEXT,
    event TEXT,
    note TEXT,
    target INTEGER,
    detail TEXT NOT NULL,
    PRIMARY KEY (reference, entry)
);

CREATE TABLE first_plans (
    reference TEXT PRIMARY KEY,
    plan TEXT NOT NULL
);
