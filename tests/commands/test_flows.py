"""`routewise flows check|schema|new`, `--flows` on the commands, and issue 8's acceptance."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from routewise.cli import app as cli
from routewise.commands import common
from routewise.flows.locations import default_flows_dir, route_ids
from routewise.flows.schema import KINDS, schema
from tests.paths import ANSWERS, PARISH_FLOWS, ROOT

EXAMPLE = ROOT / "examples" / "flows"
BUILT_IN = route_ids(default_flows_dir())
runner = CliRunner()


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: False)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "council"
    shutil.copytree(EXAMPLE, target)
    return target


def plant(folder: Path, old: str, new: str, name: str = "quiet-word-first.yaml") -> int:
    """Replace `old` once in a file; the 1-based line of the change."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def check(*args: str) -> tuple[int, list[str]]:
    result = runner.invoke(cli.app, ["flows", "check", *args])
    return result.exit_code, result.stdout.splitlines()


# --- acceptance ---------------------------------------------------------------------------


def test_routes_lists_the_built_ins_and_the_example_with_origins() -> None:
    result = runner.invoke(cli.app, ["routes", "--flows", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row["origin"] for row in json.loads(result.stdout)}
    assert len(rows) == len(BUILT_IN) + 2 == 9
    assert rows["quiet-word-first"] == rows["example-grievance"] == str(EXAMPLE)
    assert {rows[r] for r in BUILT_IN} == {"built-in"}
    table = runner.invoke(cli.app, ["routes", "--flows", str(EXAMPLE)])
    assert table.exit_code == 0 and "quiet-word-fi" in table.stdout and "built-in" in table.stdout


def test_three_planted_mistakes_are_reported_in_one_run(example: Path) -> None:
    typo = plant(
        example, "        contacts: [monitoring-officer]", "        contcts: [monitoring-officer]"
    )
    dangling = plant(example, "next: after-quiet-word}", "next: after-quiet-wrd}")
    unquoted = plant(example, '{id: "no", label:', "{id: no, label:")
    code, lines = check(str(example))
    assert code == 2
    route = example / "quiet-word-first.yaml"
    errors = [line for line in lines if ": error: " in line]
    assert errors == [
        f"{route}:{dangling}: error: questions[tried-quiet-word].choices[yes].next: unknown "
        "question or outcome 'after-quiet-wrd': did you mean 'after-quiet-word'? valid ids: "
        "officer-post, tried-quiet-word, from-quiet-word, after-quiet-word",
        f"{route}:{unquoted}: error: questions[tried-quiet-word].choices[no].id: `no` was read "
        'as false, not as text: put it in quotes ("no")',
        f"{route}:{typo}: error: outcomes[from-quiet-word].steps[complaint].contcts: unknown "
        "field 'contcts': did you mean 'contacts'? valid fields here: id, actor, action, duty, "
        "contacts, rung, if_left_out, deadline, if_unresolved, when, note, may_follow, source",
    ]
    assert lines[-1] == "3 errors, 0 warnings."


def test_built_in_routes_still_run_with_a_broken_folder_added(example: Path) -> None:
    plant(example, "next: after-quiet-word}", "next: after-quiet-wrd}")
    answers = ANSWERS / "dispute-director.yaml"
    result = runner.invoke(
        cli.app, ["triage", "--flows", str(example), "--answers", str(answers), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["route"] == "officer-member-dispute"
    (warning,) = result.stderr.splitlines()
    assert warning.startswith(f"routewise: warning: {example / 'quiet-word-first.yaml'}:")
    assert "left out: quiet-word-first" in warning
    broken = runner.invoke(
        cli.app, ["triage", "--flows", str(example), "--route", "quiet-word-first"]
    )
    assert broken.exit_code == 2
    (line,) = broken.output.splitlines()
    assert line.startswith("routewise: error: ") and "after-quiet-wrd" in line


def test_a_route_with_no_questions_runs_with_route_alone(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "documents.yaml").write_text(
        "documents: [{id: our-doc, title: Our document}]\n", encoding="utf-8"
    )
    (folder / "just-ask.yaml").write_text(
        "id: just-ask\ntitle: Just ask\nsummary: One step.\nparties: [member]\n"
        "source: {document: our-doc, section: One}\nstart: ask\n"
        "triage: {label: Just ask the Monitoring Officer}\n"
        "outcomes:\n  - id: ask\n    title: Ask\n    steps:\n      - id: ask\n"
        "        actor: member\n        contacts: [monitoring-officer]\n"
        "        action: Ask the Monitoring Officer for advice.\n"
        "        source: {document: our-doc, section: One}\n",
        encoding="utf-8",
    )
    code, lines = check(str(folder))
    assert code == 0, lines
    result = runner.invoke(
        cli.app, ["triage", "--flows", str(folder), "--route", "just-ask", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["route"] == "just-ask" and plan["outcome"] == "ask"


# --- flows check ------------------------------------------------------------------------------


def test_the_built_ins_and_the_example_are_clean() -> None:
    code, lines = check()
    assert code == 0
    assert lines == [
        "built-in: 7 routes, 18 questions, 15 outcomes, 37 distinct paths (answers to an outcome)",
        "0 errors, 0 warnings.",
    ]
    code, lines = check(str(EXAMPLE), "--strict")
    assert code == 0
    assert lines[0] == (
        f"{EXAMPLE}: 2 routes, 6 questions, 6 outcomes, 13 distinct paths (answers to an outcome)"
    )


def test_warnings_exit_1_only_with_strict(example: Path) -> None:
    plant(
        example,
        "          counts_from: complaint-received\n          counts_from_stated: true\n",
        "",
    )
    plant(example, "triage:\n", "offered:\n")  # the route no longer offers itself
    plant(example, "offered:\n", "")
    plant(example, "  label: \"A member's", "label_was: \"A member's")
    text = (example / "quiet-word-first.yaml").read_text()
    (example / "quiet-word-first.yaml").write_text(
        "\n".join(
            line
            for line in text.splitlines()
            if not line.startswith(("label_was", "  help: For an officer"))
        )
        + "\n"
    )
    code, lines = check(str(example))
    assert code == 0, lines
    warnings = [line for line in lines if ": warning: " in line]
    assert len(warnings) == 2, lines
    assert "not offered in the triage" in warnings[0]
    assert "no counting event" in warnings[1] and "steps[acknowledge].deadline" in warnings[1]
    assert check(str(example), "--strict")[0] == 1


ROUTE_HEAD = (
    "id: {id}\ntitle: T\nsummary: S.\nparties: [officer, member]\n"
    "source: {{document: our-doc, section: One}}\ntriage: {{label: T}}\n"
)
STEP = (
    "      - id: {id}\n        actor: {actor}\n        action: Act.\n"
    "        source: {{document: our-doc, section: One}}\n"
)


def folder_with(tmp_path: Path, body: str, route_id: str = "probe", roles: str = "") -> Path:
    folder = tmp_path / "probe"
    folder.mkdir(exist_ok=True)
    (folder / "documents.yaml").write_text("documents: [{id: our-doc, title: Our doc}]\n")
    if roles:
        (folder / "roles.yaml").write_text(roles)
    (folder / f"{route_id}.yaml").write_text(ROUTE_HEAD.format(id=route_id) + body)
    return folder


def errors_for(tmp_path: Path, body: str, roles: str = "") -> list[str]:
    code, lines = check(str(folder_with(tmp_path, body, roles=roles)))
    assert code == 2, lines
    return [line.split(": error: ", 1)[1] for line in lines if ": error: " in line]


def test_cycles_and_questions_with_no_way_out(tmp_path: Path) -> None:
    body = (
        "start: a\nquestions:\n"
        "  - {id: a, type: text, text: A?, next: b}\n"
        "  - {id: b, type: text, text: B?, next: a}\n"
        "outcomes:\n  - id: done\n    title: Done\n    steps:\n"
        + STEP.format(id="s", actor="member")
    )
    errors = errors_for(tmp_path, body)
    assert any("loop back on themselves: a -> b -> a" in e for e in errors)
    assert any(e.startswith("questions[a]: question 'a' has no way out") for e in errors)
    assert any("outcome 'done' cannot be reached" in e for e in errors)


def test_unknown_roles_posts_and_documents(tmp_path: Path) -> None:
    body = (
        "start: p\nquestions:\n  - {id: p, post: officer, only: [directr], next: done}\n"
        "outcomes:\n  - id: done\n    title: Done\n    steps:\n"
        "      - id: s\n        actor: monitoring-officr\n        action: Act.\n"
        "        source: {document: our-dc, section: One}\n"
    )
    errors = errors_for(tmp_path, body)
    assert any("unknown post 'directr': did you mean 'director'?" in e for e in errors)
    assert any(
        "unknown role 'monitoring-officr'" in e and "'monitoring-officer'" in e for e in errors
    )
    assert any("unknown document 'our-dc': did you mean 'our-doc'?" in e for e in errors)


def test_a_one_of_group_with_an_inner_list_and_an_unknown_contact(tmp_path: Path) -> None:
    body = (
        "start: done\noutcomes:\n  - id: done\n    title: Done\n    steps:\n"
        + STEP.format(id="s", actor="{one_of: [[member, monitoring-officer], member]}")
        + "        contacts: [member, {and_or: [[monitoring-officer, chief-executve]]}]\n"
    )
    errors = errors_for(tmp_path, body)
    assert any("a one-of group lists role ids, not inner lists" in e for e in errors)
    assert any("unknown role 'chief-executve'" in e for e in errors)


def test_a_route_title_for_an_unknown_role_is_reported_on_its_line(tmp_path: Path) -> None:
    body = (
        "titles:\n  member: the member who asked\n  membr: the other member\n"
        "start: done\noutcomes:\n  - id: done\n    title: Done\n    steps:\n"
        + STEP.format(id="s", actor="member")
    )
    code, lines = check(str(folder_with(tmp_path, body)))
    assert code == 2
    (error,) = [line for line in lines if ": error: " in line]
    where, message = error.split(": error: ")
    assert where.endswith("probe.yaml:9")
    assert message.startswith("titles.membr: unknown role 'membr' (define it in roles.yaml)")
    assert "'member'" in message


def test_a_date_question_not_on_every_path_cannot_start_a_period(tmp_path: Path) -> None:
    body = (
        "start: q\nquestions:\n"
        "  - id: q\n    type: yes-no\n    text: Met?\n    choices:\n"
        '      - {id: "yes", label: "Yes", next: when}\n'
        '      - {id: "no", label: "No", next: done}\n'
        "  - {id: when, type: date, text: When?, next: done}\n"
        "outcomes:\n  - id: done\n    title: Done\n    steps:\n"
        "      - id: s\n        actor: member\n        action: Act.\n"
        "        deadline: {rule: working-days, count: 5, wording: within 5 days, counts_from: when}\n"
        "        source: {document: our-doc, section: One}\n"
    )
    (error,) = errors_for(tmp_path, body)
    assert error.startswith(
        "outcomes[done].steps[s].deadline.counts_from: the date question 'when'"
    )


def test_counts_from_lists_the_valid_starts(tmp_path: Path) -> None:
    body = (
        "start: done\noutcomes:\n  - id: done\n    title: Done\n    steps:\n"
        "      - id: s\n        actor: member\n        action: Act.\n"
        "        deadline: {rule: working-days, count: 5, wording: w, counts_from: outcom}\n"
        "        source: {document: our-doc, section: One}\n"
        "events: [{id: outcome, text: the outcome, question: When?}]\n"
    )
    (error,) = errors_for(tmp_path, body)
    assert "did you mean 'outcome'? valid ids: raised, outcome" in error


def test_duplicate_ids_and_a_conflicted_stand_in(tmp_path: Path) -> None:
    roles = (
        "roles:\n  - {id: deputy, title: the deputy, post: director, of: officer}\n"
        "  - {id: boss, title: the boss, post: head-of-service, of: officer, stand_in: deputy}\n"
    )
    body = (
        "start: p\nquestions:\n  - {id: p, post: officer, next: done}\n"
        "outcomes:\n  - id: done\n    title: Done\n    steps:\n"
        + STEP.format(id="s", actor="boss").replace(
            "        action", "        rung: true\n        action"
        )
        + STEP.format(id="s", actor="member")
    )
    errors = errors_for(tmp_path, body, roles=roles)
    assert any("step id 's' is used twice" in e for e in errors)
    (stand_in,) = [e for e in errors if "stand-in" in e]
    assert "the stand-in for 'boss' here, 'deputy', cannot act either when the officer" in stand_in
    assert "name a stand-in who cannot be a party to the matter (`stand_in` in roles.yaml)" in (
        stand_in
    )
    assert "leave the rung" not in stand_in


CONFLICTED_DEPUTY = (
    "roles:\n  - {id: deputy, title: the deputy, post: director, of: officer}\n"
    "  - {id: boss, title: the boss, post: head-of-service, of: officer, stand_in: deputy}\n"
)


def test_a_conflicted_stand_in_is_not_reported_where_the_step_cannot_run(tmp_path: Path) -> None:
    """The deputy cannot act when the officer is a Director or above, but the step runs only
    for lower posts (its `when`), or its outcome is reached only from them."""
    rung = STEP.format(id="s", actor="boss").replace(
        "        action", "        rung: true\n        action"
    )
    only_lower = rung.replace(
        "        rung: true", "        rung: true\n        when: {p: [officer, head-of-service]}"
    )
    body = (
        "start: p\nquestions:\n  - {id: p, post: officer, next: done}\n"
        "outcomes:\n  - id: done\n    title: Done\n    steps:\n" + only_lower
    )
    (tmp_path / "a").mkdir()
    code, lines = check(str(folder_with(tmp_path / "a", body, roles=CONFLICTED_DEPUTY)))
    assert code == 0, lines
    branching = (
        "start: p\nquestions:\n  - id: p\n    post: officer\n    next: {officer: done, "
        "head-of-service: done, director: other, chief-executive: other}\n"
        "outcomes:\n  - id: done\n    title: Done\n    steps:\n"
        + rung
        + "  - id: other\n    title: Other\n    steps:\n"
        + STEP.format(id="t", actor="member")
    )
    (tmp_path / "b").mkdir()
    code, lines = check(str(folder_with(tmp_path / "b", branching, roles=CONFLICTED_DEPUTY)))
    assert code == 0, lines
    with_director = branching.replace("director: other", "director: done")
    (tmp_path / "c").mkdir()
    code, lines = check(str(folder_with(tmp_path / "c", with_director, roles=CONFLICTED_DEPUTY)))
    assert code == 2 and any("the stand-in for 'boss' here" in line for line in lines)


def test_a_route_file_named_differently_from_its_id(tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        "start: done\noutcomes:\n  - id: done\n    title: D\n    steps:\n"
        + STEP.format(id="s", actor="member"),
    )
    (folder / "probe.yaml").rename(folder / "other.yaml")
    code, lines = check(str(folder))
    assert code == 2 and any("expected 'other', the file's name" in line for line in lines)


# --- schema ------------------------------------------------------------------------------------


def built_in_files() -> list[tuple[str, Path]]:
    names = {"roles.yaml": "roles", "triage.yaml": "triage", "documents.yaml": "documents"}
    files = [*sorted(default_flows_dir().glob("*.yaml")), *sorted(EXAMPLE.glob("*.yaml"))]
    return [(names.get(p.name, "route"), p) for p in files]


def json_ready(value: object) -> object:
    """YAML dates as the strings an editor (YAML 1.2, JSON Schema) sees."""
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@pytest.mark.parametrize(("kind", "path"), built_in_files(), ids=lambda v: getattr(v, "name", v))
def test_schema_validates_every_built_in_and_example_file(kind: str, path: Path) -> None:
    result = runner.invoke(cli.app, ["flows", "schema", kind])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert "$defs" not in result.stdout and "2020-12" not in result.stdout
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(document)
    data = json_ready(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.Draft7Validator(document).validate(data)


def test_schema_catches_a_misspelt_field_and_an_unquoted_no() -> None:
    data = json_ready(yaml.safe_load((EXAMPLE / "quiet-word-first.yaml").read_text()))
    assert isinstance(data, dict)
    data["outcomes"][0]["steps"][0]["actoin"] = "x"
    data["questions"][1]["choices"][1]["id"] = False
    errors = list(jsonschema.Draft7Validator(schema("route")).iter_errors(data))
    assert len(errors) >= 2
    assert set(KINDS) == {"route", "roles", "triage", "documents"}


# --- flows new -----------------------------------------------------------------------------------


def test_flows_new_writes_a_starter_that_passes_check(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    result = runner.invoke(cli.app, ["flows", "new", "our-route", "--dir", str(folder)])
    assert result.exit_code == 0, result.output
    route = folder / "our-route.yaml"
    assert stat.S_IMODE(route.stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / "documents.yaml").stat().st_mode) == 0o600
    code, lines = check(str(folder), "--strict")
    assert code == 0, lines
    assert lines[0].startswith(f"{folder}: 1 route, 1 question, 2 outcomes, 2 distinct paths")
    listed = runner.invoke(cli.app, ["routes", "--flows", str(folder), "--format", "json"])
    assert "our-route" in {row["id"] for row in json.loads(listed.stdout)}


def test_flows_new_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "our-route.yaml").write_text("mine\n")
    result = runner.invoke(cli.app, ["flows", "new", "our-route", "--dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    assert (tmp_path / "our-route.yaml").read_text() == "mine\n"
    forced = runner.invoke(
        cli.app, ["flows", "new", "our-route", "--dir", str(tmp_path), "--force"]
    )
    assert forced.exit_code == 0 and "id: our-route" in (tmp_path / "our-route.yaml").read_text()


def test_flows_new_refuses_an_id_that_is_not_kebab_case(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["flows", "new", "Our Route", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and result.output.startswith("routewise: error: ")
    assert list(tmp_path.iterdir()) == []


# --- where folders come from -----------------------------------------------------------------


def test_routewise_flows_is_a_path_list(example: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "triage.yaml").write_text("hide: [member-criticises-member]\n")
    env = {"ROUTEWISE_FLOWS": os.pathsep.join([str(example), str(other)])}
    result = runner.invoke(cli.app, ["routes", "--format", "json"], env=env)
    ids = {row["id"] for row in json.loads(result.stdout)}
    assert "quiet-word-first" in ids and "member-criticises-member" not in ids


def test_config_flows_are_relative_to_the_config_file(example: Path, tmp_path: Path) -> None:
    config = example.parent / "config.toml"
    config.write_text(f'flows = ["{example.name}"]\n')
    result = runner.invoke(cli.app, ["routes", "--format", "json", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "quiet-word-first" in {row["id"] for row in json.loads(result.stdout)}
    code, lines = check("--config", str(config))
    assert code == 0 and any(line.startswith(str(example)) for line in lines)


def test_a_post_set_or_document_declared_twice(tmp_path: Path) -> None:
    roles = (
        "post_sets:\n"
        "  - {id: posts, question: Which?, posts: [{id: a, label: A}]}\n"
        "  - {id: posts, question: Which?, posts: [{id: b, label: B}]}\n"
    )
    folder = folder_with(
        tmp_path,
        "start: done\noutcomes:\n  - id: done\n    title: D\n    steps:\n"
        + STEP.format(id="s", actor="member"),
        roles=roles,
    )
    (folder / "triage.yaml").write_text("documents: [{id: our-doc, title: Again}]\n")
    code, lines = check(str(folder))
    assert code == 2
    assert any(
        "roles.yaml:3: error: post_sets[posts].id: post set id 'posts' is defined twice" in line
        for line in lines
    )
    assert any("also declared in" in line and "keep one" in line for line in lines)


def test_route_completion_includes_folder_routes_without_pydantic() -> None:
    env = {k: v for k, v in os.environ.items() if k != "ROUTEWISE_FLOWS"}
    env["ROUTEWISE_FLOWS"] = str(EXAMPLE)
    code = (
        "import sys; from routewise.cli.options import complete_route; "
        "print(complete_route('quiet'), 'pydantic' in sys.modules, 'yaml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.stdout.strip() == "['quiet-word-first'] False False", done.stderr


def test_escape_codes_in_a_flow_file_are_shown_not_obeyed(example: Path) -> None:
    plant(example, "next: after-quiet-word}", 'next: "after\\e[31m"}')
    code, lines = check(str(example))
    assert code == 2 and "\x1b" not in "\n".join(lines) and "\\x1b[31m" in "\n".join(lines)
    result = runner.invoke(
        cli.app, ["triage", "--flows", str(example), "--route", "quiet-word-first"]
    )
    assert result.exit_code == 2 and "\x1b" not in result.output


def test_a_way_out_is_found_through_any_of_several_ways_in(tmp_path: Path) -> None:
    """c has two ways in (from a and from b) and leads out: nobody is stuck. d and e loop
    with two ways into the loop: both are stuck, and only they."""
    body = (
        "start: a\nquestions:\n"
        "  - id: a\n    type: yes-no\n    text: A?\n    choices:\n"
        "      - {id: 'yes', label: 'Yes', next: b}\n"
        "      - {id: 'no', label: 'No', next: c}\n"
        "  - id: b\n    type: yes-no\n    text: B?\n    choices:\n"
        "      - {id: 'yes', label: 'Yes', next: c}\n"
        "      - {id: 'no', label: 'No', next: d}\n"
        "  - {id: c, type: text, text: C?, next: done}\n"
        "  - {id: d, type: text, text: D?, next: e}\n"
        "  - {id: e, type: text, text: E?, next: d}\n"
        "outcomes:\n  - id: done\n    title: Done\n    steps:\n"
        + STEP.format(id="s", actor="member")
    )
    stuck = [e.split("'")[1] for e in errors_for(tmp_path, body) if "has no way out" in e]
    assert stuck == ["d", "e"]


# --- flows new and shared flow files: issue 16 ------------------------------------------


def test_flows_new_says_what_to_do_next(tmp_path: Path) -> None:
    folder = tmp_path / "our flows"
    result = runner.invoke(cli.app, ["flows", "new", "quiet-word", "--dir", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"  routewise flows check '{folder}'\n" in result.stdout
    assert f"  routewise triage --flows '{folder}' --route quiet-word\n" in result.stdout
    checked = runner.invoke(cli.app, ["flows", "check", str(folder)])
    assert checked.exit_code == 0, checked.output


def test_a_starter_in_a_folder_whose_name_holds_a_newline_passes_flows_check(
    tmp_path: Path,
) -> None:
    """The folder was pasted into a YAML comment: a newline in it broke the file."""
    folder = tmp_path / "d\nroute: [broken"
    result = runner.invoke(cli.app, ["flows", "new", "our-route", "--dir", str(folder)])
    assert result.exit_code == 0, result.output
    assert "\n" not in result.stdout.splitlines()[0]
    assert "d\\x0aroute" in result.stdout  # shown as data
    checked = runner.invoke(cli.app, ["flows", "check", str(folder)])
    assert checked.exit_code == 0, checked.output
    assert "0 errors, 0 warnings." in checked.output


def test_flows_new_writes_both_files_or_neither(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from routewise.flows import starter

    real = starter.write_private
    calls: list[Path] = []

    def second_fails(path: Path, text: str, force: bool = False) -> object:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path))
        return real(path, text, force)

    monkeypatch.setattr(starter, "write_private", second_fails)
    result = runner.invoke(cli.app, ["flows", "new", "our-route", "--dir", str(tmp_path)])
    assert result.exit_code == 2
    assert len(calls) == 2 and list(tmp_path.iterdir()) == []  # the first was taken back


@pytest.mark.parametrize("name", ["roles.yaml", "triage.yaml", "documents.yaml"])
def test_a_broken_link_named_as_a_shared_file_is_an_error(tmp_path: Path, name: str) -> None:
    """It was skipped: `flows check` said 0 errors, and the built-in roles and titles were
    used in place of the council's own (a broken route-file link was already an error)."""
    (tmp_path / name).symlink_to(tmp_path / "nowhere.yaml")
    result = runner.invoke(cli.app, ["flows", "check", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / name}: error: is a link to something that does not exist" in (
        result.output
    )
    assert "1 error, 0 warnings." in result.output


def test_an_outcome_the_document_does_not_cover_needs_no_step(tmp_path: Path) -> None:
    """Issue 18b, item 4: `not_covered` alone is an outcome (its plan is the general advice);
    any other outcome still needs a step, in the model, the schema and `flows check` alike."""
    route = json_ready(yaml.safe_load((PARISH_FLOWS / "clerk-complaint.yaml").read_text()))
    assert isinstance(route, dict)
    not_covered = route["outcomes"][0]
    assert "steps" not in not_covered and not_covered["not_covered"]
    validator = jsonschema.Draft7Validator(schema("route"))
    assert list(validator.iter_errors(route)) == []
    del not_covered["not_covered"]
    (error,) = validator.iter_errors(route)
    assert error.message == "'steps' is a required property"
    not_covered["steps"] = []
    (error,) = validator.iter_errors(route)
    assert error.message == "[] should be non-empty"
    folder = tmp_path / "parish"
    shutil.copytree(PARISH_FLOWS, folder)
    path = folder / "clerk-complaint.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\n    not_covered: .*\n", "\n", text), encoding="utf-8")
    code, lines = check(str(folder))
    assert code == 2
    assert lines[0] == (
        f"{path}:76: error: outcomes[not-covered].steps: an outcome needs at least one step: "
        "add the first step"
    )


def test_a_plan_for_an_outcome_with_no_step_is_the_general_advice_alone() -> None:
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--flows",
            str(PARISH_FLOWS),
            "--route",
            "clerk-complaint",
            "--answer",
            "complainant=someone-else",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert [s["id"] for s in plan["steps"]] == ["general-advice"]
    assert plan["steps"][0]["contacts"][0]["wording"] == "the council's HR adviser"
    assert plan["general_advice"] is True
    code = runner.invoke(cli.app, ["flows", "test", str(PARISH_FLOWS)])
    assert code.exit_code == 0, code.output
