"""Read one flow file and report every problem in it at once, in plain English.

A governance officer fixing a flow wants the whole list, not one error per run.
Each problem names the file, the line and a location made of ids only
(`outcomes[informal].steps[meet].contacts`), says what was expected and how to
fix it. Two YAML traps get their own wording: an unquoted `no`, `yes`, `on` or
`off` is read as true or false, and an unquoted `001` as a number.

When a file fails the schema only in ways with an obvious fix (a misspelt field,
a value that needed quotes), it is repaired in memory and checked again, so the
cross-checks (unknown ids, unreachable questions, ...) still run and report in
the same pass. A repaired file is never used to build a plan.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from routewise.base.errors import FileError
from routewise.model.compact import validate_compact
from routewise.model.route import RoleGroup, Step

if TYPE_CHECKING:
    import yaml

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)
Severity = Literal["error", "warning"]

SHORT_FORMS: dict[type[BaseModel], list[str]] = {
    RoleGroup: ["one_of", "and_or", "together", "role", "if"],
}
"""Keys a model accepts through its short forms, besides its fields."""

_TYPE_TAGS = {"str", "int", "float", "bool", "none", "list", "dict", "tuple"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a flow file, where it is, and what to do about it."""

    path: Path
    line: int | None
    where: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        at = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{at}: {self.where}: {self.message}" if self.where else f"{at}: {self.message}"


class FlowErrors(FileError):
    """Flow files with errors: the first one in the message, every one in `problems`."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        more = len(problems) - 1
        tail = f" (and {more} more: run `routewise flows check`)" if more else ""
        from routewise.base.safe_text import visible

        where, message = visible(first.where), visible(first.message)
        super().__init__(first.path, first.line, where, message + tail)


@dataclass
class ParsedFile(Generic[M]):
    """A flow file after reading: the model (None if it could not be built) and its problems."""

    path: Path
    model: M | None = None
    node: yaml.Node | None = None
    data: Any = None
    text: str | None = None
    """Kept so that a clean file's parse tree can be dropped, and rebuilt for a later problem."""
    problems: list[Problem] = field(default_factory=list)
    repaired: bool = False
    """The model was built only after fixing obvious mistakes in memory: check it, never run it."""

    @property
    def usable(self) -> bool:
        return self.model is not None and not self.repaired and not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def at(self, loc: Loc, message: str, severity: Severity = "error") -> Problem:
        """A problem at `loc` in this file, with its line and id path."""
        if self.node is None and self.text is not None:
            from routewise.flows import yaml_safe

            with contextlib.suppress(yaml_safe.YamlProblem):
                self.node = yaml_safe.compose(self.text)
        if self.node is None:
            return Problem(self.path, None, ".".join(str(i) for i in loc), message, severity)
        return Problem(
            self.path, line_of(self.node, loc), id_path(self.node, loc), message, severity
        )


def read_flow_file(path: Path, model: type[M]) -> ParsedFile[M]:
    """Parse and validate one file, collecting every problem instead of stopping at the first."""
    parsed: ParsedFile[M] = ParsedFile(path)
    from routewise.base.files import read_text

    try:
        text = read_text(path, "flow file")
    except FileError as exc:
        parsed.problems.append(Problem(path, exc.line, "", exc.problem))
        return parsed
    if not _parse(parsed, text):
        return parsed
    # The parse tree is dropped before validating (memory, at scale): a problem found
    # later composes the text again for its line.
    parsed.node, parsed.text = None, text
    try:
        data, parsed.data = parsed.data, None
        parsed.model = validate_compact(model, data)
        return parsed
    except ValidationError:
        del data  # perhaps partly used up: read the text again for the problems
        _parse(parsed, text)
        parsed.node = None
    try:
        parsed.model = model.model_validate(parsed.data)
        parsed.data = None  # valid after all: never expected, but never report nothing
        return parsed
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    parsed.at((), "")  # the tree again, for the lines of the problems below
    repaired = copy.deepcopy(parsed.data)
    fixable = True
    seen: set[Loc] = set()
    locs = [real_loc(parsed.data, tuple(e["loc"]), e["type"]) for e in errors]
    for err, (loc, is_key) in zip(errors, locs, strict=True):
        if loc in seen or _shadowed(err, loc, locs):
            continue
        seen.add(loc)
        if err["type"] == "missing" and _typo_for(model, parsed.data, loc, errors):
            continue  # reported as the misspelt field it is
        message, fix = _schema_message(model, parsed, err, loc, is_key, errors)
        line_loc = loc[:-1] if err["type"] == "missing" else loc
        problem = parsed.at(line_loc, message)
        if err["type"] == "missing":
            problem = Problem(problem.path, problem.line, id_path(parsed.node, loc), message)
        parsed.problems.append(problem)
        if fix is None or not fix(repaired):
            fixable = False
    parsed.problems.sort(key=lambda p: p.line or 0)
    if fixable:
        try:
            parsed.model = model.model_validate(repaired)
            parsed.repaired = True
        except ValidationError:
            parsed.model = None
    return parsed


