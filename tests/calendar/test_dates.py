"""Dates as typed: one reading (`day_parts`) for options, answers files and the wizard."""

from __future__ import annotations

from datetime import date

import pytest

from routewise.calendar.dates import day_parts, parse_day
from routewise.wizard.logic import DateProblem, parse_date_text

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-21", date(2026, 12, 21)),
        ("2026-1-5", date(2026, 1, 5)),
        ("21/12/2026", date(2026, 12, 21)),
        ("3/4/2026", date(2026, 4, 3)),  # day first, as in the UK: 3 April
        (" 05/01/2026 ", date(2026, 1, 5)),
    ],
)
def test_the_command_line_and_the_wizard_read_a_date_the_same_way(
    typed: str, expected: date
) -> None:
    assert parse_day(typed) == expected
    assert parse_date_text(typed, TODAY) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "21.12.2026",
        "2026/12/21",
        "21-12-2026",
        "2026-W51-1",
        "\u0661/\u0661/\u0662\u0660\u0662\u0666",
    ],
)
def test_other_forms_are_refused_by_both(typed: str) -> None:
    assert day_parts(typed) is None
    with pytest.raises(ValueError, match="expected a date as YYYY-MM-DD or DD/MM/YYYY"):
        parse_day(typed)
    with pytest.raises(DateProblem, match="is not a date"):
        parse_date_text(typed, TODAY)
