"""Errors a user can cause: each carries its exit code, so the CLI catches one type."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A problem with what the user gave us: one line on stderr, then `exit_code`."""

    exit_code = 2


class AnswerError(UserError, ValueError):
    """An answer that is missing or not one of the valid ones."""

    def __init__(self, question: str, problem: str, valid: list[str]) -> None:
        self.question, self.problem, self.valid = question, problem, valid
        hint = f"; valid answers: {', '.join(valid)}" if valid else ""
        super().__init__(f"{question}: {problem}{hint}")


class FileError(UserError):
    """A flow, answers or config file that cannot be used, located as precisely as we can."""

    def __init__(self, path: Path, line: int | None, field: str, problem: str) -> None:
        self.path, self.line, self.field, self.problem = path, line, field, problem
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {field}: {problem}" if field else f"{where}: {problem}")
