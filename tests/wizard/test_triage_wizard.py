"""Issue 7's command-line pieces: glossary, --plain, no prompts when answered, help wording."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routewise.cli import app as cli
from routewise.commands import common
from tests.paths import ANSWERS

runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "term",
    [
        "Monitoring Officer",
        "Group Leader",
        "Party Group Leader",
        "Leader of the Council",
        "Chair",
        "Head of Service",
        "Team Manager",
        "Director",
        "Cabinet Member",
    ],
)
def test_glossary_describes_every_role_the_issue_names(term: str) -> None:
    result = runner.invoke(cli.app, ["glossary"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    described = [line for line in flat(result.output).split(" - ") if term in line]
    assert described, f"no description mentions {term}"


def test_non_interactive_runs_never_prompt_even_in_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: True)
    answers = ANSWERS / "dispute-head-of-service.yaml"
    result = runner.invoke(cli.app, ["triage", "--answers", str(answers)], input="")
    assert result.exit_code == 0, result.output
    assert "Save this plan" not in result.output
    args = ["triage", "--route", "member-information-request", "--answer", "can-provide=yes"]
    result = runner.invoke(cli.app, [*args, "--raised", "2026-12-21"], input="")
    assert result.exit_code == 0, result.output
    assert "Save this plan" not in result.output


@pytest.mark.parametrize("how", [["--plain"], []])
def test_plain_has_no_colour_boxes_or_tables(how: list[str]) -> None:
    env = {"COLUMNS": "70", "ACCESSIBLE": "" if how else "1", "FORCE_COLOR": "1"}
    answers = ANSWERS / "dispute-head-of-service.yaml"
    result = runner.invoke(cli.app, ["triage", "--answers", str(answers), *how], env=env)
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output
    result = runner.invoke(cli.app, ["routes", *how], env=env)
    assert not set(result.output) & set("┏━│└─┃┡╇")


def test_piped_rich_output_is_not_padded_and_fits() -> None:
    answers = ANSWERS / "dispute-head-of-service.yaml"
    env = {**os.environ, "COLUMNS": "60", "NO_COLOR": "1"}
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "routewise",
            "triage",
            "--answers",
            str(answers),
            "--format",
            "rich",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    lines = out.splitlines()
    assert not [line for line in lines if line.endswith(" ")]
    assert max(len(line) for line in lines) <= 60
    assert "Next: either party" in lines[1] + lines[2]


def test_help_uses_words_for_metavars_and_short_help_is_whole() -> None:
    result = runner.invoke(cli.app, ["triage", "--help"], env={"COLUMNS": "100"})
    for metavar in ("--route ROUTE", "--answer ID=VALUE", "--raised DATE", "--output FILE"):
        assert metavar in result.output
    assert "<str>" not in result.output and "<path>" not in result.output
    result = runner.invoke(cli.app, ["due", "--help"], env={"COLUMNS": "100"})
    assert "<int range>" not in result.output and " N " in result.output
    result = runner.invoke(cli.app, ["--help"], env={"COLUMNS": "60"})
    assert "..." not in result.output.split("Commands:")[1]


def test_config_show_prints_the_whole_path(tmp_path: Path) -> None:
    deep = tmp_path / ("a-long-folder-name-" * 4) / "config.toml"
    deep.parent.mkdir()
    deep.write_text('council = "Test"\n', encoding="utf-8")
    result = runner.invoke(
        cli.app, ["config", "show", "--config", str(deep)], env={"COLUMNS": "60"}
    )
    assert result.exit_code == 0, result.output
    assert f"\n  {deep}\n" in result.output  # whole, on a line of its own, never cut
    # the words about it wrap at the width instead of running past it
    words = result.output.split(f"\n  {deep}\n")[0].splitlines()
    assert words[0].startswith("Config file (command line (--config)")
    assert all(len(line) <= 60 for line in words)


def test_due_fits_a_narrow_terminal_without_splitting_a_word_or_a_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from routewise.render import wrapping

    monkeypatch.setattr(wrapping, "terminal_width", lambda: 60)
    args = ["due", "10", "--from", "2026-12-21", "--region", "uk-any"]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(len(line) <= 60 for line in lines), lines
    assert "Mon 21 Dec 2026 (day 0)," in result.output  # the date whole, on one line
    assert "\n  the UK (Freedom of Information Act reading)" in result.output  # hangs


def test_due_piped_is_left_unwrapped_for_the_program_reading_it() -> None:
    result = runner.invoke(cli.app, ["due", "10", "--from", "2026-12-21", "--region", "uk-any"])
    assert result.exit_code == 0, result.output
    assert "(day 0), any part of the UK (Freedom of Information Act reading)\n" in result.output
