"""Asking one item of a route's path: the date raised, a later event's date, or a question."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from routewise.model.catalogue import Catalogue
from routewise.model.route import Route
from routewise.model.titles import retitle
from routewise.wizard.asker import NONE_LABEL, Asker
from routewise.wizard.logic import Item, Value, retitle_question


def ask_item(
    asker: Asker,
    catalogue: Catalogue,
    titles: Mapping[str, str],
    route: Route,
    item: Item,
    previous: Value,
    back: bool,
    raised: date | None,
) -> Any:
    """Ask one item of the path (the date raised, an event's date or a question): its answer,
    or BACK or HELP. `previous` refills the earlier answer; `raised` is the date raised so far,
    which an event's date may not be before."""

    def _t(text: str) -> str:
        return retitle(text, catalogue, titles)

    if item.is_raised:
        prompt = _t(route.raised_prompt)
        return asker.day(
            prompt,
            previous if isinstance(previous, date) else None,
            back,
            True,
            future_allowed=False,
            named=route.own_raised_words,
        )
    if item.event is not None:
        return asker.day(
            _t(item.event.question),
            previous if isinstance(previous, date) else None,
            back,
            True,
            future_allowed=True,
            not_before=raised,
            optional=True,
            named=route.own_raised_words,
        )
    assert item.question is not None
    question = retitle_question(item.question, catalogue, titles)
    message = question.text or question.id
    choices = [(c.id, c.label) for c in question.choices]
    if question.type == "multi-choice":
        # Every tick list, one post or several, has "None of these" as a choice of its own:
        # Enter with nothing ticked is refused, so no keypress alone asserts a post.
        post_set = catalogue.post_set_of(question.post) if question.post else None
        return asker.tick(
            message,
            choices,
            previous if isinstance(previous, tuple) else None,
            back,
            True,
            (post_set.none_label if post_set else None) or NONE_LABEL,
        )
    if question.choices:
        return asker.choose(
            message, choices, previous if isinstance(previous, str) else None, back, True
        )
    if question.type == "date":
        return asker.day(
            message,
            previous if isinstance(previous, date) else None,
            back,
            True,
            future_allowed=True,
        )
    return asker.text(
        message,
        previous if isinstance(previous, str) else "",
        question.optional,
        back,
        bool(question.help),
    )
