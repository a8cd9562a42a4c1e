"""A plan as plain data and back: the JSON `--format json` prints, and the validator that
`routewise export` reads a saved plan with.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from routewise.model.person import Person
from routewise.model.plan import Plan

if TYPE_CHECKING:
    from pydantic import TypeAdapter


def plan_data(value: Any, *, as_json: bool = False) -> Any:
    """A plan (or any part of it) as plain dicts and lists, fields in declaration order;
    dates stay dates unless `as_json`, which makes them ISO strings."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plan_data(getattr(value, f.name), as_json=as_json) for f in fields(value)}
    if isinstance(value, Person):
        return {name: getattr(value, name) for name in Person.model_fields}
    if isinstance(value, list):
        return [plan_data(v, as_json=as_json) for v in value]
    if as_json and isinstance(value, date):
        return value.isoformat()
    return value


def plan_json(plan: Plan) -> str:
    """The plan as the JSON that `--format json` prints and `routewise export` reads."""
    import json

    from routewise.base.safe_text import BIDI_CONTROLS

    text = json.dumps(plan_data(plan, as_json=True), indent=2, ensure_ascii=False)
    # A bidirectional control (only ever inside a string) is written as its \u escape: the
    # same string to a program reading the JSON, and no reordered text on a screen.
    for char in BIDI_CONTROLS:
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def plan_adapter() -> TypeAdapter[Plan]:
    """The validator for a plan read from a file (built on first use: about 40 ms)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Plan)
