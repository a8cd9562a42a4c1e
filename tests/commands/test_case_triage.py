"""`triage --case REF` saves the plan as a case; the wizard offers to at its end."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from case_helpers import Run, list_json, show_json
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from routewise.commands import common
from routewise.commands import triage as triage_command
from tests.paths import ANSWERS

DOWN, ENTER, CLEAR_LINE = "\x1b[B", "\r", "\x15"
INFORMATION = DOWN * 4 + ENTER + ENTER + "21/06/2026" + ENTER + ENTER  # to the plan
ANSWERS_FILE = str(ANSWERS / "information-provided.yaml")


def test_triage_case_saves_the_plan_as_a_case_before_printing_it(run: Run) -> None:
    result = run(
        "triage",
        "--answers",
        ANSWERS_FILE,
        "--raised",
        "2026-06-22",
        "--case",
        "2026-007",
        "--format",
        "json",
    )
    printed = json.loads(result.stdout)
    assert "Saved as case 2026-007 in the case register" in result.stderr
    assert "routewise case record 2026-007 ID=DATE" in result.stderr
    shown = show_json(run, "2026-007")
    assert shown["case"]["first_plan"]["steps"] == printed["steps"]
    assert shown["case"]["history"][0]["detail"]["source"] == "triage"
    assert shown["steps"][1]["deadline"]["date"] == printed["steps"][1]["deadline"]["date"]
    assert [c["reference"] for c in list_json(run)["cases"]] == ["2026-007"]


def test_triage_case_with_a_reference_taken_prints_nothing_and_changes_nothing(run: Run) -> None:
    run("triage", "--answers", ANSWERS_FILE, "--raised", "2026-06-22", "--case", "2026-007")
    again = run(
        "triage",
        "--answers",
        ANSWERS_FILE,
        "--raised",
        "2026-06-23",
        "--case",
        "2026-007",
        ok=False,
    )
    assert again.exit_code == 2 and again.stdout == ""
    assert "case '2026-007' already exists; nothing was recorded" in again.stderr
    assert show_json(run, "2026-007")["raised"] == "2026-06-22"


def test_triage_case_refuses_a_date_raised_in_the_future(run: Run) -> None:
    result = run(
        "triage", "--answers", ANSWERS_FILE, "--raised", "2026-07-01", "--case", "X", ok=False
    )
    assert result.exit_code == 2 and "is in the future, so the plan was not saved" in result.stderr
    assert list_json(run, "--all")["cases"] == []


def test_triage_case_names_the_calendar_events(run: Run, tmp_path: Path) -> None:
    calendar = tmp_path / "plan.ics"
    run(
        "triage",
        "--answers",
        ANSWERS_FILE,
        "--raised",
        "2026-06-22",
        "--case",
        "HR-12",
        "--output",
        str(calendar),
    )
    assert "SUMMARY:HR-12: A member's request for information" in calendar.read_text(
        encoding="utf-8"
    )
    assert show_json(run, "HR-12")["case"]["reference"] == "HR-12"


# --- the wizard ----------------------------------------------------------------------------


@contextmanager
def keyboard(keys: str) -> Iterator[None]:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            yield


class Today(date):
    @classmethod
    def today(cls) -> Today:
        return cls(2026, 6, 30)


@pytest.fixture
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: True)
    monkeypatch.setattr(triage_command, "date", Today)


@pytest.mark.usefixtures("a_terminal")
def test_the_wizard_offers_the_next_free_reference_and_says_what_to_do_next(run: Run) -> None:
    with keyboard(INFORMATION + "n" + "y" + ENTER):  # no file; a case, as suggested
        result = run("triage")
    assert "Saved as case 2026-001 in the case register" in result.stderr
    assert "routewise case record 2026-001 ID=DATE" in result.stderr
    data = show_json(run, "2026-001")
    assert data["raised"] == "2026-06-21"
    assert data["case"]["history"][0]["detail"]["source"] == "wizard"
    with keyboard(INFORMATION + "n" + "y" + ENTER):
        second = run("triage")
    assert "Saved as case 2026-002" in second.stderr  # the next free one


@pytest.mark.usefixtures("a_terminal")
def test_the_wizard_refuses_a_taken_reference_as_it_is_typed(run: Run) -> None:
    with keyboard(INFORMATION + "n" + "y" + ENTER):
        run("triage")
    keys = INFORMATION + "n" + "y" + CLEAR_LINE + "2026-001" + ENTER + CLEAR_LINE + "HR 7" + ENTER
    with keyboard(keys):
        result = run("triage")
    assert "Saved as case HR 7" in result.stderr
    assert sorted(c["reference"] for c in list_json(run)["cases"]) == ["2026-001", "HR 7"]


@pytest.mark.usefixtures("a_terminal")
def test_the_wizard_saves_nothing_when_told_no(run: Run) -> None:
    with keyboard(INFORMATION + "n" + "n"):
        result = run("triage")
    assert "Saved as case" not in result.stderr
    assert "No cases yet" in run("case", "list").stdout


@pytest.mark.usefixtures("a_terminal")
def test_the_wizard_with_case_saves_without_asking(run: Run) -> None:
    with keyboard(INFORMATION + "n"):  # the file question only
        result = run("triage", "--case", "2026-050")
    assert "Saved as case 2026-050" in result.stderr
    assert show_json(run, "2026-050")["case"]["history"][0]["detail"]["source"] == "wizard"
