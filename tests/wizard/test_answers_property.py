"""Random answers for every route give a plan or one clear error (exit 2), nothing else."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from routewise.cli import app as cli
from routewise.flows.loader import load_catalogue
from routewise.flows.locations import default_flows_dir

CATALOGUE = load_catalogue(default_flows_dir())
runner = CliRunner()

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.text(max_size=30),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.lists(st.text(max_size=5), max_size=3),
)


def answers_for(route_id: str) -> st.SearchStrategy[dict[str, Any]]:
    route = CATALOGUE.routes[route_id]
    choices = [c.id for q in route.questions for c in q.choices]
    keys = st.sampled_from([q.id for q in route.questions]) | st.text(min_size=1, max_size=12)
    value = st.sampled_from(choices) | values if choices else values
    return st.dictionaries(keys, value, max_size=len(route.questions) + 1)


@pytest.mark.parametrize("route_id", sorted(CATALOGUE.routes))
def test_random_answers_give_a_plan_or_one_error_line(route_id: str) -> None:
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        answers=answers_for(route_id),
        raised=st.one_of(st.none(), st.dates(min_value=date(1, 1, 1)), st.integers()),
    )
    def check(answers: dict[str, Any], raised: object) -> None:
        document: dict[str, Any] = {"route": route_id, "answers": answers}
        if raised is not None:
            document["raised"] = raised
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "a.yaml"
            path.write_text(yaml.safe_dump(document), encoding="utf-8")
            result = runner.invoke(cli.app, ["triage", "--answers", str(path), "--format", "json"])
        assert result.exit_code in (0, 2), result.output
        if result.exit_code == 0:
            plan_text = result.stdout
            assert json.loads(plan_text)["route"] == route_id
        else:
            lines = result.output.splitlines()
            assert len(lines) == 1 and lines[0].startswith("routewise: error: "), lines
            assert "\x1b" not in result.output

    check()
