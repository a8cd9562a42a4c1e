"""Every route with the roles, posts and documents they refer to, checked together."""

from dataclasses import dataclass
from pathlib import Path

from routewise.model.documents import Document
from routewise.model.roles import PostSet, Role
from routewise.model.route import Route
from routewise.model.triage import TriageFile


@dataclass(frozen=True, kw_only=True, slots=True)
class Catalogue:
    """Every route with the roles, posts and documents they refer to, checked together."""

    directory: Path
    post_sets: dict[str, PostSet]
    roles: dict[str, Role]
    triage: TriageFile
    routes: dict[str, Route]

    def document(self, document_id: str) -> Document:
        return next(d for d in self.triage.documents if d.id == document_id)

    def post_set_of(self, party_id: str) -> "PostSet | None":
        posts = self.roles[party_id].posts
        return self.post_sets[posts] if posts else None
