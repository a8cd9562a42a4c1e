"""`case show` as text: one case's steps with their status on a date, and its history.

The terminal view wraps like the plan (labels line up, wrapped lines hang) and fits 60
columns; an entry marked as entered in error is struck through and says so in words, so the
mark survives `--plain` and copy and paste. The JSON is the plan JSON that `triage` writes,
with a `status` on each step and a `case` object. Markdown adds the whole plan after the
case. Every piece of user text is data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.text import Text

from routewise.base.safe_text import markdown, one_line
from routewise.calendar.working_days import format_day
from routewise.model.plan import contacts_text
from routewise.model.plan_data import plan_data
from routewise.register.cases import Case
from routewise.register.history import Entry, entry_data
from routewise.register.planning import CasePlan, StepState
from routewise.register.status import CaseStatus, status_label
from routewise.register.views import STATUS_STYLES
from routewise.register.wording import (
    capital,
    entry_text,
    sentence,
    step_status_text,
    who_text,
)
from routewise.render.terminal import LABEL_WIDTH, Out

STEP_STYLES = {
    "done": "green",
    "overdue": "bold red",
    "due": "bold yellow",
    "upcoming": "",
    "waiting": "cyan",
    "no-date": "dim",
    "paused": "magenta",
}


ROUTE_CHANGED = (
    "The route's flow files have changed since this case was opened; the plan below uses "
    "the route as it is now. What changed for this case:"
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Shown:
    """Everything `case show` says about one case."""

    case: Case
    plan: CasePlan | None
    """None when the plan cannot be made (the route no longer accepts an answer)."""
    problem: str | None
    status: CaseStatus
    route_title: str
    events: Mapping[str, str]
    """The route's event ids and how it words them ("the outcome is reached")."""
    route_changes: list[str] | None
    """None when the route's flow files are as they were when the case was opened."""
    first_plan: Mapping[str, Any] | None


def render_terminal(shown: Shown, console: Console, plain: bool) -> None:
    case, state = shown.case, shown.case.state
    with Out(console, plain) as out:
        out.para(f"Case {case.reference}: {shown.route_title}", "bold underline")
        head = Text(status_label(shown.status), style=STATUS_STYLES[shown.status.status])
        out.line(head)
        as_of = format_day(shown.plan.as_of) if shown.plan else ""
        out.para(sentence(capital(shown.status.text)) + (f" (as of {as_of})" if as_of else ""))
        out.para(state.owner, "", 0, "Owner: ")
        out.para(format_day(state.raised), "", 0, "Raised: ")
        out.para(state.route, "", 0, "Route: ")
        if state.closed is not None:
            out.para(
                f"{format_day(state.closed.on)}: {one_line(state.closed.reason)}", "", 0, "Closed: "
            )
        if state.paused_since is not None:
            out.para(
                f"since {format_day(state.paused_since)}: the clock is stopped", "", 0, "Paused: "
            )
        if shown.problem:
            out.para(shown.problem, "bold red", 0, "Problem: ")
        if shown.route_changes is not None:
            out.line()
            out.para(ROUTE_CHANGED, "yellow")
            for change in shown.route_changes or ["no step or deadline of this case changed"]:
                out.bullet(change)
        if shown.plan is not None:
            for warning in shown.plan.plan.warnings:
                out.para(warning, "yellow", 0, "Warning: ", "bold yellow")
            out.line()
            out.line(Text("Steps", style="bold"))
            for step, where in zip(shown.plan.plan.steps, shown.plan.steps, strict=True):
                _step(out, step, where)
        out.line(Text("History", style="bold"))
        for entry in case.entries:
            _entry(out, entry, shown)
        out.line()
        out.para(f"The whole plan: routewise case show {case.reference} --format markdown", "dim")


def _field(out: Out, label: str, value: str, style: str = "") -> None:
    out.para(value, style, 3, f"{label}:" if label else "", label_width=LABEL_WIDTH)


def _step(out: Out, step: Any, where: StepState) -> None:
    due = format_day(step.deadline.date) if step.deadline and step.deadline.date else None
    for line in _wrap_head(out, f"{step.number}. ", step.action):
        out.line(Text(line, style="bold"))
    _field(out, "Status", step_status_text(where, due), STEP_STYLES[where.status])
    _field(out, "Who", step.actor_text)
    if step.contacts:
        _field(out, "Contact", contacts_text(step.contacts))
    if step.deadline is not None:
        _field(out, "By", step.deadline.text)
        if step.deadline.moved:
            _field(out, "", step.deadline.moved, "italic")
    if where.extension is not None and where.extension.reason:
        _field(out, "Agreed", one_line(where.extension.reason))
    if step.note:
        _field(out, "Note", step.note)
    source = step.source.cite if step.source else "none: general advice, not from the documents"
    _field(out, "Source", source, "dim")
    out.line()


