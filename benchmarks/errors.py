"""Budget: 10,001 problems reported in at most 2x the time of a clean folder of the same size.

Run: python benchmarks/errors.py [--runs N] [--questions 10001]
Exits 1 when the budget is missed.

Three folders, each one route of 10,001 text questions in a chain (tests/flowgen.py),
layered on the built-ins: clean; every question with an unknown field (`colour: red`,
10,001 errors: "unknown field 'colour': valid fields here: ..."); and every `next:` an
unknown id (10,001 errors: "unknown question or outcome 'nowhere-1': did you mean ...").
Two commands, whole processes, interleaved, no flow cache involved (a folder with errors
is never cached, and `flows check` always reads every file):
- `routewise flows check DIR`, which prints every problem;
- `routewise routes` with ROUTEWISE_FLOWS=DIR and an empty cache folder each time, which
  prints one warning line for the broken file (what `triage` of an unrelated route does).
Each broken folder's time is compared with the clean folder's, same command.
"""

from __future__ import annotations

import itertools
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from _harness import (
    ROOT,
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

RATIO = 2.0
TIMEOUT_S = 600


def unknown_field(text: str) -> str:
    return text.replace("    type: text\n", "    type: text\n    colour: red\n")


def unknown_next(text: str) -> str:
    return re.sub(r"next: (q\d+|done)\n", lambda m: f"next: nowhere-{m.group(1)}\n", text)


SPOILS: dict[str, Callable[[str], str]] = {
    "clean": lambda text: text,
    "unknown field": unknown_field,
    "unknown next": unknown_next,
}


def main() -> int:
    runs = runs_from_argv()
    questions = int(option("--questions", "10001"))
    home = scratch()
    env = clean_env(home)
    python = sys.executable
    fresh = itertools.count()
    jobs: dict[str, Callable[[], float]] = {}
    counts: dict[str, str] = {}
    try:
        for label, spoil in SPOILS.items():
            folder = home / label.replace(" ", "-")
            write_flows(folder, "chain", questions + 1, default_flows_dir())
            route = folder / "generated.yaml"
            route.write_text(spoil(route.read_text(encoding="utf-8")), encoding="utf-8")
            check = [python, "-m", "routewise", "flows", "check", str(folder)]
            expected_exit = 0 if label == "clean" else 2
            summary = _summary(check, env, expected_exit)
            counts[label] = summary
            jobs[f"flows check, {label}"] = lambda c=check, e=expected_exit: run_once(  # type: ignore[misc]
                c, env, timeout=TIMEOUT_S, ok=(e,)
            )

            def routes(f: Path = folder) -> float:
                cache = home / f"cache-{next(fresh)}"
                try:
                    run_env = {**env, "ROUTEWISE_FLOWS": str(f), "XDG_CACHE_HOME": str(cache)}
                    argv = [python, "-m", "routewise", "routes"]
                    return run_once(argv, run_env, timeout=TIMEOUT_S, ok=(0, 2))
                finally:
                    shutil.rmtree(cache, ignore_errors=True)

            jobs[f"routes, {label}"] = routes
        figures = interleaved(jobs, runs)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    rows, missed = [], []
    for command in ("flows check", "routes"):
        clean = figures[f"{command}, clean"]
        for label in SPOILS:
            fig = figures[f"{command}, {label}"]
            if isinstance(fig, str) or isinstance(clean, str):
                missed.append(f"{command}, {label}")
                rows.append([command, label, counts[label], str(fig), "", "MISSED"])
                continue
            ratio = fig.median / clean.median
            ok = label == "clean" or ratio <= RATIO
            if not ok:
                missed.append(f"{command}, {label}")
            rows.append(
                [
                    command,
                    label,
                    counts[label],
                    fig.cell(),
                    f"{ratio:.2f}x",
                    "ok" if ok else "MISSED",
                ]
            )
    print(f"Errors at scale, {runs} runs each, interleaved; {machine()}")
    print(f"A chain of {questions:,} questions; budget: at most {RATIO}x the clean folder.\n")
    print(table(["command", "folder", "`flows check` says", "time", "/ clean", "budget"], rows))
    if missed:
        print(f"\nBudget missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


def _summary(argv: list[str], env: dict[str, str], expected: int) -> str:
    import subprocess

    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != expected:
        sys.exit(f"{' '.join(argv[-3:])}: exit {done.returncode}, expected {expected}")
    return done.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    sys.exit(main())
