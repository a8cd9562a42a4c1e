"""`case export --format ics`: one calendar of every open dated deadline across the cases.

One all-day VEVENT per open step with a date (Outlook ignores VTODO), with a reminder at
09:00 on the working day before. Each event's UID is the case's and the step's own (a
digest of the reference and the day the case was opened, then the step's id), so importing
the file again updates an event instead of adding a copy; its SEQUENCE is the step's `seq`
in the stored schedule, raised exactly when what the event shows changes (see `schedule`).

An event says what is due and by when, and names the case by its reference: never a
party's name, a contact or a note (`routewise case show REF` has those).

Text values are escaped as icalendar escapes them and lines folded as icalendar folds them
(at most 75 octets, never inside a character or between an escape and what it escapes).
Building thousands of events through icalendar's objects costs about 0.4 ms each (7.6 s for
20,000 here), and even its `vText` and `Contentline` take most of the export's time, so the
lines are written here. The tests compare the escaping and the folding with icalendar's own
on thousands of strings, and read every file back with icalendar.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from routewise.base.safe_text import one_line
from routewise.register.status import iso_words
from routewise.register.upcoming import Due

PRODID = "-//routewise//case register//EN"
LIMIT = 75
"""Octets a line may hold, as icalendar folds (the line break not counted)."""


class WorkingDays(Protocol):
    def is_working_day(self, day: date) -> bool: ...


def fold(line: str) -> str:
    """A content line folded as icalendar folds it (`Contentline.to_ical`): each piece the
    most whole characters that fit in 74 octets, and an escape's backslash (or a `^`) moved
    to the next piece rather than parted from what it escapes."""
    data = line.encode("utf-8")
    if len(data) < LIMIT:
        return line
    pieces = []
    start = 0
    while len(data) - start >= LIMIT:
        cut = start + LIMIT - 1
        while data[cut] & 0xC0 == 0x80:  # inside a character: cut before it
            cut -= 1
        if cut - start > 1 and data[cut - 1] in b"\\^":
            cut -= 1
        pieces.append(data[start:cut].decode("utf-8"))
        start = cut
    pieces.append(data[start:].decode("utf-8"))
    return "\r\n ".join(pieces)


def text(value: str) -> str:
    """A TEXT value escaped as icalendar escapes it (`vText(value).to_ical()`: a backslash,
    `;`, `,` and every line break); the tests compare the two on thousands of strings."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def uid(reference: str, opened: str, step: str) -> str:
    """The same for a case's step in every export; two cases never share one."""
    digest = hashlib.sha256(f"{reference}\0{opened}".encode()).hexdigest()[:20]
    return f"case-{digest}-{step}@routewise"


def reminder_day(due: date, calendar: WorkingDays) -> date:
    """The working day before the deadline (the day before, if none is found in 60)."""
    day = due - timedelta(days=1)
    for _ in range(60):
        if calendar.is_working_day(day):
            return day
        day -= timedelta(days=1)
    return due - timedelta(days=1)


def duration(offset: timedelta) -> str:
    """A reminder's TRIGGER, in whole hours: `-PT15H`, `-P3DT15H`."""
    sign = "-" if offset < timedelta(0) else ""
    days, rest = divmod(abs(int(offset.total_seconds())), 86400)
    hours = rest // 3600
    return f"{sign}P{days}DT{hours}H" if days else f"{sign}PT{hours}H"


class Writer:
    """The events of one file. What thousands of events repeat (a date's wording, start, end
    and reminder; an action or a route's title on one line) is worked out once."""

    def __init__(self, calendar: WorkingDays, stamp: str) -> None:
        self.calendar, self.stamp = calendar, stamp
        self._days: dict[str, tuple[str, str, str, str]] = {}
        self._lines: dict[str, str] = {}

    def day(self, due: str) -> tuple[str, str, str, str]:
        """The date in words, DTSTART, DTEND and the reminder's TRIGGER."""
        found = self._days.get(due)
        if found is None:
            day = date.fromisoformat(due)
            before = reminder_day(day, self.calendar)
            found = self._days[due] = (
                iso_words(due),
                due.replace("-", ""),
                (day + timedelta(days=1)).strftime("%Y%m%d"),
                duration((before - day) + timedelta(hours=9)),
            )
        return found

    def one_line(self, value: str) -> str:
        found = self._lines.get(value)
        if found is None:
            found = self._lines[value] = one_line(value)
        return found

    def event(self, due: Due) -> str:
        case, kept = due.case, due.kept
        assert kept.due is not None
        words, start, end, trigger = self.day(kept.due)
        reference = one_line(case.reference)
        action = self.one_line(kept.action)
        when = f"{'ideally by' if kept.ideally else 'by'} {words}"
        when += ", an agreed new date" if kept.extended else ""
        ideally = f", ideally by {words}" if kept.ideally else ""
        summary = f"{reference}, step {kept.number}{ideally}: {action}"
        description = (
            f"Case {reference}: {self.one_line(case.title)}\n"
            f"Step {kept.number}: {action}\n"
            f"When: {when}\n"
            f"Details: routewise case show {reference}"
        )
        alarm = f"Due {when}: {reference}, step {kept.number}"
        opened = str(case.row["opened"])
        return (
            "BEGIN:VEVENT\r\n"
            f"{fold('UID:' + text(uid(case.reference, opened, kept.step)))}\r\n"
            f"SEQUENCE:{kept.seq}\r\n"
            f"DTSTAMP:{self.stamp}\r\n"
            f"DTSTART;VALUE=DATE:{start}\r\n"
            f"DTEND;VALUE=DATE:{end}\r\n"
            f"{fold('SUMMARY:' + text(summary))}\r\n"
            f"{fold('DESCRIPTION:' + text(description))}\r\n"
            "TRANSP:TRANSPARENT\r\n"
            "BEGIN:VALARM\r\n"
            "ACTION:DISPLAY\r\n"
            f"{fold('DESCRIPTION:' + text(alarm))}\r\n"
            f"TRIGGER:{trigger}\r\n"
            "END:VALARM\r\n"
            "END:VEVENT\r\n"
        )


def render(steps: Iterable[Due], calendar: WorkingDays, now: datetime | None = None) -> str:
    """The calendar file's text (CRLF line ends, as RFC 5545 asks)."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    writer = Writer(calendar, stamp)
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:routewise deadlines",
    ]
    events = [writer.event(due) for due in steps]
    return "".join(f"{line}\r\n" for line in head) + "".join(events) + "END:VCALENDAR\r\n"
