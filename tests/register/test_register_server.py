"""A team's register on PostgreSQL: the README's set-up and its roles, explicit upgrades,
deleting for real, and every way a connection fails, each in one line that never shows the
password. The server is the tests' own (tests/pg_server.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from routewise.cli.app import app
from routewise.register import database, migrate
from routewise.register.store import HOOKS
from tests.paths import ROOT
from tests.pg_server import SUPERUSER_PASSWORD, Server, free_port
from tests.register_rows import query, rows

CASE = {
    "reference": "2026-001",
    "route": "officer-unprofessional-to-member",
    "raised": "2026-04-27",
    "answers": {"officer-post": "officer"},
}
NOTE = "Quokka-7f3a9c said the meeting room smelt of burnt toast"
SECRET = "S3cret-Pa55%word"
"""A password no message may show (with a character that a URL writes as %25)."""


def cli(*args: str, env: dict[str, str]) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


def one_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("routewise: error: "), result.stderr
    return lines[0]


def import_cases(env: dict[str, str], tmp_path: Path, *cases: dict[str, object]) -> None:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(list(cases) or [CASE]), encoding="utf-8")
    result = cli("case", "import", str(path), env=env)
    assert result.exit_code == 0, result.output


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """No ROUTEWISE_ or PG settings from outside, and a home of the test's own (~/.pgpass)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ROUTEWISE_", "PG"))}
    home = tmp_path / "home"
    home.mkdir()
    return {**base, "HOME": str(home), "COLUMNS": "100"}


