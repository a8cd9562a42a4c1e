"""A whole session in a real terminal (tmux): what a council officer actually sees."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import ANSWERS
from tests.terminal import Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    command = f"{sys.executable} -m routewise triage; echo EXIT=$?; sleep 30"
    term = Terminal(command, tmp_path)
    yield term
    term.close()


def test_full_session_in_a_terminal(terminal: Terminal, tmp_path: Path) -> None:
    terminal.wait_for("What is the problem?")
    terminal.keys("Down", "Down", "Down", "Down", "Down", "Down", "Enter")  # a dispute
    terminal.wait_for("already met")
    terminal.keys("Down", "Enter")  # not yet
    terminal.wait_for("Does the member hold any of these posts?")
    terminal.keys("Down", "Space", "Enter")  # tick "None of these"
    terminal.wait_for("post of the officer")
    terminal.keys("Enter")  # an officer
    terminal.wait_for("> today")  # the date prompt: today is a hint, not typed text
    terminal.keys("2026-04-02", "Enter")
    terminal.wait_for("tell the Head of Service or Team Manager?")
    terminal.keys("2026-04-02", "Enter")
    terminal.wait_for("Are these right?")
    terminal.keys("Enter")
    terminal.wait_for("Who is the appropriate Head of Service or Team Manager?")
    terminal.keys("Sam Lee", "Enter")
    terminal.wait_for("Email for Sam Lee")
    terminal.keys("sam.lee@example.gov.uk", "Enter")
    terminal.wait_for("Phone for Sam Lee")
    terminal.keys("Enter")
    screen = terminal.wait_for("Save this plan to a file?")
    assert (
        "the appropriate Head of Service or Team Manager (Sam Lee, sam.lee@example.gov.uk)"
        in screen
    )
    assert "Action plan: A dispute or conflict between an officer and a member" in screen
    assert "ideally within 2 days: ideally by Tue 7 Apr 2026" in screen
    assert "Meet first, where that is reasonably practical" in screen
    terminal.keys("y")
    terminal.wait_for("File to save to")
    saved = tmp_path / "routewise-officer-member-dispute-2026-04-02.md"
    terminal.keys("C-u", str(saved), "Enter")
    terminal.wait_for("Save it as a case in the register")
    terminal.keys("n")
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=0" in screen
    assert f"Savedtheplanto{saved}" in "".join(screen.split())  # the absolute path
    assert saved.read_text(encoding="utf-8").startswith("# Action plan")
    assert saved.stat().st_mode & 0o777 == 0o600


def test_ctrl_c_in_a_terminal(terminal: Terminal, tmp_path: Path) -> None:
    terminal.wait_for("What is the problem?")
    terminal.keys("C-c")
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=130" in screen
    assert "Cancelled; nothing was saved." in screen
    assert "Traceback" not in screen
    assert list(tmp_path.iterdir()) == []


def _narrow(tmp_path: Path) -> Terminal:
    command = f"{sys.executable} -m routewise triage; echo EXIT=$?; sleep 30"
    return Terminal(command, tmp_path, width=60, height=40)


def _answer_head_of_service_dispute(term: Terminal) -> None:
    term.wait_for("What is the problem?")
    term.keys("Down", "Down", "Down", "Down", "Down", "Down", "Enter")
    term.wait_for("already met")
    term.keys("Enter")  # yes
    term.wait_for("Does the member hold any of these posts?")
    term.keys("Down", "Space", "Enter")  # tick "None of these"
    term.wait_for("post of the officer")
    term.keys("Down", "Enter")  # a Head of Service
    term.wait_for("DD/MM/YYYY")


def test_narrow_terminal_back_change_at_review_and_next_on_screen(tmp_path: Path) -> None:
    term = _narrow(tmp_path)
    try:
        _answer_head_of_service_dispute(term)
        term.keys("Escape")  # back to the officer's post, the cursor on "A Head of Service"
        term.wait_for("Back to the previous question")
        term.keys("Enter")  # keep it
        term.wait_for("DD/MM/YYYY")
        term.keys("02/04/2026", "Enter")
        term.wait_for("Are these right?")
        term.keys("Down", "Enter")  # change an answer
        term.wait_for("Which answer?")
        term.keys("Down", "Down", "Down", "Enter")  # the officer's post
        term.wait_for("Back to the previous question")
        term.keys("Up", "Enter")  # an officer below Head of Service
        term.wait_for("tell the Head of Service")
        term.keys("Enter")  # not yet known
        screen = term.wait_for("Are these right?")
        flat = " ".join(screen.split())
        assert "changed from A Head of Service to An officer below" in flat
        term.keys("Enter")  # show the plan
        term.wait_for("Who is the appropriate Head of Service")
        term.keys("Enter")  # no name
        term.wait_for("Save this plan")
        first = term.screen(history=False)  # what is on screen now, without scrolling
        assert "Next: either party: If the difference cannot be" in first
        assert "Timeline" in first
    finally:
        term.close()


def test_back_is_wrapped_not_cut_at_30_columns(tmp_path: Path) -> None:
    """The Back choice wraps like every label: at 30 columns it was cut mid-word."""
    command = f"{sys.executable} -m routewise triage; echo EXIT=$?; sleep 30"
    term = Terminal(command, tmp_path, width=30, height=40)
    try:
        term.wait_for("What is the problem?")
        term.keys("Down", "Down", "Enter")  # a member's concern about an officer
        screen = term.wait_for("Back to the previous question")
        lines = screen.splitlines()
        back = next(n for n, line in enumerate(lines) if "Back to the previous" in line)
        assert lines[back].rstrip().endswith("Back to the previous"), lines[back]
        assert lines[back + 1].strip() == "question", lines[back + 1]
        assert all(len(line.rstrip()) <= 30 for line in lines)
    finally:
        term.close()


def test_head_of_service_plan_opens_with_next_and_timeline_at_60x40(tmp_path: Path) -> None:
    """Acceptance: the first screen after the last answer shows Next and the timeline."""
    term = _narrow(tmp_path)
    try:
        _answer_head_of_service_dispute(term)
        term.keys("02/04/2026", "Enter")
        term.wait_for("Are these right?")
        term.keys("Enter")
        term.wait_for("Save this plan")
        on_screen = term.screen(history=False)  # the 40 lines the user sees, no scrolling
        assert "Next: either party: If the difference cannot be" in on_screen
        assert "Timeline" in on_screen
        assert "no date set: as soon as possible" in on_screen
        lines = term.screen(history=True).splitlines()  # and it is how the plan opens
        start = next(n for n, line in enumerate(lines) if line.startswith("Action plan"))
        assert lines[start + 2].startswith("Next: either party")
    finally:
        term.close()


def test_nothing_cut_off_and_no_trailing_spaces_at_60_columns(tmp_path: Path) -> None:
    answers = ANSWERS / "dispute-head-of-service.yaml"
    command = (
        f"{sys.executable} -m routewise triage --answers {answers} --format rich | cat; "
        f"{sys.executable} -m routewise triage --answers {answers} --format rich; "
        "echo EXIT=$?; sleep 30"
    )
    term = Terminal(command, tmp_path, width=60, height=40)
    try:
        screen = term.wait_for("EXIT=")
        lines = screen.splitlines()
        assert not [line for line in lines if line.endswith(" ")]
        assert all(len(line) <= 60 for line in lines)
        text = " ".join(screen.split())
        # no word broken across a line: each of these is found whole
        for phrase in ("Strategic Director of Place", "\u00b6\u00a08", "Sources"):
            assert phrase in screen or phrase in text
        assert "\u00b6\n" not in screen and "\u00b6 \n" not in screen  # ¶ never ends a line
    finally:
        term.close()


def test_wizard_prompts_wrap_at_words_at_60_columns(tmp_path: Path) -> None:
    term = _narrow(tmp_path)
    try:
        screen = term.wait_for("What is the problem?")
        assert "(social" in screen and "media, or an email copied to others)" in screen
        assert "conflict" in screen and "they have not resolved" in screen
        assert not [line for line in screen.splitlines() if len(line) > 60]
    finally:
        term.close()
