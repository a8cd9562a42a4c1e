"""The pure core: from a route and answers to an action plan, in stages.

paths (the decision tree) -> roles (posts and conflicts) -> ladder (rungs and
relinking) -> deadlines -> assemble. No I/O, no prompts, no rendering, and no
YAML: the wizard and the non-interactive answers both come through here.

The names below are imported from their stage on first use (PEP 562): the wizard
needs only `paths` to ask its first question, not the stages that build a plan.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from routewise.engine.assemble import advice_plan, build_plan, check_events
    from routewise.engine.paths import (
        Answer,
        check_answer_ids,
        coerce_answer,
        complete_answers,
        example_answers,
        next_node,
        off_path,
        path_questions,
        rename_former_ids,
        valid_answers,
    )
    from routewise.errors import AnswerError

_HOME = {
    "advice_plan": "routewise.engine.assemble",
    "build_plan": "routewise.engine.assemble",
    "check_events": "routewise.engine.assemble",
    "Answer": "routewise.engine.paths",
    "check_answer_ids": "routewise.engine.paths",
    "coerce_answer": "routewise.engine.paths",
    "complete_answers": "routewise.engine.paths",
    "example_answers": "routewise.engine.paths",
    "next_node": "routewise.engine.paths",
    "off_path": "routewise.engine.paths",
    "path_questions": "routewise.engine.paths",
    "rename_former_ids": "routewise.engine.paths",
    "valid_answers": "routewise.engine.paths",
    "AnswerError": "routewise.errors",
}

__all__ = [
    "Answer",
    "AnswerError",
    "advice_plan",
    "build_plan",
    "check_answer_ids",
    "check_events",
    "coerce_answer",
    "complete_answers",
    "example_answers",
    "next_node",
    "off_path",
    "path_questions",
    "rename_former_ids",
    "valid_answers",
]


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
