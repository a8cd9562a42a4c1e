"""UK bank holidays 1990-2100 for each region, as one precomputed table per `holidays` version.

`holidays.country_holidays("GB")` imports every country the package knows (about
50 ms on every dated command). The table is built once from
`holidays.countries.united_kingdom`, written atomically into the user cache, and
then loads in about a millisecond. A table that is missing, corrupt, or from
another `holidays` release is rebuilt silently; if the cache cannot be written,
the table built in memory is used.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from routewise.base.user_cache import cache_dir, read_trusted, write_atomic
from routewise.calendar.regions import EARLIEST_YEAR, LATEST_YEAR, REGIONS

TABLE_FORMAT = 1
SUBDIV_NAMES = {"ENG": "England and Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}

_loaded: dict[str, dict[str, str]] | None = None
_by_year: dict[str, dict[int, dict[date, str]]] = {}


def holidays_version() -> str:
    """The installed `holidays` release, read from its dist-info folder's name.

    importlib.metadata costs about 20 ms to import, on every dated command; the
    folder beside the package says the same thing for the price of a directory
    listing. Anything unusual falls back to importlib.metadata.
    """
    import importlib.util

    spec = importlib.util.find_spec("holidays")
    if spec is not None and spec.origin:
        site = Path(spec.origin).parent.parent
        found = sorted(site.glob("holidays-*.dist-info"))
        if len(found) == 1:
            return found[0].name.removeprefix("holidays-").removesuffix(".dist-info")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("holidays")
    except PackageNotFoundError:
        return "unknown"


def bank_holidays(region: str, year: int) -> dict[date, str]:
    """Weekday bank holidays of `year` in `region`, each with the reason a plan shows."""
    years = _by_year.get(region)
    if years is None:
        years = {}
        for iso, reason in _table()[region].items():
            day = date.fromisoformat(iso)
            years.setdefault(day.year, {})[day] = reason
        _by_year[region] = years
    return years.get(year, {})


def table_path(version: str) -> Path:
    return cache_dir() / f"bank-holidays-{version}-v{TABLE_FORMAT}.json"


def _table() -> dict[str, dict[str, str]]:
    global _loaded
    if _loaded is None:
        version = holidays_version()
        path = table_path(version)
        raw = read_trusted(path)
        table = _parse(raw, version) if raw is not None else None
        if table is None:
            table = build_table()
            document = {"format": TABLE_FORMAT, "holidays": version, "regions": table}
            write_atomic(path, json.dumps(document, sort_keys=True).encode("utf-8"))
        _loaded = table
    return _loaded


def _parse(raw: bytes, version: str) -> dict[str, dict[str, str]] | None:
    """The table in `raw`, or None if it is not exactly what this release would build."""
    try:
        document = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(document, dict):
        return None
    if document.get("format") != TABLE_FORMAT or document.get("holidays") != version:
        return None
    regions = document.get("regions")
    if not isinstance(regions, dict) or set(regions) != set(REGIONS):
        return None
    for days in regions.values():
        if not isinstance(days, dict):
            return None
        for iso, reason in days.items():
            if not isinstance(reason, str) or not isinstance(iso, str):
                return None
            try:
                date.fromisoformat(iso)
            except ValueError:
                return None
    return regions


def build_table() -> dict[str, dict[str, str]]:
    """Every region's weekday bank holidays, straight from the `holidays` package."""
    from holidays.countries.united_kingdom import UnitedKingdom as _UnitedKingdom

    UnitedKingdom: Any = _UnitedKingdom  # the package has no type hints
    years = range(EARLIEST_YEAR, LATEST_YEAR + 1)
    calendars: dict[str, Any] = {
        subdiv: UnitedKingdom(subdiv=subdiv, years=years) for subdiv in SUBDIV_NAMES
    }
    table: dict[str, dict[str, str]] = {}
    for region, subdivs in REGIONS.items():
        found: dict[date, dict[str, list[str]]] = {}
        for subdiv in subdivs:
            for day, name in sorted(calendars[subdiv].items()):
                if day.weekday() < 5:  # a weekend day is already not a working day
                    found.setdefault(day, {}).setdefault(name, []).append(subdiv)
        days: dict[str, str] = {}
        for day, names in sorted(found.items()):
            parts = [
                name
                if len(where) == len(subdivs)
                else f"{name} ({', '.join(SUBDIV_NAMES[w] for w in where)})"
                for name, where in names.items()
            ]
            days[day.isoformat()] = "bank holiday: " + "; ".join(parts)
        table[region] = days
    return table
