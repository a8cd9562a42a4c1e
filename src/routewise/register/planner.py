"""The register's link to the engine: plans and summaries for cases, with the register's
calendar and warning period and the council's titles and contacts.

Loaded by the commands that change a case or show one; `case list` never needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from routewise.base.errors import UserError
from routewise.engine.deadlines import Calendar
from routewise.model.catalogue import Catalogue
from routewise.model.person import Person
from routewise.model.plan import Plan
from routewise.register.history import CaseState
from routewise.register.planning import CasePlan, base_plan, case_plan
from routewise.register.status import Summary, summarise


class Planner:
    """Plans and summaries with the register's calendar and the council's names."""

    def __init__(
        self,
        catalogue: Callable[[], Catalogue],
        calendar: Calendar,
        warn_days: int,
        summary_key: str,
        *,
        contacts: Mapping[str, Person] | None = None,
        titles: Mapping[str, str] | None = None,
        council: str | None = None,
    ) -> None:
        self._catalogue = catalogue
        self._loaded: Catalogue | None = None
        self.calendar = calendar
        self.warn_days = warn_days
        self.summary_key = summary_key
        self.contacts = dict(contacts or {})
        self.titles = dict(titles or {})
        self.council = council

    @property
    def catalogue(self) -> Catalogue:
        if self._loaded is None:
            self._loaded = self._catalogue()
        return self._loaded

    def base(self, state: CaseState) -> Plan:
        return base_plan(
            self.catalogue, state, self.calendar, self.contacts, self.titles, self.council
        )

    def plan(self, state: CaseState, as_of: date) -> CasePlan:
        return case_plan(self.base(state), state, self.calendar, self.warn_days, as_of)

    def summary(self, reference: str, state: CaseState, today: date) -> Summary:
        """The summary; a case whose plan cannot be made says why, and how to fix it."""
        try:
            return summarise(state, self.plan(state, today))
        except UserError as exc:
            return summarise(state, None, problem_text(reference, exc))


def problem_text(reference: str, exc: UserError) -> str:
    question = getattr(exc, "question", None)
    if isinstance(question, str) and not question.startswith("event "):
        return f"{exc}. Fix it with: routewise case answer {reference} {question}=VALUE"
    return str(exc)