def _wrap_head(out: Out, number: str, text: str) -> list[str]:
    from routewise.render.wrapping import wrap

    return wrap(text, out.width, number, " " * len(number))


def _entry(out: Out, entry: Entry, shown: Shown) -> None:
    correction = shown.case.state.corrected_by.get(entry.entry)
    text = entry_text(entry, shown.events)
    style = "strike" if correction is not None else ""
    if correction is not None:
        text = f"[entered in error] {text}"
    out.para(text, style, 2, f"{entry.entry}. ")
    when = entry.recorded_at.replace("T", " ").replace("+00:00", " UTC")
    who = f"by {who_text(entry)}, {when}"
    out.para(who, "dim", 2 + len(f"{entry.entry}. "))
    if correction is not None:
        why = one_line(correction.note or "")
        by = f"{who_text(correction)} (entry {correction.entry})"
        out.para(
            f"Marked entered in error by {by}: {why}",
            "italic",
            2 + len(f"{entry.entry}. "),
        )


def show_data(shown: Shown) -> dict[str, Any]:
    """The plan JSON with a `status` on each step, and the case."""
    case, state = shown.case, shown.case.state
    data: dict[str, Any] = {}
    if shown.plan is not None:
        data = plan_data(shown.plan.plan, as_json=True)
        for step, where in zip(data["steps"], shown.plan.steps, strict=True):
            step["status"] = where.status
    data["case"] = {
        "reference": case.reference,
        "route": state.route,
        "raised": state.raised.isoformat(),
        "owner": state.owner,
        "opened": case.row.get("opened"),
        "opened_by": state.opened_by,
        "version": case.version,
        "as_of": shown.plan.as_of.isoformat() if shown.plan else None,
        "status": shown.status.status,
        "status_text": f"{shown.status.word}: {shown.status.text}",
        "paused": state.paused_since.isoformat() if state.paused_since else None,
        "closed": None
        if state.closed is None
        else {
            "on": state.closed.on.isoformat(),
            "reason": state.closed.reason,
            "by": state.closed.by,
        },
        "problem": shown.problem,
        "route_changed": shown.route_changes is not None,
        "route_changes": shown.route_changes or [],
        "done": {
            where.id: {
                "on": where.done.on.isoformat() if where.done.on else None,
                "by": where.done.by,
                "entry": where.done.entry,
            }
            for where in (shown.plan.steps if shown.plan else [])
            if where.done is not None
        },
        "history": [entry_data(e, state.corrected_by) for e in case.entries],
        "first_plan": shown.first_plan,
    }
    return data


def render_json(shown: Shown) -> str:
    return json.dumps(show_data(shown), indent=2, ensure_ascii=False) + "\n"


def render_markdown(shown: Shown) -> str:
    from routewise.render.markdown import render as render_plan

    case, state = shown.case, shown.case.state
    lines = [f"# Case {markdown(case.reference)}: {markdown(shown.route_title)}", ""]
    lines += [
        f"- **Status:** {markdown(status_label(shown.status))}: {markdown(shown.status.text)}",
        f"- **Owner:** {markdown(state.owner)}",
        f"- **Raised:** {format_day(state.raised)}",
        f"- **Route:** {markdown(state.route)}",
    ]
    if shown.plan is not None:
        lines.append(f"- **As of:** {format_day(shown.plan.as_of)}")
    if shown.problem:
        lines.append(f"- **Problem:** {markdown(shown.problem)}")
    if shown.route_changes is not None:
        lines += [
            "",
            ROUTE_CHANGED,
            "",
        ]
        lines += [
            f"- {markdown(c)}"
            for c in shown.route_changes or ["no step or deadline of this case changed"]
        ]
    if shown.plan is not None:
        lines += ["", "## Where each step stands", ""]
        for step, where in zip(shown.plan.plan.steps, shown.plan.steps, strict=True):
            due = format_day(step.deadline.date) if step.deadline and step.deadline.date else None
            status = markdown(step_status_text(where, due))
            lines.append(f"{step.number}. {markdown(step.action)} \u2014 **{status}**")
    lines += ["", "## History", ""]
    for entry in case.entries:
        correction = state.corrected_by.get(entry.entry)
        text = markdown(entry_text(entry, shown.events))
        who = markdown(f"{who_text(entry)}, {entry.recorded_at}")
        if correction is not None:
            why = markdown(one_line(correction.note or ""))
            by = f"{markdown(who_text(correction))}, entry {correction.entry}"
            text = f"~~{text}~~ (entered in error: marked by {by}: {why})"
        lines.append(f"{entry.entry}. {text} \u2014 {who}")
    if shown.plan is not None:
        lines += ["", "---", "", render_plan(shown.plan.plan)]
    return "\n".join(lines).rstrip("\n") + "\n"
