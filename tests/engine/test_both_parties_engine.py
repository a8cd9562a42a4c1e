"""Both parties hold posts (review of issue 15, item 13), on small routes built for each test:
when the same person is ruled out by each party's post the reason names both, and a step
nobody named can do is not covered: the advice takes its place."""

from __future__ import annotations

from datetime import date
from typing import Any

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.model.plan import Plan
from routewise.model.policy import conflict_of, conflicts_of
from tests.inline import ROLES, catalogue, route, step

RAISED = date(2026, 3, 2)
# Two members, as in "a member criticises another member": each can chair or lead a group.
TWO_MEMBERS: list[dict[str, Any]] = [
    *ROLES,
    {"id": "criticised", "title": "the member criticised", "party": True, "posts": "member-posts"},
    {
        "id": "group-leaders",
        "title": "the Group Leaders",
        "conflicted_when": {"member": ["group-leader"], "criticised": ["group-leader"]},
    },
]
QUESTIONS = [
    {"id": "member-post", "post": "member", "next": "criticised-post"},
    {"id": "criticised-post", "post": "criticised", "next": "only"},
]
BOTH_CHAIR = {"member-post": ("chair",), "criticised-post": ("chair",)}
BOTH_LEAD = {"member-post": ("group-leader",), "criticised-post": ("group-leader",)}
MEMBER_CHAIRS = (
    "the member holds the post \u201cChair\u201d, so the Chair would be a party to the matter"
)
CRITICISED_CHAIRS = (
    "the member criticised holds the post \u201cChair\u201d, so the Chair would be a party to the "
    "matter"
)


def plan_of(steps: list[dict[str, Any]], answers: dict[str, Any]) -> Plan:
    cat = catalogue(
        route(steps, questions=QUESTIONS, parties=["member", "criticised"]), roles=TWO_MEMBERS
    )
    return build_plan(cat, cat.routes["test-route"], answers, RAISED, WorkingCalendar())


def test_the_policy_finds_each_party_whose_post_rules_a_role_out() -> None:
    cat = catalogue(route([step("one", "chair")]), roles=TWO_MEMBERS)
    parties = ["member", "criticised"]
    posts = {"member": frozenset({"chair"}), "criticised": frozenset({"chair", "group-leader"})}
    found = conflicts_of(cat, parties, posts, "chair")
    assert [(c.party, c.post, c.relation) for c in found] == [
        ("member", "chair", "party"),
        ("criticised", "chair", "party"),
    ]
    first = conflict_of(cat, parties, posts, "chair")
    assert first is not None and first.party == "member"  # the first party, as before
    leaders = conflicts_of(cat, parties, posts, "group-leaders")
    assert [(c.party, c.relation) for c in leaders] == [("criticised", "conflicts")]
    assert conflicts_of(cat, parties, posts, "member") == []  # a party is never ruled out


def test_a_stand_in_s_reason_names_both_parties_posts() -> None:
    # The Chair has a stand-in (the Vice-Chair): both members said to chair the meeting.
    plan = plan_of([step("challenge", "chair", ["member"])], BOTH_CHAIR)
    (change,) = plan.adjustments
    assert change.kind == "stands-in"
    assert change.reason == f"{MEMBER_CHAIRS}; {CRITICISED_CHAIRS}"
    assert plan.conflicts == [
        f"{MEMBER_CHAIRS[0].upper()}{MEMBER_CHAIRS[1:]}.",
        f"{CRITICISED_CHAIRS[0].upper()}{CRITICISED_CHAIRS[1:]}.",
    ]


def test_a_step_nobody_can_do_names_both_parties_posts() -> None:
    deal = step("deal", "group-leaders", ["member"], duty="should", if_left_out="advice")
    plan = plan_of([deal], BOTH_LEAD)
    assert [s.id for s in plan.steps] == ["general-advice"]
    (change,) = plan.adjustments
    assert change.reason == (
        "the member holds the post \u201cLeads a group\u201d, which rules out the Group Leaders; "
        "the member criticised holds the post \u201cLeads a group\u201d, which rules out the Group "
        "Leaders"
    )


