"""`routewise explain` (issue 18, items 3.3 and 3.5): the route's steps in order, each step
that applies only to some answers marked where it stands, the route's stand-ins named, and a
numbered document's clause cited without quotes."""

from __future__ import annotations

from typer.testing import CliRunner

from routewise.cli import app as cli
from tests.paths import EXAMPLE_FLOWS, PARISH_FLOWS

runner = CliRunner()


def explain(route_id: str) -> list[str]:
    args = ["explain", route_id, "--flows", str(EXAMPLE_FLOWS), "--raised", "2026-03-02"]
    result = runner.invoke(cli.app, args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def parish() -> list[str]:
    """`explain` of the parish's route (tests/parish-flows)."""
    args = ["explain", "clerk-complaint", "--flows", str(PARISH_FLOWS), "--raised", "2027-01-11"]
    result = runner.invoke(cli.app, args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def at(lines: list[str], start: str, after: int = 0) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(start) and i >= after)


def test_a_step_for_some_answers_keeps_its_place_and_says_when_it_applies() -> None:
    lines = explain("example-grievance")
    first = at(lines, "Outcome: The grievance has substance")
    informal = at(lines, "4. Speak to the member informally", first)
    tell = at(lines, "5. Tell the Mayor about the grievance.", first)
    accounts = at(lines, "6. Write down your own account", first)
    assert informal < tell < accounts
    assert lines[tell + 1].startswith(
        "   Only when:     \u201cDoes the member belong to a political group on the council?\u201d"
    )


def test_a_step_the_example_answers_leave_out_is_shown_where_it_stands() -> None:
    lines = explain("officer-member-dispute")
    first = at(lines, "Outcome: The Head of Service or Team Manager meets both parties")
    only = at(lines, "Only when \u201cHave the officer and the member already met", first)
    assert only < at(lines, "1. If the difference cannot be resolved, report it.", first)


def test_explain_names_the_route_s_stand_ins_and_the_example_answers() -> None:
    lines = explain("example-grievance")
    text = "\n".join(lines)
    assert "An example plan, for these answers:" in text
    hearing = at(lines, "8. If informal resolution has not resolved")
    block = " ".join(" ".join(line.split()) for line in lines[hearing : hearing + 10])
    assert "Stand-in: the Mayor for the member's Group Leader, when \u201cDoes the member" in block
    assert "when the member's Group Leader cannot act (a party to the matter holds their post)" in (
        block
    )
    assert "the plan names who stands in where a document says, or leaves the post out" in (
        " ".join(lines)
    )


def test_a_numbered_document_s_source_is_cited_without_quotes() -> None:
    lines = explain("quiet-word-first")
    (source,) = [line for line in lines if line.startswith("Source: ")]
    assert source.endswith("(an example, not a real council), 7")
    assert "\u201c7\u201d" not in "\n".join(lines)


def test_explain_names_the_date_as_the_route_does() -> None:
    """Issue 18b, item 7: `raised_label: Date received` is the example dates' date too."""
    text = " ".join(" ".join(parish()).split())
    assert "Example dates assume the date received is Mon 11 Jan 2027 (England and Wales" in text
    assert "the matter was raised" not in text
