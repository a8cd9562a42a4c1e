"""A PostgreSQL URL told from a file, and its password hidden in every form it can take."""

from __future__ import annotations

from pathlib import Path

import pytest

from routewise.base.database_url import hidden, is_server, passwords, scrub


def test_a_url_names_a_server_and_anything_else_a_file() -> None:
    assert is_server("postgresql://alice@db/routewise")
    assert is_server("postgres://alice@db/routewise")
    assert is_server("  PostgreSQL://alice@db/routewise")
    assert not is_server("cases.sqlite3")
    assert not is_server("/home/alice/postgresql:/cases.sqlite3")
    assert not is_server(Path("postgresql://x"))  # a path is always a file
    assert not is_server(None)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://alice:pw@db/r", "postgresql://alice:***@db/r"),
        ("postgresql://alice@db/r", "postgresql://alice@db/r"),
        (
            "postgresql://alice:p%40ss@db:5432/r?sslmode=verify-full",
            "postgresql://alice:***@db:5432/r?sslmode=verify-full",
        ),
        ("postgresql://alice:p@ss@db/r", "postgresql://alice:***@db/r"),  # an unescaped @
        (
            "postgresql://db/r?user=alice&password=pw&sslmode=require",
            "postgresql://db/r?user=alice&password=***&sslmode=require",
        ),
        ("postgresql://alice:pw@db1:5432,db2:5432/r", "postgresql://alice:***@db1:5432,db2:5432/r"),
        ("postgresql://:pw@/r?host=/run/postgresql", "postgresql://:***@/r?host=/run/postgresql"),
        ("postgres://alice:pw@db?password=pw2", "postgres://alice:***@db?password=***"),
        (
            "postgresql://db/r?sslrootcert=/etc/ca@council.pem",
            "postgresql://db/r?sslrootcert=/etc/ca@council.pem",
        ),
    ],
)
def test_every_password_is_hidden_and_nothing_else(url: str, shown: str) -> None:
    assert hidden(url) == shown


def test_a_message_quoting_a_password_in_any_form_is_scrubbed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = "postgresql://alice:p%40ss%25word@db/r"
    assert set(passwords(url)) >= {"p%40ss%25word", "p@ss%word"}
    said = 'invalid percent-encoded token: "p%40ss%25word" and p@ss%word; password=p@ss%word'
    assert scrub(said, url) == 'invalid percent-encoded token: "***" and ***; password=***'
    monkeypatch.setenv("PGPASSWORD", "from-the-environment")
    assert scrub("failed for from-the-environment", None) == "failed for ***"
    assert scrub("host=db password='a b' user=x", None) == "host=db password=*** user=x"
