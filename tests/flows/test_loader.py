"""The flow files as a graph, and the errors a council officer sees when editing one."""

from __future__ import annotations

from pathlib import Path

import pytest

from routewise.base.errors import FileError
from routewise.flows.loader import load_catalogue
from routewise.flows.locations import default_flows_dir, route_ids
from routewise.model.catalogue import Catalogue
from routewise.model.route import Route
from tests.paths import ROOT

ROUTE_IDS = route_ids(default_flows_dir())


def all_paths(route: Route) -> list[list[str]]:
    """Every path from the start, as node ids, found independently of the loader."""
    paths: list[list[str]] = []

    def walk(node_id: str, path: list[str]) -> None:
        assert node_id not in path, f"{route.id}: loop through {node_id}"
        path = [*path, node_id]
        question = route.question(node_id)
        if question is None:
            paths.append(path)
            return
        for target in question.successors():
            walk(target, path)

    walk(route.start, [])
    return paths


def test_every_route_file_is_loaded(catalogue: Catalogue) -> None:
    assert sorted(catalogue.routes) == ROUTE_IDS and len(ROUTE_IDS) >= 7


@pytest.mark.parametrize("route_id", ROUTE_IDS)
def test_route_graph(catalogue: Catalogue, route_id: str) -> None:
    route = catalogue.routes[route_id]
    paths = all_paths(route)
    outcome_ids = {o.id for o in route.outcomes}
    # every path ends in an outcome
    for path in paths:
        assert path[-1] in outcome_ids, path
    # every question and outcome is reachable
    visited = {node for path in paths for node in path}
    assert visited == {q.id for q in route.questions} | outcome_ids
    # every role, document and event is defined
    documents = {d.id for d in catalogue.triage.documents}
    date_questions = {q.id for q in route.questions if q.type == "date"}
    events = {e.id for e in route.events}
    assert set(route.parties) <= {r.id for r in catalogue.roles.values() if r.party}
    for outcome in route.outcomes:
        for step in outcome.steps:
            named = step.actor.role_ids() + [r for g in step.contacts for r in g.role_ids()]
            assert set(named) <= set(catalogue.roles)
            assert step.source.document in documents
            if step.deadline:
                assert step.deadline.counts_from in {"raised"} | date_questions | events
        for note in [*outcome.notes, *route.notes]:
            assert note.source.document in documents


def test_triage_offers_every_route_and_none_of_these(catalogue: Catalogue) -> None:
    choices = catalogue.triage.question.choices
    assert {c.route for c in choices if c.route} == set(catalogue.routes)
    assert [c.id for c in choices if c.advice] == ["none"]


def test_cited_documents_exist_in_shared_seeds(catalogue: Catalogue) -> None:
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds is not beside this checkout")
    for document in catalogue.triage.documents:
        text = (seeds / document.file).read_text(encoding="utf-8").lower()
        for route in catalogue.routes.values():
            sources = [s.source for o in route.outcomes for s in o.steps]
            sources += [n.source for o in route.outcomes for n in o.notes] + [route.source]
            for source in sources:
                if source.document == document.id:
                    assert source.section.lower() in text, source.section


