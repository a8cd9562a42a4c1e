"""The keys every wizard prompt shares: Esc for Back, `?` for help, Ctrl-D to end.

Also the one patch of a dependency's internals: prompt_toolkit's default key bindings
are built once per run instead of three times a question.
"""

from __future__ import annotations

import functools
from typing import Any

from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys

PATCHED_SERIES = "3.0."
"""The prompt_toolkit releases this patch was checked against. `Application.__init__` calls
`application.load_key_bindings()` for every Application there; a later series may not, so it
is left alone (slower, never wrong), and a test fails to say the patch needs checking again."""


def _build_default_key_bindings_once() -> None:
    """prompt_toolkit builds its default key bindings (about 600, mostly vi) for every
    Application, and questionary makes three for each question: about 25 ms a question on
    the 2-core machine, before the first one appears. The bindings keep no state of their
    own (their filters and handlers ask the running application), so one set serves every
    prompt. This is the project's one patch of a dependency's internals: it applies only to
    the series it was checked against, and only where the function is still there."""
    import prompt_toolkit
    from prompt_toolkit.application import application

    if not prompt_toolkit.__version__.startswith(PATCHED_SERIES):
        return
    build = getattr(application, "load_key_bindings", None)
    if callable(build) and not hasattr(build, "cache_info"):
        application.load_key_bindings = functools.cache(build)  # type: ignore[attr-defined]


_build_default_key_bindings_once()

BACK = "\x00back"
"""What a prompt returns for Back: no choice id or typed text can look like it."""
HELP = "\x00help"
NONE_OF_THESE = "\x00none"
BACK_TITLE = "Back to the previous question"
BACK_KEY = "Esc"


def with_keys(
    question: Any, back: bool, helps: bool, text_input: bool = False, help_key: str = ""
) -> Any:
    """Add Escape for Back and `?` for help; erase the prompt once answered (we reprint it).

    At a list `?` is always the help. At a typing line it is the help when `help_key` is
    "always" (a date, which never holds a `?`) or "empty" (free text: only on an empty
    line, so a `?` inside an answer is typed as usual)."""
    bindings = KeyBindings()
    if back:

        @bindings.add(Keys.Escape, eager=True)
        def _back(event: Any) -> None:
            event.app.exit(result=BACK)

    if helps and (not text_input or help_key):
        when: Any = True
        if text_input and help_key == "empty":
            from prompt_toolkit.filters import Condition

            when = Condition(lambda: not question.application.current_buffer.text)

        @bindings.add("?", eager=True, filter=when)
        def _help(event: Any) -> None:
            event.app.exit(result=HELP)

    if not text_input:
        # A list has no text for Ctrl-D to delete, and questionary's select ignores it:
        # make it end the session, as it does at a text prompt (one line, exit 130).
        @bindings.add("c-d", eager=True)
        def _end(event: Any) -> None:
            event.app.exit(exception=EOFError())

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])
    app.erase_when_done = True
    return question


def pointed_at(question: Any) -> Any:
    """The value of the choice the cursor is on (after the prompt has ended), or None."""
    control = _choices_of(question)
    return None if control is None else getattr(control.get_pointed_at(), "value", None)


def ticked_in(question: Any) -> list[Any]:
    """The values ticked in a tick list when it ended (by `?` or Esc, say)."""
    control = _choices_of(question)
    return [] if control is None else list(control.selected_options)


def _choices_of(question: Any) -> Any:
    from questionary.prompts.common import InquirerControl

    for control in question.application.layout.find_all_controls():
        if isinstance(control, InquirerControl):
            return control
    return None


def hints(back: bool, helps: bool, extra: str = "") -> str:
    parts = [extra] if extra else []
    if helps:
        parts.append("? for help")
    if back:
        parts.append(f"{BACK_KEY} to go back")
    return f"({'; '.join(parts)})" if parts else ""
