"""Offering to save the plan at the end of the wizard: where, under which name, never
overwriting without asking, and never losing the plan to a mistyped name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import questionary

from routewise.base.errors import UserError
from routewise.base.files import FileExists, check_target
from routewise.base.safe_text import shown
from routewise.wizard.asker import ask_line
from routewise.wizard.screen import wrapped

SAVE_PROMPT = "File to save to (markdown; a name ending .ics saves a calendar, .json the JSON plan)"


def save_folder(configured: str | None) -> Path:
    """Where plans are saved by default: the config's folder, else the user's documents."""
    if configured:
        return Path(configured).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_documents_dir()).resolve()


def save_name_problem(text: str, made_for_you: Path | None = None) -> str | None:
    """Why a typed name cannot be saved to, in words that say what to do; None if it can.

    `made_for_you` is the suggested folder, which routewise makes if it is missing; any
    other folder must exist already (a typing mistake must not make folders)."""
    name = text.strip()
    if not name:
        return "Type a file name, such as plan.md."
    path = Path(name).expanduser()
    if path.is_dir():
        example = shown(path / "plan.md")
        return f"{shown(path)} is a folder: type a file name inside it, such as {example}."
    folder = path.absolute().parent
    if folder != made_for_you and not folder.is_dir():
        if folder.exists():
            return f"{shown(folder)} is not a folder: type a name in another folder."
        return (
            f"The folder {shown(folder)} does not exist: create it first, or type a name in "
            "another folder."
        )
    return None


Writer = Callable[[Path, bool], str | None]
"""Writes the plan to a path (overwriting or not): None once saved, else why it failed."""


def offer_save(default_name: str, write: Writer, made_for_you: Path | None = None) -> bool:
    """Ask whether and where to save the plan, and save it; True once saved.

    A name that cannot be used, or a write that fails, is said under the question and the
    name is asked again, as typed, so the plan is never lost to a mistake. Ctrl-C or Ctrl-D
    at any of these prompts reach the CLI as a cancel (exit 130).
    """
    if not questionary.confirm("Save this plan to a file?", default=False).unsafe_ask():
        return False
    name, problem = default_name, ""
    while True:
        name = ask_line(
            SAVE_PROMPT,
            name,
            lambda text: save_name_problem(text, made_for_you),
            problem=problem,
            echo=False,
        )
        path = Path(name).expanduser().absolute()  # say exactly where it went
        overwrite = False
        try:
            check_target(path)
        except FileExists:
            question = wrapped(f"{shown(path)} already exists. Overwrite it?", 2, 0)
            if not questionary.confirm(question, default=False).unsafe_ask():
                problem = ""
                continue
            overwrite = True
        except UserError as exc:
            problem = str(exc)
            continue
        failed = write(path, overwrite)
        if failed is None:
            return True
        problem = f"{failed} Type another name, or fix that and press Enter."


def offer_case(suggested: str, problem: Callable[[str], str | None]) -> str | None:
    """Ask whether to save the plan as a case, and under which reference; None for no.
    `problem` says what is wrong with a reference (empty, taken…), or None: it is said
    under the question and the reference asked again, as typed."""
    question = "Save it as a case in the register, to record what happens next?"
    if not questionary.confirm(question, default=False).unsafe_ask():
        return None
    return ask_line(
        "Reference for the case",
        suggested,
        problem,
        hint="a reference such as this one is safer than a person's name: it is shown "
        "wherever the case is",
    )
