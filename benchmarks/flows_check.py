"""Budget for `routewise flows check`: a generated 10,000-node flow folder checked in under 1 s.

Run: python benchmarks/flows_check.py [--runs N] [--nodes 10000]
Exits 1 when the budget is missed.

The folder is written here (self-contained, no test helpers): 100 routes of yes-no
questions (a decision tree, a shared date question, two post questions, steps with
deadlines, escalation and a YAML anchor), one long chain, and the folder's own
roles.yaml and documents.yaml, all layered on the built-ins, as a council's folder is.

Two figures, each the median of --runs fresh processes:
- **check**: inside the process, from reading the first file to the last problem
  reported (`routewise.flows_cli.check`), which is what the budget is about;
- **whole command**: `routewise flows check DIR` as a user runs it, start-up included.
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
ROUTE_NODES = 95

CHILD = """
import sys, time
from pathlib import Path
t0 = time.perf_counter()
from routewise import flows_cli
lines = []
code = flows_cli.check([Path(p) for p in sys.argv[1:]], [], False, lines.append)
print(time.perf_counter() - t0, code, lines[-1], sep="\\t")
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
            "        actor: officer",
            "        contacts: [bench-manager]",
            "        action: Raise the matter with the manager, in writing.",
            "        rung: true",
            "        if_unresolved: director",
            "        deadline: {rule: working-days, count: 5, wording: within 5 working days,"
            " counts_from: raised, counts_from_stated: true}",
            "        source: *src",
            "      - id: director",
            "        actor: officers-director",
            "        contacts: [{role: member, if: if necessary}, {one_of: [chief-executive, leader]}]",
            "        action: Meet the parties and try to settle the matter.",
            "        rung: true",
            "        source: *src",
            "      - id: feedback",
            "        actor: officers-director",
            "        contacts: [officer]",
            "        action: Give feedback on the outcome.",
            "        deadline: {rule: working-days, count: 5, wording: within 5 working days of the"
            " outcome, counts_from: outcome, counts_from_stated: true}",
            "        source: *src",
        ]
        if k % 2:
            lines += [
                "      - id: advice",
                "        actor: monitoring-officer",
                "        action: Advise on the code of conduct.",
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


def measure(args: list[str], runs: int) -> tuple[list[float], list[float], str]:
    inner, whole, summary = [], [], ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=True
        )
        whole.append(time.perf_counter() - start)
        seconds, _code, summary = done.stdout.strip().split("\t")
        inner.append(float(seconds))
    return inner, whole, summary


def spread(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:.0f} ms ({min(times) * 1000:.0f}\u2013{max(times) * 1000:.0f})"


def main() -> int:
    argv = sys.argv[1:]
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 7
    nodes = int(argv[argv.index("--nodes") + 1]) if "--nodes" in argv else 10_000
    with tempfile.TemporaryDirectory(prefix="routewise-flows-check-") as tmp:
        folder = Path(tmp) / "council"
        written = write_folder(folder, nodes)
        size = sum(p.stat().st_size for p in folder.glob("*.yaml"))
        base_inner, base_whole, _ = measure([], runs)
        inner, whole, summary = measure([str(folder)], runs)
    if "0 errors" not in summary:
        print(f"the generated folder is not clean: {summary}")
        return 1
    median = statistics.median(inner)
    print(f"Generated folder: {written:,} nodes, {size / 1e6:.1f} MB of YAML; {summary}")
    print(f"Median of {runs} fresh processes, min\u2013max in brackets.\n")
    print("| what | check (in process) | whole command |")
    print("| --- | --- | --- |")
    print(f"| built-ins alone | {spread(base_inner)} | {spread(base_whole)} |")
    print(f"| built-ins + {written:,}-node folder | {spread(inner)} | {spread(whole)} |")
    ok = median < LIMIT_S
    print(
        f"\nBudget: check of the {written:,}-node folder under {LIMIT_S:.1f} s: "
        f"{median:.2f} s, {'met' if ok else 'MISSED'} "
        f"({median / statistics.median(base_inner):.1f}\u00d7 the built-ins alone)."
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
