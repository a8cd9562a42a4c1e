"""The decision tree: which questions are asked, in what order, and where they lead."""

from __future__ import annotations

from datetime import date

import pytest

from routewise.base.errors import AnswerError
from routewise.engine.paths import (
    coerce_answer,
    complete_answers,
    example_answers,
    next_node,
    off_path,
    path_questions,
    rename_former_ids,
)
from routewise.model.route import Outcome, Question, Route
from tests.inline import catalogue, route, step

BRANCHING = route(
    questions=[
        {
            "id": "kind",
            "type": "choice",
            "text": "Which?",
            "choices": [
                {"id": "a", "label": "A", "next": "when"},
                {"id": "b", "label": "B", "next": "out-b"},
            ],
        },
        {"id": "when", "type": "date", "text": "When?", "next": "note"},
        {"id": "note", "type": "text", "text": "Note?", "optional": True, "next": "out-a"},
    ],
    outcomes=[
        {"id": "out-a", "title": "A", "steps": [step("s", "anyone")]},
        {"id": "out-b", "title": "B", "steps": [step("s", "anyone")]},
    ],
)


def the_route(data: dict[str, object] = BRANCHING) -> Route:
    return next(iter(catalogue(data).routes.values()))


def test_next_node_follows_the_answers_to_the_outcome() -> None:
    r = the_route()
    assert isinstance(next_node(r, {}), Question)
    assert next_node(r, {"kind": "a"}).id == "when"
    outcome = next_node(r, {"kind": "b"})
    assert isinstance(outcome, Outcome) and outcome.id == "out-b"


def test_path_questions_and_answers_off_the_path() -> None:
    r = the_route()
    answers = {"kind": "b", "when": date(2026, 1, 5)}
    assert [q.id for q in path_questions(r, answers)] == ["kind"]
    assert off_path(r, answers) == ["when"]


def test_answers_after_an_unanswered_optional_question_are_on_the_path() -> None:
    kind, when = BRANCHING["questions"][:2]
    optional_first = route(
        questions=[
            {"id": "intro", "type": "text", "text": "Where?", "optional": True, "next": "kind"},
            kind,
            {**when, "next": "out-a"},
        ],
        outcomes=BRANCHING["outcomes"],
    )
    r = the_route(optional_first)
    assert off_path(r, {"kind": "a", "when": date(2026, 1, 5)}) == []
    assert off_path(r, {"kind": "b", "when": date(2026, 1, 5)}) == ["when"]


def test_complete_answers_fills_optional_text_and_refuses_other_gaps() -> None:
    r = the_route()
    assert complete_answers(r, {"kind": "a", "when": date(2026, 1, 5)})["note"] == ""
    with pytest.raises(AnswerError) as err:
        complete_answers(r, {"kind": "a"})
    assert err.value.question == "when"


def test_coerce_choice_yes_no_and_dates() -> None:
    r = the_route()
    kind, when = r.questions[0], r.questions[1]
    assert coerce_answer(kind, " A ") == "a"
    with pytest.raises(AnswerError) as err:
        coerce_answer(kind, "c")
    assert err.value.valid == ["a", "b"]
    assert coerce_answer(when, "2026-02-03") == date(2026, 2, 3)
    with pytest.raises(AnswerError):
        coerce_answer(when, "2026-02-30")


def test_multi_choice_post_answers() -> None:
    r = the_route(route(steps=[step("s", "anyone")]))
    member_post = r.question("member-post")
    assert member_post is not None and member_post.type == "multi-choice"
    assert coerce_answer(member_post, "none") == ()
    assert coerce_answer(member_post, "chair, group-leader") == ("group-leader", "chair")
    assert coerce_answer(member_post, ["chair"]) == ("chair",)
    with pytest.raises(AnswerError):
        coerce_answer(member_post, "mayor")


def test_a_former_question_id_is_still_accepted_once() -> None:
    data = route(steps=[step("s", "anyone")])
    data["questions"][0]["formerly"] = ["officer-role"]  # type: ignore[index]
    r = the_route(data)
    assert rename_former_ids(r, {"officer-role": "head"}) == {"officer-post": "head"}
    with pytest.raises(AnswerError):
        rename_former_ids(r, {"officer-role": "head", "officer-post": "head"})


def test_example_answers_reach_every_outcome_once() -> None:
    found = example_answers(the_route(), date(2026, 1, 5))
    assert found == {
        "out-a": {"kind": "a", "when": date(2026, 1, 5), "note": ""},
        "out-b": {"kind": "b"},
    }


