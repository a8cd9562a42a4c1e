"""Route charts: golden Mermaid and DOT text for every built-in route, escaping, the path
a plan took, and (where Node is present) Mermaid's own parser accepting every chart."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routewise.cli import app as cli
from routewise.flows.locations import default_flows_dir, route_ids
from routewise.model.catalogue import Catalogue
from routewise.render import diagram as render_diagram
from tests import inline
from tests.paths import ANSWERS, EXAMPLE_FLOWS, PARISH_FLOWS, TESTS

GOLDEN = TESTS / "golden" / "diagrams"
ROUTE_IDS = route_ids(default_flows_dir())
UPDATE = os.environ.get("ROUTEWISE_UPDATE_GOLDEN") == "1"
runner = CliRunner()


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}: run with ROUTEWISE_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("route_id", ROUTE_IDS)
def test_mermaid_golden(route_id: str) -> None:
    result = runner.invoke(cli.app, ["explain", route_id, "--format", "mermaid"])
    assert result.exit_code == 0, result.output
    check_golden(f"{route_id}.mmd", result.stdout)


@pytest.mark.parametrize("route_id", ROUTE_IDS)
def test_dot_golden(route_id: str) -> None:
    result = runner.invoke(cli.app, ["explain", route_id, "--format", "dot"])
    assert result.exit_code == 0, result.output
    check_golden(f"{route_id}.dot", result.stdout)


def test_chart_has_every_question_outcome_step_and_escalation(catalogue: Catalogue) -> None:
    route = catalogue.routes["officer-member-dispute"]
    chart, _ = render_diagram.build_chart(catalogue, route)
    kinds = [kind for _, kind, _ in chart.nodes]
    steps = sum(len(o.steps) for o in route.outcomes)
    assert kinds.count("question") == len(route.questions)
    assert kinds.count("outcome") == len(route.outcomes)
    assert kinds.count("step") == steps
    escalations = [e for e in chart.edges if e[3] == "escalate"]
    expected = sum(1 for o in route.outcomes for s in o.steps if s.if_unresolved)
    assert len(escalations) == expected > 0
    answers = [e for e in chart.edges if e[3] == "answer"]
    expected_answers = sum(
        len(q.choices) if q.choices and q.type != "multi-choice" else 1 for q in route.questions
    )
    assert len(answers) == expected_answers
    labels = {e[2] for e in answers}
    assert {c.label for q in route.questions for c in q.choices if q.type == "choice"} <= labels


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('say "hi"', '"say #quot;hi#quot;"'),
        ("end", '"end"'),
        ("<b>&</b> #1", '"#lt;b#gt;#amp;#lt;/b#gt; #35;1"'),
        ("a\nb\x1b[31m", '"a b\\x1b[31m"'),
        ("`**md**`", '"#96;**md**#96;"'),  # never a Mermaid markdown string (issue 16, 3.5)
    ],
)
def test_mermaid_labels_are_quoted_and_escaped(text: str, expected: str) -> None:
    assert render_diagram.mermaid_label(text) == expected


def test_dot_labels_escape_quotes_and_backslashes() -> None:
    assert render_diagram.dot_label('a "b" \\ c') == '"a \\"b\\" \\\\ c"'


def hostile_catalogue() -> Catalogue:
    """Labels that break an unescaped chart: a bare end, o/x after a link, quotes, markup."""
    questions = [
        {
            "id": "end",
            "type": "yes-no",
            "text": 'end "quoted" <script>',
            "choices": [
                {"id": "yes", "label": "o", "next": "x"},
                {"id": "no", "label": "`**x --> y**`", "next": "o"},
            ],
        }
    ]
    outcomes = [
        {"id": "x", "title": "end", "steps": [inline.step("end", "you")]},
        {"id": "o", "title": "x", "steps": [inline.step("o", "you")]},
    ]
    return inline.catalogue(inline.route(questions=questions, outcomes=outcomes))


def test_node_ids_are_generated_never_taken_from_the_flow() -> None:
    catalogue = hostile_catalogue()
    text = render_diagram.mermaid(catalogue, catalogue.routes["test-route"])
    for line in text.splitlines()[1:]:
        bare = re.sub(r'"[^"]*"', '""', line)  # what Mermaid reads outside the quoted labels
        assert bare.split()[0][0] in "QRSlc", line  # Q1, R1, S1_1, linkStyle, classDef/class
        assert not {"end", "o", "x"} & set(re.split(r"[^a-z]+", bare)), line


def test_path_taken_is_highlighted(catalogue: Catalogue) -> None:
    route = catalogue.routes["member-information-request"]
    nodes, edges = render_diagram.path_taken(route, {"can-provide": "no"})
    assert nodes[:2] == ["can-provide", "refused"]
    text = render_diagram.mermaid(catalogue, route, nodes, edges)
    _, ids = render_diagram.build_chart(catalogue, route)
    taken = next(line for line in text.splitlines() if line.strip().startswith("class "))
    assert ids["refused"] in taken and ids["provided"] not in taken.split()[1].split(",")
    assert "linkStyle" in text


def test_markdown_plan_embeds_the_chart_with_the_path() -> None:
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--route",
            "member-information-request",
            "--answer",
            "can-provide=no",
            "--raised",
            "2026-12-21",
            "--format",
            "markdown",
        ],
    )
    assert result.exit_code == 0, result.output
    block = result.stdout.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block.startswith("flowchart TD")
    assert "class Q1,R2," in block  # the question and the "refused" outcome


def test_a_terminal_plan_saved_to_a_file_keeps_its_chart(tmp_path: Path) -> None:
    """The terminal never shows the chart, so it is left out there; a plan saved from the
    terminal format is markdown, and keeps it."""
    args = ["triage", "--route", "member-information-request", "--answer", "can-provide=no"]
    args += ["--raised", "2026-12-21", "--format", "rich"]
    shown = runner.invoke(cli.app, args)
    assert shown.exit_code == 0, shown.output
    assert "flowchart" not in shown.stdout
    saved = runner.invoke(cli.app, [*args, "--output", str(tmp_path / "plan.md")])
    assert saved.exit_code == 0, saved.output
    assert "```mermaid\nflowchart TD" in (tmp_path / "plan.md").read_text(encoding="utf-8")


# --- Mermaid's own parser, where Node is present ---------------------------------------

MERMAID_DIR = TESTS / "mermaid"


@pytest.fixture(scope="session")
def mermaid_parser() -> Path:
    """A folder with mermaid and jsdom installed (outside the repository); skip if impossible."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed")
    # Installed once per machine, outside the repository, and reused by later runs.
    default = Path(tempfile.gettempdir()) / f"routewise-mermaid-check-{os.getuid()}"
    folder = Path(os.environ.get("ROUTEWISE_MERMAID_DIR") or default)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(MERMAID_DIR / "package.json", folder / "package.json")
    shutil.copy(MERMAID_DIR / "parse.mjs", folder / "parse.mjs")
    if not (folder / "node_modules" / "mermaid").is_dir():
        try:
            done = subprocess.run(
                ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=folder,
                capture_output=True,
                text=True,
                timeout=240,
            )
        except subprocess.TimeoutExpired:
            pytest.skip("npm install of mermaid timed out (no registry?)")
        if done.returncode != 0:
            pytest.skip(f"npm install of mermaid failed: {done.stderr.strip()[:200]}")
    return folder


