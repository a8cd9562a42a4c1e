"""The action plan the engine builds: what every renderer and the JSON output share.

The plan keeps the documents' structure (who acts together or as one of,
which contacts are conditional, what a period counts from) so that each
renderer words it the same way, through the small wording functions here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Literal

from routewise.calendar.working_days import format_day as _day
from routewise.model.citation import FROM_FILE, PlanSource
from routewise.model.listing import either_words, joined_words, one_of_words
from routewise.model.person import Person

SCHEMA_VERSION = 4
"""Bumped when a saved plan's shape changes; `routewise export` reads this version and the
two before it (`plan_data.up_to_date`).

3: a citation's `paragraph` is the clause as written ("3.4(c)"), not a number; a step's
`done` says when and why ({date, reason}); a plan names its date (`raised_label`).
4: a citation can name more clauses of its section (`also`); a plan records the day it was
made (`made_on`), and each deadline whether its date had passed on that day (`passed`); a
step can carry routewise's reading of who acts (`actor_reading`), and a done step the event
whose date shows it done (`done.event`)."""

PASSED = "this date has passed"
"""Said beside a date before the day the plan was made, wherever the date is shown."""


# Frozen dataclasses, not pydantic models: the engine makes a plan from values it has already
# checked, so validating them again only cost time (40-50 ms building the validators
# on every triage). A plan read from a file is validated by `plan_adapter()`.


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanRole:
    """A role as named in this plan, with the person where the config or case names one."""

    __pydantic_config__ = FROM_FILE

    role: str
    title: str
    person: Person | None = None

    @property
    def label(self) -> str:
        """ "the Chief Executive (Priya Shah, …)"."""
        details = self.person.details if self.person else []
        return f"{self.title} ({', '.join(details)})" if details else self.title


GroupMode = Literal["all", "one-of", "and-or", "each"]


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanGroup:
    """People named together, as the document groups them; `condition` as it words it."""

    __pydantic_config__ = FROM_FILE

    mode: GroupMode
    members: list[PlanRole | list[PlanRole]]
    """An inner list is "one of these"."""
    condition: str | None = None
    conditional: bool = False
    """True when the document makes this group depend on a condition ("if necessary")."""
    wording: str = ""
    """The group in words, as every output shows it (for readers of the JSON)."""

    @classmethod
    def of(
        cls, mode: GroupMode, members: list[PlanRole | list[PlanRole]], condition: str | None
    ) -> PlanGroup:
        group = cls(mode=mode, members=members, condition=condition)
        return replace(group, conditional=condition is not None, wording=group.text(together=True))

    def roles(self) -> list[PlanRole]:
        out: list[PlanRole] = []
        for item in self.members:
            out.extend(item if isinstance(item, list) else [item])
        return out

    def text(self, together: bool = False, details: bool = True) -> str:
        """One unambiguous wording shared by every output (terminal, markdown, ICS, explain,
        charts); `details: False` leaves out people's contact details (a chart's box)."""

        def named(role: PlanRole) -> str:
            return role.label if details else role.title

        if len(self.members) == 1 and isinstance(self.members[0], list):
            parts = [named(m) for m in self.members[0]]
            body = one_of_words(parts)
            return f"{body}, {self.condition}" if self.condition else body
        parts = [
            either_words([named(r) for r in m]) if isinstance(m, list) else named(m)
            for m in self.members
        ]
        if self.mode == "one-of":
            body = one_of_words(parts)
        elif self.mode == "and-or":
            body = " and/or ".join(parts)
        elif self.mode == "each":
            body = joined_words(parts, "and") + (", each separately" if len(parts) > 1 else "")
        else:
            body = joined_words(parts, "and")
            if together and len(parts) > 1:
                body += ", together"
        return f"{body}, {self.condition}" if self.condition else body


def contacts_text(groups: list[PlanGroup]) -> str:
    """All of a step's contact groups on one line: groups are separated by semicolons."""
    return "; ".join(g.text() for g in groups)


