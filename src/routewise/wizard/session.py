"""The interactive questions of `routewise triage`: the only module that prompts.

It walks the same decision tree as the non-interactive path (the engine), and
keeps its decisions (what comes next, progress, what a change drops, how a
date is read) in `wizard_logic`, which has no prompts and is tested directly.

Every question has Back: a "Back" entry or the Escape key, and going back
refills the earlier answer. Before the plan, a review lists every answer, with
confirm, change one, or start again. `?` shows help; otherwise help stays out
of the way. In plain mode (--plain, ACCESSIBLE) choices are numbered lines and
answers are typed, which suits screen readers. Prompts use `unsafe_ask`, so
Ctrl-C reaches the CLI as KeyboardInterrupt instead of an empty answer.
"""

from __future__ import annotations

import functools
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys

from routewise.base.files import FileExists, check_target
from routewise.base.safe_text import shown, visible
from routewise.calendar.regions import REGION_NAMES, REGIONS
from routewise.calendar.working_days import format_day
from routewise.config.settings import ConfigFile, Contact, parse_closure
from routewise.engine.paths import Answer
from routewise.model.catalogue import Catalogue
from routewise.model.person import Person, email_problem
from routewise.model.route import Question, Route
from routewise.model.titles import retitle
from routewise.render.wrapping import wrap
from routewise.wizard.logic import (
    RAISED,
    DateProblem,
    Item,
    Value,
    answer_text,
    date_as_typed,
    events_before_raised,
    keep_on_path,
    most_questions,
    next_item,
    parse_date_text,
    path_items,
    post_roles,
    progress,
    progress_text,
    retitle_question,
    roles_mentioned,
)


def _build_default_key_bindings_once() -> None:
    """prompt_toolkit builds its default key bindings (about 600, mostly vi) for every
    Application, and questionary makes three for each question: about 25 ms a question on
    the 2-core machine, before the first one appears. The bindings keep no state of their
    own (their filters and handlers ask the running application), so one set serves every
    prompt. Where prompt_toolkit has no such function, nothing changes."""
    from prompt_toolkit.application import application

    build = getattr(application, "load_key_bindings", None)
    if callable(build) and not hasattr(build, "cache_info"):
        application.load_key_bindings = functools.cache(build)  # type: ignore[attr-defined]


_build_default_key_bindings_once()

BACK = "\x00back"
"""What a prompt returns for Back: no choice id or typed text can look like it."""
HELP = "\x00help"
NONE_OF_THESE = "\x00none"
_BACK_TITLE = "Back to the previous question"
_BACK_KEY = "Esc"


@dataclass(frozen=True)
class WizardResult:
    route: Route | None
    """None when the user chose "none of these"."""
    answers: dict[str, Answer]
    raised: date
    events: dict[str, date]


# --- output between prompts ------------------------------------------------------


def _width() -> int:
    return max(shutil.get_terminal_size((80, 24)).columns, 30)


def say(text: str = "", indent: int = 0, hang: int = 0) -> None:
    """Print wrapped at word boundaries (ASCII spaces only), never padded, never cut."""
    if not text:
        print()
        return
    for paragraph in visible(text).split("\n"):
        for line in wrap(paragraph, _width() - 1, " " * indent, " " * (indent + hang)):
            print(line)
    sys.stdout.flush()


def _with_hint(message: str, hint: str) -> str:
    """The question, then its keys on their own line(s), all wrapped at word boundaries."""
    text = _wrapped(message, 2, 2)
    return f"{text}\n  {_wrapped(hint, 2, 2)}" if hint else text


def _wrapped(text: str, first: int, rest: int) -> str:
    """Pre-wrap a prompt's message so the terminal never breaks it mid-word."""
    return "\n".join(wrap(text, _width() - 1 - first, "", " " * rest)) or visible(text)


# --- prompts ---------------------------------------------------------------------


