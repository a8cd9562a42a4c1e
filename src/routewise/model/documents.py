"""Source documents, the citations that point into them, and notes."""

import datetime as _dt
import re
from typing import Any, Literal

from pydantic import Field, ModelWrapValidatorHandler, field_validator, model_validator

from routewise.model.common import FlowModel, Id, Text, made_once

SectionStyle = Literal["heading", "number"]


class Document(FlowModel):
    """A source document that steps cite, named in plans by its title."""

    id: Id
    title: Text
    short: Text | None = None
    """A short name for citations, e.g. "NWLDC Constitution 5.6"."""
    file: Text | None = None
    """The document's file name, as the council knows it: for machines, never checked."""
    path: Text | None = None
    """A local copy, relative to the folder of the file that declares it: checked to exist."""
    url: Text | None = None
    """Where the published document can be read."""
    section_style: SectionStyle = "heading"
    """How sections are cited: a quoted "heading", or a "number" such as 5.6."""
    date: _dt.date | None = None
    """The date of the version the routes follow."""

    @property
    def name(self) -> str:
        return self.short or self.title


CLAUSE = re.compile(r"[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*(?:\([0-9A-Za-z]+\))*|(?:\([0-9A-Za-z]+\))+")
"""A clause number as councils write them: 3, 4.10, 3.4(c), 12A, (ii), 5.2(a)(iii)."""


def clause_number(value: Any) -> Any:
    """A clause as written, checked: a whole number becomes text ("2")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # `2.0` was read as 2 before clauses could be text: still is
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise ValueError(f"expected a clause number of 1 or more; found {value}")
        return str(value)
    if isinstance(value, str) and not CLAUSE.fullmatch(value.strip()):
        raise ValueError(
            "expected a clause number as the document writes it, such as 3, 4.10, "
            f"3.4(c) or (ii); found {value[:60]!r}"
        )
    return value.strip() if isinstance(value, str) else value


class Source(FlowModel):
    """Where a step or note comes from: a document, a section and a paragraph (clause).

    `paragraph` is the clause number as the document writes it ("3.4(c)", "4.10", "ii"):
    plans show it as written. A whole number (`paragraph: 2`) is read as "2". `also` names
    more clauses of the same section the text comes from too: a step that joins the answers
    of two paragraphs cites both ("¶ 2 and 3")."""

    document: Id
    section: Text
    paragraph: str | None = None
    also: list[str] = Field(default_factory=list)
    """More clauses of the same section, each as the document writes it."""

    @field_validator("paragraph", mode="before")
    @classmethod
    def _clause(cls, value: Any) -> Any:
        return clause_number(value)

    @field_validator("also", mode="before")
    @classmethod
    def _clauses(cls, value: Any) -> Any:
        return [clause_number(v) for v in value] if isinstance(value, list) else value

    @model_validator(mode="after")
    def _also(self) -> "Source":
        if self.also and self.paragraph is None:
            raise ValueError("`also` adds clauses to `paragraph`: give `paragraph` too")
        if len({self.paragraph, *self.also}) != len(self.also) + 1:
            raise ValueError("`also` repeats a clause already cited")
        return self

    @model_validator(mode="wrap")
    @classmethod
    def _shared(cls, data: Any, handler: ModelWrapValidatorHandler["Source"]) -> "Source":
        """Most steps of a route cite one section (`source: {<<: *section, paragraph: 2}`):
        each distinct citation is made once and shared, as it is frozen."""
        if not isinstance(data, dict) or not data.keys() <= _SOURCE_KEYS:
            return handler(data)
        key = tuple((k, type(v), v) for k, v in sorted(data.items()))
        try:
            hash(key)
        except TypeError:  # a value that cannot be a key (a list, say): validated, refused
            return handler(data)
        return made_once(_SOURCES, key, lambda: handler(data))


_SOURCE_KEYS = frozenset(Source.model_fields)
_SOURCES: dict[tuple[tuple[str, type, Any], ...], Source] = {}


NoteKind = Literal[
    "code-of-conduct",
    "accompaniment",
    "privacy",
    "procedures",
    "external-route",
    "approach",
    "meetings",
    "ambiguity",
    "reading",
]
NOTE_HEADINGS: dict[str, str] = {
    "code-of-conduct": "Codes of conduct",
    "accompaniment": "Being accompanied",
    "privacy": "Privacy",
    "procedures": "Grievance, disciplinary and other procedures",
    "external-route": "Other routes",
    "approach": "The spirit of the procedure",
    "meetings": "How meetings are held",
    "ambiguity": "Where the document is silent or unclear",
    "reading": "How routewise reads the document",
}
"""Plain-English headings for note kinds, shared by every renderer."""


class Note(FlowModel):
    kind: NoteKind
    text: Text
    source: Source


class FolderNote(Note):
    """A note a folder adds to its council's plans: every route's, or only those in `routes`."""

    routes: list[Id] = Field(default_factory=list)


class DocumentsFile(FlowModel):
    """A flow folder's documents.yaml: the council's own documents and notes."""

    documents: list[Document] = Field(default_factory=list)
    notes: list[FolderNote] = Field(default_factory=list)
