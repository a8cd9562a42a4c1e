"""Small catalogues written inline, so each engine stage is tested on routes built for the test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from routewise.flows.post_questions import expand_post_questions
from routewise.model.catalogue import Catalogue
from routewise.model.roles import PostSet, Role
from routewise.model.route import Route
from routewise.model.triage import TriageFile

DOCS = [{"id": "doc", "file": "doc.txt", "title": "A Test Protocol", "short": "Test Protocol"}]
OFFICER_POSTS = {
    "id": "officer-posts",
    "question": "What is the post of {party}?",
    "ranked": True,
    "posts": [
        {"id": "officer", "label": "An officer"},
        {"id": "head", "label": "A Head of Service"},
        {"id": "director", "label": "A Director"},
        {"id": "chief", "label": "The Chief Executive"},
    ],
}
MEMBER_POSTS = {
    "id": "member-posts",
    "question": "Does {party} hold any of these posts?",
    "multiple": True,
    "posts": [{"id": "group-leader", "label": "Leads a group"}, {"id": "chair", "label": "Chair"}],
}
ROLES: list[dict[str, Any]] = [
    {"id": "officer", "title": "the officer", "party": True, "posts": "officer-posts"},
    {"id": "member", "title": "the member", "party": True, "posts": "member-posts"},
    {"id": "head", "title": "the officer's Head", "post": "head", "of": "officer"},
    {"id": "director", "title": "the officer's Director", "post": "director", "of": "officer"},
    {"id": "chief", "title": "the Chief Executive", "post": "chief"},
    {"id": "group-leader", "title": "the Group Leader", "post": "group-leader", "of": "member"},
    {"id": "chair", "title": "the Chair", "post": "chair", "stand_in": "vice-chair"},
    {"id": "vice-chair", "title": "the Vice-Chair"},
    {"id": "monitoring-officer", "title": "the Monitoring Officer"},
    {"id": "anyone", "title": "whoever deals with it"},
    {"id": "you", "title": "you"},
]
SOURCE = {"document": "doc", "section": "One", "paragraph": 1}


def step(
    step_id: str, actor: Any, contacts: list[Any] | None = None, **extra: Any
) -> dict[str, Any]:
    """A step in flow-file form, with a source so it validates."""
    return {
        "id": step_id,
        "actor": actor,
        "contacts": contacts or [],
        "action": f"Do {step_id}.",
        "source": SOURCE,
        **extra,
    }


def route(
    steps: list[dict[str, Any]] | None = None,
    questions: list[dict[str, Any]] | None = None,
    outcomes: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A route: by default one post question for each party, then one outcome."""
    if questions is None:
        questions = [
            {"id": "officer-post", "post": "officer", "next": "member-post"},
            {"id": "member-post", "post": "member", "next": "only"},
        ]
    if outcomes is None:
        outcomes = [{"id": "only", "title": "The only outcome", "steps": steps or []}]
    return {
        "id": "test-route",
        "title": "A test route",
        "summary": "For tests.",
        "parties": ["officer", "member"],
        "source": SOURCE,
        "start": questions[0]["id"] if questions else outcomes[0]["id"],
        "questions": questions,
        "outcomes": outcomes,
        **extra,
    }


def catalogue(*routes: dict[str, Any], roles: list[dict[str, Any]] | None = None) -> Catalogue:
    """A checked-shape catalogue from inline routes, post questions filled in as the loader does."""
    triage = TriageFile.model_validate(
        {
            "documents": DOCS,
            "question": {
                "id": "situation",
                "text": "What?",
                "choices": [{"id": r["id"], "label": r["title"], "route": r["id"]} for r in routes]
                + [{"id": "none", "label": "None", "advice": True}],
            },
            "general_advice": {
                "actor": "you",
                "contacts": ["monitoring-officer"],
                "action": "Ask the Monitoring Officer.",
            },
        }
    )
    base = Catalogue(
        directory=Path("."),
        post_sets={p["id"]: PostSet.model_validate(p) for p in (OFFICER_POSTS, MEMBER_POSTS)},
        roles={r["id"]: Role.model_validate(r) for r in (roles or ROLES)},
        triage=triage,
        routes={},
    )
    parsed = {r["id"]: Route.model_validate(r) for r in routes}
    return Catalogue(
        directory=base.directory,
        post_sets=base.post_sets,
        roles=base.roles,
        triage=triage,
        routes={k: expand_post_questions(base, v) for k, v in parsed.items()},
    )
