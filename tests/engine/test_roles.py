"""The rule that a party never handles their own matter, applied by one function from data."""

from __future__ import annotations

from routewise.engine.roles import resolve_group, resolve_posts, resolve_role
from routewise.model.policy import conflict
from routewise.model.route import RoleGroup
from tests.inline import ROLES, catalogue, route, step

CAT = catalogue(route(steps=[step("s", "anyone")]))
PARTIES = ["officer", "member"]


def posts(officer: str = "officer", *member: str) -> dict[str, frozenset[str]]:
    return {"officer": frozenset({officer}), "member": frozenset(member)}


def test_posts_come_from_the_post_questions_on_the_path() -> None:
    r = CAT.routes["test-route"]
    found = resolve_posts(r, {"officer-post": "head", "member-post": ("chair",)})
    assert found == {"officer": frozenset({"head"}), "member": frozenset({"chair"})}


def test_a_role_acts_when_no_party_holds_it() -> None:
    assert resolve_role(CAT, PARTIES, posts(), "head").status == "acts"
    assert resolve_role(CAT, PARTIES, posts(), "chief").status == "acts"


def test_holding_the_post_conflicts_the_role() -> None:
    result = resolve_role(CAT, PARTIES, posts("head"), "head")
    assert result.status == "left-out"
    assert result.reason is not None and "the officer themself" in result.reason


def test_a_senior_post_conflicts_a_junior_role_in_a_ranked_set() -> None:
    assert resolve_role(CAT, PARTIES, posts("director"), "head").status == "left-out"
    assert resolve_role(CAT, PARTIES, posts("director"), "director").status == "left-out"
    assert resolve_role(CAT, PARTIES, posts("director"), "chief").status == "acts"
    reason = conflict(CAT, PARTIES, posts("director"), "head")
    assert reason is not None and "senior" in reason


def test_of_limits_the_conflict_to_that_party() -> None:
    # The member's Group Leader is conflicted by the member, never by the officer.
    assert resolve_role(CAT, PARTIES, posts("officer", "group-leader"), "group-leader").status == (
        "left-out"
    )
    assert resolve_role(
        CAT, ["officer"], posts("officer", "group-leader"), "group-leader"
    ).status == ("acts")


def test_a_stand_in_acts_in_place_of_a_conflicted_role() -> None:
    result = resolve_role(CAT, PARTIES, posts("officer", "chair"), "chair")
    assert result.status == "stands-in"
    assert result.substitute == "vice-chair"


def test_a_conflicted_stand_in_is_no_stand_in() -> None:
    roles = [dict(r) for r in ROLES]
    for r in roles:
        if r["id"] == "vice-chair":
            r.update(post="chair")
    cat = catalogue(route(steps=[step("s", "anyone")]), roles=roles)
    assert resolve_role(cat, PARTIES, posts("officer", "chair"), "chair").status == "left-out"


def test_conflicted_when_names_other_conflicting_posts() -> None:
    roles = [dict(r) for r in ROLES]
    for r in roles:
        if r["id"] == "monitoring-officer":
            r.update(conflicted_when={"officer": ["director"]})
    cat = catalogue(route(steps=[step("s", "anyone")]), roles=roles)
    assert resolve_role(cat, PARTIES, posts("director"), "monitoring-officer").status == "left-out"
    assert resolve_role(cat, PARTIES, posts("head"), "monitoring-officer").status == "acts"


def test_groups_keep_who_remains_and_say_when_they_are_broken() -> None:
    one_of = RoleGroup.model_validate({"one_of": ["head", "director"]})
    kept = resolve_group(CAT, PARTIES, posts("head"), one_of)
    assert kept.members == ["director"] and not kept.broken
    gone = resolve_group(CAT, PARTIES, posts("director"), one_of)
    assert gone.empty and gone.broken
    together = RoleGroup.model_validate({"together": ["chief", "head"]})
    short = resolve_group(CAT, PARTIES, posts("head"), together)  # the head is the officer
    assert short.members == ["chief"] and short.short and not short.broken
    assert resolve_group(CAT, PARTIES, posts("chief"), together).broken  # both ruled out
    and_or = RoleGroup.model_validate({"and_or": ["group-leader", ["chief", "monitoring-officer"]]})
    result = resolve_group(CAT, PARTIES, posts("chief", "group-leader"), and_or)
    assert result.members == ["monitoring-officer"]
    assert [c.role for c in result.changes] == ["group-leader", "chief"]
