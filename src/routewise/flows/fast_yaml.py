"""A fast reader for the plain YAML that flow files are written in, or None.

PyYAML builds a Python object for every event and node of a file, even with
libyaml: for a 10,000-node flow that is most of the load time. Flow files use a
small part of YAML (block mappings and sequences, one-line flow collections,
plain and one-line quoted scalars, folded and literal text, anchors, aliases and
`<<` merges), and for that part a line-by-line reader in Python is several
times faster.

`load(text)` returns exactly what `yaml.load(text, Loader=CSafeLoader)` returns
(the same YAML 1.1 types, resolved by PyYAML's own resolver and constructors,
the same key order, and one shared object per anchor), or `None` whenever the
text uses anything outside that part, is not valid YAML, or has a duplicate
key. On `None` the caller parses with PyYAML as before, which also reports
every error with its line. It never raises.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["load"]

MAX_FLOW_DEPTH = 64
"""Deeper `[`/`{` nesting on one line is left to PyYAML (and its own limits)."""


class _Unsupported(Exception):
    """Outside the supported part of YAML, or not valid YAML: let PyYAML decide."""


# Characters that PyYAML reads in a way this reader does not model (tabs, other line
# breaks, a byte-order mark) or refuses. Document markers and directives start at
# column 0, where only a `key:` is accepted, so they are refused there.
_UNSUPPORTED_CHAR = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_-]*|<<):(?: +|$)")
_ANCHOR = re.compile(r"[&*]([0-9A-Za-z_-]+)(?= |$)")
_FLOW_ANCHOR = re.compile(r"[&*]([0-9A-Za-z_-]+)")
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_FLOW_PLAIN = re.compile(r"[^\s,\[\]{}:#'\"&*!|>%@`?-][^,\[\]{}:#]*|-[^\s,\[\]{}:#][^,\[\]{}:#]*")
_VALUE = (
    r"(?:\"([^\"\\\\]*)\"|'((?:[^']|'')*)'|\*([0-9A-Za-z_-]+)"
    r"|([^\s,\[\]{}:#'\"&*!|>%@`?-][^,\[\]{}:#]*+|-[^\s,\[\]{}:#][^,\[\]{}:#]*+))"
)
_FLAT_ENTRY = re.compile(r" *([A-Za-z0-9_][A-Za-z0-9_-]*|<<): +" + _VALUE + r" *([,}])")
_FLAT_ITEM = re.compile(r" *" + _VALUE + r" *([,\]])")
"""One entry of a flow mapping or sequence without nesting or anchors, and what follows it.
A plain value never gives back its trailing spaces (`*+`): the ` *` after it would try
each split of a long run of them in turn, quadratic time on a line that is not closed."""
_BLOCK_HEADER = re.compile(r"([>|])(-?)(?: +#.*)? *$")
_PLAIN_START_BAD = frozenset("-?:,[]{}#&*!|>'\"%@`")

_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"


ONCE_BITS = 1 << 21
ONCE_MASK = ONCE_BITS - 1
MEMO_LIMIT = 100_000
"""Memoised scalars and lines kept between files; beyond this the memo starts again."""
MEMO_FLOW_CHARS = 256
"""Flow collections are remembered by the rest of their line, so only where that is short:
every collection nested in a long line would otherwise copy (and keep) the line's tail."""


