"""Asking one question of each kind (a choice, a tick list, text, a date), in the
arrow-key style or the plain numbered style for screen readers.

Prompts use `unsafe_ask`, so Ctrl-C reaches the command as KeyboardInterrupt instead of an
empty answer. In the arrow-key style everything a prompt shows (the "Question 2 of 5"
header, the question, its keys, and why the last answer was refused) is part of the prompt
and is erased with it: Back leaves nothing behind, and an answer is printed once, whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import questionary

from routewise.base.safe_text import visible
from routewise.calendar.working_days import format_day
from routewise.render.wrapping import wrap
from routewise.wizard.keys import (
    BACK,
    BACK_KEY,
    BACK_TITLE,
    HELP,
    NONE_OF_THESE,
    hints,
    pointed_at,
    ticked_in,
    with_keys,
)
from routewise.wizard.logic import (
    DateProblem,
    date_as_typed,
    parse_date_text,
    tick_problem,
)
from routewise.wizard.screen import not_utf8, say, screen_width, with_hint, with_problem

NONE_LABEL = "None of these"


@dataclass
class Asker:
    """Asks one question of each kind, in the arrow-key or the plain (numbered) style."""

    plain: bool = False
    today: date = field(default_factory=date.today)
    pointer: dict[str, str] = field(default_factory=dict)
    """Where the cursor was when `?` was pressed, by question: it stays there after the help."""
    header: str = ""
    """ "Question 2 of at most 4": shown with the prompt, and with the answer once given."""
    ticks: dict[str, list[str]] = field(default_factory=dict)
    """What was ticked when `?` was pressed, by question: still ticked after the help."""

    def _message(self, message: str, hint: str, problem: str = "") -> dict[str, Any]:
        """What an arrow-key prompt shows above its choices or its typing line, as the
        prompt's `message` and `qmark`: the header takes the place of questionary's "?",
        so that it is the first line, and the question keeps its "?" on the next."""
        text = with_problem(with_hint(message, hint), problem)
        if not self.header or self.plain:
            return {"message": text}
        return {"message": f"\n? {text}", "qmark": self.header}

    def _plain_header(self) -> None:
        if self.header:
            say(self.header)

    def answered(self, message: str, answer: str) -> None:
        """The header, the question and its answer, wrapped, once the prompt is erased."""
        if self.header and not self.plain:
            say(self.header)
        say(f"? {message}", hang=2)
        say(f"> {answer}", indent=2, hang=2)

    def choose(
        self,
        message: str,
        choices: list[tuple[str, str]],
        default: str | None,
        back: bool,
        helps: bool,
    ) -> str:
        """One of `choices` (value, label); BACK or HELP."""
        if self.plain:
            return self._choose_plain(message, choices, default, back, helps)
        width = screen_width() - 5
        items = [
            questionary.Choice(title=wrapped_label(label, width), value=value)
            for value, label in choices
        ]
        if back:
            # Wrapped like every label: at 30 columns it was cut ("Back to the previous questi").
            items.append(questionary.Choice(title=wrapped_label(BACK_TITLE, width), value=BACK))
        known = [v for v, _ in choices]
        default = self.pointer.pop(message, default)
        question = questionary.select(
            **self._message(message, hints(back, helps, "arrows, then Enter")),
            choices=items,
            default=default if default in known else None,
            instruction=" ",
        )
        answer = str(with_keys(question, back, helps).unsafe_ask())
        if answer == HELP:
            pointed = pointed_at(question)
            if pointed in known:
                self.pointer[message] = pointed
        elif answer != BACK:
            self.answered(message, dict(choices)[answer])
        return answer

    def _choose_plain(
        self,
        message: str,
        choices: list[tuple[str, str]],
        default: str | None,
        back: bool,
        helps: bool,
    ) -> str:
        self._plain_header()
        say(message)
        for n, (_, label) in enumerate(choices, start=1):
            say(f"{n}. {label}", indent=2, hang=len(f"{n}. "))
        numbers = {str(n): v for n, (v, _) in enumerate(choices, start=1)}
        prefill = next((k for k, v in numbers.items() if v == default), "")
        hint = hints(back, helps, f"type a number, 1 to {len(choices)}")
        hint = hint.replace(f"{BACK_KEY} to go back", "b to go back")
        while True:
            key = "empty" if helps else ""
            typed = self._type("Number", prefill, False, hint=hint, help_key=key).strip().lower()
            if typed in ("?", HELP) and helps:
                return HELP
            if typed == "b" and back:
                return BACK
            if typed in numbers:
                say(f"> {dict(choices)[numbers[typed]]}", indent=2, hang=2)
                return numbers[typed]
            say(f"Type a number from 1 to {len(choices)}.")
            prefill = ""

    def tick(
        self,
        message: str,
        choices: list[tuple[str, str]],
        default: tuple[str, ...] | None,
        back: bool,
        helps: bool,
        none_label: str = NONE_LABEL,
    ) -> tuple[str, ...] | str:
        """Any of `choices`, or "None of these", a choice of its own: the chosen values in
        order (empty for none of these); BACK or HELP. Enter with nothing ticked is refused,
        so Enter alone never says that a party holds a post, or that they hold none.

        `default` is the earlier answer (an empty tuple: "none of these" was chosen), or None.
        """
        listed = [*choices, (NONE_OF_THESE, none_label)]
        ticked = [] if default is None else list(default or (NONE_OF_THESE,))
        ticked = self.ticks.pop(message, ticked)
        if self.plain:
            return self._tick_plain(message, listed, ticked, back, helps)
        width = screen_width() - 7
        keys = "Space ticks each that applies, Enter when done"
        problem, cursor = "", self.pointer.pop(message, None)
        while True:
            question = questionary.checkbox(
                **self._message(message, hints(back, helps, keys), problem),
                choices=[
                    questionary.Choice(
                        title=wrapped_label(label, width), value=value, checked=value in ticked
                    )
                    for value, label in listed
                ],
                initial_choice=cursor,
                instruction=" ",
            )
            picked = with_keys(question, back, helps).unsafe_ask()
            if picked == HELP:
                self.ticks[message] = [str(v) for v in ticked_in(question)]
                cursor = pointed_at(question)
                if cursor is not None:
                    self.pointer[message] = str(cursor)
            if picked in (BACK, HELP):
                return str(picked)
            ticked = [v for v, _ in listed if v in (picked or [])]
            problem = tick_problem(len(ticked), NONE_OF_THESE in ticked, none_label)
            if problem:
                cursor = pointed_at(question)
                continue
            return self._ticked(message, listed, ticked)

    def _ticked(
        self, message: str, listed: list[tuple[str, str]], ticked: list[str]
    ) -> tuple[str, ...]:
        labels = dict(listed)
        self.answered(message, "; ".join(labels[v] for v in ticked))
        return tuple(v for v in ticked if v != NONE_OF_THESE)

    def _tick_plain(
        self,
        message: str,
        listed: list[tuple[str, str]],
        ticked: list[str],
        back: bool,
        helps: bool,
    ) -> tuple[str, ...] | str:
        self._plain_header()
        say(message)
        for n, (_, label) in enumerate(listed, start=1):
            say(f"{n}. {label}", indent=2, hang=len(f"{n}. "))
        numbers = {str(n): v for n, (v, _) in enumerate(listed, start=1)}
        prefill = ", ".join(k for k, v in numbers.items() if v in ticked)
        hint = f"the numbers that apply, separated by commas; {len(listed)} for none of these"
        hint += "; ? for help" if helps else ""
        hint += "; b to go back" if back else ""
        while True:
            key = "empty" if helps else ""
            typed = self._type("Numbers", prefill, False, hint=f"({hint})", help_key=key)
            typed = typed.strip().lower()
            if typed in ("?", HELP) and helps:
                return HELP
            if typed == "b" and back:
                return BACK
            parts = [p.strip() for p in typed.replace(" ", ",").split(",") if p.strip()]
            if not all(p in numbers for p in parts):
                say(f"Type numbers from 1 to {len(listed)}, separated by commas.")
                prefill = ""
                continue
            wanted = {numbers[p] for p in parts}
            chosen = [v for v, _ in listed if v in wanted]
            none_label = dict(listed)[NONE_OF_THESE]
            problem = tick_problem(len(chosen), NONE_OF_THESE in chosen, none_label, plain=True)
            if problem:
                say(problem)
                prefill = ""
                continue
            say(f"> {'; '.join(dict(listed)[v] for v in chosen)}", indent=2, hang=2)
            return tuple(v for v in chosen if v != NONE_OF_THESE)

    def _type(
        self,
        message: str,
        default: str,
        back: bool,
        placeholder: str = "",
        hint: str = "",
        problem: str = "",
        help_key: str = "",
    ) -> str:
        """One line of typing. `help_key`: "always" (a date, where `?` is never part of the
        answer) or "empty" (free text: `?` on an empty line) makes `?` show the help at once."""
        kwargs: dict[str, Any] = {"default": default}
        if placeholder and not self.plain:
            kwargs["placeholder"] = placeholder
        prompt = self._message(message, hint, "" if self.plain else problem)
        prompt["message"] += "\n  >"
        question = questionary.text(**prompt, **kwargs)
        keyed = with_keys(question, back, bool(help_key), text_input=True, help_key=help_key)
        return str(keyed.unsafe_ask())

    def text(self, message: str, default: str, optional: bool, back: bool, helps: bool) -> str:
        """Free text; BACK or HELP (`?` on an empty line, or `?` alone and Enter)."""
        extra = "Enter to skip" if optional else ""
        hint = hints(back and not self.plain, False, extra)
        if helps:
            hint = _add_hint(hint, "? on an empty line for help")
        if self.plain and back:
            hint = _add_hint(hint, "b alone to go back")
        prefill, problem = default, ""
        if self.plain:
            self._plain_header()
        while True:
            if self.plain and problem:
                say(problem)
            key = "empty" if helps else ""
            typed = self._type(message, prefill, back, hint=hint, problem=problem, help_key=key)
            if typed == BACK:
                return BACK
            if helps and typed.strip() in ("?", HELP):
                return HELP
            if self.plain and back and typed.strip().lower() == "b":
                return BACK
            if (found := not_utf8(typed)) is not None:
                problem, prefill = found, ""
                continue
            if typed.strip() or optional:
                self.answered(message, typed.strip() or "(not given)")
                return typed.strip()
            problem, prefill = "An answer is needed here.", ""

    def day(
        self,
        message: str,
        default: date | None,
        back: bool,
        helps: bool,
        *,
        future_allowed: bool,
        not_before: date | None = None,
        optional: bool = False,
        named: str | None = None,
    ) -> date | str | None:
        """A date; None for "not yet" when optional; BACK or HELP. `named`: the route's own
        name for the date raised, for a refusal to say it in its words."""
        today_hint = f"today, {format_day(self.today)}"
        enter = "Enter if not yet known" if optional else f"Enter alone for {today_hint}"
        hint = hints(back and not self.plain, helps, f"DD/MM/YYYY; {enter}")
        if self.plain and back:
            hint = _add_hint(hint, "b to go back")
        prefill = date_as_typed(default) if default else ""
        problem = ""
        if self.plain:
            self._plain_header()
        while True:
            if self.plain and problem:
                say(f"! {problem}", indent=2, hang=2)
            typed = self._type(
                message,
                prefill,
                back,
                placeholder="" if optional else today_hint,
                hint=hint,
                problem=problem,
                help_key="always" if helps else "",
            )
            if typed == BACK:
                return BACK
            stripped = typed.strip()
            if helps and stripped in ("?", HELP):
                return HELP
            if self.plain and back and stripped.lower() == "b":
                return BACK
            if optional and not stripped:
                self.answered(message, "not yet known: the plan leaves it undated")
                return None
            try:
                day = parse_date_text(
                    stripped,
                    self.today,
                    future_allowed=future_allowed,
                    not_before=not_before,
                    named=named,
                )
            except DateProblem as refused:
                problem, prefill = str(refused), stripped
                continue
            shown = stripped or "Enter"
            self.answered(message, f"{shown}: understood as {format_day(day)}")
            return day


def ask_line(
    message: str,
    default: str = "",
    check: Callable[[str], str | None] | None = None,
    hint: str = "",
    problem: str = "",
    echo: bool = True,
) -> str:
    """One line of text checked as it is typed (config init, contacts, the file to save to).

    A refused answer is asked again as it was typed, with the reason under the question,
    wrapped and never cut (questionary's own check shows it on one line, cut at the screen's
    edge), and erased with the prompt; the answer is then printed under its question.
    `problem` starts it with a reason already (a save that failed). Ctrl-C or Ctrl-D reach
    the caller. `echo`: print the question and answer once answered."""
    typed = default
    while True:
        question = questionary.text(
            with_problem(with_hint(message, hint), problem) + "\n  >", default=typed
        )
        typed = str(with_keys(question, False, False, text_input=True).unsafe_ask())
        found = not_utf8(typed) or (check(typed) if check else None)
        if found is None:
            if echo:
                say(f"? {message}", hang=2)
                say(f"> {typed.strip() or '(none)'}", indent=2, hang=2)
            return typed.strip()
        problem = found
        if not_utf8(typed):
            typed = ""


def _add_hint(hint: str, more: str) -> str:
    return f"{hint.rstrip(')')}; {more})" if hint else f"({more})"


def wrapped_label(label: str, width: int) -> str:
    """A long choice wraps at word boundaries, hanging under its first word; a date is
    never split across lines."""
    return "\n   ".join(wrap(label, max(width, 20))) or visible(label)
