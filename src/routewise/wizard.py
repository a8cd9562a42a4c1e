"""The interactive questions of `routewise triage`: the only module that prompts.

It walks the same decision tree as the non-interactive path (engine.next_node),
so both ask exactly the questions the route file defines. Prompts use
`unsafe_ask`, so Ctrl-C reaches the CLI as KeyboardInterrupt instead of being
swallowed and read as an empty answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import questionary

from routewise.calendar import EARLIEST_YEAR, LATEST_YEAR, REGION_NAMES, REGIONS
from routewise.config import ConfigFile, Contact, parse_closure
from routewise.engine import Answer, next_node
from routewise.files import FileExists, check_target
from routewise.models import Catalogue, Outcome, Question, Route
from routewise.person import Person
from routewise.safe_text import shown

BACK = "\x00back"
"""The value of the "Back" choice: no choice id can look like it."""
_BACK_CHOICE_TITLE = "Back to the previous question"


@dataclass(frozen=True)
class WizardResult:
    route: Route | None
    """None when the user chose "none of these"."""
    answers: dict[str, Answer]
    raised: date
    events: dict[str, date]


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


def ask_question(question: Question, default_date: date, can_go_back: bool = False) -> Answer:
    """Ask one question; a choice question offers "Back" last, returning BACK."""
    message = question.text or question.id
    if question.help:
        message = f"{message}\n  ({question.help})"
    if question.type == "multi-choice":
        return _ask_posts(question, message, can_go_back)
    if question.choices:
        choices = [questionary.Choice(title=c.label, value=c.id) for c in question.choices]
        if can_go_back:
            choices.append(questionary.Choice(title=_BACK_CHOICE_TITLE, value=BACK))
        answer = questionary.select(message, choices=choices).unsafe_ask()
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


NONE_OF_THESE = "\x00none"


def _ask_posts(question: Question, message: str, can_go_back: bool) -> Answer:
    """Posts a party may hold several of: a tick list, or one choice when there is one post."""
    if len(question.choices) == 1:
        only = question.choices[0]
        choices = [
            questionary.Choice(title=only.label, value=only.id),
            questionary.Choice(title="None of these", value=NONE_OF_THESE),
        ]
        if can_go_back:
            choices.append(questionary.Choice(title=_BACK_CHOICE_TITLE, value=BACK))
        answer = str(questionary.select(message, choices=choices).unsafe_ask())
        if answer == BACK:
            return BACK
        return () if answer == NONE_OF_THESE else (answer,)
    picked = questionary.checkbox(
        message,
        choices=[questionary.Choice(title=c.label, value=c.id) for c in question.choices],
        instruction="(Space ticks each that applies, Enter when done; none if none apply)",
    ).unsafe_ask()
    return tuple(c.id for c in question.choices if c.id in (picked or []))


def ask_events(route: Route, outcome: Outcome, raised: date, today: date) -> dict[str, date]:
    """Dates of later events the outcome's periods count from; each may be left open."""
    wanted = {s.deadline.counts_from for s in outcome.steps if s.deadline}
    found: dict[str, date] = {}
    for event in route.events:
        if event.id not in wanted:
            continue

        def valid(text: str) -> bool | str:
            if not text.strip():
                return True
            day = _parse_date(text)
            if day is None:
                return f"Enter a date as YYYY-MM-DD, between {EARLIEST_YEAR} and {LATEST_YEAR}"
            return True if day >= raised else "That is before the date the matter was raised"

        text = str(
            questionary.text(
                f"{event.question} (YYYY-MM-DD; Enter if not yet: the plan leaves it undated)",
                validate=valid,
            ).unsafe_ask()
        ).strip()
        if text:
            day = _parse_date(text)
            assert day is not None, "validated above"
            found[event.id] = day
    return found


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
    raised: date | None = None,
) -> WizardResult:
    """Ask whatever the command line did not already answer.

    Choice questions offer "Back": it undoes the last answer (or the choice of
    route, when the route was chosen here), so a slip never means starting again.
    """
    route_chosen_here = route is None
    while True:
        if route is None:
            route = ask_route(catalogue)
            if route is None:
                return WizardResult(None, {}, raised or today, {})
        answers: dict[str, Answer] = {}
        asked: list[str] = []
        while isinstance(node := next_node(route, answers), Question):
            can_go_back = bool(asked) or route_chosen_here
            answer = ask_question(node, raised or today, can_go_back)
            if answer != BACK:  # a tuple (posts) is never BACK
                answers[node.id] = answer
                asked.append(node.id)
            elif asked:
                del answers[asked.pop()]
            else:
                break  # back to the choice of route
        else:
            if raised is None:
                raised = ask_raised(route, today)
            events = ask_events(route, node, raised, today)
            return WizardResult(route, answers, raised, events)
        route = None


