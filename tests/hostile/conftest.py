"""Fixtures of the hostile-input suite."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_helpers import english_record


@pytest.fixture
def make_record(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str = "r.yaml", **kw: object) -> Path:
        return english_record(tmp_path, name, **kw)  # type: ignore[arg-type]

    return make
