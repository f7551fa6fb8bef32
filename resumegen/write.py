"""Writing outputs safely: safe file names, atomic writes, no silent overwrite.

File and folder names are built from record content (a person's name, an
employer), which is user text: it may hold slashes, ``..``, control
characters or names Windows refuses. :func:`safe_name` turns any text into
one harmless path component, so an output can never land outside the folder
the user chose.

Every file is written to a temporary file in the same folder, flushed to
disk and renamed over the target, so a crash or Ctrl-C leaves either the old
file or the new one, never half of one. An existing file is only replaced
when the caller says ``force``.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from resumegen.errors import UsageError

__all__ = [
    "atomic_write",
    "compact_name",
    "safe_name",
    "unique_name",
    "write_files",
]

FALLBACK_NAME = "record"

# Characters Windows forbids in names; "/" and "\\" are separators everywhere.
_FORBIDDEN = set('<>:"/\\|?*')
# Control, format (zero-width, bidi), surrogate, private-use and unassigned.
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn"}
# Device names Windows reserves, with or without an extension (``CON.docx``).
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
# Suffixes that unique_name keeps at the end (``a.docx`` -> ``a-2.docx``).
_KNOWN_SUFFIXES = {".docx", ".pdf", ".xlsx", ".jsonl", ".json", ".yaml", ".yml"}

# The process umask, read once: temporary files are created 0600 and get the
# permissions an ordinary open() would have given them before the rename.
_UMASK = os.umask(0)
os.umask(_UMASK)


def _is_wide(ch: str) -> bool:
    """True for CJK and other full-width letters (names written without spaces)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def compact_name(text: str) -> str:
    """Drop the space between two full-width characters (``平田 健一`` -> ``平田健一``).

    Japanese names are written with a space between family and given name on
    forms, but file names conventionally join them; Latin names keep their
    space (it becomes ``_`` in :func:`safe_name`).
    """
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch.isspace():
            prev = out[-1] if out else ""
            nxt = next((c for c in chars[i + 1 :] if not c.isspace()), "")
            if prev and nxt and _is_wide(prev) and _is_wide(nxt):
                continue
        out.append(ch)
    return "".join(out)


def _unsafe(ch: str) -> bool:
    """Whitespace, separators, Windows-forbidden and invisible characters."""
    return ch.isspace() or ch in _FORBIDDEN or unicodedata.category(ch) in _INVISIBLE


def safe_name(text: str, *, max_len: int = 80) -> str:
    """One harmless path component made from *text*.

    No separators, no ``..``, no control or format characters, no character
    or device name that Windows rejects, no leading dot (hidden file), no
    trailing dot or space; spaces fold to ``_``; Unicode is NFC so the same
    name typed on two systems gives the same file. Japanese stays readable.
    Never empty: text with nothing usable gives ``record``.
    """
    text = unicodedata.normalize("NFC", text)
    name = "".join("_" if _unsafe(ch) else ch for ch in text)
    name = re.sub(r"\.{2,}", ".", name)
    name = re.sub(r"_{2,}", "_", name)
    name = name[:max_len] if max_len > 0 else name
    name = name.strip("._ ")
    if not name:
        return FALLBACK_NAME
    if name.split(".", 1)[0].upper() in _RESERVED:
        name = ("_" + name)[: max_len if max_len > 0 else None]
    return name


def _split_suffix(name: str) -> tuple[str, str]:
    """(stem, suffix) when *name* ends in a file type we write, else (name, "")."""
    dot = name.rfind(".")
    if dot > 0 and name[dot:].lower() in _KNOWN_SUFFIXES:
        return name[:dot], name[dot:]
    return name, ""


def unique_name(name: str, taken: set[str]) -> str:
    """*name*, or ``name-2``, ``name-3`` … : the first not in *taken*, ignoring case.

    Case is ignored because two names differing only in case are one file on
    Windows and macOS. *taken* is not modified; the caller adds the result.
    """
    folded = {t.casefold() for t in taken}
    if name.casefold() not in folded:
        return name
    stem, suffix = _split_suffix(name)
    n = 2
    while f"{stem}-{n}{suffix}".casefold() in folded:
        n += 1
    return f"{stem}-{n}{suffix}"


def atomic_write(path: Path, data: bytes, *, force: bool) -> None:
    """Write *data* to *path* through a temporary file and a rename.

    Refuses to replace an existing file unless *force*. On any failure the
    temporary file is removed and *path* is untouched.
    """
    path = Path(path)
    if not force and (path.exists() or path.is_symlink()):
        raise UsageError(f"{path} exists; use --force to overwrite", option="--force")
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:40]}.", suffix=".part")
    except OSError as exc:
        raise UsageError(f"cannot write to folder {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def _inside(out_dir: Path, name: str) -> Path:
    """``out_dir/name``, refusing any name that is not one plain component."""
    bad = (
        not name
        or name in (".", "..")
        or "/" in name
        or "\\" in name
        or "\0" in name
        or (os.altsep is not None and os.altsep in name)
    )
    target = Path(os.path.abspath(out_dir / name))
    if bad or target.parent != Path(os.path.abspath(out_dir)):
        raise UsageError(f"output name {name!r} would leave {out_dir}")
    return target


def write_files(out_dir: Path, files: Mapping[str, bytes], *, force: bool) -> list[Path]:
    """Write every ``name -> bytes`` into *out_dir*; check all names before writing one.

    All targets are checked first, so that a refused overwrite leaves the
    folder exactly as it was instead of with half a packet replaced.
    """
    out_dir = Path(out_dir)
    targets = {name: _inside(out_dir, name) for name in files}
    if not force:
        existing = [p for p in targets.values() if p.exists() or p.is_symlink()]
        if existing:
            more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
            raise UsageError(
                f"{out_dir / existing[0].name} exists{more}; use --force to overwrite",
                option="--force",
            )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create folder {out_dir}: {exc.strerror or exc}") from None
    written: list[Path] = []
    for name, data in files.items():
        path = out_dir / name
        atomic_write(path, data, force=force)
        written.append(path)
    return written