def readme_sql() -> list[str]:
    """The README's set-up: the roles, then the database (named `routewise` there)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Sharing a register with your team", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


@pytest.fixture(scope="session")
def team_roles(postgres: Server) -> Server:
    """The README's roles, made once on the tests' server (roles belong to the server), with
    passwords for the logins."""
    roles = readme_sql()[0]
    statements = [s for s in roles.split(";") if s.strip() and "routewise_admin NOLOGIN" not in s]
    postgres.execute(*statements)  # the admin role is made with the server (tests/pg_server.py)
    postgres.execute("ALTER ROLE alice PASSWORD 'alice-pw'", "ALTER ROLE dana PASSWORD 'dana-pw'")
    return postgres


@pytest.fixture
def team(team_roles: Server) -> str:
    """A database made as the README says, under a name of its own."""
    name = f"team_{os.getpid()}_{len(team_roles.execute('SELECT 1 FROM pg_database'))}"
    made = readme_sql()[1].replace("routewise", name).replace(f"{name}_", "routewise_")
    team_roles.execute(*[s for s in made.split(";") if s.strip()])
    return name


def test_the_readme_set_up_gives_each_person_what_they_need_and_no_more(
    team_roles: Server, team: str, env: dict[str, str], tmp_path: Path
) -> None:
    dana = {**env, "ROUTEWISE_DATABASE": team_roles.url(team, "dana")}
    alice = {**env, "ROUTEWISE_DATABASE": team_roles.url(team, "alice")}
    assert "holds no routewise case register yet" in one_line(cli("case", "list", env=alice))
    made = cli("db", "upgrade", "--user-role", "routewise_user", env=dana)
    assert made.exit_code == 0, made.output
    assert "Made the case register in" in made.stdout and "(schema version 2)" in made.stdout
    owners = team_roles.execute(
        "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'", database=team
    )
    assert owners == [("routewise_admin",)]  # the admin role owns the tables, not dana
    import_cases(alice, tmp_path, CASE, {**CASE, "reference": "2026-002"})
    assert cli("case", "note", "2026-001", NOTE, env=alice).exit_code == 0
    closed = cli("case", "close", "2026-002", "--reason", "Done", "--on", "2026-05-01", env=alice)
    assert closed.exit_code == 0
    settings = one_line(cli("case", "settings", "--warn-days", "5", env=alice))
    assert "the database user may not do this" in settings and "permission denied" in settings
    purge = one_line(cli("case", "purge", "--closed-before", "2026-06-01", "--yes", env=alice))
    assert "only a member of the register's admin role routewise_admin may purge" in purge
    assert "'alice' is not one" in purge or "alice is not one" in purge
    purged = cli("case", "purge", "--closed-before", "2026-06-01", "--yes", env=dana)
    assert purged.exit_code == 0, purged.output
    shown = json.loads(cli("case", "show", "2026-001", "--format", "json", env=dana).stdout)
    assert [e["db_user"] for e in shown["case"]["history"]] == ["alice", "alice"]
    text = cli("case", "show", "2026-001", "--plain", env=dana).stdout
    assert "(database user alice)" in " ".join(text.split())
    log = team_roles.execute(
        "SELECT kind, db_user, detail FROM register_log ORDER BY entry", database=team
    )
    assert log[-1][:2] == ("purge", "dana") and json.loads(log[-1][2])["cases"] == 1
    deleted = cli("case", "delete", "2026-001", "--yes", env=alice)
    assert deleted.exit_code == 0, deleted.output
    if team_roles.execute("SHOW server_version_num")[0][0] >= "170000":
        assert deleted.stderr == ""  # MAINTAIN was granted: alice's VACUUM FULL ran
        assert not found_in_table_files(team_roles, team, NOTE)
    else:
        assert "did not let alice vacuum the tables" in deleted.stderr


def found_in_table_files(server: Server, name: str, text: str) -> list[Path]:
    server.execute("CHECKPOINT")  # every page written to its file
    return [p for p in server.data_files(name) if text.encode() in p.read_bytes()]


@pytest.mark.parametrize("how", ["delete", "purge"])
def test_deleted_text_is_in_no_table_file_of_the_database(
    postgres: Server, env: dict[str, str], tmp_path: Path, how: str
) -> None:
    name = postgres.new_database()
    env = {**env, "ROUTEWISE_DATABASE": postgres.url(name)}
    assert cli("db", "upgrade", env=env).exit_code == 0
    import_cases(env, tmp_path, CASE, {**CASE, "reference": "2026-002"})
    for _ in range(3):
        assert cli("case", "note", "2026-001", NOTE, env=env).exit_code == 0
    assert found_in_table_files(postgres, name, NOTE)  # it is there to begin with
    if how == "delete":
        done = cli("case", "delete", "2026-001", "--yes", env=env)
    else:
        cli("case", "close", "2026-001", "--reason", "Over", "--on", "2026-05-01", env=env)
        done = cli("case", "purge", "--closed-before", "2026-06-01", "--yes", env=env)
    assert done.exit_code == 0 and done.stderr == "", done.output
    assert found_in_table_files(postgres, name, NOTE) == []
    assert cli("case", "show", "2026-002", env=env).exit_code == 0  # the other is intact
    kind, detail = postgres.execute(
        "SELECT kind, detail FROM register_log ORDER BY entry DESC LIMIT 1", database=name
    )[0]
    assert kind == how and NOTE not in detail and "2026-001" not in detail


@pytest.fixture
def version_1(tmp_path: Path) -> Path:
    """The migrations of a routewise whose schema was version 1."""
    folder = tmp_path / "migrations-v1"
    folder.mkdir()
    for path in migrate.MIGRATIONS.glob("0001*"):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_upgrades_are_explicit_and_an_older_register_is_left_alone_until_then(
    postgres: Server, env: dict[str, str], version_1: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = postgres.new_database()
    env = {**env, "ROUTEWISE_DATABASE": postgres.url(name)}
    from routewise.register.server_migrate import upgrade_server

    with monkeypatch.context() as older:  # made by a routewise of schema version 1
        older.setattr(migrate, "MIGRATIONS", version_1)
        older.setattr(database, "SCHEMA_VERSION", 1)
        assert upgrade_server(postgres.url(name)) == (None, 1)
    line = one_line(cli("case", "list", env=env))
    assert "is at register version 1 and this routewise needs version 2" in line
    assert "runs `routewise db upgrade`" in line
    before = query(postgres.url(name), "SELECT value FROM register_meta")
    assert before == [("1",)]  # nothing was changed
    status = cli("db", "status", env=env)
    assert "Schema version: 1 (this routewise's is 2)" in status.stdout
    assert "Upgrade due: yes: the database's administrator runs `routewise db upgrade`" in (
        status.stdout
    )
    upgraded = cli("db", "upgrade", env=env)
    assert "from schema version 1 to 2" in upgraded.stdout
    assert "Upgrade due: no" in cli("db", "status", env=env).stdout
    assert "up to date" in cli("db", "upgrade", env=env).stdout


SLOW_UPGRADE = """
import sys
from pathlib import Path
from routewise.register import database, migrate
from routewise.register.server_migrate import upgrade_server
migrate.MIGRATIONS = Path(sys.argv[2])
database.SCHEMA_VERSION = 3
print(upgrade_server(sys.argv[1]))
"""

MIGRATION_3 = '''\
"""A third schema version, for the tests: slow, so that two upgrades overlap."""
from yoyo import step

steps = [
    step("DO $$ BEGIN PERFORM pg_sleep(1); END $$"),
    step("INSERT INTO register_meta (name, value) VALUES ('third', 'ran')"),
    step("UPDATE register_meta SET value = '3' WHERE name = 'schema_version'"),
]
'''


def test_two_upgrades_at_once_are_taken_one_after_the_other(
    postgres: Server, env: dict[str, str], tmp_path: Path
) -> None:
    name = postgres.new_database()
    folder = tmp_path / "migrations-v3"
    folder.mkdir()
    for path in migrate.MIGRATIONS.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "0003.slow.py").write_text(MIGRATION_3, encoding="utf-8")
    both = [
        subprocess.Popen(
            [sys.executable, "-c", SLOW_UPGRADE, postgres.url(name), str(folder)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in both]
    assert [p.returncode for p in both] == [0, 0], outputs
    assert sorted(out.strip() for out, _ in outputs) == ["(3, 3)", "(None, 3)"]
    applied = postgres.execute("SELECT migration_id FROM _yoyo_migration", database=name)
    assert sorted(a[0] for a in applied) == ["0001.register", "0002.team", "0003.slow"]
    third = postgres.execute("SELECT value FROM register_meta WHERE name = 'third'", database=name)
    assert third == [("ran",)]


@pytest.fixture
def own_server() -> Iterator[Server]:
    """A server of this test's own, to stop in the middle of a command."""
    server = Server()
    try:
        yield server
    finally:
        HOOKS.before_commit = None
        server.close()


