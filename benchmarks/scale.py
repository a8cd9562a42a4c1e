"""Budgets for large flows: generated folders of 1,000, 10,000 and 100,000 nodes.

Run: python benchmarks/scale.py [--runs N] [--sizes 1000,10000,100000] [--explain 16,64,256,1024]
Exits 1 when a budget is missed. Shapes are described in tests/flowgen.py.

- load+check (every file read, validated and cross-checked, no cache) of 10,000 nodes < 1 s;
- cost grows linearly: load+check at 10x the nodes takes at most 12x the time;
- no size crashes (RecursionError, MemoryError, a signal) at any size;
- peak memory: the growth of peak RSS while loading is at most 10x the YAML's size
  (from 10,000 nodes up: below that the interpreter's own arenas dominate);
- `routewise explain` on converging yes-no questions stays polynomial: 4x the questions
  takes at most 16x the time (quadratic), where enumerating paths would double per question.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

from _harness import ROOT, Figures, clean_env, interleaved, machine, run_once, scratch, table

sys.path.insert(0, str(ROOT / "tests"))
from flowgen import SHAPES, write_flows

from routewise.flows.locations import default_flows_dir

CHILD = Path(__file__).resolve().parent / "_scale_child.py"
LOAD_LIMIT_S = 1.0
GROWTH_LIMIT = 12.0
MEMORY_LIMIT = 10.0
EXPLAIN_STEP_LIMIT = 16.0
TIMEOUT_S = 300


def option(name: str, default: str) -> str:
    args = sys.argv[1:]
    return args[args.index(name) + 1] if name in args else default


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


def main() -> int:
    runs = int(option("--runs", "7"))
    if runs < 7:
        sys.exit("--runs: at least 7 runs")
    sizes = [int(s) for s in option("--sizes", "1000,10000,100000").split(",")]
    explain_sizes = [int(s) for s in option("--explain", "16,64,256,1024").split(",") if s]
    home = scratch()
    env = clean_env(home)
    missed: list[str] = []
    print(f"Scale, {runs} runs each; {machine()}\n")
    header = ["shape", "nodes", "YAML bytes", "load+check", "growth", "memory", "budget"]
    print(
        "Load+check, no cache (median, min\u2013max); growth against 10x fewer nodes; "
        "peak RSS growth against the YAML size.\n"
    )
    print(table(header, []), flush=True)
    try:
        rows = []
        medians: dict[tuple[str, int], float] = {}
        for shape in SHAPES:
            for size in sizes:
                folder = home / f"{shape}-{size}"
                yaml_bytes = write_flows(folder, shape, size, default_flows_dir())
                timed = child(env, "time", str(folder), str(runs))
                memory = child(env, "memory", str(folder))
                if isinstance(timed, str) or isinstance(memory, str):
                    why = timed if isinstance(timed, str) else memory
                    missed.append(f"{shape} {size}: {why}")
                    rows.append([shape, f"{size:,}", f"{yaml_bytes:,}", str(why), "", "", "MISSED"])
                    print(table(header, rows[-1:]).splitlines()[-1], flush=True)
                    continue
                figures = Figures(shape, list(timed["times"]))  # type: ignore[call-overload]
                medians[shape, size] = figures.median
                ratio = int(memory["peak_growth"]) / yaml_bytes  # type: ignore[call-overload]
                growth = ""
                previous = medians.get((shape, size // 10))
                verdicts = []
                if previous is not None:
                    factor = figures.median / previous
                    growth = f"{factor:.1f}x"
                    verdicts.append(factor <= GROWTH_LIMIT)
                if size == 10_000:
                    verdicts.append(figures.median < LOAD_LIMIT_S)
                if size >= 10_000:
                    verdicts.append(ratio <= MEMORY_LIMIT)
                ok = all(verdicts)
                if not ok:
                    missed.append(f"{shape} {size}")
                rows.append(
                    [
                        shape,
                        f"{size:,}",
                        f"{yaml_bytes:,}",
                        figures.cell(),
                        growth,
                        f"{ratio:.1f}x",
                        "ok" if ok else "MISSED",
                    ]
                )
                print(table(header, rows[-1:]).splitlines()[-1], flush=True)
                shutil.rmtree(folder, ignore_errors=True)

        if explain_sizes:
            print(
                "\n`routewise explain` on converging yes-no questions, whole process, "
                f"flow cache warm ({runs} runs each, interleaved).\n"
            )
            jobs = {}
            for count in explain_sizes:
                folder = home / f"explain-{count}"
                write_flows(folder, "converging", count + 1, default_flows_dir())
                run_env = {**env, "ROUTEWISE_FLOWS": str(folder)}
                argv = [sys.executable, "-m", "routewise", "explain", "generated"]
                argv += ["--raised", "2026-04-02"]
                jobs[str(count)] = lambda a=argv, e=run_env: run_once(a, e, timeout=TIMEOUT_S)
            results = interleaved(jobs, runs, warmup=1)
            rows = []
            previous_count, previous_time = None, None
            for count in explain_sizes:
                figures = results[str(count)]
                if isinstance(figures, str):
                    missed.append(f"explain {count}: {figures}")
                    rows.append([f"{count:,}", figures, "", "MISSED"])
                    previous_count = None
                    continue
                growth, ok = "", True
                if previous_count is not None and previous_time is not None:
                    factor = figures.median / previous_time
                    allowed = EXPLAIN_STEP_LIMIT ** math.log(count / previous_count, 4)
                    growth = f"{factor:.1f}x (limit {allowed:.0f}x)"
                    ok = factor <= allowed
                if not ok:
                    missed.append(f"explain {count}")
                rows.append([f"{count:,}", figures.cell(), growth, "ok" if ok else "MISSED"])
                previous_count, previous_time = count, figures.median
            print(table(["questions", "explain", "growth", "budget"], rows))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if missed:
        print(f"\nBudget missed: {'; '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
