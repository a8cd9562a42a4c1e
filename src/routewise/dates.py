"""Dates a user types or writes in a file: YYYY-MM-DD or the UK's DD/MM/YYYY (day first, as
the wizard reads them), within the years the calendar knows.

Every date from the user is checked here, before any arithmetic, so a year
such as 9999 is a clear error instead of an overflow three steps later.
"""

from __future__ import annotations

import re
from datetime import date

from routewise.calendar import EARLIEST_YEAR, LATEST_YEAR
from routewise.errors import UserError
from routewise.safe_text import quoted

_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_UK_DAY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
EXAMPLE = "2026-12-21"
FORMS = f"YYYY-MM-DD or DD/MM/YYYY (day first), for example {EXAMPLE} or 21/12/2026"


def parse_day(text: str) -> date:
    """A date within range, as YYYY-MM-DD or DD/MM/YYYY; ValueError with the reason otherwise."""
    stripped = text.strip()
    if not stripped:
        raise ValueError(f"expected a date as {FORMS}; found nothing")
    iso, uk = _ISO_DAY.fullmatch(stripped), _UK_DAY.fullmatch(stripped)
    if iso:
        year, month, day_of_month = (int(g) for g in iso.groups())
    elif uk:
        day_of_month, month, year = (int(g) for g in uk.groups())
    else:
        raise ValueError(f"expected a date as {FORMS}; found {quoted(text)}")
    try:
        day = date(year, month, day_of_month)
    except ValueError:
        raise ValueError(f"{quoted(text)} is not a real date") from None
    check_year(day)
    return day


def check_year(day: date) -> date:
    """The calendar covers EARLIEST_YEAR to LATEST_YEAR; refuse anything else up front."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ValueError(
            f"{day.isoformat()} is outside the years routewise can count working days for "
            f"({EARLIEST_YEAR} to {LATEST_YEAR})"
        )
    return day


def option_date(text: str, option: str) -> date:
    """A date given on the command line; a UserError naming the option otherwise."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise UserError(f"{option}: {exc}") from None
