"""Drive the real questionary prompts with keys, from the first question to the printed plan.

The date is fixed (Fri 15 Jan 2027), so "today", "yesterday" and "in the future"
mean the same on every run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from routewise.cli import app as cli
from routewise.commands import common
from routewise.commands import triage as triage_command
from routewise.wizard import asker, saving, screen, settings_prompts
from tests.wizard.screens import drawn_prompts

DOWN, UP, ENTER, CTRL_C, CLEAR_LINE, ESC = "\x1b[B", "\x1b[A", "\r", "\x03", "\x15", "\x1b"
CONFIRM = ENTER  # "Are these right?" -> Yes: show the plan
CHANGE = DOWN + ENTER  # -> Change an answer
RESTART = DOWN * 2 + ENTER  # -> Start again
TODAY = date(2027, 1, 15)
runner = CliRunner()


class FixedDate(date):
    @classmethod
    def today(cls) -> FixedDate:
        return cls(TODAY.year, TODAY.month, TODAY.day)


def flat(text: str) -> str:
    """The output with line wrapping undone."""
    return " ".join(text.split())


@contextmanager
def keyboard(keys: str) -> Iterator[None]:
    """Queue a whole session's keys; prompts read them in turn."""
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            yield


@pytest.fixture(autouse=True)
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: True)
    monkeypatch.setattr(triage_command, "date", FixedDate)


NO_CASE = "n"
"""The wizard's last question, "Save it as a case in the register?": no (tests of the case
offer itself are in tests/commands/test_case_triage.py)."""


