"""Bad input to the case commands: one line, exit 2, and nothing recorded."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from case_helpers import Run, show_json
from typer.testing import Result


@pytest.fixture(autouse=True)
def each_backend(on_each_backend: str) -> str:
    """Every test here runs on an SQLite file and on a PostgreSQL database alike."""
    return on_each_backend


CASE = {
    "reference": "2026-007",
    "route": "officer-unprofessional-to-member",
    "raised": "2026-04-27",
    "answers": {"officer-post": "officer"},
}


@pytest.fixture
def opened(run: Run, open_cases: Callable[..., Result]) -> None:
    open_cases(CASE, {**CASE, "reference": "2026-008"}, {**CASE, "reference": "HR-12"})


def refused(run: Run, *args: str) -> str:
    result = run(*args, ok=False)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("routewise: error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def history_length(run: Run) -> int:
    return len(show_json(run, "2026-007")["case"]["history"])


@pytest.mark.usefixtures("opened")
def test_an_unknown_reference_names_the_closest(run: Run) -> None:
    line = refused(run, "case", "note", "2026-07", "hello")
    assert "no case '2026-07'" in line
    assert "Did you mean: 2026-007" in line
    assert "HR-12" not in line


@pytest.mark.usefixtures("opened")
def test_opening_a_reference_that_exists_is_refused(
    run: Run, open_cases: Callable[..., Result]
) -> None:
    result = open_cases(CASE, ok=False)
    assert result.exit_code == 2
    assert "case 1 (2026-007): reference: the register already has this case" in result.stderr
    assert history_length(run) == 1


@pytest.mark.usefixtures("opened")
def test_an_event_the_route_does_not_count_from_lists_the_valid_ids(run: Run) -> None:
    line = refused(run, "case", "record", "2026-007", "manager-told=2026-05-01")
    assert "counts no period from such an event" in line
    assert "Its events: outcome" in line
    assert history_length(run) == 1


@pytest.mark.usefixtures("opened")
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["record", "2026-007", "outcome=2026-04-26"],
            "is before the date raised, Mon 27 Apr 2026",
        ),
        (["record", "2026-007", "outcome=2026-07-01"], "Wed 1 Jul 2026 is in the future"),
        (["done", "2026-007", "2", "--on", "2026-04-01"], "before the date raised"),
        (["done", "2026-007", "2", "--on", "2027-01-01"], "is in the future"),
        (["pause", "2026-007", "--reason", "r", "--on", "2026-12-01"], "is in the future"),
        (["close", "2026-007", "--reason", "r", "--on", "2026-01-01"], "before the date raised"),
        (["record", "2026-007", "outcome=31/02/2026"], "is not a real date"),
    ],
)
def test_dates_before_raised_or_in_the_future_are_refused(
    run: Run, args: list[str], said: str
) -> None:
    assert said in refused(run, "case", *args)
    assert history_length(run) == 1


@pytest.mark.usefixtures("opened")
def test_a_step_not_in_the_plan_is_refused(run: Run) -> None:
    line = refused(run, "case", "done", "2026-007", "4")
    assert "step '4' is not in the plan" in line
    assert "Its steps: 1 (raise), 2 (address), 3 (feedback)" in line
    assert "step 'meet'" in refused(
        run, "case", "extend", "2026-007", "meet", "--to", "2026-06-01", "--reason", "x"
    )
    assert history_length(run) == 1


@pytest.mark.usefixtures("opened")
def test_closing_a_closed_case_and_reopening_an_open_one_are_refused(run: Run) -> None:
    assert "is open; only a closed case can be reopened" in refused(
        run, "case", "reopen", "2026-007"
    )
    run("case", "close", "2026-007", "--reason", "Resolved", "--on", "2026-05-20")
    assert "already closed (on Wed 20 May 2026)" in refused(
        run, "case", "close", "2026-007", "--reason", "again"
    )
    line = refused(run, "case", "record", "2026-007", "outcome=2026-05-01")
    assert "is closed (on Wed 20 May 2026)" in line and "routewise case reopen 2026-007" in line
    run("case", "reopen", "2026-007")
    run("case", "record", "2026-007", "outcome=2026-05-01")
    assert [e["kind"] for e in show_json(run, "2026-007")["case"]["history"]] == [
        "opened",
        "close",
        "reopen",
        "event",
    ]


@pytest.mark.usefixtures("opened")
def test_recording_an_event_twice_points_to_correcting_the_first(run: Run) -> None:
    run("case", "record", "2026-007", "outcome=2026-05-01")
    line = refused(run, "case", "record", "2026-007", "outcome=2026-05-04")
    assert "already recorded" in line and "routewise case correct 2026-007 2" in line


@pytest.mark.usefixtures("opened")
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["note", "2026-007", "   "], "the note is empty"),
        (["pause", "2026-007", "--reason", ""], "the reason is empty"),
        (["assign", "2026-007", "sam\x1b[31m"], "control character"),
        (["correct", "2026-007", "1", "--reason", "x"], "cannot be marked entered in error"),
        (["correct", "2026-007", "9", "--reason", "x"], "has no entry 9"),
        (["resume", "2026-007"], "is not paused"),
        (["record", "2026-007", "outcome"], "expected ID=DATE"),
        (["answer", "2026-007", "officer-post=manager"], "is not one of the choices"),
        (["answer", "2026-007", "officer-post=officer"], "already has; nothing changed"),
        (["answer", "2026-007", "mood=calm"], "has no such question"),
    ],
)
def test_other_bad_input_is_one_line(run: Run, args: list[str], said: str) -> None:
    assert said in refused(run, "case", *args)
    assert history_length(run) == 1


def test_a_command_on_no_register_says_how_to_start_one(
    run: Run, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    if "postgresql" in request.node.name:  # a database no `db upgrade` has made a register in
        server = request.getfixturevalue("postgres")
        monkeypatch.setenv("ROUTEWISE_DATABASE", server.url(server.new_database()))
        for args in (["show", "2026-007"], ["list"]):
            line = refused(run, "case", *args)
            assert "holds no routewise case register yet" in line
            assert "runs `routewise db upgrade`" in line
        return
    monkeypatch.setenv("ROUTEWISE_DATABASE", str(Path(os.environ["XDG_DATA_HOME"]) / "r.sqlite3"))
    line = refused(run, "case", "show", "2026-007")
    assert "there is no case register yet" in line and "--case REF" in line
    listing = run("case", "list")
    assert "No cases yet" in listing.stdout
