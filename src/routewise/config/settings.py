"""The council's own settings: name, region, closure days, role titles, contacts.

One TOML file in the user config folder (or wherever --config or
ROUTEWISE_CONFIG points). Command line beats environment beats file beats
defaults, and `config show` says which one each setting came from. The file
holds names and contact details, so it is written atomically and owner-only.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from routewise.base.database_url import is_server
from routewise.base.errors import FileError
from routewise.calendar.dates import day_parts
from routewise.calendar.regions import EARLIEST_YEAR, LATEST_YEAR, REGIONS
from routewise.model.person import Person

if TYPE_CHECKING:
    from routewise.model.catalogue import Catalogue
from routewise.base.safe_text import quoted

ENV_CONFIG, ENV_REGION = "ROUTEWISE_CONFIG", "ROUTEWISE_REGION"
ENV_DATABASE = "ROUTEWISE_DATABASE"
DEFAULT_REGION = "england-and-wales"
DEFAULT_WARN_DAYS = 2
CLOSURE_REASON = "council closure day"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


def _closure(text: str) -> str:
    parse_closure(text)
    return text


Closure = Annotated[str, AfterValidator(_closure)]
"""One closure: a date or an inclusive range, checked where it is written."""


Contact = Person
"""A named contact for a role: the one `Person` type that answers files and plans use too."""


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    council: Text | None = None
    region: str | None = None
    closures: list[Closure] = []
    titles: dict[str, Text] = {}
    contacts: dict[str, Contact] = {}
    flows: list[Text] = []
    """Flow folders layered on the built-ins, relative to this file's folder."""
    plans_folder: Text | None = None
    """Where the wizard offers to save plans (default: the user's documents folder)."""
    database: LongText | None = None
    """The case register's file, relative to this file's folder (default: the user data
    folder's register.sqlite3), or a PostgreSQL URL (`postgresql://…`)."""
    user: Text | None = None
    """The name the case register records as who did what (default: the login name)."""
    warn_days: int | None = Field(default=None, ge=0, le=30)
    """Working days before a deadline that a case turns amber, for a new register."""

    @field_validator("region")
    @classmethod
    def _region(cls, value: str | None) -> str | None:
        if value is not None and value not in REGIONS:
            raise ValueError(f"expected one of {', '.join(REGIONS)}; found {quoted(value)}")
        return value


CLOSURE_FORMS = "a date (DD/MM/YYYY or YYYY-MM-DD) or a range such as 24/12/2026..31/12/2026"


def _closure_day(part: str, text: str) -> date:
    parts = day_parts(part.strip())
    if parts is None:
        raise ValueError(f"expected {CLOSURE_FORMS}; found {quoted(text)}")
    try:
        return date(*parts)
    except ValueError:
        raise ValueError(f"{quoted(text)} is not a real date") from None


def parse_closure(text: str) -> list[date]:
    """One day or an inclusive range, each date DD/MM/YYYY (day first, as everywhere else)
    or YYYY-MM-DD: `24/12/2026`, `2026-12-29..2026-12-31`."""
    first_text, sep, last_text = text.strip().partition("..")
    first = _closure_day(first_text, text)
    last = _closure_day(last_text, text) if sep else first
    if last < first:
        raise ValueError(f"the range {quoted(text)} ends before it starts")
    if (last - first).days > 366:
        raise ValueError(f"the range {quoted(text)} is longer than a year")
    if not (first.year >= EARLIEST_YEAR and last.year <= LATEST_YEAR):
        raise ValueError(f"{quoted(text)} is outside {EARLIEST_YEAR} to {LATEST_YEAR}")
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def closure_iso(text: str) -> str:
    """A closure as the file writes it (YYYY-MM-DD, or a range of two), however typed."""
    days = parse_closure(text)
    first, last = days[0].isoformat(), days[-1].isoformat()
    return f"{first}..{last}" if ".." in text else first


