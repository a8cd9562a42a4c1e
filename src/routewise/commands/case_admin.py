"""`routewise case import|delete|purge|settings|refresh`, and saving a triage as a case.

Deleting means gone: the rows go in one transaction, SQLite overwrites them
(`secure_delete`), the -wal file is emptied and free pages are vacuumed away; on
PostgreSQL the tables are vacuumed (`Store.after_delete`), and only a member of the
register's admin role may purge. What stays is one line in the register's log saying that a
deletion happened, when, by whom (and as which database user) and how many cases, with
nothing of the cases in it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from routewise.base.errors import UserError, warn
from routewise.base.safe_text import shown
from routewise.calendar.dates import option_date
from routewise.commands import common
from routewise.commands.case import Register, closing, need_register, open_register, say
from routewise.register import clock

if TYPE_CHECKING:
    from routewise.model.plan import Plan
    from routewise.register.settings import RegisterSettings


def _confirm(question: str, yes: bool, doing: str) -> bool:
    """Ask before deleting; without a terminal, --yes is the only way to say yes."""
    if yes:
        return True
    if not common.stdin_is_interactive():
        raise UserError(
            f"{doing} asks before deleting, and there is no terminal to ask on: add --yes"
        )
    from routewise.wizard.settings_prompts import confirm

    return confirm(question)  # wrapped at spaces, never mid-word


def _erase(reg: Register, references: list[str], kind: str, detail: dict[str, object]) -> None:
    """Delete the cases and everything kept with them, log that it happened, leave no
    trace of their text in the file or its -wal."""
    with reg.store.write(exclusive=True) as conn:
        for reference in references:
            reg.store.queries.delete_history(conn, reference=reference)
            reg.store.queries.delete_first_plan(conn, reference=reference)
            reg.store.queries.delete_case(conn, reference=reference)
        reg.store.queries.add_log(
            conn,
            kind=kind,
            recorded_at=clock.now(),
            recorded_by=reg.who,
            db_user=reg.store.db_user,
            detail=json.dumps({"cases": len(references), **detail}),
        )
    leftover = reg.store.after_delete()
    if leftover:
        warn(leftover)


@closing
def delete(config: Path | None, reference: str, yes: bool) -> None:
    from routewise.register.cases import read_case

    reg = need_register(config)
    case = read_case(reg.store, reference)
    count = len(case.entries)
    entries = f"{count} {'entry' if count == 1 else 'entries'}"
    question = (
        f"Delete case {shown(reference)} and its whole history ({entries})? It cannot be undone."
    )
    if not _confirm(question, yes, "case delete"):
        typer.echo("Nothing was deleted.")
        return
    _erase(reg, [reference], "delete", {})
    typer.echo(f"Deleted case {shown(reference)} and its whole history.")


@closing
def purge(config: Path | None, closed_before: str, yes: bool) -> None:
    day = option_date(closed_before, "--closed-before")
    reg = need_register(config)
    refused = reg.store.may_purge()
    if refused is not None:
        raise UserError(
            f"{refused}; nothing was deleted. Ask the register's administrator (see 'Sharing a "
            "register with your team' in README.md)"
        )
    with reg.store.read() as conn:
        rows = list(reg.store.queries.closed_before(conn, day=day.isoformat()))
    if not rows:
        typer.echo(f"No case was closed before {day.isoformat()}; nothing was deleted.")
        return
    typer.echo(f"Cases closed before {day.isoformat()}, to be deleted with their histories:")
    for row in rows:
        typer.echo(f"  {shown(row['reference'])}  {row['route']}  closed {row['closed']}")
    noun = "case" if len(rows) == 1 else "cases"
    if not _confirm(f"Delete these {len(rows)} {noun}? It cannot be undone.", yes, "case purge"):
        typer.echo("Nothing was deleted.")
        return
    _erase(reg, [r["reference"] for r in rows], "purge", {"closed_before": day.isoformat()})
    typer.echo(f"Deleted {len(rows)} {noun} closed before {day.isoformat()}.")


# --- refresh and settings ------------------------------------------------------------------


def refresh_summaries(reg: Register, everything: bool = False) -> int:
    """Work out again every stale summary (or all of them), in small transactions, each
    only on the version read: a case someone changed meanwhile was summarised by them."""
    from routewise.register.cases import read_case, summary_row
    from routewise.register.settings import flows_digest

    with reg.store.read() as conn:
        if everything:
            refs = [r["reference"] for r in reg.store.queries.references(conn)]
        else:
            refs = [
                r["reference"]
                for r in reg.store.queries.stale_references(conn, summary_key=reg.summary_key)
            ]
    done = 0
    for start in range(0, len(refs), 200):
        rows = []
        for reference in refs[start : start + 200]:
            case = read_case(reg.store, reference)
            summary = reg.planner.summary(reference, case.state, reg.today)
            rows.append(
                {
                    "reference": reference,
                    "version": case.version,
                    **summary_row(summary, reg.summary_key, case.row),
                }
            )
        with reg.store.write() as conn:
            for row in rows:
                done += reg.store.queries.refresh_summary(conn, **row)
    digest = flows_digest(reg.settings.folders())
    if digest != reg.settings.flows_digest:
        with reg.store.write() as conn:
            reg.store.queries.set_meta(conn, name="flows_digest", value=digest)
    return done


@closing
def refresh(config: Path | None) -> None:
    reg = need_register(config)
    count = refresh_summaries(reg)
    noun = "summary" if count == 1 else "summaries"
    typer.echo(f"Refreshed {count} {noun}; every case's summary is up to date.")


@closing
def settings(
    config: Path | None,
    *,
    region: str | None,
    closures: list[str] | None,
    no_closures: bool,
    warn_days: int | None,
    flows: list[Path] | None,
    built_in_flows: bool,
    from_config: bool,
) -> None:
    """Show the register's settings; with options, change them (a logged change, after
    which every summary is worked out again)."""
    from routewise.register.settings import RegisterSettings, flows_digest, settings_data

    reg = need_register(config)
    old = reg.settings
    new = RegisterSettings(**{**settings_data(old), "flows_digest": old.flows_digest})
    if from_config:
        from routewise.commands.case import config_settings

        in_use = config_settings(reg.config, config)
        new = RegisterSettings(**{**settings_data(in_use), "flows_digest": old.flows_digest})
    if region is not None:
        new.region = region
    if no_closures:
        new.closures = []
    if closures:
        from routewise.config.settings import parse_closure

        for text in closures:
            try:
                parse_closure(text)
            except ValueError as exc:
                raise UserError(f"--closure: {exc}") from None
        new.closures = [*new.closures, *(c for c in closures if c not in new.closures)]
    if warn_days is not None:
        new.warn_days = warn_days
    if built_in_flows:
        new.flows = []
    if flows:
        for folder in flows:
            if not folder.expanduser().is_dir():
                raise UserError(f"--flows: {shown(folder)} is not a folder")
        new.flows = [str(f.expanduser().absolute()) for f in flows]
    if settings_data(new) == settings_data(old):
        _show_settings(reg, old)
        return
    new.version = old.version + 1
    new.flows_digest = flows_digest(new.folders())
    with reg.store.write(exclusive=True) as conn:
        for name, value in new.as_meta().items():
            reg.store.queries.set_meta(conn, name=name, value=value)
        detail = {"from": settings_data(old), "to": settings_data(new)}
        reg.store.queries.add_log(
            conn,
            kind="settings",
            recorded_at=clock.now(),
            recorded_by=reg.who,
            db_user=reg.store.db_user,
            detail=json.dumps(detail),
        )
    changed = open_register(config)
    assert changed is not None
    count = refresh_summaries(changed, everything=True)
    say(f"Changed the register's settings; the dates of {count} cases were worked out again.")
    _show_settings(changed, new)


def _show_settings(reg: Register, current: RegisterSettings) -> None:
    from routewise.calendar.regions import REGION_NAMES

    typer.echo(f"Register: {reg.store.where}")
    typer.echo(f"  region: {current.region} ({REGION_NAMES[current.region]})")
    typer.echo(f"  closure days: {', '.join(current.closures) or 'none'}")
    typer.echo(f"  warn days: {current.warn_days} working days")
    folders = ", ".join(shown(f) for f in current.flows) or "none (the built-in routes only)"
    typer.echo(f"  flow folders: {folders}")
    with reg.store.read() as conn:
        log = list(reg.store.queries.log(conn))
    changes = [r for r in log if r["kind"] in ("created", "settings")]
    if changes:
        last = changes[-1]
        typer.echo(f"  last set: {last['recorded_at']} by {shown(last['recorded_by'])}")


# --- saving a triage as a case -----------------------------------------------------------


@closing
def save_case(
    config: Path | None,
    reference: str,
    plan: Plan,
    answers: dict[str, object],
    events: dict[str, date],
    contacts: dict[str, dict[str, str]],
    source: str,
) -> None:
    """Open case `reference` with the plan the triage just gave."""
    from routewise.register.entries import check_reference
    from routewise.register.opening import Opening, insert_case, prepare
    from routewise.register.settings import route_digest

    reference = check_reference(reference)
    reg = open_register(config, create=True)
    assert reg is not None and plan.route is not None and plan.raised is not None
    for what, day in [("the date raised", plan.raised), *events.items()]:
        if day > reg.today:
            raise UserError(
                f"{what}: {day.isoformat()} is in the future, so the plan was not saved as a "
                "case (a case records what has happened)"
            )
    opening = Opening(
        reference=reference,
        route=plan.route,
        raised=plan.raised,
        answers=answers,
        contacts=contacts,
        owner=reg.who,
        events=events,
        route_digest=route_digest(reg.settings.folders(), plan.route),
        source=source,
    )
    at = clock.now()
    new = prepare(opening, reg.planner, by=reg.who, at=at, today=reg.today, plan=plan)
    with reg.store.write(exclusive=True) as conn:
        insert_case(reg.store, conn, new, reg.planner, at=at, by=reg.who, today=reg.today)
    ref = shown(reference)
    say(f"Saved as case {ref} in the case register. Record what happens next with:", err=True)
    say(f"  routewise case record {ref} ID=DATE", err=True, indent=4)
    say(f"  routewise case done {ref} STEP", err=True, indent=4)
    say(f"and see it with: routewise case show {ref}", err=True, indent=2)


@closing
def ask_reference(config: Path | None) -> str | None:
    """The wizard's offer to save the plan as a case: the next free reference suggested,
    each reference typed checked as it is typed; None if the user says no."""
    from routewise.register.cases import references
    from routewise.register.entries import check_reference, next_reference
    from routewise.wizard.saving import offer_case

    reg = open_register(config)
    taken = set(references(reg.store)) if reg is not None else set()
    today = reg.today if reg is not None else clock.today()

    def problem(text: str) -> str | None:
        try:
            reference = check_reference(text)
        except UserError as exc:
            return str(exc)
        return f"case {reference} already exists: choose another" if reference in taken else None

    return offer_case(next_reference(sorted(taken), today), problem)
