"""`routewise glossary` (issue 18, item 2.1): every role's id, title and description, the
built-in roles and a flow folder's alike, so an author never has to guess an id."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from routewise.cli import app as cli
from tests.paths import EXAMPLE_FLOWS

runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_glossary_lists_each_role_by_its_id_with_title_and_description() -> None:
    result = runner.invoke(cli.app, ["glossary", "--flows", str(EXAMPLE_FLOWS)])
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert "- monitoring-officer: the Monitoring Officer \u2014 The Monitoring Officer is" in text
    assert "- standards-committee: the Standards Committee \u2014" in text  # built-in
    assert "- head-of-hr: the Head of HR \u2014 The officer who leads Human Resources" in text
    assert "- member: the member \u2014 A party" in text  # parties are listed too
    assert (
        "- independent-person: the Independent Person advising the panel \u2014 An Independent "
        "Person who advises the hearing panel. Must be a different person from the Independent "
        "Person the member consulted." in text
    )
    assert "Stand-in when they cannot act: the Leader or Leaders of the other Political" in text
    assert "Posts (member-posts): Does a party hold any of these posts? - group-leader:" in text


def test_the_glossary_as_json_gives_ids_for_tools() -> None:
    result = runner.invoke(cli.app, ["glossary", "--flows", str(EXAMPLE_FLOWS), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    roles = {r["id"]: r for r in data["roles"]}
    assert roles["person-dealing"]["title"].startswith("whoever is dealing with the matter")
    assert roles["independent-person"]["distinct_from"] == ["independent-person-consulted"]
    assert roles["mayor"]["description"].startswith("The council's civic head")
    assert [p["id"] for p in data["post_sets"]] == ["officer-posts", "member-posts"]
