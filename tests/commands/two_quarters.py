"""A register across two quarters (January to March, and April to June 2026, England and
Wales), built as a council would build it: cases imported, then what happened recorded with
the case commands. The tests in this folder run on Tue 30 Jun 2026.

Information requests are acknowledged within 5 working days of the date raised; the
unprofessional route's feedback is due 5 working days after the outcome.

| case | raised | what happened | its deadline |
| --- | --- | --- | --- |
| INF-01 | Mon 5 Jan | done Thu 8 Jan, closed 20 Jan | Mon 12 Jan: met |
| INF-02 | Mon 12 Jan | done Mon 26 Jan, closed 2 Feb | Mon 19 Jan: missed |
| INF-03 | Mon 2 Feb | extended to Fri 20 Feb, done Wed 18 Feb, closed 25 Feb | met by its new date |
| INF-04 | Mon 16 Feb | extended to Fri 6 Mar, done Tue 10 Mar, closed 16 Mar | missed, even so |
| INF-05 | Mon 2 Mar | paused Wed 4 to Wed 11 Mar, done Fri 13 Mar, closed 20 Mar | Mon 9 Mar, moved on 5 working days to Mon 16 Mar: met |
| INF-06 | Mon 23 Mar | nothing: still open | Mon 30 Mar: missed |
| INF-12 | Mon 16 Mar | done Wed 1 Apr, closed 2 Apr | Mon 23 Mar: missed (late on 31 Mar) |
| UNP-1 | Wed 7 Jan | outcome Wed 14 Jan, feedback Tue 20 Jan, closed 22 Jan | Wed 21 Jan: met |
| UNP-2 | Tue 10 Feb | nothing: waits for the outcome | none yet |
| INF-07 | Mon 13 Apr | done Mon 20 Apr, closed 20 Apr | Mon 20 Apr: met on its date |
| INF-08 | Mon 11 May | done Thu 14 May: open, all steps done | Mon 18 May: met |
| INF-09 | Mon 1 Jun | paused Wed 3 Jun, still paused | not judged (clock stopped) |
| INF-10 | Mon 22 Jun | nothing | Mon 29 Jun: missed |
| INF-11 | Thu 25 Jun | nothing | Thu 2 Jul: not yet due (amber) |
| UNP-3 | Wed 1 Apr | outcome Wed 8 Apr, feedback Tue 21 Apr, closed 22 Apr | Wed 15 Apr (Good Friday and Easter Monday skipped): missed |
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from case_helpers import Run
from typer.testing import Result


def information(reference: str, raised: str, **more: Any) -> dict[str, Any]:
    return {
        "reference": reference,
        "route": "member-information-request",
        "raised": raised,
        "answers": {"can-provide": "yes"},
        **more,
    }


def unprofessional(reference: str, raised: str, **more: Any) -> dict[str, Any]:
    return {
        "reference": reference,
        "route": "officer-unprofessional-to-member",
        "raised": raised,
        "answers": {"officer-post": "officer"},
        **more,
    }


CASES = [
    information("INF-01", "2026-01-05", done={2: "2026-01-08"}, closed="2026-01-20"),
    information("INF-02", "2026-01-12", done={2: "2026-01-26"}, closed="2026-02-02"),
    information("INF-03", "2026-02-02"),
    information("INF-04", "2026-02-16"),
    information("INF-05", "2026-03-02"),
    information("INF-06", "2026-03-23"),
    information("INF-12", "2026-03-16", done={2: "2026-04-01"}, closed="2026-04-02"),
    unprofessional(
        "UNP-1",
        "2026-01-07",
        events={"outcome": "2026-01-14"},
        done={"address": "2026-01-14", "feedback": "2026-01-20"},
        closed="2026-01-22",
    ),
    unprofessional("UNP-2", "2026-02-10"),
    information("INF-07", "2026-04-13", done={2: "2026-04-20"}, closed="2026-04-20"),
    information("INF-08", "2026-05-11", done={2: "2026-05-14"}),
    information("INF-09", "2026-06-01"),
    information("INF-10", "2026-06-22"),
    information("INF-11", "2026-06-25"),
    unprofessional(
        "UNP-3",
        "2026-04-01",
        events={"outcome": "2026-04-08"},
        done={"address": "2026-04-08", "feedback": "2026-04-21"},
        closed="2026-04-22",
    ),
]

WHAT_HAPPENED = [
    ("case", "extend", "INF-03", "2", "--to", "2026-02-20", "--reason", "Agreed with the member"),
    ("case", "done", "INF-03", "2", "--on", "2026-02-18"),
    ("case", "close", "INF-03", "--reason", "Answered", "--on", "2026-02-25"),
    ("case", "extend", "INF-04", "2", "--to", "2026-03-06", "--reason", "Agreed with the member"),
    ("case", "done", "INF-04", "2", "--on", "2026-03-10"),
    ("case", "close", "INF-04", "--reason", "Answered", "--on", "2026-03-16"),
    ("case", "pause", "INF-05", "--reason", "Member away", "--on", "2026-03-04"),
    ("case", "resume", "INF-05", "--on", "2026-03-11"),
    ("case", "done", "INF-05", "2", "--on", "2026-03-13"),
    ("case", "close", "INF-05", "--reason", "Answered", "--on", "2026-03-20"),
    ("case", "pause", "INF-09", "--reason", "Member in hospital", "--on", "2026-06-03"),
]


def build_register(run: Run, open_cases: Callable[..., Result]) -> None:
    open_cases(*CASES)
    for args in WHAT_HAPPENED:
        run(*args)
