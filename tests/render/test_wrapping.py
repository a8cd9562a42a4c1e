"""Terminal wrapping (wrapping.py): lines never cut a word, a paragraph sign from its number,
or a date; and output that is not a terminal is left unwrapped."""

from __future__ import annotations

import re

import pytest

from routewise.render import wrapping
from routewise.render.wrapping import wrap

TEXT = (
    "Acknowledge within 5 working days, by Tue 3 Nov 2026; if it is not resolved, escalate "
    "by Wed 30 Dec 2026 (NWLDC Constitution 5.6, \u00b6\u00a05)."
)
DATES = ["Tue 3 Nov 2026", "Wed 30 Dec 2026"]


@pytest.mark.parametrize("width", range(20, 80))
def test_dates_and_paragraph_numbers_stay_on_one_line(width: int) -> None:
    lines = wrap(TEXT, width, "   ", "   ")
    assert " ".join(" ".join(lines).split()) == " ".join(TEXT.split())
    assert all(len(line) <= max(width, 13) or " " not in line.strip() for line in lines)
    for day in DATES:
        assert any(day in line for line in lines), (day, lines)
    assert any(re.search("\u00b6\u00a05", line) for line in lines)


def test_text_holding_the_placeholder_character_is_printed_as_it_is() -> None:
    text = "Name: A\ue000B, due Tue 3 Nov 2026."
    assert " ".join(wrap(text, 200)) == text


def test_control_characters_are_shown_not_sent() -> None:
    lines = wrap("Name: \x1b[2JSam, due Tue 3 Nov 2026.", 20)
    assert "\x1b" not in "".join(lines) and "\\x1b" in "".join(lines)


def test_output_that_is_not_a_terminal_has_no_width(monkeypatch: pytest.MonkeyPatch) -> None:
    class Piped:
        def isatty(self) -> bool:
            return False

    monkeypatch.setattr(wrapping.sys, "stdout", Piped())
    assert wrapping.terminal_width() is None


def test_a_terminal_has_its_own_width_and_never_less_than_20(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(wrapping.sys, "stdout", Terminal())
    monkeypatch.setenv("COLUMNS", "60")
    assert wrapping.terminal_width() == 60
    monkeypatch.setenv("COLUMNS", "8")
    assert wrapping.terminal_width() == 20


@pytest.mark.parametrize("width", [30, 40, 60])
def test_a_path_or_address_too_long_for_the_line_breaks_at_a_slash_dot_or_at(width: int) -> None:
    path = "/home/officer/Documents/member-officer-disputes/routewise-plan-2026-04-02.md"
    lines = wrap(f"Saved the plan to {path}", width)
    assert "".join("".join(line.split()) for line in lines) == f"Savedtheplanto{path}"
    assert all(len(line) <= width for line in lines), lines
    assert all(line.endswith("/") for line in lines[1:-1]), lines  # a path breaks at "/" only
    email = "samantha.longname-of-the-officer@north-west-leicestershire.gov.uk"
    lines = wrap(f"Contact: Sam ({email})", width)
    assert all(line.rstrip().endswith((".", "@", "(Sam")) for line in lines[:-1]), lines


def test_an_ordinary_word_is_never_split_at_a_dot() -> None:
    assert wrap("See e.g. the Constitution 5.6 for the procedure", 20) == [
        "See e.g. the",
        "Constitution 5.6 for",
        "the procedure",
    ]
