"""The 履歴書 photo (``person.photo``): found, read and checked in one place.

The path is taken relative to the record's folder and must stay inside it
(after symlinks are resolved) unless the caller names a wider root. Only a
regular file is opened (never a FIFO or a device, which would hang or never
end), it is read up to :data:`MAX_BYTES`, and it must be a PNG or JPEG by its
content with a size of at most :data:`MAX_SIDE` pixels a side read from its
header. Every problem is one error at ``person.photo``.
"""

from __future__ import annotations

import os
import stat
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from resumegen.errors import Diagnostic, RecordError
from resumegen.messages import Message, diagnostic, message_lang
from resumegen.record.model import Record

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 10_000

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_GIF = (b"GIF87a", b"GIF89a")
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


@dataclass(frozen=True)
class Photo:
    """A checked photo: its bytes, its type by content and its size in pixels."""

    data: bytes
    kind: Literal["png", "jpeg"]
    width: int
    height: int


class PhotoProblem(ValueError):
    """What is wrong with a photo, in one line (without the file name).

    ``message`` says it in any language; ``str()`` is the English sentence.
    """

    def __init__(self, id: str, /, **slots: object) -> None:
        self.message = Message(id, slots)
        super().__init__(str(self.message))


def read_photo_file(path: str, folder: Path, *, root: Path | None = None) -> bytes:
    """The bytes of *path* (relative to *folder*), which must be a regular file under *root*.

    *root* defaults to *folder*. Raises :class:`PhotoProblem`.
    """
    inside = (root if root is not None else folder).resolve()
    try:
        real = (folder / path).resolve(strict=True)
    except FileNotFoundError:
        raise PhotoProblem("photo.missing") from None
    except (OSError, RuntimeError, ValueError) as exc:  # ValueError: a NUL in the name
        raise PhotoProblem("photo.unreadable", reason=_reason(exc)) from None
    if not real.is_relative_to(inside):
        raise PhotoProblem("photo.outside", folder=str(inside))
    try:
        st = os.stat(real)
        if not stat.S_ISREG(st.st_mode):
            raise PhotoProblem("photo.not_regular")
        if st.st_size > MAX_BYTES:
            raise PhotoProblem("photo.too_big", mb=MAX_BYTES // (1024 * 1024))
        fd = os.open(real, _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as f:
            now = os.fstat(fd)
            if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
                raise PhotoProblem("photo.changed")
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise PhotoProblem("photo.unreadable", reason=_reason(exc)) from None
    if len(data) > MAX_BYTES:
        raise PhotoProblem("photo.too_big", mb=MAX_BYTES // (1024 * 1024))
    return data


def inspect_photo(data: bytes) -> Photo:
    """*data* as a :class:`Photo` when it is a PNG or JPEG of a sane size; else PhotoProblem."""
    if len(data) > MAX_BYTES:
        raise PhotoProblem("photo.too_big", mb=MAX_BYTES // (1024 * 1024))
    kind: Literal["png", "jpeg"]
    if data.startswith(_PNG):
        kind, size = "png", _png_size(data)
    elif data.startswith(_JPEG):
        kind, size = "jpeg", _jpeg_size(data)
    elif data.startswith(_GIF):
        raise PhotoProblem("photo.gif")
    else:
        raise PhotoProblem("photo.not_image")
    if size is None:
        raise PhotoProblem("photo.no_size", kind=kind.upper())
    width, height = size
    if width > MAX_SIDE or height > MAX_SIDE:
        raise PhotoProblem("photo.too_large", width=width, height=height, limit=MAX_SIDE)
    return Photo(data, kind, width, height)


def load_photo(
    record: Record, *, root: Path | None = None, read: Callable[[str], bytes] | None = None
) -> Photo | None:
    """The record's checked photo, or None when it names none.

    The file is read next to ``record.source`` (see :func:`read_photo_file`),
    or by *read* when given (its bytes are checked all the same). Raises
    :class:`RecordError` positioned at ``person.photo``.
    """
    path = record.person.photo
    if not path:
        return None
    try:
        if read is None:
            data = read_photo_file(path, _folder(record), root=root)
        else:
            try:
                data = read(path)
            except OSError as exc:
                raise PhotoProblem("photo.unreadable", reason=_reason(exc)) from None
        return inspect_photo(data)
    except PhotoProblem as exc:
        raise RecordError([_diagnostic(record, path, exc)]) from None


def photo_problems(record: Record, *, root: Path | None = None) -> list[Diagnostic]:
    """The photo's problems as diagnostics (empty when it is fine or absent)."""
    try:
        load_photo(record, root=root)
    except RecordError as exc:
        return list(exc.diagnostics)
    return []


def _folder(record: Record) -> Path:
    return Path(record.source).parent if record.source else Path()


def _diagnostic(record: Record, path: str, problem: PhotoProblem) -> Diagnostic:
    """The photo's *problem* at ``person.photo``, in the record's language."""
    line, column = record.where("person.photo")
    message = Message("photo.problem", {"path": path, "problem": problem.message})
    lang = message_lang(record.lang)
    return diagnostic(record.source, line, column, "person.photo", lang, message)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return type(exc).__name__


def _png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the IHDR chunk, which a PNG must start with."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    w, h = struct.unpack(">II", data[16:24])
    return (w, h) if w and h else None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk the JPEG markers to the first start-of-frame, which carries the size."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker in (0xFF, 0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 1 if marker == 0xFF else 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[i + 5 : i + 9])
            return (w, h) if w and h else None
        if length < 2:
            return None
        i += 2 + length
    return None
