"""The triage entry: the first question, the documents, and the general advice; and what a
flow folder's triage.yaml adds to them."""

from pydantic import Field, model_validator

from routewise.model.common import FlowModel, Id, Text
from routewise.model.documents import Document


class TriageChoice(FlowModel):
    id: Id
    label: Text
    help: Text | None = None
    route: Id | None = None
    advice: bool = False

    @model_validator(mode="after")
    def _target(self) -> "TriageChoice":
        if (self.route is None) == (not self.advice):
            raise ValueError("a triage choice has either `route` or `advice: true`")
        return self


class TriageQuestion(FlowModel):
    id: Id
    text: Text
    help: Text | None = None
    choices: list[TriageChoice] = Field(min_length=2)


class GeneralAdvice(FlowModel):
    """What to do when no document covers the case. Marked as not from the documents."""

    actor: Id
    contacts: list[Id] = Field(min_length=1)
    action: Text


class TriageFile(FlowModel):
    documents: list[Document] = Field(min_length=1)
    question: TriageQuestion
    general_advice: GeneralAdvice


class TriageQuestionLayer(FlowModel):
    """A folder's changes to the first question: choices add to it, or replace by id."""

    id: Id | None = None
    text: Text | None = None
    help: Text | None = None
    choices: list[TriageChoice] = Field(default_factory=list)


class TriageLayer(FlowModel):
    """A flow folder's triage.yaml: every part optional, adding to or replacing the built-ins."""

    documents: list[Document] = Field(default_factory=list)
    question: TriageQuestionLayer | None = None
    general_advice: GeneralAdvice | None = None
    hide: list[Id] = Field(default_factory=list)
    """Built-in routes this council does not use: left out of `routes` and the triage."""
