"""One type for a named person, shared by the config, answers files and plans.

Kept apart from the flow models so that commands which only read the config
(such as `due`) do not build the flow format's models.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class Person(BaseModel):
    """A named person for a role: from the council's config, an answers file or the wizard."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: ShortText | None = None
    email: ShortText | None = None
    phone: ShortText | None = None

    @property
    def details(self) -> list[str]:
        return [v for v in (self.name, self.email, self.phone) if v]