def test_the_server_stopping_in_the_middle_of_a_command_loses_nothing_half_written(
    own_server: Server, env: dict[str, str], tmp_path: Path
) -> None:
    name = own_server.new_database()
    url = own_server.url(name)
    env = {**env, "ROUTEWISE_DATABASE": url}
    assert cli("db", "upgrade", env=env).exit_code == 0
    import_cases(env, tmp_path)
    before = rows(url)
    HOOKS.before_commit = lambda: own_server.stop("fast")  # the entry is written, not committed
    line = one_line(cli("case", "note", "2026-001", "Half-written note", env=env))
    HOOKS.before_commit = None
    assert "the connection to the server was lost" in line and "nothing was recorded" in line
    refused = one_line(cli("case", "list", env=env))  # while it is down
    assert "nothing answers" in refused or "cannot connect" in refused
    own_server.start()
    assert rows(url) == before
    assert cli("case", "note", "2026-001", "Written whole", env=env).exit_code == 0
    assert len(rows(url)["history"]) == len(before["history"]) + 1


def test_the_password_is_taken_from_libpq_s_own_places(
    postgres: Server, env: dict[str, str], tmp_path: Path
) -> None:
    name = postgres.new_database()
    url = postgres.tcp_url(name)  # over TCP the server asks for the password
    env = {**env, "ROUTEWISE_DATABASE": url}
    assert "asks for a password and none was given" in one_line(cli("db", "status", env=env))
    with_variable = cli("db", "status", env={**env, "PGPASSWORD": SUPERUSER_PASSWORD})
    assert with_variable.exit_code == 0, with_variable.output
    pgpass = Path(env["HOME"]) / ".pgpass"
    pgpass.write_text(f"127.0.0.1:{postgres.port}:*:postgres:{SUPERUSER_PASSWORD}\n")
    pgpass.chmod(0o600)
    assert cli("db", "status", env=env).exit_code == 0
    pgpass.unlink()
    services = tmp_path / "services.conf"
    services.write_text(
        f"[team]\nhost=127.0.0.1\nport={postgres.port}\ndbname={name}\nuser=postgres\n"
        f"password={SUPERUSER_PASSWORD}\n",
        encoding="utf-8",
    )
    by_service = {
        **env,
        "ROUTEWISE_DATABASE": "postgresql://",
        "PGSERVICE": "team",
        "PGSERVICEFILE": str(services),
    }
    status = cli("db", "status", env=by_service)
    assert status.exit_code == 0, status.output
    assert "Database user: postgres" in status.stdout


