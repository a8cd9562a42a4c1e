"""The validated flows, cached by the content of every flow file.

Reading, validating and cross-checking the flows is most of what a command does
before its own work. The result is pickled into the user cache under a key: a
SHA-256 of every flow file's name and bytes, the folder, routewise's own code and
the Python and pydantic versions. Modification times are never trusted: the key
is recomputed from the bytes on every run, and a cache file is used only when its
stored key matches. A corrupt, foreign or stale file is rebuilt silently.

The cache is a pickle, so it is read only when it is a regular file owned by the
user that nobody else can write, in the user's own cache folder.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from routewise.base.user_cache import cache_dir, read_trusted, write_atomic

T = TypeVar("T")
MAGIC = b"routewise-flows-1\n"
_KEY_BYTES = 32


def cache_path(directory: Path) -> Path:
    """One cache file per flows folder, so switching folders does not thrash it."""
    name = hashlib.sha256(str(directory.resolve()).encode("utf-8", "surrogateescape"))
    return cache_dir() / "flows" / f"{name.hexdigest()[:24]}.pickle"


def cache_key(directory: Path) -> bytes:
    """SHA-256 of everything the loaded flows depend on. Raises OSError if a file is unreadable."""
    import pydantic.version

    digest = hashlib.sha256(MAGIC)
    digest.update(sys.version.encode())
    digest.update(pydantic.version.VERSION.encode())
    digest.update(str(directory.resolve()).encode("utf-8", "surrogateescape"))
    code = Path(__file__).resolve().parent.parent
    for path in [*sorted(code.rglob("*.py")), *sorted(directory.glob("*.yaml"))]:
        data = path.read_bytes()
        digest.update(b"\0%s\0%d\0" % (path.name.encode("utf-8", "surrogateescape"), len(data)))
        digest.update(data)
    return digest.digest()


def load_cached(directory: Path, kind: type[T], build: Callable[[], T]) -> T:
    """The cached `kind` for `directory` when its key matches; otherwise `build()` and store it."""
    try:
        key = cache_key(directory)
    except OSError:
        return build()  # the loader reports the unreadable file properly
    path = cache_path(directory)
    cached = _read(path, key, kind)
    if cached is not None:
        return cached
    value = build()
    try:
        unchanged = cache_key(directory) == key  # never store a result under another key
    except OSError:
        unchanged = False
    if unchanged:
        write_atomic(path, MAGIC + key + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _read(path: Path, key: bytes, kind: type[T]) -> T | None:
    raw = read_trusted(path)
    if raw is None or not raw.startswith(MAGIC):
        return None
    stored = raw[len(MAGIC) : len(MAGIC) + _KEY_BYTES]
    if stored != key:
        return None
    try:
        value = pickle.loads(raw[len(MAGIC) + _KEY_BYTES :])
    except Exception:  # any corruption at all: rebuild
        return None
    return value if isinstance(value, kind) else None
