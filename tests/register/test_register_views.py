"""The small parts of the views across cases: the stored schedule and its calendar `seq`,
folding calendar lines as icalendar does, the gantt chart's text, and counting working days
open with pauses."""

from __future__ import annotations

import random
from datetime import date

import pytest
from icalendar.parser import Contentline
from icalendar.prop import vText

from routewise.calendar.working_days import WorkingCalendar
from routewise.register.calendar_file import duration, fold, text
from routewise.register.report import DayCounter, shown_count, working_days_open
from routewise.register.schedule import Kept, Schedule, read_schedule, schedule_json
from routewise.register.timing import Pause
from routewise.render.gantt import Bar, gantt, gantt_text

ACK = Kept(number=2, step="acknowledge", action="Acknowledge.", due="2026-05-08")
REPLY = Kept(number=3, step="reply", action="Reply.", waiting="the outcome is reached")


def stored(*steps: Kept, title: str = "Route", previous: str | None = None) -> str:
    return schedule_json(Schedule(title=title, steps=steps), previous)


def seqs(text: str) -> dict[str, int]:
    return {k.step: k.seq for k in read_schedule(text).steps}


def test_a_step_s_seq_rises_only_when_its_event_changes() -> None:
    first = stored(ACK, REPLY)
    assert seqs(first) == {"acknowledge": 0, "reply": 0}
    same = stored(ACK, REPLY, previous=first)
    assert same == first
    done = stored(ACK._replace(done="2026-05-07"), REPLY, previous=first)
    assert seqs(done) == {"acknowledge": 0, "reply": 0}  # done: no event to change
    moved = stored(ACK._replace(due="2026-05-11"), REPLY, previous=first)
    assert seqs(moved) == {"acknowledge": 1, "reply": 0}
    dated = stored(ACK._replace(due="2026-05-11"), REPLY._replace(due="2026-06-01"))
    assert seqs(stored(*read_schedule(dated).steps, previous=moved)) == {
        "acknowledge": 1,
        "reply": 1,
    }
    renamed = stored(ACK, REPLY, title="Another title", previous=first)
    assert seqs(renamed) == {"acknowledge": 1, "reply": 1}
    new_step = Kept(number=4, step="close", action="Close.", due="2026-06-05")
    assert seqs(stored(ACK, REPLY, new_step, previous=moved))["close"] == 2  # after any seen


def test_the_schedule_round_trips_and_an_older_summary_reads_as_empty() -> None:
    kept = (
        ACK._replace(extended=True, done="2026-05-07", ideally=True),
        REPLY._replace(done=True),
    )
    pauses = (
        Pause(start=date(2026, 5, 1), end=date(2026, 5, 5)),
        Pause(start=date(2026, 6, 1), end=None),
    )
    text = schedule_json(Schedule(title="T", pauses=pauses, steps=kept), None)
    assert read_schedule(text) == Schedule(title="T", pauses=pauses, steps=kept)
    issue_19 = (
        '[{"step":"acknowledge","number":2,"date":"2026-05-08","ideally":false,"waiting":null}]'
    )
    assert read_schedule(issue_19) == Schedule()
    assert read_schedule(None) == Schedule()


def test_done_by_a_day() -> None:
    done = ACK._replace(done="2026-05-07")
    assert done.done_by("2026-05-07") and not done.done_by("2026-05-06")
    assert ACK._replace(done=True).done_by("1990-01-01")
    assert not ACK.done_by("2100-01-01")


def test_lines_are_folded_exactly_as_icalendar_folds_them() -> None:
    pieces = ["a", "é", "€", "😀", "\\,", "\\;", "\\n", "^", " ", "xyz", "¶ 5", "\\\\"]
    chooser = random.Random(20)
    lines = [
        "SUMMARY:" + "".join(chooser.choice(pieces) for _ in range(chooser.randrange(0, 120)))
        for _ in range(3000)
    ]
    lines += ["X:" + "a" * n for n in range(60, 160)]
    lines += ["X:" + "a" * n + "\\," + "b" * 80 for n in range(60, 80)]
    for line in lines:
        assert fold(line) == Contentline(line).to_ical().decode("utf-8"), line


