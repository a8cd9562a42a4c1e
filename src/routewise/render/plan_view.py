"""What a plan says first, worded once for every renderer: the next action and the timeline.

A reader should know what to do now without scrolling: "Next: who does what,
with whom, by when", then every deadline in date order, with the undated ones
saying why they have no date yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from routewise.calendar.working_days import format_day
from routewise.model.plan import (
    Plan,
    PlanAdjustment,
    PlanDeadline,
    PlanDone,
    PlanStep,
    contacts_text,
)
from routewise.model.route import Route


def next_step(plan: Plan) -> PlanStep | None:
    """The step to act on now: the first one still to do (steps are in the order the route
    takes; a step the date raised stands for is already done)."""
    return next((s for s in plan.steps if s.done is None), None)


def done_text(done: PlanDone) -> str:
    """A done step's date and how the plan knows: "Mon 2 Mar 2026 (the date received)", or
    "already (you answered “Yes” to “Has it been decided …?”)" where no date is known."""
    return f"{format_day(done.date) if done.date else 'already'} ({done.reason})"


def by_when(deadline: PlanDeadline | None) -> str:
    """The deadline in a few words, with its firmness: "by Wed 30 Dec 2026 (…)", "ideally by
    Tue 7 Apr 2026 (…)", "as soon as possible"."""
    if deadline is None:
        return "no time limit set by the document"
    if deadline.passed:  # "within 5 working days: by Wed 31 Dec 2025 (this date has passed)"
        return deadline.text
    if deadline.by_date is not None:
        return f"{deadline.by_date} ({deadline.wording})"
    if deadline.pending:
        return f"{deadline.wording}: {deadline.pending}"
    return deadline.wording


def next_parts(plan: Plan) -> list[tuple[str, str]] | None:
    """The Next line as labelled parts, so a renderer can style the labels."""
    step = next_step(plan)
    if step is None:
        return None
    parts = [("Next", f"{step.actor_text}: {step.action}")]
    if step.duty_text:  # "can" is not "shall": the duty goes wherever the step is named
        parts.append(("Duty", step.duty_text))
    if step.contacts:
        parts.append(("Contact", contacts_text(step.contacts)))
    when = by_when(step.deadline)
    if step.general_advice and step.deadline is None:
        when = "no time limit (general advice from routewise, not from the documents)"
    parts.append(("When", when))  # not "By": its value often starts "by" ("By: by Wed…")
    return parts


def next_line(plan: Plan) -> str | None:
    """ "Next: either party: report it. Duty: shall (the document's word). Contact: the Chief
    Executive. When: as soon as possible"."""
    parts = next_parts(plan)
    if parts is None:
        return None
    return " ".join(f"{label}: {_sentence(text)}" for label, text in parts)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


@dataclass(frozen=True, kw_only=True, slots=True)
class TimelineEntry:
    when: str
    """ "Wed 30 Dec 2026", "ideally by Tue 7 Apr 2026" (a date the document calls ideal),
    "Wed 25 Nov 2026 (this date has passed)", "no date set: as soon as possible", or "done
    Mon 21 Dec 2026"."""
    day: date | None
    step: int
    action: str
    wording: str
    done: bool = False


def timeline(plan: Plan) -> list[TimelineEntry]:
    """Every deadline, soonest first: what is already done (on its date), then "as soon as
    possible" and "without delay" (now), then dated ones in date order, then those waiting
    for a later event, in step order. A done step's own deadline is not shown: it is met."""
    done: list[TimelineEntry] = []
    dated: list[TimelineEntry] = []
    now: list[TimelineEntry] = []
    undated: list[TimelineEntry] = []
    for step in plan.steps:
        deadline = step.deadline
        if step.done is not None:
            day = step.done.date
            done.append(
                TimelineEntry(
                    when=f"done {format_day(day)}" if day else "done",
                    day=day,
                    step=step.number,
                    action=step.action,
                    wording=deadline.wording if deadline else "",
                    done=True,
                )
            )
            continue
        if deadline is None:
            continue
        if deadline.date is not None:
            firm = deadline.firmness == "firm"
            entry = TimelineEntry(
                when=deadline.day_text if firm else deadline.by_date or "",
                day=deadline.date,
                step=step.number,
                action=step.action,
                wording=deadline.wording,
            )
            dated.append(entry)
            continue
        why = f"once {deadline.counts_from_text}" if deadline.pending else deadline.wording
        (undated if deadline.pending else now).append(
            TimelineEntry(
                when=f"no date set: {why}",
                day=None,
                step=step.number,
                action=step.action,
                wording=deadline.wording,
            )
        )
    dated.sort(key=lambda e: (e.day or date.min, e.step))
    return done + now + dated + undated


