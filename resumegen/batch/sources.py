"""Sources into jobs: record files, folders of them, and ``.xlsx`` rosters.

Nothing is loaded here: a record that exists becomes a job, and its problems
surface when it is rendered, so that one bad file fails alone. A source that
cannot become a job (a missing file, a bad roster row) is a :class:`JobError`
numbered in the same source order as the jobs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from resumegen.batch.roster import RECORD_SUFFIXES, RosterError, read_roster
from resumegen.record.model import Target
from resumegen.text import excerpt, one_line

__all__ = ["ROSTER_SUFFIX", "Job", "JobError", "collect_jobs"]

log = logging.getLogger(__name__)

ROSTER_SUFFIX = ".xlsx"


@dataclass(frozen=True)
class Job:
    """One packet to render.

    ``source`` is what messages and the manifest show (the record path, or
    ``roster.xlsx:Sheet1!row 7``); ``target`` is an application typed into a
    roster row rather than kept in the record; ``index`` is the position in
    source order.
    """

    source: str
    record: Path
    target_id: str | None = None
    target: Target | None = None
    docs: tuple[str, ...] | None = None
    index: int = 0


@dataclass(frozen=True)
class JobError:
    """A source that could not become a job; ``message`` is one positioned line."""

    source: str
    message: str
    index: int = 0


class _Collector:
    """Turns sources into jobs and errors, numbering both in source order."""

    def __init__(self, allow_outside: bool) -> None:
        self.allow_outside = allow_outside
        self.jobs: list[Job] = []
        self.errors: list[JobError] = []
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n - 1

    def job(self, source: str, record: Path) -> None:
        self.jobs.append(Job(source, record, index=self._next()))

    def error(self, source: str, message: str) -> None:
        self.errors.append(JobError(source, one_line(message), index=self._next()))

    def add(self, src: str | Path) -> None:
        """One source into jobs; a source that cannot be read is one error, the rest go on."""
        label = str(src)
        try:
            self._add(Path(src), label)
        except OSError as exc:  # a name too long, an unreadable folder …
            self.error(label, f"{excerpt(label, 120)}: cannot read: {exc.strerror or exc}")

    def _add(self, path: Path, label: str) -> None:
        if path.is_dir():
            self._folder(path, label)
        elif not path.exists():
            self.error(label, f"{label}: no such file or folder")
        elif path.suffix.lower() in RECORD_SUFFIXES:
            self.job(label, path)
        elif path.suffix.lower() == ROSTER_SUFFIX:
            self._roster(path, label)
        else:
            self.error(label, f"{label}: not a record (.yaml, .yml), a folder or an .xlsx roster")

    def _folder(self, folder: Path, label: str) -> None:
        found = sorted(_records_in(folder), key=lambda rel: rel.parts)
        if not found:
            self.error(label, f"{label}: no .yaml records in this folder")
        for rel in found:
            self.job(str(Path(label) / rel), folder / rel)

    def _roster(self, path: Path, label: str) -> None:
        for row in read_roster(path, label, allow_outside=self.allow_outside):
            if isinstance(row, RosterError):
                self.error(row.source, row.message)
            else:
                index = self._next()
                self.jobs.append(
                    Job(row.source, row.record, row.target_id, row.target, row.docs, index)
                )


def _records_in(folder: Path) -> Iterator[Path]:
    """Record files under *folder* (relative), skipping hidden files and folders."""
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix.lower() in RECORD_SUFFIXES and path.is_file():
            yield rel


def collect_jobs(
    sources: Sequence[str | Path], *, allow_outside: bool = False
) -> tuple[list[Job], list[JobError]]:
    """Expand record files, folders (recursively, sorted) and rosters into jobs.

    A roster row's record must lie in the roster's folder or below, unless
    *allow_outside*.
    """
    collector = _Collector(allow_outside)
    for src in sources:
        collector.add(src)
    log.info(
        "collected %d jobs and %d source errors from %d sources",
        len(collector.jobs),
        len(collector.errors),
        len(sources),
    )
    return collector.jobs, collector.errors
