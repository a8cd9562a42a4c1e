"""A role's title written where its id belongs (`actor: the Monitoring Officer`): the file
is refused as not an id, and the message names the id meant, found from the roles' titles.

Run on a folder's problems once every role (built-in and the folders') is known.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Iterable
from dataclasses import replace

from routewise.flows.problems import Problem
from routewise.model.catalogue import Catalogue

_NOT_AN_ID = re.compile(r"^expected a short kebab-case id .*; found (.+)$")


def _plain(title: str) -> str:
    text = " ".join(title.replace("\u2019", "'").split()).lower()
    return re.sub(r"^(the|a|an) ", "", text)


def role_for_title(catalogue: Catalogue, written: str) -> str | None:
    """The id of the role whose title `written` is (or is close to), if any."""
    titles = {_plain(role.title): role.id for role in catalogue.roles.values()}
    found = titles.get(_plain(written))
    if found is None:
        close = difflib.get_close_matches(_plain(written), list(titles), n=1, cutoff=0.85)
        found = titles[close[0]] if close else None
    return found


def with_role_ids(problems: Iterable[Problem], catalogue: Catalogue) -> list[Problem]:
    """Each "not an id" problem whose value is a role's title, with that role's id."""
    out: list[Problem] = []
    for problem in problems:
        match = _NOT_AN_ID.match(problem.message)
        if match is not None:
            try:
                written = ast.literal_eval(match.group(1))
            except (ValueError, SyntaxError):
                written = None
            role_id = role_for_title(catalogue, written) if isinstance(written, str) else None
            if role_id is not None:
                problem = replace(
                    problem,
                    message=f"{problem.message}: that is a role's title; write its id, "
                    f"{role_id!r} (`routewise glossary` lists every role's id)",
                )
        out.append(problem)
    return out
