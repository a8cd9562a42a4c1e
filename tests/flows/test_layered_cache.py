"""The flow cache covers folders layered on the built-ins (`--flows`, ROUTEWISE_FLOWS, the
config): a hit when nothing changed, a rebuild on any change that could change the output,
and never a folder with a problem served as if clean."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from routewise.commands import flows as flows_cli
from routewise.flows import folders
from routewise.flows.cache import MAGIC, cache_key, cache_path
from routewise.flows.folders import Flows, load_flows
from routewise.flows.layers import Layer
from routewise.flows.locations import BUILT_IN
from tests.paths import EXAMPLE_FLOWS


@pytest.fixture
def council(tmp_path: Path) -> Path:
    target = tmp_path / "council"
    shutil.copytree(EXAMPLE_FLOWS, target)
    return target


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The origin of every folder read (built-ins and layered)."""
    reads: list[str] = []
    real = folders.read_layer

    def counted(folder: Path, origin: str, full: bool = False) -> Layer:
        reads.append(origin)
        return real(folder, origin, full)

    monkeypatch.setattr(folders, "read_layer", counted)
    return reads


def same(one: Flows, other: Flows) -> bool:
    return (
        one.catalogue == other.catalogue
        and one.problems == other.problems
        and one.origins == other.origins
        and one.overrides == other.overrides
        and one.checked == other.checked
    )


def test_a_layered_folder_is_read_once_then_served_from_the_cache(
    council: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = count_reads(monkeypatch)
    first = load_flows([council])
    second = load_flows([council])
    assert reads == [BUILT_IN, str(council)]
    assert same(first, second)
    assert "quiet-word-first" in second.catalogue.routes
    path = cache_path([second.catalogue.directory, council])
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_bytes().startswith(MAGIC)


def test_any_edit_in_any_folder_rebuilds(
    council: Path, flows_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_flows([council], builtin=flows_copy)
    reads = count_reads(monkeypatch)
    route = council / "quiet-word-first.yaml"
    text = route.read_text(encoding="utf-8")
    before = route.stat()
    route.write_text(text.replace('title: "Example', 'title: "XExample', 1), encoding="utf-8")
    os.utime(route, ns=(before.st_atime_ns, before.st_mtime_ns))  # the bytes, not the time
    assert (
        load_flows([council], builtin=flows_copy)
        .catalogue.routes["quiet-word-first"]
        .title.startswith("X")
    )
    built_in = flows_copy / "member-information-request.yaml"
    built_in.write_text(
        built_in.read_text(encoding="utf-8").replace("title: A member's", "title: Our"),
        encoding="utf-8",
    )
    routes = load_flows([council], builtin=flows_copy).catalogue.routes
    assert routes["member-information-request"].title.startswith("Our")
    (council / "extra.yaml").write_text("id: extra\n", encoding="utf-8")
    assert "extra.yaml" in str(load_flows([council], builtin=flows_copy).errors[0].path)
    assert reads == [BUILT_IN, str(council)] * 3


def test_the_folder_list_and_its_order_are_part_of_the_key(
    council: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = tmp_path / "second"
    second.mkdir()
    (second / "roles.yaml").write_text(
        "roles:\n  - id: officers-line-manager\n    title: the second folder's manager\n"
        "    post: head-of-service\n    of: officer\n",
        encoding="utf-8",
    )
    one = load_flows([council, second])
    other = load_flows([second, council])
    assert one.catalogue.roles["officers-line-manager"].title == "the second folder's manager"
    assert other.catalogue.roles["officers-line-manager"].title != "the second folder's manager"
    reads = count_reads(monkeypatch)
    assert same(load_flows([council, second]), one)
    assert same(load_flows([second, council]), other)
    assert same(load_flows([council]), load_flows([council]))
    assert reads == [BUILT_IN, str(council)]
    assert cache_key([council, second]) != cache_key([second, council])


def test_a_folder_named_another_way_is_reported_the_way_it_was_named(
    council: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_flows([council])
    monkeypatch.chdir(council.parent)
    relative = load_flows([Path("council")])
    assert relative.origins["quiet-word-first"] == "council"


def test_a_folder_with_an_error_is_read_and_reported_on_every_run(
    council: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    route = council / "quiet-word-first.yaml"
    route.write_text(
        route.read_text(encoding="utf-8") + "colour: red\n",
        encoding="utf-8",
    )
    reads = count_reads(monkeypatch)
    runs = [load_flows([council]) for _ in range(2)]
    assert reads == [BUILT_IN, str(council)] * 2
    for flows in runs:
        assert "unknown field 'colour'" in flows.errors[0].message
        assert "quiet-word-first" in flows.broken
    assert not cache_path([runs[0].catalogue.directory, council]).exists()


def test_a_document_file_that_goes_away_is_reported_although_the_flows_did_not_change(
    council: Path,
) -> None:
    assert load_flows([council]).problems == []
    (council / "protocol.md").unlink()
    (problem,) = load_flows([council]).errors
    assert problem.message.startswith("no file at ")
    (council / "protocol.md").write_text("back\n", encoding="utf-8")
    assert load_flows([council]).problems == []


def test_warnings_are_cached_apart(council: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = load_flows([council])
    reads = count_reads(monkeypatch)
    load_flows([council], warnings=True)
    assert reads == [BUILT_IN, str(council)]
    assert same(load_flows([council]), plain)


def test_a_corrupt_layered_cache_is_rebuilt_silently(
    council: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_flows([council])
    path = cache_path([expected.catalogue.directory, council])
    path.write_bytes(path.read_bytes()[:200])
    reads = count_reads(monkeypatch)
    assert same(load_flows([council]), expected)
    assert same(load_flows([council]), expected)
    assert reads == [BUILT_IN, str(council)]


def test_flows_check_reads_every_file_every_time(
    council: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = count_reads(monkeypatch)
    for _ in range(2):
        lines: list[str] = []
        assert flows_cli.check([council], [], False, lines.append) == 0
        assert lines[-1] == "0 errors, 0 warnings."
    assert reads == [BUILT_IN, str(council)] * 2
