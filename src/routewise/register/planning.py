"""A case's plan: the engine's plan from its route, answers and event dates, with the case's
pauses and agreed dates applied and each step's status on a date.

The engine (`engine.assemble.build_plan`) does all the routing and counting; this module
only moves dates the case's history moves (see `timing`) and says where each step stands.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from routewise.base.errors import UserError
from routewise.base.safe_text import quoted
from routewise.calendar.working_days import format_day
from routewise.engine.assemble import build_plan
from routewise.engine.deadlines import Calendar
from routewise.engine.paths import Answer, check_answer_ids, coerce_answer, rename_former_ids
from routewise.model.catalogue import Catalogue
from routewise.model.person import Person
from routewise.model.plan import Plan, PlanDeadline, PlanDone, PlanSkippedDay, PlanStep, by_word
from routewise.model.route import Route
from routewise.register.history import CaseState, Done, Extension
from routewise.register.timing import (
    PAUSED,
    StepStatus,
    paused_days,
    shift_for_pauses,
    step_status,
    warn_until,
)

AGREED = "agreed-date"
"""The rule of a deadline whose date was agreed (`case extend`): no longer counted."""


@dataclass(frozen=True, kw_only=True, slots=True)
class StepState:
    """Where one step of a case stands on a date."""

    number: int
    id: str
    status: StepStatus
    done: Done | None
    extension: Extension | None
    ideally: bool
    waiting: str | None
    """What an undated deadline waits for ("the outcome is reached")."""
    paused_days: int
    """Working days the clock was stopped within the step's period."""


@dataclass(frozen=True, kw_only=True, slots=True)
class CasePlan:
    plan: Plan
    """The engine's plan, with the case's dates: what every output of a plan shows."""
    steps: list[StepState]
    as_of: date


def is_ideally(deadline: PlanDeadline) -> bool:
    """A target the document says is ideal ("ideally within 2 days"), not a firm limit."""
    return deadline.firmness == "ideally"


def route_for(catalogue: Catalogue, route_id: str) -> Route:
    route = catalogue.routes.get(route_id)
    if route is None:
        raise UserError(
            f"the case's route {quoted(route_id)} is not in the flows in use; add the flow "
            "folder that has it (`routewise case settings --flows DIR`)"
        )
    return route


def engine_answers(route: Route, stored: Mapping[str, Any]) -> dict[str, Answer]:
    """The stored answers (answers-file form) as the engine takes them, each checked against
    the route as it is now: a route that changed may no longer accept one."""
    check_answer_ids(route, stored)
    renamed = rename_former_ids(route, stored)
    return {q.id: coerce_answer(q, renamed[q.id]) for q in route.questions if q.id in renamed}


def stored_answer(value: Answer) -> Any:
    """An answer as the register keeps it: the answers-file form, as JSON can hold it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def base_plan(
    catalogue: Catalogue,
    state: CaseState,
    calendar: Calendar,
    contacts: Mapping[str, Person],
    titles: Mapping[str, str],
    council: str | None,
) -> Plan:
    """The engine's plan for the case as it stands, before pauses and agreed dates."""
    route = route_for(catalogue, state.route)
    people = {**contacts, **{r: Person(**p) for r, p in state.contacts.items()}}
    answers = engine_answers(route, state.answers)
    return build_plan(
        catalogue, route, answers, state.raised, calendar, people, titles, council, state.events
    )


