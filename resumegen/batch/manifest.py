"""What a run did: :class:`BatchResult`, ``manifest.jsonl`` and ``manifest.xlsx``.

``manifest.jsonl`` grows a line as each packet finishes (flushed, so an agent
can tail it); ``manifest.xlsx`` is written at the end, in source order, also
when the run is interrupted. Neither is ever written through a symbolic
link: a manifest that is one is refused before anything is written, and the
files are created new and renamed into place. The document columns of the
workbook follow the registry's order, one column for each document a packet
holds (``interview``, ``interview 2`` … when a packet has one sheet per
application), so every file the ``.jsonl`` lists has a cell.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from resumegen.documents import all_keys
from resumegen.write import (
    atomic_write,
    check_targets,
    create_temporary,
    open_folder,
    rename_into_place,
)

__all__ = [
    "MANIFEST_JSONL",
    "MANIFEST_XLSX",
    "BatchResult",
    "Manifest",
    "Status",
    "write_manifest_xlsx",
]

log = logging.getLogger(__name__)

Status = Literal["ok", "error", "skipped"]

MANIFEST_JSONL = "manifest.jsonl"
MANIFEST_XLSX = "manifest.xlsx"
# What a worksheet cell holds at most (a longer traceback is cut at its start).
_CELL_MAX = 32_767


@dataclass(frozen=True)
class BatchResult:
    """What happened to one packet (or one bad source).

    ``traceback`` is set only in a debug run, for a packet that failed with an
    unexpected error (a bug): ``error`` stays its one line.
    """

    source: str
    status: Status
    outputs: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None
    person: str | None = None
    target: str | None = None
    seconds: float = 0.0
    index: int = 0
    traceback: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The keys CLI.md promises (source, status, outputs, error) plus details."""
        out = {
            "source": self.source,
            "status": self.status,
            "outputs": [dict(o) for o in self.outputs],
            "error": self.error,
            "person": self.person,
            "target": self.target,
            "seconds": round(self.seconds, 3),
        }
        if self.traceback is not None:
            out["traceback"] = self.traceback
        return out


class Manifest:
    """Both manifests of a run in *out_dir*: the .jsonl line by line, the .xlsx on close.

    Opening refuses a manifest that is a symbolic link (with or without
    overwriting allowed) before anything is written; an earlier manifest is
    replaced by a new file, never truncated in place. *on_result* is called
    with each result once its line is written.
    """

    def __init__(
        self, out_dir: Path, on_result: Callable[[BatchResult], None] | None = None
    ) -> None:
        self.out_dir = Path(out_dir)
        self.on_result = on_result
        self.results: list[BatchResult] = []
        with open_folder(self.out_dir) as fd:
            check_targets(self.out_dir, fd, [MANIFEST_JSONL, MANIFEST_XLSX], force=True, links=True)
            tmp, out = create_temporary(self.out_dir, fd, MANIFEST_JSONL)
            try:
                rename_into_place(self.out_dir, fd, tmp, MANIFEST_JSONL)
            except BaseException:
                os.close(out)
                with contextlib.suppress(OSError):
                    os.unlink(self.out_dir / tmp)
                raise
        self._jsonl: IO[str] = os.fdopen(out, "w", encoding="utf-8")

    def add(self, result: BatchResult) -> BatchResult:
        """Add a finished packet: a line in the .jsonl at once, a row in the .xlsx at the end."""
        self.results.append(result)
        self._jsonl.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
        self._jsonl.flush()
        if self.on_result is not None:
            self.on_result(result)
        return result

    def close(self) -> None:
        """Flush the .jsonl to disk and write manifest.xlsx with every packet so far."""
        with contextlib.suppress(OSError):
            os.fsync(self._jsonl.fileno())
        self._jsonl.close()
        write_manifest_xlsx(self.out_dir / MANIFEST_XLSX, self.results)
        log.info("wrote both manifests: %d packets", len(self.results))


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _columns_of(outputs: Sequence[dict[str, str]]) -> list[str]:
    """The column of each output: ``doc``, ``doc 2`` … by turn in the packet, `` (pdf)`` for PDFs."""
    seen: Counter[tuple[str, str]] = Counter()
    columns = []
    for output in outputs:
        doc = output["doc"]
        suffix = Path(output["path"]).suffix.lower().lstrip(".")
        seen[doc, suffix] += 1
        n = seen[doc, suffix]
        name = doc if n == 1 else f"{doc} {n}"
        columns.append(name if suffix == "docx" else f"{name} ({suffix})")
    return columns


