"""What a plan marks on its steps beyond the ladder: the steps already done (the date
raised stands for one, an answer or an event's date can say others are), and people who
must be different."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from routewise.calendar.working_days import format_day
from routewise.engine.ladder import Kept
from routewise.engine.paths import Answer, path_questions
from routewise.engine.reasons import sentence_case
from routewise.model.catalogue import Catalogue
from routewise.model.plan import PlanDistinct, PlanDone, PlanStep
from routewise.model.route import Route


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


def done_by_answers(route: Route, answers: Mapping[str, Answer]) -> dict[str, str]:
    """The steps the answers say are already done (a choice's `done_steps`), each with the
    answer that says so: "you answered “Yes” to “Has it been decided …?”"."""
    done: dict[str, str] = {}
    for question in path_questions(route, answers):
        value = answers[question.id]
        for choice in question.choices:
            chosen = choice.id in value if isinstance(value, tuple) else choice.id == value
            if chosen and choice.done_steps:
                said = f"you answered \u201c{choice.label}\u201d to \u201c{question.text}\u201d"
                for step_id in choice.done_steps:
                    done.setdefault(step_id, said)
    return done


def done_by_events(route: Route, events: Mapping[str, date]) -> dict[str, PlanDone]:
    """The steps the dates given for events show are done (an event's `done_steps`), each
    with that date, the reason ("the date the outcome is reached") and the event's id."""
    done: dict[str, PlanDone] = {}
    for event in route.events:
        day = events.get(event.id)
        if day is None:
            continue
        for step_id in event.done_steps:
            done.setdefault(
                step_id, PlanDone(date=day, reason=f"the date {event.text}", event=event.id)
            )
    return done


def with_done(
    steps: list[PlanStep],
    raised_at: int | None,
    raised: PlanDone,
    by_answers: Mapping[str, str],
    by_events: Mapping[str, PlanDone],
) -> list[PlanStep]:
    """The steps with those already done marked (`raised_at`: the step the date raised stands
    for; `by_answers`: the steps an answer says are done, with that answer in words;
    `by_events`: the steps an event's date shows done, `done_by_events`), first reason
    first. A done step keeps its deadline as data, but its words no longer say a date is
    due: "within 5 working days of receiving it: done already"."""
    marked: list[PlanStep] = []
    for index, step in enumerate(steps):
        done = raised if index == raised_at else None
        if done is None and step.id in by_answers:
            done = PlanDone(reason=by_answers[step.id])
        if done is None:
            done = by_events.get(step.id)
        if done is None:
            marked.append(step)
            continue
        deadline = step.deadline
        if deadline is not None:
            when = format_day(done.date) if done.date else "already"
            deadline = replace(deadline, text=f"{deadline.wording}: done {when}")
        marked.append(replace(step, done=done, deadline=deadline))
    return marked


def distinct_pairs(catalogue: Catalogue) -> dict[str, list[str]]:
    """Each role and the roles it must differ from, both ways (`distinct_from`)."""
    pairs: dict[str, list[str]] = {}
    for role in catalogue.roles.values():
        for other in role.distinct_from:
            for one, two in ((role.id, other), (other, role.id)):
                if two not in pairs.setdefault(one, []):
                    pairs[one].append(two)
    return pairs


def mark_distinct(
    catalogue: Catalogue, steps: list[PlanStep], title: Callable[[str], str]
) -> list[PlanStep]:
    """Each step naming someone who must differ from someone else says so, whether or not the
    plan names the other (`title` names them as the plan would): "The Independent Person must
    be a different person from the Independent Person the member consulted (step 2)", with
    the steps that name the other where any do. Two such people named by one step are said
    to differ once, not once each way."""
    pairs = distinct_pairs(catalogue)
    if not pairs:
        return steps
    named = {
        s.number: {r.role: r.title for g in (s.actor, *s.contacts) for r in g.roles()}
        for s in steps
    }
    marked: list[PlanStep] = []
    for step in steps:
        marks: list[PlanDistinct] = []
        said: set[frozenset[str]] = set()
        for role_id, own in named[step.number].items():
            for other in pairs.get(role_id, []):
                if frozenset((role_id, other)) in said:
                    continue  # both are named here: said once already, the other way round
                said.add(frozenset((role_id, other)))
                where = [n for n, roles in named.items() if other in roles]
                other_title = named[where[0]][other] if where else title(other)
                text = f"{sentence_case(own)} must be a different person from {other_title}"
                if where:
                    places = ", ".join(
                        "this step" if n == step.number else f"step {n}" for n in where
                    )
                    text = f"{text} ({places})"
                marks.append(PlanDistinct(roles=[role_id, other], text=f"{text}."))
        marked.append(replace(step, distinct=marks) if marks else step)
    return marked


def answers_words(
    route: Route, when: Mapping[str, list[str]], answers: Mapping[str, Answer]
) -> str:
    """The answers that meet a `when`, in words: "the answer to “Does the member belong to a
    political group?” is “No”" (a plan's reason for a stand-in the answers bring in)."""
    said: list[str] = []
    for question_id, ids in when.items():
        question = route.question(question_id)
        value = answers.get(question_id)
        chosen = value if isinstance(value, tuple) else (value,)
        labels = {c.id: c.label for c in question.choices} if question else {}
        given = [labels.get(str(c), str(c)) for c in chosen if c in ids]
        text = question.text if question and question.text else question_id
        quoted = " and ".join(f"\u201c{g}\u201d" for g in given)
        verb = "includes" if isinstance(value, tuple) else "is"
        said.append(f"the answer to \u201c{text}\u201d {verb} {quoted}")
    return " and ".join(said)
