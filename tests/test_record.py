"""Records: the plan's frozen, keyword-only classes, made without generated code."""

from __future__ import annotations

import datetime as dt
from dataclasses import field

import pytest
from pydantic import TypeAdapter, ValidationError

from routewise.record import Record, replace


class Inner(Record):
    name: str
    when: dt.date | None = None


class Outer(Record):
    title: str
    items: list[Inner] = field(default_factory=list)
    count: int = 0


def test_defaults_fill_in_and_each_record_gets_its_own_list() -> None:
    a, b = Outer(title="a"), Outer(title="b")
    assert (a.count, a.items) == (0, [])
    assert a.items is not b.items


def test_fields_keep_their_declared_order() -> None:
    assert Outer.__record_fields__ == ("title", "items", "count")
    assert list(Outer(count=2, title="t").__dict__) == ["title", "items", "count"]


def test_unknown_and_missing_fields_are_refused() -> None:
    with pytest.raises(TypeError, match="unexpected field"):
        Inner(name="x", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"missing field\(s\) \['name'\]"):
        Inner()  # type: ignore[call-arg]


def test_records_are_frozen() -> None:
    inner = Inner(name="x")
    with pytest.raises(AttributeError, match="frozen"):
        inner.name = "y"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="frozen"):
        del inner.name  # type: ignore[misc]


class Settable(Record, frozen=False):
    value: int = 0


def test_an_unfrozen_record_can_be_changed_and_is_not_hashable() -> None:
    settable = Settable()
    settable.value = 3
    assert settable == Settable(value=3)
    with pytest.raises(TypeError):
        hash(settable)
    with pytest.raises(AttributeError, match="frozen"):
        Inner(name="x").name = "y"  # type: ignore[misc]  # the frozen ones stay frozen


def test_equality_hash_and_repr_follow_the_fields() -> None:
    assert Inner(name="x") == Inner(name="x")
    assert Inner(name="x") != Inner(name="y")
    assert Inner(name="x") != Outer(title="x")
    assert hash(Inner(name="x")) == hash(Inner(name="x"))
    assert repr(Inner(name="x")) == "Inner(name='x', when=None)"


def test_replace_copies_with_changes_and_leaves_the_original() -> None:
    before = Outer(title="a", count=1)
    after = replace(before, count=2)
    assert (before.count, after.count, after.title) == (1, 2, "a")


def test_pydantic_validates_nested_records_and_refuses_unknown_keys() -> None:
    adapter = TypeAdapter(Outer)
    got = adapter.validate_json('{"title": "t", "items": [{"name": "n", "when": "2026-12-21"}]}')
    assert got == Outer(title="t", items=[Inner(name="n", when=dt.date(2026, 12, 21))])
    with pytest.raises(ValidationError) as bad:
        adapter.validate_json('{"title": "t", "items": [{"name": "n", "extra": 1}]}')
    assert bad.value.errors()[0]["loc"] == ("items", 0, "extra")
    with pytest.raises(ValidationError) as missing:
        adapter.validate_python({"items": []})
    assert missing.value.errors()[0]["loc"] == ("title",)
