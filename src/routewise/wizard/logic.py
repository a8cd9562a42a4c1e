"""The wizard's decisions, kept apart from its prompts so they can be tested without a terminal.

What is asked next, how far there is still to go, what a change at the review
drops, how a typed date is read, and how the council's own titles reach the
questions: all pure functions of the route and the answers so far.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from routewise.calendar.dates import day_parts, future_raised
from routewise.calendar.regions import EARLIEST_YEAR, LATEST_YEAR
from routewise.calendar.working_days import format_day
from routewise.engine.paths import Answer, next_node
from routewise.model.catalogue import Catalogue
from routewise.model.route import Event, Outcome, Question, Route
from routewise.model.titles import core_title as _core
from routewise.model.titles import retitle

RAISED = "@raised"
"""The key of the date raised among the wizard's answers (no question id starts with @)."""
EVENT = "@event:"
"""The prefix of an event's date among the wizard's answers."""

Value = Answer | None
"""An answer; None only for an event date left open ("not yet")."""


# --- what to ask -------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One thing the wizard asks: a route question, the date raised, or an event's date."""

    key: str
    question: Question | None = None
    event: Event | None = None

    @property
    def is_raised(self) -> bool:
        return self.key == RAISED


def event_key(event_id: str) -> str:
    return f"{EVENT}{event_id}"


def wanted_events(route: Route, outcome: Outcome) -> list[Event]:
    """The route's events that one of the outcome's periods counts from, in route order."""
    wanted = {s.deadline.counts_from for s in outcome.steps if s.deadline}
    return [e for e in route.events if e.id in wanted]


def path_items(route: Route, values: Mapping[str, Value], ask_raised: bool) -> list[Item]:
    """Everything the answers so far lead the wizard to ask, in order, answered or not.

    The walk stops at the first unanswered question: what follows it is not known yet.
    """
    items: list[Item] = []
    answers = {k: v for k, v in values.items() if not k.startswith("@") and v is not None}
    node_id = route.start
    for _ in range(len(route.questions) + 1):
        question = route.question(node_id)
        if question is None:
            break
        items.append(Item(question.id, question=question))
        if question.id not in answers:
            return items
        node_id = _follow(question, answers[question.id])
    outcome = next_node(route, answers)
    assert isinstance(outcome, Outcome)
    if ask_raised:
        items.append(Item(RAISED))
    items += [Item(event_key(e.id), event=e) for e in wanted_events(route, outcome)]
    return items


def _follow(question: Question, answer: Answer) -> str:
    if isinstance(question.next, str):
        return question.next
    if isinstance(question.next, dict):
        return question.next[str(answer)]
    choice = next(c for c in question.choices if c.id == answer)
    assert choice.next is not None
    return choice.next


def next_item(route: Route, values: Mapping[str, Value], ask_raised: bool) -> Item | None:
    """The first thing on the path not yet answered; None when the review can be shown."""
    return next((i for i in path_items(route, values, ask_raised) if i.key not in values), None)


def dropped(route: Route, values: Mapping[str, Value], ask_raised: bool) -> list[str]:
    """Keys of answers the path no longer asks: removed after a change, and named."""
    on_path = {i.key for i in path_items(route, values, ask_raised)}
    return [k for k in values if k not in on_path]


def keep_on_path(
    route: Route, values: Mapping[str, Value], ask_raised: bool
) -> tuple[dict[str, Value], list[str]]:
    """The answers still on the path (in the order given) and the keys dropped."""
    gone = dropped(route, values, ask_raised)
    return {k: v for k, v in values.items() if k not in gone}, gone


def events_before_raised(values: Mapping[str, Value], raised: date | None) -> list[str]:
    """Keys of event dates now before the date raised: a change to the date raised can
    leave an earlier answer impossible, and the wizard asks it again rather than failing
    when the plan is built."""
    if raised is None:
        return []
    return [
        k for k, v in values.items() if k.startswith(EVENT) and isinstance(v, date) and v < raised
    ]


def tick_problem(ticked: int, none_ticked: bool, none_label: str, plain: bool = False) -> str:
    """Why a tick list's answer is refused, or "": nothing ticked (Enter alone must never
    say that a party holds a post, or that they hold none), or "none of these" ticked with
    something else. `ticked` counts every tick, "none of these" included."""
    none = f"\u201c{none_label}\u201d"
    if not ticked:
        if plain:
            return f"Type the numbers that apply, or the number of {none}."
        return f"Nothing is ticked: tick each that applies with Space, or {none}, then Enter."
    if none_ticked and ticked > 1:
        fix = "leave one out" if plain else "untick one"
        return f"{none} cannot go with another answer: {fix}."
    return ""


# --- progress ------------------------------------------------------------------

_LONGEST: dict[tuple[int, bool], tuple[Route, dict[str, int]]] = {}
"""Keyed by the route's id(); the route is kept with its result, so that id is never reused
for another route while the entry exists (and a different route never reads it)."""


def longest_remaining(route: Route, ask_raised: bool) -> dict[str, int]:
    """For each node, the most questions (dates included) left from it to the end.

    Worked out once per route, iteratively (a route can be far deeper than
    Python's recursion limit), and memoised: routes do not change in a session.
    """
    key = (id(route), ask_raised)
    cached = _LONGEST.get(key)
    if cached is not None and cached[0] is route:
        return cached[1]
    found: dict[str, int] = {}
    for outcome in route.outcomes:
        found[outcome.id] = len(wanted_events(route, outcome)) + (1 if ask_raised else 0)
    stack: list[tuple[str, bool]] = [(route.start, False)]
    while stack:
        node_id, expanded = stack.pop()
        if node_id in found:
            continue
        question = route.question(node_id)
        assert question is not None, "the loader checks every `next`"
        successors = question.successors()
        if expanded:
            found[node_id] = 1 + max((found[s] for s in successors), default=0)
            continue
        stack.append((node_id, True))
        stack.extend((s, False) for s in successors if s not in found)
    _LONGEST[key] = (route, found)
    return found


