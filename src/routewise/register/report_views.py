"""`case report` as text: markdown (with a Mermaid gantt chart), CSV and JSON.

What a committee reads: the period, the counts of cases by route and status (1 to 4 shown
as "fewer than 5" unless `exact`), the deadlines met and missed, the schedule of cases by
number, and the chart. References only with `with_references`; never a name, a contact or
a note (the report is built from none). Every piece of text is data: escaped in markdown,
guarded against formulas in CSV, written as entity codes in the chart.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from datetime import date
from typing import Any

from routewise.base.safe_text import csv_cell, markdown
from routewise.calendar.working_days import format_day
from routewise.register.report import FEWER, Line, Report, shown_count
from routewise.register.status import STATUS_WORDS
from routewise.render.gantt import Bar, gantt

CHART_LIMIT = 100
"""Cases on the chart at most: more bars than this are no longer readable (and Mermaid
refuses a chart of more than 50,000 characters)."""

COLUMNS = ("red", "amber", "green", "waiting", "paused", "closed", "problem", "total")
"""The counts table's columns: the traffic lights first, as a committee reads them."""
COLUMN_NAMES = {
    "red": "Red: late",
    "amber": "Amber: due soon",
    "waiting": "Waiting for an event",
    "green": "Green: on track",
    "paused": "Paused",
    "closed": "Closed",
    "problem": "Needs attention",
    "total": "Total",
}
CHART_TAGS = {"red": "crit", "closed": "done", "amber": "active"}


def status_name(status: str) -> str:
    """ "Red: late", as the counts table's columns name them."""
    return COLUMN_NAMES[status]


def period_words(report: Report) -> str:
    end = report.end
    if report.start is not None:
        span = f"from {format_day(report.start)} to {format_day(end or report.as_of)}"
    else:
        span = f"up to {format_day(end or report.as_of)}"
    judged = ""
    if end is None or end > report.as_of:
        judged = f", judged as of {format_day(report.as_of)}"
    return f"Cases open on some day {span}{judged}"


def deadline_sentences(report: Report, exact: bool) -> list[str]:
    t = report.totals
    total = t.met + t.missed
    said = []
    if not total:
        said.append("No deadline fell due in the period.")
    else:
        ideally = f" ({t.ideally_missed:,} of them “ideally” targets, not limits)"
        said.append(
            f"{total:,} deadline{'' if total == 1 else 's'} fell due in the period: "
            f"{t.met:,} met and {t.missed:,} missed{ideally if t.ideally_missed else ''}."
        )
        if t.extended:
            one = t.extended_met == 1
            met = (
                "was met by its new date, so counts"
                if one
                else "were met by their new dates, so count"
            )
            said.append(
                f"{t.extended:,} of them had an agreed new date (an extension); "
                f"{t.extended_met:,} of those {met} as met."
            )
        else:
            said.append("None of them was extended.")
    paused = sum(1 for line in report.lines if line.status == "paused")
    if paused:
        one = paused == 1 and exact
        said.append(
            f"{cases_words(paused, exact).capitalize()} {'was' if one else 'were'} paused on "
            f"{format_day(report.as_of)}: {'its' if one else 'their'} open deadlines are not "
            "judged while the clock is stopped."
        )
    return said


def cases_words(count: int, exact: bool) -> str:
    """ "12 cases", or "fewer than 5 cases" by the counts table's rule."""
    shown = shown_count(count, exact)
    if shown == FEWER:
        return f"{FEWER} cases"
    return f"{count:,} case{'' if count == 1 else 's'}"


def counts_rows(report: Report, exact: bool) -> list[list[str]]:
    """The counts table: a row per route and a total row, each cell shown by the rule."""
    rows = []
    for title, counts in report.counts().items():
        rows.append([title, *(str(shown_count(counts[c], exact)) for c in COLUMNS)])
    totals = report.column_totals()
    rows.append(["All routes", *(str(shown_count(totals[c], exact)) for c in COLUMNS)])
    return rows


def line_cells(line: Line, with_references: bool) -> list[str]:
    d = line.deadlines
    cells = [str(line.number)]
    if with_references:
        cells.append(line.reference)
    return [
        *cells,
        line.title,
        _month(line.raised),
        line.stage,
        str(line.working_days),
        str(d.met),
        str(d.missed),
        str(d.extended),
        f"{status_name(line.status)}",
    ]


