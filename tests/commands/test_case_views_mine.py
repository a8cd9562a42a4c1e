"""A team's `--mine` on the views across cases: `case upcoming`, `case export` and `case
report` keep the cases `case list --mine` keeps (the owner is the person running the
command: `user` from the config, else the login name), on the register across two quarters
(`two_quarters`), on an SQLite file and on PostgreSQL alike."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from case_helpers import Run, list_json
from icalendar import Calendar
from two_quarters import build_register, information
from typer.testing import Result


@pytest.fixture
def quarters(run: Run, open_cases: Callable[..., Result], on_each_backend: str) -> None:
    build_register(run, open_cases)
    # Alex owns two of the open cases with a dated deadline (INF-06 and INF-10: overdue),
    # and one closed in the second quarter (INF-13); everything else is sam's (the login).
    run("case", "assign", "INF-06", "alex")
    run("case", "assign", "INF-10", "Alex")  # any case of letters, as --owner
    closed = {"done": {2: "2026-04-16"}, "closed": "2026-04-17", "owner": "alex"}
    open_cases(information("INF-13", "2026-04-14", **closed))


@pytest.fixture
def alex(tmp_path: Path) -> Path:
    config = tmp_path / "alex.toml"
    config.write_text('user = "alex"\n', encoding="utf-8")
    return config


def upcoming(run: Run, *args: str) -> list[str]:
    data = json.loads(run("case", "upcoming", "--format", "json", *args).stdout)
    return [s["reference"] for s in data["steps"]]


def exported(run: Run, target: Path, *args: str) -> list[str]:
    run("case", "export", "--output", str(target), "--force", *args)
    calendar = Calendar.from_ical(target.read_bytes())
    return sorted(str(e["SUMMARY"]).split(",")[0] for e in calendar.walk("VEVENT"))


def reported(run: Run, *args: str) -> list[str]:
    data = json.loads(run("case", "report", "--format", "json", "--with-references", *args).stdout)
    return sorted(c["reference"] for c in data["cases"])


@pytest.mark.usefixtures("quarters")
def test_mine_keeps_the_same_cases_on_every_view(run: Run, alex: Path, tmp_path: Path) -> None:
    as_alex = ("--config", str(alex))
    listed = list_json(run, "--mine", "--all", *as_alex)["cases"]
    assert sorted(c["reference"] for c in listed) == ["INF-06", "INF-10", "INF-13"]
    assert upcoming(run, "--mine", *as_alex) == ["INF-06", "INF-10"]
    assert upcoming(run, "--mine", *as_alex) == upcoming(run, "--owner", "ALEX")
    ics = tmp_path / "mine.ics"
    assert exported(run, ics, "--mine", *as_alex) == ["INF-06", "INF-10"]
    assert reported(run, "--mine", *as_alex) == ["INF-06", "INF-10", "INF-13"]
    q1 = ("--from", "2026-01-01", "--to", "2026-03-31")
    assert reported(run, "--mine", *q1, *as_alex) == ["INF-06"]  # the others: raised after
    # Without a `user` in the config, --mine is the login name's (sam): the rest.
    assert upcoming(run, "--mine") == ["INF-11"]
    assert exported(run, ics, "--mine") == ["INF-11"]
    assert "INF-06" not in reported(run, "--mine") and len(reported(run, "--mine")) == 13
    # Without --mine, the whole team's.
    assert upcoming(run) == ["INF-06", "INF-10", "INF-11"]


@pytest.mark.parametrize(
    "args",
    [
        ("case", "upcoming"),
        ("case", "report"),
        ("case", "export", "--output", "{tmp}/both.ics"),
    ],
)
def test_mine_and_owner_together_are_refused_in_one_line(
    run: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    typed = [a.replace("{tmp}", str(tmp_path)) for a in args]
    refused = run(*typed, "--mine", "--owner", "sam", ok=False)
    assert refused.exit_code == 2
    assert refused.stderr == (
        "routewise: error: --mine and --owner both choose an owner: give one of them\n"
    )
    assert not (tmp_path / "both.ics").exists()
