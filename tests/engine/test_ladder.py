"""The escalation ladder: rungs left out, relinking, who raises it first, and the advice."""

from __future__ import annotations

from datetime import date
from typing import Any

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.model.plan import Plan
from tests.inline import catalogue, route, step

LADDER = [
    step("first", "officer", ["head"], rung=True, if_unresolved="second", duty="should"),
    step("discuss", "head", ["member"]),
    step("second", "head", ["director"], rung=True, if_unresolved="third", duty="can"),
    step("third", "head", [{"one_of": ["monitoring-officer", "chief"]}], rung=True),
    step("feedback", "anyone", ["member", {"role": "group-leader", "if": "if necessary"}]),
]


def plan(steps: list[dict[str, Any]], officer: str = "officer", member: Any = "none") -> Plan:
    cat = catalogue(route(steps))
    r = cat.routes["test-route"]
    answers = {"officer-post": officer, "member-post": () if member == "none" else member}
    return build_plan(cat, r, answers, date(2026, 1, 5), WorkingCalendar())


def ids(p: Plan) -> list[str]:
    return [s.id for s in p.steps]


def test_nobody_conflicted_keeps_every_step_and_links_each_rung_to_the_next() -> None:
    p = plan(LADDER)
    assert ids(p) == ["first", "discuss", "second", "third", "feedback"]
    assert [s.if_unresolved for s in p.steps] == [3, None, 4, None, None]
    assert p.adjustments == []


def test_a_left_out_rung_is_relinked_and_the_next_rung_is_raised_first() -> None:
    p = plan(LADDER, officer="head")
    assert ids(p) == ["second", "general-advice", "third", "feedback"]
    first = p.steps[0]
    assert first.actor.wording == "the officer"  # who would have raised it at the rung left out
    assert first.action == "Do first." and first.duty == "should"  # the opening rung's words
    assert first.if_unresolved == 3
    kinds = [a.kind for a in p.adjustments]
    assert kinds.count("first-raised") == 1 and "stands-in" in kinds


def test_relinking_skips_every_left_out_rung() -> None:
    p = plan(LADDER, officer="director")
    # "discuss" is nobody's once the Head is ruled out: the advice, after the rung raised first
    assert ids(p) == ["third", "general-advice", "feedback"]
    assert [c.wording for c in p.steps[0].contacts] == [
        "either the Monitoring Officer, or the Chief Executive"
    ]
    first_raised = next(a for a in p.adjustments if a.kind == "first-raised")
    assert "either the Monitoring Officer, or the Chief Executive" in first_raised.text


def test_if_unresolved_follows_past_steps_that_were_left_out() -> None:
    steps = [
        step("a", "officer", ["member"], if_unresolved="b"),
        step("b", "chief", ["member"], if_unresolved="c", if_left_out="skip"),
        step("c", "anyone", ["member"]),
    ]
    p = plan(steps, officer="chief")
    assert ids(p) == ["a", "c"]
    assert p.steps[0].if_unresolved == 2


def test_no_rung_left_puts_the_advice_where_the_ladder_was() -> None:
    steps = [step("before", "anyone", ["member"]), step("only", "officer", ["head"], rung=True)]
    p = plan(steps, officer="director")
    assert ids(p) == ["before", "general-advice"]
    assert p.general_advice and p.steps[1].source is None
    assert any(a.kind == "not-covered" for a in p.adjustments)


def test_if_left_out_advice_replaces_the_step_and_takes_its_links() -> None:
    steps = [
        step("meet", "member", ["officer"], if_unresolved="break"),
        step(
            "break",
            {"together": ["chief", "head"]},  # both ruled out when the officer is the chief
            if_left_out="advice",
            if_unresolved="formal",
        ),
        step("formal", "member"),
    ]
    p = plan(steps, officer="chief")
    assert ids(p) == ["meet", "general-advice", "formal"]
    assert p.steps[0].if_unresolved == 2
    adjustment = next(a for a in p.adjustments if a.kind == "not-covered")
    assert adjustment.step == "break" and adjustment.roles == ["chief", "head"]


def test_a_conditional_contact_left_out_is_dropped_and_named() -> None:
    p = plan(LADDER, member=("group-leader",))
    feedback = p.steps[-1]
    assert [c.wording for c in feedback.contacts] == ["the member"]
    left = [a for a in p.adjustments if a.roles == ["group-leader"]]
    assert left and "the member themself" in left[0].reason


def test_a_conditional_contact_keeps_its_condition() -> None:
    feedback = plan(LADDER).steps[-1]
    conditional = feedback.contacts[1]
    assert conditional.conditional and conditional.condition == "if necessary"
    assert conditional.wording == "the Group Leader, if necessary"


