"""Bytes to clean text: encodings, and characters a Word document cannot hold.

Part of :mod:`resumegen.yamlio`; see there for the rules.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass

from resumegen.errors import Diagnostic, RecordError

MAX_CHAR_ERRORS = 20


def _diag(name: str, line: int, column: int, message: str, severity: str = "error") -> Diagnostic:
    return Diagnostic(name, line, column, "", message, severity)  # type: ignore[arg-type]


# ---------------------------------------------------------------- bytes → text

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters, as far as they decode) of a byte offset."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    last = before[before.rfind(b"\n") + 1 :]
    return line, len(last.decode("utf-8", errors="replace")) + 1


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 text without a BOM: NUL bytes on one side of the pairs only.

    YAML keys are ASCII, so a record saved as UTF-16 has a NUL in every pair
    holding a key letter, always at the same side; a binary file does not.
    """
    head = data[:4096]
    if len(head) < 8 or len(head) % 2:
        return False
    pairs = len(head) // 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return min(even, odd) == 0 and max(even, odd) * 3 >= pairs


def decode_bytes(data: bytes, name: str, noun: str = "record") -> str:
    """Decode a file's bytes; RecordError for binary or non-UTF text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise RecordError.single(
                    name, 0, 0, "", f"the file starts with a {codec} BOM but is not valid {codec}"
                ) from exc
    nul = data.find(b"\x00")
    if nul >= 0 and _looks_utf16(data):
        raise RecordError.single(
            name,
            0,
            0,
            "",
            "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 and try again",
        )
    if nul >= 0:
        line, col = _byte_position(data, nul)
        raise RecordError.single(
            name, line, col, "", f"this is a binary file (it contains NUL bytes), not a YAML {noun}"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        hint = ""
        try:
            data.decode("cp932")
            hint = " (it looks like Shift_JIS/CP932)"
        except UnicodeDecodeError:
            pass
        raise RecordError.single(
            name,
            line,
            col,
            "",
            f"the file is not UTF-8{hint}; save it as UTF-8 and try again",
        ) from exc


# ---------------------------------------------------------------- characters

BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
BREAKLIKE = "\x0b\x0c"


@dataclass
class Cleaned:
    """Text ready for the parser, and what the character scan found."""

    text: str
    breaks: str | None  # stands in for VT/FF; scalars turn it into a line break
    bad: str | None  # stands in for forbidden characters, so the text still parses
    warnings: list[Diagnostic]
    errors: list[Diagnostic]


def _unused_chars(text: str, count: int) -> list[str]:
    """Up to *count* private-use characters that do not occur in *text*."""
    used = set(text)
    unused = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in used)
    return list(itertools.islice(unused, count))


def clean_text(text: str, name: str) -> Cleaned:
    """Normalise line ends, swap VT/FF and forbidden characters for markers.

    The markers are private-use characters absent from the text, so the YAML
    structure is untouched by the swap: VT/FF become line breaks inside
    scalars after parsing, and the parse lets each forbidden character's
    error name the key it sits in.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(offset: int) -> tuple[int, int]:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - line_starts[lo] + 1

    for m in BAD_CHARS.finditer(text):
        ch = m.group()
        line, col = where(m.start())
        if ch in BREAKLIKE:
            label = "vertical tab" if ch == "\x0b" else "form feed"
            warnings.append(
                _diag(
                    name,
                    line,
                    col,
                    f"{label} (U+{ord(ch):04X}) turned into a line break",
                    "warning",
                )
            )
        elif len(errors) < MAX_CHAR_ERRORS:
            errors.append(
                _diag(
                    name,
                    line,
                    col,
                    f"control character U+{ord(ch):04X} is not allowed (Word documents cannot hold it); delete it",
                )
            )
    if not (warnings or errors):
        return Cleaned(text, None, None, warnings, errors)
    markers = _unused_chars(text, 2)
    if len(markers) < 2:
        # Every private-use character occurs, so none can stand in for the
        # characters found: they are reported where they are, without a parse.
        raise RecordError(errors or [_unreadable(w) for w in warnings[:MAX_CHAR_ERRORS]])
    breaks, bad = markers
    text = BAD_CHARS.sub(lambda m: breaks if m.group() in BREAKLIKE else bad, text)
    return Cleaned(text, breaks, bad, warnings, errors)


def _unreadable(warning: Diagnostic) -> Diagnostic:
    """A VT/FF warning as an error, for a file where it cannot be turned into a line break."""
    what = warning.message.split(" turned into", 1)[0]
    return dataclasses.replace(
        warning,
        severity="error",
        message=f"{what} cannot be read in a file that uses every private-use character; delete it",
    )
