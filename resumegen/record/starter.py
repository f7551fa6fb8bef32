"""Commented starter records for ``resumegen init``.

One file a profile and language lives in ``starters/`` beside this module
(shipped inside the wheel). Each is a complete fictional record that validates
as written, with comments in the record's language explaining every field,
so that a new user edits a working example instead of a blank page.

The first line of every starter is a yaml-language-server modeline naming
``record.schema.json``, a path relative to the record. There is no hosted
schema, so :func:`write_starter` puts the schema file beside the record:
editors then complete and check the record offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from resumegen.errors import UsageError
from resumegen.record.model import LANGS, PROFILES
from resumegen.record.schema import schema_text
from resumegen.write import atomic_write

__all__ = [
    "MODELINE",
    "SCHEMA_FILE",
    "InitResult",
    "starter_path",
    "starter_record",
    "write_starter",
]

SCHEMA_FILE = "record.schema.json"
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"

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


@dataclass(frozen=True)
class InitResult:
    """What :func:`write_starter` did.

    ``schema`` is the schema file written beside the record, or None when one
    was already there; ``note`` is one line for the user when the file there
    differs from this version's schema (it is left as it is).
    """

    record: Path
    schema: Path | None
    note: str | None


def write_starter(
    path: Path, profile: str = "general", lang: str = "ja", *, force: bool = False
) -> InitResult:
    """Write the starter record to *path* and ``record.schema.json`` beside it.

    Refuses (OutputExistsError, nothing written) when *path* exists and not *force*.
    The schema file is written only when absent: one that is already there is
    never replaced, since the user may have put it there on purpose.
    """
    path = Path(path)
    schema_path = path.parent / SCHEMA_FILE
    if path.name == SCHEMA_FILE:
        raise UsageError(
            f"{path}: that name is kept for the schema the record points at; "
            "choose another name such as me.yaml"
        )
    atomic_write(path, starter_record(profile, lang).encode("utf-8"), force=force)
    wanted = schema_text().encode("utf-8")
    if not (schema_path.exists() or schema_path.is_symlink()):
        atomic_write(schema_path, wanted, force=False)
        return InitResult(path, schema_path, None)
    try:
        same = schema_path.is_file() and schema_path.read_bytes() == wanted
    except OSError:
        same = False
    note = None
    if not same:
        note = (
            f"note: {schema_path} differs from this version's schema and was left as it is; "
            f"`resumegen schema -o {schema_path} --force` replaces it"
        )
    return InitResult(path, None, note)
