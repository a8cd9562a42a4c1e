"""Shared helpers for the benchmark scripts: clean environments, interleaved timing, reports.

Every budget is a ratio between figures taken in the same run, with the runs of the
commands being compared interleaved, so a busy machine slows both sides alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
DEFAULT_RUNS = 9


@dataclass
class Figures:
    """Wall times in seconds of one thing measured several times."""

    label: str
    times: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def cell(self, scale: float = 1000, unit: str = "ms") -> str:
        lo, hi = min(self.times) * scale, max(self.times) * scale
        return f"{self.median * scale:.0f} {unit} ({lo:.0f}\u2013{hi:.0f})"


def clean_env(home: Path) -> dict[str, str]:
    """The environment of an installed tool: byte-code cached, and no user config or cache.

    PYTHONDONTWRITEBYTECODE is dropped because an installed wheel has its .pyc files;
    without them every import is compiled again and every figure is off.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ROUTEWISE_", "PYTHON"))}
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["HOME"] = str(home)
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    return env


def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="routewise-bench-"))


class Failed(Exception):
    """A measured command failed or timed out: the figure does not exist."""


def run_once(
    argv: Sequence[str],
    env: dict[str, str],
    cwd: Path = ROOT,
    timeout: float | None = None,
    ok: Sequence[int] = (0,),
) -> float:
    """Wall time of one whole process, which must exit with one of the `ok` codes."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            argv,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise Failed(f"timeout (> {timeout:.0f} s)") from None
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        last = (done.stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
        raise Failed(f"exit {done.returncode}: {last[:100]}")
    return elapsed


def interleaved(
    jobs: dict[str, Callable[[], float]], runs: int, warmup: int = 2
) -> dict[str, Figures | str]:
    """Run every job once per round, `runs` rounds, after `warmup` untimed rounds.

    A job that fails is dropped from later rounds; its result is why it failed.
    """
    results: dict[str, Figures | str] = {label: Figures(label, []) for label in jobs}
    for round_ in range(warmup + runs):
        for label, job in jobs.items():
            figures = results[label]
            if isinstance(figures, str):
                continue
            try:
                elapsed = job()
            except Failed as exc:
                results[label] = str(exc)
                continue
            if round_ >= warmup:
                figures.times.append(elapsed)
    return results


def machine() -> str:
    cpus = os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"Python {sys.version.split()[0]} on {sys.platform}, {cpus} CPUs, "
        f"load average {load:.2f} at the start"
    )


def against_budgets(
    figures: dict[str, Figures | str], budgets: dict[str, float], base: Figures
) -> tuple[list[list[str]], list[str]]:
    """One table row per budgeted job (its figures, the base's, the ratio, the budget and
    whether it held), and the labels of those that missed or failed."""
    rows: list[list[str]] = []
    missed: list[str] = []
    for label, budget in budgets.items():
        mine = figures[label]
        if isinstance(mine, str):
            rows.append([label, mine, base.cell(), "", f"{budget}x", "MISSED"])
            missed.append(label)
            continue
        ratio = mine.median / base.median
        ok = ratio <= budget
        missed += [] if ok else [label]
        verdict = "ok" if ok else "MISSED"
        rows.append([label, mine.cell(), base.cell(), f"{ratio:.2f}x", f"{budget}x", verdict])
    return rows, missed


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def runs_from_argv(default: int = DEFAULT_RUNS) -> int:
    """`--runs N` on the command line; at least 9, so a median means something."""
    runs = int(option("--runs", str(default)))
    if runs < 9:
        sys.exit("--runs: at least 9 runs, so the median and spread mean something")
    return runs


def option(name: str, default: str) -> str:
    """`name VALUE` on the command line, or `default`."""
    args = sys.argv[1:]
    return args[args.index(name) + 1] if name in args else default
