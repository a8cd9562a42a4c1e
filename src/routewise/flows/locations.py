"""Where the flow files are, and the route ids they hold: cheap enough for shell completion.

Kept apart from the loader so that pressing Tab never imports pydantic or PyYAML.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

ROLES_FILE = "roles.yaml"
TRIAGE_FILE = "triage.yaml"


def default_flows_dir() -> Path:
    """The flows shipped in the wheel, or the repository's flows/ in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "built_in_flows"
    if packaged.is_dir():
        return packaged
    return package.parent.parent / "flows"


def route_ids(directory: Path) -> list[str]:
    """Route ids from file names alone: each route file is named after its id."""
    skip = {ROLES_FILE, TRIAGE_FILE}
    return sorted(p.stem for p in directory.glob("*.yaml") if p.name not in skip)


DOCUMENTS_FILE = "documents.yaml"
SHARED_FILES = (ROLES_FILE, TRIAGE_FILE, DOCUMENTS_FILE)
ENV_FLOWS = "ROUTEWISE_FLOWS"


def folder_route_ids(directory: Path) -> list[str]:
    """Route ids in a flow folder: every .yaml file but the shared ones, named after its route."""
    return sorted(p.stem for p in directory.glob("*.yaml") if p.name not in SHARED_FILES)


def env_folders(env: Mapping[str, str]) -> list[Path]:
    """`ROUTEWISE_FLOWS`: folders separated as PATH is (`:`, or `;` on Windows)."""
    raw = env.get(ENV_FLOWS, "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def route_ids_in_use(env: Mapping[str, str]) -> list[str]:
    """Route ids of the built-ins and the ROUTEWISE_FLOWS folders, for shell completion."""
    ids = set(folder_route_ids(default_flows_dir()))
    for folder in env_folders(env):
        if folder.is_dir():
            ids.update(folder_route_ids(folder))
    return sorted(ids)


BUILT_IN = "built-in"


def folders_in_use(
    options: Sequence[Path], env: Mapping[str, str], config_folders: Sequence[Path]
) -> list[Path]:
    """Folders layered on the built-ins, lowest first: config, then environment, then options."""
    out: list[Path] = []
    for path in [*config_folders, *env_folders(env), *(p.expanduser() for p in options)]:
        if path not in out:
            out.append(path)
    return out
