"""Dates for deadlines: counted from the date raised or from a later event, never guessed.

A period that counts from an event with no date yet stays undated, and says
so: the plan never shows a date the document does not support.
"""

from __future__ import annotations

import calendar as _months
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Protocol

from routewise.calendar.working_days import DueDate, format_day
from routewise.engine.paths import Answer
from routewise.model.plan import PlanDeadline, PlanSkippedDay, by_word
from routewise.model.route import Deadline, Route


class Calendar(Protocol):
    region: str
    closures: Mapping[date, str]

    @property
    def closures_apply(self) -> bool: ...

    def coverage_warning(self, last: date) -> str | None: ...

    def add_working_days(self, start: date, days: int) -> DueDate: ...

    def add_calendar_days(self, start: date, days: int) -> DueDate: ...

    def non_working_reason(self, day: date) -> str | None: ...


UNIT_READING = (
    "The document does not say whether these are working or calendar days; routewise counts "
    "calendar days, and moves a date that falls on a non-working day to the next working day."
)


def start_of(
    deadline: Deadline,
    route: Route,
    raised: date,
    answers: Mapping[str, Answer],
    events: Mapping[str, date],
) -> tuple[date | None, str]:
    """The day the period counts from (None if not known yet), and how to name it."""
    if deadline.counts_from == "raised":
        return raised, "the date raised"
    event = route.event(deadline.counts_from)
    if event is not None:
        return events.get(event.id), event.text
    answered = answers.get(deadline.counts_from)
    question = route.question(deadline.counts_from)
    label = question.text if question and question.text else deadline.counts_from
    return (answered if isinstance(answered, date) else None), label


def add_months(start: date, months: int) -> date:
    """The same day of the month, or the month's last day if it is shorter."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, _months.monthrange(year, month)[1]))


def plan_deadline(
    deadline: Deadline,
    route: Route,
    raised: date,
    answers: Mapping[str, Answer],
    events: Mapping[str, date],
    calendar: Calendar,
) -> PlanDeadline:
    start, start_text = start_of(deadline, route, raised, answers, events)
    assumptions: list[str] = []
    if not deadline.counts_from_stated and deadline.count is not None:
        assumptions.append(
            f"The document does not say exactly when this period starts; routewise counts it "
            f"from when {start_text}."
            if deadline.counts_from != "raised"
            else "The document does not say when this period starts; routewise counts it from "
            "the date raised, the earliest reading."
        )
    if not deadline.unit_stated:
        assumptions.append(UNIT_READING)

    def made(
        text: str,
        start: date | None = None,
        due: date | None = None,
        *,
        pending: str | None = None,
        nominal: date | None = None,
        moved: str | None = None,
        skipped: list[PlanSkippedDay] | None = None,
    ) -> PlanDeadline:
        return PlanDeadline(
            rule=deadline.rule,
            wording=deadline.wording,
            count=deadline.count,
            counts_from=deadline.counts_from,
            counts_from_text=start_text,
            assumptions=assumptions,
            text=text,
            start=start,
            date=due,
            pending=pending,
            nominal=nominal,
            moved=moved,
            skipped=skipped or [],
            firmness=deadline.firmness,
        )

    if deadline.count is None:
        return made(f"{deadline.wording} (the document sets no date)")
    if start is None:
        pending = f"date set once {start_text}"
        return made(f"{deadline.wording}: {pending}", pending=pending)
    if deadline.rule == "working-days":
        due = calendar.add_working_days(start, deadline.count)
        nominal = None
    else:
        days = {
            "calendar-days": deadline.count,
            "weeks": 7 * deadline.count,
            "months": (add_months(start, deadline.count) - start).days,
        }[deadline.rule]
        due = calendar.add_calendar_days(start, days)
        nominal = start + timedelta(days=days)
    moved = None
    if due.moved_from is not None:
        # Every day passed over is named (Saturday, Sunday and Easter Monday), not the first.
        passed: list[str] = []
        day = due.moved_from
        while day < due.due:
            passed.append(f"{format_day(day)} ({calendar.non_working_reason(day)})")
            day += timedelta(days=1)
        if len(passed) == 1:
            said = f"{passed[0]} is not a working day"
        else:
            said = f"{', '.join(passed[:-1])} and {passed[-1]} are not working days"
        moved = f"{said}, so the date moves to the next working day, {format_day(due.due)}."
    return made(
        f"{deadline.wording}: {by_word(deadline.firmness)} {format_day(due.due)}",
        start,
        due.due,
        nominal=nominal,
        moved=moved,
        skipped=[PlanSkippedDay(date=s.day, reason=s.reason) for s in due.skipped],
    )
