"""Rosters: the first sheet of an ``.xlsx`` workbook, one application packet a row.

A roster is user input from anywhere, so it is read with limits:

* **As a stream.** The sheet's XML is parsed row by row, and only the cells
  that are in the file are looked at: a tiny workbook whose one cell sits at
  ``XFD1048576`` costs nothing, and a stale ``<dimension>`` does not hide
  the rows after it.
* **Bounded.** At most :data:`MAX_ROWS` rows, :data:`MAX_COLUMNS` columns and
  :data:`MAX_CELL_CHARS` characters a cell; a cell past a limit is an error
  at its position.
* **Every row is a packet or a positioned error.** A formula without a saved
  value, an error value (``#REF!``) or a cell past a limit makes its row an
  error; nothing is silently dropped (empty rows are skipped).
* **No DOCTYPE.** A workbook part that declares one (entities, external
  references) is refused before openpyxl parses anything.
* **Records stay beside the roster.** A record path must lead into the
  roster's folder or below it (after resolving links) and name a ``.yaml``
  or ``.yml`` file, unless the caller allows records outside. Messages quote
  cells and files only as short, escaped excerpts.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resumegen.documents import all_keys
from resumegen.record.model import Target
from resumegen.text import did_you_mean, excerpt, one_line
from resumegen.write import compact_name, safe_name

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "RECORD_SUFFIXES",
    "ROSTER_COLUMNS",
    "RosterError",
    "RosterJob",
    "read_roster",
]

log = logging.getLogger(__name__)

RECORD_SUFFIXES = (".yaml", ".yml")
ROSTER_COLUMNS = ("record", "target", "employer", "role", "emphasis", "motivation", "docs")
MAX_ROWS = 10_000
MAX_COLUMNS = 50
MAX_CELL_CHARS = 10_000

_LIST_SPLIT = re.compile(r"[,、，]")


@dataclass(frozen=True)
class RosterJob:
    """A row that names a packet: its record, and the application it is for."""

    source: str
    record: Path
    target_id: str | None = None
    target: Target | None = None
    docs: tuple[str, ...] | None = None


@dataclass(frozen=True)
class RosterError:
    """A row (or the whole roster) that cannot become a packet; one positioned line."""

    source: str
    message: str


@dataclass(frozen=True)
class _Row:
    """One row as read: text by 1-based column, or the first problem found in it."""

    line: int
    cells: dict[int, str]
    problem: str | None = None


def _column_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _cell_text(value: object) -> str:
    """A roster cell as stripped text (``3.0`` typed as a number reads ``3``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _split_list(text: str) -> tuple[str, ...]:
    """Comma-separated (also 、 and ，) into stripped, non-empty items."""
    return tuple(item.strip() for item in _LIST_SPLIT.split(text) if item.strip())


def _parser(book: Any, sheet: Any, source: Any) -> Any:
    """openpyxl's streaming sheet parser, telling a formula without a saved value from an empty cell.

    openpyxl's read-only rows pad every row to the sheet's stated width and
    stop at its stated height; its parser underneath yields only the rows and
    cells that are in the file, which is what a roster needs.
    """
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if element.find(FORMULA_TAG) is not None and _unsaved(element):
                cell["data_type"] = "f"  # never calculated (written by a program, not Excel)
            return cell

    def _unsaved(element: Any) -> bool:
        """No saved result: no ``<v>``, or an empty one where the result is not text."""
        saved = element.find(VALUE_TAG)
        return saved is None or (not saved.text and element.get("t") != "str")

    return Parser(
        source,
        sheet._shared_strings,
        data_only=True,
        epoch=book.epoch,
        date_formats=book._date_formats,
        timedelta_formats=book._timedelta_formats,
    )


def _rows(parsed: Iterator[tuple[int, list[dict[str, Any]]]], where: str) -> Iterator[_Row]:
    """The rows of the sheet with their problems; stops after a row past :data:`MAX_ROWS`."""
    for line, cells in parsed:
        if line > MAX_ROWS:
            yield _Row(
                line,
                {},
                f"{where}!row {line}: a roster has at most {MAX_ROWS} rows;"
                " this row and any after it are not read",
            )
            return
        texts: dict[int, str] = {}
        problem = None
        for cell in cells:
            col, value, kind = cell["column"], cell["value"], cell["data_type"]
            if kind != "f" and value is None:
                continue
            at = f"{where}!{_column_letter(col)}{line}"
            text = _cell_text(value)
            if kind == "f":
                found = f"{at}: a formula without a saved value; open and save the roster in a spreadsheet program, or type the value"
            elif col > MAX_COLUMNS:
                found = f"{at}: a roster has at most {MAX_COLUMNS} columns"
            elif kind == "e":
                found = f"{at}: the cell holds the error `{excerpt(text)}`"
            elif len(text) > MAX_CELL_CHARS:
                found = f"{at}: the cell holds {len(text)} characters; at most {MAX_CELL_CHARS}"
            else:
                if text:
                    texts[col] = text
                continue
            problem = problem or found
        if texts or problem:
            yield _Row(line, texts, problem)


def read_roster(
    path: Path, label: str, *, allow_outside: bool = False
) -> Iterator[RosterJob | RosterError]:
    """The first sheet of a roster: one job (or one error) a non-empty row, in order."""
    import openpyxl

    try:
        _refuse_doctype(path)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a broken zip, not a workbook, unreadable file …
        yield _unreadable(label, exc)
        return
    try:
        sheet: Any = book.worksheets[0]
        where = f"{label}:{sheet.title}"
        with sheet._get_source() as source:
            rows = _rows(_parser(book, sheet, source).parse(), where)
            yield from _Reader(path, where, allow_outside).read(rows)
    except Exception as exc:  # the sheet's XML is broken or missing
        yield _unreadable(label, exc)
    finally:
        book.close()


class _Doctype(Exception):
    pass


class _Refused(ValueError):
    """A roster refused for what it holds; the message says why."""


class _Started(Exception):
    pass


def _refuse_doctype(path: Path) -> None:
    """Raise :class:`_Refused` when an XML part of the workbook declares a DOCTYPE.

    Each part is parsed only up to its root element, where a DOCTYPE would
    have to be.
    """
    import zipfile
    from xml.parsers import expat

    def doctype(*_: object) -> None:
        raise _Doctype

    def started(*_: object) -> None:
        raise _Started

    with zipfile.ZipFile(path) as book:
        for info in book.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            parser = expat.ParserCreate()
            parser.StartDoctypeDeclHandler = doctype
            parser.StartElementHandler = started
            with book.open(info) as part:
                try:
                    while chunk := part.read(65536):
                        parser.Parse(chunk, False)
                    parser.Parse(b"", True)
                except _Started:
                    continue
                except _Doctype:
                    raise _Refused(f"{info.filename} declares a DOCTYPE") from None
                except expat.ExpatError:
                    continue  # openpyxl says what is wrong with it


def _unreadable(label: str, exc: Exception) -> RosterError:
    reason = str(exc) if isinstance(exc, _Refused) else f"{type(exc).__name__}: {exc}"
    reason = excerpt(one_line(reason), 120)
    return RosterError(label, f"{label}: cannot read this roster ({reason})")


class _Reader:
    """Header row first (the first non-empty row), then one job a non-empty row."""

    def __init__(self, path: Path, where: str, allow_outside: bool) -> None:
        self.path = path
        self.where = where
        self.allow_outside = allow_outside
        self.columns: dict[str, int] = {}

    def read(self, rows: Iterator[_Row]) -> Iterator[RosterJob | RosterError]:
        header = next(rows, None)
        if header is None:
            where = self.where
            yield RosterError(
                where, f"{where}: the roster is empty; it needs a header row with `record`"
            )
            return
        problems = self._header(header)
        if problems:
            yield from (RosterError(self.where, message) for message in problems)
            return
        count = 0
        for row in rows:
            count += 1
            source = f"{self.where}!row {row.line}"
            if row.problem is not None:
                yield RosterError(source, row.problem)
            else:
                yield self._row(row, source)
        log.info("read a roster of %d rows", count)

    def _header(self, row: _Row) -> list[str]:
        """Column name -> column (1-based); unknown, repeated or missing names are problems."""
        if row.problem is not None:
            return [row.problem]
        problems: list[str] = []
        for col, text in sorted(row.cells.items()):
            name = text.casefold()
            cell = f"{self.where}!{_column_letter(col)}{row.line}"
            if name not in ROSTER_COLUMNS:
                hint = did_you_mean(name, ROSTER_COLUMNS, list_all=True)
                problems.append(f"{cell}: unknown column `{excerpt(text)}`{hint}")
            elif name in self.columns:
                problems.append(f"{cell}: column `{name}` appears twice")
            else:
                self.columns[name] = col
        if "record" not in self.columns and not problems:
            problems.append(f"{self.where}!A{row.line}: the header row needs a `record` column")
        return problems

    def _row(self, row: _Row, source: str) -> RosterJob | RosterError:
        """One row into a job, or into an error that names the offending cell."""

        def value(name: str) -> str:
            col = self.columns.get(name)
            return row.cells.get(col, "") if col is not None else ""

        def cell(name: str) -> str:
            col = self.columns.get(name, 1)
            return f"{self.where}!{_column_letter(col)}{row.line}"

        record_text = value("record")
        if not record_text:
            return RosterError(source, f"{cell('record')}: no record in this row")
        problem = self._record_problem(record_text)
        if problem is not None:
            return RosterError(source, f"{cell('record')}: {problem}")
        record = self._record_path(record_text)
        target_id = value("target") or None
        employer = value("employer")
        if target_id and employer:
            return RosterError(
                source, f"{cell('employer')}: give either `target` or `employer`, not both"
            )
        if not employer:
            stray = next((n for n in ("role", "emphasis", "motivation") if value(n)), None)
            if stray:
                return RosterError(
                    source, f"{cell(stray)}: `{stray}` needs an `employer` in the same row"
                )
        docs: tuple[str, ...] | None = None
        if value("docs"):
            docs = _split_list(value("docs"))
            unknown = _unknown_doc(docs)
            if unknown is not None:
                hint = did_you_mean(unknown.casefold(), all_keys(), list_all=True)
                return RosterError(
                    source, f"{cell('docs')}: unknown document `{excerpt(unknown)}`{hint}"
                )
        adhoc = None
        if employer:
            adhoc = Target(
                id=safe_name(compact_name(employer), max_len=40),
                employer=employer,
                role=value("role") or None,
                emphasis=_split_list(value("emphasis")),
                motivation=value("motivation") or None,
            )
        return RosterJob(source, record, target_id=target_id, target=adhoc, docs=docs)

    def _record_path(self, text: str) -> Path:
        record = Path(text)
        return record if record.is_absolute() else self.path.parent / record

    def _record_problem(self, text: str) -> str | None:
        """Why the record a row names cannot be read, or None."""
        try:
            return self._check_record(text)
        except OSError as exc:  # a name too long, an unreadable folder …
            return f"record `{excerpt(text)}` cannot be read ({exc.strerror or exc})"

    def _check_record(self, text: str) -> str | None:
        shown = excerpt(text)
        record = self._record_path(text)
        if record.suffix.lower() not in RECORD_SUFFIXES:
            return f"record `{shown}` is not a .yaml or .yml file"
        if not self.allow_outside:
            base = self.path.parent.resolve()
            try:
                inside = record.resolve().is_relative_to(base)
            except (OSError, RuntimeError):  # a loop of links, an unreadable folder
                inside = False
            if not inside:
                return f"record `{shown}` lies outside the roster's folder"
        if not record.is_file():
            return f"record `{shown}` not found ({excerpt(str(record), 200)})"
        return None


def _unknown_doc(docs: Sequence[str]) -> str | None:
    known = all_keys()
    return next((d for d in docs if d not in known), None)
