"""The checked flows a command works from: the built-ins (or one folder), from the flow cache
when nothing has changed.

A council officer editing a flow file needs to know exactly what is wrong and where, so
every problem is reported with the file, the line, the field and what was expected, and
nothing about a route is accepted on trust (see `folders`, `problems`, `cross_checks`).
"""

from __future__ import annotations

from pathlib import Path

from routewise.base.errors import FileError
from routewise.model.catalogue import Catalogue


def load_catalogue(directory: Path, *, cache: bool = True) -> Catalogue:
    """Every flow file in `directory`, validated and checked; from the flow cache if unchanged."""
    if not directory.is_dir():
        raise FileError(directory, None, "", "flows folder not found")
    from routewise.flows.folders import paused_collector

    with paused_collector():
        if not cache:
            return _load_checked(directory)
        from routewise.flows.cache import load_cached

        return load_cached(directory, Catalogue, lambda: _load_checked(directory))


def _load_checked(directory: Path) -> Catalogue:
    """A complete flows folder, every file read and checked; all its errors raised together."""
    from routewise.flows.folders import load_complete

    return load_complete(directory)
