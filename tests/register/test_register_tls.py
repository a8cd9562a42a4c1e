"""TLS to a register on another machine: verified by default, refused when the certificate
fails, and a warning line whenever routewise connects to another machine without checking
the server's certificate. The "other machine" is the tests' own server behind a TLS proxy
(tests/tls_proxy.py) on 127.0.0.1, reached by a host name that is not local: libpq
connects to `hostaddr` and checks the certificate against `host`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from routewise.cli.app import app
from routewise.register.server import conninfo, is_local
from tests.pg_server import Server
from tests.tls_proxy import Certificates, TlsProxy, certificates

HOST = "db.council.example"


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return certificates(tmp_path_factory.mktemp("tls"), HOST)


@pytest.fixture
def proxy(postgres: Server, certs: Certificates) -> Iterator[TlsProxy]:
    proxied = TlsProxy(postgres.socket_dir / f".s.PGSQL.{postgres.port}", certs)
    try:
        yield proxied
    finally:
        proxied.close()


@pytest.fixture
def register(postgres: Server) -> str:
    name = postgres.new_database()
    from routewise.register.server_migrate import upgrade_server

    upgrade_server(postgres.url(name))
    return name


def status(url: str, tmp_path: Path) -> Result:
    home = tmp_path / "home"  # no ~/.postgresql/root.crt of the user's
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ROUTEWISE_", "PG"))}
    env = {**env, "HOME": str(home), "ROUTEWISE_DATABASE": url, "COLUMNS": "200"}
    return CliRunner().invoke(app, ["db", "status"], env=env)


def url(proxy: TlsProxy, database: str, query: str) -> str:
    return f"postgresql://postgres@{HOST}:{proxy.port}/{database}?hostaddr=127.0.0.1&{query}"


def test_a_server_elsewhere_is_verified_by_default(
    proxy: TlsProxy, register: str, certs: Certificates, tmp_path: Path
) -> None:
    done = status(url(proxy, register, f"sslrootcert={certs.ca}"), tmp_path)
    assert done.exit_code == 0, done.output
    assert "Connection: TLS, the server's certificate verified (sslmode=verify-full)" in done.stdout
    assert done.stderr == ""  # verified: no warning


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("sslrootcert={other}", "signed by a CA the client does not trust"),
        ("sslrootcert={ca}&host=other.council.example", "made out to another host name"),
        ("", "no CA certificate given, so none can be trusted"),
    ],
)
def test_a_certificate_that_fails_verification_is_refused_in_one_line(
    proxy: TlsProxy,
    register: str,
    certs: Certificates,
    tmp_path: Path,
    query: str,
    why: str,
) -> None:
    text = query.format(other=certs.other_ca, ca=certs.ca)
    address = url(proxy, register, text)
    if "host=other" in text:  # the name checked is not the one the certificate names
        address = address.replace(f"@{HOST}:", "@other.council.example:").replace(
            "&host=other.council.example", ""
        )
    done = status(address, tmp_path)
    assert done.exit_code == 2, (why, done.output)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, (why, done.stderr)
    assert "the server's certificate could not be verified" in lines[0], (why, lines[0])
    assert "nothing was sent" in lines[0] and "sslrootcert=PATH" in lines[0]


def test_connecting_elsewhere_without_verifying_says_so(
    proxy: TlsProxy, register: str, tmp_path: Path
) -> None:
    done = status(url(proxy, register, "sslmode=require"), tmp_path)
    assert done.exit_code == 0, done.output
    assert "Connection: TLS, the server's certificate not checked (sslmode=require)" in done.stdout
    warning = done.stderr.strip()
    assert len(warning.splitlines()) == 1
    assert "is encrypted, but the server's certificate is not checked (sslmode=require)" in warning
    assert "add sslmode=verify-full and sslrootcert=PATH" in warning


def test_routewise_asks_for_verification_only_for_another_machine() -> None:
    for local in ("", "/run/postgresql", "localhost", "127.0.0.1", "::1", "[::1]"):
        assert is_local(local), local
    for remote in ("db.council.example", "10.1.2.3", "2001:db8::1"):
        assert not is_local(remote), remote
    assert "sslmode=verify-full" in conninfo("postgresql://a@db.council.example/r")[0]
    assert "sslmode=require" in conninfo("postgresql://a@db.council.example/r?sslmode=require")[0]
    assert "sslmode" not in conninfo("postgresql://a@localhost/r")[0]
    assert "sslmode" not in conninfo("postgresql://a@/r?host=/run/postgresql")[0]
    assert "sslmode=verify-full" in conninfo("postgresql://a@/r?hostaddr=10.1.2.3")[0]
    assert "sslmode" not in conninfo("postgresql://a@/r?hostaddr=127.0.0.1")[0]
