"""Data flows one way through the package, and its import graph has no cycle.

record → enrich → documents → packet → batch → cli, over a renderer that
knows only templates and data (so a document may hand it an ``Image``). Every
import statement counts, including those inside functions (lazy imports);
only imports under ``if TYPE_CHECKING:`` are left out, because they never
run. Only the command line imports Click.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "resumegen"

# Layers, lowest first: a module may import its own layer and those below.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("resumegen.errors", "resumegen.messages", "resumegen.text", "resumegen.write"),
    ("resumegen.yamlio", "resumegen.record"),
    ("resumegen.resources", "resumegen.datacache", "resumegen.enrich"),
    ("resumegen.render",),
    ("resumegen.documents",),
    ("resumegen.packet",),
    ("resumegen.batch",),
    ("resumegen.console", "resumegen.cli", "resumegen.mcp", "resumegen.__main__"),
)
# Imports that the layer order allows but the design does not: the renderer
# knows templates and data, never records, applications or documents.
FORBIDDEN = {
    "resumegen.render": ("resumegen.enrich", "resumegen.documents", "resumegen.record"),
    "resumegen.yamlio": ("resumegen.record", "resumegen.resources", "resumegen.enrich"),
}
CLICK_ALLOWED = {"resumegen.cli", "resumegen.console"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG.parent).with_suffix("")
        name = ".".join(rel.parts)
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]
        out[name] = path
    return out


MODULES = _modules()


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", "")
            if name == "TYPE_CHECKING":
                for child in node.body:
                    for sub in ast.walk(child):
                        if hasattr(sub, "lineno"):
                            lines.add(sub.lineno)
    return lines


def _imports(name: str, path: Path) -> set[str]:
    """The package modules *name* imports at run time (a submodule import names the submodule)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", 0) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
    return {m for m in found if m == "resumegen" or m.startswith("resumegen.")}


def _layer(name: str) -> int | None:
    for rank, prefixes in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return rank
    return None


def test_every_module_has_a_layer() -> None:
    missing = [n for n in MODULES if n != "resumegen" and _layer(n) is None]
    assert missing == [], "add these modules to LAYERS"


def test_no_backward_imports() -> None:
    bad = []
    for name, path in MODULES.items():
        rank = _layer(name)
        if rank is None:
            continue
        for imp in _imports(name, path):
            if imp == "resumegen":
                continue  # the root imports nothing when imported (its API is lazy): its version
            other = _layer(imp)
            if other is not None and other > rank:
                bad.append(f"{name} imports {imp}")
            for layer, banned in FORBIDDEN.items():
                if (name == layer or name.startswith(layer + ".")) and any(
                    imp == b or imp.startswith(b + ".") for b in banned
                ):
                    bad.append(f"{name} imports {imp}")
    assert bad == []


def test_the_import_graph_has_no_cycle() -> None:
    graph = {name: _imports(name, path) & set(MODULES) for name, path in MODULES.items()}
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt == node:
                continue
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])
    assert cycles == []


def test_only_the_cli_imports_click() -> None:
    bad = [
        f"{name} imports click"
        for name, path in MODULES.items()
        if name not in CLICK_ALLOWED
        and any(i == "click" or i.startswith("click.") for i in _raw_imports(path))
    ]
    assert bad == []


def _raw_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_library_code_names_no_command_line_option() -> None:
    """Only cli.py and console.py speak of `--options`; the library raises errors as data."""
    bad = []
    for name, path in MODULES.items():
        if name in CLICK_ALLOWED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if called == "UsageError":
                    bad.append(f"{name}:{node.lineno} raises UsageError")
    assert bad == []


def test_the_package_root_imports_nothing_of_the_package() -> None:
    """Every module may read ``resumegen.__version__`` because the root loads its API lazily."""
    assert _imports("resumegen", MODULES["resumegen"]) == set()