def test_a_long_chain_is_walked_without_recursion() -> None:
    n = 3000
    questions = [
        {
            "id": f"q{i}",
            "type": "yes-no",
            "text": f"Q{i}?",
            "choices": [
                {"id": "yes", "label": "Yes", "next": f"q{i + 1}" if i + 1 < n else "end"},
                {"id": "no", "label": "No", "next": f"q{i + 1}" if i + 1 < n else "end"},
            ],
        }
        for i in range(n)
    ]
    r = the_route(
        route(
            questions=questions,
            outcomes=[{"id": "end", "title": "E", "steps": [step("s", "anyone")]}],
        )
    )
    answers = {f"q{i}": "yes" for i in range(n)}
    assert next_node(r, answers).id == "end"
    assert len(path_questions(r, answers)) == n
    assert list(example_answers(r, date(2026, 1, 1))) == ["end"]


def test_coercion_of_every_form_an_answers_file_can_hold() -> None:
    r = the_route()
    kind, when, note = r.questions
    yes_no = Question.model_validate(
        {
            "id": "met",
            "type": "yes-no",
            "text": "Met?",
            "choices": [
                {"id": "yes", "label": "Yes", "next": "x"},
                {"id": "no", "label": "No", "next": "x"},
            ],
        }
    )
    assert coerce_answer(yes_no, True) == "yes" and coerce_answer(yes_no, False) == "no"
    assert coerce_answer(yes_no, "TRUE") == "yes" and coerce_answer(yes_no, " false ") == "no"
    assert coerce_answer(yes_no, "No") == "no"
    with pytest.raises(AnswerError) as err:
        coerce_answer(kind, True)  # a boolean is only yes/no where those are the choices
    assert err.value.problem == "'yes' is not one of the choices"
    with pytest.raises(AnswerError) as err:
        coerce_answer(kind, ["a"])
    assert err.value.question == "kind"
    assert err.value.problem == "found a list; expected one of the choices"  # never 'list'
    with pytest.raises(AnswerError) as err:
        coerce_answer(yes_no, "")  # `--answer already-met=`
    assert err.value.problem == "found an empty value; expected yes or no"
    assert coerce_answer(when, date(2026, 3, 1)) == date(2026, 3, 1)
    assert coerce_answer(when, " 2026-03-01 ") == date(2026, 3, 1)
    assert coerce_answer(when, "1/3/2026") == date(2026, 3, 1)  # day first, as in the UK
    with pytest.raises(AnswerError) as err:
        coerce_answer(when, "1 March")
    assert "expected a date as YYYY-MM-DD or DD/MM/YYYY" in err.value.problem
    assert "'1 March'" in err.value.problem
    for outside in ("9999-12-31", date(1900, 1, 1)):  # checked before any arithmetic
        with pytest.raises(AnswerError) as err:
            coerce_answer(when, outside)
        assert "outside the years" in err.value.problem
    assert coerce_answer(note, 42) == "42" and coerce_answer(note, "text") == "text"
    with pytest.raises(AnswerError) as err:
        coerce_answer(note, None)
    assert err.value.problem == "found an empty value; expected text"
    assert err.value.valid == ["any text"]
    with pytest.raises(AnswerError) as err:
        coerce_answer(when, [2026, 3, 1])
    assert err.value.problem.startswith("found a list; expected a date as YYYY-MM-DD")


def test_multi_choice_forms_and_mistakes() -> None:
    r = the_route(route(steps=[step("s", "anyone")]))
    posts = r.question("member-post")
    assert posts is not None
    assert coerce_answer(posts, "NONE") == ()
    assert coerce_answer(posts, []) == ()
    assert coerce_answer(posts, ("Chair",)) == ("chair",)
    for both in ("none, chair", "chair, none", ["none", "chair"]):  # "none" only on its own
        with pytest.raises(AnswerError) as err:
            coerce_answer(posts, both)
        assert err.value.problem == (
            "'none' cannot be combined with a post: give the posts held, or none alone"
        )
        assert err.value.valid == ["group-leader", "chair", "none"]
    with pytest.raises(AnswerError) as err:
        coerce_answer(posts, True)  # yes/no only where there is a single post to ask about
    assert err.value.problem.startswith("found yes (a yes/no value); expected the choices")
    for empty in ("", "  ", None):  # an unset shell variable never says "no post"
        with pytest.raises(AnswerError) as err:
            coerce_answer(posts, empty)
        assert err.value.problem.startswith("found an empty value; write none if none")
    with pytest.raises(AnswerError) as err:
        coerce_answer(posts, [3])
    assert err.value.problem == "found a number (3) in the list; expected a choice id"
    with pytest.raises(AnswerError) as err:
        coerce_answer(posts, "chair,  leaderr")
    assert err.value.problem == "'leaderr' is not one of the choices"  # no spaces kept
    for kind_of, words in ((7, "a number (7)"), ({"a": 1}, "a set of key: value pairs")):
        with pytest.raises(AnswerError) as err:
            coerce_answer(posts, kind_of)
        assert err.value.problem.startswith(f"found {words}; expected the choices that apply")
    one = Question.model_validate(
        {
            "id": "lead",
            "type": "multi-choice",
            "text": "Leader?",
            "choices": [{"id": "leader", "label": "Leader"}],
            "next": "x",
        }
    )
    assert coerce_answer(one, True) == ("leader",) and coerce_answer(one, False) == ()
    assert coerce_answer(one, "yes") == ("leader",) and coerce_answer(one, "No") == ()


