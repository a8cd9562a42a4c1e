"""The errors a user can cause, and the one place that turns them into a line and an exit code.

Every error a user can cause is a `UserError`: its str() is one line, already
safe to print, and it carries its exit code. The CLI catches that one type.
This module imports nothing heavy (no engine, loader, models or pydantic), so
every command can use it without slowing start-up (typer is loaded anyway).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer  # already loaded by the CLI: costs nothing here

from routewise.base.safe_text import error_line, quoted, shown, utf8_text

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_CANCELLED = 130
EXIT_BROKEN_PIPE = 141
"""The reader went away (`| head`): 128 + SIGPIPE, as a shell reports for `yes | head`."""

CANCELLED = "Cancelled; nothing was saved."


class UserError(Exception):
    """Something the user can fix: one line on stderr, never a traceback."""

    exit_code: int = EXIT_USAGE

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        self.message = error_line(message)
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class FileError(UserError):
    """A flow, answers, config or plan file that cannot be used, located as precisely as we can."""

    def __init__(self, path: Path, line: int | None, field: str, problem: str) -> None:
        self.path, self.line, self.field, self.problem = path, line, field, problem
        where = f"{shown(path)}:{line}" if line else shown(path)
        super().__init__(f"{where}: {shown(field)}: {problem}" if field else f"{where}: {problem}")


class CalendarError(UserError, ValueError):
    """A date or region the calendar cannot answer for."""


class FileExists(UserError):
    """The target exists and the user did not say --force."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(
            f"{shown(path)} already exists; nothing was written. Use --force to overwrite it."
        )


class WriteError(UserError):
    """A file the user asked for could not be written; names the path the user gave."""

    def __init__(self, path: Path | str, reason: str, written: bool = False) -> None:
        self.path, self.reason = Path(path), reason
        outcome = "it may be incomplete" if written else "nothing was written"
        super().__init__(f"{shown(path)}: {reason}; {outcome}.")


class AnswerError(UserError, ValueError):
    """An answer that is missing or not one of the valid ones."""

    def __init__(
        self, question: str, problem: str, valid: list[str], valid_as: str = "Valid answers"
    ) -> None:
        """`valid_as` names what `valid` lists: answers, or the route's question or event ids."""
        self.question, self.problem, self.valid = question, problem, valid
        hint = f". {valid_as}: {', '.join(shown(v) for v in valid)}" if valid else ""
        super().__init__(f"answer for {quoted(question)}: {problem}{hint}")


class ClosedOutput(UserError):
    """Standard output was closed (`>&-`): the output would be lost without a word."""

    def __init__(self) -> None:
        super().__init__(
            "standard output is closed, so the output would be lost; "
            "redirect it to a file or use --output FILE"
        )


def argument_text(text: str, option: str) -> str:
    """Text given on the command line, read as UTF-8 whatever the locale (under LC_ALL=C
    "Zoë" arrives as undecoded bytes); bytes that are not UTF-8 get one clear line, never
    "cannot write \\udcff" when the text is written out later."""
    fixed = utf8_text(text)
    if fixed is None:
        raise UserError(
            f"{option} {quoted(text)}: not valid UTF-8 text; check the terminal's encoding"
        )
    return fixed


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    raise UserError(message, code)


def report(message: str) -> None:
    """Write one error line to stderr, whatever state stderr is in."""
    _write_stderr(f"routewise: error: {error_line(message)}\n")


def warn(message: str) -> None:
    """One warning line: the command goes on."""
    _write_stderr(f"routewise: warning: {error_line(message)}\n")


def _write_stderr(text: str) -> None:
    stream = sys.stderr
    if stream is None:  # stderr closed too: the exit code still tells
        return
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):
        pass


def silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn everything a user can cause into one line and its exit code.

    Ctrl-C and Ctrl-D are one line and 130; a closed pipe is quiet and 141;
    any other OS error (a full disk, no permission) is one line and 2.
    """
    try:
        yield
    except (KeyboardInterrupt, EOFError):
        _write_stderr(f"\n{CANCELLED}\n")
        raise typer.Exit(EXIT_CANCELLED) from None
    except UserError as exc:
        report(str(exc))
        raise typer.Exit(exc.exit_code) from None
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except UnicodeEncodeError as exc:
        report(
            f"cannot write {shown(exc.object[exc.start : exc.end])} in the {exc.encoding} "
            "encoding; set PYTHONIOENCODING=utf-8"
        )
        raise typer.Exit(EXIT_USAGE) from None
    except OSError as exc:  # a missing folder, no permission, a full disk, a folder for a file
        target = shown(exc.filename) if exc.filename else "a file"
        report(f"{target}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_USAGE) from None
