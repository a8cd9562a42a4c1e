"""docs/authoring.md cannot go stale: every command in it is run and its output compared.

A ```console block holds commands (`$ routewise ...`, optionally `> FILE`, optionally after
`NAME=VALUE` settings such as `ROUTEWISE_TODAY=2026-03-02`) each followed
by the output it prints (stdout and stderr together, trailing spaces dropped, and
`(exit code N)` when it is not 0). Commands run in a scratch folder holding a copy of
examples/, with no user config and a fixed terminal width.
Run with ROUTEWISE_UPDATE_GUIDE=1 to rewrite the outputs in the guide.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT

GUIDE = ROOT / "docs" / "authoring.md"
EXAMPLES = ROOT / "examples"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
UPDATE = os.environ.get("ROUTEWISE_UPDATE_GUIDE") == "1"


def commands(block: str) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
    return out


def run(command: str, cwd: Path) -> list[str]:
    words = shlex.split(command)
    target = None
    if ">" in words:
        target = cwd / words[words.index(">") + 1]
        words = words[: words.index(">")]
    given: dict[str, str] = {}  # `ROUTEWISE_TODAY=2026-03-02 routewise …`: the day it runs on
    while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
        name, value = words.pop(0).split("=", 1)
        given[name] = value
    assert words[0] == "routewise", command
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROUTEWISE_")}
    env.update(given)
    env.update(
        NO_COLOR="1",
        COLUMNS="100",
        TERM="dumb",
        XDG_CONFIG_HOME=str(cwd / ".config"),
        XDG_CACHE_HOME=str(cwd / ".cache"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "routewise", *words[1:]],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if target is None else subprocess.PIPE,
        text=True,
        timeout=60,
    )
    if target is not None:
        target.write_text(done.stdout, encoding="utf-8")
        lines = done.stderr.splitlines()
    else:
        lines = done.stdout.splitlines()
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    if done.returncode:
        lines.append(f"(exit code {done.returncode})")
    return lines


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    return tmp_path


def test_every_command_in_the_guide_prints_what_the_guide_shows(scratch: Path) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert len(blocks) >= 6, "the guide shows its commands in ```console blocks"
    new_text, seen = text, 0
    for block in blocks:
        rebuilt: list[str] = []
        for command, expected in commands(block):
            seen += 1
            actual = run(command, scratch)
            if not UPDATE:
                assert actual == [line.rstrip() for line in expected], command
            rebuilt += [f"$ {command}", *actual]
        new_text = new_text.replace(
            f"```console\n{block}```", "```console\n" + "\n".join(rebuilt) + "\n```", 1
        )
    assert seen >= 8
    if UPDATE:
        GUIDE.write_text(new_text, encoding="utf-8")


def test_the_guide_shows_the_chart_it_draws(scratch: Path) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    chart = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    drawn = run(
        "routewise explain quiet-word-first --flows examples/flows --format mermaid", scratch
    )
    assert chart.splitlines() == drawn


def test_the_mistakes_folder_is_the_example_with_three_mistakes() -> None:
    good = (EXAMPLES / "flows" / "quiet-word-first.yaml").read_text().splitlines()
    bad = (EXAMPLES / "mistakes" / "quiet-word-first.yaml").read_text().splitlines()
    changed = [(a, b) for a, b in zip(good, bad, strict=True) if a != b]
    assert len(changed) == 4  # the schema header, and the three mistakes
    for name in ("documents.yaml", "roles.yaml", "protocol.md"):
        assert (EXAMPLES / "flows" / name).read_text() == (EXAMPLES / "mistakes" / name).read_text()


def test_the_shipped_schema_is_the_one_routewise_prints(scratch: Path) -> None:
    shipped = (EXAMPLES / "flows" / "route.schema.json").read_text(encoding="utf-8")
    assert run("routewise flows schema", scratch) == shipped.rstrip("\n").splitlines()
    first = (EXAMPLES / "flows" / "quiet-word-first.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=route.schema.json"
    assert first in GUIDE.read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    """The text under a heading, up to the next heading of any level."""
    return re.split(r"\n#{2,4} ", text.split(heading, 1)[1], maxsplit=1)[0]


def test_the_guide_names_the_advice_step_where_a_test_case_needs_it() -> None:
    """Issue 18b, item 5: a council writing `flows test`'s `next:` needs the advice step's id,
    where the general advice is described and where the tests are."""
    guide = GUIDE.read_text(encoding="utf-8")
    for heading in ("### Whom to ask when the document does not cover a case", "## 11. Test"):
        assert "`general-advice`" in _section(guide, heading), heading
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`next: general-advice`" in readme


def test_the_guide_s_citations_are_the_ones_plans_show() -> None:
    """Issue 18b, item 9: each `source:` in the guide's citation tables, cited as a plan
    cites it, with the example folder's documents."""
    import yaml

    from routewise.flows.folders import load_flows
    from routewise.model.citation import cite
    from routewise.model.documents import Source

    section = _section(
        GUIDE.read_text(encoding="utf-8"), "### Citing a clause: `section` and `paragraph`"
    )
    rows = re.findall(r"^\| `(\{.*\})` \| (.*) \|$", section, re.M)
    assert len(rows) == 6
    documents = load_flows([EXAMPLES / "flows"]).catalogue
    for written, shown in rows:
        source = Source.model_validate(yaml.safe_load(written))
        doc = documents.document(source.document)
        cited = cite(doc.name, source.section, doc.section_style, source.paragraph)
        assert cited.replace("\u00a0", " ") == shown


def test_the_guide_says_how_a_when_with_two_questions_reads() -> None:
    """Issue 18b, item 10: where `when` is documented, for steps and for stand-ins: every
    question in it must match, and the choices of one question are alternatives."""
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    steps = guide.split("A step that applies only to some answers says which with")[1][:600]
    assert "alternatives" in steps and "Two questions in one `when` must both match" in steps
    stand_ins = _section(guide, "### Who stands in, and where (stand-ins)")
    assert "the choices listed for one question are alternatives" in stand_ins
    assert "every question in it must match" in stand_ins
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "two or more questions in one `when` must all match" in readme
