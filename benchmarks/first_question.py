"""Budget: time to the first question at most the floor plus questionary's import, as
before issue 17 (then 0.95-1.00 of it).

Run: python benchmarks/first_question.py [--runs N] [--before PYTHON]
Both routewise and the floor stub run in a real terminal (tmux), and the time is taken
from starting the session to seeing the text on the screen, polling `capture-pane`,
so tmux's own costs fall on both sides. questionary's import is measured as
`python -c "import questionary"` minus `python -c pass`, interleaved in the same run.
`--before` is the Python of an environment with main before issue 17 installed (by default
/tmp/old-main/.venv/bin/python if it exists): its `routewise triage` is timed in the same
run, for comparison (the budget is routewise's own ratio).
Without tmux it prints why and exits 0 (skipped); exits 1 when the budget is missed.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from _harness import (
    BENCH,
    Failed,
    Figures,
    clean_env,
    interleaved,
    machine,
    option,
    run_once,
    runs_from_argv,
    scratch,
)

SOCKET = f"routewise-bench-{uuid.uuid4().hex[:8]}"
DEFAULT_BEFORE = Path("/tmp/old-main/.venv/bin/python")
TIMEOUT_S = 30.0


def first_question_text() -> str:
    from routewise.flows.loader import load_catalogue
    from routewise.flows.locations import default_flows_dir

    return load_catalogue(default_flows_dir()).triage.question.text


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False
    )


def time_to_text(argv: list[str], env: dict[str, str], text: str, cwd: Path) -> float:
    """Seconds from starting `argv` in a fresh tmux session to `text` on its screen."""
    name = f"s{uuid.uuid4().hex[:8]}"
    command = "env -i " + " ".join(
        shlex.quote(f"{k}={v}") for k, v in {**env, "TERM": "xterm-256color"}.items()
    )
    command += " " + " ".join(shlex.quote(a) for a in argv) + "; sleep 30"
    for _attempt in range(3):  # tmux's server now and then exits as a session starts
        start = time.perf_counter()
        started = tmux(
            "new-session", "-d", "-s", name, "-x", "120", "-y", "40", "-c", str(cwd), command
        )
        if started.returncode == 0:
            break
    else:
        raise Failed(f"tmux could not start a session: {started.stderr.strip()}")
    try:
        while True:
            screen = tmux("capture-pane", "-p", "-t", name).stdout
            if text in screen:
                return time.perf_counter() - start
            if time.perf_counter() - start > TIMEOUT_S:
                raise Failed(f"{text!r} never appeared; the screen was:\n{screen}")
            time.sleep(0.002)
    finally:
        tmux("kill-session", "-t", name)


def main() -> int:
    runs = runs_from_argv()
    if shutil.which("tmux") is None:
        print("skipped: tmux is not installed (apt-get install tmux), so there is no terminal")
        return 0
    probe = tmux("-f", "/dev/null", "start-server")
    if probe.returncode != 0:
        print(f"skipped: tmux cannot run here ({probe.stderr.strip()})")
        return 0
    home = scratch()
    try:
        env = clean_env(home)
        env.pop("NO_COLOR", None)
        python = sys.executable
        question = first_question_text()
        jobs = {
            "floor stub": lambda: time_to_text(
                [python, str(BENCH / "floor_app.py"), "triage"], env, "? floor-ready", home
            ),
            "routewise triage": lambda: time_to_text(
                [python, "-m", "routewise", "triage"], env, question, home
            ),
            "python -c pass": lambda: run_once([python, "-c", "pass"], env),
            "import questionary": lambda: run_once([python, "-c", "import questionary"], env),
        }
        before = Path(option("--before", str(DEFAULT_BEFORE)))
        if before.exists():
            jobs["before issue 17: routewise triage"] = lambda: time_to_text(
                [str(before), "-m", "routewise", "triage"], env, question, home
            )
        results = interleaved(jobs, runs)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    failed = {label: r for label, r in results.items() if isinstance(r, str)}
    if failed:
        for label, why in failed.items():
            print(f"{label}: {why}", file=sys.stderr)
        return 1
    fig = {label: r for label, r in results.items() if isinstance(r, Figures)}
    questionary = fig["import questionary"].median - fig["python -c pass"].median
    budget = fig["floor stub"].median + questionary
    measured = fig["routewise triage"].median
    print(f"Time to the first question in tmux, {runs} runs each, interleaved; {machine()}\n")
    for label in jobs:
        print(f"- {label}: {fig[label].cell()}")
    print(f"- questionary's import (difference of medians): {questionary * 1000:.0f} ms")
    old = fig.get("before issue 17: routewise triage")
    if old is not None:
        print(f"- before issue 17: {old.median / budget:.2f} of the same budget")
    verdict = "ok" if measured <= budget else "MISSED"
    print(
        f"\nFirst question after {measured * 1000:.0f} ms; budget floor + questionary = "
        f"{budget * 1000:.0f} ms ({measured / budget:.2f} of it): {verdict}"
    )
    return 0 if measured <= budget else 1


if __name__ == "__main__":
    sys.exit(main())
