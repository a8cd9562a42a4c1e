"""`routewise routes`: the routes, as a table or JSON."""

from __future__ import annotations

import json

import typer

from routewise.commands.common import load


def run(output_format: str, plain: bool = False) -> None:
    catalogue = load()
    if output_format == "json":
        rows = [
            {"id": r.id, "title": r.title, "summary": r.summary} for r in catalogue.routes.values()
        ]
        typer.echo(json.dumps(rows, indent=2))
        return
    from routewise.console import console, plain_wanted
    from routewise.render_terminal import render_routes

    plain = plain_wanted(plain)
    render_routes(catalogue, console(plain), plain)
