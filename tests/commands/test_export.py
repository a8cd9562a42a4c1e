"""Saved plans: the current format reads back; other versions get a message that says why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from routewise.cli import app as cli
from tests.paths import TESTS

runner = CliRunner()
HERE = TESTS


def save_plan(folder: Path) -> Path:
    saved = folder / "plan.json"
    answers = HERE / "answers" / "information-provided.yaml"
    args = ["triage", "--answers", str(answers), "--format", "json", "--output", str(saved)]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    return saved


def test_a_plan_saved_now_exports_to_markdown(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["export", str(save_plan(tmp_path))])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Action plan: A member's request for information")


def test_a_plan_from_before_format_versions_says_to_run_the_triage_again() -> None:
    result = runner.invoke(
        cli.app, ["export", str(HERE / "plans" / "information-provided-v1.json")]
    )
    assert result.exit_code == 2
    assert "saved by an earlier routewise" in result.output
    assert "run the triage again" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_plan_saved_in_format_2_still_exports(tmp_path: Path) -> None:
    """Format 3 changed a citation's paragraph (a number, now the clause as written) and a
    done step (a date, now {date, reason}): a plan saved before reads as it did."""
    saved = HERE / "plans" / "information-provided-v2.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["schema_version"] == 2
    result = runner.invoke(cli.app, ["export", str(saved)])
    assert result.exit_code == 0, result.output
    assert "   - Done: Mon 21 Dec 2026 (the date raised)" in result.stdout
    assert "officers\u201d, \u00b6\u00a01\n" in result.stdout
    again = runner.invoke(cli.app, ["export", str(saved), "--format", "json"])
    data = json.loads(again.stdout)
    assert data["schema_version"] == 4 and data["raised_label"] == "Date raised"
    assert data["steps"][0]["done"] == {
        "date": "2026-12-21",
        "reason": "the date raised",
        "event": None,
    }
    assert data["steps"][0]["source"]["paragraph"] == "1"
    assert [s["paragraph"] for s in data["sources"]] == [None, "1", "2"]


def test_a_plan_saved_in_format_3_still_exports(tmp_path: Path) -> None:
    """Format 4 added a citation's `also`, a plan's `made_on`, a deadline's `passed` and a
    done step's `event`: a plan saved in format 3 (by routewise before them, the file made
    by main at issue 21) reads with none of them and marks no date passed, since it records
    no day it was made."""
    saved = HERE / "plans" / "information-undecided-v3.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["schema_version"] == 3
    result = runner.invoke(cli.app, ["export", str(saved)])
    assert result.exit_code == 0, result.output
    assert "   - Done: Mon 21 Dec 2026 (the date raised)" in result.stdout
    assert "within 5 working days: by Wed 30 Dec 2026" in result.stdout
    assert "Plan made" not in result.stdout and "this date has passed" not in result.stdout
    again = runner.invoke(cli.app, ["export", str(saved), "--format", "json"])
    assert again.exit_code == 0, again.output
    data = json.loads(again.stdout)
    assert data["schema_version"] == 4 and data["made_on"] is None
    assert data["steps"][0]["done"] == {
        "date": "2026-12-21",
        "reason": "the date raised",
        "event": None,
    }
    assert data["steps"][1]["deadline"]["passed"] is False
    assert data["steps"][1]["source"]["paragraph"] == "2"
    assert data["steps"][1]["source"]["also"] == []
    calendar = tmp_path / "plan.ics"
    ics = runner.invoke(cli.app, ["export", str(saved), "--output", str(calendar)])
    assert ics.exit_code == 0, ics.output
    assert "DTSTART;VALUE=DATE:20261230" in calendar.read_text(encoding="utf-8")


def test_a_plan_from_a_newer_routewise_says_to_upgrade(tmp_path: Path) -> None:
    saved = save_plan(tmp_path)
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["schema_version"] = 99
    saved.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(cli.app, ["export", str(saved)])
    assert result.exit_code == 2
    assert "plan format 99" in result.output and "upgrade routewise" in result.output


def _tampered(folder: Path, change: Any) -> Any:
    saved = save_plan(folder)
    data = json.loads(saved.read_text(encoding="utf-8"))
    change(data)
    saved.write_text(json.dumps(data), encoding="utf-8")
    return runner.invoke(cli.app, ["export", str(saved)])


def test_a_wrong_field_inside_a_group_is_named_by_its_path_alone(tmp_path: Path) -> None:
    def add(data: Any) -> None:
        data["steps"][0]["actor"]["members"][0]["zzz"] = 1

    result = _tampered(tmp_path, add)
    assert result.exit_code == 2
    assert ": steps.0.actor.members.0.zzz: not a routewise JSON plan" in result.output
    assert "function-after" not in result.output and "PlanRole" not in result.output


@pytest.mark.parametrize("members", [[], [[]]], ids=["no members", "an empty one-of"])
def test_a_group_with_nobody_in_it_is_refused(tmp_path: Path, members: list[Any]) -> None:
    def empty(data: Any) -> None:
        data["steps"][0]["actor"]["members"] = members

    result = _tampered(tmp_path, empty)
    assert result.exit_code == 2, result.output
    assert "steps.0.actor.members" in result.output and "at least one role" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_huge_format_number_is_cut_in_the_message(tmp_path: Path) -> None:
    def huge(data: Any) -> None:
        data["schema_version"] = 10**400

    result = _tampered(tmp_path, huge)
    assert result.exit_code == 2
    assert "more characters" in result.output and len(result.output) < 600


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("region", "atlantis\x1b[2J", "region: not a routewise JSON plan: expected one of"),
        ("region", "", "uk-any; found ''"),  # an empty region is shown as such, not as nothing
        ("steps", [], "steps: not a routewise JSON plan: expected at least one step"),
        ("raised", None, "raised: not a routewise JSON plan: expected a value"),
        ("outcome", None, "outcome: not a routewise JSON plan: expected a value"),
    ],
)
def test_a_plan_routewise_would_never_make_is_refused(
    tmp_path: Path, field: str, value: Any, expected: str
) -> None:
    # A hand-edited plan must not print advice nobody gave: a plan for a route always
    # has a date raised, an outcome and steps, and its region is one the calendar knows.
    def edit(data: Any) -> None:
        data[field] = value

    result = _tampered(tmp_path, edit)
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "\x1b" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_plan_for_no_route_has_no_date_and_still_exports(tmp_path: Path) -> None:
    from routewise.engine.assemble import advice_plan
    from routewise.flows.loader import load_catalogue
    from routewise.flows.locations import default_flows_dir
    from routewise.model.plan_data import plan_json

    saved = tmp_path / "none.json"
    plan = advice_plan(load_catalogue(default_flows_dir()), "england-and-wales")
    saved.write_text(plan_json(plan), encoding="utf-8")
    assert json.loads(saved.read_text(encoding="utf-8"))["raised"] is None
    result = runner.invoke(cli.app, ["export", str(saved)])
    assert result.exit_code == 0, result.output
    assert "None of the documented routes" in result.stdout


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d.pop("route_title"), "route_title: not a routewise JSON plan: this field is"),
        (
            lambda d: d.update(raised="2026-13-45"),
            "raised: not a routewise JSON plan: expected a date",
        ),
        (lambda d: d.update(zz=1), "zz: not a routewise JSON plan: unknown field"),
    ],
    ids=["missing", "impossible date", "unknown field"],
)
def test_a_wrong_plan_is_described_in_routewise_s_words(
    tmp_path: Path, edit: Any, expected: str
) -> None:
    result = _tampered(tmp_path, edit)
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Field required" not in result.output and "Input should" not in result.output


def test_a_hand_edited_chart_stays_inside_its_code_block(tmp_path: Path) -> None:
    """The chart is data: an escape code is shown, not sent, and a fence in it cannot end
    the block early and turn the rest into markdown (or raw HTML) in the exported plan."""
    edit = "flowchart TD\n```\n<img src=x onerror=alert(1)>\n\x1b]0;owned\x07 ````\n"
    result = _tampered(tmp_path, lambda data: data.update(diagram=edit))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    chart = result.stdout.split("## The route as a chart\n", 1)[1]
    assert "\n`````mermaid\nflowchart TD\n```\n<img" in chart
    assert "\\x1b]0;owned\\x07 ````\n`````\n" in chart


# --- issue 16: 2.2 and 2.3 --------------------------------------------------------------


def test_export_on_a_terminal_shows_the_plan_as_triage_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Raw markdown on a terminal was `**Conta` / `ct:**` and table pipes; piped, or with
    --format markdown, it is still the markdown text."""
    from routewise.commands import common

    saved = save_plan(tmp_path)
    monkeypatch.setattr(common, "stdout_is_terminal", lambda: True)
    shown = runner.invoke(cli.app, ["export", str(saved)], env={"COLUMNS": "80"})
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("Action plan: A member's request for information")
    assert "**" not in shown.stdout and "|" not in shown.stdout and "# " not in shown.stdout
    assert "within 5 working days: by Wed 30 Dec 2026" in " ".join(shown.stdout.split())
    asked = runner.invoke(cli.app, ["export", str(saved), "--format", "markdown"])
    assert asked.stdout.startswith("# Action plan:")
    monkeypatch.setattr(common, "stdout_is_terminal", lambda: False)
    piped = runner.invoke(cli.app, ["export", str(saved)])
    assert piped.stdout.startswith("# Action plan:")


