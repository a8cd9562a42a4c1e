"""One module per command: what it does, next to what it drives.

`routewise.cli.app` holds only the typer signatures and imports a command's module when
that command runs, so each command loads only what it needs.

May import: base, calendar, model, flows, config, engine, render, wizard, register.
"""
