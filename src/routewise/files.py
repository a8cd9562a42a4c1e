"""Writing files the user asked for: atomic, owner-only, never clobbering by accident."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class FileExists(Exception):
    """The target exists and the user did not say --force."""


def write_private(path: Path, text: str, force: bool = False) -> None:
    """Write `text` to `path` with mode 0600 so a half-written or shared file never appears.

    Without `force`, an existing file is left untouched and FileExists is raised;
    the check and the write are one step (a hard link), so a file that appears
    in between is not overwritten either.
    """
    path = path.expanduser()
    if not force and path.exists():
        raise FileExists(str(path))
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:  # name the file the user asked for, not our temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise FileExists(str(path)) from None
            except OSError:  # a filesystem without hard links
                if path.exists():
                    raise FileExists(str(path)) from None
                os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
