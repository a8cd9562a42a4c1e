"""`routewise case …`: the typer signatures of the case register's commands.

What each command does is in `routewise.commands.case` (reading), `case_write` (recording)
and `case_admin` (importing, deleting, settings), imported when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from routewise.base.errors import user_errors
from routewise.cli.case_options import (
    AsOfOption,
    CaseListFormat,
    CaseShowFormat,
    CaseStatus,
    ClosureOption,
    MineOption,
    NoteOption,
    ReasonOption,
    Reference,
    SettingsFlows,
    SettingsRegion,
    Step,
    WarnDaysOption,
    on_option,
)
from routewise.cli.options import ConfigOption, PlainOption, region_value

case_app = typer.Typer(
    help="The case register: each matter's plan, what is due, and what happened.",
    short_help="The case register: open matters, what is due, what happened.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def run(args: list[str]) -> None:
    """Run `routewise case ARGS…` (called by the `case` command of `app`).

    typer builds every parameter of every command of an app before it runs one (about 4 ms
    a command here), so a known command runs from an app of its own; help, and a command
    name that needs the closest ones suggested, use the whole group."""
    name = args[0] if args else None
    info = next((c for c in case_app.registered_commands if c.name == name), None)
    if info is None:
        code = case_app(args=list(args), prog_name="routewise case", standalone_mode=False)
    else:
        one = typer.Typer(add_completion=False, rich_markup_mode=None)
        one.registered_commands.append(info)
        code = one(args=list(args[1:]), prog_name=f"routewise case {name}", standalone_mode=False)
    if isinstance(code, int) and code != 0:
        raise typer.Exit(code)


@case_app.command("list")
def case_list(
    include_closed: Annotated[bool, typer.Option("--all", help="Closed cases too.")] = False,
    as_of: AsOfOption = None,
    route: Annotated[
        str | None, typer.Option("--route", metavar="ROUTE", help="Only this route's cases.")
    ] = None,
    status: Annotated[
        CaseStatus | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only cases with this status: red, amber, waiting, green, paused, closed "
            "or problem.",
        ),
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", metavar="NAME", help="Only this person's cases.")
    ] = None,
    mine: MineOption = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            metavar="N",
            min=0,
            help="The N most urgent (default 50 in the terminal, all otherwise; 0 for all).",
        ),
    ] = None,
    output_format: Annotated[
        CaseListFormat,
        typer.Option("--format", metavar="FORMAT", help="rich, json, csv or markdown."),
    ] = CaseListFormat.rich,
    plain: PlainOption = False,
    config: ConfigOption = None,
) -> None:
    """Every open case, most urgent first: reference, status, next step and its date."""
    with user_errors():
        from routewise.commands import case as command

        command.list_cases(
            config,
            include_closed=include_closed,
            as_of=as_of,
            route=route,
            status=status.value if status else None,
            owner=owner,
            mine=mine,
            limit=limit,
            output_format=output_format.value,
            plain=plain,
        )


@case_app.command("show")
def case_show(
    reference: Reference,
    as_of: AsOfOption = None,
    output_format: Annotated[
        CaseShowFormat,
        typer.Option("--format", metavar="FORMAT", help="rich, json, markdown or ics."),
    ] = CaseShowFormat.rich,
    output: Annotated[
        Path | None, typer.Option("--output", metavar="FILE", help="Write to this file.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --output if it exists.")
    ] = False,
    plain: PlainOption = False,
    config: ConfigOption = None,
) -> None:
    """One case: each step with its status and date, and the case's history."""
    with user_errors():
        from routewise.commands import case_show as command

        command.show(
            config,
            reference,
            as_of=as_of,
            output_format=output_format.value,
            output=output,
            force=force,
            plain=plain,
        )


@case_app.command("record")
def case_record(
    reference: Reference,
    event: Annotated[
        str,
        typer.Argument(metavar="ID=DATE", help="A later event's date, e.g. outcome=2026-11-20."),
    ],
    note: NoteOption = None,
    config: ConfigOption = None,
) -> None:
    """Record the date of a later event that a period counts from."""
    with user_errors():
        from routewise.commands import case_write as command

        command.record(config, reference, event, note)


@case_app.command("done")
def case_done(
    reference: Reference,
    step: Step,
    on: Annotated[str | None, on_option("it was done")] = None,
    note: NoteOption = None,
    config: ConfigOption = None,
) -> None:
    """Mark a step done (kept by the step's id, so a renumbering keeps it)."""
    with user_errors():
        from routewise.commands import case_write as command

        command.done(config, reference, step, on, note)


@case_app.command("note")
def case_note(
    reference: Reference,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    config: ConfigOption = None,
) -> None:
    """Add a note to the case's history."""
    with user_errors():
        from routewise.commands import case_write as command

        command.note(config, reference, text)


