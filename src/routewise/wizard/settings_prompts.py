"""The questions of `routewise config init`, and the contacts a case names: every answer
checked as it is typed, so a mistake is asked again instead of losing the rest."""

from __future__ import annotations

from collections.abc import Mapping

import questionary

from routewise.calendar.regions import REGION_NAMES, REGIONS
from routewise.config.settings import ConfigFile, Contact, parse_closure
from routewise.model.catalogue import Catalogue
from routewise.model.person import Person, email_problem
from routewise.wizard.screen import not_utf8, say, wrapped


def ask_case_contacts(
    catalogue: Catalogue, role_ids: list[str], titles: Mapping[str, str] | None = None
) -> dict[str, Person]:
    """Names for roles that depend on the case (the officer's Head of Service…): optional."""
    found: dict[str, Person] = {}
    for role_id in role_ids:
        title = (titles or {}).get(role_id) or catalogue.roles[role_id].title
        say(f"Who is {title}? (optional: Enter to skip)")
        name = _contact_detail("Name")
        if not name:
            continue
        email = _contact_detail(f"Email for {name} (optional)", email=True)
        phone = _contact_detail(f"Phone for {name} (optional)")
        found[role_id] = Person(name=name, email=email or None, phone=phone or None)
    return found


def _contact_detail(message: str, email: bool = False) -> str:
    """One line of a contact, at most 200 characters (what a plan and the config hold);
    with `email`, empty or an email address."""

    def short(text: str) -> bool | str:
        if (problem := not_utf8(text)) is not None:
            return problem
        if email and text.strip() and (problem := email_problem(text)) is not None:
            return f"That is not an email address: {problem}"
        return len(text.strip()) <= 200 or "At most 200 characters, please"

    return str(questionary.text(wrapped(message, 2, 2), validate=short).unsafe_ask()).strip()


def validate_closures(text: str) -> bool | str:
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


def validate_setting(text: str) -> bool | str:
    """Checked as it is typed, so a long answer is asked again instead of losing the rest."""
    if (problem := not_utf8(text)) is not None:
        return problem
    length = len(text.strip())
    if length > SETTING_LIMIT:
        return f"At most {SETTING_LIMIT} characters, please (this is {length})"
    return True


def validate_email_setting(text: str) -> bool | str:
    """An email in the config: empty, or an address (a plan sends people to it)."""
    checked = validate_setting(text)
    if checked is True and text.strip() and (problem := email_problem(text)) is not None:
        return f"That is not an email address: {problem}"
    return checked


def _setting(message: str, default: str, email: bool = False) -> str:
    check = validate_email_setting if email else validate_setting
    answer = questionary.text(message, default=default, validate=check).unsafe_ask()
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
            validate=validate_closures,
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
        email = _setting("Email", current.email or "", email=True)
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
    # Settings not asked about here (flow folders, the plans folder, the case register's
    # file, the user's name, warn_days) are kept as the file has them: a dropped `database`
    # would quietly start a new, empty case register.
    return old.model_copy(
        update={
            "council": council or None,
            "region": region,
            "closures": _split(closures),
            "titles": titles,
            "contacts": {r: c for r, c in contacts.items() if c.name or c.email or c.phone},
        }
    )


def confirm(message: str) -> bool:
    """Yes or no, default no; Ctrl-C or Ctrl-D reach the CLI as a cancel."""
    return bool(questionary.confirm(message, default=False).unsafe_ask())
