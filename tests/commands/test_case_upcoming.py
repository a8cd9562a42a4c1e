"""`case upcoming`, `case export --format ics` and the filters `case list` shares with them,
end to end through CliRunner, on the register across two quarters (`two_quarters`), on
Tue 30 Jun 2026."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from case_helpers import Run, list_json
from icalendar import Calendar
from two_quarters import build_register
from typer.testing import Result


@pytest.fixture
def quarters(run: Run, open_cases: Callable[..., Result], on_each_backend: str) -> None:
    """The register across two quarters, on an SQLite file and on PostgreSQL alike."""
    build_register(run, open_cases)


def upcoming_json(run: Run, *args: str) -> dict[str, Any]:
    return json.loads(run("case", "upcoming", "--format", "json", *args).stdout)


def steps(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(s["reference"], s["date"], s["status"]) for s in data["steps"]]


@pytest.mark.usefixtures("quarters")
def test_upcoming_lists_what_is_overdue_or_due_within_the_week(run: Run) -> None:
    data = upcoming_json(run)
    # Within 5 working days of Tue 30 Jun: to Tue 7 Jul. INF-06 and INF-10 are overdue,
    # INF-11 is due Thu 2 Jul (within the 2 days' warning). INF-09 is paused; UNP-2 waits.
    assert data["until"] == "2026-07-07"
    assert steps(data) == [
        ("INF-06", "2026-03-30", "overdue"),
        ("INF-10", "2026-06-29", "overdue"),
        ("INF-11", "2026-07-02", "due"),
    ]
    assert data["left_out"] == {"paused": ["INF-09"], "problem": [], "waiting": 1}
    first = data["steps"][0]
    assert first["action"].startswith("Acknowledge the request")
    assert first["status_text"] == "overdue: was due by Mon 30 Mar 2026"
    assert first["route_title"] == "A member's request for information"
    assert first["case_status"] == "red"
    # --within 0: overdue, and due today; --as-of moves the day judged on.
    assert [s[0] for s in steps(upcoming_json(run, "--within", "0"))] == ["INF-06", "INF-10"]
    earlier = upcoming_json(run, "--as-of", "2026-06-26")
    assert steps(earlier)[1:] == [
        ("INF-10", "2026-06-29", "due"),
        ("INF-11", "2026-07-02", "upcoming"),
    ]


@pytest.mark.usefixtures("quarters")
def test_upcoming_filters(run: Run) -> None:
    run("case", "assign", "INF-10", "Priya Shah")
    assert [s[0] for s in steps(upcoming_json(run, "--owner", "priya shah"))] == ["INF-10"]
    # --mine: the cases of the person running it (here the login name, sam).
    assert [s[0] for s in steps(upcoming_json(run, "--mine"))] == ["INF-06", "INF-11"]
    both = run("case", "upcoming", "--mine", "--owner", "sam", ok=False)
    assert "--mine and --owner both choose an owner" in both.stderr
    report = json.loads(run("case", "report", "--mine", "--format", "json").stdout)
    assert len(report["cases"]) == 14  # all 15 cases but INF-10
    assert [s[0] for s in steps(upcoming_json(run, "--status", "red"))] == ["INF-06", "INF-10"]
    assert steps(upcoming_json(run, "--route", "officer-unprofessional-to-member")) == []
    # --from and --to: the deadlines that fall in the period (overdue ones before it left out).
    june = upcoming_json(run, "--from", "2026-06-01", "--to", "2026-06-30")
    assert [s[0] for s in steps(june)] == ["INF-10"]
    assert [s[0] for s in steps(upcoming_json(run, "--to", "2026-07-31"))] == [
        "INF-06",
        "INF-10",
        "INF-11",
    ]
    refused = run("case", "upcoming", "--within", "3", "--to", "2026-07-31", ok=False)
    assert refused.exit_code == 2
    assert refused.stderr == (
        "routewise: error: --within and --to both end the window: give one of them\n"
    )


@pytest.mark.usefixtures("quarters")
def test_upcoming_in_the_terminal_csv_and_markdown(run: Run) -> None:
    shown = run("case", "upcoming", env={"COLUMNS": "60"}).stdout
    assert shown.startswith(
        "3 steps overdue or due by Tue 7 Jul 2026, as of\nTue 30 Jun 2026: 2 overdue, 1 due soon."
    )
    assert "OVERDUE  Mon 30 Mar 2026  INF-06" in shown
    assert "DUE SOON  Thu 2 Jul 2026  INF-11" in shown
    flat = " ".join(shown.split())
    assert "1 paused case is left out: the clock is stopped (INF-09)." in flat
    assert "1 case has a step that waits for an event before it has a date." in flat
    assert all(len(line) <= 60 for line in shown.splitlines())
    limited = run("case", "upcoming", "--limit", "1").stdout
    assert "And 2 more, later: --limit 0 shows them all" in limited
    rows = list(csv.reader(io.StringIO(run("case", "upcoming", "--format", "csv").stdout)))
    assert rows[0][:4] == ["date", "status", "status_text", "reference"]
    assert [r[3] for r in rows[1:]] == ["INF-06", "INF-10", "INF-11"]
    text = run("case", "upcoming", "--format", "markdown").stdout
    assert text.startswith("# Steps overdue or due by Tue 7 Jul 2026\n")
    assert "| Thu 2 Jul 2026 | **DUE SOON**: by Thu 2 Jul 2026 | INF-11 | 2\\. Acknowledge" in text


def test_upcoming_on_an_empty_register(run: Run) -> None:
    assert run("case", "upcoming").stdout.startswith("No cases yet.")
    assert upcoming_json(run)["steps"] == []
    assert run("case", "upcoming", "--format", "csv").stdout.startswith("date,status,")


def test_upcoming_text_is_data(run: Run, open_cases: Callable[..., Result]) -> None:
    open_cases(
        {
            "reference": '=HYPERLINK("x") [b]',
            "route": "member-information-request",
            "raised": "2026-06-25",
            "answers": {"can-provide": "yes"},
            "owner": "@owner [i]x[/i]",
        }
    )
    rows = list(csv.reader(io.StringIO(run("case", "upcoming", "--format", "csv").stdout)))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["reference"] == '\'=HYPERLINK("x") [b]'
    assert row["owner"] == "'@owner [i]x[/i]"
    shown = run("case", "upcoming", env={"COLUMNS": "80"}).stdout
    assert '=HYPERLINK("x") [b]' in shown and "@owner [i]x[/i]" in shown
    text = run("case", "upcoming", "--format", "markdown").stdout
    assert '=HYPERLINK("x") \\[b\\]' in text


@pytest.mark.usefixtures("quarters")
def test_list_keeps_the_cases_open_in_the_period(run: Run) -> None:
    q1 = list_json(run, "--from", "2026-01-01", "--to", "2026-03-31")["cases"]
    assert sorted(c["reference"] for c in q1) == [
        *("INF-01", "INF-02", "INF-03", "INF-04", "INF-05", "INF-06", "INF-12"),
        *("UNP-1", "UNP-2"),
    ]
    may = list_json(run, "--from", "2026-05-01", "--to", "2026-05-31")["cases"]
    assert sorted(c["reference"] for c in may) == ["INF-06", "INF-08", "UNP-2"]
    refused = run("case", "list", "--from", "2026-05-31", "--to", "2026-05-01", ok=False)
    assert refused.exit_code == 2 and "--from Sun 31 May 2026 is after --to" in refused.stderr


# --- the calendar ------------------------------------------------------------------------


def events(path: Path) -> dict[str, Any]:
    """Each event of the calendar file, by UID, as icalendar reads it."""
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@pytest.mark.usefixtures("quarters")
def test_export_writes_one_calendar_of_every_open_dated_deadline(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "cases.ics"
    result = run("case", "export", "--format", "ics", "--output", str(target))
    flat = " ".join(result.stderr.split())
    assert f"Saved a calendar of 3 deadlines (3 cases) to {target}" in flat
    assert "1 paused case is left out: the clock is stopped (INF-09)." in flat
    assert target.stat().st_mode & 0o777 == 0o600
    found = events(target)
    by_start = {e.decoded("DTSTART"): e for e in found.values()}
    assert sorted(by_start) == [date(2026, 3, 30), date(2026, 6, 29), date(2026, 7, 2)]
    event = by_start[date(2026, 7, 2)]
    assert event.decoded("DTEND") == date(2026, 7, 3)
    assert str(event["SUMMARY"]) == (
        "INF-11, step 2: Acknowledge the request, and either provide the information then "
        "or say when it will be provided."
    )
    description = str(event["DESCRIPTION"])
    assert description.splitlines() == [
        "Case INF-11: A member's request for information",
        "Step 2: Acknowledge the request, and either provide the information then or say "
        "when it will be provided.",
        "When: by Thu 2 Jul 2026",
        "Details: routewise case show INF-11",
    ]
    assert int(event["SEQUENCE"]) == 0
    alarm = event.walk("VALARM")[0]
    # 09:00 on the working day before, Wed 1 Jul: 15 hours before the all-day event starts.
    assert alarm.decoded("TRIGGER") == -timedelta(hours=15)
    uid = str(event["UID"])
    assert uid.startswith("case-") and uid.endswith("-acknowledge@routewise")
    assert len(set(found)) == 3  # one UID a case and step, though all three share a step id
    raw = target.read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    for private in (b"sam", b"Member in hospital", b"Agreed with the member"):
        assert private not in raw


@pytest.mark.usefixtures("quarters")
def test_exporting_again_after_a_new_event_updates_the_same_events(
    run: Run, tmp_path: Path
) -> None:
    """The acceptance: the same UIDs, and a higher SEQUENCE on the events that changed."""
    run("case", "record", "UNP-2", "outcome=2026-06-26")  # feedback: Fri 3 Jul
    first = tmp_path / "first.ics"
    run("case", "export", "--output", str(first))
    before = events(first)
    feedback = next(u for u in before if u.endswith("-feedback@routewise"))
    assert before[feedback].decoded("DTSTART") == date(2026, 7, 3)

    # The outcome was in fact reached on Mon 29 Jun (feedback: Mon 6 Jul), and INF-11's
    # acknowledgement gets an agreed new date; nothing else changes.
    run("case", "correct", "UNP-2", "2", "--reason", "Wrong date")
    run("case", "record", "UNP-2", "outcome=2026-06-29")
    run("case", "extend", "INF-11", "2", "--to", "2026-07-09", "--reason", "Agreed")
    second = tmp_path / "second.ics"
    run("case", "export", "--output", str(second))
    after = events(second)
    assert set(after) == set(before)
    assert after[feedback].decoded("DTSTART") == date(2026, 7, 6)
    # Raised twice: the outcome entered in error took the date away, the new one set it.
    assert int(after[feedback]["SEQUENCE"]) > int(before[feedback]["SEQUENCE"])
    inf11 = next(u for u, e in after.items() if "INF-11" in str(e["SUMMARY"]))
    assert after[inf11].decoded("DTSTART") == date(2026, 7, 9)
    assert int(after[inf11]["SEQUENCE"]) == 1
    assert "an agreed new date" in str(after[inf11]["DESCRIPTION"])
    unchanged = [u for u in after if u not in (feedback, inf11)]
    assert len(unchanged) == 2
    for u in unchanged:
        assert int(after[u]["SEQUENCE"]) == int(before[u]["SEQUENCE"]) == 0
        assert after[u].decoded("DTSTART") == before[u].decoded("DTSTART")

    # A note changes no event: exporting again raises no SEQUENCE.
    run("case", "note", "INF-11", "Phoned the member")
    third = tmp_path / "third.ics"
    run("case", "export", "--output", str(third))
    assert {u: int(e["SEQUENCE"]) for u, e in events(third).items()} == {
        u: int(e["SEQUENCE"]) for u, e in after.items()
    }


@pytest.mark.usefixtures("quarters")
def test_export_filters_and_never_overwrites_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "june.ics"
    run("case", "export", "--output", str(target), "--from", "2026-06-01", "--to", "2026-06-30")
    assert [e.decoded("DTSTART") for e in events(target).values()] == [date(2026, 6, 29)]
    refused = run("case", "export", "--output", str(target), ok=False)
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"routewise: error: {target} already exists; nothing was written. Use --force to "
        "overwrite it.\n"
    )
    assert len(events(target)) == 1
    run("case", "export", "--output", str(target), "--force", "--status", "red")
    assert len(events(target)) == 2
    missing = run("case", "export", ok=False)
    assert (
        missing.stderr
        == "routewise: error: --format ics writes a calendar file: add --output FILE\n"
    )


def test_export_from_an_empty_register(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "none.ics"
    result = run("case", "export", "--output", str(target))
    assert "the register has no cases yet; the calendar has no events." in result.stderr
    assert events(target) == {}
    assert Calendar.from_ical(target.read_bytes())["PRODID"] == "-//routewise//case register//EN"


def test_calendar_text_is_escaped_and_folded(
    run: Run, open_cases: Callable[..., Result], tmp_path: Path
) -> None:
    reference = 'Ref, with; "odd" \\ text, é ' + "x" * 30
    open_cases(
        {
            "reference": reference,
            "route": "member-information-request",
            "raised": "2026-06-25",
            "answers": {"can-provide": "yes"},
        }
    )
    target = tmp_path / "odd.ics"
    run("case", "export", "--output", str(target))
    (event,) = events(target).values()
    assert str(event["SUMMARY"]).startswith(f"{reference}, step 2: Acknowledge")
    assert str(event["DESCRIPTION"]).splitlines()[0] == (
        f"Case {reference}: A member's request for information"
    )
    raw = target.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"Ref\\, with\\; " in raw


@pytest.mark.usefixtures("quarters")
def test_case_show_s_calendar_has_the_export_s_uid_and_sequence(run: Run, tmp_path: Path) -> None:
    """One event per case and step, whichever command wrote the file: importing one after
    the other updates the event, never adds a copy (plans' own UIDs come from the route, the
    step and the date raised, which two cases can share)."""
    run("case", "extend", "INF-11", "2", "--to", "2026-07-09", "--reason", "Agreed")
    run("case", "export", "--output", str(tmp_path / "all.ics"))
    run("case", "show", "INF-11", "--format", "ics", "--output", str(tmp_path / "one.ics"))
    exported = {
        u: e for u, e in events(tmp_path / "all.ics").items() if "INF-11" in str(e["SUMMARY"])
    }
    shown = events(tmp_path / "one.ics")
    assert set(shown) == set(exported)
    (uid,) = shown
    assert int(shown[uid]["SEQUENCE"]) == int(exported[uid]["SEQUENCE"]) == 1
    assert shown[uid].decoded("DTSTART") == exported[uid].decoded("DTSTART") == date(2026, 7, 9)
