"""Budgets: every non-interactive command at most 0.6x `copier --help`, and no more than 15%
slower than main before issue 17, in one interleaved run.

Run: python benchmarks/commands.py [--runs N] [--before PYTHON]
`copier` comes with the `bench` extra (pip install -e ".[bench]"). `--before` is the Python
of an environment where main before issue 17 (commit 5f853a5) is installed; by default
/tmp/old-main/.venv/bin/python if it exists; without one that column is left out.
Exits 1 when a budget is missed.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from _harness import (
    ROOT,
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

COPIER_RATIO = 0.6
BEFORE_RATIO = 1.15
ANSWERS = str(ROOT / "tests" / "answers" / "dispute-director.yaml")
DEFAULT_BEFORE = Path("/tmp/old-main/.venv/bin/python")


def commands(home: Path) -> dict[str, list[str]]:
    triage = ["triage", "--answers", ANSWERS, "--format"]
    ics = str(home / "plan.ics")
    return {
        "routes": ["routes"],
        "explain": ["explain", "officer-member-dispute", "--raised", "2026-04-02"],
        "triage --format rich": [*triage, "rich"],
        "triage --format markdown": [*triage, "markdown"],
        "triage --format json": [*triage, "json"],
        "triage --format ics": [*triage, "ics", "--output", ics, "--force"],
        "due 20": ["due", "20", "--from", "2026-04-02"],
        "glossary": ["glossary"],
    }


def copier_command() -> list[str] | None:
    beside = Path(sys.executable).parent / "copier"
    found = str(beside) if beside.exists() else shutil.which("copier")
    return [found, "--help"] if found else None


def main() -> int:
    runs = runs_from_argv()
    copier = copier_command()
    if copier is None:
        sys.exit('copier is not installed: pip install -e ".[bench]"')
    before_python = Path(option("--before", str(DEFAULT_BEFORE)))
    before = [str(before_python), "-m", "routewise"] if before_python.exists() else None
    home = scratch()
    try:
        env = clean_env(home)
        python = sys.executable
        real = [python, "-m", "routewise"]
        table_of = commands(home)
        jobs = {"copier --help": lambda: run_once(copier, env)}
        for label, args in table_of.items():
            jobs[label] = lambda a=args: run_once([*real, *a], env)  # type: ignore[misc]
            if before is not None:
                jobs[f"before {label}"] = lambda a=args: run_once([*before, *a], env)  # type: ignore[misc]
        figures = interleaved(jobs, runs)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    copier_figures = figures["copier --help"]
    if isinstance(copier_figures, str):
        sys.exit(f"copier --help failed: {copier_figures}")
    rows, missed = [], []
    for label in table_of:
        cmd = figures[label]
        old = figures.get(f"before {label}")
        if isinstance(cmd, str) or isinstance(old, str):
            missed.append(label)
            rows.append([label, str(cmd), str(old), "", "", "MISSED"])
            continue
        to_copier = cmd.median / copier_figures.median
        ok = to_copier <= COPIER_RATIO
        old_cell, to_old = "(not measured)", ""
        if isinstance(old, Figures):
            old_cell, ratio = old.cell(), cmd.median / old.median
            to_old = f"{ratio:.2f}x"
            ok = ok and ratio <= BEFORE_RATIO
        if not ok:
            missed.append(label)
        rows.append(
            [label, cmd.cell(), old_cell, f"{to_copier:.2f}x", to_old, "ok" if ok else "MISSED"]
        )
    print(f"Non-interactive commands, {runs} runs each, interleaved; {machine()}")
    print(f"`copier --help`: {copier_figures.cell()}")
    print(
        f"Median wall time (min\u2013max); budgets: at most {COPIER_RATIO}x `copier --help`, "
        f"and at most {BEFORE_RATIO}x main before issue 17.\n"
    )
    header = ["command", "routewise", "before issue 17", "/ copier", "/ before", "budget"]
    print(table(header, rows))
    if missed:
        print(f"\nBudget missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