@case_app.command("answer")
def case_answer(
    reference: Reference,
    answers: Annotated[
        list[str],
        typer.Argument(metavar="ID=VALUE...", help="New answers, e.g. officer-post=director."),
    ],
    note: NoteOption = None,
    config: ConfigOption = None,
) -> None:
    """Change answers: the route is walked again, and the history shows what changed."""
    with user_errors():
        from routewise.commands import case_write as command

        command.answer(config, reference, answers, note)


@case_app.command("extend")
def case_extend(
    reference: Reference,
    step: Step,
    to: Annotated[str, typer.Option("--to", metavar="DATE", help="The agreed new date.")],
    reason: ReasonOption,
    config: ConfigOption = None,
) -> None:
    """Record an agreed new date for a step's deadline."""
    with user_errors():
        from routewise.commands import case_write as command

        command.extend(config, reference, step, to, reason)


@case_app.command("pause")
def case_pause(
    reference: Reference,
    reason: ReasonOption,
    on: Annotated[str | None, on_option("the clock stopped")] = None,
    config: ConfigOption = None,
) -> None:
    """Stop the clock: working days while paused do not count."""
    with user_errors():
        from routewise.commands import case_write as command

        command.pause(config, reference, reason, on)


@case_app.command("resume")
def case_resume(
    reference: Reference,
    on: Annotated[str | None, on_option("the clock restarted")] = None,
    note: NoteOption = None,
    config: ConfigOption = None,
) -> None:
    """Restart the clock: open deadlines move on by the working days paused."""
    with user_errors():
        from routewise.commands import case_write as command

        command.resume(config, reference, on, note)


@case_app.command("correct")
def case_correct(
    reference: Reference,
    entry: Annotated[
        int, typer.Argument(metavar="ENTRY", min=1, help="The history entry's number.")
    ],
    reason: ReasonOption,
    config: ConfigOption = None,
) -> None:
    """Mark a history entry as entered in error: it stays, struck through, without effect."""
    with user_errors():
        from routewise.commands import case_write as command

        command.correct(config, reference, entry, reason)


@case_app.command("assign")
def case_assign(
    reference: Reference,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Who owns the case now.")],
    config: ConfigOption = None,
) -> None:
    """Set the case's owner."""
    with user_errors():
        from routewise.commands import case_write as command

        command.assign(config, reference, name)


@case_app.command("close")
def case_close(
    reference: Reference,
    reason: ReasonOption,
    on: Annotated[str | None, on_option("it was closed")] = None,
    config: ConfigOption = None,
) -> None:
    """Close a case."""
    with user_errors():
        from routewise.commands import case_write as command

        command.close(config, reference, reason, on)


@case_app.command("reopen")
def case_reopen(
    reference: Reference,
    note: NoteOption = None,
    config: ConfigOption = None,
) -> None:
    """Open a closed case again."""
    with user_errors():
        from routewise.commands import case_write as command

        command.reopen(config, reference, note)


@case_app.command("import")
def case_import(
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="A YAML or JSON list of cases.", dir_okay=False),
    ],
    config: ConfigOption = None,
) -> None:
    """Bring in a list of cases: the whole file goes in, or nothing does."""
    with user_errors():
        from routewise.commands import case_import as command

        command.run(config, file)


@case_app.command("delete")
def case_delete(
    reference: Reference,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask first.")] = False,
    config: ConfigOption = None,
) -> None:
    """Delete a case and its whole history, for good."""
    with user_errors():
        from routewise.commands import case_admin as command

        command.delete(config, reference, yes)


@case_app.command("purge")
def case_purge(
    closed_before: Annotated[
        str,
        typer.Option(
            "--closed-before", metavar="DATE", help="Delete cases closed before this date."
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask first.")] = False,
    config: ConfigOption = None,
) -> None:
    """Apply a retention period: delete every case closed before a date."""
    with user_errors():
        from routewise.commands import case_admin as command

        command.purge(config, closed_before, yes)


@case_app.command("settings")
def case_settings(
    region: SettingsRegion = None,
    closure: ClosureOption = None,
    no_closures: Annotated[
        bool, typer.Option("--no-closures", help="Remove every closure day.")
    ] = False,
    warn_days: WarnDaysOption = None,
    flows: SettingsFlows = None,
    built_in_flows: Annotated[
        bool, typer.Option("--built-in-flows", help="Use the built-in routes only.")
    ] = False,
    from_config: Annotated[
        bool, typer.Option("--from-config", help="Take every setting from the config.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Show the settings every case in the register is dated with; options change them."""
    with user_errors():
        from routewise.commands import case_admin as command

        command.settings(
            config,
            region=region_value(region),
            closures=closure,
            no_closures=no_closures,
            warn_days=warn_days,
            flows=flows,
            built_in_flows=built_in_flows,
            from_config=from_config,
        )


@case_app.command("refresh")
def case_refresh(config: ConfigOption = None) -> None:
    """Work out again every summary made with older flow files or settings."""
    with user_errors():
        from routewise.commands import case_admin as command

        command.refresh(config)
