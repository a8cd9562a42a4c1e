"""Validation errors in plain English: what was expected, the fix, and the YAML traps
(an unquoted `no`, a stray colon, a number that should be text), with an in-memory repair
so that one mistake does not hide the problems after it.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import types
import typing
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from routewise.flows.node_paths import Loc, node_at, scalar_text
from routewise.model.route import RoleGroup, Step

if TYPE_CHECKING:  # PyYAML only when a file is parsed
    import yaml

SHORT_FORMS: dict[type[BaseModel], list[str]] = {
    RoleGroup: ["one_of", "and_or", "together", "each", "role", "if"],
}
"""Keys a model accepts through its short forms, besides its fields."""


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names the model accepts at `loc` (a mapping inside the file)."""
    # Which list item it is does not change the fields: one answer per shape of location.
    return list(_fields_at(model, tuple(0 if isinstance(i, int) else i for i in loc)))


@functools.lru_cache(maxsize=1024)
def _fields_at(model: type[BaseModel], loc: Loc) -> tuple[str, ...]:
    current: Any = model
    for item in loc:
        current = _inner(current, item)
        if current is None:
            return ()
    target = _model_in(current)
    if target is None:
        return ()
    return (*target.model_fields, *SHORT_FORMS.get(target, []))


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


class Misfits:
    """The unknown and the missing field names of one file's validation errors, by the mapping
    they are in: built once, so that N errors cost N look-ups, not N scans of every error."""

    __slots__ = ("missing", "unknown")

    def __init__(self, errors: list[Any], locs: list[tuple[Loc, bool]]) -> None:
        self.missing: dict[Loc, list[str]] = {}
        self.unknown: dict[Loc, list[str]] = {}
        for err, (loc, _) in zip(errors, locs, strict=True):
            table = {"missing": self.missing, "extra_forbidden": self.unknown}.get(err["type"])
            if table is not None and loc:
                table.setdefault(loc[:-1], []).append(str(loc[-1]))


def typo_for(loc: Loc, misfits: Misfits) -> bool:
    """A missing field that an unknown field beside it is a misspelling of."""
    wanted = [str(loc[-1])]
    return any(close_field(name, wanted) for name in misfits.unknown.get(loc[:-1], ()))


def close_field(name: str, valid: list[str]) -> str | None:
    """The field `name` is a misspelling of, if any. The same misspelling among the same
    fields, in every item of a long list, is worked out once."""
    return _close_field(name, tuple(valid)) if valid else None


@functools.lru_cache(maxsize=4096)
def _close_field(name: str, valid: tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    return close[0] if close else None


Fix = typing.Callable[["Repaired"], bool]


def schema_message(
    model: type[BaseModel],
    root: yaml.Node | None,
    data: Any,
    err: Any,
    loc: Loc,
    is_key: bool,
    misfits: Misfits,
) -> tuple[str, Fix | None]:
    kind, msg, value = err["type"], str(err["msg"]), err.get("input")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        valid = fields_at(model, loc[:-1])
        missing = misfits.missing.get(loc[:-1], [])
        guess = close_field(name, missing) or close_field(name, valid)
        comma = _comma_in_braces(root, loc) if root is not None and not guess else None
        if comma is not None:
            return f"unknown field {name!r}: {comma}", _rename(loc, None)
        hint = f"did you mean {guess!r}? " if guess else ""
        message = f"unknown field {name!r}: {hint}valid fields here: {', '.join(valid)}"
        return message, _rename(loc, guess)
    if kind == "missing":
        return f"required field {loc[-1]!r} is missing: add it", None
    node = node_at(root, loc) if root is not None else None
    if is_key and root is not None:
        node = _key_node(node_at(root, loc[:-1]), loc[-1])
    if loc and loc[-1] == "counts_from" and isinstance(value, datetime.date):
        return (
            f"`{getattr(node, 'value', value)}` is a date, but `counts_from` names what the "
            "period counts from: `raised`, an event of this route (add one under `events:`) "
            "or a date question; the date itself is given when the plan is made (--event "
            "ID=DATE, or `events:` in an answers file)",
            None,
        )
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


def _comma_in_braces(root: yaml.Node, loc: Loc) -> str | None:
    """Why a field name that is really text appeared: in `{kind: reading, text: a, or b}` the
    comma ends the text, and YAML reads "or b" as a field with no value. The fix, in words."""
    import yaml

    parent = node_at(root, loc[:-1])
    if not isinstance(parent, yaml.MappingNode) or not parent.flow_style:
        return None
    keys = [k for k, _ in parent.value]
    at = next((i for i, k in enumerate(keys) if scalar_text(k) == loc[-1]), None)
    if at is None or at == 0:
        return None
    key, value = parent.value[at]
    if not (isinstance(value, yaml.ScalarNode) and value.value == "" and " " in str(key.value)):
        return None
    before_key, before = parent.value[at - 1]
    if not isinstance(before, yaml.ScalarNode):
        return None
    whole = f"{before.value}, {key.value}".replace('"', '\\"')
    return (
        "a comma inside {…} ends a value, so the text after it was read as a field name; "
        f'put the whole text in quotes: {before_key.value}: "{whole}"'
    )


def _gotcha(node: yaml.Node | None, value: object) -> str | None:
    """An unquoted scalar that YAML read as true/false, a number or a date where text was
    expected."""
    import yaml

    if not isinstance(node, yaml.ScalarNode) or node.style:  # "" (libyaml) or None: plain
        return None
    text = str(node.value)
    if isinstance(value, datetime.date):
        return f'`{text}` was read as a date, not as text: put it in quotes ("{text}")'
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


class Repaired:
    """The file's values with the in-memory fixes applied, the original left as read.

    Copying every value first (`copy.deepcopy`) cost as much as a second parse of a long
    file; here only the lists and mappings on the path to a fix are copied, once each."""

    __slots__ = ("_copied", "root")

    def __init__(self, data: Any) -> None:
        self.root = _shallow(data)
        self._copied: dict[Loc, Any] = {(): self.root}

    def at(self, loc: Loc) -> Any:
        """The (copied, so writable) value at `loc`; KeyError, IndexError or TypeError."""
        node = self.root
        for depth, item in enumerate(loc, 1):
            path = loc[:depth]
            copied = self._copied.get(path)
            if copied is None:
                copied = node[item] = self._copied[path] = _shallow(node[item])
            node = copied
        return node


def _shallow(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    return list(value) if isinstance(value, list) else value


def _rename(loc: Loc, guess: str | None) -> Fix:
    def fix(data: Repaired) -> bool:
        try:
            parent = data.at(loc[:-1])
        except (KeyError, IndexError, TypeError):
            return False
        value = parent.pop(loc[-1], None)
        if guess is not None and guess not in parent:
            parent[guess] = value
        return True

    return fix


def _requote(loc: Loc, is_key: bool, node: yaml.Node | None) -> Fix:
    text = str(getattr(node, "value", ""))

    def fix(data: Repaired) -> bool:
        try:
            parent = data.at(loc[:-1])
            if is_key:
                parent[text] = parent.pop(loc[-1])
            else:
                parent[loc[-1]] = text
        except (KeyError, IndexError, TypeError):
            return False
        return True

    return fix
