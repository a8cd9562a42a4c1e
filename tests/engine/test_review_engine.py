"""The engine rules behind the review of issue 15, on small routes built for each test: a
citation of several clauses, steps an event's date shows done, dates already passed, a
"together" group with one person ruled out, a step whose contacts are all ruled out, and who
escalates when the manager who should is a party."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.model.documents import Source
from routewise.model.plan import Plan
from tests.inline import SOURCE, catalogue, route, step

RAISED = date(2026, 3, 2)
NOBODY = {"officer-post": "officer", "member-post": ()}


def plan_of(
    steps: list[dict[str, Any]],
    answers: Mapping[str, Any] = NOBODY,
    events: Mapping[str, date] | None = None,
    made_on: date | None = None,
    **extra: Any,
) -> Plan:
    dates = events
    if "events_list" in extra:  # the route's events (`events` is their dates)
        extra["events"] = extra.pop("events_list")
    cat = catalogue(route(steps, **extra))
    kwargs: dict[str, Any] = {"events": dates}
    if made_on is not None:
        kwargs["made_on"] = made_on
    return build_plan(cat, cat.routes["test-route"], answers, RAISED, WorkingCalendar(), **kwargs)


# --- a citation of several clauses ----------------------------------------------------------


def test_a_source_with_more_clauses_cites_each_and_lists_each_once() -> None:
    joined = {**SOURCE, "paragraph": 2, "also": [3]}
    plan = plan_of([step("one", "member", source=joined), step("two", "member")])
    first = plan.steps[0]
    assert (
        first.source is not None
        and first.source.cite == "Test Protocol, \u201cOne\u201d, \u00b6\u00a02 and 3"
    )
    assert [s.paragraph for s in plan.sources] == ["1", "2", "3"]


def test_more_clauses_need_a_first_clause_and_each_is_cited_once() -> None:
    with pytest.raises(ValidationError, match="give `paragraph` too"):
        Source.model_validate({"document": "doc", "section": "One", "also": [3]})
    with pytest.raises(ValidationError, match="repeats a clause"):
        Source.model_validate({"document": "doc", "section": "One", "paragraph": 3, "also": [3]})
    with pytest.raises(ValidationError, match="clause number"):
        Source.model_validate(
            {"document": "doc", "section": "One", "paragraph": 2, "also": ["x y"]}
        )


# --- dates that have passed ----------------------------------------------------------------

FIVE = {"rule": "working-days", "count": 5, "wording": "within 5 working days"}
DATED = [step("ask", "member", deadline=FIVE), step("reply", "anyone", deadline=FIVE)]


def test_a_date_before_the_day_the_plan_is_made_is_marked_passed() -> None:
    # both due Mon 9 Mar 2026; the plan is made on Tue 10 Mar
    plan = plan_of(DATED, made_on=date(2026, 3, 10))
    assert plan.made_on == date(2026, 3, 10)
    reply = plan.steps[1].deadline
    assert reply is not None and reply.passed
    assert reply.text == "within 5 working days: by Mon 9 Mar 2026 (this date has passed)"
    assert reply.by_date == "by Mon 9 Mar 2026 (this date has passed)"


def test_the_due_day_itself_and_a_plan_no_day_judges_are_not_passed() -> None:
    on_the_day = plan_of(DATED, made_on=date(2026, 3, 9)).steps[1].deadline
    assert on_the_day is not None and not on_the_day.passed
    assert on_the_day.text == "within 5 working days: by Mon 9 Mar 2026"
    unjudged = plan_of(DATED)
    assert unjudged.made_on is None
    assert not any(s.deadline and s.deadline.passed for s in unjudged.steps)


def test_a_done_step_s_date_is_met_not_passed() -> None:
    plan = plan_of(DATED, made_on=date(2026, 3, 10), raised_step="ask")
    ask, reply = plan.steps
    assert ask.done is not None and ask.deadline is not None and not ask.deadline.passed
    assert reply.deadline is not None and reply.deadline.passed


def test_judging_again_on_another_day_changes_the_mark_only() -> None:
    from routewise.model.judged import judged

    plan = plan_of(DATED, made_on=date(2026, 3, 10))
    again = judged(plan, date(2026, 3, 2))
    reply = again.steps[1].deadline
    assert reply is not None and not reply.passed
    assert reply.text == "within 5 working days: by Mon 9 Mar 2026"
    assert judged(again, date(2026, 3, 10)) == plan


# --- steps an event's date shows done --------------------------------------------------------


def test_an_event_s_date_shows_its_steps_done_on_that_date() -> None:
    told = {
        "id": "told",
        "text": "the manager is told",
        "question": "When?",
        "done_steps": ["tell"],
    }
    steps = [
        step("raise", "member"),
        step("tell", "anyone"),
        step("meet", "anyone", deadline={**FIVE, "counts_from": "told"}),
    ]
    plan = plan_of(steps, events={"told": date(2026, 3, 4)}, events_list=[told])
    raise_, tell, meet = plan.steps
    assert raise_.done is None  # not named by the event: still to do
    assert tell.done is not None and tell.done.date == date(2026, 3, 4)
    assert tell.done.reason == "the date the manager is told"
    assert meet.done is None and meet.deadline is not None and meet.deadline.date is not None
    assert [(e.id, e.date) for e in plan.events] == [("told", date(2026, 3, 4))]
    undated = plan_of(steps, events_list=[told])
    assert all(s.done is None for s in undated.steps)


def test_an_event_that_only_shows_a_step_done_is_listed_with_the_plan_s_events() -> None:
    told = {
        "id": "told",
        "text": "the manager is told",
        "question": "When?",
        "done_steps": ["tell"],
    }
    plan = plan_of(
        [step("raise", "member"), step("tell", "anyone")],
        events={"told": date(2026, 3, 4)},
        events_list=[told],
        raised_step="raise",
    )
    assert [s.done is not None for s in plan.steps] == [True, True]
    assert [e.id for e in plan.events] == ["told"]


# --- a step left out --------------------------------------------------------------------------


def test_a_step_left_out_is_named_by_its_number_as_written_with_who_and_why() -> None:
    steps = [
        step("raise", "member", ["head"]),
        step("discuss", "head", ["member"], duty="can", if_left_out="skip"),
        step("tell", "chief", ["member"], duty="shall"),
    ]
    # the officer is the Head: "discuss" (step 2 as written) has nobody to do it, and the
    # route says to leave it out (`skip`; unset, the advice would take its place)
    plan = plan_of(steps, answers={"officer-post": "head", "member-post": ()})
    left = next(a for a in plan.adjustments if a.step == "discuss")
    assert left.change == (
        "Left out: step 2 as written, \u201cDo discuss.\u201d (who: the officer's Head; contact: "
        "the member; duty: can, the document's word): the officer's Head is ruled out, as the "
        "officer holds \u201cA Head of Service\u201d; the document does not say who takes their "
        "place."
    )


# --- a "together" group with someone ruled out -------------------------------------------------


def test_the_group_fate_policy() -> None:
    from routewise.model.policy import group_fate

    assert group_fate("all", 1, 1) == "short"  # one of two named together is ruled out
    assert group_fate("all", 0, 2) == "cannot"
    assert group_fate("all", 2, 0) == "acts"
    assert group_fate("one-of", 1, 1) == "acts"  # the others named as alternatives remain
    assert group_fate("and-or", 0, 2) == "cannot"


def test_those_named_together_who_can_act_still_do_with_the_advice_first() -> None:
    steps = [
        step("meet", "member"),
        step("break", {"together": ["chief", "group-leader"]}, if_left_out="advice", duty="will"),
    ]
    plan = plan_of(steps, answers={"officer-post": "officer", "member-post": ("group-leader",)})
    assert [s.id for s in plan.steps] == ["meet", "general-advice", "break"]
    kept = plan.steps[2]
    assert kept.actor_text == "the Chief Executive" and kept.duty == "will"
    (change,) = [a for a in plan.adjustments if a.step == "break"]
    assert change.change == (
        "The Group Leader is left out of those who do this together; those left still do it; "
        "the document does not say who takes their place: ask the Monitoring Officer (the step "
        "marked as general advice)."
    )
    # both ruled out: the step's own rule (here, the advice in its place), as before
    both = plan_of(steps, answers={"officer-post": "chief", "member-post": ("group-leader",)})
    assert [s.id for s in both.steps] == ["meet", "general-advice"]


# --- a step whose contacts are all ruled out ---------------------------------------------------


def test_advice_before_keeps_the_step_in_its_place_when_only_its_contacts_are_ruled_out() -> None:
    steps = [
        step("first", "member"),
        step("take-up", "member", [{"one_of": ["head", "director"]}], if_left_out="advice-before"),
        step("handle", {"one_of": ["head", "director"]}, if_left_out="advice-before"),
    ]
    plan = plan_of(steps, answers={"officer-post": "director", "member-post": ()})
    assert [s.id for s in plan.steps] == ["first", "general-advice", "take-up"]
    take_up = plan.steps[2]
    assert take_up.actor_text == "the member" and take_up.contacts == []
    (said,) = [a for a in plan.adjustments if a.step == "take-up"]
    assert said.kind == "not-covered" and said.change.startswith(
        "The document does not cover with whom the member does it in this case: ask the "
        "Monitoring Officer"
    )
    # "handle" has nobody to do it: the advice takes its place, as `advice` does
    (handled,) = [a for a in plan.adjustments if a.step == "handle"]
    assert handled.change.startswith("The document does not cover who does \u201cDo handle.\u201d")


def test_advice_in_place_of_a_step_whose_contacts_are_ruled_out_says_with_whom() -> None:
    steps = [step("first", "member"), step("involve", "anyone", ["head"], if_left_out="advice")]
    plan = plan_of(steps, answers={"officer-post": "head", "member-post": ()})
    assert [s.id for s in plan.steps] == ["first", "general-advice"]
    (said,) = [a for a in plan.adjustments if a.step == "involve"]
    assert said.change.startswith(
        "The document does not cover with whom to do \u201cDo involve.\u201d"
    )


# --- who escalates when the manager who should is a party ----------------------------------


def test_a_later_rung_whose_handler_is_ruled_out_goes_to_whoever_holds_the_matter() -> None:
    steps = [
        step("raise", "member", ["head"], rung=True, if_unresolved="director", duty="should"),
        step("director", "head", ["director"], rung=True, if_unresolved="chief", duty="will"),
        step("chief", "head", ["chief"], rung=True, duty="will"),
    ]
    plan = plan_of(steps, answers={"officer-post": "head", "member-post": ()})
    assert [s.id for s in plan.steps] == ["director", "general-advice", "chief"]
    first, _, later = plan.steps
    assert first.actor_text == "the member"  # the one who raised it raises it first
    assert later.actor_text == (
        "the officer's Director (routewise's reading: the document does not say who)"
    )
    assert later.duty == "will" and [c.wording for c in later.contacts] == ["the Chief Executive"]
    assert "the member" not in later.actor_text
