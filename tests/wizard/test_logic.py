"""The wizard's decisions without a terminal: progress, what a change drops, dates, titles."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from routewise.model.catalogue import Catalogue
from routewise.model.titles import retitle
from routewise.wizard.logic import (
    RAISED,
    DateProblem,
    Item,
    event_key,
    events_before_raised,
    keep_on_path,
    longest_remaining,
    next_item,
    parse_date_text,
    path_items,
    progress,
    progress_text,
)
from tests.inline import catalogue as inline_catalogue
from tests.inline import route as inline_route
from tests.inline import step

TODAY = date(2026, 11, 23)


def chain(length: int) -> dict[str, Any]:
    """A route of `length` yes-no questions in a row, each "no" going straight to the end."""
    questions = [
        {
            "id": f"q{n}",
            "type": "yes-no",
            "text": f"Question {n}?",
            "choices": [
                {"id": "yes", "label": "Yes", "next": f"q{n + 1}" if n + 1 < length else "end"},
                {"id": "no", "label": "No", "next": "end"},
            ],
        }
        for n in range(length)
    ]
    outcomes = [{"id": "end", "title": "End", "steps": [step("s", "officer")]}]
    return inline_route(questions=questions, outcomes=outcomes)


def test_progress_is_from_the_longest_remaining_path() -> None:
    route = inline_catalogue(chain(4)).routes["test-route"]
    first = Item("q0", question=route.question("q0"))
    assert progress(route, {}, first, ask_raised=True) == (1, 5, False)  # 4 questions + the date
    second = Item("q1", question=route.question("q1"))
    assert progress(route, {"q0": "yes"}, second, ask_raised=True) == (2, 5, False)
    raised = Item(RAISED)
    assert progress(route, {"q0": "no"}, raised, ask_raised=True) == (2, 2, True)
    assert progress_text(2, 4) == "Question 2 of at most 4"
    assert progress_text(2, 2, exact=True) == "Question 2 of 2"


def test_longest_path_is_iterative_and_memoised_on_deep_routes() -> None:
    route = inline_catalogue(chain(3000)).routes["test-route"]  # far past the recursion limit
    found = longest_remaining(route, ask_raised=False)
    assert found["q0"] == 3000 and found["q2999"] == 1
    assert longest_remaining(route, ask_raised=False) is found


def test_a_change_drops_answers_no_longer_on_the_path() -> None:
    route = inline_catalogue(chain(3)).routes["test-route"]
    values = {"q0": "yes", "q1": "yes", "q2": "no", RAISED: TODAY}
    changed = {**values, "q0": "no"}
    kept, gone = keep_on_path(route, changed, ask_raised=True)
    assert gone == ["q1", "q2"]
    assert kept == {"q0": "no", RAISED: TODAY}
    assert next_item(route, kept, ask_raised=True) is None  # straight to the review


def test_path_items_end_with_the_dates_the_outcome_needs(catalogue: Catalogue) -> None:
    route = catalogue.routes["officer-member-dispute"]
    answers = {"already-met": "yes", "member-post": (), "officer-post": "officer"}
    keys = [i.key for i in path_items(route, answers, ask_raised=True)]
    assert keys == [*answers, RAISED, event_key("manager-told")]
    hos = {**answers, "officer-post": "head-of-service"}
    assert [i.key for i in path_items(route, hos, ask_raised=False)] == list(answers)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-23", date(2026, 11, 23)),
        ("23/11/2026", date(2026, 11, 23)),
        ("3/2/2026", date(2026, 2, 3)),
        (" Today ", TODAY),
        ("yesterday", date(2026, 11, 22)),
        ("", TODAY),
        ("31/12/2026", date(2026, 12, 31)),
    ],
)
def test_date_forms(typed: str, expected: date) -> None:
    assert parse_date_text(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "kwargs", "message"),
    [
        ("23.11.2026", {}, "is not a date"),
        ("30/02/2026", {}, "no such day: 30/02/2026 (there are 28 days in February 2026)"),
        ("29/02/2028", {"future_allowed": True}, None),  # a leap year
        ("2026-13-01", {}, "has no month 13"),
        ("01/01/1989", {}, "outside the years routewise can date (1990 to 2100)"),
        ("24/11/2026", {"future_allowed": False}, "is in the future"),
        ("22/11/2026", {"not_before": date(2026, 11, 23)}, "is before the date the matter"),
    ],
)
def test_date_mistakes(typed: str, kwargs: dict[str, Any], message: str | None) -> None:
    if message is None:
        parse_date_text(typed, TODAY, **kwargs)
        return
    with pytest.raises(DateProblem, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_date_text(typed, TODAY, **kwargs)


def test_council_titles_replace_whole_phrases(catalogue: Catalogue) -> None:
    titles = {"chief-executive": "the Head of Paid Service"}
    text = "On what date did the Chief Executive tell them? The Chief Executive's office."
    assert retitle(text, catalogue, titles) == (
        "On what date did the Head of Paid Service tell them? The Chief Executive's office."
    )
    assert retitle("Chief Executives", catalogue, titles) == "Chief Executives"


def test_council_titles_reach_notes_and_step_notes(catalogue: Catalogue) -> None:
    from routewise.calendar.working_days import WorkingCalendar
    from routewise.engine.assemble import build_plan

    route = catalogue.routes["officer-member-dispute"]
    answers = {"already-met": "yes", "member-post": (), "officer-post": "head-of-service"}
    titles = {"leader": "the Council Leader", "chief-executive": "the Head of Paid Service"}
    plan = build_plan(catalogue, route, answers, TODAY, WorkingCalendar(), titles=titles)
    meetings = next(n for n in plan.notes if n.kind == "meetings")
    assert "the Head of Paid Service or the Leader" in meetings.text
    step_notes = " ".join(s.note or "" for s in plan.steps)
    assert "only that the Head of Paid Service shall be informed" in step_notes
    assert "Chief Executive" not in step_notes


def test_progress_memo_never_mixes_up_two_routes_with_the_same_id() -> None:
    """A memo keyed by id() alone gave one route another's figures once the first was freed."""
    from routewise.wizard.logic import _LONGEST, longest_remaining
    from tests.inline import catalogue, route, step

    first = catalogue(route([step("s", "anyone")])).routes["test-route"]
    longest_remaining(first, True)
    other = catalogue(
        route(questions=[], outcomes=[{"id": "end", "title": "E", "steps": [step("s", "anyone")]}])
    ).routes["test-route"]
    # Pretend `other` reuses the id of `first`, as CPython may once `first` is freed.
    _LONGEST[(id(other), True)] = _LONGEST.pop((id(first), True))
    assert longest_remaining(other, True) == {"end": 1}


def test_event_dates_before_a_new_date_raised_are_found() -> None:
    values = {
        RAISED: date(2026, 4, 8),
        event_key("told"): date(2026, 4, 6),
        event_key("met"): date(2026, 4, 8),
        event_key("open"): None,
        "q0": "yes",
    }
    assert events_before_raised(values, date(2026, 4, 8)) == [event_key("told")]
    assert events_before_raised(values, None) == []