def test_a_step_left_out_says_both_parties_rule_its_contact_out() -> None:
    steps = [step("tell", "anyone", ["group-leaders"], duty="shall"), step("apologise", "member")]
    plan = plan_of(steps, BOTH_LEAD)
    assert [s.id for s in plan.steps] == ["apologise"]  # nobody left to tell: no advice needed
    (left,) = plan.adjustments
    assert left.kind == "left-out"
    assert left.change is not None and left.change.endswith(
        "the Group Leaders is ruled out, as the member holds \u201cLeads a group\u201d and the "
        "member criticised holds \u201cLeads a group\u201d; the document does not say who takes "
        "their place."
    )


def test_one_party_s_post_alone_is_said_alone() -> None:
    plan = plan_of(
        [step("challenge", "chair", ["member"])],
        {"member-post": (), "criticised-post": ("chair",)},
    )
    (change,) = plan.adjustments
    assert change.reason == CRITICISED_CHAIRS


# --- a step nobody named can do --------------------------------------------------------------


def test_the_left_out_policy() -> None:
    from routewise.model.policy import left_out_rule

    assert left_out_rule(None, False, True) == "advice"  # nobody can do it: not covered
    assert left_out_rule(None, False, False) == "skip"  # only its contacts went: nobody to tell
    assert left_out_rule(None, True, True) == "next-rung"
    assert left_out_rule("skip", False, True) == "skip"  # the route's own word wins
    assert left_out_rule("advice-before", False, False) == "advice-before"


HEAD = {"officer-post": "head", "member-post": ()}


def officer_plan(steps: list[dict[str, Any]], answers: dict[str, Any]) -> Plan:
    cat = catalogue(route(steps))
    return build_plan(cat, cat.routes["test-route"], answers, RAISED, WorkingCalendar())


def test_a_step_nobody_can_do_is_the_advice_quoting_who_whom_and_its_duty_word() -> None:
    steps = [step("raise", "member", ["chief"]), step("talk", "head", ["member"], duty="can")]
    plan = officer_plan(steps, HEAD)
    assert [s.id for s in plan.steps] == ["raise", "general-advice"]
    (change,) = plan.adjustments
    assert change.kind == "not-covered" and change.step == "talk"
    assert change.change == (
        "The document does not cover who does \u201cDo talk.\u201d (who: the officer's Head; "
        "contact: the member; duty: can, the document's word) in this case: ask the Monitoring "
        "Officer (the step marked as general advice)."
    )
    assert change.reason == (
        "the officer holds the post \u201cA Head of Service\u201d, so the officer's Head would be "
        "the officer themself"
    )


def test_a_step_the_route_says_to_skip_is_left_out_without_the_advice() -> None:
    steps = [
        step("raise", "member", ["chief"]),
        step("record", "head", ["officer"], duty="shall", if_left_out="skip"),
    ]
    plan = officer_plan(steps, HEAD)
    assert [s.id for s in plan.steps] == ["raise"]
    (left,) = plan.adjustments
    assert left.kind == "left-out" and left.change is not None
    assert left.change.startswith("Left out: step 2 as written, \u201cDo record.\u201d")


def test_the_advice_for_a_step_before_the_ladder_settles_follows_the_rung_raised_first() -> None:
    # The officer is the Head: the opening rung goes to the Director, who now holds the matter;
    # "talk" (the Head's, in the document between the two) is not covered, and comes after it.
    steps = [
        step("first", "officer", ["head"], rung=True, if_unresolved="second", duty="should"),
        step("talk", "head", ["member"], duty="can"),
        step("second", "head", ["director"], rung=True),
        step("feedback", "anyone", ["member"]),
    ]
    plan = officer_plan(steps, HEAD)
    assert [s.id for s in plan.steps] == ["second", "general-advice", "feedback"]
    assert plan.steps[0].actor.wording == "the officer"  # raises it first with the Director
    talk = next(a for a in plan.adjustments if a.step == "talk")
    assert talk.kind == "not-covered"


def test_with_no_rung_left_the_ladder_is_said_before_the_step_nobody_can_do() -> None:
    steps = [
        step("first", "officer", ["head"], rung=True),
        step("talk", "head", ["member"], duty="can"),
    ]
    plan = officer_plan(steps, {"officer-post": "chief", "member-post": ()})
    assert [s.id for s in plan.steps] == ["general-advice"]
    assert [a.step for a in plan.adjustments] == [None, "talk"]  # the ladder first
    assert plan.adjustments[0].change is not None
    assert plan.adjustments[0].change.startswith("Nobody on this route's escalation ladder")
