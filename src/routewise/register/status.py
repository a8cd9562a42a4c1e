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
from typing import TYPE_CHECKING, Literal

from routewise.calendar.working_days import format_day

if TYPE_CHECKING:
    from routewise.register.history import CaseState
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
    firm: OpenDeadline | None
    """The earliest dated deadline open that is a firm limit."""
    ideal: OpenDeadline | None
    """The earliest dated deadline open that is an "ideally" target."""
    waiting: OpenDeadline | None
    """The first open deadline waiting for an event."""
    deadlines: list[OpenDeadline] | None = None
    """Every open deadline (stored for the views across cases; a list does not read it)."""
    problem: str | None = None


def deciding_three(
    deadlines: list[OpenDeadline],
) -> tuple[OpenDeadline | None, OpenDeadline | None, OpenDeadline | None]:
    """The three deadlines a status can turn on: the earliest firm and the earliest
    "ideally" date, and the first deadline waiting for an event."""
    dated = sorted((d for d in deadlines if d.date), key=lambda d: (d.date, d.number))
    firm = next((d for d in dated if not d.ideally), None)
    ideal = next((d for d in dated if d.ideally), None)
    waiting = next((d for d in deadlines if d.date is None), None)
    return firm, ideal, waiting


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
    firm, ideal, waiting = deciding_three(deadlines)
    return Summary(
        owner=state.owner,
        closed=state.closed.on if state.closed else None,
        paused=state.paused_since,
        next_number=first.number if first else None,
        next_step=first.id if first else None,
        next_action=first.action if first else None,
        firm=firm,
        ideal=ideal,
        waiting=waiting,
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


@dataclass(frozen=True, kw_only=True, slots=True)
class CaseStatus:
    status: Status
    reason: str
    """What decided it: `late`, `passed` (an "ideally" date), `due`, `waiting`, `upcoming`
    or `none`, or the status itself."""
    deciding: OpenDeadline | None
    since: date | None = None
    """When a closed case was closed, or a paused one paused."""
    problem: str | None = None

    @property
    def word(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def text(self) -> str:
        """The status in words, with the step and date that decide it (worded only when
        shown: a list of thousands shows fifty)."""
        if self.reason == "closed" and self.since is not None:
            return f"closed on {format_day(self.since)}"
        if self.reason == "paused" and self.since is not None:
            return f"paused since {format_day(self.since)}: the clock is stopped"
        d = self.deciding
        if d is None:
            return self.problem or "no dated deadline open"
        day = format_day(d.date) if d.date else ""
        return {
            "late": f"step {d.number} was due by {day}",
            "passed": f"step {d.number}: ideally by {day} passed",
            "due": f"step {d.number} is due by {day}",
            "waiting": f"step {d.number} waits until {d.waiting}",
            "upcoming": f"step {d.number} {'ideally by' if d.ideally else 'by'} {day}",
        }[self.reason]


def case_status(summary: Summary, as_of: date, warn_until: date) -> CaseStatus:
    """The status on `as_of` (`warn_until`: the last day of the warning period)."""
    if summary.closed is not None:
        return CaseStatus(status="closed", reason="closed", deciding=None, since=summary.closed)
    if summary.problem is not None:
        return CaseStatus(
            status="problem", reason="problem", deciding=None, problem=summary.problem
        )
    if summary.paused is not None:
        return CaseStatus(status="paused", reason="paused", deciding=None, since=summary.paused)
    firm, ideal = summary.firm, summary.ideal
    if firm is not None and firm.date is not None and firm.date < as_of:
        return CaseStatus(status="red", reason="late", deciding=firm)
    if ideal is not None and ideal.date is not None and ideal.date < as_of:
        return CaseStatus(status="amber", reason="passed", deciding=ideal)
    nearest = firm if ideal is None or ideal.date is None else ideal
    if firm is not None and ideal is not None and firm.date and ideal.date:
        nearest = min(firm, ideal, key=lambda d: (d.date, d.number))
    if nearest is not None and nearest.date is not None and nearest.date <= warn_until:
        return CaseStatus(status="amber", reason="due", deciding=nearest)
    if summary.waiting is not None:
        return CaseStatus(status="waiting", reason="waiting", deciding=summary.waiting)
    if nearest is not None and nearest.date is not None:
        return CaseStatus(status="green", reason="upcoming", deciding=nearest)
    return CaseStatus(status="green", reason="none", deciding=None)


def status_label(status: CaseStatus) -> str:
    """ "RED: late": the colour's name and what it means, so colour is never the only sign."""
    if status.status in ("problem", "paused", "closed", "waiting"):
        return STATUS_WORDS[status.status].upper()
    return f"{status.status.upper()}: {STATUS_WORDS[status.status]}"


def urgency(status: CaseStatus, reference: str) -> tuple[int, date, str]:
    """Sort key, most urgent first: by status, then the deciding date, then reference."""
    deciding = status.deciding.date if status.deciding and status.deciding.date else date.max
    return STATUSES.index(status.status), deciding, reference
