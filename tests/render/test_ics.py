"""Calendar export: parse the file back and check each event's date and summary."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from routewise.cli import app as cli
from tests.paths import ANSWERS

runner = CliRunner()


def events(path: Path) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return [
        {
            "date": e.decoded("dtstart"),
            "end": e.decoded("dtend"),
            "summary": str(e.get("summary")),
            "description": str(e.get("description")),
            "uid": str(e.get("uid")),
        }
        for e in calendar.walk("VEVENT")
    ]


def test_one_all_day_event_per_dated_deadline(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--answers",
            str(ANSWERS / "officer-concern-officer.yaml"),
            "--event",
            "outcome=2026-12-23",
            "--format",
            "ics",
            "--output",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    found = events(target)
    assert len(found) == 1
    event = found[0]
    assert event["date"] == date(2027, 1, 4)
    assert event["end"] == date(2027, 1, 5)
    assert (
        event["summary"]
        == "An officer's general concern about a member, step 7 (should): Give feedback on the outcome."
    )
    assert "Who: whoever is dealing with the matter" in str(event["description"])
    assert "Contact: the member; the officer" in str(event["description"])
    assert "By: within five working days of the outcome: by Mon 4 Jan 2027" in str(
        event["description"]
    )
    assert target.stat().st_mode & 0o777 == 0o600
    text = target.read_text()
    assert text.startswith("BEGIN:VCALENDAR") and "VERSION:2.0" in text and "PRODID:" in text


def test_plan_without_dates_gives_an_empty_calendar(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    runner.invoke(
        cli.app,
        [
            "triage",
            "--answers",
            str(ANSWERS / "member-criticism-in-meeting.yaml"),
            "--format",
            "ics",
            "--output",
            str(target),
        ],
    )
    assert events(target) == []


def test_ics_needs_an_output_file() -> None:
    result = runner.invoke(
        cli.app,
        ["triage", "--answers", str(ANSWERS / "information-provided.yaml"), "--format", "ics"],
    )
    assert result.exit_code == 2 and "--output" in result.output


def test_saved_json_plan_exports_to_ics_and_markdown(tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    runner.invoke(
        cli.app,
        [
            "triage",
            "--answers",
            str(ANSWERS / "information-provided.yaml"),
            "--format",
            "json",
            "--output",
            str(saved),
        ],
    )
    target = tmp_path / "plan.ics"
    result = runner.invoke(
        cli.app, ["export", str(saved), "--format", "ics", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    (event,) = events(target)
    assert event["date"] == date(2026, 12, 30)
    assert str(event["summary"]).startswith(
        "A member's request for information, step 2: Acknowledge"
    )
    markdown = runner.invoke(cli.app, ["export", str(saved)]).output
    assert markdown.startswith("# Action plan: A member's request for information")
    again = runner.invoke(cli.app, ["export", str(saved), "--format", "json"]).output
    assert json.loads(again) == json.loads(saved.read_text())


def test_export_rejects_a_file_that_is_not_a_plan(tmp_path: Path) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text('{"route": 3}')
    result = runner.invoke(cli.app, ["export", str(bad)])
    assert result.exit_code == 2
    assert "not a routewise JSON plan" in result.output


@pytest.mark.parametrize(
    ("answers", "has_events"),
    [
        # The dispute's meeting counts from when the manager is told, not yet known: no dates.
        ("dispute-officer-met.yaml", False),
        ("information-provided.yaml", True),
    ],
)
def test_a_calendar_with_no_events_says_so(tmp_path: Path, answers: str, has_events: bool) -> None:
    target = tmp_path / "plan.ics"
    args = [
        "triage",
        "--answers",
        str(ANSWERS / answers),
        "--format",
        "ics",
        "--output",
        str(target),
    ]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    assert ("BEGIN:VEVENT" in target.read_text(encoding="utf-8")) == has_events
    warned = "routewise: warning: the calendar file has no events" in result.output
    assert warned == (not has_events)
    assert not has_events or "warning" not in result.output


def test_the_output_file_s_extension_chooses_the_format(tmp_path: Path) -> None:
    """`--output plan.ics` alone is a calendar (it used to be markdown a calendar app refuses),
    `.json` is JSON, anything else markdown; `--format` still wins, with a warning."""
    answers = str(ANSWERS / "information-provided.yaml")
    for name in ("plan.ics", "plan.json", "plan.md", "plan.txt"):
        result = runner.invoke(
            cli.app, ["triage", "--answers", answers, "--output", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
    assert len(events(tmp_path / "plan.ics")) == 1
    assert json.loads((tmp_path / "plan.json").read_text())["route"] == "member-information-request"
    for name in ("plan.md", "plan.txt"):
        assert (tmp_path / name).read_text().startswith("# Action plan:")
    exported = tmp_path / "again.ics"
    result = runner.invoke(
        cli.app, ["export", str(tmp_path / "plan.json"), "--output", str(exported)]
    )
    assert result.exit_code == 0 and len(events(exported)) == 1
    asked = tmp_path / "asked.ics"
    result = runner.invoke(
        cli.app, ["triage", "--answers", answers, "--format", "markdown", "--output", str(asked)]
    )
    assert result.exit_code == 0
    assert asked.read_text().startswith("# Action plan:")
    assert "routewise: warning: " in result.output and "a calendar file" in result.output
