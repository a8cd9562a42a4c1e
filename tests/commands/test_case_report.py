"""`case report` end to end through CliRunner: the acceptance's register across two quarters
(see `two_quarters`), its counts, the "fewer than 5" rule, the deadlines met and missed
with extensions and pauses, the gantt chart parsed by Mermaid, every format, and bad input.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from case_helpers import Run
from two_quarters import build_register
from typer.testing import Result

from tests.render.test_diagram import mermaid_parser, parse_charts  # noqa: F401 (fixture)

Q1 = ("--from", "2026-01-01", "--to", "2026-03-31")
Q2 = ("--from", "2026-04-01", "--to", "2026-06-30")


@pytest.fixture
def quarters(run: Run, open_cases: Callable[..., Result], on_each_backend: str) -> None:
    """The register across two quarters, on an SQLite file and on PostgreSQL alike."""
    build_register(run, open_cases)


def report_json(run: Run, *args: str) -> dict[str, Any]:
    return json.loads(run("case", "report", "--format", "json", *args).stdout)


def counts(data: dict[str, Any]) -> dict[str, dict[str, int | str]]:
    return {row.pop("route"): row for row in data["counts"]}


INFO = "A member's request for information"
UNP = "An officer acts unprofessionally towards a member"


@pytest.mark.usefixtures("quarters")
def test_the_first_quarter_judged_on_its_last_day(run: Run) -> None:
    data = report_json(run, *Q1, "--exact-counts")
    assert data["period"] == {"from": "2026-01-01", "to": "2026-03-31", "as_of": "2026-03-31"}
    # INF-06 and INF-12 were late on 31 Mar; UNP-2 waited for the outcome; the rest were
    # closed by then. Judged on 31 Mar, not today: INF-12 was done and closed in April, but
    # the statuses come from the steps done by the period's last day.
    assert counts(data) == {
        INFO: {"red": 2, "amber": 0, "green": 0, "waiting": 0, "paused": 0}
        | {"closed": 5, "problem": 0, "total": 7},
        UNP: {"red": 0, "amber": 0, "green": 0, "waiting": 1, "paused": 0}
        | {"closed": 1, "problem": 0, "total": 2},
    }
    assert data["total"]["total"] == 9
    # Met: INF-01, INF-03 (by its agreed date), INF-05 (its date moved on by the pause),
    # UNP-1. Missed: INF-02 (done late), INF-04 (late even for its agreed date), INF-06,
    # INF-12 (not done by 31 Mar).
    assert data["deadlines"] == {
        "met": 4,
        "missed": 4,
        "extended": 2,
        "extended_met": 1,
        "ideally_missed": 0,
    }
    by_number = {c["number"]: c for c in data["cases"]}
    assert [c["route"] for c in data["cases"]][:2] == [
        "member-information-request",  # INF-01, raised Mon 5 Jan
        "officer-unprofessional-to-member",  # UNP-1, raised Wed 7 Jan
    ]
    inf05 = by_number[7]
    assert inf05["opened"] == "2026-03"
    # Mon 2 to Fri 20 Mar: 14 working days, less the 5 the clock was stopped (Wed 4 to Tue 10).
    assert inf05["working_days_open"] == 9
    assert inf05["deadlines"]["met"] == 1 and inf05["status"] == "closed"
    assert by_number[8]["status"] == "red"  # INF-12, on 31 Mar
    inf06 = by_number[9]
    assert inf06["stage"] == {"step": 2, "of": 2, "text": "step 2 of 2"}
    assert inf06["status"] == "red" and inf06["deadlines"]["missed"] == 1
    assert all("reference" not in c for c in data["cases"])


@pytest.mark.usefixtures("quarters")
def test_the_second_quarter_and_the_fewer_than_5_rule(run: Run) -> None:
    data = report_json(run, *Q2)
    fewer = "fewer than 5"
    assert counts(data) == {
        INFO: {"red": fewer, "amber": fewer, "green": fewer, "waiting": 0, "paused": fewer}
        | {"closed": fewer, "problem": 0, "total": 7},
        UNP: {"red": 0, "amber": 0, "green": 0, "waiting": fewer, "paused": 0}
        | {"closed": fewer, "problem": 0, "total": fewer},
    }
    assert data["total"] == {
        "red": fewer,
        "amber": fewer,
        "green": fewer,
        "waiting": fewer,
        "paused": fewer,
        "closed": fewer,
        "problem": 0,
        "total": 9,
    }
    # Met: INF-07, INF-08. Missed: UNP-3 (Wed 15 Apr, past Good Friday and Easter Monday),
    # INF-10 (Mon 29 Jun). INF-09's clock is stopped: its date moves on every day, so it
    # has not fallen due. INF-06's deadline fell due in the first quarter, counted there.
    assert data["deadlines"]["met"] == 2 and data["deadlines"]["missed"] == 2
    exact = report_json(run, *Q2, "--exact-counts")
    assert counts(exact)[INFO] == {
        "red": 2,
        "amber": 1,
        "green": 1,
        "waiting": 0,
        "paused": 1,
        "closed": 2,
        "problem": 0,
        "total": 7,
    }
    statuses = [c["status"] for c in exact["cases"]]
    assert statuses == [
        *("waiting", "closed", "red", "closed", "closed"),
        *("green", "paused", "red", "amber"),
    ]


@pytest.mark.usefixtures("quarters")
def test_the_markdown_report(run: Run) -> None:
    text = run("case", "report", *Q1).stdout
    assert text.startswith("# Standards committee: schedule of cases\n")
    assert "Cases open on some day from Thu 1 Jan 2026 to Tue 31 Mar 2026." in text
    assert (
        "| A member's request for information | fewer than 5 | 0 | 0 | 0 | 0 | 5 | 0 | 7 |" in text
    )
    assert "| All routes | fewer than 5 | 0 | 0 | fewer than 5 | 0 | 6 | 0 | 9 |" in text
    assert (
        "8 deadlines fell due in the period: 4 met and 4 missed. 2 of them had an agreed new "
        "date (an extension); 1 of those was met by its new date, so counts as met." in text
    )
    assert (
        "| 7 | A member's request for information | Mar 2026 | all 2 steps done | 9 | 1 | 0 "
        "| 0 | Closed |" in text
    )
    for reference in ("INF-0", "UNP-"):
        assert reference not in text
    for private in ("sam", "Agreed with the member", "Member away", "Answered"):
        assert private not in text  # no owner, reason or note: never read for the report
    with_refs = run("case", "report", *Q1, "--with-references").stdout
    assert "| 9 | INF-06 | A member's request for information |" in with_refs
    # The text follows the counts' rule too: one paused case is "fewer than 5".
    second = run("case", "report", *Q2).stdout
    assert (
        "Fewer than 5 cases were paused on Tue 30 Jun 2026: their open deadlines are not "
        "judged while the clock is stopped." in second
    )
    exact = run("case", "report", *Q2, "--exact-counts").stdout
    assert "1 case was paused on Tue 30 Jun 2026: its open deadlines" in exact
    assert "9 cases. Cases are numbered in the order they were raised." in exact


@pytest.mark.usefixtures("quarters")
def test_the_gantt_chart_is_read_by_mermaid(run: Run, mermaid_parser: Path) -> None:  # noqa: F811
    charts = []
    for args in (Q1, (*Q2, "--with-references")):
        text = run("case", "report", *args).stdout
        charts.append(text.split("```mermaid\n", 1)[1].split("```", 1)[0])
    assert "    Case 9 (late) :crit, b7, 2026-03-23, 2026-04-01" in charts[0]
    assert "    Case 2 (closed) :done, b8, 2026-01-07, 2026-01-23" in charts[0]
    assert all(r["ok"] and r["type"] == "gantt" for r in parse_charts(mermaid_parser, charts))
    tasks = gantt_tasks(mermaid_parser, charts)
    assert [t["task"] for t in tasks[0]] == [
        "Case 1 (closed)",
        "Case 3 (closed)",
        "Case 4 (closed)",
        "Case 6 (closed)",
        "Case 7 (closed)",
        "Case 8 (late)",
        "Case 9 (late)",
        "Case 2 (closed)",
        "Case 5 (waiting)",
    ]
    assert {t["section"] for t in tasks[0]} == {INFO, UNP}
    assert tasks[1][0]["task"] == "Case 2, INF-12 (closed)"


def gantt_tasks(folder: Path, charts: list[str]) -> list[list[dict[str, str]]]:
    """Each chart's tasks as Mermaid reads them (name and section, entity codes decoded)."""
    import shutil
    import subprocess

    shutil.copy(Path(__file__).parents[1] / "mermaid" / "gantt.mjs", folder / "gantt.mjs")
    done = subprocess.run(
        ["node", "gantt.mjs"],
        cwd=folder,
        input=json.dumps(charts),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found: list[list[dict[str, str]]] = json.loads(done.stdout)
    return found


def test_a_reference_cannot_break_out_of_the_chart(
    run: Run,
    open_cases: Callable[..., Result],
    mermaid_parser: Path,  # noqa: F811
) -> None:
    hostile = [
        'A: 1; #quot; %%{init: {"theme": "forest"}}%% `x`',
        "section Evil",
        "end",
        "x :crit, b1, 2020-01-01, 2030-01-01",
        "<b>&amp;</b> ' \" \\",
    ]
    open_cases(
        *(
            {
                "reference": reference,
                "route": "member-information-request",
                "raised": f"2026-06-{n + 1:02d}",
                "answers": {"can-provide": "yes"},
            }
            for n, reference in enumerate(hostile)
        )
    )
    text = run("case", "report", "--with-references").stdout
    chart = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert all(r["ok"] for r in parse_charts(mermaid_parser, [chart]))
    tasks = gantt_tasks(mermaid_parser, [chart])[0]
    assert [t["task"] for t in tasks] == [
        f"Case {n}, {reference} (late)" for n, reference in enumerate(hostile, start=1)
    ]
    assert {t["section"] for t in tasks} == {INFO}
    for line in chart.splitlines()[5:]:  # every task is one line with one data part
        assert line.count(":") == (0 if line.startswith("    section ") else 1)


def test_an_empty_register_or_period_gives_a_report_that_says_so(
    run: Run, open_cases: Callable[..., Result], tmp_path: Path
) -> None:
    empty = run("case", "report").stdout
    assert "No case was open in this period, so there is nothing to count." in empty
    assert json.loads(run("case", "report", "--format", "json").stdout)["cases"] == []
    assert run("case", "report", "--format", "csv").stdout.startswith("No.,Route,Opened,")
    open_cases(
        {
            "reference": "LATER",
            "route": "member-information-request",
            "raised": "2026-06-25",
            "answers": {"can-provide": "yes"},
        }
    )
    period = run("case", "report", "--from", "2026-01-01", "--to", "2026-03-31").stdout
    assert "Cases open on some day from Thu 1 Jan 2026 to Tue 31 Mar 2026." in period
    assert "No case was open in this period" in period
    assert not (tmp_path / "register.sqlite3").exists()


@pytest.mark.usefixtures("quarters")
def test_csv_holds_the_schedule_then_the_counts(run: Run) -> None:
    rows = list(csv.reader(io.StringIO(run("case", "report", *Q1, "--format", "csv").stdout)))
    gap = rows.index([])
    schedule, counted = rows[:gap], rows[gap + 1 :]
    assert schedule[0] == [
        "No.",
        "Route",
        "Opened",
        "Stage reached",
        "Working days open",
        "Deadlines met",
        "Deadlines missed",
        "Extended",
        "Status",
    ]
    assert len(schedule) == 10
    assert schedule[9] == [
        "9",
        INFO,
        "Mar 2026",
        "step 2 of 2",
        "6",
        "0",
        "1",
        "0",
        "Red: late",
    ]
    assert counted[0][:3] == ["Route", "Red: late", "Amber: due soon"]
    assert counted[-1] == [
        *("All routes", "fewer than 5", "0", "0", "fewer than 5"),
        *("0", "6", "0", "9"),
    ]


@pytest.mark.usefixtures("quarters")
def test_filters_and_the_report_written_to_a_file(run: Run, tmp_path: Path) -> None:
    only = report_json(run, *Q2, "--status", "red", "--exact-counts")
    assert [c["status"] for c in only["cases"]] == ["red", "red"]
    assert [c["number"] for c in only["cases"]] == [1, 2]  # numbered after the filter
    assert (
        report_json(run, *Q2, "--route", "officer-unprofessional-to-member")["total"]["total"]
        == "fewer than 5"
    )
    assert report_json(run, *Q2, "--owner", "nobody")["cases"] == []
    target = tmp_path / "report.md"
    saved = run("case", "report", *Q1, "--output", str(target))
    assert "Saved the report to" in saved.stderr
    assert target.stat().st_mode & 0o777 == 0o600
    again = run("case", "report", *Q2, "--output", str(target), ok=False)
    assert again.exit_code == 2 and "already exists; nothing was written" in again.stderr
    assert "Tue 31 Mar 2026" in target.read_text(encoding="utf-8")  # the first one, kept
    run("case", "report", *Q2, "--output", str(target), "--force")
    assert "Tue 30 Jun 2026" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-04-01", "--to", "2026-03-31"), "--from Wed 1 Apr 2026 is after --to"),
        (("--from", "2026-13-01"), "--from: "),
        (("--to", "yesterday-ish"), "--to: "),
        (("--from", "2026-07-01"), "is after today"),
        (("--format", "pdf"), "pdf"),
        (("--status", "purple"), "purple"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run: Run, args: tuple[str, ...], message: str) -> None:
    result = run("case", "report", *args, ok=False)
    assert result.exit_code == 2
    assert message in result.stderr
    if args[0] not in ("--format", "--status"):  # typer's own usage errors have a box
        assert result.stderr.startswith("routewise: error: ")
        assert result.stderr.count("\n") == 1


@pytest.mark.usefixtures("quarters")
def test_the_readme_s_sample_report_is_what_the_report_says(run: Run) -> None:
    from tests.paths import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = readme.split("A sample, from the tests' register across two quarters", 1)[1]
    sample = sample.split("````markdown\n", 1)[1].split("````", 1)[0]
    assert sample == run("case", "report", *Q1).stdout.rstrip("\n") + "\n"
