"""The dependencies in pyproject.toml are exactly what the package imports.

``resumegen/mcp.py`` (the ``mcp`` command's server) is the one module with an
extra of its own: its imports are the ``mcp`` extra, not runtime dependencies.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# import name → distribution name, where they differ
DISTRIBUTION = {"ruamel": "ruamel.yaml"}
# module → the optional extra its third-party imports belong to
EXTRA_OF = {ROOT / "resumegen" / "mcp.py": "mcp"}


def _third_party_imports(extra: str | None = None) -> set[str]:
    """What the runtime modules import (or, with *extra*, the modules of that extra)."""
    found: set[str] = set()
    for path in (ROOT / "resumegen").rglob("*.py"):
        if EXTRA_OF.get(path) != extra:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "resumegen"}


def _declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = project["dependencies"] if extra is None else project["optional-dependencies"][extra]
    return {re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0] for d in deps}


def test_every_runtime_import_is_a_declared_dependency() -> None:
    imported = {DISTRIBUTION.get(m, m) for m in _third_party_imports()}
    assert imported <= _declared()


def test_no_declared_dependency_is_unused_at_run_time() -> None:
    imported = {DISTRIBUTION.get(m, m) for m in _third_party_imports()}
    # the libyaml C parser is loaded by ruamel.yaml, never imported by name
    assert _declared() - imported <= {"ruamel.yaml.clib"}


def test_the_mcp_extra_is_what_the_server_module_imports_beyond_the_runtime() -> None:
    imported = {DISTRIBUTION.get(m, m) for m in _third_party_imports("mcp")}
    assert imported - _declared() == _declared("mcp")


def test_dev_installs_the_mcp_extra_so_ci_tests_the_server() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    assert set(extras["mcp"]) <= set(extras["dev"])
