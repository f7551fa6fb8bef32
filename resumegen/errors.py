"""The errors resumegen raises, as data.

Library code raises these and never speaks of command-line options; only
``cli.py``/``console.py`` map them to an option name and an exit code. Every
error has a one-line ``what`` (and, where the fix is known, ``fix``), so an
agent can show it, log it or act on it without parsing text.

* :class:`RecordError` — an input file is wrong (record, phrasebook, question
  bank, catalogue, roster). It holds one or more :class:`Diagnostic` objects,
  each knowing its file, line, column and key path.
* :class:`ArgumentError` — a value passed to the API is wrong: an unknown
  target, document, paper, profile or language. ``param`` names the API
  parameter (``target``, ``docs`` …); ``choices`` lists what would be valid.
* :class:`InputFileError` — a file the caller named cannot be read (missing,
  not a regular file, unreadable, outside the allowed folder).
* :class:`OutputExistsError` — an output file is there and overwriting was
  not allowed. :class:`WriteError` — an output cannot be written, or would
  land outside the output folder or through a symlink.
* :class:`TemplateError` — a Word template is broken or failed to render.
* :class:`ConversionError` — PDF conversion failed (LibreOffice missing,
  crashed, or produced nothing).
* :class:`UsageError` — the command line itself is wrong; raised by ``cli.py`` only.

Lines and columns are 1-based, as editors show them; ``0`` means unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

__all__ = [
    "ArgumentError",
    "ConversionError",
    "Diagnostic",
    "InputFileError",
    "OutputExistsError",
    "RecordError",
    "ResumegenError",
    "Severity",
    "TemplateError",
    "UsageError",
    "WriteError",
]


@dataclass(frozen=True)
class Diagnostic:
    """One positioned problem (or warning) in an input file."""

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: Severity = "error"
    code: str = ""  # the message id (``key.missing``), stable across languages; "" when none

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
        out: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
        }
        if self.code:
            out["code"] = self.code
        return out

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.path)


class ResumegenError(Exception):
    """Base class of every error resumegen reports to a user.

    ``what`` is one line saying what is wrong; ``fix`` (optional) says what to
    do about it. ``str(error)`` is ``what`` followed by ``fix``.
    """

    def __init__(self, what: str, *, fix: str = ""):
        self.what = what
        self.fix = fix
        super().__init__(f"{what}; {fix}" if fix else what)

    @property
    def message(self) -> str:
        """The whole message: ``what``, then ``fix``."""
        return str(self)

    def as_json(self) -> dict[str, object]:
        """The error's fields, for ``--json`` output and manifests."""
        out: dict[str, object] = {"kind": type(self).__name__, "message": str(self)}
        for name in ("param", "path", "template"):
            value = getattr(self, name, None)
            if value:
                out[name] = str(value)
        return out


class RecordError(ResumegenError):
    """An input file is wrong; holds every problem found, sorted by position."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        diags = sorted(diagnostics, key=Diagnostic.sort_key)
        if not diags:
            raise ValueError("RecordError needs at least one diagnostic")
        self.diagnostics: list[Diagnostic] = diags
        super().__init__("\n".join(d.format() for d in diags))

    def as_json(self) -> dict[str, object]:
        return {
            "kind": "RecordError",
            "message": str(self),
            "diagnostics": [d.as_json() for d in self.diagnostics],
        }


class ArgumentError(ResumegenError):
    """A value passed to the API is wrong.

    ``param`` is the API parameter (``target``, ``docs``, ``paper``, ``profile``,
    ``lang``, ``today`` …); ``choices`` the values that would have been valid.
    """

    def __init__(
        self, what: str, *, param: str, fix: str = "", choices: Iterable[str] = ()
    ) -> None:
        self.param = param
        self.choices = tuple(choices)
        super().__init__(what, fix=fix)


class InputFileError(ResumegenError):
    """A file the caller named cannot be read. ``param`` says which argument named it."""

    def __init__(self, what: str, *, path: str, param: str = "", fix: str = "") -> None:
        self.path = path
        self.param = param
        super().__init__(what, fix=fix)


class OutputExistsError(ResumegenError):
    """An output file exists and overwriting was not allowed."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path} exists", fix="allow overwriting to replace it")


class WriteError(ResumegenError):
    """An output cannot be written where it was asked to go."""

    def __init__(self, what: str, *, path: str, fix: str = "") -> None:
        self.path = path
        super().__init__(what, fix=fix)


class TemplateError(ResumegenError):
    """A Word template is broken, or failed to render. ``param`` says how it was given."""

    def __init__(self, what: str, *, template: str, param: str = "", fix: str = "") -> None:
        self.template = template
        self.param = param
        super().__init__(what, fix=fix)


class ConversionError(ResumegenError):
    """PDF conversion failed: LibreOffice is missing, crashed, or produced nothing."""


class UsageError(ResumegenError):
    """The command line is wrong. Raised by ``cli.py`` only; ``option`` names it (``--target``)."""

    def __init__(self, message: str, option: str | None = None):
        self.option = option
        super().__init__(f"{option}: {message}" if option else message)
        self.what = message

    @property
    def message(self) -> str:
        """The message without the option's name."""
        return self.what