def case_plan(
    plan: Plan, state: CaseState, calendar: Calendar, warn_days: int, as_of: date
) -> CasePlan:
    """The plan with the case's dates, and each step's status on `as_of`."""
    paused = paused_days(state.pauses, as_of)
    is_paused = state.paused_since is not None
    until = warn_until(as_of, warn_days, calendar)
    steps: list[PlanStep] = []
    states: list[StepState] = []
    for step in plan.steps:
        deadline, lost = step.deadline, 0
        extension = state.extensions.get(step.id)
        if deadline is not None and extension is not None:
            deadline = agreed(deadline, extension)
        elif deadline is not None and paused:
            deadline, lost = with_pauses(deadline, paused, calendar)
        done = state.done.get(step.id)
        if done is None and step.done is not None:  # the date raised, an answer, or an event
            entry = state.event_entries.get(step.done.event, 1) if step.done.event else 1
            done = Done(
                on=step.done.date, by=state.opened_by, entry=entry, plan_reason=step.done.reason
            )
        due = deadline.date if deadline else None
        waiting = deadline.pending is not None if deadline else False
        running = is_paused and due is not None and deadline is not None and _running(deadline)
        status = step_status(
            due=due,
            waiting=waiting,
            done=done is not None,
            paused=running,
            as_of=as_of,
            warn_until=until,
        )
        shown_done = step.done if done is not None and done.plan_reason is not None else None
        if done is not None and shown_done is None:
            shown_done = PlanDone(date=done.on, reason=f"recorded by {done.by}")
        steps.append(replace(step, deadline=deadline, done=shown_done))
        states.append(
            StepState(
                number=step.number,
                id=step.id,
                status=status,
                done=done,
                extension=extension,
                ideally=deadline is not None and is_ideally(deadline),
                waiting=deadline.counts_from_text if deadline and waiting else None,
                paused_days=lost,
            )
        )
    return CasePlan(plan=replace(plan, steps=steps), steps=states, as_of=as_of)


def _running(deadline: PlanDeadline) -> bool:
    """A period that has started: the clock that a pause stops. An agreed date is fixed."""
    return deadline.rule != AGREED and deadline.start is not None


def agreed(deadline: PlanDeadline, extension: Extension) -> PlanDeadline:
    """An agreed new date replaces the counted one; the deadline says so, and why."""
    was = f" (it was {format_day(deadline.date)})" if deadline.date else ""
    why = f": {extension.reason}" if extension.reason else ""
    return replace(
        deadline,
        rule=AGREED,
        count=None,
        text=f"{deadline.wording}: by {format_day(extension.to)}, an agreed new date{was}",
        date=extension.to,
        nominal=None,
        pending=None,
        moved=f"An agreed new date (history entry {extension.entry}){why}.",
        skipped=[],
    )


def with_pauses(
    deadline: PlanDeadline, paused: Set[date], calendar: Calendar
) -> tuple[PlanDeadline, int]:
    """The deadline moved on by the working days the clock was stopped in its period, and
    how many there were; every day passed over is listed with its reason, as the engine's
    are, so `--why` and the calendar's description still add up."""
    if deadline.start is None or deadline.date is None:
        return deadline, 0
    due, lost = shift_for_pauses(deadline.start, deadline.date, paused, calendar)
    if not lost:
        return deadline, 0
    first = deadline.start + timedelta(days=1) if deadline.rule == "working-days" else None
    skipped = [] if first else list(deadline.skipped)
    day = first or deadline.date + timedelta(days=1)
    while day <= due:
        reason = calendar.non_working_reason(day) or (PAUSED if day in paused else None)
        if reason is not None:
            skipped.append(PlanSkippedDay(date=day, reason=reason))
        day += timedelta(days=1)
    by = by_word(deadline.firmness)
    days = f"{len(lost)} working day{'' if len(lost) == 1 else 's'}"
    said = f"the clock was stopped for {days} while the case was paused"
    moved = None
    if first is None:  # a calendar period: say why the date moved on after all
        moved = f"The {said[4:]}, so the date moves to {format_day(due)}."
        moved = f"{deadline.moved} {moved}" if deadline.moved else moved
    shifted = replace(
        deadline,
        text=f"{deadline.wording}: {by} {format_day(due)} ({said})",
        date=due,
        skipped=skipped,
        moved=moved,
    )
    return shifted, len(lost)
