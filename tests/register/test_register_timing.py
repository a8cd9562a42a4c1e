"""Pauses and statuses as pure date arithmetic, on inline dates (England and Wales: Mon 4 May
2026 is the early May bank holiday)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from routewise.calendar.working_days import WorkingCalendar
from routewise.register.timing import (
    Pause,
    paused_days,
    shift_for_pauses,
    step_status,
    warn_until,
)

CAL = WorkingCalendar("england-and-wales")
d = date.fromisoformat


def count_directly(start: date, days: int, paused: set[date]) -> date:
    """The definition: the Nth working day after `start` that is not paused."""
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        if CAL.is_working_day(current) and current not in paused:
            counted += 1
    return current


def test_five_working_days_across_the_bank_holiday_without_a_pause() -> None:
    due = CAL.add_working_days(d("2026-05-01"), 5).due
    assert due == d("2026-05-11")
    assert shift_for_pauses(d("2026-05-01"), due, set(), CAL) == (due, [])


def test_a_pause_of_two_working_days_moves_the_date_two_working_days() -> None:
    paused = paused_days([Pause(start=d("2026-05-05"), end=d("2026-05-07"))], d("2026-06-01"))
    assert paused == {d("2026-05-05"), d("2026-05-06")}  # the resume day counts again
    due, lost = shift_for_pauses(d("2026-05-01"), d("2026-05-11"), paused, CAL)
    assert due == d("2026-05-13")
    assert lost == [d("2026-05-05"), d("2026-05-06")]


def test_a_pause_over_the_bank_holiday_costs_only_the_working_days_in_it() -> None:
    # Raised Thu 30 Apr: due Fri 8 May. Paused Fri 1 May, resumed Tue 5 May: Fri 1 is the
    # only working day lost (Mon 4 is a bank holiday), so the date moves to Mon 11 May.
    start = d("2026-04-30")
    due = CAL.add_working_days(start, 5).due
    assert due == d("2026-05-08")
    paused = paused_days([Pause(start=d("2026-05-01"), end=d("2026-05-05"))], d("2026-06-01"))
    assert shift_for_pauses(start, due, paused, CAL) == (d("2026-05-11"), [d("2026-05-01")])


def test_a_pause_before_the_period_starts_moves_nothing() -> None:
    paused = paused_days([Pause(start=d("2026-04-27"), end=d("2026-05-01"))], d("2026-06-01"))
    assert shift_for_pauses(d("2026-05-01"), d("2026-05-11"), paused, CAL) == (d("2026-05-11"), [])


def test_a_pause_running_past_the_date_skips_its_days_after_it_too() -> None:
    paused = paused_days([Pause(start=d("2026-05-08"), end=d("2026-05-13"))], d("2026-06-01"))
    due, lost = shift_for_pauses(d("2026-05-01"), d("2026-05-11"), paused, CAL)
    assert due == d("2026-05-14") == count_directly(d("2026-05-01"), 5, paused)
    assert lost == [d("2026-05-08"), d("2026-05-11"), d("2026-05-12")]


def test_an_open_pause_runs_to_the_date_judged_on() -> None:
    paused = paused_days([Pause(start=d("2026-05-05"), end=None)], d("2026-05-06"))
    assert paused == {d("2026-05-05"), d("2026-05-06")}


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(date(2026, 1, 1), date(2027, 12, 1)),
    days=st.integers(0, 30),
    gaps=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 15)), max_size=3),
)
def test_shifting_equals_counting_only_days_the_clock_ran(
    start: date, days: int, gaps: list[tuple[int, int]]
) -> None:
    pauses, at = [], start - timedelta(days=5)
    for gap, length in gaps:  # pauses never overlap: a case is paused or it is not
        at += timedelta(days=gap)
        pauses.append(Pause(start=at, end=at + timedelta(days=length)))
        at += timedelta(days=length)
    paused = paused_days(pauses, start)
    engine_due = CAL.add_working_days(start, days).due
    shifted, _ = shift_for_pauses(start, engine_due, paused, CAL)
    if days:
        assert shifted == count_directly(start, days, paused)


def test_warning_period_is_counted_in_working_days_across_the_bank_holiday() -> None:
    assert warn_until(d("2026-04-30"), 2, CAL) == d("2026-05-05")  # Fri 1, (Mon 4), Tue 5
    assert warn_until(d("2026-05-07"), 2, CAL) == d("2026-05-11")
    assert warn_until(d("2026-05-07"), 0, CAL) == d("2026-05-07")


def test_step_statuses_on_either_side_of_a_deadline() -> None:
    due = d("2026-05-11")

    def on(as_of: str, **kw: bool) -> str:
        day = d(as_of)
        args = {"waiting": False, "done": False, "paused": False} | kw
        return step_status(due=due, as_of=day, warn_until=warn_until(day, 2, CAL), **args)

    assert on("2026-05-05") == "upcoming"  # Tue 5: warn until Thu 7
    assert on("2026-05-07") == "due"  # Thu 7: warn until Mon 11, the date itself
    assert on("2026-05-11") == "due"  # on the day: still met by the end of it
    assert on("2026-05-12") == "overdue"
    assert on("2026-05-12", done=True) == "done"
    assert on("2026-05-12", paused=True) == "paused"
    undated = {"due": None, "as_of": d("2026-05-12"), "warn_until": d("2026-05-14")}
    assert step_status(waiting=True, done=False, paused=False, **undated) == "waiting"
    assert step_status(waiting=False, done=False, paused=False, **undated) == "no-date"
