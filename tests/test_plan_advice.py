"""The plan's advice as a careful officer reads it (issue 15): what is next, how firm each
date is, every reading flagged, no invented contact, and one wording for plan and chart.

Each test runs `triage` on the shipped routes, in the formats the item concerns.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from routewise.cli import app as cli
from routewise.commands import common
from tests.paths import ANSWERS

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: False)


def flat(text: str) -> str:
    return " ".join(text.split())


def triage(*args: str, output_format: str = "markdown") -> str:
    """A plan from the command line, as printed."""
    result = runner.invoke(
        cli.app, ["triage", *args, "--format", output_format], env={"COLUMNS": "100"}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def plan_json(*args: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(triage(*args, output_format="json"))
    return loaded


def calendar_events(tmp_path: Path, *args: str) -> list[Any]:
    target = tmp_path / "plan.ics"
    result = runner.invoke(
        cli.app, ["triage", *args, "--format", "ics", "--output", str(target), "--force"]
    )
    assert result.exit_code == 0, result.output
    return list(Calendar.from_ical(target.read_text(encoding="utf-8")).walk("VEVENT"))


# --- 2. "ideally" is shown wherever the date is ---------------------------------------------

DISPUTE_TOLD = (
    "--answers",
    str(ANSWERS / "dispute-officer-not-met.yaml"),
    "--event",
    "manager-told=2026-04-02",
)


@pytest.fixture
def on_the_day_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plans made on the day the matter was raised, when no date has passed yet (a date that
    has passed says so: tests/test_plan_review.py)."""
    monkeypatch.setenv("ROUTEWISE_TODAY", "2026-04-02")


@pytest.mark.usefixtures("on_the_day_raised")
def test_an_ideal_date_says_ideally_in_the_timeline_and_the_step() -> None:
    markdown = triage(*DISPUTE_TOLD)
    timeline = markdown.split("## Timeline", 1)[1].split("## ", 1)[0]
    assert "**ideally by Tue 7 Apr 2026** \u2014 step 4: Convene a meeting" in timeline
    assert "By: ideally within 2 days: ideally by Tue 7 Apr 2026" in markdown
    rich = flat(triage(*DISPUTE_TOLD, output_format="rich"))
    assert "ideally by Tue 7 Apr 2026 \u2014 step 4: Convene a meeting" in rich
    assert "By: ideally within 2 days: ideally by Tue 7 Apr 2026" in rich


@pytest.mark.usefixtures("on_the_day_raised")
def test_an_ideal_date_is_data_in_the_json_plan() -> None:
    steps = {s["id"]: s for s in plan_json(*DISPUTE_TOLD)["steps"]}
    meeting = steps["meeting"]["deadline"]
    assert meeting["firmness"] == "ideally"
    assert meeting["text"] == "ideally within 2 days: ideally by Tue 7 Apr 2026"
    assert all(
        s["deadline"]["firmness"] == "firm"
        for s in steps.values()
        if s["deadline"] and s["id"] != "meeting"
    )


@pytest.mark.usefixtures("on_the_day_raised")
def test_the_calendar_event_and_its_reminder_say_ideally(tmp_path: Path) -> None:
    (event,) = calendar_events(tmp_path, *DISPUTE_TOLD)
    assert "step 4 (shall), ideally by Tue 7 Apr 2026: Convene a meeting" in str(event["summary"])
    (alarm,) = event.walk("VALARM")
    assert str(alarm["description"]).startswith("Due ideally by Tue 7 Apr 2026: Convene")
    description = str(event["description"])
    assert "- ideally by Tue 7 Apr 2026 \u2014 step 4: Convene a meeting" in description