def _shadowed(err: Any, loc: Loc, locs: list[tuple[Loc, bool]]) -> bool:
    """One branch of a union whose other branch failed deeper: report the deeper one only."""
    tagged = any(isinstance(i, str) and is_union_tag(i) for i in err["loc"])
    return tagged and any(len(other) > len(loc) and other[: len(loc)] == loc for other, _ in locs)


# --- parsing ------------------------------------------------------------------


def _parse(parsed: ParsedFile[Any], text: str) -> bool:
    """Through yaml_safe (PyYAML with libyaml, within limits), whose tree also gives each key
    written twice."""
    from routewise.flows import yaml_safe

    try:
        data, node = yaml_safe.parse(text)
    except yaml_safe.YamlProblem as exc:
        hint = ""
        if "mapping values are not allowed" in exc.problem:
            hint = " (a value with a colon in it needs quotes)"
        parsed.problems.append(Problem(parsed.path, exc.line, "", exc.problem + hint))
        return False
    duplicates = duplicate_keys(node) if node is not None else []
    parsed.node, parsed.data = node, data
    if not isinstance(data, dict):
        parsed.problems.append(
            Problem(parsed.path, 1, "", "expected a mapping of fields (key: value)")
        )
        return False
    for key, line in duplicates:
        parsed.problems.append(
            Problem(
                parsed.path,
                line,
                key,
                "this key appears twice in the same block: the second silently replaces the "
                "first; keep one",
            )
        )
    return not parsed.problems


def duplicate_keys(node: yaml.Node) -> list[tuple[str, int]]:
    """Every key written twice in one mapping, with its line (merge keys aside)."""
    import yaml

    found: list[tuple[str, int]] = []
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    if key.value in keys:
                        found.append((str(key.value), int(key.start_mark.line) + 1))
                    keys.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return sorted(found, key=lambda f: f[1])


# --- locations ----------------------------------------------------------------


def real_loc(data: Any, loc: Loc, kind: str = "") -> tuple[Loc, bool]:
    """pydantic's location without union tags such as 'constrained-str'; True if it is a key."""
    out: list[str | int] = []
    current = data
    for i, item in enumerate(loc):
        if item == "[key]":
            return tuple(out), True
        if isinstance(current, dict) and item in current:
            key = next(k for k in current if k == item)  # keep YAML's own key (True, not 1)
            out.append(key)
            current = current[key]
        elif isinstance(current, list) and isinstance(item, int) and 0 <= item < len(current):
            out.append(item)
            current = current[item]
        elif isinstance(item, str) and is_union_tag(item) and i + 1 <= len(loc):
            continue
        else:
            out.append(item)
            break
    return tuple(out), False


def is_union_tag(item: str) -> bool:
    """pydantic's name for a branch of a union in an error's location (`list[str]`,
    `PlanRole`, `function-after[…]`), which is not a field a user wrote."""
    return "[" in item or "-" in item or item[:1].isupper() or item in _TYPE_TAGS


