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


def up_to_date(data: dict[str, Any]) -> dict[str, Any]:
    """A plan saved in an earlier format (2 or later), in today's shape: format 2 through
    `from_version_2`; format 3 lacks only fields that have defaults. It is written back with
    today's format number, since it now has today's fields."""
    from routewise.model.plan import SCHEMA_VERSION

    if data.get("schema_version") == 2:
        data = from_version_2(data)
    return {**data, "schema_version": SCHEMA_VERSION}


def from_version_2(data: dict[str, Any]) -> dict[str, Any]:
    """A plan saved in format 2, in today's shape: a clause number becomes text (`2` is
    "2"), and a done step's date becomes {date, reason} (format 2 knew one reason only, the
    date raised). Nothing else changed, so nothing else is touched."""

    def clause(source: Any) -> None:
        paragraph = source.get("paragraph") if isinstance(source, dict) else None
        if isinstance(paragraph, int) and not isinstance(paragraph, bool):
            source["paragraph"] = str(paragraph)

    for source in data.get("sources") or []:
        clause(source)
    for note in data.get("notes") or []:
        if isinstance(note, dict):
            clause(note.get("source"))
    for step in data.get("steps") or []:
        if not isinstance(step, dict):
            continue
        clause(step.get("source"))
        if isinstance(step.get("done"), str):
            step["done"] = {"date": step["done"], "reason": "the date raised"}
    return {**data, "schema_version": 3}