def _with_keys(question: Any, back: bool, helps: bool, text_input: bool = False) -> Any:
    """Add Escape for Back and `?` for help; erase the prompt once answered (we reprint it)."""
    bindings = KeyBindings()
    if back:

        @bindings.add(Keys.Escape, eager=True)
        def _back(event: Any) -> None:
            event.app.exit(result=BACK)

    if helps and not text_input:

        @bindings.add("?", eager=True)
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


def _pointed_at(question: Any) -> Any:
    """The value of the choice the cursor is on (after the prompt has ended), or None."""
    from questionary.prompts.common import InquirerControl

    for control in question.application.layout.find_all_controls():
        if isinstance(control, InquirerControl):
            pointed = control.get_pointed_at()
            return getattr(pointed, "value", None)
    return None


def _hints(back: bool, helps: bool, extra: str = "") -> str:
    parts = [extra] if extra else []
    if helps:
        parts.append("? for help")
    if back:
        parts.append(f"{_BACK_KEY} to go back")
    return f"({'; '.join(parts)})" if parts else ""


def _answered(message: str, answer: str) -> None:
    """The question and its answer, wrapped, after the prompt itself is erased."""
    say(f"? {message}", hang=2)
    say(f"> {answer}", indent=2, hang=2)


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
        width = _width() - 5
        items = [
            questionary.Choice(title=_wrapped_label(label, width), value=value)
            for value, label in choices
        ]
        if back:
            # Wrapped like every label: at 30 columns it was cut ("Back to the previous questi").
            items.append(questionary.Choice(title=_wrapped_label(_BACK_TITLE, width), value=BACK))
        known = [v for v, _ in choices]
        default = self.pointer.pop(message, default)
        question = questionary.select(
            _with_hint(message, _hints(back, helps, "arrows, then Enter")),
            choices=items,
            default=default if default in known else None,
            instruction=" ",
        )
        answer = str(_with_keys(question, back, helps).unsafe_ask())
        if answer == HELP:
            pointed = _pointed_at(question)
            if pointed in known:
                self.pointer[message] = pointed
        elif answer != BACK:
            _answered(message, dict(choices)[answer])
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
        hint = _hints(back, helps, f"type a number, 1 to {len(choices)}")
        hint = hint.replace(f"{_BACK_KEY} to go back", "b to go back")
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
        width = _width() - 7
        question = questionary.checkbox(
            _with_hint(
                message, _hints(back, helps, "Space ticks each that applies, Enter when done")
            ),
            choices=[
                questionary.Choice(
                    title=_wrapped_label(label, width), value=value, checked=value in default
                )
                for value, label in choices
            ],
            instruction=" ",
        )
        picked = _with_keys(question, back, helps).unsafe_ask()
        if picked in (BACK, HELP):
            return str(picked)
        chosen = tuple(v for v, _ in choices if v in (picked or []))
        labels = dict(choices)
        _answered(message, "; ".join(labels[c] for c in chosen) or "None of these")
        return chosen

    def _type(
        self, message: str, default: str, back: bool, placeholder: str = "", hint: str = ""
    ) -> str:
        kwargs: dict[str, Any] = {"default": default}
        if placeholder and not self.plain:
            kwargs["placeholder"] = placeholder
        question = questionary.text(_with_hint(message, hint) + "\n  >", **kwargs)
        return str(_with_keys(question, back, False, text_input=True).unsafe_ask())

    def text(self, message: str, default: str, optional: bool, back: bool, helps: bool) -> str:
        """Free text; BACK or HELP (`?` alone)."""
        hint = _hints(back and not self.plain, helps, "Enter to skip" if optional else "")
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
            if (problem := _not_utf8(typed)) is not None:
                say(problem)
                prefill = ""
                continue
            if typed.strip() or optional:
                _answered(message, typed.strip() or "(not given)")
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
        hint = _hints(back and not self.plain, helps, f"DD/MM/YYYY; {enter}")
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
                _answered(message, "not yet known: the plan leaves it undated")
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
            _answered(message, f"{shown}: understood as {format_day(day)}")
            return day


