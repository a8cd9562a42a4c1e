"""Clause numbers as councils write them (issue 18, item 1.5): read, cited and ordered."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.flows.problems import read_flow_file
from routewise.model.citation import PlanSource, clause_key, source_lines
from routewise.model.documents import Source
from routewise.model.route import Route
from tests.inline import catalogue, route, step


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        (2, "2"),
        (2.0, "2"),  # read as 2 before clauses could be text, so still accepted
        ("2", "2"),
        ("4.10", "4.10"),
        ("3.4(c)", "3.4(c)"),
        ("(ii)", "(ii)"),
        ("12A", "12A"),
        ("5.2(a)(iii)", "5.2(a)(iii)"),
        (" c ", "c"),
    ],
)
def test_a_clause_is_kept_as_the_document_writes_it(written: object, kept: str) -> None:
    source = Source.model_validate({"document": "doc", "section": "S", "paragraph": written})
    assert source.paragraph == kept


@pytest.mark.parametrize("written", [0, "3.4 (c)", "§3", "3..4", ""])
def test_a_clause_that_is_no_clause_number_is_refused(written: object) -> None:
    with pytest.raises(ValidationError, match="clause number"):
        Source.model_validate({"document": "doc", "section": "S", "paragraph": written})


def test_an_unquoted_decimal_clause_says_put_it_in_quotes(tmp_path: Path) -> None:
    # YAML reads 4.10 as the number 4.1: the message says so, as for `no` and `001`.
    text = (
        "id: r\ntitle: T\nsummary: S\nparties: [member]\n"
        "source: {document: d, section: S, paragraph: 4.10}\nstart: o\n"
        "outcomes:\n  - id: o\n    title: O\n    steps:\n"
        "      - {id: a, actor: member, action: Act., source: {document: d, section: S}}\n"
    )
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    problems = read_flow_file(path, Route).problems
    assert [p.message for p in problems] == [
        '`4.10` was read as the number 4.1: put it in quotes ("4.10")'
    ]
    assert problems[0].line == 5 and problems[0].where == "source.paragraph"


def test_the_plan_cites_the_clause_as_written_and_lists_sources_in_document_order() -> None:
    def at(clause: str) -> dict[str, object]:
        return {"document": "doc", "section": "Rules", "paragraph": clause}

    steps = [
        step("a", "officer", source=at("4.10")),
        step("b", "officer", source=at("3.4(c)")),
        step("c", "officer", source=at("4.9")),
        step("d", "officer", source=at("3.4(b)")),
    ]
    cat = catalogue(route(steps))
    answers = {"officer-post": "officer", "member-post": ()}
    plan = build_plan(cat, cat.routes["test-route"], answers, date(2026, 3, 2), WorkingCalendar())
    assert plan.steps[1].source is not None
    assert plan.steps[1].source.cite == "Test Protocol, \u201cRules\u201d, \u00b6\u00a03.4(c)"
    assert [s.paragraph for s in plan.sources] == ["3.4(b)", "3.4(c)", "4.9", "4.10"]
    assert source_lines(plan.sources) == [
        "Test Protocol: A Test Protocol",  # the full title, once, where steps cite a short one
        "Test Protocol, \u201cRules\u201d: \u00b6\u00a03.4(b), 3.4(c), 4.9, 4.10",
    ]


def test_clause_order_puts_numbers_before_letters_and_2_before_10() -> None:
    assert sorted(["10", "2", "b", "1a", "1"], key=clause_key) == ["1", "1a", "2", "10", "b"]


def test_a_numbered_document_is_cited_without_quotes() -> None:
    source = PlanSource(
        document="d", title="T", short="Protocol", section="7", section_style="number"
    )
    assert source.cite == "Protocol, 7"


@pytest.mark.parametrize(
    ("section", "paragraph", "style", "shown"),
    [
        ("2", "2.1", "number", "Procedure, 2.1"),
        ("2", "2.3(b)", "number", "Procedure, 2.3(b)"),
        ("2", "2(a)", "number", "Procedure, 2(a)"),
        ("3.4", "3.4(c)", "number", "Procedure, 3.4(c)"),
        ("2", "21", "number", "Procedure, 2, \u00b6\u00a021"),  # clause 21 is not in section 2
        ("2", "2", "number", "Procedure, 2, \u00b6\u00a02"),  # paragraph 2 of section 2
        ("7", "2", "number", "Procedure, 7, \u00b6\u00a02"),
        ("7.1", None, "number", "Procedure, 7.1"),
        ("2", "2.1", "heading", "Procedure, \u201c2\u201d, \u00b6\u00a02.1"),  # headings: as before
    ],
)
def test_a_numbered_clause_starting_with_its_section_is_cited_once(
    section: str, paragraph: str | None, style: str, shown: str
) -> None:
    """Issue 18b, item 9: "procedure, 2, ¶ 2.1" said the section twice."""
    source = PlanSource(
        document="doc",
        title="The Procedure",
        short="Procedure",
        section=section,
        section_style=style,  # type: ignore[arg-type]
        paragraph=paragraph,
    )
    assert source.cite == shown


def test_a_numbered_section_s_clauses_are_listed_once_in_the_sources() -> None:
    def source(section: str, paragraph: str) -> PlanSource:
        return PlanSource(
            document="doc",
            title="The Procedure",
            short="Procedure",
            section=section,
            section_style="number",
            paragraph=paragraph,
        )

    lines = source_lines(
        [source("2", "2.3(b)"), source("2", "2.1"), source("3", "3.1"), source("7", "2")]
    )
    assert lines == [
        "Procedure: The Procedure",  # the full title once, before its first clause
        "Procedure, 2.1, 2.3(b)",
        "Procedure, 3.1",
        "Procedure, 7: \u00b6\u00a02",
    ]


@pytest.mark.parametrize(
    ("section", "paragraph", "also", "shown"),
    [
        ("2", "2.1", ["2.3"], "Procedure, 2.1 and 2.3"),
        ("2", "2.1", ["2", "2.3"], "Procedure, 2, \u00b6\u00a02.1, 2 and 2.3"),
        ("7", "2", ["3"], "Procedure, 7, \u00b6\u00a02 and 3"),
    ],
)
def test_a_numbered_clause_with_more_clauses_is_cited_once_only_where_all_start_with_it(
    section: str, paragraph: str, also: list[str], shown: str
) -> None:
    """Both at once: `also` (review of issue 15, item 10) in a numbered document (issue 18b,
    item 9): the section is left out only where every clause already says it."""
    source = PlanSource(
        document="doc",
        title="The Procedure",
        short="Procedure",
        section=section,
        section_style="number",
        paragraph=paragraph,
        also=also,
    )
    assert source.cite == shown