def parse_charts(folder: Path, charts: list[str]) -> list[dict[str, object]]:
    done = subprocess.run(
        ["node", "parse.mjs"],
        cwd=folder,
        input=json.dumps(charts),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    results: list[dict[str, object]] = json.loads(done.stdout)
    return results


def test_a_chart_marks_steps_for_some_answers_and_the_route_s_stand_ins() -> None:
    """Issue 18, item 3.4: a route's chart says which steps apply only to some answers and who
    stands in where; a plan's chart shows the stand-in the plan has (the Mayor), not the role."""
    from routewise.flows.folders import load_flows

    examples = load_flows([EXAMPLE_FLOWS]).catalogue
    route = examples.routes["example-grievance"]
    chart = render_diagram.mermaid(examples, route)
    tell = next(line for line in chart.splitlines() if "Tell the Mayor" in line)
    assert (
        "(only when \u201cDoes the member belong to a political group on the council?\u201d is "
        "answered No: the member belongs to no political group)" in tell
    )
    hearing = next(line for line in chart.splitlines() if "If informal resolution" in line)
    assert "the Head of HR and the member's Group Leader, together" in hearing
    assert "(the Mayor stands in if the member's Group Leader cannot act)" in hearing
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--flows",
            str(EXAMPLE_FLOWS),
            "--route",
            "example-grievance",
            "--answer",
            "about-work=yes",
            "--answer",
            "decided=substance",
            "--answer",
            "in-group=no",
            "--raised",
            "2026-03-02",
            "--format",
            "markdown",
        ],
    )
    assert result.exit_code == 0, result.output
    in_plan = result.stdout.split("```mermaid\n")[1]
    hearing = next(line for line in in_plan.splitlines() if "If informal resolution" in line)
    assert "the Head of HR and the Mayor, together" in hearing and "Group Leader" not in hearing


