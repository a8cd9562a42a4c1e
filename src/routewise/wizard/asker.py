"""Asking one question of each kind (a choice, a tick list, text, a date), in the
arrow-key style or the plain numbered style for screen readers.

Prompts use `unsafe_ask`, so Ctrl-C reaches the command as KeyboardInterrupt instead of an
empty answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import questionary

from routewise.base.safe_text import visible
from routewise.calendar.working_days import format_day
from routewise.render.wrapping import wrap
from routewise.wizard.keys import BACK, BACK_KEY, BACK_TITLE, HELP, hints, pointed_at, with_keys
from routewise.wizard.logic import (
    DateProblem,
    date_as_typed,
    parse_date_text,
)
from routewise.wizard.screen import answered, not_utf8, say, screen_width, with_hint


@dataclass
class Asker:
    """Asks one question of each kind, in the arrow-key or the plain (numbered) style."""

    plain: bool = False
    today: date = field(default_factory=date.today)
    pointer: dict[str, str] = field(default_factory=dict)
    """Where the cursor was when `?` was pressed, by question: it stays there after the help."""

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
            with_hint(message, hints(back, helps, "arrows, then Enter")),
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
            answered(message, dict(choices)[answer])
        return answer

    def _choose_plain(
        self,
        message: str,
        choices: list[tuple[str, str]],
        default: str | None,
        back: bool,
        helps: bool,
    ) -> str:
        say(message)
        for n, (_, label) in enumerate(choices, start=1):
            say(f"{n}. {label}", indent=2, hang=len(f"{n}. "))
        numbers = {str(n): v for n, (v, _) in enumerate(choices, start=1)}
        prefill = next((k for k, v in numbers.items() if v == default), "")
        hint = hints(back, helps, f"type a number, 1 to {len(choices)}")
        hint = hint.replace(f"{BACK_KEY} to go back", "b to go back")
        while True:
            typed = self._type("Number", prefill, back=False, hint=hint).strip().lower()
            if typed == "?" and helps:
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
        default: tuple[str, ...],
        back: bool,
        helps: bool,
    ) -> tuple[str, ...] | str:
        """Any of `choices`: the chosen values in order; BACK or HELP."""
        if self.plain:
            say(message)
            for n, (_, label) in enumerate(choices, start=1):
                say(f"{n}. {label}", indent=2, hang=len(f"{n}. "))
            numbers = {str(n): v for n, (v, _) in enumerate(choices, start=1)}
            prefill = ", ".join(k for k, v in numbers.items() if v in default)
            hint = "numbers separated by commas; Enter alone for none"
            hint += "; ? for help" if helps else ""
            hint += "; b to go back" if back else ""
            while True:
                typed = self._type("Numbers", prefill, False, hint=f"({hint})").strip().lower()
                if typed == "?" and helps:
                    return HELP
                if typed == "b" and back:
                    return BACK
                parts = [p.strip() for p in typed.replace(" ", ",").split(",") if p.strip()]
                if all(p in numbers for p in parts):
                    wanted = {numbers[p] for p in parts}
                    chosen = tuple(v for v, _ in choices if v in wanted)
                    shown = "; ".join(label for v, label in choices if v in wanted)
                    say(f"> {shown or 'None of these'}", indent=2, hang=2)
                    return chosen
                say(f"Type numbers from 1 to {len(choices)}, separated by commas.")
        width = screen_width() - 7
        question = questionary.checkbox(
            with_hint(
                message, hints(back, helps, "Space ticks each that applies, Enter when done")
            ),
            choices=[
                questionary.Choice(
                    title=wrapped_label(label, width), value=value, checked=value in default
                )
                for value, label in choices
            ],
            instruction=" ",
        )
        picked = with_keys(question, back, helps).unsafe_ask()
        if picked in (BACK, HELP):
            return str(picked)
        chosen = tuple(v for v, _ in choices if v in (picked or []))
        labels = dict(choices)
        answered(message, "; ".join(labels[c] for c in chosen) or "None of these")
        return chosen

    def _type(
        self, message: str, default: str, back: bool, placeholder: str = "", hint: str = ""
    ) -> str:
        kwargs: dict[str, Any] = {"default": default}
        if placeholder and not self.plain:
            kwargs["placeholder"] = placeholder
        question = questionary.text(with_hint(message, hint) + "\n  >", **kwargs)
        return str(with_keys(question, back, False, text_input=True).unsafe_ask())

    def text(self, message: str, default: str, optional: bool, back: bool, helps: bool) -> str:
        """Free text; BACK or HELP (`?` alone)."""
        hint = hints(back and not self.plain, helps, "Enter to skip" if optional else "")
        if self.plain and back:
            hint = hint.rstrip(")") + "; b alone to go back)" if hint else "(b alone to go back)"
        prefill = default
        while True:
            typed = self._type(message, prefill, back, hint=hint)
            if typed == BACK:
                return BACK
            if helps and typed.strip() == "?":
                return HELP
            if self.plain and back and typed.strip().lower() == "b":
                return BACK
            if (problem := not_utf8(typed)) is not None:
                say(problem)
                prefill = ""
                continue
            if typed.strip() or optional:
                answered(message, typed.strip() or "(not given)")
                return typed.strip()
            say("An answer is needed here.")
            prefill = ""

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
    ) -> date | str | None:
        """A date; None for "not yet" when optional; BACK or HELP."""
        today_hint = f"today, {format_day(self.today)}"
        enter = "Enter if not yet known" if optional else f"Enter alone for {today_hint}"
        hint = hints(back and not self.plain, helps, f"DD/MM/YYYY; {enter}")
        if self.plain and back:
            hint = hint.rstrip(")") + "; b to go back)"
        prefill = date_as_typed(default) if default else ""
        while True:
            typed = self._type(
                message, prefill, back, placeholder="" if optional else today_hint, hint=hint
            )
            if typed == BACK:
                return BACK
            stripped = typed.strip()
            if helps and stripped == "?":
                return HELP
            if self.plain and back and stripped.lower() == "b":
                return BACK
            if optional and not stripped:
                answered(message, "not yet known: the plan leaves it undated")
                return None
            try:
                day = parse_date_text(
                    stripped, self.today, future_allowed=future_allowed, not_before=not_before
                )
            except DateProblem as problem:
                say(f"! {problem}", indent=2, hang=2)
                prefill = stripped
                continue
            shown = stripped or "Enter"
            answered(message, f"{shown}: understood as {format_day(day)}")
            return day


def wrapped_label(label: str, width: int) -> str:
    """A long choice wraps at word boundaries, hanging under its first word; a date is
    never split across lines."""
    return "\n   ".join(wrap(label, max(width, 20))) or visible(label)
