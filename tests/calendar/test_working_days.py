"""Working days: published bank holidays, closures, the counting convention, and its properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routewise.calendar.regions import REGIONS
from routewise.calendar.working_days import (
    CalendarError,
    WorkingCalendar,
    coverage_warning,
    known_through_year,
)

# Weekday bank holidays as published for each part of the UK, 2019-2028 (MM-DD),
# written out by hand, including one-off days and substitute days.
ENGLAND_AND_WALES = {
    2019: "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26",
    2020: "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28",
    2021: "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28",
    2022: "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27",
    2023: "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26",
    2024: "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
    2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
    2026: "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
    2027: "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28",
    2028: "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26",
}
SCOTLAND = {
    2019: "01-01 01-02 04-19 05-06 05-27 08-05 12-02 12-25 12-26",
    2020: "01-01 01-02 04-10 05-08 05-25 08-03 11-30 12-25 12-28",
    2021: "01-01 01-04 04-02 05-03 05-31 08-02 11-30 12-27 12-28",
    2022: "01-03 01-04 04-15 05-02 06-02 06-03 08-01 09-19 11-30 12-26 12-27",
    2023: "01-02 01-03 04-07 05-01 05-08 05-29 08-07 11-30 12-25 12-26",
    2024: "01-01 01-02 03-29 05-06 05-27 08-05 12-02 12-25 12-26",
    2025: "01-01 01-02 04-18 05-05 05-26 08-04 12-01 12-25 12-26",
    2026: "01-01 01-02 04-03 05-04 05-25 06-15 08-03 11-30 12-25 12-28",
    2027: "01-01 01-04 03-26 05-03 05-31 08-02 11-30 12-27 12-28",
    2028: "01-03 01-04 04-14 05-01 05-29 08-07 11-30 12-25 12-26",
}
# Northern Ireland: England and Wales plus St Patrick's Day and the Battle of the Boyne.
NI_EXTRA = {
    2019: "03-18 07-12",
    2020: "03-17 07-13",
    2021: "03-17 07-12",
    2022: "03-17 07-12",
    2023: "03-17 07-12",
    2024: "03-18 07-12",
    2025: "03-17 07-14",
    2026: "03-17 07-13",
    2027: "03-17 07-12",
    2028: "03-17 07-12",
}


def days(year: int, text: str) -> set[date]:
    return {date.fromisoformat(f"{year}-{md}") for md in text.split()}


def published(region: str, year: int) -> set[date]:
    england = days(year, ENGLAND_AND_WALES[year])
    scotland = days(year, SCOTLAND[year])
    northern_ireland = england | days(year, NI_EXTRA[year])
    return {
        "england-and-wales": england,
        "scotland": scotland,
        "northern-ireland": northern_ireland,
        "uk-any": england | scotland | northern_ireland,
    }[region]


def bank_holidays(calendar: WorkingCalendar, year: int) -> set[date]:
    day, found = date(year, 1, 1), set()
    while day.year == year:
        reason = calendar.non_working_reason(day)
        if day.weekday() < 5 and reason is not None:
            assert reason.startswith("bank holiday"), reason
            found.add(day)
        day += timedelta(days=1)
    return found


@pytest.mark.parametrize("region", list(REGIONS))
@pytest.mark.parametrize("year", range(2019, 2029))
def test_bank_holidays_match_the_published_lists(region: str, year: int) -> None:
    assert bank_holidays(WorkingCalendar(region), year) == published(region, year)


def test_one_off_days_are_present() -> None:
    assert WorkingCalendar("england-and-wales").non_working_reason(date(2022, 9, 19))
    assert WorkingCalendar("england-and-wales").non_working_reason(date(2023, 5, 8))
    assert WorkingCalendar("scotland").non_working_reason(date(2026, 6, 15))
    assert WorkingCalendar("england-and-wales").is_working_day(date(2026, 6, 15))


# --- worked examples -----------------------------------------------------------


def test_five_working_days_over_christmas() -> None:
    assert WorkingCalendar().add_working_days(date(2026, 12, 21), 5).due == date(2026, 12, 30)
    assert WorkingCalendar().add_working_days(date(2026, 12, 23), 5).due == date(2027, 1, 4)
    assert WorkingCalendar("uk-any").add_working_days(date(2026, 12, 23), 5).due == date(2027, 1, 5)
    assert WorkingCalendar("scotland").add_working_days(date(2026, 12, 21), 5).due == date(
        2026, 12, 30
    )


def test_early_may_bank_holiday() -> None:
    assert WorkingCalendar().add_working_days(date(2026, 5, 1), 5).due == date(2026, 5, 11)


def test_closure_days_are_skipped_and_named() -> None:
    closures = {date(2026, 12, d): "council closure day" for d in (29, 30, 31)}
    result = WorkingCalendar("england-and-wales", closures).add_working_days(date(2026, 12, 21), 5)
    assert result.due == date(2027, 1, 5)
    reasons = {s.day: s.reason for s in result.skipped}
    assert reasons[date(2026, 12, 30)] == "council closure day"


def test_closures_do_not_count_under_the_statutory_reading() -> None:
    closures = {date(2026, 12, d): "council closure day" for d in (29, 30, 31)}
    calendar = WorkingCalendar("uk-any", closures)
    assert not calendar.closures_apply
    assert calendar.add_working_days(date(2026, 12, 21), 5).due == date(2026, 12, 30)


def test_calendar_days_move_to_the_next_working_day() -> None:
    result = WorkingCalendar().add_calendar_days(date(2026, 4, 2), 2)
    assert result.due == date(2026, 4, 7)
    assert result.moved_from == date(2026, 4, 4)
    assert [s.day for s in result.skipped] == [date(2026, 4, 4), date(2026, 4, 5), date(2026, 4, 6)]


def test_zero_days_from_a_weekend_is_the_next_working_day() -> None:
    assert WorkingCalendar().add_working_days(date(2026, 4, 4), 0).due == date(2026, 4, 7)
    assert WorkingCalendar().add_working_days(date(2026, 4, 8), 0).due == date(2026, 4, 8)


def test_dates_out_of_range_are_refused() -> None:
    with pytest.raises(CalendarError, match="1990 to 2100"):
        WorkingCalendar().add_working_days(date(1989, 12, 29), 1)
    with pytest.raises(CalendarError, match="1990 to 2100"):
        WorkingCalendar().add_working_days(date(2100, 12, 28), 5)


def test_unknown_region_is_refused() -> None:
    with pytest.raises(CalendarError, match="england-and-wales"):
        WorkingCalendar("wales")


def test_coverage_warning_after_the_known_years() -> None:
    through = known_through_year()
    assert through >= 2027
    assert coverage_warning(date(through, 12, 31)) is None
    warning = coverage_warning(date(through + 1, 1, 4))
    assert warning is not None and "may still be announced" in warning


# --- properties --------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=date(1995, 1, 1), max_value=date(2095, 12, 31)),
    n=st.integers(min_value=0, max_value=60),
    region=st.sampled_from(list(REGIONS)),
)
def test_working_day_properties(start: date, n: int, region: str) -> None:
    calendar = WorkingCalendar(region)
    due = calendar.add_working_days(start, n).due
    assert calendar.is_working_day(due)
    working_between = sum(
        calendar.is_working_day(start + timedelta(days=i)) for i in range(1, (due - start).days + 1)
    )
    if n > 0:
        assert due > start
        assert working_between == n
    else:  # day 0 itself, or the next working day when day 0 is not one
        assert due == start or working_between == 1
        assert due == start or not calendar.is_working_day(start)
