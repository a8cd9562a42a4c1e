"""A register a team shares, on an SQLite file and on PostgreSQL alike: who did what, two
people changing one case, `--mine`, and `routewise db status|upgrade|copy`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from case_helpers import Run, list_json, show_json
from typer.testing import Result

from routewise.register import cases
from tests.register_rows import is_server, rows

CASE = {
    "reference": "2026-007",
    "route": "officer-unprofessional-to-member",
    "raised": "2026-04-27",
    "answers": {"officer-post": "officer"},
}


@pytest.fixture(autouse=True)
def each_backend(on_each_backend: str) -> str:
    return on_each_backend


def meanwhile(monkeypatch: pytest.MonkeyPatch, *args: str, config: Path) -> None:
    """Once this command has read the case, someone else (another process, with `config`)
    runs `routewise ARGS` before this command writes."""
    read_case = cases.read_case
    done: list[bool] = []

    def read_then_someone_else(store: object, reference: str) -> cases.Case:
        case = read_case(store, reference)  # type: ignore[arg-type]
        if not done:
            done.append(True)
            other = subprocess.run(
                [sys.executable, "-m", "routewise", *args, "--config", str(config)],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert other.returncode == 0, other.stderr
        return case

    monkeypatch.setattr(cases, "read_case", read_then_someone_else)


@pytest.fixture
def alex(tmp_path: Path) -> Path:
    config = tmp_path / "alex.toml"
    config.write_text('user = "alex"\n', encoding="utf-8")
    return config


def test_appends_by_two_people_at_once_are_both_kept(
    run: Run, open_cases: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, alex: Path
) -> None:
    open_cases(CASE)
    meanwhile(monkeypatch, "case", "note", "2026-007", "Alex's note", config=alex)
    run("case", "record", "2026-007", "outcome=2026-05-01")
    history = show_json(run, "2026-007")["case"]["history"]
    assert [(e["kind"], e["recorded_by"]) for e in history] == [
        ("opened", "sam"),
        ("note", "alex"),
        ("event", "sam"),  # worked out again on the case as Alex left it, not lost
    ]


@pytest.mark.parametrize(
    "change",
    [
        ["close", "2026-007", "--reason", "Resolved"],
        ["answer", "2026-007", "officer-post=chief-executive"],
        ["correct", "2026-007", "1", "--reason", "Wrong"],
    ],
    ids=["close", "answer", "correct"],
)
def test_a_change_that_depends_on_what_was_read_is_refused_saying_who_and_when(
    run: Run,
    open_cases: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    alex: Path,
    change: list[str],
    each_backend: str,
) -> None:
    open_cases(CASE)
    run("case", "note", "2026-007", "Something to correct")
    if change[0] == "correct":
        change = [*change[:2], "2", *change[3:]]
    meanwhile(monkeypatch, "case", "note", "2026-007", "Alex's note", config=alex)
    before = rows(each_backend)
    result = run("case", *change, ok=False)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1
    alex_is = "alex (database user postgres)" if is_server(each_backend) else "alex"
    assert f"case '2026-007' was changed by {alex_is} at 20" in line
    assert "while this change was being made; nothing was recorded" in line
    assert "Look at it again (routewise case show 2026-007)" in line
    after = rows(each_backend)
    assert len(after["history"]) == len(before["history"]) + 1  # Alex's note, and only that


def test_who_did_what_is_the_person_and_on_a_server_the_database_user(
    run: Run, open_cases: Callable[..., Result], each_backend: str, alex: Path
) -> None:
    open_cases(CASE)
    run("case", "note", "2026-007", "By Alex", "--config", str(alex))
    history = show_json(run, "2026-007")["case"]["history"]
    db_user = "postgres" if is_server(each_backend) else None
    assert [(e["recorded_by"], e["db_user"]) for e in history] == [
        ("sam", db_user),
        ("alex", db_user),
    ]
    text = " ".join(run("case", "show", "2026-007", "--plain").stdout.split())
    if db_user:
        assert "by alex (database user postgres), 20" in text
    else:
        assert "by alex, 20" in text and "database user" not in text


def test_mine_lists_the_cases_the_person_running_it_owns(
    run: Run, open_cases: Callable[..., Result], alex: Path
) -> None:
    open_cases(CASE, {**CASE, "reference": "2026-008"}, {**CASE, "reference": "2026-009"})
    run("case", "assign", "2026-008", "alex")
    mine = list_json(run, "--mine")["cases"]
    assert [c["reference"] for c in mine] == ["2026-007", "2026-009"]  # sam's (the login)
    theirs = json.loads(
        run("case", "list", "--mine", "--format", "json", "--config", str(alex)).stdout
    )
    assert [c["reference"] for c in theirs["cases"]] == ["2026-008"]  # `user` from the config
    assert len(list_json(run)["cases"]) == 3  # without it, the whole team's
    both = run("case", "list", "--mine", "--owner", "sam", ok=False)
    assert both.exit_code == 2 and "--mine and --owner both choose an owner" in both.stderr


def test_db_status_says_where_which_version_and_how_many_cases(
    run: Run, open_cases: Callable[..., Result], each_backend: str
) -> None:
    open_cases(CASE)
    text = run("db", "status").stdout
    kind = "PostgreSQL database" if is_server(each_backend) else "SQLite file"
    assert f"Register: {each_backend} ({kind})" in text
    assert "Schema version: 2 (this routewise's is 2)" in text
    assert "Upgrade due: no" in text and "Cases: 1" in text
    data = json.loads(run("db", "status", "--format", "json").stdout)
    assert data["schema_version"] == 2 and data["cases"] == 1 and not data["upgrade_due"]
    assert data["database_user"] == ("postgres" if is_server(each_backend) else None)


def test_db_copy_moves_every_case_and_its_history_and_refuses_clashes(
    run: Run,
    open_cases: Callable[..., Result],
    each_backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    open_cases(CASE, {**CASE, "reference": "2026-008"})
    run("case", "note", "2026-007", "A note that goes across")
    run("case", "close", "2026-008", "--reason", "Done", "--on", "2026-05-01")
    if is_server(each_backend):  # from the team's database to a file
        target = str(tmp_path / "copy.sqlite3")
    else:  # from a personal file into the team's database
        server = request.getfixturevalue("postgres")
        target = server.url(server.new_database())
        from routewise.register.server_migrate import upgrade_server

        upgrade_server(target)
    done = run("db", "copy", "--to", target)
    assert "Copied 2 cases with 4 history entries from" in done.stdout
    assert "the counts were checked and match" in done.stdout
    assert "the target had no settings yet: it takes this register's" in done.stderr
    source, copied = rows(each_backend), rows(target)
    for table in ("cases", "history", "first_plans"):
        assert copied[table] == source[table], table
    on_target = {"ROUTEWISE_DATABASE": target}
    shown = json.loads(run("case", "show", "2026-007", "--format", "json", env=on_target).stdout)
    assert shown["case"]["history"][-1]["note"] == "A note that goes across"
    listed = json.loads(run("case", "list", "--all", "--format", "json", env=on_target).stdout)
    assert [c["stale"] for c in listed["cases"]] == [False, False]
    open_cases({**CASE, "reference": "2026-100"})
    again = run("db", "copy", "--to", target, ok=False)
    assert again.exit_code == 2
    assert "already holds 2 cases with the same reference: 2026-007, 2026-008" in again.stderr
    assert "nothing was copied" in again.stderr
    assert len(rows(target)["cases"]) == 2  # 2026-100 did not go across either
    same = run("db", "copy", "--to", each_backend, ok=False)
    assert "names this same register" in same.stderr


def test_db_upgrade_on_a_file_makes_or_upgrades_it_at_once(run: Run, each_backend: str) -> None:
    if is_server(each_backend):
        assert "is up to date (schema version 2)" in run("db", "upgrade").stdout
        return
    assert not os.path.exists(each_backend)
    assert "Made the case register in" in run("db", "upgrade").stdout
    assert "is up to date (schema version 2)" in run("db", "upgrade").stdout
    roles = run("db", "upgrade", "--user-role", "x", ok=False)
    assert "are for a register on PostgreSQL" in roles.stderr
