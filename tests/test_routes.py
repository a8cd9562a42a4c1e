"""Every route and every branch: who acts, who they contact, in order, and the dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from routewise.answers import coerce_all, read_answers_file
from routewise.calendar import WorkingCalendar
from routewise.engine import build_plan
from routewise.loader import Catalogue
from routewise.plan import Plan

ANSWERS = Path(__file__).parent / "answers"
HOS, DIR, CE, MO = (
    "officers-head-of-service",
    "officers-director",
    "chief-executive",
    "monitoring-officer",
)
GL, DEALING, ADVICE = "group-leader", "person-dealing", ("you", [MO], None)
FEEDBACK_21_DEC = (DEALING, ["member", "officer"], date(2026, 12, 30))

# file -> [(actor role ids joined by "|", contact role ids, deadline date or None), ...]
EXPECTED: dict[str, list[tuple[str, list[str], date | None]]] = {
    "public-criticism-genuine": [
        ("other-members", ["member"], None),
        ("officer", [HOS, DIR], None),
        ("member", [], None),
        ("member", [HOS, DIR], None),
    ],
    "public-criticism-unwarranted": [
        ("other-members", ["member"], None),
        ("officer", [HOS, DIR], None),
        ("member", [], None),
        ("member", [], None),
    ],
    "public-criticism-not-yet-known": [
        ("other-members", ["member"], None),
        ("officer", [HOS, DIR], None),
    ],
    "public-criticism-head-of-service": [
        ("other-members", ["member"], None),
        ("officer", [DIR], None),
        ("member", [], None),
        ("member", [DIR], None),
    ],
    "public-criticism-chief-executive": [
        ("other-members", ["member"], None),
        ADVICE,
        ("member", [], None),
        ("member", [], None),
    ],
    "unprofessional-officer": [
        ("member", [HOS, DIR], None),
        (f"{HOS}|{DIR}", [], None),
        FEEDBACK_21_DEC,
    ],
    "unprofessional-head-of-service": [
        ("member", [DIR], None),
        (DIR, [], None),
        FEEDBACK_21_DEC,
    ],
    "unprofessional-director": [ADVICE, FEEDBACK_21_DEC],
    "unprofessional-chief-executive": [ADVICE, FEEDBACK_21_DEC],
    # Raised Fri 1 May 2026: Mon 4 May is the early May bank holiday.
    "member-concern-officer": [
        ("member", [HOS], None),
        (HOS, [DIR], None),
        (HOS, [CE], None),
        (DEALING, [CE, GL], None),
        (DEALING, ["member", "officer"], date(2026, 5, 11)),
    ],
    "member-concern-head-of-service": [
        ("member", [DIR], None),
        ("member", [CE], None),
        (DEALING, [CE, GL], None),
        (DEALING, ["member", "officer"], date(2026, 5, 11)),
    ],
    "member-concern-director": [
        ("member", [CE], None),
        (DEALING, [CE, GL], None),
        (DEALING, ["member", "officer"], date(2026, 5, 11)),
    ],
    "member-concern-chief-executive": [
        ADVICE,
        (DEALING, [GL], None),
        (DEALING, ["member", "officer"], date(2026, 5, 11)),
    ],
    # Raised Wed 23 Dec 2026: 25 and 28 Dec and 1 Jan are bank holidays.
    "officer-concern-officer": [
        ("officer", [HOS], None),
        (HOS, ["member"], None),
        (HOS, [DIR], None),
        (HOS, [MO, CE], None),
        (f"{MO}|{CE}", ["member", GL], None),
        (DEALING, [CE, GL], None),
        (DEALING, ["member", "officer"], date(2027, 1, 4)),
    ],
    "officer-concern-head-of-service": [
        ("officer", [DIR], None),
        ("officer", [MO, CE], None),
        (f"{MO}|{CE}", ["member", GL], None),
        (DEALING, [CE, GL], None),
        (DEALING, ["member", "officer"], date(2027, 1, 4)),
    ],
    "officer-concern-director": [
        ("officer", [MO, CE], None),
        (f"{MO}|{CE}", ["member", GL], None),
        (DEALING, [CE, GL], None),
        (DEALING, ["member", "officer"], date(2027, 1, 4)),
    ],
    "officer-concern-chief-executive": [
        ("officer", [MO], None),
        (MO, ["member", GL], None),
        (DEALING, [GL], None),
        (DEALING, ["member", "officer"], date(2027, 1, 4)),
    ],
    "information-provided": [
        ("member", ["information-holder"], None),
        ("information-holder", ["member"], date(2026, 12, 30)),
    ],
    "information-refused": [
        ("member", ["information-holder"], None),
        ("information-holder", ["member"], date(2026, 12, 30)),
    ],
    "information-undecided": [
        ("member", ["information-holder"], None),
        ("information-holder", ["member"], date(2026, 12, 30)),
    ],
    "member-criticism-in-meeting": [("chair", ["member"], None)],
    "member-criticism-outside-meeting": [
        ("group-leaders|chief-executive|monitoring-officer", ["member"], None),
        ("member", [], None),
        ("member", [], None),
        (DEALING, ["standards-committee", "party-discipline"], None),
    ],
    # Raised Thu 2 Apr 2026: 2 days is Sat 4 Apr; Mon 6 Apr is Easter Monday.
    "dispute-officer-not-met": [
        ("both-parties", [], None),
        ("either-party", [CE], None),
        (CE, ["leader", "head-of-service-or-team-manager"], None),
        ("head-of-service-or-team-manager", ["officer", "member"], date(2026, 4, 7)),
        ("either-party", [CE, "leader"], None),
        ("either-party", [], None),
    ],
    "dispute-officer-met": [
        ("either-party", [CE], None),
        (CE, ["leader", "head-of-service-or-team-manager"], None),
        ("head-of-service-or-team-manager", ["officer", "member"], date(2026, 4, 7)),
        ("either-party", [CE, "leader"], None),
        ("either-party", [], None),
    ],
    "dispute-head-of-service": [
        ("either-party", [CE], None),
        (CE, ["leader"], None),
        (DEALING, ["officer", "member", "strategic-director-or-chief-executive", "leader"], None),
        ("either-party", [CE, "leader"], None),
        ("either-party", [], None),
    ],
    "dispute-director": [
        ("both-parties", [], None),
        ("either-party", [CE], None),
        ADVICE,
    ],
    "dispute-chief-executive": [
        ("either-party", ["leader"], None),
        ("either-party", ["leader"], None),
        ("either-party", [], None),
    ],
}


def plan_for(catalogue: Catalogue, name: str) -> Plan:
    given = read_answers_file(ANSWERS / f"{name}.yaml")
    route = catalogue.routes[given.route]
    assert given.raised is not None
    answers = coerce_all(route, given.answers)
    return build_plan(catalogue, route, answers, given.raised, WorkingCalendar())


def test_every_answers_file_has_expectations() -> None:
    files = {p.stem for p in ANSWERS.glob("*.yaml")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_plan_matches_route(catalogue: Catalogue, name: str) -> None:
    plan = plan_for(catalogue, name)
    got = [
        (
            "|".join(step.actor_roles),
            [c.role for c in step.contacts],
            step.deadline.date if step.deadline else None,
        )
        for step in plan.steps
    ]
    assert got == EXPECTED[name]


def test_every_outcome_of_every_route_is_covered(catalogue: Catalogue) -> None:
    reached = {(p.route, p.outcome) for p in (plan_for(catalogue, n) for n in EXPECTED)}
    every = {(r.id, o.id) for r in catalogue.routes.values() for o in r.outcomes}
    assert every <= reached


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_plan_sends_a_matter_to_the_person_it_is_about(catalogue: Catalogue, name: str) -> None:
    plan = plan_for(catalogue, name)
    officer_level = next((a.answer for a in plan.answers if a.question == "officer-role"), "")
    forbidden = {
        "A Head of Service": {HOS, "head-of-service-or-team-manager"},
        "A Director": {
            HOS,
            DIR,
            "head-of-service-or-team-manager",
            "strategic-director-or-chief-executive",
        },
        "The Chief Executive": {HOS, DIR, CE, "head-of-service-or-team-manager"},
    }.get(officer_level, set())
    for step in plan.steps:
        assert not forbidden & {c.role for c in step.contacts}, step
        assert not forbidden & set(step.actor_roles), step


def test_every_step_cites_a_source_unless_marked_general_advice(catalogue: Catalogue) -> None:
    for name in EXPECTED:
        for step in plan_for(catalogue, name).steps:
            assert (step.source is None) == step.general_advice
            if step.source:
                assert step.source.file.endswith(".txt")


# --- the acceptance examples ----------------------------------------------------


def test_information_request_acknowledged_by_wed_30_dec(catalogue: Catalogue) -> None:
    plan = plan_for(catalogue, "information-provided")
    deadline = plan.steps[1].deadline
    assert deadline is not None
    assert deadline.date == date(2026, 12, 30)
    assert deadline.text == "within 5 working days: by Wed 30 Dec 2026"
    skipped = {s.date: s.reason for s in deadline.skipped}
    assert "Christmas Day" in skipped[date(2026, 12, 25)]
    assert "Boxing Day" in skipped[date(2026, 12, 28)]


def test_dispute_meeting_ideally_by_tue_7_apr(catalogue: Catalogue) -> None:
    plan = plan_for(catalogue, "dispute-officer-met")
    meeting = next(s for s in plan.steps if s.id == "meeting")
    assert meeting.deadline is not None
    assert meeting.deadline.date == date(2026, 4, 7)
    assert meeting.deadline.text == "ideally within 2 days: by Tue 7 Apr 2026"
    assert meeting.deadline.moved is not None
    assert "Sat 4 Apr 2026" in meeting.deadline.moved
    assert meeting.deadline.assumption is not None  # the document does not say what it counts from


def test_concern_about_a_head_of_service_goes_first_to_a_director(catalogue: Catalogue) -> None:
    plan = plan_for(catalogue, "member-concern-head-of-service")
    first = plan.steps[0]
    assert [c.role for c in first.contacts] == [DIR]
    assert first.actor_roles == ["member"]
    assert first.action == "Raise the concern about the officer's performance or behaviour."
    assert all(HOS not in [c.role for c in s.contacts] for s in plan.steps)
    assert any("Head of Service" in a for a in plan.adjustments)


def test_deadline_counted_from_date_raised_says_so(catalogue: Catalogue) -> None:
    plan = plan_for(catalogue, "unprofessional-officer")
    feedback = plan.steps[-1].deadline
    assert feedback is not None and feedback.assumption is not None
    assert "does not say when this period starts" in feedback.assumption
    stated = plan_for(catalogue, "information-provided").steps[1].deadline
    assert stated is not None and stated.assumption is None


def test_no_deadline_falls_on_a_non_working_day(catalogue: Catalogue) -> None:
    calendar = WorkingCalendar()
    for name in EXPECTED:
        for step in plan_for(catalogue, name).steps:
            if step.deadline and step.deadline.date:
                assert calendar.is_working_day(step.deadline.date), (name, step.id)


def test_not_covered_case_says_so_and_points_to_monitoring_officer(catalogue: Catalogue) -> None:
    plan = plan_for(catalogue, "dispute-director")
    assert plan.general_advice
    advice = plan.steps[-1]
    assert advice.general_advice and advice.source is None
    assert [c.role for c in advice.contacts] == [MO]
    assert any("does not cover" in a for a in plan.adjustments)


def test_conditional_first_meeting_only_when_parties_have_not_met(catalogue: Catalogue) -> None:
    assert plan_for(catalogue, "dispute-officer-not-met").steps[0].id == "meet"
    assert plan_for(catalogue, "dispute-officer-met").steps[0].id != "meet"


def test_escalation_points_to_the_next_rung(catalogue: Catalogue) -> None:
    plan = plan_for(catalogue, "member-concern-officer")
    assert [s.if_unresolved for s in plan.steps[:3]] == [2, 3, None]
    plan = plan_for(catalogue, "member-concern-head-of-service")
    assert plan.steps[0].if_unresolved == 2  # the Director's rung now leads to the Chief Executive


def test_dispute_notes_carry_the_procedures_protections(catalogue: Catalogue) -> None:
    kinds = {n.kind for n in plan_for(catalogue, "dispute-officer-met").notes}
    assert {"privacy", "accompaniment", "procedures", "external-route", "code-of-conduct"} <= kinds
