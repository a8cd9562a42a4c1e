"""Dates a user types or writes in a file: YYYY-MM-DD or the UK's DD/MM/YYYY (day first, as
the wizard reads them), within the years the calendar knows.

Every date from the user is checked here, before any arithmetic, so a year
such as 9999 is a clear error instead of an overflow three steps later.
"""

from __future__ import annotations

import os
import re
from datetime import date

from routewise.base.errors import UserError
from routewise.base.safe_text import quoted
from routewise.calendar.regions import EARLIEST_YEAR, LATEST_YEAR

_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_UK_DAY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
EXAMPLE = "2026-12-21"
FORMS = f"YYYY-MM-DD or DD/MM/YYYY (day first), for example {EXAMPLE} or 21/12/2026"


def day_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) as written, YYYY-MM-DD or DD/MM/YYYY (day first), not yet checked;
    None for any other form. The one reading of a typed date, for options, files and prompts."""
    iso = _ISO_DAY.fullmatch(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        return year, month, day
    uk = _UK_DAY.fullmatch(text)
    if uk:
        day, month, year = (int(g) for g in uk.groups())
        return year, month, day
    return None


def parse_day(text: str) -> date:
    """A date within range, as YYYY-MM-DD or DD/MM/YYYY; ValueError with the reason otherwise."""
    stripped = text.strip()
    if not stripped:
        raise ValueError(f"expected a date as {FORMS}; found nothing")
    parts = day_parts(stripped)
    if parts is None:
        raise ValueError(f"expected a date as {FORMS}; found {quoted(text)}")
    try:
        day = date(*parts)
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


ENV_TODAY = "ROUTEWISE_TODAY"


def today() -> date:
    """The day routewise takes as today: the real date, or ROUTEWISE_TODAY (a date as
    typed anywhere else) to see a plan as of another day, and to pin tests to one day."""
    text = os.environ.get(ENV_TODAY, "").strip()
    if not text:
        return date.today()
    try:
        return parse_day(text)
    except ValueError as exc:
        raise UserError(f"{ENV_TODAY}: {exc}") from None


def future_raised(day: date, today: date, named: str | None = None) -> str | None:
    """Why `day` cannot be the date a matter was raised, or None. The one rule, in the same
    words, for `--raised`, an answers file's `raised:` and the wizard (and the case
    register): a matter cannot have been raised after today. `named` is the route's own
    name for that date, where it has one ("the date received"), to say it in its words."""
    if day <= today:
        return None
    from routewise.calendar.working_days import format_day

    said = (
        f"{named} cannot be after today"
        if named
        else "a matter cannot have been raised after today"
    )
    return f"{format_day(day)} is in the future: {said} ({format_day(today)})"


def option_date(text: str, option: str) -> date:
    """A date given on the command line; a UserError naming the option otherwise."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise UserError(f"{option}: {exc}") from None
