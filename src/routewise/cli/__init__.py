"""The edge of the program: typer signatures and the process around them.

`app` declares the commands and options and hands each to its module in
`routewise.commands`; `process` turns usage errors, closed pipes and Ctrl-C into one line
and an exit code.

May import: base, calendar, model, flows, config, engine, render, wizard, register, commands.
"""
