"""`config show` for the terminal: the effective settings and where each came from.

One setting a line, `name: value (from where)`, wrapped at words with a hanging indent: a
table folded long values mid-word at 60 columns (`officers-head-of-se` / `rvice`). Every
value, the config file's path included, goes in as `rich.text.Text`, never as markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from routewise.base.database_url import hidden
from routewise.base.safe_text import visible
from routewise.calendar.regions import REGION_NAMES
from routewise.config.settings import Settings
from routewise.render.wrapping import wrap


def settings_lines(settings: Settings) -> list[tuple[str, str, str]]:
    """(setting, value, where it came from), in the order they are shown."""
    origins = {key: _origin(value, settings) for key, value in settings.origins.items()}
    rows = [
        ("council", settings.council or "(not set)", origins["council"]),
        ("region", f"{settings.region} ({REGION_NAMES[settings.region]})", origins["region"]),
        ("closure days", ", ".join(settings.closure_text) or "(none)", origins["closures"]),
        (
            "plans folder",
            settings.plans_folder or "(not set: your documents folder)",
            origins.get("plans_folder", "default"),
        ),
        (
            "case register",
            hidden(str(settings.database))
            if settings.database
            else "(not set: register.sqlite3 in your user data folder)",
            origins.get("database", "default"),
        ),
        ("user", settings.user or "(not set: your login name)", origins.get("user", "default")),
        ("warn days", f"{settings.warn_days} working days", origins.get("warn_days", "default")),
    ]
    rows += [(f"title: {r}", title, origins["titles"]) for r, title in settings.titles.items()]
    for role_id, contact in settings.contacts.items():
        details = ", ".join(v for v in (contact.name, contact.email, contact.phone) if v)
        rows.append((f"contact: {role_id}", details, origins["contacts"]))
    return rows


def render_settings(settings: Settings, console: Console) -> None:
    width = max(console.width, 20)
    state = "exists" if settings.file_exists else "does not exist: the defaults apply"
    head = wrap(f"Config file ({settings.path_origin}; {state}):", width - 1, "", "  ")
    lines = [Text(line) for line in head]
    lines[0].stylize("bold", 0, len("Config file"))
    path = visible(str(settings.path))
    if console.is_terminal:  # a path too long for the line breaks after a "/", never mid-word
        lines += [Text(line) for line in wrap(path, width - 1, "  ", "  ")]
    else:  # piped or captured: whole, on a line of its own, to copy
        lines.append(Text(f"  {path}"))
    lines.append(Text("Settings (and where each comes from):", style="bold"))
    for name, value, origin in settings_lines(settings):
        said = f"{name}: {value}" + (
            " (the default)" if origin == "default" else f"; from the {origin}"
        )
        for n, line in enumerate(wrap(said, width - 1, "  ", "    ")):
            shown = Text(line)
            if n == 0:
                shown.stylize("bold", 2, 2 + len(visible(name)) + 1)
            lines.append(shown)
    console.print(Text("\n").join(lines), soft_wrap=True, highlight=False, markup=False)


def _origin(origin: str, settings: Settings) -> str:
    """ "config file" rather than the whole path again: it is printed in full above."""
    return "config file" if origin == f"file ({settings.path})" else origin
