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


def with_problem(text: str, problem: str) -> str:
    """A prompt's message with why the last answer was refused under it, wrapped: it is
    erased with the prompt, where a line printed above it would stay behind."""
    return f"{text}\n  {wrapped(f'! {problem}', 2, 4)}" if problem else text


def wrapped(text: str, first: int, rest: int) -> str:
    """Pre-wrap a prompt's message so the terminal never breaks it mid-word."""
    return "\n".join(wrap(text, screen_width() - 1 - first, "", " " * rest)) or visible(text)


def answered(message: str, answer: str) -> None:
    """The question and its answer, wrapped, after the prompt itself is erased."""
    say(f"? {message}", hang=2)
    say(f"> {answer}", indent=2, hang=2)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def help_pages(lines: list[str], width: int, rows: int) -> list[list[str]]:
    """The help as printed, in pages that each fit on the screen with a line to spare.

    One page when the help and the question after it fit together (half the screen is kept
    for the question); otherwise pages of at most a screenful, each read before the next is
    shown, so that no help scrolls off the top unread (the first question's help is 40
    lines at 60 columns). A page ends between two pieces of help where it can."""
    blocks = [wrap(line, width - 1, "  ", "    ") for line in lines]
    if sum(len(block) for block in blocks) + 2 <= rows // 2:
        return [["", *(line for block in blocks for line in block), ""]]
    size = max(rows - 1, 5)
    pages: list[list[str]] = [[""]]
    for block in blocks:
        if len(pages[-1]) + len(block) > size and len(pages[-1]) > 1:
            pages.append([])
        for line in block:
            if len(pages[-1]) == size:
                pages.append([])
            pages[-1].append(line)
    return pages


def show_help(lines: list[str], pause: bool = True) -> None:
    """The help, then the question again; a long help is shown a screenful at a time."""
    size = shutil.get_terminal_size((80, 24))
    pages = help_pages(lines, screen_width(), size.lines)
    paged = pause and len(pages) > 1 and sys.stdout.isatty()
    if not paged:
        pages = [[line for page in pages for line in page]]
    for number, page in enumerate(pages, start=1):
        for line in page:
            print(line)
        sys.stdout.flush()
        if paged:
            last = number == len(pages)
            _wait("(Enter to go back to the question)" if last else "(Enter for more help)")


def _wait(message: str) -> None:
    """Wait for a key; Ctrl-C and Ctrl-D still end the session (one line, exit 130)."""
    import questionary

    question = questionary.press_any_key_to_continue(message)
    question.application.erase_when_done = True
    question.unsafe_ask()


def not_utf8(text: str) -> str | None:
    """Why typed text cannot be kept: bytes that are not UTF-8 (a Latin-1 terminal's "é")
    arrive as lone surrogates, which no plan, config or message can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "That is not UTF-8 text: set the terminal's encoding to UTF-8 and type it again"
    return None
