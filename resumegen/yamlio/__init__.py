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
document; the events are read one by one, so a file nested a megabyte
deep stops at its 21st level. Only a regular file is read (a FIFO or a
device would block or never end). Before parsing, the file is checked for
size, NUL bytes (binary), encoding, and characters that Word documents
cannot hold.

Encodings: UTF-8 (with or without BOM) and UTF-16/UTF-32 with a BOM are read.
Anything else, including Shift_JIS/CP932, is refused with a message saying to
save the file as UTF-8: guessing an encoding would risk silently wrong names.

Characters: CR LF and lone CR become LF. Vertical tab and form feed (left
behind by pasting from Word) become line breaks, with a warning naming their
position. Other C0/C1 controls, DEL, U+FFFE/U+FFFF and lone surrogates are
errors at their position.

All positions are 1-based (line, column), columns counted in characters.
The bytes-to-text rules live in :mod:`resumegen.yamlio.decode`, the
messages for syntax errors in :mod:`resumegen.yamlio.syntax`. Messages are
said in the file's language (:func:`resumegen.messages.message_lang`: its
top-level ``lang:``, else Japanese for Japanese text, else the environment's).
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import YAMLError

from resumegen.errors import Diagnostic, RecordError
from resumegen.messages import Message, diagnostic, env_lang, message_lang, noun
from resumegen.yamlio.decode import BAD_CHARS, BREAKLIKE, clean_text, decode_bytes
from resumegen.yamlio.syntax import line_slip, parse_error

MAX_BYTES = 1_000_000
DATA_MAX_BYTES = 4_000_000
MAX_DEPTH = 20


@dataclass(frozen=True)
class Limits:
    """What a kind of file is called in messages, and how much of it is read."""

    noun: str = "record"
    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH
    # the message id of the error for an empty file; None: an empty file is an empty map
    empty: str | None = "file.empty"


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
    "line_slip",
    "load_path",
    "load_text",
    "read_path",
    "text_lang",
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


def read_path(path: str | os.PathLike[str], limits: Limits = RECORD) -> str:
    """Read and decode a regular file, checking its size before reading it.

    The file is opened without blocking and checked before a byte is read: a
    pipe (a FIFO named ``x.yaml``), a device or a folder is refused at once
    instead of waiting for a writer that never comes.
    """
    name = os.fspath(path)

    def refuse(id: str, **slots: object) -> RecordError:
        # nothing of the file is read yet: the environment picks the language
        return RecordError([diagnostic(name, 0, 0, "", env_lang(), Message(id, slots))])

    kind = noun(limits.noun)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise refuse("file.not_found") from None
    except OSError as exc:
        raise refuse("file.cannot_read", reason=exc.strerror) from None
    cap = limits.max_bytes
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise refuse("file.is_folder", noun=kind)
        if not stat.S_ISREG(info.st_mode):
            raise refuse("file.not_regular", noun=kind)
        if info.st_size > cap:
            raise refuse("file.too_big", size=info.st_size, noun=kind, limit=cap)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(cap + 1)
    except OSError as exc:
        raise refuse("file.cannot_read", reason=exc.strerror) from None
    finally:
        os.close(fd)
    if len(data) > cap:
        raise refuse("file.larger", limit=cap)
    return decode_bytes(data, name, limits.noun)


# ---------------------------------------------------------------- events → tree


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
        lang: str,
        breaks: str | None = None,
        bad: str | None = None,
        limits: Limits = RECORD,
    ):
        self.name = name
        self.lang = lang
        self.limits = limits
        self.breaks = breaks
        self.markers = "".join(m for m in (breaks, bad) if m)
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        # (start, end, path) of scalars holding a marker, 1-based (line, column)
        self.spans: list[tuple[tuple[int, int], tuple[int, int], str]] = []

    def fail(self, event: ev.Event, path: str, id: str, **slots: object) -> RecordError:
        mark = event.start_mark
        return RecordError([self.diagnostic((mark.line + 1, mark.column + 1), path, id, **slots)])

    def diagnostic(self, at: tuple[int, int], path: str, id: str, **slots: object) -> Diagnostic:
        return diagnostic(self.name, at[0], at[1], path, self.lang, Message(id, slots))

    def check(self, event: ev.Event, depth: int, path: str) -> None:
        anchor = getattr(event, "anchor", None)
        if isinstance(event, ev.AliasEvent) or anchor:
            raise self.fail(event, path, "yaml.anchor")
        tag = getattr(event, "tag", None)
        if tag is not None and str(tag) not in ("", "!"):
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise self.fail(event, path, "yaml.tag", tag=shown)
        limit = self.limits.max_depth
        if depth > limit and isinstance(event, ev.CollectionStartEvent):
            raise self.fail(event, path, "yaml.too_deep", limit=limit)

    def escaped(self, text: str, line: int, col: int, path: str) -> str:
        """Characters that arrived through a double-quoted escape (``"\\a"``).

        The raw-text scan cannot see them, so the same rules apply here, at the
        position of the scalar.
        """
        if re.search("[\ud800-\udbff][\udc00-\udfff]", text):  # "\\ud83d\\ude00" pairs
            text = text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
        if not BAD_CHARS.search(text):
            return text
        bad = {ch for ch in BAD_CHARS.findall(text) if ch not in BREAKLIKE}
        if bad:
            codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(bad))
            self.errors.append(
                self.diagnostic((line, col), path, "char.control_escaped", codes=codes)
            )
            return text
        message = Message("char.break_escaped")
        self.warnings.append(diagnostic(self.name, line, col, path, self.lang, message, "warning"))
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
            if BAD_CHARS.search(text):
                text = self.escaped(text, line, col, path)
            return Scalar(line, col, text, plain=event.style in (None, ""))
        if isinstance(event, ev.SequenceStartEvent):
            seq = Sequence(line, col)
            for item in stream:
                if isinstance(item, ev.SequenceEndEvent):
                    return seq
                seq.items.append(self.node(item, stream, depth + 1, f"{path}[{len(seq.items)}]"))
            raise self.fail(event, path, "yaml.end_in_list")
        if isinstance(event, ev.MappingStartEvent):
            return self.mapping(event, stream, depth, path)
        raise self.fail(event, path, "yaml.unexpected", kind=type(event).__name__)

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
                raise self.fail(key_event, path, "yaml.key_not_text")
            kpath = _join(path, key.text)
            if key.plain and key.text == "<<":
                raise self.fail(key_event, kpath, "yaml.merge_key")
            value = self.node(next(stream), stream, depth + 1, kpath)
            if key.text in seen:
                first = seen[key.text]
                self.errors.append(
                    self.diagnostic(
                        (key.line, key.column),
                        kpath,
                        "yaml.duplicate_key",
                        key=key.text,
                        line=first.line,
                    )
                )
                continue
            seen[key.text] = key
            result.items.append((key, value))
        raise self.fail(start, path, "yaml.end_in_map")


