"""Who can act in this case: the parties' posts, and the rule that a party never
handles their own matter.

The rule is data (roles.yaml: `post`, `of`, `conflicted_when`, `stand_in`);
`resolve_role` is the one small function that applies it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from routewise.engine.paths import Answer, path_questions
from routewise.model.catalogue import Catalogue
from routewise.model.documents import Source
from routewise.model.policy import (
    Conflict,
    GroupFate,
    PartyPosts,
    conflict,
    conflict_of,
    conflicts_of,
    group_fate,
)
from routewise.model.route import RoleGroup, Route


def resolve_posts(route: Route, answers: Mapping[str, Answer]) -> dict[str, frozenset[str]]:
    """The posts each party holds, from the post questions on the path."""
    posts: dict[str, frozenset[str]] = {}
    for question in path_questions(route, answers):
        if question.post is None:
            continue
        value = answers[question.id]
        held = value if isinstance(value, tuple) else (str(value),)
        posts[question.post] = frozenset(held)
    return posts


def posts_held_twice(
    catalogue: Catalogue, parties: list[str], posts: PartyPosts
) -> list[tuple[str, list[str]]]:
    """Posts only one person holds (`one_holder`) that several parties were said to hold:
    (the post's label, those parties). The answers disagree; the plan must say so."""
    holders: dict[str, tuple[str, list[str]]] = {}
    for party in parties:
        post_set = catalogue.post_set_of(party) if party in catalogue.roles else None
        for post in post_set.posts if post_set is not None else []:
            if post.one_holder and post.id in posts.get(party, frozenset()):
                holders.setdefault(post.id, (post.label, []))[1].append(party)
    return [(label, held) for label, held in holders.values() if len(held) > 1]


@dataclass(frozen=True, kw_only=True, slots=True)
class Resolution:
    """What happens to one role in this case."""

    role: str
    status: Literal["acts", "stands-in", "left-out"]
    substitute: str | None = None
    reason: str | None = None
    conflicts: tuple[Conflict, ...] = ()
    """Each party's post that rules the role out (both parties', where both do); empty where
    the answers brought a stand-in in (the reason then words those answers)."""
    source: Source | None = None
    """Where the document names the stand-in, if it says."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Scoped:
    """A route's stand-in for a role at one step (a route's `stand_ins`)."""

    stand_in: str
    because: str | None
    """The answers that bring the stand-in in, in words; None when it is the rule that a
    party never handles their own matter that does."""
    source: Source | None = None


Pick = Callable[[str, bool], Scoped | None]
"""The route's stand-in for a role at this step, given whether the role is conflicted."""


def resolve_role(
    catalogue: Catalogue,
    parties: list[str],
    posts: PartyPosts,
    role_id: str,
    title: Callable[[str], str] | None = None,
    pick: Pick | None = None,
) -> Resolution:
    """Acts; stands in (someone the route or a document names acts instead); or is left out.

    The route's own stand-ins (`pick`) come first, then the role's `stand_in` in roles.yaml.
    """
    why = tuple(conflicts_of(catalogue, parties, posts, role_id, title))
    said = "; ".join(c.text for c in why) or None
    scoped = pick(role_id, bool(why)) if pick is not None else None
    if scoped is not None:
        blocked = conflict_of(catalogue, parties, posts, scoped.stand_in, title)
        if blocked is None:
            return Resolution(
                role=role_id,
                status="stands-in",
                substitute=scoped.stand_in,
                reason=scoped.because or said,
                conflicts=() if scoped.because else why,
                source=scoped.source,
            )
        if scoped.because is not None:  # the answers rule the role out, and its stand-in too
            return Resolution(
                role=role_id, status="left-out", reason=f"{scoped.because}, and {blocked.text}"
            )
    if not why:
        return Resolution(role=role_id, status="acts")
    role = catalogue.roles[role_id]
    stand_in = role.stand_in
    if stand_in is not None and conflict(catalogue, parties, posts, stand_in) is None:
        return Resolution(
            role=role_id,
            status="stands-in",
            substitute=stand_in,
            reason=said,
            conflicts=why,
            source=role.stand_in_source,
        )
    return Resolution(role=role_id, status="left-out", reason=said, conflicts=why)


@dataclass(frozen=True, kw_only=True, slots=True)
class ResolvedGroup:
    """A group after the rule: who remains, and what happened to the others."""

    group: RoleGroup
    members: list[str | list[str]]
    changes: list[Resolution]

    @property
    def empty(self) -> bool:
        return not self.members

    @property
    def fate(self) -> GroupFate:
        """What the group can still do (`policy.group_fate`)."""
        left_out = sum(r.status == "left-out" for r in self.changes)
        return group_fate(self.group.mode, len(self.members), left_out)

    @property
    def broken(self) -> bool:
        """Nobody left to act."""
        return self.fate == "cannot"

    @property
    def short(self) -> bool:
        """People named to act together lost someone: those left act without them."""
        return self.fate == "short"


def resolve_group(
    catalogue: Catalogue,
    parties: list[str],
    posts: PartyPosts,
    group: RoleGroup,
    title: Callable[[str], str] | None = None,
    pick: Pick | None = None,
) -> ResolvedGroup:
    members: list[str | list[str]] = []
    changes: list[Resolution] = []

    def one(role_id: str) -> str | None:
        result = resolve_role(catalogue, parties, posts, role_id, title, pick)
        if result.status != "acts":
            changes.append(result)
        return (
            result.substitute
            if result.status == "stands-in"
            else (role_id if result.status == "acts" else None)
        )

    for item in group.roles:
        if isinstance(item, list):
            kept = [r for r in (one(role_id) for role_id in item) if r is not None]
            if kept:
                members.append(kept if len(kept) > 1 else kept[0])
        elif (kept_one := one(item)) is not None:
            members.append(kept_one)
    return ResolvedGroup(group=group, members=members, changes=changes)
