"""fast_yaml builds exactly what PyYAML's safe loader builds, or declines (None).

Equality here is strict: the same types (True is not 1), the same key order and
the same nesting. Anything fast_yaml reads must read the same through PyYAML,
and anything PyYAML refuses fast_yaml must decline, so errors keep PyYAML's
messages and lines.
"""

from __future__ import annotations

import datetime
import math
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from flowgen import SHAPES, write_flows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routewise.base.errors import FileError
from routewise.flows import fast_yaml
from routewise.flows.loader import load_catalogue
from routewise.flows.locations import default_flows_dir

SHIPPED = sorted(default_flows_dir().glob("*.yaml"))


def pyyaml(text: str) -> Any:
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def same(a: Any, b: Any, seen: set[tuple[int, int]] | None = None) -> bool:
    """Strict equality; each pair of shared (aliased) collections is compared once."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict | list):
        seen = set() if seen is None else seen
        if (id(a), id(b)) in seen:
            return True
        seen.add((id(a), id(b)))
    if isinstance(a, dict):
        keys = [(type(k), k) for k in a] == [(type(k), k) for k in b]  # a key 1 is not True
        return keys and all(same(a[k], b[k], seen) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y, seen) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def agrees(text: str) -> Any:
    """fast_yaml's answer, checked against PyYAML's: equal, or None."""
    fast = fast_yaml.load(text)
    try:
        slow = pyyaml(text)
    except Exception:
        assert fast is None, f"PyYAML refuses this, fast_yaml read it: {text!r}"
        return None
    assert fast is None or same(fast, slow), f"{text!r}: {fast!r} != {slow!r}"
    return fast


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_flow_file_is_read_fast_and_identically(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert agrees(text) is not None


@pytest.mark.parametrize("shape", SHAPES)
def test_generated_flows_are_read_fast_and_identically(tmp_path: Path, shape: str) -> None:
    write_flows(tmp_path, shape, 60, default_flows_dir())
    for path in sorted(tmp_path.glob("*.yaml")):
        assert agrees(path.read_text(encoding="utf-8")) is not None, path.name


SUPPORTED = {
    "yaml 1.1 scalars": (
        "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: ~\ng: null\nh: 0x1f\ni: 0o17\nj: 017\n"
        "k: 1_000\nl: +5\nm: -3\nn: 1:30\no: 1.5\np: .inf\nq: -.Inf\nr: .nan\ns: 6.8e+5\n"
        "t: 2026-04-02\nu: 2026-04-02 10:00:00\nv: 2001-12-14t21:59:43.10-05:00\nw: y\nx: n\n"
    ),
    "keys resolve too": "yes: 1\n1: a\n2026-01-01: d\nnull: x\n",
    "same key after resolution, later wins": "yes: 1\nYes: 2\n",
    "quoted": "a: \"yes\"\nb: 'it''s # not a comment'\nc: \"\"\nd: ''\ne: \"a: b\"\n",
    "comments": "# top\na: b # c\nd: e#f\n  # indented comment\ng:\n  # inside\n  h: i\n",
    "trailing spaces": "a: b   \nc:   \n  d: e\n",
    "empty values": "a:\nb:\nc: 1\nd:\n",
    "nested": "a:\n  b:\n    - c\n    - d: e\n      f: [g, h]\n    -\n    - [x]\n",
    "flow": (
        "a: [1, two, 'three', \"four\", yes, ~]\nb: {x: 1, y: [2, 3], z: {w: v}}\n"
        "c: []\nd: {}\ne: [[a, b], c]\n"
    ),
    "anchors and aliases": (
        "a: &x\n  k: v\nb: *x\nc: &s scalar\nd: *s\ne: &l [1, 2]\nf: [*l, *s]\n"
        "g:\n  - &m\n    id: m\n  - *m\n"
    ),
    "merges, block and flow": (
        "base: &b\n  a: 1\n  b: 2\n"
        "one: {<<: *b, b: 3}\n"
        "two: {c: 4, <<: *b, a: 5}\n"
        "three:\n  b: 6\n  <<: *b\n  c: 7\n"
    ),
    "merge of a merged mapping": "a: &a\n  x: 1\nb: &b\n  <<: *a\n  y: 2\nc: {<<: *b, z: 3}\n",
    "folded and literal": (
        "a: >-\n  one\n  two\nb: >\n  one\n  two\n\nc: |-\n  one\n  two\nd: |\n  one\n"
        "e:\n  - >-\n    x\n    y\n"
    ),
    "sequence entries": "a:\n  - b\n  -   c: d\n      e: f\n  - *x\n".replace("*x", "'*x'"),
    "crlf": "a: b\r\nc:\r\n  - d\r\n",
    "unicode": "a: \u201cquoted\u201d \u2013 text\nb: caf\u00e9\n",
    "plain with indicators inside": "a: b:c\nb: x-y\nc: a,b\nd: http://x.org/a#b\ne: -x\nf: [-1, .5]\n",
}


@pytest.mark.parametrize("text", SUPPORTED.values(), ids=SUPPORTED.keys())
def test_supported_yaml_is_read_identically(text: str) -> None:
    assert agrees(text) is not None


DECLINED = {
    "tab": "a:\tb\n",
    "lone carriage return": "a: b\rc: d\n",
    "byte order mark": "\ufeffa: b\n",
    "next line character": "a: b\x85c: d\n",
    "line separator": "a: b\u2028c: d\n",
    "document marker": "---\na: b\n",
    "directive": "%YAML 1.1\n---\na: b\n",
    "tag": "a: !!str 1\n",
    "complex key": "? a\n: b\n",
    "indentless sequence": "a:\n- b\n- c\n",
    "multi-line plain": "a: one\n  two\n",
    "multi-line quoted": 'a: "one\n  two"\n',
    "multi-line flow": "a: [b,\n  c]\n",
    "escapes": 'a: "\\u00e9"\n',
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "duplicate key in flow": "a: {x: 1, x: 2}\n",
    "duplicate anchor": "a: &x 1\nb: &x 2\n",
    "undefined alias": "a: *nope\n",
    "impossible date": "a: 2026-02-30\n",
    "keep chomping": "a: >+\n  b\n",
    "blank line in a block scalar": "a: >-\n  b\n\n  c\n",
    "more indented folded line": "a: >\n  b\n    c\n",
    "empty document": "",
    "comments only": "# nothing\n",
    "root sequence": "- a\n- b\n",
    "root scalar": "just text\n",
    "indented root": "  a: b\n",
    "sequence after a key on one line": "a: - b\n",
    "trailing comma": "a: [b, c,]\n",
    "colon in plain": "a: b: c\n",
    "colon at the end": "a: b:\n",
    "two merges in one mapping": "a: &a {x: 1}\nb: &b {x: 2}\nc:\n  <<: *a\n  <<: *b\n",
    "merge of a mapping that overrides its own merge": (
        "a: &a\n  x: 1\nb: &b\n  <<: *a\n  x: 2\nc: {<<: *b}\n"
    ),
    "nested sequence entry": "a:\n  - - x\n",
    "merge of a sequence": "a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: [*a, *b]\n",
    "merge of a scalar": "a: &a 1\nb:\n  <<: *a\n",
    "alias with an anchor": "a: &a 1\nb: &b *a\n",
    "recursive alias": "a: &a\n  b: *a\n",
    "deep flow": "a: " + "[" * 100 + "]" * 100 + "\n",
    "odd indentation": "a:\n    b: 1\n  c: 2\n",
    "quoted key": '"a": b\n',
    "anchored key": "&a a: b\n",
    "value key": "=: b\n",
    "control character": "a: b\x07\n",
    "unclosed quote": "a: 'b\n",
    "text after a quote": "a: 'b' c\n",
    "text after an alias": "a: &x 1\nb: *x y\n",
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_anything_else_is_left_to_pyyaml(text: str) -> None:
    assert fast_yaml.load(text) is None
    agrees(text)


def test_aliases_share_one_object_as_pyyaml_does() -> None:
    data = agrees("a: &a [x, y]\nb: [*a, *a]\n")
    assert data is not None and data["b"][0] is data["a"] and data["b"][1] is data["a"]


@pytest.mark.parametrize("line", ["k: [a, b]", "k: {a: 1, b: c}", "- {a: 1, b: c}"])
def test_a_remembered_flow_collection_is_a_new_object_at_every_use(line: str) -> None:
    # Flow collections are remembered between files (the same `contacts: [x]` line in
    # every route) and copied at each use, as PyYAML builds a new one each time.
    text = f"{line}\n" if not line.startswith("-") else f"k:\n  {line}\n"
    first = [agrees(text) for _ in range(3)]
    try:
        again = [agrees(text) for _ in range(3)]
    finally:
        fast_yaml.forget()
    values = [data["k"] if line.startswith("k") else data["k"][0] for data in first + again]
    assert len({id(v) for v in values}) == len(values)
    values[0].clear()
    assert all(v for v in values[1:])


@pytest.mark.parametrize(
    "line", ["k: [a{}b", "k: {{a: b{}c", "k:\n  - [a{}b", "k:\n  - {{a: b{}c", "k: [a{}]"]
)
def test_a_long_run_of_spaces_in_a_flow_is_read_in_linear_time(line: str) -> None:
    # A plain flow value used to give its trailing spaces back one at a time to the ` *`
    # after it: 100,000 spaces took minutes (the suite's timeout guards it), now 1 ms.
    text = line.format(" " * 100_000) + "\n"
    assert (fast_yaml.load(text) is None) == (not line.endswith("]"))
    agrees(text)


def test_collections_nested_in_a_long_line_are_not_remembered_by_its_tail() -> None:
    # Remembered by the rest of their line, the 5,000 lists of a 40 kB line kept 100 MB of
    # copies of its tail between files (1 GB at 20,000), and copied it once per list.
    line = "[" + ", ".join(["[a, b]"] * 5_000) + "]"
    text = f"k: {line}\nj: {line}\n"
    try:
        first = agrees(text)
        assert first is not None and same(fast_yaml.load(text), first)
        assert max(map(len, fast_yaml._SCALARS[0].flat)) <= 1000  # not 40 kB tails
    finally:
        fast_yaml.forget()


def test_an_alias_bomb_is_declined_so_pyyaml_s_checked_path_reports_it() -> None:
    # Shared objects keep the reader small, but whatever validates the data later would
    # walk every use: 10**12 strings. The same growth rule as yaml_safe sends it there.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    assert fast_yaml.load("\n".join(lines) + "\n") is None


def test_a_file_fast_yaml_declines_loads_through_pyyaml(tmp_path: Path) -> None:
    flows = tmp_path / "flows"
    write_flows(flows, "routes", 10, default_flows_dir())
    route = flows / "generated-0.yaml"
    expected = load_catalogue(flows, cache=False).routes["generated-0"]
    text = route.read_text(encoding="utf-8").replace("start: q0", "start: !!str q0")
    route.write_text(text, encoding="utf-8")
    assert fast_yaml.load(text) is None
    assert load_catalogue(flows, cache=False).routes["generated-0"] == expected


def test_a_duplicate_key_is_reported_with_its_line(tmp_path: Path) -> None:
    flows = tmp_path / "flows"
    write_flows(flows, "routes", 10, default_flows_dir())
    route = flows / "generated-0.yaml"
    lines = route.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "title: Again")
    route.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FileError) as raised:
        load_catalogue(flows, cache=False)
    assert raised.value.line == 4
    assert "appears twice" in str(raised.value)


# --- properties -----------------------------------------------------------------

WORDS = ["yes", "No", "on", "off", "null", "~", "1", "0x1f", "1:30", "1.5", ".inf", "2026-04-02"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, width=32),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)),
    st.sampled_from(WORDS),
    st.text(
        alphabet=st.sampled_from(list("ab -:#'\"\\,[]{}&*!|>%@`?\u201c\u00e9\t\n")), max_size=12
    ),
)
keys = st.one_of(st.from_regex(r"[a-z][a-z0-9_-]{0,6}", fullmatch=True), st.sampled_from(WORDS))
documents = st.dictionaries(
    keys,
    st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
        max_leaves=12,
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=documents, flow=st.sampled_from([False, None]), width=st.sampled_from([20, 80, 4096]))
def test_dumped_documents_read_back_identically(data: Any, flow: bool | None, width: int) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, sort_keys=False, width=width)
    agrees(text)


MUTATIONS = [*" -:#'\"&*!|>{}[],?\t\n\r", "  ", ": ", " #", "- ", "<<: ", "&a ", "*a"]


@settings(max_examples=400, deadline=None)
@given(
    which=st.sampled_from(SHIPPED),
    seed=st.integers(0, 2**32 - 1),
    edits=st.integers(1, 3),
)
def test_damaged_flow_files_are_read_identically_or_declined(
    which: Path, seed: int, edits: int
) -> None:
    """Random edits where YAML is most sensitive: never a different answer from PyYAML's."""
    rng = random.Random(seed)
    text = which.read_text(encoding="utf-8")
    for _ in range(edits):
        at = rng.randrange(len(text))
        kind = rng.randrange(3)
        if kind == 0:
            text = text[:at] + rng.choice(MUTATIONS) + text[at:]
        elif kind == 1:
            text = text[:at] + text[at + rng.randrange(1, 4) :]
        else:
            text = text[:at] + rng.choice(MUTATIONS) + text[at + 1 :]
    agrees(text)


