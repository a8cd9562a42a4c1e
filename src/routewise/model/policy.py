"""The rule that a party never handles their own matter, applied to one role.

The rule itself is data (roles.yaml: `post`, `of`, `conflicted_when`); this is the one
small pure function that reads it. The engine resolves a case's roles with it, and the
flow checks use it to find a stand-in who would be conflicted too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from routewise.model.catalogue import Catalogue

PartyPosts = Mapping[str, frozenset[str]]
"""Each party's posts in this case, from the answers to the post questions."""


Relation = Literal["senior", "themself", "party", "conflicts"]
"""How a party's post rules a role out: senior to it, the role is that party themself, the
role would be a party to the matter, or a post the role names in `conflicted_when`."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Conflict:
    """Why a role cannot act in this case: which party, which post, and how."""

    party: str
    post: str
    label: str
    """The post as the question shows it: "A Head of Service"."""
    relation: Relation
    text: str
    """The reason in words: "the officer holds the post “A Head of Service”, so …"."""


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
