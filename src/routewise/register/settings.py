"""The register's own settings: the region, closure days, warning period and flow folders
every case in it is dated with, and digests of the flow files.

They are stored in the register when it is made (from the config then in force), so two
people with different configs never date one case two ways. A config that disagrees gets
a warning naming each difference; `case settings` changes the register's. Changing them, or
the flow files, makes the stored summaries stale: each case stores the `summary_key` it was
summarised under, and a summary whose key is not the current one is shown as stale.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from routewise.calendar.regions import REGION_NAMES
from routewise.calendar.working_days import WorkingCalendar
from routewise.config.settings import CLOSURE_REASON, Settings, parse_closure
from routewise.flows.locations import SHARED_FILES, default_flows_dir
from routewise.register.schedule import FORMAT as SCHEDULE_FORMAT


@dataclass(kw_only=True, slots=True)
class RegisterSettings:
    region: str
    closures: list[str]
    """As the config writes them: days and inclusive ranges."""
    warn_days: int
    flows: list[str]
    """Flow folders layered on the built-ins, as whole paths."""
    flows_digest: str
    """The flow files' digest the summaries were last refreshed under."""
    version: int = 1
    """Raised on every change, so the summaries made under the old ones are stale."""
    extra: dict[str, str] = field(default_factory=dict)

    def closure_days(self) -> dict[date, str]:
        return {day: CLOSURE_REASON for text in self.closures for day in parse_closure(text)}

    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar(self.region, self.closure_days())

    def folders(self) -> list[Path]:
        return [Path(f) for f in self.flows]

    def summary_key(self, flows_digest: str) -> str:
        """What a summary was computed under: these settings, those flow files and the
        schedule's format (a summary stored before the schedule was kept is stale)."""
        made = f"{self.version}:{flows_digest}:schedule {SCHEDULE_FORMAT}"
        return hashlib.sha256(made.encode()).hexdigest()[:16]

    def as_meta(self) -> dict[str, str]:
        return {
            "region": self.region,
            "closures": json.dumps(self.closures),
            "warn_days": str(self.warn_days),
            "flows": json.dumps(self.flows),
            "flows_digest": self.flows_digest,
            "settings_version": str(self.version),
        }


def from_meta(meta: Mapping[str, str]) -> RegisterSettings | None:
    """The settings stored in `register_meta`; None before the register has any."""
    if "region" not in meta:
        return None
    return RegisterSettings(
        region=meta["region"],
        closures=list(json.loads(meta["closures"])),
        warn_days=int(meta["warn_days"]),
        flows=list(json.loads(meta["flows"])),
        flows_digest=meta["flows_digest"],
        version=int(meta["settings_version"]),
    )


def from_config(settings: Settings, folders: Iterable[Path]) -> RegisterSettings:
    """A new register's settings: those of the config in force."""
    chosen = [str(Path(f).expanduser().absolute()) for f in folders]
    return RegisterSettings(
        region=settings.region,
        closures=list(settings.closure_text),
        warn_days=settings.warn_days,
        flows=chosen,
        flows_digest=flows_digest([Path(f) for f in chosen]),
    )


def differences(register: RegisterSettings, config: RegisterSettings) -> list[str]:
    """Each setting where the config in force says something else than the register."""
    said: list[str] = []
    if register.region != config.region:
        said.append(
            f"region: the register uses {register.region} ({REGION_NAMES[register.region]}), "
            f"the config says {config.region}"
        )
    if sorted(register.closures) != sorted(config.closures):
        said.append(
            f"closure days: the register uses {_list(register.closures)}, the config says "
            f"{_list(config.closures)}"
        )
    if register.warn_days != config.warn_days:
        said.append(
            f"warn_days: the register uses {register.warn_days}, the config says {config.warn_days}"
        )
    if register.flows != config.flows:
        said.append(
            f"flow folders: the register uses {_list(register.flows, 'the built-in routes')}, "
            f"the config says {_list(config.flows, 'the built-in routes only')}"
        )
    return said


def _list(items: list[str], empty: str = "none") -> str:
    return ", ".join(items) if items else empty


def flow_files(folders: Iterable[Path]) -> list[tuple[int, Path]]:
    """Every flow file in use, with its layer: 0 is the built-ins."""
    found: list[tuple[int, Path]] = []
    for layer, folder in enumerate([default_flows_dir(), *folders]):
        found += [(layer, p) for p in sorted(folder.glob("*.yaml"))]
    return found


def _digest(files: Iterable[tuple[int, Path]]) -> str:
    digest = hashlib.sha256(b"routewise-flows\n")
    for layer, path in files:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"(unreadable)"
        digest.update(f"{layer}\0{path.name}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
        digest.update(data)
    return digest.hexdigest()[:32]


def flows_digest(folders: Iterable[Path]) -> str:
    """A digest of every flow file in use: any change to any of them changes it."""
    return _digest(flow_files(folders))


def route_digest(folders: Iterable[Path], route_id: str) -> str:
    """A digest of the files one route's plan is made from: its own file in each layer and
    the shared files (roles, triage, documents). Worked out once per route in a command
    (an import opens thousands of cases on a handful of routes)."""
    return _route_digest(tuple(str(f) for f in folders), route_id)


@functools.lru_cache(maxsize=256)
def _route_digest(folders: tuple[str, ...], route_id: str) -> str:
    names = {f"{route_id}.yaml", *SHARED_FILES}
    layers = flow_files(Path(f) for f in folders)
    return _digest((layer, p) for layer, p in layers if p.name in names)


def settings_data(register: RegisterSettings) -> dict[str, Any]:
    return {
        "region": register.region,
        "closures": register.closures,
        "warn_days": register.warn_days,
        "flows": register.flows,
    }
