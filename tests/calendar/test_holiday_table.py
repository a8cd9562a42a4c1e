"""The precomputed bank-holiday table: the same days as `holidays`, cached, rebuilt when bad."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from routewise.calendar import holiday_table
from routewise.calendar.regions import EARLIEST_YEAR, LATEST_YEAR, REGIONS
from routewise.calendar.working_days import WorkingCalendar


@pytest.fixture(autouse=True)
def fresh_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setattr(holiday_table, "_loaded", None)
    monkeypatch.setattr(holiday_table, "_by_year", {})
    return cache


def from_the_package(region: str) -> dict[date, str]:
    """The calendar.py of before the table, written out independently: country_holidays."""
    import holidays

    names = {"ENG": "England and Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}
    subdivs = REGIONS[region]
    found: dict[date, dict[str, list[str]]] = {}
    for subdiv in subdivs:
        calendar: Any = holidays.country_holidays(
            "GB", subdiv=subdiv, years=range(EARLIEST_YEAR, LATEST_YEAR + 1)
        )
        for day, name in calendar.items():
            if day.weekday() < 5:
                found.setdefault(day, {}).setdefault(name, []).append(subdiv)
    return {
        day: "bank holiday: "
        + "; ".join(
            n if len(w) == len(subdivs) else f"{n} ({', '.join(names[s] for s in w)})"
            for n, w in by_name.items()
        )
        for day, by_name in found.items()
    }


@pytest.mark.parametrize("region", list(REGIONS))
def test_table_matches_country_holidays_for_every_year(region: str) -> None:
    expected = from_the_package(region)
    got = {
        day: reason
        for year in range(EARLIEST_YEAR, LATEST_YEAR + 1)
        for day, reason in holiday_table.bank_holidays(region, year).items()
    }
    assert got == expected


def test_table_is_written_once_into_the_user_cache(fresh_table: Path) -> None:
    WorkingCalendar("scotland").non_working_reason(date(2026, 6, 15))
    version = holiday_table.holidays_version()
    path = fresh_table / "routewise" / f"bank-holidays-{version}-v{holiday_table.TABLE_FORMAT}.json"
    assert path.is_file()
    assert path.stat().st_mode & 0o777 == 0o600
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["holidays"] == version
    assert document["regions"]["scotland"]["2026-06-15"].startswith("bank holiday")


@pytest.mark.parametrize(
    "damage",
    [
        "not json",
        '{"format": 1, "holidays": "0.0", "regions": {}}',
        '{"format": 99}',
        "[]",
    ],
)
def test_a_bad_table_is_rebuilt_silently(
    fresh_table: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    path = holiday_table.table_path(holiday_table.holidays_version())
    path.parent.mkdir(parents=True)
    path.write_text(damage, encoding="utf-8")
    path.chmod(0o600)
    assert WorkingCalendar().non_working_reason(date(2026, 12, 25)) == "bank holiday: Christmas Day"
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == holiday_table.TABLE_FORMAT


def test_a_wrong_day_in_another_release_s_table_is_not_used(fresh_table: Path) -> None:
    path = holiday_table.table_path(holiday_table.holidays_version())
    path.parent.mkdir(parents=True)
    forged = {region: {"2026-06-16": "bank holiday: forged"} for region in REGIONS}
    path.write_text(
        json.dumps({"format": holiday_table.TABLE_FORMAT, "holidays": "0.1", "regions": forged}),
        encoding="utf-8",
    )
    assert WorkingCalendar().is_working_day(date(2026, 6, 16))


def test_a_warm_table_does_not_import_holidays(fresh_table: Path) -> None:
    code = (
        "import sys; from datetime import date; from routewise.calendar.working_days import WorkingCalendar; "
        "print(WorkingCalendar('northern-ireland').non_working_reason(date(2026, 7, 13))); "
        "print('holidays' in sys.modules)"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    second = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert first.stdout.splitlines() == ["bank holiday: Battle of the Boyne (observed)", "True"]
    assert second.stdout.splitlines() == ["bank holiday: Battle of the Boyne (observed)", "False"]


def test_an_unwritable_cache_still_gives_the_days(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert WorkingCalendar().non_working_reason(date(2026, 5, 4)) == "bank holiday: May Day"


def test_the_version_read_from_the_dist_info_folder_matches_importlib_metadata() -> None:
    from importlib.metadata import version

    from routewise.calendar.holiday_table import holidays_version

    assert holidays_version() == version("holidays")
