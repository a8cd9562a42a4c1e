"""The plan's advice as a careful officer reads it (issue 15): what is next, how firm each
date is, every reading flagged, no invented contact, and one wording for plan and chart.

Each test runs `triage` on the shipped routes, in the formats the item concerns.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from routewise import cli

ANSWERS = Path(__file__).parent / "answers"
runner = CliRunner()


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "stdin_is_interactive", lambda: False)


def flat(text: str) -> str:
    return " ".join(text.split())


def triage(*args: str, output_format: str = "markdown") -> str:
    """A plan from the command line, as printed."""
    result = runner.invoke(
        cli.app, ["triage", *args, "--format", output_format], env={"COLUMNS": "100"}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def plan_json(*args: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(triage(*args, output_format="json"))
    return loaded


def calendar_events(tmp_path: Path, *args: str) -> list[Any]:
    target = tmp_path / "plan.ics"
    result = runner.invoke(
        cli.app, ["triage", *args, "--format", "ics", "--output", str(target), "--force"]
    )
    assert result.exit_code == 0, result.output
    return list(Calendar.from_ical(target.read_text(encoding="utf-8")).walk("VEVENT"))


# --- 2. "ideally" is shown wherever the date is ---------------------------------------------

DISPUTE_TOLD = (
    "--answers",
    str(ANSWERS / "dispute-officer-not-met.yaml"),
    "--event",
    "manager-told=2026-04-02",
)


def test_an_ideal_date_says_ideally_in_the_timeline_and_the_step() -> None:
    markdown = triage(*DISPUTE_TOLD)
    timeline = markdown.split("## Timeline", 1)[1].split("## ", 1)[0]
    assert "**ideally by Tue 7 Apr 2026** \u2014 step 4: Convene a meeting" in timeline
    assert "By: ideally within 2 days: ideally by Tue 7 Apr 2026" in markdown
    rich = flat(triage(*DISPUTE_TOLD, output_format="rich"))
    assert "ideally by Tue 7 Apr 2026 \u2014 step 4: Convene a meeting" in rich
    assert "By: ideally within 2 days: ideally by Tue 7 Apr 2026" in rich


def test_an_ideal_date_is_data_in_the_json_plan() -> None:
    steps = {s["id"]: s for s in plan_json(*DISPUTE_TOLD)["steps"]}
    meeting = steps["meeting"]["deadline"]
    assert meeting["firmness"] == "ideally"
    assert meeting["text"] == "ideally within 2 days: ideally by Tue 7 Apr 2026"
    assert all(
        s["deadline"]["firmness"] == "firm"
        for s in steps.values()
        if s["deadline"] and s["id"] != "meeting"
    )


def test_the_calendar_event_and_its_reminder_say_ideally(tmp_path: Path) -> None:
    (event,) = calendar_events(tmp_path, *DISPUTE_TOLD)
    assert "step 4, ideally by Tue 7 Apr 2026: Convene a meeting" in str(event["summary"])
    (alarm,) = event.walk("VALARM")
    assert str(alarm["description"]).startswith("Due ideally by Tue 7 Apr 2026: Convene")
    description = str(event["description"])
    assert "- ideally by Tue 7 Apr 2026 \u2014 step 4: Convene a meeting" in description


def test_a_firm_date_keeps_its_plain_wording(tmp_path: Path) -> None:
    (event,) = calendar_events(tmp_path, "--answers", str(ANSWERS / "information-provided.yaml"))
    assert "ideally" not in str(event["summary"]) + str(event["description"])
    (alarm,) = event.walk("VALARM")
    assert str(alarm["description"]).startswith("Due Wed 30 Dec 2026: Acknowledge")
