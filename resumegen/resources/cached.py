"""Every bundled data file that is parsed once and kept in the per-user cache.

Used to warm the cache and by the tests that check a cached copy equals a
fresh parse; nothing at run time imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from resumegen.resources import catalogue, questionbank
from resumegen.resources import phrasebook_load as phrasebook

__all__ = ["kinds", "warm"]


def kinds() -> dict[str, tuple[Callable[[], Sequence[Path]], Callable[[], Any]]]:
    """Every cached kind: name → (its source files, how to build it from them)."""
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


def warm() -> list[str]:
    """Parse and store every bundled kind that the cache lacks; the names it built.

    Batch runs call this before starting worker processes, so that a first run
    parses each file once instead of once a worker.
    """
    from resumegen.datacache import is_cached, load_compiled

    built = []
    for name, (sources, build) in kinds().items():
        files = sources()
        if not is_cached(name, files):
            load_compiled(name, files, build)
            built.append(name)
    return built
