"""The escalation ladder for one case: which steps stay, who acts, and why anything changed.

When a rung's handler is conflicted, the matter moves to the next rung (and
whoever would have raised it there raises it instead). When a step's actors
are all conflicted and it is not a rung, the step is dropped or replaced by
the Monitoring Officer advice, as `policy.left_out_rule` says. Every change
is recorded as a structured adjustment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from routewise.engine.reasons import (
    NO_ONE_NAMED,
    alternatives,
    because,
    full_stop,
    joined,
    note_change,
    ruled_out,
    sentence_case,
)
from routewise.engine.roles import Pick, Resolution, ResolvedGroup, resolve_group, resolve_role
from routewise.model.catalogue import Catalogue
from routewise.model.citation import PlanSource
from routewise.model.documents import Source
from routewise.model.plan import AdjustmentKind, PlanAdjustment, PlanGroup
from routewise.model.policy import PartyPosts, left_out_rule
from routewise.model.route import Outcome, RoleGroup, Step

GroupWords = Callable[[RoleGroup, list[str | list[str]]], PlanGroup]
"""Turns a group and its remaining members into plan form (titles, people)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Kept:
    """A step that stays in the plan, with the people it names after the rule."""

    step: Step
    actor: PlanGroup
    contacts: list[PlanGroup]
    action: str
    duty: str | None
    words_from: Source | None = None
    """Where `action` and `duty` come from when they are not the step's own: a rung that
    becomes the first one keeps the left-out opening rung's words, and its source."""
    takes_over: str | None = None
    """The id of that left-out opening rung: this step is now where the matter is raised."""
    actor_reading: str | None = None
    """routewise's reading of who acts, where the document does not say (`PlanStep`)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Ladder:
    items: list[Kept | None] = field(default_factory=list)
    """The steps in order; None is the Monitoring Officer advice."""
    replaced: dict[str, int] = field(default_factory=dict)
    """Step ids replaced by the advice, with the advice's index in `items`."""
    adjustments: list[PlanAdjustment] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    """Each party's post that rules someone out, said once for the whole plan."""

    @property
    def advice(self) -> bool:
        return None in self.items

    def add_advice(self, index: int | None = None) -> int:
        """Put the advice in at `index` (once per plan) and return where it is."""
        if None in self.items:
            return self.items.index(None)
        at = len(self.items) if index is None else index
        self.items.insert(at, None)
        return at


def _adjust(
    ladder: Ladder,
    kind: AdjustmentKind,
    step: Step | None,
    changes: list[Resolution],
    change: str,
    title: Callable[[str], str],
    source: PlanSource | None = None,
) -> None:
    """Record one change: `change` says what changed (shown with its step, and once in "Why
    this plan differs"), and its reason is worded from the conflicts, each post once; a
    stand-in the document names is cited with the change."""
    reason = "; ".join(because(changes, title))
    said = full_stop(sentence_case(change) + (f" ({source.cite})" if source else ""))
    ladder.adjustments.append(
        PlanAdjustment(
            kind=kind,
            step=step.id if step else None,
            roles=list(dict.fromkeys(r.role for r in changes)),
            reason=reason,
            change=said,
            text=f"{said} Why: {reason}." if reason else said,
            source=source,
        )
    )


READING = "routewise's reading: the document does not say who"
"""Beside an actor routewise names where the document does not say who acts."""


def said_duty(duty: str | None) -> str:
    """ " (its word: “will”)," where the step has a duty word, else ","."""
    return f" (its word: \u201c{duty}\u201d)," if duty else ","


def holder(ladder: Ladder) -> PlanGroup | None:
    """Who holds the matter now: the contact of the last rung kept (the Director it was
    escalated or first raised to), or None if that rung names no one contact."""
    rungs = [k for k in ladder.items if k is not None and k.step.rung]
    if not rungs or len(rungs[-1].contacts) != 1:
        return None
    return rungs[-1].contacts[0]


