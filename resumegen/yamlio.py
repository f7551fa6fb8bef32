"""The one YAML reader: any file resumegen reads becomes a small positioned tree.

Records, phrasebooks, question banks and metric catalogues all go through
here, so they share the same refusals, limits and ``FILE:LINE:COLUMN: path:
message`` diagnostics. What differs between kinds of file is a
:class:`Limits`: the name used in messages, the size cap, the nesting cap and
whether an empty file is an error. A record (:data:`RECORD`) may be at most
1 MB; a data file (:func:`data_limits`) up to 4 MB, because the bundled
``phrasebooks/*/leaving-examples.yaml`` are about 400 KB and a user's book
may grow well past them. Both nest at most 20 levels deep.

Why a tree of our own rather than ruamel's constructed objects: validation
needs the *text* the user typed (``0901234`` must stay a phone number,
``11.0`` must keep its ``.0``) and the line and column of every key, item and
value. ruamel.yaml's pure-Python parser gives exactly that as a stream of
events; we build :class:`Scalar` / :class:`Mapping` / :class:`Sequence` nodes
from it and never run a YAML constructor, so no tag can build an object.

Everything unsafe is refused while the events stream by, before any tree is
built: anchors and aliases (so a "billion laughs" file stops at its first
anchor), merge keys, tags, nesting deeper than the limit, more than one
document. Before parsing, the file is checked for size, NUL bytes
(binary), encoding, and characters that Word documents cannot hold.

Encodings: UTF-8 (with or without BOM) and UTF-16/UTF-32 with a BOM are read.
Anything else, including Shift_JIS/CP932, is refused with a message saying to
save the file as UTF-8: guessing an encoding would risk silently wrong names.

Characters: CR LF and lone CR become LF. Vertical tab and form feed (left
behind by pasting from Word) become line breaks, with a warning naming their
position. Other C0/C1 controls, DEL, U+FFFE/U+FFFF and lone surrogates are
errors at their position.

All positions are 1-based (line, column), columns counted in characters.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml import tokens as tk
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from resumegen.errors import Diagnostic, RecordError

MAX_BYTES = 1_000_000
DATA_MAX_BYTES = 4_000_000
MAX_DEPTH = 20
MAX_CHAR_ERRORS = 20


@dataclass(frozen=True)
class Limits:
    """What a kind of file is called in messages, and how much of it is read."""

    noun: str = "record"
    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH
    # the error for an empty file; None: an empty file is an empty map
    empty: str | None = "the file is empty; `resumegen init` writes a starter record"


RECORD = Limits()


def data_limits(noun: str) -> Limits:
    """The limits of a data file (phrasebook, question bank, catalogue) called *noun*."""
    return Limits(noun, DATA_MAX_BYTES, MAX_DEPTH, None)


__all__ = [
    "DATA_MAX_BYTES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "RECORD",
    "Limits",
    "Mapping",
    "Node",
    "Scalar",
    "Sequence",
    "data_limits",
    "decode_bytes",
    "load_path",
    "load_text",
    "read_path",
]


@dataclass
class Node:
    line: int
    column: int


@dataclass
class Scalar(Node):
    """A scalar exactly as typed (after YAML's own quoting and folding)."""

    text: str
    plain: bool = True  # unquoted, so ``~``/``null``/empty mean "nothing"

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in ("", "~", "null", "Null", "NULL")


@dataclass
class Mapping(Node):
    items: list[tuple[Scalar, Node]] = field(default_factory=list)

    def keys(self) -> list[str]:
        return [k.text for k, _ in self.items]


@dataclass
class Sequence(Node):
    items: list[Node] = field(default_factory=list)


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


def read_path(path: str | os.PathLike[str], limits: Limits = RECORD) -> str:
    """Read and decode a file, checking its size before reading it."""
    name = os.fspath(path)
    p = Path(name)
    try:
        if p.is_dir():
            raise RecordError.single(name, 0, 0, "", f"is a folder, not a {limits.noun} file")
        size = p.stat().st_size
    except FileNotFoundError:
        raise RecordError.single(name, 0, 0, "", "file not found") from None
    except OSError as exc:
        raise RecordError.single(name, 0, 0, "", f"cannot read: {exc.strerror}") from None
    cap = limits.max_bytes
    if size > cap:
        raise RecordError.single(
            name, 0, 0, "", f"the file is {size:,} bytes; a {limits.noun} may be at most {cap:,}"
        )
    try:
        with p.open("rb") as fh:
            data = fh.read(cap + 1)
    except OSError as exc:
        raise RecordError.single(name, 0, 0, "", f"cannot read: {exc.strerror}") from None
    if len(data) > cap:
        raise RecordError.single(name, 0, 0, "", f"the file is larger than {cap:,} bytes")
    return decode_bytes(data, name, limits.noun)


# ---------------------------------------------------------------- characters

_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_BREAKLIKE = "\x0b\x0c"


@dataclass
class _Cleaned:
    """Text ready for the parser, and what the character scan found."""

    text: str
    breaks: str | None  # stands in for VT/FF; scalars turn it into a line break
    bad: str | None  # stands in for forbidden characters, so the text still parses
    warnings: list[Diagnostic]
    errors: list[Diagnostic]


def _unused_chars(text: str, count: int) -> list[str]:
    """*count* private-use characters that do not occur in *text*."""
    unused = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    return list(itertools.islice(unused, count))


def _clean_text(text: str, name: str) -> _Cleaned:
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

    for m in _BAD_CHARS.finditer(text):
        ch = m.group()
        line, col = where(m.start())
        if ch in _BREAKLIKE:
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
    breaks, bad = _unused_chars(text, 2) if warnings or errors else (None, None)
    if breaks is not None and bad is not None:
        text = _BAD_CHARS.sub(lambda m: breaks if m.group() in _BREAKLIKE else bad, text)
    return _Cleaned(text, breaks, bad, warnings, errors)


# ---------------------------------------------------------------- events → tree

_FRIENDLY = (
    (
        "mapping values are not allowed here",
        "unexpected `:` here; check the indentation, or quote a value that contains `: `",
    ),
)
_CLOSERS = {"[": "]", "{": "}"}


def _char_at(lines: list[str], line: int, column: int) -> str:
    """The character at a 0-based mark, or "" past the end."""
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _explain(exc: MarkedYAMLError, lines: list[str]) -> tuple[int, int, str]:
    """0-based (line, column) and a plain message for a YAML syntax error.

    The parser reports where it gave up, which for an unclosed quote or
    bracket is the end of the file or the next line; the user's mistake is
    the opener, so the error points there instead.
    """
    mark = exc.problem_mark
    assert mark is not None
    line, col = mark.line, mark.column
    problem = str(exc.problem or "YAML syntax error")
    context = str(exc.context or "")
    opener = exc.context_mark
    text = lines[line] if 0 <= line < len(lines) else ""
    indent = len(text) - len(text.lstrip(" "))
    if opener is not None and "quoted scalar" in context and "end of stream" in problem:
        quote = _char_at(lines, opener.line, opener.column) or '"'
        return (
            opener.line,
            opener.column,
            f"this `{quote}` opens a quoted value that is never closed; add the closing `{quote}`",
        )
    if opener is not None and "flow" in context and "expected ','" in problem:
        bracket = _char_at(lines, opener.line, opener.column)
        closer = _CLOSERS.get(bracket)
        if closer and (line != opener.line or "<stream end>" in problem):
            return (
                opener.line,
                opener.column,
                f"this `{bracket}` is never closed; add `{closer}` at the end of its value",
            )
    if "found character '\\t'" in problem:
        if col <= indent or not text[:col].strip():
            return line, col, "a tab character cannot indent YAML; use spaces"
        return line, col, "a tab character cannot separate YAML here; use a space"
    if "expected <block end>" in problem or "expected <block mapping key>" in problem:
        before = text[:col].rstrip()
        if col > indent and before.endswith(('"', "'")):
            return (
                line,
                col,
                "text after a closing quote; quote the whole value or leave the quotes out",
            )
        if col > indent and before.endswith(("]", "}")):
            return (
                line,
                col,
                f"text after a closing `{before[-1]}`; a value starting with `[` or `{{` "
                "is a list or a map, so quote it if it is text",
            )
        if col <= indent:
            return (
                line,
                col,
                "bad indentation: this line does not line up with the lines above",
            )
    for needle, friendly in _FRIENDLY:
        if needle in problem:
            return line, col, friendly
    if opener is not None and context:
        problem += f" ({context} at line {opener.line + 1})"
    return line, col, problem


def _unclosed_at_end(text: str) -> tuple[int, int, str] | None:
    """The innermost `[` or `{` still open when *text* ends, as (line, column, bracket)."""
    openers: list[tuple[int, int, str]] = []
    try:
        for token in YAML(typ="safe", pure=True).scan(text):
            if isinstance(token, (tk.FlowSequenceStartToken, tk.FlowMappingStartToken)):
                mark = token.start_mark
                openers.append((mark.line, mark.column, str(token.id)))
            elif isinstance(token, (tk.FlowSequenceEndToken, tk.FlowMappingEndToken)) and openers:
                openers.pop()
    except YAMLError:
        return None
    return openers[-1] if openers else None


def _parse_error(exc: YAMLError, name: str, text: str) -> RecordError:
    if isinstance(exc, MarkedYAMLError) and exc.problem_mark is not None:
        line, col, message = _explain(exc, text.split("\n"))
        opener = _unclosed_at_end(text) if "<stream end>" in str(exc.problem) else None
        if opener is not None:
            line, col, bracket = opener
            message = f"this `{bracket}` is never closed; add `{_CLOSERS[bracket]}` at the end of its value"
        return RecordError.single(name, line + 1, col + 1, "", message)
    return RecordError.single(name, 0, 0, "", f"YAML syntax error: {exc}")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Builder:
    """Consumes parser events and builds the tree, refusing unsafe constructs.

    Each node is built knowing its key path (``work[0].start``), so that the
    problems found here carry a path like the validator's do.
    """

    def __init__(
        self,
        name: str,
        breaks: str | None = None,
        bad: str | None = None,
        limits: Limits = RECORD,
    ):
        self.name = name
        self.limits = limits
        self.breaks = breaks
        self.markers = "".join(m for m in (breaks, bad) if m)
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        # (start, end, path) of scalars holding a marker, 1-based (line, column)
        self.spans: list[tuple[tuple[int, int], tuple[int, int], str]] = []

    def fail(self, event: ev.Event, path: str, message: str) -> RecordError:
        mark = event.start_mark
        return RecordError.single(self.name, mark.line + 1, mark.column + 1, path, message)

    def check(self, event: ev.Event, depth: int, path: str) -> None:
        anchor = getattr(event, "anchor", None)
        if isinstance(event, ev.AliasEvent) or anchor:
            raise self.fail(
                event,
                path,
                "anchors (&name) and aliases (*name) are not allowed; write the value out",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and str(tag) not in ("", "!"):
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise self.fail(
                event, path, f"YAML tags such as `{shown}` are not allowed; quote the value instead"
            )
        limit = self.limits.max_depth
        if depth > limit and isinstance(event, ev.CollectionStartEvent):
            raise self.fail(event, path, f"nesting deeper than {limit} levels is not allowed")

    def escaped(self, text: str, line: int, col: int, path: str) -> str:
        """Characters that arrived through a double-quoted escape (``"\\a"``).

        The raw-text scan cannot see them, so the same rules apply here, at the
        position of the scalar.
        """
        if re.search("[\ud800-\udbff][\udc00-\udfff]", text):  # "\\ud83d\\ude00" pairs
            text = text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
        if not _BAD_CHARS.search(text):
            return text
        bad = {ch for ch in _BAD_CHARS.findall(text) if ch not in _BREAKLIKE}
        if bad:
            codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(bad))
            self.errors.append(
                Diagnostic(
                    self.name,
                    line,
                    col,
                    path,
                    f"control character {codes} is not allowed; delete it",
                )
            )
            return text
        self.warnings.append(
            Diagnostic(
                self.name,
                line,
                col,
                path,
                "vertical tab or form feed turned into a line break",
                "warning",
            )
        )
        return text.replace("\x0b", "\n").replace("\x0c", "\n")

    def node(self, event: ev.Event, stream: Iterator[ev.Event], depth: int, path: str) -> Node:
        self.check(event, depth, path)
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, ev.ScalarEvent):
            text = event.value
            if self.markers and any(m in text for m in self.markers):
                end = event.end_mark
                self.spans.append(((line, col), (end.line + 1, end.column + 1), path))
                if self.breaks:
                    text = text.replace(self.breaks, "\n")
            if "\r" in text:  # only an escape (\r) can bring one here
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            if _BAD_CHARS.search(text):
                text = self.escaped(text, line, col, path)
            return Scalar(line, col, text, plain=event.style in (None, ""))
        if isinstance(event, ev.SequenceStartEvent):
            seq = Sequence(line, col)
            for item in stream:
                if isinstance(item, ev.SequenceEndEvent):
                    return seq
                seq.items.append(self.node(item, stream, depth + 1, f"{path}[{len(seq.items)}]"))
            raise self.fail(event, path, "unexpected end of the file inside a list")
        if isinstance(event, ev.MappingStartEvent):
            return self.mapping(event, stream, depth, path)
        raise self.fail(event, path, f"unexpected YAML element ({type(event).__name__})")

    def mapping(
        self, start: ev.Event, stream: Iterator[ev.Event], depth: int, path: str
    ) -> Mapping:
        result = Mapping(start.start_mark.line + 1, start.start_mark.column + 1)
        seen: dict[str, Scalar] = {}
        for key_event in stream:
            if isinstance(key_event, ev.MappingEndEvent):
                return result
            key = self.node(key_event, stream, depth + 1, path)
            if not isinstance(key, Scalar):
                raise self.fail(key_event, path, "a key must be plain text, not a list or a map")
            kpath = _join(path, key.text)
            if key.plain and key.text == "<<":
                raise self.fail(
                    key_event, kpath, "merge keys (<<) are not allowed; write the keys out"
                )
            value = self.node(next(stream), stream, depth + 1, kpath)
            if key.text in seen:
                first = seen[key.text]
                self.errors.append(
                    Diagnostic(
                        self.name,
                        key.line,
                        key.column,
                        kpath,
                        f"duplicate key `{key.text}` (first written at line {first.line})",
                    )
                )
                continue
            seen[key.text] = key
            result.items.append((key, value))
        raise self.fail(start, path, "unexpected end of the file inside a map")