@dataclass(kw_only=True, slots=True)
class Settings:
    """The effective settings and where each came from."""

    path: Path
    path_origin: str
    file_exists: bool
    council: str | None = None
    region: str = DEFAULT_REGION
    closures: dict[date, str] = field(default_factory=dict)
    closure_text: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    contacts: dict[str, Person] = field(default_factory=dict)
    plans_folder: str | None = None
    database: Path | str | None = None
    """The case register named by the config or ROUTEWISE_DATABASE: a file, or a PostgreSQL
    URL as text (None: the default file)."""
    user: str | None = None
    warn_days: int = DEFAULT_WARN_DAYS
    origins: dict[str, str] = field(default_factory=dict)


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("routewise")) / "config.toml"


def config_path(option: Path | None, env: Mapping[str, str]) -> tuple[Path, str]:
    if option is not None:
        return option.expanduser(), "command line (--config)"
    if env.get(ENV_CONFIG):
        return Path(env[ENV_CONFIG]).expanduser(), f"environment ({ENV_CONFIG})"
    return default_path(), "default"


def read_config(path: Path) -> ConfigFile:
    from routewise.base.files import read_text

    return parse_config(path, read_text(path, "config file"))


def parse_config(path: Path, text: str) -> ConfigFile:
    """The settings in `text` (read from `path`), or a FileError with the line and key."""
    import tomllib  # only when there is a config file: 4-6 ms of regular expressions

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise FileError(
            path, int(line.group(1)) if line else None, "", f"not valid TOML: {exc}"
        ) from None
    except RecursionError:
        raise FileError(path, None, "", "not valid TOML: nested far too deeply") from None
    try:
        return ConfigFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = tuple(err["loc"])
        problem = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            problem = "unknown setting (see the configuration section of README.md)"
        elif err["type"] == "missing":
            problem = "required setting is missing"
        dotted = ".".join(str(p) for p in loc)
        raise FileError(path, _toml_line(text, loc), dotted, problem) from None
    except RecursionError:
        raise FileError(path, None, "", "nested far too deeply for a config file") from None


