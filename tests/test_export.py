"""Saved plans: the current format reads back; other versions get a message that says why."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from routewise import cli

runner = CliRunner()
HERE = Path(__file__).parent


def save_plan(folder: Path) -> Path:
    saved = folder / "plan.json"
    answers = HERE / "answers" / "information-provided.yaml"
    args = ["triage", "--answers", str(answers), "--format", "json", "--output", str(saved)]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    return saved


def test_a_plan_saved_now_exports_to_markdown(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["export", str(save_plan(tmp_path))])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Action plan: A member's request for information")


def test_a_plan_from_before_format_versions_says_to_run_the_triage_again() -> None:
    result = runner.invoke(
        cli.app, ["export", str(HERE / "plans" / "information-provided-v1.json")]
    )
    assert result.exit_code == 2
    assert "saved by an earlier routewise" in result.output
    assert "run the triage again" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_plan_from_a_newer_routewise_says_to_upgrade(tmp_path: Path) -> None:
    saved = save_plan(tmp_path)
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["schema_version"] = 99
    saved.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(cli.app, ["export", str(saved)])
    assert result.exit_code == 2
    assert "plan format 99" in result.output and "upgrade routewise" in result.output