def test_a_calendar_of_a_route_with_no_time_limits_says_the_route_sets_no_dates(
    tmp_path: Path,
) -> None:
    saved = tmp_path / "plan.json"
    args = ["triage", "--route", "member-criticises-member", "--raised", "2026-12-21"]
    args += ["--answer", "member-post=none", "--answer", "criticised-member-post=none"]
    args += ["--answer", "where=in-meeting", "--output", str(saved)]
    assert runner.invoke(cli.app, args).exit_code == 0
    result = runner.invoke(cli.app, ["export", str(saved), "--output", str(tmp_path / "p.ics")])
    assert result.exit_code == 0, result.output
    warning = result.stderr.splitlines()[-1]
    assert warning.startswith("routewise: warning: the calendar file has no events: this plan ")
    assert "sets no dates" in warning
    assert "once" not in warning  # no promise of a date that can never come


def test_export_case_name_that_is_not_utf8_gets_one_clear_line(tmp_path: Path) -> None:
    saved = save_plan(tmp_path)
    args = ["export", str(saved), "--output", str(tmp_path / "p.ics"), "--case", "caf\udcff"]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 2
    assert result.stderr == (
        "routewise: error: --case 'caf\\udcff': not valid UTF-8 text; check the terminal's "
        "encoding\n"
    )
    assert not (tmp_path / "p.ics").exists()
