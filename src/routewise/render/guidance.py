"""Route guidance for the terminal: the list of routes, the glossary, and `explain`'s
questions, branches and steps, laid out as the plan is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.console import Console
from rich.text import Text

from routewise.base.safe_text import visible
from routewise.model.catalogue import Catalogue
from routewise.model.citation import cite
from routewise.model.documents import NOTE_HEADINGS
from routewise.model.plan import Plan
from routewise.model.route import Question, Route, Step
from routewise.render.plan_view import differences, when_text
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
    """Who is who: every role, built-in and a flow folder's alike, by the id flow files use,
    then the posts the wizard asks about, by id too."""
    from routewise.model.titles import retitle

    titles = titles or {}
    with Out(console, plain) as out:
        out.line(
            Text("Roles: the id flow files use, the title plans show, and who they are", "bold")
        )
        for role in catalogue.roles.values():
            out.bullet(glossary_text(catalogue, role.id, titles), label=role.id)
        out.line()
        for post_set in catalogue.post_sets.values():
            question = post_set.question.format(party="a party")
            out.para(f"Posts ({post_set.id}): {question}", "bold")
            for post in post_set.posts:
                said = (
                    f"{post.label}: {retitle(post.help, catalogue, titles)}"
                    if post.help
                    else post.label
                )
                out.bullet(said, label=post.id)
            out.line()


def glossary_text(catalogue: Catalogue, role_id: str, titles: Mapping[str, str]) -> str:
    """A role as the glossary says it: its title (the council's where set), who it is, who
    stands in for it and whom it must differ from."""
    from routewise.model.titles import retitle

    role = catalogue.roles[role_id]

    def title(other: str) -> str:
        return titles.get(other) or (
            catalogue.roles[other].title if other in catalogue.roles else other
        )

    parts = [title(role.id)]
    if role.description:
        parts.append(retitle(role.description, catalogue, titles))
    elif role.party:
        parts.append("A party: one of those the matter is between.")
    if role.stand_in:
        parts.append(f"Stand-in when they cannot act: {title(role.stand_in)}.")
    differs = [r.id for r in catalogue.roles.values() if role.id in r.distinct_from]
    differs = list(dict.fromkeys([*role.distinct_from, *differs]))
    if differs:
        parts.append(f"Must be a different person from {' and '.join(title(d) for d in differs)}.")
    return " \u2014 ".join([parts[0], " ".join(parts[1:])]) if len(parts) > 1 else parts[0]


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
        source = cite(doc.title, route.source.section, doc.section_style, route.source.paragraph)
        out.para(source, "", 0, "Source: ")
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
                "Leader or the Chair, say), that post cannot deal with the matter: the plan "
                "names who stands in where a document says, or leaves the post out, and says "
                "what happens instead; routewise triage shows the exact plan for each answer.",
                "italic",
            )
            out.line()
        for plan in plans:
            out.para(f"Outcome: {plan.outcome_title}", "bold reverse")
            out.line()
            outcome = route.outcome(plan.outcome or "")
            if plan.answers:  # every answer the example used: the plan follows from them all
                out.para("An example plan, for these answers:", "italic")
                for answer in plan.answers:
                    out.bullet(f"{answer.text} {answer.answer}", style="italic")
                others = _other_stand_ins(route, plan)
                if others:
                    out.para(
                        f"Other answers bring in a stand-in, as “Stand-in” says under {others}.",
                        "italic",
                    )
                out.line()
            written = outcome.steps if outcome else []
            lines = {s.id: _route_lines(catalogue, route, s, titles or {}) for s in written}
            order = {s.id: n for n, s in enumerate(written)}
            shown = {s.id for s in plan.steps}
            # The route's steps in order: a step these answers leave out by its `when` is
            # shown where it stands, with the answers it needs.
            pending = [s for s in written if s.when and s.id not in shown]
            for step in plan.steps:
                at = order.get(step.id)
                while pending and at is not None and order[pending[0].id] < at:
                    _only_when(out, route, pending.pop(0))
                render_step(out, step, why=True, plan=plan, route_lines=lines.get(step.id, []))
            for skipped in pending:
                _only_when(out, route, skipped)
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


def _other_stand_ins(route: Route, plan: Plan) -> str:
    """The steps of an example plan where a stand-in the example's answers do not bring in
    would act with other answers ("step 1", "steps 1 and 3"), or "" where there is none."""
    from routewise.model.policy import when_met

    given = {
        a.question: tuple(a.choice) if isinstance(a.choice, list) else a.choice
        for a in plan.answers
    }
    written = {s.id: s for o in route.outcomes for s in o.steps}
    numbers: list[int] = []
    for step in plan.steps:
        source = written.get(step.id)
        if source is None:
            continue
        named = {r for group in (source.actor, *source.contacts) for r in group.role_ids()}
        if any(
            entry.when
            and entry.role in named
            and (not entry.steps or step.id in entry.steps)
            and not when_met(entry.when, given)
            for entry in route.stand_ins
        ):
            numbers.append(step.number)
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"step {numbers[0]}"
    return f"steps {', '.join(str(n) for n in numbers[:-1])} and {numbers[-1]}"


def _only_when(out: Out, route: Route, step: Step) -> None:
    """A step the example answers leave out, where it stands, with the answers it needs."""
    out.para(f"{when_text(route, step.when)}:", "", 0, "Only when ", "bold")
    out.para(step.action, "", STEP_INDENT)
    out.line()


def _route_lines(
    catalogue: Catalogue, route: Route, step: Step, titles: Mapping[str, str]
) -> list[tuple[str, str]]:
    """What the route as written says of a step beyond the example plan: the answers it
    needs (`when`), and who stands in for whom there (the route's `stand_ins`)."""
    from routewise.model.titles import role_title

    def title(role_id: str) -> str:
        return role_title(catalogue, route, role_id, titles)

    lines = [("Only when", when_text(route, step.when))] if step.when else []
    named = {r for group in (step.actor, *step.contacts) for r in group.role_ids()}
    for entry in route.stand_ins:
        if entry.role not in named or (entry.steps and step.id not in entry.steps):
            continue
        trigger = (
            f"when {when_text(route, entry.when)}"
            if entry.when
            else f"when {title(entry.role)} cannot act (a party to the matter holds their post)"
        )
        said = ""
        if entry.source is not None:
            doc, at = catalogue.document(entry.source.document), entry.source
            said = f" ({cite(doc.name, at.section, doc.section_style, at.paragraph)})"
        who = f"{title(entry.stand_in)} for {title(entry.role)}"
        lines.append(("Stand-in", f"{who}, {trigger}{said}"))
    return lines


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
