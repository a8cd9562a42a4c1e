"""User text is data, and files are written safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from routewise.base.errors import WriteError
from routewise.base.files import FileExists, write_private
from routewise.base.safe_text import markdown, visible


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("*bold* _it_ `code` <b>", "\\*bold\\* \\_it\\_ \\`code\\` \\<b\\>"),
        ("a | b", "a \\| b"),
        ("two\nlines", "two lines"),
        ("Plain (text), kept readable.", "Plain (text), kept readable."),
    ],
)
def test_markdown_escaping(text: str, expected: str) -> None:
    assert markdown(text) == expected


def test_escape_codes_become_visible() -> None:
    assert visible("a\x1b[2Jb\x07") == "a\\x1b[2Jb\\x07"


def test_write_private_is_owner_only_and_refuses_to_clobber(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    write_private(target, "first")
    assert target.read_text() == "first"
    assert target.stat().st_mode & 0o777 == 0o600
    with pytest.raises(FileExists):
        write_private(target, "second")
    assert target.read_text() == "first"
    write_private(target, "third", force=True)
    assert target.read_text() == "third"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_write_private_leaves_nothing_when_the_folder_is_missing(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="No such file or directory; nothing was written"):
        write_private(tmp_path / "missing" / "plan.md", "x")
    assert list(tmp_path.iterdir()) == []


RLO = "\u202e"


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202c", "\u202d", RLO, "\u2066", "\u2069", "\u200e", "\u061c"]
)
def test_bidirectional_controls_are_shown_as_escapes_in_output(char: str) -> None:
    """`p@evil\u202egpj.exe` shows as `...exe.jpg` when the control reaches a screen."""
    shown = visible(f"p@evil{char}gpj.exe")
    assert char not in shown and f"\\u{ord(char):04x}" in shown
    assert char not in markdown(f"p@evil{char}gpj.exe")


def test_bidirectional_controls_are_refused_in_names_and_emails() -> None:
    from pydantic import ValidationError

    from routewise.base.safe_text import bidi_problem
    from routewise.model.person import Person, email_problem

    assert bidi_problem("Zoë O'Brien") is None
    assert "\\u202e" in (bidi_problem(f"p@evil{RLO}gpj.exe") or "")
    assert "\\u202e" in (email_problem(f"p@evil{RLO}gpj.exe") or "")
    for details in ({"email": f"p@evil{RLO}gpj.exe"}, {"name": f"Sam{RLO} Lee"}):
        with pytest.raises(ValidationError, match="hidden character"):
            Person.model_validate(details)
