"""`routewise glossary`: who is who in the plans, in the council's own titles."""

from __future__ import annotations

from pathlib import Path

from routewise.commands.common import load, settings_for


def run(config: Path | None, plain: bool = False) -> None:
    from routewise.commands.common import plain_wanted
    from routewise.render.console import console
    from routewise.render.guidance import render_glossary

    catalogue = load(None, config)
    settings = settings_for(config, None, catalogue)
    plain = plain_wanted(plain)
    render_glossary(catalogue, console(plain), settings.titles, plain)
