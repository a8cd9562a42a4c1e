"""The help a question shows on `?`: why it is asked, when each choice applies, who is who."""

from __future__ import annotations

from collections.abc import Mapping

from routewise.model.catalogue import Catalogue
from routewise.model.route import Question
from routewise.model.titles import retitle
from routewise.wizard.logic import (
    post_roles,
    roles_mentioned,
)
from routewise.wizard.screen import capital


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
        lines += [f"- {capital(title)}: {text}" for title, text in described]
    return lines or ["No more help for this question: `routewise glossary` explains the roles."]
