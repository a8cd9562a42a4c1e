"""Offering to save the plan at the end of the wizard: where, under which name, never
overwriting without asking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import questionary

from routewise.base.files import FileExists, check_target
from routewise.base.safe_text import shown
from routewise.wizard.screen import wrapped


def save_folder(configured: str | None) -> Path:
    """Where plans are saved by default: the config's folder, else the user's documents."""
    if configured:
        return Path(configured).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_documents_dir()).resolve()


def validate_save_name(text: str) -> bool | str:
    name = text.strip()
    if not name:
        return "Enter a file name"
    if Path(name).expanduser().is_dir():
        return "That is a folder: enter a file name"
    return True


def offer_save(default_name: str) -> tuple[Path, bool] | None:
    """Ask whether and where to save the plan; (path, overwrite) or None.

    Ctrl-C or Ctrl-D at any of these prompts reach the CLI as a cancel (exit 130).
    """
    if not questionary.confirm("Save this plan to a file?", default=False).unsafe_ask():
        return None
    while True:
        name = str(
            questionary.text(
                wrapped("File to save to (markdown; a name ending .ics is a calendar)", 2, 0),
                default=default_name,
                validate=validate_save_name,
            ).unsafe_ask()
        ).strip()
        path = Path(name).expanduser()
        try:
            check_target(path)
        except FileExists:
            question = f"{shown(path)} already exists. Overwrite it?"
            if questionary.confirm(question, default=False).unsafe_ask():
                return path, True
            continue
        return path, False


def offer_case(suggested: str, problem: Callable[[str], str | None]) -> str | None:
    """Ask whether to save the plan as a case, and under which reference; None for no.
    `problem` says what is wrong with a reference (empty, taken…), or None."""
    question = "Save it as a case in the register, to record what happens next?"
    if not questionary.confirm(question, default=False).unsafe_ask():
        return None
    label = wrapped(
        "Reference for the case (a reference such as this one is safer than a person's "
        "name: the reference is shown wherever the case is)",
        2,
        0,
    )
    reference = questionary.text(
        label, default=suggested, validate=lambda text: problem(text) or True
    ).unsafe_ask()
    return str(reference).strip()
