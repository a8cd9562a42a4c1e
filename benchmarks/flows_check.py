"""Budget for `routewise flows check`: a generated 10,000-node flow folder checked in under 1 s.

Run: python benchmarks/flows_check.py [--runs N] [--nodes 10000]
Exits 1 when the budget is missed.

The folder is written here (self-contained, no test helpers): 100 routes of yes-no
questions (two post questions, then a decision tree whose outcomes each have a rung
with a conditional contact and escalation, and a step with a deadline counted from an
event), one chain of text questions (a tenth of the nodes), and the folder's own
roles.yaml and documents.yaml, all layered on the built-ins, as a council's folder is.

Two figures, each the median of --runs fresh processes:
- **check**: inside the process, from reading the first file to the last problem
  reported (`routewise.commands.flows.check`), which is what the budget is about;
- **whole command**: `routewise flows check DIR` as a user runs it, start-up included
  (timed in its own process, interleaved with the first).
The built-in flows checked alone are timed the same way, for the ratio.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT_S = 1.0
PARSE_RATIO = 2.0
"""The check may take at most this many times PyYAML's bare parse of the same files."""
ROUTE_NODES = 95

CHILD = """
import gc, sys, time
from pathlib import Path
import yaml
from routewise.commands import flows as flows_cli
folders = [Path(p) for p in sys.argv[1:]]
files = [f for d in folders for f in sorted(d.glob("*.yaml"))]
gc.disable()  # as the check does while reading
t0 = time.perf_counter()
for f in files:  # the floor: PyYAML (libyaml) composing and constructing the same files
    loader = yaml.CSafeLoader(f.read_text(encoding="utf-8"))
    loader.construct_document(loader.get_single_node())
    loader.dispose()
bare = time.perf_counter() - t0
gc.enable()
lines = []
t0 = time.perf_counter()
code = flows_cli.check(folders, [], False, lines.append)
print(time.perf_counter() - t0, bare, code, lines[-1], sep="\\t")
"""

DOCUMENTS = """\
documents:
  - id: bench-doc
    title: A generated protocol for the benchmark
    short: Bench protocol
    section_style: number
"""

ROLES = """\
roles:
  - id: bench-manager
    title: the officer's manager (generated)
    post: head-of-service
    of: officer
"""


def route_text(n: int, questions: int) -> str:
    """A route of `questions` yes-no questions in a tree, then outcomes with four steps."""
    lines = [
        f"id: bench-{n}",
        f"title: Generated route {n}",
        "summary: A generated route for the flows check benchmark.",
        "triage: {label: Generated route " + str(n) + "}",
        "parties: [officer, member]",
        "source: &src {document: bench-doc, section: '1'}",
        "start: officer-post",
        "events: [{id: outcome, text: the outcome is reached, question: When?}]",
        "questions:",
        "  - {id: officer-post, post: officer, next: member-post}",
        "  - {id: member-post, post: member, next: q0}",
    ]
    outcomes: list[str] = []
    for i in range(questions):
        yes, no = 2 * i + 1, 2 * i + 2
        targets = []
        for child in (yes, no):
            if child < questions:
                targets.append(f"q{child}")
            else:
                targets.append(f"o{child}")
                outcomes.append(f"o{child}")
        lines += [
            f"  - id: q{i}",
            "    type: yes-no",
            f"    text: Has point {i} of the generated protocol been met, as paragraph {i} asks?",
            "    choices:",
            f'      - {{id: "yes", label: "Yes", next: {targets[0]}}}',
            f'      - {{id: "no", label: "No", next: {targets[1]}}}',
        ]
    lines.append("outcomes:")
    for k, outcome in enumerate(outcomes):
        lines += [
            f"  - id: {outcome}",
            f"    title: Generated outcome {outcome}",
            "    steps:",
            "      - id: raise",
            "        actor: officers-director" if k % 2 else "        actor: bench-manager",
            "        contacts: [{role: member, if: if necessary}]",
            "        action: Meet the parties and try to settle the matter.",
            "        rung: true",
            "        if_unresolved: feedback",
            "        source: *src",
            "      - id: feedback",
            "        actor: [chief-executive, monitoring-officer]",
            "        contacts: [officer]",
            "        action: Give feedback on the outcome, in writing.",
            "        deadline: {rule: working-days, count: 5, wording: within 5 working days of the"
            " outcome, counts_from: outcome, counts_from_stated: true}",
            "        source: *src",
        ]
    return "\n".join(lines) + "\n"


