"""Each case command end to end through CliRunner: what it records and what the outputs say."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from case_helpers import Run, list_json, show_json, statuses
from typer.testing import Result

from routewise.model.plan import SCHEMA_VERSION


@pytest.fixture(autouse=True)
def each_backend(on_each_backend: str) -> str:
    """Every test here runs on an SQLite file and on a PostgreSQL database alike."""
    return on_each_backend


UNPROFESSIONAL = {
    "reference": "2026-007",
    "route": "officer-unprofessional-to-member",
    "raised": "2026-04-27",
    "answers": {"officer-post": "officer"},
}
DISPUTE = {
    "reference": "2026-008",
    "route": "officer-member-dispute",
    "raised": "2026-06-01",
    "answers": {"already-met": "no", "member-post": "none", "officer-post": "officer"},
    "events": {"manager-told": "2026-06-02"},
}
INFORMATION = {
    "reference": "INF-1",
    "route": "member-information-request",
    "raised": "2026-06-25",
    "answers": {"can-provide": "yes"},
    "owner": "Priya",
}


@pytest.fixture
def three(open_cases: Callable[..., Result]) -> None:
    open_cases(UNPROFESSIONAL, DISPUTE, INFORMATION)


@pytest.mark.usefixtures("three")
def test_list_puts_the_most_urgent_first_and_filters(run: Run) -> None:
    cases = list_json(run)["cases"]
    # On Tue 30 Jun: the dispute's "ideally within 2 days" passed (amber, not red), the
    # information request is due Thu 2 Jul (amber), the unprofessional case waits.
    assert [(c["reference"], c["status"]) for c in cases] == [
        ("2026-008", "amber"),
        ("INF-1", "amber"),
        ("2026-007", "waiting"),
    ]
    assert cases[0]["status_text"].startswith("due soon: step")
    assert "ideally by" in cases[0]["status_text"] and "passed" in cases[0]["status_text"]
    assert [c["reference"] for c in list_json(run, "--owner", "priya")["cases"]] == ["INF-1"]
    assert [
        c["reference"] for c in list_json(run, "--route", "officer-member-dispute")["cases"]
    ] == ["2026-008"]
    assert [c["reference"] for c in list_json(run, "--status", "waiting")["cases"]] == ["2026-007"]
    limited = list_json(run, "--limit", "1")
    assert (limited["count"], limited["more"]) == (1, 2)


@pytest.mark.usefixtures("three")
def test_list_in_the_terminal_words_every_status(run: Run) -> None:
    out = run("case", "list", "--as-of", "2026-07-06", env={"COLUMNS": "60"}).stdout
    assert "3 cases as of Mon 6 Jul 2026: 1 late, 1 due soon, 1 waiting." in out
    assert out.index("RED: late  INF-1") < out.index("AMBER: due soon  2026-008")
    assert "WAITING  2026-007" in out
    assert "Step 2 was due by Thu 2 Jul 2026." in out
    assert max(len(line) for line in out.splitlines()) <= 60
    plain = run("case", "list", "--plain", "--limit", "1").stdout
    assert "And 2 more, less urgent" in plain


@pytest.mark.usefixtures("three")
def test_list_closed_cases_only_with_all(run: Run) -> None:
    run("case", "close", "2026-007", "--reason", "Resolved informally")
    assert "2026-007" not in [c["reference"] for c in list_json(run)["cases"]]
    closed = [c for c in list_json(run, "--all")["cases"] if c["reference"] == "2026-007"]
    assert closed[0]["status"] == "closed" and closed[0]["closed"] == "2026-06-30"


@pytest.mark.usefixtures("three")
def test_list_csv_and_markdown_hold_every_case(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("case", "list", "--format", "csv").stdout)))
    assert [r["reference"] for r in rows] == ["2026-008", "INF-1", "2026-007"]
    assert rows[1]["due_date"] == "2026-07-02"
    markdown = run("case", "list", "--format", "markdown").stdout
    assert markdown.startswith("# Cases as of Tue 30 Jun 2026")
    assert markdown.count("\n| ") == 5  # the header, its rule and three cases


@pytest.mark.usefixtures("three")
def test_show_formats(run: Run, tmp_path: Path) -> None:
    text = run("case", "show", "INF-1", env={"COLUMNS": "60"}).stdout
    assert "Case INF-1: A member's request for information" in text
    assert "AMBER: due soon" in text
    assert "Status:        due: by Thu 2 Jul 2026" in text
    assert "History" in text and "1. Opened on route member-information-request" in text
    assert max(len(line) for line in text.splitlines()) <= 60
    data = show_json(run, "INF-1")
    assert (
        data["route"] == "member-information-request" and data["schema_version"] == SCHEMA_VERSION
    )
    assert data["case"]["reference"] == "INF-1" and data["case"]["owner"] == "Priya"
    assert data["case"]["first_plan"]["steps"][1]["deadline"]["date"] == "2026-07-02"
    markdown = run("case", "show", "INF-1", "--format", "markdown").stdout
    assert markdown.startswith("# Case INF-1: A member") and "## History" in markdown
    assert "# Action plan" in markdown  # the whole plan follows
    refused = run("case", "show", "INF-1", "--format", "ics", ok=False)
    assert refused.exit_code == 2 and "add --output" in refused.stderr
    calendar = tmp_path / "inf.ics"
    run("case", "show", "INF-1", "--format", "ics", "--output", str(calendar))
    ics = calendar.read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20260702" in ics and "SUMMARY:INF-1: " in ics


@pytest.mark.usefixtures("three")
def test_note_assign_and_the_history(run: Run) -> None:
    run("case", "note", "2026-007", "Spoke to the member by phone")
    result = run("case", "assign", "2026-007", "Jo Bloggs")
    assert "Owner: sam \u2192 Jo Bloggs" in result.stdout
    data = show_json(run, "2026-007")
    assert data["case"]["owner"] == "Jo Bloggs"
    note = data["case"]["history"][1]
    assert (note["kind"], note["note"], note["recorded_by"]) == (
        "note",
        "Spoke to the member by phone",
        "sam",
    )
    assert [c["owner"] for c in list_json(run, "--owner", "jo bloggs")["cases"]] == ["Jo Bloggs"]


@pytest.mark.usefixtures("three")
def test_answer_walks_the_route_again_and_says_what_changed(run: Run) -> None:
    before = show_json(run, "2026-008")
    assert before["outcome"] == "manager-meeting"
    result = run("case", "answer", "2026-008", "officer-post=chief-executive", "--note", "Misread")
    assert "officer-post: officer \u2192 chief-executive" in result.stdout
    assert "Outcome: manager-meeting \u2192 chief-executive-is-party" in result.stdout
    after = show_json(run, "2026-008")
    assert after["outcome"] == "chief-executive-is-party"
    entry = after["case"]["history"][-1]
    assert entry["detail"]["was"] == {"officer-post": "officer"}
    assert entry["detail"]["answers"] == {"officer-post": "chief-executive"}


@pytest.mark.usefixtures("three")
def test_correct_strikes_an_entry_and_undoes_it(run: Run, each_backend: str) -> None:
    run("case", "record", "2026-007", "outcome=2026-05-01")
    assert statuses(show_json(run, "2026-007"))["feedback"] == ("overdue", "2026-05-11")
    run("case", "correct", "2026-007", "2", "--reason", "Wrong case")
    data = show_json(run, "2026-007")
    assert statuses(data)["feedback"] == ("waiting", None)
    corrected = data["case"]["history"][1]
    assert corrected["kind"] == "event"  # it stays in the history…
    assert corrected["corrected"] == {  # …marked, with who and why
        "entry": 3,
        "recorded_at": corrected["corrected"]["recorded_at"],
        "recorded_by": "sam",
        "db_user": None if each_backend.endswith(".sqlite3") else "postgres",
        "reason": "Wrong case",
    }
    text = run("case", "show", "2026-007", "--plain").stdout
    assert "[entered in error] The outcome is reached: Fri 1 May 2026." in " ".join(text.split())
    sam = "sam" if each_backend.endswith(".sqlite3") else "sam (database user postgres)"
    assert f"Marked entered in error by {sam} (entry 3): Wrong case" in " ".join(text.split())
    run("case", "record", "2026-007", "outcome=2026-05-04")  # may be recorded again
    assert statuses(show_json(run, "2026-007"))["feedback"] == ("overdue", "2026-05-11")


@pytest.mark.usefixtures("three")
def test_delete_asks_first_and_needs_yes_without_a_terminal(run: Run) -> None:
    result = run("case", "delete", "2026-007", ok=False)
    assert result.exit_code == 2 and "add --yes" in result.stderr
    run("case", "delete", "2026-007", "--yes")
    assert [c["reference"] for c in list_json(run, "--all")["cases"]] == ["2026-008", "INF-1"]
    assert "no case '2026-007'" in run("case", "show", "2026-007", ok=False).stderr


@pytest.mark.usefixtures("three")
def test_purge_lists_and_deletes_cases_closed_before_a_date(run: Run) -> None:
    run("case", "close", "2026-007", "--reason", "Done", "--on", "2026-05-20")
    run("case", "close", "INF-1", "--reason", "Done", "--on", "2026-06-29")
    result = run("case", "purge", "--closed-before", "2026-06-01", "--yes")
    assert "2026-007" in result.stdout and "INF-1" not in result.stdout
    assert "Deleted 1 case closed before 2026-06-01." in result.stdout
    assert sorted(c["reference"] for c in list_json(run, "--all")["cases"]) == ["2026-008", "INF-1"]
    again = run("case", "purge", "--closed-before", "2026-06-01", "--yes")
    assert "nothing was deleted" in again.stdout


def test_import_reports_every_bad_entry_and_imports_nothing(
    run: Run, open_cases: Callable[..., Result]
) -> None:
    result = open_cases(
        UNPROFESSIONAL,
        {**UNPROFESSIONAL, "reference": "B", "answers": {"officer-post": "boss"}},
        {**UNPROFESSIONAL, "reference": "C", "route": "no-such-route"},
        {**UNPROFESSIONAL, "reference": "D", "events": {"outcome": "2026-04-01"}},
        {**UNPROFESSIONAL, "reference": "E", "done": {"9": "2026-05-01"}},
        {**UNPROFESSIONAL, "reference": "F", "raised": "someday"},
        UNPROFESSIONAL,
        ok=False,
    )
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert "case 2 (B): answers.officer-post:" in lines[0]
    assert "case 3 (C): route: no such route" in lines[1]
    assert "case 4 (D): events.outcome: Wed 1 Apr 2026 is before the date raised" in lines[2]
    assert "case 5 (E): done.9: no such step in the plan" in lines[3]
    assert "case 6 (F): raised:" in lines[4]
    assert "case 7 (2026-007): reference: also case 1 in this file" in lines[5]
    assert lines[-1].endswith("6 problems; nothing was imported")
    assert list_json(run, "--all")["cases"] == []


def test_import_yaml_with_done_steps_and_closed(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text(
        "- reference: 2025-031\n"
        "  route: officer-unprofessional-to-member\n"
        "  raised: 2025-03-03\n"
        "  answers: {officer-post: officer}\n"
        "  events: {outcome: 2025-03-20}\n"
        "  done: {1: 2025-03-04, address: 2025-03-20, feedback: 2025-03-26}\n"
        "  closed: {date: 2025-03-27, reason: Feedback given}\n",
        encoding="utf-8",
    )
    assert "Imported 1 case" in run("case", "import", str(path)).stdout
    data = show_json(run, "2025-031")
    assert [s["status"] for s in data["steps"]] == ["done", "done", "done"]
    assert data["case"]["closed"] == {"on": "2025-03-27", "reason": "Feedback given", "by": "sam"}
    assert data["case"]["history"][0]["detail"]["source"] == "import"


@pytest.mark.usefixtures("three")
def test_settings_show_change_and_recompute(run: Run) -> None:
    shown = run("case", "settings").stdout
    assert "region: england-and-wales" in shown and "warn days: 2 working days" in shown
    before = {c["reference"]: c["status"] for c in list_json(run, "--as-of", "2026-06-29")["cases"]}
    assert before["INF-1"] == "green"
    changed = run("case", "settings", "--warn-days", "5")
    assert "worked out again" in changed.stdout
    # With five days' warning, the information request (due Thu 2 Jul) is due soon on 29 Jun.
    statuses_now = {
        c["reference"]: c["status"] for c in list_json(run, "--as-of", "2026-06-29")["cases"]
    }
    assert statuses_now["INF-1"] == "amber"
    run("case", "settings", "--region", "scotland", "--closure", "2026-07-01")
    assert statuses(show_json(run, "INF-1"))["acknowledge"] == ("due", "2026-07-03")


@pytest.mark.usefixtures("three")
def test_a_config_that_disagrees_gets_a_warning_naming_the_difference(
    run: Run, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('region = "scotland"\nwarn_days = 3\n', encoding="utf-8")
    result = run("case", "list", "--config", str(config))
    assert "routewise: warning: region: the register uses england-and-wales" in result.stderr
    assert "the config says scotland" in result.stderr
    assert "warn_days: the register uses 2, the config says 3" in result.stderr
    run("case", "settings", "--from-config", "--config", str(config))
    assert "warning" not in run("case", "list", "--config", str(config)).stderr


@pytest.mark.usefixtures("three")
def test_changed_flow_files_make_summaries_stale_until_refreshed(
    run: Run, tmp_path: Path, flows_copy: Path
) -> None:
    run("case", "settings", "--flows", str(tmp_path / "extra"), ok=False)  # no such folder
    extra = tmp_path / "extra"
    extra.mkdir()
    run("case", "settings", "--flows", str(extra))
    assert not any(c["stale"] for c in list_json(run)["cases"])
    (extra / "member-information-request.yaml").write_text(
        (flows_copy / "member-information-request.yaml")
        .read_text(encoding="utf-8")
        .replace("count: 5", "count: 10"),
        encoding="utf-8",
    )
    stale = run("case", "list", "--format", "json")
    assert all(c["stale"] for c in json.loads(stale.stdout)["cases"])
    assert "case refresh" in stale.stderr
    shown = show_json(run, "INF-1")
    assert shown["case"]["route_changed"] is True
    assert any("step 2 (acknowledge), deadline" in c for c in shown["case"]["route_changes"])
    assert "Refreshed 3 summaries" in run("case", "refresh").stdout
    fresh = list_json(run)["cases"]
    assert not any(c["stale"] for c in fresh)
    assert [c["due"]["date"] for c in fresh if c["reference"] == "INF-1"] == ["2026-07-09"]


@pytest.mark.usefixtures("three")
def test_the_json_list_puts_together_the_same_data_as_each_case(run: Run) -> None:
    """`case list --format json` joins text kept with each summary to the status of the
    day; it must say exactly what the case's data says."""
    from datetime import date

    from routewise.commands.case import closing, open_register
    from routewise.register.listing import listed, summaries
    from routewise.register.timing import warn_until
    from routewise.register.views import case_data

    run("case", "pause", "INF-1", "--reason", "Leave", "--on", "2026-06-26")
    run("case", "close", "2026-007", "--reason", "Done")
    printed = list_json(run, "--all", "--as-of", "2026-07-06")["cases"]

    @closing
    def expected() -> list[dict[str, object]]:
        reg = open_register(None)
        assert reg is not None
        day = date(2026, 7, 6)
        until = warn_until(day, 2, reg.settings.calendar())
        return [case_data(c) for c in listed(summaries(reg.store), day, until, reg.summary_key)]

    assert printed == expected()
    assert {c["status"] for c in printed} == {"amber", "paused", "closed"}