def test_text_is_escaped_exactly_as_icalendar_escapes_it() -> None:
    pieces = ["a", "N", "n", "\\", "\\N", ";", ",", "\r", "\n", "\r\n", "é", ":", '"', "^"]
    chooser = random.Random(20)
    for _ in range(3000):
        value = "".join(chooser.choice(pieces) for _ in range(chooser.randrange(0, 30)))
        assert text(value) == vText(value).to_ical().decode("utf-8"), value


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(-15, "-PT15H"), (-15 - 72, "-P3DT15H"), (9, "PT9H")],
)
def test_reminder_triggers(hours: int, expected: str) -> None:
    from datetime import timedelta

    assert duration(timedelta(hours=hours)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Case 3 (late)", "Case 3 (late)"),
        ("A member's request", "A member#39;s request"),
        ("a: b; #c", "a#58; b#59; #35;c"),
        ("%%{init: x}%%", "#37;#37;#123;init#58; x#125;#37;#37;"),
        ("line\nbreak", "line break"),
        ("<b>&amp;</b>", "#60;b#62;#38;amp#59;#60;/b#62;"),
        ("", "#8203;"),
        ("\x1b[2J", "#92;x1b#91;2J"),
    ],
)
def test_gantt_text_writes_what_mermaid_could_read_as_entity_codes(
    text: str, expected: str
) -> None:
    assert gantt_text(text) == expected


def test_a_gantt_chart() -> None:
    chart = gantt(
        "Q1: cases",
        [
            (
                "Route; one",
                [
                    Bar(
                        name="Case 1 (late)",
                        start=date(2026, 1, 5),
                        last=date(2026, 1, 9),
                        tag="crit",
                    )
                ],
            )
        ],
    )
    assert chart.splitlines() == [
        "gantt",
        "    title Q1#58; cases",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %d %b %Y",
        "    todayMarker off",
        "    section Route#59; one",
        "    Case 1 (late) :crit, b1, 2026-01-05, 2026-01-10",
    ]


def test_counts_of_1_to_4_are_shown_as_fewer_than_5() -> None:
    assert [shown_count(n, exact=False) for n in range(7)] == [
        0,
        *(["fewer than 5"] * 4),
        5,
        6,
    ]
    assert [shown_count(n, exact=True) for n in range(7)] == list(range(7))


def test_working_days_open_leave_out_the_days_the_clock_was_stopped() -> None:
    calendar = WorkingCalendar("england-and-wales")
    days = DayCounter(calendar, date(2026, 4, 1), date(2026, 6, 30))
    # Wed 1 Apr to Wed 15 Apr: Good Friday (3 Apr) and Easter Monday (6 Apr) are skipped.
    assert days.between(date(2026, 4, 1), date(2026, 4, 15)) == 8
    plain = Schedule()
    assert working_days_open(plain, date(2026, 4, 1), date(2026, 4, 15), days) == 8
    # Paused Tue 7 Apr, resumed Fri 10 Apr: Tue 7 to Thu 9 do not count.
    paused = Schedule(pauses=(Pause(start=date(2026, 4, 7), end=date(2026, 4, 10)),))
    assert working_days_open(paused, date(2026, 4, 1), date(2026, 4, 15), days) == 5
    # Still paused on the day judged: stopped from Tue 7 Apr to then (only Thu 2 Apr counts).
    still = Schedule(pauses=(Pause(start=date(2026, 4, 7), end=None),))
    assert working_days_open(still, date(2026, 4, 1), date(2026, 4, 15), days) == 1
    # A pause before the date raised counts for nothing.
    early = Schedule(pauses=(Pause(start=date(2026, 3, 2), end=date(2026, 3, 6)),))
    assert working_days_open(early, date(2026, 4, 1), date(2026, 4, 15), days) == 8
