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


def parse(
    text: str, duplicates: list[tuple[str, int]] | None = None
) -> tuple[Any, yaml.Node | None]:
    """The document's value and its node tree (for line numbers); YamlProblem if unusable.

    Every key written twice in one mapping (merge keys aside) is added to `duplicates`, with
    its line, in the order of the lines."""
    node = compose(text, duplicates)
    if node is None:
        return None, None
    return construct(node), node


def compose(text: str, duplicates: list[tuple[str, int]] | None = None) -> yaml.Node | None:
    """Build the node tree from parser events, iteratively and within the limits."""
    loader = _LOADER(text)
    try:
        found: list[tuple[str, int]] = []
        node = _compose(loader, found)
        if duplicates is not None:
            duplicates += sorted(found, key=lambda f: f[1])
        return node
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


_MERGE = "tag:yaml.org,2002:merge"


def _compose(loader: Any, duplicates: list[tuple[str, int]]) -> yaml.Node | None:
    """PyYAML's composer, as a loop over the parser's events instead of a recursion.

    It runs once per event of every file read, so it is written for speed: the event's
    exact class is compared (libyaml's parser makes exactly these classes), each open
    collection is a plain list [node, items, size], the resolver's tag for a scalar is
    remembered for the same text, and the keys of each mapping are checked for repeats
    as it closes, instead of walking the tree again afterwards.
    """
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    sequence_start, mapping_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
    document_end = yaml.DocumentEndEvent
    scalar_node, sequence_node, mapping_node = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    get_event, resolve = loader.get_event, loader.resolve
    get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        return None
    get_event()  # DocumentStart
    anchors: dict[str, tuple[yaml.Node, int]] = {}
    anchor_of: dict[int, str] = {}
    tags: dict[tuple[str, Any], str] = {}  # the resolver's answers, as the same words recur
    stack: list[list[Any]] = []  # [node, items, expanded size]
    top: list[Any] = [None, [], 0]  # holds the root
    written = 0
    expanded = 0
    while True:
        event: Any = get_event()
        kind = type(event)
        if kind is document_end:
            break
        written += 1
        if kind is scalar_event:
            tag = event.tag
            if tag is None or tag == "!":
                value, implicit = event.value, event.implicit
                tag = tags.get((value, implicit))
                if tag is None:
                    tag = tags[value, implicit] = resolve(scalar_node, value, implicit)
            node: Any = scalar_node(
                tag, event.value, event.start_mark, event.end_mark, style=event.style
            )
            expanded += 1
            if event.anchor is not None:
                anchors[event.anchor] = (node, 1)
            current = stack[-1] if stack else top
            current[1].append(node)
            current[2] += 1
        elif kind is sequence_start or kind is mapping_start:
            start = event.start_mark
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(
                    start.line + 1,
                    f"nested more than {MAX_DEPTH} levels deep; routewise files need only a few",
                )
            collection = sequence_node if kind is sequence_start else mapping_node
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(collection, None, event.implicit)
            node = collection(tag, [], start, None, flow_style=event.flow_style)
            if event.anchor is not None:
                anchor_of[id(node)] = event.anchor
            stack.append([node, [], 1])
            expanded += 1
        elif kind is alias_event:
            start = event.start_mark
            if event.anchor not in anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r:.60}", start
                )
            node, size = anchors[event.anchor]
            expanded += size
            _check_growth(expanded, written, start)
            current = stack[-1] if stack else top
            current[1].append(node)
            current[2] += size
        else:  # SequenceEnd or MappingEnd
            node, items, size = stack.pop()
            node.end_mark = event.end_mark
            if type(node) is mapping_node:
                pairs = list(zip(items[0::2], items[1::2], strict=True))
                node.value = pairs
                _repeated_keys(pairs, duplicates)
            else:
                node.value = items
            if anchor_of:
                anchor = anchor_of.pop(id(node), None)
                if anchor is not None:
                    anchors[anchor] = (node, size)
            current = stack[-1] if stack else top
            current[1].append(node)
            current[2] += size
    if not loader.check_event(yaml.StreamEndEvent):
        event = get_event()
        raise YamlProblem(
            event.start_mark.line + 1,
            "expected a single document, but found another (remove the `---` line)",
        )
    return top[1][0] if top[1] else None


def _repeated_keys(pairs: list[tuple[yaml.Node, yaml.Node]], found: list[tuple[str, int]]) -> None:
    """Keys written twice in one mapping (merge keys aside), each with its line."""
    if len(pairs) < 2:
        return
    keys: set[Any] = set()
    for key, _ in pairs:
        if type(key) is yaml.ScalarNode and key.tag != _MERGE:
            if key.value in keys:
                found.append((str(key.value), int(key.start_mark.line) + 1))
            keys.add(key.value)


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
