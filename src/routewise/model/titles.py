"""The council's own role titles in flow text: questions, help, notes, as in the steps."""

from __future__ import annotations

import re
from collections.abc import Mapping

from routewise.model.catalogue import Catalogue
from routewise.model.route import Route


def retitle(text: str, catalogue: Catalogue, titles: Mapping[str, str]) -> str:
    """Use the council's own titles in flow text, as the plan's steps do.

    A role's default title ("the Chief Executive") is replaced, as a whole
    phrase, by the council's ("the Head of Paid Service"); the leading "the"
    is matched either way, so "The Chief Executive" at a sentence start works.
    """
    for role_id, title in titles.items():
        role = catalogue.roles.get(role_id)
        if role is None:
            continue
        old, new = core_title(role.title), core_title(title)
        if not old or old == new:
            continue
        pattern = re.compile(rf"(?<![\w']){re.escape(old)}(?![\w'])")
        text = pattern.sub(new.replace("\\", "\\\\"), text)
    return text


def core_title(title: str) -> str:
    """A title without its leading article: "Chief Executive" for "the Chief Executive"."""
    return re.sub(r"^(the|a|an)\s+", "", title.strip(), flags=re.IGNORECASE)


def role_title(
    catalogue: Catalogue, route: Route | None, role_id: str, titles: Mapping[str, str]
) -> str:
    """How a plan on `route` names a role: the route's own title for it, in the council's
    words; else the council's title (`titles`); else the role's own."""
    own = route.titles.get(role_id) if route is not None else None
    if own is not None:
        return retitle(own, catalogue, titles)
    role = catalogue.roles.get(role_id)
    return titles.get(role_id) or (role.title if role is not None else role_id)
