"""The interactive questions of `routewise triage` and `config init`, and answers given
without prompts.

`logic` holds the wizard's decisions as pure functions; the prompt modules are the only
places that prompt. `answers` reads an answers file and `--answer` options.

May import: base, calendar, model, flows, config, engine, render.
"""
