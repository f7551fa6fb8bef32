"""Bytes to clean text: encodings, and characters a Word document cannot hold.

Part of :mod:`resumegen.yamlio`; see there for the rules.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from resumegen.errors import Diagnostic, RecordError, Severity
from resumegen.messages import Message, diagnostic, env_lang, message_lang, noun

MAX_CHAR_ERRORS = 20


def _diag(
    name: str, line: int, column: int, lang: str, message: Message, severity: Severity = "error"
) -> Diagnostic:
    return diagnostic(name, line, column, "", lang, message, severity)


def _refuse(name: str, line: int, column: int, lang: str, id: str, **slots: object) -> RecordError:
    return RecordError([_diag(name, line, column, lang, Message(id, slots))])


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


def decode_bytes(data: bytes, name: str, kind: str = "record") -> str:
    """Decode a file's bytes; RecordError for binary or non-UTF text.

    The file cannot say its language here, so the messages follow the
    environment (:func:`~resumegen.messages.env_lang`), except for a
    Shift_JIS file holding Japanese, which is told in Japanese.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise _refuse(name, 0, 0, env_lang(), "decode.bad_bom", codec=codec) from exc
    nul = data.find(b"\x00")
    if nul >= 0 and _looks_utf16(data):
        raise _refuse(name, 0, 0, env_lang(), "decode.utf16")
    if nul >= 0:
        line, col = _byte_position(data, nul)
        raise _refuse(name, line, col, env_lang(), "decode.binary", noun=noun(kind))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        try:
            text = data.decode("cp932")
        except UnicodeDecodeError:
            raise _refuse(name, line, col, env_lang(), "decode.not_utf8") from exc
        raise _refuse(name, line, col, message_lang(None, (text,)), "decode.shift_jis") from exc


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


def clean_text(text: str, name: str, lang: str) -> Cleaned:
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

    # each VT/FF (line, column, what it is, its code), in case it cannot become a line break
    breaklike: list[tuple[int, int, Message, str]] = []
    for m in BAD_CHARS.finditer(text):
        ch = m.group()
        line, col = where(m.start())
        code = f"{ord(ch):04X}"
        if ch in BREAKLIKE:
            what = Message("char.vertical_tab" if ch == "\x0b" else "char.form_feed")
            breaklike.append((line, col, what, code))
            message = Message("char.break", {"what": what, "code": code})
            warnings.append(_diag(name, line, col, lang, message, "warning"))
        elif len(errors) < MAX_CHAR_ERRORS:
            errors.append(_diag(name, line, col, lang, Message("char.control", {"code": code})))
    if not (warnings or errors):
        return Cleaned(text, None, None, warnings, errors)
    markers = _unused_chars(text, 2)
    if len(markers) < 2:
        # Every private-use character occurs, so none can stand in for the
        # characters found: they are reported where they are, without a parse.
        raise RecordError(
            errors
            or [
                _diag(
                    name, line, col, lang, Message("char.break_unreadable", {"what": w, "code": c})
                )
                for line, col, w, c in breaklike[:MAX_CHAR_ERRORS]
            ]
        )
    breaks, bad = markers
    text = BAD_CHARS.sub(lambda m: breaks if m.group() in BREAKLIKE else bad, text)
    return Cleaned(text, breaks, bad, warnings, errors)
