"""`case upcoming` as text: the terminal, JSON, CSV and markdown.

Soonest first: what is overdue, then what falls due in the window. In the terminal each
step is a short block (nothing cut off at 60 columns) whose first line says its status in
words as well as colour. User text (references, owners) is data in every format.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from routewise.base.safe_text import csv_cell, markdown, visible
from routewise.calendar.working_days import format_day
from routewise.register.status import STATUS_WORDS
from routewise.register.upcoming import DUE_WORDS, Due, LeftOut
from routewise.register.views import Lines

if TYPE_CHECKING:
    from rich.console import Console

DUE_STYLES = {
    "overdue": "bold red",
    "passed": "bold yellow",
    "due": "bold yellow",
    "upcoming": "bold green",
}


def due_words(due: Due) -> str:
    """When the step is due, in words ("was due by Mon 11 May 2026"); the status's own
    word (`DUE_WORDS`) goes with it."""
    kept, day = due.kept, format_day(due.day)
    agreed = " (an agreed new date)" if kept.extended else ""
    if due.status == "overdue":
        return f"was due by {day}{agreed}"
    if due.status == "passed":
        return f"ideally by {day}, passed{agreed}"
    return f"{'ideally by' if kept.ideally else 'by'} {day}{agreed}"


def step_data(due: Due) -> dict[str, Any]:
    case, kept = due.case, due.kept
    return {
        "reference": case.reference,
        "route": case.route,
        "route_title": case.title,
        "owner": case.owner,
        "number": kept.number,
        "step": kept.step,
        "action": kept.action,
        "date": due.day.isoformat(),
        "ideally": kept.ideally,
        "extended": kept.extended,
        "status": due.status,
        "status_text": f"{DUE_WORDS[due.status]}: {due_words(due)}",
        "case_status": case.status,
    }


def window_words(as_of: date, until: date | None, start: date | None) -> str:
    """What the window is, in words: "overdue or due by Fri 22 Jan 2027"."""
    if start is not None and until is not None:
        return f"due from {format_day(start)} to {format_day(until)}"
    if start is not None:
        return f"due from {format_day(start)}"
    if until is not None:
        return f"overdue or due by {format_day(until)}"
    return "with a date"


def left_out_lines(left: LeftOut) -> list[str]:
    """What the view leaves out, each in a sentence."""
    lines = []
    if left.paused:
        n = len(left.paused)
        lines.append(
            f"{_count(n, 'paused case')} {'is' if n == 1 else 'are'} left out: the clock is "
            f"stopped ({_some(left.paused)})."
        )
    if left.problem:
        n = len(left.problem)
        lines.append(
            f"{_count(n, 'case')} {'needs' if n == 1 else 'need'} attention: "
            f"{'its' if n == 1 else 'their'} plan cannot be made ({_some(left.problem)}; "
            "`routewise case show REF` says why)."
        )
    if left.waiting:
        n = left.waiting
        lines.append(
            f"{_count(n, 'case')} {'has' if n == 1 else 'have'} a step that waits for an "
            "event before it has a date."
        )
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _some(references: list[str], shown: int = 5) -> str:
    listed = ", ".join(visible(r) for r in references[:shown])
    more = len(references) - shown
    return f"{listed} and {more:,} more" if more > 0 else listed


def render_json(
    steps: list[Due], left: LeftOut, as_of: date, until: date | None, start: date | None
) -> str:
    data = {
        "as_of": as_of.isoformat(),
        "from": start.isoformat() if start else None,
        "until": until.isoformat() if until else None,
        "count": len(steps),
        "steps": [step_data(d) for d in steps],
        "left_out": {"paused": left.paused, "problem": left.problem, "waiting": left.waiting},
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = [
    "date",
    "status",
    "status_text",
    "reference",
    "number",
    "action",
    "route",
    "owner",
    "case_status",
]


def render_csv(steps: list[Due]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for due in steps:
        data = step_data(due)
        writer.writerow([csv_cell(str(data[c])) for c in CSV_COLUMNS])
    return buffer.getvalue()


def render_markdown(
    steps: list[Due], left: LeftOut, as_of: date, until: date | None, start: date | None
) -> str:
    lines = [
        f"# Steps {window_words(as_of, until, start)}",
        "",
        f"As of {format_day(as_of)}.",
        "",
    ]
    if steps:
        lines += [
            "| Date | Status | Case | Step | Route | Owner |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for due in steps:
            cells = [
                format_day(due.day),
                f"**{markdown(DUE_WORDS[due.status].upper())}**: {markdown(due_words(due))}",
                markdown(due.case.reference),
                markdown(f"{due.kept.number}. {due.kept.action}"),
                markdown(due.case.title),
                markdown(due.case.owner),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    else:
        lines.append("No open step is due in this window.")
    extra = left_out_lines(left)
    if extra:
        lines += ["", *(markdown(line) for line in extra)]
    return "\n".join([*lines, ""])


def render_terminal(
    steps: list[Due],
    left: LeftOut,
    console: Console,
    *,
    as_of: date,
    until: date | None,
    start: date | None,
    limit: int | None,
    plain: bool,
) -> None:
    """The `limit` soonest steps, after a count of all of them by status."""
    from rich.text import Text

    counts: dict[str, int] = {}
    for due in steps:
        counts[due.status] = counts.get(due.status, 0) + 1
    said = ", ".join(f"{counts[s]:,} {DUE_WORDS[s]}" for s in DUE_WORDS if s in counts)
    shown = steps[:limit] if limit else steps
    more = len(steps) - len(shown)
    window = window_words(as_of, until, start)
    with Lines(console, plain) as out:
        if steps:
            head = f"{_count(len(steps), 'step')} {window}, as of {format_day(as_of)}: {said}."
        else:
            head = f"No open step is {window}, as of {format_day(as_of)}."
        out.para(head, "bold")
        out.line()
        for due in shown:
            label = Text(DUE_WORDS[due.status].upper(), style=DUE_STYLES[due.status])
            label.append("  ")
            label.append(Text(format_day(due.day), style="bold"))
            label.append("  ")
            label.append(Text(visible(due.case.reference), style="bold"))
            out.line(label)
            out.para(f"Step {due.kept.number}: {_sentence(due.kept.action)}", "", 2)
            out.para(_sentence(due_words(due)), "", 2)
            case = STATUS_WORDS[due.case.status]
            out.para(f"{due.case.title}; owner {due.case.owner}; the case: {case}.", "dim", 2)
            out.line()
        if more:
            out.para(
                f"And {more:,} more, later: --limit 0 shows them all, as do --format json, "
                "csv and markdown.",
                "bold",
            )
        for line in left_out_lines(left):
            out.para(line, "italic")


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else f"{text}."