ITEM_LINES = [
    "- {{{k}: {v}, {k2}: {w}}}{tail}",
    "-  [{v}, {w}]{tail}",
    "- [{v}, *s, {w}]{tail}",
    "- {{<<: *m, {k}: {v}}}{tail}",
    "- {{{k}: [{v}], {k2}: {{{k}: {w}}}}}{tail}",
    "- {{}}{tail}",
    "- []{tail}",
    "- {k}: {v}{tail}\n  {k2}: [{w}, {v}]{tail}",
    "- {k}: {{{k2}: {w}}}{tail}\n  {k2}: {v}",
    "- {k}:{tail}\n    {k2}: {v}",
    "- {k}:{tail}\n  {k2}: {v}",
    "- {k}: |\n    {w}\n  {k2}: {v}",
    "- <<: *m\n  {k}: {v}{tail}",
    "- {k}: &{anchor} [{v}]\n  {k2}: *{anchor}",
    "- {k}: *m",
] * 4 + ["  {k}: {v}", "   - {k}: {v}", "-\t{k}: {v}", "- [{v}]: {w}", "- {{{k}: {v}}} {w}"]
ITEM_LINES += ["- {k}: [{v}] {w}", "- {k}: {{{k2}: {v}}}{w}"]  # and a few that PyYAML refuses
ITEM_KEYS = ["a", "id", "y", "on", "yes", "True", "1", "01", "null", "k-1"] * 4 + ["<<", "~"]
ITEM_VALUES = ["x", "yes", "1_000", ".nan", "2026-04-02", "'a, b'", '"c: d"', "-x", "'it''s'", "~"]
ITEM_VALUES = [*ITEM_VALUES, "caf\u00e9", "*s", "*m", "a b #c", "[x]", "{}"] * 4
ITEM_VALUES += ["2026-02-30", "*nope", "a: b", "&s x", "'"]


