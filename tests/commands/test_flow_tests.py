"""`routewise flows test DIR`: a folder's own test cases, each failure with its difference."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from routewise.cli import app as cli
from tests.paths import EXAMPLE_FLOWS, PARISH_FLOWS

runner = CliRunner()


def new_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ours"
    result = runner.invoke(cli.app, ["flows", "new", "talk-first", "--dir", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {folder / 'tests' / 'talk-first.yaml'}" in result.output
    return folder


def run(*folders: Path) -> tuple[int, list[str]]:
    result = runner.invoke(cli.app, ["flows", "test", *map(str, folders)])
    return result.exit_code, result.output.splitlines()


def test_the_starter_s_example_test_passes(tmp_path: Path) -> None:
    folder = new_folder(tmp_path)
    code, lines = run(folder)
    assert (code, lines) == (
        0,
        [f"{folder / 'tests' / 'talk-first.yaml'}: passed", "1 test: 1 passed, 0 failed."],
    )


def test_each_failure_is_reported_with_its_difference(tmp_path: Path) -> None:
    folder = new_folder(tmp_path)
    case = folder / "tests" / "talk-first.yaml"
    text = case.read_text(encoding="utf-8")
    for old, new in [
        ("by: 2026-03-09 ", "by: 2026-03-10 "),
        ("who: either the officer, or the member", "who: the officer"),
        ("contacts: [the Monitoring Officer]", "contacts: [the Chief Executive]"),
        ("next: refer", "next: talk"),
        ("outcome: formal", "outcome: informal"),
    ]:
        assert old in text
        text = text.replace(old, new)
    case.write_text(text, encoding="utf-8")
    code, lines = run(folder)
    assert code == 1
    assert lines == [
        f"{case}: FAILED",
        "  (Tried informally already, so the Monitoring Officer is asked within 5 working days.)",
        "  outcome: expected informal; the plan reaches formal",
        "  next: expected talk; the plan's Next is step 1 (refer)",
        "  step 1 (refer): who: expected \u201cthe officer\u201d; the plan says \u201ceither the "
        "officer, or the member\u201d",
        "  step 1 (refer): contacts: expected \u201cthe Chief Executive\u201d; the plan says "
        "\u201cthe Monitoring Officer\u201d",
        "  step 1 (refer): by: expected Tue 10 Mar 2026; the plan says Mon 9 Mar 2026",
        "1 test: 0 passed, 1 failed.",
    ]


def test_steps_in_the_wrong_order_or_missing_are_named(tmp_path: Path) -> None:
    folder = new_folder(tmp_path)
    case = folder / "tests" / "informal.yaml"
    case.write_text(
        'route: talk-first\nraised: 2026-03-02\nanswers: {tried-informally: "no"}\n'
        "expect:\n  steps: [talk, refer]\n",
        encoding="utf-8",
    )
    code, lines = run(folder)
    assert code == 1
    assert "  steps: expected talk, refer; the plan has talk (missing: refer)" in lines


def test_a_case_that_cannot_run_says_why_on_one_line_and_exits_2(tmp_path: Path) -> None:
    folder = new_folder(tmp_path)
    (folder / "tests" / "typo.yaml").write_text(
        'route: talk-first\nraised: 2026-03-02\nanswers: {tried-informally: "no"}\n'
        "expect: {outcme: informal}\n",
        encoding="utf-8",
    )
    (folder / "tests" / "answer.yaml").write_text(
        "route: talk-first\nraised: 2026-03-02\nanswers: {tried-informally: maybe}\n",
        encoding="utf-8",
    )
    (folder / "tests" / "route.yaml").write_text(
        "route: talk-frist\nraised: 2026-03-02\n", encoding="utf-8"
    )
    code, lines = run(folder)
    assert code == 2
    tests = folder / "tests"
    assert lines[0] == (
        f"{tests / 'answer.yaml'}: error: answer for 'tried-informally': 'maybe' is not one of "
        "the choices. Valid answers: yes, no"
    )
    assert lines[1].startswith(
        f"{tests / 'route.yaml'}: error: route: unknown route 'talk-frist': did you mean "
        "'talk-first'?"
    )
    assert lines[3].startswith(f"{tests / 'typo.yaml'}:4: error: expect.outcme: unknown field")
    assert "did you mean 'outcome'?" in lines[3]
    assert lines[-1] == "4 tests: 1 passed, 0 failed, 3 could not run."


def test_a_folder_with_no_cases_says_where_they_go(tmp_path: Path) -> None:
    code, lines = run(tmp_path)
    assert code == 2
    assert lines[0] == f"{tmp_path}: no test cases (put them in {tmp_path / 'tests'}/*.yaml)"
    code, lines = run(tmp_path / "nowhere")
    assert code == 2 and lines[0] == f"{tmp_path / 'nowhere'}: error: flows folder not found"


def test_the_example_folder_s_cases_pass() -> None:
    code, lines = run(EXAMPLE_FLOWS)
    assert code == 0, lines
    assert len(lines) > 6 and lines[-1].endswith("passed, 0 failed.")


def test_flows_new_keeps_an_existing_test_unless_forced(tmp_path: Path) -> None:
    folder = new_folder(tmp_path)
    case = folder / "tests" / "talk-first.yaml"
    case.write_text("# ours\n", encoding="utf-8")
    again = runner.invoke(cli.app, ["flows", "new", "talk-first", "--dir", str(folder), "--force"])
    assert again.exit_code == 0 and case.read_text(encoding="utf-8").startswith("# A test case")
    case.write_text("# ours\n", encoding="utf-8")
    (folder / "talk-first.yaml").unlink()
    kept = runner.invoke(cli.app, ["flows", "new", "talk-first", "--dir", str(folder)])
    assert kept.exit_code == 0 and case.read_text(encoding="utf-8") == "# ours\n"


def test_text_from_a_case_is_shown_as_data_never_as_escape_codes(tmp_path: Path) -> None:
    folder = new_folder(tmp_path)
    (folder / "tests" / "escape.yaml").write_text(
        'route: talk-first\nraised: 2026-03-02\nabout: "\\e[2Jcleared"\n'
        'answers: {tried-informally: "\\e[31mred"}\n',
        encoding="utf-8",
    )
    (folder / "tests" / "who.yaml").write_text(
        'route: talk-first\nraised: 2026-03-02\nabout: "\\e[2Jcleared"\n'
        'answers: {tried-informally: "yes"}\nexpect: {steps: [{id: refer, who: "\\e]0;x\\a"}]}\n',
        encoding="utf-8",
    )
    code, lines = run(folder)
    assert code == 2
    text = "\n".join(lines)
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b[31mred" in text and "\\x1b[2Jcleared" in text and "\\x1b]0;x\\x07" in text


def test_a_case_s_messages_name_the_date_as_the_route_does(tmp_path: Path) -> None:
    """Issue 18b, item 7: an event before the date raised, on a route whose date is "Date
    received", is said to be before the date received."""
    import shutil

    folder = tmp_path / "parish"
    shutil.copytree(PARISH_FLOWS, folder)
    case = folder / "tests" / "chair-already-spoken.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace(
            "conversation-held: 2027-01-13", "conversation-held: 2027-01-04"
        ),
        encoding="utf-8",
    )
    code, lines = run(folder)
    assert code == 2
    assert (
        f"{case}: error: answer for 'event conversation-held': Mon 4 Jan 2027 is before the "
        "date received, Mon 11 Jan 2027"
    ) in lines
