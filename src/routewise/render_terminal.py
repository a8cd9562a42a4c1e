"""The plan and route guidance for the terminal, with rich.

All text goes in as `rich.text.Text`, never as markup strings, so a name or a
description with square brackets or escape codes prints exactly as typed.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from routewise.calendar import REGION_NAMES, format_day
from routewise.models import NOTE_HEADINGS, Catalogue, Question, Route
from routewise.plan import Plan, PlanGroup, PlanStep, source_lines
from routewise.safe_text import visible


def _t(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def _field(label: str, value: str | Text) -> Text:
    body = value if isinstance(value, Text) else _t(value)
    return Text.assemble((f"{label}: ", "bold"), body)


def _people(group: PlanGroup, together: bool = False) -> Text:
    return _t(group.text(together=together))


def _contacts(step: PlanStep) -> Text:
    """One group per line; each says if it is "one of" or conditional."""
    return Text("\n").join(_people(g) for g in step.contacts)


def _step(step: PlanStep, why: bool) -> RenderableType:
    head = Text.assemble((f"{step.number}. ", "bold"), _t(step.action, "bold"))
    if step.general_advice:
        head.append("  [general advice, not from the documents]", style="yellow")
    rows: list[RenderableType] = [_field("Who", _people(step.actor, together=True))]
    if step.duty:
        rows.append(_field("Duty", f"{step.duty} (the document's word)"))
    if step.contacts:
        rows.append(_field("Contact", _contacts(step)))
    if step.deadline is not None:
        rows.append(_field("Deadline", _t(step.deadline.text, "bold magenta")))
        for assumption in step.deadline.assumptions:
            rows.append(_t(assumption, "italic"))
        working = step.deadline.working()
        if why and working:
            rows.append(_field("Why this date", working))
        elif step.deadline.moved:
            rows.append(_t(step.deadline.moved, "italic"))
    if step.if_unresolved is not None:
        rows.append(_field("If this does not resolve it", f"go to step {step.if_unresolved}"))
    if step.note:
        rows.append(_field("Note", step.note))
    source = step.source.cite if step.source else "none: general advice, not from the documents"
    rows.append(_t(f"Source: {source}", "dim"))
    return Group(head, Padding(Group(*rows), (0, 0, 1, 3)))


def render_plan(plan: Plan, console: Console, why: bool = False) -> None:
    console.print(_t(f"Action plan: {plan.route_title}", "bold underline"))
    if plan.council:
        console.print(_field("Council", plan.council))
    if plan.raised is not None:
        console.print(_field("Date raised", format_day(plan.raised)))
    if plan.outcome_title:
        console.print(_field("Outcome", plan.outcome_title))
    if plan.route is not None:
        console.print(_field("Working days", REGION_NAMES.get(plan.region, plan.region)))
    for warning in plan.warnings:
        console.print(Text.assemble(("Warning: ", "bold yellow"), _t(warning, "yellow")))
    if plan.general_advice and plan.route is not None:
        console.print(
            _t(
                "Part of this plan is general advice from routewise, not from the documents.",
                "yellow",
            )
        )
    if plan.answers:
        console.print()
        for answer in plan.answers:
            console.print(Text.assemble(_t(answer.text, "dim"), " ", _t(answer.answer)))
    for event in plan.events:
        when = format_day(event.date) if event.date else "not yet known"
        console.print(Text.assemble(_t(f"When {event.text}:", "dim"), " ", _t(when)))
    console.print()
    for step in plan.steps:
        console.print(_step(step, why))
    if plan.adjustments:
        console.print(_t("Why this plan differs from the route as written", "bold"))
        for adjustment in plan.adjustments:
            console.print(Text("  - ").append_text(_t(adjustment.text)))
        console.print()
    if plan.notes:
        console.print(_t("Notes", "bold"))
        for note in plan.notes:
            line = Text.assemble("  - ", (f"{note.heading}: ", "bold"), _t(note.text))
            if note.source:
                line.append_text(_t(f" ({note.source.cite})", "dim"))
            console.print(line)
        console.print()
    if plan.see_also:
        console.print(_t("See also (routewise's pointer, not from the documents)", "bold"))
        for see in plan.see_also:
            console.print(Text("  - ").append_text(_t(f"{see.title} ({see.route}): {see.text}")))
        console.print()
    if plan.sources:
        console.print(_t("Sources", "bold"))
        for cited in source_lines(plan):
            console.print(Text("  - ").append_text(_t(cited)))


def render_routes(catalogue: Catalogue, console: Console) -> None:
    table = Table(show_lines=False)
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("title")
    table.add_column("summary")
    for route in catalogue.routes.values():
        table.add_row(_t(route.id), _t(route.title), _t(route.summary))
    console.print(table)


def render_route(catalogue: Catalogue, route: Route, console: Console, plans: list[Plan]) -> None:
    """Guidance on one route: the questions as a tree, then each outcome's plan."""
    console.print(_t(route.title, "bold underline"))
    console.print(_t(route.summary))
    parties = ", ".join(catalogue.roles[p].title for p in route.parties)
    console.print(_field("Parties", parties))
    doc = catalogue.document(route.source.document)
    console.print(_field("Source", f"{doc.title}, \u201c{route.source.section}\u201d"))
    console.print()

    tree = Tree(_t("Questions and branches", "bold"))
    _branch(route, route.start, tree, set())
    console.print(tree)
    console.print()
    if any(q.post for q in route.questions):
        console.print(
            _t(
                "Where a party holds a post on the ladder (for example the officer is a Head of "
                "Service), the plan leaves that post out and moves to the next rung; "
                "`routewise triage` shows the exact plan for each answer.",
                "italic",
            )
        )
        console.print()
    for plan in plans:
        console.print(_t(f"Outcome: {plan.outcome_title}", "bold reverse"))
        console.print()
        outcome = route.outcome(plan.outcome or "")
        shown = {s.id for s in plan.steps}
        for conditional in outcome.steps if outcome else []:
            if conditional.when and conditional.id not in shown:  # skipped by the example answers
                when = _when(route, conditional.when)
                console.print(Text.assemble(("Only when ", "bold"), _t(when)))
                console.print(Padding(_t(conditional.action), (0, 0, 1, 3)))
        for step in plan.steps:
            console.print(_step(step, why=True))
        if plan.adjustments:
            for adjustment in plan.adjustments:
                console.print(Text("  ! ").append_text(_t(adjustment.text, "yellow")))
            console.print()
    if route.notes or any(o.notes for o in route.outcomes):
        console.print(_t("Notes", "bold"))
        for note in route.notes:
            heading = NOTE_HEADINGS[note.kind]
            console.print(Text.assemble("  - ", (f"{heading}: ", "bold"), _t(note.text)))
        for outcome in route.outcomes:
            for note in outcome.notes:
                heading = f"{NOTE_HEADINGS[note.kind]} ({outcome.title})"
                console.print(Text.assemble("  - ", (f"{heading}: ", "bold"), _t(note.text)))
    if route.see_also:
        console.print()
        console.print(_t("Related routes (routewise's pointer, not from the documents)", "bold"))
        for see in route.see_also:
            title = (
                catalogue.routes[see.route].title if see.route in catalogue.routes else see.route
            )
            console.print(Text("  - ").append_text(_t(f"{title} ({see.route}): {see.text}")))


