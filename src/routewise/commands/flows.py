"""What the commands do with flow folders: load them with warnings, list, check, schema, new.

Kept out of cli.py so that the command-line wiring stays a thin layer; each
function here is called from one command, and prints with plain `print`-like
calls so that text from flow files is never read as markup.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from routewise.base.safe_text import visible
from routewise.flows.locations import BUILT_IN, default_flows_dir, folders_in_use

if TYPE_CHECKING:  # flow folders are read only when one is in use: 8-10 ms of imports
    from routewise.flows.folders import Flows
    from routewise.flows.problems import FlowErrors, Problem
    from routewise.model.catalogue import Catalogue

Echo = Callable[[str], None]


def folders(options: Sequence[Path] | None, config: Path | None) -> list[Path]:
    """Every folder layered on the built-ins: config, then ROUTEWISE_FLOWS, then --flows."""
    from routewise.config.settings import config_flow_folders

    return folders_in_use(options or [], os.environ, config_flow_folders(config, os.environ))


def load(
    options: Sequence[Path] | None,
    config: Path | None,
    warn: Echo,
    route_id: str | None = None,
) -> tuple[Catalogue, Flows | None]:
    """The catalogue to run. A route that a broken file affects never runs: asking for it
    is an error naming the file; other broken files are one warning line each."""
    layered = folders(options, config)
    if not layered:
        from routewise.flows.loader import load_catalogue

        return load_catalogue(default_flows_dir()), None
    from routewise.flows.folders import load_flows
    from routewise.flows.problems import FlowErrors

    flows = load_flows(layered)
    if route_id is not None and route_id in flows.broken:
        problem = flows.broken[route_id]
        same_file = [p for p in flows.errors if p.path == problem.path and p != problem]
        raise FlowErrors([problem, *same_file])
    for line in broken_file_lines(flows):
        warn(line)
    return flows.catalogue, flows


def broken_file_lines(flows: Flows) -> list[str]:
    """One warning line per file with errors, naming the routes left out because of it."""
    by_file: dict[Path, list[Problem]] = {}
    for problem in flows.errors:
        by_file.setdefault(problem.path, []).append(problem)
    lines = []
    for path, problems in by_file.items():
        routes = sorted(r for r, p in flows.broken.items() if p.path == path)
        left = f"; left out: {', '.join(routes)}" if routes else ""
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        lines.append(
            visible(
                f"routewise: warning: {problems[0]}{more}{left}; "
                f"run `routewise flows check {path.parent}` for every problem"
            )
        )
    return lines


def listing_error(flows: Flows) -> FlowErrors:
    """One error for `routes`: the first problem, how many more, and what was left out."""
    from routewise.flows.problems import FlowErrors

    left = sorted(flows.broken)
    error = FlowErrors(flows.errors)
    if left:
        error.message = f"{error.message}; not listed: {', '.join(left)}"
    return error


# --- flows new -------------------------------------------------------------------------


def new(route_id: str, folder: Path, force: bool, echo: Echo) -> None:
    """Write a starter route, then say what to do next: check it, then try it. The folder
    is printed as data (escapes shown, never sent) and quoted as a shell would need it."""
    import re
    import shlex

    from routewise.base.errors import UserError
    from routewise.base.safe_text import quoted, shown
    from routewise.flows.starter import write_starter

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", route_id):
        raise UserError(f"{quoted(route_id)}: expected a kebab-case id such as 'quiet-word-first'")
    for path in write_starter(route_id, folder, force):
        echo(f"Wrote {shown(path)}")
    where = shown(shlex.quote(str(folder)))
    echo("Next, change its wording to your protocol, then check it:")
    echo(f"  routewise flows check {where}")
    echo("and try it:")
    echo(f"  routewise triage --flows {where} --route {route_id}")


# --- routes ---------------------------------------------------------------------


def route_rows(catalogue: Catalogue, flows: Flows | None) -> list[dict[str, str]]:
    origins = flows.origins if flows else {}
    return [
        {
            "id": r.id,
            "title": r.title,
            "summary": r.summary,
            "origin": origins.get(r.id, BUILT_IN),
        }
        for r in catalogue.routes.values()
    ]


# --- flows check ------------------------------------------------------------------


def check(dirs: Sequence[Path], in_use: Sequence[Path], strict: bool, echo: Echo) -> int:
    """Every problem at once, then a summary. 0 clean; 1 warnings with --strict; 2 errors."""
    from routewise.flows.folders import load_flows
    from routewise.flows.post_questions import expand_post_questions
    from routewise.flows.route_rules import count_paths

    chosen = list(dirs) or list(in_use)
    flows = load_flows(chosen, warnings=True)
    for problem in flows.problems:
        echo(visible(_line(problem)))
    origins = flows.origins
    wanted = {str(d) for d in chosen} if dirs else None
    per: dict[str, list[int]] = {}
    for route_id, route in flows.checked.items():
        origin = origins.get(route_id, BUILT_IN)
        if wanted is not None and origin not in wanted:
            continue
        with contextlib.suppress(KeyError, AssertionError, AttributeError):
            route = expand_post_questions(flows.catalogue, route)
        counts = per.setdefault(origin, [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += len(route.questions)
        counts[2] += len(route.outcomes)
        counts[3] += count_paths(route)
    for origin, (routes, questions, outcomes, paths) in per.items():
        echo(
            visible(
                f"{origin}: {_n(routes, 'route')}, {_n(questions, 'question')}, "
                f"{_n(outcomes, 'outcome')}, {_n(paths, 'distinct path')} (answers to an outcome)"
            )
        )
    errors, warnings = len(flows.errors), len(flows.warnings)
    echo(f"{_n(errors, 'error')}, {_n(warnings, 'warning')}.")
    if errors:
        return 2
    return 1 if warnings and strict else 0


def _line(problem: Problem) -> str:
    at = f"{problem.path}:{problem.line}" if problem.line else str(problem.path)
    where = f"{problem.where}: " if problem.where else ""
    return f"{at}: {problem.severity}: {where}{problem.message}"


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
