"""Drive the real questionary prompts with keys, from the first question to the printed plan."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from routewise import cli

DOWN, UP, ENTER, CTRL_C, CLEAR_LINE = "\x1b[B", "\x1b[A", "\r", "\x03", "\x15"
runner = CliRunner()


def flat(text: str) -> str:
    """The output with rich's line wrapping undone."""
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
    monkeypatch.setattr(cli, "stdin_is_interactive", lambda: True)


def test_information_request_from_first_question_to_plan(tmp_path: Path) -> None:
    keys = (
        DOWN * 4
        + ENTER  # What is the problem? -> a member needs information
        + ENTER  # Can the information be provided? -> Yes
        + CLEAR_LINE
        + "2026-12-21"
        + ENTER  # When did the member ask?
        + "n"  # Save this plan as markdown? -> no
    )
    with keyboard(keys):
        result = runner.invoke(cli.app, ["triage"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Action plan: A member's request for information" in flat(result.output)
    assert "within 5 working days: by Wed 30 Dec 2026" in flat(result.output)
    assert "the relevant Group Leader, Cabinet Member or officer" in flat(result.output)


def test_dispute_with_head_of_service_asks_and_moves_rung(tmp_path: Path) -> None:
    keys = (
        DOWN * 6
        + ENTER  # a dispute between an officer and a member
        + ENTER  # Have they met? -> yes
        + DOWN
        + ENTER  # the member holds none of these posts
        + DOWN
        + ENTER  # the officer is a Head of Service
        + CLEAR_LINE
        + "2026-04-02"
        + ENTER
        + "n"
    )
    with keyboard(keys):
        result = runner.invoke(cli.app, ["triage"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Strategic Director of Place" in flat(result.output)
    assert (
        "so the appropriate Head of Service or Team Manager would be the officer themself"
        in flat(result.output)
    )


def test_none_of_these_gives_marked_general_advice() -> None:
    keys = DOWN * 7 + ENTER + "n"
    with keyboard(keys):
        result = runner.invoke(
            cli.app, ["triage", "--raised", "2026-12-21"], env={"COLUMNS": "200"}
        )
    assert result.exit_code == 0, result.output
    assert "Monitoring Officer" in flat(result.output)
    assert "general advice, not from the documents" in flat(result.output)


def test_save_offer_writes_private_markdown(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    keys = (
        DOWN * 4
        + ENTER
        + ENTER
        + CLEAR_LINE
        + "2026-12-21"
        + ENTER
        + "y"
        + CLEAR_LINE
        + str(target)
        + ENTER
    )
    with keyboard(keys):
        result = runner.invoke(cli.app, ["triage"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Action plan: A member's request for information")
    assert "within 5 working days: by Wed 30 Dec 2026" in text
    assert target.stat().st_mode & 0o777 == 0o600


def test_save_offer_asks_before_overwriting(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("keep me", encoding="utf-8")
    keys = (
        DOWN * 4
        + ENTER
        + ENTER
        + CLEAR_LINE
        + "2026-12-21"
        + ENTER
        + "y"
        + CLEAR_LINE
        + str(target)
        + ENTER
        + "n"  # Overwrite? -> no, so it asks for another name
        + CLEAR_LINE
        + str(tmp_path / "other.md")
        + ENTER
    )
    with keyboard(keys):
        result = runner.invoke(cli.app, ["triage"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == "keep me"
    assert (tmp_path / "other.md").exists()


def test_invalid_date_is_asked_again() -> None:
    keys = (
        DOWN * 4
        + ENTER
        + ENTER
        + CLEAR_LINE
        + "21/12/2026"
        + ENTER  # refused: not YYYY-MM-DD
        + CLEAR_LINE
        + "2026-12-21"
        + ENTER
        + "n"
    )
    with keyboard(keys):
        result = runner.invoke(cli.app, ["triage"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Mon 21 Dec 2026" in flat(result.output)


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
    # Where? -> outside a meeting; then the channel, typed with rich markup in it
    keys = (
        ENTER  # the member who made the criticism holds none of the posts (nothing ticked)
        + ENTER  # nor does the member who was criticised
        + DOWN
        + ENTER
        + "Facebook [red]post[/red]"
        + ENTER
        + CLEAR_LINE
        + "2026-12-21"
        + ENTER
        + "n"
    )
    with keyboard(keys):
        result = runner.invoke(
            cli.app, ["triage", "--route", "member-criticises-member"], env={"COLUMNS": "200"}
        )
    assert result.exit_code == 0, result.output
    assert "Facebook [red]post[/red]" in flat(
        result.output
    )  # typed text printed as typed, not as markup


def test_back_undoes_the_last_answer_and_the_route_choice() -> None:
    keys = (
        DOWN * 4
        + ENTER  # a member needs information
        + UP
        + ENTER  # Can it be provided? -> "Back" (the last choice): back to the choice of route
        + DOWN * 6
        + ENTER  # a dispute instead
        + ENTER  # Have they met? -> yes
        + UP
        + ENTER  # the member's posts -> "Back": back to "have they met?"
        + DOWN
        + ENTER  # no, they have not met
        + DOWN
        + ENTER  # the member holds none of these posts
        + ENTER  # an officer
        + CLEAR_LINE
        + "2026-04-02"
        + ENTER
        + "2026-04-02"
        + ENTER  # the day the Head of Service or Team Manager was told
        + ENTER  # no name for the Head of Service or Team Manager
        + "n"
    )
    with keyboard(keys):
        result = runner.invoke(cli.app, ["triage"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert "Action plan: A dispute or conflict between an officer and a member" in out
    assert "Meet first, where that is reasonably practical" in out  # corrected: not yet met
    assert "ideally within 2 days: by Tue 7 Apr 2026" in out
