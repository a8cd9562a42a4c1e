"""How a plan names people and sources: role titles (the route's, then the council's, then
the role's own), the people named for roles, and citations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from routewise.model.catalogue import Catalogue
from routewise.model.citation import PlanSource
from routewise.model.documents import Source
from routewise.model.person import Person
from routewise.model.plan import PlanGroup, PlanRole
from routewise.model.route import RoleGroup, Route
from routewise.model.titles import role_title


@dataclass(frozen=True, kw_only=True, slots=True)
class Names:
    """Role titles (the council's own where set) and the people named for roles."""

    catalogue: Catalogue
    titles: Mapping[str, str]
    people: Mapping[str, Person]
    route: Route | None = None
    """Its own titles for roles come first (see `titles.role_title`)."""

    def title(self, role_id: str) -> str:
        return role_title(self.catalogue, self.route, role_id, self.titles)

    def role(self, role_id: str) -> PlanRole:
        person = self.people.get(role_id)
        return PlanRole(role=role_id, title=self.title(role_id), person=person)

    def group(self, group: RoleGroup, members: list[str | list[str]]) -> PlanGroup:
        return PlanGroup.of(
            group.mode,
            [[self.role(r) for r in m] if isinstance(m, list) else self.role(m) for m in members],
            group.condition,
        )

    def alone(self, role_id: str) -> PlanGroup:
        """One role on its own, with no condition."""
        return PlanGroup.of("all", [self.role(role_id)], None)

    def source(self, source: Source) -> PlanSource:
        doc = self.catalogue.document(source.document)
        return PlanSource(
            document=doc.id,
            file=doc.file,
            url=doc.url,
            title=doc.title,
            short=doc.name,
            section=source.section,
            section_style=doc.section_style,
            paragraph=source.paragraph,
            also=list(source.also),
        )