def test_long_answers_are_cut_in_messages() -> None:
    kind = the_route().questions[0]
    with pytest.raises(AnswerError) as err:
        coerce_answer(kind, "x" * 1000)
    assert err.value.problem == f"'{'x' * 60}...' is not one of the choices"


def test_unknown_question_ids_are_refused_with_the_known_ones() -> None:
    from routewise.engine.paths import check_answer_ids

    r = the_route()
    check_answer_ids(r, {"kind": "a"})
    with pytest.raises(AnswerError) as err:
        check_answer_ids(r, {"knid": "a"})
    assert err.value.question == "knid" and err.value.valid == ["kind", "when", "note"]
    assert err.value.problem == "route 'test-route' has no such question (did you mean 'kind'?)"
    assert str(err.value).endswith(". Its questions: kind, when, note")
    with pytest.raises(AnswerError) as far:
        check_answer_ids(r, {"zzzzzz": "a"})
    assert far.value.problem == "route 'test-route' has no such question"


def test_an_answer_that_is_not_a_choice_stops_the_walk() -> None:
    with pytest.raises(AnswerError) as err:
        next_node(the_route(), {"kind": "c"})
    assert err.value.question == "kind" and err.value.valid == ["a", "b"]


def two_branch_route() -> Route:
    """`where` first; each branch asks the member's post under its own id, and the second
    branch's question still accepts the id both had when posts were asked before `where`."""
    questions = [
        {
            "id": "where",
            "type": "choice",
            "text": "Where?",
            "choices": [
                {"id": "in", "label": "In", "next": "member-post"},
                {"id": "out", "label": "Out", "next": "note"},
            ],
        },
        {"id": "member-post", "post": "member", "next": "inside"},
        {"id": "note", "type": "text", "text": "Which?", "optional": True, "next": "out-post"},
        {"id": "out-post", "post": "member", "formerly": ["member-post"], "next": "outside"},
    ]
    outcomes = [
        {"id": "inside", "title": "Inside", "steps": [step("a", "anyone")]},
        {"id": "outside", "title": "Outside", "steps": [step("b", "anyone")]},
    ]
    data = route(questions=questions, outcomes=outcomes, parties=["member"])
    return catalogue(data).routes["test-route"]


def test_an_earlier_id_shared_by_two_branches_goes_to_the_question_on_the_path() -> None:
    r = two_branch_route()
    inside = rename_former_ids(r, {"where": "in", "member-post": "chair"})
    assert inside == {"where": "in", "member-post": "chair"}
    # Outside, past an optional question left blank: the answer is the second branch's.
    outside = rename_former_ids(r, {"where": "out", "member-post": "group-leader"})
    assert outside == {"where": "out", "out-post": "group-leader"}
    both = rename_former_ids(r, {"where": "out", "member-post": "chair", "out-post": "none"})
    assert both == {"where": "out", "out-post": "none", "member-post": "chair"}  # off the path


def test_an_unreadable_answer_on_the_way_stops_the_walk_for_the_check_to_report() -> None:
    r = two_branch_route()
    renamed = rename_former_ids(r, {"where": "sideways", "member-post": "chair"})
    assert renamed == {"where": "sideways", "member-post": "chair"}


def test_an_example_takes_the_answers_that_mark_no_step_done() -> None:
    """Issue 18b, item 8: where answers reach an outcome with or without saying steps are
    done, the example is the one with every step still to do, even on a longer path."""
    from tests.inline import catalogue, route, step

    spoken = {
        "id": "spoken",
        "type": "yes-no",
        "text": "Spoken already?",
        "choices": [
            {"id": "yes", "label": "Yes", "next": "only", "done_steps": ["speak"]},
            {"id": "no", "label": "No", "next": "when"},
        ],
    }
    when = {"id": "when", "type": "date", "text": "When?", "next": "only"}
    cat = catalogue(route([step("speak", "member")], questions=[spoken, when]))
    found = example_answers(cat.routes["test-route"], date(2026, 1, 5))
    assert found == {"only": {"spoken": "no", "when": date(2026, 1, 5)}}
