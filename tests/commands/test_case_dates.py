"""A case's statuses and dates as things happen, judged on several dates, across the early
May bank holiday (Mon 4 May 2026, England and Wales)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from case_helpers import Run, list_json, show_json, statuses
from typer.testing import Result


@pytest.fixture(autouse=True)
def each_backend(on_each_backend: str) -> str:
    """Every test here runs on an SQLite file and on a PostgreSQL database alike."""
    return on_each_backend


UNPROFESSIONAL = {
    "reference": "2026-007",
    "route": "officer-unprofessional-to-member",
    "raised": "2026-04-27",
    "answers": {"officer-post": "officer"},
}


def test_unprofessional_case_from_opening_to_feedback(
    run: Run, open_cases: Callable[..., Result]
) -> None:
    open_cases(UNPROFESSIONAL)
    opened = show_json(run, "2026-007", "2026-04-28")
    assert statuses(opened) == {
        "raise": ("done", None),  # the date raised is this step's date (raised_step)
        "address": ("no-date", None),
        "feedback": ("waiting", None),  # five working days of the outcome: no outcome yet
    }
    assert opened["case"]["status"] == "waiting"

    result = run("case", "record", "2026-007", "outcome=2026-05-01")
    assert "entry 2" in result.stdout
    # Fri 1 May + 5 working days, skipping Mon 4 May (bank holiday): Mon 11 May.
    on = {
        day: statuses(show_json(run, "2026-007", day))["feedback"]
        for day in ("2026-05-05", "2026-05-07", "2026-05-11", "2026-05-12")
    }
    assert on == {
        "2026-05-05": ("upcoming", "2026-05-11"),  # warning period runs to Thu 7 May
        "2026-05-07": ("due", "2026-05-11"),  # Fri 8, Mon 11: within 2 working days
        "2026-05-11": ("due", "2026-05-11"),  # met by the end of the day
        "2026-05-12": ("overdue", "2026-05-11"),
    }
    assert [c["status"] for c in list_json(run, "--as-of", "2026-05-05")["cases"]] == ["green"]
    assert [c["status"] for c in list_json(run, "--as-of", "2026-05-07")["cases"]] == ["amber"]
    late = list_json(run, "--as-of", "2026-05-12")["cases"][0]
    assert late["status"] == "red"
    assert late["due"] == {
        "number": 3,
        "step": "feedback",
        "date": "2026-05-11",
        "ideally": False,
        "waiting": None,
    }

    refused = run("case", "done", "2026-007", "1", ok=False)
    assert (
        "is done already: the plan shows it done on Mon 27 Apr 2026 (the date raised)"
        in refused.stderr
    )
    # The outcome's date shows the concern addressed (the route's `done_steps` on the event).
    refused = run("case", "done", "2026-007", "address", "--on", "2026-05-01", ok=False)  # by id
    assert (
        "the plan shows it done on Fri 1 May 2026 (the date the outcome is reached)"
        in refused.stderr
    )
    run("case", "done", "2026-007", "3", "--on", "2026-05-12", "--note", "Feedback by email")
    done = show_json(run, "2026-007", "2026-05-12")
    assert statuses(done) == {
        "raise": ("done", None),
        "address": ("done", None),
        "feedback": ("done", "2026-05-11"),
    }
    assert [s["done"]["date"] for s in done["steps"]] == ["2026-04-27", "2026-05-01", "2026-05-12"]
    assert {d["by"] for d in done["case"]["done"].values()} == {"sam"}
    assert done["case"]["done"]["raise"]["entry"] == 1  # the opening: the date raised
    assert done["case"]["done"]["address"]["entry"] == 2  # the outcome's entry shows it
    assert done["case"]["status"] == "green"
    assert list_json(run, "--as-of", "2026-05-12")["cases"][0]["status"] == "green"
    kinds = [e["kind"] for e in done["case"]["history"]]
    assert kinds == ["opened", "event", "done"]
    assert done["case"]["history"][-1]["note"] == "Feedback by email"


INFORMATION = {
    "reference": "INF-1",
    "route": "member-information-request",
    "raised": "2026-04-30",
    "answers": {"can-provide": "yes"},
}


def acknowledge(run: Run, as_of: str) -> tuple[str, str | None]:
    return statuses(show_json(run, "INF-1", as_of))["acknowledge"]


def test_pause_and_resume_across_the_bank_holiday_then_extend(
    run: Run, open_cases: Callable[..., Result]
) -> None:
    open_cases(INFORMATION)
    # Thu 30 Apr + 5 working days (Mon 4 May is a bank holiday): Fri 8 May.
    assert acknowledge(run, "2026-05-01") == ("upcoming", "2026-05-08")

    run("case", "pause", "INF-1", "--reason", "Waiting for the member", "--on", "2026-05-01")
    paused = show_json(run, "INF-1", "2026-05-01")
    assert paused["case"]["status"] == "paused"
    assert list_json(run, "--as-of", "2026-05-01")["cases"][0]["status"] == "paused"
    assert statuses(paused)["acknowledge"][0] == "paused"

    # Resumed Tue 5 May: the clock stopped on Fri 1 May only (Mon 4 May was a holiday
    # anyway), so the date moves on one working day: Mon 11 May.
    run("case", "resume", "INF-1", "--on", "2026-05-05")
    resumed = show_json(run, "INF-1", "2026-05-06")
    assert statuses(resumed)["acknowledge"] == ("upcoming", "2026-05-11")
    deadline = resumed["steps"][1]["deadline"]
    skipped = {s["date"]: s["reason"] for s in deadline["skipped"]}
    assert skipped["2026-05-01"].startswith("case paused")
    assert "Early May" in skipped["2026-05-04"] or "May" in skipped["2026-05-04"]
    assert "clock was stopped for 1 working day" in deadline["text"]
    assert acknowledge(run, "2026-05-12") == ("overdue", "2026-05-11")

    run("case", "extend", "INF-1", "2", "--to", "2026-05-20", "--reason", "Agreed with the member")
    assert acknowledge(run, "2026-05-12") == ("upcoming", "2026-05-20")
    assert acknowledge(run, "2026-05-19") == ("due", "2026-05-20")
    assert acknowledge(run, "2026-05-21") == ("overdue", "2026-05-20")
    extended = show_json(run, "INF-1", "2026-05-12")
    assert extended["steps"][1]["deadline"]["rule"] == "agreed-date"
    assert "an agreed new date" in extended["steps"][1]["deadline"]["text"]
    assert list_json(run, "--as-of", "2026-05-12")["cases"][0]["status"] == "green"


def test_a_pause_still_open_stops_the_clock_up_to_the_date_judged_on(
    run: Run, open_cases: Callable[..., Result]
) -> None:
    open_cases(INFORMATION)
    run("case", "pause", "INF-1", "--reason", "Member on leave", "--on", "2026-05-06")
    # Paused Wed 6 May; judged on Fri 8 May: Wed 6, Thu 7, Fri 8 stopped, so the earliest
    # date is three working days on from Fri 8 May: Wed 13 May.
    assert acknowledge(run, "2026-05-08") == ("paused", "2026-05-13")