_COLUMN = re.compile(r"(?P<doc>\S+)(?: (?P<n>\d+))?(?: \((?P<kind>[^)]*)\))?")


def _column_order(column: str) -> tuple[int, str, int, str]:
    """Registry order of documents, then the turn, then .docx before other kinds."""
    match = _COLUMN.fullmatch(column)
    assert match is not None
    order = all_keys()
    doc = match["doc"]
    rank = order.index(doc) if doc in order else len(order)
    return (rank, doc, int(match["n"] or 1), match["kind"] or "")


def write_manifest_xlsx(path: Path, results: Sequence[BatchResult]) -> None:
    """One row a packet, in source order, documents as links relative to *path*.

    Bold, frozen header with an autofilter, so that a coordinator can filter
    the failures and open any document with a click. A ``traceback`` column
    follows ``error`` when some packet has one. The workbook is written as a
    stream (rows are not kept as cell objects), so a manifest of thousands of
    packets costs little time and memory.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    ordered = sorted(results, key=lambda r: r.index)
    columns_of = {id(r): _columns_of(r.outputs) for r in ordered}
    doc_columns = sorted({c for r in ordered for c in columns_of[id(r)]}, key=_column_order)
    tracebacks = any(r.traceback for r in ordered)
    header = ["source", "status", "person", "target", *doc_columns, "error"]
    header += ["traceback"] * tracebacks + ["seconds"]
    base = path.parent

    def row(r: BatchResult) -> tuple[list[Any], dict[int, str]]:
        """The row's values, and its links by column (0-based)."""
        links = dict(zip(columns_of[id(r)], (o["path"] for o in r.outputs), strict=True))
        values: list[Any] = [r.source, r.status, r.person or "", r.target or ""]
        values += [Path(links[c]).name if c in links else "" for c in doc_columns]
        values += [r.error or ""]
        values += [(r.traceback or "")[-_CELL_MAX:]] * tracebacks + [round(r.seconds, 3)]
        targets = {
            4 + offset: _relative_link(Path(links[column]), base)
            for offset, column in enumerate(doc_columns)
            if column in links
        }
        return [_cell_safe(v) for v in values], targets

    rows = [row(r) for r in ordered]
    widths = [_display_width(h) for h in header]
    for values, _ in rows:  # widths first: the stream below starts with the columns
        for i, v in enumerate(values):
            longest = max(str(v).splitlines() or [""], key=_display_width)
            widths[i] = max(widths[i], _display_width(longest))

    book = Workbook(write_only=True)
    sheet = book.create_sheet("packets")
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(ordered) + 1}"
    bold = Font(bold=True)
    head = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    for values, targets in rows:
        cells = []
        for col, value in enumerate(values):
            cell = WriteOnlyCell(sheet, value=value)
            if cell.data_type == "f":  # text that starts with "=" stays text
                cell.data_type = "s"
            if col in targets:
                cell.hyperlink = targets[col]
                cell.style = "Hyperlink"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(path, buffer.getvalue(), force=True)


def _cell_safe(value: Any) -> Any:
    """Text without the control characters a worksheet cannot hold."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def _relative_link(target: Path, base: Path) -> str:
    """The file as a forward-slash path relative to the manifest's folder.

    Packet files lie under that folder by construction, which plain path
    arithmetic shows; links are resolved only for a file elsewhere.
    """
    with contextlib.suppress(ValueError):
        return Path(os.path.abspath(target)).relative_to(os.path.abspath(base)).as_posix()
    try:
        return target.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return target.resolve().as_uri()