def _wrapped_label(label: str, width: int) -> str:
    """A long choice wraps at word boundaries, hanging under its first word; a date is
    never split across lines."""
    return "\n   ".join(wrap(label, max(width, 20))) or visible(label)


# --- help ------------------------------------------------------------------------


def question_help(catalogue: Catalogue, question: Question, titles: Mapping[str, str]) -> list[str]:
    """Why the question is asked, when each choice applies, and who the roles named are."""
    lines: list[str] = []
    if question.help:
        lines.append(question.help)
    for choice in question.choices:
        if choice.help:
            lines.append(f"{choice.label}: {choice.help}")
    described: list[tuple[str, str]] = []
    for role_id in post_roles(catalogue, question):
        role = catalogue.roles[role_id]
        assert role.description is not None
        title = titles.get(role_id) or role.title
        described.append((title, retitle(role.description, catalogue, titles)))
    texts = [question.text or "", *(c.label for c in question.choices)]
    for title, text in roles_mentioned(catalogue, texts, titles):
        if all(title != t for t, _ in described):
            described.append((title, text))
    if described:
        lines.append("Who is who:")
        lines += [f"- {_capital(title)}: {text}" for title, text in described]
    return lines or ["No more help for this question: `routewise glossary` explains the roles."]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _show_help(lines: list[str]) -> None:
    say()
    for line in lines:
        say(line, indent=2, hang=2)
    say()


# --- the session -----------------------------------------------------------------


