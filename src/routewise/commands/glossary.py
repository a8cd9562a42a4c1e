"""`routewise glossary`: who is who in the plans, in the council's own titles, by the ids
flow files use: the built-in roles and a flow folder's alike."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from routewise.commands.common import load, settings_for


def run(
    config: Path | None,
    plain: bool = False,
    flows: list[Path] | None = None,
    output_format: str = "table",
) -> None:
    from routewise.commands.common import plain_wanted
    from routewise.render.console import console
    from routewise.render.guidance import glossary_text, render_glossary

    catalogue = load(flows, config)
    settings = settings_for(config, None, catalogue)
    if output_format == "json":
        roles = [
            {
                "id": role.id,
                "title": settings.titles.get(role.id) or role.title,
                "description": role.description,
                "party": role.party,
                "post": role.post,
                "of": role.of,
                "stand_in": role.stand_in,
                "distinct_from": role.distinct_from,
                "text": glossary_text(catalogue, role.id, settings.titles),
            }
            for role in catalogue.roles.values()
        ]
        posts = [
            {
                "id": post_set.id,
                "question": post_set.question,
                "posts": [{"id": p.id, "label": p.label, "help": p.help} for p in post_set.posts],
            }
            for post_set in catalogue.post_sets.values()
        ]
        typer.echo(json.dumps({"roles": roles, "post_sets": posts}, indent=2, ensure_ascii=False))
        return
    plain = plain_wanted(plain)
    render_glossary(catalogue, console(plain), settings.titles, plain)