@settings(max_examples=300, deadline=None)
@given(
    items=st.lists(
        st.tuples(
            st.sampled_from(ITEM_LINES),
            st.sampled_from(ITEM_KEYS),
            st.sampled_from(ITEM_KEYS),
            st.sampled_from(ITEM_VALUES),
            st.sampled_from(ITEM_VALUES),
            st.sampled_from(["", " # c", "  "]),
        ),
        min_size=1,
        max_size=6,
    ),
    crlf=st.booleans(),
)
def test_written_list_and_flow_lines_read_identically_again_and_again(
    items: list[tuple[str, str, str, str, str, str]], crlf: bool
) -> None:
    """The shapes read inline (`- {..}`, `- key: value`, `key: [..]`), anchors, merges and
    comments around them; every text is read twice, its first answer changed in between, and
    the memo lives on across examples: a remembered line must read as it did."""
    lines = ["s: &s x", "m: &m {a: 1, y: 2}", "k:"]
    for index, (line, k, k2, v, w, tail) in enumerate(items):
        text = line.format(k=k, k2=k2, v=v, w=w, tail=tail, anchor=f"a{index}")
        lines.extend("  " + part for part in text.split("\n"))
    text = "\n".join(lines) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    first = agrees(text)
    if first is not None:  # what a caller may do with its copy: empty every collection
        stack: list[Any] = [first]
        while stack:
            item = stack.pop()
            values = item.values() if isinstance(item, dict) else item
            stack.extend(v for v in values if isinstance(v, dict | list) and v)
            item.clear()
    agrees(text)


