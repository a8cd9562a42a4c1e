"""The plan as GitHub-flavoured markdown, to paste into a case file or an email.

Every piece of text is escaped: answers typed by a user, and flow text too,
so nothing is ever read as markdown, HTML or a link.
"""

from __future__ import annotations

from routewise.base.safe_text import markdown as md
from routewise.calendar.regions import REGION_NAMES
from routewise.calendar.working_days import format_day
from routewise.model.citation import source_lines
from routewise.model.plan import Plan, PlanStep
from routewise.render import diagram as render_diagram
from routewise.render.plan_view import (
    changed_lines,
    differences,
    done_text,
    is_advice_only,
    next_parts,
    timeline,
)


def _contacts(step: PlanStep) -> list[str]:
    if len(step.contacts) == 1:
        return [f"   - Contact: {md(step.contacts[0].text())}"]
    return ["   - Contacts:"] + [f"     - {md(g.text())}" for g in step.contacts]


def _next(plan: Plan) -> list[str]:
    """The Next line and the timeline: what to do now, before any detail."""
    lines: list[str] = []
    parts = next_parts(plan)
    if parts:
        body = " ".join(
            (f"**{label}:** " if n else "") + md(_stop(value))
            for n, (label, value) in enumerate(parts)
        )
        lines += [f"**Next:** {body}", ""]
    entries = timeline(plan)
    if entries:
        lines += ["## Timeline", ""]
        lines += [f"- **{md(e.when)}** \u2014 step {e.step}: {md(e.action)}" for e in entries]
        lines.append("")
    return lines


def _stop(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _advice(plan: Plan) -> str:
    """ "None of these": one short piece of advice, marked once, with no route headings."""
    lines = ["# None of the documented routes fits", ""]
    if plan.council:
        lines += [f"- **Council:** {md(plan.council)}", ""]
    lines += ["> **General advice from routewise, not from the documents.**", ">"]
    for step in plan.steps:
        lines.append(f"> {md(_stop(step.action))}")
        for group in step.contacts:
            lines += [">", f"> Contact: {md(group.text())}"]
    return "\n".join([*lines, ""])


def render(plan: Plan) -> str:
    """The whole plan; sections are appended in order, so another can be added at the end."""
    if is_advice_only(plan):
        return _advice(plan)
    lines = [f"# Action plan: {md(plan.route_title)}", "", *_next(plan)]
    if plan.council:
        lines.append(f"- **Council:** {md(plan.council)}")
    if plan.raised is not None:
        lines.append(f"- **{md(plan.raised_label)}:** {format_day(plan.raised)}")
    if plan.made_on is not None:  # the day "this date has passed" is judged on
        lines.append(f"- **Plan made:** {format_day(plan.made_on)}")
    if plan.route:
        lines.append(f"- **Route:** {md(plan.route)}")
    if plan.outcome_title:
        lines.append(f"- **Outcome:** {md(plan.outcome_title)}")
    if plan.route is not None:
        skipped = (
            "weekends, bank holidays and council closure days are skipped"
            if plan.closures_applied
            else "weekends and bank holidays are skipped; council closure days are not"
        )
        calendar = f"{REGION_NAMES.get(plan.region, plan.region)}: {skipped}"
        lines.append(f"- **Working days:** {md(calendar)}")
    for warning in plan.warnings:
        lines.append(f"- **Warning:** {md(warning)}")
    if plan.general_advice:  # part of a route's plan: the documents do not cover one step
        lines.append(
            "- **Caution:** this plan includes general advice from routewise, "
            "not from the source documents."
        )
    for event in plan.events:
        when = format_day(event.date) if event.date else "not yet known"
        lines.append(f"- **When {md(event.text)}:** {when}")
    lines.append("")

    if plan.answers:
        lines += ["## Answers given", "", "| Question | Answer |", "| --- | --- |"]
        lines += [f"| {md(a.text)} | {md(a.answer)} |" for a in plan.answers]
        lines.append("")

    lines += ["## Steps", ""]
    footnotes: list[str] = []
    for step in plan.steps:
        lines.append(
            f"{step.number}. **{md(step.action)}**" + (" (may follow)" if step.may_follow else "")
        )
        lines.append(f"   - Who: {md(step.actor_text)}")
        if step.duty:
            lines.append(f"   - Duty: {md(step.duty_text or '')}")
        if step.contacts:
            lines += _contacts(step)
        for change in changed_lines(plan, step):
            lines.append(f"   - Changed: {md(change)}")
        for mark in step.distinct:
            lines.append(f"   - Distinct: {md(mark.text)}")
        if step.done is not None:
            lines.append(f"   - Done: {md(done_text(step.done))}")
        if step.may_follow:
            lines.append(f"   - May follow: {md(step.may_follow)}")
        if step.deadline is not None and step.done is None:  # a done step is no longer due
            deadline = md(step.deadline.text)
            working = step.deadline.working()
            if working:
                footnotes.append(f"[^{step.number}]: {md(working)}")
                deadline += f"[^{step.number}]"
            lines.append(f"   - By: {deadline}")
            for assumption in step.deadline.assumptions:
                lines.append(f"   - Counting: {md(assumption)}")
        if step.if_unresolved is not None:
            lines.append(f"   - If unresolved: go to step {step.if_unresolved}")
        if step.note:
            lines.append(f"   - Note: {md(step.note)}")
        source = md(step.source.cite) if step.source else "general advice, not from the documents"
        lines.append(f"   - Source: {source}")
    lines.append("")

    if plan.adjustments:
        lines += ["## Why this plan differs from the route as written", ""]
        if plan.conflicts:
            lines += [" ".join(md(c) for c in plan.conflicts), ""]
        lines += [
            f"- **{label}:** {md(change)}" if label else f"- {md(change)}"
            for label, change in differences(plan)
        ]
        lines.append("")
    if plan.notes:
        lines += ["## Notes", ""]
        for note in plan.notes:
            cite = f" ({md(note.source.cite)})" if note.source else ""
            lines.append(f"- **{md(note.heading)}:** {md(note.text)}{cite}")
        lines.append("")
    if plan.see_also:
        lines += ["## See also (routewise's pointer, not from the documents)", ""]
        lines += [f"- {md(s.title)}: {md(s.text)}" for s in plan.see_also]
        lines.append("")
    if plan.sources:
        lines += ["## Sources", ""]
        lines += [f"- {md(line)}" for line in source_lines(plan.sources)]
        lines.append("")
    if footnotes:
        lines += [*footnotes, ""]
    return "\n".join(lines) + render_diagram.plan_chart_markdown(plan.diagram)