def triage(keys: str, *args: str) -> str:
    with keyboard(keys + NO_CASE):
        result = runner.invoke(cli.app, ["triage", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def triage_drawn(keys: str, *args: str) -> tuple[str, str]:
    """The output, and what the prompts drew (why an answer was refused is shown there)."""
    with drawn_prompts(keys + NO_CASE) as drawn:
        result = runner.invoke(cli.app, ["triage", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output, drawn.flat


def plan_part(output: str) -> str:
    """The printed plan alone, from its title to the end (without the save question)."""
    return flat(output[output.rindex("Action plan:") :])


INFORMATION = DOWN * 4 + ENTER  # What is the problem? -> a member needs information
DISPUTE = DOWN * 6 + ENTER  # -> an officer and a member are in a dispute
NO_POST = DOWN + " " + ENTER  # a tick list of one post: tick "None of these", then Enter
NO_POSTS = DOWN * 2 + " " + ENTER  # the same, on a list of two posts
DISPUTE_TO_REVIEW = (
    DISPUTE
    + ENTER  # they have met
    + NO_POST  # the member holds none of the posts
    + ENTER  # an officer below Head of Service
    + "02/04/2026"
    + ENTER  # the date raised
    + "06/04/2026"
    + ENTER  # the day the manager was told; next: "Are these right?"
)


def test_information_request_from_first_question_to_plan() -> None:
    out = triage(INFORMATION + ENTER + "21/12/2026" + ENTER + CONFIRM + "n")
    assert "Action plan: A member's request for information" in flat(out)
    assert "within 5 working days: by Wed 30 Dec 2026" in flat(out)
    assert "the relevant Group Leader, Cabinet Member or officer" in flat(out)


def test_plan_opens_with_next_and_timeline() -> None:
    plan = plan_part(triage(INFORMATION + ENTER + "21/12/2026" + ENTER + CONFIRM + "n"))
    # The date asked is the date the member asked: that step is done, and Next is the reply.
    ask = "Timeline done Mon 21 Dec 2026 \u2014 step 1: Ask for the information."
    assert plan.index("Next: the relevant Group Leader, Cabinet Member or officer:") < plan.index(
        ask
    )
    acknowledge = "Wed 30 Dec 2026 (this date has passed) \u2014 step 2: Acknowledge"
    assert plan.index(acknowledge) < plan.index("Steps")
    assert "Next: the member: Ask for the information." not in plan


def test_in_short_repeats_the_next_step_still_to_do() -> None:
    out = triage(INFORMATION + ENTER + "21/12/2026" + ENTER + CONFIRM + "n")
    recap = flat(out[out.rindex("In short") :])
    assert recap.startswith(
        "In short Next: the relevant Group Leader, Cabinet Member or officer: Acknowledge"
    )
    assert "Timeline done Mon 21 Dec 2026 \u2014 step 1: Ask for the information." in recap


def test_dispute_with_head_of_service_asks_and_moves_rung() -> None:
    keys = DISPUTE + ENTER + NO_POST + DOWN + ENTER + "02/04/2026" + ENTER + CONFIRM + "n"
    out = flat(triage(keys))
    assert "Strategic Director of Place" in out
    assert "so the appropriate Head of Service or Team Manager would be the officer themself" in out


def test_none_of_these_gives_one_short_marked_piece_of_advice() -> None:
    out = triage(DOWN * 7 + ENTER + "n", "--raised", "2026-12-21")
    plan = plan_part(out) if "Action plan:" in out else flat(out[out.index("None of the") :])
    assert "Monitoring Officer" in plan
    assert plan.lower().count("general advice") == 1
    assert "Date raised" not in plan
    assert "Why this plan differs" not in plan
    assert "Steps" not in plan


def test_progress_counts_from_the_longest_remaining_path() -> None:
    out = triage(
        DISPUTE + ENTER + NO_POST + ENTER + "02/04/2026" + ENTER + ENTER + CONFIRM + ENTER + "n"
    )
    # route choice, met?, member's posts, officer's post, date raised, the day the manager was told
    for n in range(1, 5):
        assert f"Question {n} of at most 6" in out
    assert "Question 5 of 6" in out and "Question 6 of 6" in out


def test_progress_shrinks_when_the_branch_is_shorter() -> None:
    out = triage(DISPUTE + ENTER + NO_POST + DOWN + ENTER + "02/04/2026" + ENTER + CONFIRM + "n")
    assert "Question 5 of 5" in out  # the Head of Service branch asks no event date


def test_save_offer_writes_private_markdown(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    keys = (
        INFORMATION
        + ENTER
        + "21/12/2026"
        + ENTER
        + CONFIRM
        + "y"
        + CLEAR_LINE
        + str(target)
        + ENTER
    )
    out = triage(keys)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Action plan: A member's request for information")
    assert "within 5 working days: by Wed 30 Dec 2026" in text
    assert target.stat().st_mode & 0o777 == 0o600
    assert f"Saved the plan to {target.resolve()}" in flat(out)


def test_save_offer_writes_a_calendar_to_a_name_ending_ics(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    keys = INFORMATION + ENTER + "21/12/2026" + ENTER + CONFIRM + "y" + CLEAR_LINE
    triage(keys + str(target) + ENTER)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and "DTSTART;VALUE=DATE:20261230" in text


def test_save_offer_warns_of_a_calendar_with_no_events(tmp_path: Path) -> None:
    """Member criticises member sets no time limits: its calendar file is empty, and the
    wizard says so, as --output does."""
    target = tmp_path / "plan.ics"
    keys = DOWN * 5 + ENTER + ENTER + NO_POSTS + NO_POSTS + "21/12/2026" + ENTER + CONFIRM + "y"
    out = triage(keys + CLEAR_LINE + str(target) + ENTER)
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert "routewise: warning: the calendar file has no events" in out


def test_save_offer_defaults_to_the_configured_folder(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    config = tmp_path / "config.toml"
    config.write_text(f'plans_folder = "{folder}"\n', encoding="utf-8")
    keys = INFORMATION + ENTER + "21/12/2026" + ENTER + CONFIRM + "y" + ENTER
    out = triage(keys, "--config", str(config))
    saved = folder / "routewise-member-information-request-2026-12-21.md"
    assert saved.read_text(encoding="utf-8").startswith("# Action plan")
    assert f"Saved the plan to {saved}" in flat(out)


def test_the_suggested_folder_is_made_owner_only_when_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new account may have no Documents folder yet: accepting the suggestion still saves.
    documents = tmp_path / "home" / "Documents"
    monkeypatch.setattr(saving, "save_folder", lambda configured: documents)
    keys = INFORMATION + ENTER + "21/12/2026" + ENTER + CONFIRM + "y" + ENTER
    out = triage(keys)
    saved = documents / "routewise-member-information-request-2026-12-21.md"
    assert saved.read_text(encoding="utf-8").startswith("# Action plan")
    assert documents.stat().st_mode & 0o777 == 0o700
    assert f"Saved the plan to {saved}" in flat(out)


def test_save_offer_asks_before_overwriting(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("keep me", encoding="utf-8")
    keys = (
        INFORMATION
        + ENTER
        + "21/12/2026"
        + ENTER
        + CONFIRM
        + "y"
        + CLEAR_LINE
        + str(target)
        + ENTER
        + "n"  # Overwrite? -> no, so it asks for another name
        + CLEAR_LINE
        + str(tmp_path / "other.md")
        + ENTER
    )
    triage(keys)
    assert target.read_text(encoding="utf-8") == "keep me"
    assert (tmp_path / "other.md").exists()


@pytest.mark.parametrize(
    ("typed", "understood"),
    [
        ("2026-12-21", "Mon 21 Dec 2026"),
        ("21/12/2026", "Mon 21 Dec 2026"),
        ("1/2/2026", "Sun 1 Feb 2026"),
        ("31/12/2026", "Thu 31 Dec 2026"),
        ("today", "Fri 15 Jan 2027"),
        ("yesterday", "Thu 14 Jan 2027"),
        ("", "Fri 15 Jan 2027"),  # Enter alone means today
    ],
)
def test_each_date_form_is_understood_and_shown(typed: str, understood: str) -> None:
    out = flat(triage(INFORMATION + ENTER + typed + ENTER + CONFIRM + "n"))
    assert f"understood as {understood}" in out
    assert f"Date raised: {understood}" in out


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("next tuesday", "'next tuesday' is not a date: type it as DD/MM/YYYY"),
        ("30/02/2026", "no such day: 30/02/2026 (there are 28 days in February 2026)"),
        ("31/13/2026", "no such day: 31/13/2026 has no month 13"),
        ("01/01/1980", "01/01/1980 is outside the years routewise can date (1990 to 2100)"),
        ("01/03/2027", "Mon 1 Mar 2027 is in the future: a matter cannot have been raised"),
    ],
)
def test_each_date_mistake_gets_its_own_message(typed: str, error: str) -> None:
    keys = INFORMATION + ENTER + typed + ENTER + CLEAR_LINE + "21/12/2026" + ENTER + CONFIRM + "n"
    out, prompts = triage_drawn(keys)
    assert f"! {error}" in prompts  # under the question, erased with it once answered
    assert error not in out
    assert "Date raised: Mon 21 Dec 2026" in flat(out)


def test_date_is_not_prefilled_so_typing_does_not_append() -> None:
    out = flat(triage(INFORMATION + ENTER + "21/12/2026" + ENTER + CONFIRM + "n"))
    assert "understood as Mon 21 Dec 2026" in out


def test_event_date_before_the_date_raised_is_refused() -> None:
    keys = (
        DISPUTE
        + ENTER
        + NO_POST
        + ENTER
        + "02/04/2026"
        + ENTER
        + "01/04/2026"
        + ENTER
        + CLEAR_LINE
        + ENTER
        + CONFIRM
        + ENTER
        + "n"
    )
    _, prompts = triage_drawn(keys)
    assert "! Wed 1 Apr 2026 is before the date the matter was raised (Thu 2 Apr 2026)" in prompts


def test_ctrl_c_exits_130_with_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run in an empty folder with the user's folders inside it: anything written would show
    # here. Only the cache (checked flows, bank holidays: nothing typed) lives elsewhere.
    monkeypatch.chdir(tmp_path)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_DOCUMENTS_DIR", "HOME"):
        monkeypatch.setenv(name, str(tmp_path))
    with keyboard(DOWN + CTRL_C):
        result = runner.invoke(cli.app, ["triage"], env={"COLUMNS": "200"})
    assert result.exit_code == 130
    assert "Cancelled; nothing was saved." in flat(result.output)
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_route_option_skips_the_first_question() -> None:
    keys = (
        DOWN
        + ENTER  # outside a meeting (where comes first: it decides which posts matter)
        + "Facebook [red]post[/red]"
        + ENTER
        + NO_POST  # the member who made the criticism leads no group
        + NO_POST  # nor does the member who was criticised
        + "21/12/2026"
        + ENTER
        + CONFIRM
        + "n"
    )
    out = triage(keys, "--route", "member-criticises-member")
    assert "Question 1 of" in out
    assert "Facebook [red]post[/red]" in flat(out)  # typed text printed as typed, not as markup


def test_back_from_a_text_prompt_refills_the_choice_and_text_is_kept() -> None:
    keys = (
        DOWN
        + ENTER  # outside a meeting
        + "Facebook"
        + ENTER
        + ESC  # at the member's post: back to the text question, "Facebook" typed in again
        + " post"
        + ENTER
        + ESC  # at the member's post again: back to the text question...
        + ESC  # ...and back again: to "where", the cursor on "outside a meeting"
        + ENTER  # Enter keeps it
        + ENTER  # the text question, still "Facebook post"
        + NO_POST  # neither member leads a group
        + NO_POST
        + "21/12/2026"
        + ENTER
        + CONFIRM
        + "n"
    )
    out = flat(triage(keys, "--route", "member-criticises-member"))
    assert "Facebook post" in out
    assert "outside" in out.lower()


def test_back_from_a_date_refills_the_date() -> None:
    keys = (
        DISPUTE
        + ENTER
        + NO_POST
        + ENTER  # an officer below Head of Service
        + "02/04/2026"
        + ENTER
        + ESC  # at the day the manager was told: back to the date raised, refilled
        + ENTER  # accept it as it is
        + "06/04/2026"
        + ENTER
        + CONFIRM
        + ENTER
        + "n"
    )
    out = flat(triage(keys))
    assert "02/04/2026: understood as Thu 2 Apr 2026" in out
    assert out.count("understood as Thu 2 Apr 2026") == 2  # typed once, refilled once
    assert "Date raised: Thu 2 Apr 2026" in out


def test_back_puts_the_cursor_on_the_earlier_answer() -> None:
    keys = (
        DISPUTE
        + DOWN
        + ENTER  # Have they met? -> No
        + ESC  # at the member's posts: back; the cursor is on "No"
        + ENTER  # so Enter keeps "No"
        + NO_POST
        + ENTER
        + "02/04/2026"
        + ENTER
        + "02/04/2026"
        + ENTER
        + CONFIRM
        + ENTER
        + "n"
    )
    out = flat(triage(keys))
    assert "Meet first, where that is reasonably practical" in out  # still "not yet met"


def test_back_undoes_the_route_choice() -> None:
    keys = (
        INFORMATION
        + UP
        + ENTER  # "Back" (the last choice): back to the choice of route
        + UP * 2
        + ENTER  # the cursor was on "information": two up is the member's concern... so go to dispute
    )
    keys = (
        INFORMATION
        + UP
        + ENTER
        + DOWN * 2
        + ENTER
        + ENTER
        + NO_POST
        + DOWN
        + ENTER
        + "02/04/2026"
        + ENTER
        + CONFIRM
        + "n"
    )
    out = flat(triage(keys))
    assert "Action plan: A dispute or conflict between an officer and a member" in out


def head_of_service_from_start() -> str:
    return plan_part(
        triage(DISPUTE + ENTER + NO_POST + DOWN + ENTER + "02/04/2026" + ENTER + CONFIRM + "n")
    )


def officer_from_start() -> str:
    keys = DISPUTE_TO_REVIEW + CONFIRM + ENTER + "n"
    return plan_part(triage(keys))


def test_change_at_review_from_head_of_service_to_officer_matches_answering_so() -> None:
    keys = (
        DISPUTE
        + ENTER
        + NO_POST
        + DOWN
        + ENTER
        + "02/04/2026"
        + ENTER
        + CHANGE
        + DOWN * 3
        + ENTER  # which answer? the officer's post
        + UP
        + ENTER  # the cursor was on "A Head of Service": up is "An officer below..."
        + "06/04/2026"
        + ENTER  # the new branch asks when the manager was told
        + CONFIRM
        + ENTER  # no name for the manager
        + "n"
    )
    out = triage(keys)
    review = flat(out[: out.rindex("Action plan:")])
    assert (
        "\u201cWhat is the post of the officer?\u201d: changed from A Head of Service to An "
        "officer below Head of Service (including a Team Manager)" in review
    )
    assert "dropped" not in review  # only an answer no longer asked is "dropped"
    assert plan_part(out) == officer_from_start()


def test_change_to_another_branch_names_answers_no_longer_asked() -> None:
    keys = (
        DISPUTE_TO_REVIEW
        + CHANGE
        + DOWN * 3
        + ENTER  # the officer's post
        + DOWN
        + ENTER  # now a Head of Service: no manager to tell
        + CONFIRM
        + "n"
    )
    out = triage(keys)
    review = flat(out[: out.rindex("Action plan:")])
    assert (
        "dropped: Mon 6 Apr 2026 (\u201cOn what date did the Chief Executive tell the Head of "
        "Service or Team Manager?\u201d): no longer asked" in review
    )
    assert review.rindex("dropped: Mon 6 Apr") > review.rindex("Check your answers") - 400
    assert plan_part(out) == head_of_service_from_start()


def test_start_again_clears_the_answers() -> None:
    keys = (
        DISPUTE
        + ENTER
        + NO_POST
        + DOWN
        + ENTER
        + "02/04/2026"
        + ENTER
        + RESTART
        + UP * 2
        + ENTER  # back at the first question (cursor on the dispute): information
        + ENTER
        + "21/12/2026"
        + ENTER
        + CONFIRM
        + "n"
    )
    out = flat(triage(keys))
    assert "Action plan: A member's request for information" in out


def test_help_on_request_shows_choice_help_and_role_descriptions() -> None:
    keys = DISPUTE + ENTER + NO_POST + "?" + DOWN + ENTER + "02/04/2026" + ENTER + CONFIRM + "n"
    out = flat(triage(keys))
    assert "A Head of Service: The officer leads a service" in out
    assert "Who is who:" in out


def test_council_titles_reach_questions_and_help(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[titles]\nchief-executive = "the Head of Paid Service"\n', encoding="utf-8")
    keys = (
        DISPUTE
        + ENTER
        + NO_POST
        + "?"
        + ENTER
        + "02/04/2026"
        + ENTER
        + ENTER
        + CONFIRM
        + ENTER
        + "n"
    )
    out = flat(triage(keys, "--config", str(config)))
    assert "The Head of Paid Service: The council's most senior officer" in out  # in the help
    assert "On what date did the Head of Paid Service tell" in out  # in the question
    assert "did the Chief Executive tell" not in out


def test_help_at_a_date_prompt_with_question_mark() -> None:
    keys = (
        DISPUTE
        + ENTER
        + NO_POST
        + ENTER
        + "?"  # at a date prompt, `?` shows the help at once (no Enter)
        + "02/04/2026"
        + ENTER
        + ENTER
        + CONFIRM
        + ENTER
        + "n"
    )
    out = flat(triage(keys))
    assert "The date the matter was raised is day 0" in out
    assert "a period counted from it starts the day after" in out
    # this route counts its meeting from when the manager is told: the help must not say
    # that every period counts from the date raised
    assert "count from a later event instead" in out


def test_plain_mode_numbers_choices_and_takes_typed_numbers() -> None:
    keys = "5" + ENTER + "1" + ENTER + "21/12/2026" + ENTER + "1" + ENTER + "n"
    out = triage(keys, "--plain")
    assert "1. A member has criticised an officer in public" in out
    assert "Action plan: A member's request for information" in flat(out)
    assert "\x1b[" not in out


def test_plain_mode_back_with_b() -> None:
    keys = (
        "7"
        + ENTER
        + "2"
        + ENTER
        + "b"
        + ENTER
        + ENTER
        + "2"
        + ENTER
        + "2"
        + ENTER
        + "02/04/2026"
        + ENTER
        + "1"
        + ENTER
        + "n"
    )
    out = flat(triage(keys, "--plain"))
    assert "Meet first, where that is reasonably practical" in out  # "No" was refilled as 2


def test_case_contacts_use_council_titles_and_refuse_over_long_names(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[titles]\nhead-of-service-or-team-manager = "the Service Manager"\n', encoding="utf-8"
    )
    keys = (
        DISPUTE
        + ENTER  # they have met
        + NO_POST  # the member holds none of the posts
        + ENTER  # an officer below Head of Service
        + "02/04/2026"
        + ENTER
        + "03/04/2026"
        + ENTER  # the day the manager was told
        + CONFIRM
        + "x" * 201
        + ENTER  # refused: too long, asked again
        + CLEAR_LINE
        + "Sam Lee"
        + ENTER
        + ENTER  # no email
        + ENTER  # no phone
        + "n"
    )
    out = flat(triage(keys, "--config", str(config)))
    assert "Who is the Service Manager?" in out
    assert "the Service Manager (Sam Lee)" in out  # the long name was refused and asked again
    assert "x" * 201 not in out


def test_the_cursor_stays_on_its_choice_after_help() -> None:
    """`?` shows the help and asks again with the cursor where it was, not on the first."""
    with keyboard(DOWN + DOWN + "?" + ENTER + CTRL_C):
        result = runner.invoke(cli.app, ["triage"], env={"COLUMNS": "200"})
    out = flat(result.output)
    assert "> A member has a concern about an officer's performance or behaviour" in out


@pytest.mark.parametrize("width", range(30, 61, 3))
def test_wrapped_choices_and_messages_never_split_a_date(
    width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The "Which answer?" list shows each answer in brackets: at 60 columns a date split
    # across two lines ("Tue 23 Dec / 2025") was found by the newcomer check.
    label = "When was the unresolved difference raised? (Tue 23 Dec 2025)"
    lines = asker.wrapped_label(label, width).split("\n")
    assert any("Tue 23 Dec 2025" in line for line in lines), lines
    assert all(len(line) <= max(width, 20) for line in lines)
    monkeypatch.setattr(screen, "screen_width", lambda: width)
    screen.say("The meeting is due by the end of Tue 7 Apr 2026, counted in working days.", 2, 2)
    printed = capsys.readouterr().out.splitlines()
    assert any("Tue 7 Apr 2026" in line for line in printed), printed
    assert all(len(line) < width for line in printed)


def test_text_that_is_not_utf8_is_asked_again_not_a_traceback() -> None:
    """A Latin-1 terminal sends "é" as the byte 0xe9: it reached Person() as a lone
    surrogate and the wizard stopped with a pydantic traceback (exit 1)."""
    from routewise.flows.loader import load_catalogue
    from routewise.flows.locations import default_flows_dir

    catalogue = load_catalogue(default_flows_dir())
    with create_pipe_input() as pipe:
        pipe.send_bytes(b"Ren\xe9e\r" + CLEAR_LINE.encode() + "Renée\r\r\r".encode())
        with create_app_session(input=pipe, output=DummyOutput()):
            found = settings_prompts.ask_case_contacts(catalogue, ["officers-head-of-service"])
    assert found["officers-head-of-service"].name == "Renée"
    with create_pipe_input() as pipe:  # a free-text question asks again too
        pipe.send_bytes(b"Ren\xe9e\r" + "Renée\r".encode())
        with create_app_session(input=pipe, output=DummyOutput()):
            typed = asker.Asker().text("Who?", "", optional=False, back=False, helps=False)
    assert typed == "Renée"
    refused = settings_prompts.validate_setting("Ren\udce9e")  # config init's names, emails, phones
    assert isinstance(refused, str) and "UTF-8" in refused


def test_prompts_share_one_set_of_default_key_bindings() -> None:
    """prompt_toolkit's default bindings are built once, not three times a question (about
    25 ms each time); the keys still work, as every test in this file shows."""
    import questionary

    with create_pipe_input() as pipe:
        first = questionary.select("One?", choices=["a", "b"], input=pipe, output=DummyOutput())
        second = questionary.text("Two?", input=pipe, output=DummyOutput())
    shared = first.application._default_bindings
    assert second.application._default_bindings is shared


def test_the_key_binding_patch_was_checked_against_the_installed_prompt_toolkit() -> None:
    """The patch of prompt_toolkit's internals is guarded by the series it was checked
    against: a new series fails here, so that someone checks `Application.__init__` still
    builds its bindings through `application.load_key_bindings` before widening the guard."""
    import prompt_toolkit
    from prompt_toolkit.application import application

    from routewise.wizard.keys import PATCHED_SERIES

    assert prompt_toolkit.__version__.startswith(PATCHED_SERIES)
    assert hasattr(application.load_key_bindings, "cache_info")  # the patch is in place


def test_a_later_date_raised_asks_again_for_an_event_date_now_before_it() -> None:
    """Changing the date raised to after the event's date used to pass the review and then
    stop with an error when the plan was built, every answer lost."""
    keys = (
        DISPUTE_TO_REVIEW
        + CHANGE
        + DOWN * 4
        + ENTER  # the date raised (its old value is filled in: clear it)
        + CLEAR_LINE
        + "08/04/2026"
        + ENTER
        + "09/04/2026"
        + ENTER  # the manager's date, asked again
        + CONFIRM
        + ENTER  # no name for the manager
        + "n"
    )
    out = flat(triage(keys))
    assert (
        "! Mon 6 Apr 2026 (\u201cOn what date did the Chief Executive tell the Head of Service "
        "or Team Manager?\u201d) is now before the date the matter was raised (Wed 8 Apr "
        "2026): asked again" in out
    )
    assert "Thu 9 Apr 2026" in plan_part(out)


def test_a_contact_email_that_is_not_an_address_is_asked_again() -> None:
    """A plan sends people to the email it names: "sam.example" is refused as it is typed,
    in the case contacts and in `config init`, instead of reaching the plan."""
    from routewise.flows.loader import load_catalogue
    from routewise.flows.locations import default_flows_dir

    catalogue = load_catalogue(default_flows_dir())
    keys = "Sam Lee\r" + "sam.example\r" + CLEAR_LINE + "sam@council.gov.uk\r" + "\r"
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            found = settings_prompts.ask_case_contacts(catalogue, ["officers-head-of-service"])
    assert found["officers-head-of-service"].email == "sam@council.gov.uk"
    refused = settings_prompts.validate_email_setting("sam.example")
    assert isinstance(refused, str) and refused.startswith("That is not an email address")
    assert settings_prompts.validate_email_setting("") is True  # optional
    assert settings_prompts.validate_email_setting("sam@council.gov.uk") is True
