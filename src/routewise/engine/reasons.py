"""How the ladder words what it changes: who is ruled out and by which party's post, and
each role a kept step loses or has stood in for, in the step's own terms."""

from __future__ import annotations

from collections.abc import Callable

from routewise.engine.roles import Resolution, ResolvedGroup
from routewise.model.documents import Source
from routewise.model.plan import AdjustmentKind
from routewise.model.route import Step

NO_ONE_NAMED = "the document does not say who takes their place"
"""Said where nobody named for a step can act and no stand-in is named (README's promise)."""


def because(changes: list[Resolution], title: Callable[[str], str]) -> list[str]:
    """Why these roles are out, each party's post said once, in plain words: "the officer
    holds the post “The Chief Executive”, which is senior to the officer's Head of Service and
    the officer's Director, so the Chief Executive would be a party to the matter"."""
    groups: dict[tuple[str, str], tuple[str, dict[str, list[str]]]] = {}
    answered: list[str] = []  # reasons worded from the answers (a route's stand-ins)
    for change in changes:
        if not change.conflicts:
            if change.reason and change.reason not in answered:
                answered.append(change.reason)
            continue
        for found in change.conflicts:  # both parties' posts, where both rule the role out
            _, by = groups.setdefault((found.party, found.post), (found.label, {}))
            named = by.setdefault(found.relation, [])
            if title(change.role) not in named:
                named.append(title(change.role))
    parts: list[str] = []
    for (party, _), (label, by) in groups.items():
        who = title(party)
        clauses = [f"{who} holds the post \u201c{label}\u201d"]
        if by.get("senior"):
            clauses.append(f"which is senior to {joined(by['senior'])}")
        if by.get("themself"):
            clauses.append(f"so {joined(by['themself'])} would be {who} themself")
        if by.get("party"):
            clauses.append(f"so {joined(by['party'])} would be a party to the matter")
        if by.get("conflicts"):
            clauses.append(f"which rules out {joined(by['conflicts'])}")
        parts.append(", ".join(clauses))
    return parts + answered


def ruled_out(changes: list[Resolution], title: Callable[[str], str]) -> str:
    """Who a change rules out and the post that does, in a few words, for a step the plan
    leaves out (the full reason is said once, above the changes): "the Leader of the Council
    is ruled out, as the member holds “Leader of the Council”"."""
    roles = list(dict.fromkeys(title(c.role) for c in changes))
    posts = list(
        dict.fromkeys(
            f"{title(found.party)} holds \u201c{found.label}\u201d"
            for c in changes
            for found in c.conflicts
        )
    )
    answered = list(dict.fromkeys(c.reason for c in changes if not c.conflicts and c.reason))
    verb = "is" if len(roles) == 1 else "are"
    return f"{joined(roles)} {verb} ruled out, as {joined(posts + answered)}"


def joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def full_stop(text: str) -> str:
    """A sentence's end, once: a quoted action already ending in a full stop keeps its own."""
    return text if text.endswith((".", ".\u201d", "?", "!")) else f"{text}."


def sentence_case(text: str) -> str:
    """A title at the start of a sentence: "the officer" becomes "The officer"."""
    return text[:1].upper() + text[1:]


def alternatives(group: ResolvedGroup) -> bool:
    """Whether others named as alternatives remain once some are left out."""
    return group.group.mode != "all" and not group.empty


Adjust = Callable[[AdjustmentKind, Step | None, list[Resolution], str, Source | None], None]


def note_change(
    adjust: Adjust,
    step: Step,
    change: Resolution,
    title: Callable[[str], str],
    acting: bool,
    alternatives: bool,
    ask: str | None = None,
) -> None:
    """One role of a kept step that stands in or is left out, said in the step's own terms;
    `ask` names the adviser where those left act without them (a "together" group)."""
    who = title(change.role)
    if change.status == "stands-in" and change.substitute:
        said = f"{title(change.substitute)} stands in for {who}"
        adjust("stands-in", step, [change], said, change.source)
        return
    among = "those who do this" if acting else "the contacts"
    after = "the others named with them remain" if alternatives else NO_ONE_NAMED
    if ask is not None:
        among = "those who do this together"
        after = (
            f"those left still do it; {NO_ONE_NAMED}: ask {ask} (the step marked as general advice)"
        )
    adjust("left-out", step, [change], f"{who} is left out of {among}; {after}", None)