@dataclass
class Session:
    """One run of the wizard: the answers so far, in the order they were given."""

    catalogue: Catalogue
    today: date
    asker: Asker
    titles: Mapping[str, str] = field(default_factory=dict)
    fixed_route: Route | None = None
    fixed_raised: date | None = None
    route: Route | None = None
    values: dict[str, Value] = field(default_factory=dict)
    route_choice: str | None = None
    previous_route: Route | None = None
    dropped: list[str] = field(default_factory=list)
    """Answers dropped by the last change, named again at the review."""

    @property
    def ask_raised(self) -> bool:
        return self.fixed_raised is None

    @property
    def before(self) -> int:
        """Questions before the route's own: the choice of route, when asked here."""
        return 0 if self.fixed_route else 1

    def run(self) -> WizardResult:
        self.route = self.previous_route = self.fixed_route
        focus: str | None = None
        changing = False
        while True:
            if self.route is None:
                if not self._ask_route():
                    return WizardResult(None, {}, self.fixed_raised or self.today, {})
                continue
            item = self._item(focus)
            if item is None:
                action = self._review()
                if action == "confirm":
                    return self._result()
                if action == "restart":
                    self.values, self.dropped = {}, []
                    self.route = self.fixed_route
                    self.route_choice = self.route_choice if self.fixed_route is None else None
                    focus = None
                    continue
                focus, changing = action, True  # the key of the answer to change
                continue
            went_back, answer = self._ask(item)
            if went_back:
                focus = self._previous(item)
                if focus is None and self.fixed_route is None:
                    self.route = None  # back to the choice of route
                continue
            if changing and item.key in self.values:
                self._say_replaced(item.key, self.values[item.key], answer)
            self.values[item.key] = answer
            focus, changing = None, False
            kept, gone = keep_on_path(self.route, self.values, self.ask_raised)
            if gone:
                self._say_dropped(gone)
            self.values = kept
            self._ask_again_events_before_raised()

    def _item(self, focus: str | None) -> Item | None:
        assert self.route is not None
        if focus is not None:
            for item in path_items(self.route, self.values, self.ask_raised):
                if item.key == focus:
                    return item
        return next_item(self.route, self.values, self.ask_raised)

    def _previous(self, item: Item) -> str | None:
        assert self.route is not None
        keys = [i.key for i in path_items(self.route, self.values, self.ask_raised)]
        at = keys.index(item.key)
        return keys[at - 1] if at > 0 else None

    def _ask_route(self) -> bool:
        """The first question; False for "none of these"."""
        triage = self.catalogue.triage.question
        total = most_questions(self.catalogue, self.ask_raised)
        while True:
            say(progress_text(1, total))
            choice_id = self.asker.choose(
                self._t(triage.text),
                [(c.id, self._t(c.label)) for c in triage.choices],
                self.route_choice,
                back=False,
                helps=True,
            )
            if choice_id == HELP:
                lines = [self._t(triage.help)] if triage.help else []
                lines += [
                    f"{self._t(c.label)}: {self._t(c.help)}" for c in triage.choices if c.help
                ]
                _show_help(lines)
                continue
            break
        self.route_choice = choice_id
        choice = next(c for c in triage.choices if c.id == choice_id)
        if choice.route is None:
            return False
        new_route = self.catalogue.routes[choice.route]
        if self.values and self.previous_route is not new_route:
            assert self.previous_route is not None
            self._say_dropped(list(self.values), self.previous_route)
            self.values = {}
        self.route = self.previous_route = new_route
        return True

    def _t(self, text: str) -> str:
        return retitle(text, self.catalogue, self.titles)

    def _ask(self, item: Item) -> tuple[bool, Value]:
        """Ask one item (help as often as wanted): (went back, the answer)."""
        assert self.route is not None
        number, total, exact = progress(self.route, self.values, item, self.ask_raised, self.before)
        keys = [i.key for i in path_items(self.route, self.values, self.ask_raised)]
        back = keys.index(item.key) > 0 or self.fixed_route is None
        while True:
            say(progress_text(number, total, exact))
            answer = self._ask_once(item, back)
            if answer == HELP:
                _show_help(self._help(item))
                continue
            if answer == BACK:
                return True, None
            return False, answer

    def _help(self, item: Item) -> list[str]:
        assert self.route is not None
        if item.question is not None:
            question = retitle_question(item.question, self.catalogue, self.titles)
            return question_help(self.catalogue, question, self.titles)
        if item.is_raised:
            later = (
                " Some periods on this route count from a later event instead; the plan says which."
                if self.route.events
                else ""
            )
            return [
                "The date the matter was raised is day 0: a period counted from it starts the "
                f"day after.{later} Type it as DD/MM/YYYY, YYYY-MM-DD, today or yesterday."
            ]
        assert item.event is not None
        lines = [
            f"Some periods count from when {self._t(item.event.text)}. If that has not "
            "happened yet, press Enter: the plan says the date is set once it happens."
        ]
        texts = [self._t(item.event.question)]
        for title, text in roles_mentioned(self.catalogue, texts, self.titles):
            lines.append(f"- {_capital(title)}: {text}")
        return lines

    def _ask_once(self, item: Item, back: bool) -> Any:
        assert self.route is not None
        previous = self.values.get(item.key)
        if item.is_raised:
            prompt = self._t(self.route.raised_prompt)
            return self.asker.day(
                prompt,
                previous if isinstance(previous, date) else None,
                back,
                True,
                future_allowed=False,
            )
        if item.event is not None:
            raised = self.values.get(RAISED)
            return self.asker.day(
                self._t(item.event.question),
                previous if isinstance(previous, date) else None,
                back,
                True,
                future_allowed=True,
                not_before=raised if isinstance(raised, date) else self.fixed_raised,
                optional=True,
            )
        assert item.question is not None
        question = retitle_question(item.question, self.catalogue, self.titles)
        message = question.text or question.id
        choices = [(c.id, c.label) for c in question.choices]
        if question.type == "multi-choice":
            if len(choices) == 1:
                picked = self.asker.choose(
                    message,
                    [*choices, (NONE_OF_THESE, "None of these")],
                    _single_default(previous),
                    back,
                    True,
                )
                if picked in (BACK, HELP):
                    return picked
                return () if picked == NONE_OF_THESE else (picked,)
            return self.asker.tick(
                message,
                choices,
                previous if isinstance(previous, tuple) else (),
                back,
                True,
            )
        if question.choices:
            return self.asker.choose(
                message, choices, previous if isinstance(previous, str) else None, back, True
            )
        if question.type == "date":
            return self.asker.day(
                message,
                previous if isinstance(previous, date) else None,
                back,
                True,
                future_allowed=True,
            )
        return self.asker.text(
            message,
            previous if isinstance(previous, str) else "",
            question.optional,
            back,
            bool(question.help),
        )

    def _label(self, key: str, route: Route | None = None) -> str:
        route = route or self.route
        assert route is not None
        if key == RAISED:
            return self._t(route.raised_prompt)
        question = route.question(key)
        if question is not None:
            return self._t(question.text or key)
        event = route.event(key.removeprefix("@event:"))
        return self._t(event.question) if event else key

    def _shown(self, key: str, value: Value, route: Route | None = None) -> str:
        route = route or self.route
        assert route is not None
        question = route.question(key)
        if question is not None:
            return self._t(answer_text(question, value))
        if value is None:
            return "not yet known"
        assert isinstance(value, date)
        return format_day(value)

    def _say_dropped(self, keys: list[str], route: Route | None = None) -> None:
        """Name each answer a change has made irrelevant: never dropped silently."""
        for key in keys:
            answer = self._shown(key, self.values[key], route)
            line = f"dropped: {answer} (\u201c{self._label(key, route)}\u201d): no longer asked"
            self.dropped.append(line)
            say(line, indent=2, hang=4)

    def _ask_again_events_before_raised(self) -> None:
        """A new date raised can put an event's date before it: say so, and ask that date
        again (next), instead of letting the plan fail once every answer is in."""
        raised = self.values.get(RAISED, self.fixed_raised)
        if not isinstance(raised, date):
            return
        for key in events_before_raised(self.values, raised):
            say(
                f"! {self._shown(key, self.values[key])} (\u201c{self._label(key)}\u201d) is "
                f"now before the date the matter was raised ({format_day(raised)}): "
                "asked again",
                indent=2,
                hang=4,
            )
            del self.values[key]

    def _say_replaced(self, key: str, old: Value, new: Value) -> None:
        """A changed answer: the old one is dropped, and named with what replaced it."""
        if old == new:
            return
        line = (
            f"dropped: {self._shown(key, old)} (\u201c{self._label(key)}\u201d), "
            f"replaced by {self._shown(key, new)}"
        )
        self.dropped.append(line)
        say(line, indent=2, hang=4)

    def _review(self) -> str:
        """Check your answers: confirm, change one (its key), or start again."""
        assert self.route is not None
        items = path_items(self.route, self.values, self.ask_raised)
        say()
        say("Check your answers")
        for line in self.dropped:
            say(f"({line})", indent=2, hang=3)
        self.dropped = []
        if self.fixed_route is None and self.route_choice:
            triage = self.catalogue.triage.question
            label = next(c.label for c in triage.choices if c.id == self.route_choice)
            say(f"- {self._t(triage.text)}", indent=2, hang=2)
            say(f"> {self._t(label)}", indent=4, hang=2)
        for item in items:
            say(f"- {self._label(item.key)}", indent=2, hang=2)
            say(f"> {self._shown(item.key, self.values[item.key])}", indent=4, hang=2)
        if self.fixed_raised is not None:
            say("- Date raised (given on the command line)", indent=2, hang=2)
            say(f"> {format_day(self.fixed_raised)}", indent=4, hang=2)
        say()
        while True:
            action = self.asker.choose(
                "Are these right?",
                [
                    ("confirm", "Yes: show the plan"),
                    ("change", "Change an answer"),
                    ("restart", "Start again"),
                ],
                None if self.asker.plain else "confirm",
                back=False,
                helps=False,
            )
            if action != "change":
                return action
            options = [
                (i.key, f"{self._label(i.key)} ({self._shown(i.key, self.values[i.key])})")
                for i in items
            ]
            if self.fixed_route is None:
                triage = self.catalogue.triage.question
                chosen = next((c.label for c in triage.choices if c.route == self.route.id), None)
                answer = f" ({self._t(chosen)})" if chosen else ""
                options.insert(0, ("@route", f"{self._t(triage.text)}{answer}"))
            key = self.asker.choose("Which answer?", options, None, back=True, helps=False)
            if key == "@route":
                self.route = None
                return "@route"
            if key != BACK:
                return key

    def _result(self) -> WizardResult:
        assert self.route is not None
        answers: dict[str, Answer] = {
            k: v for k, v in self.values.items() if not k.startswith("@") and v is not None
        }
        raised = self.values.get(RAISED, self.fixed_raised or self.today)
        assert isinstance(raised, date)
        events = {
            k.removeprefix("@event:"): v
            for k, v in self.values.items()
            if k.startswith("@event:") and isinstance(v, date)
        }
        return WizardResult(self.route, answers, raised, events)


