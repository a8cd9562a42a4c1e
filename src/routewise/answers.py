"""Answers given without prompts: an answers file and `--answer ID=VALUE` options."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from routewise.config import Contact
from routewise.dates import check_year, parse_day
from routewise.engine import Answer, check_answer_ids, coerce_answer, path_questions
from routewise.errors import AnswerError, UserError
from routewise.loader import load_yaml
from routewise.models import Id, Route
from routewise.safe_text import quoted


class AnswersFile(BaseModel):
    """The YAML a user writes to run triage non-interactively."""

    model_config = ConfigDict(extra="forbid")

    route: Id
    raised: date | None = None
    answers: dict[str, Any] = Field(default_factory=dict)
    contacts: dict[str, Contact] = Field(default_factory=dict)
    """Names for roles that depend on the case, such as the officer's Head of Service."""

    @field_validator("raised", mode="before")
    @classmethod
    def _raised(cls, value: object) -> date | None:
        """A date as YYYY-MM-DD in range: never a number read as seconds since 1970."""
        if value is None:
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return check_year(value)
        if isinstance(value, str):
            return parse_day(value)
        raise ValueError("expected a date as YYYY-MM-DD, for example 2026-12-21")


def read_answers_file(path: Path) -> AnswersFile:
    answers, _ = load_yaml(path, AnswersFile)
    return answers


def parse_option(text: str) -> tuple[str, str]:
    """Split `ID=VALUE`; the error names the form expected."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise UserError(
            f"--answer {quoted(text)}: expected QUESTION-ID=VALUE, for example "
            "officer-role=director"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(
            f"--answer {quoted(text)}: not valid UTF-8 text; check the terminal's encoding"
        ) from None
    return key.strip(), value.strip()


def parse_options(options: list[str]) -> dict[str, str]:
    """Every `--answer`, each question at most once: a repeat would silently drop one."""
    found: dict[str, str] = {}
    for option in options:
        key, value = parse_option(option)
        if key in found:
            raise UserError(
                f"--answer {quoted(key)} is given twice ({quoted(found[key])} and "
                f"{quoted(value)}); give each question one answer"
            )
        found[key] = value
    return found


def coerce_all(route: Route, raw: Mapping[str, Any]) -> dict[str, Answer]:
    """Check every answer against its question; unknown question ids are errors."""
    check_answer_ids(route, raw)
    result: dict[str, Answer] = {}
    for question in route.questions:
        if question.id in raw:
            answer = coerce_answer(question, raw[question.id])
            if isinstance(answer, date):
                try:
                    check_year(answer)
                except ValueError as exc:
                    raise AnswerError(question.id, str(exc), []) from None
            result[question.id] = answer
    return result


def unused(route: Route, answers: Mapping[str, Answer]) -> list[str]:
    """Answers to questions the path never reaches: kept out of the plan, so say so."""
    asked = {q.id for q in path_questions(route, answers)}
    return [question_id for question_id in answers if question_id not in asked]
