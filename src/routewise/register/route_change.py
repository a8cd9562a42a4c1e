"""What changed in a case's route since it was opened, step by step.

Each case keeps a digest of its route's flow files and the plan as first given. When the
digest differs, the plan is made again from the same first answers and dates with the route
as it is now, and the two are compared by step id (ids survive a renumbering): steps added
or removed, and for each step kept, its action, who acts, contacts or deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from routewise.model.plan import Plan
from routewise.model.plan_data import plan_data


def _deadline(step: Mapping[str, Any]) -> str:
    deadline = step.get("deadline")
    if not deadline:
        return "no time limit"
    when = f" ({deadline['date']})" if deadline.get("date") else ""
    return f"{deadline['wording']}{when}"


def _actor(step: Mapping[str, Any]) -> str:
    return str(step["actor"].get("wording", ""))


def _contacts(step: Mapping[str, Any]) -> str:
    return "; ".join(str(g.get("wording", "")) for g in step.get("contacts", []))


ASPECTS = (
    ("what to do", lambda s: str(s["action"])),
    ("who acts", _actor),
    ("contacts", _contacts),
    ("deadline", _deadline),
)


def route_changes(first: Mapping[str, Any], now: Plan) -> list[str]:
    """Each difference between the plan first given and the plan the route makes now from
    the same answers and dates, in words."""
    before = {s["id"]: s for s in first.get("steps", [])}
    after = {s["id"]: s for s in plan_data(now, as_json=True)["steps"]}
    said: list[str] = []
    if first.get("outcome") != (now.outcome):
        said.append(f"the outcome: {first.get('outcome_title')} \u2192 {now.outcome_title}")
    for step_id, step in after.items():
        old = before.get(step_id)
        if old is None:
            said.append(f"step {step['number']} ({step_id}) is new: {step['action']}")
            continue
        for aspect, of in ASPECTS:
            if of(old) != of(step):
                said.append(
                    f"step {step['number']} ({step_id}), {aspect}: {of(old)} \u2192 {of(step)}"
                )
    for step_id, old in before.items():
        if step_id not in after:
            said.append(
                f"step {old['number']} ({step_id}) is no longer in the route: {old['action']}"
            )
    return said
