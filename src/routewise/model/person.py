"""One type for a named person, shared by the config, answers files and plans.

Kept apart from the flow models so that commands which only read the config
(such as `due`) do not build the flow format's models.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from routewise.base.safe_text import bidi_problem


def _readable(value: str) -> str:
    """A name, email or phone reads as it is: no character that reverses the text around it."""
    if (problem := bidi_problem(value)) is not None:
        raise ValueError(problem)
    return value


ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_readable),
]

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
EMAIL_EXPECTED = "expected an email address, such as j.smith@council.gov.uk"


def email_problem(text: str) -> str | None:
    """Why `text` is not an email address, or None: a plan sends people to it.
    `p@evil\u202egpj.exe` would show as `...exe.jpg`, so a bidirectional control is refused."""
    if (problem := bidi_problem(text)) is not None:
        return problem
    return None if _EMAIL.fullmatch(text.strip()) else EMAIL_EXPECTED


def _email(value: str) -> str:
    if (problem := email_problem(value)) is not None:
        raise ValueError(problem)
    return value


Email = Annotated[ShortText, AfterValidator(_email)]


class Person(BaseModel):
    """A named person for a role: from the council's config, an answers file or the wizard."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: ShortText | None = None
    email: Email | None = None
    phone: ShortText | None = None

    @property
    def details(self) -> list[str]:
        return [v for v in (self.name, self.email, self.phone) if v]