def _single_default(previous: Value) -> str | None:
    if isinstance(previous, tuple):
        return previous[0] if previous else NONE_OF_THESE
    return None


def run(
    catalogue: Catalogue,
    today: date,
    route: Route | None = None,
    raised: date | None = None,
    titles: Mapping[str, str] | None = None,
    plain: bool = False,
) -> WizardResult:
    """Ask whatever the command line did not already answer, then review before the plan."""
    session = Session(
        catalogue,
        today,
        Asker(plain=plain, today=today),
        dict(titles or {}),
        fixed_route=route,
        fixed_raised=raised,
    )
    return session.run()


def save_folder(configured: str | None) -> Path:
    """Where plans are saved by default: the config's folder, else the user's documents."""
    if configured:
        return Path(configured).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_documents_dir()).resolve()


def _validate_save_name(text: str) -> bool | str:
    name = text.strip()
    if not name:
        return "Enter a file name"
    if Path(name).expanduser().is_dir():
        return "That is a folder: enter a file name"
    return True


def offer_save(default_name: str) -> tuple[Path, bool] | None:
    """Ask whether and where to save the plan; (path, overwrite) or None.

    Ctrl-C or Ctrl-D at any of these prompts reach the CLI as a cancel (exit 130).
    """
    if not questionary.confirm("Save this plan to a file?", default=False).unsafe_ask():
        return None
    while True:
        name = str(
            questionary.text(
                _wrapped("File to save to (markdown; a name ending .ics is a calendar)", 2, 0),
                default=default_name,
                validate=_validate_save_name,
            ).unsafe_ask()
        ).strip()
        path = Path(name).expanduser()
        try:
            check_target(path)
        except FileExists:
            question = f"{shown(path)} already exists. Overwrite it?"
            if questionary.confirm(question, default=False).unsafe_ask():
                return path, True
            continue
        return path, False


