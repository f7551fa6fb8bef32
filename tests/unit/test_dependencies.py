"""The runtime dependencies in pyproject.toml are exactly what the package imports."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# import name → distribution name, where they differ
DISTRIBUTION = {"ruamel": "ruamel.yaml"}


def _third_party_imports() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "resumegen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "resumegen"}


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0] for d in project["dependencies"]}


def test_every_runtime_import_is_a_declared_dependency() -> None:
    imported = {DISTRIBUTION.get(m, m) for m in _third_party_imports()}
    assert imported <= _declared()


def test_no_declared_dependency_is_unused_at_run_time() -> None:
    imported = {DISTRIBUTION.get(m, m) for m in _third_party_imports()}
    # the libyaml C parser is loaded by ruamel.yaml, never imported by name
    assert _declared() - imported <= {"ruamel.yaml.clib"}
