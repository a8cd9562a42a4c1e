"""Every route and every branch: who acts, who they contact, in order, and the dates.

The table below was checked by hand against the two source documents; a change
to a flow file or to the engine that alters any plan fails here first.
Shapes: "a+b" all of them, "a|b" one of them, "a&/b" and/or, "(a|b)" one of
these inside a group, and a trailing "?" for a conditional group ("if necessary").
"""

from __future__ import annotations

from datetime import date

import pytest

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.model.catalogue import Catalogue
from routewise.model.plan import Plan, PlanGroup
from routewise.wizard.answers import coerce_all, read_answers_file
from tests.paths import ANSWERS

# file -> [(step id, actor shape, contact shapes, deadline date or None), ...]
EXPECTED: dict[str, list[tuple[str, str, list[str], date | None]]] = {
    "dispute-chief-executive": [
        ("involve-leader", "person-dealing", ["leader"], None),
        ("general-advice", "you", ["monitoring-officer"], None),
        ("deadlock", "leader", [], None),  # the Chief Executive is the party: the Leader stays
        ("formal-procedures", "either-party", [], None),
    ],
    "dispute-director": [
        ("meet", "officer+member", [], None),
        ("inform-chief-executive", "either-party", ["chief-executive"], None),
        ("notify", "chief-executive", ["leader"], None),
        ("general-advice", "you", ["monitoring-officer"], None),
        ("deadlock", "chief-executive+leader", [], None),
        ("formal-procedures", "either-party", [], None),
    ],
    "dispute-head-of-service": [
        ("inform-chief-executive", "either-party", ["chief-executive"], None),
        ("notify", "chief-executive", ["leader"], None),
        (
            "meeting",
            "person-dealing",
            ["officer", "member", "strategic-director|chief-executive", "leader"],
            None,
        ),
        ("deadlock", "chief-executive+leader", [], None),
        ("formal-procedures", "either-party", [], None),
    ],
    "dispute-leader": [
        ("inform-chief-executive", "either-party", ["chief-executive"], None),
        ("notify", "chief-executive", ["head-of-service-or-team-manager"], None),
        ("meeting", "head-of-service-or-team-manager", ["officer", "member"], None),
        ("general-advice", "you", ["monitoring-officer"], None),
        ("deadlock", "chief-executive", [], None),  # the Leader is the party: the CE stays
        ("formal-procedures", "either-party", [], None),
    ],
    "dispute-officer-met": [
        ("inform-chief-executive", "either-party", ["chief-executive"], None),
        ("notify", "chief-executive", ["leader", "head-of-service-or-team-manager"], None),
        ("meeting", "head-of-service-or-team-manager", ["officer", "member"], None),
        ("deadlock", "chief-executive+leader", [], None),
        ("formal-procedures", "either-party", [], None),
    ],
    "dispute-officer-not-met": [
        ("meet", "officer+member", [], None),
        ("inform-chief-executive", "either-party", ["chief-executive"], None),
        ("notify", "chief-executive", ["leader", "head-of-service-or-team-manager"], None),
        ("meeting", "head-of-service-or-team-manager", ["officer", "member"], None),
        ("deadlock", "chief-executive+leader", [], None),
        ("formal-procedures", "either-party", [], None),
    ],
    "information-provided": [
        ("ask", "member", ["information-holder"], None),
        ("acknowledge", "information-holder", ["member"], date(2026, 12, 30)),
    ],
    "information-refused": [
        ("ask", "member", ["information-holder"], None),
        ("acknowledge", "information-holder", ["member"], date(2026, 12, 30)),
    ],
    "information-undecided": [
        ("ask", "member", ["information-holder"], None),
        ("acknowledge", "information-holder", ["member"], date(2026, 12, 30)),
    ],
    "member-concern-chief-executive": [
        ("general-advice", "you", ["monitoring-officer"], None),
        ("notify", "person-dealing", ["group-leader?"], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
    "member-concern-director": [
        ("chief-executive", "member", ["chief-executive"], None),
        ("raise-with-member", "chief-executive", ["appropriate-member|group-leader"], None),
        ("notify", "person-dealing", ["chief-executive?", "group-leader?"], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
    "member-concern-head-of-service": [
        ("director", "member", ["officers-director"], None),
        ("general-advice", "you", ["monitoring-officer"], None),
        # who escalates is not said once the Head of Service is a party: never the member
        ("chief-executive", "officers-director", ["chief-executive"], None),
        ("raise-with-member", "chief-executive", ["appropriate-member|group-leader"], None),
        ("notify", "person-dealing", ["chief-executive?", "group-leader?"], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
    "member-concern-officer": [
        ("head-of-service", "member", ["officers-head-of-service"], None),
        ("director", "officers-head-of-service", ["officers-director"], None),
        ("chief-executive", "officers-head-of-service", ["chief-executive"], None),
        ("raise-with-member", "chief-executive", ["appropriate-member|group-leader"], None),
        ("notify", "person-dealing", ["chief-executive?", "group-leader?"], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
    "member-criticism-in-meeting-chair": [
        ("general-advice", "you", ["monitoring-officer"], None),
        ("ask-apology", "person-dealing", ["member"], None),  # may follow, as marked
        ("training", "member", [], None),
        ("refer", "person-dealing", ["standards-committee?", "party-discipline?"], None),
    ],
    "member-criticism-in-meeting": [
        ("chair-challenges", "chair", ["member"], None),
        ("ask-apology", "person-dealing", ["member"], None),  # may follow, as marked
        ("training", "member", [], None),
        ("refer", "person-dealing", ["standards-committee?", "party-discipline?"], None),
    ],
    "member-criticism-outside-group-leader": [
        ("deal", "other-group-leaders&/(chief-executive|monitoring-officer)", [], None),
        ("ask-apology", "person-dealing", ["member"], None),
        ("training", "member", [], None),
        ("refer", "person-dealing", ["standards-committee?", "party-discipline?"], None),
    ],
    "member-criticism-outside-meeting": [
        ("deal", "group-leaders&/(chief-executive|monitoring-officer)", [], None),
        ("ask-apology", "person-dealing", ["member"], None),
        ("training", "member", [], None),
        ("refer", "person-dealing", ["standards-committee?", "party-discipline?"], None),
    ],
    "officer-concern-chief-executive": [
        ("monitoring-officer-or-chief-executive", "officer", ["monitoring-officer"], None),
        ("general-advice", "you", ["monitoring-officer"], None),  # nobody to discuss it (¶ 1)
        ("raise-with-member", "monitoring-officer", ["appropriate-member", "group-leader?"], None),
        ("notify", "person-dealing", ["group-leader?"], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
    "officer-concern-director": [
        (
            "monitoring-officer-or-chief-executive",
            "officer",
            ["monitoring-officer|chief-executive"],
            None,
        ),
        ("general-advice", "you", ["monitoring-officer"], None),  # nobody to discuss it (¶ 1)
        (
            "raise-with-member",
            "monitoring-officer|chief-executive",
            ["appropriate-member", "group-leader?"],
            None,
        ),
        ("notify", "person-dealing", ["chief-executive?", "group-leader?"], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
    "officer-concern-group-leader": [
        ("head-of-service", "officer", ["officers-head-of-service"], None),
        ("discuss", "officers-head-of-service", ["member"], None),
        ("director", "officers-head-of-service", ["officers-director"], None),
        (
            "monitoring-officer-or-chief-executive",
            "officers-head-of-service",
            ["monitoring-officer|chief-executive"],
            None,
        ),
        ("raise-with-member", "monitoring-officer|chief-executive", ["appropriate-member"], None),
        ("notify", "person-dealing", ["chief-executive?"], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
    "officer-concern-head-of-service": [
        ("director", "officer", ["officers-director"], None),
        ("general-advice", "you", ["monitoring-officer"], None),
        (
            "monitoring-officer-or-chief-executive",
            "officers-director",  # routewise's reading: whoever holds the matter now
            ["monitoring-officer|chief-executive"],
            None,
        ),
        (
            "raise-with-member",
            "monitoring-officer|chief-executive",
            ["appropriate-member", "group-leader?"],
            None,
        ),
        ("notify", "person-dealing", ["chief-executive?", "group-leader?"], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
    "officer-concern-officer": [
        ("head-of-service", "officer", ["officers-head-of-service"], None),
        ("discuss", "officers-head-of-service", ["member"], None),
        ("director", "officers-head-of-service", ["officers-director"], None),
        (
            "monitoring-officer-or-chief-executive",
            "officers-head-of-service",
            ["monitoring-officer|chief-executive"],
            None,
        ),
        (
            "raise-with-member",
            "monitoring-officer|chief-executive",
            ["appropriate-member", "group-leader?"],
            None,
        ),
        ("notify", "person-dealing", ["chief-executive?", "group-leader?"], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
    "public-criticism-chief-executive": [
        ("challenge", "other-members", ["member"], None),
        ("general-advice", "you", ["monitoring-officer"], None),
        ("raise", "officer", [], None),  # with whom is not covered: the advice comes first
        ("apologise-publicly", "member", [], None),
        ("training", "member", [], None),
    ],
    "public-criticism-genuine": [
        ("challenge", "other-members", ["member"], None),
        ("raise", "officer", ["officers-head-of-service|officers-director"], None),
        ("apologise", "member", [], None),
        ("take-up-concern", "member", ["officers-head-of-service|officers-director"], None),
        ("training", "member", [], None),
    ],
    "public-criticism-head-of-service": [
        ("challenge", "other-members", ["member"], None),
        ("raise", "officer", ["officers-director"], None),
        ("apologise", "member", [], None),
        ("take-up-concern", "member", ["officers-director"], None),
        ("training", "member", [], None),
    ],
    "public-criticism-not-yet-known": [
        ("challenge", "other-members", ["member"], None),
        ("raise", "officer", ["officers-head-of-service|officers-director"], None),
        ("training", "member", [], None),
    ],
    "public-criticism-unwarranted": [
        ("challenge", "other-members", ["member"], None),
        ("raise", "officer", ["officers-head-of-service|officers-director"], None),
        ("apologise-publicly", "member", [], None),
        ("training", "member", [], None),
    ],
    "unprofessional-chief-executive": [
        ("general-advice", "you", ["monitoring-officer"], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
    "unprofessional-director": [
        ("general-advice", "you", ["monitoring-officer"], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
    "unprofessional-head-of-service": [
        ("raise", "member", ["officers-director"], None),
        ("address", "officers-director", [], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
    "unprofessional-officer": [
        ("raise", "member", ["officers-head-of-service|officers-director"], None),
        ("address", "officers-head-of-service|officers-director", [], None),
        ("feedback", "person-dealing", ["member", "officer"], None),
    ],
}


def shape(group: PlanGroup) -> str:
    parts = [
        "(" + "|".join(r.role for r in m) + ")" if isinstance(m, list) else m.role
        for m in group.members
    ]
    sep = {"all": "+", "one-of": "|", "and-or": "&/"}[group.mode]
    return sep.join(parts) + ("?" if group.condition else "")


def plan_for(catalogue: Catalogue, name: str, events: dict[str, date] | None = None) -> Plan:
    given = read_answers_file(ANSWERS / f"{name}.yaml")
    route = catalogue.routes[given.route]
    assert given.raised is not None
    answers = coerce_all(route, given.answers)
    return build_plan(
        catalogue, route, answers, given.raised, WorkingCalendar(), events=events or given.events
    )


def test_every_answers_file_has_expectations() -> None:
    files = {p.stem for p in ANSWERS.glob("*.yaml")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_plan_matches_route(catalogue: Catalogue, name: str) -> None:
    plan = plan_for(catalogue, name)
    got = [
        (
            step.id,
            shape(step.actor),
            [shape(g) for g in step.contacts],
            step.deadline.date if step.deadline else None,
        )
        for step in plan.steps
    ]
    assert got == EXPECTED[name]


def test_every_outcome_of_every_route_is_covered(catalogue: Catalogue) -> None:
    reached = {(p.route, p.outcome) for p in (plan_for(catalogue, n) for n in EXPECTED)}
    every = {(r.id, o.id) for r in catalogue.routes.values() for o in r.outcomes}
    assert every <= reached


def test_every_step_cites_a_source_unless_marked_general_advice(catalogue: Catalogue) -> None:
    for name in EXPECTED:
        for step in plan_for(catalogue, name).steps:
            assert (step.source is None) == step.general_advice
            if step.source:
                assert step.source.file.endswith(".txt")


def test_every_paragraph_a_plan_mentions_is_among_its_sources(catalogue: Catalogue) -> None:
    # "paragraphs 2 and 3" in a note must be traceable: each is listed in the plan's sources.
    import re

    mention = re.compile(r"\bparagraphs? (\d+)(?:(?:, | and | or )(\d+))*")
    for name in EXPECTED:
        plan = plan_for(catalogue, name)
        texts = [s.note or "" for s in plan.steps] + [s.action for s in plan.steps]
        texts += [n.text for n in plan.notes]
        cited = {s.paragraph for s in plan.sources}
        for text in texts:
            for found in mention.finditer(text):
                numbers = set(re.findall(r"\d+", found.group()))
                assert numbers <= cited, f"{name}: {text!r} cites {numbers - cited} not in sources"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_answer_in_an_answers_file_is_on_its_path(catalogue: Catalogue, name: str) -> None:
    """No answers file has answers its path never asks, so none may be reported as unused
    (an optional question left blank once made every later answer look unused)."""
    from routewise.engine.paths import off_path

    given = read_answers_file(ANSWERS / f"{name}.yaml")
    route = catalogue.routes[given.route]
    assert off_path(route, coerce_all(route, given.answers)) == []


def test_no_party_is_named_in_words_that_could_mean_another_party(catalogue: Catalogue) -> None:
    """Where two parties share a kind ("the member" and "the member who was criticised"),
    the route's `titles` must tell them apart wherever a plan names either of them."""
    from routewise.engine.paths import example_answers
    from routewise.model.titles import role_title

    for route in catalogue.routes.values():
        names = {p: role_title(catalogue, route, p, {}) for p in route.parties}
        for party, title in names.items():
            for other, other_title in names.items():
                if party != other:
                    assert not other_title.startswith(title), f"{route.id}: {title!r}"
        for answers in example_answers(route, date(2026, 12, 21)).values():
            plan = build_plan(catalogue, route, answers, date(2026, 12, 21), WorkingCalendar())
            for step in plan.steps:
                for group in [step.actor, *step.contacts]:
                    for role in group.roles():
                        if role.role in names:
                            assert role.title == names[role.role], (route.id, step.id)
