"""Route guidance for the terminal: the list of routes, the glossary, and `explain`'s
questions, branches and steps, laid out as the plan is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.console import Console
from rich.text import Text

from routewise.base.safe_text import visible
from routewise.model.catalogue import Catalogue
from routewise.model.documents import NOTE_HEADINGS
from routewise.model.plan import Plan
from routewise.model.route import Question, Route
from routewise.render.plan_view import differences
from routewise.render.terminal import STEP_INDENT, Out, render_step


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
    from routewise.model.titles import retitle

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
    from routewise.model.titles import role_title

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