def _toml_line(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort line of a setting: its table header, then its key within it."""
    lines = text.splitlines()
    keys = [str(p) for p in loc if not isinstance(p, int)]
    if not keys:
        return None
    start, table = 0, keys[:-1]
    for depth in range(len(table), 0, -1):
        header = r"\.".join(rf"\"?{re.escape(k)}\"?" for k in table[:depth])
        pattern = re.compile(rf"^\s*\[\s*{header}\s*\]")
        found = next((i for i, line in enumerate(lines) if pattern.match(line)), None)
        if found is not None:
            start = found
            break
    key = re.compile(rf"^\s*\"?{re.escape(keys[-1])}\"?\s*=")
    for i in range(start, len(lines)):
        if key.match(lines[i]):
            return i + 1
    for i in range(start, len(lines)):
        if keys[-1] in lines[i]:
            return i + 1
    return start + 1 if start else None


def config_flow_folders(option: Path | None, env: Mapping[str, str]) -> list[Path]:
    """The `flows = [...]` folders of the config file in use, relative to its folder."""
    path, _ = config_path(option, env)
    if not path.is_file():  # a missing --config file is reported where settings are read
        return []
    return [(path.parent / Path(p).expanduser()) for p in read_config(path).flows]


def check_against_catalogue(
    path: Path, config: ConfigFile, catalogue: Catalogue, text: str | None = None
) -> None:
    """Role ids must exist, and a role that depends on the case cannot be set here."""
    for section in ("titles", "contacts"):
        entries: Mapping[str, object] = getattr(config, section)
        for role_id in entries:
            role = catalogue.roles.get(role_id)
            if text is None:
                text = path.read_text(encoding="utf-8")
            line = _toml_line(text, (section, role_id))
            if role is None:
                known = ", ".join(r for r in catalogue.roles if not catalogue.roles[r].party)
                raise FileError(
                    path, line, f"{section}.{role_id}", f"unknown role; expected one of {known}"
                )
            if section == "contacts" and (role.party or role.of):
                raise FileError(
                    path,
                    line,
                    f"contacts.{role_id}",
                    f"{role.title} depends on the case, so it cannot be set here; "
                    "`routewise triage` asks for it",
                )
            if section == "contacts" and not role.named_in_config:
                raise FileError(
                    path,
                    line,
                    f"contacts.{role_id}",
                    f"{role.title} is not one person your council names, so no contact can "
                    "be set for it here",
                )


def load_settings(
    option_path: Path | None,
    option_region: str | None,
    catalogue: Catalogue | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    env = os.environ if env is None else env
    path, path_origin = config_path(option_path, env)
    if path.is_dir():
        raise FileError(path, None, "", f"is a folder, not a config file (from the {path_origin})")
    exists = path.is_file()
    if not exists and path_origin != "default":
        raise FileError(path, None, "", f"config file not found (from the {path_origin})")
    settings = Settings(path=path, path_origin=path_origin, file_exists=exists)
    origins = {key: "default" for key in ("council", "region", "closures", "titles", "contacts")}
    if exists:
        config = read_config(path)
        if catalogue is not None:
            check_against_catalogue(path, config, catalogue)
        where = f"file ({path})"
        if config.council:
            settings.council, origins["council"] = config.council, where
        if config.region:
            settings.region, origins["region"] = config.region, where
        if config.closures:
            settings.closure_text, origins["closures"] = list(config.closures), where
            for text in config.closures:
                for day in parse_closure(text):
                    settings.closures[day] = CLOSURE_REASON
        if config.titles:
            settings.titles, origins["titles"] = dict(config.titles), where
        if config.contacts:
            settings.contacts = dict(config.contacts)
            origins["contacts"] = where
        if config.plans_folder:
            settings.plans_folder, origins["plans_folder"] = config.plans_folder, where
        if config.database:
            settings.database = _database(config.database, path.parent)
            origins["database"] = where
        if config.user:
            settings.user, origins["user"] = config.user, where
        if config.warn_days is not None:
            settings.warn_days, origins["warn_days"] = config.warn_days, where
    if env.get(ENV_DATABASE):
        settings.database = _database(env[ENV_DATABASE], None)
        origins["database"] = f"environment ({ENV_DATABASE})"
    if env.get(ENV_REGION):
        settings.region, origins["region"] = env[ENV_REGION], f"environment ({ENV_REGION})"
    if option_region:
        settings.region, origins["region"] = option_region, "command line (--region)"
    if settings.region not in REGIONS:
        raise FileError(
            path,
            None,
            "region",
            f"expected one of {', '.join(REGIONS)}; found {quoted(settings.region)} "
            f"from the {origins['region']}",
        )
    settings.origins = origins
    return settings


def _database(text: str, folder: Path | None) -> Path | str:
    """A PostgreSQL URL as it is; a file relative to `folder` (the config file's)."""
    if is_server(text):
        return text.strip()
    path = Path(text).expanduser()
    return path if folder is None else folder / path


def toml_string(value: str) -> str:
    """A TOML basic string that shows every control or format character as an escape."""
    out = ['"']
    for char in value:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def render_toml(config: ConfigFile) -> str:
    """Write our small schema by hand, then read it back: a file we cannot read is never saved."""
    s = toml_string
    lines = ["# routewise configuration: see README.md (Configuration)."]
    if config.council:
        lines.append(f"council = {s(config.council)}")
    if config.region:
        lines.append(f"region = {s(config.region)}")
    if config.closures:
        lines.append(f"closures = [{', '.join(s(c) for c in config.closures)}]")
    if config.flows:
        lines.append(f"flows = [{', '.join(s(f) for f in config.flows)}]")
    if config.plans_folder:
        lines.append(f"plans_folder = {s(config.plans_folder)}")
    if config.database:
        lines.append(f"database = {s(config.database)}")
    if config.user:
        lines.append(f"user = {s(config.user)}")
    if config.warn_days is not None:
        lines.append(f"warn_days = {config.warn_days}")
    if config.titles:
        lines += ["", "[titles]"]
        lines += [f"{s(role)} = {s(title)}" for role, title in config.titles.items()]
    for role, contact in config.contacts.items():
        lines += ["", f"[contacts.{s(role)}]"]
        for key in ("name", "email", "phone"):
            value = getattr(contact, key)
            if value:
                lines.append(f"{key} = {s(value)}")
    text = "\n".join(lines) + "\n"
    if parse_config(Path("(new config)"), text) != config:
        raise FileError(Path("(new config)"), None, "", "the settings did not survive a round trip")
    return text
