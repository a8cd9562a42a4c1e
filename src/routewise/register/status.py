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

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from routewise.calendar.working_days import format_day
from routewise.register.schedule import Schedule, schedule_of

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
    schedule: Schedule | None = None
    """Every step with its deadline and when it was done (stored for the views across
    cases: `schedule`); a list does not read it."""


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
        schedule=schedule_of(state, case),
    )


def listing_json(summary: Summary, case: Mapping[str, Any]) -> str:
    """The part of a case's `case list --format json` entry that only a write changes
    (the case's reference, route and dates, owner, next step, paused, closed), as JSON
    members: kept with the summary, so a list of thousands writes each case's text
    without building it again."""
    nxt = (
        None
        if summary.next_number is None
        else {
            "number": summary.next_number,
            "step": summary.next_step,
            "action": summary.next_action,
        }
    )
    fixed = {
        "reference": case["reference"],
        "route": case["route"],
        "raised": case["raised"],
        "opened": case["opened"],
        "owner": summary.owner,
        "next": nxt,
        "paused": summary.paused.isoformat() if summary.paused else None,
        "closed": summary.closed.isoformat() if summary.closed else None,
    }
    return json.dumps(fixed, ensure_ascii=False, separators=(",", ":"))[1:-1]


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
        """The status in words, with the step and date that decide it."""
        d = self.deciding
        return status_words(
            self.reason,
            since=self.since.isoformat() if self.since else None,
            problem=self.problem,
            number=d.number if d else None,
            day=d.date.isoformat() if d and d.date else None,
            ideally=d.ideally if d else False,
            waiting=d.waiting if d else None,
        )


def status_words(
    reason: str,
    *,
    since: str | None = None,
    problem: str | None = None,
    number: int | None = None,
    day: str | None = None,
    ideally: bool = False,
    waiting: str | None = None,
) -> str:
    """A status in words (dates as ISO text): the one wording for a case shown alone and
    for each of thousands in a list, which words it straight from the stored row."""
    if reason == "closed" and since:
        return f"closed on {iso_words(since)}"
    if reason == "paused" and since:
        return f"paused since {iso_words(since)}: the clock is stopped"
    if number is None:
        return problem or "no dated deadline open"
    when = iso_words(day) if day else ""
    if reason == "late":
        return f"step {number} was due by {when}"
    if reason == "passed":
        return f"step {number}: ideally by {when} passed"
    if reason == "due":
        return f"step {number} is due by {when}"
    if reason == "waiting":
        return f"step {number} waits until {waiting}"
    return f"step {number} {'ideally by' if ideally else 'by'} {when}"


@functools.lru_cache(maxsize=4096)
def iso_words(day: str) -> str:
    """ "Wed 30 Dec 2026" for 2026-12-30, remembered: a list of thousands of cases names a
    few hundred dates."""
    return format_day(date.fromisoformat(day))


def classify(
    *,
    closed: bool,
    problem: bool,
    paused: bool,
    firm: tuple[str, int] | None,
    ideal: tuple[str, int] | None,
    waiting: bool,
    as_of: str,
    warn_until: str,
) -> tuple[Status, str, str | None]:
    """The status rules, once for every caller: (status, reason, which deadline decides:
    `firm`, `ideal`, `waiting` or None). Dates are ISO text (`firm`: the earliest firm
    date open and its step number; `ideal` the same for "ideally" dates), which compares
    as dates do, so thousands of stored summaries are judged without parsing one."""
    if closed:
        return "closed", "closed", None
    if problem:
        return "problem", "problem", None
    if paused:
        return "paused", "paused", None
    if firm is not None and firm[0] < as_of:
        return "red", "late", "firm"
    if ideal is not None and ideal[0] < as_of:
        return "amber", "passed", "ideal"
    nearest = None if firm is None and ideal is None else "firm"
    if ideal is not None and (firm is None or ideal < firm):
        nearest = "ideal"
    due = firm if nearest == "firm" else ideal
    if due is not None and due[0] <= warn_until:
        return "amber", "due", nearest
    if waiting:
        return "waiting", "waiting", "waiting"
    if due is not None:
        return "green", "upcoming", nearest
    return "green", "none", None


def case_status(summary: Summary, as_of: date, warn_until: date) -> CaseStatus:
    """The status on `as_of` (`warn_until`: the last day of the warning period)."""

    def dated(d: OpenDeadline | None) -> tuple[str, int] | None:
        return (d.date.isoformat(), d.number) if d is not None and d.date is not None else None

    status, reason, which = classify(
        closed=summary.closed is not None,
        problem=summary.problem is not None,
        paused=summary.paused is not None,
        firm=dated(summary.firm),
        ideal=dated(summary.ideal),
        waiting=summary.waiting is not None,
        as_of=as_of.isoformat(),
        warn_until=warn_until.isoformat(),
    )
    deciding = {"firm": summary.firm, "ideal": summary.ideal, "waiting": summary.waiting}
    return CaseStatus(
        status=status,
        reason=reason,
        deciding=deciding[which] if which else None,
        since=summary.closed or summary.paused,
        problem=summary.problem,
    )


def status_label(status: CaseStatus) -> str:
    """ "RED: late": the colour's name and what it means, so colour is never the only sign."""
    if status.status in ("problem", "paused", "closed", "waiting"):
        return STATUS_WORDS[status.status].upper()
    return f"{status.status.upper()}: {STATUS_WORDS[status.status]}"