def build_ladder(
    catalogue: Catalogue,
    parties: list[str],
    posts: PartyPosts,
    outcome: Outcome,
    applies: Callable[[Step], bool],
    words: GroupWords,
    title: Callable[[str], str],
    pick: Callable[[Step], Pick] | None = None,
    cite: Callable[[Source], PlanSource] | None = None,
    adviser: str = "the Monitoring Officer",
) -> Ladder:
    """The ladder for one case. `pick` gives the route's stand-ins at a step (its
    `stand_ins`); `cite` words where the document names a stand-in; `adviser` is whom the
    general advice says to ask."""
    ladder = Ladder()
    handover: PlanGroup | None = None  # who would have raised it at a rung that was left out
    opening: Step | None = None  # the first rung, if that rung was left out
    first_rung_at: int | None = None
    rung_changes: list[Resolution] = []
    # Rungs left out before any rung is kept, with whom each goes to: said once, in the step
    # that takes over (or in "nobody on the ladder"), not once each.
    pending: list[tuple[int, Step, str, list[Resolution]]] = []
    every_change: list[Resolution] = []
    # Steps the advice takes the place of while the opening rung is still to be settled: the
    # advice goes after the rung that takes the opening over, in the document's order.
    waiting: list[str] = []

    def adjust(
        kind: AdjustmentKind,
        step: Step | None,
        changes: list[Resolution],
        change: str,
        source: Source | None = None,
    ) -> None:
        every_change.extend(changes)
        cited = cite(source) if cite is not None and source is not None else None
        _adjust(ladder, kind, step, changes, change, title, cited)

    def who_and_duty(step: Step) -> str:
        """A step as the route writes it: who does it, whom they contact, its duty word."""
        said = [f"who: {words(step.actor, list(step.actor.roles)).text(together=True)}"]
        if step.contacts:
            said.append(
                f"contact: {joined([words(g, list(g.roles)).text() for g in step.contacts])}"
            )
        if step.duty:
            said.append(
                f"duty: {step.duty}, the document's {'words' if ' ' in step.duty else 'word'}"
            )
        return "; ".join(said)

    def as_written(step: Step) -> str:
        """A left-out step as the route writes it, so the reader can find it: its number,
        its words, who does it, whom they contact, and its duty word."""
        number = outcome.steps.index(step) + 1
        return f"step {number} as written, \u201c{step.action}\u201d ({who_and_duty(step)})"

    def flush_pending() -> None:
        for shift, (at, left, _, changes) in enumerate(pending):
            adjust(
                "left-out",
                left,
                changes,
                f"Left out: {as_written(left)}: {ruled_out(changes, title)}; {NO_ONE_NAMED}, so "
                "the matter goes on to the next rung",
            )
            # said where the rung was met, in the route's order, not where it was settled
            ladder.adjustments.insert(at + shift, ladder.adjustments.pop())
        pending.clear()

    def resolve(group: RoleGroup, step: Step) -> ResolvedGroup:
        return resolve_group(
            catalogue, parties, posts, group, title, pick(step) if pick is not None else None
        )

    def any_rung_kept() -> bool:
        return any(k is not None and k.step.rung for k in ladder.items)

    for step in outcome.steps:
        if not applies(step):
            continue
        if step.rung and first_rung_at is None:
            first_rung_at = len(ladder.items)
        actor = resolve(step.actor, step)
        contacts = [resolve(g, step) for g in step.contacts]
        for resolved in contacts:
            moot = [
                r
                for r in (
                    resolve_role(catalogue, parties, posts, a, title) for a in resolved.group.about
                )
                if r.status == "left-out"
            ]
            if moot and not resolved.empty:
                # Kept, not dropped: being a party may or may not count; the plan says so.
                adjust(
                    "not-covered",
                    step,
                    moot,
                    f"\u201c{words(resolved.group, resolved.members).text()}\u201d is kept: its "
                    f"condition is about {title(moot[0].role)}, and the document does not say "
                    "whether being a party to the matter counts",
                )
        nobody_to_contact = bool(contacts) and all(c.empty for c in contacts)
        changes = actor.changes + [r for c in contacts for r in c.changes]
        substitute = step.rung and actor.broken and handover is not None
        # the actor still acts, in the document's order; with whom is not covered
        rule = left_out_rule(step.if_left_out, step.rung, actor.broken)
        alone = nobody_to_contact and not actor.broken and rule == "advice-before"
        if (nobody_to_contact or (actor.broken and not substitute)) and not alone:
            if rule == "next-rung":
                if not actor.broken:
                    handover = words(step.actor, actor.members)
                if not any_rung_kept():
                    opening = opening or step
                rung_changes.extend(changes)
                # Name the rung by whom it goes to: its words may be reused by the next rung.
                written = "; ".join(words(g, list(g.roles)).text() for g in step.contacts)
                pending.append((len(ladder.adjustments), step, written, changes))
                if any_rung_kept():
                    flush_pending()
            elif rule in ("advice", "advice-before"):
                if pending and not any_rung_kept():
                    waiting.append(step.id)
                else:
                    ladder.replaced[step.id] = ladder.add_advice()
                what = "who does" if actor.broken else "with whom to do"
                adjust(
                    "not-covered",
                    step,
                    changes,
                    f"The document does not cover {what} \u201c{step.action}\u201d "
                    f"({who_and_duty(step)}) in this case: ask {adviser} (the step marked as "
                    "general advice)",
                )
            else:
                adjust(
                    "left-out",
                    step,
                    changes,
                    f"Left out: {as_written(step)}: {ruled_out(changes, title)}; {NO_ONE_NAMED}",
                )
            continue

        action, duty = step.action, step.duty
        words_from = None
        takes_over = None
        reading = None
        actor_group = words(step.actor, actor.members)
        contact_groups = [words(g.group, g.members) for g in contacts if not g.empty]
        if substitute and handover is not None:
            actor_group = handover
            if opening is not None and not any_rung_kept():
                # this rung is now where the matter is first raised: it keeps the opening's words
                action, duty = opening.action, opening.duty
                words_from, takes_over = opening.source, opening.id
                instead = " or ".join(written for _, _, written, _ in pending if written)
                adjust(
                    "first-raised",
                    step,
                    rung_changes + actor.changes,
                    f"{handover.text(together=True)} raises it first with "
                    f"{'; '.join(g.text() for g in contact_groups)}"
                    + (f", instead of {instead}" if instead else ""),
                )
                pending.clear()
            else:
                # A later rung whose handler is ruled out: the document does not say who
                # escalates then. Never the one who raised it: whoever now holds the matter (the
                # last rung's contact), as routewise's reading, and the advice first.
                flush_pending()
                actor_group = holder(ladder) or handover
                reading = READING
                ladder.add_advice()
                adjust(
                    "stands-in",
                    step,
                    actor.changes,
                    f"The document names {joined([title(r.role) for r in actor.changes])} to do "
                    f"this{said_duty(step.duty)} and does not say who does when they are ruled "
                    f"out: routewise reads it as {actor_group.text(together=True)}, who now holds "
                    f"the matter; ask {adviser} (the step marked as general advice)",
                )
        elif alone:
            ladder.add_advice()
            adjust(
                "not-covered",
                step,
                changes,
                f"The document does not cover with whom {actor_group.text(together=True)} does "
                f"it in this case: ask {adviser} (the step marked as general advice)",
            )
            contacts = []  # said once above, not once for each contact left out
        else:
            if step.rung:
                flush_pending()
            ask = None
            if actor.short:  # those left act; whom to ask about the others comes first
                ladder.add_advice()
                ask = adviser
            for change in actor.changes:
                note_change(adjust, step, change, title, True, alternatives(actor), ask)
        for group in contacts:
            for change in group.changes:
                note_change(adjust, step, change, title, False, alternatives(group))
        ladder.items.append(
            Kept(
                step=step,
                actor=actor_group,
                contacts=contact_groups,
                action=action,
                duty=duty,
                words_from=words_from,
                takes_over=takes_over,
                actor_reading=reading,
            )
        )
        if waiting and any_rung_kept():
            ladder.replaced.update(dict.fromkeys(waiting, ladder.add_advice()))
            waiting.clear()

    has_rungs = first_rung_at is not None
    if has_rungs and not any_rung_kept():
        ladder.replaced.update(dict.fromkeys(waiting, ladder.add_advice(first_rung_at)))
        met = pending[0][0] if pending else len(ladder.adjustments)
        pending.clear()
        adjust(
            "not-covered",
            None,
            rung_changes,
            "Nobody on this route's escalation ladder can deal with it, so the document does not "
            f"cover this case: ask {adviser} (the step marked as general advice)",
        )
        ladder.adjustments.insert(met, ladder.adjustments.pop())  # where the first rung was met
    elif outcome.not_covered:
        flush_pending()
        at = next(
            (
                i
                for i, item in enumerate(ladder.items)
                if item is not None and item.step.id == outcome.advice_before
            ),
            None,
        )
        ladder.add_advice(at)
        adjust(
            "not-covered",
            None,
            [],
            f"{outcome.not_covered} The document does not cover this case",
        )
    flush_pending()
    ladder.conflicts.extend(f"{sentence_case(p)}." for p in because(every_change, title))
    return ladder