def by_word(firmness: str) -> str:
    """ "by", or "ideally by" for a time limit the document says is ideal, not firm."""
    return "ideally by" if firmness == "ideally" else "by"


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanSkippedDay:
    __pydantic_config__ = FROM_FILE

    date: dt.date
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanDeadline:
    __pydantic_config__ = FROM_FILE

    rule: str
    wording: str
    firmness: Literal["firm", "ideally"] = "firm"
    """ "ideally" where the document says so: the date is a target, and every output that
    shows it says "ideally by"."""
    count: int | None
    text: str
    """The rule as worded, then the date (as `by_date` words it) or why there is none yet."""
    counts_from: str
    """"raised", an event id, or a date question id."""
    counts_from_text: str
    start: dt.date | None
    date: dt.date | None
    nominal: dt.date | None = None
    """For calendar periods: the day the period ends, before any move to a working day."""
    pending: str | None = None
    """Why there is no date yet: "date set once the outcome is reached"."""
    assumptions: list[str] = field(default_factory=list)
    """Readings routewise chose where the document is silent (the start, the unit)."""
    moved: str | None = None
    skipped: list[PlanSkippedDay] = field(default_factory=list)
    passed: bool = False
    """The date is before the day the plan was made (`Plan.made_on`) and the step is not done:
    every output that shows the date says so (`PASSED`), `text` too."""

    @property
    def by_date(self) -> str | None:
        """The date with its firmness, "by Wed 30 Dec 2026" or "ideally by Tue 7 Apr 2026",
        and "(this date has passed)" where it has."""
        if self.date is None:
            return None
        return f"{by_word(self.firmness)} {self.day_text}"

    @property
    def day_text(self) -> str:
        """The date alone, "Wed 30 Dec 2026", or "Wed 30 Dec 2026 (this date has passed)"."""
        if self.date is None:
            return ""
        return f"{_day(self.date)} ({PASSED})" if self.passed else _day(self.date)

    def working(self, lead: str = "Counted from") -> str | None:
        """How the date was reached, in words a user can check by hand; `lead` starts it
        ("From" under a "Counted:" label, which would otherwise say "Counted: Counted")."""
        if self.start is None or self.date is None or self.count is None:
            return None
        skipped = "; ".join(f"{_day(s.date)} ({s.reason})" for s in self.skipped)
        parts = [f"{lead} {_day(self.start)} (day 0)."]
        if self.rule != "working-days":
            nominal = self.nominal or self.date
            unit = {"weeks": "week", "months": "month"}.get(self.rule)
            if unit:
                plural = "" if self.count == 1 else "s"
                parts.append(f"{self.count} {unit}{plural} later is {_day(nominal)}.")
            else:
                parts.append(f"Calendar day {self.count} is {_day(nominal)}.")
            if self.skipped:
                parts.append(
                    f"Not working days: {skipped}; so the date moves to {_day(self.date)}."
                )
            return " ".join(parts)
        known = {s.date for s in self.skipped}
        day_one = self.start + timedelta(days=1)
        while day_one in known:
            day_one += timedelta(days=1)
        if self.count > 0:
            parts.append(
                f"Day 1 is {_day(day_one)}; due at the end of working day {self.count}, "
                f"{_day(self.date)}."
            )
        else:
            parts.append(f"Due {_day(self.date)}.")
        if self.skipped:
            parts.append(f"Not working days: {skipped}.")
        else:
            parts.append("No weekend, bank holiday or closure day fell in the period.")
        return " ".join(parts)


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanDone:
    """A step already done: its date where the plan knows it, and how the plan knows."""

    __pydantic_config__ = FROM_FILE

    date: dt.date | None = None
    """The date raised, for the step the date raised stands for; None when an answer says
    the step is done but not when."""
    reason: str
    """ "the date received" (the route's date label), the answer that says so, or the event
    whose date shows it ("the date the outcome is reached")."""
    event: str | None = None
    """The id of that event, where an event's date shows the step done (its `done_steps`)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanDistinct:
    """Two roles of this plan that must be different people (roles.yaml `distinct_from`)."""

    __pydantic_config__ = FROM_FILE

    roles: list[str]
    """This step's role first, then the one it must differ from."""
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanStep:
    __pydantic_config__ = FROM_FILE

    number: int
    id: str
    action: str
    duty: str | None = None
    """How strong the obligation is, in the document's word (shall, should, may, …)."""
    actor: PlanGroup
    contacts: list[PlanGroup]
    deadline: PlanDeadline | None
    if_unresolved: int | None
    """The step number to go to if this step does not resolve the matter."""
    note: str | None
    source: PlanSource | None
    general_advice: bool = False
    """True for the advice routewise adds where the documents do not cover a case."""
    done: PlanDone | None = None
    """Set when this step is already done: on the date raised (the route's `raised_step`),
    or because an answer says so (a choice's `done_steps`). None while it is still to do."""
    may_follow: str | None = None
    """Why this step only may follow here (the document does not say whether it does)."""
    distinct: list[PlanDistinct] = field(default_factory=list)
    """People this step names who must not be the same person as someone else the plan
    names, each said in words."""
    actor_reading: str | None = None
    """Set where the document does not say who acts here and routewise names someone: its
    reading, shown beside the actor wherever the actor is ("routewise's reading: …")."""

    @property
    def actor_text(self) -> str:
        text = self.actor.text(together=True)
        return f"{text} ({self.actor_reading})" if self.actor_reading else text

    @property
    def duty_text(self) -> str | None:
        """The duty as every output shows it, marked as the document's own wording."""
        if self.duty is None:
            return None
        return f"{self.duty} (the document's {'words' if ' ' in self.duty else 'word'})"


