"""Working days: weekends, UK bank holidays for a region, and council closure days.

Convention (also in README.md): the start date is day 0; "within N working
days" ends on the Nth working day after it. A calendar-day period that ends on
a non-working day moves to the next working day. Every result carries the days
it skipped and why, so a user can check the date by hand.

Bank holidays come from a table built once per `holidays` release into the
user cache (see holiday_table): `holidays` itself is imported only to build it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from routewise.base.errors import CalendarError as CalendarError  # a UserError: one line, exit 2
from routewise.calendar.regions import EARLIEST_YEAR, LATEST_YEAR, REGIONS


@dataclass(frozen=True, kw_only=True, slots=True)
class SkippedDay:
    day: date
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class DueDate:
    """A computed deadline and the working it took to get there."""

    start: date
    due: date
    days: int
    calendar_days: bool
    skipped: tuple[SkippedDay, ...]
    moved_from: date | None = None
    """For calendar-day periods: the nominal date, when it was not a working day."""


class WorkingCalendar:
    """Working days for one region and a council's closure days (a plain class: a dataclass
    costs 1-2 ms at every start for code that only stores two values)."""

    def __init__(
        self, region: str = "england-and-wales", closures: Mapping[date, str] | None = None
    ) -> None:
        if region not in REGIONS:
            raise CalendarError(f"unknown region {region!r}; expected one of {', '.join(REGIONS)}")
        self.region = region
        self.closures: Mapping[date, str] = closures if closures is not None else {}
        self._cache: dict[int, dict[date, str]] = {}

    def __repr__(self) -> str:
        return f"WorkingCalendar({self.region!r}, {dict(self.closures)!r})"

    @property
    def closures_apply(self) -> bool:
        """Statutory (uk-any) working days ignore a council's own closure days."""
        return self.region != "uk-any"

    def non_working_reason(self, day: date) -> str | None:
        _check_range(day)
        if day.weekday() == 5:
            return "Saturday"
        if day.weekday() == 6:
            return "Sunday"
        holiday = self._bank_holidays(day.year).get(day)
        if holiday is not None:
            return holiday
        if self.closures_apply and day in self.closures:
            return self.closures[day]  # "council closure day"
        return None

    def coverage_warning(self, last: date) -> str | None:
        return coverage_warning(last)

    def is_working_day(self, day: date) -> bool:
        return self.non_working_reason(day) is None

    def add_working_days(self, start: date, days: int) -> DueDate:
        """The end of the Nth working day after `start` (day 0).

        With N = 0 the answer is `start` itself, or the next working day when
        `start` is not one: a deadline never falls on a non-working day.
        """
        if days < 0:
            raise CalendarError("the number of days cannot be negative")
        skipped: list[SkippedDay] = []
        current, counted = start, 0
        if days == 0:
            while (reason := self.non_working_reason(current)) is not None:
                skipped.append(SkippedDay(day=current, reason=reason))
                current += timedelta(days=1)
        while counted < days:
            current += timedelta(days=1)
            reason = self.non_working_reason(current)
            if reason is None:
                counted += 1
            else:
                skipped.append(SkippedDay(day=current, reason=reason))
        return DueDate(
            start=start, due=current, days=days, calendar_days=False, skipped=tuple(skipped)
        )

    def add_calendar_days(self, start: date, days: int) -> DueDate:
        if days < 0:
            raise CalendarError("the number of days cannot be negative")
        nominal = start + timedelta(days=days)
        _check_range(start)
        skipped: list[SkippedDay] = []
        current = nominal
        while (reason := self.non_working_reason(current)) is not None:
            skipped.append(SkippedDay(day=current, reason=reason))
            current += timedelta(days=1)
        moved = nominal if current != nominal else None
        return DueDate(
            start=start,
            due=current,
            days=days,
            calendar_days=True,
            skipped=tuple(skipped),
            moved_from=moved,
        )

    def _bank_holidays(self, year: int) -> dict[date, str]:
        if year not in self._cache:
            self._cache[year] = _bank_holidays(self.region, year)
        return self._cache[year]


def _bank_holidays(region: str, year: int) -> dict[date, str]:
    from routewise.calendar.holiday_table import bank_holidays  # deferred: see the module docstring

    return bank_holidays(region, year)


# When each `holidays` release was built (read from its wheel). One-off bank
# holidays are usually announced months, at most a couple of years, ahead, so a
# release is taken to know the calendar to the end of the year after its build.
_RELEASE_YEARS = {(0, 91): 2026, (0, 100): 2026, (0, 109): 2026}


def known_through_year() -> int:
    """The last year the installed `holidays` release can be trusted to know in full."""
    from routewise.calendar.holiday_table import holidays_version

    try:
        installed = tuple(int(p) for p in holidays_version().split(".")[:2])
    except ValueError:
        installed = min(_RELEASE_YEARS)
    known = [year for release, year in _RELEASE_YEARS.items() if release <= installed]
    return (max(known) if known else min(_RELEASE_YEARS.values())) + 1


def coverage_warning(last: date) -> str | None:
    """A warning when a date lies beyond what the installed bank holiday data knows."""
    through = known_through_year()
    if last.year <= through:
        return None
    return (
        f"{format_day(last)} is after {through}, the last year the installed bank holiday "
        "data is known to cover: new one-off bank holidays may still be announced. "
        "Check the date nearer the time, or update routewise's `holidays` package."
    )


def _check_range(day: date) -> None:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise CalendarError(
            f"{day.isoformat()} is outside the years routewise can date "
            f"({EARLIEST_YEAR} to {LATEST_YEAR})"
        )


def format_day(day: date) -> str:
    """The form council staff write dates in: Wed 30 Dec 2026."""
    return f"{day:%a} {day.day} {day:%b %Y}"
