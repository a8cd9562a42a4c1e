"""A case's summary (what `case list` needs, stored on every write) and its status on a date.

The summary keeps the status inputs: each open deadline's date (or what it waits for),
whether it is an "ideally" target, and whether the case is paused or closed. A status is
then a comparison of dates, so a list of thousands of cases never runs the engine:

- red: a deadline has passed (other than an "ideally" one);
- amber: a deadline is due within the warning period, or an "ideally" date has passed;
- waiting: a deadline waits for an event;
- green: nothing is due soon;
- paused: the clock is stopped; closed: the case is closed;
- problem: the plan cannot be made (a route that no longer accepts an answer, say).

A word always goes with the colour, so colour is never the only signal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from routewise.calendar.working_days import format_day
from routewise.register.history import CaseState

if TYPE_CHECKING:
    from routewise.register.planning import CasePlan

Status = Literal["problem", "red", "amber", "waiting", "green", "paused", "closed"]
STATUSES: tuple[Status, ...] = ("problem", "red", "amber", "waiting", "green", "paused", "closed")
"""Most urgent first: the order `case list` sorts by."""

STATUS_WORDS: dict[str, str] = {
    "problem": "needs attention",
    "red": "late",
    "amber": "due soon",
    "waiting": "waiting",
    "green": "on track",
    "paused": "paused",
    "closed": "closed",
}


@dataclass(frozen=True, kw_only=True, slots=True)
class OpenDeadline:
    """A deadline of a step not yet done, as the summary stores it."""

    step: str
    number: int
    date: date | None
    ideally: bool
    waiting: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Summary:
    owner: str
    closed: date | None
    paused: date | None
    next_number: int | None
    next_step: str | None
    next_action: str | None
    deadlines: list[OpenDeadline]
    problem: str | None = None


def summarise(state: CaseState, case: CasePlan | None, problem: str | None = None) -> Summary:
    """What the list needs from a case; `case` is None when its plan cannot be made."""
    deadlines: list[OpenDeadline] = []
    first = None
    if case is not None:
        for step, where in zip(case.plan.steps, case.steps, strict=True):
            if where.done is not None:
                continue
            first = first or step
            deadline = step.deadline
            if deadline is not None and (deadline.date is not None or where.waiting):
                deadlines.append(
                    OpenDeadline(
                        step=step.id,
                        number=step.number,
                        date=deadline.date,
                        ideally=where.ideally,
                        waiting=where.waiting,
                    )
                )
    return Summary(
        owner=state.owner,
        closed=state.closed.on if state.closed else None,
        paused=state.paused_since,
        next_number=first.number if first else None,
        next_step=first.id if first else None,
        next_action=first.action if first else None,
        deadlines=deadlines,
        problem=problem,
    )


def deadlines_json(deadlines: list[OpenDeadline]) -> str:
    return json.dumps(
        [
            {
                "step": d.step,
                "number": d.number,
                "date": d.date.isoformat() if d.date else None,
                "ideally": d.ideally,
                "waiting": d.waiting,
            }
            for d in deadlines
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def deadlines_from_json(text: str) -> list[OpenDeadline]:
    rows: list[dict[str, Any]] = json.loads(text)
    return [
        OpenDeadline(
            step=r["step"],
            number=r["number"],
            date=date.fromisoformat(r["date"]) if r["date"] else None,
            ideally=bool(r["ideally"]),
            waiting=r["waiting"],
        )
        for r in rows
    ]


@dataclass(frozen=True, kw_only=True, slots=True)
class CaseStatus:
    status: Status
    text: str
    """The status in words, with the step and date that decide it."""
    deciding: OpenDeadline | None

    @property
    def word(self) -> str:
        return STATUS_WORDS[self.status]


def case_status(summary: Summary, as_of: date, warn_until: date) -> CaseStatus:
    """The status on `as_of` (`warn_until`: the last day of the warning period)."""
    if summary.closed is not None:
        return CaseStatus(
            status="closed", text=f"closed on {format_day(summary.closed)}", deciding=None
        )
    if summary.problem is not None:
        return CaseStatus(status="problem", text=summary.problem, deciding=None)
    if summary.paused is not None:
        text = f"paused since {format_day(summary.paused)}: the clock is stopped"
        return CaseStatus(status="paused", text=text, deciding=None)
    dated = sorted((d for d in summary.deadlines if d.date), key=lambda d: (d.date, d.number))
    late = [d for d in dated if d.date and d.date < as_of]
    firm_late = [d for d in late if not d.ideally]
    if firm_late:
        d = firm_late[0]
        return CaseStatus(status="red", text=f"step {d.number} was due by {_day(d)}", deciding=d)
    due = [d for d in dated if d.date and as_of <= d.date <= warn_until]
    if late:  # only "ideally" dates have passed
        d = late[0]
        text = f"step {d.number}: ideally by {_day(d)} passed"
        return CaseStatus(status="amber", text=text, deciding=d)
    if due:
        d = due[0]
        return CaseStatus(status="amber", text=f"step {d.number} is due by {_day(d)}", deciding=d)
    waiting = [d for d in summary.deadlines if d.date is None]
    if waiting:
        d = waiting[0]
        text = f"step {d.number} waits until {d.waiting}"
        return CaseStatus(status="waiting", text=text, deciding=d)
    if dated:
        d = dated[0]
        by = "ideally by" if d.ideally else "by"
        return CaseStatus(status="green", text=f"step {d.number} {by} {_day(d)}", deciding=d)
    return CaseStatus(status="green", text="no dated deadline open", deciding=None)


def _day(deadline: OpenDeadline) -> str:
    return format_day(deadline.date) if deadline.date else "no date"


def urgency(status: CaseStatus, reference: str) -> tuple[int, date, str]:
    """Sort key, most urgent first: by status, then the deciding date, then reference."""
    deciding = status.deciding.date if status.deciding and status.deciding.date else date.max
    return STATUSES.index(status.status), deciding, reference
