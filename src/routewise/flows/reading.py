"""One YAML file into a model, stopping at its first problem with the file, the line, the
field and what was expected: for answers files and other files read whole.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from routewise.base.errors import FileError
from routewise.base.safe_text import quoted
from routewise.flows.node_paths import Loc

if TYPE_CHECKING:  # PyYAML only when a file is parsed
    import yaml

M = TypeVar("M", bound=BaseModel)


def read_model(path: Path, model: type[M]) -> M:
    """One YAML file into `model`, with no parse tree kept: lines are found by parsing again."""
    from routewise.base.files import read_text

    text = read_text(path, "YAML file")
    node, data = _parse(path, text)
    del node
    return _validate(path, model, data, lambda: _parse(path, text)[0])


def _parse(path: Path, text: str) -> tuple[yaml.Node, Any]:
    """Parse the text once, within limits (yaml_safe), and refuse duplicate keys."""
    from routewise.flows import yaml_safe  # PyYAML only when a file is parsed, not on a cache hit

    try:
        data, node = yaml_safe.parse(text)
    except yaml_safe.YamlProblem as exc:
        raise FileError(path, exc.line, "", exc.problem) from None
    if node is not None:
        from routewise.flows.problems import duplicate_keys

        duplicates = duplicate_keys(node)
        if duplicates:
            key, key_line = duplicates[0]
            raise FileError(path, key_line, key, "this key appears twice in the same block")
    if node is None or not isinstance(data, dict):
        raise FileError(path, 1, "", "expected a mapping of fields (key: value)")
    return node, data


def _validate(path: Path, model: type[M], data: Any, nodes: Callable[[], yaml.Node]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # A misspelt key shows up as "unknown" plus "missing": report the typo, with the fix.
        err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc: Loc = tuple(err["loc"])
        problem = _expected(err)
        if err["type"] == "extra_forbidden":
            missing = [
                str(e["loc"][-1])
                for e in errors
                if e["type"] == "missing" and tuple(e["loc"][:-1]) == loc[:-1]
            ]
            close = difflib.get_close_matches(str(loc[-1]), missing, n=1)
            close = close or difflib.get_close_matches(str(loc[-1]), field_names(model), n=1)
            if close:
                problem += f"; did you mean {quoted(close[0])}?"
        raise FileError(path, _line(nodes(), loc), _field(data, loc), problem) from None


def field_names(model: type[BaseModel]) -> list[str]:
    """Every field name of a model and the models inside it: the words a typo is checked against."""
    import typing

    names: list[str] = []
    seen: set[type] = set()
    todo: list[Any] = [model]
    while todo:
        kind = todo.pop()
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            if kind in seen:
                continue
            seen.add(kind)
            for name, info in kind.model_fields.items():
                names.append(name)
                todo.append(info.annotation)
        else:
            todo.extend(typing.get_args(kind))
    return sorted(set(names))


def _expected(err: Any) -> str:
    kind, msg = err["type"], err["msg"]
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against the flow format in README.md)"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_pattern_mismatch":
        found = quoted(err["input"])
        return f"expected a short kebab-case id such as 'head-of-service'; found {found}"
    if kind == "literal_error":
        return f"{msg}; found {quoted(err['input'])}"
    return str(msg).removeprefix("Value error, ")


def _field(data: Any, loc: Loc) -> str:
    """A dotted path that names list items by their id where they have one."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            label = str(item)
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label = node["id"]
            parts[-1:] = [f"{parts[-1] if parts else ''}[{label}]"]
        else:
            parts.append(str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return ".".join(parts)


def _line(root: yaml.Node, loc: Loc) -> int:
    """The line of the deepest YAML node on the path, following merge keys."""
    from routewise.flows.node_paths import node_at

    return int(node_at(root, loc).start_mark.line) + 1