def _expanded_naively(data: object) -> tuple[int, int]:
    """(written, expanded) by brute force: every use of a shared object walked again."""
    written, seen, stack = 0, set(), [data]
    while stack:
        item = stack.pop()
        written += 1
        if isinstance(item, dict | list) and id(item) not in seen:
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    expanded, stack = 0, [data]
    while stack:
        item = stack.pop()
        expanded += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return written, expanded


@pytest.mark.parametrize("fan", [2, 3, 5, 10])
@pytest.mark.parametrize("depth", [1, 2, 3, 4, 5])
def test_the_growth_counts_agree_with_walking_every_use(fan: int, depth: int) -> None:
    shared: object = ["x"] * fan
    for _ in range(depth):
        shared = {f"k{i}": shared for i in range(fan)}
    data = {"top": shared, "also": [shared, "y"]}
    assert (fast_yaml._written(data), fast_yaml._expanded_size(data, {})) == (
        _expanded_naively(data)
    )


def test_sizes_already_worked_out_are_reused_unchanged() -> None:
    """A later use of an anchor reads its size from `sizes`: the same as walking it again."""
    section = {"document": "d", "section": "s", "more": ["a", {"b": "c"}]}
    sizes: dict[int, int] = {}
    first = fast_yaml._expanded_size(section, sizes)
    assert first == _expanded_naively(section)[1]
    assert fast_yaml._expanded_size(section, sizes) == first
    holder = {"one": section, "two": section}
    assert fast_yaml._expanded_size(holder, sizes) == _expanded_naively(holder)[1]


