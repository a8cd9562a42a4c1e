"""Council configuration: precedence, bad files, permissions, and `config init` driven by keys."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from routewise.base.errors import FileError
from routewise.cli import app as cli
from routewise.commands import common
from routewise.config.settings import (
    ConfigFile,
    default_path,
    load_settings,
    parse_config,
    render_toml,
)
from routewise.model.catalogue import Catalogue
from tests.paths import ANSWERS

DOWN, ENTER, CLEAR_LINE, CTRL_D = "\x1b[B", "\r", "\x15", "\x04"
runner = CliRunner()

GOOD = """\
council = "North West Leicestershire District Council"
region = "england-and-wales"
closures = ["2026-12-29..2026-12-31"]

[titles]
officers-head-of-service = "the officer's Service Director"

[contacts.chief-executive]
name = "Priya Shah"
email = "priya.shah@example.gov.uk"
phone = "01530 454545"
"""


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(GOOD, encoding="utf-8")
    return path


# --- precedence ------------------------------------------------------------------


def test_defaults_without_any_config() -> None:
    settings = load_settings(None, None, env={})
    assert settings.region == "england-and-wales"
    assert settings.closures == {} and settings.contacts == {}
    assert settings.origins["region"] == "default"
    assert not settings.file_exists


def test_file_beats_defaults(config_file: Path, catalogue: Catalogue) -> None:
    settings = load_settings(config_file, None, catalogue, env={})
    assert settings.council == "North West Leicestershire District Council"
    assert len(settings.closures) == 3
    assert settings.contacts["chief-executive"].name == "Priya Shah"
    assert settings.origins["region"].startswith("file")


def test_environment_beats_file_and_command_line_beats_environment(config_file: Path) -> None:
    env = {"ROUTEWISE_REGION": "scotland"}
    assert load_settings(config_file, None, env=env).region == "scotland"
    settings = load_settings(config_file, "northern-ireland", env=env)
    assert settings.region == "northern-ireland"
    assert settings.origins["region"] == "command line (--region)"


def test_config_path_precedence(config_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text('council = "Other"\n', encoding="utf-8")
    env = {"ROUTEWISE_CONFIG": str(other)}
    assert load_settings(None, None, env=env).council == "Other"
    assert load_settings(config_file, None, env=env).council.startswith("North West")  # type: ignore[union-attr]


def test_without_option_or_environment_the_default_file_is_used(tmp_path: Path) -> None:
    # The conftest points XDG_CONFIG_HOME at an empty folder: routewise must look there,
    # say it came from the default, and use the defaults when no file exists.
    settings = load_settings(None, None, env={})
    assert settings.path == default_path() and settings.path_origin == "default"
    assert not settings.file_exists and settings.region == "england-and-wales"
    assert settings.council is None and settings.contacts == {}


def test_named_config_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="config file not found"):
        load_settings(tmp_path / "missing.toml", None, env={})


# --- malformed files --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "field", "problem"),
    [
        ('council = "x"\nregion = "wales"\n', 2, "region", "expected one of england-and-wales"),
        ('closures = ["2026-12-31..2026-12-29"]\n', 1, "closures.0", "ends before it starts"),
        ('closures = ["29 Dec 2026"]\n', 1, "closures.0", "expected a date (DD/MM/YYYY or"),
        ('closures = ["29/13/2026"]\n', 1, "closures.0", "'29/13/2026' is not a real date"),
        (
            'council = "x"\n\n[contacts.chief-executive]\nnmae = "P"\n',
            4,
            "contacts.chief-executive.nmae",
            "unknown setting",
        ),
        ('council = "x"\nregion = \n', 2, "", "not valid TOML"),
    ],
)
def test_malformed_config(tmp_path: Path, text: str, line: int, field: str, problem: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileError) as err:
        load_settings(path, None, env={})
    assert err.value.line == line
    assert err.value.field == field
    assert problem in err.value.problem


def test_contact_for_a_case_dependent_role_is_refused(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "config.toml"
    path.write_text('\n[contacts.officers-head-of-service]\nname = "Sam"\n', encoding="utf-8")
    with pytest.raises(FileError) as err:
        load_settings(path, None, catalogue, env={})
    assert err.value.line == 2
    assert "depends on the case" in err.value.problem


def test_unknown_role_in_titles(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[titles]\nhead-of-servise = "Service Director"\n', encoding="utf-8")
    with pytest.raises(FileError) as err:
        load_settings(path, None, catalogue, env={})
    assert (err.value.line, err.value.field) == (2, "titles.head-of-servise")


def test_config_check_command(config_file: Path, tmp_path: Path) -> None:
    assert runner.invoke(cli.app, ["config", "check", "--config", str(config_file)]).exit_code == 0
    bad = tmp_path / "bad.toml"
    bad.write_text('region = "mars"\n')
    result = runner.invoke(cli.app, ["config", "check", "--config", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:1: region: expected one of" in result.output
    assert "Traceback" not in result.output


def test_bad_config_stops_triage_with_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("closures = [\n")
    result = runner.invoke(
        cli.app,
        ["triage", "--config", str(bad), "--answers", str(ANSWERS / "information-provided.yaml")],
    )
    assert result.exit_code == 2 and "not valid TOML" in result.output


def test_config_show_says_where_each_setting_came_from(config_file: Path) -> None:
    result = runner.invoke(
        cli.app,
        ["config", "show", "--config", str(config_file), "--region", "scotland"],
        env={"COLUMNS": "200"},
    )
    out = flat(result.output)
    assert result.exit_code == 0, result.output
    assert "command line (--region)" in out
    assert "Priya Shah" in out and "2026-12-29..2026-12-31" in out


def test_config_path_command(tmp_path: Path) -> None:
    target = tmp_path / "c.toml"
    result = runner.invoke(cli.app, ["config", "path"], env={"ROUTEWISE_CONFIG": str(target)})
    assert result.stdout.strip() == str(target)
    # stdout then stderr, run together as some tools show them, still reads well
    joined = result.stdout.rstrip("\n") + result.stderr
    assert joined.startswith(f"{target} (environment (ROUTEWISE_CONFIG); does not"), joined


# --- the acceptance examples ----------------------------------------------------------


def test_information_request_with_christmas_closure_due_tue_5_jan(config_file: Path) -> None:
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--config",
            str(config_file),
            "--answers",
            str(ANSWERS / "information-provided.yaml"),
            "--format",
            "json",
        ],
    )
    plan = json.loads(result.output)
    assert plan["steps"][1]["deadline"]["date"] == "2027-01-05"
    reasons = {s["date"]: s["reason"] for s in plan["steps"][1]["deadline"]["skipped"]}
    assert reasons["2026-12-29"] == "council closure day"


def test_information_request_in_scotland_due_wed_30_dec() -> None:
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--region",
            "scotland",
            "--answers",
            str(ANSWERS / "information-provided.yaml"),
            "--format",
            "json",
        ],
    )
    plan = json.loads(result.output)
    assert plan["region"] == "scotland"
    assert plan["steps"][1]["deadline"]["date"] == "2026-12-30"


def test_uk_any_ignores_closures_and_says_so(config_file: Path) -> None:
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--config",
            str(config_file),
            "--region",
            "uk-any",
            "--answers",
            str(ANSWERS / "information-provided.yaml"),
            "--format",
            "json",
        ],
    )
    plan = json.loads(result.output)
    assert plan["steps"][1]["deadline"]["date"] == "2026-12-30"
    assert any("closure days are not skipped" in w for w in plan["warnings"])


def test_due_calculator() -> None:
    result = runner.invoke(cli.app, ["due", "5", "--from", "2026-12-23"])
    assert result.exit_code == 0
    assert result.output.startswith("Due: Mon 4 Jan 2027\n")
    result = runner.invoke(
        cli.app, ["due", "5", "--from", "2026-12-23", "--region", "uk-any", "--format", "json"]
    )
    payload = json.loads(result.output)
    assert payload["due"] == "2027-01-05" and payload["start"] == "2026-12-23"
    assert payload["region"] == "uk-any"
    assert {
        "date": "2027-01-04",
        "reason": "bank holiday: New Year Holiday (observed) (Scotland)",
    } in payload["skipped"]


def test_due_calendar_days_and_refusals() -> None:
    result = runner.invoke(cli.app, ["due", "2", "--from", "2026-04-02", "--calendar-days"])
    assert (
        "Due: Tue 7 Apr 2026" in result.output
        and "Calendar day 2 is Sat 4 Apr 2026" in result.output
    )
    result = runner.invoke(cli.app, ["due", "5", "--from", "1985-01-01"])
    assert result.exit_code == 2 and "1990 to 2100" in result.output
    result = runner.invoke(cli.app, ["due", "5", "--from", "2030-01-07"])
    assert "Warning:" in flat(result.output) and "may still be announced" in flat(result.output)


def test_chief_executive_contact_named_in_terminal_markdown_and_json(config_file: Path) -> None:
    base = [
        "triage",
        "--config",
        str(config_file),
        "--answers",
        str(ANSWERS / "dispute-officer-met.yaml"),
    ]
    terminal = flat(runner.invoke(cli.app, base, env={"COLUMNS": "200"}).output)
    assert "the Chief Executive (Priya Shah, priya.shah@example.gov.uk, 01530 454545)" in terminal
    markdown = runner.invoke(cli.app, [*base, "--format", "markdown"]).output
    assert "the Chief Executive (Priya Shah, priya.shah@example.gov.uk, 01530 454545)" in markdown
    plan = json.loads(runner.invoke(cli.app, [*base, "--format", "json"]).output)
    contact = plan["steps"][0]["contacts"][0]["members"][0]
    assert contact == {
        "role": "chief-executive",
        "title": "the Chief Executive",
        "person": {
            "name": "Priya Shah",
            "email": "priya.shah@example.gov.uk",
            "phone": "01530 454545",
        },
    }
    assert plan["steps"][1]["actor"]["members"][0]["person"]["name"] == "Priya Shah"
    assert plan["council"] == "North West Leicestershire District Council"


def test_council_titles_replace_generic_ones(config_file: Path) -> None:
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--config",
            str(config_file),
            "--answers",
            str(ANSWERS / "member-concern-officer.yaml"),
            "--format",
            "json",
        ],
    )
    plan = json.loads(result.output)
    assert plan["steps"][0]["contacts"][0]["members"][0]["title"] == (
        "the officer's Service Director"
    )


def test_case_contacts_from_an_answers_file(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        (ANSWERS / "member-concern-officer.yaml").read_text()
        + "contacts:\n  officers-head-of-service: {name: Sam Lee, email: sam@example.gov.uk}\n"
    )
    plan = json.loads(
        runner.invoke(cli.app, ["triage", "--answers", str(answers), "--format", "json"]).output
    )
    assert plan["steps"][0]["contacts"][0]["members"][0]["person"]["name"] == "Sam Lee"


# --- config init, driven through the real prompts --------------------------------------


def run_init(keys: str, target: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: True)
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            result = runner.invoke(cli.app, ["config", "init", "--config", str(target)])
    assert result.exit_code == 0, result.output
    return result.output


def test_config_init_writes_a_private_valid_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogue: Catalogue
) -> None:
    target = tmp_path / "sub" / "config.toml"
    chief_executive = [r.id for r in catalogue.roles.values() if not r.party and not r.of].index(
        "chief-executive"
    )
    keys = (
        "Test Council"
        + ENTER
        + DOWN
        + ENTER  # region: Scotland
        + "2026-12-29..2026-12-31, 2027-04-01"
        + ENTER
        + "y"
        + DOWN * chief_executive
        + ENTER  # add a contact: the Chief Executive
        + "Priya Shah"
        + ENTER
        + "priya@example.gov.uk"
        + ENTER
        + "01530 1"
        + ENTER
        + "n"  # no more contacts
        + "n"  # no title changes
    )
    run_init(keys, target, monkeypatch)
    assert target.stat().st_mode & 0o777 == 0o600
    settings = load_settings(target, None, catalogue, env={})
    assert settings.council == "Test Council"
    assert settings.region == "scotland"
    assert len(settings.closures) == 4
    assert settings.contacts["chief-executive"].email == "priya@example.gov.uk"


def test_config_init_keeps_the_settings_it_does_not_ask_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogue: Catalogue
) -> None:
    """A dropped `database` would quietly start a new, empty case register."""
    target = tmp_path / "config.toml"
    (tmp_path / "our-flows").mkdir()
    target.write_text(
        'council = "Old"\nflows = ["our-flows"]\nplans_folder = "~/plans"\n'
        'database = "cases.sqlite3"\nuser = "Jo Bloggs"\nwarn_days = 3\n',
        encoding="utf-8",
    )
    run_init("y" + CLEAR_LINE + "New" + ENTER + ENTER + ENTER + "n" + "n", target, monkeypatch)
    settings = load_settings(target, None, catalogue, env={})
    assert settings.council == "New"
    assert settings.database == tmp_path / "cases.sqlite3"
    assert (settings.user, settings.warn_days, settings.plans_folder) == ("Jo Bloggs", 3, "~/plans")
    assert 'flows = ["our-flows"]' in target.read_text(encoding="utf-8")


def test_config_init_never_overwrites_without_asking(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = config_file.read_text()
    output = run_init("n", config_file, monkeypatch)
    assert "Nothing changed." in output
    assert config_file.read_text() == before


def test_config_init_rejects_bad_closure_days_at_the_prompt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogue: Catalogue
) -> None:
    target = tmp_path / "config.toml"
    keys = (
        ENTER
        + ENTER  # no council name; England and Wales
        + "31/13/2026"
        + ENTER  # refused: there is no month 13
        + CLEAR_LINE
        + "2026-12-31"
        + ENTER
        + "n"
        + "n"
    )
    run_init(keys, target, monkeypatch)
    assert load_settings(target, None, catalogue, env={}).closure_text == ["2026-12-31"]


# --- config init: validated as typed, read back before saving, Ctrl-D -----------------


def invoke_init(keys: str, target: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: True)
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            return runner.invoke(cli.app, ["config", "init", "--config", str(target)])


def test_config_init_keeps_control_characters_escaped_and_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogue: Catalogue
) -> None:
    target = tmp_path / "config.toml"
    target.write_text('council = "Old\\u007fName\\u001b[2J"\n', encoding="utf-8")
    before = load_settings(target, None, env={}).council
    # Change it? yes; keep the council name; region; no closures; no contacts; no titles
    result = invoke_init("y" + ENTER + ENTER + ENTER + "n" + "n", target, monkeypatch)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "\x7f" not in text and "\x1b" not in text
    assert 'council = "Old\\u007fName\\u001b[2J"' in text
    assert load_settings(target, None, catalogue, env={}).council == before


def test_render_toml_escapes_every_control_and_reads_back() -> None:
    nasty = 'A\x7fB\x9b\u202e\u2028"q" \\ end'
    config = ConfigFile(council=nasty, titles={"chief-executive": "Boss\x1b[2J"})
    text = render_toml(config)
    assert not any(ch in text for ch in "\x7f\x9b\u202e\u2028\x1b")
    assert parse_config(Path("c.toml"), text) == config


def test_config_init_asks_again_for_a_name_over_200_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogue: Catalogue
) -> None:
    target = tmp_path / "config.toml"
    keys = (
        "x" * 201
        + ENTER  # refused at the prompt: the other answers are not lost
        + CLEAR_LINE
        + "Short Council"
        + ENTER
        + ENTER  # England and Wales
        + ENTER  # no closures
        + "n"
        + "n"
    )
    result = invoke_init(keys, target, monkeypatch)
    assert result.exit_code == 0, result.output
    assert load_settings(target, None, catalogue, env={}).council == "Short Council"


def test_contact_name_over_200_characters_is_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogue: Catalogue
) -> None:
    target = tmp_path / "config.toml"
    keys = (
        ENTER
        + ENTER
        + ENTER  # no council, region, no closures
        + "y"
        + ENTER  # the first role
        + "n" * 201
        + ENTER  # refused
        + CLEAR_LINE
        + "Sam"
        + ENTER
        + ENTER
        + ENTER  # no email, no phone
        + "n"
        + "n"
    )
    result = invoke_init(keys, target, monkeypatch)
    assert result.exit_code == 0, result.output
    contacts = load_settings(target, None, catalogue, env={}).contacts
    assert [c.name for c in contacts.values()] == ["Sam"]


@pytest.mark.parametrize(
    "keys",
    [
        CTRL_D,  # at the council name
        ENTER + ENTER + CTRL_D,  # at the closure days
        ENTER + ENTER + ENTER + CTRL_D,  # at "add a contact?"
        ENTER + ENTER + ENTER + "y" + ENTER + CTRL_D,  # at a contact's name
    ],
    ids=["council", "closures", "confirm", "contact-name"],
)
def test_ctrl_d_in_config_init_is_130_and_writes_nothing(
    keys: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "config.toml"
    result = invoke_init(keys, target, monkeypatch)
    assert result.exit_code == 130
    assert result.output.strip().endswith("\nCancelled; nothing was saved.") or (
        result.output.strip() == "Cancelled; nothing was saved."
    )
    assert "Traceback" not in result.output
    assert not target.exists()


def test_ctrl_d_at_change_it_leaves_the_file(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = config_file.read_text()
    result = invoke_init(CTRL_D, config_file, monkeypatch)
    assert result.exit_code == 130
    assert config_file.read_text() == before


def test_config_init_refuses_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: True)
    result = runner.invoke(cli.app, ["config", "init"], env={"ROUTEWISE_CONFIG": str(tmp_path)})
    assert result.exit_code == 2
    assert "is a folder, not a config file" in result.output


# --- config show and folders --------------------------------------------------------


def test_config_show_never_reads_the_path_as_markup(tmp_path: Path) -> None:
    folder = tmp_path / "[red]danger[/red] [link=http://evil.example]x[/link]" / ("long" * 30)
    folder.mkdir(parents=True)
    path = folder / "config.toml"
    path.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(
        cli.app, ["config", "show", "--config", str(path)], env={"COLUMNS": "80"}, color=True
    )
    assert result.exit_code == 0, result.output
    assert "Config file (command line (--config); exists):" in result.output
    assert f"\n  {path}\n" in result.output
    assert "\x1b]8;" not in result.output  # no hyperlink
    assert "\x1b[31m" not in result.output  # no red


def test_config_path_pointing_at_a_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="is a folder, not a config file"):
        load_settings(None, None, env={"ROUTEWISE_CONFIG": str(tmp_path)})
    result = runner.invoke(cli.app, ["config", "path"], env={"ROUTEWISE_CONFIG": str(tmp_path)})
    assert "a folder, not a config file" in result.output


def test_closure_days_are_read_day_first_as_every_other_date(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """24/12/2026 is 24 December in a closure, as on the command line and in the wizard."""
    path = tmp_path / "c.toml"
    path.write_text('closures = ["24/12/2026", "29/12/2026..31/12/2026"]\n', encoding="utf-8")
    settings = load_settings(path, None, catalogue, env={})
    assert sorted(settings.closures) == [
        date(2026, 12, 24),
        date(2026, 12, 29),
        date(2026, 12, 30),
        date(2026, 12, 31),
    ]


def test_config_show_never_splits_a_value_inside_a_word_at_60_columns(tmp_path: Path) -> None:
    """A table folded `officers-head-of-service` into `officers-head-of-se` / `rvice`."""
    path = tmp_path / "c.toml"
    path.write_text(
        'council = "North West Leicestershire District Council"\n'
        '[titles]\nofficers-head-of-service = "the officer\'s Service Director"\n'
        '[contacts.chief-executive]\nname = "Priya Shah"\n'
        'email = "priya.shah-longname@north-west-leicestershire.gov.uk"\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        cli.app, ["config", "show", "--config", str(path)], env={"COLUMNS": "60"}
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == f"  {path}"  # captured, not a terminal: whole, to copy
    assert all(len(line) <= 60 for line in lines[2:]), lines
    assert any("  title: officers-head-of-service: the officer's Service" in x for x in lines)
    email = "priya.shah-longname@north-west-leicestershire.gov.uk"
    assert any(line.startswith(f"    {email}") for line in lines), lines  # whole
    assert "  council: North West Leicestershire District Council; from" in lines
    assert "    the config file" in lines