def paragraph(text: str, section: str, number: int) -> str:
    """Paragraph `number` of a section in a seed document: the `number`-th block of text after
    the heading (headings, page headers included, are not paragraphs)."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if section.lower() in line.lower())
    blocks = "\n".join(lines[at + 1 :]).split("\n\n")  # a paragraph may span several lines
    body = [" ".join(b.split()) for b in blocks if b.strip() and not b.strip().startswith("#")]
    return body[number - 1]


def test_every_duty_is_worded_as_its_paragraph_words_it(catalogue: Catalogue) -> None:
    """A step's duty is shown as "the document's word": it must be in the paragraph it cites
    (it once said "may" where the document says "shall be open to")."""
    import re

    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds is not beside this checkout")
    files = {d.id: (seeds / d.file).read_text(encoding="utf-8") for d in catalogue.triage.documents}
    checked = 0
    for route in catalogue.routes.values():
        for outcome in route.outcomes:
            for step in outcome.steps:
                if step.duty is None or step.source.paragraph is None:
                    continue
                source = step.source
                said = paragraph(files[source.document], source.section, source.paragraph)
                phrase = re.escape(step.duty.lower()).replace(r"\ ", r"\s+")
                assert re.search(rf"\b{phrase}\b", said.lower()), (route.id, step.id, said)
                checked += 1
    assert checked >= 10


# --- errors ---------------------------------------------------------------------


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if fragment in line)


def test_unknown_field_names_file_line_and_field(flows_copy: Path) -> None:
    route = flows_copy / "member-information-request.yaml"
    edit(
        route,
        "        action: Ask for the information.",
        "        actoin: Ask for the information.",
    )
    with pytest.raises(FileError) as err:
        load_catalogue(flows_copy)
    assert err.value.path == route
    assert err.value.line == line_of(route, "actoin:")
    assert err.value.field == "outcomes[provided].steps[ask].actoin"
    assert "unknown field" in err.value.problem


def test_bad_deadline_rule_lists_what_is_allowed(flows_copy: Path) -> None:
    route = flows_copy / "member-information-request.yaml"
    edit(route, "rule: working-days", "rule: business-days")
    with pytest.raises(FileError) as err:
        load_catalogue(flows_copy)
    assert err.value.line == line_of(route, "business-days")
    assert "working-days" in err.value.problem and "business-days" in err.value.problem


def test_unknown_role_is_reported_where_it_is_used(flows_copy: Path) -> None:
    route = flows_copy / "officer-unprofessional-to-member.yaml"
    edit(route, "contacts: [member, officer]", "contacts: [member, oficer]")
    with pytest.raises(FileError) as err:
        load_catalogue(flows_copy)
    assert err.value.line == line_of(route, "oficer")
    assert "unknown role 'oficer'" in err.value.problem


def test_dangling_next_is_an_error(flows_copy: Path) -> None:
    route = flows_copy / "member-criticises-member.yaml"
    edit(route, "        next: member-post\n", "        next: member-pots\n")
    with pytest.raises(FileError) as err:
        load_catalogue(flows_copy)
    assert err.value.line == line_of(route, "member-pots")
    assert err.value.field == "questions[where].choices[in-meeting].next"
    assert "unknown question or outcome 'member-pots'" in err.value.problem
    assert "did you mean 'member-post'?" in err.value.problem


def test_raised_step_must_name_a_step_of_the_route(flows_copy: Path) -> None:
    route = flows_copy / "member-information-request.yaml"
    edit(route, "raised_step: ask ", "raised_step: asking ")
    with pytest.raises(FileError) as err:
        load_catalogue(flows_copy)
    assert err.value.field == "raised_step" and err.value.line == line_of(route, "asking")
    assert "unknown step 'asking'" in err.value.problem and "'ask'" in err.value.problem


def test_unreachable_outcome_is_an_error(flows_copy: Path) -> None:
    route = flows_copy / "member-information-request.yaml"
    edit(route, "        next: refused\n", "        next: provided\n")
    with pytest.raises(FileError) as err:
        load_catalogue(flows_copy)
    assert "outcome 'refused' cannot be reached" in err.value.problem


def test_yaml_syntax_error_gives_line(flows_copy: Path) -> None:
    route = flows_copy / "officer-member-dispute.yaml"
    edit(route, "start: already-met", "start: [already-met")
    with pytest.raises(FileError) as err:
        load_catalogue(flows_copy)
    assert err.value.path == route and err.value.line is not None
    assert "not valid YAML" in err.value.problem


def test_duplicate_key_is_not_silently_dropped(flows_copy: Path) -> None:
    route = flows_copy / "member-information-request.yaml"
    edit(route, "start: can-provide\n", "start: can-provide\nstart: provided\n")
    with pytest.raises(FileError) as err:
        load_catalogue(flows_copy)
    assert err.value.field == "start" and err.value.line == line_of(route, "start: provided")


def test_route_id_must_match_file_name(flows_copy: Path) -> None:
    route = flows_copy / "member-information-request.yaml"
    route.rename(flows_copy / "information.yaml")
    with pytest.raises(FileError) as err:
        load_catalogue(flows_copy)
    assert "expected 'information'" in err.value.problem


def test_a_new_route_needs_no_python(flows_copy: Path) -> None:
    (flows_copy / "quick-question.yaml").write_text(
        """
id: quick-question
title: A quick question
summary: A test route added as data only.
parties: [member]
source: {document: "001", section: Member criticises member}
start: when
questions:
  - id: when
    type: date
    text: When did it happen?
    next: done
outcomes:
  - id: done
    title: Done
    steps:
      - id: ask
        actor: member
        contacts: [monitoring-officer]
        action: Ask.
        deadline: {rule: working-days, count: 1, wording: within a day, counts_from: when, counts_from_stated: true}
        source: {document: "001", section: Member criticises member, paragraph: 1}
""",
        encoding="utf-8",
    )
    edit(
        flows_copy / "triage.yaml",
        "    - id: none\n",
        "    - id: quick\n      label: Quick\n      route: quick-question\n    - id: none\n",
    )
    catalogue = load_catalogue(flows_copy)
    assert "quick-question" in catalogue.routes
