"""Fixtures of the hostile-input suite."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_helpers import FAKE_SOFFICE, english_record


@pytest.fixture
def make_record(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str = "r.yaml", **kw: object) -> Path:
        return english_record(tmp_path, name, **kw)  # type: ignore[arg-type]

    return make


@pytest.fixture
def soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake ``soffice`` first on PATH; returns its log (one line a run: documents)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "soffice"
    exe.write_text(FAKE_SOFFICE.format(python=sys.executable), encoding="utf-8")
    exe.chmod(0o755)
    log = tmp_path / "soffice.log"
    log.write_text("")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return log
