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
