from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from routewise.flows.loader import load_catalogue
from routewise.flows.locations import default_flows_dir
from routewise.model.catalogue import Catalogue

if TYPE_CHECKING:
    from tests.pg_server import Server as PostgresServer


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
    for name in ("PGPASSWORD", "PGSERVICE", "PGSSLMODE", "PGHOST", "PGUSER", "PGDATABASE"):
        monkeypatch.delenv(name, raising=False)
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


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server of the tests' own, started once for the session (about a second)
    and removed at its end: see tests/pg_server.py. Never skipped for want of one."""
    from tests.pg_server import Server

    server = Server()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def register_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty register on each kind of database, as `database` names it: an SQLite file
    (made when the first case is saved), or a new PostgreSQL database that `routewise db
    upgrade` has made (upgrades there are explicit)."""
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite3")
    server: PostgresServer = request.getfixturevalue("postgres")
    url = server.url(server.new_database())
    from routewise.register.server_migrate import upgrade_server

    upgrade_server(url)
    return url


@pytest.fixture
def on_each_backend(register_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every case command of the test uses the register of `register_url`."""
    monkeypatch.setenv("ROUTEWISE_DATABASE", register_url)
    return register_url
