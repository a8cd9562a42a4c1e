"""The plan and route guidance for the terminal, with rich for colour only.

Lines are wrapped here, not by rich: labels line up, wrapped lines keep a
hanging indent, a paragraph sign stays with its number (only ASCII spaces break
a line), and nothing is padded, so piped or pasted text has no trailing spaces.
All text goes in as `rich.text.Text`, never as markup, so a name or a
description with square brackets or escape codes prints exactly as typed.
`plain` (--plain, ACCESSIBLE) drops colour, bold, box drawing and tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.console import Console
from rich.text import Text

from routewise.calendar import REGION_NAMES, format_day
from routewise.models import NOTE_HEADINGS, Catalogue, Question, Route
from routewise.plan import Plan, PlanStep, source_lines
from routewise.plan_view import (
    changed_lines,
    differences,
    done_text,
    is_advice_only,
    next_parts,
    timeline,
)
from routewise.safe_text import visible
from routewise.wrapping import wrap

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
        if self.lines:
            shown = Text("\n").join(self.lines)
            self.lines = []
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


def _field(out: Out, label: str, value: str, style: str = "") -> None:
    out.para(value, style, STEP_INDENT, f"{label}:" if label else "", label_width=LABEL_WIDTH)


def render_step(out: Out, step: PlanStep, why: bool, plan: Plan | None = None) -> None:
    head = f"{step.number}. {step.action}"
    if step.general_advice:
        head += " [general advice, not from the documents]"
    if step.may_follow:
        head += " [may follow]"
    _head(out, step, head)
    _field(out, "Who", step.actor_text)
    if step.duty:
        _field(out, "Duty", step.duty_text or "")
    for n, group in enumerate(step.contacts):
        _field(out, "Contact" if n == 0 else "", group.text())
    for change in changed_lines(plan, step) if plan is not None else []:
        _field(out, "Changed", change, "yellow")
    if step.done is not None:
        _field(out, "Done", done_text(step.done), "bold green")
    if step.may_follow:
        _field(out, "May follow", step.may_follow, "italic")
    if step.deadline is not None:
        _field(out, "By", step.deadline.text, "bold magenta")
        for assumption in step.deadline.assumptions:
            _field(out, "Counting", assumption, "italic")
        working = step.deadline.working(lead="From")
        if why and working:
            _field(out, "Counted", working)
        elif step.deadline.moved:
            _field(out, "", step.deadline.moved, "italic")
    if step.if_unresolved is not None:
        _field(out, "If unresolved", f"go to step {step.if_unresolved}")
    if step.note:
        _field(out, "Note", step.note)
    source = step.source.cite if step.source else "none: general advice, not from the documents"
    _field(out, "Source", source, "dim")
    out.line()


def _head(out: Out, step: PlanStep, head: str) -> None:
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
        out.para(format_day(plan.raised), "", 0, "Date raised: ")
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
        for cited in source_lines(plan):
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


def render_routes(
    catalogue: Catalogue,
    console: Console,
    plain: bool = False,
    origins: dict[str, str] | None = None,
) -> None:
    """Every route: its id, then its title, summary and (with flow folders) where it came
    from, indented under it. No table, so nothing is ever cut off."""
    with Out(console, plain) as out:
        for route in catalogue.routes.values():
            out.line(Text(visible(route.id), style="bold"))
            out.para(route.title, "", 2)
            out.para(route.summary, "dim", 2)
            if origins is not None:
                out.para(origins.get(route.id, "built-in"), "", 2, "from: ")
            out.line()


def render_glossary(
    catalogue: Catalogue,
    console: Console,
    titles: dict[str, str] | None = None,
    plain: bool = False,
) -> None:
    """Who is who: each role the plans name, then the posts the wizard asks about."""
    from routewise.titles import retitle

    titles = titles or {}
    with Out(console, plain) as out:
        out.line(Text("Roles the plans name", style="bold"))
        for role in catalogue.roles.values():
            if role.description and not role.party:
                title = titles.get(role.id) or role.title
                out.bullet(retitle(role.description, catalogue, titles), label=_capital(title))
        out.line()
        for post_set in catalogue.post_sets.values():
            out.para(f"Posts: {post_set.question.format(party='a party')}", "bold")
            for post in post_set.posts:
                if post.help:
                    out.bullet(retitle(post.help, catalogue, titles), label=post.label)
            out.line()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_route(
    catalogue: Catalogue,
    route: Route,
    console: Console,
    plans: list[Plan],
    plain: bool = False,
    footer: str | None = None,
    titles: Mapping[str, str] | None = None,
) -> None:
    """Guidance on one route: the questions as an indented outline, then each outcome's plan.

    `titles` are the council's own role titles, as the plans use them."""
    from routewise.titles import role_title

    with Out(console, plain) as out:
        out.para(route.title, "bold underline")
        out.para(route.summary)
        parties = ", ".join(role_title(catalogue, route, p, titles or {}) for p in route.parties)
        out.para(parties, "", 0, "Parties: ")
        doc = catalogue.document(route.source.document)
        out.para(f"{doc.title}, \u201c{route.source.section}\u201d", "", 0, "Source: ")
        out.line()
        out.line(Text("Questions and branches", style="bold"))
        for depth, text, style in _outline(route):
            if text.startswith("? "):  # a question's wrapped lines hang under its words
                out.para(text[2:], style, 2 + 2 * depth, "? ", style or "bold")
            else:
                out.para(text, style, 2 + 2 * depth)
        out.line()
        if any(q.post for q in route.questions):
            out.para(
                "Where a party holds a post that a step names (a Head of Service, a Group "
                "Leader or the Chair, say), the plan leaves that post out and says what happens "
                "instead; routewise triage shows the exact plan for each answer.",
                "italic",
            )
            out.line()
        for plan in plans:
            out.para(f"Outcome: {plan.outcome_title}", "bold reverse")
            out.line()
            outcome = route.outcome(plan.outcome or "")
            shown = {s.id for s in plan.steps}
            for conditional in outcome.steps if outcome else []:
                if (
                    conditional.when and conditional.id not in shown
                ):  # skipped by the example answers
                    out.para(_when(route, conditional.when), "", 0, "Only when ", "bold")
                    out.para(conditional.action, "", STEP_INDENT)
                    out.line()
            for step in plan.steps:
                render_step(out, step, why=True, plan=plan)
            for label, change in differences(plan):
                if not label:  # a step the example plan leaves out: not shown above
                    out.para(change, "yellow", 2, "! ")
            if any(not label for label, _ in differences(plan)):
                out.line()
        if route.notes or any(o.notes for o in route.outcomes):
            out.line(Text("Notes", style="bold"))
            for note in route.notes:
                out.bullet(note.text, label=NOTE_HEADINGS[note.kind])
            for outcome in route.outcomes:
                for note in outcome.notes:
                    out.bullet(note.text, label=f"{NOTE_HEADINGS[note.kind]} ({outcome.title})")
        if route.see_also:
            out.line()
            out.para("Related routes (routewise's pointer, not from the documents)", "bold")
            for see in route.see_also:
                title = (
                    catalogue.routes[see.route].title
                    if see.route in catalogue.routes
                    else see.route
                )
                out.bullet(f"{see.text} ({see.route})", label=title)
        named = _roles_named(route)
        described = [catalogue.roles[r] for r in named if catalogue.roles[r].description]
        if described:
            out.line()
            out.para("Who is who (routewise's descriptions; routewise glossary has all)", "bold")
            for role in described:
                title = role_title(catalogue, route, role.id, titles or {})
                out.bullet(role.description or "", label=_capital(title))
        if footer:
            out.para(footer, "dim")