def _events(text: str, max_depth: int) -> Iterator[ev.Event]:
    """The parser events of *text*, as fast as this machine can make them.

    With ruamel.yaml.clib installed (a dependency), libyaml's C parser reads
    a record about 13 times faster than the pure-Python one, with the same
    events and positions. Its messages are worded differently, and it keeps
    to YAML 1.1 where ruamel reads 1.2, so a file it rejects is parsed again
    by the pure-Python parser: every message and every accepted file stays
    exactly as that parser has it.

    The events stop at the first collection nested deeper than *max_depth*,
    where the builder refuses the file: ``[[[[…]]]]`` a megabyte deep fails in
    milliseconds instead of being parsed in full (which took minutes).
    """
    events: list[ev.Event] = []
    depth = 0
    try:
        for event in YAML(typ="safe", pure=False).parse(text):
            events.append(event)
            if isinstance(event, ev.CollectionStartEvent):
                depth += 1
                if depth > max_depth:
                    break
            elif isinstance(event, ev.CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return iter(YAML(typ="safe", pure=True).parse(text))
    return iter(events)


def _build(text: str, builder: _Builder) -> Node | None:
    """Run the parser over *text*, feeding its events to *builder*."""
    root: Node | None = None
    documents = 0
    stream = _events(text, builder.limits.max_depth)
    for event in stream:
        if isinstance(event, ev.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise builder.fail(event, "", "file.two_documents", noun=noun(builder.limits.noun))
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


_DECLARED_LANG = re.compile(r"^lang[ \t]*:[ \t]*[\"']?([a-z]{2})\b", re.MULTILINE)


def text_lang(text: str) -> str:
    """The language of messages about the YAML *text*: its top-level ``lang:``, else by its words."""
    declared = _DECLARED_LANG.search(text)
    return message_lang(declared.group(1) if declared else None, (text,))


def load_text(
    text: str, name: str = "<string>", limits: Limits = RECORD
) -> tuple[Node, list[Diagnostic]]:
    """Parse YAML *text* into a positioned tree; returns (root, warnings).

    Raises RecordError for anything that cannot be read safely, and for an
    empty document unless ``limits.empty`` is None (then the root is an
    empty :class:`Mapping`).
    """
    lang = text_lang(text)
    if len(text) > limits.max_bytes:
        message = Message("file.text_too_long", {"limit": limits.max_bytes})
        raise RecordError([diagnostic(name, 0, 0, "", lang, message)])
    cleaned = clean_text(text, name, lang)
    text = cleaned.text
    builder = _Builder(name, lang, cleaned.breaks, cleaned.bad, limits)
    try:
        root = _build(text, builder)
    except (YAMLError, RecordError) as exc:
        if cleaned.errors:  # the characters come first; the parse only named their keys
            raise RecordError(_with_paths(cleaned.errors, builder.spans)) from None
        if isinstance(exc, RecordError):
            raise
        raise parse_error(exc, name, text, lang) from None
    if cleaned.errors:
        raise RecordError(_with_paths(cleaned.errors, builder.spans))
    if builder.errors:
        raise RecordError(builder.errors)
    warnings = _with_paths(cleaned.warnings, builder.spans) + builder.warnings
    if root is None or (isinstance(root, Scalar) and root.is_null):
        if limits.empty is not None:
            raise RecordError([diagnostic(name, 0, 0, "", lang, Message(limits.empty))])
        root = Mapping(1, 1)
    return root, warnings


def load_path(
    path: str | os.PathLike[str], limits: Limits = RECORD
) -> tuple[Node, list[Diagnostic]]:
    """:func:`read_path` then :func:`load_text`, with the path as given in messages."""
    return load_text(read_path(path, limits), os.fspath(path), limits)