SCHEDULE_HEAD = [
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


@functools.lru_cache(maxsize=1024)
def _month(day: date) -> str:
    return day.strftime("%b %Y")


def schedule_head(with_references: bool) -> list[str]:
    return [SCHEDULE_HEAD[0], "Reference", *SCHEDULE_HEAD[1:]] if with_references else SCHEDULE_HEAD


def chart(report: Report, with_references: bool) -> tuple[str, int]:
    """The gantt chart of the first `CHART_LIMIT` cases, by route; and how many it shows."""
    lines = report.lines[:CHART_LIMIT]
    by_route: dict[str, list[Bar]] = {}
    for line in lines:
        start = max(line.raised, report.start) if report.start else line.raised
        last = line.closed or report.as_of
        ref = f", {line.reference}" if with_references else ""
        name = f"Case {line.number}{ref} ({STATUS_WORDS[line.status]})"
        tag = CHART_TAGS.get(line.status, "")
        by_route.setdefault(line.title, []).append(
            Bar(name=name, start=start, last=max(start, last), tag=tag)
        )
    title = period_words(report)
    return gantt(title, sorted(by_route.items(), key=lambda kv: kv[0].casefold())), len(lines)


def render_markdown(report: Report, *, exact: bool, with_references: bool) -> str:
    out = ["# Standards committee: schedule of cases", ""]
    out += [f"{markdown(period_words(report))}.", ""]
    if not report.lines:
        out += [
            "No case was open in this period, so there is nothing to count.",
            "",
        ]
        return "\n".join(out)
    n = len(report.lines)
    out += [
        f"{cases_words(n, exact).capitalize()}. Cases are numbered in the order they were raised. "
        "No names, contacts or notes are shown"
        + (
            "; references are shown at the officer's request."
            if with_references
            else ", nor references."
        )
        + (
            ""
            if exact
            else f" In the counts, a number from 1 to 4 is shown as “{FEWER}”, so that a "
            "small number of cases cannot identify anyone."
        ),
        "",
        "## Cases by route and status",
        "",
    ]
    head = ["Route", *(status_name(s) for s in COLUMNS)]
    out += [_row(head), _row(["---"] * len(head))]
    out += [_row([markdown(c) for c in row]) for row in counts_rows(report, exact)]
    out += ["", "## Deadlines", ""]
    out += [" ".join(deadline_sentences(report, exact)), ""]
    out += ["## Schedule", ""]
    head = schedule_head(with_references)
    out += [_row(head), _row(["---"] * len(head))]
    out += schedule_rows(report, with_references)
    text, shown = chart(report, with_references)
    out += ["", "## Chart", ""]
    if shown < n:
        out += [
            f"The chart shows cases 1 to {shown} of {n:,}; a shorter period (--from, --to) "
            "shows them all.",
            "",
        ]
    out += ["```mermaid", text.rstrip("\n"), "```", ""]
    return "\n".join(out)


def schedule_rows(report: Report, with_references: bool) -> list[str]:
    """The schedule's markdown rows: the cells `line_cells` gives, escaped. Written here,
    not cell by cell: a schedule of thousands repeats a few dozen texts, each escaped once."""
    escaped: dict[str, str] = {}

    def md(text: str) -> str:
        done = escaped.get(text)
        if done is None:
            done = escaped[text] = markdown(text)
        return done

    rows = []
    for line in report.lines:
        d = line.deadlines
        reference = f" {md(line.reference)} |" if with_references else ""
        rows.append(
            f"| {line.number} |{reference} {md(line.title)} | {_month(line.raised)} | "
            f"{md(line.stage)} | {line.working_days} | {d.met} | {d.missed} | {d.extended} "
            f"| {COLUMN_NAMES[line.status]} |"
        )
    return rows


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_csv(report: Report, *, exact: bool, with_references: bool) -> str:
    """Two tables, as a spreadsheet opens them: the schedule, an empty row, the counts."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(schedule_head(with_references))
    for line in report.lines:
        writer.writerow([csv_cell(c) for c in line_cells(line, with_references)])
    writer.writerow([])
    writer.writerow(["Route", *(status_name(s) for s in COLUMNS)])
    for row in counts_rows(report, exact):
        writer.writerow([csv_cell(c) for c in row])
    return buffer.getvalue()


def render_json(report: Report, *, exact: bool, with_references: bool) -> str:
    counts = [
        {"route": title, **{c: shown_count(row[c], exact) for c in COLUMNS}}
        for title, row in report.counts().items()
    ]
    totals = report.column_totals()
    data: dict[str, Any] = {
        "period": {
            "from": report.start.isoformat() if report.start else None,
            "to": report.end.isoformat() if report.end else None,
            "as_of": report.as_of.isoformat(),
        },
        "exact_counts": exact,
        "with_references": with_references,
        "counts": counts,
        "total": {c: shown_count(totals[c], exact) for c in COLUMNS},
        "deadlines": _deadlines(report.totals),
        "cases": [_case(line, with_references) for line in report.lines],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _deadlines(d: Any) -> dict[str, int]:
    return {
        "met": d.met,
        "missed": d.missed,
        "extended": d.extended,
        "extended_met": d.extended_met,
        "ideally_missed": d.ideally_missed,
    }


def _case(line: Line, with_references: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"number": line.number}
    if with_references:
        data["reference"] = line.reference
    return {
        **data,
        "route": line.route,
        "route_title": line.title,
        "opened": line.raised.strftime("%Y-%m"),
        "stage": {"step": line.step, "of": line.steps, "text": line.stage},
        "working_days_open": line.working_days,
        "deadlines": _deadlines(line.deadlines),
        "status": line.status,
        "status_text": STATUS_WORDS[line.status],
    }
