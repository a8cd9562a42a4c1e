"""The rich console every command prints with."""

from __future__ import annotations

from rich.console import Console


class PipeAwareConsole(Console):
    """A closed pipe is reported like any other: rich's own default is `exit(1)`.

    Raising BrokenPipeError lets `errors.user_errors` stop quietly with the one
    exit code (141) every routewise command uses for a reader that went away.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def console() -> Console:
    return PipeAwareConsole()