def ask_case_contacts(
    catalogue: Catalogue, role_ids: list[str], titles: Mapping[str, str] | None = None
) -> dict[str, Person]:
    """Names for roles that depend on the case (the officer's Head of Service…): optional."""
    found: dict[str, Person] = {}
    for role_id in role_ids:
        title = (titles or {}).get(role_id) or catalogue.roles[role_id].title
        say(f"Who is {title}? (optional: Enter to skip)")
        name = _contact_detail("Name")
        if not name:
            continue
        email = _contact_detail(f"Email for {name} (optional)", email=True)
        phone = _contact_detail(f"Phone for {name} (optional)")
        found[role_id] = Person(name=name, email=email or None, phone=phone or None)
    return found


def _not_utf8(text: str) -> str | None:
    """Why typed text cannot be kept: bytes that are not UTF-8 (a Latin-1 terminal's "é")
    arrive as lone surrogates, which no plan, config or message can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "That is not UTF-8 text: set the terminal's encoding to UTF-8 and type it again"
    return None


def _contact_detail(message: str, email: bool = False) -> str:
    """One line of a contact, at most 200 characters (what a plan and the config hold);
    with `email`, empty or an email address."""

    def short(text: str) -> bool | str:
        if (problem := _not_utf8(text)) is not None:
            return problem
        if email and text.strip() and (problem := email_problem(text)) is not None:
            return f"That is not an email address: {problem}"
        return len(text.strip()) <= 200 or "At most 200 characters, please"

    return str(questionary.text(_wrapped(message, 2, 2), validate=short).unsafe_ask()).strip()


def _validate_closures(text: str) -> bool | str:
    try:
        for part in _split(text):
            parse_closure(part)
    except ValueError as exc:
        return str(exc)
    return True


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]


SETTING_LIMIT = 200
"""The longest name, email, phone or title the config file accepts (config.Text)."""


def _validate_setting(text: str) -> bool | str:
    """Checked as it is typed, so a long answer is asked again instead of losing the rest."""
    if (problem := _not_utf8(text)) is not None:
        return problem
    length = len(text.strip())
    if length > SETTING_LIMIT:
        return f"At most {SETTING_LIMIT} characters, please (this is {length})"
    return True


def _validate_email_setting(text: str) -> bool | str:
    """An email in the config: empty, or an address (a plan sends people to it)."""
    checked = _validate_setting(text)
    if checked is True and text.strip() and (problem := email_problem(text)) is not None:
        return f"That is not an email address: {problem}"
    return checked


def _setting(message: str, default: str, email: bool = False) -> str:
    check = _validate_email_setting if email else _validate_setting
    answer = questionary.text(message, default=default, validate=check).unsafe_ask()
    return str(answer).strip()


def ask_config(catalogue: Catalogue, existing: ConfigFile | None) -> ConfigFile:
    """The questions of `routewise config init`, defaulting to what the file already says.

    Every answer is checked as it is typed. Ctrl-C or Ctrl-D at any prompt
    (KeyboardInterrupt or EOFError) reaches the CLI, which writes nothing.
    """
    old = existing or ConfigFile()
    council = _setting("Council name (optional)", old.council or "")
    region = questionary.select(
        "Which bank holidays apply?",
        choices=[questionary.Choice(title=REGION_NAMES[r], value=r) for r in REGIONS],
        default=old.region or "england-and-wales",
    ).unsafe_ask()
    closures = str(
        questionary.text(
            "Council closure days, separated by commas (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD; "
            "Enter for none)",
            default=", ".join(old.closures),
            validate=_validate_closures,
        ).unsafe_ask()
    )
    contacts = {role: Contact(**c.model_dump()) for role, c in old.contacts.items()}
    fixed_roles = [r for r in catalogue.roles.values() if not r.party and not r.of]
    while questionary.confirm(
        "Add or change a named contact for a role?", default=not contacts
    ).unsafe_ask():
        role_id = questionary.select(
            "Which role?",
            choices=[questionary.Choice(title=r.title, value=r.id) for r in fixed_roles],
        ).unsafe_ask()
        current = contacts.get(role_id, Contact())
        name = _setting("Name", current.name or "")
        email = _setting("Email", current.email or "", email=True)
        phone = _setting("Phone", current.phone or "")
        contacts[role_id] = Contact(name=name or None, email=email or None, phone=phone or None)
    titles = dict(old.titles)
    while questionary.confirm(
        "Does your council use a different title for a role?", default=False
    ).unsafe_ask():
        roles = [r for r in catalogue.roles.values() if not r.party]
        role_id = questionary.select(
            "Which role?",
            choices=[questionary.Choice(title=r.title, value=r.id) for r in roles],
        ).unsafe_ask()
        title = _setting("Title as your council writes it", titles.get(role_id, ""))
        if title:
            titles[role_id] = title
    return ConfigFile(
        council=council or None,
        region=region,
        closures=_split(closures),
        titles=titles,
        contacts={r: c for r, c in contacts.items() if c.name or c.email or c.phone},
    )


def confirm(message: str) -> bool:
    """Yes or no, default no; Ctrl-C or Ctrl-D reach the CLI as a cancel."""
    return bool(questionary.confirm(message, default=False).unsafe_ask())
