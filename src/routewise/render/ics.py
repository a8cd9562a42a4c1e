"""The plan's dated deadlines as an iCalendar file, for Outlook, Google or Apple calendars.

One all-day VEVENT per dated deadline (Outlook ignores VTODO), named with the
route and the step, and the case name when one is given. Each event carries the
plan's short summary and a reminder one working day before. UIDs are stable
(route, step, date raised), so importing a re-saved plan updates its events; a case in the
register gives each step its own UID and SEQUENCE (`ids`), the ones `case export` uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from icalendar import Alarm, Calendar, Event

from routewise.base.safe_text import one_line
from routewise.model.plan import Plan, PlanStep, contacts_text
from routewise.render.plan_view import changed_lines, next_line, timeline_lines


class WorkingDays(Protocol):
    def is_working_day(self, day: date) -> bool: ...


def _description(plan: Plan, step: PlanStep) -> str:
    assert step.deadline is not None
    lines = [f"Who: {step.actor_text}"]
    if step.duty:
        lines.append(f"Duty: {step.duty_text}")
    if step.contacts:
        lines.append(f"Contact: {contacts_text(step.contacts)}")
    lines.append(f"By: {step.deadline.text}")
    lines += step.deadline.assumptions
    working = step.deadline.working()
    if working:
        lines.append(working)
    lines += [f"Changed: {change}" for change in changed_lines(plan, step)]
    lines += [f"Distinct: {mark.text}" for mark in step.distinct]
    if step.source:
        lines.append(f"Source: {step.source.cite}")
    summary = [f"Plan: {plan.route_title}"]
    if plan.outcome_title:
        summary.append(f"Outcome: {plan.outcome_title}")
    if plan.raised:
        summary.append(f"{plan.raised_label}: {plan.raised.isoformat()}")
    if plan.made_on:
        summary.append(f"Plan made: {plan.made_on.isoformat()}")
    first = next_line(plan)
    if first:
        summary.append(first)
    summary += ["Timeline:", *(f"- {line}" for line in timeline_lines(plan))]
    return "\n".join(one_line(line) for line in [*lines, "", *summary])


def reminder_day(due: date, calendar: WorkingDays | None) -> date:
    """One working day before the deadline (the day before, without a calendar)."""
    day = due - timedelta(days=1)
    if calendar is None:
        return day
    for _ in range(60):
        if calendar.is_working_day(day):
            return day
        day -= timedelta(days=1)
    return due - timedelta(days=1)


def render(
    plan: Plan,
    now: datetime | None = None,
    case: str | None = None,
    calendar: WorkingDays | None = None,
    ids: Mapping[str, tuple[str, int]] | None = None,
) -> str:
    """`calendar` places reminders on working days; by default, the plan's region. `ids`:
    each step's UID and SEQUENCE where the caller keeps its own (a case in the register)."""
    if calendar is None:
        from routewise.calendar.working_days import WorkingCalendar

        calendar = WorkingCalendar(plan.region)
    cal = Calendar()
    cal.add("prodid", "-//routewise//action plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    stamp = now or datetime.now(UTC)
    route_name = plan.route_title
    prefix = f"{case}: " if case else ""
    for step in plan.steps:
        if step.deadline is None or step.deadline.date is None or step.done is not None:
            continue  # no date to keep, or already done: nothing to remind anyone of
        due = step.deadline.date
        event = Event()
        raised = plan.raised.isoformat() if plan.raised else "undated"
        uid, sequence = (ids or {}).get(step.id) or (
            f"{plan.route or 'advice'}-{step.id}-{raised}@routewise",
            0,
        )
        event.add("uid", uid)
        if sequence:
            event.add("sequence", sequence)
        event.add("dtstamp", stamp)
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        # An "ideally" date is a target, not a limit: the summary and reminder say so.
        ideally = "" if step.deadline.firmness == "firm" else f", {step.deadline.by_date}"
        duty = f" ({step.duty})" if step.duty else ""  # "should" is not "shall"
        event.add(
            "summary",
            one_line(f"{prefix}{route_name}, step {step.number}{duty}{ideally}: {step.action}"),
        )
        event.add("description", _description(plan, step))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        due_text = (
            f"Due {step.deadline.day_text}" if not ideally else f"Due {step.deadline.by_date}"
        )
        alarm.add("description", one_line(f"{due_text}: {step.action}"))
        before = reminder_day(due, calendar)
        # 09:00 on the working day before; relative to the start (midnight) of the all-day event
        alarm.add("trigger", (before - due) + timedelta(hours=9))
        event.add_component(alarm)
        cal.add_component(event)
    return str(cal.to_ical().decode("utf-8"))
