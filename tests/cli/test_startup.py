"""The installed command as a user runs it: real processes, real stdin."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "routewise", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_piped_stdin_exits_2_with_the_hint() -> None:
    result = run("triage", stdin="some piped text\n")
    assert result.returncode == 2
    assert "standard input is not a terminal" in result.stderr
    assert "--answers FILE" in result.stderr
    assert "Traceback" not in result.stderr


def test_stdin_from_dev_null_exits_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "routewise", "triage"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def modules_loaded(args: list[str]) -> tuple[set[str], str]:
    """Run the CLI in a fresh interpreter; which heavy modules did it import?"""
    code = (
        "import sys, json\n"
        "from routewise.cli.app import app\n"
        "try:\n"
        f"    app({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['questionary', 'prompt_toolkit', 'holidays', 'pydantic', 'yaml', 'rich']\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1])), result.stdout


def test_help_does_not_import_heavy_modules() -> None:
    loaded, stdout = modules_loaded(["--help"])
    assert "Usage" in stdout
    assert not loaded & {"questionary", "prompt_toolkit", "holidays", "pydantic"}


def test_routes_listing_does_not_import_questionary_or_holidays() -> None:
    loaded, _ = modules_loaded(["routes", "--format", "json"])
    assert not loaded & {"questionary", "holidays"}


def test_python_dash_m_runs_a_plan(tmp_path: object) -> None:
    result = run(
        "triage",
        "--route",
        "member-information-request",
        "--answer",
        "can-provide=no",
        "--raised",
        "2026-12-21",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["steps"][1]["deadline"]["date"] == "2026-12-30"


def routewise_modules(args: list[str]) -> set[str]:
    """Which routewise modules a command imported, in a fresh interpreter."""
    code = (
        "import sys, json\n"
        "from routewise.cli import app, process\n"
        f"code = process.run(app.app, {args!r})\n"
        "print(json.dumps([code, sorted(m for m in sys.modules if m.startswith('routewise'))]),"
        " file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    exit_code, modules = json.loads(result.stderr.strip().splitlines()[-1])
    assert exit_code in (0, 2), result.stderr
    return set(modules)


FLOW_MODULES = {
    "routewise.engine",
    "routewise.flows.loader",
    "routewise.model.plan",
    "routewise.flows.cache",
    "routewise.model.route",
}


def test_due_never_loads_the_flows_engine_or_models() -> None:
    loaded = routewise_modules(["due", "5", "--from", "2026-12-21"])
    assert "routewise.commands.due" in loaded
    assert not loaded & FLOW_MODULES


def test_an_error_in_due_is_reported_without_loading_the_engine() -> None:
    loaded = routewise_modules(["due", "5", "--from", "9999-12-31"])
    assert "routewise.base.errors" in loaded
    assert not loaded & FLOW_MODULES


def test_help_loads_no_command_module() -> None:
    loaded = routewise_modules(["--help"])
    assert not any(m.startswith("routewise.commands") for m in loaded)
    assert not loaded & FLOW_MODULES


def test_the_first_question_comes_before_the_plan_yaml_rich_and_answers_file_code() -> None:
    """What the wizard's first question waits for is start-up time every user sees: the
    plan-building stages, YAML, rich and the answers-file model are loaded later, if at all."""
    code = (
        "import sys, json\n"
        "from routewise.cli import app, process\n"
        "from routewise.commands import common\n"
        "from routewise.wizard import asker\n"
        "common.stdin_is_interactive = lambda: True\n"
        "def first(self, *args, **kwargs):\n"
        "    print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
        "    raise KeyboardInterrupt\n"
        "asker.Asker.choose = first\n"
        "process.run(app.app, ['triage'])\n"
    )
    for _ in range(2):  # the first run fills the flow cache; the second is every later one
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
    loaded = set(json.loads(result.stderr.strip().splitlines()[0]))
    assert "routewise.wizard.logic" in loaded  # it did reach the first question
    late = {
        "routewise.wizard.answers",
        "routewise.model.plan",
        "routewise.engine.assemble",
        "routewise.flows.yaml_safe",
        "yaml",
        "rich",
        "holidays",
    }
    assert not loaded & late
