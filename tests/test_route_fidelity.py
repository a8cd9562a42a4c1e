"""Plans say exactly what the documents say, on every branch of every route.

Every combination of answers (every choice, every set of posts) is built, and
each plan is checked for the mistakes a careful governance officer found:
a conflicted person named, a left-out person named in an action, and a
conditional contact shown as if it were unconditional.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from routewise.calendar.working_days import WorkingCalendar
from routewise.cli import app as cli
from routewise.engine.assemble import build_plan
from routewise.engine.paths import Answer, next_node
from routewise.engine.roles import resolve_posts
from routewise.model.catalogue import Catalogue
from routewise.model.plan import Plan
from routewise.model.plan_data import plan_json
from routewise.model.policy import conflict
from routewise.model.route import Question, Route
from routewise.render import ics as render_ics
from routewise.render import markdown as render_markdown
from routewise.render.terminal import render_plan
from tests.paths import ANSWERS

RAISED = date(2026, 12, 21)
runner = CliRunner()


def every_answer_set(route: Route) -> Iterator[dict[str, Answer]]:
    """Every path through the route, with every combination of posts a party can hold."""
    stack: list[dict[str, Answer]] = [{}]
    while stack:
        answers = stack.pop()
        node = next_node(route, answers)
        if not isinstance(node, Question):
            yield answers
            continue
        for value in _values(node):
            stack.append({**answers, node.id: value})


def _values(question: Question) -> list[Answer]:
    ids = [c.id for c in question.choices]
    if question.type == "multi-choice":
        return [
            tuple(combo) for n in range(len(ids) + 1) for combo in itertools.combinations(ids, n)
        ]
    if ids:
        return list(ids)
    return [RAISED] if question.type == "date" else ["a channel"]


def every_plan(catalogue: Catalogue) -> Iterator[tuple[str, dict[str, Answer], Plan]]:
    for route in catalogue.routes.values():
        for answers in every_answer_set(route):
            events = {e.id: RAISED for e in route.events}
            plan = build_plan(catalogue, route, answers, RAISED, WorkingCalendar(), events=events)
            yield route.id, answers, plan


def terminal_text(plan: Plan) -> str:
    out = io.StringIO()
    render_plan(plan, Console(file=out, width=250, no_color=True), why=True)
    return out.getvalue()


def test_every_branch_is_built(catalogue: Catalogue) -> None:
    count = sum(1 for _ in every_plan(catalogue))
    assert count >= 60  # 16 dispute paths alone (met x Leader x four officer posts)


def test_no_plan_names_a_conflicted_person(catalogue: Catalogue) -> None:
    for route_id, answers, plan in every_plan(catalogue):
        route = catalogue.routes[route_id]
        posts = resolve_posts(route, answers)
        for step in plan.steps:
            for group in [step.actor, *step.contacts]:
                for role in group.roles():
                    reason = conflict(catalogue, route.parties, posts, role.role)
                    assert reason is None, (route_id, answers, step.id, role.role, reason)


def test_no_action_names_a_person_left_out_of_its_step(catalogue: Catalogue) -> None:
    for route_id, answers, plan in every_plan(catalogue):
        by_id = {s.id: s for s in plan.steps}
        for adjustment in plan.adjustments:
            step = by_id.get(adjustment.step or "")
            if step is None:
                continue
            for role_id in adjustment.roles:
                title = catalogue.roles[role_id].title.removeprefix("the ")
                assert title.lower() not in step.action.lower(), (route_id, answers, step.id)


def test_conditional_contacts_are_never_shown_as_unconditional(catalogue: Catalogue) -> None:
    seen = 0
    for route_id, answers, plan in every_plan(catalogue):
        markdown = render_markdown.render(plan)
        terminal = " ".join(terminal_text(plan).split())
        data = json.loads(plan_json(plan))
        for step, raw in zip(plan.steps, data["steps"], strict=True):
            for group, raw_group in zip(step.contacts, raw["contacts"], strict=True):
                assert raw_group["conditional"] == (group.condition is not None)
                if group.condition is None:
                    continue
                seen += 1
                assert group.text().endswith(group.condition)
                assert group.text() in markdown, (route_id, answers, step.id)
                assert group.text() in terminal, (route_id, answers, step.id)
                unconditional = [g for g in step.contacts if g.condition is None]
                for role in group.roles():
                    assert all(role.role not in [r.role for r in g.roles()] for g in unconditional)
    assert seen > 0


def test_every_conditional_contact_keeps_its_condition_in_the_calendar(
    catalogue: Catalogue,
) -> None:
    for _, _, plan in every_plan(catalogue):
        text = render_ics.render(plan)
        unfolded = text.replace("\r\n ", "")
        for step in plan.steps:
            if step.deadline and step.deadline.date:
                for group in step.contacts:
                    if group.condition:
                        assert group.text().replace(",", "\\,") in unfolded


# --- the acceptance examples ------------------------------------------------------


def plan_from(args: list[str], output_format: str = "json") -> str:
    result = runner.invoke(cli.app, ["triage", *args, "--format", output_format])
    assert result.exit_code == 0, result.output
    return result.output


def test_officer_concern_group_leader_is_if_necessary_in_every_output() -> None:
    args = ["--answers", str(ANSWERS / "officer-concern-officer.yaml")]
    plan = json.loads(plan_from(args))
    step = next(s for s in plan["steps"] if s["id"] == "raise-with-member")
    group_leader = next(g for g in step["contacts"] if g["members"][0]["role"] == "group-leader")
    assert group_leader["conditional"] is True and group_leader["condition"] == "if necessary"
    assert "the member's Group Leader, if necessary" in plan_from(args, "markdown")
    terminal = " ".join(plan_from([*args, "--why"], "rich").split())
    assert "the member's Group Leader, if necessary" in terminal


def test_a_member_who_is_a_group_leader_is_never_sent_to_a_group_leader() -> None:
    plan = json.loads(plan_from(["--answers", str(ANSWERS / "officer-concern-group-leader.yaml")]))
    named = {
        m["role"] for s in plan["steps"] for g in [s["actor"], *s["contacts"]] for m in g["members"]
    }
    assert "group-leader" not in named
    about = [a for a in plan["adjustments"] if a["roles"] == ["group-leader"]]
    assert {a["kind"] for a in about} == {"left-out", "not-covered"}
    assert all("the member's Group Leader would be the member themself" in a["text"] for a in about)
    # The notification "if the Group Leader becomes involved" stays, flagged: the Group
    # Leader is the member, and the document does not say whether being a party counts.
    flagged = next(a for a in about if a["kind"] == "not-covered")
    assert flagged["step"] == "notify" and "being a party" in flagged["text"]


@pytest.mark.parametrize("output_format", ["json", "markdown", "rich", "ics"])
def test_head_of_service_dispute_meeting_lists_who_attends_in_every_output(
    output_format: str, tmp_path: Path
) -> None:
    args = ["--answers", str(ANSWERS / "dispute-head-of-service.yaml")]
    expected = (
        "the officer; the member; either the Strategic Director of Place / Director of Housing "
        "and Customer Services, or the Chief Executive; the Leader of the Council"
    )
    if output_format == "ics":
        # The meeting has no date, so it is not a calendar event: the file must not invent one.
        target = tmp_path / "plan.ics"
        plan_from([*args, "--output", str(target)], "ics")
        assert "Strategic Director" not in target.read_text(encoding="utf-8")
        return
    text = plan_from(args, output_format)
    if output_format == "json":
        meeting = next(s for s in json.loads(text)["steps"] if s["id"] == "meeting")
        assert "; ".join(g["wording"] for g in meeting["contacts"]) == expected
        assert [g["mode"] for g in meeting["contacts"]] == ["all", "all", "one-of", "all"]
        return
    flat = " ".join(text.split())
    for part in expected.split("; "):
        assert part in flat


def test_explain_shows_the_meeting_s_attendees_the_same_way() -> None:
    result = runner.invoke(cli.app, ["explain", "officer-member-dispute"], env={"COLUMNS": "250"})
    flat = " ".join(result.output.split())
    assert (
        "either the Strategic Director of Place / Director of Housing and Customer Services, "
        "or the Chief Executive" in flat
    )


def test_chief_executive_dispute_keeps_the_leader_for_the_deadlock_and_flags_it() -> None:
    plan = json.loads(plan_from(["--answers", str(ANSWERS / "dispute-chief-executive.yaml")]))
    flagged = [a for a in plan["adjustments"] if a["step"] == "deadlock"]
    assert [a["kind"] for a in flagged] == ["left-out"]
    assert (
        "the document does not say who takes their place: ask the Monitoring"
        in (flagged[0]["text"])
    )
    assert any(s["general_advice"] for s in plan["steps"])
    deadlock = next(s for s in plan["steps"] if s["id"] == "deadlock")
    assert deadlock["actor"]["wording"] == "the Leader of the Council"


def test_feedback_is_undated_until_the_outcome_is_known() -> None:
    args = ["--answers", str(ANSWERS / "unprofessional-officer.yaml"), "--raised", "2026-12-21"]
    feedback = json.loads(plan_from(args))["steps"][-1]["deadline"]
    assert feedback["date"] is None and feedback["counts_from"] == "outcome"
    assert feedback["text"] == (
        "within five working days of the outcome: date set once the outcome is reached"
    )
    dated = json.loads(plan_from([*args, "--event", "outcome=2026-12-21"]))["steps"][-1]
    assert dated["deadline"]["date"] == "2026-12-30"
    assert dated["deadline"]["text"].endswith("by Wed 30 Dec 2026 (this date has passed)")


def test_an_event_before_the_date_raised_is_refused_naming_both() -> None:
    result = runner.invoke(
        cli.app,
        [
            "triage",
            "--answers",
            str(ANSWERS / "unprofessional-officer.yaml"),
            "--raised",
            "2026-12-21",
            "--event",
            "outcome=2026-12-01",
        ],
    )
    assert result.exit_code == 2
    assert "Tue 1 Dec 2026" in result.output and "Mon 21 Dec 2026" in result.output


def test_dispute_meeting_counts_from_when_the_manager_is_told() -> None:
    args = ["--answers", str(ANSWERS / "dispute-officer-met.yaml")]
    meeting = next(s for s in json.loads(plan_from(args))["steps"] if s["id"] == "meeting")
    assert meeting["deadline"]["date"] is None
    assert any("working or calendar days" in a for a in meeting["deadline"]["assumptions"])
    told = json.loads(plan_from([*args, "--event", "manager-told=2026-04-02"]))
    meeting = next(s for s in told["steps"] if s["id"] == "meeting")
    assert meeting["deadline"]["date"] == "2026-04-07"  # Sat 4 Apr; Mon 6 Apr is Easter Monday


def test_information_request_is_still_due_wed_30_dec() -> None:
    plan = json.loads(plan_from(["--answers", str(ANSWERS / "information-provided.yaml")]))
    assert plan["steps"][1]["deadline"]["date"] == "2026-12-30"
    notes = " ".join(n["text"] for n in plan["notes"])
    assert "no next step if the request is not acknowledged" in notes


# --- wording that keeps the documents' strength ------------------------------------------


def test_obligations_keep_their_strength(catalogue: Catalogue) -> None:
    dispute = catalogue.routes["officer-member-dispute"]
    steps = {s.id: s for o in dispute.outcomes for s in o.steps}
    assert steps["formal-procedures"].duty == "shall be open to"  # as written, not "may"
    assert steps["formal-procedures"].actor.role_ids() == ["either-party"]
    codes = next(n for n in dispute.notes if n.kind == "code-of-conduct")
    assert "shall have regard to" in codes.text
    criticism = catalogue.routes["member-criticises-member"]
    outside = criticism.outcome("outside-meeting")
    assert outside is not None
    ask = next(s for s in outside.steps if s.id == "ask-apology")
    assert ask.action.startswith("Ask the member") and ask.actor.role_ids() == ["person-dealing"]
    deal = next(s for s in outside.steps if s.id == "deal")
    assert deal.actor.mode == "and-or"


def test_paragraph_10_applies_to_every_meeting_of_the_dispute(catalogue: Catalogue) -> None:
    for name in ("dispute-officer-met", "dispute-head-of-service", "dispute-chief-executive"):
        plan = json.loads(plan_from(["--answers", str(ANSWERS / f"{name}.yaml")]))
        meetings = [n for n in plan["notes"] if n["kind"] == "meetings"]
        assert meetings and meetings[0]["source"]["paragraph"] == "10"


def test_the_in_meeting_branch_has_no_standards_committee_note() -> None:
    plan = json.loads(plan_from(["--answers", str(ANSWERS / "member-criticism-in-meeting.yaml")]))
    assert not any("Standards Committee" in n["text"] for n in plan["notes"])
    outside = json.loads(
        plan_from(["--answers", str(ANSWERS / "member-criticism-outside-meeting.yaml")])
    )
    assert any("Standards Committee" in n["text"] for n in outside["notes"])


def test_ladders_say_routewise_chose_an_order(catalogue: Catalogue) -> None:
    for route_id in ("member-concern-about-officer", "officer-concern-about-member"):
        route = catalogue.routes[route_id]
        notes = [n for o in route.outcomes for n in o.notes if n.kind == "reading"]
        assert notes and "ladder" in notes[0].text


def test_every_triage_choice_has_help_and_flowchart_routes_point_to_the_dispute_procedure(
    catalogue: Catalogue,
) -> None:
    assert catalogue.triage.question.help
    assert all(c.help for c in catalogue.triage.question.choices)
    for route_id in (
        "member-criticises-officer-in-public",
        "officer-unprofessional-to-member",
        "member-concern-about-officer",
        "officer-concern-about-member",
    ):
        pointers = catalogue.routes[route_id].see_also
        assert "officer-member-dispute" in [p.route for p in pointers]
    plan = plan_from(["--answers", str(ANSWERS / "member-concern-officer.yaml")], "markdown")
    assert "## See also (routewise's pointer, not from the documents)" in plan


# --- answers files written before posts were asked ----------------------------------------


@pytest.mark.parametrize("path", sorted((ANSWERS / "v1").glob("*.yaml")), ids=lambda p: p.stem)
def test_old_answers_files_run_or_name_what_to_write(path: Path) -> None:
    result = runner.invoke(cli.app, ["triage", "--answers", str(path), "--format", "json"])
    if result.exit_code == 0:
        new = runner.invoke(
            cli.app, ["triage", "--answers", str(ANSWERS / path.name), "--format", "json"]
        )
        assert json.loads(result.stdout) == json.loads(new.stdout)
        return
    assert result.exit_code == 2
    line = result.output.strip()
    assert "\n" not in line
    # outside a meeting the posts are asked after `where`, as outside-member-post (and so on)
    assert re.search(r"'(outside-)?(member-post|criticised-member-post)'", line), line
    assert "Valid answers:" in line and "none" in line


def test_no_line_of_any_plan_is_wider_than_60_columns_or_ends_in_a_space(
    catalogue: Catalogue,
) -> None:
    for route_id, answers, dated in every_plan(catalogue):
        undated = build_plan(
            catalogue, catalogue.routes[route_id], answers, RAISED, WorkingCalendar()
        )
        for plan in (dated, undated):  # undated deadlines carry the longest timeline labels
            out = io.StringIO()
            render_plan(plan, Console(file=out, width=60, no_color=True), why=True, recap=True)
            for line in out.getvalue().splitlines():
                assert len(line) <= 60 and not line.endswith(" "), (route_id, answers, line)


def test_two_members_both_said_to_chair_the_meeting_get_a_warning(catalogue: Catalogue) -> None:
    """Only one person chairs a meeting (`one_holder` in roles.yaml): answers saying both
    parties do disagree, and the plan says so instead of reading them silently."""
    route = catalogue.routes["member-criticises-member"]

    def warnings(member: tuple[str, ...], criticised: tuple[str, ...]) -> list[str]:
        answers = {
            "member-post": member,
            "criticised-member-post": criticised,
            "where": "in-meeting",
        }
        return build_plan(catalogue, route, answers, date(2026, 12, 21), WorkingCalendar()).warnings

    (both,) = warnings(("chair",), ("chair", "group-leader"))
    assert both.startswith(
        "The member who made the criticism and the member who was criticised were both said to "
        "hold the post \u201cChair of the meeting where it happened\u201d, which one person holds"
    )
    assert warnings(("chair",), ("group-leader",)) == []
    assert warnings(("group-leader",), ("group-leader",)) == []  # each leads their own group
