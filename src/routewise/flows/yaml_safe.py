"""Parse YAML that anyone may have written, without letting it crash or exhaust the process.

PyYAML's composer and constructor recurse once per level of nesting: 100,000
nested `[` overflow the C stack (a segfault) and a few thousand exhaust
Python's recursion limit. Aliases let a few hundred bytes expand to billions
of nodes ("billion laughs"). So the document is read as a flat stream of
parser events (libyaml's parser is not recursive), and the node tree is built
here with a loop, counting depth and the expanded size as it goes; anything
beyond the limits stops before a single value is built. The tree is then
turned into Python values once, so the text is parsed only once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

MAX_DEPTH = 64
"""Far deeper than any flow, roles, triage or answers file needs (they use under 10)."""
ALIAS_GROWTH = 10
"""Aliases may make the document at most this many times its written size..."""
ALIAS_FLOOR = 10_000
"""...or this many nodes, whichever is more."""

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlProblem(Exception):
    """What is wrong with the text, and on which line (1-based) if known."""

    line: int | None
    problem: str


def parse(text: str) -> tuple[Any, yaml.Node | None]:
    """The document's value and its node tree (for line numbers); YamlProblem if unusable."""
    node = compose(text)
    if node is None:
        return None, None
    return construct(node), node


def compose(text: str) -> yaml.Node | None:
    """Build the node tree from parser events, iteratively and within the limits."""
    loader = _LOADER(text)
    try:
        return _compose(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "cannot be parsed"
        raise YamlProblem(mark.line + 1 if mark else None, f"not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:  # a reader error (a control character): no mark, but a position
        line = _reader_line(text, exc)
        reason = getattr(exc, "reason", None) or "cannot be parsed"
        raise YamlProblem(line, f"not valid YAML: {reason}") from None
    finally:
        loader.dispose()


def _reader_line(text: str, exc: yaml.YAMLError) -> int | None:
    position = getattr(exc, "position", None)
    if isinstance(position, int) and 0 <= position <= len(text):
        return text.count("\n", 0, position) + 1
    return None


@dataclass
class _Open:
    node: yaml.Node
    items: list[Any]
    size: int


def _compose(loader: Any) -> yaml.Node | None:
    loader.get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # DocumentStart
    anchors: dict[str, tuple[yaml.Node, int]] = {}
    stack: list[_Open] = []
    written = 0
    expanded = 0
    root: tuple[yaml.Node, int] | None = None

    def attach(node: yaml.Node, size: int) -> None:
        nonlocal root
        if stack:
            stack[-1].items.append(node)
            stack[-1].size += size
        else:
            root = (node, size)

    anchor_of: dict[int, str] = {}
    while not loader.check_event(yaml.DocumentEndEvent):
        event: Any = loader.get_event()
        start: Any = event.start_mark
        end: Any = event.end_mark
        written += 1
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r:.60}", start
                )
            node, size = anchors[event.anchor]
            expanded += size
            _check_growth(expanded, written, start)
            attach(node, size)
        elif isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            scalar = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
            expanded += 1
            if event.anchor is not None:
                anchors[event.anchor] = (scalar, 1)
            attach(scalar, 1)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(
                    start.line + 1,
                    f"nested more than {MAX_DEPTH} levels deep; routewise files need only a few",
                )
            is_seq = isinstance(event, yaml.SequenceStartEvent)
            kind = yaml.SequenceNode if is_seq else yaml.MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(kind, None, event.implicit)
            collection = kind(tag, [], start, None, flow_style=event.flow_style)
            if event.anchor is not None:
                anchor_of[id(collection)] = event.anchor
            stack.append(_Open(collection, [], 1))
            expanded += 1
        else:  # SequenceEnd or MappingEnd
            done = stack.pop()
            node = done.node
            node.end_mark = end
            if isinstance(node, yaml.MappingNode):
                items = done.items
                node.value = list(zip(items[0::2], items[1::2], strict=True))
            else:
                node.value = done.items
            anchor = anchor_of.pop(id(node), None)
            if anchor is not None:
                anchors[anchor] = (node, done.size)
            attach(node, done.size)
    loader.get_event()  # DocumentEnd
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        raise YamlProblem(
            event.start_mark.line + 1,
            "expected a single document, but found another (remove the `---` line)",
        )
    return root[0] if root else None


def _check_growth(expanded: int, written: int, mark: Any) -> None:
    if expanded > max(ALIAS_FLOOR, ALIAS_GROWTH * written):
        raise YamlProblem(
            mark.line + 1,
            "aliases (*name) expand this file to far more than it says; write the values out",
        )


def construct(node: yaml.Node) -> Any:
    """Python values from the node tree; an impossible value such as 2026-02-30 is a problem."""
    constructor = yaml.SafeLoader("")
    try:
        return constructor.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "cannot be read"
        raise YamlProblem(mark.line + 1 if mark else None, f"not valid YAML: {problem}") from None
    except Exception:  # PyYAML raises plain ValueError, OverflowError… for impossible values
        line, value = _first_bad_scalar(constructor, node)
        raise YamlProblem(line, _bad_value(value)) from None
    finally:
        constructor.dispose()


def _bad_value(value: str | None) -> str:
    from routewise.base.safe_text import quoted

    if value is None:
        return "a value cannot be read"
    return f"{quoted(value, 60)} is not a real date or number; quote it if it is text"


def _first_bad_scalar(constructor: Any, root: yaml.Node) -> tuple[int | None, str | None]:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node, deep=True)
            except Exception:
                return node.start_mark.line + 1, str(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack += [value, key]
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)
    return None, None
