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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from routewise.base.errors import FileError
from routewise.flows.messages import schema_message, typo_for
from routewise.flows.node_paths import Loc, id_path, is_union_tag, line_of, real_loc
from routewise.model.compact import validate_compact

if TYPE_CHECKING:
    import yaml

M = TypeVar("M", bound=BaseModel)
Severity = Literal["error", "warning"]


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
        if err["type"] == "missing" and typo_for(model, parsed.data, loc, errors):
            continue  # reported as the misspelt field it is
        message, fix = schema_message(model, parsed.node, parsed.data, err, loc, is_key, errors)
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
