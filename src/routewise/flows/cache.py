"""The validated flows, cached by the content of every flow file.

Reading, validating and cross-checking the flows is most of what a command does
before its own work: 1.3 s for a council folder of 10,000 nodes, on every run.
The result is pickled into the user cache under a key: a SHA-256 of every flow
file's name and bytes in every folder, the folders themselves in their order (as
written, and resolved), the home folder (`~` in a document's path), routewise's
own code and the Python and pydantic versions. Modification times are never
trusted: the key is recomputed from the bytes on every run, and a cache file is
used only when its stored key matches. A corrupt, foreign or stale file is
rebuilt silently. The caller says which results may be stored (never one with a
problem to report) and whether a stored one still holds (files it relies on).

The cache is a pickle, so it is read only when it is a regular file owned by the
user that nobody else can write, in the user's own cache folder.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from routewise.base.user_cache import cache_dir, read_trusted, write_atomic

T = TypeVar("T")
MAGIC = b"routewise-flows-2\n"
_KEY_BYTES = 32


def _folders(directories: Path | Sequence[Path]) -> list[Path]:
    return [directories] if isinstance(directories, Path) else list(directories)


def cache_path(directories: Path | Sequence[Path]) -> Path:
    """One cache file per list of folders, so switching folders does not thrash it."""
    name = hashlib.sha256()
    for directory in _folders(directories):
        name.update(str(directory.resolve()).encode("utf-8", "surrogateescape") + b"\0")
    return cache_dir() / "flows" / f"{name.hexdigest()[:24]}.pickle"


def cache_key(directories: Path | Sequence[Path], salt: bytes = b"") -> bytes:
    """SHA-256 of everything the loaded flows depend on. Raises OSError if a file is unreadable."""
    import pydantic.version

    digest = hashlib.sha256(MAGIC)
    digest.update(sys.version.encode())
    digest.update(pydantic.version.VERSION.encode())
    digest.update(b"\0%d\0%s\0" % (len(salt), salt))
    digest.update(str(Path.home()).encode("utf-8", "surrogateescape"))
    code = Path(__file__).resolve().parent.parent
    _add_files(digest, sorted(code.rglob("*.py")))
    for directory in _folders(directories):
        for name in (str(directory), str(directory.resolve())):
            digest.update(b"\0folder\0%s\0" % name.encode("utf-8", "surrogateescape"))
        _add_files(digest, sorted(directory.glob("*.yaml")))
    return digest.digest()


def _add_files(digest: hashlib._Hash, paths: list[Path]) -> None:
    for path in paths:
        data = path.read_bytes()
        digest.update(b"\0%s\0%d\0" % (path.name.encode("utf-8", "surrogateescape"), len(data)))
        digest.update(data)


def load_cached(
    directories: Path | Sequence[Path],
    kind: type[T],
    build: Callable[[], T],
    *,
    salt: bytes = b"",
    keep: Callable[[T], bool] = lambda value: True,
    holds: Callable[[T], bool] = lambda value: True,
) -> T:
    """The cached `kind` for `directories` when its key matches and it still `holds`;
    otherwise `build()`, stored if the caller would `keep` it."""
    try:
        key = cache_key(directories, salt)
    except OSError:
        return build()  # the loader reports the unreadable file properly
    path = cache_path(directories)
    cached = _read(path, key, kind)
    if cached is not None and holds(cached):
        return cached
    value = build()
    try:
        unchanged = cache_key(directories, salt) == key  # never store a result under another key
    except OSError:
        unchanged = False
    if unchanged and keep(value):
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