def _events(text: str) -> Iterator[ev.Event]:
    """The parser events of *text*, as fast as this machine can make them.

    With ruamel.yaml.clib installed (a dependency), libyaml's C parser reads
    a record about 13 times faster than the pure-Python one, with the same
    events and positions. Its messages are worded differently, and it keeps
    to YAML 1.1 where ruamel reads 1.2, so a file it rejects is parsed again
    by the pure-Python parser: every message and every accepted file stays
    exactly as that parser has it.
    """
    try:
        return iter(list(YAML(typ="safe", pure=False).parse(text)))
    except YAMLError:
        return iter(YAML(typ="safe", pure=True).parse(text))


def _build(text: str, builder: _Builder) -> Node | None:
    """Run the parser over *text*, feeding its events to *builder*."""
    root: Node | None = None
    documents = 0
    stream = _events(text)
    for event in stream:
        if isinstance(event, ev.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise builder.fail(
                    event,
                    "",
                    f"a {builder.limits.noun} file holds one YAML document; "
                    "remove the second `---`",
                )
        elif isinstance(event, (ev.StreamStartEvent, ev.StreamEndEvent, ev.DocumentEndEvent)):
            continue
        else:
            root = builder.node(event, stream, 1, "")
    return root


def _with_paths(
    diags: list[Diagnostic], spans: list[tuple[tuple[int, int], tuple[int, int], str]]
) -> list[Diagnostic]:
    """Give each character diagnostic the key path of the scalar it lies in."""
    out = []
    for d in diags:
        at = (d.line, d.column)
        path = next((p for start, end, p in spans if start <= at < end), d.path)
        out.append(dataclasses.replace(d, path=path))
    return out


def load_text(
    text: str, name: str = "<string>", limits: Limits = RECORD
) -> tuple[Node, list[Diagnostic]]:
    """Parse YAML *text* into a positioned tree; returns (root, warnings).

    Raises RecordError for anything that cannot be read safely, and for an
    empty document unless ``limits.empty`` is None (then the root is an
    empty :class:`Mapping`).
    """
    if len(text) > limits.max_bytes:
        raise RecordError.single(
            name, 0, 0, "", f"the text is longer than {limits.max_bytes:,} characters"
        )
    cleaned = _clean_text(text, name)
    text = cleaned.text
    builder = _Builder(name, cleaned.breaks, cleaned.bad, limits)
    try:
        root = _build(text, builder)
    except (YAMLError, RecordError) as exc:
        if cleaned.errors:  # the characters come first; the parse only named their keys
            raise RecordError(_with_paths(cleaned.errors, builder.spans)) from None
        if isinstance(exc, RecordError):
            raise
        raise _parse_error(exc, name, text) from None
    if cleaned.errors:
        raise RecordError(_with_paths(cleaned.errors, builder.spans))
    if builder.errors:
        raise RecordError(builder.errors)
    warnings = _with_paths(cleaned.warnings, builder.spans) + builder.warnings
    if root is None or (isinstance(root, Scalar) and root.is_null):
        if limits.empty is not None:
            raise RecordError.single(name, 0, 0, "", limits.empty)
        root = Mapping(1, 1)
    return root, warnings


def load_path(
    path: str | os.PathLike[str], limits: Limits = RECORD
) -> tuple[Node, list[Diagnostic]]:
    """:func:`read_path` then :func:`load_text`, with the path as given in messages."""
    return load_text(read_path(path, limits), os.fspath(path), limits)