def timeline_lines(plan: Plan) -> list[str]:
    """The timeline as plain lines, for text and markdown."""
    return [f"{e.when} \u2014 step {e.step}: {e.action}" for e in timeline(plan)]


def step_changes(plan: Plan, step: PlanStep) -> list[PlanAdjustment]:
    """What changed in this step from the route as written, and why: shown in the step, not
    only in "Why this plan differs" far below. The general-advice step carries the changes
    that put it there (a step or a whole case the document does not cover)."""
    if not step.general_advice:
        return [a for a in plan.adjustments if a.step == step.id]
    kept = {s.id for s in plan.steps}
    return [a for a in plan.adjustments if a.kind == "not-covered" and a.step not in kept]


def changed_lines(plan: Plan, step: PlanStep) -> list[str]:
    """The step's changes in words, each with its reason; changes with the same reason share
    one "Why" (two contacts left out for the same post read as one line, not two)."""
    grouped: dict[str, list[str]] = {}
    for change in step_changes(plan, step):
        grouped.setdefault(change.reason, []).append(change.change or change.text)
    return [
        " ".join(changes) + (f" Why: {reason}." if reason else "")
        for reason, changes in grouped.items()
    ]


def differences(plan: Plan) -> list[tuple[str, str]]:
    """ "Why this plan differs" as (label, change) pairs, each change once: "Step 2", or no
    label for a step the plan leaves out (its words are quoted in the change)."""
    shown: list[tuple[str, str]] = []
    for step in plan.steps:
        shown += [(f"Step {step.number}", a.change or a.text) for a in step_changes(plan, step)]
    said = {id(a) for step in plan.steps for a in step_changes(plan, step)}
    shown += [("", a.change or a.text) for a in plan.adjustments if id(a) not in said]
    return shown


def is_advice_only(plan: Plan) -> bool:
    """ "None of these": no route, one piece of general advice."""
    return plan.route is None


def when_text(route: Route, when: Mapping[str, list[str]], limit: int | None = None) -> str:
    """ "“Does the member belong to a political group?” is answered No": the answers a step or
    a stand-in needs, as the route's questions word them, every question of the `when` joined
    by "and" (all must match; the choices of one question are joined by "or").

    With a `limit` (a chart's box), the longest question texts are shortened, with an
    ellipsis inside their quotes, until the whole fits or none can be shortened further: no
    question and no answer is ever dropped, so a shortened condition still means the same."""
    asked: list[list[str]] = []  # [question text, the answers that meet it]
    for question_id, choice_ids in when.items():
        question = route.question(question_id)
        labels = [c.label for c in question.choices if c.id in choice_ids] if question else []
        asked.append(
            [question.text if question and question.text else question_id, " or ".join(labels)]
        )

    def said() -> str:
        return " and ".join(f"\u201c{text}\u201d is answered {answer}" for text, answer in asked)

    text = said()
    while limit is not None and len(text) > limit:
        longest = max(asked, key=lambda part: len(part[0]))
        shorter = shortened(
            longest[0], max(SHORTEST_QUESTION, len(longest[0]) - (len(text) - limit))
        )
        if len(shorter) >= len(longest[0]):
            break
        longest[0] = shorter
        text = said()
    return text


SHORTEST_QUESTION = 36
"""A question shortened to fit a chart keeps at least this many characters."""


def shortened(text: str, limit: int) -> str:
    """`text` cut at a space to at most `limit` characters, an ellipsis marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:?") + "\u2026"
