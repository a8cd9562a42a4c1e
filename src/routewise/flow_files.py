"""Where the flow files are, and the route ids they hold: cheap enough for shell completion.

Kept apart from the loader so that pressing Tab never imports pydantic or PyYAML.
"""

from __future__ import annotations

from pathlib import Path

ROLES_FILE = "roles.yaml"
TRIAGE_FILE = "triage.yaml"


def default_flows_dir() -> Path:
    """The flows shipped in the wheel, or the repository's flows/ in a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "flows"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "flows"


def route_ids(directory: Path) -> list[str]:
    """Route ids from file names alone: each route file is named after its id."""
    skip = {ROLES_FILE, TRIAGE_FILE}
    return sorted(p.stem for p in directory.glob("*.yaml") if p.name not in skip)
