"""Today, now and who: the one place the register asks, so tests can fix them."""

from __future__ import annotations

from datetime import UTC, date, datetime


def today() -> date:
    """The date a command runs on: the default for --on and --as-of (ROUTEWISE_TODAY moves
    it, as it does for every command)."""
    from routewise.calendar.dates import today as calendar_today

    return calendar_today()


def now() -> str:
    """When an entry is recorded: UTC, to the second, as ISO text (the same in every
    database)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def login_name() -> str:
    """The login name, or "unknown" where the system cannot say (a container without one)."""
    import getpass

    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError, ImportError):
        return "unknown"


def who(user: str | None) -> str:
    """Who recorded something: `user` from the config, else the login name."""
    return user or login_name()
