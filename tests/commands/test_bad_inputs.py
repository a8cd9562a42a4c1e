"""The bad-input corpus (tests/bad/cases.toml), each case a real routewise process.

Every case gets its own folder; HOME and the XDG folders point into a sibling
folder whose files are compared before and after, with the shipped flows, so a
case that writes anywhere it should not fails.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from routewise.flows.locations import default_flows_dir
from tests.paths import TESTS

BAD = TESTS / "bad"
CASES: list[dict[str, Any]] = tomllib.loads((BAD / "cases.toml").read_text(encoding="utf-8"))[
    "case"
]
FORBIDDEN = re.compile(r"[\x07\x1b\x9b\x9d]")
"""BEL, ESC, CSI and OSC: any of them means a terminal control reached the output."""
LONG = re.compile(r"\{long:(\d+)\}")


def fill(text: str, folder: Path) -> str:
    text = LONG.sub(lambda m: "a" * int(m.group(1)), text)
    return text.replace("{dir}", str(folder)).replace("{xff}", os.fsdecode(b"\xff"))


def snapshot(*roots: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[str(path)] = "link" if path.is_symlink() else "dir"
    return found


def prepare(case: dict[str, Any], folder: Path) -> dict[str, str]:
    """Write the case's files; return the extra environment it needs."""
    env: dict[str, str] = {}
    flows_touched = any(
        name.startswith("flows/") for name in [*case.get("files", {}), *case.get("generate", {})]
    )
    if flows_touched or case.get("replace"):
        shutil.copytree(default_flows_dir(), folder / "flows")
        env["ROUTEWISE_FLOWS"] = str(folder / "flows")
    for name, text in case.get("files", {}).items():
        target = folder / fill(name, folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for name, text in case.get("latin1", {}).items():
        with (folder / name).open("ab") as handle:
            handle.write(text.encode("latin-1"))
    for name, (prefix, piece, times, suffix) in case.get("generate", {}).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(prefix + piece * times + suffix, encoding="utf-8")
    for name, old, new in case.get("replace", []):
        target = folder / "flows" / name
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{case['name']}: {old!r} is not in {name}; update the case"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    for link, points_to in case.get("symlinks", {}).items():
        (folder / link).symlink_to(points_to)
    env.update({key: fill(value, folder) for key, value in case.get("env", {}).items()})
    return env


def run_case(
    case: dict[str, Any], folder: Path, home: Path, extra: dict[str, str]
) -> tuple[int, bytes, bytes]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home.parent / "cache"),  # routewise's own cache may change
        "COLUMNS": "100",
        **extra,
    }
    for key in ("ROUTEWISE_CONFIG", "ROUTEWISE_REGION", "PYTHONIOENCODING"):
        if key not in case.get("env", {}):
            env.pop(key, None)
    args = [sys.executable, "-m", "routewise", *(fill(a, folder) for a in case["args"])]
    stdin = case.get("stdin")
    mode = case.get("stdout")
    if mode == "closed":  # `>&-`: the child starts with fd 1 closed
        result = subprocess.run(
            args,
            cwd=folder,
            env=env,
            input=stdin.encode() if stdin else None,
            stdin=None if stdin else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            pass_fds=(),
            preexec_fn=lambda: os.close(1),
            timeout=60,
        )
        return result.returncode, b"", result.stderr
    if mode == "broken":  # a pipe whose reader has already gone (`| head` that exited)
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            result = subprocess.run(
                args,
                cwd=folder,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=write_end,
                stderr=subprocess.PIPE,
                timeout=60,
            )
        finally:
            os.close(write_end)
        return result.returncode, b"", result.stderr
    result = subprocess.run(
        args,
        cwd=folder,
        env=env,
        input=stdin.encode() if stdin else None,
        stdin=None if stdin else subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
    )
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input(case: dict[str, Any], tmp_path: Path) -> None:
    folder, home = tmp_path / "case", tmp_path / "outside"
    folder.mkdir()
    (home / "config" / "routewise").mkdir(parents=True)
    (home / "sentinel.txt").write_text("must not change")
    extra = prepare(case, folder)
    before = snapshot(home, default_flows_dir(), BAD)
    inputs = snapshot(folder)

    code, stdout, stderr = run_case(case, folder, home, extra)

    text = stderr.decode("utf-8", "replace")
    lines = text.splitlines()
    assert code == case["exit"], f"exit {code}, stderr: {text[:2000]}"
    assert "Traceback" not in text
    assert not FORBIDDEN.search(text), f"terminal control on stderr: {text[:500]!r}"
    assert not FORBIDDEN.search(stdout.decode("utf-8", "replace")), "terminal control on stdout"
    assert len(lines) == case.get("stderr_lines", 1), f"stderr lines: {lines[:5]}"
    if code == 2:
        assert lines[0].startswith("routewise: error: "), lines[0][:300]
    if "stderr" in case:
        assert re.search(case["stderr"], lines[0]), lines[0][:500]
    assert snapshot(home, default_flows_dir(), BAD) == before, "a file outside the case changed"
    after = snapshot(folder)
    for path, digest in inputs.items():
        assert after.get(path) == digest, f"an input changed: {path}"
    for name in case.get("created", []):
        assert (folder / fill(name, folder)).is_file(), f"{name} was not written"
    for name in case.get("absent", []):
        assert not (folder / name).exists(), f"{name} should not exist"
    leftovers = [p.name for p in folder.rglob(".rw*")]
    assert not leftovers, f"temporary files left behind: {leftovers}"
