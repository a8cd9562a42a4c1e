"""Both parties hold posts (review of issue 15, item 13): when the same person is ruled out by
each party's post, the reason names both, on small routes built for each test."""

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
