"""Put the stages together into a plan: paths, posts and roles, the ladder, deadlines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from routewise.base.errors import AnswerError
from routewise.calendar.working_days import format_day
from routewise.engine.deadlines import Calendar, plan_deadline
from routewise.engine.ladder import Kept, build_ladder, sentence_case
from routewise.engine.paths import (
    Answer,
    check_answer_ids,
    complete_answers,
    next_node,
    path_questions,
    rename_former_ids,
)
from routewise.engine.roles import posts_held_twice, resolve_posts
from routewise.model.catalogue import Catalogue
from routewise.model.documents import NOTE_HEADINGS, Source
from routewise.model.person import Person
from routewise.model.plan import (
    Plan,
    PlanAnswer,
    PlanEvent,
    PlanGroup,
    PlanNote,
    PlanRole,
    PlanSeeAlso,
    PlanSource,
    PlanStep,
)
from routewise.model.route import Outcome, RoleGroup, Route, Step
from routewise.model.titles import retitle, role_title


@dataclass(frozen=True, kw_only=True, slots=True)
class Names:
    """Role titles (the council's own where set) and the people named for roles."""

    catalogue: Catalogue
    titles: Mapping[str, str]
    people: Mapping[str, Person]
    route: Route | None = None
    """Its own titles for roles come first (see `titles.role_title`)."""

    def title(self, role_id: str) -> str:
        return role_title(self.catalogue, self.route, role_id, self.titles)

    def role(self, role_id: str) -> PlanRole:
        person = self.people.get(role_id)
        return PlanRole(role=role_id, title=self.title(role_id), person=person)

    def group(self, group: RoleGroup, members: list[str | list[str]]) -> PlanGroup:
        return PlanGroup.of(
            group.mode,
            [[self.role(r) for r in m] if isinstance(m, list) else self.role(m) for m in members],
            group.condition,
        )

    def alone(self, role_id: str) -> PlanGroup:
        """One role on its own, with no condition."""
        return PlanGroup.of("all", [self.role(role_id)], None)

    def source(self, source: Source) -> PlanSource:
        doc = self.catalogue.document(source.document)
        return PlanSource(
            document=doc.id,
            file=doc.file,
            url=doc.url,
            title=doc.title,
            short=doc.name,
            section=source.section,
            section_style=doc.section_style,
            paragraph=source.paragraph,
        )


def check_events(route: Route, raised: date, events: Mapping[str, date]) -> None:
    """Event ids must be the route's, and no event can come before the matter was raised."""
    valid = [e.id for e in route.events]
    for event_id, day in events.items():
        if event_id not in valid:
            raise AnswerError(
                f"event {event_id}", f"route {route.id!r} has no such event", valid, "Its events"
            )
        if day < raised:
            raise AnswerError(
                f"event {event_id}",
                f"{format_day(day)} is before the date raised, {format_day(raised)}",
                [],
            )


def build_plan(
    catalogue: Catalogue,
    route: Route,
    answers: Mapping[str, Answer],
    raised: date,
    calendar: Calendar,
    people: Mapping[str, Person] | None = None,
    titles: Mapping[str, str] | None = None,
    council: str | None = None,
    events: Mapping[str, date] | None = None,
) -> Plan:
    check_answer_ids(route, answers)
    answers = complete_answers(route, rename_former_ids(route, answers))  # type: ignore[arg-type]
    events = dict(events or {})
    check_events(route, raised, events)
    outcome = next_node(route, answers)
    assert isinstance(outcome, Outcome)
    names = Names(catalogue=catalogue, titles=titles or {}, people=people or {}, route=route)
    posts = resolve_posts(route, answers)

    def applies(step: Step) -> bool:
        for question_id, ids in step.when.items():
            value = answers.get(question_id)
            chosen = value if isinstance(value, tuple) else (value,)
            if not any(c in ids for c in chosen):
                return False
        return True

    ladder = build_ladder(
        catalogue, route.parties, posts, outcome, applies, names.group, names.title
    )
    numbers = {item.step.id: n for n, item in enumerate(ladder.items, start=1) if item is not None}
    numbers.update({step_id: at + 1 for step_id, at in ladder.replaced.items()})
    by_id = {s.id: s for s in outcome.steps}

    def target(step: Step) -> int | None:
        following = step.if_unresolved
        while following is not None and following not in numbers:
            following = by_id[following].if_unresolved
        return numbers[following] if following is not None else None

    def plan_step(number: int, kept: Kept) -> PlanStep:
        step = kept.step
        deadline = None
        if step.deadline is not None:
            deadline = plan_deadline(step.deadline, route, raised, answers, events, calendar)
        note = retitle(step.note, catalogue, names.titles) if step.note else None
        if kept.words_from is not None and kept.words_from != step.source:
            said = (
                f"What to do and its duty word are from {names.source(kept.words_from).cite}, "
                "where the matter is first raised; the contact is from the source below."
            )
            note = f"{note} {said}" if note else said
        return PlanStep(
            number=number,
            id=step.id,
            action=kept.action,
            duty=kept.duty,
            actor=kept.actor,
            contacts=kept.contacts,
            deadline=deadline,
            if_unresolved=target(step),
            note=note,
            source=names.source(step.source),
            may_follow=retitle(step.may_follow, catalogue, names.titles)
            if step.may_follow
            else None,
        )

    steps = [
        advice_step(names, number) if item is None else plan_step(number, item)
        for number, item in enumerate(ladder.items, start=1)
    ]
    done_at = raised_step_index(ladder.items, route.raised_step)
    if done_at is not None:
        steps[done_at] = replace(steps[done_at], done=raised)
    notes = [
        PlanNote(
            kind=n.kind,
            heading=NOTE_HEADINGS[n.kind],
            text=retitle(n.text, catalogue, names.titles),
            source=names.source(n.source),
        )
        for n in [*outcome.notes, *route.notes]
    ]
    borrowed = [
        names.source(item.words_from)
        for item in ladder.items
        if item is not None and item.words_from is not None
    ]
    used_events = {
        s.deadline.counts_from for s in steps if s.deadline and route.event(s.deadline.counts_from)
    }
    return Plan(
        council=council,
        route=route.id,
        route_title=route.title,
        outcome=outcome.id,
        outcome_title=outcome.title,
        raised=raised,
        region=calendar.region,
        answers=plan_answers(route, answers),
        events=[
            PlanEvent(id=e.id, text=e.text, date=events.get(e.id))
            for e in route.events
            if e.id in used_events
        ],
        steps=steps,
        adjustments=ladder.adjustments,
        conflicts=ladder.conflicts,
        notes=notes,
        see_also=[
            PlanSeeAlso(route=s.route, title=catalogue.routes[s.route].title, text=s.text)
            for s in route.see_also
            if s.route in catalogue.routes
        ],
        sources=plan_sources(steps, notes, borrowed),
        general_advice=ladder.advice,
        closures_applied=calendar.closures_apply,
        warnings=plan_warnings(steps, calendar)
        + _disagreeing_posts(catalogue, route, posts, names),
    )


def raised_step_index(items: Sequence[Kept | None], raised_step: str | None) -> int | None:
    """Where the step the date raised stands for is in the plan, if it is there: the step
    itself, or the rung that took over its words when it was left out (the matter is
    still raised on that date, with someone else). None when it is not in this plan."""
    if raised_step is None:
        return None
    for index, item in enumerate(items):
        if item is not None and raised_step in (item.step.id, item.takes_over):
            return index
    return None


def steps_as_written(
    catalogue: Catalogue, route: Route, outcome: Outcome, titles: Mapping[str, str] | None = None
) -> list[PlanStep]:
    """An outcome's steps worded exactly as a plan words them, before any case's posts are
    known: what a chart of the whole route shows (a plan's own outcome is drawn from the plan).
    """
    names = Names(catalogue=catalogue, titles=titles or {}, people={}, route=route)
    numbers = {step.id: n for n, step in enumerate(outcome.steps, start=1)}
    return [
        PlanStep(
            number=numbers[step.id],
            id=step.id,
            action=step.action,
            duty=step.duty,
            actor=names.group(step.actor, list(step.actor.roles)),
            contacts=[names.group(g, list(g.roles)) for g in step.contacts],
            deadline=None,
            if_unresolved=numbers.get(step.if_unresolved or ""),
            note=None,
            source=names.source(step.source),
            may_follow=retitle(step.may_follow, catalogue, names.titles)
            if step.may_follow
            else None,
        )
        for step in outcome.steps
    ]


def plan_answers(route: Route, answers: Mapping[str, Answer]) -> list[PlanAnswer]:
    shown: list[PlanAnswer] = []
    for question in path_questions(route, answers):
        value = answers[question.id]
        labels = {c.id: c.label for c in question.choices}
        choice: str | list[str] | None = None
        if isinstance(value, tuple):
            choice = list(value)
            text = "; ".join(labels[v] for v in value) or "None of these"
        elif question.choices:
            choice, text = str(value), labels[str(value)]
        elif isinstance(value, date):
            text = format_day(value)
        else:
            text = str(value) or "(not given)"
        shown.append(
            PlanAnswer(question=question.id, text=question.text or "", choice=choice, answer=text)
        )
    return shown


def plan_sources(
    steps: list[PlanStep], notes: list[PlanNote], more: list[PlanSource] | None = None
) -> list[PlanSource]:
    """Every source the plan cites, once each, in document order (`more`: the sources of
    words a step borrows, see `Kept.words_from`)."""
    found: dict[tuple[str, str, int | None], PlanSource] = {}
    cited = [s.source for s in steps if s.source] + [n.source for n in notes if n.source]
    for src in cited + (more or []):
        found.setdefault((src.document, src.section, src.paragraph), src)
    return sorted(found.values(), key=lambda s: (s.document, s.section, s.paragraph or 0))


def plan_warnings(steps: list[PlanStep], calendar: Calendar) -> list[str]:
    warnings: list[str] = []
    dates = [s.deadline.date for s in steps if s.deadline and s.deadline.date]
    if dates and (coverage := calendar.coverage_warning(max(dates))):
        warnings.append(coverage)
    if calendar.closures and not calendar.closures_apply:
        warnings.append(
            "Council closure days are not skipped: under the uk-any (Freedom of Information "
            "Act) reading only weekends, Christmas Day, Good Friday and UK bank holidays are."
        )
    return warnings


def _disagreeing_posts(
    catalogue: Catalogue, route: Route, posts: Mapping[str, frozenset[str]], names: Names
) -> list[str]:
    """Two parties said to hold a post one person holds (both chair the meeting)."""
    return [
        f"{sentence_case(' and '.join(names.title(p) for p in held))} were both said to hold "
        f"the post \u201c{label}\u201d, which one person holds: check these answers (the plan "
        "reads them as given)."
        for label, held in posts_held_twice(catalogue, route.parties, posts)
    ]


def advice_step(names: Names, number: int) -> PlanStep:
    advice = names.catalogue.triage.general_advice
    return PlanStep(
        number=number,
        id="general-advice",
        action=advice.action,
        actor=names.alone(advice.actor),
        contacts=[names.alone(c) for c in advice.contacts],
        deadline=None,
        if_unresolved=None,
        note="General advice from routewise, not from the source documents.",
        source=None,
        general_advice=True,
    )


def advice_plan(
    catalogue: Catalogue,
    region: str,
    people: Mapping[str, Person] | None = None,
    titles: Mapping[str, str] | None = None,
    council: str | None = None,
) -> Plan:
    """The plan for "none of these": one piece of general advice, marked as such."""
    names = Names(catalogue=catalogue, titles=titles or {}, people=people or {})
    return Plan(
        council=council,
        route=None,
        route_title="None of the documented routes",
        outcome=None,
        outcome_title=None,
        raised=None,
        region=region,
        answers=[],
        steps=[advice_step(names, 1)],
        adjustments=[],
        notes=[],
        sources=[],
        general_advice=True,
    )
