"""Budgets for large council folders, against PyYAML (libyaml) reading the same files.

Run: python benchmarks/scale.py [--runs N] [--sizes 1000,10000,100000] [--shapes tree,routes]
Exits 1 when a budget is missed. Shapes come from tests/flowgen.py: `tree` is one big
route file (a binary tree of yes-no questions, outcomes at the leaves), `routes` is many
small route files (2,000 of five nodes at 10,000 nodes); each folder has its own
roles.yaml and triage.yaml and is layered on the built-ins (ROUTEWISE_FLOWS).

Each size is one interleaved run of whole processes:
- **bare**: `python _scale_child.py bare DIR`, yaml.load(..., Loader=yaml.CSafeLoader) of
  every file of the folder, values kept, the cyclic collector paused;
- **cold**: `routewise routes` on the folder with an empty cache folder each time (every
  file read, validated and cross-checked);
- **warm**: the same with the flow cache built; and `routewise routes` on the built-ins;
  both also with `--format json`, to tell the flow cache's part from drawing the table.
Then, in fresh processes: in-process load+check times (no cache) and the peak RSS growth of
one load, routewise's and bare yaml.load's.

Budgets, at 10,000 nodes in each shape:
- cold at most 2.5x bare;
- peak memory at most 1.2x bare yaml.load's own peak;
- warm at most 1.5x `routes` on the built-ins;
and at every size: no crash (RecursionError, MemoryError, a signal) with Python's default
recursion limit; the in-process load+check at 10x the nodes at most 12x the time.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
from pathlib import Path

from _harness import (
    ROOT,
    Failed,
    Figures,
    clean_env,
    interleaved,
    machine,
    option,
    run_once,
    runs_from_argv,
    scratch,
    table,
)

sys.path.insert(0, str(ROOT / "tests"))
from flowgen import write_flows

from routewise.flows.locations import default_flows_dir

CHILD = Path(__file__).resolve().parent / "_scale_child.py"
COLD_RATIO = 2.5
MEMORY_RATIO = 1.2
WARM_RATIO = 1.5
GROWTH_LIMIT = 12.0
BUDGET_SIZE = 10_000
TIMEOUT_S = 600


def child(env: dict[str, str], *args: str) -> dict[str, object] | str:
    """The child's JSON, or why it failed: a crash, a timeout."""
    try:
        done = subprocess.run(
            [sys.executable, str(CHILD), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"timeout (> {TIMEOUT_S} s)"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return f"crash ({done.returncode}): {last[:80]}"
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def jobs_for(folder: Path, home: Path, env: dict[str, str]) -> dict[str, object]:
    python = sys.executable
    routes = [python, "-m", "routewise", "routes"]
    layered = {**env, "ROUTEWISE_FLOWS": str(folder)}
    fresh = itertools.count()

    def cold() -> float:
        cache = home / f"cold-cache-{next(fresh)}"
        try:
            return run_once(routes, {**layered, "XDG_CACHE_HOME": str(cache)}, timeout=TIMEOUT_S)
        finally:
            shutil.rmtree(cache, ignore_errors=True)

    return {
        "bare": lambda: run_once([python, str(CHILD), "bare", str(folder)], env, timeout=TIMEOUT_S),
        "cold": cold,
        "warm": lambda: run_once(routes, layered, timeout=TIMEOUT_S),
        "built-ins": lambda: run_once(routes, env, timeout=TIMEOUT_S),
        # The same as JSON: what the warm run costs apart from drawing the table of routes.
        "warm json": lambda: run_once([*routes, "--format", "json"], layered, timeout=TIMEOUT_S),
        "built-ins json": lambda: run_once([*routes, "--format", "json"], env, timeout=TIMEOUT_S),
    }


def main() -> int:
    runs = runs_from_argv()
    sizes = [int(s) for s in option("--sizes", "1000,10000,100000").split(",")]
    shapes = option("--shapes", "tree,routes").split(",")
    home = scratch()
    env = clean_env(home)
    missed: list[str] = []
    print(f"Scale, {runs} runs each, interleaved by size; {machine()}\n")
    header = [
        "shape",
        "nodes",
        "YAML",
        "bare yaml.load",
        "routes, no cache",
        "cold / bare",
        "in process",
        "growth",
        "memory / bare",
        "routes, cache warm",
        "warm / built-ins",
        "budget",
    ]
    print(
        "Whole processes: median (min\u2013max). In process: load+check, no cache. Growth: in "
        "process, against 10x fewer nodes. Memory: peak RSS growth of one load.\n"
    )
    print(table(header, []), flush=True)
    try:
        in_process: dict[tuple[str, int], float] = {}
        for shape, size in itertools.product(shapes, sizes):
            folder = home / f"{shape}-{size}"
            yaml_bytes = write_flows(folder, shape, size, default_flows_dir())
            warmup = 1 if size > BUDGET_SIZE else 2
            whole = interleaved(jobs_for(folder, home, env), runs, warmup=warmup)  # type: ignore[arg-type]
            timed = child(env, "time", str(folder), str(runs))
            memory = child(env, "memory", str(folder))
            bare_memory = child(env, "bare-memory", str(folder))
            failures = [
                r for r in [*whole.values(), timed, memory, bare_memory] if isinstance(r, str)
            ]
            if failures:
                missed.append(f"{shape} {size}: {failures[0]}")
                row = [shape, f"{size:,}", "", str(failures[0])] + [""] * 7 + ["MISSED"]
                print(table(header, [row]).splitlines()[-1], flush=True)
                continue
            fig: dict[str, Figures] = {k: v for k, v in whole.items() if isinstance(v, Figures)}
            assert isinstance(timed, dict) and isinstance(memory, dict)
            assert isinstance(bare_memory, dict)
            inner = Figures("in process", list(timed["times"]))  # type: ignore[call-overload]
            in_process[shape, size] = inner.median
            cold_ratio = fig["cold"].median / fig["bare"].median
            memory_ratio = int(memory["peak_growth"]) / max(int(bare_memory["peak_growth"]), 1)  # type: ignore[call-overload]
            warm_ratio = fig["warm"].median / fig["built-ins"].median
            verdicts = []
            growth = ""
            previous = in_process.get((shape, size // 10))
            if previous is not None:
                growth = f"{inner.median / previous:.1f}x"
                verdicts.append(inner.median / previous <= GROWTH_LIMIT)
            if size == BUDGET_SIZE:
                verdicts += [
                    cold_ratio <= COLD_RATIO,
                    memory_ratio <= MEMORY_RATIO,
                    warm_ratio <= WARM_RATIO,
                ]
            ok = all(verdicts)
            if not ok:
                missed.append(f"{shape} {size}")
            row = [
                shape,
                f"{size:,}",
                f"{yaml_bytes / 1e6:.1f} MB",
                fig["bare"].cell(),
                fig["cold"].cell(),
                f"{cold_ratio:.2f}x",
                inner.cell(),
                growth,
                f"{memory_ratio:.2f}x ({int(memory['peak_growth']) / 1e6:.0f} MB)",  # type: ignore[call-overload]
                fig["warm"].cell(),
                f"{warm_ratio:.2f}x",
                "ok" if ok else "MISSED",
            ]
            print(table(header, [row]).splitlines()[-1], flush=True)
            json_ratio = fig["warm json"].median / fig["built-ins json"].median
            print(
                f"    (`routes` on the built-ins: {fig['built-ins'].cell()}; as JSON, warm "
                f"{fig['warm json'].cell()} against {fig['built-ins json'].cell()} on the "
                f"built-ins: {json_ratio:.2f}x)",
                flush=True,
            )
            shutil.rmtree(folder, ignore_errors=True)
    except Failed as exc:
        missed.append(str(exc))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(
        f"\nBudgets at {BUDGET_SIZE:,} nodes: cold at most {COLD_RATIO}x bare, memory at most "
        f"{MEMORY_RATIO}x bare, warm at most {WARM_RATIO}x `routes` on the built-ins; at every "
        f"size no crash and at most {GROWTH_LIMIT:.0f}x the in-process time at 10x the nodes."
    )
    if missed:
        print(f"\nBudget missed: {'; '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