def test_each_failed_connection_is_one_line_and_never_shows_the_password(
    postgres: Server, env: dict[str, str]
) -> None:
    name = postgres.new_database()
    postgres.execute(f"CREATE ROLE carol LOGIN PASSWORD '{SECRET}'")
    secret = SECRET.replace("%", "%25")
    bad = f"postgresql://carol:wrong-{secret}@127.0.0.1:{postgres.port}/{name}"
    cases = {
        "bad password": (bad, "the server refused the password for carol"),
        "unknown host": (
            f"postgresql://carol:{secret}@no-such-host.invalid/{name}?sslmode=disable",
            "the host no-such-host.invalid is unknown",
        ),
        "refused": (
            f"postgresql://carol:{secret}@127.0.0.1:{free_port()}/{name}",
            "nothing answers at 127.0.0.1 (connection refused)",
        ),
        "missing database": (
            f"postgresql://carol:{secret}@127.0.0.1:{postgres.port}/no_such_db",
            "the server has no such database",
        ),
        "a password libpq cannot decode (libpq quotes it)": (
            f"postgresql://carol:{secret}%zz@127.0.0.1:{postgres.port}/{name}",
            "is not a connection string libpq reads",
        ),
        "a parameter libpq does not know": (
            f"postgresql://carol:{secret}@127.0.0.1:{postgres.port}/{name}?colour=blue",
            "is not a connection string libpq reads",
        ),
    }
    for label, (url, said) in cases.items():
        for args in (["case", "list"], ["db", "status", "--format", "json"]):
            result = cli(*args, env={**env, "ROUTEWISE_DATABASE": url})
            line = one_line(result)
            assert said in line, (label, line)
            for form in (SECRET, secret, f"wrong-{secret}", "wrong-"):
                assert form not in result.output, (label, result.output)
            assert "***" in line or "carol@" in line, (label, line)


def test_no_output_log_or_json_shows_a_password_the_url_holds(
    postgres: Server, env: dict[str, str], tmp_path: Path
) -> None:
    name = postgres.new_database()
    postgres.execute(f"CREATE ROLE erin LOGIN SUPERUSER PASSWORD '{SECRET}'")
    secret = SECRET.replace("%", "%25")
    url = f"postgresql://erin:{secret}@127.0.0.1:{postgres.port}/{name}"
    env = {**env, "ROUTEWISE_DATABASE": url}
    config = tmp_path / "config.toml"
    config.write_text(f'database = "{url}"\n', encoding="utf-8")
    results = [cli("db", "upgrade", env=env)]
    import_cases(env, tmp_path)
    copy_to = tmp_path / "copy.sqlite3"
    results += [
        cli("db", "status", env=env),
        cli("db", "status", "--format", "json", env=env),
        cli("case", "list", "--format", "json", env=env),
        cli("case", "show", "2026-001", "--format", "json", env=env),
        cli("case", "settings", env=env),
        cli("config", "show", "--config", str(config), env=env),
        cli("db", "copy", "--to", str(copy_to), env=env),
        cli("case", "show", "NO-SUCH", env=env),
    ]
    for result in results:
        assert SECRET not in result.output and secret not in result.output, result.output
    assert "erin:***@127.0.0.1" in results[1].stdout
    assert json.loads(results[2].stdout)["where"].startswith("postgresql://erin:***@")
    everything = json.dumps(rows(url), default=str) + copy_to.read_bytes().decode(errors="replace")
    assert SECRET not in everything and secret not in everything


def test_without_the_postgres_extra_a_url_gets_one_line_naming_it(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = textwrap.dedent(
        """
        import sys
        sys.modules["psycopg"] = None  # as if routewise[postgres] were not installed
        from routewise.cli import app, process
        sys.exit(process.run(app.app, ["case", "list"]))
        """
    )
    env = {**env, "ROUTEWISE_DATABASE": "postgresql://someone@db.example.test/routewise"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "routewise: error: a PostgreSQL register needs routewise's postgres extra: "
        'pip install "routewise[postgres]"'
    )


def test_a_case_command_on_postgresql_loads_psycopg_and_no_migrations(
    postgres: Server, env: dict[str, str], tmp_path: Path
) -> None:
    name = postgres.new_database()
    env = {**env, "ROUTEWISE_DATABASE": postgres.url(name)}
    assert cli("db", "upgrade", env=env).exit_code == 0
    import_cases(env, tmp_path)
    code = (
        "import sys, json\n"
        "from routewise.cli import app, process\n"
        "code = process.run(app.app, ['case', 'list', '--format', 'json'])\n"
        "print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    exit_code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    assert exit_code == 0 and "psycopg" in modules
    assert not {"yoyo", "routewise.register.server_migrate", "routewise.engine.assemble"} & set(
        modules
    )