def progress(
    route: Route, values: Mapping[str, Value], item: Item, ask_raised: bool, before: int = 0
) -> tuple[int, int, bool]:
    """(this question's number, the most there can be, whether that is exact).

    "Question 2 of at most 4" while the route can still branch; "Question 5 of 6"
    once only the dates are left.

    `before` counts questions asked before the route's own (the choice of route).
    """
    items = path_items(route, values, ask_raised)
    position = next(n for n, i in enumerate(items) if i.key == item.key)
    number = before + position + 1
    if item.question is None:  # the dates at the end: nothing branches any more
        return number, before + len(items), True
    remaining = longest_remaining(route, ask_raised)[item.key]
    return number, number - 1 + remaining, False


def progress_text(number: int, total: int, exact: bool = False) -> str:
    if exact or number == total:
        return f"Question {number} of {total}"
    return f"Question {number} of at most {total}"


def most_questions(catalogue: Catalogue, ask_raised: bool) -> int:
    """The longest route from the very first question (the choice of route counts as one)."""
    longest = [longest_remaining(r, ask_raised)[r.start] for r in catalogue.routes.values()]
    return 1 + max(longest, default=0)


# --- dates -----------------------------------------------------------------------


class DateProblem(ValueError):
    """Why a typed date was refused, in words that say how to fix it."""


HOW_TO_TYPE = "type it as DD/MM/YYYY (for example 23/11/2026), YYYY-MM-DD, today or yesterday"


def parse_date_text(
    text: str,
    today: date,
    *,
    future_allowed: bool = True,
    not_before: date | None = None,
    named: str | None = None,
) -> date:
    """Read a date as UK council staff type it; raise DateProblem with a specific reason.

    Enter alone means today. DD/MM/YYYY is day first, as in the UK. `named` is the route's
    own name for the date raised ("the date received"), where it has one.
    """
    typed = text.strip().lower()
    if typed in ("", "today"):
        day = today
    elif typed == "yesterday":
        day = today - timedelta(days=1)
    else:
        parts = day_parts(typed)
        if parts is None:
            raise DateProblem(f"{text.strip()!r} is not a date: {HOW_TO_TYPE}")
        year, month, dom = parts
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise DateProblem(
                f"{text.strip()} is outside the years routewise can date "
                f"({EARLIEST_YEAR} to {LATEST_YEAR})"
            )
        if not 1 <= month <= 12:
            raise DateProblem(f"no such day: {text.strip()} has no month {month} (months are 1-12)")
        try:
            day = date(year, month, dom)
        except ValueError:
            last = _days_in_month(year, month)
            name = date(year, month, 1).strftime("%B %Y")
            raise DateProblem(
                f"no such day: {text.strip()} (there are {last} days in {name})"
            ) from None
    if not future_allowed and (problem := future_raised(day, today, named)) is not None:
        raise DateProblem(problem)
    if not_before is not None and day < not_before:
        raised = named or "the date the matter was raised"
        raise DateProblem(f"{format_day(day)} is before {raised} ({format_day(not_before)})")
    return day


def _days_in_month(year: int, month: int) -> int:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return (first_next - timedelta(days=1)).day


def date_as_typed(day: date) -> str:
    """How a date is refilled when the user goes back to it: the UK form they type."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# --- the council's own titles --------------------------------------------------


def retitle_question(
    question: Question, catalogue: Catalogue, titles: Mapping[str, str]
) -> Question:
    """The question as this council words it: text, help and choice labels."""
    if not titles:
        return question

    def t(text: str | None) -> str | None:
        return None if text is None else retitle(text, catalogue, titles)

    choices = [
        c.model_copy(update={"label": t(c.label), "help": t(c.help)}) for c in question.choices
    ]
    return question.model_copy(
        update={"text": t(question.text), "help": t(question.help), "choices": choices}
    )


# --- help ------------------------------------------------------------------------


def roles_mentioned(
    catalogue: Catalogue, texts: list[str], titles: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(title, description) of each described role a question's words name, for its help."""
    found: list[tuple[str, str]] = []
    joined = " ".join(texts).lower()
    for role in catalogue.roles.values():
        if not role.description or role.party:
            continue
        title = titles.get(role.id) or role.title
        core = _core(title).lower()
        if core and core in joined and all(core != _core(t).lower() for t, _ in found):
            found.append((title, retitle(role.description, catalogue, titles)))
    return found


def post_roles(catalogue: Catalogue, question: Question) -> list[str]:
    """Role ids whose post is one of a post question's choices: their descriptions help."""
    if question.post is None:
        return []
    posts = {c.id for c in question.choices}
    return [r.id for r in catalogue.roles.values() if r.post in posts and r.description]


def answer_text(question: Question, value: Value) -> str:
    """An answer as the review shows it."""
    labels = {c.id: c.label for c in question.choices}
    if isinstance(value, tuple):
        return "; ".join(labels.get(v, v) for v in value) or "None of these"
    if isinstance(value, date):
        return format_day(value)
    if value is None:
        return "not yet known"
    if question.choices:
        return labels.get(value, value)
    return value or "(not given)"
