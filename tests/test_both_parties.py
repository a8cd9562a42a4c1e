"""Both parties hold posts (review of issue 15, item 13), on the shipped routes: every plan of
every answer combination where a party's post rules someone out is checked against what the
documents say, and the cases the review read are checked in the words the plan prints."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import CliRunner

from routewise.cli import app as cli
from routewise.commands import common
from routewise.engine.roles import resolve_group, resolve_posts
from routewise.model.catalogue import Catalogue
from routewise.model.policy import conflicts_of
from tests.test_route_fidelity import every_plan

runner = CliRunner()
RAISED = ("--raised", "2027-01-11")
CRITICISM = "member-criticises-member"


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: False)


def triage(route: str, output_format: str = "markdown", **answers: str) -> str:
    given = [f"--answer={k.replace('_', '-')}={v}" for k, v in answers.items()]
    result = runner.invoke(
        cli.app,
        ["triage", "--route", route, *given, *RAISED, "--format", output_format],
        env={"COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def plan_json(route: str, **answers: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(triage(route, "json", **answers))
    return loaded


def titles(catalogue: Catalogue, own: dict[str, str]) -> Callable[[str], str]:
    """Roles named as the route's plan names them (its `titles` first)."""
    return lambda role_id: own.get(role_id) or catalogue.roles[role_id].title


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_reason_names_each_party_whose_post_rules_the_person_out(
    catalogue: Catalogue,
) -> None:
    """Not only the first party: where the member who made a criticism and the member
    criticised both lead a group, or both were said to chair the meeting, both are named."""
    both = 0
    for route_id, answers, plan in every_plan(catalogue):
        route = catalogue.routes[route_id]
        posts = resolve_posts(route, answers)

        title = titles(catalogue, route.titles)
        for adjustment in plan.adjustments:
            if adjustment.reason.startswith("the answer to"):
                continue  # a stand-in the answers bring in: worded from them, not from posts
            for role_id in adjustment.roles:
                found = conflicts_of(catalogue, route.parties, posts, role_id, title)
                both += len(found) > 1
                for conflict in found:
                    said = f"{title(conflict.party)} holds the post \u201c{conflict.label}\u201d"
                    assert said in adjustment.reason, (route_id, answers, adjustment.text)
    assert both > 0  # the combinations where both parties' posts rule the same person out


def test_both_members_said_to_chair_the_meeting_are_both_named() -> None:
    answers = {"where": "in-meeting", "member_post": "chair", "criticised_member_post": "chair"}
    markdown = flat(triage(CRITICISM, **answers))
    assert (
        "Why: the member who made the criticism holds the post \u201cChair of the meeting where "
        "it happened\u201d, so the Chair of the meeting would be a party to the matter; the "
        "member who was criticised holds the post \u201cChair of the meeting where it "
        "happened\u201d, so the Chair of the meeting would be a party to the matter." in markdown
    )
    assert "were both said to hold the post" in markdown  # the answers disagree: said once


def test_both_members_leading_a_group_are_both_named_for_the_other_groups_leaders() -> None:
    answers = {
        "where": "outside-meeting",
        "channel": "email",
        "outside_member_post": "group-leader",
        "outside_criticised_member_post": "group-leader",
    }
    plan = plan_json(CRITICISM, **answers)
    deal = next(s for s in plan["steps"] if s["id"] == "deal")
    assert deal["actor"]["wording"].startswith("the Leader or Leaders of the other Political")
    (change,) = [a for a in plan["adjustments"] if a["step"] == "deal"]
    assert change["kind"] == "stands-in"
    assert change["reason"] == (
        "the member who made the criticism holds the post \u201cLeads a political group on the "
        "council\u201d, which rules out the Leader or Leaders of the Political Groups; the member "
        "who was criticised holds the post \u201cLeads a political group on the council\u201d, "
        "which rules out the Leader or Leaders of the Political Groups"
    )
    assert len(plan["conflicts"]) == 2  # each party's post, said once above the changes


def test_no_step_nobody_can_do_is_left_out_quietly_and_the_advice_keeps_its_duty_word(
    catalogue: Catalogue,
) -> None:
    """A step whose every possible handler is ruled out is not covered by the document: the
    plan asks the Monitoring Officer (marked as routewise's advice) and quotes the step with
    its duty word, unless the route says the step only follows one left out (`skip`)."""
    replaced = 0
    for route_id, answers, plan in every_plan(catalogue):
        route = catalogue.routes[route_id]
        posts = resolve_posts(route, answers)
        outcome = next(o for o in route.outcomes if o.id == plan.outcome)
        written = {s.id: s for s in outcome.steps}
        kept = {s.id for s in plan.steps}
        for adjustment in plan.adjustments:
            step = written.get(adjustment.step or "")
            if step is None or step.id in kept:
                continue
            actor = resolve_group(catalogue, route.parties, posts, step.actor)
            if adjustment.kind == "left-out":
                assert not actor.broken or step.rung or step.if_left_out == "skip", (
                    route_id,
                    answers,
                    step.id,
                )
            elif adjustment.kind == "not-covered":
                replaced += 1
                assert "general-advice" in kept and plan.general_advice
                change = adjustment.change or ""
                assert change.startswith("The document does not cover "), change
                if step.duty:
                    assert f"duty: {step.duty}, the document's" in change, (route_id, step.id)
    assert replaced > 0


def test_a_director_s_concern_about_a_group_leader_asks_who_discusses_it() -> None:
    answers = {"officer_post": "director", "member_post": "group-leader"}
    plan = plan_json("officer-concern-about-member", **answers)
    ids = [s["id"] for s in plan["steps"]]
    assert ids[:3] == [
        "monitoring-officer-or-chief-executive",
        "general-advice",
        "raise-with-member",
    ]
    assert "discuss" not in ids
    (discuss,) = [a for a in plan["adjustments"] if a["step"] == "discuss"]
    assert discuss["change"] == (
        "The document does not cover who does \u201cDiscuss the concern with the member.\u201d "
        "(who: the officer's Head of Service; contact: the member; duty: can, the document's "
        "word) in this case: ask the Monitoring Officer (the step marked as general advice)."
    )
    markdown = flat(triage("officer-concern-about-member", **answers))
    assert "**Next:** you: Ask the Monitoring Officer for advice" in markdown
    assert "**Caution:** this plan includes general advice from routewise" in markdown


def test_the_leader_in_a_dispute_with_the_chief_executive_keeps_every_duty_word() -> None:
    answers = {"already_met": "yes", "officer_post": "chief-executive", "member_post": "leader"}
    plan = plan_json("officer-member-dispute", **answers)
    assert [s["id"] for s in plan["steps"]] == ["general-advice", "formal-procedures"]
    changes = {a["step"]: a for a in plan["adjustments"]}
    assert (
        "(who: whoever is dealing with the matter (the document does not say who); contact: "
        "the Leader of the Council; duty: shall, the document's word)"
    ) in changes["involve-leader"]["change"]
    assert (
        "(who: the Chief Executive and the Leader of the Council, together; duty: will, the "
        "document's word)"
    ) in changes["deadlock"]["change"]
    assert changes["deadlock"]["reason"] == (
        "the officer holds the post \u201cThe Chief Executive\u201d, so the Chief Executive would "
        "be a party to the matter; the member holds the post \u201cLeader of the Council\u201d, so "
        "the Leader of the Council would be a party to the matter"
    )
    for step in plan["steps"]:  # nobody is sent their own matter
        named = {m["role"] for g in [step["actor"], *step["contacts"]] for m in g["members"]}
        assert not named & {"leader", "chief-executive"}
