"""One escaping function for input in errors, one error type, one handler."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from routewise.base.errors import (
    AnswerError,
    CalendarError,
    FileError,
    FileExists,
    UserError,
    WriteError,
    user_errors,
)
from routewise.base.safe_text import error_line, quoted, shown
from routewise.cli import app as cli
from routewise.cli import options, process


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain id", "plain id"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x1b]8;;http://x\x07link", "\\x1b]8;;http://x\\x07link"),
        ("two\nlines\r", "two\\x0alines\\x0d"),
        ("\x9b31m", "\\x9b31m"),  # C1 CSI
        ("\u202eevil", "\\u202eevil"),  # bidi override
        ("\u2028", "\\u2028"),  # line separator
        ("caf\udcff", "caf\\udcff"),  # an undecodable byte from the command line
        ("caf\u00e9 \u2018quoted\u2019", "caf\u00e9 \u2018quoted\u2019"),
    ],
)
def test_shown_makes_every_control_visible(text: str, expected: str) -> None:
    assert shown(text) == expected


def test_shown_caps_long_input_and_says_how_much() -> None:
    assert shown("a" * 1_000_000) == "a" * 200 + "… (999800 more characters)"
    assert quoted("x" * 300, 10) == "'xxxxxxxxxx… (290 more characters)'"


def test_error_line_is_one_capped_line() -> None:
    line = error_line("a\nb" + "c" * 10_000)
    assert "\n" not in line and len(line) < 2100


def test_every_user_error_is_one_safe_line() -> None:
    errors: list[UserError] = [
        FileError(Path("a\x1b.yaml"), 3, "answers.\x1b[2J", "unknown\nfield"),
        AnswerError("\x1b]0;x\x07", "problem", ["yes", "no"]),
        CalendarError("date\x1b"),
        FileExists(Path("plan\x1b.md")),
        WriteError(Path("p\x1b"), "No space left on device"),
    ]
    for error in errors:
        text = str(error)
        assert "\x1b" not in text and "\x07" not in text and "\n" not in text, text
        assert error.exit_code == 2
    assert str(errors[0]) == "a\\x1b.yaml:3: answers.\\x1b[2J: unknown\\x0afield"
    assert str(errors[1]) == "answer for '\\x1b]0;x\\x07': problem. Valid answers: yes, no"


def test_engine_and_calendar_raise_the_shared_types() -> None:
    from routewise.calendar import working_days as calendar
    from routewise.engine import paths
    from routewise.flows import loader

    assert paths.AnswerError is AnswerError
    assert calendar.CalendarError is CalendarError
    assert loader.FileError is FileError
    assert issubclass(AnswerError, ValueError) and issubclass(CalendarError, ValueError)


@pytest.mark.parametrize(
    ("raised", "code", "stderr"),
    [
        (UserError("bad"), 2, "routewise: error: bad\n"),
        (KeyboardInterrupt(), 130, "\nCancelled; nothing was saved.\n"),
        (EOFError(), 130, "\nCancelled; nothing was saved.\n"),
        (PermissionError(13, "Permission denied", "/x\x1b"), 2, None),
    ],
)
def test_user_errors_maps_each_kind(
    raised: BaseException, code: int, stderr: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(typer.Exit) as exit_info, user_errors():
        raise raised
    assert exit_info.value.exit_code == code
    err = capsys.readouterr().err
    if stderr is not None:
        assert err == stderr
    else:
        assert err == "routewise: error: /x\\x1b: Permission denied\n"


def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert process.run(cli.app, ["explain"]) == 2
    err = capsys.readouterr().err
    assert err == ("routewise: error: Missing argument 'ROUTE'. (see `routewise explain --help`)\n")


def test_no_arguments_prints_help_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert process.run(cli.app, []) == 0
    out = capsys.readouterr()
    assert out.out.startswith("Usage: routewise") and out.err == ""


def test_region_choices_are_the_calendars_regions() -> None:
    from routewise.calendar.regions import REGIONS

    assert [r.value for r in options.Region] == list(REGIONS)  # type: ignore[attr-defined]