def test_a_remembered_line_is_still_checked_where_it_lands() -> None:
    """The third `  a: 1` comes from the memo of lines: a repeated key, or a key among a
    list's entries, still leaves the file to PyYAML, which reports it."""
    seen = "x:\n  a: 1\ny:\n  a: 1\n"
    assert fast_yaml.load(seen + "z:\n  a: 1\n") == {"x": {"a": 1}, "y": {"a": 1}, "z": {"a": 1}}
    fast_yaml.forget()
    assert fast_yaml.load(seen + "z:\n  a: 1\n  a: 1\n") is None
    fast_yaml.forget()
    assert fast_yaml.load(seen + "z:\n  - b\n  a: 1\n") is None
    fast_yaml.forget()


def test_an_object_inside_itself_has_no_size() -> None:
    endless: list[object] = ["x"]
    endless.append({"again": endless})
    assert fast_yaml._expanded_size({"a": endless}, {}) is None


@pytest.mark.parametrize("uses", [10, 400, 2000])
@pytest.mark.parametrize("flow", [True, False])
def test_every_alias_use_counts_towards_the_growth_rule(uses: int, flow: bool) -> None:
    """Repeated lines (which the reader may reuse) and block aliases alike: the file is
    declined exactly when the rule says the aliases grow it too far."""
    from routewise.flows.yaml_safe import ALIAS_FLOOR, ALIAS_GROWTH

    line = "  - [*a, *a]\n" if flow else "  - *a\n"
    text = "a: &a [" + ", ".join(["x"] * 40) + "]\nb:\n" + line * uses
    written, expanded = _expanded_naively(yaml.safe_load(text))
    too_far = expanded > max(ALIAS_GROWTH * written, ALIAS_FLOOR)
    assert (fast_yaml.load(text) is None) == too_far
