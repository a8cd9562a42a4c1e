"""One run of the triage wizard: the choice of route, each question in turn, the review.

It walks the same decision tree as the non-interactive path (the engine), and keeps its
decisions (what comes next, progress, what a change drops, how a date is read) in
`logic`, which has no prompts and is tested directly. Asking one question is `asker` and
`one_question`; the review is `review`.

Every question has Back: a "Back" entry or the Escape key, and going back refills the
earlier answer. Before the plan, a review lists every answer, with confirm, change one, or
start again. `?` shows help; otherwise help stays out of the way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from routewise.calendar.working_days import format_day
from routewise.engine.paths import Answer
from routewise.model.catalogue import Catalogue
from routewise.model.route import Route
from routewise.model.titles import retitle
from routewise.wizard.asker import Asker
from routewise.wizard.help import question_help
from routewise.wizard.keys import BACK, HELP
from routewise.wizard.logic import (
    RAISED,
    Item,
    Value,
    events_before_raised,
    keep_on_path,
    most_questions,
    next_item,
    path_items,
    progress,
    progress_text,
    retitle_question,
    roles_mentioned,
)
from routewise.wizard.one_question import ask_item
from routewise.wizard.review import ROUTE_KEY, AnswerWords, ReviewScreen, review
from routewise.wizard.screen import capital, say, show_help


@dataclass(frozen=True)
class WizardResult:
    route: Route | None
    """None when the user chose "none of these"."""
    answers: dict[str, Answer]
    raised: date
    events: dict[str, date]


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
            self.asker.header = progress_text(1, total)
            try:
                choice_id = self.asker.choose(
                    self._t(triage.text),
                    [(c.id, self._t(c.label)) for c in triage.choices],
                    self.route_choice,
                    back=False,
                    helps=True,
                )
            finally:
                self.asker.header = ""
            if choice_id == HELP:
                lines = [self._t(triage.help)] if triage.help else []
                lines += [
                    f"{self._t(c.label)}: {self._t(c.help)}" for c in triage.choices if c.help
                ]
                show_help(lines, pause=not self.asker.plain)
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
            # The header is part of the prompt, erased with it: Back leaves no stray
            # "Question 4 of at most 5" behind; an answer is printed under its header.
            self.asker.header = progress_text(number, total, exact)
            try:
                answer = self._ask_once(item, back)
            finally:
                self.asker.header = ""
            if answer == HELP:
                show_help(self._help(item), pause=not self.asker.plain)
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
            lines.append(f"- {capital(title)}: {text}")
        return lines

    def _ask_once(self, item: Item, back: bool) -> Any:
        assert self.route is not None
        raised = self.values.get(RAISED, self.fixed_raised)
        return ask_item(
            self.asker,
            self.catalogue,
            self.titles,
            self.route,
            item,
            self.values.get(item.key),
            back,
            raised if isinstance(raised, date) else None,
        )

    @property
    def words(self) -> AnswerWords:
        return AnswerWords(self.catalogue, self.titles)

    def _label(self, key: str, route: Route | None = None) -> str:
        route = route or self.route
        assert route is not None
        return self.words.label(route, key)

    def _shown(self, key: str, value: Value, route: Route | None = None) -> str:
        route = route or self.route
        assert route is not None
        return self.words.shown(route, key, value)

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
                f"now before {self._raised_words()} ({format_day(raised)}): "
                "asked again",
                indent=2,
                hang=4,
            )
            del self.values[key]

    def _raised_words(self) -> str:
        """The date raised as this route names it ("the date received"), else generically."""
        own = self.route.own_raised_words if self.route is not None else None
        return own or "the date the matter was raised"

    def _say_replaced(self, key: str, old: Value, new: Value) -> None:
        """A changed answer is "changed from ... to ...": "dropped" is kept for an answer
        that is no longer asked at all."""
        if old == new:
            return
        line = (
            f"\u201c{self._label(key)}\u201d: changed from {self._shown(key, old)} "
            f"to {self._shown(key, new)}"
        )
        self.dropped.append(line)
        say(line, indent=2, hang=4)

    def _review(self) -> str:
        """Check your answers: confirm, change one (its key), or start again."""
        assert self.route is not None
        screen = ReviewScreen(
            route=self.route,
            items=path_items(self.route, self.values, self.ask_raised),
            values=self.values,
            route_choice=self.route_choice if self.fixed_route is None else None,
            fixed_raised=self.fixed_raised,
            notices=self.dropped,
        )
        self.dropped = []
        action = review(self.asker, self.words, screen)
        if action == ROUTE_KEY:
            self.route = None
        return action

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
