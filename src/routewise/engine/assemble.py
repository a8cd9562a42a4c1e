"""Put the stages together into a plan: paths, posts and roles, the ladder, deadlines."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from routewise.base.errors import AnswerError
from routewise.calendar.working_days import format_day
from routewise.engine.deadlines import Calendar, plan_deadline
from routewise.engine.ladder import Kept, build_ladder
from routewise.engine.marks import (
    answers_words,
    done_by_answers,
    done_by_events,
    mark_distinct,
    raised_step_index,
    with_done,
)
from routewise.engine.names import Names
from routewise.engine.paths import (
    Answer,
    check_answer_ids,
    complete_answers,
    next_node,
    path_questions,
    rename_former_ids,
)
from routewise.engine.reasons import sentence_case
from routewise.engine.roles import Pick, Scoped, posts_held_twice, resolve_posts
from routewise.model.catalogue import Catalogue
from routewise.model.citation import PlanSource, clause_key
from routewise.model.documents import NOTE_HEADINGS
from routewise.model.judged import judged
from routewise.model.person import Person
from routewise.model.plan import (
    Plan,
    PlanAnswer,
    PlanDone,
    PlanEvent,
    PlanNote,
    PlanSeeAlso,
    PlanStep,
)
from routewise.model.policy import stand_in_for, when_met
from routewise.model.route import Outcome, Route, Step
from routewise.model.titles import retitle


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
                f"{format_day(day)} is before {route.raised_words}, {format_day(raised)}",
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
    made_on: date | None = None,
) -> Plan:
    """The plan for these answers; `made_on` (today, for triage) is the day its dates are
    judged on: a deadline before it is marked passed (`model.judged`)."""
    check_answer_ids(route, answers)
    answers = complete_answers(route, rename_former_ids(route, answers))  # type: ignore[arg-type]
    events = dict(events or {})
    check_events(route, raised, events)
    outcome = next_node(route, answers)
    assert isinstance(outcome, Outcome)
    names = Names(catalogue=catalogue, titles=titles or {}, people=people or {}, route=route)
    posts = resolve_posts(route, answers)

    def applies(step: Step) -> bool:
        return when_met(step.when, answers)

    def pick(step: Step) -> Pick:
        def scoped(role_id: str, conflicted: bool) -> Scoped | None:
            found = stand_in_for(route.stand_ins, step.id, role_id, conflicted, answers)
            if found is None:
                return None
            because = answers_words(route, found.when, answers) if found.when else None
            return Scoped(stand_in=found.stand_in, because=because, source=found.source)

        return scoped

    ladder = build_ladder(
        catalogue,
        route.parties,
        posts,
        outcome,
        applies,
        names.group,
        names.title,
        pick if route.stand_ins else None,
        names.source,
        adviser_words(names, route),
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
            actor_reading=kept.actor_reading,
        )

    steps = [
        advice_step(names, number, route) if item is None else plan_step(number, item)
        for number, item in enumerate(ladder.items, start=1)
    ]
    steps = with_done(
        steps,
        raised_step_index(ladder.items, route.raised_step),
        PlanDone(date=raised, reason=route.raised_words),
        done_by_answers(route, answers),
        done_by_events(route, events),
    )
    steps = mark_distinct(catalogue, steps, names.title)
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
    } | {e.id for e in route.events if e.id in events and {s.id for s in steps} & {*e.done_steps}}
    plan = Plan(
        council=council,
        route=route.id,
        route_title=route.title,
        outcome=outcome.id,
        outcome_title=outcome.title,
        raised=raised,
        raised_label=route.raised_label,
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
        sources=plan_sources(
            steps, notes, borrowed + [a.source for a in ladder.adjustments if a.source]
        ),
        general_advice=ladder.advice,
        closures_applied=calendar.closures_apply,
        warnings=plan_warnings(steps, calendar)
        + _disagreeing_posts(catalogue, route, posts, names),
    )
    return judged(plan, made_on)


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
    found: dict[tuple[str, str, str | None], PlanSource] = {}
    cited = [s.source for s in steps if s.source] + [n.source for n in notes if n.source]
    for src in (one for given in cited + (more or []) for one in given.clauses()):
        found.setdefault((src.document, src.section, src.paragraph), src)
    return sorted(found.values(), key=lambda s: (s.document, s.section, clause_key(s.paragraph)))


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


def adviser_words(names: Names, route: Route | None = None) -> str:
    """Whom the general advice says to ask, as a plan names them: "the Monitoring Officer",
    or the route's own adviser (`general_advice` in the route)."""
    advice = (route.general_advice if route else None) or names.catalogue.triage.general_advice
    titles = [names.title(c) for c in advice.contacts]
    return titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} and {titles[-1]}"


def advice_step(names: Names, number: int, route: Route | None = None) -> PlanStep:
    """The general advice, the route's own where it names one (`general_advice`)."""
    advice = (route.general_advice if route else None) or names.catalogue.triage.general_advice
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
