"""What the prompts themselves drew, for tests that look at a prompt and not at stdout.

A prompt erases itself once answered, and everything it showed (its header, its hint,
why the last answer was refused) goes to prompt_toolkit's output, not to stdout. Here that
output is a real VT100 stream into a string, read back with the escape codes taken out.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[=>]")


class Drawn:
    """Everything the prompts drew, as text."""

    def __init__(self) -> None:
        self.stream = io.StringIO()

    @property
    def text(self) -> str:
        return _ESCAPES.sub("", self.stream.getvalue()).replace("\r", "")

    @property
    def flat(self) -> str:
        return " ".join(self.text.split())


@contextmanager
def drawn_prompts(keys: str | bytes, columns: int = 200, rows: int = 60) -> Iterator[Drawn]:
    """Queue keys for the prompts and keep what they draw (set COLUMNS to `columns` too)."""
    drawn = Drawn()
    output = Vt100_Output(drawn.stream, lambda: Size(rows=rows, columns=columns), term="xterm")
    with create_pipe_input() as pipe:
        if isinstance(keys, bytes):
            pipe.send_bytes(keys)
        else:
            pipe.send_text(keys)
        with create_app_session(input=pipe, output=output):
            yield drawn
