"""The shape of the code: packages that import one way, no circles, no borrowed private names.

Each package's `__init__.py` docstring ends with `May import: a, b.` naming the routewise
packages it may use; these tests read those lines, so the documented layering and the
enforced one are the same text. Every import counts, including those inside functions and
under `if TYPE_CHECKING:`: a dependency is a dependency, whenever it is loaded.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.paths import ROOT

SOURCE = ROOT / "src" / "routewise"
MAX_LINES = 400


@dataclass(frozen=True)
class Edge:
    importer: str
    imported: str
    line: int
    names: tuple[str, ...]


def module_name(root: Path, path: Path) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path) -> dict[str, Path]:
    return {module_name(root, p): p for p in sorted(root.rglob("*.py"))}


def imports(root: Path) -> list[Edge]:
    """Every import of one module of the package by another, wherever it is written."""
    known = modules(root)
    top = root.name
    edges: list[Edge] = []
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == top or alias.name.startswith(top + "."):
                        edges.append(Edge(name, alias.name, node.lineno, ()))
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if not (node.module == top or node.module.startswith(top + ".")):
                    continue
                plain: list[str] = []
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    if submodule in known:
                        edges.append(Edge(name, submodule, node.lineno, ()))
                    else:
                        plain.append(alias.name)
                if plain:
                    edges.append(Edge(name, node.module, node.lineno, tuple(plain)))
    return edges


def package_of(root: Path, module: str) -> str | None:
    """The stage a module belongs to (`routewise.flows.loader` -> `flows`), or None for the
    modules at the top (`routewise`, `routewise.__main__`)."""
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and (root / parts[1] / "__init__.py").exists()):
        return parts[1]
    return None


def allowed_imports(root: Path) -> dict[str, set[str]]:
    """Each package's `May import:` line, read from its `__init__.py` docstring."""
    found: dict[str, set[str]] = {}
    for init in sorted(root.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        match = re.search(r"^May import: (.*?)\.?$", doc, flags=re.MULTILINE)
        assert match, f"{init}: the docstring has no 'May import:' line"
        words = match.group(1)
        found[init.parent.name] = (
            set() if words.startswith("nothing") else {w.strip() for w in words.split(",")}
        )
    return found


def circles(edges: list[Edge]) -> list[list[str]]:
    """Each set of modules that import each other, directly or through others (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        if edge.importer != edge.imported:
            graph.setdefault(edge.importer, set()).add(edge.imported)
            graph.setdefault(edge.imported, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def layering_breaches(root: Path, edges: list[Edge]) -> list[str]:
    allowed = allowed_imports(root)
    out = []
    for edge in edges:
        here, there = package_of(root, edge.importer), package_of(root, edge.imported)
        if here is None or there is None or here == there:
            continue
        if there not in allowed.get(here, set()):
            out.append(f"{edge.importer}:{edge.line} imports {edge.imported} ({here} -> {there})")
    return out


def borrowed_private_names(edges: list[Edge]) -> list[str]:
    return [
        f"{edge.importer}:{edge.line} imports {name} from {edge.imported}"
        for edge in edges
        if edge.importer != edge.imported
        for name in edge.names
        if name.startswith("_") and not name.endswith("__")
    ]


# --- the project itself ---------------------------------------------------------------


def test_the_source_has_no_import_circles() -> None:
    assert circles(imports(SOURCE)) == []


def test_every_import_follows_the_documented_layering() -> None:
    assert layering_breaches(SOURCE, imports(SOURCE)) == []


def test_no_module_imports_another_module_s_private_names() -> None:
    assert borrowed_private_names(imports(SOURCE)) == []


def test_every_stage_is_a_package_that_says_what_it_is_for() -> None:
    packages = sorted(p.parent.name for p in SOURCE.glob("*/__init__.py"))
    assert {"base", "calendar", "model", "flows", "engine", "render", "wizard"} <= set(packages)
    loose = sorted(p.name for p in SOURCE.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py"], "modules belong in a stage's package"
    allowed = allowed_imports(SOURCE)
    for package, may in allowed.items():
        assert may <= set(packages), f"{package}: 'May import' names an unknown package"


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        name: n
        for name, path in modules(SOURCE).items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


# --- the checks themselves, on a planted package ------------------------------------------


def plant(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    return plant(
        tmp_path / "routewise",
        {
            "__init__.py": "",
            "low/__init__.py": '"""Low.\n\nMay import: nothing else of routewise.\n"""\n',
            "low/a.py": "def public() -> None: ...\ndef _private() -> None: ...\n",
            "high/__init__.py": '"""High.\n\nMay import: low.\n"""\n',
            "high/b.py": "from routewise.low.a import public\n",
        },
    )


def test_a_clean_planted_package_passes(planted: Path) -> None:
    edges = imports(planted)
    assert circles(edges) == [] and borrowed_private_names(edges) == []


def test_a_planted_circle_is_found(planted: Path) -> None:
    plant(planted, {"low/c.py": "def f() -> None:\n    from routewise.low import d\n"})
    plant(planted, {"low/d.py": "from routewise.low.c import f\n"})
    assert circles(imports(planted)) == [["routewise.low.c", "routewise.low.d"]]


def test_a_planted_upward_import_breaks_the_layering(planted: Path) -> None:
    plant(
        planted,
        {
            "low/e.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from routewise.high.b import public\n"
        },
    )
    breaches = layering_breaches(planted, imports(planted))
    assert breaches == ["routewise.low.e:3 imports routewise.high.b (low -> high)"]


def test_a_planted_private_import_is_found(planted: Path) -> None:
    plant(planted, {"high/f.py": "from routewise.low.a import _private\n"})
    assert borrowed_private_names(imports(planted)) == [
        "routewise.high.f:1 imports _private from routewise.low.a"
    ]
