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
from routewise.loader import Catalogue
from routewise.models import Question, Route
from routewise.plan import Plan, PlanContact, PlanStep
from routewise.safe_text import visible


def _t(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def _field(label: str, value: str | Text) -> Text:
    body = value if isinstance(value, Text) else _t(value)
    return Text.assemble((f"{label}: ", "bold"), body)


def _contact(contact: PlanContact) -> Text:
    text = _t(contact.title)
    if contact.details:
        text.append(" (")
        text.append(visible(", ".join(contact.details)), style="cyan")
        text.append(")")
    return text


def _contacts(step: PlanStep) -> Text:
    word = " or " if step.contacts_mode == "any" else " and "
    return Text(word).join(_contact(c) for c in step.contacts)


def _actors(step: PlanStep) -> Text:
    return Text(" or ").join(_contact(c) for c in step.actors)


def _step(step: PlanStep, why: bool) -> RenderableType:
    head = Text.assemble((f"{step.number}. ", "bold"), _t(step.action, "bold"))
    if step.general_advice:
        head.append("  [general advice, not from the documents]", style="yellow")
    rows: list[RenderableType] = [_field("Who", _actors(step))]
    if step.contacts:
        rows.append(_field("Contact", _contacts(step)))
    if step.deadline is not None:
        rows.append(_field("Deadline", _t(step.deadline.text, "bold magenta")))
        if step.deadline.assumption:
            rows.append(_t(step.deadline.assumption, "italic"))
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
    console.print(_field("Date raised", format_day(plan.raised)))
    if plan.outcome_title:
        console.print(_field("Outcome", plan.outcome_title))
    console.print(_field("Working days", REGION_NAMES.get(plan.region, plan.region)))
    for warning in plan.warnings:
        console.print(Text.assemble(("Warning: ", "bold yellow"), _t(warning, "yellow")))
    if plan.general_advice:
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
    console.print()
    for step in plan.steps:
        console.print(_step(step, why))
    if plan.adjustments:
        console.print(_t("Why this plan differs from the route as written", "bold"))
        for adjustment in plan.adjustments:
            console.print(Text("  - ").append_text(_t(adjustment)))
        console.print()
    if plan.notes:
        console.print(_t("Notes", "bold"))
        for note in plan.notes:
            line = Text.assemble("  - ", (f"{note.kind}: ", "bold"), _t(note.text))
            if note.source:
                line.append_text(_t(f" ({note.source.cite})", "dim"))
            console.print(line)
        console.print()
    if plan.sources:
        console.print(_t("Sources", "bold"))
        for source in plan.sources:
            console.print(Text("  - ").append_text(_t(f"{source.title}: {source.cite}")))


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
    doc = next(d for d in catalogue.triage.documents if d.id == route.source.document)
    console.print(_field("Source", f"{doc.title} ({doc.file}), \u201c{route.source.section}\u201d"))
    console.print()

    tree = Tree(_t("Questions and branches", "bold"))
    _branch(route, route.start, tree, set())
    console.print(tree)
    console.print()
    if any(q.party for q in route.questions):
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
                console.print(Text("  ! ").append_text(_t(adjustment, "yellow")))
            console.print()
    if route.notes or any(o.notes for o in route.outcomes):
        console.print(_t("Notes", "bold"))
        for note in route.notes:
            console.print(Text.assemble("  - ", (f"{note.kind}: ", "bold"), _t(note.text)))
        for outcome in route.outcomes:
            for note in outcome.notes:
                console.print(
                    Text.assemble("  - ", (f"{note.kind} ({outcome.id}): ", "bold"), _t(note.text))
                )


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
        targets = {nxt for nxt, _ in subs} if subs else {question.next}
        if len(targets) == 1 and (only := targets.pop()):
            stack.append((only, parent))  # one way on: drawn next, at the same level
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
    kind = {"choice": "choose one", "yes-no": "yes or no", "date": "a date", "text": "free text"}
    label = Text.assemble(("? ", "bold cyan"), _t(question.text, "bold"))
    label.append(f"  [{question.id}: {kind[question.type]}]", style="dim")
    return label