def test_a_stand_in_named_in_data_acts_and_is_explained() -> None:
    p = plan([step("challenge", "chair", ["member"])], member=("chair",))
    assert p.steps[0].actor.wording == "the Vice-Chair"
    assert [a.kind for a in p.adjustments] == ["stands-in"]


def test_when_conditions_apply_to_multi_choice_answers() -> None:
    steps = [step("only-chair", "anyone", when={"member-post": ["chair"]}), step("s", "anyone")]
    assert ids(plan(steps)) == ["s"]
    assert ids(plan(steps, member=("chair", "group-leader"))) == ["only-chair", "s"]


def test_a_left_out_rung_is_named_by_whom_it_went_to() -> None:
    # The next rung reuses the first rung's words, so the change must say which rung went:
    # once, in the step that takes over, not again as a separate "left out" line.
    p = plan(LADDER, officer="head")
    assert not any(a.step == "first" for a in p.adjustments)
    first = next(a for a in p.adjustments if a.kind == "first-raised")
    assert first.step == "second" and first.roles == ["head"]
    assert first.change == (
        "The officer raises it first with the officer's Director, instead of the officer's Head."
    )
    assert first.reason == (
        "the officer holds the post \u201cA Head of Service\u201d, so the officer's Head would be "
        "the officer themself"
    )
    assert first.text == f"{first.change} Why: {first.reason}."
    assert (
        p.steps[0].action == "Do first." and p.steps[0].contacts[0].wording != "the officer's Head"
    )


def test_a_post_is_said_once_for_every_role_it_rules_out() -> None:
    """The Chief Executive's post is senior to the Head and the Director and is the Chief
    Executive's own: one sentence for the plan, and no reason repeats its post."""
    p = plan(LADDER, officer="chief")
    assert p.conflicts == [
        "The officer holds the post \u201cThe Chief Executive\u201d, which is senior to the "
        "officer's Head and the officer's Director, so the Chief Executive would be a party to "
        "the matter."
    ]
    for adjustment in p.adjustments:
        assert adjustment.reason.count("holds the post") <= 1, adjustment.reason
    nobody = [a for a in p.adjustments if a.step == "second" or a.step == "first"]
    assert nobody == []  # the rungs left out are said once, in the rung that takes over


def test_a_condition_about_a_party_is_kept_and_flagged() -> None:
    steps = [
        step(
            "notify",
            "anyone",
            [
                {
                    "role": "chief",
                    "if": "if the Group Leader becomes involved",
                    "about": ["group-leader"],
                },
                {
                    "role": "group-leader",
                    "if": "if the Chief Executive becomes involved",
                    "about": ["chief"],
                },
            ],
        )
    ]
    p = plan(steps, member=("group-leader",))
    assert [g.wording for g in p.steps[0].contacts] == [
        "the Chief Executive, if the Group Leader becomes involved"
    ]
    flagged = [a for a in p.adjustments if a.kind == "not-covered"]
    assert [a.roles for a in flagged] == [["group-leader"]]
    assert "does not say whether being a party to the matter counts" in flagged[0].text
    assert plan(steps).adjustments == []  # nobody a party: nothing to flag


def test_a_later_rung_keeps_its_duty_word_and_is_not_the_one_who_raised_it() -> None:
    p = plan(LADDER, officer="head")
    third = next(s for s in p.steps if s.id == "third")
    # whoever holds the matter now (the Director it was raised with), as routewise's reading
    assert third.actor.wording == "the officer's Director" and third.actor_reading is not None
    assert third.duty is None  # the route gives "third" no duty word of its own


def test_the_first_raised_rung_cites_where_its_borrowed_words_come_from() -> None:
    # The rung raised first keeps the left-out opening rung's action and duty word: the
    # plan must not show that word under a paragraph that does not contain it.
    opening = {**LADDER[0], "source": {"document": "doc", "section": "Rules", "paragraph": 1}}
    second = {**LADDER[2], "source": {"document": "doc", "section": "Rules", "paragraph": 2}}
    p = plan([opening, LADDER[1], second, *LADDER[3:]], officer="head")
    first = p.steps[0]
    assert first.id == "second" and first.duty == "should" and first.source is not None
    assert first.source.paragraph == "2"
    assert (
        first.note is not None and "\u00b6\u00a01, where the matter is first raised" in first.note
    )
    assert {s.paragraph for s in p.sources if s.section == "Rules"} == {"1", "2"}


def test_a_rung_kept_with_its_own_words_has_no_borrowed_source() -> None:
    p = plan(LADDER)
    assert all(s.note is None or "first raised" not in s.note for s in p.steps)
