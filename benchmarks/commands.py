"""Budget: every non-interactive command at most 1.3x the floor, in the same run.

Run: python benchmarks/commands.py [--runs N]
Exits 1 when a budget is missed.
"""

from __future__ import annotations

import shutil
import sys

from _harness import (
    BENCH,
    ROOT,
    Figures,
    clean_env,
    interleaved,
    machine,
    run_once,
    runs_from_argv,
    scratch,
    table,
)

BUDGET = 1.3
ANSWERS = str(ROOT / "tests" / "answers" / "dispute-director.yaml")

# label -> arguments; the floor stub gets the very same arguments.
COMMANDS: dict[str, list[str]] = {
    "triage --format json": ["triage", "--answers", ANSWERS, "--format", "json"],
    "triage --format markdown": ["triage", "--answers", ANSWERS, "--format", "markdown"],
    "triage --format rich": ["triage", "--answers", ANSWERS, "--format", "rich"],
    "routes": ["routes"],
    "due 20": ["due", "20", "--from", "2026-04-02"],
    "explain": ["explain", "officer-member-dispute", "--raised", "2026-04-02"],
}


def main() -> int:
    runs = runs_from_argv()
    home = scratch()
    try:
        env = clean_env(home)
        python = sys.executable
        floor = [python, str(BENCH / "floor_app.py")]
        real = [python, "-m", "routewise"]
        jobs = {"python -c pass": lambda: run_once([python, "-c", "pass"], env)}
        for label, args in COMMANDS.items():
            jobs[f"floor {label}"] = lambda a=args: run_once([*floor, *a], env)  # type: ignore[misc]
            jobs[label] = lambda a=args: run_once([*real, *a], env)  # type: ignore[misc]
        figures = interleaved(jobs, runs)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    rows, missed = [], []
    for label in COMMANDS:
        cmd, base = figures[label], figures[f"floor {label}"]
        if isinstance(cmd, str) or isinstance(base, str):
            missed.append(label)
            rows.append([label, str(cmd), str(base), "", "MISSED"])
            continue
        ratio = cmd.median / base.median
        ok = ratio <= BUDGET
        if not ok:
            missed.append(label)
        rows.append([label, cmd.cell(), base.cell(), f"{ratio:.2f}x", "ok" if ok else "MISSED"])
    print(f"Non-interactive commands, {runs} runs each, interleaved; {machine()}")
    base = figures["python -c pass"]
    print(f"`python -c pass`: {base.cell() if isinstance(base, Figures) else base}")
    print(f"Median wall time (min\u2013max); budget: at most {BUDGET}x the floor stub.\n")
    print(table(["command", "routewise", "floor stub", "ratio", "budget"], rows))
    if missed:
        print(f"\nBudget missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
