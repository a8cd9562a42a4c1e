"""Everything a register holds, read straight from its database (SQLite or PostgreSQL), for
tests that compare a register before and after something, or count what was recorded."""

from __future__ import annotations

import sqlite3
from typing import Any

TABLES = ("cases", "history", "first_plans", "register_meta")


def is_server(url: str) -> bool:
    return url.startswith("postgresql://")


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """The rows of one query, as tuples."""
    if is_server(url):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            return [tuple(r) for r in conn.execute(sql).fetchall()]
    db = sqlite3.connect(url)
    try:
        return [tuple(r) for r in db.execute(sql).fetchall()]
    finally:
        db.close()


def rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the register's tables, table by table, in a stable order (an SQLite
    file's integrity checked first)."""
    if not is_server(url):
        assert query(url, "PRAGMA integrity_check") == [("ok",)]
    return {table: query(url, f"SELECT * FROM {table} ORDER BY 1, 2") for table in TABLES}
