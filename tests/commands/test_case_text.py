"""Text is data: notes, references and names are shown as typed in every output, never read
as rich markup, markdown, terminal escape codes or a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from case_helpers import Run, show_json
from typer.testing import Result

MARKUP = "[bold red]Cllr[/] *Smith* <b>"
ESCAPE = "\x1b[2J\x1b[31mcleared"
REFERENCE = '=HYPERLINK("x") [b]'


@pytest.fixture
def awkward(run: Run, open_cases: Callable[..., Result]) -> None:
    open_cases(
        {
            "reference": REFERENCE,
            "route": "officer-unprofessional-to-member",
            "raised": "2026-04-27",
            "answers": {"officer-post": "officer"},
            "owner": "@owner [i]x[/i]",
        }
    )
    run("case", "note", REFERENCE, f"{MARKUP} {ESCAPE}")
    run("case", "close", REFERENCE, "--reason", "+44 [link]done[/link]")


@pytest.mark.usefixtures("awkward")
def test_terminal_views_show_markup_as_typed_and_escape_codes_escaped(run: Run) -> None:
    listing = run("case", "list", "--all", env={"COLUMNS": "80"}).stdout
    shown = run("case", "show", REFERENCE, env={"COLUMNS": "80"}).stdout
    for out in (listing, shown):
        assert "\x1b" not in out
    assert REFERENCE in listing and "@owner [i]x[/i]" in listing
    flat = " ".join(shown.split())
    assert "[bold red]Cllr[/] *Smith* <b>" in flat
    assert "\\x1b[2J\\x1b[31mcleared" in flat
    assert "+44 [link]done[/link]" in flat
    confirmation = run("case", "note", REFERENCE, ESCAPE, ok=False)  # closed: refused…
    assert "\x1b" not in confirmation.output  # …and the reference in the message is safe


@pytest.mark.usefixtures("awkward")
def test_csv_cells_that_would_start_a_formula_are_escaped(run: Run) -> None:
    rows = list(csv.reader(io.StringIO(run("case", "list", "--all", "--format", "csv").stdout)))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["reference"] == "'" + REFERENCE
    assert row["owner"] == "'@owner [i]x[/i]"
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in rows[1])


@pytest.mark.usefixtures("awkward")
def test_markdown_escapes_what_markdown_would_read(run: Run) -> None:
    listing = run("case", "list", "--all", "--format", "markdown").stdout
    assert "\\[b\\]" in listing and "=HYPERLINK" in listing
    shown = run("case", "show", REFERENCE, "--format", "markdown").stdout
    assert "\\*Smith\\*" in shown and "\\<b\\>" in shown
    assert "\x1b" not in shown and "\\x1b\\[2J" in shown


@pytest.mark.usefixtures("awkward")
def test_json_keeps_the_text_exactly_as_typed(run: Run) -> None:
    data = show_json(run, REFERENCE)
    assert data["case"]["reference"] == REFERENCE
    assert data["case"]["history"][1]["note"] == f"{MARKUP} {ESCAPE}"
    listing = json.loads(run("case", "list", "--all", "--format", "json").stdout)
    assert listing["cases"][0]["owner"] == "@owner [i]x[/i]"


@pytest.mark.usefixtures("awkward")
def test_the_calendar_names_the_case_as_text(run: Run, tmp_path: Path) -> None:
    run("case", "reopen", REFERENCE)
    run("case", "record", REFERENCE, "outcome=2026-05-01")
    calendar = tmp_path / "case.ics"
    run("case", "show", REFERENCE, "--format", "ics", "--output", str(calendar))
    text = calendar.read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert 'SUMMARY:=HYPERLINK("x") [b]: An officer acts' in text.replace("\r\n ", "")


def test_a_reference_with_a_control_character_is_refused(
    run: Run, open_cases: Callable[..., Result]
) -> None:
    result = open_cases(
        {
            "reference": "A\x1b[31m",
            "route": "officer-unprofessional-to-member",
            "raised": "2026-04-27",
            "answers": {"officer-post": "officer"},
        },
        ok=False,
    )
    assert result.exit_code == 2 and "control character" in result.stderr
    assert "\x1b" not in result.stderr
