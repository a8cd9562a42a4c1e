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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from routewise.base.errors import FileError
from routewise.flows.messages import Misfits, Repaired, schema_message, typo_for
from routewise.flows.node_paths import Loc, id_path, is_union_tag, place, real_loc
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
        line, where = place(self.node, loc)
        return Problem(self.path, line, where, message, severity)


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
        del data  # perhaps partly used up: read the text again for the problems, and keep
        _parse(parsed, text)  # its tree this time, for their lines
    try:
        parsed.model = model.model_validate(parsed.data)
        parsed.data = None  # valid after all: never expected, but never report nothing
        return parsed
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    repaired = Repaired(parsed.data)
    fixable = True
    seen: set[Loc] = set()
    locs = [real_loc(parsed.data, tuple(e["loc"]), e["type"]) for e in errors]
    misfits = Misfits(errors, locs)
    deeper = _deeper(locs)
    for err, (loc, is_key) in zip(errors, locs, strict=True):
        if loc in seen or (loc in deeper and _tagged(err)):
            continue
        seen.add(loc)
        if err["type"] == "missing" and typo_for(loc, misfits):
            continue  # reported as the misspelt field it is
        message, fix = schema_message(model, parsed.node, parsed.data, err, loc, is_key, misfits)
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
            parsed.model = model.model_validate(repaired.root)
            parsed.repaired = True
        except ValidationError:
            parsed.model = None
    return parsed


def _deeper(locs: list[tuple[Loc, bool]]) -> set[Loc]:
    """Every location some error lies below (each error's proper prefixes), built once.

    An error in one branch of a union, at a location in this set, is shadowed: another
    branch failed deeper, and only the deeper one is reported."""
    out: set[Loc] = set()
    for loc, _ in locs:
        out.update(loc[:depth] for depth in range(len(loc)))
    return out


def _tagged(err: Any) -> bool:
    return any(isinstance(i, str) and is_union_tag(i) for i in err["loc"])


def _parse(parsed: ParsedFile[Any], text: str) -> bool:
    """Through yaml_safe (PyYAML with libyaml, within limits), which also gives each key
    written twice."""
    from routewise.flows import yaml_safe

    duplicates: list[tuple[str, int]] = []
    try:
        data, node = yaml_safe.parse(text, duplicates)
    except yaml_safe.YamlProblem as exc:
        hint = yaml_hint(exc.problem, text, exc.line)
        parsed.problems.append(Problem(parsed.path, exc.line, "", exc.problem + hint))
        return False
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


def yaml_hint(problem: str, text: str = "", line: int | None = None) -> str:
    """The fix for a YAML mistake the parser words only as a rule broken: a colon in a value,
    or a tab (`text` and `line`: the file and the line the parser names)."""
    if "mapping values are not allowed" in problem:
        return " (a value with a colon in it needs quotes)"
    lines = text.splitlines()
    at = lines[line - 1] if line and 0 < line <= len(lines) else ""
    if "tab character" in problem or ("\t" in at and "cannot start any token" in problem):
        return " (YAML indents with spaces only: replace each tab on this line with spaces)"
    return ""