AdjustmentKind = Literal["left-out", "stands-in", "first-raised", "not-covered"]


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanAdjustment:
    """Why this plan differs from the route as written, as data and in words."""

    __pydantic_config__ = FROM_FILE

    kind: AdjustmentKind
    step: str | None
    """The step id affected, if any."""
    roles: list[str]
    """Role ids left out or standing in."""
    reason: str
    """Why, each party's post said once ("" where no one is conflicted)."""
    text: str
    """The change and its reason, as the step it concerns shows it."""
    change: str = ""
    """The change alone, as "Why this plan differs" lists it under `Plan.conflicts`."""
    source: PlanSource | None = None
    """Where the document names the stand-in, for a `stands-in` change it names."""


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanNote:
    __pydantic_config__ = FROM_FILE

    kind: str
    heading: str
    text: str
    source: PlanSource | None


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanAnswer:
    __pydantic_config__ = FROM_FILE

    question: str
    text: str
    choice: str | list[str] | None
    """The choice id (a list for multi-choice questions); None for dates and text."""
    answer: str
    """The answer as shown to people."""


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanEvent:
    __pydantic_config__ = FROM_FILE

    id: str
    text: str
    date: dt.date | None


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanSeeAlso:
    __pydantic_config__ = FROM_FILE

    route: str
    title: str
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Plan:
    __pydantic_config__ = FROM_FILE

    schema_version: int = SCHEMA_VERSION
    council: str | None = None
    route: str | None
    route_title: str
    outcome: str | None
    outcome_title: str | None
    raised: dt.date | None
    """None for "none of these", which asks no date."""
    made_on: dt.date | None = None
    """The day the plan was made: a deadline before it is marked passed. None for a plan no
    day judges (explain's examples, a folder's tests, a case, which `--as-of` judges)."""
    raised_label: str = "Date raised"
    """How the route names its starting date ("Date received"): the plan's label for
    `raised`, in every output."""
    region: str
    answers: list[PlanAnswer]
    events: list[PlanEvent] = field(default_factory=list)
    steps: list[PlanStep]
    adjustments: list[PlanAdjustment]
    notes: list[PlanNote]
    see_also: list[PlanSeeAlso] = field(default_factory=list)
    sources: list[PlanSource]
    general_advice: bool
    closures_applied: bool = True
    warnings: list[str] = field(default_factory=list)
    """Things to check before relying on a date (for example, bank holidays not yet known)."""
    conflicts: list[str] = field(default_factory=list)
    """Why people named by the route are left out or stood in for: each party's post, once."""
    diagram: str | None = None
    """The route as a Mermaid flowchart with this plan's path highlighted (markdown shows it)."""
