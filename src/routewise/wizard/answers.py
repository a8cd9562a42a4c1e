"""Answers given without prompts: an answers file and `--answer ID=VALUE` options."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from routewise.base.errors import AnswerError, UserError, argument_text
from routewise.base.safe_text import quoted
from routewise.calendar.dates import FORMS, check_year, parse_day
from routewise.engine.paths import Answer, check_answer_ids, coerce_answer, rename_former_ids
from routewise.flows.reading import read_model
from routewise.model.common import Id
from routewise.model.person import Person
from routewise.model.route import Route


def _file_day(value: object) -> date:
    """A date (YYYY-MM-DD or DD/MM/YYYY) in range: never a number read as seconds since 1970."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return check_year(value)
    if isinstance(value, str):
        return parse_day(value)
    raise ValueError(f"expected a date as {FORMS}")


FileDay = Annotated[date, BeforeValidator(_file_day)]
"""A date in an answers file: the same forms and checks as on the command line."""


class AnswersFile(BaseModel):
    """The YAML a user writes to run triage non-interactively."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    route: Id
    raised: FileDay | None = None
    answers: dict[str, Any] = Field(default_factory=dict)
    events: dict[str, FileDay] = Field(default_factory=dict)
    """Dates of later events that periods count from, such as `outcome`."""
    contacts: dict[str, Person] = Field(default_factory=dict)
    """Names for roles that depend on the case, such as the officer's Head of Service."""


def read_answers_file(path: Path) -> AnswersFile:
    return read_model(path, AnswersFile)


def parse_option(text: str, option: str = "--answer") -> tuple[str, str]:
    """Split `ID=VALUE`; the error names the form expected."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        example = "outcome=2026-12-21" if option == "--event" else "officer-post=director"
        raise UserError(f"{option} {quoted(text)}: expected ID=VALUE, for example {example}")
    key, _, value = argument_text(text, option).partition("=")
    return key.strip(), value.strip()


def parse_options(options: list[str], option: str = "--answer") -> dict[str, str]:
    """Every `--answer` (or `--event`), each id at most once: a repeat would drop one."""
    found: dict[str, str] = {}
    for text in options:
        key, value = parse_option(text, option)
        if key in found:
            raise UserError(
                f"{option} {quoted(key)} is given twice ({quoted(found[key])} and "
                f"{quoted(value)}); give each one value"
            )
        found[key] = value
    return found


def coerce_all(route: Route, raw: Mapping[str, Any]) -> dict[str, Answer]:
    """Check every answer against its question; unknown question ids are errors."""
    check_answer_ids(route, raw)
    raw = rename_former_ids(route, raw)
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
