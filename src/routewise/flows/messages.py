"""Validation errors in plain English: what was expected, the fix, and the YAML traps
(an unquoted `no`, a stray colon, a number that should be text), with an in-memory repair
so that one mistake does not hide the problems after it.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from routewise.flows.node_paths import Loc, node_at, real_loc, scalar_text
from routewise.model.route import RoleGroup, Step

if TYPE_CHECKING:  # PyYAML only when a file is parsed
    import yaml

SHORT_FORMS: dict[type[BaseModel], list[str]] = {
    RoleGroup: ["one_of", "and_or", "together", "role", "if"],
}
"""Keys a model accepts through its short forms, besides its fields."""


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names the model accepts at `loc` (a mapping inside the file)."""
    current: Any = model
    for item in loc:
        current = _inner(current, item)
        if current is None:
            return []
    target = _model_in(current)
    if target is None:
        return []
    return [*target.model_fields, *SHORT_FORMS.get(target, [])]


def _model_in(tp: Any) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in _union_args(tp):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _union_args(tp: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _union_args(typing.get_args(tp)[0])
    if origin is typing.Union or origin is types.UnionType:
        out: tuple[Any, ...] = ()
        for arg in typing.get_args(tp):
            out += _union_args(arg) or (arg,)
        return out
    return (tp,)


def _inner(tp: Any, item: str | int) -> Any:
    for arg in _union_args(tp):
        if isinstance(arg, type) and issubclass(arg, BaseModel) and isinstance(item, str):
            if arg is Step and item == "actor":
                return RoleGroup
            found = arg.model_fields.get(item)
            if found is not None:
                return found.annotation
            if arg is RoleGroup and item in SHORT_FORMS[RoleGroup]:
                return list[str]
        origin = typing.get_origin(arg)
        if origin is list and isinstance(item, int):
            return typing.get_args(arg)[0]
        if origin is dict and isinstance(item, str):
            return typing.get_args(arg)[1]
    return None


def typo_for(model: type[BaseModel], data: Any, loc: Loc, errors: list[Any]) -> bool:
    """A missing field that an unknown field beside it is a misspelling of."""
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        extra, _ = real_loc(data, tuple(err["loc"]))
        if extra[:-1] == loc[:-1] and close_field(str(extra[-1]), [str(loc[-1])]):
            return True
    return False


def close_field(name: str, valid: list[str]) -> str | None:
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    return close[0] if close else None


Fix = typing.Callable[[Any], bool]


def schema_message(
    model: type[BaseModel],
    root: yaml.Node | None,
    data: Any,
    err: Any,
    loc: Loc,
    is_key: bool,
    errors: list[Any],
) -> tuple[str, Fix | None]:
    kind, msg, value = err["type"], str(err["msg"]), err.get("input")
    node = node_at(root, loc) if root is not None else None
    if is_key and root is not None:
        node = _key_node(node_at(root, loc[:-1]), loc[-1])
    if kind == "extra_forbidden":
        name = str(loc[-1])
        valid = fields_at(model, loc[:-1])
        missing = [
            str(real_loc(data, tuple(e["loc"]))[0][-1])
            for e in errors
            if e["type"] == "missing" and real_loc(data, tuple(e["loc"]))[0][:-1] == loc[:-1]
        ]
        guess = close_field(name, missing) or close_field(name, valid)
        hint = f"did you mean {guess!r}? " if guess else ""
        message = f"unknown field {name!r}: {hint}valid fields here: {', '.join(valid)}"
        return message, _rename(loc, guess)
    if kind == "missing":
        return f"required field {loc[-1]!r} is missing: add it", None
    quoted = _gotcha(node, value)
    if quoted is not None:
        return quoted, _requote(loc, is_key, node)
    if kind == "string_pattern_mismatch":
        return (
            f"expected a short kebab-case id such as 'head-of-service' (lower-case letters, "
            f"digits and single hyphens); found {value!r}",
            None,
        )
    if kind == "literal_error":
        return f"{msg}; found {value!r}", None
    if kind == "too_short" and loc and loc[-1] == "steps":
        return "an outcome needs at least one step: add the first step", None
    return msg.removeprefix("Value error, "), None


def _gotcha(node: yaml.Node | None, value: object) -> str | None:
    """An unquoted scalar that YAML read as true/false or a number where text was expected."""
    import yaml

    if not isinstance(node, yaml.ScalarNode) or node.style:  # "" (libyaml) or None: plain
        return None
    text = str(node.value)
    if isinstance(value, bool):
        read = "true" if value else "false"
        return f'`{text}` was read as {read}, not as text: put it in quotes ("{text}")'
    if isinstance(value, int | float):
        return f'`{text}` was read as the number {value}: put it in quotes ("{text}")'
    return None


def _key_node(mapping: yaml.Node, item: object) -> yaml.Node | None:
    import yaml

    if isinstance(mapping, yaml.MappingNode):
        for key, _ in mapping.value:
            if isinstance(key, yaml.ScalarNode) and scalar_text(key) == item:
                return key
    return None


def _walk(data: Any, loc: Loc) -> Any:
    for item in loc:
        data = data[item]
    return data


def _rename(loc: Loc, guess: str | None) -> Fix:
    def fix(data: Any) -> bool:
        try:
            parent = _walk(data, loc[:-1])
        except (KeyError, IndexError, TypeError):
            return False
        value = parent.pop(loc[-1], None)
        if guess is not None and guess not in parent:
            parent[guess] = value
        return True

    return fix


def _requote(loc: Loc, is_key: bool, node: yaml.Node | None) -> Fix:
    text = str(getattr(node, "value", ""))

    def fix(data: Any) -> bool:
        try:
            parent = _walk(data, loc[:-1])
            if is_key:
                parent[text] = parent.pop(loc[-1])
            else:
                parent[loc[-1]] = text
        except (KeyError, IndexError, TypeError):
            return False
        return True

    return fix
