"""The plan and the routes as text: terminal, markdown, calendar files and charts.

`plan_view` words what a plan says first (Next, the timeline) once for every output;
`wrapping` wraps terminal text without splitting a date; `console` is the rich console
every command prints with. Renderers never change advice: they word the plan they are given.

May import: base, calendar, model, config, engine.
"""
