"""`case export --format ics`: one calendar of every open dated deadline across the cases.

One all-day VEVENT per open step with a date (Outlook ignores VTODO), with a reminder at
09:00 on the working day before. Each event's UID is the case's and the step's own (a
digest of the reference and the day the case was opened, then the step's id), so importing
the file again updates an event instead of adding a copy; its SEQUENCE is the step's `seq`
in the stored schedule, raised exactly when what the event shows changes (see `schedule`).

An event says what is due and by when, and names the case by its reference: never a
party's name, a contact or a note (`routewise case show REF` has those).

Text values are escaped by icalendar (`vText`) and lines folded as icalendar folds them
(at most 75 octets, never inside a character or between an escape and what it escapes).
Building thousands of events through icalendar's objects costs about 0.4 ms each, so the
lines are written here; the tests check the folding against icalendar's own and parse the
file back with it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from icalendar.prop import vText

from routewise.base.safe_text import one_line
from routewise.calendar.working_days import format_day
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
    """A TEXT value, escaped by icalendar (backslash, `;`, `,` and line breaks)."""
    return str(vText(value).to_ical().decode("utf-8"))


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


def when_words(due: Due) -> str:
    day = format_day(due.day)
    by = "ideally by" if due.kept.ideally else "by"
    agreed = ", an agreed new date" if due.kept.extended else ""
    return f"{by} {day}{agreed}"


def event_lines(due: Due, stamp: str, calendar: WorkingDays) -> list[str]:
    case, kept = due.case, due.kept
    reference = one_line(case.reference)
    action = one_line(kept.action)
    ideally = f", ideally by {format_day(due.day)}" if kept.ideally else ""
    summary = f"{reference}, step {kept.number}{ideally}: {action}"
    description = "\n".join(
        [
            f"Case {reference}: {one_line(case.title)}",
            f"Step {kept.number}: {action}",
            f"When: {when_words(due)}",
            f"Details: routewise case show {reference}",
        ]
    )
    before = reminder_day(due.day, calendar)
    trigger = duration((before - due.day) + timedelta(hours=9))
    end = due.day + timedelta(days=1)
    return [
        "BEGIN:VEVENT",
        f"UID:{text(uid(case.reference, str(case.row['opened']), kept.step))}",
        f"SEQUENCE:{kept.seq}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{due.day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
        f"SUMMARY:{text(summary)}",
        f"DESCRIPTION:{text(description)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{text(f'Due {when_words(due)}: {reference}, step {kept.number}')}",
        f"TRIGGER:{trigger}",
        "END:VALARM",
        "END:VEVENT",
    ]


def render(steps: Iterable[Due], calendar: WorkingDays, now: datetime | None = None) -> str:
    """The calendar file's text (CRLF line ends, as RFC 5545 asks)."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:routewise deadlines",
    ]
    for due in steps:
        lines += event_lines(due, stamp, calendar)
    lines.append("END:VCALENDAR")
    return "".join(f"{fold(line)}\r\n" for line in lines)
