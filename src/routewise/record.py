"""Frozen records with typed keyword constructors, made without generating code.

`dataclasses.dataclass` compiles an `__init__`, `__eq__`, `__repr__`, `__setattr__`
and `__hash__` for every class it decorates: about 1-2 ms a class on the 2-core
machine, 15-25 ms for the plan's twelve classes on every start. A `Record` reads
its fields once, when the class is made, and shares one generic constructor.
Type checkers see a frozen, keyword-only dataclass (`dataclass_transform`), and
pydantic validates a record read from a file (`__get_pydantic_core_schema__`),
refusing unknown fields.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import MISSING, Field, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, dataclass_transform

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

R = TypeVar("R", bound="Record")


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Record:
    """Subclass with annotated fields; a default is a value or `field(default_factory=…)`.

    `class X(Record, frozen=False)` allows assignment, and so is unhashable.
    """

    __record_fields__: ClassVar[tuple[str, ...]] = ()
    __record_defaults__: ClassVar[dict[str, Callable[[], Any]]] = {}

    def __init_subclass__(cls, frozen: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not frozen:
            cls.__setattr__ = object.__setattr__  # type: ignore[method-assign,assignment]
            cls.__delattr__ = object.__delattr__  # type: ignore[method-assign]
            cls.__hash__ = None  # type: ignore[assignment]
        names = list(cls.__record_fields__)
        defaults = dict(cls.__record_defaults__)
        for name, annotation in inspect.get_annotations(cls).items():
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            if name not in names:
                names.append(name)
            value = cls.__dict__.get(name, MISSING)
            if isinstance(value, Field):
                if value.default_factory is MISSING:
                    raise TypeError(f"{cls.__name__}.{name}: field() needs default_factory")
                defaults[name] = value.default_factory
                delattr(cls, name)
            elif value is not MISSING:
                defaults[name] = _constant(value)
                delattr(cls, name)
        cls.__record_fields__ = tuple(names)
        cls.__record_defaults__ = defaults

    def __init__(self, **values: Any) -> None:
        unknown = values.keys() - set(self.__record_fields__)
        if unknown:
            raise TypeError(f"{type(self).__name__}: unexpected field(s) {sorted(unknown)}")
        for name, default in self.__record_defaults__.items():
            if name not in values:
                values[name] = default()
        missing = [n for n in self.__record_fields__ if n not in values]
        if missing:
            raise TypeError(f"{type(self).__name__}: missing field(s) {missing}")
        object.__setattr__(self, "__dict__", {n: values[n] for n in self.__record_fields__})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: use record.replace()")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={v!r}" for n, v in self.__dict__.items())
        return f"{type(self).__name__}({inner})"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """A typed dict of the fields (unknown keys refused), then the record made from it."""
        from typing import get_type_hints

        from pydantic_core import core_schema

        hints = get_type_hints(cls)
        fields = {
            name: core_schema.typed_dict_field(
                handler.generate_schema(hints[name]),
                required=name not in cls.__record_defaults__,
            )
            for name in cls.__record_fields__
        }
        return core_schema.no_info_after_validator_function(
            lambda data: cls(**data),
            core_schema.typed_dict_schema(fields, extra_behavior="forbid"),
        )


def replace(record: R, **changes: Any) -> R:
    """A copy of `record` with some fields changed."""
    return type(record)(**{**record.__dict__, **changes})


def _constant(value: object) -> Callable[[], object]:
    return lambda: value
