"""Writing --output files: never replacing a device, a FIFO, a link or a folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from routewise.base.errors import FileExists, WriteError
from routewise.base.files import check_target, write_private

TRIAGE = [
    sys.executable,
    "-m",
    "routewise",
    "triage",
    "--route",
    "member-information-request",
    "--answer",
    "can-provide=yes",
    "--raised",
    "2026-12-21",
    "--format",
    "markdown",
]


def test_dev_full_is_written_into_and_stays_a_device() -> None:
    with pytest.raises(WriteError, match="/dev/full: No space left on device"):
        write_private(Path("/dev/full"), "plan", force=True)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dev_null_is_written_into_without_force() -> None:
    target = write_private(Path("/dev/null"), "plan")
    assert target.stream and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dev_stdout_stays_a_link_and_gets_the_plan(tmp_path: Path) -> None:
    result = subprocess.run(
        [*TRIAGE, "--output", "/dev/stdout", "--force"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Action plan")
    assert os.path.islink("/dev/stdout")


def test_fifo_with_a_reader_receives_the_plan(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        for _ in range(100):  # wait until the reader has the FIFO open
            try:
                write_private(fifo, "the plan\n", force=True)
                break
            except WriteError as exc:
                assert "no program is reading" in str(exc)
                threading.Event().wait(0.02)
    finally:
        reader.join(timeout=2)
        if reader.is_alive():  # never written to: open it once so the reader is released
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            reader.join(timeout=5)
    assert received == [b"the plan\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_fifo_without_a_reader_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.fifo"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="no program is reading from this pipe"):
        write_private(fifo, "plan", force=True)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_link_to_a_regular_file_writes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("earlier")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(FileExists):
        write_private(link, "new")
    assert real.read_text() == "earlier"
    target = write_private(link, "new", force=True)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert target.path == real and "link.md links to" in target.described


def test_link_through_the_cli_says_which_file_was_written(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("earlier")
    (tmp_path / "link.md").symlink_to(real)
    result = subprocess.run(
        [*TRIAGE, "--output", str(tmp_path / "link.md"), "--force"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == (
        f"Saved the plan to {real} (the file {tmp_path / 'link.md'} links to)"
    )
    assert (tmp_path / "link.md").is_symlink()
    assert real.read_text().startswith("# Action plan")


def test_folder_is_refused_naming_the_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteError) as err:
        write_private(tmp_path, "plan", force=True)
    assert (
        str(err.value)
        == f"{tmp_path}: is a folder; give a file name inside it; nothing was written."
    )


def test_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(WriteError, match="not a regular file"):
            check_target(path, force=True)


def test_a_253_byte_name_is_written(tmp_path: Path) -> None:
    name = "a" * 250 + ".md"
    write_private(tmp_path / name, "plan")
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_text_that_is_not_utf8_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="not valid UTF-8"):
        write_private(tmp_path / "p.md", "caf\udcff")
    assert list(tmp_path.iterdir()) == []


def test_the_module_loads_where_there_is_no_fcntl() -> None:
    """Windows has no fcntl: saving a plan must not depend on importing it."""
    import subprocess
    import sys

    code = "import sys; sys.modules['fcntl'] = None; import routewise.base.files; print('ok')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_one_reader_says_why_a_file_cannot_be_read(tmp_path: Path) -> None:
    from routewise.base.errors import FileError
    from routewise.base.files import read_text

    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"id: x\ntitle: caf\xe9\n")
    cases = [
        (tmp_path / "missing.yaml", None, "file not found"),
        (tmp_path, None, "is a folder, not a flow file"),
        (latin, 2, "not UTF-8 text; save the file as UTF-8"),
    ]
    for path, line, problem in cases:
        with pytest.raises(FileError) as err:
            read_text(path, "flow file")
        assert (err.value.line, err.value.problem) == (line, problem)


def test_a_flow_file_that_is_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    from routewise.flows.problems import read_flow_file
    from routewise.model.route import Route

    path = tmp_path / "bad.yaml"
    path.write_bytes(b"id: bad\ntitle: caf\xe9\n")
    problems = read_flow_file(path, Route).problems
    assert [(p.line, p.message) for p in problems] == [
        (2, "not UTF-8 text; save the file as UTF-8")
    ]


def test_line_breaks_are_read_as_newlines_whatever_the_editor_wrote(tmp_path: Path) -> None:
    """Windows editors save CRLF, old Mac ones CR: the reader sees "\\n" for both, as
    Path.read_text does, so line numbers and values do not depend on the editor."""
    from routewise.base.files import read_text

    path = tmp_path / "flow.yaml"
    path.write_bytes(b"id: a\r\ntitle: b\rsummary: c\n")
    assert read_text(path, "flow file") == "id: a\ntitle: b\nsummary: c\n"


def test_a_file_larger_than_one_read_is_read_whole(tmp_path: Path) -> None:
    from routewise.base.files import read_text

    text = "x: " + "é" * 700_000 + "\n"  # 1.4 MB: more than one 1 MiB read
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_text(path, "flow file") == text


def test_not_utf8_beyond_the_first_chunk_gives_its_own_line(tmp_path: Path) -> None:
    from routewise.base.errors import FileError
    from routewise.base.files import read_text

    path = tmp_path / "late.yaml"
    path.write_bytes(b"a: b\n" * 5000 + b"title: caf\xe9\n")
    with pytest.raises(FileError) as err:
        read_text(path, "flow file")
    assert err.value.line == 5001
