"""The plan and route guidance for the terminal, with rich for colour only.

Lines are wrapped here, not by rich: labels line up, wrapped lines keep a
hanging indent, a paragraph sign stays with its number (only ASCII spaces break
a line), and nothing is padded, so piped or pasted text has no trailing spaces.
All text goes in as `rich.text.Text`, never as markup, so a name or a
description with square brackets or escape codes prints exactly as typed.
`plain` (--plain, ACCESSIBLE) drops colour, bold, box drawing and tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from routewise.calendar.regions import REGION_NAMES
from routewise.calendar.working_days import format_day
from routewise.model.citation import source_lines
from routewise.model.plan import Plan, PlanStep
from routewise.render.plan_view import (
    changed_lines,
    differences,
    done_text,
    is_advice_only,
    next_parts,
    timeline,
)
from routewise.render.wrapping import wrap

LABEL_WIDTH = len("If unresolved: ")
"""Step labels (Who, Duty, Contact, By, If unresolved, Source) line up in one column."""
STEP_INDENT = 3


class Out:
    """Wrapped, styled lines (in plain mode, no style at all), printed together on leaving
    the `with` block: one `console.print` instead of one a line (explain: 85 ms -> 10 ms)."""

    def __init__(self, console: Console, plain: bool = False) -> None:
        self.console = console
        self.plain = plain
        self.width = max(console.width, 20)
        self.lines: list[Text] = []

    def __enter__(self) -> Out:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.lines:
            return
        lines, self.lines = self.lines, []
        if self.console.color_system is None:
            # Piped, NO_COLOR-less dumb terminal or --plain: rich would emit the bare text, so
            # write it at once (a list of 2,000 routes: about a third of the command's time).
            # Flushed as rich flushes, so an error line on stderr cannot come before it.
            self.console.file.write("\n".join(line.plain for line in lines) + "\n")
            self.console.file.flush()
            return
        shown = Text("\n").join(lines)
        self.console.print(shown, soft_wrap=True, highlight=False, markup=False, emoji=False)

    def line(self, text: str | Text = "") -> None:
        if isinstance(text, Text):
            shown = Text(text.plain) if self.plain else text.copy()
        else:
            shown = Text(text)
        shown.rstrip()
        self.lines.append(shown)

    def para(
        self,
        text: str,
        style: str = "",
        indent: int = 0,
        label: str = "",
        label_style: str = "bold",
        label_width: int | None = None,
    ) -> None:
        """A paragraph with an optional label; wrapped lines hang under the text."""
        width = len(label) if label_width is None else max(label_width, len(label))
        first = " " * indent + label.ljust(width)
        rest = " " * (indent + width)
        for n, line in enumerate(wrap(text, self.width, first, rest)):
            shown = Text(line)
            start = len(first) if n == 0 else len(rest)
            if n == 0 and label:
                shown.stylize(label_style, indent, indent + len(label))
            if style:
                shown.stylize(style, start, len(line))
            self.line(shown)

    def heading(self, text: str, style: str = "bold") -> None:
        self.para(text, style)

    def bullet(self, text: str, label: str = "", style: str = "", indent: int = 2) -> None:
        """ "- Label: text", wrapped under the text."""
        body = f"{label}: {text}" if label else text
        first = " " * indent + "- "
        rest = " " * (indent + 2)
        for n, line in enumerate(wrap(body, self.width, first, rest)):
            shown = Text(line)
            if n == 0 and label:
                shown.stylize("bold", len(first), len(first) + len(label) + 1)
            if style:
                shown.stylize(style, len(first) if n == 0 else len(rest), len(line))
            self.line(shown)


def field_line(out: Out, label: str, value: str, style: str = "") -> None:
    out.para(value, style, STEP_INDENT, f"{label}:" if label else "", label_width=LABEL_WIDTH)


def render_step(
    out: Out,
    step: PlanStep,
    why: bool,
    plan: Plan | None = None,
    route_lines: Sequence[tuple[str, str]] = (),
) -> None:
    """One step; `route_lines` (label, text) say what the route as written says of it
    (`explain`: when it applies, who may stand in), under its heading."""
    head = f"{step.number}. {step.action}"
    if step.general_advice:
        head += " [general advice, not from the documents]"
    if step.may_follow:
        head += " [may follow]"
    heading(out, step, head)
    for label, text in route_lines:
        field_line(out, label, text, "italic")
    field_line(out, "Who", step.actor_text)
    if step.duty:
        field_line(out, "Duty", step.duty_text or "")
    for n, group in enumerate(step.contacts):
        field_line(out, "Contact" if n == 0 else "", group.text())
    for change in changed_lines(plan, step) if plan is not None else []:
        field_line(out, "Changed", change, "yellow")
    for mark in step.distinct:
        field_line(out, "Distinct", mark.text)
    if step.done is not None:
        field_line(out, "Done", done_text(step.done), "bold green")
    if step.may_follow:
        field_line(out, "May follow", step.may_follow, "italic")
    if step.deadline is not None and step.done is None:  # a done step is no longer due
        field_line(out, "By", step.deadline.text, "bold magenta")
        for assumption in step.deadline.assumptions:
            field_line(out, "Counting", assumption, "italic")
        working = step.deadline.working(lead="From")
        if why and working:
            field_line(out, "Counted", working)
        elif step.deadline.moved:
            field_line(out, "", step.deadline.moved, "italic")
    if step.if_unresolved is not None:
        field_line(out, "If unresolved", f"go to step {step.if_unresolved}")
    if step.note:
        field_line(out, "Note", step.note)
    source = step.source.cite if step.source else "none: general advice, not from the documents"
    field_line(out, "Source", source, "dim")
    out.line()


def heading(out: Out, step: PlanStep, head: str) -> None:
    """ "3. Action…", wrapped so the action hangs under its first word."""
    number = f"{step.number}. "
    for line in wrap(head[len(number) :], out.width, number, " " * len(number)):
        shown = Text(line, style="bold")
        if step.general_advice and "[general advice" in line:
            shown.stylize("yellow", line.index("[general advice"))
        out.line(shown)


def render_next(out: Out, plan: Plan) -> None:
    """The first thing on screen after the answers: what to do now, then every date."""
    parts = next_parts(plan)
    if parts:
        text = " ".join(f"{label}: {_stop(value)}" for label, value in parts[1:])
        body = _stop(parts[0][1]) + (f" {text}" if text else "")
        out.para(body, "", 0, "Next: ", "bold green")
    entries = timeline(plan)
    if entries:
        out.line(Text("Timeline", style="bold"))
        for entry in entries:
            # One paragraph, so a long "when" wraps at a space like the rest (as a prefix
            # longer than the line, it made textwrap split the next word).
            body = f"{entry.when} \u2014 step {entry.step}: {entry.action}"
            for n, line in enumerate(wrap(body, out.width, "  ", "    ")):
                shown = Text(line)
                if n == 0:
                    style = "green" if entry.done else "bold magenta" if entry.day else "magenta"
                    shown.stylize(style, 2, min(len(line), 2 + len(entry.when)))
                out.line(shown)
    out.line()


def _stop(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


def render_plan(
    plan: Plan, console: Console, why: bool = False, plain: bool = False, recap: bool = False
) -> None:
    """The plan; `recap` repeats Next and the timeline at the end, where a terminal stops."""
    with Out(console, plain) as out:
        if is_advice_only(plan):
            _render_advice(out, plan)
            return
        _render_body(out, plan, why)
        if recap and plan.steps:
            out.line()
            out.line(Text("In short", style="bold underline"))
            render_next(out, plan)


def _render_body(out: Out, plan: Plan, why: bool) -> None:
    out.para(f"Action plan: {plan.route_title}", "bold underline")
    render_next(out, plan)
    if plan.council:
        out.para(plan.council, "", 0, "Council: ")
    if plan.raised is not None:
        out.para(format_day(plan.raised), "", 0, f"{plan.raised_label}: ")
    if plan.made_on is not None:  # the day "this date has passed" is judged on
        out.para(format_day(plan.made_on), "", 0, "Plan made: ")
    if plan.outcome_title:
        out.para(plan.outcome_title, "", 0, "Outcome: ")
    out.para(REGION_NAMES.get(plan.region, plan.region), "", 0, "Working days: ")
    for warning in plan.warnings:
        out.para(warning, "yellow", 0, "Warning: ", "bold yellow")
    if plan.general_advice:
        out.para(
            "Part of this plan is general advice from routewise, not from the documents.", "yellow"
        )
    if plan.answers or plan.events:
        out.line()
        out.line(Text("Your answers", style="bold"))
        for answer in plan.answers:
            out.bullet(f"{answer.text} {answer.answer}")
        for event in plan.events:
            when = format_day(event.date) if event.date else "not yet known"
            out.bullet(f"When {event.text}: {when}")
    out.line()
    out.line(Text("Steps", style="bold"))
    for step in plan.steps:
        render_step(out, step, why, plan)
    if plan.adjustments:
        out.para("Why this plan differs from the route as written", "bold")
        for conflict in plan.conflicts:
            out.para(conflict, "", 2)
        for label, change in differences(plan):
            out.bullet(change, label=label)
        out.line()
    if plan.notes:
        out.line(Text("Notes", style="bold"))
        for note in plan.notes:
            cite = f" ({note.source.cite})" if note.source else ""
            out.bullet(f"{note.text}{cite}", label=note.heading)
        out.line()
    if plan.see_also:
        out.para("See also (routewise's pointer, not from the documents)", "bold")
        for see in plan.see_also:
            out.bullet(f"{see.text} (routewise triage --route {see.route})", label=see.title)
        out.line()
    if plan.sources:
        out.line(Text("Sources", style="bold"))
        for cited in source_lines(plan.sources):
            out.bullet(cited)


def _render_advice(out: Out, plan: Plan) -> None:
    """ "None of these": one short piece of advice, marked once as routewise's own."""
    out.para("None of the documented routes fits", "bold underline")
    if plan.council:
        out.para(plan.council, "", 0, "Council: ")
    out.para("General advice from routewise, not from the documents:", "bold yellow")
    for step in plan.steps:
        out.para(_stop(step.action), "", 2)
        for n, group in enumerate(step.contacts):
            out.para(group.text(), "", 2, "Contact: " if n == 0 else "", label_width=9)
