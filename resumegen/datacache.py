"""Bundled data (phrasebooks, question banks, metric catalogues), compiled ahead of time.

Reading the bundled YAML with positions is pure-Python work: about 0.7 s a
process, three quarters of a one-document ``render``. The data never changes
between releases, so ``tools/build_data.py`` stores the parsed objects in
``resumegen/_compiled/`` together with a fingerprint of everything they were
made from (the YAML files and the source of the code that parses them).

At run time the fingerprint is recomputed (hashing a few hundred kilobytes
takes about a millisecond) and the stored copy is used only when it matches;
otherwise the YAML is parsed as usual. So an edited phrasebook or loader is
always honoured, never shadowed by a stale copy, and a test fails when the
shipped copies are stale. User-supplied files never go through here.

The stored copies are pickles written by resumegen's own build step and
shipped inside the package, next to the code that reads them: they are no
more trusted than the package's ``.py`` files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

COMPILED = Path(__file__).resolve().parent / "_compiled"
_PKG = Path(__file__).resolve().parent
# Bump when the stored layout changes.
FORMAT = 1


def code_files() -> list[Path]:
    """The source files whose classes and parsing rules shape the stored objects."""
    return [
        *sorted((_PKG / "enrich").glob("*.py")),
        *sorted((_PKG / "resources").glob("*.py")),
        *sorted((_PKG / "yamlio").glob("*.py")),
        _PKG / "record" / "model.py",
        _PKG / "errors.py",
        Path(__file__).resolve(),
    ]


def fingerprint(sources: Iterable[Path]) -> str:
    """A digest of the data files and the code that reads them (names and bytes)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"resumegen-data-{FORMAT}".encode())
    for p in [*sources, *code_files()]:
        h.update(p.name.encode("utf-8"))
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _path(name: str) -> Path:
    return COMPILED / f"{name}.pickle"


def load_compiled(name: str, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """The stored copy of *name* when it was made from exactly *sources*, else ``build()``."""
    try:
        want = fingerprint(sources)
        with _path(name).open("rb") as f:
            if pickle.load(f) == want:
                value: T = pickle.load(f)
                return value
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        pass
    return build()


def is_fresh(name: str, sources: Sequence[Path]) -> bool:
    try:
        with _path(name).open("rb") as f:
            return bool(pickle.load(f) == fingerprint(sources))
    except (OSError, EOFError, pickle.UnpicklingError):
        return False


def relocate(value: Any) -> Any:
    """*value* with the build machine's folders cut from file names it holds.

    Parsed entries remember their file for messages; a shipped copy should say
    ``phrasebooks/ja/leaving.yaml``, not where it happened to be built.
    """
    if isinstance(value, str):
        cut = value.rfind("phrasebooks/")
        return value[cut:] if cut > 0 and value.endswith((".yaml", ".yml")) else value
    if isinstance(value, tuple):
        return tuple(relocate(v) for v in value)
    if isinstance(value, list):
        return [relocate(v) for v in value]
    if isinstance(value, dict):
        return {k: relocate(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: relocate(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


def write_compiled(name: str, sources: Sequence[Path], value: Any) -> Path:
    """Store *value* as the compiled copy of *name* (used by tools/build_data.py)."""
    value = relocate(value)
    COMPILED.mkdir(exist_ok=True)
    path = _path(name)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(fingerprint(sources), f, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return path


def kinds() -> dict[str, tuple[Callable[[], Sequence[Path]], Callable[[], Any]]]:
    """Every compiled copy: name → (its source files, how to build it from them)."""
    from functools import partial

    from resumegen.resources import catalogue, questionbank
    from resumegen.resources import phrasebook_load as phrasebook

    out: dict[str, tuple[Callable[[], Sequence[Path]], Callable[[], Any]]] = {}
    for lang in ("ja", "en"):
        out[f"phrasebook-{lang}"] = (
            partial(phrasebook.bundled_sources, lang),
            partial(phrasebook.parse_bundled, lang),
        )
        out[f"questions-{lang}"] = (
            partial(questionbank.bundled_sources, lang),
            partial(questionbank.parse_bundled, lang),
        )
        out[f"metrics-{lang}"] = (
            partial(catalogue.bundled_sources, lang),
            partial(catalogue.parse_bundled, lang),
        )
    return out
