"""Validated flow models made smaller in memory, without changing what they hold.

Two things make a large flow file cost many times its size in memory while it loads:
- pydantic gives every model its own set of the fields its input set: over 200 bytes a
  model, about 4x the YAML's size at 10,000 nodes, although the models of one kind
  nearly all share the same few sets. Models here are frozen and pydantic copies the
  set before changing it (`model_copy`), so one shared set per distinct value is safe,
  and the flow cache's pickle keeps the sharing.
- validating a whole route at once holds all of its parsed YAML and all of its new
  models at the same moment. A long list of questions or outcomes is validated item
  by item instead, each item's YAML let go as soon as its model is made.
"""

from __future__ import annotations

import functools
import sys
import typing
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

PART_SIZE = 64
"""Lists longer than this are validated item by item."""

_SHARED: dict[frozenset[str], set[str]] = {}


def shared_fields(model: BaseModel) -> set[str]:
    """The one shared set equal to `model`'s fields-set set (called as each model is made)."""
    own = model.__pydantic_fields_set__
    return _SHARED.setdefault(frozenset(own), own)


def validate_compact(model: type[M], data: dict[str, Any]) -> M:
    """`model.model_validate(data)`, long lists item by item.

    On a ValidationError `data` may have been partly used up: parse the text again
    to report the problems.
    """
    parts: dict[str, list[Any]] = {}
    for name, item_model in _list_fields(model).items():
        raw = data.get(name)
        # Three references: `data`'s, `raw` and getrefcount's own argument. A list that an
        # alias also uses has more, and is left whole: emptying it would change both places.
        if type(raw) is not list or len(raw) <= PART_SIZE or sys.getrefcount(raw) > 3:
            continue
        data[name] = raw[:1]  # the model is checked with one item, then given them all
        items = []
        for index, item in enumerate(raw):
            raw[index] = None
            items.append(item_model.model_validate(item))
            del item
        del raw
        parts[name] = items
    made = model.model_validate(data)
    return made.model_copy(update=parts) if parts else made


@functools.cache
def _list_fields(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """The fields of `model` that are lists of models, with their item model."""
    found = {}
    for name, info in model.model_fields.items():
        if typing.get_origin(info.annotation) is list:
            (item,) = typing.get_args(info.annotation)
            if isinstance(item, type) and issubclass(item, BaseModel):
                found[name] = item
    return found
