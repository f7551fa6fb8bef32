"""Find the bundled ``templates/`` and ``phrasebooks/`` folders.

In a wheel they live inside the package (``resumegen/templates``); in a
source checkout or an editable install they are the top-level folders of the
repository. User folders are always searched before the bundled ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent


@cache
def bundled(kind: str) -> Path:
    """The bundled folder *kind* (``"templates"`` or ``"phrasebooks"``)."""
    for candidate in (_PKG / kind, _PKG.parent / kind):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resumegen is installed without its {kind}/ folder")


def search_path(kind: str, user_dirs: Iterable[str | Path] = ()) -> list[Path]:
    """User folders first, then the bundled one."""
    return [Path(d) for d in user_dirs] + [bundled(kind)]


def find(kind: str, relative: str, user_dirs: Sequence[str | Path] = ()) -> Path | None:
    """The first ``<folder>/<relative>`` that exists on the search path, or None."""
    for folder in search_path(kind, user_dirs):
        p = folder / relative
        if p.is_file():
            return p
    return None
