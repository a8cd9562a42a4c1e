"""The action plan the engine builds: what every renderer and the JSON output share."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from routewise.calendar import format_day as _day


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class PlanSource(_Model):
    document: str
    file: str
    title: str
    section: str
    paragraph: int | None = None

    @property
    def cite(self) -> str:
        para = f", paragraph {self.paragraph}" if self.paragraph else ""
        return f"{self.file}, \u201c{self.section}\u201d{para}"


class PlanContact(_Model):
    role: str
    title: str
    name: str | None = None
    email: str | None = None
    phone: str | None = None

    @property
    def details(self) -> list[str]:
        return [v for v in (self.name, self.email, self.phone) if v]

    @property
    def label(self) -> str:
        """The role, then the person where known: "the Chief Executive (Priya Shah, …)"."""
        return f"{self.title} ({', '.join(self.details)})" if self.details else self.title


class PlanSkippedDay(_Model):
    date: date
    reason: str


class PlanDeadline(_Model):
    rule: str
    wording: str
    days: int | None
    text: str
    """The rule as worded, then the date: "within 5 working days: by Wed 30 Dec 2026"."""
    counts_from: str
    start: date | None
    date: date | None
    assumption: str | None = None
    moved: str | None = None
    skipped: list[PlanSkippedDay] = []

    def working(self) -> str | None:
        """How the date was reached, in words a user can check by hand."""
        if self.start is None or self.date is None or self.days is None:
            return None
        skipped = "; ".join(f"{_day(s.date)} ({s.reason})" for s in self.skipped)
        parts = [f"Counted from {_day(self.start)} (day 0)."]
        if self.rule == "calendar-days":
            nominal = self.start + timedelta(days=self.days)
            parts.append(f"Calendar day {self.days} is {_day(nominal)}.")
            if self.skipped:
                parts.append(
                    f"Not working days: {skipped}; so the date moves to {_day(self.date)}."
                )
            return " ".join(parts)
        known = {s.date for s in self.skipped}
        day_one = self.start + timedelta(days=1)
        while day_one in known:
            day_one += timedelta(days=1)
        if self.days > 0:
            parts.append(
                f"Day 1 is {_day(day_one)}; due at the end of working day {self.days}, "
                f"{_day(self.date)}."
            )
        else:
            parts.append(f"Due {_day(self.date)}.")
        if self.skipped:
            parts.append(f"Not working days: {skipped}.")
        else:
            parts.append("No weekend, bank holiday or closure day fell in the period.")
        return " ".join(parts)


class PlanStep(_Model):
    number: int
    id: str
    actor: str
    actor_roles: list[str]
    actors: list[PlanContact]
    """The people who act, with contact details where the council's config has them."""
    action: str
    contacts: list[PlanContact]
    contacts_mode: str
    deadline: PlanDeadline | None
    if_unresolved: int | None
    """The step number to go to if this step does not resolve the matter."""
    note: str | None
    source: PlanSource | None
    general_advice: bool = False
    """True for the advice routewise adds where the documents do not cover a case."""


class PlanNote(_Model):
    kind: str
    text: str
    source: PlanSource | None


class PlanAnswer(_Model):
    question: str
    text: str
    answer: str


class Plan(_Model):
    council: str | None = None
    route: str | None
    route_title: str
    outcome: str | None
    outcome_title: str | None
    raised: date
    region: str
    answers: list[PlanAnswer]
    steps: list[PlanStep]
    adjustments: list[str]
    """Why this plan differs from the route as written (a party is the usual handler, …)."""
    notes: list[PlanNote]
    sources: list[PlanSource]
    general_advice: bool
    closures_applied: bool = True
    warnings: list[str] = []
    """Things to check before relying on a date (for example, bank holidays not yet known)."""
