"""Answers given without prompts: an answers file and `--answer ID=VALUE` options."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from routewise.engine import Answer, check_answer_ids, coerce_answer, rename_former_ids
from routewise.loader import load_yaml
from routewise.models import Id, Person, Route


class AnswersFile(BaseModel):
    """The YAML a user writes to run triage non-interactively."""

    model_config = ConfigDict(extra="forbid")

    route: Id
    raised: date | None = None
    answers: dict[str, Any] = Field(default_factory=dict)
    events: dict[str, date] = Field(default_factory=dict)
    """Dates of later events that periods count from, such as `outcome`."""
    contacts: dict[str, Person] = Field(default_factory=dict)
    """Names for roles that depend on the case, such as the officer's Head of Service."""


def read_answers_file(path: Path) -> AnswersFile:
    answers, _ = load_yaml(path, AnswersFile)
    return answers


def parse_option(text: str, option: str = "--answer") -> tuple[str, str]:
    """Split `ID=VALUE`; the error names the form expected."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        example = "outcome=2026-12-21" if option == "--event" else "officer-post=director"
        raise ValueError(f"{option} {text!r}: expected ID=VALUE, for example {example}")
    return key.strip(), value.strip()


def coerce_all(route: Route, raw: dict[str, Any]) -> dict[str, Answer]:
    """Check every answer against its question; unknown question ids are errors."""
    check_answer_ids(route, raw)
    raw = rename_former_ids(route, raw)
    result: dict[str, Answer] = {}
    for question in route.questions:
        if question.id in raw:
            result[question.id] = coerce_answer(question, raw[question.id])
    return result
