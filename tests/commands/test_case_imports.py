"""What each command loads, in a fresh interpreter: the register costs nothing to commands
that do not use it, and a case command loads only what it needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REGISTER = {
    "sqlite3",
    "aiosql",
    "yoyo",
    "psycopg",
    "routewise.register",
    "routewise.cli.case_app",
    "routewise.cli.db_app",
}
ENGINE = {"routewise.engine.assemble", "routewise.flows.loader", "routewise.model.route"}


def loaded(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    code = (
        "import sys, json\n"
        "from routewise.cli import app, process\n"
        f"process.run(app.app, {args!r})\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_help_and_other_commands_load_nothing_of_the_register() -> None:
    for args in (["--help"], ["due", "5", "--from", "2026-05-01"], ["routes", "--format", "json"]):
        assert not loaded(args) & REGISTER, args


def test_the_first_question_of_a_triage_loads_nothing_of_the_register() -> None:
    code = (
        "import sys, json\n"
        "from routewise.cli import app, process\n"
        "from routewise.commands import common\n"
        "from routewise.wizard import session as wizard\n"
        "common.stdin_is_interactive = lambda: True\n"
        "def first(self, *args, **kwargs):\n"
        "    print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
        "    raise KeyboardInterrupt\n"
        "wizard.Asker.choose = first\n"
        "process.run(app.app, ['triage'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    modules = set(json.loads(result.stderr.strip().splitlines()[0]))
    assert "routewise.wizard.logic" in modules
    assert not modules & REGISTER


def test_case_list_reads_summaries_without_the_engine_or_yoyo(tmp_path: Path) -> None:
    env = {**os.environ, "ROUTEWISE_DATABASE": str(tmp_path / "r.sqlite3")}
    cases = tmp_path / "cases.json"
    cases.write_text(
        json.dumps(
            [
                {
                    "reference": "A",
                    "route": "member-information-request",
                    "raised": "2026-04-30",
                    "answers": {"can-provide": "yes"},
                }
            ]
        ),
        encoding="utf-8",
    )
    assert "routewise.register.migrate" in loaded(["case", "import", str(cases)], env)  # new
    listing = loaded(["case", "list", "--format", "json"], env)
    assert "routewise.register.views" in listing and "aiosql" in listing
    assert not listing & (ENGINE | {"yoyo", "rich", "psycopg"})
    terminal = loaded(["case", "list"], env)
    assert not terminal & (ENGINE | {"yoyo", "psycopg"})
    note = loaded(["case", "note", "A", "hello"], env)
    assert "routewise.engine.assemble" in note and not note & {"yoyo", "rich", "psycopg"}
