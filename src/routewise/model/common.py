"""What every flow model shares: ids, text, and frozen models that forbid unknown keys.

Every field a council may change lives in this package, so a route can be added or
corrected by editing YAML alone. Models forbid unknown keys so that a typo in a
flow file is an error rather than a silently ignored instruction.

No `from __future__ import annotations` in the model modules: with real annotations
pydantic need not evaluate strings when each class is made, and they are imported
before the wizard's first question.
"""

from collections.abc import Callable, Hashable
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints

from routewise.model.compact import shared_fields

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
"""Short kebab-case identifier, the same in flow files, answers files and the CLI."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class FlowModel(BaseModel):
    # defer_build: validators are built on first validation, so a command served from the
    # flow cache (flow_cache.py) never pays for building them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of fields given (see `compact.shared_fields`): at 10,000 nodes one
        set a model is about 4x the YAML's size."""
        object.__setattr__(self, "__pydantic_fields_set__", shared_fields(self))


SHARED_LIMIT = 4096
"""Frozen models made once and shared (one-role groups, citations) are remembered up to this
many of each kind: a flow cannot make the memo grow without bound."""

K = TypeVar("K", bound=Hashable)
S = TypeVar("S", bound=BaseModel)


def made_once(made: dict[K, S], key: K, make: Callable[[], S]) -> S:
    """The model already made for `key`, or a new one (kept while there is room). A model
    that fails to validate raises, so nothing refused is ever kept."""
    found = made.get(key)
    if found is None:
        found = make()
        if len(made) < SHARED_LIMIT:
            made[key] = found
    return found
