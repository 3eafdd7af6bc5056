"""The house: no import circles inside docgen, and docgen's own imports at the top of each module.

Read from the source with :mod:`ast` (nothing is imported), so a circle hidden by an
import inside a function counts as much as one at the top.  A lazy import of
docgen's own code is allowed only for the few modules that pull in a heavy
third-party library (WeasyPrint) and must stay off the .docx path; each is listed
here with the reason, so a new one is a decision, not an accident.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "docgen"

#: (importing module, imported module): lazy on purpose.
LAZY_ALLOWED = {
    # the console script sets PYDANTIC_DISABLE_PLUGINS before anything imports pydantic
    ("docgen.entry", "docgen.cli"),
    # the PDF stage imports WeasyPrint (~0.5 s); `docgen render` without --pdf never loads it
    ("docgen.pipeline", "docgen.pdf.render"),
    ("docgen.batch", "docgen.pdf.render"),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[:len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(modules: dict[str, Path]):
    """(importer, imported, at_top) for every import of a docgen module."""
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(n) for n in tree.body}
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, path, node)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target.startswith("docgen") and target != module:
                    yield module, target, id(node) in top


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_the_graph_is_read():
    """A control: the reader sees the pipeline's imports (a broken reader would find no circles)."""
    edges = {(a, b) for a, b, _ in _imports(_modules())}
    assert ("docgen.pipeline", "docgen.content.validation") in edges
    assert ("docgen.cli", "docgen.pipeline") in edges
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circles():
    edges: dict[str, set[str]] = {}
    for a, b, _ in _imports(_modules()):
        # a package's __init__ re-exporting its modules is not a circle with them
        if not b.startswith(a + "."):
            edges.setdefault(a, set()).add(b)
    assert _cycles(edges) == []


def test_docgens_own_imports_are_at_the_top():
    lazy = sorted({(a, b) for a, b, at_top in _imports(_modules()) if not at_top} - LAZY_ALLOWED)
    assert lazy == [], "import these at the top of the module (or add to LAZY_ALLOWED with a reason)"
