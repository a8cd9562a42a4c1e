"""The plan's advice after an independent review of issue 15 (every answer combination of
the built-in routes checked against the two source documents): who escalates when a manager
is a party, steps a later date shows done, dates that have passed, people kept when one of
two named together is a party, the documents' order, duty words, reasons and citations.

Each test runs `triage` on the shipped routes, in the formats the item concerns.
"""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from typer.testing import CliRunner

from routewise.cli import app as cli
from routewise.commands import common

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: False)


def flat(text: str) -> str:
    return " ".join(text.split())


def triage(route: str, *args: str, output_format: str = "markdown", **answers: str) -> str:
    """A plan from the command line, as printed: `answers` by question id (`_` for `-`)."""
    given = [f"--answer={k.replace('_', '-')}={v}" for k, v in answers.items()]
    result = runner.invoke(
        cli.app,
        ["triage", "--route", route, *given, *args, "--format", output_format],
        env={"COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def plan_json(route: str, *args: str, **answers: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(triage(route, *args, output_format="json", **answers))
    return loaded


def steps_of(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in plan["steps"]}


def in_short(route_id: str, answers: dict[str, Any], **events: date) -> str:
    """The terminal plan with "In short" at its end, as the wizard prints it."""
    from rich.console import Console

    from routewise.calendar.working_days import WorkingCalendar
    from routewise.engine.assemble import build_plan
    from routewise.flows.loader import load_catalogue
    from routewise.flows.locations import default_flows_dir
    from routewise.render.terminal import render_plan

    catalogue = load_catalogue(default_flows_dir())
    route = catalogue.routes[route_id]
    plan = build_plan(
        catalogue, route, answers, date(2027, 1, 11), WorkingCalendar(), events=events
    )
    out = io.StringIO()
    render_plan(plan, Console(file=out, width=100, color_system=None), plain=True, recap=True)
    return out.getvalue()


DISPUTE = "officer-member-dispute"
RAISED = ("--raised", "2027-01-11")


# --- 4. The Chief Executive is a party: who involves the Leader is not said -------------


def test_involving_the_leader_names_no_party_the_document_does_not_name() -> None:
    plan = plan_json(
        DISPUTE, *RAISED, already_met="yes", officer_post="chief-executive", member_post="none"
    )
    involve = steps_of(plan)["involve-leader"]
    assert involve["actor"]["wording"] == (
        "whoever is dealing with the matter (the document does not say who)"
    )
    assert "either party" not in json.dumps(involve)


# --- 7. A Team Manager who is a party does not convene their own meeting -----------------


def test_the_manager_who_convenes_the_meeting_is_not_the_officer_in_the_dispute() -> None:
    markdown = flat(
        triage(DISPUTE, *RAISED, already_met="yes", officer_post="officer", member_post="none")
    )
    meeting = markdown.split("**Convene a meeting", 1)[1].split("Source:", 1)[0]
    assert (
        "Note: routewise's reading: this must not be the officer in the dispute, so if that "
        "officer is a Team Manager it is their Head of Service" in meeting
    )


# --- 10. Citations: each note cites the paragraph its content is from ---------------------


def test_the_grievance_rights_note_cites_the_introduction() -> None:
    plan = plan_json(
        DISPUTE, *RAISED, already_met="yes", officer_post="officer", member_post="none"
    )
    cited = {
        (n["source"]["section"], n["source"]["paragraph"])
        for n in plan["notes"]
        if n["kind"] == "procedures"
    }
    assert cited == {("The procedure", "2"), ("Introduction", "1")}
    rights = next(n for n in plan["notes"] if "right to start" in n["text"])
    assert rights["source"]["section"] == "Introduction"


# --- 11. The document's "/" between two Directors is flagged as a reading -----------------


def test_the_slash_between_the_two_directors_is_a_reading() -> None:
    markdown = flat(
        triage(
            DISPUTE, *RAISED, already_met="yes", officer_post="head-of-service", member_post="none"
        )
    )
    assert (
        '**How routewise reads the document:** The document names "the Strategic Director of '
        'Place/Director of Housing and Customer Services or Chief Executive"' in markdown
    )
    assert 'keeps the "/" as written and reads it as either of those two Directors' in markdown


# --- 12. The training step may follow on every branch the document leaves it unclear -----

PUBLIC = "member-criticises-officer-in-public"


@pytest.mark.parametrize("concern", ["genuine", "not-yet-known"])
@pytest.mark.parametrize("post", ["officer", "director"])
def test_training_is_a_step_that_may_follow_where_the_document_is_unclear(
    concern: str, post: str
) -> None:
    plan = plan_json(PUBLIC, *RAISED, channel="x", officer_post=post, concern=concern)
    training = steps_of(plan)["training"]
    assert training["may_follow"] and training["duty"] == "is required to"
    assert (
        "does not say whether it also applies when the concern is genuine"
        in (training["may_follow"])
    )
    markdown = triage(PUBLIC, *RAISED, channel="x", officer_post=post, concern=concern)
    assert "**Seek training on the content of the member-officer protocol.** (may follow)" in (
        markdown
    )


def test_training_is_required_outright_where_the_criticism_was_unwarranted() -> None:
    plan = plan_json(PUBLIC, *RAISED, channel="x", officer_post="officer", concern="unwarranted")
    assert steps_of(plan)["training"]["may_follow"] is None


# --- 8. Next, In short and the calendar keep the step's duty word -------------------------

OFFICER_CONCERN = "officer-concern-about-member"


def test_next_and_in_short_carry_the_duty_word() -> None:
    rich = flat(
        triage(
            OFFICER_CONCERN,
            *RAISED,
            officer_post="officer",
            member_post="none",
            output_format="rich",
        )
    )
    next_line = (
        "Next: the officer's Head of Service: Discuss the concern with the member. Duty: can "
        "(the document's word). Contact: the member."
    )
    assert next_line in rich
    assert (
        flat(in_short(OFFICER_CONCERN, {"officer-post": "officer", "member-post": ()})).count(
            next_line
        )
        == 2
    )  # Next, and again in "In short"
    markdown = flat(triage(OFFICER_CONCERN, *RAISED, officer_post="officer", member_post="none"))
    assert (
        "**Next:** the officer's Head of Service: Discuss the concern with the member. "
        "**Duty:** can (the document's word). **Contact:** the member." in markdown
    )
    outside = flat(
        triage(
            "member-criticises-member",
            *RAISED,
            where="outside-meeting",
            channel="x",
            outside_member_post="none",
            outside_criticised_member_post="none",
        )
    )
    assert "Deal with the matter. **Duty:** should (the document's word)." in outside


def test_the_calendar_summary_and_its_next_line_carry_the_duty_word(tmp_path: Any) -> None:
    from icalendar import Calendar

    target = tmp_path / "plan.ics"
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--route",
            OFFICER_CONCERN,
            "--answer=officer-post=officer",
            "--answer=member-post=none",
            *RAISED,
            "--event",
            "outcome=2027-01-13",
            "--output",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    (event,) = Calendar.from_ical(target.read_text(encoding="utf-8")).walk("VEVENT")
    assert str(event["summary"]).endswith("step 7 (should): Give feedback on the outcome.")
    assert "Duty: can (the document's word)" in flat(str(event["description"]))


def test_a_step_joining_two_paragraphs_cites_both() -> None:
    plan = plan_json("member-information-request", *RAISED, can_provide="not-yet-known")
    source = steps_of(plan)["acknowledge"]["source"]
    assert (source["paragraph"], source["also"]) == ("2", ["3"])
    markdown = triage("member-information-request", *RAISED, can_provide="not-yet-known")
    assert "ruling Group or officers\u201d, \u00b6\u00a02 and 3\n" in markdown
    assert [s["paragraph"] for s in plan["sources"]] == [None, "1", "2", "3"]


@pytest.mark.parametrize("output_format", ["markdown", "rich"])
def test_the_sources_give_each_document_s_full_title(output_format: str) -> None:
    for route, answers in [
        (DISPUTE, {"already_met": "yes", "officer_post": "officer", "member_post": "none"}),
        ("member-information-request", {"can_provide": "yes"}),
    ]:
        text = flat(triage(route, *RAISED, output_format=output_format, **answers))
        sources = text.rsplit("Sources", 1)[1]
        title = (
            "North West Leicestershire District Council Constitution, part 5.6"
            if route == DISPUTE
            else "Member / Officer - Routes to Resolution"
        )
        assert title in sources
        steps = text.split("Steps", 1)[1].split("Sources", 1)[0]
        assert title not in steps  # each step keeps the short citation


# --- 3. A date before the day the plan is made says it has passed -------------------------

INFORMATION = "member-information-request"
WEEKS_AGO = ("--raised", "2026-11-18")  # the tests' today is Fri 15 Jan 2027
PASSED = "Wed 25 Nov 2026 (this date has passed)"


def test_a_date_that_has_passed_says_so_wherever_it_is_shown() -> None:
    rich = flat(triage(INFORMATION, *WEEKS_AGO, can_provide="yes", output_format="rich"))
    assert f"When: within 5 working days: by {PASSED}." in rich  # Next
    assert f"{PASSED} \u2014 step 2: Acknowledge" in rich  # the timeline
    assert f"By: within 5 working days: by {PASSED}" in rich  # the step
    assert "Plan made: Fri 15 Jan 2027" in rich
    markdown = triage(INFORMATION, *WEEKS_AGO, can_provide="yes")
    assert f"**When:** within 5 working days: by {PASSED}." in markdown
    assert f"- **{PASSED}** \u2014 step 2: Acknowledge" in markdown
    assert f"   - By: within 5 working days: by {PASSED}[^2]" in markdown
    assert "- **Plan made:** Fri 15 Jan 2027" in markdown
    plan = plan_json(INFORMATION, *WEEKS_AGO, can_provide="yes")
    assert plan["made_on"] == "2027-01-15"
    assert steps_of(plan)["acknowledge"]["deadline"]["passed"] is True


def test_a_date_still_to_come_is_not_marked() -> None:
    plan = plan_json(INFORMATION, *RAISED, can_provide="yes")
    deadline = steps_of(plan)["acknowledge"]["deadline"]
    assert deadline["date"] == "2027-01-18" and deadline["passed"] is False
    assert "passed" not in triage(INFORMATION, *RAISED, can_provide="yes")


def test_the_calendar_says_a_date_had_passed_when_the_plan_was_made(tmp_path: Any) -> None:
    from icalendar import Calendar

    target = tmp_path / "plan.ics"
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--route",
            INFORMATION,
            "--answer=can-provide=yes",
            *WEEKS_AGO,
            "--output",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    (event,) = Calendar.from_ical(target.read_text(encoding="utf-8")).walk("VEVENT")
    description = flat(str(event["description"]))
    assert f"By: within 5 working days: by {PASSED}" in description
    assert "Plan made: 2027-01-15" in description
    (alarm,) = event.walk("VALARM")
    assert str(alarm["description"]).startswith(f"Due {PASSED}: Acknowledge")


def test_export_judges_a_plan_on_the_day_it_was_made(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = tmp_path / "plan.json"
    saved.write_text(json.dumps(plan_json(INFORMATION, *RAISED, can_provide="yes")))
    monkeypatch.setenv("ROUTEWISE_TODAY", "2027-02-15")  # a month later: still as made
    shown = runner.invoke(cli.app, ["export", str(saved), "--format", "markdown"]).stdout
    assert "- **Plan made:** Fri 15 Jan 2027" in shown
    assert "by Mon 18 Jan 2027 (within 5 working days)" in shown and "passed" not in shown
    # the mark follows the day written in the plan, not a `passed` edited by hand
    data = json.loads(saved.read_text())
    data["made_on"] = "2027-01-20"
    saved.write_text(json.dumps(data))
    shown = runner.invoke(cli.app, ["export", str(saved), "--format", "json"]).stdout
    deadline = steps_of(json.loads(shown))["acknowledge"]["deadline"]
    assert deadline["passed"] is True
    assert deadline["text"] == "within 5 working days: by Mon 18 Jan 2027 (this date has passed)"


# --- 2. A date given for a later event shows the steps before it done ---------------------

UNPROFESSIONAL = "officer-unprofessional-to-member"


def test_the_outcome_s_date_shows_the_concern_addressed() -> None:
    args = (*RAISED, "--event", "outcome=2027-01-13")
    plan = plan_json(UNPROFESSIONAL, *args, officer_post="officer")
    address = steps_of(plan)["address"]
    assert address["done"] == {
        "date": "2027-01-13",
        "reason": "the date the outcome is reached",
        "event": "outcome",
    }
    rich = flat(triage(UNPROFESSIONAL, *args, officer_post="officer", output_format="rich"))
    assert "Next: whoever is dealing with the matter (the document does not say who): Give" in rich
    assert (
        "Next: either the officer's Head of Service, or the officer's Director: Address" not in rich
    )
    assert "done Wed 13 Jan 2027 \u2014 step 2: Address the concern" in rich
    assert "Done: Wed 13 Jan 2027 (the date the outcome is reached)" in rich
    short = flat(in_short(UNPROFESSIONAL, {"officer-post": "officer"}, outcome=date(2027, 1, 13)))
    assert short.count("Next: whoever is dealing with the matter") == 2
    # without the date, addressing the concern is still to do
    assert (
        steps_of(plan_json(UNPROFESSIONAL, *RAISED, officer_post="officer"))["address"]["done"]
        is None
    )


def test_the_day_the_manager_was_told_shows_the_chief_executive_informed() -> None:
    args = (*RAISED, "--event", "manager-told=2027-01-12")
    answers = {"already_met": "yes", "officer_post": "officer", "member_post": "none"}
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--route",
            DISPUTE,
            *(f"--answer={k.replace('_', '-')}={v}" for k, v in answers.items()),
            *args,
            "--format",
            "markdown",
        ],
    )
    assert result.exit_code == 0 and "was not used" not in result.output
    markdown = flat(result.stdout)
    assert "**Next:** the Chief Executive: Notify each contact" in markdown
    assert "report it" not in markdown.split("## Timeline", 1)[0]
    assert "- **done Tue 12 Jan 2027** \u2014 step 1: If the difference cannot be resolved" in (
        markdown
    )
    steps = steps_of(plan_json(DISPUTE, *args, **answers))
    assert steps["inform-chief-executive"]["done"]["date"] == "2027-01-12"
    assert steps["notify"]["done"] is None  # the Leader of the Council may not have been told


# --- 9. A step the plan leaves out says why, by its number as written, with its duty word ---


def test_a_step_left_out_names_its_number_duty_and_who_is_ruled_out_and_why() -> None:
    answers = {"already_met": "no", "officer_post": "head-of-service", "member_post": "leader"}
    markdown = flat(triage(DISPUTE, *RAISED, **answers))
    why = markdown.split("## Why this plan differs", 1)[1].split("## Notes", 1)[0]
    assert (
        "- Left out: step 3 as written, \u201cNotify each contact of the unresolved difference."
        "\u201d (who: the Chief Executive; contact: the Leader of the Council and the appropriate "
        "Head of Service or Team Manager; duty: shall, the document's word): the Leader of the "
        "Council and the appropriate Head of Service or Team Manager are ruled out, as the "
        "member holds \u201cLeader of the Council\u201d and the officer holds \u201cA Head of "
        "Service\u201d; the document does not say who takes their place." in why
    )
    plan = plan_json(DISPUTE, *RAISED, **answers)
    left = next(a for a in plan["adjustments"] if a["step"] == "notify")
    assert left["text"].endswith(
        "Why: the member holds the post \u201cLeader of the Council\u201d, so the Leader of the "
        "Council would be a party to the matter; the officer holds the post \u201cA Head of "
        "Service\u201d, so the appropriate Head of Service or Team Manager would be the officer "
        "themself."
    )


# --- 5. One of two named to act together is a party: the other still acts ------------------


@pytest.mark.parametrize(
    ("officer_post", "member_post", "left", "out"),
    [
        ("officer", "leader", "the Chief Executive", "The Leader of the Council"),
        ("head-of-service", "leader", "the Chief Executive", "The Leader of the Council"),
        ("chief-executive", "none", "the Leader of the Council", "The Chief Executive"),
    ],
)
def test_the_deadlock_keeps_whoever_of_the_two_is_not_a_party(
    officer_post: str, member_post: str, left: str, out: str
) -> None:
    answers = {"already_met": "yes", "officer_post": officer_post, "member_post": member_post}
    plan = plan_json(DISPUTE, *RAISED, **answers)
    ids = [s["id"] for s in plan["steps"]]
    deadlock = steps_of(plan)["deadlock"]
    assert deadlock["actor"]["wording"] == left and deadlock["duty"] == "will"
    assert ids.index("general-advice") == ids.index("deadlock") - 1  # whom to ask, first
    markdown = flat(triage(DISPUTE, *RAISED, **answers))
    assert (
        f"Changed: {out} is left out of those who do this together; those left still do it; "
        "the document does not say who takes their place: ask the Monitoring Officer (the step "
        "marked as general advice). Why:" in markdown
    )


def test_when_both_of_the_two_are_parties_the_deadlock_is_the_monitoring_officer_s_advice() -> None:
    answers = {"already_met": "yes", "officer_post": "chief-executive", "member_post": "leader"}
    ids = [s["id"] for s in plan_json(DISPUTE, *RAISED, **answers)["steps"]]
    assert "deadlock" not in ids and "general-advice" in ids


# --- 6. Public criticism, genuine concern, officer senior: the document's order is kept -----


@pytest.mark.parametrize("post", ["director", "chief-executive"])
def test_the_member_first_apologises_then_takes_the_concern_up(post: str) -> None:
    plan = plan_json(PUBLIC, *RAISED, channel="x", officer_post=post, concern="genuine")
    ids = [s["id"] for s in plan["steps"]]
    assert ids == [
        "challenge",
        "general-advice",
        "raise",
        "apologise",
        "take-up-concern",
        "training",
    ]
    take_up = steps_of(plan)["take-up-concern"]
    assert take_up["actor"]["wording"] == "the member" and take_up["contacts"] == []
    markdown = flat(triage(PUBLIC, *RAISED, channel="x", officer_post=post, concern="genuine"))
    assert (
        "Changed: The document does not cover with whom the member does it in this case: ask "
        "the Monitoring Officer (the step marked as general advice)." in markdown
    )
    assert "who does" not in markdown


# --- 1. The officer is a Head of Service: the one who raised it is not made to escalate ------

READING = "routewise's reading: the document does not say who"


@pytest.mark.parametrize(
    ("route", "complainant", "escalate", "duty"),
    [
        ("member-concern-about-officer", "the member", "chief-executive", "will"),
        (OFFICER_CONCERN, "the officer", "monitoring-officer-or-chief-executive", "can"),
    ],
)
def test_a_later_escalation_is_not_the_complainant_s(
    route: str, complainant: str, escalate: str, duty: str
) -> None:
    answers = {"officer_post": "head-of-service", "member_post": "none"}
    plan = plan_json(route, *RAISED, **answers)
    ids = [s["id"] for s in plan["steps"]]
    step = steps_of(plan)[escalate]
    assert step["actor"]["wording"] == "the officer's Director"  # who now holds the matter
    assert step["actor_reading"] == READING and step["duty"] == duty
    assert ids.index("general-advice") == ids.index(escalate) - 1
    markdown = flat(triage(route, *RAISED, **answers))
    assert f"Who: the officer's Director ({READING})" in markdown
    assert (
        f"The document names the officer's Head of Service to do this (its word: \u201c{duty}"
        "\u201d), and does not say who does when they are ruled out: routewise reads it as the "
        "officer's Director, who now holds the matter; ask the Monitoring Officer" in markdown
    )
    assert f"Who: {complainant} Duty" not in markdown.split("2. **", 1)[1]
    assert f"**Next:** {complainant}:" not in markdown
    assert "**Next:** you: Ask the Monitoring Officer for advice" in markdown
