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


def console(plain: bool = False) -> Console:
    """Plain: no colour, no emoji or highlighting, for screen readers and pasting into email."""
    if plain:
        return PipeAwareConsole(color_system=None, no_color=True, highlight=False, emoji=False)
    return PipeAwareConsole(highlight=False, emoji=False)