class _Scalars:
    """Plain scalars resolved and built as PyYAML's safe loader does, memoised per text.

    Only immutable values are memoised (str, int, float, bool, None, dates), so
    sharing one between places, or between files, is invisible.
    """

    def __init__(self) -> None:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        self._resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = (
            loader.yaml_implicit_resolvers
        )
        self._constructors: dict[Any, Callable[..., Any]] = loader.yaml_constructors
        self._constructor = yaml.constructor.SafeConstructor()
        self._node = yaml.ScalarNode
        self._seen: dict[str, Any] = {}
        self.lines: dict[str, tuple[str, Any, Any]] = {}
        """`key: plain value` lines (without their indentation): raw key, key, value; and
        `key:` lines, whose value is _NO_PENDING (what follows gives it)."""
        self.flat: dict[str, tuple[Any, int]] = {}
        """Flow collections of scalars already read (the rest of their line): the
        collection, copied at each use, and its length."""
        self.once = bytearray(ONCE_BITS // 8)
        """A bit per line hash, set when a line is first seen: a line is memoised when it
        comes back, so unique lines (most of a big file's text) are not held twice in
        memory. A fixed bitmap rather than a set of hashes: a set cost about 1.8x a
        10,000-question file. Two lines sharing a bit only memoise a line early: with
        2**21 bits (256 kB), a 100,000-question chain memoises about 20,000 of its 300,000
        unique lines; 2**20 bits memoised twice as many (0.3x the file's size)."""

    def trim(self) -> None:
        if len(self._seen) > MEMO_LIMIT:
            self._seen.clear()
        if len(self.lines) > MEMO_LIMIT or len(self.flat) > MEMO_LIMIT:
            self.lines.clear()
            self.flat.clear()
            self.once[:] = bytes(len(self.once))

    def tag(self, value: str) -> str:
        for tag, regexp in self._resolvers.get(value[0] if value else "", ()):
            if regexp.match(value):
                return tag
        if None in self._resolvers:
            raise _Unsupported
        return _STR

    def plain(self, value: str) -> Any:
        if value and value[0] not in self._resolvers:
            return value  # most text: no implicit type starts with this character
        try:
            return self._seen[value]
        except KeyError:
            pass
        tag = self.tag(value)
        if tag == _STR:
            result: Any = value
        elif tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value") or tag.endswith(":yaml"):
            raise _Unsupported
        else:
            try:
                result = self._constructors[tag](self._constructor, self._node(tag, value))
            except Exception:  # an impossible date, say: PyYAML reports it
                raise _Unsupported from None
        self._seen[value] = result
        return result


_SCALARS: list[_Scalars] = []


def forget() -> None:
    """Drop the memo shared between files: call it when a set of files has been read."""
    _SCALARS.clear()


def _scalars() -> _Scalars:
    if not _SCALARS:
        _SCALARS.append(_Scalars())
    scalars = _SCALARS[0]
    scalars.trim()
    return scalars


_NO_PENDING = object()
_ELSEWHERE = object()
"""A line's value is read by `_flat` or `_value`, not by the main loop."""


class _Frame:
    """An open block collection: its indentation, the object, and what it waits for."""

    __slots__ = (
        "anchor",
        "indent",
        "is_list",
        "keys",
        "merges",
        "obj",
        "pending",
        "pending_anchor",
    )

    def __init__(self, indent: int, obj: dict[Any, Any] | list[Any], anchor: str | None) -> None:
        self.indent = indent
        self.obj = obj
        self.is_list = isinstance(obj, list)
        self.anchor = anchor
        self.keys: set[str] = set()
        self.merges: list[dict[Any, Any]] = []
        self.pending: Any = _NO_PENDING  # the key (or list index) waiting for a nested block
        self.pending_anchor: str | None = None


class _Reader:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.scalars = _scalars()
        self.line_memo = self.scalars.lines
        self.once = self.scalars.once
        self.flat_memo = self.scalars.flat
        self.anchors: dict[str, Any] = {}
        self.overridden: set[int] = set()
        """Merged mappings whose own keys override merged ones (see `_merge_into`)."""
        self.open_anchors: set[str] = set()
        self.aliased: list[Any] = []
        """What each alias (and merge) in the text stands for, once per use: the growth
        check's shortcut (see `_expands_too_far`)."""

    # --- whole document ------------------------------------------------------

    def document(self) -> Any:
        """The root mapping; the loop handles the common lines inline (it runs per line)."""
        lines = self.lines
        line_memo = self.line_memo
        once = self.once
        plain = self.scalars.plain
        root: dict[Any, Any] = {}
        top = _Frame(0, root, None)
        stack = [top]
        empty = True
        index = 0
        count = len(lines)
        while index < count:
            line = lines[index]
            lines[index] = ""  # read once: keep at most one copy of the text alive
            index += 1
            if not line.isprintable() and _UNSUPPORTED_CHAR.search(line):
                raise _Unsupported
            content = line.lstrip(" ")
            if not content or content[0] == "#":
                continue
            empty = False
            indent = len(line) - len(content)
            if indent != top.indent or top.pending is not _NO_PENDING:
                top = self._move(stack, indent, content)
            if top.is_list:
                entries: list[Any] = top.obj  # type: ignore[assignment]
                flat = self._flat(content, 2) if content.startswith(("- {", "- [")) else None
                if flat is not None and flat[1] == len(content):  # `- {id: a, next: b}`
                    entries.append(flat[0])
                    continue
                if flat is None and content.startswith("- ") and _KEY.match(content, 2):
                    # `- id: a` opens a mapping at the key's column: read on as its first line
                    top = _Frame(indent + 2, {}, None)
                    entries.append(top.obj)
                    stack.append(top)
                    content = content[2:]
                else:
                    index = self._entry(stack, top, indent, content, index)
                    top = stack[-1]
                    continue
            memo = line_memo.get(content)
            if memo is not None:  # a `key: plain value` or `key:` line seen before
                if memo[0] in top.keys:
                    raise _Unsupported
                top.keys.add(memo[0])
                if memo[2] is _NO_PENDING:
                    top.pending = memo[1]
                else:
                    top.obj[memo[1]] = memo[2]
                continue
            key = _KEY.match(content)
            if key is None:
                raise _Unsupported
            raw = key.group(1)
            rest = content[key.end() :]
            if raw in top.keys:
                raise _Unsupported  # a duplicate key: the PyYAML path reports it with its line
            if raw == "<<":
                self._merge(top, rest)
                continue
            top.keys.add(raw)
            key_value = plain(raw)
            if not rest or rest[0] == "#":  # `key:` with a block under it
                top.pending = key_value
                value = _NO_PENDING
            elif rest[0] not in _PLAIN_START_BAD:  # `key: some words`
                cut = rest.find(" #")
                if cut >= 0:
                    rest = rest[:cut]
                rest = rest.rstrip(" ")
                if ": " in rest or rest[-1] == ":":
                    raise _Unsupported
                value = plain(rest)
                top.obj[key_value] = value
            else:
                value = _ELSEWHERE
            if value is not _ELSEWHERE:  # remembered when it comes again
                bit = hash(content) & ONCE_MASK
                if once[bit >> 3] & (1 << (bit & 7)):
                    line_memo[content] = (raw, key_value, value)
                else:
                    once[bit >> 3] |= 1 << (bit & 7)
                continue
            if rest[0] == "{" or rest[0] == "[":  # `key: {a: b}`, `key: [a, b]`
                flat = self._flat(rest, 0)
                if flat is not None and flat[1] == len(rest):
                    top.obj[key_value] = flat[0]
                    continue
            top.pending = key_value
            index = self._value(top, rest, index, top.indent)
        if empty:
            raise _Unsupported  # PyYAML reads an empty file as None
        while stack:
            self._close(stack)
        return root

    def _move(self, stack: list[_Frame], indent: int, content: str) -> _Frame:
        """The collection a line at `indent` belongs to: a new nested one, or an outer one."""
        top = stack[-1]
        if top.pending is not _NO_PENDING and indent > top.indent:
            return self._open_nested(stack, top, indent, content)
        while indent < top.indent:
            self._close(stack)
            if not stack:
                raise _Unsupported
            top = stack[-1]
        if indent != top.indent:
            raise _Unsupported  # a continuation line, or odd indentation
        self._settle(top)
        return top

    def _open_nested(self, stack: list[_Frame], top: _Frame, indent: int, content: str) -> _Frame:
        """The block that a `key:` or `-` with nothing after it was waiting for."""
        obj: dict[Any, Any] | list[Any] = [] if _is_entry(content) else {}
        anchor = top.pending_anchor
        self._attach(top, obj)
        if anchor is not None:
            self.open_anchors.add(anchor)
        frame = _Frame(indent, obj, anchor)
        stack.append(frame)
        return frame

    def _attach(self, frame: _Frame, value: Any) -> None:
        """Give the waiting key of `frame` (or its waiting entry) its value."""
        if isinstance(frame.obj, dict):
            frame.obj[frame.pending] = value
        else:
            frame.obj.append(value)
        frame.pending = _NO_PENDING
        frame.pending_anchor = None

    def _settle(self, frame: _Frame) -> None:
        """A `key:` or `-` with nothing nested under it is null (an anchored null, maybe)."""
        if frame.pending is not _NO_PENDING:
            self._set_anchor(frame.pending_anchor, None)
            self._attach(frame, None)

    def _close(self, stack: list[_Frame]) -> None:
        frame = stack.pop()
        self._settle(frame)
        obj = frame.obj
        if frame.merges:
            assert isinstance(obj, dict)
            self._merge_into(obj, frame.merges)
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = obj

    def _merge_into(self, obj: dict[Any, Any], merges: list[dict[Any, Any]]) -> None:
        """Rebuild `obj` (its own keys) as the merged mapping's keys, then its own.

        PyYAML 6 drops a merged key whose text is the very object of an earlier
        merged key's (so one-character keys keep the first value, longer ones the
        last). Where that could matter (several merges in one mapping, or merging
        a mapping whose own keys overrode merged ones) the file is left to PyYAML.
        """
        if len(merges) != 1 or id(merges[0]) in self.overridden:
            raise _Unsupported
        own = list(obj.items())
        obj.clear()
        obj.update(merges[0])
        overlap = False
        for key, value in own:
            overlap = overlap or key in obj
            obj[key] = value
        if overlap:
            self.overridden.add(id(obj))

    def _alias(self, name: str) -> Any:
        value = self.anchors[name]
        self.aliased.append(value)
        return value

    def _set_anchor(self, name: str | None, value: Any) -> None:
        if name is None:
            return
        if name in self.anchors or name in self.open_anchors:
            raise _Unsupported  # PyYAML refuses a repeated anchor
        self.anchors[name] = value

    # --- one line --------------------------------------------------------------

    def _entry(
        self, stack: list[_Frame], top: _Frame, indent: int, content: str, index: int
    ) -> int:
        """A line of the open sequence `top` that the main loop does not read inline."""
        entries = top.obj
        assert isinstance(entries, list)
        if not _is_entry(content):
            raise _Unsupported
        rest = content[1:].lstrip(" ")
        if not rest or rest[0] == "#":
            top.pending = len(entries)
            return index
        if _is_entry(rest):
            raise _Unsupported  # `- - x`
        key = _KEY.match(rest)
        if key is not None:  # `-   id: x` opens a mapping at the key's column
            frame = _Frame(len(content) - len(rest) + indent, {}, None)
            entries.append(frame.obj)
            stack.append(frame)
            return self._key_line(frame, key, rest, index)
        top.pending = len(entries)
        return self._value(top, rest, index, indent)

    def _key_line(self, frame: _Frame, key: re.Match[str], content: str, index: int) -> int:
        """`key: value` opening a mapping inside a sequence entry (`- key: value`)."""
        raw = key.group(1)
        rest = content[key.end() :]
        if raw == "<<":
            self._merge(frame, rest)
            return index
        frame.keys.add(raw)
        frame.pending = self.scalars.plain(raw)
        if not rest or rest[0] == "#":
            return index
        return self._value(frame, rest, index, frame.indent)

    def _merge(self, frame: _Frame, rest: str) -> None:
        """`<<: *anchor`, merged when the mapping closes (PyYAML's order and precedence)."""
        anchor = _ANCHOR.fullmatch(rest.rstrip(" ")) if rest.startswith("*") else None
        target = self.anchors.get(anchor.group(1)) if anchor else None
        if not isinstance(target, dict):
            raise _Unsupported
        self.aliased.append(target)
        frame.merges.append(target)

    def _value(self, frame: _Frame, rest: str, index: int, parent_indent: int) -> int:
        """The value after `key: ` or `- `; a bare anchor leaves the key waiting."""
        anchor: str | None = None
        if rest[0] == "&":
            found = _ANCHOR.match(rest)
            if found is None:
                raise _Unsupported
            anchor = found.group(1)
            rest = rest[found.end() :].lstrip(" ")
            if not rest or rest[0] == "#":
                if anchor in self.anchors or anchor in self.open_anchors:
                    raise _Unsupported
                frame.pending_anchor = anchor
                return index
        first = rest[0]
        if first in "[{":
            value, end = self._flow(rest, 0, 0)
            _only_comment(rest, end)
        elif first == "*":
            found = _ANCHOR.match(rest) if anchor is None else None
            if found is None or found.group(1) not in self.anchors:
                raise _Unsupported
            _only_comment(rest, found.end())
            value = self._alias(found.group(1))
        elif first == '"' or first == "'":
            value, end = _quoted(rest, 0)
            _only_comment(rest, end)
        elif first in "|>":
            value, index = self._block_scalar(rest, index, parent_indent)
        elif first in _PLAIN_START_BAD and not (first == "-" and rest[1:2] not in ("", " ")):
            raise _Unsupported
        else:
            cut = rest.find(" #")
            if cut >= 0:
                rest = rest[:cut]
            rest = rest.rstrip(" ")
            if ": " in rest or rest.endswith(":"):
                raise _Unsupported
            value = self.scalars.plain(rest)
        self._set_anchor(anchor, value)
        self._attach(frame, value)
        return index

    def _block_scalar(self, header: str, index: int, parent_indent: int) -> tuple[str, int]:
        """`>`, `>-`, `|` or `|-` text on the following lines, one paragraph, one indentation."""
        found = _BLOCK_HEADER.match(header)
        if found is None:
            raise _Unsupported
        lines = self.lines
        body: list[str] = []
        content_indent = -1
        blank_after = False
        while index < len(lines):
            line = lines[index]
            if not line.isprintable() and _UNSUPPORTED_CHAR.search(line):
                raise _Unsupported
            if not line:
                blank_after = True
                index += 1
                continue
            text = line.lstrip(" ")
            indent = len(line) - len(text)
            if indent <= parent_indent and text:
                break
            if not text or blank_after or line.endswith(" "):
                raise _Unsupported  # blank or space-only lines inside, trailing spaces
            if content_indent < 0:
                content_indent = indent
            elif indent != content_indent:
                raise _Unsupported  # more or less indented lines fold differently
            body.append(text)
            index += 1
        if not body:
            raise _Unsupported
        text = (" " if found.group(1) == ">" else "\n").join(body)
        return (text if found.group(2) == "-" else text + "\n"), index

    # --- one-line flow collections ---------------------------------------------

    def _remember(self, key: str, value: dict[Any, Any] | list[Any], length: int) -> None:
        """Keep a copy of a flow collection when its text comes a second time."""
        bit = hash(key) & ONCE_MASK
        if self.once[bit >> 3] & (1 << (bit & 7)):
            self.flat_memo[key] = (value.copy(), length)
        else:
            self.once[bit >> 3] |= 1 << (bit & 7)

    def _flat(self, text: str, pos: int) -> tuple[Any, int] | None:
        """A flow collection of scalars and aliases only, read entry by entry; or None."""
        memo_key = text[pos:] if len(text) - pos <= MEMO_FLOW_CHARS else ""
        memo = self.flat_memo.get(memo_key) if memo_key else None
        if memo is not None:  # a copy, as PyYAML builds a new collection for each
            value, length = memo
            return (dict(value) if isinstance(value, dict) else list(value)), pos + length
        mapping = text[pos] == "{"
        pattern = _FLAT_ENTRY if mapping else _FLAT_ITEM
        items: list[Any] = []
        keys: list[str] = []
        end = pos + 1
        while True:
            found = pattern.match(text, end)
            if found is None:
                return None  # nested, anchored, empty or unusual: the general reader decides
            if mapping:
                key, double, single, alias, plain, close = found.groups()
                keys.append(key)
            else:
                double, single, alias, plain, close = found.groups()
            if double is not None:
                items.append(double)
            elif single is not None:
                items.append(single.replace("''", "'"))
            elif alias is not None:
                if alias not in self.anchors:
                    raise _Unsupported
                items.append(self._alias(alias))
                memo_key = ""  # a collection with aliases is never reused: each use counts
            else:
                items.append(self.scalars.plain(plain.rstrip(" ")))
            end = found.end()
            if close != ",":
                break
        if not mapping:
            if memo_key:
                self._remember(memo_key, items, end - pos)
            return items, end
        if len(set(keys)) != len(keys):
            raise _Unsupported
        result: dict[Any, Any] = {}
        merges: list[dict[Any, Any]] = []
        for raw, value in zip(keys, items, strict=True):
            if raw == "<<":
                if not isinstance(value, dict):
                    raise _Unsupported
                merges.append(value)
            else:
                result[self.scalars.plain(raw)] = value
        if merges:
            self._merge_into(result, merges)
        if memo_key and id(result) not in self.overridden:  # a copy would not carry that mark
            self._remember(memo_key, result, end - pos)
        return result, end

    def _flow(self, text: str, pos: int, depth: int) -> tuple[Any, int]:
        """The flow node at `pos` (spaces skipped), and where it ends."""
        if depth > MAX_FLOW_DEPTH:
            raise _Unsupported
        pos = _skip(text, pos)
        if pos >= len(text):
            raise _Unsupported  # a flow collection that goes on to the next line
        first = text[pos]
        if first in "[{":
            flat = self._flat(text, pos)
            if flat is not None:
                return flat
        if first == "[":
            items: list[Any] = []
            pos = _skip(text, pos + 1)
            if text.startswith("]", pos):
                return items, pos + 1
            while True:
                value, pos = self._flow(text, pos, depth + 1)
                items.append(value)
                pos = _skip(text, pos)
                if text.startswith(",", pos):
                    pos = _skip(text, pos + 1)
                    if text.startswith("]", pos):
                        raise _Unsupported  # a trailing comma
                    continue
                if text.startswith("]", pos):
                    return items, pos + 1
                raise _Unsupported
        if first == "{":
            mapping: dict[Any, Any] = {}
            merges: list[dict[Any, Any]] = []
            keys: set[str] = set()
            pos = _skip(text, pos + 1)
            if text.startswith("}", pos):
                return mapping, pos + 1
            while True:
                found = _KEY.match(text, pos)
                if found is None or found.end() == len(text):
                    raise _Unsupported
                raw = found.group(1)
                if raw in keys:
                    raise _Unsupported
                value, pos = self._flow(text, found.end(), depth + 1)
                if raw == "<<":
                    if not isinstance(value, dict) or text[found.end()] != "*":
                        raise _Unsupported
                    merges.append(value)
                else:
                    keys.add(raw)
                    mapping[self.scalars.plain(raw)] = value
                pos = _skip(text, pos)
                if text.startswith(",", pos):
                    pos = _skip(text, pos + 1)
                    if text.startswith("}", pos):
                        raise _Unsupported
                    continue
                if text.startswith("}", pos):
                    if merges:
                        self._merge_into(mapping, merges)
                    return mapping, pos + 1
                raise _Unsupported
        if first == '"' or first == "'":
            return _quoted(text, pos)
        if first == "*":
            found = _FLOW_ANCHOR.match(text, pos)
            if found is None or found.group(1) not in self.anchors:
                raise _Unsupported
            return self._alias(found.group(1)), found.end()
        if first == "&":
            found = _FLOW_ANCHOR.match(text, pos)
            if found is None or not text.startswith(" ", found.end()):
                raise _Unsupported
            value, end = self._flow(text, found.end(), depth + 1)
            self._set_anchor(found.group(1), value)
            return value, end
        found = _FLOW_PLAIN.match(text, pos)
        if found is None:
            raise _Unsupported
        return self.scalars.plain(found.group(0).rstrip(" ")), found.end()


def _is_entry(content: str) -> bool:
    return content[0] == "-" and (len(content) == 1 or content[1] == " ")


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _only_comment(text: str, pos: int) -> None:
    """After a value: nothing, spaces, or spaces and a comment."""
    rest = text[pos:]
    if rest and not (rest[0] == " " and (not rest.strip(" ") or rest.lstrip(" ")[0] == "#")):
        raise _Unsupported


def _quoted(text: str, pos: int) -> tuple[str, int]:
    """A one-line quoted scalar: `'it''s'`, or `"..."` without escapes."""
    if text[pos] == "'":
        found = _SINGLE.match(text, pos)
        if found is None:
            raise _Unsupported
        return found.group(1).replace("''", "'"), found.end()
    end = text.find('"', pos + 1)
    if end < 0:
        raise _Unsupported  # it goes on to the next line
    value = text[pos + 1 : end]
    if "\\" in value:
        raise _Unsupported
    return value, end + 1


def load(text: str) -> Any:
    """The data PyYAML's safe loader would build from `text`, or None (see the module doc)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    reader = _Reader(text)
    try:
        data = reader.document()
    except (_Unsupported, RecursionError):
        return None
    if reader.aliased and _expands_too_far(data, reader.aliased):
        return None  # PyYAML's path (yaml_safe) reports it, with its line
    return data


def _expands_too_far(data: Any, aliased: list[Any]) -> bool:
    """Whether aliases make the data far bigger than what is written: the billion laughs.

    The same rule as yaml_safe: at most ALIAS_GROWTH times the nodes written, or
    ALIAS_FLOOR. Every alias is a node written, and adds at most its target's size
    less one; so when the targets are small next to the number of aliases, the rule
    holds without walking the document (a flow file's `source: *section`, say).
    Otherwise one walk sums each shared object's size once: the check costs what
    was written, never what the aliases expand to.
    """
    from routewise.flows.yaml_safe import ALIAS_FLOOR, ALIAS_GROWTH

    sizes: dict[int, int] = {}
    extra = 0
    for target in aliased:
        size = _expanded_size(target, sizes)
        if size is None:
            return True
        extra += size - 1
    if extra <= (ALIAS_GROWTH - 1) * len(aliased):
        return False
    written = _written(data)
    size = _expanded_size(data, sizes)
    return size is None or size > max(ALIAS_GROWTH * written, ALIAS_FLOOR)


def _written(data: Any) -> int:
    """Nodes as written: each shared object's own nodes counted once."""
    written, seen, stack = 1, set(), [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list) and id(item) not in seen:
            seen.add(id(item))
            children = list(item.values()) if isinstance(item, dict) else item
            written += len(children)
            stack.extend(children)
    return written


def _expanded_size(data: Any, sizes: dict[int, int]) -> int | None:
    """Nodes with every alias expanded, each shared object's size worked out once (kept in
    `sizes`); None when an alias sits inside its own anchor, which expands without end."""
    if not isinstance(data, dict | list):
        return 1
    known = sizes.get(id(data))
    if known is not None:  # an anchor used again: every `source: *section` after the first
        return known
    inside: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        item, finished = stack.pop()
        key = id(item)
        children = list(item.values()) if isinstance(item, dict) else item
        if finished:
            inside.discard(key)
            sizes[key] = 1 + sum(
                sizes[id(c)] if isinstance(c, dict | list) else 1 for c in children
            )
            continue
        if key in sizes:
            continue
        if key in inside:
            return None
        inside.add(key)
        stack.append((item, True))
        stack.extend((c, False) for c in children if isinstance(c, dict | list))
    return sizes[id(data)]
