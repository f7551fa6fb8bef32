"""Data flows one way: record → enrich → render; only the CLI imports Click."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "resumegen"

# module prefix → prefixes it must never import
FORBIDDEN = {
    "resumegen.errors": ("resumegen.record", "resumegen.enrich", "resumegen.render"),
    "resumegen.yamlio": (
        "resumegen.record",
        "resumegen.resources",
        "resumegen.enrich",
        "resumegen.render",
    ),
    "resumegen.record": (
        "resumegen.enrich",
        "resumegen.render",
        "resumegen.batch",
        "resumegen.packet",
    ),
    "resumegen.enrich": ("resumegen.render", "resumegen.batch", "resumegen.packet"),
    "resumegen.render": ("resumegen.batch", "resumegen.packet", "resumegen.cli"),
}
CLICK_ALLOWED = {"resumegen.cli", "resumegen.console"}


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG.parent).with_suffix("")
        name = ".".join(rel.parts)
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]
        out.append((name, path))
    return out


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_package_has_modules() -> None:
    names = [n for n, _ in _modules()]
    assert "resumegen.cli" in names and "resumegen.record.model" in names


def test_no_backward_imports() -> None:
    bad = []
    for name, path in _modules():
        for layer, banned in FORBIDDEN.items():
            if name == layer or name.startswith(layer + "."):
                for imp in _imports(path):
                    if any(imp == b or imp.startswith(b + ".") for b in banned):
                        bad.append(f"{name} imports {imp}")
    assert bad == []


def test_only_the_cli_imports_click() -> None:
    bad = [
        f"{name} imports click"
        for name, path in _modules()
        if name not in CLICK_ALLOWED
        and any(i == "click" or i.startswith("click.") for i in _imports(path))
    ]
    assert bad == []
