"""The shape of the flow files: roles, the triage entry and routes.

Every field a council may change lives here, so a route can be added or
corrected by editing YAML alone. Models forbid unknown keys so that a typo in a
flow file is an error rather than a silently ignored instruction.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
"""Short kebab-case identifier, the same in flow files, answers files and the CLI."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Model(BaseModel):
    # defer_build: validators are built on first validation, so a command served from the
    # flow cache (flow_cache.py) never pays for building them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Document(_Model):
    """A source document in ../shared/seeds that steps cite."""

    id: Id
    file: Text
    title: Text


class Source(_Model):
    """Where a step or note comes from: a document, a section heading and a paragraph."""

    document: Id
    section: Text
    paragraph: int | None = Field(default=None, ge=1)


class Level(_Model):
    """A rung of the officer hierarchy, junior first in the roles file."""

    id: Id
    title: Text


class Role(_Model):
    """Someone a plan names: a party, a post, or a post relative to a party."""

    id: Id
    title: Text
    party: bool = False
    relative_to: Id | None = None
    level: Id | None = None
    description: Text | None = None


class RolesFile(_Model):
    levels: list[Level] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)


QuestionType = Literal["choice", "yes-no", "date", "text"]


class Choice(_Model):
    id: Id
    label: Text
    next: Id | None = None
    level: Id | None = None


class Question(_Model):
    """One question of a route's decision tree.

    `next` on a choice (or on the question, for date and text questions) names
    the following question or outcome, so the tree is visible in the file.
    """

    id: Id
    type: QuestionType
    text: Text
    help: Text | None = None
    choices: list[Choice] = Field(default_factory=list)
    next: Id | None = None
    party: Id | None = None
    optional: bool = False

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if self.type in ("choice", "yes-no"):
            if not self.choices:
                raise ValueError(f"a {self.type} question needs choices")
            if self.next is not None:
                raise ValueError("a question with choices sets `next` on each choice")
            if any(c.next is None for c in self.choices):
                raise ValueError("every choice needs `next`")
            ids = [c.id for c in self.choices]
            if len(set(ids)) != len(ids):
                raise ValueError("choice ids must be unique")
            if self.type == "yes-no" and sorted(ids) != ["no", "yes"]:
                raise ValueError("a yes-no question has exactly the choices `yes` and `no`")
        else:
            if self.choices:
                raise ValueError(f"a {self.type} question has no choices")
            if self.next is None:
                raise ValueError(f"a {self.type} question needs `next`")
        if self.party is not None and self.type != "choice":
            raise ValueError("only a choice question can set a party's level")
        if self.party is not None and any(c.level is None for c in self.choices):
            raise ValueError("a question that sets a party's level needs `level` on every choice")
        if self.optional and self.type != "text":
            raise ValueError("only text questions can be optional")
        return self


DeadlineRule = Literal["working-days", "calendar-days", "as-soon-as-possible", "without-delay"]


class Deadline(_Model):
    """A time limit, worded as the document words it.

    `counts_from_stated: false` records that the document does not say what
    the period counts from; the plan then counts from the date raised and says so.
    """

    rule: DeadlineRule
    days: int | None = Field(default=None, ge=0, le=366)
    wording: Text
    counts_from: Id = "raised"
    counts_from_stated: bool = False

    @model_validator(mode="after")
    def _days(self) -> Deadline:
        counted = self.rule in ("working-days", "calendar-days")
        if counted and self.days is None:
            raise ValueError(f"a {self.rule} deadline needs `days`")
        if not counted and self.days is not None:
            raise ValueError(f"an {self.rule} deadline has no `days`")
        return self


class Step(_Model):
    """One action in a plan.

    A `rung` hands the matter to a new handler; when that handler is a party
    the engine moves to the next rung instead of telling anyone to raise the
    matter with the person it is about.
    """

    id: Id
    actor: list[Id] = Field(min_length=1)
    action: Text
    contacts: list[Id] = Field(default_factory=list)
    contacts_mode: Literal["all", "any"] = "all"
    rung: bool = False
    deadline: Deadline | None = None
    if_unresolved: Id | None = None
    when: dict[Id, list[Id]] = Field(default_factory=dict)
    note: Text | None = None
    source: Source

    @model_validator(mode="before")
    @classmethod
    def _one_actor(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("actor"), str):
            data = {**data, "actor": [data["actor"]]}
        return data


NoteKind = Literal[
    "code-of-conduct",
    "accompaniment",
    "privacy",
    "procedures",
    "external-route",
    "approach",
    "ambiguity",
]


class Note(_Model):
    kind: NoteKind
    text: Text
    source: Source


class Outcome(_Model):
    id: Id
    title: Text
    steps: list[Step] = Field(min_length=1)
    notes: list[Note] = Field(default_factory=list)
    not_covered: Text | None = None
    """Set when the document does not cover this case: the plan adds the general advice."""


class Route(_Model):
    id: Id
    title: Text
    summary: Text
    parties: list[Id] = Field(min_length=1)
    source: Source
    raised_prompt: Text = "When was the matter raised?"
    start: Id
    questions: list[Question] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(min_length=1)
    notes: list[Note] = Field(default_factory=list)

    def question(self, question_id: str) -> Question | None:
        return self.question_index.get(question_id)

    def outcome(self, outcome_id: str) -> Outcome | None:
        return self.outcome_index.get(outcome_id)

    @cached_property
    def question_index(self) -> dict[str, Question]:
        """Questions by id (the first, if an invalid file repeats one): built on first use."""
        return {q.id: q for q in reversed(self.questions)}

    @cached_property
    def outcome_index(self) -> dict[str, Outcome]:
        return {o.id: o for o in reversed(self.outcomes)}


class TriageChoice(_Model):
    id: Id
    label: Text
    route: Id | None = None
    advice: bool = False

    @model_validator(mode="after")
    def _target(self) -> TriageChoice:
        if (self.route is None) == (not self.advice):
            raise ValueError("a triage choice has either `route` or `advice: true`")
        return self


class TriageQuestion(_Model):
    id: Id
    text: Text
    choices: list[TriageChoice] = Field(min_length=2)


class GeneralAdvice(_Model):
    """What to do when no document covers the case. Marked as not from the documents."""

    actor: Id
    contacts: list[Id] = Field(min_length=1)
    action: Text


class TriageFile(_Model):
    documents: list[Document] = Field(min_length=1)
    question: TriageQuestion
    general_advice: GeneralAdvice
