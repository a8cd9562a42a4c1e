"""Issue 16's wizard items in a real terminal (tmux) at 60 columns and 40 rows: one Enter
that changes nothing, nothing left behind or cut, help that can be read, and a save that
never loses the plan."""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.terminal import Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
WAIT = "sleep 1; "
"""tmux may give a new pane its 60 columns a moment after the command starts: wait first."""


@pytest.fixture
def narrow(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(
        f"{WAIT}{sys.executable} -m routewise triage; echo EXIT=$?; sleep 30", tmp_path, 60, 40
    )
    yield term
    term.close()


def fits(screen: str) -> bool:
    return all(len(line) <= 60 for line in screen.splitlines())


def to_member_posts(term: Terminal) -> None:
    term.wait_for("What is the problem?")
    term.keys("Down", "Down", "Down", "Down", "Down", "Down", "Enter")  # a dispute
    term.wait_for("already met")
    term.keys("Enter")  # yes
    term.wait_for("Does the member hold any of these posts?")


def test_enter_alone_at_the_member_posts_is_refused_and_back_leaves_nothing(
    narrow: Terminal,
) -> None:
    to_member_posts(narrow)
    narrow.keys("Enter")  # nothing ticked
    screen = narrow.wait_for("Nothing is ticked")
    said = " ".join(screen.split())
    assert "Nothing is ticked: tick each that applies with Space, or “None of these (an" in said
    assert "ordinary member)”, then Enter." in said
    assert "Question 4" not in screen  # nothing was recorded: still question 3
    assert fits(screen)
    narrow.keys("Down", "Space", "Enter")  # "None of these"
    narrow.wait_for("What is the post of the officer?")
    narrow.keys("Escape")  # back to the member's posts
    screen = narrow.wait_for("Space ticks each")
    assert "Question 4" not in narrow.screen()  # the header went with its prompt
    assert "● None of these (an ordinary member)" in screen  # the answer is refilled


def test_the_first_questions_help_is_read_a_screenful_at_a_time(narrow: Terminal) -> None:
    narrow.wait_for("What is the problem?")
    narrow.keys("?")
    narrow.wait_for("(Enter for more help)")
    visible = narrow.screen(history=False)
    assert "Pick the closest match" in visible  # the top of the help is still on screen
    assert fits(visible)
    narrow.keys("Enter")
    narrow.wait_for("(Enter to go back to the question)")
    narrow.keys("Enter")
    deadline = time.monotonic() + 20
    while "arrows, then Enter" not in (after := narrow.screen().split("Officer for advice.")[-1]):
        assert time.monotonic() < deadline, narrow.screen()
        time.sleep(0.1)
    assert "Question 1 of at most 6" in after  # the question is asked again, under the help


def test_question_mark_at_a_date_shows_help_at_once(narrow: Terminal) -> None:
    narrow.wait_for("What is the problem?")
    narrow.keys("Down", "Down", "Down", "Down", "Enter")  # information
    narrow.wait_for("Can the information be provided?")
    narrow.keys("Enter")
    narrow.wait_for("DD/MM/YYYY")
    narrow.keys("?")  # no Enter
    screen = narrow.wait_for("The date the matter was raised is day 0")
    assert "?" not in screen.splitlines()[-1]  # no "?" left typed on the line


def test_email_refusal_and_saved_path_are_whole_at_60_columns(
    narrow: Terminal, tmp_path: Path
) -> None:
    to_member_posts(narrow)
    narrow.keys("Down", "Space", "Enter")
    narrow.wait_for("What is the post of the officer?")
    narrow.keys("Enter")
    narrow.wait_for("DD/MM/YYYY")
    narrow.keys("02/04/2026", "Enter")
    narrow.wait_for("tell the Head of Service or Team Manager?")
    narrow.keys("Enter")
    narrow.wait_for("Are these right?")
    narrow.keys("Enter")
    narrow.wait_for("Name")
    narrow.keys("Sam Lee", "Enter")
    narrow.wait_for("Email for Sam Lee")
    narrow.keys("sam.example", "Enter")
    screen = narrow.wait_for("j.smith@council.gov.uk")
    assert "That is not an email address: expected an email" in screen
    assert "such as j.smith@council.gov.uk" in " ".join(screen.split())
    assert fits(screen)
    narrow.keys("C-u", "sam@example.gov.uk", "Enter")
    narrow.wait_for("Phone for Sam Lee")
    narrow.keys("Enter")
    narrow.wait_for("Save this plan to a file?")
    narrow.keys("y")
    screen = narrow.wait_for(".json the JSON plan")
    missing = tmp_path / "not-made-yet" / "plan.md"
    narrow.keys("C-u", str(missing), "Enter")
    screen = narrow.wait_for("does not exist: create it first")
    assert fits(screen)
    target = tmp_path / "a-long-folder-name-for-the-plans-of-the-council" / "routewise-plan.md"
    target.parent.mkdir()
    narrow.keys("C-u", str(target), "Enter")
    narrow.wait_for("Save it as a case in the register")
    narrow.keys("n")  # the case register's question (issue 19)
    screen = narrow.wait_for("EXIT=0")
    lines = screen.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Saved the plan to"))
    end = next(n for n, line in enumerate(lines) if "Save it as a case" in line)
    saved = lines[start:end]
    assert fits("\n".join(saved))
    assert all(line.rstrip().endswith("/") for line in saved[:-1]), saved
    assert target.read_text(encoding="utf-8").startswith("# Action plan")


def test_config_init_at_60_columns(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    term = Terminal(
        f"{WAIT}{sys.executable} -m routewise config init --config {target}; echo EXIT=$?; "
        "sleep 30",
        tmp_path,
        60,
        40,
    )
    try:
        term.wait_for("Council name")
        term.keys("Enter")
        term.wait_for("Which bank holidays apply?")
        term.keys("Enter")
        screen = term.wait_for("Council closure days")
        assert "(each DD/MM/YYYY, or a range such as" in screen
        assert "24/12/2026..31/12/2026; Enter for none)" in screen  # the range is never split
        term.keys("24/12/2026", "Enter")
        term.wait_for("Add or change a named contact")
        term.keys("y")
        screen = term.wait_for("Which role?")
        assert fits(screen)
        roles = screen.split("Which role?")[-1]
        assert "the Chief Executive" in roles and "the Monitoring Officer" in roles
        listed = " ".join(roles.split())
        assert "the Strategic Director of Place / Director of Housing and Customer" in listed
        for not_one_person in ("you", "either party", "other members", "the Chair"):
            assert f" {not_one_person}\n" not in roles
        term.keys("Down", "Down", "Enter")  # the answer is printed whole, wrapped at words
        screen = term.wait_for("Name")
        assert "> the Strategic Director of Place / Director of Housing and Customer" in (
            " ".join(screen.split())
        )
        assert fits(screen)
        term.keys("C-c")
        assert "EXIT=130" in term.wait_for("EXIT=")
    finally:
        term.close()


def test_config_show_at_60_columns_splits_no_word_and_breaks_a_long_path_at_a_slash(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "a-long-folder-name-for-the-council-settings" / "routewise-settings"
    folder.mkdir(parents=True)
    config = folder / "config.toml"
    config.write_text(
        '[titles]\nofficers-head-of-service = "the officer\'s Service Director"\n',
        encoding="utf-8",
    )
    term = Terminal(
        f"{WAIT}{sys.executable} -m routewise config show --config {config}; "
        "echo EXIT=$?; sleep 30",
        tmp_path,
        60,
        40,
    )
    try:
        screen = term.wait_for("EXIT=0")
        lines = screen.splitlines()
        assert fits(screen)
        start = lines.index("Config file (command line (--config); exists):") + 1
        end = next(n for n, line in enumerate(lines) if line.startswith("Settings"))
        path_lines = lines[start:end]
        assert len(path_lines) > 1 and all(x.endswith("/") for x in path_lines[:-1]), path_lines
        assert "".join(x.strip() for x in path_lines) == str(config)
        assert "  title: officers-head-of-service: the officer's Service" in lines
    finally:
        term.close()
