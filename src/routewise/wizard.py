"""The interactive questions of `routewise triage`: the only module that prompts.

It walks the same decision tree as the non-interactive path (engine.next_node),
so both ask exactly the questions the route file defines. Prompts use
`unsafe_ask`, so Ctrl-C reaches the CLI as KeyboardInterrupt instead of being
swallowed and read as an empty answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import questionary

from routewise.calendar import EARLIEST_YEAR, LATEST_YEAR
from routewise.engine import Answer, next_node
from routewise.loader import Catalogue
from routewise.models import Question, Route


@dataclass(frozen=True)
class WizardResult:
    route: Route | None
    """None when the user chose "none of these"."""
    answers: dict[str, Answer]
    raised: date


def _parse_date(text: str) -> date | None:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return day if EARLIEST_YEAR <= day.year <= LATEST_YEAR else None


def _validate_date(text: str) -> bool | str:
    if _parse_date(text) is None:
        return f"Enter a date as YYYY-MM-DD, between {EARLIEST_YEAR} and {LATEST_YEAR}"
    return True


def ask_route(catalogue: Catalogue) -> Route | None:
    question = catalogue.triage.question
    choice_id = questionary.select(
        question.text,
        choices=[questionary.Choice(title=c.label, value=c.id) for c in question.choices],
    ).unsafe_ask()
    choice = next(c for c in question.choices if c.id == choice_id)
    return catalogue.routes[choice.route] if choice.route else None


def ask_question(question: Question, default_date: date) -> Answer:
    message = question.text
    if question.help:
        message = f"{message}\n  ({question.help})"
    if question.choices:
        answer = questionary.select(
            message,
            choices=[questionary.Choice(title=c.label, value=c.id) for c in question.choices],
        ).unsafe_ask()
        return str(answer)
    if question.type == "date":
        text = questionary.text(
            f"{message} (YYYY-MM-DD)", default=default_date.isoformat(), validate=_validate_date
        ).unsafe_ask()
        parsed = _parse_date(str(text))
        assert parsed is not None, "validated above"
        return parsed

    def required(text: str) -> bool | str:
        return True if question.optional or text.strip() else "An answer is needed"

    return str(questionary.text(message, validate=required).unsafe_ask()).strip()


def ask_raised(route: Route | None, today: date) -> date:
    prompt = route.raised_prompt if route else "When was the matter raised?"
    text = questionary.text(
        f"{prompt} (YYYY-MM-DD)", default=today.isoformat(), validate=_validate_date
    ).unsafe_ask()
    parsed = _parse_date(str(text))
    assert parsed is not None, "validated above"
    return parsed


def run(
    catalogue: Catalogue,
    today: date,
    route: Route | None = None,
    given: Mapping[str, Answer] | None = None,
    raised: date | None = None,
) -> WizardResult:
    """Ask whatever the command line did not already answer."""
    if route is None:
        route = ask_route(catalogue)
        if route is None:
            return WizardResult(None, {}, raised or today)
    answers: dict[str, Answer] = dict(given or {})
    while isinstance(node := next_node(route, answers), Question):
        answers[node.id] = ask_question(node, raised or today)
    if raised is None:
        raised = ask_raised(route, today)
    return WizardResult(route, answers, raised)


def offer_save(default_name: str) -> tuple[Path, bool] | None:
    """Ask whether and where to save the markdown; (path, overwrite) or None."""
    if not questionary.confirm("Save this plan as markdown?", default=False).unsafe_ask():
        return None
    while True:
        name = str(
            questionary.text(
                "File to save to",
                default=default_name,
                validate=lambda t: bool(t.strip()) or "Enter a file name",
            ).unsafe_ask()
        ).strip()
        path = Path(name).expanduser()
        if not path.exists():
            return path, False
        if questionary.confirm(f"{path} already exists. Overwrite it?", default=False).unsafe_ask():
            return path, True
