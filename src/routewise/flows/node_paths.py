"""Where a problem is in a file: a validation error's location turned into the line
and an id path (`outcomes[informal].steps[meet]`), through the YAML node tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # PyYAML only when a file is parsed
    import yaml

Loc = tuple[str | int, ...]
"""A place in a file, as pydantic gives it: keys and list positions."""

_TYPE_TAGS = {"str", "int", "float", "bool", "none", "list", "dict", "tuple"}


def real_loc(data: Any, loc: Loc, kind: str = "") -> tuple[Loc, bool]:
    """pydantic's location without union tags such as 'constrained-str'; True if it is a key."""
    out: list[str | int] = []
    current = data
    for i, item in enumerate(loc):
        if item == "[key]":
            return tuple(out), True
        if isinstance(current, dict) and item in current:
            key = next(k for k in current if k == item)  # keep YAML's own key (True, not 1)
            out.append(key)
            current = current[key]
        elif isinstance(current, list) and isinstance(item, int) and 0 <= item < len(current):
            out.append(item)
            current = current[item]
        elif isinstance(item, str) and is_union_tag(item) and i + 1 <= len(loc):
            continue
        else:
            out.append(item)
            break
    return tuple(out), False


def is_union_tag(item: str) -> bool:
    """pydantic's name for a branch of a union in an error's location (`list[str]`,
    `PlanRole`, `function-after[…]`), which is not a field a user wrote."""
    return "[" in item or "-" in item or item[:1].isupper() or item in _TYPE_TAGS


def child_node(node: yaml.Node, item: str | int) -> yaml.Node | None:
    import yaml

    if isinstance(node, yaml.SequenceNode) and isinstance(item, int) and not isinstance(item, bool):
        return node.value[item] if 0 <= item < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        merged: list[yaml.Node] = []
        for key, value in node.value:
            if key.value == item or (not isinstance(item, str) and scalar_text(key) == item):
                return value  # type: ignore[no-any-return]
            if key.value == "<<":
                merged.append(value)
        for value in merged:
            found = child_node(value, item)
            if found is not None:
                return found
    return None


def scalar_text(node: yaml.Node) -> object:
    import yaml

    if not isinstance(node, yaml.ScalarNode) or node.style:  # quoted or block: text as written
        return node.value
    return yaml.safe_load(node.value)


def node_at(root: yaml.Node, loc: Loc) -> yaml.Node:
    """The deepest YAML node on the path, following merge keys (`<<: *anchor`)."""
    node = root
    for item in loc:
        child = child_node(node, item)
        if child is None:
            break
        node = child
    return node


def line_of(root: yaml.Node, loc: Loc) -> int:
    return int(node_at(root, loc).start_mark.line) + 1


def id_path(root: yaml.Node | None, loc: Loc) -> str:
    """`outcomes[escalation].steps[feedback].contacts`: list items named by their id."""
    import yaml

    out, node = "", root
    for item in loc:
        child = child_node(node, item) if node is not None else None
        if isinstance(item, int) and not isinstance(item, bool):
            label = str(item)
            if isinstance(child, yaml.MappingNode):
                id_node = child_node(child, "id")
                if isinstance(id_node, yaml.ScalarNode):
                    label = str(id_node.value)
            elif isinstance(child, yaml.ScalarNode):
                label = str(child.value)
            out += f"[{label}]"
        else:
            shown = key_text(node, item) if node is not None else str(item)
            out += f".{shown}" if out else shown
        node = child
    return out


def key_text(node: yaml.Node, item: object) -> str:
    """A key as written in the file (`no`, not False)."""
    import yaml

    if isinstance(node, yaml.MappingNode) and not isinstance(item, str):
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode) and scalar_text(key) == item:
                return str(key.value)
    return str(item)
