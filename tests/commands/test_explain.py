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


def test_the_example_lists_every_answer_and_prefers_steps_still_to_do() -> None:
    """Issue 18b, item 8: the example's answers are all listed (who complains, too); the
    main outcome's example is the one with no step done, so every step to do is shown; and
    the answers that bring each stand-in in are said, with a pointer to them."""
    lines = parish()
    main = at(lines, "Outcome: Informal conversation")
    assert lines[main + 2 : main + 8] == [
        "An example plan, for these answers:",
        "  - Who is making the complaint? The Clerk, about a councillor",
        "  - Is the councillor complained about the Chair of the Council? No",
        "  - Has the Chair already spoken to the councillor? No, not yet",
        "Other answers bring in a stand-in, as \u201cStand-in\u201d says under step 1.",
        "",
    ]
    steps = "\n".join(lines[main : at(lines, "Notes", main)])
    assert "Done:" not in steps
    assert "By:            within 5 working days of receiving the complaint: by Mon 18 Jan" in steps
    said = " ".join(" ".join(steps.split("2. After")[0].split()).split())
    assert (
        "Stand-in: the district council's Monitoring Officer for the Chair of the Council, when "
        "\u201cIs the councillor complained about the Chair of the Council?\u201d is answered "
        "Yes: the complaint is about the Chair and \u201cDoes the council have a Vice-Chair at "
        "the moment?\u201d is answered No: the council has no Vice-Chair"
    ) in said
    assert (
        "Stand-in: the Vice-Chair of the Council for the Chair of the Council, when "
        "\u201cIs the councillor complained about the Chair of the Council?\u201d is answered "
        "Yes: the complaint is about the Chair"
    ) in said
    other = at(lines, "Outcome: Not a complaint")
    assert lines[other + 3] == (
        "  - Who is making the complaint? Someone else (a member of the public, another "
        "councillor, another"
    )
