"""Writing outputs safely: safe file names, atomic writes, no silent overwrite.

File and folder names are built from record content (a person's name, an
employer), which is user text: it may hold slashes, ``..``, control
characters or names Windows refuses. :func:`safe_name` turns any text into
one harmless path component, so an output can never land outside the folder
the user chose.

Every file is written to a temporary file in the same folder, flushed to
disk and renamed over the target, so a crash or Ctrl-C leaves either the old
file or the new one, never half of one; the folder is flushed too, so the
renames survive a crash. An existing file is only replaced when the caller
says ``force``. Nothing is ever written through a symbolic link: the folder
is opened once (refusing a link where the caller asks), and every file in it
is checked with ``lstat`` and created with ``O_NOFOLLOW``, relative to that
open folder, so a link swapped in while writing is not followed either.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from resumegen.errors import OutputExistsError, WriteError

__all__ = [
    "LOCK_NAME",
    "NAME_BYTES",
    "TEMPORARY_PREFIX",
    "TEMPORARY_SUFFIX",
    "atomic_write",
    "compact_name",
    "fit_bytes",
    "link_refused",
    "locked_folder",
    "open_folder",
    "plain_name",
    "remove_leftovers",
    "safe_name",
    "unique_name",
    "write_files",
]

log = logging.getLogger(__name__)

FALLBACK_NAME = "record"

# A name made here is at most this many bytes in UTF-8: file systems count
# bytes (255 on most), and ``-2`` or a temporary file's affixes must still fit.
NAME_BYTES = 200
# The writer's temporary files: ``.resumegen-<name>.<8 hex>.part``, so that a
# run can recognise (and remove) those a killed run left behind.
TEMPORARY_PREFIX = ".resumegen-"
TEMPORARY_SUFFIX = ".part"
# The lock file a batch run holds in its output folder.
LOCK_NAME = ".resumegen.lock"
_TEMPORARY = re.compile(
    re.escape(TEMPORARY_PREFIX) + r".*\.[0-9a-f]{8}" + re.escape(TEMPORARY_SUFFIX)
)

# Punctuation a name keeps (the katakana middle dot of ジョン・スミス too); every
# other character that is not a letter, a combining mark or a digit (of any
# script) becomes ``_``.
_NAME_PUNCTUATION = "-_.\u30fb"
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
    """Anything but a letter, mark or digit of any script, ``-``, ``_``, ``.`` and ``・``."""
    return ch not in _NAME_PUNCTUATION and unicodedata.category(ch)[0] not in "LMN"


def fit_bytes(text: str, budget: int) -> str:
    """*text* cut to at most *budget* bytes of UTF-8, at a character boundary."""
    data = text.encode("utf-8")
    if len(data) <= budget:
        return text
    return data[: max(budget, 0)].decode("utf-8", errors="ignore")


def safe_name(text: str, *, max_len: int = 80, max_bytes: int = NAME_BYTES) -> str:
    """One harmless path component made from *text*.

    At most *max_len* characters and *max_bytes* bytes of UTF-8. Only
    letters and digits of any script (with their combining marks), ``-``,
    ``_``, ``.`` and the katakana middle dot ``・`` are kept, so a name needs no quoting in a shell and is
    valid on Windows: every other character (spaces, apostrophes, slashes,
    brackets, controls) becomes ``_``, and runs of ``_`` fold to one. No
    ``..``, no leading dot (hidden file) or ``-`` (read as an option), no
    trailing dot, no device name Windows reserves; Unicode is NFC so the same
    name typed on two systems gives the same file. Japanese stays readable.
    Never empty: text with nothing usable gives ``record``.
    """
    text = unicodedata.normalize("NFC", text)
    name = "".join("_" if _unsafe(ch) else ch for ch in text)
    name = re.sub(r"\.{2,}", ".", name)
    name = re.sub(r"_{2,}", "_", name)
    name = name[:max_len] if max_len > 0 else name
    name = fit_bytes(name, max_bytes)
    name = name.lstrip("-._").rstrip("._")
    if not name:
        return FALLBACK_NAME
    if name.split(".", 1)[0].upper() in _RESERVED:
        name = fit_bytes(("_" + name)[: max_len if max_len > 0 else None], max_bytes)
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


# Flags that refuse to follow a symbolic link at the last step (0 where unknown).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_BINARY = getattr(os, "O_BINARY", 0)
# Whether files can be opened relative to an open folder (POSIX); else by full path.
_AT = os.open in os.supports_dir_fd and os.replace in os.supports_dir_fd


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def link_refused(path: Path) -> WriteError:
    """The error for an output that is a symbolic link."""
    return WriteError(
        f"{path} is a symbolic link; refusing to write through it",
        path=str(path),
        fix="remove the link or choose another output folder",
    )


def plain_name(folder: Path, name: str) -> Path:
    """``folder/name``, refusing any name that is not one plain path component."""
    bad = (
        not name
        or name in (".", "..")
        or "/" in name
        or "\\" in name
        or "\0" in name
        or (os.altsep is not None and os.altsep in name)
    )
    if bad:
        raise WriteError(f"output name {name!r} would leave {folder}", path=str(folder))
    return folder / name


@contextlib.contextmanager
def open_folder(folder: Path, *, create: bool = True, follow: bool = True) -> Iterator[int | None]:
    """The folder, opened once, for writing into it (None where folders cannot be opened).

    With *create* a missing folder is made (its parents too); the last one
    exclusively, so a folder that appeared meanwhile is checked like any
    other. Without *follow*, a folder that is a symbolic link is refused.
    """
    folder = Path(folder)
    if create:
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(folder)
            log.debug("created a folder")
        except FileExistsError:
            pass
        except OSError as exc:
            what = f"cannot create folder {folder}: {_reason(exc)}"
            raise WriteError(what, path=str(folder)) from None
    if not follow and folder.is_symlink():
        raise link_refused(folder)
    if not _AT:
        if not folder.is_dir():
            raise WriteError(f"cannot write to folder {folder}: not a folder", path=str(folder))
        yield None
        return
    flags = os.O_RDONLY | _DIRECTORY | (0 if follow else _NOFOLLOW)
    try:
        fd = os.open(folder, flags)
    except OSError as exc:
        if not follow and folder.is_symlink():
            raise link_refused(folder) from None
        raise WriteError(
            f"cannot write to folder {folder}: {_reason(exc)}", path=str(folder)
        ) from None
    try:
        yield fd
    finally:
        os.close(fd)


def _at(folder: Path, fd: int | None, name: str) -> str:
    """How to name *name* to the ``os`` functions: by itself beside an open folder."""
    return name if fd is not None else str(folder / name)


def _lstat(folder: Path, fd: int | None, name: str) -> os.stat_result | None:
    try:
        return os.stat(_at(folder, fd, name), dir_fd=fd, follow_symlinks=False)
    except FileNotFoundError:
        return None
    except OSError as exc:
        path = folder / name
        raise WriteError(f"cannot write {path}: {_reason(exc)}", path=str(path)) from None


def check_targets(
    folder: Path, fd: int | None, names: Iterable[str], *, force: bool, links: bool = False
) -> None:
    """Refuse a name in *folder* that is a symbolic link (always) or exists (without *force*).

    With *links*, only links are refused: the caller replaces what is there.
    """
    first_existing: Path | None = None
    for name in names:
        found = _lstat(folder, fd, name)
        if found is None:
            continue
        if stat.S_ISLNK(found.st_mode):
            raise link_refused(folder / name)
        if first_existing is None:
            first_existing = folder / name
    if first_existing is not None and not force and not links:
        raise OutputExistsError(str(first_existing))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def create_temporary(folder: Path, fd: int | None, name: str) -> tuple[str, int]:
    """A new, private file beside *name* in the open folder: (its name, an open descriptor).

    Created exclusively and never through a link; the umask applies, as for
    any new file.
    """
    tmp = f"{TEMPORARY_PREFIX}{fit_bytes(name, 100)}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
    return tmp, os.open(_at(folder, fd, tmp), flags, 0o666, dir_fd=fd)


def rename_into_place(folder: Path, fd: int | None, tmp: str, name: str) -> None:
    """Rename *tmp* over *name* in the open folder (a link there is replaced, never followed)."""
    os.replace(_at(folder, fd, tmp), _at(folder, fd, name), src_dir_fd=fd, dst_dir_fd=fd)


def sync_folder(folder: Path, fd: int | None) -> None:
    """Make the renames in the folder durable (POSIX; elsewhere a rename is as good as it gets)."""
    if fd is not None and os.name == "posix":
        with contextlib.suppress(OSError):
            os.fsync(fd)


def _write_into(
    folder: Path,
    fd: int | None,
    files: Mapping[str, bytes],
) -> None:
    """Stage every file, flush them together, rename them into place, flush the folder.

    Each file is old or new, never half written, and no temporary file is
    left behind; flushing the files together costs about one flush, which a
    journalling file system commits in one go.
    """
    staged: list[tuple[str, str]] = []  # (temporary, target); renamed ones removed
    current = ""
    try:
        descriptors: list[int] = []
        try:
            for name, data in files.items():
                current = name
                tmp, out = create_temporary(folder, fd, name)
                descriptors.append(out)
                staged.append((tmp, name))
                _write_all(out, data)
            for out in descriptors:
                os.fsync(out)
        finally:
            for out in descriptors:
                os.close(out)
        while staged:
            tmp, current = staged[0]
            rename_into_place(folder, fd, tmp, current)
            staged.pop(0)
        sync_folder(folder, fd)
    except BaseException as exc:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(_at(folder, fd, tmp), dir_fd=fd)
        if isinstance(exc, OSError):
            path = folder / current
            raise WriteError(f"cannot write {path}: {_reason(exc)}", path=str(path)) from None
        raise


def write_files(
    out_dir: str | os.PathLike[str],
    files: Mapping[str, bytes],
    *,
    force: bool = False,
    also: Iterable[str] = (),
    follow: bool = True,
) -> list[Path]:
    """Write every ``name -> bytes`` into *out_dir* atomically; check all names before writing one.

    Without *force*, nothing is written when any of the names (or of those in
    *also*) exists, so a refused overwrite leaves the folder as it was. A
    name that is a symbolic link is refused even with *force*; without
    *follow* so is an *out_dir* that is one. The folder is made when missing.
    """
    out_dir = Path(out_dir)
    targets = [plain_name(out_dir, name) for name in files]
    others = [plain_name(out_dir, name).name for name in also]
    folded: dict[str, str] = {}
    for name in [*files, *others]:
        first = folded.setdefault(name.casefold(), name)
        if first != name:  # one file where case does not count: one would replace the other
            path = out_dir / name
            raise WriteError(f"{path} and {first} would be the same file", path=str(path))
    with open_folder(out_dir, follow=follow) as fd:
        check_targets(out_dir, fd, [*files, *others], force=force)
        _write_into(out_dir, fd, files)
    log.debug("wrote %d files", len(files))
    return targets


def atomic_write(path: Path, data: bytes, *, force: bool) -> None:
    """Write *data* to *path* through a temporary file and a rename.

    Refuses to replace an existing file unless *force*, and a symbolic link
    always. The folder must exist. On any failure the temporary file is
    removed and *path* is untouched.
    """
    path = Path(path)
    with open_folder(path.parent, create=False) as fd:
        check_targets(path.parent, fd, [path.name], force=force)
        _write_into(path.parent, fd, {path.name: data})


def remove_leftovers(folder: Path, *, depth: int = 1) -> int:
    """Remove the temporary files a killed writer left in *folder* and its subfolders.

    Only files named like :func:`create_temporary`'s, only *depth* folders
    down, never through a link. Call it only while no other writer works
    there (a batch run holds its output folder's lock). Returns how many.
    """
    removed = 0
    flags = os.O_RDONLY | _DIRECTORY | _NOFOLLOW
    try:
        fd = os.open(folder, flags) if _AT else None
    except OSError:
        return 0
    try:
        entries = list(os.scandir(fd if fd is not None else folder))
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    if depth > 0:
                        removed += remove_leftovers(Path(folder) / entry.name, depth=depth - 1)
                elif entry.is_file(follow_symlinks=False) and _TEMPORARY.fullmatch(entry.name):
                    os.unlink(_at(Path(folder), fd, entry.name), dir_fd=fd)
                    removed += 1
    except OSError:
        pass
    finally:
        if fd is not None:
            os.close(fd)
    if removed:
        log.info("removed %d temporary files left by an earlier run", removed)
    return removed


def _lock_exclusive(fd: int) -> None:
    """Lock the open file *fd* for this process without waiting; OSError when it is taken."""
    if sys.platform == "win32":  # no flock: a byte-range lock on the file's first byte
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


@contextlib.contextmanager
def locked_folder(folder: Path) -> Iterator[None]:
    """Hold *folder*'s lock file (:data:`LOCK_NAME`) exclusively while the block runs.

    The folder is made when missing. Another holder makes this a
    :class:`WriteError` at once (no waiting). The lock goes with the process
    that holds it, so a killed run leaves the folder unlocked; a run that
    ends removes the file (a run that took the lock on a file removed
    meanwhile refuses, as if it were locked). Never opened through a link.
    """
    folder = Path(folder)
    with open_folder(folder) as dir_fd:
        path = folder / LOCK_NAME
        name = _at(folder, dir_fd, LOCK_NAME)
        flags = os.O_RDWR | os.O_CREAT | _NOFOLLOW | _BINARY
        try:
            fd = os.open(name, flags, 0o666, dir_fd=dir_fd)
        except OSError as exc:
            if path.is_symlink():
                raise link_refused(path) from None
            raise WriteError(f"cannot lock {folder}: {_reason(exc)}", path=str(path)) from None
        try:
            try:
                _lock_exclusive(fd)
                mine = os.fstat(fd)
                there = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
                if (mine.st_dev, mine.st_ino) != (there.st_dev, there.st_ino):
                    raise OSError("the lock file was replaced")
            except OSError:
                raise WriteError(
                    f"{folder} is in use by another resumegen batch run",
                    path=str(folder),
                    fix="wait for it to finish or choose another output folder",
                ) from None
            log.debug("locked the output folder")
            try:
                yield
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(name, dir_fd=dir_fd)
        finally:
            os.close(fd)
