"""Who can act in this case: the parties' posts, and the rule that a party never
handles their own matter.

The rule is data (roles.yaml: `post`, `of`, `conflicted_when`, `stand_in`);
`resolve_role` is the one small function that applies it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

from routewise.engine.paths import Answer, path_questions
from routewise.models import Catalogue, RoleGroup, Route
from routewise.record import Record

PartyPosts = Mapping[str, frozenset[str]]
"""Each party's posts in this case, from the answers to the post questions."""


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


Relation = Literal["senior", "themself", "party", "conflicts"]
"""How a party's post rules a role out: senior to it, the role is that party themself, the
role would be a party to the matter, or a post the role names in `conflicted_when`."""


class Conflict(Record):
    """Why a role cannot act in this case: which party, which post, and how."""

    party: str
    post: str
    label: str
    """The post as the question shows it: "A Head of Service"."""
    relation: Relation
    text: str
    """The reason in words: "the officer holds the post “A Head of Service”, so …"."""


class Resolution(Record):
    """What happens to one role in this case."""

    role: str
    status: Literal["acts", "stands-in", "left-out"]
    substitute: str | None = None
    reason: str | None = None
    conflict: Conflict | None = None


def conflict(
    catalogue: Catalogue,
    parties: list[str],
    posts: PartyPosts,
    role_id: str,
    title: Callable[[str], str] | None = None,
) -> str | None:
    """Why a role cannot act in this case, in words, or None (see `conflict_of`)."""
    found = conflict_of(catalogue, parties, posts, role_id, title)
    return found.text if found is not None else None


def conflict_of(
    catalogue: Catalogue,
    parties: list[str],
    posts: PartyPosts,
    role_id: str,
    title: Callable[[str], str] | None = None,
) -> Conflict | None:
    """Why a role cannot act in this case, or None: a party holds it or is senior to it.

    `title` names roles in the reason as the plan does (the route's and council's titles)."""
    name = title or (lambda r: catalogue.roles[r].title)
    role = catalogue.roles[role_id]
    if role.party:
        return None
    for party_id in parties:
        held = posts.get(party_id, frozenset())
        post_set = catalogue.post_set_of(party_id)
        if not held or post_set is None:
            continue
        party = name(party_id)
        labels = {p.id: p.label for p in post_set.posts}
        for post in sorted(held, key=lambda p: list(labels).index(p) if p in labels else 0):
            label = labels.get(post, post)
            holds = f"{party} holds the post \u201c{label}\u201d"
            relation: Relation | None = None
            text = holds
            if post in role.conflicted_when.get(party_id, []):
                relation = "conflicts"
            elif role.post is None or (role.of is not None and role.of != party_id):
                continue
            elif role.post == post:
                relation = "themself" if role.of == party_id else "party"
                whose = f"{party} themself" if role.of == party_id else "a party to the matter"
                text = f"{holds}, so {name(role_id)} would be {whose}"
            elif (
                post_set.ranked
                and role.post in labels
                and post in labels
                and post_set.rank(post) > post_set.rank(role.post)
            ):
                relation = "senior"
                text = f"{holds}, which is senior to \u201c{labels[role.post]}\u201d"
            if relation is not None:
                return Conflict(
                    party=party_id, post=post, label=label, relation=relation, text=text
                )
    return None


def resolve_role(
    catalogue: Catalogue,
    parties: list[str],
    posts: PartyPosts,
    role_id: str,
    title: Callable[[str], str] | None = None,
) -> Resolution:
    """Acts; stands in (someone a document names acts instead); or is left out."""
    why = conflict_of(catalogue, parties, posts, role_id, title)
    if why is None:
        return Resolution(role=role_id, status="acts")
    stand_in = catalogue.roles[role_id].stand_in
    if stand_in is not None and conflict(catalogue, parties, posts, stand_in) is None:
        return Resolution(
            role=role_id, status="stands-in", substitute=stand_in, reason=why.text, conflict=why
        )
    return Resolution(role=role_id, status="left-out", reason=why.text, conflict=why)


class ResolvedGroup(Record):
    """A group after the rule: who remains, and what happened to the others."""

    group: RoleGroup
    members: list[str | list[str]]
    changes: list[Resolution]

    @property
    def empty(self) -> bool:
        return not self.members

    @property
    def broken(self) -> bool:
        """Nobody left to act, or people who must act together are not all there."""
        left_out = any(r.status == "left-out" for r in self.changes)
        return self.empty or (self.group.mode == "all" and left_out)


def resolve_group(
    catalogue: Catalogue,
    parties: list[str],
    posts: PartyPosts,
    group: RoleGroup,
    title: Callable[[str], str] | None = None,
) -> ResolvedGroup:
    members: list[str | list[str]] = []
    changes: list[Resolution] = []

    def one(role_id: str) -> str | None:
        result = resolve_role(catalogue, parties, posts, role_id, title)
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
