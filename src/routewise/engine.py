"""Walk a route's decision tree and build the action plan.

Pure: no I/O, no prompts, no rendering. The wizard and the non-interactive
answers both come through here, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from routewise.calendar import DueDate, format_day
from routewise.errors import AnswerError
from routewise.loader import Catalogue
from routewise.models import Deadline, Outcome, Question, Route, Source, Step
from routewise.plan import (
    Plan,
    PlanAnswer,
    PlanContact,
    PlanDeadline,
    PlanNote,
    PlanSkippedDay,
    PlanSource,
    PlanStep,
)

Answer = str | date
"""A choice id ("yes"/"no" for yes-no questions), a date, or free text."""


class Calendar(Protocol):
    region: str
    closures: Mapping[date, str]

    @property
    def closures_apply(self) -> bool: ...

    def coverage_warning(self, last: date) -> str | None: ...

    def add_working_days(self, start: date, days: int) -> DueDate: ...

    def add_calendar_days(self, start: date, days: int) -> DueDate: ...

    def non_working_reason(self, day: date) -> str | None: ...


@dataclass(frozen=True)
class ContactDetails:
    name: str | None = None
    email: str | None = None
    phone: str | None = None


# --- answers and the decision tree ------------------------------------------


def valid_answers(question: Question) -> list[str]:
    if question.choices:
        return [c.id for c in question.choices]
    if question.type == "date":
        return ["a date as YYYY-MM-DD"]
    return ["any text"]


def coerce_answer(question: Question, raw: object) -> Answer:
    """Turn an answer from a file or the command line into the engine's form."""
    valid = valid_answers(question)
    if question.choices and isinstance(raw, bool):  # YAML reads yes/no/true/false as booleans
        raw = "yes" if raw else "no"
    if question.choices:
        value = str(raw).strip().lower() if isinstance(raw, str | int) else None
        if value in ("true", "false") and "yes" in valid:
            value = "yes" if value == "true" else "no"
        if value not in valid:
            raise AnswerError(question.id, f"{raw!r} is not one of the choices", valid)
        return value
    if question.type == "date":
        if isinstance(raw, date):
            return raw
        try:
            return date.fromisoformat(str(raw).strip())
        except ValueError:
            raise AnswerError(question.id, f"{raw!r} is not a date", valid) from None
    if raw is None or not isinstance(raw, str | int | float):
        raise AnswerError(question.id, "expected text", valid)
    return str(raw)


def next_node(route: Route, answers: Mapping[str, Answer]) -> Question | Outcome:
    """The first unanswered question on the path, or the outcome it leads to."""
    node_id = route.start
    while True:
        outcome = route.outcome(node_id)
        if outcome is not None:
            return outcome
        question = route.question(node_id)
        assert question is not None, "the loader checks every `next`"
        if question.id not in answers:
            return question
        answer = answers[question.id]
        if question.choices:
            choice = next((c for c in question.choices if c.id == answer), None)
            if choice is None:
                raise AnswerError(
                    question.id, f"{answer!r} is not one of the choices", valid_answers(question)
                )
            assert choice.next is not None
            node_id = choice.next
        else:
            assert question.next is not None
            node_id = question.next


def path_questions(route: Route, answers: Mapping[str, Answer]) -> list[Question]:
    """The questions on the path the answers take, in order asked."""
    asked: list[Question] = []
    node_id = route.start
    while (question := route.question(node_id)) is not None and question.id in answers:
        asked.append(question)
        if question.choices:
            node_id = next(c.next for c in question.choices if c.id == answers[question.id]) or ""
        else:
            node_id = question.next or ""
    return asked


