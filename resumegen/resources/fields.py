"""Field tables of the data files, and the one checker that walks them.

Each data format (phrasebook, question bank, metric catalogue) describes its
maps as tables: which keys a map may hold, the kind of each value and
whether it is required (:class:`Field`). :class:`Checker` walks a positioned
tree from :mod:`resumegen.yamlio` against such a table and collects every
problem as a positioned :class:`~resumegen.errors.Diagnostic`; a format adds
its own cross-checks on top, using the positions the checker kept.

A key written with nothing after it counts as absent. Data files hold words:
a plain ``42``, ``true`` or ``2024-04-01`` is what YAML would read as a
number, a truth value or a date, so it is not text (quote it to make it so).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from collections.abc import Mapping as Table
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from resumegen.errors import Diagnostic, RecordError
from resumegen.messages import placeholders
from resumegen.text import did_you_mean
from resumegen.yamlio import Mapping, Node, Scalar, Sequence, data_limits, line_slip, load_path

__all__ = [
    "Checker",
    "Field",
    "Fields",
    "Kind",
    "ShippedFile",
    "Table",
    "Text",
    "is_text",
]

Kind = Literal["text", "texts", "text_list", "bool", "int", "map", "list", "any"]

_DEFAULT_MESSAGES: dict[str, str] = {
    "text": "must be non-empty text",
    "texts": "must be text or a list of text",
    "text_list": "must be a list of text",
    "bool": "must be true or false",
    "int": "must be a whole number",
    "map": "must be a mapping",
    "list": "must be a list",
}


@dataclass(frozen=True)
class Field:
    """One key of a map: the kind of its value, whether it must be there, what to say."""

    kind: Kind
    required: bool = False
    # said at the key's path when the value is missing or of the wrong kind
    message: str = ""
    # for lists: said when the list is empty ("" = an empty list is fine)
    empty: str = ""


class Text(NamedTuple):
    """A text as written (stripped), where, and its key path."""

    text: str
    node: Node
    path: str


# What YAML 1.2 (core schema) reads as something other than a string.
_TYPED = re.compile(
    r"[-+]?(0|[1-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+)"
    r"|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
    r"|true|True|TRUE|false|False|FALSE"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"
)


class ShippedFile:
    """A data file that ships with resumegen, read for checking.

    ``root`` is its top-level map; :meth:`problem` collects positioned
    problems and :meth:`done` raises them all at once. What the reader only
    warns about in a record (a form feed pasted from Word) is an error in
    shipped data. A file whose top level is not a map fails at once, saying
    what was *expected* there.
    """

    def __init__(self, path: str | os.PathLike[str], noun: str, expected: str) -> None:
        self.name = os.fspath(path)
        root, warnings = load_path(path, data_limits(noun))
        self.errors = [Diagnostic(w.file, w.line, w.column, w.path, w.message) for w in warnings]
        if not isinstance(root, Mapping):
            self.problem(root, "", f"expected {expected}")
            raise RecordError(self.errors)
        self.root: Mapping = root

    def problem(self, node: Node, where: str, message: str) -> None:
        self.errors.append(Diagnostic(self.name, node.line, node.column, where, message))

    def done(self) -> None:
        if self.errors:
            raise RecordError(self.errors)


def is_text(node: Node) -> bool:
    """A scalar that YAML would read as a string (quoted, or plain and not a number …)."""
    if not isinstance(node, Scalar) or node.is_null:
        return False
    return not node.plain or not _TYPED.fullmatch(node.text)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


@dataclass
class Fields:
    """The checked values of one map, and where each key and value was written."""

    node: Mapping
    path: str
    values: dict[str, Any] = field(default_factory=dict)
    keys: dict[str, Scalar] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)

    def __contains__(self, key: str) -> bool:
        """The key is written in the file (even when its value was wrong or empty)."""
        return key in self.keys

    def get(self, key: str, default: Any = None) -> Any:
        """The converted value of *key*; *default* when absent or wrong."""
        return self.values.get(key, default)

    def at(self, key: str) -> Node:
        """Where the value of *key* is written (the map itself when absent)."""
        return self.nodes.get(key, self.node)

    def key_at(self, key: str) -> Node:
        """Where *key* is written (the map itself when absent)."""
        return self.keys.get(key, self.node)

    def sub(self, key: str) -> str:
        """The key path of *key*."""
        return _join(self.path, key)


class Checker:
    """Collects the positioned problems of one file while its tree is checked."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diags: list[Diagnostic] = []

    def error(self, at: Node | tuple[int, int], path: str, message: str) -> None:
        line, column = (at.line, at.column) if isinstance(at, Node) else at
        self.diags.append(Diagnostic(self.file, line, column, path, message))

    def mark(self) -> int:
        """A bookmark for :meth:`failed_since`."""
        return len(self.diags)

    def failed_since(self, mark: int) -> bool:
        return len(self.diags) > mark

    def raise_any(self) -> None:
        """Raise every problem found so far as one RecordError."""
        if self.diags:
            raise RecordError(self.diags)

    def check(
        self,
        node: Node,
        table: Table[str, Field],
        path: str,
        *,
        expect: str = "must be a mapping",
        what: str = "key",
    ) -> Fields | None:
        """*node* checked against *table*; None (and *expect* reported) when it is not a map.

        Unknown keys are reported with a suggestion, required keys that are
        missing as ``missing `key``` at the map (or the field's own
        ``message`` at the key's path), and each value by its kind.
        """
        if not isinstance(node, Mapping):
            self.error(node, path, expect)
            return None
        out = Fields(node, path)
        for key, value in node.items:
            kpath = _join(path, key.text)
            spec = table.get(key.text)
            if spec is None:
                slip = line_slip(key.text) if key.plain else None
                hint = (
                    f"; {slip[1]}"
                    if slip is not None
                    else did_you_mean(key.text, table) or f"; expected one of {', '.join(table)}"
                )
                self.error(key, kpath, f"unknown {what} `{key.text}`{hint}")
                continue
            out.keys[key.text] = key
            out.nodes[key.text] = value
            if isinstance(value, Scalar) and value.is_null:
                continue
            converted = self.value(spec, value, kpath)
            if converted is not None:
                out.values[key.text] = converted
        for name, spec in table.items():
            written = out.nodes.get(name)
            if spec.required and (written is None or _null(written)):
                if spec.message:
                    self.error(out.key_at(name), _join(path, name), spec.message)
                else:
                    noun = "" if what == "key" else f"{what} "
                    self.error(out.key_at(name), path, f"missing {noun}`{name}`")
        return out

    def value(self, spec: Field, node: Node, path: str) -> Any:
        """The value of *node* as *spec* describes it; None (and a problem) when wrong."""
        wrong = spec.message or _DEFAULT_MESSAGES.get(spec.kind, "")
        kind = spec.kind
        if kind == "any":
            return node
        if kind == "map" or kind == "list":
            if isinstance(node, Mapping if kind == "map" else Sequence):
                return node
        elif kind == "text":
            if is_text(node) and isinstance(node, Scalar) and node.text.strip():
                return node.text.strip()
        elif kind == "bool":
            if isinstance(node, Scalar) and node.plain and node.text in _BOOLS:
                return _BOOLS[node.text]
        elif kind == "int":
            if (
                isinstance(node, Scalar)
                and node.plain
                and node.text.isascii()
                and node.text.isdigit()
            ):
                return int(node.text)
        elif isinstance(node, Sequence) or (kind == "texts" and isinstance(node, Scalar)):
            return self.texts(node, path, empty=spec.empty)
        self.error(node, path, wrong)
        return None

    def texts(self, node: Node, path: str, *, empty: str = "") -> tuple[Text, ...]:
        """Text or a list of texts, each stripped and kept with its node; problems reported."""
        if isinstance(node, Scalar):
            if is_text(node) and node.text.strip():
                return (Text(node.text.strip(), node, path),)
            self.error(node, path, "must be non-empty text")
            return ()
        if not isinstance(node, Sequence):
            self.error(node, path, "must be text or a list of text")
            return ()
        if not node.items and empty:
            self.error(node, path, empty)
        out: list[Text] = []
        for i, item in enumerate(node.items):
            if is_text(item) and isinstance(item, Scalar) and item.text.strip():
                out.append(Text(item.text.strip(), item, f"{path}[{i}]"))
            else:
                self.error(item, f"{path}[{i}]", "must be non-empty text")
        return tuple(out)

    def known(self, items: Iterable[Text], choices: Iterable[str], noun: str) -> bool:
        """Report each of *items* that is not one of *choices*; True when all are."""
        allowed = tuple(choices)
        ok = True
        for word, node, path in items:
            if word not in allowed:
                self.error(node, path, f"unknown {noun} `{word}`{did_you_mean(word, allowed)}")
                ok = False
        return ok


_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _null(node: Node) -> bool:
    return isinstance(node, Scalar) and node.is_null


def placeholder_problem(text: str, allowed: frozenset[str], takes: str = "this text") -> str | None:
    """Why *text* cannot hold its ``{placeholders}`` (one outside *allowed*, a broken brace),
    or None; the one check of every data file whose sentences the code fills in."""
    try:
        used = placeholders(text)
    except ValueError as exc:
        return f"broken placeholder ({exc}); write a literal brace as `{{{{`"
    unknown = sorted(used - allowed)
    if unknown:
        known = ", ".join(f"{{{f}}}" for f in sorted(allowed)) or "none"
        return f"unknown placeholder `{{{unknown[0]}}}`; {takes} takes: {known}"
    return None
