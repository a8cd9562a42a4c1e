"""Every PostgreSQL error as one line for the person at the keyboard: what went wrong, what
became of the change, and what to do. No line ever shows a password: each is `scrub`bed,
since libpq's own messages can quote the connection string.

Pure text work on the error's SQLSTATE and message: psycopg is not imported here.
"""

from __future__ import annotations

from routewise.base.database_url import hidden, scrub
from routewise.base.safe_text import shown

UPGRADE_HINT = (
    "the database's administrator runs `routewise db upgrade` (see 'Sharing a register with "
    "your team' in README.md)"
)
LOST = ("57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004")
"""The server shut down, or the connection broke."""


def one_line(text: str, url: str | None) -> str:
    """A driver's message on one line (libpq writes several), without any password."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return shown(scrub(" ".join(lines) or "no message", url))


def describe(exc: BaseException, url: str, outcome: str) -> str:
    """An error while using the register (after it was reached)."""
    state = str(getattr(exc, "sqlstate", "") or "")
    where = shown(hidden(url))
    said = one_line(str(exc), url)
    closed = bool(getattr(getattr(exc, "pgconn", None), "status", 0))  # libpq: 0 is OK
    if state in LOST or (not state and ("closed" in said or "lost" in said or closed)):
        return (
            f"{where}: the connection to the server was lost ({said}); {outcome}. "
            "Try again once the server is back"
        )
    if state == "42501":
        return (
            f"{where}: the database user may not do this ({said}); {outcome}. Ask the "
            "register's administrator for the rights the README's set-up grants"
        )
    if state == "23505":
        return (
            f"{where}: someone else recorded the same thing at the same moment; {outcome}. "
            "Look again, then try again"
        )
    if state in ("40001", "40P01"):
        return f"{where}: another user's change got in the way; {outcome}. Try again"
    if state in ("55P03", "57014"):
        return (
            f"{where} is locked by another user for more than a few seconds; {outcome}. "
            "Try again in a moment"
        )
    if state in ("42P01", "42703"):
        return (
            f"{where} holds no routewise register of this version ({said}); {outcome}. "
            f"To make or upgrade it, {UPGRADE_HINT}"
        )
    if state == "25006":
        return f"{where} is read-only (a standby server?); {outcome}"
    if state.startswith("53"):
        return f"{where}: the server is out of resources ({said}); {outcome}"
    return f"{where}: {said}; {outcome}"


def connect_problem(text: str, url: str, user: str | None, host: str) -> str:
    """Why a connection could not be made, in one line that says what to check."""
    where = shown(hidden(url))
    said = one_line(text, url)
    low = said.lower()
    who = shown(user) if user else "this user"
    if "password authentication failed" in low or "authentication failed" in low:
        return (
            f"{where}: the server refused the password for {who}; nothing was changed. "
            "Check PGPASSWORD, ~/.pgpass or the service file"
        )
    if "no password supplied" in low or "password is required" in low:
        return (
            f"{where}: the server asks for a password and none was given; nothing was "
            "changed. Give it with PGPASSWORD, a line in ~/.pgpass or PGSERVICE, not in the "
            "config file"
        )
    if "could not translate host name" in low or "name or service not known" in low:
        return f"{where}: the host {shown(host)} is unknown; nothing was changed. Check the URL"
    if "connection refused" in low:
        return (
            f"{where}: nothing answers at {shown(host)} (connection refused); nothing was "
            "changed. Is the server running, and is the port right?"
        )
    if "database" in low and "does not exist" in low:
        return (
            f"{where}: the server has no such database; nothing was changed. Create it first "
            "(see 'Sharing a register with your team' in README.md)"
        )
    if "role" in low and "does not exist" in low:
        return f"{where}: the server has no user {who}; nothing was changed"
    if "certificate" in low or ("ssl" in low and "verif" in low):
        return (
            f"{where}: the server's certificate could not be verified ({said}); nothing was "
            "sent. Give your council's CA certificate with sslrootcert=PATH in the URL, or "
            "ask IT which one signs the database server's certificate"
        )
    if "server does not support ssl" in low:
        return (
            f"{where}: the server does not offer TLS, and this connection requires it; "
            "nothing was sent"
        )
    if "timeout expired" in low or "timed out" in low:
        return f"{where}: the server did not answer in time; nothing was changed"
    if "no pg_hba.conf entry" in low:
        return (
            f"{where}: the server does not accept connections from here as {who} "
            "(pg_hba.conf); nothing was changed. Ask the database's administrator"
        )
    return f"{where}: cannot connect ({said}); nothing was changed"