def complete_answers(route: Route, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """The answers with optional questions left blank; an error for any other gap."""
    filled = dict(answers)
    while isinstance(node := next_node(route, filled), Question):
        if not node.optional:
            raise AnswerError(node.id, f"no answer given to {node.text!r}", valid_answers(node))
        filled[node.id] = ""
    return filled


def check_answer_ids(route: Route, answers: Mapping[str, object]) -> None:
    """Refuse answers to questions the route does not have: a typo would otherwise be lost."""
    known = [q.id for q in route.questions]
    for question_id in answers:
        if question_id not in known:
            raise AnswerError(question_id, f"route {route.id!r} has no such question", known)


# --- building the plan -------------------------------------------------------


@dataclass(frozen=True)
class _Kept:
    """A step that stays in the plan, with the people it names after party checks."""

    step: Step
    actors: list[str]
    contacts: list[str]
    action: str


@dataclass
class _Builder:
    catalogue: Catalogue
    route: Route
    answers: Mapping[str, Answer]
    raised: date
    calendar: Calendar
    contacts: Mapping[str, ContactDetails]
    titles: Mapping[str, str]
    council: str | None = None

    def __post_init__(self) -> None:
        self.party_levels: dict[str, str] = {}
        for question in path_questions(self.route, self.answers):
            if question.party is not None:
                choice = next(c for c in question.choices if c.id == self.answers[question.id])
                assert choice.level is not None
                self.party_levels[question.party] = choice.level
        self.adjustments: list[str] = []

    def title(self, role_id: str) -> str:
        return _title(self.catalogue, self.titles, role_id)

    def excluded(self, role_id: str) -> str | None:
        """Why a role cannot act in this case, if a party holds it or is senior to it."""
        role = self.catalogue.roles[role_id]
        if role.party or role.level is None:
            return None
        for party, level in self.party_levels.items():
            if role.relative_to not in (None, party):
                continue
            party_rank = self.catalogue.level_rank(level)
            role_rank = self.catalogue.level_rank(role.level)
            if party_rank == role_rank:
                return (
                    f"{self.title(party)} is {self.level_title(level)}, so "
                    f"{self.title(role_id)} would be {self.title(party)} themself"
                )
            if party_rank > role_rank:
                return (
                    f"{self.title(party)} is {self.level_title(level)}, "
                    f"above {self.level_title(role.level)}"
                )
        return None

    def level_title(self, level_id: str) -> str:
        return next(lv.title for lv in self.catalogue.levels if lv.id == level_id)

    def source(self, source: Source) -> PlanSource:
        doc = next(d for d in self.catalogue.triage.documents if d.id == source.document)
        return PlanSource(
            document=doc.id,
            file=doc.file,
            title=doc.title,
            section=source.section,
            paragraph=source.paragraph,
        )

    def contact(self, role_id: str) -> PlanContact:
        return _contact(self.catalogue, self.titles, self.contacts, role_id)

    def deadline(self, deadline: Deadline) -> PlanDeadline:
        if deadline.counts_from == "raised":
            start, start_label = self.raised, "the date raised"
        else:
            answered = self.answers.get(deadline.counts_from)
            question = self.route.question(deadline.counts_from)
            start = answered if isinstance(answered, date) else self.raised
            start_label = question.text if question else deadline.counts_from
        assumption = None
        if not deadline.counts_from_stated:
            assumption = (
                "The document does not say when this period starts; it is counted from "
                f"{start_label} ({format_day(start)}), the earliest reading."
            )
        if deadline.days is None:
            return PlanDeadline(
                rule=deadline.rule,
                wording=deadline.wording,
                days=None,
                text=f"{deadline.wording} (the document sets no date)",
                counts_from=start_label,
                start=None,
                date=None,
            )
        if deadline.rule == "working-days":
            due = self.calendar.add_working_days(start, deadline.days)
        else:
            due = self.calendar.add_calendar_days(start, deadline.days)
        moved = None
        if due.moved_from is not None:
            reason = self.calendar.non_working_reason(due.moved_from)
            moved = (
                f"{format_day(due.moved_from)} is not a working day ({reason}), "
                f"so the date moves to the next working day, {format_day(due.due)}."
            )
        return PlanDeadline(
            rule=deadline.rule,
            wording=deadline.wording,
            days=deadline.days,
            text=f"{deadline.wording}: by {format_day(due.due)}",
            counts_from=start_label,
            start=start,
            date=due.due,
            assumption=assumption,
            moved=moved,
            skipped=[PlanSkippedDay(date=s.day, reason=s.reason) for s in due.skipped],
        )

    def applies(self, step: Step) -> bool:
        return all(self.answers.get(q) in ids for q, ids in step.when.items())

    def build(self, outcome: Outcome) -> Plan:
        kept: list[_Kept] = []
        handover: list[str] | None = None  # who would have raised it with a skipped rung
        opening: str | None = None  # the first rung's action, if that rung was skipped
        first_rung_at: int | None = None
        rung_reasons: list[str] = []
        for step in outcome.steps:
            if not self.applies(step):
                continue
            if step.rung and first_rung_at is None:
                first_rung_at = len(kept)
            actors = [a for a in step.actor if not self.excluded(a)]
            contacts = [c for c in step.contacts if not self.excluded(c)]
            substituted = not actors and step.rung and handover is not None
            if substituted and handover is not None:
                actors = handover
            if not actors or (step.contacts and not contacts):
                blocked = step.contacts if actors else step.actor
                reasons = list(dict.fromkeys(r for r in map(self.excluded, blocked) if r))
                self.adjustments.append(
                    f"Left out \u201c{step.action}\u201d: {'; '.join(reasons)}."
                )
                if step.rung:
                    handover = actors or handover
                    rung_reasons.extend(reasons)
                    if not any(k.step.rung for k in kept):
                        opening = opening or step.action
                continue
            action = step.action
            if substituted:
                if opening is not None and not any(k.step.rung for k in kept):
                    action = opening  # this rung is now where the matter is first raised
                self.adjustments.append(
                    f"{_sentence(_join((self.title(a) for a in actors), 'or'))} goes directly to "
                    f"{_join(self.title(c) for c in contacts)}, because "
                    f"{self.excluded(step.actor[0])}."
                )
            for removed in [c for c in step.contacts if c not in contacts]:
                self.adjustments.append(
                    f"{_sentence(self.title(removed))} is left out of \u201c{step.action}\u201d: "
                    f"{self.excluded(removed)}."
                )
            kept.append(_Kept(step, actors, contacts, action))

        has_rungs = any(s.rung for s in outcome.steps if self.applies(s))
        advice_at: int | None = None
        if has_rungs and not any(k.step.rung for k in kept):
            advice_at = first_rung_at if first_rung_at is not None else len(kept)
            self.adjustments.append(
                "Nobody on this route's escalation ladder can deal with it: "
                + "; ".join(dict.fromkeys(rung_reasons))
                + ". The document does not cover this case."
            )
        elif outcome.not_covered:
            advice_at = len(kept)
            self.adjustments.append(f"{outcome.not_covered} The document does not cover this case.")

        numbers: dict[str, int] = {}
        ordered: list[_Kept | None] = list(kept)
        if advice_at is not None:
            ordered.insert(advice_at, None)
        for number, item in enumerate(ordered, start=1):
            if item is not None:
                numbers[item.step.id] = number

        steps = [
            self.advice_step(number)
            if item is None
            else self.plan_step(number, item, outcome, numbers)
            for number, item in enumerate(ordered, start=1)
        ]
        notes = [
            PlanNote(kind=n.kind, text=n.text, source=self.source(n.source))
            for n in [*outcome.notes, *self.route.notes]
        ]
        return self.plan(outcome, steps, notes, general_advice=advice_at is not None)

    def plan_step(
        self, number: int, kept: _Kept, outcome: Outcome, numbers: Mapping[str, int]
    ) -> PlanStep:
        step = kept.step
        target = step.if_unresolved
        by_id = {s.id: s for s in outcome.steps}
        while target is not None and target not in numbers:
            target = by_id[target].if_unresolved
        return PlanStep(
            number=number,
            id=step.id,
            actor=_join((self.title(a) for a in kept.actors), "or"),
            actor_roles=kept.actors,
            actors=[self.contact(a) for a in kept.actors],
            action=kept.action,
            contacts=[self.contact(c) for c in kept.contacts],
            contacts_mode=step.contacts_mode,
            deadline=self.deadline(step.deadline) if step.deadline else None,
            if_unresolved=numbers[target] if target is not None else None,
            note=step.note,
            source=self.source(step.source),
        )

    def advice_step(self, number: int) -> PlanStep:
        return _advice_step(self.catalogue, self.titles, self.contacts, number)

    def plan(
        self,
        outcome: Outcome | None,
        steps: list[PlanStep],
        notes: list[PlanNote],
        general_advice: bool,
    ) -> Plan:
        answers = []
        for question in path_questions(self.route, self.answers):
            value = self.answers[question.id]
            if question.choices:
                shown = next(c.label for c in question.choices if c.id == value)
            elif isinstance(value, date):
                shown = format_day(value)
            else:
                shown = str(value) or "(not given)"
            answers.append(PlanAnswer(question=question.id, text=question.text, answer=shown))
        sources: dict[tuple[str, str, int | None], PlanSource] = {}
        for src in [s.source for s in steps if s.source] + [n.source for n in notes if n.source]:
            sources.setdefault((src.document, src.section, src.paragraph), src)
        dates = [s.deadline.date for s in steps if s.deadline and s.deadline.date]
        warnings = []
        if dates and (coverage := self.calendar.coverage_warning(max(dates))):
            warnings.append(coverage)
        if self.calendar.closures and not self.calendar.closures_apply:
            warnings.append(
                "Council closure days are not skipped: under the uk-any (Freedom of Information "
                "Act) reading only weekends, Christmas Day, Good Friday and UK bank holidays are."
            )
        return Plan(
            council=self.council,
            route=self.route.id,
            route_title=self.route.title,
            outcome=outcome.id if outcome else None,
            outcome_title=outcome.title if outcome else None,
            raised=self.raised,
            region=self.calendar.region,
            answers=answers,
            steps=steps,
            adjustments=self.adjustments,
            notes=notes,
            sources=sorted(
                sources.values(), key=lambda s: (s.document, s.section, s.paragraph or 0)
            ),
            general_advice=general_advice,
            closures_applied=self.calendar.closures_apply,
            warnings=warnings,
        )


def build_plan(
    catalogue: Catalogue,
    route: Route,
    answers: Mapping[str, Answer],
    raised: date,
    calendar: Calendar,
    contacts: Mapping[str, ContactDetails] | None = None,
    titles: Mapping[str, str] | None = None,
    council: str | None = None,
) -> Plan:
    check_answer_ids(route, answers)
    answers = complete_answers(route, answers)
    outcome = next_node(route, answers)
    assert isinstance(outcome, Outcome)
    builder = _Builder(
        catalogue, route, answers, raised, calendar, contacts or {}, titles or {}, council
    )
    return builder.build(outcome)


def advice_plan(
    catalogue: Catalogue,
    raised: date,
    region: str,
    contacts: Mapping[str, ContactDetails] | None = None,
    titles: Mapping[str, str] | None = None,
    council: str | None = None,
) -> Plan:
    """The plan for "none of these": general advice, marked as not from the documents."""
    step = _advice_step(catalogue, titles or {}, contacts or {}, 1)
    return Plan(
        council=council,
        route=None,
        route_title="None of the documented routes",
        outcome=None,
        outcome_title=None,
        raised=raised,
        region=region,
        answers=[],
        steps=[step],
        adjustments=["None of the routes in the source documents fits this case."],
        notes=[],
        sources=[],
        general_advice=True,
    )


def _title(catalogue: Catalogue, titles: Mapping[str, str], role_id: str) -> str:
    return titles.get(role_id) or catalogue.roles[role_id].title


def _contact(
    catalogue: Catalogue,
    titles: Mapping[str, str],
    contacts: Mapping[str, ContactDetails],
    role_id: str,
) -> PlanContact:
    details = contacts.get(role_id, ContactDetails())
    return PlanContact(
        role=role_id,
        title=_title(catalogue, titles, role_id),
        name=details.name,
        email=details.email,
        phone=details.phone,
    )


def _advice_step(
    catalogue: Catalogue,
    titles: Mapping[str, str],
    contacts: Mapping[str, ContactDetails],
    number: int,
) -> PlanStep:
    advice = catalogue.triage.general_advice
    return PlanStep(
        number=number,
        id="general-advice",
        actor=_title(catalogue, titles, advice.actor),
        actor_roles=[advice.actor],
        actors=[_contact(catalogue, titles, contacts, advice.actor)],
        action=advice.action,
        contacts=[_contact(catalogue, titles, contacts, c) for c in advice.contacts],
        contacts_mode="all",
        deadline=None,
        if_unresolved=None,
        note="General advice from routewise, not from the source documents.",
        source=None,
        general_advice=True,
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: object, word: str = "and") -> str:
    parts = list(items)  # type: ignore[call-overload]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {word} {parts[-1]}"


def example_answers(route: Route, raised: date) -> dict[str, dict[str, Answer]]:
    """For each outcome, the first answers (in file order) that reach it: used by `explain`."""
    found: dict[str, dict[str, Answer]] = {}

    def visit(node_id: str, answers: dict[str, Answer]) -> None:
        outcome = route.outcome(node_id)
        if outcome is not None:
            found.setdefault(outcome.id, answers)
            return
        question = route.question(node_id)
        if question is None or question.id in answers:
            return
        if question.choices:
            for choice in question.choices:
                if choice.next:
                    visit(choice.next, {**answers, question.id: choice.id})
        elif question.next:
            value: Answer = raised if question.type == "date" else ""
            visit(question.next, {**answers, question.id: value})

    visit(route.start, {})
    return {o.id: found[o.id] for o in route.outcomes if o.id in found}
