from __future__ import annotations

from pathlib import Path

import pytest

from routewise.flows.loader import load_catalogue
from routewise.flows.locations import default_flows_dir
from routewise.model.catalogue import Catalogue


@pytest.fixture(autouse=True)
def no_user_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never read the real user's config, cache or case register: empty folders, no
    overrides."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    monkeypatch.delenv("ROUTEWISE_CONFIG", raising=False)
    monkeypatch.delenv("ROUTEWISE_REGION", raising=False)
    monkeypatch.delenv("ROUTEWISE_FLOWS", raising=False)
    monkeypatch.delenv("ROUTEWISE_DATABASE", raising=False)
    # One "today" for every test, after every date raised the tests use (a date raised in
    # the future is refused): Fri 15 Jan 2027. Child processes inherit it.
    monkeypatch.setenv("ROUTEWISE_TODAY", TODAY)


TODAY = "2027-01-15"
"""The day the tests take as today (ROUTEWISE_TODAY)."""


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(default_flows_dir())


@pytest.fixture
def flows_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped flows, for tests that break one on purpose."""
    target = tmp_path / "flows"
    target.mkdir()
    for path in default_flows_dir().glob("*.yaml"):
        (target / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return target
