"""Commented starter records for ``resumegen init``.

One file a profile and language lives in ``starters/`` beside this module
(shipped inside the wheel). Each is a complete fictional record that validates
as written, with comments in the record's language explaining every field,
so that a new user edits a working example instead of a blank page.
"""

from __future__ import annotations

from pathlib import Path

from resumegen.record.model import LANGS, PROFILES

__all__ = ["starter_path", "starter_record"]

_DIR = Path(__file__).resolve().parent / "starters"


def starter_path(profile: str = "general", lang: str = "ja") -> Path:
    """The bundled starter file for *profile* and *lang*; ValueError for unknown ones."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; use one of {', '.join(PROFILES)}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    return _DIR / f"{profile}-{lang}.yaml"


def starter_record(profile: str = "general", lang: str = "ja") -> str:
    """The starter record text (YAML with comments) for *profile* and *lang*."""
    return starter_path(profile, lang).read_text(encoding="utf-8")
