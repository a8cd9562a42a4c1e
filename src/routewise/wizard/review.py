"""Check your answers: every answer as understood, then confirm, change one, or start again.

Also how an answer is named and shown wherever the wizard repeats it (the review, and the
lines that say a change dropped or replaced an answer), so the two never word it apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from routewise.calendar.working_days import format_day
from routewise.model.catalogue import Catalogue
from routewise.model.route import Route
from routewise.model.titles import retitle
from routewise.wizard.asker import Asker
from routewise.wizard.keys import BACK
from routewise.wizard.logic import RAISED, Item, Value, answer_text
from routewise.wizard.screen import say

ROUTE_KEY = "@route"
"""What the review returns when the user chose to change the choice of route."""


@dataclass(frozen=True)
class AnswerWords:
    """The council's titles applied to what the wizard repeats back."""

    catalogue: Catalogue
    titles: Mapping[str, str]

    def text(self, text: str) -> str:
        return retitle(text, self.catalogue, self.titles)

    def label(self, route: Route, key: str) -> str:
        """The question an answer was given to."""
        if key == RAISED:
            return self.text(route.raised_prompt)
        question = route.question(key)
        if question is not None:
            return self.text(question.text or key)
        event = route.event(key.removeprefix("@event:"))
        return self.text(event.question) if event else key

    def shown(self, route: Route, key: str, value: Value) -> str:
        """The answer as understood."""
        question = route.question(key)
        if question is not None:
            return self.text(answer_text(question, value))
        if value is None:
            return "not yet known"
        assert isinstance(value, date)
        return format_day(value)


@dataclass(frozen=True)
class ReviewScreen:
    """What the review shows: the route's answers, and how the route was chosen."""

    route: Route
    items: list[Item]
    values: Mapping[str, Value]
    route_choice: str | None
    """The first question's choice, when the wizard asked it (not `--route`)."""
    fixed_raised: date | None
    """The date raised, when given on the command line instead of asked."""
    notices: list[str]
    """What the last changes dropped or replaced, named again here."""


def review(asker: Asker, words: AnswerWords, screen: ReviewScreen) -> str:
    """Check your answers: "confirm", "restart", ROUTE_KEY, or the key of the answer to change."""
    route, values = screen.route, screen.values
    triage = words.catalogue.triage.question
    say()
    say("Check your answers")
    for line in screen.notices:
        say(f"({line})", indent=2, hang=3)
    if screen.route_choice:
        label = next(c.label for c in triage.choices if c.id == screen.route_choice)
        say(f"- {words.text(triage.text)}", indent=2, hang=2)
        say(f"> {words.text(label)}", indent=4, hang=2)
    for item in screen.items:
        say(f"- {words.label(route, item.key)}", indent=2, hang=2)
        say(f"> {words.shown(route, item.key, values[item.key])}", indent=4, hang=2)
    if screen.fixed_raised is not None:
        say("- Date raised (given on the command line)", indent=2, hang=2)
        say(f"> {format_day(screen.fixed_raised)}", indent=4, hang=2)
    say()
    while True:
        action = asker.choose(
            "Are these right?",
            [
                ("confirm", "Yes: show the plan"),
                ("change", "Change an answer"),
                ("restart", "Start again"),
            ],
            None if asker.plain else "confirm",
            back=False,
            helps=False,
        )
        if action != "change":
            return action
        options = [
            (i.key, f"{words.label(route, i.key)} ({words.shown(route, i.key, values[i.key])})")
            for i in screen.items
        ]
        if screen.route_choice is not None:
            chosen = next((c.label for c in triage.choices if c.route == route.id), None)
            answer = f" ({words.text(chosen)})" if chosen else ""
            options.insert(0, (ROUTE_KEY, f"{words.text(triage.text)}{answer}"))
        key = asker.choose("Which answer?", options, None, back=True, helps=False)
        if key != BACK:
            return key