@pytest.mark.timeout(400)
def test_mermaid_parses_every_chart(mermaid_parser: Path, catalogue: Catalogue) -> None:
    charts = [render_diagram.mermaid(catalogue, r) for r in catalogue.routes.values()]
    hostile = hostile_catalogue()
    charts.append(render_diagram.mermaid(hostile, hostile.routes["test-route"]))
    route = catalogue.routes["officer-member-dispute"]
    nodes, edges = render_diagram.path_taken(
        route, {"already-met": "no", "member-post": (), "officer-post": "director"}
    )
    charts.append(render_diagram.mermaid(catalogue, route, nodes, edges))
    from routewise.flows.folders import load_flows  # the examples: stand-ins, "only when"

    examples = load_flows([EXAMPLE_FLOWS]).catalogue
    charts += [render_diagram.mermaid(examples, r) for r in examples.routes.values()]
    # The parser must be able to fail, or passing means nothing.
    charts.append("flowchart TD\n    A --> end\n")
    results = parse_charts(mermaid_parser, charts)
    assert [r["ok"] for r in results[:-1]] == [True] * (len(charts) - 1), results
    assert results[-1]["ok"] is False


def test_the_chart_in_a_plan_highlights_only_the_answer_given_and_the_steps_kept() -> None:
    from typer.testing import CliRunner

    from routewise.cli import app as cli

    answers = ANSWERS / "officer-concern-head-of-service.yaml"
    result = CliRunner().invoke(
        cli.app, ["triage", "--answers", str(answers), "--format", "markdown"]
    )
    chart = result.stdout.split("```mermaid\n")[1].split("```")[0].splitlines()
    edges = [line.strip() for line in chart if "-->" in line or "-.->" in line]
    lit = {
        int(n) for n in next(line for line in chart if "linkStyle" in line).split()[1].split(",")
    }
    answer_edges = [e for i, e in enumerate(edges) if i in lit and e.startswith("Q1 ")]
    assert answer_edges == ['Q1 -->|"A Head of Service"| Q2']
    taken = next(line for line in chart if line.strip().startswith("class ")).split()[1].split(",")
    # The outcome is drawn from the plan's own steps: the Head of Service's steps are gone
    # (they are the officer's own), and every step the plan keeps is lit.
    boxes = [line.strip() for line in chart if line.strip().startswith("S1_") and '["' in line]
    assert not any("Discuss the concern with the member" in box for box in boxes)
    assert [box.split("[", 1)[0] for box in boxes] == [t for t in taken if t.startswith("S1_")]
    assert boxes[0].startswith('S1_1["1. the officer:<br/>Raise the concern')


