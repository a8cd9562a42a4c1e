"""Flow folders layered on the built-ins: adding, replacing, hiding, and broken folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from routewise.flows.folders import load_flows
from routewise.flows.locations import default_flows_dir, env_folders, folders_in_use, route_ids
from tests.paths import ROOT

EXAMPLE = ROOT / "examples" / "flows"
BUILT_IN = route_ids(default_flows_dir())


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "council"
    shutil.copytree(EXAMPLE, target)
    return target


def test_example_adds_one_route_and_one_role(example: Path) -> None:
    flows = load_flows([example])
    assert flows.problems == []
    assert sorted(flows.catalogue.routes) == sorted([*BUILT_IN, "quiet-word-first"])
    assert flows.origins["quiet-word-first"] == str(example)
    assert {flows.origins[r] for r in BUILT_IN} == {"built-in"}
    assert "officers-line-manager" in flows.catalogue.roles
    assert "monitoring-officer" in flows.catalogue.roles  # built-ins kept


def test_a_route_offers_itself_to_the_triage_from_its_own_file(example: Path) -> None:
    choices = load_flows([example]).catalogue.triage.question.choices
    offered = [c for c in choices if c.route == "quiet-word-first"]
    assert len(offered) == 1 and offered[0].label.startswith("A member's behaviour")
    assert choices[-1].advice  # "None of these" stays last
    assert len(choices) == len(BUILT_IN) + 2


def test_replacing_a_role_by_id_is_reported(example: Path) -> None:
    (example / "roles.yaml").write_text(
        "roles:\n  - id: monitoring-officer\n    title: the Head of Legal (Monitoring Officer)\n",
        encoding="utf-8",
    )
    flows = load_flows([example])
    assert flows.catalogue.roles["monitoring-officer"].title.startswith("the Head of Legal")
    assert any("replaces role 'monitoring-officer' from built-in" in o for o in flows.overrides)


def test_replacing_a_built_in_route(example: Path) -> None:
    source = (default_flows_dir() / "member-information-request.yaml").read_text(encoding="utf-8")
    (example / "member-information-request.yaml").write_text(
        source.replace("title: A member's request for information", "title: Our own version"),
        encoding="utf-8",
    )
    flows = load_flows([example])
    assert flows.catalogue.routes["member-information-request"].title == "Our own version"
    assert flows.origins["member-information-request"] == str(example)
    assert any("replaces route 'member-information-request'" in o for o in flows.overrides)


def test_hide_removes_built_in_routes_from_routes_and_triage(example: Path) -> None:
    (example / "triage.yaml").write_text("hide: [member-criticises-member]\n", encoding="utf-8")
    flows = load_flows([example])
    assert "member-criticises-member" not in flows.catalogue.routes
    routes = {c.route for c in flows.catalogue.triage.question.choices}
    assert "member-criticises-member" not in routes
    assert any("hides route 'member-criticises-member'" in o for o in flows.overrides)


def test_hiding_an_unknown_route_is_an_error_with_the_closest(example: Path) -> None:
    (example / "triage.yaml").write_text("hide: [member-criticises-membr]\n", encoding="utf-8")
    (problem,) = load_flows([example]).errors
    assert problem.line == 1 and "did you mean 'member-criticises-member'" in problem.message


def test_a_broken_route_file_leaves_every_other_route_running(example: Path) -> None:
    route = example / "quiet-word-first.yaml"
    route.write_text(route.read_text().replace("next: after-quiet-word", "next: nowhere"))
    flows = load_flows([example])
    assert {p.path for p in flows.errors} == {route}
    assert set(flows.broken) == {"quiet-word-first"}
    assert sorted(flows.catalogue.routes) == BUILT_IN
    assert "quiet-word-first" not in {c.route for c in flows.catalogue.triage.question.choices}


def test_a_broken_shared_file_stops_only_the_routes_that_rely_on_it(example: Path) -> None:
    (example / "roles.yaml").write_text(
        "roles:\n  - id: monitoring-officer\n    titel: the Monitoring Officer\n"
        "  - {id: officers-line-manager, title: the officer's line manager}\n",
        encoding="utf-8",
    )
    flows = load_flows([example])
    (problem,) = flows.errors
    assert problem.line == 3 and "did you mean 'title'" in problem.message
    uses_mo = {
        r.id
        for r in flows.checked.values()
        for o in r.outcomes
        for s in o.steps
        if "monitoring-officer"
        in s.actor.role_ids() + [x for g in s.contacts for x in g.role_ids()]
    }
    assert uses_mo and set(flows.broken) >= uses_mo
    assert "member-information-request" in flows.catalogue.routes  # does not name the MO


def test_a_missing_document_path_is_an_error(example: Path) -> None:
    (example / "protocol.md").unlink()
    flows = load_flows([example])
    (problem,) = flows.errors
    assert problem.path == example / "documents.yaml" and problem.line == 6
    assert problem.where == "documents[example-protocol].path"
    assert "quiet-word-first" in flows.broken


def test_folder_notes_reach_the_routes_they_name(example: Path) -> None:
    (example / "documents.yaml").write_text(
        (example / "documents.yaml").read_text()
        + "notes:\n  - kind: privacy\n    text: Keep the records in the HR file.\n"
        "    source: {document: example-protocol, section: '7.1'}\n"
        "    routes: [quiet-word-first]\n",
        encoding="utf-8",
    )
    routes = load_flows([example]).catalogue.routes
    assert any("HR file" in n.text for n in routes["quiet-word-first"].notes)
    assert not any("HR file" in n.text for n in routes["officer-member-dispute"].notes)


def test_later_folders_win(example: Path, tmp_path: Path) -> None:
    second = tmp_path / "second"
    second.mkdir()
    (second / "roles.yaml").write_text(
        "roles:\n  - id: officers-line-manager\n    title: the officer's team leader\n"
    )
    roles = load_flows([example, second]).catalogue.roles
    assert roles["officers-line-manager"].title == "the officer's team leader"


def test_environment_is_a_path_list_and_options_come_last(tmp_path: Path) -> None:
    env = {"ROUTEWISE_FLOWS": os.pathsep.join([str(tmp_path / "a"), "", str(tmp_path / "b")])}
    assert env_folders(env) == [tmp_path / "a", tmp_path / "b"]
    order = folders_in_use([tmp_path / "c"], env, [tmp_path / "cfg"])
    assert order == [tmp_path / "cfg", tmp_path / "a", tmp_path / "b", tmp_path / "c"]


def test_a_folder_that_does_not_exist_is_named(tmp_path: Path) -> None:
    (problem,) = load_flows([tmp_path / "missing"]).errors
    assert problem.path == tmp_path / "missing" and "not found" in problem.message
