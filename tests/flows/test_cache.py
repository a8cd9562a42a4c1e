"""The validated flows cached by content: a hit, a miss on any edit, and silent rebuilds."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from routewise.base.errors import FileError
from routewise.flows import cache as flow_cache
from routewise.flows import loader
from routewise.flows.cache import MAGIC, cache_key, cache_path, load_cached
from routewise.flows.loader import load_catalogue
from routewise.model.catalogue import Catalogue


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


def count_builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every full load (read, validate, check) the loader does."""
    calls: list[Path] = []
    real = loader._load_checked

    def counted(directory: Path) -> Catalogue:
        calls.append(directory)
        return real(directory)

    monkeypatch.setattr(loader, "_load_checked", counted)
    return calls


def test_second_load_is_a_hit(flows_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = count_builds(monkeypatch)
    first = load_catalogue(flows_copy)
    second = load_catalogue(flows_copy)
    assert builds == [flows_copy]
    assert second == first
    assert (
        second.routes["officer-member-dispute"].title
        == first.routes["officer-member-dispute"].title
    )
    path = cache_path(flows_copy)
    assert path.is_file()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_bytes().startswith(MAGIC + cache_key(flows_copy))


def test_an_edit_changes_the_key_even_with_the_same_size_and_time(
    flows_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    route_file = flows_copy / "member-information-request.yaml"
    load_catalogue(flows_copy)
    before = route_file.stat()
    key = cache_key(flows_copy)
    text = route_file.read_text(encoding="utf-8")
    edited = text.replace(
        "A member's request for information", "A member's request for informatiON"
    )
    assert len(edited) == len(text) and edited != text
    route_file.write_text(edited, encoding="utf-8")
    os.utime(route_file, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime alone would miss it
    assert cache_key(flows_copy) != key
    builds = count_builds(monkeypatch)
    catalogue = load_catalogue(flows_copy)
    assert builds == [flows_copy]
    assert catalogue.routes["member-information-request"].title.endswith("informatiON")


def test_a_new_route_file_changes_the_key(flows_copy: Path) -> None:
    key = cache_key(flows_copy)
    (flows_copy / "extra.yaml").write_text("id: extra\n", encoding="utf-8")
    assert cache_key(flows_copy) != key


def test_an_edit_that_breaks_a_file_is_reported_not_served_from_the_cache(flows_copy: Path) -> None:
    load_catalogue(flows_copy)
    route_file = flows_copy / "member-information-request.yaml"
    route_file.write_text(
        route_file.read_text(encoding="utf-8").replace("start: can-provide", "start: nowhere"),
        encoding="utf-8",
    )
    for _ in range(2):  # errors are never cached
        with pytest.raises(FileError, match="start"):
            load_catalogue(flows_copy)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"garbage",
        lambda raw: raw[: len(raw) // 2],  # right key, truncated pickle
        lambda raw: raw[: len(MAGIC) + 32] + b"\x80\x05not a pickle",
        lambda raw: raw[: len(MAGIC) + 32] + pickle.dumps({"not": "a catalogue"}),
        lambda raw: b"",
    ],
)
def test_a_corrupt_cache_is_rebuilt_silently(
    flows_copy: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    expected = load_catalogue(flows_copy)
    path = cache_path(flows_copy)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    builds = count_builds(monkeypatch)
    assert load_catalogue(flows_copy) == expected
    assert builds == [flows_copy]
    assert path.read_bytes().startswith(MAGIC + cache_key(flows_copy))  # rewritten whole


def test_a_cache_with_another_key_is_never_used(flows_copy: Path, tmp_path: Path) -> None:
    """A valid pickle stored under a stale key must not be served for the current files."""
    other = tmp_path / "other"
    other.mkdir()
    for source in flows_copy.iterdir():
        (other / source.name).write_bytes(source.read_bytes())
    route_file = other / "member-information-request.yaml"
    route_file.write_text(
        route_file.read_text(encoding="utf-8").replace("title: A member's", "title: Stale"),
        encoding="utf-8",
    )
    stale = load_catalogue(other, cache=False)
    path = cache_path(flows_copy)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(MAGIC + b"\0" * 32 + pickle.dumps(stale))
    path.chmod(0o600)
    catalogue = load_catalogue(flows_copy)
    assert catalogue.routes["member-information-request"].title.startswith("A member's")


def test_a_cache_others_can_write_is_not_trusted(
    flows_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalogue(flows_copy)
    path = cache_path(flows_copy)
    path.chmod(0o622)
    builds = count_builds(monkeypatch)
    load_catalogue(flows_copy)
    assert builds == [flows_copy]


def test_an_unwritable_cache_folder_still_loads(
    flows_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    builds = count_builds(monkeypatch)
    first = load_catalogue(flows_copy)
    assert load_catalogue(flows_copy) == first
    assert len(builds) == 2


def test_load_cached_builds_once_per_key(tmp_path: Path) -> None:
    folder = tmp_path / "flows"
    folder.mkdir()
    (folder / "a.yaml").write_text("one\n", encoding="utf-8")
    built: list[str] = []

    def build() -> str:
        built.append("x")
        return (folder / "a.yaml").read_text(encoding="utf-8")

    assert load_cached(folder, str, build) == "one\n"
    assert load_cached(folder, str, build) == "one\n"
    (folder / "a.yaml").write_text("two\n", encoding="utf-8")
    assert load_cached(folder, str, build) == "two\n"
    assert built == ["x", "x"]
    assert flow_cache.cache_path(folder).is_file()
