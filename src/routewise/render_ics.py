"""The plan's dated deadlines as an iCalendar file, for Outlook or Google Calendar.

One all-day event per dated deadline. Events carry stable UIDs (route, step,
date raised), so importing a re-saved plan updates events instead of doubling them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from routewise.plan import Plan, PlanStep, contacts_text
from routewise.safe_text import one_line


def _description(step: PlanStep) -> str:
    assert step.deadline is not None
    lines = [f"Who: {step.actor_text}"]
    if step.duty:
        lines.append(f"Duty: {step.duty} (the document's word)")
    if step.contacts:
        lines.append(f"Contact: {contacts_text(step.contacts)}")
    lines.append(f"Rule: {step.deadline.text}")
    lines += step.deadline.assumptions
    working = step.deadline.working()
    if working:
        lines.append(working)
    if step.source:
        lines.append(f"Source: {step.source.cite}")
    return "\n".join(one_line(line) for line in lines)


def render(plan: Plan, now: datetime | None = None) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//routewise//action plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    stamp = now or datetime.now(UTC)
    for step in plan.steps:
        if step.deadline is None or step.deadline.date is None:
            continue
        event = Event()
        raised = plan.raised.isoformat() if plan.raised else "undated"
        event.add("uid", f"{plan.route or 'advice'}-{step.id}-{raised}@routewise")
        event.add("dtstamp", stamp)
        event.add("dtstart", step.deadline.date)
        event.add("dtend", step.deadline.date + timedelta(days=1))
        event.add("summary", one_line(f"Step {step.number}: {step.action}"))
        event.add("description", _description(step))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))
