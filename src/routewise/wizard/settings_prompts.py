"""The questions of `routewise config init`, and the contacts a case names: every answer
checked as it is typed, so a mistake is asked again instead of losing the rest.

Every message and choice is wrapped at word boundaries, and a refused answer's reason is
shown whole under its question: at 60 columns nothing is cut.
"""

from __future__ import annotations

from collections.abc import Mapping

import questionary

from routewise.base.safe_text import bidi_problem
from routewise.calendar.regions import REGION_NAMES, REGIONS
from routewise.config.settings import ConfigFile, Contact, closure_iso, parse_closure
from routewise.model.catalogue import Catalogue
from routewise.model.person import Person, email_problem
from routewise.wizard.asker import ask_line, wrapped_label
from routewise.wizard.keys import with_keys
from routewise.wizard.screen import not_utf8, say, screen_width, wrapped

SETTING_LIMIT = 200
"""The longest name, email, phone or title the config file accepts (config.Text)."""


def ask_case_contacts(
    catalogue: Catalogue, role_ids: list[str], titles: Mapping[str, str] | None = None
) -> dict[str, Person]:
    """Names for roles that depend on the case (the officer's Head of Service…): optional."""
    found: dict[str, Person] = {}
    for role_id in role_ids:
        title = (titles or {}).get(role_id) or catalogue.roles[role_id].title
        say(f"Who is {title}? (optional: Enter to skip)")
        name = ask_line("Name", check=setting_problem)
        if not name:
            continue
        email = ask_line(f"Email for {name} (optional)", check=email_setting_problem)
        phone = ask_line(f"Phone for {name} (optional)", check=setting_problem)
        found[role_id] = Person(name=name, email=email or None, phone=phone or None)
    return found


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]


def closures_problem(text: str) -> str | None:
    """Why the closure days typed cannot be used, naming the item that is wrong; None if
    every one is a date or a range (DD/MM/YYYY or YYYY-MM-DD, as every date typed)."""
    parts = _split(text)
    for number, part in enumerate(parts, start=1):
        try:
            parse_closure(part)
        except ValueError as exc:
            which = f"Item {number} of {len(parts)}: " if len(parts) > 1 else ""
            return f"{which}{exc}"
    return None


def validate_closures(text: str) -> bool | str:
    """`closures_problem` as questionary's validators answer: True, or the reason."""
    return closures_problem(text) or True


def setting_problem(text: str) -> str | None:
    """Checked as it is typed, so a long answer is asked again instead of losing the rest;
    a hidden character that reverses text is refused in a name, an email or a phone."""
    if (problem := not_utf8(text)) is not None:
        return problem
    if (problem := bidi_problem(text)) is not None:
        return f"That cannot be used: {problem}"
    length = len(text.strip())
    if length > SETTING_LIMIT:
        return f"At most {SETTING_LIMIT} characters, please (this is {length})"
    return None


def email_setting_problem(text: str) -> str | None:
    """An email: empty, or an address (a plan sends people to it)."""
    checked = setting_problem(text)
    if checked is None and text.strip() and (problem := email_problem(text)) is not None:
        return f"That is not an email address: {problem}"
    return checked


def validate_setting(text: str) -> bool | str:
    return setting_problem(text) or True


def validate_email_setting(text: str) -> bool | str:
    return email_setting_problem(text) or True


def _select(message: str, choices: list[tuple[str, str]], default: str | None = None) -> str:
    """A pick-one list whose question and choices wrap at words (never cut at 60 columns)."""
    width = screen_width() - 5
    question = questionary.select(
        wrapped(message, 2, 2),
        choices=[questionary.Choice(title=wrapped_label(t, width), value=v) for v, t in choices],
        default=default,
    )
    # Erased once answered and printed again, wrapped: questionary's own answer line put a
    # wrapped choice's line break inside it, and the terminal cut it ("Director of / and").
    answer = str(with_keys(question, back=False, helps=False).unsafe_ask())
    say(f"? {message}", hang=2)
    say(f"> {dict(choices)[answer]}", indent=2, hang=2)
    return answer


def _confirm(message: str, default: bool) -> bool:
    return bool(questionary.confirm(wrapped(message, 2, 2), default=default).unsafe_ask())


def ask_config(catalogue: Catalogue, existing: ConfigFile | None) -> ConfigFile:
    """The questions of `routewise config init`, defaulting to what the file already says.

    Every answer is checked as it is typed. Ctrl-C or Ctrl-D at any prompt
    (KeyboardInterrupt or EOFError) reaches the CLI, which writes nothing.
    """
    old = existing or ConfigFile()
    council = ask_line("Council name (optional)", old.council or "", setting_problem)
    region = _select(
        "Which bank holidays apply?",
        [(r, REGION_NAMES[r]) for r in REGIONS],
        old.region or "england-and-wales",
    )
    closures = ask_line(
        "Council closure days, separated by commas",
        ", ".join(old.closures),
        closures_problem,
        hint="(each DD/MM/YYYY, or a range such as 24/12/2026..31/12/2026; Enter for none)",
    )
    contacts = {role: Contact(**c.model_dump()) for role, c in old.contacts.items()}
    # Only roles a council names one person for: never "you", "either party" or a role
    # that depends on the case (the triage asks for those).
    named = [r for r in catalogue.roles.values() if r.named_in_config]
    while _confirm("Add or change a named contact for a role?", default=not contacts):
        role_id = _select("Which role?", [(r.id, r.title) for r in named])
        current = contacts.get(role_id, Contact())
        name = ask_line("Name", current.name or "", setting_problem)
        email = ask_line("Email", current.email or "", email_setting_problem)
        phone = ask_line("Phone", current.phone or "", setting_problem)
        contacts[role_id] = Contact(name=name or None, email=email or None, phone=phone or None)
    titles = dict(old.titles)
    while _confirm("Does your council use a different title for a role?", default=False):
        roles = [r for r in catalogue.roles.values() if not r.party]
        role_id = _select("Which role?", [(r.id, r.title) for r in roles])
        current_title = titles.get(role_id, "")
        title = ask_line("Title as your council writes it", current_title, setting_problem)
        if title:
            titles[role_id] = title
    # Settings not asked about here (flow folders, the plans folder, the case register's
    # file, the user's name, warn_days) are kept as the file has them: a dropped `database`
    # would quietly start a new, empty case register.
    return old.model_copy(
        update={
            "council": council or None,
            "region": region,
            "closures": [closure_iso(c) for c in _split(closures)],
            "titles": titles,
            "contacts": {r: c for r, c in contacts.items() if c.name or c.email or c.phone},
        }
    )


def confirm(message: str) -> bool:
    """Yes or no, default no; Ctrl-C or Ctrl-D reach the CLI as a cancel."""
    return _confirm(message, default=False)
