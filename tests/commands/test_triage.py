"""The commands, through typer's CliRunner."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routewise import __version__
from routewise.cli import app as cli
from routewise.cli import options
from routewise.commands import common
from routewise.flows.locations import default_flows_dir, route_ids
from tests.paths import ANSWERS

runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: False)


def test_version() -> None:
    result = runner.invoke(cli.app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"routewise {__version__}"


def test_routes_table_lists_every_route() -> None:
    result = runner.invoke(cli.app, ["routes"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for route_id in route_ids(default_flows_dir()):
        assert route_id in result.output


def test_routes_json() -> None:
    result = runner.invoke(cli.app, ["routes", "--format", "json"])
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == route_ids(default_flows_dir())
    assert all(set(row) == {"id", "title", "summary", "origin"} for row in rows)
    assert {row["origin"] for row in rows} == {"built-in"}


@pytest.mark.parametrize("route_id", route_ids(default_flows_dir()))
def test_explain_every_route(route_id: str) -> None:
    result = runner.invoke(cli.app, ["explain", route_id, "--raised", "2026-12-21"])
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert "Questions and branches" in out
    assert "Outcome:" in out
    assert "Source:" in out


@pytest.mark.parametrize("route_id", route_ids(default_flows_dir()))
def test_explain_fits_a_60_column_terminal(route_id: str) -> None:
    """Every line wraps, headings and the closing note on example dates included."""
    result = runner.invoke(cli.app, ["explain", route_id], env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    too_long = [line for line in result.stdout.splitlines() if len(line) > 60]
    assert too_long == []
    body = " ".join(result.stdout.split("Example dates assume")[0].split())
    has_dates = re.search(r"(Mon|Tue|Wed|Thu|Fri) \d{1,2} [A-Z][a-z]{2} 20\d\d", body) is not None
    # The note on example dates comes only where there are dates.
    assert ("use --raised to change it." in " ".join(result.stdout.split())) == has_dates


def explain_lines(route_id: str, width: str) -> list[str]:
    result = runner.invoke(cli.app, ["explain", route_id], env={"COLUMNS": width})
    return [line.replace("\u00a0", " ") for line in result.stdout.splitlines()]


def test_explain_keeps_question_tags_whole_and_hangs_wrapped_questions() -> None:
    for width in ("60", "100"):
        lines = explain_lines("member-criticises-member", width)
        assert any("[criticised-member-post: choose any]" in line for line in lines), width
        assert any("[channel: free text]" in line for line in lines), width
    lines = explain_lines("member-criticises-member", "60")
    first = next(i for i, line in enumerate(lines) if line.startswith("      ? Does the member"))
    assert lines[first + 1].startswith("        these posts?")  # under the words, not the "?"


def test_explain_shows_deadlines_and_how_they_were_counted() -> None:
    result = runner.invoke(
        cli.app, ["explain", "member-information-request", "--raised", "2026-12-21"]
    )
    out = flat(result.output)
    assert "within 5 working days: by Wed 30 Dec 2026" in out
    assert "Fri 25 Dec 2026 (bank holiday: Christmas Day)" in out


def test_explain_names_each_party_in_the_route_s_own_and_the_council_s_words(
    tmp_path: Path,
) -> None:
    result = runner.invoke(cli.app, ["explain", "member-criticises-member"])
    out = flat(result.output)
    assert "Parties: the member who made the criticism, the member who was criticised" in out
    assert "Contact: the member who made the criticism" in out
    config = tmp_path / "config.toml"
    config.write_text('[titles]\nmember = "the councillor"\n', encoding="utf-8")
    result = runner.invoke(
        cli.app, ["explain", "member-criticises-member", "--config", str(config)]
    )
    assert "Parties: the councillor who made the criticism," in flat(result.output)


def test_explain_json_has_question_and_choice_ids() -> None:
    result = runner.invoke(cli.app, ["explain", "officer-member-dispute", "--format", "json"])
    route = json.loads(result.output)
    assert route["id"] == "officer-member-dispute"
    question = next(q for q in route["questions"] if q["id"] == "officer-post")
    assert question["post"] == "officer" and question["formerly"] == ["officer-role"]
    assert {"id": "head-of-service", "label": "A Head of Service"}.items() <= question["choices"][
        1
    ].items()
    member = next(q for q in route["questions"] if q["id"] == "member-post")
    assert member["type"] == "multi-choice"
    assert [c["id"] for c in member["choices"]] == ["leader"]


def test_explain_unknown_route_suggests_closest() -> None:
    result = runner.invoke(cli.app, ["explain", "officer-member-dispte"])
    assert result.exit_code == 2
    assert "unknown route 'officer-member-dispte'" in result.output
    assert "Did you mean: officer-member-dispute" in result.output
    assert "Traceback" not in result.output


def test_route_completion() -> None:
    assert options.complete_route("member-c") == [
        "member-concern-about-officer",
        "member-criticises-member",
        "member-criticises-officer-in-public",
    ]


def test_triage_answers_file_json_plan() -> None:
    result = runner.invoke(
        cli.app,
        ["triage", "--answers", str(ANSWERS / "information-provided.yaml"), "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert plan["route"] == "member-information-request"
    assert plan["raised"] == "2026-12-21"
    step = plan["steps"][1]
    assert step["actor"]["wording"] == "the relevant Group Leader, Cabinet Member or officer"
    assert step["contacts"][0]["members"][0]["role"] == "member"
    assert plan["schema_version"] == 4
    assert plan["answers"][0]["choice"] == "yes"
    assert step["deadline"] == {
        **step["deadline"],
        "text": "within 5 working days: by Wed 30 Dec 2026 (this date has passed)",
        "date": "2026-12-30",
        "passed": True,  # the tests' today is Fri 15 Jan 2027
    }
    assert plan["made_on"] == "2027-01-15"
    assert plan["steps"][0]["deadline"] is None
    assert [n["kind"] for n in plan["notes"]] == ["ambiguity"] and plan["sources"]


def test_triage_answer_options_give_the_same_plan_as_the_file() -> None:
    by_file = runner.invoke(
        cli.app,
        ["triage", "--answers", str(ANSWERS / "dispute-officer-met.yaml"), "--format", "json"],
    )
    by_options = runner.invoke(
        cli.app,
        [
            "triage",
            "--route",
            "officer-member-dispute",
            "--answer",
            "already-met=yes",
            "--answer",
            "officer-post=officer",
            "--answer",
            "member-post=none",
            "--raised",
            "2026-04-02",
            "--format",
            "json",
        ],
    )
    assert by_options.exit_code == 0, by_options.output
    assert json.loads(by_file.output) == json.loads(by_options.output)


def test_missing_answer_lists_valid_choices() -> None:
    result = runner.invoke(
        cli.app, ["triage", "--route", "officer-member-dispute", "--answer", "already-met=no"]
    )
    assert result.exit_code == 2
    assert "member-post" in result.output
    assert "leader, none" in result.output
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--route",
            "officer-member-dispute",
            "--answer",
            "already-met=no",
            "--answer",
            "member-post=none",
        ],
    )
    assert "officer-post" in result.output
    assert "officer, head-of-service, director, chief-executive" in result.output


def test_invalid_choice_lists_valid_ones() -> None:
    result = runner.invoke(
        cli.app,
        ["triage", "--route", "member-information-request", "--answer", "can-provide=maybe"],
    )
    assert result.exit_code == 2
    assert "'maybe' is not one of the choices" in result.output
    assert "yes, no, not-yet-known" in result.output


def test_unknown_question_id_is_refused() -> None:
    result = runner.invoke(
        cli.app, ["triage", "--route", "member-information-request", "--answer", "can-provid=yes"]
    )
    assert result.exit_code == 2
    assert "has no such question" in result.output and "can-provide" in result.output


def test_bad_raised_date() -> None:
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--answers",
            str(ANSWERS / "information-provided.yaml"),
            "--raised",
            "21-12-2026",
        ],
    )
    assert result.exit_code == 2
    assert "expected a date as YYYY-MM-DD or DD/MM/YYYY (day first)" in result.output


@pytest.mark.parametrize("typed", ["21/12/2026", "2026-12-21", " 21/12/2026 "])
def test_a_date_on_the_command_line_is_read_as_the_wizard_reads_it(typed: str) -> None:
    # UK staff type day first, as the wizard's date prompts accept: the same day either way.
    args = ["due", "10", "--from", typed, "--format", "json"]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    assert '"due": "2027-01-07"' in result.output and '"start": "2026-12-21"' in result.output


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31/02/2026", "is not a real date"),
        ("13/13/2026", "is not a real date"),
        ("1/1/1900", "outside the years"),
        ("12/31/2026", "is not a real date"),
    ],
)
def test_an_impossible_day_first_date_is_refused(typed: str, expected: str) -> None:
    result = runner.invoke(cli.app, ["due", "10", "--from", typed])
    assert result.exit_code == 2
    assert expected in result.output and len(result.output.strip().splitlines()) == 1


def test_no_terminal_and_no_answers_explains_how_to_run_non_interactively() -> None:
    result = runner.invoke(cli.app, ["triage"])
    assert result.exit_code == 2
    assert "--answers FILE" in result.output and "--answer QUESTION-ID=VALUE" in result.output


def test_malformed_answers_file_gives_line(tmp_path: Path) -> None:
    bad = tmp_path / "answers.yaml"
    bad.write_text(
        "route: member-information-request\nrasied: 2026-12-21\nanswers: {can-provide: yes}\n"
    )
    result = runner.invoke(cli.app, ["triage", "--answers", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2: rasied: unknown field" in result.output
    assert "did you mean 'raised'?" in result.output


EVENT_ANSWERS = (
    "route: officer-member-dispute\nraised: 2026-04-02\n"
    "answers: {already-met: yes, officer-post: officer, member-post: none}\n"
)


def test_answers_file_event_dates_read_like_raised(tmp_path: Path) -> None:
    """`events:` takes DD/MM/YYYY as `raised:` and `--event` do, and a number is never
    read as seconds since 1970 (1798848000 was a Saturday deadline, 2027-01-02)."""
    answers = tmp_path / "a.yaml"
    answers.write_text(EVENT_ANSWERS + "events: {manager-told: 03/04/2026}\n")
    result = runner.invoke(cli.app, ["triage", "--answers", str(answers), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["events"][0]["date"] == "2026-04-03"
    for value in ("1798848000", "0", "2026-04-03T10:00:00", "null"):
        answers.write_text(EVENT_ANSWERS + f"events: {{manager-told: {value}}}\n")
        result = runner.invoke(cli.app, ["triage", "--answers", str(answers)])
        assert result.exit_code == 2, (value, result.output)
        assert result.output == (
            f"routewise: error: {answers}:4: events.manager-told: expected a date as "
            "YYYY-MM-DD or DD/MM/YYYY (day first), for example 2026-12-21 or 21/12/2026\n"
        ), value


def test_broken_flow_file_exits_2_without_traceback(flows_copy: Path) -> None:
    """A broken file in a folder: the route it defines never runs, the others still do."""
    (flows_copy / "member-information-request.yaml").write_text("id: [unclosed\n")
    env = {"ROUTEWISE_FLOWS": str(flows_copy)}
    result = runner.invoke(cli.app, ["triage", "--route", "member-information-request"], env=env)
    assert result.exit_code == 2
    assert result.output.startswith("routewise: error: ") and result.output.count("\n") == 1
    assert "member-information-request.yaml:" in result.output and "not valid YAML" in result.output
    assert "Traceback" not in result.output
    listed = runner.invoke(cli.app, ["routes", "--format", "json"], env=env)
    assert listed.exit_code == 2  # listing checks: what still runs is listed, then one error
    (line,) = listed.stderr.splitlines()
    assert line.startswith("routewise: error: ") and "not valid YAML" in line
    assert line.endswith("not listed: member-information-request")
    ids = [row["id"] for row in json.loads(listed.stdout)]
    assert "member-information-request" not in ids and "officer-member-dispute" in ids


def test_markdown_output_escapes_user_text(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--answers",
            str(ANSWERS / "public-criticism-genuine.yaml"),
            "--output",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "Facebook post \\[bold\\]x\\[/bold\\]" in text
    assert "[bold]x" not in text
    assert target.stat().st_mode & 0o777 == 0o600


def test_markdown_structure() -> None:
    result = runner.invoke(
        cli.app,
        ["triage", "--answers", str(ANSWERS / "information-provided.yaml"), "--format", "markdown"],
    )
    text = result.output
    assert text.startswith("# Action plan: A member's request for information\n")
    assert "- **Date raised:** Mon 21 Dec 2026" in text
    assert "| Can the information be provided? | Yes: now, or by a stated time |" in text
    assert "2. **Acknowledge the request" in text
    assert "   - By: within 5 working days: by Wed 30 Dec 2026 (this date has passed)[^2]" in text
    assert "[^2]: Counted from Mon 21 Dec 2026 (day 0)" in text
    assert "## Sources" in text


def test_escape_codes_in_answers_are_shown_not_run(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "route: member-criticises-member\nraised: 2026-12-21\n"
        'answers: {where: outside-meeting, channel: "\\e[31mred\\e[0m", member-post: none, '
        "criticised-member-post: none}\n"
    )
    result = runner.invoke(cli.app, ["triage", "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    assert "\x1b[31m" not in result.output
    assert "\\x1b[31mred" in result.output


def test_existing_output_is_not_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("earlier work")
    args = [
        "triage",
        "--answers",
        str(ANSWERS / "information-provided.yaml"),
        "--output",
        str(target),
    ]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    assert target.read_text() == "earlier work"
    assert runner.invoke(cli.app, [*args, "--force"]).exit_code == 0
    assert target.read_text().startswith("# Action plan")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]  # no temporary files left behind


def test_why_shows_each_skipped_day() -> None:
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--answers",
            str(ANSWERS / "dispute-officer-met.yaml"),
            "--why",
            "--event",
            "manager-told=2026-04-02",
        ],
    )
    out = flat(result.output)
    assert "Counted: From Thu 2 Apr 2026 (day 0)" in out and "Counted: Counted" not in out
    assert "Mon 6 Apr 2026 (bank holiday: Easter Monday)" in out
    assert "Calendar day 2 is Sat 4 Apr 2026" in out
    assert "so the date moves to Tue 7 Apr 2026" in out


def test_unwritable_output_is_one_line_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "plan.md"
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--answers",
            str(ANSWERS / "information-provided.yaml"),
            "--output",
            str(target),
        ],
    )
    assert result.exit_code == 2
    assert f"{target}: No such file or directory; nothing was written." in result.output
    assert "Traceback" not in result.output


def test_explain_says_who_is_who_for_the_roles_the_route_names() -> None:
    result = runner.invoke(
        cli.app, ["explain", "officer-concern-about-member"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    who = " ".join(result.output.split("Who is who")[1].split())
    assert "The Monitoring Officer: The Monitoring Officer is the officer who" in who
    assert "The member's Group Leader:" in who
    assert "Leader of the Council:" not in who.split("Not the same as")[0]  # not on this route


def test_a_right_to_left_override_is_escaped_in_every_output(tmp_path: Path) -> None:
    """Typed text reaches the terminal, markdown, calendar and JSON with its bidirectional
    controls as escapes, never raw (issue 16, 3.10)."""
    args = ["triage", "--route", "member-criticises-member", "--raised", "2026-12-21"]
    args += ["--answer", "member-post=none", "--answer", "criticised-member-post=none"]
    args += ["--answer", "where=outside-meeting", "--answer", "channel=evil\u202egpj.exe"]
    for fmt in ("rich", "markdown", "json"):
        result = runner.invoke(cli.app, [*args, "--format", fmt], env={"COLUMNS": "100"})
        assert result.exit_code == 0, result.output
        assert "\u202e" not in result.output, fmt
        assert "u202egpj.exe" in result.output, fmt  # the escape, shown as text
    ics = tmp_path / "plan.ics"
    result = runner.invoke(cli.app, [*args, "--output", str(ics)])
    assert result.exit_code == 0, result.output
    assert "\u202e" not in ics.read_text(encoding="utf-8")
    # --case names a case in the register (issue 19): a reference is refused with one.
    result = runner.invoke(cli.app, [*args, "--output", str(ics), "--force", "--case", "x\u202ey"])
    assert result.exit_code == 2 and "\u202e" not in result.output
    assert "holds a control character (\\u202e)" in result.output