def test_a_firm_date_keeps_its_plain_wording(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROUTEWISE_TODAY", "2026-12-21")  # the day raised: nothing passed yet
    (event,) = calendar_events(tmp_path, "--answers", str(ANSWERS / "information-provided.yaml"))
    assert "ideally" not in str(event["summary"]) + str(event["description"])
    (alarm,) = event.walk("VALARM")
    assert str(alarm["description"]).startswith("Due Wed 30 Dec 2026: Acknowledge")


# --- 1. "Next" is the first step still to do ------------------------------------------------

INFORMATION = ("--answers", str(ANSWERS / "information-provided.yaml"))


@pytest.mark.parametrize(
    ("answers", "done", "next_words"),
    [
        (
            "information-provided.yaml",
            "Ask for the information.",
            "Next: the relevant Group Leader, Cabinet Member or officer: Acknowledge the request",
        ),
        (
            "member-concern-officer.yaml",
            "Raise the concern about the officer's performance or behaviour.",
            "Next: the officer's Head of Service: If the concern cannot be resolved, escalate",
        ),
        (
            "officer-concern-officer.yaml",
            "Raise the concern about the member's conduct.",
            "Next: the officer's Head of Service: Discuss the concern with the member.",
        ),
    ],
)
def test_the_step_the_date_raised_stands_for_is_done_and_next_is_the_one_after(
    answers: str, done: str, next_words: str
) -> None:
    args = ("--answers", str(ANSWERS / answers))
    plan = plan_json(*args)
    first = plan["steps"][0]
    assert (
        first["done"] == {"date": plan["raised"], "reason": "the date raised", "event": None}
        and first["action"] == done
    )
    assert all(s["done"] is None for s in plan["steps"][1:])
    day = plan["raised"]
    rich = flat(triage(*args, output_format="rich"))
    assert next_words in rich and f"Next: {first['actor']['wording']}:" not in rich
    assert f"Done: {_day(day)} (the date raised)" in rich
    assert f"Timeline done {_day(day)} \u2014 step 1: {done}" in rich
    markdown = triage(*args)
    assert f"   - Done: {_day(day)} (the date raised)" in markdown
    assert f"- **done {_day(day)}** \u2014 step 1: {done}" in markdown
    assert flat(next_words.replace("Next:", "**Next:**")) in flat(markdown)


def _day(iso: str) -> str:
    from datetime import date

    from routewise.calendar.working_days import format_day

    return format_day(date.fromisoformat(iso))


def test_the_calendar_file_s_next_line_and_timeline_follow_the_done_step(tmp_path: Path) -> None:
    (event,) = calendar_events(tmp_path, *INFORMATION)
    description = flat(str(event["description"]))
    assert "Next: the relevant Group Leader, Cabinet Member or officer: Acknowledge" in description
    assert "- done Mon 21 Dec 2026 \u2014 step 1: Ask for the information." in description


def test_a_stand_in_rung_that_takes_the_first_raising_is_the_step_done() -> None:
    """The officer is a Head of Service: the member raises it first with the Director, on
    the date raised; Next is the step after."""
    plan = plan_json("--answers", str(ANSWERS / "member-concern-head-of-service.yaml"))
    first = plan["steps"][0]
    assert first["done"] == {"date": plan["raised"], "reason": "the date raised", "event": None}
    assert first["contacts"][0]["wording"] == "the officer's Director"


def test_a_route_whose_date_raised_is_no_step_keeps_step_one_next() -> None:
    plan = plan_json("--answers", str(ANSWERS / "dispute-officer-met.yaml"))
    assert all(s["done"] is None for s in plan["steps"])
    assert "**Next:** either party: If the difference cannot be resolved, report it." in triage(
        "--answers", str(ANSWERS / "dispute-officer-met.yaml")
    )


def test_a_done_step_gets_no_calendar_event_or_reminder() -> None:
    """A step already done needs no reminder, even one with a time limit of its own."""
    from datetime import date

    from routewise.calendar.working_days import WorkingCalendar
    from routewise.engine.assemble import build_plan
    from routewise.render import ics as render_ics
    from tests.inline import catalogue, route, step

    five = {"rule": "working-days", "count": 5, "wording": "within 5 working days"}
    steps = [step("ask", "member", deadline=five), step("reply", "anyone", deadline=five)]
    cat = catalogue(route(steps, raised_step="ask"))
    answers = {"officer-post": "officer", "member-post": ()}
    plan = build_plan(cat, cat.routes["test-route"], answers, date(2026, 12, 21), WorkingCalendar())
    events = list(Calendar.from_ical(render_ics.render(plan)).walk("VEVENT"))
    assert [str(e["summary"]).split(": ", 1)[1] for e in events] == ["Do reply."]


# --- 8. Smaller wording defects ---------------------------------------------------------------

ALL_ANSWERS = sorted(p for p in ANSWERS.glob("*.yaml"))


@pytest.mark.parametrize("path", ALL_ANSWERS, ids=lambda p: p.stem)
def test_no_label_repeats_its_first_word(path: Path) -> None:
    """ "By: by Wed 9 Dec 2026" and "Counted: Counted from" read as typing slips."""
    import re

    route = path.read_text(encoding="utf-8").split("route: ", 1)[1].split()[0]
    events = {"officer-member-dispute": "manager-told"}.get(route, "outcome")
    args = ["--answers", str(path)]
    if route not in ("member-information-request", "member-criticises-member") and (
        "public" not in route
    ):
        args += ["--event", f"{events}=2027-01-04"]
    for text in (triage(*args, "--why", output_format="rich"), triage(*args)):
        doubled = re.findall(r"\b(\w+):\**\s+\1\b", text, flags=re.IGNORECASE)
        assert doubled == []


def test_the_information_choice_keeps_legitimate(catalogue: Any) -> None:
    choice = next(c for c in catalogue.triage.question.choices if c.id == "information")
    assert choice.label.startswith("A member needs legitimate information")


def test_help_names_only_choices_that_exist(catalogue: Any) -> None:
    """A help text that says 'use "…"' must name a choice exactly as the question shows it."""
    import re

    question = catalogue.triage.question
    labels = {c.label for c in question.choices}
    for text in [question.help or "", *(c.help or "" for c in question.choices)]:
        for named in re.findall(r"use \u201c([^\u201d]+)\u201d|use \"([^\"]+)\"", text):
            assert "".join(named) in labels, named


def test_the_first_question_s_own_advice_is_marked_as_routewise_s(catalogue: Any) -> None:
    help_text = flat(catalogue.triage.question.help or "")
    advice = "the dispute procedure is usually the one"
    assert f"{advice} (general advice from routewise, not from the documents)" in help_text


def test_no_stale_whichever_note_when_only_the_director_is_left() -> None:
    for name in ("unprofessional-head-of-service.yaml", "unprofessional-officer.yaml"):
        text = flat(triage("--answers", str(ANSWERS / name), output_format="rich"))
        assert "Whichever of them" not in text
        assert "Note: This is the manager the member took the matter to." in text


# --- 3. Every reading chosen is flagged as a reading ------------------------------------------


def notes_of(plan: dict[str, Any], kind: str) -> list[str]:
    return [n["text"] for n in plan["notes"] if n["kind"] == kind]


@pytest.mark.parametrize("answers", ["member-concern-officer.yaml", "officer-concern-officer.yaml"])
def test_the_appropriate_member_is_worded_alike_on_both_general_concern_routes(
    answers: str,
) -> None:
    args = ("--answers", str(ANSWERS / answers))
    step = next(s for s in plan_json(*args)["steps"] if s["id"] == "raise-with-member")
    roles = [m["role"] for g in step["contacts"] for m in json_members(g)]
    assert "appropriate-member" in roles and "member" not in roles
    rich = flat(triage(*args, output_format="rich"))
    assert "the appropriate member (the document does not say which)" in rich
    assert 'The document does not say who "the appropriate member" is' in rich


def json_members(group: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for member in group["members"]:
        found.extend(member if isinstance(member, list) else [member])
    return found


@pytest.mark.parametrize(
    ("answers", "whose"),
    [
        ("member-concern-officer.yaml", "the Group Leader of the member who raised the concern"),
        ("officer-concern-officer.yaml", "the Group Leader of the member the concern is about"),
    ],
)
def test_whose_group_leader_is_flagged_as_a_reading(answers: str, whose: str) -> None:
    args = ("--answers", str(ANSWERS / answers))
    readings = notes_of(plan_json(*args), "reading")
    assert any('says "the Group Leader"' in n and f"reads it as {whose}" in n for n in readings)
    markdown = flat(triage(*args))
    assert "**How routewise reads the document:** The document says" in markdown
    assert whose in markdown


@pytest.mark.parametrize(
    ("answers", "reached"),
    [
        ("member-concern-officer.yaml", "the Chief Executive"),
        ("officer-concern-officer.yaml", "the Monitoring Officer or the Chief Executive"),
    ],
)
def test_who_raises_it_with_the_member_is_a_reading_not_a_fact(answers: str, reached: str) -> None:
    plan = plan_json("--answers", str(ANSWERS / answers))
    step = next(s for s in plan["steps"] if s["id"] == "raise-with-member")
    assert step["note"].startswith(
        f"routewise's reading: this comes only once the concern has been escalated to {reached}"
    )
    assert "(only once" not in step["action"]
    assert any(
        '"who' in n and "could also mean the Director" in n for n in notes_of(plan, "reading")
    )


@pytest.mark.parametrize(
    "answers",
    [
        "public-criticism-genuine.yaml",
        "public-criticism-unwarranted.yaml",
        "public-criticism-not-yet-known.yaml",
    ],
)
def test_the_challenge_and_the_officer_raising_it_may_be_side_by_side(answers: str) -> None:
    args = ("--answers", str(ANSWERS / answers))
    plan = plan_json(*args)
    assert any("side by side" in n for n in notes_of(plan, "reading"))
    assert any(
        "does not say what the officer's Head of Service or Director does" in n
        for n in notes_of(plan, "ambiguity")
    )
    raise_step = next(s for s in plan["steps"] if s["id"] == "raise")
    assert "side by side" in raise_step["note"]
    assert "they may happen side by side" in flat(triage(*args, output_format="rich"))


# --- 5. No invented contact ------------------------------------------------------------------


def test_outside_a_meeting_the_plan_names_no_contact_the_document_does_not() -> None:
    args = ("--answers", str(ANSWERS / "member-criticism-outside-meeting.yaml"))
    deal = next(s for s in plan_json(*args)["steps"] if s["id"] == "deal")
    assert deal["contacts"] == []
    markdown = triage(*args)
    step = markdown.split("**Deal with the matter.**", 1)[1].split("\n2. ", 1)[0]
    assert "Contact" not in step


# --- 4. Member criticises member in a meeting: the follow-ups are steps that may follow -------

IN_MEETING = ("--answers", str(ANSWERS / "member-criticism-in-meeting.yaml"))


def test_in_a_meeting_the_apology_training_and_referral_may_follow() -> None:
    plan = plan_json(*IN_MEETING)
    steps = {s["id"]: s for s in plan["steps"]}
    assert list(steps) == ["chair-challenges", "ask-apology", "training", "refer"]
    assert steps["chair-challenges"]["may_follow"] is None
    for step_id in ("ask-apology", "training", "refer"):
        assert (
            "does not say whether it also follows a challenge in a meeting"
            in (steps[step_id]["may_follow"])
        )
    refer = [g["wording"] for g in steps["refer"]["contacts"]]
    assert refer[0] == "the Standards Committee, as deemed appropriate"
    assert any("no next step" in n and "apologise" in n for n in notes_of(plan, "ambiguity"))
    markdown = triage(*IN_MEETING)
    assert "2. **Ask the member who made the criticism to apologise publicly" in markdown
    assert "same channel the criticism was made.** (may follow)" in markdown
    assert "   - May follow: The document lists this after criticism made outside" in markdown
    rich = flat(triage(*IN_MEETING, output_format="rich"))
    assert "3. Seek training on the content of the member-officer protocol. [may follow]" in rich
    assert "gives no next step if the member who made the criticism does not apologise" in rich


def test_where_is_asked_before_the_posts(catalogue: Any) -> None:
    explained = json.loads(
        runner.invoke(cli.app, ["explain", "member-criticises-member", "--format", "json"]).stdout
    )
    assert explained["start"] == "where"
    where = next(q for q in explained["questions"] if q["id"] == "where")
    assert [c["next"] for c in where["choices"]] == ["member-post", "channel"]


def test_answers_files_from_before_keep_working_on_both_branches() -> None:
    outside = plan_json("--answers", str(ANSWERS / "member-criticism-outside-group-leader.yaml"))
    asked = {a["question"]: a["choice"] for a in outside["answers"]}
    assert asked["outside-member-post"] == ["group-leader"]
    deal = next(s for s in outside["steps"] if s["id"] == "deal")
    assert "other Political Groups" in deal["actor"]["wording"]
    inside = plan_json("--answers", str(ANSWERS / "member-criticism-in-meeting-chair.yaml"))
    assert {a["question"]: a["choice"] for a in inside["answers"]}["member-post"] == ["chair"]


# --- 6. A stand-in says why in its own step ----------------------------------------------------


def step_block(text: str, number: int) -> str:
    """One step of a terminal or markdown plan, from its number to the next step."""
    after = text.split("\nSteps\n", 1)[-1].split("## Steps\n", 1)[-1]
    start = after.index(f"\n{number}. ") if not after.startswith(f"{number}. ") else 0
    rest = after[start + 1 :]
    end = rest.find(f"\n{number + 1}. ")
    return flat(rest if end < 0 else rest[:end])


@pytest.mark.parametrize(
    ("answers", "number", "duty"),
    [
        ("member-concern-head-of-service.yaml", 3, "will"),
        ("officer-concern-head-of-service.yaml", 3, "can"),
    ],
)
def test_a_stand_in_step_says_why_in_the_step(answers: str, number: int, duty: str) -> None:
    """Who escalates once the Head of Service is a party is routewise's reading, said in the
    step (review of issue 15, item 1: never the one who raised it)."""
    args = ("--answers", str(ANSWERS / answers))
    who = "the officer's Director (routewise's reading: the document does not say who)"
    why = (
        f"The document names the officer's Head of Service to do this (its word: \u201c{duty}"
        "\u201d), and does not say who does when they are ruled out: routewise reads it as the "
        "officer's Director, who now holds the matter; ask the Monitoring Officer (the step "
        "marked as general advice). Why: the officer holds the post \u201cA Head of Service"
        "\u201d, so the officer's Head of Service would be the officer themself."
    )
    rich = step_block(triage(*args, output_format="rich"), number)
    assert f"Who: {who}" in rich and f"Changed: {why}" in rich
    markdown = step_block(triage(*args), number)
    assert f"- Changed: {why}" in markdown
    plan = plan_json(*args)
    stands_in = next(a for a in plan["adjustments"] if a["kind"] == "stands-in")
    assert stands_in["step"] == plan["steps"][number - 1]["id"] and stands_in["text"] == why


# --- 8. "Why this plan differs" says each change once, in plain words ---------------------------


def test_why_this_plan_differs_says_each_post_once_and_each_change_once() -> None:
    args = ("--answers", str(ANSWERS / "officer-concern-chief-executive.yaml"))
    rich = triage(*args, output_format="rich")
    section = flat(rich.split("Why this plan differs from the route as written", 1)[1]).split(
        " Notes "
    )[0]
    assert section.startswith(
        "The officer holds the post \u201cThe Chief Executive\u201d, which is senior to the "
        "officer's Head of Service and the officer's Director, so the Chief Executive would be "
        "a party to the matter. - Step 1: The officer raises it first with the Monitoring "
        "Officer, instead of the officer's Head of Service or the officer's Director."
    )
    assert section.count("holds the post") == 1
    bullets = section.split(" - ")[1:]
    assert len(bullets) == len(set(bullets)) == len(plan_json(*args)["adjustments"]) == 6
    markdown = triage(*args).split("## Why this plan differs from the route as written", 1)[1]
    assert markdown.split("## Notes", 1)[0].count("holds the post") == 1
    assert "- **Step 1:** The officer raises it first with the Monitoring Officer" in markdown


# --- 7. The chart says what the plan says ------------------------------------------------------


def chart_of(markdown: str) -> str:
    return markdown.split("```mermaid\n", 1)[1].split("```", 1)[0]


def mermaid_text(text: str) -> str:
    from routewise.render.diagram import mermaid_label

    return mermaid_label((text,))[1:-1]  # one line of a step's box: cut only when very long


def taken_labels(chart: str) -> list[str]:
    """The labels of the highlighted step boxes, in order."""
    taken = next(line for line in chart.splitlines() if line.strip().startswith("class "))
    ids = taken.split()[1].split(",")
    boxes = {
        line.split("[", 1)[0].strip(): line.split('["', 1)[1].rsplit('"]', 1)[0]
        for line in chart.splitlines()
        if line.strip().startswith("S") and '["' in line
    }
    return [boxes[i] for i in ids if i in boxes]


@pytest.mark.parametrize("path", ALL_ANSWERS, ids=lambda p: p.stem)
def test_every_step_of_the_path_taken_is_worded_as_the_plan_words_it(path: Path) -> None:
    args = ("--answers", str(path))
    plan = plan_json(*args)
    chart = chart_of(triage(*args))
    labels = taken_labels(chart)
    assert len(labels) == len(plan["steps"])
    for label, step in zip(labels, plan["steps"], strict=True):
        who = f"{step['number']}. {step['actor']['wording']}:"
        assert label.startswith(mermaid_text(who)), (label, who)
        for group in step["contacts"]:
            assert mermaid_text(group["wording"]) in label, (label, group["wording"])


def test_the_chart_keeps_either_or_where_the_plan_says_it() -> None:
    args = ("--answers", str(ANSWERS / "member-criticism-outside-meeting.yaml"))
    deal = next(s for s in plan_json(*args)["steps"] if s["id"] == "deal")
    wording = deal["actor"]["wording"]
    assert wording.endswith("and/or (either the Chief Executive, or the Monitoring Officer)")
    chart = chart_of(triage(*args))
    assert "and/or the Chief Executive and/or" not in chart
    assert mermaid_text(f"1. {wording}:") in taken_labels(chart)[0]
    route_chart = runner.invoke(
        cli.app, ["explain", "member-criticises-member", "--format", "mermaid"]
    ).stdout
    assert "and/or the Chief Executive and/or" not in route_chart
    assert "either the Chief Executive, or the Monitoring Officer" in route_chart


def test_the_chart_of_a_plan_shows_the_advice_where_the_chief_executive_is_a_party() -> None:
    chart = chart_of(triage("--answers", str(ANSWERS / "dispute-chief-executive.yaml")))
    labels = taken_labels(chart)
    assert not any("the Chief Executive and the Leader of the Council" in label for label in labels)
    assert any(
        label.startswith("2. you:<br/>Ask the Monitoring Officer") and "general advice" in label
        for label in labels
    )


def test_the_chart_names_the_stand_in_the_plan_names(tmp_path: Path) -> None:
    """A council's folder names the Mayor to stand in for a member's Group Leader: the plan's
    steps and the chart's highlighted path both say the Mayor."""
    folder = tmp_path / "flows"
    folder.mkdir()
    (folder / "roles.yaml").write_text(
        "roles:\n"
        "  - {id: mayor, title: the Mayor}\n"
        "  - id: group-leader\n"
        "    title: the member's Group Leader\n"
        "    post: group-leader\n"
        "    of: member\n"
        "    stand_in: mayor\n",
        encoding="utf-8",
    )
    args = ("--flows", str(folder), "--answers", str(ANSWERS / "officer-concern-group-leader.yaml"))
    plan = plan_json(*args)
    named = {m["role"] for s in plan["steps"] for g in s["contacts"] for m in json_members(g)}
    assert "mayor" in named and "group-leader" not in named
    labels = taken_labels(chart_of(triage(*args)))
    assert any("<br/>the Mayor, if necessary" in label for label in labels)
    assert not any("the member's Group Leader, if necessary" in label for label in labels)


def test_a_route_chart_uses_the_council_s_titles(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[titles]\nchief-executive = "the Head of Paid Service"\n', encoding="utf-8")
    chart = runner.invoke(
        cli.app,
        ["explain", "officer-member-dispute", "--format", "mermaid", "--config", str(config)],
    ).stdout
    boxes = [line for line in chart.splitlines() if line.strip().startswith("S")]
    assert any("the Head of Paid Service" in box for box in boxes)
    assert not any("the Chief Executive" in box for box in boxes)
