"""The two error families of resumegen.

* :class:`RecordError` — the input is wrong. It carries one or more
  :class:`Diagnostic` objects, each knowing its file, line, column and key
  path, so that a message always points at what the user typed.
* :class:`UsageError` — an option or argument is wrong (unknown target,
  file exists without ``--force``, unwritable folder …).

Both render as one line per problem; ``console.py`` turns them into exit 1.
Lines and columns are 1-based, as editors show them; ``0`` means unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Diagnostic:
    """One positioned problem (or warning) in an input file."""

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """``FILE:LINE:COLUMN: key.path: message`` (parts that are unknown are left out)."""
        where = self.file or "<input>"
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        prefix = "warning: " if self.severity == "warning" else ""
        if self.path:
            return f"{where}: {self.path}: {prefix}{self.message}"
        return f"{where}: {prefix}{self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.path)


class ResumegenError(Exception):
    """Base class of every error resumegen reports to a user."""


class RecordError(ResumegenError):
    """The input file is wrong; holds every problem found, sorted by position."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        diags = sorted(diagnostics, key=Diagnostic.sort_key)
        if not diags:
            raise ValueError("RecordError needs at least one diagnostic")
        self.diagnostics: list[Diagnostic] = diags
        super().__init__("\n".join(d.format() for d in diags))

    @classmethod
    def single(cls, file: str, line: int, column: int, path: str, message: str) -> RecordError:
        return cls([Diagnostic(file, line, column, path, message)])


class UsageError(ResumegenError):
    """An option or argument is wrong. ``option`` names it (``--target``)."""

    def __init__(self, message: str, option: str | None = None):
        self.option = option
        self.message = message
        super().__init__(f"{option}: {message}" if option else message)
