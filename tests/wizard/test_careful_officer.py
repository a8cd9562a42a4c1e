"""Issue 16's wizard items, through the real prompts: one Enter that changes nothing, nothing
left behind or cut at 60 columns, and a save that never loses the plan.

The prompts draw into a VT100 stream (tests/wizard/screens.py), so what a prompt shows and
then erases (its header, why an answer was refused) can be read as well as stdout.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routewise.cli import app as cli
from routewise.commands import common
from routewise.commands import triage as triage_command
from tests.paths import PARISH_FLOWS
from tests.wizard.screens import drawn_prompts

DOWN, UP, ENTER, ESC, SPACE, CLEAR_LINE = "\x1b[B", "\x1b[A", "\r", "\x1b", " ", "\x15"
DISPUTE = DOWN * 6 + ENTER
CRITICISM = DOWN * 5 + ENTER + ENTER  # a member has criticised another member, in a meeting
INFORMATION = DOWN * 4 + ENTER
TODAY = date(2027, 1, 15)
runner = CliRunner()


class FixedDate(date):
    @classmethod
    def today(cls) -> FixedDate:
        return cls(TODAY.year, TODAY.month, TODAY.day)


@pytest.fixture(autouse=True)
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: True)
    monkeypatch.setattr(triage_command, "date", FixedDate)


def flat(text: str) -> str:
    return " ".join(text.split())


def run(keys: str, *args: str, columns: int = 200, code: int = 0) -> tuple[str, str, str]:
    """(stdout, stderr, what the prompts drew) of `routewise triage ARGS` given `keys`, and
    no to the last question (save the plan as a case)."""
    with drawn_prompts(keys + "n", columns=columns) as drawn:
        result = runner.invoke(cli.app, ["triage", *args], env={"COLUMNS": str(columns)})
    assert result.exit_code == code, result.output
    return result.stdout, result.stderr, drawn.text


# --- 1.1 one stray Enter never records a post -------------------------------------------


def test_enter_alone_at_a_post_tick_list_is_refused_with_a_hint() -> None:
    """The dispute's member post (one post to ask about) was a pick-one list whose cursor
    started on the post: one Enter marked the member as holding it, and took them out of
    the plan. Now Enter with nothing ticked is refused, and "None of these" is ticked."""
    keys = (
        DISPUTE
        + ENTER  # they have met
        + ENTER  # Enter alone at the member's posts: refused
        + DOWN
        + SPACE
        + ENTER  # "None of these" ticked
        + ENTER  # an officer below Head of Service
        + "02/04/2026"
        + ENTER
        + ENTER  # the manager not yet told
        + ENTER  # are these right? yes
        + ENTER  # no name for the manager
        + "n"
    )
    out, _, drawn = run(keys)
    assert "! Nothing is ticked: tick each that applies with Space, or \u201cNone of" in flat(drawn)
    answered = flat(out[: out.index("Check your answers")])
    assert "? Does the member hold any of these posts? > None of these (an ordinary member)" in (
        answered
    )
    assert "Leader of the Council" not in answered


def test_every_post_tick_list_has_none_of_these_as_a_choice_of_its_own() -> None:
    """member-criticises-member's two posts and the dispute's one post are the same kind of
    question: a tick list that ends with "None of these" (listed here in the plain style)."""
    out, _, _ = run("6\r1\r" + "\x04", "--plain", code=130)
    listed = flat(out)
    assert "Does the member who made the criticism hold any of these posts? 1. Leads a " in listed
    assert "3. None of these (an ordinary member)" in listed
    out, _, drawn = run("7\r1\r" + "\x04", "--plain", code=130)
    assert "1. Leader of the Council 2. None of these (an ordinary member)" in flat(out)
    assert "the numbers that apply, separated by commas; 2 for none of these" in flat(drawn)


def test_none_of_these_with_a_post_is_refused() -> None:
    keys = CRITICISM + SPACE + DOWN * 2 + SPACE + ENTER + "\x04"  # a post and "None"
    _, _, drawn = run(keys, code=130)
    assert "\u201cNone of these (an ordinary member)\u201d cannot go with another answer" in (
        flat(drawn)
    )


def test_ticks_and_the_cursor_stay_where_they_were_after_the_help() -> None:
    keys = CRITICISM + SPACE + DOWN + "?" + SPACE + ENTER + "\x03"  # tick, move, help, tick
    out, _, _ = run(keys, code=130)
    assert "Some routes send a matter to a Group Leader" in flat(out)  # the help was shown
    said = "> Leads a political group on the council; Chair of the meeting where it happened"
    assert said in flat(out)


def test_plain_tick_list_refuses_enter_alone_and_numbers_none_of_these() -> None:
    keys = "6\r" + "1\r" + "\r" + "3\r" + "3\r" + "21/12/2026\r" + "1\r" + "n"  # in a meeting
    out, _, _ = run(keys, "--plain")
    assert "3. None of these (an ordinary member)" in out
    assert "Type the numbers that apply, or the number of \u201cNone of these" in flat(out)
    assert "> None of these (an ordinary member)" in out


# --- 1.2 Back leaves no header behind -----------------------------------------------------


def test_back_leaves_no_header_of_the_question_left() -> None:
    keys = (
        DISPUTE
        + ENTER  # they have met
        + DOWN
        + SPACE
        + ENTER  # no post
        + ESC  # at the officer's post (question 4): back
        + "\x04"
    )
    out, _, drawn = run(keys, code=130)
    assert "Question 4 of at most 6" in drawn  # it was shown with its prompt...
    assert "Question 4" not in out  # ...and went with it: nothing printed stays behind
    assert out.count("Question 3 of at most 6") == 1  # only the answered question's


def test_a_refused_date_leaves_nothing_behind_once_answered() -> None:
    keys = INFORMATION + ENTER + "31/02/2026" + ENTER + CLEAR_LINE + "21/12/2026" + ENTER
    out, _, drawn = run(keys + ENTER + "n")
    assert "! no such day: 31/02/2026" in flat(drawn)
    assert "no such day" not in out
    assert "21/12/2026: understood as Mon 21 Dec 2026" in flat(out)


# --- 1.4 nothing cut or split at 60 columns ----------------------------------------------


def lines_fit(text: str, width: int = 60) -> bool:
    return all(len(line.rstrip()) <= width for line in text.splitlines())


def test_a_refused_answer_is_whole_and_wrapped_at_60_columns(tmp_path: Path) -> None:
    """The email check was drawn on a one-line toolbar and cut at 'suc' (for 'such as')."""
    keys = (
        DISPUTE
        + ENTER
        + DOWN
        + SPACE
        + ENTER
        + ENTER
        + "02/04/2026"
        + ENTER
        + ENTER
        + ENTER  # are these right? yes
        + "Sam Lee"
        + ENTER
        + "sam.example"
        + ENTER  # refused
        + CLEAR_LINE
        + "sam@example.gov.uk"
        + ENTER
        + ENTER
        + "n"
    )
    out, _, drawn = run(keys, columns=60)
    assert "That is not an email address: expected an email address, such as " in flat(drawn)
    assert "j.smith@council.gov.uk" in flat(drawn)
    assert lines_fit(out)
    assert "(Sam Lee, sam@example.gov.uk)" in flat(out)


def test_the_saved_path_breaks_at_a_slash_at_60_columns(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder-with-a-long-name-for-plans" / "another-long-folder-name"
    folder.mkdir(parents=True)
    target = folder / "routewise-member-information-request-plan.md"
    keys = INFORMATION + ENTER + "21/12/2026" + ENTER + ENTER + "y" + CLEAR_LINE
    out, _, _ = run(keys + str(target) + ENTER, columns=60)
    saved = out[out.index("Saved the plan to") :].splitlines()
    assert lines_fit("\n".join(saved))
    assert all(line.rstrip().endswith("/") for line in saved[:-1]), saved  # broken at "/"
    assert "".join("".join(line.split()) for line in saved) == f"Savedtheplanto{target}"


# --- 1.6 `?` at a typing prompt ------------------------------------------------------------


def test_question_mark_shows_the_help_at_once_at_a_date_and_an_empty_text_line() -> None:
    keys = (
        DOWN * 5
        + ENTER  # a member has criticised another member
        + DOWN
        + ENTER  # outside a meeting
        + "?"  # an empty line: the help, at once
        + "Who? Facebook"  # a `?` inside an answer is typed as usual
        + ENTER
        + DOWN
        + SPACE
        + ENTER  # the member who made the criticism leads no group
        + DOWN
        + SPACE
        + ENTER  # nor does the member who was criticised
        + "?"  # at a date: the help, at once
        + "21/12/2026"
        + ENTER
        + ENTER
        + "n"
    )
    out, _, drawn = run(keys)
    assert "? on an empty line for help" in flat(drawn)
    assert "> Who? Facebook" in out
    assert "The date the matter was raised is day 0" in flat(out)
    assert "21/12/2026: understood as Mon 21 Dec 2026" in flat(out)


# --- 1.8 saving --------------------------------------------------------------------------


def test_a_save_into_a_missing_folder_says_what_to_do_and_asks_again(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "plan.md"
    target = tmp_path / "plan.json"
    keys = INFORMATION + ENTER + "21/12/2026" + ENTER + ENTER + "y" + CLEAR_LINE
    keys += str(missing) + ENTER + CLEAR_LINE + str(target) + ENTER
    out, _, drawn = run(keys)
    said = flat(drawn)
    assert "a name ending .ics saves a calendar, .json the JSON plan" in said
    assert f"! The folder {missing.parent} does not exist: create it first, or type a name in " in (
        said
    )
    assert not missing.parent.exists()  # a typed folder is never made
    assert target.read_text(encoding="utf-8").startswith("{")  # .json: the JSON plan
    assert f"Saved the plan to {target}" in flat(out)


# --- config init: dates, named contacts, refusals ----------------------------------------


def config_init(keys: str, target: Path, columns: int = 200) -> tuple[str, str]:
    with drawn_prompts(keys, columns=columns) as drawn:
        result = runner.invoke(
            cli.app, ["config", "init", "--config", str(target)], env={"COLUMNS": str(columns)}
        )
    assert result.exit_code == 0, result.output
    return result.stdout, drawn.text


def test_config_init_reads_closures_day_first_and_names_the_item_that_is_wrong(
    tmp_path: Path,
) -> None:
    target = tmp_path / "config.toml"
    keys = (
        ENTER  # no council name
        + ENTER  # England and Wales
        + "24/12/2026, 24/13/2026"
        + ENTER  # refused: the second has no month 13
        + CLEAR_LINE
        + "24/12/2026, 29/12/2026..31/12/2026"
        + ENTER
        + "n"
        + "n"
    )
    out, drawn = config_init(keys, target)
    assert "(each DD/MM/YYYY, or a range such as 24/12/2026..31/12/2026; Enter for none)" in (
        flat(drawn)
    )
    assert "! Item 2 of 2: '24/13/2026' is not a real date" in flat(drawn)
    assert 'closures = ["2026-12-24", "2026-12-29..2026-12-31"]' in target.read_text("utf-8")
    assert "> 24/12/2026, 29/12/2026..31/12/2026" in out  # the answer stays on screen


def test_config_init_refuses_a_right_to_left_override_in_an_email(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    keys = (
        ENTER
        + ENTER
        + ENTER  # no closures
        + "y"
        + ENTER  # the first role a council names a person for
        + "Priya\u202e Shah"
        + ENTER  # refused
        + CLEAR_LINE
        + "Priya Shah"
        + ENTER
        + "p@evil\u202egpj.exe"
        + ENTER  # refused
        + CLEAR_LINE
        + "priya@example.gov.uk"
        + ENTER
        + ENTER  # no phone
        + "n"
        + "n"
    )
    _, drawn = config_init(keys, target)
    refusal = "it holds \\u202e, a hidden character that changes the order the text reads"
    assert flat(drawn).count(refusal) == 2  # the name, then the email
    assert "priya@example.gov.uk" in target.read_text("utf-8")
    assert "\u202e" not in target.read_text("utf-8")


def test_config_init_offers_only_roles_a_council_names_a_person_for() -> None:
    from routewise.flows.loader import load_catalogue
    from routewise.flows.locations import default_flows_dir

    named = {r.id for r in load_catalogue(default_flows_dir()).roles.values() if r.named_in_config}
    assert named == {"chief-executive", "monitoring-officer", "strategic-director", "leader"}


# --- 1.7 one rule for a date raised in the future -------------------------------------


def test_a_future_date_raised_gets_the_same_words_everywhere(tmp_path: Path) -> None:
    words = "Mon 1 Feb 2027 is in the future: a matter cannot have been raised after today "
    words += "(Fri 15 Jan 2027)"
    keys = INFORMATION + ENTER + "01/02/2027" + ENTER + "\x03"  # refused, then Ctrl-C
    _, _, drawn = run(keys, code=130)
    assert f"! {words}" in flat(drawn)
    args = ["triage", "--route", "member-information-request", "--answer", "can-provide=yes"]
    result = runner.invoke(cli.app, [*args, "--raised", "01/02/2027"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"routewise: error: --raised: {words}"
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "route: member-information-request\nraised: 2027-02-01\nanswers: {can-provide: yes}\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli.app, ["triage", "--answers", str(answers)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"routewise: error: {answers}: raised: {words}"


def test_a_route_that_names_its_date_is_refused_in_its_own_words(tmp_path: Path) -> None:
    """Issue 18b, item 7: with `raised_label: Date received`, every refusal that names the
    date raised says "the date received": the wizard's (a date after today, an event before
    it), --raised's and an answers file's for that route. Without a route, the generic words."""
    parish = ["--flows", str(PARISH_FLOWS), "--route", "clerk-complaint"]
    keys = (
        ENTER  # who complains? the Clerk
        + DOWN
        + ENTER  # about the Chair? no
        + DOWN
        + ENTER  # already spoken? no
        + "01/02/2027"
        + ENTER  # when received? refused: in the future
        + CLEAR_LINE
        + "11/01/2027"
        + ENTER
        + "01/01/2027"
        + ENTER  # when was the conversation? refused: before the date received
        + "\x03"
    )
    _, _, drawn = run(keys, *parish, code=130)
    shown = flat(drawn)
    assert (
        "! Mon 1 Feb 2027 is in the future: the date received cannot be after today "
        "(Fri 15 Jan 2027)" in shown
    )
    assert "! Fri 1 Jan 2027 is before the date received (Mon 11 Jan 2027)" in shown
    assert "a matter cannot have been raised" not in shown
    answers = ["--answer", "complainant=someone-else"]
    result = runner.invoke(cli.app, ["triage", *parish, *answers, "--raised", "01/02/2027"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "routewise: error: --raised: Mon 1 Feb 2027 is in the future: the date received "
        "cannot be after today (Fri 15 Jan 2027)"
    )
    file = tmp_path / "a.yaml"
    file.write_text(
        "route: clerk-complaint\nraised: 2027-02-01\nanswers: {complainant: someone-else}\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        cli.app, ["triage", "--flows", str(PARISH_FLOWS), "--answers", str(file)]
    )
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "raised: Mon 1 Feb 2027 is in the future: the date received cannot be after today "
        "(Fri 15 Jan 2027)"
    )
    result = runner.invoke(
        cli.app,
        [
            "triage",
            *parish,
            *answers,
            "--raised",
            "11/01/2027",
            "--event",
            "conversation-held=01/01/2027",
        ],
    )
    assert result.exit_code == 2
    assert "Fri 1 Jan 2027 is before the date received, Mon 11 Jan 2027" in result.stderr


def test_question_mark_shows_the_help_at_once_in_the_plain_style_too() -> None:
    keys = "?" + "5\r" + "1\r" + "21/12/2026\r" + "1\r" + "n"
    out, _, _ = run(keys, "--plain")
    assert "Pick the closest match" in flat(out)  # the first question's help, no Enter
    assert "Action plan: A member's request for information" in flat(out)


def test_a_help_longer_than_half_the_screen_is_paged_between_pieces_of_help() -> None:
    from routewise.wizard.screen import help_pages

    short = help_pages(["Why it is asked."], 60, 40)
    assert short == [["", "  Why it is asked.", ""]]  # one page: no pause
    pieces = [f"Choice {n}: " + "when it applies " * 8 for n in range(10)]  # 3 lines each
    pages = help_pages(pieces, 60, 20)
    assert len(pages) > 1 and all(len(page) <= 19 for page in pages)  # a line to spare
    for page in pages:  # a page ends between two pieces of help
        starts = [n for n, line in enumerate(page) if line.startswith("  Choice")]
        assert len([line for line in page if line.strip()]) == 3 * len(starts), page
