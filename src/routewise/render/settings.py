"""`config show` for the terminal: the effective settings and where each came from.

Every value, the config file's path included, goes in as `rich.text.Text`,
never as markup, and long values fold instead of being cut off.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from routewise.base.safe_text import visible
from routewise.calendar.regions import REGION_NAMES
from routewise.config.settings import Settings


def _t(text: str) -> Text:
    return Text(visible(text))


def render_settings(settings: Settings, console: Console) -> None:
    path = visible(str(settings.path))
    state = "exists" if settings.file_exists else "does not exist: the defaults apply"
    # The path has a line of its own, never folded, so it can be copied whole; the words
    # about it wrap at the terminal's width.
    console.print(Text.assemble(("Config file", "bold"), f" ({settings.path_origin}; {state}):"))
    console.print(Text.assemble("  ", path), soft_wrap=True)
    table = Table("setting", "value", "from")
    for column in table.columns:
        column.overflow = "fold"
    origins = {key: _t(_origin(value, settings)) for key, value in settings.origins.items()}
    table.add_row("council", _t(settings.council or "(not set)"), origins["council"])
    region = f"{settings.region} ({REGION_NAMES[settings.region]})"
    table.add_row("region", _t(region), origins["region"])
    closures = ", ".join(settings.closure_text) or "(none)"
    table.add_row("closure days", _t(closures), origins["closures"])
    folder = settings.plans_folder or "(not set: your documents folder)"
    table.add_row("plans folder", _t(folder), origins.get("plans_folder", _t("default")))
    default_database = "(not set: register.sqlite3 in your user data folder)"
    database = str(settings.database) if settings.database else default_database
    table.add_row("case register", _t(database), origins.get("database", _t("default")))
    user = settings.user or "(not set: your login name)"
    table.add_row("user", _t(user), origins.get("user", _t("default")))
    warn = f"{settings.warn_days} working days"
    table.add_row("warn days", _t(warn), origins.get("warn_days", _t("default")))
    for role_id, title in settings.titles.items():
        table.add_row(_t(f"title: {role_id}"), _t(title), origins["titles"])
    for role_id, contact in settings.contacts.items():
        details = ", ".join(v for v in (contact.name, contact.email, contact.phone) if v)
        table.add_row(_t(f"contact: {role_id}"), _t(details), origins["contacts"])
    console.print(table)


def _origin(origin: str, settings: Settings) -> str:
    """ "file" rather than the whole path again: it is printed in full above the table."""
    return "config file" if origin == f"file ({settings.path})" else origin
