"""Terminal wrapping: lines never cut a word, a paragraph sign from its number, or a date."""

from __future__ import annotations

import re

import pytest

from routewise.render_terminal import wrap

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
