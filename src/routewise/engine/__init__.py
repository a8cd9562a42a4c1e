"""The pure core: from a route and answers to an action plan, in stages.

paths (the decision tree) -> roles (posts and conflicts) -> ladder (rungs and relinking)
-> deadlines -> assemble. No I/O, no prompts, no rendering and no YAML: the wizard and the
non-interactive answers both come through here.

May import: base, calendar, model.
"""
