"""A register on a server: telling a PostgreSQL URL from a file name, and never showing its
password.

`database = "postgresql://…"` in the config (or ROUTEWISE_DATABASE) names a PostgreSQL
database; anything else names an SQLite file. A URL may carry a password (`user:secret@`,
or `?password=secret`); nothing routewise prints, logs or stores shows it: `hidden` gives
the URL with each password as `***`, and `scrub` takes every password out of a text (an
error from the driver can quote the connection string). libpq's own ways of giving a
password (PGPASSWORD, ~/.pgpass, PGSERVICE) keep it out of the URL altogether.

Plain text work, with no driver imported: `config show` and `--help` pay nothing for it.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote, unquote

SCHEMES = ("postgresql://", "postgres://")
"""The URL schemes libpq reads (`postgres://` is its older spelling)."""
MASK = "***"

_QUERY_PASSWORD = re.compile(r"([?&]password=)([^&#]*)", re.IGNORECASE)


def is_server(text: str | os.PathLike[str] | None) -> bool:
    """Whether `text` names a PostgreSQL database (a URL), not an SQLite file."""
    return isinstance(text, str) and text.strip().lower().startswith(SCHEMES)


def _split(url: str) -> tuple[str, str, str]:
    """The scheme with its `//`, the part before the host (user and password, with its
    `@`, or ""), and the rest. libpq ends the user part at the first `@` before the
    path; a password with `@` in it must be written `%40`, and anything up to the last
    `@` before the path is treated as secret here, so an unescaped one is hidden too."""
    scheme_end = url.index("//") + 2
    scheme, rest = url[:scheme_end], url[scheme_end:]
    authority_end = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
    at = rest.rfind("@", 0, authority_end)
    if at < 0:
        return scheme, "", rest
    return scheme, rest[: at + 1], rest[at + 1 :]


def hidden(url: str) -> str:
    """The URL as messages show it: every password replaced by `***`."""
    if not is_server(url):
        return url
    scheme, userinfo, rest = _split(url.strip())
    if ":" in userinfo:
        userinfo = userinfo.split(":", 1)[0] + ":" + MASK + "@"
    return scheme + userinfo + _QUERY_PASSWORD.sub(lambda m: m.group(1) + MASK, rest)


def passwords(url: str | None) -> list[str]:
    """Every password the URL or the environment holds, as written and as decoded (the
    longest first, so a longer one is never half-replaced by a shorter)."""
    found: list[str] = []
    if url and is_server(url):
        _, userinfo, rest = _split(url.strip())
        if ":" in userinfo:
            found.append(userinfo[:-1].split(":", 1)[1])
        found += [m.group(2) for m in _QUERY_PASSWORD.finditer(rest)]
    if os.environ.get("PGPASSWORD"):
        found.append(os.environ["PGPASSWORD"])
    forms = {
        form for secret in found if secret for form in (secret, unquote(secret), quote(secret))
    }
    return sorted((f for f in forms if f and f != MASK), key=len, reverse=True)


def scrub(text: str, url: str | None) -> str:
    """`text` with every password of `url` (and PGPASSWORD) replaced by `***`, and any
    `password=…` a driver's message quotes hidden too."""
    for secret in passwords(url):
        text = text.replace(secret, MASK)
    return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", lambda m: m.group(1) + MASK, text, flags=re.I)
