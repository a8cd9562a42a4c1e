"""`routewise case record|done|note|answer|extend|pause|resume|correct|assign|close|reopen`.

Each appends one entry to a case's history in one short transaction (see
`register.cases.append`), then says what was recorded and where the case now stands.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from routewise.base.errors import UserError
from routewise.base.safe_text import quoted, shown
from routewise.calendar.dates import option_date
from routewise.commands.case import Register, closing, need_register, say
from routewise.register import clock

if TYPE_CHECKING:
    from routewise.register.cases import Case, NewEntry, Written


def _write(config: Path | None, reference: str, make: Callable[[Register, Case], NewEntry]) -> None:
    from routewise.register.cases import append

    reg = need_register(config)
    written = append(
        reg.store,
        reg.planner,
        reference,
        lambda case: make(reg, case),
        at=clock.now,
        by=reg.who,
        today=reg.today,
    )
    said(reg, written)


def said(reg: Register, written: Written) -> None:
    """What was recorded, and the case's status now."""
    from routewise.register.status import case_status, status_label
    from routewise.register.timing import warn_until
    from routewise.register.wording import entry_text

    route = reg.planner.catalogue.routes.get(written.case.state.route)
    events = {e.id: e.text for e in route.events} if route else {}
    reference = shown(written.case.reference)
    text = entry_text(written.entry, events)
    say(f"Recorded on case {reference} (entry {written.entry.entry}): {text}")
    until = warn_until(reg.today, reg.settings.warn_days, reg.settings.calendar())
    status = case_status(written.summary, reg.today, until)
    say(f"Now: {status_label(status)}: {status.text}.", indent=5)
    say(f"See it with: routewise case show {reference}")


def _on(text: str | None, today: date, option: str = "--on") -> date:
    return option_date(text, option) if text is not None else today


@closing
def record(config: Path | None, reference: str, given: str, note: str | None) -> None:
    from routewise.register.entries import record_event

    key, sep, value = given.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise UserError(
            f"{quoted(given)}: expected ID=DATE, for example outcome=2026-11-20 "
            "(the same ids as triage's --event)"
        )
    day = option_date(value.strip(), key.strip())
    _write(
        config,
        reference,
        lambda reg, case: record_event(reg.planner, case, key.strip(), day, note, reg.today),
    )


@closing
def done(config: Path | None, reference: str, step: str, on: str | None, note: str | None) -> None:
    from routewise.register.entries import mark_done

    def make(reg: Register, case: Case) -> NewEntry:
        return mark_done(reg.planner, case, step, _on(on, reg.today), note, reg.today)

    _write(config, reference, make)


@closing
def note(config: Path | None, reference: str, text: str) -> None:
    """A note changes nothing the plan is made from: appended without the plan worked out
    (`cases.append_note`), then said as any entry is."""
    from routewise.register.cases import Written, append_note, read_case
    from routewise.register.entries import add_note

    reg = need_register(config)
    entry = append_note(
        reg.store, reference, add_note(None, text, reg.today), at=clock.now(), by=reg.who
    )
    case = read_case(reg.store, reference)
    summary = reg.planner.summary(reference, case.state, reg.today)
    said(reg, Written(entry=entry, case=case, summary=summary))


@closing
def answer(config: Path | None, reference: str, given: list[str], note: str | None) -> None:
    from routewise.register.entries import change_answers

    answers: dict[str, str] = {}
    for text in given:
        key, sep, value = text.partition("=")
        if not sep or not key.strip():
            raise UserError(f"{quoted(text)}: expected ID=VALUE, for example officer-post=director")
        if key.strip() in answers:
            raise UserError(f"{quoted(key.strip())} is given twice; give each question one answer")
        answers[key.strip()] = value.strip()
    _write(
        config,
        reference,
        lambda reg, case: change_answers(reg.planner, case, answers, note, reg.today),
    )


@closing
def extend(config: Path | None, reference: str, step: str, to: str, reason: str) -> None:
    from routewise.register.entries import extend as make_extension

    day = option_date(to, "--to")
    _write(
        config,
        reference,
        lambda reg, case: make_extension(reg.planner, case, step, day, reason, reg.today),
    )


@closing
def pause(config: Path | None, reference: str, reason: str, on: str | None) -> None:
    from routewise.register.entries import pause as make_pause

    _write(
        config, reference, lambda reg, case: make_pause(case, _on(on, reg.today), reason, reg.today)
    )


@closing
def resume(config: Path | None, reference: str, on: str | None, note: str | None) -> None:
    from routewise.register.entries import resume as make_resume

    _write(
        config, reference, lambda reg, case: make_resume(case, _on(on, reg.today), note, reg.today)
    )


@closing
def correct(config: Path | None, reference: str, entry: int, reason: str) -> None:
    from routewise.register.entries import correct as make_correction

    _write(config, reference, lambda reg, case: make_correction(case, entry, reason, reg.today))


@closing
def assign(config: Path | None, reference: str, name: str) -> None:
    from routewise.register.entries import assign as make_assignment

    _write(config, reference, lambda reg, case: make_assignment(case, name, reg.today))


@closing
def close(config: Path | None, reference: str, reason: str, on: str | None) -> None:
    from routewise.register.entries import close as make_close

    _write(
        config, reference, lambda reg, case: make_close(case, _on(on, reg.today), reason, reg.today)
    )


@closing
def reopen(config: Path | None, reference: str, note: str | None) -> None:
    from routewise.register.entries import reopen as make_reopen

    _write(config, reference, lambda reg, case: make_reopen(case, note, reg.today))
