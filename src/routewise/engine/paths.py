"""Answers and the decision tree: which questions are asked, and which outcome they reach.

The wizard and the non-interactive answers both walk the tree through here,
so they cannot disagree. Every walk is iterative: a route may be long.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from heapq import heappop, heappush
from itertools import count

from routewise.base.errors import AnswerError
from routewise.model.route import Outcome, Question, Route

Answer = str | date | tuple[str, ...]
"""A choice id ("yes"/"no" for yes-no questions), the chosen ids of a
multi-choice question, a date, or free text."""

NONE_CHOSEN = "none"
"""What an answers file writes for a multi-choice question with nothing chosen."""


def valid_answers(question: Question) -> list[str]:
    if question.type == "multi-choice":
        return [c.id for c in question.choices] + [NONE_CHOSEN]
    if question.choices:
        return [c.id for c in question.choices]
    if question.type == "date":
        return ["a date as YYYY-MM-DD or DD/MM/YYYY"]
    return ["any text"]


def coerce_answer(question: Question, raw: object) -> Answer:
    """Turn an answer from a file or the command line into the engine's form.

    What is wrong is said in words ("found an empty value", "found a list"), never as a
    Python type name, with what is expected."""
    valid = valid_answers(question)
    if question.type == "multi-choice":
        return _coerce_many(question, raw, valid)
    if question.choices and isinstance(raw, bool):  # YAML reads yes/no/true/false as booleans
        raw = "yes" if raw else "no"
    if question.choices:
        if _empty(raw) or not isinstance(raw, str | int):
            expected = "one of the choices" if "yes" not in valid else "yes or no"
            raise AnswerError(question.id, f"found {_described(raw)}; expected {expected}", valid)
        value = str(raw).strip().lower()
        if value in ("true", "false") and "yes" in valid:
            value = "yes" if value == "true" else "no"
        if value not in valid:
            raise AnswerError(question.id, f"{_shown(raw)} is not one of the choices", valid)
        return value
    if question.type == "date":
        from routewise.calendar.dates import FORMS, check_year, parse_day

        if not isinstance(raw, str | date) or _empty(raw):
            raise AnswerError(
                question.id, f"found {_described(raw)}; expected a date as {FORMS}", []
            )
        try:  # the same forms and years as every other date, before any arithmetic
            return check_year(raw) if isinstance(raw, date) else parse_day(raw)
        except ValueError as exc:
            raise AnswerError(question.id, str(exc), []) from None  # the reason names the forms
    if raw is None or not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise AnswerError(question.id, f"found {_described(raw)}; expected text", valid)
    return str(raw)


NONE_ALONE = (
    f"{NONE_CHOSEN!r} cannot be combined with a post: give the posts held, or {NONE_CHOSEN} alone"
)


def _coerce_many(question: Question, raw: object, valid: list[str]) -> tuple[str, ...]:
    """A list, a comma-separated string or "none"; yes/no when there is one choice.

    An empty answer (`--answer member-post=` from an unset shell variable, or `member-post:`
    with nothing after it) is refused: it must never say that no post is held."""
    ids = [c.id for c in question.choices]
    if isinstance(raw, bool) and len(ids) == 1:
        return (ids[0],) if raw else ()
    if _empty(raw):
        raise AnswerError(
            question.id,
            f"found an empty value; write {NONE_CHOSEN} if none of the choices applies, or "
            "the ones that do, separated by commas",
            valid,
        )
    if isinstance(raw, str):
        if raw.strip().lower() in ("yes", "no", "true", "false") and len(ids) == 1:
            return (ids[0],) if raw.strip().lower() in ("yes", "true") else ()
        items: list[object] = [p for p in raw.split(",") if p.strip()]
    elif isinstance(raw, list | tuple):
        items = list(raw)
    else:
        raise AnswerError(
            question.id,
            f"found {_described(raw)}; expected the choices that apply, as a list or separated "
            f"by commas, or {NONE_CHOSEN}",
            valid,
        )
    values = [str(i).strip().lower() if isinstance(i, str) else None for i in items]
    if NONE_CHOSEN in values:
        if len(values) == 1:
            return ()
        raise AnswerError(question.id, NONE_ALONE, valid)
    chosen: list[str] = []
    for item, value in zip(items, values, strict=True):
        if value is None:
            raise AnswerError(
                question.id, f"found {_described(item)} in the list; expected a choice id", valid
            )
        if value not in ids:
            raise AnswerError(question.id, f"{_shown(value)} is not one of the choices", valid)
        chosen.append(value)
    return tuple(c for c in ids if c in chosen)


def _empty(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _described(raw: object) -> str:
    """What an answer is, in words: never a Python type name such as 'NoneType'."""
    if _empty(raw):
        return "an empty value"
    if isinstance(raw, bool):
        return f"{'yes' if raw else 'no'} (a yes/no value)"
    if isinstance(raw, int | float):
        return f"a number ({raw})"
    if isinstance(raw, list | tuple):
        return "a list"
    if isinstance(raw, dict):
        return "a set of key: value pairs"
    if isinstance(raw, date):
        return f"a date ({raw.isoformat()})"
    if isinstance(raw, str):
        return _shown(raw)
    return "a value of another kind"


def _shown(raw: object) -> str:
    """A short, quoted form of an answer for an error message: never the whole of a huge value."""
    text = raw if isinstance(raw, str) else _described(raw)
    return repr(text[:60] + ("..." if len(text) > 60 else ""))


def _follow(question: Question, answer: Answer) -> str:
    if question.type == "multi-choice" or not question.choices:
        assert isinstance(question.next, str), "checked by the loader"
        return question.next
    choice = next((c for c in question.choices if c.id == answer), None)
    if choice is None:
        raise AnswerError(
            question.id, f"{_shown(answer)} is not one of the choices", valid_answers(question)
        )
    assert choice.next is not None
    return choice.next


def next_node(route: Route, answers: Mapping[str, Answer]) -> Question | Outcome:
    """The first unanswered question on the path, or the outcome it leads to."""
    node_id = route.start
    for _ in range(len(route.questions) + 1):
        outcome = route.outcome(node_id)
        if outcome is not None:
            return outcome
        question = route.question(node_id)
        assert question is not None, "the loader checks every `next`"
        if question.id not in answers:
            return question
        node_id = _follow(question, answers[question.id])
    raise AssertionError("the loader rejects loops")


def path_questions(route: Route, answers: Mapping[str, Answer]) -> list[Question]:
    """The answered questions on the path the answers take, in the order asked."""
    asked: list[Question] = []
    node_id = route.start
    while (question := route.question(node_id)) is not None and question.id in answers:
        asked.append(question)
        node_id = _follow(question, answers[question.id])
    return asked


def off_path(route: Route, answers: Mapping[str, Answer]) -> list[str]:
    """Answers given to questions this path never asks: kept out of the plan, and named.

    An optional question left unanswered is passed, as the plan passes it: the answers
    after it are on the path."""
    filled = dict(answers)
    while (
        isinstance(node := next_node(route, filled), Question)
        and node.optional
        and node.id not in filled
    ):
        filled[node.id] = ""
    on_path = {q.id for q in path_questions(route, filled)}
    return [q for q in answers if q not in on_path]


def complete_answers(route: Route, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """The answers with optional questions left blank; an error for any other gap."""
    filled = dict(answers)
    while isinstance(node := next_node(route, filled), Question):
        if not node.optional:
            raise AnswerError(
                node.id, f"no answer given to \u201c{node.text}\u201d", valid_answers(node)
            )
        filled[node.id] = ""
    return filled


def rename_former_ids(route: Route, answers: Mapping[str, object]) -> dict[str, object]:
    """Accept a question's earlier id (`officer-role` is now `officer-post`).

    An earlier id that is also another question's id, or that several questions list (each
    on its own branch: `member-post` before a route asked where first), goes to the one on
    the path these answers take."""
    owners: dict[str, list[str]] = {}
    for question in route.questions:
        for old in question.formerly:
            owners.setdefault(old, []).append(question.id)
    renamed: dict[str, object] = {}
    by_path: dict[str, object] = {}
    for key, value in answers.items():
        ids = owners.get(key)
        if ids is not None and (len(ids) > 1 or route.question(key) is not None):
            by_path[key] = value
            continue
        new = ids[0] if ids else key
        if new in renamed:
            raise AnswerError(new, f"answered twice (also as {key!r}, its former id)", [])
        renamed[new] = value
    if by_path:
        _rename_on_path(route, renamed, by_path, owners)
    return renamed


def _rename_on_path(
    route: Route,
    renamed: dict[str, object],
    by_path: dict[str, object],
    owners: Mapping[str, list[str]],
) -> None:
    """Walk the path, giving each question on it the answer under its id or an earlier one;
    what is left keeps its own id if a question has it, else goes to its first owner."""
    node_id = route.start
    for _ in range(len(route.questions) + 1):
        question = route.question(node_id)
        if question is None:
            break
        if question.id not in renamed:
            for key in (question.id, *question.formerly):
                if key in by_path:
                    renamed[question.id] = by_path.pop(key)
                    break
        if question.id not in renamed:
            if not question.optional:
                break
            node_id = _follow(question, "")  # left blank, as `complete_answers` leaves it
            continue
        try:
            node_id = _follow(question, coerce_answer(question, renamed[question.id]))
        except AnswerError:
            break  # the answer is reported where it is checked
    for key, value in by_path.items():
        target = key if route.question(key) is not None else owners[key][0]
        renamed.setdefault(target, value)


def check_answer_ids(route: Route, answers: Mapping[str, object]) -> None:
    """Refuse answers to questions the route does not have: a typo would otherwise be lost."""
    known = [q.id for q in route.questions]
    former = [old for q in route.questions for old in q.formerly]
    for question_id in answers:
        if question_id not in known and question_id not in former:
            raise AnswerError(
                question_id,
                f"route {route.id!r} has no such question{_meant(question_id, known)}",
                known,
                "Its questions",
            )


def _meant(given: str, valid: list[str]) -> str:
    """ " (did you mean 'x'?)" for the closest valid id, if one is close."""
    import difflib

    close = difflib.get_close_matches(given, valid, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def example_answers(route: Route, raised: date) -> dict[str, dict[str, Answer]]:
    """For each outcome, the first answers (in file order) that reach it: used by `explain`.

    Answers that mark steps done (a choice's `done_steps`) are taken only where no other
    answers reach the outcome, so an example shows every step still to do. A walk in order
    of (answers marking steps done, then file order) that visits each question once, so
    converging branches stay linear in the size of the route.
    """
    found: dict[str, dict[str, Answer]] = {}
    seen: set[str] = set()
    order = count()
    queue: list[tuple[int, int, str, dict[str, Answer]]] = [(0, next(order), route.start, {})]
    while queue:
        marks, _, node_id, answers = heappop(queue)
        outcome = route.outcome(node_id)
        if outcome is not None:
            found.setdefault(outcome.id, answers)
            continue
        question = route.question(node_id)
        if question is None or node_id in seen:
            continue
        seen.add(node_id)
        following: list[tuple[int, str, Answer]] = []
        if question.type == "multi-choice":
            following.append((0, _follow(question, ()), ()))
        elif question.choices:
            following += [
                (1 if c.done_steps else 0, c.next, c.id) for c in question.choices if c.next
            ]
        else:
            value: Answer = raised if question.type == "date" else ""
            following.append((0, _follow(question, value), value))
        for done, target, value in following:
            heappush(queue, (marks + done, next(order), target, {**answers, question.id: value}))
    return {o.id: found[o.id] for o in route.outcomes if o.id in found}