def _roles_named(route: Route) -> list[str]:
    """Every role a step of the route names, in the order they first appear."""
    found: dict[str, None] = {}
    for outcome in route.outcomes:
        for step in outcome.steps:
            for group in [step.actor, *step.contacts]:
                found.update(dict.fromkeys(group.role_ids()))
    return list(found)


def _outline(route: Route) -> Iterable[tuple[int, str, str]]:
    """The decision tree as (depth, text, style) lines, each question's branches drawn once.

    Walked with an explicit stack (routes may be deep). Where every answer leads on to
    the same node, that node follows at the same depth; a question reached again from
    another branch points back to where it is drawn, so the outline stays linear in the
    size of the route even when branches converge.
    """
    Item = tuple[int, str, str]  # depth, node id or text, style ("" = a node to expand)
    stack: list[Item] = [(0, route.start, "")]
    drawn: set[str] = set()
    while stack:
        depth, value, style = stack.pop()
        if style:
            yield depth, value, style.removeprefix("choice")
            continue
        outcome = route.outcome(value)
        if outcome is not None:
            yield depth, f"-> outcome: {outcome.title} [{outcome.id}]", "green"
            continue
        question = route.question(value)
        if question is None:
            continue
        if question.id in drawn:
            yield depth, f"{_question_label(question)} (its branches are shown above)", "dim"
            continue
        drawn.add(question.id)
        yield depth, _question_label(question), "bold"
        pending: list[Item] = []
        targets = question.successors()
        for choice in question.choices:
            pending.append((depth + 1, f"{choice.label}  [{choice.id}]", "choice"))
            if len(targets) > 1 and choice.next:
                pending.append((depth + 2, choice.next, ""))
        if len(targets) == 1:
            pending.append((depth, targets[0], ""))  # one way on: next, at the same depth
        stack.extend(reversed(pending))


def _when(route: Route, when: dict[str, list[str]]) -> str:
    parts = []
    for question_id, choice_ids in when.items():
        question = route.question(question_id)
        labels = [c.label for c in question.choices if c.id in choice_ids] if question else []
        text = question.text if question else question_id
        parts.append(f"\u201c{text}\u201d is answered {' or '.join(labels)}:")
    return " and ".join(parts)


def _question_label(question: Question) -> str:
    kind = {
        "choice": "choose one",
        "multi-choice": "choose any",
        "yes-no": "yes or no",
        "date": "a date",
        "text": "free text",
    }
    tag = f"[{question.id}: {kind[question.type]}]".replace(" ", "\u00a0")  # never split
    return f"? {question.text or question.id}  {tag}"