def _child(node: yaml.Node, item: str | int) -> yaml.Node | None:
    import yaml

    if isinstance(node, yaml.SequenceNode) and isinstance(item, int) and not isinstance(item, bool):
        return node.value[item] if 0 <= item < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        merged: list[yaml.Node] = []
        for key, value in node.value:
            if key.value == item or (not isinstance(item, str) and _scalar(key) == item):
                return value  # type: ignore[no-any-return]
            if key.value == "<<":
                merged.append(value)
        for value in merged:
            found = _child(value, item)
            if found is not None:
                return found
    return None


def _scalar(node: yaml.Node) -> object:
    import yaml

    if not isinstance(node, yaml.ScalarNode) or node.style:  # quoted or block: text as written
        return node.value
    return yaml.safe_load(node.value)


def node_at(root: yaml.Node, loc: Loc) -> yaml.Node:
    """The deepest YAML node on the path, following merge keys (`<<: *anchor`)."""
    node = root
    for item in loc:
        child = _child(node, item)
        if child is None:
            break
        node = child
    return node


def line_of(root: yaml.Node, loc: Loc) -> int:
    return int(node_at(root, loc).start_mark.line) + 1


def id_path(root: yaml.Node | None, loc: Loc) -> str:
    """`outcomes[escalation].steps[feedback].contacts`: list items named by their id."""
    import yaml

    out, node = "", root
    for item in loc:
        child = _child(node, item) if node is not None else None
        if isinstance(item, int) and not isinstance(item, bool):
            label = str(item)
            if isinstance(child, yaml.MappingNode):
                id_node = _child(child, "id")
                if isinstance(id_node, yaml.ScalarNode):
                    label = str(id_node.value)
            elif isinstance(child, yaml.ScalarNode):
                label = str(child.value)
            out += f"[{label}]"
        else:
            shown = _key_text(node, item) if node is not None else str(item)
            out += f".{shown}" if out else shown
        node = child
    return out


def _key_text(node: yaml.Node, item: object) -> str:
    """A key as written in the file (`no`, not False)."""
    import yaml

    if isinstance(node, yaml.MappingNode) and not isinstance(item, str):
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode) and _scalar(key) == item:
                return str(key.value)
    return str(item)


# --- schema messages -----------------------------------------------------------


def closest(value: str, valid: Iterable[str], what: str = "valid ids") -> str:
    """ "did you mean 'x'? valid ids: a, b, c" for an unknown name."""
    valid = list(valid)
    close = difflib.get_close_matches(value, valid, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}? " if close else ""
    shown = ", ".join(valid[:20]) + (", ..." if len(valid) > 20 else "")
    return f"{hint}{what}: {shown}" if valid else hint.strip()


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


def _typo_for(model: type[BaseModel], data: Any, loc: Loc, errors: list[Any]) -> bool:
    """A missing field that an unknown field beside it is a misspelling of."""
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        extra, _ = real_loc(data, tuple(err["loc"]))
        if extra[:-1] == loc[:-1] and _close_field(str(extra[-1]), [str(loc[-1])]):
            return True
    return False


def _close_field(name: str, valid: list[str]) -> str | None:
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    return close[0] if close else None


Fix = typing.Callable[[Any], bool]


def _schema_message(
    model: type[BaseModel],
    parsed: ParsedFile[Any],
    err: Any,
    loc: Loc,
    is_key: bool,
    errors: list[Any],
) -> tuple[str, Fix | None]:
    kind, msg, value = err["type"], str(err["msg"]), err.get("input")
    node = node_at(parsed.node, loc) if parsed.node is not None else None
    if is_key and parsed.node is not None:
        node = _key_node(node_at(parsed.node, loc[:-1]), loc[-1])
    if kind == "extra_forbidden":
        name = str(loc[-1])
        valid = fields_at(model, loc[:-1])
        missing = [
            str(real_loc(parsed.data, tuple(e["loc"]))[0][-1])
            for e in errors
            if e["type"] == "missing" and real_loc(parsed.data, tuple(e["loc"]))[0][:-1] == loc[:-1]
        ]
        guess = _close_field(name, missing) or _close_field(name, valid)
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
            if isinstance(key, yaml.ScalarNode) and _scalar(key) == item:
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
