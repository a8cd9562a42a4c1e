"""What the wizard prints between prompts: wrapped at word boundaries, never padded or cut."""

from __future__ import annotations

import shutil
import sys

from routewise.base.safe_text import visible
from routewise.render.wrapping import wrap


def screen_width() -> int:
    return max(shutil.get_terminal_size((80, 24)).columns, 30)


def say(text: str = "", indent: int = 0, hang: int = 0) -> None:
    """Print wrapped at word boundaries (ASCII spaces only), never padded, never cut."""
    if not text:
        print()
        return
    for paragraph in visible(text).split("\n"):
        for line in wrap(paragraph, screen_width() - 1, " " * indent, " " * (indent + hang)):
            print(line)
    sys.stdout.flush()


def with_hint(message: str, hint: str) -> str:
    """The question, then its keys on their own line(s), all wrapped at word boundaries."""
    text = wrapped(message, 2, 2)
    return f"{text}\n  {wrapped(hint, 2, 2)}" if hint else text


def wrapped(text: str, first: int, rest: int) -> str:
    """Pre-wrap a prompt's message so the terminal never breaks it mid-word."""
    return "\n".join(wrap(text, screen_width() - 1 - first, "", " " * rest)) or visible(text)


def answered(message: str, answer: str) -> None:
    """The question and its answer, wrapped, after the prompt itself is erased."""
    say(f"? {message}", hang=2)
    say(f"> {answer}", indent=2, hang=2)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def show_help(lines: list[str]) -> None:
    say()
    for line in lines:
        say(line, indent=2, hang=2)
    say()


def not_utf8(text: str) -> str | None:
    """Why typed text cannot be kept: bytes that are not UTF-8 (a Latin-1 terminal's "é")
    arrive as lone surrogates, which no plan, config or message can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "That is not UTF-8 text: set the terminal's encoding to UTF-8 and type it again"
    return None