def _validate_save_name(text: str) -> bool | str:
    name = text.strip()
    if not name:
        return "Enter a file name"
    if Path(name).expanduser().is_dir():
        return "That is a folder: enter a file name"
    return True


def offer_save(default_name: str) -> tuple[Path, bool] | None:
    """Ask whether and where to save the markdown; (path, overwrite) or None.

    Ctrl-C or Ctrl-D at any of these prompts reach the CLI as a cancel (exit 130).
    """
    if not questionary.confirm("Save this plan as markdown?", default=False).unsafe_ask():
        return None
    while True:
        name = str(
            questionary.text(
                "File to save to", default=default_name, validate=_validate_save_name
            ).unsafe_ask()
        ).strip()
        path = Path(name).expanduser()
        try:
            check_target(path)
        except FileExists:
            question = f"{shown(path)} already exists. Overwrite it?"
            if questionary.confirm(question, default=False).unsafe_ask():
                return path, True
            continue
        return path, False


def ask_case_contacts(catalogue: Catalogue, role_ids: list[str]) -> dict[str, Person]:
    """Names for roles that depend on the case (the officer's Head of Service…): optional."""
    found: dict[str, Person] = {}
    for role_id in role_ids:
        title = catalogue.roles[role_id].title
        name = str(
            questionary.text(f"Who is {title}? Name (optional: Enter to skip)").unsafe_ask()
        ).strip()
        if not name:
            continue
        email = str(questionary.text(f"Email for {name} (optional)").unsafe_ask()).strip()
        phone = str(questionary.text(f"Phone for {name} (optional)").unsafe_ask()).strip()
        found[role_id] = Person(name=name, email=email or None, phone=phone or None)
    return found


def _validate_closures(text: str) -> bool | str:
    try:
        for part in _split(text):
            parse_closure(part)
    except ValueError as exc:
        return str(exc)
    return True


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]


SETTING_LIMIT = 200
"""The longest name, email, phone or title the config file accepts (config.Text)."""


def _validate_setting(text: str) -> bool | str:
    """Checked as it is typed, so a long answer is asked again instead of losing the rest."""
    length = len(text.strip())
    if length > SETTING_LIMIT:
        return f"At most {SETTING_LIMIT} characters, please (this is {length})"
    return True


def _setting(message: str, default: str) -> str:
    answer = questionary.text(message, default=default, validate=_validate_setting).unsafe_ask()
    return str(answer).strip()


def ask_config(catalogue: Catalogue, existing: ConfigFile | None) -> ConfigFile:
    """The questions of `routewise config init`, defaulting to what the file already says.

    Every answer is checked as it is typed. Ctrl-C or Ctrl-D at any prompt
    (KeyboardInterrupt or EOFError) reaches the CLI, which writes nothing.
    """
    old = existing or ConfigFile()
    council = _setting("Council name (optional)", old.council or "")
    region = questionary.select(
        "Which bank holidays apply?",
        choices=[questionary.Choice(title=REGION_NAMES[r], value=r) for r in REGIONS],
        default=old.region or "england-and-wales",
    ).unsafe_ask()
    closures = str(
        questionary.text(
            "Council closure days, separated by commas (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD; "
            "Enter for none)",
            default=", ".join(old.closures),
            validate=_validate_closures,
        ).unsafe_ask()
    )
    contacts = {role: Contact(**c.model_dump()) for role, c in old.contacts.items()}
    fixed_roles = [r for r in catalogue.roles.values() if not r.party and not r.of]
    while questionary.confirm(
        "Add or change a named contact for a role?", default=not contacts
    ).unsafe_ask():
        role_id = questionary.select(
            "Which role?",
            choices=[questionary.Choice(title=r.title, value=r.id) for r in fixed_roles],
        ).unsafe_ask()
        current = contacts.get(role_id, Contact())
        name = _setting("Name", current.name or "")
        email = _setting("Email", current.email or "")
        phone = _setting("Phone", current.phone or "")
        contacts[role_id] = Contact(name=name or None, email=email or None, phone=phone or None)
    titles = dict(old.titles)
    while questionary.confirm(
        "Does your council use a different title for a role?", default=False
    ).unsafe_ask():
        roles = [r for r in catalogue.roles.values() if not r.party]
        role_id = questionary.select(
            "Which role?",
            choices=[questionary.Choice(title=r.title, value=r.id) for r in roles],
        ).unsafe_ask()
        title = _setting("Title as your council writes it", titles.get(role_id, ""))
        if title:
            titles[role_id] = title
    return ConfigFile(
        council=council or None,
        region=region,
        closures=_split(closures),
        titles=titles,
        contacts={r: c for r, c in contacts.items() if c.name or c.email or c.phone},
    )


def confirm(message: str) -> bool:
    """Yes or no, default no; Ctrl-C or Ctrl-D reach the CLI as a cancel."""
    return bool(questionary.confirm(message, default=False).unsafe_ask())
