"""Budgets of a register a team shares (issue 21), as ratios to `copier --help` in one run.

Run: python benchmarks/team.py [--runs N] [--cases 100000] [--entries 1000000]

Starts a PostgreSQL server of its own (as the tests do: tests/pg_server.py, with fsync on,
as a real server runs), builds a register of 100,000 cases with 1,000,000 history entries
(`case import` into an SQLite file, notes added, then `routewise db copy` into PostgreSQL:
the copy is timed too), and measures, interleaved:

- `case list --format json` on PostgreSQL at that scale: at most 1.5x `copier --help`;
- `case record` on PostgreSQL, each run on a case of its own: at most 1.2x;
- SQLite, against main before this issue (its `src` from git, in the same rounds, each on a
  register of 10,000 cases it made itself, shaped as in `cases.py`): `case list --format
  json` and `case record` no slower than before (at most 1.1x, for a shared machine's noise);

and then the throughput of 8 writers at once on PostgreSQL, in process (no command
start-up), half on cases of their own and half on one shared case: at least 500 entries a
second together. A register that has run for years is mostly closed: 8% of the cases are
open (8,000, as many as issue 19's 10,000-case register), and `case list` lists those;
`case list --all --format json` (every case) is timed too, without a budget.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from _harness import (
    BENCH,
    ROOT,
    Figures,
    against_budgets,
    clean_env,
    interleaved,
    machine,
    option,
    run_once,
    runs_from_argv,
    scratch,
    table,
)
from cases import cases as issue_19_cases

sys.path.insert(0, str(ROOT))
from tests.pg_server import Server

BUDGETS = {
    "case list --format json (PostgreSQL)": 1.5,
    "case record (PostgreSQL)": 1.2,
}
BEFORE_BUDGET = 1.1
"""SQLite against main before this issue: no slower (a tenth for a shared machine's noise)."""
THROUGHPUT_BUDGET = 500.0
WRITERS, PER_WRITER = 8, 200
MAIN_COMMIT = "44257ff"
"""main before this issue (the merge of issue 19)."""
UNPROFESSIONAL = "officer-unprofessional-to-member"
OPEN_EVERY = 25
"""Two cases in every 25 stay open (8%); the rest were closed."""


def cases(count: int, spare: int) -> list[dict[str, Any]]:
    """`count` cases over two years on the unprofessional and information routes, mostly
    closed; the last `spare` open with nothing recorded (for the timed `case record`)."""
    out = []
    for n in range(count):
        raised = date(2024, 1, 8) + timedelta(days=(n * 7) % 900)
        case: dict[str, Any] = {
            "reference": f"T-{n:06d}",
            "raised": raised.isoformat(),
            "route": UNPROFESSIONAL,
            "answers": {"officer-post": "officer"},
        }
        if n % 2:
            case["route"] = "member-information-request"
            case["answers"] = {"can-provide": "yes"}
        if n < count - spare and n % OPEN_EVERY >= 2:
            case["closed"] = (raised + timedelta(days=30)).isoformat()
        if n >= count - spare:
            case["route"], case["answers"] = UNPROFESSIONAL, {"officer-post": "officer"}
        out.append(case)
    return out


def add_notes(database: Path, total: int) -> None:
    """Notes until the register holds `total` history entries, as `case note` writes them
    (each case's entry count and version raised)."""
    db = sqlite3.connect(database)
    try:
        have = db.execute("SELECT COUNT(*) FROM history").fetchone()[0]
        counts = dict(db.execute("SELECT reference, entries FROM cases").fetchall())
        refs = sorted(counts)
        batch: list[tuple[Any, ...]] = []
        for n in range(total - have):
            ref = refs[n % len(refs)]
            counts[ref] += 1
            batch.append(
                (ref, counts[ref], "note", "2026-06-01", "2026-06-01T09:00:00+00:00", "bench",
                 None, None, f"Benchmark note {n}", None, "{}", None)
            )  # fmt: skip
            if len(batch) == 100_000:
                db.executemany("INSERT INTO history VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", batch)
                batch = []
        db.executemany("INSERT INTO history VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", batch)
        db.executemany(
            "UPDATE cases SET entries = ?, version = version + 1 WHERE reference = ?",
            [(e, r) for r, e in counts.items()],
        )
        db.commit()
    finally:
        db.close()


def main_source(home: Path) -> Path:
    """main before this issue, its `src` from git (nothing else is touched)."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", MAIN_COMMIT, "src", "flows"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    target = home / "main"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    # main's routewise finds its built-in flows beside the source, as in a checkout
    return target / "src"


def throughput(
    env: dict[str, str], per_writer: int = PER_WRITER, planned: bool = False
) -> tuple[float, float, int]:
    """8 writers at once, in process: entries a second together, the wall time, the count."""
    start = time.time() + 8.0  # every writer has loaded the flows and connected by then
    how = ["--planned"] if planned else []
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                str(BENCH / "_team_writer.py"),
                str(n),
                str(per_writer),
                str(start),
                *how,
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    results = []
    for writer in writers:
        out, err = writer.communicate(timeout=900)
        if writer.returncode != 0:
            raise SystemExit(f"a writer failed: {err.strip().splitlines()[-1:]}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    began = min(r["began"] for r in results)
    ended = max(r["ended"] for r in results)
    count = sum(r["count"] for r in results)
    return count / (ended - began), ended - began, count


def main() -> int:
    runs = runs_from_argv()
    total_cases = int(option("--cases", "100000"))
    total_entries = int(option("--entries", "1000000"))
    copier = shutil.which("copier", path=str(Path(sys.executable).parent)) or shutil.which("copier")
    if copier is None:
        print("copier is not installed (pip install copier): nothing was measured.")
        return 0
    home = scratch()
    server = Server(durable=True)
    try:
        env = clean_env(home)
        python = sys.executable
        routewise = [python, "-m", "routewise"]
        spare = 2 * (runs + 2)
        big = home / "big.sqlite3"
        items = cases(total_cases, spare)
        (home / "big.json").write_text(json.dumps(items), encoding="utf-8")
        fresh = [c["reference"] for c in items[-spare:]]
        on_big = {**env, "ROUTEWISE_DATABASE": str(big)}
        started = time.perf_counter()
        run_once([*routewise, "case", "import", str(home / "big.json")], on_big, timeout=3600)
        import_s = time.perf_counter() - started
        add_notes(big, total_entries)
        name = server.new_database()
        url = server.url(name)
        on_pg = {**env, "ROUTEWISE_DATABASE": url}
        run_once([*routewise, "db", "upgrade"], on_pg)
        started = time.perf_counter()
        run_once([*routewise, "db", "copy", "--to", url], on_big, timeout=3600)
        copy_s = time.perf_counter() - started
        server.execute("VACUUM ANALYZE", database=name)
        pg_size = server.execute(f"SELECT pg_database_size('{name}')")[0][0]

        # SQLite before and after: each tree on a register of 10,000 cases it made itself,
        # shaped as issue 19's benchmark shapes it (benchmarks/cases.py: 8,000 open)
        main_src = main_source(home)
        before = {**env, "PYTHONPATH": str(main_src)}
        small_items = list(issue_19_cases(10_000, spare))
        (home / "small.json").write_text(json.dumps(small_items), encoding="utf-8")
        small_fresh = [c["reference"] for c in small_items[-spare:]]
        registers = {"now": home / "now.sqlite3", "main": home / "main.sqlite3"}
        for label, path in registers.items():
            who = before if label == "main" else env
            run_once(
                [*routewise, "case", "import", str(home / "small.json")],
                {**who, "ROUTEWISE_DATABASE": str(path)},
                timeout=600,
            )
        sqlite_env = {
            "now": {**env, "ROUTEWISE_DATABASE": str(registers["now"])},
            "main": {**before, "ROUTEWISE_DATABASE": str(registers["main"])},
        }
        pg_refs = iter(fresh)
        sqlite_refs = {label: iter(small_fresh) for label in registers}
        jobs = {
            "copier --help": lambda: run_once([copier, "--help"], env),
            "case list --format json (PostgreSQL)": lambda: run_once(
                [*routewise, "case", "list", "--format", "json"], on_pg
            ),
            "case list --all --format json (PostgreSQL)": lambda: run_once(
                [*routewise, "case", "list", "--all", "--format", "json"], on_pg
            ),
            "case record (PostgreSQL)": lambda: run_once(
                [*routewise, "case", "record", next(pg_refs), "outcome=2026-06-01"], on_pg
            ),
        }
        for label in registers:
            jobs[f"SQLite case list --format json ({label})"] = lambda lb=label: run_once(  # type: ignore[misc]
                [*routewise, "case", "list", "--format", "json"], sqlite_env[lb]
            )
            jobs[f"SQLite case record ({label})"] = lambda lb=label: run_once(  # type: ignore[misc]
                [*routewise, "case", "record", next(sqlite_refs[lb]), "outcome=2026-06-01"],
                sqlite_env[lb],
            )
        figures = interleaved(jobs, runs)
        started = time.perf_counter()  # one deletion: VACUUM FULL rewrites the three tables
        run_once([*routewise, "case", "delete", items[0]["reference"], "--yes"], on_pg, timeout=900)
        delete_s = time.perf_counter() - started

        # throughput: a register of its own, 8 writers in process
        writers_db = server.url(server.new_database())
        writers_env = {**env, "ROUTEWISE_DATABASE": writers_db}
        run_once([*routewise, "db", "upgrade"], writers_env)
        seed = [
            {"reference": r, "route": UNPROFESSIONAL, "raised": "2026-04-27",
             "answers": {"officer-post": "officer"}}
            for r in ["SHARED", *(f"OWN-{n}" for n in range(WRITERS))]
        ]  # fmt: skip
        (home / "writers.json").write_text(json.dumps(seed), encoding="utf-8")
        run_once([*routewise, "case", "import", str(home / "writers.json")], writers_env)
        rate, wall, count = throughput(writers_env)
        recorded = server.execute(
            "SELECT COUNT(*) FROM history WHERE kind = 'note'",
            database=writers_db.split("/")[3].split("?")[0],
        )[0][0]
        planned_rate, planned_wall, planned_count = throughput(writers_env, 50, planned=True)
    finally:
        server.close()
        shutil.rmtree(home, ignore_errors=True)

    base = figures["copier --help"]
    if isinstance(base, str):
        print(f"copier --help failed: {base}", file=sys.stderr)
        return 1
    rows, missed = against_budgets(figures, BUDGETS, base)
    everything = figures["case list --all --format json (PostgreSQL)"]
    if isinstance(everything, Figures):
        ratio = everything.median / base.median
        rows.append(["case list --all --format json (PostgreSQL)", everything.cell(), base.cell(),
                     f"{ratio:.2f}x", "none", ""])  # fmt: skip
    for what in ("case list --format json", "case record"):
        now, then = figures[f"SQLite {what} (now)"], figures[f"SQLite {what} (main)"]
        if isinstance(now, Figures) and isinstance(then, Figures):
            ratio = now.median / then.median
            ok = ratio <= BEFORE_BUDGET
            missed += [] if ok else [f"SQLite {what}"]
            verdict = "ok" if ok else "MISSED"
            rows.append([f"SQLite {what} (10,000 cases), against main", now.cell(), then.cell(),
                         f"{ratio:.2f}x", f"{BEFORE_BUDGET}x", verdict])  # fmt: skip
            rows.append([f"SQLite {what}, against copier", now.cell(), base.cell(),
                         f"{now.median / base.median:.2f}x", "", ""])  # fmt: skip
        else:
            rows.append([f"SQLite {what}", str(now), str(then), "", "", "MISSED"])
            missed.append(f"SQLite {what}")
    rate_ok = rate >= THROUGHPUT_BUDGET and recorded == count
    missed += [] if rate_ok else ["throughput"]
    print(f"A team's register, {runs} runs each, interleaved; {machine()}")
    print(
        f"PostgreSQL register: {total_cases:,} cases ({total_cases * 2 // OPEN_EVERY:,} open) "
        f"with {total_entries:,} history entries, {pg_size / 1e6:.0f} MB; `case import` into "
        f"SQLite {import_s:.0f} s, `db copy` into PostgreSQL {copy_s:.0f} s; one `case "
        f"delete` (with VACUUM FULL of its tables) {delete_s:.1f} s.\n"
    )
    print(table(["command", "routewise", "against", "ratio", "budget", ""], rows))
    print(
        f"\nThroughput, {WRITERS} writers x {PER_WRITER} entries in process on PostgreSQL: "
        f"{count:,} entries in {wall:.2f} s = {rate:.0f} entries/s (budget >= "
        f"{THROUGHPUT_BUDGET:.0f}); {recorded:,} recorded: {'ok' if rate_ok else 'MISSED'}"
    )
    print(
        f"For comparison, the same through `cases.append` (the case read, its plan worked out "
        f"again, the write checked against the version read, as for an event or a step done; "
        f"no budget): {planned_count:,} entries in {planned_wall:.2f} s = {planned_rate:.0f} "
        "entries/s"
    )
    if missed:
        print(f"\nBudget missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
