"""`case list` as text: the terminal, JSON, CSV and markdown.

The list is made from the stored summaries alone. Each case's status is judged on the date
asked for (`as_of`), and the most urgent comes first. In the terminal, every case is a short
block (no table, so nothing is cut off at 60 columns) whose first line says the status in
words as well as colour. Every piece of user text is data: `rich.text.Text` in the
terminal, escaped in markdown, and guarded against formulas in CSV.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from routewise.base.safe_text import csv_cell, markdown, visible
from routewise.calendar.working_days import format_day
from routewise.register.listing import Listed
from routewise.register.status import STATUS_WORDS, STATUSES, status_label, status_words

if TYPE_CHECKING:  # JSON, CSV and markdown need no rich
    from rich.console import Console

STATUS_STYLES = {
    "problem": "bold red",
    "red": "bold red",
    "amber": "bold yellow",
    "waiting": "bold cyan",
    "green": "bold green",
    "paused": "bold magenta",
    "closed": "dim",
}


def next_text(case: Listed) -> str | None:
    s = case.summary
    return f"step {s.next_number}: {s.next_action}" if s.next_number is not None else None


def case_data(case: Listed, fixed: bool = True) -> dict[str, Any]:
    """One case of the list as data, straight from its stored row (`fixed=False`: without
    the part kept as JSON with the summary, see `status.listing_json`)."""
    row, which = case.row, case.which
    number = row[f"{which}_number"] if which else None
    day = row[f"{which}_date"] if which in ("firm", "ideal") else None
    waiting = row["waiting_text"] if which == "waiting" else None
    text = status_words(
        case.reason,
        since=row["closed"] or row["paused"],
        problem=row["problem"],
        number=number,
        day=day,
        ideally=which == "ideal",
        waiting=waiting,
    )
    data: dict[str, Any] = {
        "status": case.status_name,
        "status_text": f"{STATUS_WORDS[case.status_name]}: {text}",
        "due": None
        if which is None
        else {
            "number": number,
            "step": row[f"{which}_step"],
            "date": day,
            "ideally": which == "ideal",
            "waiting": waiting,
        },
        "stale": case.stale,
    }
    if fixed:
        data = {**json.loads(f"{{{row['listing']}}}"), **data}
    return data


def render_json(cases: list[Listed], as_of: date, more: int) -> str:
    """Compact JSON, each case's entry put together from the part stored with its summary
    (`status.listing_json`) and the part that depends on the date: the same data as
    `case_data`, at a fraction of the cost over thousands of cases.

    The date-dependent parts are encoded in one call, then cut where each object starts:
    every one starts `{"status":`, which cannot occur inside a JSON string (a quote in a
    string is always written `\\"`)."""
    compact = (",", ":")
    head = json.dumps({"as_of": as_of.isoformat(), "count": len(cases), "more": more})
    dynamic = [case_data(c, fixed=False) for c in cases]
    parts = json.dumps(dynamic, ensure_ascii=False, separators=compact)[1:-1].split(_OBJECT)[1:]
    entries = (
        f"{{{case.row['listing']},{_STATUS}{part.removesuffix(',')}"
        for case, part in zip(cases, parts, strict=True)
    )
    return f'{head[:-1]}, "cases": [{",".join(entries)}]}}\n'


_STATUS = '"status":'
_OBJECT = "{" + _STATUS


CSV_COLUMNS = [
    "reference",
    "route",
    "owner",
    "raised",
    "opened",
    "status",
    "status_text",
    "next_number",
    "next_action",
    "due_number",
    "due_date",
    "stale",
]


def render_csv(cases: list[Listed]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for case in cases:
        data = case_data(case)
        due, nxt = data["due"] or {}, data["next"] or {}
        row = [
            data["reference"],
            data["route"],
            data["owner"],
            data["raised"],
            data["opened"],
            data["status"],
            data["status_text"],
            nxt.get("number", ""),
            nxt.get("action", ""),
            due.get("number", ""),
            due.get("date") or "",
            "yes" if case.stale else "no",
        ]
        writer.writerow([csv_cell(str(v)) if v is not None else "" for v in row])
    return buffer.getvalue()


def render_markdown(cases: list[Listed], as_of: date, more: int) -> str:
    lines = [f"# Cases as of {format_day(as_of)}", ""]
    if not cases:
        return "\n".join([*lines, "No cases.", ""])
    lines += [
        "| Reference | Status | Next step | Route | Owner | Raised |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for case in cases:
        status = f"**{markdown(status_label(case.status))}**: {markdown(case.status.text)}"
        if case.stale:
            status += " (stale summary)"
        cells = [
            markdown(case.reference),
            status,
            markdown(next_text(case) or "none left"),
            markdown(case.route),
            markdown(case.owner),
            format_day(case.raised),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if more:
        lines += ["", f"And {more} more."]
    return "\n".join([*lines, ""])


def render_terminal(
    cases: list[Listed], console: Console, as_of: date, limit: int | None, plain: bool
) -> None:
    """The `limit` most urgent cases, after a count of all of them by status."""
    from rich.text import Text

    counts = {s: sum(1 for c in cases if c.status_name == s) for s in STATUSES}
    said = ", ".join(f"{n} {STATUS_WORDS[s]}" for s, n in counts.items() if n)
    shown_cases = cases[:limit] if limit else cases
    more = len(cases) - len(shown_cases)
    with Lines(console, plain) as out:
        noun = "case" if len(cases) == 1 else "cases"
        out.para(f"{len(cases)} {noun} as of {format_day(as_of)}: {said}.", "bold")
        out.line()
        for case in shown_cases:
            label = status_label(case.status)
            head = Text(label, style=STATUS_STYLES[case.status.status])
            head.append("  ")
            head.append(Text(visible(case.reference), style="bold"))
            out.line(head)
            out.para(_sentence(case.status.text), "", 2)
            if case.stale:
                out.para(
                    "This summary was made with older flow files or settings; "
                    "`routewise case refresh` brings it up to date.",
                    "italic",
                    2,
                )
            nxt = next_text(case)
            if nxt and case.status.status != "closed":
                out.para(nxt if nxt.endswith(".") else f"{nxt}.", "", 2, "Next: ")
            out.para(
                f"{case.route}; owner {case.owner}; raised {format_day(case.raised)}.", "dim", 2
            )
            out.line()
        if more:
            out.para(
                f"And {more} more, less urgent: --limit 0 shows them all, as do --format "
                "json, csv and markdown.",
                "bold",
            )


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else f"{text}."


class Lines:
    """Wrapped lines with hanging indents, printed together: the list's small share of
    `render.terminal.Out`, which would load the flow models (about 100 ms) with it."""

    def __init__(self, console: Console, plain: bool) -> None:
        self.console, self.plain = console, plain
        self.width = max(console.width, 20)
        self.lines: list[Any] = []

    def __enter__(self) -> Lines:
        return self

    def __exit__(self, *exc: object) -> None:
        from rich.text import Text

        if self.lines:
            shown = Text("\n").join(self.lines)
            self.console.print(shown, soft_wrap=True, highlight=False, markup=False, emoji=False)

    def line(self, text: Any = "") -> None:
        from rich.text import Text

        shown = Text(text) if isinstance(text, str) else text.copy()
        if self.plain:
            shown = Text(shown.plain)
        shown.rstrip()
        self.lines.append(shown)

    def para(
        self,
        text: str,
        style: str = "",
        indent: int = 0,
        label: str = "",
        label_style: str = "bold",
    ) -> None:
        from rich.text import Text

        from routewise.render.wrapping import wrap

        first, rest = " " * indent + label, " " * (indent + len(label))
        for n, line in enumerate(wrap(text, self.width, first, rest)):
            shown = Text(line)
            if n == 0 and label:
                shown.stylize(label_style, indent, indent + len(label))
            if style:
                shown.stylize(style, len(first) if n == 0 else len(rest), len(line))
            self.line(shown)
