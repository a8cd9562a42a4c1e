"""Which of a plan's dates had passed on the day it was made.

A plan made today for a matter raised weeks ago must not show a date that has gone as if it
were still to come. The engine judges a plan on the day it makes it; `routewise export`
judges a saved plan again on its own `made_on`, so a plan reads as it did the day it was
made, and says which day that was.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from routewise.model.plan import PASSED, Plan, PlanDeadline, PlanStep


def judged(plan: Plan, made_on: date | None) -> Plan:
    """The plan judged on `made_on`: each dated deadline of a step still to do whose date is
    before that day is marked passed, and its `text` says so; None judges nothing."""
    return replace(plan, made_on=made_on, steps=[_step(s, made_on) for s in plan.steps])


def _step(step: PlanStep, made_on: date | None) -> PlanStep:
    deadline = step.deadline
    if deadline is None:
        return step
    passed = (
        made_on is not None
        and deadline.date is not None
        and deadline.date < made_on
        and step.done is None
    )
    return replace(step, deadline=marked(deadline, passed))


def marked(deadline: PlanDeadline, passed: bool) -> PlanDeadline:
    """The deadline with `passed` set and its text saying so (once)."""
    mark = f" ({PASSED})"
    text = deadline.text.removesuffix(mark)
    return replace(deadline, passed=passed, text=text + mark if passed else text)
