"""The views across cases in a real terminal 60 columns wide (tmux), on Fri 15 Jan 2027
(ROUTEWISE_TODAY): the week ahead, one calendar file, the committee report, and bad input."""

from __future__ import annotations

import json
import shlex
import shutil
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.terminal import Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

CASES = [
    {
        "reference": "2027-001",
        "route": "member-information-request",
        "raised": "2027-01-06",
        "answers": {"can-provide": "yes"},
    },
    {
        "reference": "2027-002",
        "route": "member-information-request",
        "raised": "2027-01-13",
        "answers": {"can-provide": "yes"},
    },
    {
        "reference": "2026-044",
        "route": "officer-unprofessional-to-member",
        "raised": "2026-12-01",
        "answers": {"officer-post": "officer"},
        "events": {"outcome": "2026-12-02"},
        "done": {"address": "2026-12-02", "feedback": "2026-12-08"},
        "closed": "2026-12-10",
    },
]


@pytest.mark.timeout(120)
def test_the_week_the_calendar_and_the_report_at_60_columns(tmp_path: Path) -> None:
    routewise = f"{shlex.quote(sys.executable)} -m routewise"
    imports = tmp_path / "cases.json"
    imports.write_text(json.dumps(CASES), encoding="utf-8")
    calendar = tmp_path / "cases.ics"
    steps = [
        f"{routewise} case import {imports} >/dev/null",
        f"{routewise} case upcoming",
        f"{routewise} case export --format ics --output {calendar}",
        f"{routewise} case export --format ics --output {calendar}; echo EXPORT=$?",
        f"{routewise} case report --from 2026-12-01 --to 2027-01-15 --format csv",
        f"{routewise} case report --format pdf; echo REPORT=$?",
    ]
    script = tmp_path / "session.sh"
    # A tmux server another test started may hold COLUMNS in its environment: the width
    # must be the terminal's own.
    script.write_text(
        "unset COLUMNS LINES\n"
        f"export ROUTEWISE_DATABASE={shlex.quote(str(tmp_path / 'register.sqlite3'))}\n"
        + "\n".join(steps)
        + "\necho EXIT=$?\nsleep 30\n",
        encoding="utf-8",
    )
    term = Terminal(f"sh {shlex.quote(str(script))}", tmp_path, width=60, height=200)
    try:
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    flat = " ".join(screen.split())
    hard = screen.replace("\n", "")  # an error or CSV line is one line, which tmux wraps
    # The week ahead: 2027-001 was due Wed 13 Jan; 2027-002 is due Wed 20 Jan.
    assert (
        "2 steps overdue or due by Fri 22 Jan 2027, as of Fri 15 Jan 2027: 1 overdue, 1 "
        "upcoming." in flat
    )
    assert "OVERDUE Wed 13 Jan 2027 2027-001" in flat
    assert "UPCOMING Wed 20 Jan 2027 2027-002" in flat
    # Wrapped at words to the terminal's 60 columns, never split by the terminal itself.
    assert "either provide the information then or say when it will be provided." in flat
    # The calendar, then the same again without --force: refused, the file kept.
    assert "Saved a calendar of 2 deadlines (2 cases) to" in flat
    assert "already exists; nothing was written. Use --force to overwrite it." in hard
    assert "EXPORT=2" in flat
    events = Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]).split(",")[0] for e in events) == ["2027-001", "2027-002"]
    # The report as CSV: three cases, no reference, counts of fewer than 5.
    csv_text = hard.split("No.,Route,Opened,Stage reached,Working days open", 1)[1]
    csv_text = csv_text.split("REPORT=")[0]
    assert "3,A member's request for information,Jan 2027,step 2 of 2,2,0,0,0,Green: on" in (
        csv_text
    )
    assert "All routes,fewer than 5,0,fewer than 5,0,0,fewer than 5,0,fewer than 5" in csv_text
    assert "2027-00" not in csv_text
    # Bad input: one line, exit 2.
    assert "routewise: error: Invalid value for '--format': Value error, 'pdf' is not one" in hard
    assert "REPORT=2" in flat
    assert "EXIT=0" in flat
    assert all(len(line.rstrip()) <= 60 for line in screen.splitlines())
