"""The source distribution holds what its own tests need, and they run from it.

Builds the sdist from this checkout with hatchling, unpacks it, checks that
every folder the tests read is inside, and runs from the unpacked tree the
tests that read ``schema/`` and import ``tools/`` (the whole suite would be
too slow here).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

pytest.importorskip("hatchling", reason="building the sdist needs hatchling")

ROOT = Path(__file__).resolve().parents[2]
# Everything the test suite reads from the checkout.
NEEDED = (
    "pyproject.toml",
    "README.md",
    "resumegen/__init__.py",
    "templates/ja",
    "phrasebooks/ja",
    "samples/physician-ja.yaml",
    "schema/record.schema.json",
    "tools/build_templates.py",
    "tools/templates_src",
    "tests/conftest.py",
    "tests/data",
    "tests/fixtures",
    "tests/reference",
)


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("sdist")
    proc = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp / "dist")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    (archive,) = (tmp / "dist").glob("resumegen-*.tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(tmp / "src", filter="data")
    (top,) = (tmp / "src").iterdir()
    return top


def test_sdist_holds_every_folder_the_tests_need(unpacked: Path) -> None:
    missing = [name for name in NEEDED if not (unpacked / name).exists()]
    assert not missing
    assert not (unpacked / "resumegen" / "_compiled").exists()
    assert not list(unpacked.rglob("__pycache__"))


def test_schema_and_template_tests_pass_from_the_sdist(unpacked: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/unit/test_schema.py",
            "tests/unit/test_templates_built.py",
        ],
        cwd=unpacked,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]  # 5 would mean nothing was collected
