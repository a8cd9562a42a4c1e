"""The rule that a party never handles their own matter, applied to one role; what becomes
of a step whose people it rules out; and who stands in for a role on a route.

The rules themselves are data (roles.yaml: `post`, `of`, `conflicted_when`, `stand_in`; a
route's `stand_ins`); these are the small pure functions that read them. The engine
resolves a case's roles with them, and the flow checks use them to find a stand-in who
would be conflicted too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from routewise.model.catalogue import Catalogue
from routewise.model.route import IfLeftOut, StandIn

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
    """Why a role cannot act in this case, or None: the first of `conflicts_of`."""
    found = conflicts_of(catalogue, parties, posts, role_id, title)
    return found[0] if found else None


def conflicts_of(
    catalogue: Catalogue,
    parties: list[str],
    posts: PartyPosts,
    role_id: str,
    title: Callable[[str], str] | None = None,
) -> list[Conflict]:
    """Every party whose post rules a role out in this case, one `Conflict` each, in the
    route's order of parties: a party holds the role's post, is senior to it, or holds a post
    the role names in `conflicted_when`. Both parties can: the member who made the criticism
    and the member criticised both lead a group. Empty where the role can act.

    `title` names roles in the reason as the plan does (the route's and council's titles)."""
    name = title or (lambda r: catalogue.roles[r].title)
    role = catalogue.roles[role_id]
    if role.party:
        return []
    found: list[Conflict] = []
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
                found.append(
                    Conflict(party=party_id, post=post, label=label, relation=relation, text=text)
                )
                break  # one post of each party is reason enough
    return found


GroupFate = Literal["acts", "short", "cannot"]
"""What ruling people out leaves of a group named for a step (see `group_fate`)."""


def group_fate(mode: str, remaining: int, ruled_out: int) -> GroupFate:
    """What a group named for a step can still do once `ruled_out` of its people cannot act.

    "cannot": nobody is left. "short": people named to act together ("the Chief Executive
    and the Leader of the Council") lost someone but not everyone: those left still act, and
    the plan says the document does not say who takes the others' places and points to the
    adviser. "acts" otherwise: nobody was ruled out, or the group names alternatives (one of
    them, and/or, each separately) and the others named remain."""
    if remaining == 0:
        return "cannot"
    return "short" if mode == "all" and ruled_out > 0 else "acts"


def left_out_rule(written: IfLeftOut | None, rung: bool, nobody_can_act: bool) -> IfLeftOut:
    """What becomes of a step whose people are all ruled out: the route's own `if_left_out`
    (`written`) where it says; else a rung goes to the next rung; else a step nobody named
    can do still needs doing and the document does not say by whom, so it is not covered and
    the general advice takes its place ("advice"); and a step that only loses everyone it
    contacts is left out ("skip"): there is no one left to tell."""
    if written is not None:
        return written
    if rung:
        return "next-rung"
    return "advice" if nobody_can_act else "skip"


def when_met(when: Mapping[str, list[str]], answers: Mapping[str, object]) -> bool:
    """Whether the answers are among those `when` names, for every question it names (for
    a tick list, any of the ticked choices): a step's `when`, and a stand-in's."""
    for question_id, ids in when.items():
        value = answers.get(question_id)
        chosen = value if isinstance(value, tuple) else (value,)
        if not any(c in ids for c in chosen):
            return False
    return True


def stand_in_for(
    stand_ins: Sequence[StandIn],
    step_id: str,
    role_id: str,
    conflicted: bool,
    answers: Mapping[str, object],
) -> StandIn | None:
    """The route's stand-in for a role at one step, or None: the first entry for that role
    that covers the step (`steps`, or every step) and whose trigger holds, that is, its
    `when` matches the answers or, with no `when`, the role cannot act in this case."""
    for entry in stand_ins:
        if entry.role != role_id or (entry.steps and step_id not in entry.steps):
            continue
        if when_met(entry.when, answers) if entry.when else conflicted:
            return entry
    return None
