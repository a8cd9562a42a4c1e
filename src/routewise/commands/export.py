"""`routewise export PLAN`: a plan saved as JSON, as markdown, JSON or a calendar file.

A plan file comes from outside, so it is read like any other input: UTF-8
only, checked against the plan model, every id checked against the id pattern
and every date within the years the calendar knows, before anything renders it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from routewise.base.errors import FileError, UserError
from routewise.base.safe_text import quoted, shown
from routewise.commands.output import render, save

if TYPE_CHECKING:
    from routewise.model.plan import Plan

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_ID_FIELDS = {"route", "id"}
"""Ids that renderers set as code or in calendar UIDs, so they must look like ids."""


def run(
    plan_file: Path,
    output_format: str | None,
    output: Path | None,
    force: bool,
    case: str | None = None,
) -> None:
    """`output_format` None: as the output file's extension says, else markdown."""
    if case is not None:
        from routewise.base.errors import argument_text

        case = argument_text(case, "--case")
    if output_format == "ics" and output is None:
        raise UserError("--format ics writes a calendar file: add --output PATH")
    if output is not None:
        from routewise.base.files import check_target

        check_target(output, force)
    plan = read_plan(plan_file)
    if output is None:
        from routewise.commands import common

        if output_format is None and common.stdout_is_terminal():
            # On a terminal the plan is shown as `triage` shows it: raw markdown there is
            # table pipes and `**Contact:**` split across lines. Piped, or asked for, the
            # markdown text itself.
            from routewise.render.console import console
            from routewise.render.terminal import render_plan

            plain = common.plain_wanted()
            render_plan(plan, console(plain), why=False, plain=plain, recap=False)
            return
        typer.echo(render(plan, output_format or "markdown", case), nl=False)
        return
    save(plan, output_format, output, force, "the plan", case)


def read_plan(path: Path) -> Plan:
    """The plan in `path`, or a FileError naming the field that is wrong."""
    from pydantic import ValidationError

    from routewise.base.files import read_text
    from routewise.model.plan_data import plan_adapter, plan_data

    text = read_text(path, "plan file", "a plan saved by routewise is UTF-8 JSON")
    version = _check_version(path, text)
    if version in (2, 3):
        import json

        from routewise.model.plan_data import up_to_date

        text = json.dumps(up_to_date(json.loads(text)))
    try:
        plan = plan_adapter().validate_json(text)
    except ValidationError as exc:
        from routewise.flows.node_paths import is_union_tag

        err = exc.errors(include_url=False)[0]
        loc = [p for p in err["loc"] if not (isinstance(p, str) and is_union_tag(p))]
        where = ".".join(str(p) for p in loc)
        raise FileError(path, None, where, f"not a routewise JSON plan: {_said(err)}") from None
    except RecursionError:
        raise FileError(
            path, None, "", "not a routewise JSON plan: nested far too deeply"
        ) from None
    problem = _first_problem(plan_data(plan)) or _inconsistent(plan)
    if problem is not None:
        where, message = problem
        raise FileError(path, None, where, f"not a routewise JSON plan: {message}")
    from routewise.model.judged import judged

    # As of the day it was made, as it said then (and says which day): not the day exported.
    return judged(plan, plan.made_on)


def _check_version(path: Path, text: str) -> object:
    """The plan's format version. A plan from before format versions, or from a newer
    routewise, gets its own message, not a field-by-field complaint; formats 2 and 3 are read
    by bringing them up to date (`up_to_date`)."""
    import json

    from routewise.model.plan import SCHEMA_VERSION

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None  # the model's own check reports it
    if not isinstance(data, dict):
        return None
    version = data.get("schema_version")
    if version is None and "steps" in data:
        raise FileError(
            path,
            None,
            "schema_version",
            "saved by an earlier routewise, before plans carried a format version; run the "
            "triage again (for example with the same --answers file) to make a new plan",
        )
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise FileError(
            path,
            None,
            "schema_version",
            f"saved by a newer routewise (plan format {shown(version)}; this one reads up to "
            f"{SCHEMA_VERSION}); upgrade routewise to read it",
        )
    return version


def _said(err: Any) -> str:
    """pydantic's reason in the words of the rest of routewise's messages."""
    kind = str(err["type"])
    if kind in ("missing", "missing_argument", "missing_keyword_only_argument"):
        return "this field is missing"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown field: routewise does not write it"
    if kind.startswith(("date_", "datetime_")):
        return f"expected a date as YYYY-MM-DD; found {shown(err.get('input'))}"
    if kind == "json_invalid":
        return "not valid JSON (" + str(err.get("ctx", {}).get("error", "")).rstrip(".") + ")"
    return str(err["msg"])


def _inconsistent(plan: Plan) -> tuple[str, str] | None:
    """What no plan routewise makes would say: exporting it would print advice nobody gave."""
    from routewise.calendar.regions import REGIONS

    if plan.region not in REGIONS:
        return "region", f"expected one of {', '.join(REGIONS)}; found {quoted(plan.region)}"
    if not plan.steps:
        return "steps", "expected at least one step"
    if plan.route is not None and (plan.raised is None or plan.outcome is None):
        field = "raised" if plan.raised is None else "outcome"
        return field, "expected a value in a plan for a route (only a plan for no route has none)"
    return None


def _first_problem(data: Any, where: str = "") -> tuple[str, str] | None:
    """Ids that are not ids, dates outside the calendar's years, and groups with nobody in them."""
    from routewise.calendar.dates import check_year

    stack: list[tuple[str, Any]] = [(where, data)]
    while stack:
        path, value = stack.pop()
        key = path.rsplit(".", 1)[-1]
        if isinstance(value, dict):
            stack += [(f"{path}.{k}" if path else str(k), v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(f"{path}.{i}", v) for i, v in enumerate(value)]
        elif isinstance(value, date):
            try:
                check_year(value)
            except ValueError as exc:
                return path, str(exc)
        elif isinstance(value, str) and key in _ID_FIELDS and not _ID.fullmatch(value):
            return path, "expected an id such as 'member-information-request'"
        if key == "members" and isinstance(value, list) and not (value and all(value)):
            return path, "expected at least one role in each group of people"
    return None