def chain_text(length: int) -> str:
    lines = [
        "id: bench-chain",
        "title: A long chain",
        "summary: Text questions one after another.",
        "triage: {label: A long chain}",
        "parties: [member]",
        "source: {document: bench-doc, section: '2'}",
        "start: c0",
        "questions:",
    ]
    for i in range(length):
        nxt = f"c{i + 1}" if i + 1 < length else "end-of-chain"
        lines.append(f"  - {{id: c{i}, type: text, text: Point {i}?, next: {nxt}}}")
    lines += [
        "outcomes:",
        "  - id: end-of-chain",
        "    title: The end of the chain",
        "    steps:",
        "      - {id: ask, actor: member, contacts: [monitoring-officer], action: Ask.,"
        " source: {document: bench-doc, section: '2'}}",
    ]
    return "\n".join(lines) + "\n"


def write_folder(folder: Path, nodes: int) -> int:
    """Write routes until `nodes` questions plus outcomes; the node count written."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "documents.yaml").write_text(DOCUMENTS, encoding="utf-8")
    (folder / "roles.yaml").write_text(ROLES, encoding="utf-8")
    chain = nodes // 10
    (folder / "bench-chain.yaml").write_text(chain_text(chain - 1), encoding="utf-8")
    written, n = chain, 0
    per_route = 2 + ROUTE_NODES  # two post questions, then a tree of 47 questions, 48 outcomes
    while written + per_route <= nodes:
        (folder / f"bench-{n}.yaml").write_text(route_text(n, ROUTE_NODES // 2), encoding="utf-8")
        written += per_route
        n += 1
    return written


def measure(args: list[str], runs: int) -> tuple[list[float], list[float], list[float], str]:
    """Check time in process, whole-process time, bare YAML parse time, and the summary line."""
    inner, whole, bare, summary = [], [], [], ""
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=True
        )
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "routewise", "flows", "check", *args],
            capture_output=True,
            check=True,
        )
        whole.append(time.perf_counter() - start)
        seconds, parse, _code, summary = done.stdout.strip().split("\t")
        inner.append(float(seconds))
        bare.append(float(parse))
    return inner, whole, bare, summary


def spread(times: list[float]) -> str:
    low, high = min(times) * 1000, max(times) * 1000
    return f"{statistics.median(times) * 1000:.0f} ms ({low:.0f}\u2013{high:.0f})"


def main() -> int:
    argv = sys.argv[1:]
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 7
    nodes = int(argv[argv.index("--nodes") + 1]) if "--nodes" in argv else 10_000
    with tempfile.TemporaryDirectory(prefix="routewise-flows-check-") as tmp:
        folder = Path(tmp) / "council"
        written = write_folder(folder, nodes)
        size = sum(p.stat().st_size for p in folder.glob("*.yaml"))
        base_inner, base_whole, _, _ = measure([], runs)
        inner, whole, bare, summary = measure([str(folder)], runs)
    if "0 errors" not in summary:
        print(f"the generated folder is not clean: {summary}")
        return 1
    median = statistics.median(inner)
    print(f"Generated folder: {written:,} nodes, {size / 1e6:.1f} MB of YAML; {summary}")
    print(f"Median of {runs} fresh processes, min\u2013max in brackets.\n")
    print("| what | check (in process) | whole process | PyYAML parse alone |")
    print("| --- | --- | --- | --- |")
    print(f"| built-ins alone | {spread(base_inner)} | {spread(base_whole)} | |")
    print(
        f"| built-ins + {written:,}-node folder | {spread(inner)} | {spread(whole)} "
        f"| {spread(bare)} |"
    )
    ratios = [i / b for i, b in zip(inner, bare, strict=True)]
    ratio = statistics.median(ratios)
    fast = median < LIMIT_S
    lean = ratio <= PARSE_RATIO
    print(
        f"\nBudget 1: check of the {written:,}-node folder under {LIMIT_S:.1f} s: "
        f"{median:.2f} s, {'met' if fast else 'MISSED'}."
    )
    print(
        f"Budget 2: check at most {PARSE_RATIO}\u00d7 PyYAML's bare parse of the same files: "
        f"{ratio:.2f}\u00d7 (runs {min(ratios):.2f}\u2013{max(ratios):.2f}), "
        f"{'met' if lean else 'MISSED'}."
    )
    return 0 if fast and lean else 1


if __name__ == "__main__":
    sys.exit(main())
