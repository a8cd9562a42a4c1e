"""Budgets of the views across cases (issue 20), as ratios to `copier --help` in one run.

Run: python benchmarks/case_views.py [--runs N]

Builds a register of 10,000 cases with `routewise case import` (every route, raised over
the 640 days before the day the runs take as today, a third of the unprofessional route's
with their outcome recorded, a fifth closed), brought to 100,000 history entries with notes,
as `benchmarks/cases.py` builds it. Then, interleaved:

- `case upcoming` in the terminal (the 50 soonest) and as JSON (every step): at most 1.0x;
- `case report` of every case (markdown: 10,000 rows, the chart of the first 100), and of
  one quarter: at most 1.0x;
- `case export --format ics --output FILE --force` (every open dated deadline): at most
  2.0x; and the same on a second register of 10,000 open information requests, each with
  a dated deadline (10,000 events).

copier must be installed beside routewise (`pip install copier`); without it the script
says so and exits 0. Exits 1 when a budget is missed.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from _harness import (
    against_budgets,
    clean_env,
    interleaved,
    machine,
    run_once,
    runs_from_argv,
    scratch,
    table,
)
from cases import ENTRIES, UNPROFESSIONAL, add_notes, templates

LARGE = 10_000
TODAY = date(2026, 11, 30)
"""The day the runs take as today (ROUTEWISE_TODAY): the cases were raised before it."""
QUARTER = ("2026-07-01", "2026-09-30")
BUDGETS = {
    "case upcoming (terminal)": 1.0,
    "case upcoming --format json": 1.0,
    "case report (every case)": 1.0,
    "case report (one quarter)": 1.0,
    "case export --format ics": 2.0,
    "case export --format ics (10,000 events)": 2.0,
}


def cases(count: int) -> Iterator[dict[str, Any]]:
    """`count` cases of every route, raised over the 640 days before `TODAY`; a third of the
    unprofessional route's with the outcome recorded, a fifth closed a week after raised."""
    shapes = templates()
    for n in range(count):
        shape = shapes[n % len(shapes)]
        raised = TODAY - timedelta(days=(n * 7) % 640 + 1)
        case: dict[str, Any] = {"reference": f"B-{n:05d}", "raised": raised.isoformat(), **shape}
        if n % 3 == 0 and shape["route"] == UNPROFESSIONAL:
            case["events"] = {"outcome": raised.isoformat()}
        if n % 5 == 0:
            case["closed"] = min(raised + timedelta(days=7), TODAY).isoformat()
        yield case


def requests(count: int) -> Iterator[dict[str, Any]]:
    """`count` open information requests raised over the 60 days before `TODAY`: each
    has one open dated deadline (acknowledge within 5 working days)."""
    for n in range(count):
        raised = TODAY - timedelta(days=n % 60)
        yield {
            "reference": f"R-{n:05d}",
            "route": "member-information-request",
            "raised": raised.isoformat(),
            "answers": {"can-provide": "yes"},
        }


def main() -> int:
    runs = runs_from_argv()
    copier = shutil.which("copier", path=str(Path(sys.executable).parent)) or shutil.which("copier")
    if copier is None:
        print(
            "copier is not installed (pip install copier): the budgets are ratios to "
            "`copier --help`, so nothing was measured."
        )
        return 0
    home = scratch()
    try:
        env = clean_env(home)
        register = home / "large.sqlite3"
        on_large = {**env, "ROUTEWISE_DATABASE": str(register), "ROUTEWISE_TODAY": str(TODAY)}
        imports = home / "large.json"
        imports.write_text(json.dumps(list(cases(LARGE))), encoding="utf-8")
        routewise = [sys.executable, "-m", "routewise"]
        start = time.perf_counter()
        run_once([*routewise, "case", "import", str(imports)], on_large, timeout=600)
        import_s = time.perf_counter() - start
        add_notes(register, ENTRIES)
        dated = home / "dated.sqlite3"
        on_dated = {**on_large, "ROUTEWISE_DATABASE": str(dated)}
        (home / "dated.json").write_text(json.dumps(list(requests(LARGE))), encoding="utf-8")
        run_once([*routewise, "case", "import", str(home / "dated.json")], on_dated, timeout=600)
        calendar = home / "cases.ics"
        every = home / "every.ics"
        sizes: dict[str, str] = {}

        def measured(label: str, argv: list[str]) -> float:
            elapsed = run_once(argv, on_large)
            if label not in sizes:
                import subprocess

                out = subprocess.run(argv, env=on_large, capture_output=True, check=True)
                sizes[label] = f"{len(out.stdout) / 1e3:,.0f} kB"
            return elapsed

        jobs = {
            "copier --help": lambda: run_once([copier, "--help"], env),
            "case upcoming (terminal)": lambda: measured(
                "case upcoming (terminal)", [*routewise, "case", "upcoming"]
            ),
            "case upcoming --format json": lambda: measured(
                "case upcoming --format json", [*routewise, "case", "upcoming", "--format", "json"]
            ),
            "case report (every case)": lambda: measured(
                "case report (every case)", [*routewise, "case", "report"]
            ),
            "case report (one quarter)": lambda: measured(
                "case report (one quarter)",
                [*routewise, "case", "report", "--from", QUARTER[0], "--to", QUARTER[1]],
            ),
            "case export --format ics": lambda: run_once(
                [
                    *routewise,
                    "case",
                    "export",
                    "--format",
                    "ics",
                    "--output",
                    str(calendar),
                    "--force",
                ],
                on_large,
            ),
            "case export --format ics (10,000 events)": lambda: run_once(
                [
                    *routewise,
                    "case",
                    "export",
                    "--format",
                    "ics",
                    "--output",
                    str(every),
                    "--force",
                ],
                on_dated,
            ),
        }
        figures = interleaved(jobs, runs)
        size = register.stat().st_size
        events = calendar.read_text(encoding="utf-8").count("BEGIN:VEVENT")
        sizes["case export --format ics"] = (
            f"{calendar.stat().st_size / 1e3:,.0f} kB, {events:,} events"
        )
        events = every.read_text(encoding="utf-8").count("BEGIN:VEVENT")
        sizes["case export --format ics (10,000 events)"] = (
            f"{every.stat().st_size / 1e3:,.0f} kB, {events:,} events"
        )
    finally:
        shutil.rmtree(home, ignore_errors=True)

    copier_figures = figures["copier --help"]
    if isinstance(copier_figures, str):
        print(f"copier --help failed: {copier_figures}", file=sys.stderr)
        return 1
    rows, missed = against_budgets(figures, BUDGETS, copier_figures)
    for row in rows:
        row.append(sizes.get(row[0], ""))
    print(f"Views across cases, {runs} runs each, interleaved; {machine()}")
    print(
        f"Register: {LARGE:,} cases with {ENTRIES:,} history entries ({size / 1e6:.0f} MB), "
        f"imported in {import_s:.1f} s; and {LARGE:,} open information requests, each with "
        f"a dated deadline. Today taken as {TODAY.isoformat()}.\n"
    )
    print(table(["command", "routewise", "copier --help", "ratio", "budget", "", "output"], rows))
    if missed:
        print(f"\nBudget missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