def _branch(route: Route, node_id: str, tree: Tree, seen: set[str]) -> None:
    """The questions from `node_id` as a tree, each question's branches drawn once.

    Walked with an explicit stack in file order. Where every answer leads on to the
    same node, that node is drawn next at the same level rather than inside each
    answer; a question reached again from another branch points back to where it is
    drawn. So the tree stays linear in size, and shallow for long chains.
    """
    stack = [(node_id, tree)]
    while stack:
        current, parent = stack.pop()
        outcome = route.outcome(current)
        if outcome is not None:
            parent.add(
                Text.assemble(("-> outcome: ", "green"), _t(outcome.title), f" [{outcome.id}]")
            )
            continue
        question = route.question(current)
        if question is None:
            continue
        label = _question_label(question)
        if question.id in seen:
            parent.add(label.append("  (its branches are shown above)", style="dim"))
            continue
        seen.add(question.id)
        branch = parent.add(label)
        subs = [
            (c.next, branch.add(Text.assemble(_t(c.label), (f"  [{c.id}]", "dim"))))
            for c in question.choices
        ]
        targets = question.successors()
        if len(targets) == 1:
            stack.append((targets[0], parent))  # one way on: drawn next, at the same level
        else:
            stack.extend((nxt, sub) for nxt, sub in reversed(subs) if nxt)


def _when(route: Route, when: dict[str, list[str]]) -> str:
    parts = []
    for question_id, choice_ids in when.items():
        question = route.question(question_id)
        labels = [c.label for c in question.choices if c.id in choice_ids] if question else []
        text = question.text if question else question_id
        parts.append(f"\u201c{text}\u201d is answered {' or '.join(labels)}:")
    return " and ".join(parts)


def _question_label(question: Question) -> Text:
    kind = {
        "choice": "choose one",
        "multi-choice": "choose any",
        "yes-no": "yes or no",
        "date": "a date",
        "text": "free text",
    }
    label = Text.assemble(("? ", "bold cyan"), _t(question.text or question.id, "bold"))
    label.append(f"  [{question.id}: {kind[question.type]}]", style="dim")
    return label
