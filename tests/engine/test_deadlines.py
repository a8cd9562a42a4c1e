"""Deadlines counted from the right start, in the right unit, and never dated without a start."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from routewise.base.errors import AnswerError
from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.engine.deadlines import add_months, plan_deadline
from routewise.model.plan import Plan
from routewise.model.route import Deadline
from tests.inline import catalogue, route, step

RAISED = date(2026, 12, 21)  # a Monday; 25 and 28 Dec are bank holidays
EVENTS = [{"id": "outcome", "text": "the outcome is reached", "question": "When?"}]


def deadline(**fields: Any) -> dict[str, Any]:
    return {"rule": "working-days", "count": 5, "wording": "within five working days", **fields}


def plan_with(dl: dict[str, Any], events: dict[str, date] | None = None) -> Plan:
    cat = catalogue(route([step("feedback", "anyone", deadline=dl)], events=EVENTS))
    r = cat.routes["test-route"]
    answers = {"officer-post": "officer", "member-post": ()}
    return build_plan(cat, r, answers, RAISED, WorkingCalendar(), events=events)


def the_deadline(dl: dict[str, Any], events: dict[str, date] | None = None) -> Any:
    found = plan_with(dl, events).steps[0].deadline
    assert found is not None
    return found


def test_counted_from_the_date_raised_skips_weekends_and_bank_holidays() -> None:
    d = the_deadline(deadline(counts_from_stated=True))
    assert d.date == date(2026, 12, 30)
    assert d.text == "within five working days: by Wed 30 Dec 2026"
    assert d.assumptions == []


def test_an_ideal_time_limit_says_ideally_by_its_date() -> None:
    """`firmness: ideally` is data: the date's wording follows it, not the deadline's words."""
    d = the_deadline(deadline(counts_from_stated=True, firmness="ideally"))
    assert d.firmness == "ideally" and d.by_date == "ideally by Wed 30 Dec 2026"
    assert d.text == "within five working days: ideally by Wed 30 Dec 2026"
    firm = the_deadline(deadline(counts_from_stated=True, wording="ideally within five days"))
    assert firm.firmness == "firm" and firm.by_date == "by Wed 30 Dec 2026"


def test_counted_from_an_event_is_undated_until_the_event_has_a_date() -> None:
    d = the_deadline(deadline(counts_from="outcome"))
    assert d.date is None and d.start is None
    assert d.pending == "date set once the outcome is reached"
    assert d.text == "within five working days: date set once the outcome is reached"


def test_counted_from_an_event_uses_the_event_date() -> None:
    d = the_deadline(deadline(counts_from="outcome"), {"outcome": date(2027, 1, 4)})
    assert d.start == date(2027, 1, 4)
    assert d.date == date(2027, 1, 11)
    assert any("from when the outcome is reached" in a for a in d.assumptions)


def test_an_event_before_the_date_raised_names_both_dates() -> None:
    with pytest.raises(AnswerError) as err:
        plan_with(deadline(counts_from="outcome"), {"outcome": date(2026, 12, 1)})
    assert "Tue 1 Dec 2026" in str(err.value) and "Mon 21 Dec 2026" in str(err.value)


def test_an_unknown_event_lists_the_route_s_events() -> None:
    with pytest.raises(AnswerError) as err:
        plan_with(deadline(counts_from="outcome"), {"outcom": date(2026, 12, 22)})
    assert err.value.valid == ["outcome"]


def test_calendar_days_move_off_a_non_working_day_and_flag_the_unit() -> None:
    d = the_deadline(deadline(rule="calendar-days", count=4, unit_stated=False))
    assert d.nominal == date(2026, 12, 25)
    assert d.date == date(2026, 12, 29)
    assert d.moved == (
        "Fri 25 Dec 2026 (bank holiday: Christmas Day), Sat 26 Dec 2026 (Saturday), "
        "Sun 27 Dec 2026 (Sunday) and Mon 28 Dec 2026 (bank holiday: Boxing Day (observed)) "
        "are not working days, so the date moves to the next working day, Tue 29 Dec 2026."
    )
    assert any("working or calendar days" in a for a in d.assumptions)


def test_weeks_and_months() -> None:
    assert the_deadline(deadline(rule="weeks", count=2)).date == date(2027, 1, 4)
    assert the_deadline(deadline(rule="months", count=2)).date == date(2027, 2, 22)


def test_add_months_clamps_to_the_end_of_a_short_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_a_rule_without_a_count_has_no_date() -> None:
    d = plan_deadline(
        Deadline(rule="as-soon-as-possible", wording="as soon as possible"),
        catalogue(route([step("s", "anyone")])).routes["test-route"],
        RAISED,
        {},
        {},
        WorkingCalendar(),
    )
    assert d.date is None and d.text == "as soon as possible (the document sets no date)"


def test_a_deadline_can_count_from_a_date_question_in_the_plan() -> None:
    questions = [
        {"id": "officer-post", "post": "officer", "next": "member-post"},
        {"id": "member-post", "post": "member", "next": "told"},
        {"id": "told", "type": "date", "text": "When was the manager told?", "next": "only"},
    ]
    dl = deadline(counts_from="told", counts_from_stated=True)
    cat = catalogue(route([step("meet", "anyone", deadline=dl)], questions=questions))
    r = cat.routes["test-route"]
    answers = {"officer-post": "officer", "member-post": (), "told": date(2026, 12, 23)}
    plan = build_plan(cat, r, answers, RAISED, WorkingCalendar())
    found = plan.steps[0].deadline
    assert found is not None and found.start == date(2026, 12, 23)
    assert found.date == date(2027, 1, 4)  # 25, 28 Dec and 1 Jan are bank holidays
    assert [a.answer for a in plan.answers][-1] == "Wed 23 Dec 2026"