@pytest.mark.parametrize("ticked", ["none", "group-leader"])
def test_a_tick_list_has_one_way_on_which_is_lit_whatever_is_ticked(ticked: str) -> None:
    # A tick list (the member's posts) goes on the same way whatever is ticked, none
    # included: one edge, never one per choice, and it is on the path taken.
    from typer.testing import CliRunner

    from routewise.cli import app as cli

    args = ["triage", "--route", "member-concern-about-officer", "--raised", "2026-11-02"]
    args += ["--answer", "officer-post=officer", "--answer", f"member-post={ticked}"]
    result = CliRunner().invoke(cli.app, [*args, "--format", "markdown"])
    assert result.exit_code == 0, result.output
    chart = result.stdout.split("```mermaid\n")[1].split("```")[0].splitlines()
    edges = [line.strip() for line in chart if "-->" in line or "-.->" in line]
    from_q2 = [i for i, e in enumerate(edges) if e.startswith("Q2 ")]
    assert [edges[i] for i in from_q2] == ['Q2 -->|"any answer"| R1']
    lit = {
        int(n) for n in next(line for line in chart if "linkStyle" in line).split()[1].split(",")
    }
    assert from_q2[0] in lit


def test_a_choice_label_in_backticks_is_never_mermaid_markdown(tmp_path: Path) -> None:
    """`` `**md**` `` became |"`**md**`"|, which Mermaid reads as a markdown string."""
    import shutil

    from typer.testing import CliRunner

    from routewise.cli import app as cli
    from tests.paths import ROOT

    folder = tmp_path / "council"
    shutil.copytree(ROOT / "examples" / "flows", folder)
    route = folder / "quiet-word-first.yaml"
    text = route.read_text(encoding="utf-8")
    route.write_text(text.replace('label: "No, not yet"', 'label: "`**md**`"'), encoding="utf-8")
    args = ["explain", "quiet-word-first", "--format", "mermaid", "--flows", str(folder)]
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    assert '|"#96;**md**#96;"|' in result.stdout
    assert "`" not in result.stdout


def test_a_stand_in_s_condition_is_never_cut_in_a_chart_or_explain() -> None:
    """A stand-in brought in by two answers (the Chair complained about, and no Vice-Chair):
    the Mermaid and DOT charts word the whole condition, both questions joined by "and", as
    `explain` does; where the box would be long, only the questions' text is shortened,
    inside its quotes, and every bracket is closed."""
    from routewise.flows.folders import load_flows
    from routewise.render.plan_view import when_text

    parish = load_flows([PARISH_FLOWS]).catalogue
    route = parish.routes["clerk-complaint"]
    both = next(s for s in route.stand_ins if len(s.when) == 2)
    whole = when_text(route, both.when)
    assert whole == (
        "\u201cIs the councillor complained about the Chair of the Council?\u201d is answered "
        "Yes: the complaint is about the Chair and \u201cDoes the council have a Vice-Chair at "
        "the moment?\u201d is answered No: the council has no Vice-Chair"
    )
    fitted = when_text(route, both.when, 120)
    assert fitted == (
        "\u201cIs the councillor complained about\u2026\u201d is answered Yes: the complaint is "
        "about the Chair and \u201cDoes the council have a Vice-Chair\u2026\u201d is answered "
        "No: the council has no Vice-Chair"
    )
    for chart in (render_diagram.mermaid(parish, route), render_diagram.dot(parish, route)):
        (box,) = [line for line in chart.splitlines() if "Speak to the councillor" in line]
        said = box.replace("<br/>", "\n").replace("\\n", "\n").splitlines()
        (stand_in,) = [line for line in said if "Monitoring Officer stands in" in line]
        assert stand_in == (
            "(the district council's Monitoring Officer stands in when \u201cIs the councillor "
            "complained about\u2026\u201d is answered Yes: the complaint is about the Chair and "
            "\u201cDoes the council have a Vice-Chair\u2026\u201d is answered No: the council has "
            "no Vice-Chair)"
        )
        for line in said:
            assert line.count("(") == line.count(")"), line
    result = runner.invoke(
        cli.app, ["explain", "clerk-complaint", "--flows", str(PARISH_FLOWS), "--plain"]
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert (
        "Stand-in: the district council's Monitoring Officer for the Chair of the Council, when "
        + whole
        + " (Westbrook"
    ) in said
