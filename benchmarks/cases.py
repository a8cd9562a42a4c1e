"""Budgets of the case register (issue 19), as ratios to `copier --help` in one run.

Run: python benchmarks/cases.py [--runs N] [--compare SRC]

Builds two registers with `routewise case import`: 10,000 cases (timed: at most 60 s),
brought to 100,000 history entries with notes, and 10 cases. Then, interleaved:

- `case list --format json` on 10,000 cases: at most 1.0x `copier --help`, and at most
  1.5x the same command on 10 cases;
- `case list` in the terminal (the 50 most urgent) on 10,000 cases: at most 1.0x;
- `case record` and `case done` on the large register, each run on a case of its own:
  at most 0.8x.

`--compare SRC` also times `routewise --help` and `triage --answers … --format json` with
another checkout's `src` folder (main, say), in the same rounds: start-up must not change.
copier must be installed beside routewise (`pip install copier`); without it the script
says so and exits 0. Exits 1 when a budget is missed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from _harness import (
    ROOT,
    Figures,
    against_budgets,
    clean_env,
    interleaved,
    machine,
    run_once,
    runs_from_argv,
    scratch,
    table,
)

LARGE, SMALL = 10_000, 10
ENTRIES = 100_000
IMPORT_BUDGET_S = 60.0
BUDGETS = {
    "case list --format json (10,000)": 1.0,
    "case list (terminal, 10,000)": 1.0,
    "case record": 0.8,
    "case done": 0.8,
}
SIZE_BUDGET = 1.5
"""`case list --format json` on 10,000 cases against the same on 10."""
ANSWERS = ROOT / "tests" / "answers"
UNPROFESSIONAL = "officer-unprofessional-to-member"


def templates() -> list[dict[str, Any]]:
    """The test suite's answers files: every route, several answers each."""
    found = []
    for path in sorted(ANSWERS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.append({"route": data["route"], "answers": data["answers"]})
    return found


def cases(count: int, spare: int) -> Iterator[dict[str, Any]]:
    """`count` cases over two years, of every route; a third with a later event recorded,
    a fifth closed. The last `spare` are unprofessional-route cases with nothing recorded,
    for the timed `record` and `done` runs."""
    shapes = templates()
    for n in range(count):
        shape = shapes[n % len(shapes)]
        if n >= count - spare:
            shape = {"route": UNPROFESSIONAL, "answers": {"officer-post": "officer"}}
        raised = (date(2025, 1, 6) + timedelta(days=(n * 7) % 640)).isoformat()
        case: dict[str, Any] = {"reference": f"B-{n:05d}", "raised": raised, **shape}
        if n < count - spare and n % 3 == 0 and shape["route"] == UNPROFESSIONAL:
            case["events"] = {"outcome": raised}
        if n < count - spare and n % 5 == 0:
            case["closed"] = raised
        yield case


def write_import(path: Path, count: int, spare: int) -> list[str]:
    items = list(cases(count, spare))
    path.write_text(json.dumps(items), encoding="utf-8")
    return [c["reference"] for c in items[count - spare :]]


def add_notes(database: Path, total: int) -> None:
    """Notes until the register holds `total` history entries (as `case note` writes them,
    with each case's entry count and version raised)."""
    db = sqlite3.connect(database)
    try:
        have = db.execute("SELECT COUNT(*) FROM history").fetchone()[0]
        refs = [r[0] for r in db.execute("SELECT reference, entries FROM cases")]
        counts = dict(db.execute("SELECT reference, entries FROM cases").fetchall())
        rows = []
        for n in range(total - have):
            ref = refs[n % len(refs)]
            counts[ref] += 1
            rows.append(
                (
                    ref,
                    counts[ref],
                    "note",
                    "2026-06-01",
                    "2026-06-01T09:00:00+00:00",
                    "bench",
                    None,
                    None,
                    f"Benchmark note {n}",
                    None,
                    "{}",
                )
            )
        # The columns named: a newer schema's (issue 21's `db_user`) are left empty.
        db.executemany(
            "INSERT INTO history (reference, entry, kind, day, recorded_at, recorded_by, step, "
            "event, note, target, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        db.executemany(
            "UPDATE cases SET entries = ?, version = version + 1 WHERE reference = ?",
            [(e, r) for r, e in counts.items()],
        )
        db.commit()
    finally:
        db.close()


def main() -> int:
    runs = runs_from_argv()
    args = sys.argv[1:]
    compare = Path(args[args.index("--compare") + 1]) if "--compare" in args else None
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
        python = sys.executable
        large, small = home / "large.sqlite3", home / "small.sqlite3"
        spare = 2 * (runs + 2)
        imports = home / "large.json"
        fresh = write_import(imports, LARGE, spare)
        start = time.perf_counter()
        routewise = [python, "-m", "routewise"]
        run_once(
            [*routewise, "case", "import", str(imports)],
            {**env, "ROUTEWISE_DATABASE": str(large)},
            timeout=600,
        )
        import_s = time.perf_counter() - start
        add_notes(large, ENTRIES)
        write_import(home / "small.json", SMALL, 0)
        run_once(
            [*routewise, "case", "import", str(home / "small.json")],
            {**env, "ROUTEWISE_DATABASE": str(small)},
        )
        on_large = {**env, "ROUTEWISE_DATABASE": str(large)}
        on_small = {**env, "ROUTEWISE_DATABASE": str(small)}
        record_refs, done_refs = iter(fresh[: spare // 2]), iter(fresh[spare // 2 :])
        jobs = {
            "copier --help": lambda: run_once([copier, "--help"], env),
            "case list --format json (10,000)": lambda: run_once(
                [*routewise, "case", "list", "--format", "json"], on_large
            ),
            "case list --format json (10)": lambda: run_once(
                [*routewise, "case", "list", "--format", "json"], on_small
            ),
            "case list (terminal, 10,000)": lambda: run_once(
                [*routewise, "case", "list"], on_large
            ),
            "case record": lambda: run_once(
                [*routewise, "case", "record", next(record_refs), "outcome=2026-06-01"], on_large
            ),
            "case done": lambda: run_once(
                [*routewise, "case", "done", next(done_refs), "2", "--on", "2026-06-01"], on_large
            ),
        }
        answers = str(ANSWERS / "dispute-director.yaml")
        startup = {
            "routewise --help": ["--help"],
            "triage --answers … --format json": [
                "triage",
                "--answers",
                answers,
                "--format",
                "json",
            ],
        }
        if compare is not None:
            other = {**env, "PYTHONPATH": str(compare)}
            for label, argv in startup.items():
                jobs[label] = lambda a=argv: run_once([*routewise, *a], env)  # type: ignore[misc]
                jobs[f"{label} (compared)"] = lambda a=argv: run_once([*routewise, *a], other)  # type: ignore[misc]
        figures = interleaved(jobs, runs)
        size = large.stat().st_size
    finally:
        shutil.rmtree(home, ignore_errors=True)

    copier_figures = figures["copier --help"]
    if isinstance(copier_figures, str):
        print(f"copier --help failed: {copier_figures}", file=sys.stderr)
        return 1
    rows, missed = against_budgets(figures, BUDGETS, copier_figures)
    big, few = figures["case list --format json (10,000)"], figures["case list --format json (10)"]
    if isinstance(big, Figures) and isinstance(few, Figures):
        ratio = big.median / few.median
        ok = ratio <= SIZE_BUDGET
        missed += [] if ok else ["10,000 against 10"]
        rows.append(
            [
                "case list --format json: 10,000 against 10",
                big.cell(),
                few.cell(),
                f"{ratio:.2f}x",
                f"{SIZE_BUDGET}x",
                "ok" if ok else "MISSED",
            ]
        )
    import_ok = import_s <= IMPORT_BUDGET_S
    missed += [] if import_ok else ["case import"]
    print(f"Case register, {runs} runs each, interleaved; {machine()}")
    print(
        f"Registers: {LARGE:,} cases with {ENTRIES:,} history entries ({size / 1e6:.0f} MB), "
        f"and {SMALL} cases."
    )
    print(
        f"`case import` of {LARGE:,} cases: {import_s:.1f} s (budget {IMPORT_BUDGET_S:.0f} s): "
        f"{'ok' if import_ok else 'MISSED'}\n"
    )
    print(table(["command", "routewise", "against", "ratio", "budget", ""], rows))
    if compare is not None:
        print(f"\nStart-up with this tree and with {compare} (no budget: it must not change):\n")
        cmp_rows = []
        for label in startup:
            here, there = figures[label], figures[f"{label} (compared)"]
            if isinstance(here, Figures) and isinstance(there, Figures):
                cmp_rows.append(
                    [label, here.cell(), there.cell(), f"{here.median / there.median:.2f}x"]
                )
        print(table(["command", "this tree", "compared", "ratio"], cmp_rows))
    if missed:
        print(f"\nBudget missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
