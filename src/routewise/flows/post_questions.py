"""A route's `post:` questions filled in from the party's shared post set in roles.yaml."""

from __future__ import annotations

from routewise.model.catalogue import Catalogue
from routewise.model.roles import PostSet, Role
from routewise.model.route import Choice, Question, Route


def expand_post_questions(catalogue: Catalogue, route: Route) -> Route:
    """Fill in each `post:` question from the party's shared post set in roles.yaml.

    After this the engine sees ordinary choice (or multi-choice) questions that
    still carry `post`, so it knows whose post each answer gives.
    """
    if not any(q.post for q in route.questions):
        return route
    questions = [
        _expand(q, catalogue.roles[q.post], catalogue.post_set_of(q.post)) if q.post else q
        for q in route.questions
    ]
    return route.model_copy(update={"questions": questions})


def _expand(question: Question, party: Role, post_set: PostSet | None) -> Question:
    assert post_set is not None, "checked: a post question's party has a post set"
    posts = [p for p in post_set.posts if not question.only or p.id in question.only]
    multiple = post_set.multiple
    choices = [
        Choice(
            id=p.id,
            label=p.label,
            help=p.help,
            next=None if multiple else question.next_for(p.id),
        )
        for p in posts
    ]
    return question.model_copy(
        update={
            "type": "multi-choice" if multiple else "choice",
            "text": question.text or post_set.question.format(party=party.title),
            "help": question.help or post_set.help,
            "choices": choices,
            "next": question.next if multiple else None,
        }
    )
