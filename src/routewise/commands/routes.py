"""`routewise routes`: the routes, as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def run(
    output_format: str,
    plain: bool = False,
    flows: list[Path] | None = None,
    config: Path | None = None,
) -> None:
    from routewise.commands import flows as flows_cli

    # Listing is how people check a folder: the routes that still run are listed, and a
    # folder with errors then ends the command with one error line (exit 2).
    catalogue, layered = flows_cli.load(flows, config, lambda line: None)
    if output_format == "json":
        typer.echo(json.dumps(flows_cli.route_rows(catalogue, layered), indent=2))
    elif layered is not None:  # flow folders in use: show where each route comes from
        from routewise.base.safe_text import visible
        from routewise.commands.common import plain_wanted
        from routewise.render.console import console as make_console
        from routewise.render.guidance import render_routes as render_list

        plain = plain_wanted(plain)
        out = make_console(plain)
        origins = {row["id"]: row["origin"] for row in flows_cli.route_rows(catalogue, layered)}
        render_list(catalogue, out, plain, origins)
        for line in layered.overrides:
            out.print(visible(line), markup=False, style="dim", soft_wrap=True)
    if layered is not None and layered.errors:
        raise flows_cli.listing_error(layered)
    if output_format == "json" or layered is not None:
        return
    from routewise.commands.common import plain_wanted
    from routewise.render.console import console
    from routewise.render.guidance import render_routes

    plain = plain_wanted(plain)
    render_routes(catalogue, console(plain), plain)
