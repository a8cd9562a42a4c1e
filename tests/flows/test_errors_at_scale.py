"""Reporting N problems costs about N times one problem (issue 17, item 7).

Nothing here is timed. Each test counts the steps that loading a folder and reporting
its problems take (Python lines run, each turn of a loop or comprehension counted, and
C functions called), for 2N, 3N and 4N problems of one kind: when the cost is linear,
each N more problems add the same number of steps. A scan of every problem for each
problem (a list lookup, a re-scan of the validation errors, a "did you mean" search
over every id, a search of a long mapping's keys for each line) adds more steps each
time, and fails the test.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pytest
from flowgen import chain

from routewise.commands.flows import broken_file_lines
from routewise.flows.folders import Flows, load_flows
from routewise.flows.problems import Problem

STEP = 100
"""N: large enough that a quadratic term shows, small enough to profile every call. The
sizes measured are 2N, 3N and 4N, all above `suggest.EVERY` (200), where the "did you
mean" search changes from every id to a bounded set."""


def count_steps(action: Callable[[], object]) -> int:
    """Python lines run (each turn of a loop or comprehension counts) and C functions called."""
    steps = 0

    def trace(frame: FrameType, event: str, arg: object) -> object:
        nonlocal steps
        steps += 1
        return trace

    def profile(frame: FrameType, event: str, arg: object) -> None:
        nonlocal steps
        if event == "c_call":
            steps += 1

    sys.settrace(trace)
    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return steps


def one_route(folder: Path, questions: int, spoil: Callable[[str], str]) -> Path:
    """A folder with one chain route of `questions` questions, spoilt `questions` times."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "long.yaml").write_text(spoil(chain("long", questions + 1)), encoding="utf-8")
    return folder


def unknown_field(text: str) -> str:
    return text.replace("    type: text\n", "    type: text\n    colour: red\n")


def misspelt_field(text: str) -> str:
    return text.replace("    text: Has", "    txet: Has")


def unknown_target(text: str) -> str:
    return re.sub(r"next: q(\d+)", r"next: nowhere-\1", text).replace("next: done", "next: gone")


def unknown_role(text: str) -> str:
    return text.replace(
        "parties: [member]",
        "parties: [member]\ntitles:\n"
        + "".join(f"  nobody-{i}: Nobody {i}\n" for i in range(text.count("  - id: q"))),
    )


def report(folder: Path) -> Flows:
    """What `routes --flows DIR` does with a broken folder: load it, one warning line a file."""
    flows = load_flows([folder], cache=False)
    broken_file_lines(flows)
    return flows


def increments(tmp_path: Path, make: Callable[[Path, int], Path]) -> tuple[int, int, Flows]:
    """The calls N more problems add, twice over (2N to 3N, 3N to 4N); and the 4N load."""
    # Once untimed: pydantic builds its validators, and modules are imported, on first use.
    load_flows([make(tmp_path / "warm-up", 2 * STEP)], cache=False)
    counts: list[int] = []
    flows: list[Flows] = []
    for size in (2 * STEP, 3 * STEP, 4 * STEP):
        folder = make(tmp_path / f"n{size}", size)
        counts.append(
            count_steps(lambda f=folder: flows.append(report(f)))  # type: ignore[misc]
        )
    return counts[1] - counts[0], counts[2] - counts[1], flows[-1]


def assert_linear(first: int, second: int) -> None:
    assert first > 0
    assert second <= 1.1 * first, f"{first:,} then {second:,} steps for {STEP} more problems"


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (unknown_field, "unknown field 'colour': valid fields here: id, type, text"),
        (misspelt_field, "unknown field 'txet': did you mean 'text'?"),
        (unknown_target, "unknown question or outcome '"),
        (unknown_role, "unknown role 'nobody-"),
    ],
    ids=["unknown field", "misspelt field", "unknown next", "unknown role"],
)
def test_n_problems_in_one_file_cost_n_times_one(
    tmp_path: Path, spoil: Callable[[str], str], message: str
) -> None:
    first, second, flows = increments(tmp_path, lambda f, n: one_route(f, n, spoil))
    found = [p for p in flows.errors if message in p.message]
    assert len(found) >= 4 * STEP
    assert_linear(first, second)


def test_one_warning_line_per_broken_file_costs_the_same_for_each(tmp_path: Path) -> None:
    """`routes` and `triage` with a broken folder: a line per file, naming its routes."""

    def flows_with(files: int) -> Flows:
        flows = load_flows([], cache=False)
        for i in range(files):
            problem = Problem(tmp_path / f"r{i}.yaml", 3, "start", "unknown question 'q9'")
            flows.problems.append(problem)
            flows.broken[f"r{i}"] = problem
        return flows

    counts = []
    for files in (2_000, 3_000, 4_000):
        flows = flows_with(files)
        lines: list[str] = []
        counts.append(count_steps(lambda f=flows, out=lines: out.extend(broken_file_lines(f))))  # type: ignore[misc]
        assert len(lines) == files
        assert lines[-1].endswith(
            f"left out: r{files - 1}; run `routewise flows check {tmp_path}` for every problem"
        )
    assert counts[2] - counts[1] <= 1.1 * (counts[1] - counts[0])


def test_every_unknown_target_still_gets_its_closest_id(tmp_path: Path) -> None:
    """The bounded "did you mean" search finds what the full one found on a long route."""

    def spoil(text: str) -> str:
        return text.replace("next: q17\n", "next: q17x\n").replace("next: q1234\n", "next: x1234\n")

    flows = load_flows([one_route(tmp_path / "two", 2_000, spoil)], cache=False)
    messages = sorted(p.message for p in flows.errors if p.message.startswith("unknown"))
    assert len(messages) == 2
    assert messages[1].startswith("unknown question or outcome 'x1234': did you mean 'q1234'?")
    assert messages[0].startswith("unknown question or outcome 'q17x': did you mean 'q17'?")
    assert messages[0].endswith(
        "valid ids: q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, "
        "q12, q13, q14, q15, q16, q17, q18, q19, ..."
    )
