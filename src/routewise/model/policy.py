"""The rule that a party never handles their own matter, applied to one role.

The rule itself is data (roles.yaml: `post`, `of`, `conflicted_when`); this is the one
small pure function that reads it. The engine resolves a case's roles with it, and the
flow checks use it to find a stand-in who would be conflicted too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from routewise.model.catalogue import Catalogue

PartyPosts = Mapping[str, frozenset[str]]
"""Each party's posts in this case, from the answers to the post questions."""


def conflict(
    catalogue: Catalogue,
    parties: list[str],
    posts: PartyPosts,
    role_id: str,
    title: Callable[[str], str] | None = None,
) -> str | None:
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
            holds = f"{party} holds the post \u201c{labels.get(post, post)}\u201d"
            if post in role.conflicted_when.get(party_id, []):
                return holds
            if role.post is None or (role.of is not None and role.of != party_id):
                continue
            if role.post == post:
                whose = f"{party} themself" if role.of == party_id else "a party to the matter"
                return f"{holds}, so {name(role_id)} would be {whose}"
            ranked = post_set.ranked and role.post in labels and post in labels
            if ranked and post_set.rank(post) > post_set.rank(role.post):
                return f"{holds}, which is senior to \u201c{labels[role.post]}\u201d"
    return None
