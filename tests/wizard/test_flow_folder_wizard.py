"""The example folder's route is offered by the real first question, with no other file edited."""

from __future__ import annotations

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from routewise.cli import app as cli
from routewise.commands import common
from routewise.flows.locations import default_flows_dir, route_ids
from tests.paths import ROOT

DOWN, ENTER = "\x1b[B", "\r"
EXAMPLE = ROOT / "examples" / "flows"
runner = CliRunner()


@pytest.fixture(autouse=True)
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: True)


def test_the_first_question_offers_the_folder_route_before_none_of_these() -> None:
    built_in = len(route_ids(default_flows_dir()))
    keys = (
        DOWN * (built_in + 1)
        + ENTER  # What is the problem? -> the quiet word, listed after the built-ins and the
        # example grievance procedure (folder routes in file name order)
        + ENTER  # the officer's post -> an officer
        + ENTER  # already had a quiet word? -> yes
        + "02/03/2026"
        + ENTER  # when did the officer first become concerned?
        + ENTER  # when did the Director meet the member? -> not yet
        + ENTER  # when did the Monitoring Officer receive the complaint? -> not yet
        + ENTER  # are these right? -> yes
        + ENTER  # who is the officer's Director? -> skip
        + "n"  # save to a file? -> no
        + "n"  # save as a case? -> no
    )
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            result = runner.invoke(
                cli.app, ["triage", "--flows", str(EXAMPLE)], env={"COLUMNS": "200"}
            )
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Action plan: Example Borough Council: a member's behaviour towards an officer" in text
    assert "Outcome: The quiet word has been tried; go to the Director" in text
