"""The pure core: from a route and answers to an action plan, in stages.

paths (the decision tree) -> roles (posts and conflicts) -> ladder (rungs and
relinking) -> deadlines -> assemble. No I/O, no prompts, no rendering, and no
YAML: the wizard and the non-interactive answers both come through here.
"""

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
