"""The whole process around the typer app: streams, usage errors and exit codes.

- A usage error (unknown option, bad choice, missing argument) is one line,
  `routewise: error: ...`, and exit 2, like every other bad input.
- A closed standard output (`>&-`) is an error, not output silently lost.
- A reader that goes away (`| head -1`) is not an error: routewise stops
  quietly with exit 141 (128 + SIGPIPE), whichever command was running.
- Standard output that cannot encode a character (PYTHONIOENCODING=latin-1)
  shows a replacement character instead of crashing.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Sequence
from typing import Any

from routewise.base.errors import (
    CANCELLED,
    EXIT_BROKEN_PIPE,
    EXIT_CANCELLED,
    EXIT_USAGE,
    ClosedOutput,
    UserError,
    report,
    silence_stdout,
)


class _ClosedStdout(io.RawIOBase):
    """Stands in for a closed fd 1: the first real write is an error, later ones vanish."""

    failed = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = len(data)
        if size and not self.failed:
            self.failed = True
            raise ClosedOutput()
        return size


def prepare_streams() -> None:
    """Make stdout safe to write to, whatever the shell handed us."""
    if sys.stdout is None:  # `>&-`: hold fd 1 so no file we open can land on it
        with contextlib.suppress(OSError):
            os.open(os.devnull, os.O_WRONLY)
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(_ClosedStdout()), encoding="utf-8", errors="replace"
        )
        return
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        with contextlib.suppress(ValueError, OSError, LookupError):
            if _ascii(stream):
                # LC_ALL=C (without UTF-8 mode) leaves ASCII streams: "Zoë" would be "Zo?".
                # Text is UTF-8 whatever the locale, as files are.
                reconfigure(encoding="utf-8")
            if stream is sys.stdout:
                reconfigure(errors="replace")


def _ascii(stream: Any) -> bool:
    import codecs

    return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name == "ascii"


def run(app: Any, args: Sequence[str] | None = None) -> int:
    """Run the app and return the exit code; every failure is one line on stderr."""
    from typer import Abort
    from typer._click import exceptions as click_exceptions
    from typer._click.utils import PacifyFlushWrapper

    stdout_before = sys.stdout
    try:
        code = app(
            args=list(sys.argv[1:] if args is None else args),
            prog_name="routewise",
            standalone_mode=False,
        )
        _flush_stdout()
    except click_exceptions.NoArgsIsHelpError as exc:
        return _print_help(exc.ctx.get_help())
    except click_exceptions.UsageError as exc:
        report(_usage_message(exc))
        return EXIT_USAGE
    except click_exceptions.ClickException as exc:
        report(exc.format_message())
        return EXIT_USAGE
    except Abort:
        report(CANCELLED)
        return EXIT_CANCELLED
    except UserError as exc:
        report(str(exc))
        return exc.exit_code
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except SystemExit as exc:
        if isinstance(sys.stdout, PacifyFlushWrapper) and sys.stdout is not stdout_before:
            silence_stdout()  # typer met a closed pipe while printing help or a usage line
            return EXIT_BROKEN_PIPE
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    return code if isinstance(code, int) else 0


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise


def _print_help(text: str) -> int:
    try:
        sys.stdout.write(text + "\n")
        _flush_stdout()
    except BrokenPipeError:
        return EXIT_BROKEN_PIPE
    return 0


def _usage_message(exc: Any) -> str:
    """click's message, then where to look: one line instead of click's three."""
    message = " ".join(str(exc.format_message()).split())
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "routewise"
    return f"{message} (see `{command} --help`)"


def main(app: Any) -> None:
    prepare_streams()
    code = run(app)
    with contextlib.suppress(OSError, ValueError, UserError):
        sys.stdout.flush()
    sys.exit(code)
