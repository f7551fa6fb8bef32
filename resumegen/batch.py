"""Batch runs: many packets from files, folders and ``.xlsx`` rosters, in parallel.

The shape of a run, and why:

* **Sources become jobs first** (:func:`collect_jobs`). A bad roster row is a
  :class:`JobError` with its sheet and cell, reported like a failed packet;
  it never stops the other rows.
* **Plan, then render.** Planning loads a record and works out its person,
  target and file names. Folder names are handed out in *source order* once
  every earlier job is planned, so ``-j 2`` gives the same folders as
  ``-j 1`` even when two people share a name, and a rerun finds its earlier
  files (and skips them) without rendering anything.
* **Workers render, the parent writes.** A worker process returns bytes; only
  the parent touches the output folder, atomically, so Ctrl-C cannot leave a
  half-written document. Workers ignore SIGINT and finish their packet.
* **Isolation.** Anything that goes wrong inside one packet (record error,
  unknown target, broken template, a crashed worker) becomes that packet's
  ``error`` line; every other packet still runs.
* **Manifests.** ``manifest.jsonl`` grows a line as each packet finishes
  (flushed, so an agent can tail it); ``manifest.xlsx`` is written at the
  end, in source order, also when the run is interrupted.

* **One round trip a packet.** A worker loads, plans and renders in one
  task; only when the packet's folder already exists (a rerun, which the
  parent alone can call a skip) does the loaded record come back first.
* **Writing is durable once a packet.** The files of a packet are staged,
  flushed to disk together, renamed into place, and the folder is flushed
  once: the same guarantees as one atomic write a file, at a fraction of the
  cost of flushing each file on its own.
* **PDFs after the documents.** With ``pdf``, LibreOffice is what costs
  (seconds to start, then many documents a second), so it starts as few
  times as possible: once every .docx is written, the documents of all
  packets are converted in large chunks, one ``soffice`` a worker with a
  private profile, in parallel. A packet waits for its PDFs before it is
  reported; one whose conversion fails is an error that keeps its .docx.
  A rerun converts what is missing when the .docx files are already there.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import difflib
import io
import json
import os
import pickle
import re
import secrets
import signal
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from resumegen.documents import REGISTRY, all_keys
from resumegen.errors import RecordError, ResumegenError, UsageError
from resumegen.packet import (
    build_packet,
    packet_names,
    pdf_name,
    resolve_target,
    to_pdf,
)
from resumegen.record.model import Record, Target
from resumegen.write import atomic_write, compact_name, safe_name, unique_name

if TYPE_CHECKING:
    from resumegen.enrich.application import Resources

__all__ = [
    "BatchResult",
    "Job",
    "JobError",
    "collect_jobs",
    "run_batch",
    "write_manifest_xlsx",
]

Status = Literal["ok", "error", "skipped"]

RECORD_SUFFIXES = (".yaml", ".yml")
ROSTER_SUFFIX = ".xlsx"
MANIFEST_JSONL = "manifest.jsonl"
MANIFEST_XLSX = "manifest.xlsx"
ROSTER_COLUMNS = ("record", "target", "employer", "role", "emphasis", "motivation", "docs")
ALL_DOCS = all_keys()
DOC_ORDER = all_keys()
# Tasks handed to the pool at once, per worker (more waits in our own queues).
IN_FLIGHT_PER_WORKER = 2
# At most this many diagnostics are spelled out in a one-line error.
MAX_DIAGNOSTICS = 3

_LIST_SPLIT = re.compile(r"[,、，]")


# ----------------------------------------------------------------- data types


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


@dataclass(frozen=True)
class BatchResult:
    """What happened to one packet (or one bad source)."""

    source: str
    status: Status
    outputs: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None
    person: str | None = None
    target: str | None = None
    seconds: float = 0.0
    index: int = 0

    def as_json(self) -> dict[str, Any]:
        """The keys CLI.md promises (source, status, outputs, error) plus details."""
        return {
            "source": self.source,
            "status": self.status,
            "outputs": [dict(o) for o in self.outputs],
            "error": self.error,
            "person": self.person,
            "target": self.target,
            "seconds": round(self.seconds, 3),
        }


# -------------------------------------------------------------------- sources


class _Collector:
    """Turns sources into jobs and errors, numbering both in source order."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []
        self.errors: list[JobError] = []
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n - 1

    def job(self, source: str, record: Path, **kw: Any) -> None:
        self.jobs.append(Job(source, record, index=self._next(), **kw))

    def error(self, source: str, message: str) -> None:
        self.errors.append(JobError(source, _one_line(message), index=self._next()))

    def add(self, src: str | Path) -> None:
        label = str(src)
        path = Path(src)
        if path.is_dir():
            self._folder(path, label)
        elif not path.exists():
            self.error(label, f"{label}: no such file or folder")
        elif path.suffix.lower() in RECORD_SUFFIXES:
            self.job(label, path)
        elif path.suffix.lower() == ROSTER_SUFFIX:
            _read_roster(path, label, self)
        else:
            self.error(label, f"{label}: not a record (.yaml, .yml), a folder or an .xlsx roster")

    def _folder(self, folder: Path, label: str) -> None:
        found = sorted(_records_in(folder), key=lambda rel: rel.parts)
        if not found:
            self.error(label, f"{label}: no .yaml records in this folder")
        for rel in found:
            self.job(str(Path(label) / rel), folder / rel)


def _records_in(folder: Path) -> Iterator[Path]:
    """Record files under *folder* (relative), skipping hidden files and folders."""
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix.lower() in RECORD_SUFFIXES and path.is_file():
            yield rel


def collect_jobs(sources: Sequence[str | Path]) -> tuple[list[Job], list[JobError]]:
    """Expand record files, folders (recursively, sorted) and rosters into jobs.

    Nothing is loaded here: a record that exists becomes a job, and its
    problems surface when it is rendered, so that one bad file fails alone.
    """
    collector = _Collector()
    for src in sources:
        collector.add(src)
    return collector.jobs, collector.errors


# -------------------------------------------------------------------- rosters


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


def _column_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _read_roster(path: Path, label: str, out: _Collector) -> None:
    """Read the first sheet of a roster: one job (or one error) a non-empty row."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a broken zip, not a workbook, unreadable file …
        out.error(label, f"{label}: cannot read this roster ({type(exc).__name__}: {exc})")
        return
    try:
        sheet = book.worksheets[0]
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        _roster_rows(rows, path, f"{label}:{sheet.title}", out)
    finally:
        book.close()


def _roster_rows(rows: list[list[str]], path: Path, where: str, out: _Collector) -> None:
    """Header row first (the first non-empty row), then one job a non-empty row."""
    header_at = next((i for i, row in enumerate(rows) if any(row)), None)
    if header_at is None:
        out.error(where, f"{where}: the roster is empty; it needs a header row with `record`")
        return
    columns, problems = _header(rows[header_at], header_at + 1, where)
    if problems:
        for message in problems:
            out.error(where, message)
        return
    for i in range(header_at + 1, len(rows)):
        row = rows[i]
        if any(row):
            _roster_row(row, i + 1, columns, path, where, out)


def _header(row: list[str], line: int, where: str) -> tuple[dict[str, int], list[str]]:
    """Column name -> index (0-based); unknown, repeated or missing names are problems."""
    columns: dict[str, int] = {}
    problems: list[str] = []
    for col, text in enumerate(row):
        if not text:
            continue
        name = text.casefold()
        cell = f"{where}!{_column_letter(col + 1)}{line}"
        if name not in ROSTER_COLUMNS:
            problems.append(f"{cell}: unknown column `{text}`{_did_you_mean(name, ROSTER_COLUMNS)}")
        elif name in columns:
            problems.append(f"{cell}: column `{name}` appears twice")
        else:
            columns[name] = col
    if "record" not in columns and not problems:
        problems.append(f"{where}!A{line}: the header row needs a `record` column")
    return columns, problems


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"; did you mean `{close[0]}`?"
    return f"; known: {', '.join(choices)}"


def _roster_row(
    row: list[str], line: int, columns: dict[str, int], path: Path, where: str, out: _Collector
) -> None:
    """One row into a job, or into an error that names the offending cell."""

    def value(name: str) -> str:
        col = columns.get(name)
        return row[col] if col is not None and col < len(row) else ""

    def cell(name: str) -> str:
        col = columns.get(name, 0)
        return f"{where}!{_column_letter(col + 1)}{line}"

    source = f"{where}!row {line}"
    record_text = value("record")
    if not record_text:
        out.error(source, f"{cell('record')}: no record in this row")
        return
    record = Path(record_text).expanduser()
    if not record.is_absolute():
        record = path.parent / record
    if not record.is_file():
        out.error(source, f"{cell('record')}: record `{record_text}` not found ({record})")
        return
    target_id = value("target") or None
    employer = value("employer")
    if target_id and employer:
        out.error(source, f"{cell('employer')}: give either `target` or `employer`, not both")
        return
    if not employer:
        stray = next((n for n in ("role", "emphasis", "motivation") if value(n)), None)
        if stray:
            out.error(source, f"{cell(stray)}: `{stray}` needs an `employer` in the same row")
            return
    docs: tuple[str, ...] | None = None
    if value("docs"):
        docs = _split_list(value("docs"))
        unknown = next((d for d in docs if d not in ALL_DOCS), None)
        if unknown is not None:
            hint = _did_you_mean(unknown.casefold(), ALL_DOCS)
            out.error(source, f"{cell('docs')}: unknown document `{unknown}`{hint}")
            return
    adhoc = None
    if employer:
        adhoc = Target(
            id=safe_name(compact_name(employer), max_len=40),
            employer=employer,
            role=value("role") or None,
            emphasis=_split_list(value("emphasis")),
            motivation=value("motivation") or None,
        )
    out.job(source, record, target_id=target_id, target=adhoc, docs=docs)


# ------------------------------------------------------------ per-job work


@dataclass(frozen=True)
class _Settings:
    """What every packet of a run shares; sent once to each worker."""

    docs: tuple[str, ...] | None
    pdf: bool
    today: _dt.date | None
    template_dirs: tuple[Path, ...]
    phrasebooks: tuple[Path, ...]
    out_dir: Path = Path()
    force: bool = False


@dataclass(frozen=True)
class _Plan:
    """A loaded, checked job: who, for which target, which files."""

    person: str
    target_id: str | None
    names: tuple[tuple[str, str], ...]  # (doc, file name)
    folder: str  # the base folder name, before making it unique
    seconds: float


@dataclass(frozen=True)
class _Rendered:
    files: dict[str, bytes]
    seconds: float


@dataclass(frozen=True)
class _Failed:
    error: str
    seconds: float
    person: str | None = None
    target_id: str | None = None


class _Context:
    """Per-process state: settings and the resources, loaded once per language."""

    def __init__(self, settings: _Settings) -> None:
        self.settings = settings
        self._resources: dict[str, Resources | Exception] = {}

    def resources(self, lang: str) -> Resources:
        if lang not in self._resources:
            from resumegen.enrich.application import Resources

            res = Resources(lang, phrasebooks=tuple(self.settings.phrasebooks))
            try:
                res.phrasebook  # noqa: B018 (load now: a broken book fails every packet alike)
            except Exception as exc:  # reported by every packet of this language
                self._resources[lang] = exc
            else:
                self._resources[lang] = res
        found = self._resources[lang]
        if isinstance(found, Exception):
            raise found
        return found

    def warm_up(self) -> None:
        """Load phrasebooks and compile templates before the first packet arrives.

        A problem here is not reported: the packet that needs the broken
        piece meets it again and fails alone, with the message.
        """
        for lang in dict.fromkeys(lang for d in REGISTRY.values() for lang in d.langs):
            with contextlib.suppress(Exception):
                self.resources(lang)
        for doc in REGISTRY.values():
            for lang in doc.langs:
                with contextlib.suppress(Exception):
                    self._compile_template(lang, doc.template_name)

    def _compile_template(self, lang: str, name: str) -> None:
        """The bundled template (a user's renders in a child process of its own)."""
        from resumegen.render.docx import locate_template
        from resumegen.render.engine import DocxTemplate

        DocxTemplate.load(locate_template(lang, name)[0])


_WORKER: _Context | None = None


def _init_worker(settings: _Settings) -> None:
    """Pool initializer: Ctrl-C is the parent's business; load shared data once."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = _Context(settings)
    _WORKER.warm_up()


def _one_line(text: str) -> str:
    return " ".join(text.splitlines()).strip()


def _describe(exc: BaseException, source: str) -> str:
    """One line for the manifest: positioned for record errors, labelled otherwise."""
    if isinstance(exc, RecordError):
        diags = [d for d in exc.diagnostics if d.severity == "error"] or exc.diagnostics
        shown = "; ".join(_one_line(d.format()) for d in diags[:MAX_DIAGNOSTICS])
        if len(diags) > MAX_DIAGNOSTICS:
            shown += f"; … and {len(diags) - MAX_DIAGNOSTICS} more problems"
        return shown
    if isinstance(exc, ResumegenError):
        return _one_line(f"{source}: {exc}")
    if isinstance(exc, BrokenProcessPool):
        return f"{source}: a worker process stopped abruptly; this packet was not rendered"
    return _one_line(f"{source}: internal error: {type(exc).__name__}: {exc}")


def _load(job: Job) -> tuple[Record, Target | None]:
    from resumegen.record.validate import load_record

    record = load_record(job.record)
    target = job.target if job.target is not None else resolve_target(record, job.target_id)
    return record, target


def _folder_name(person: str, target: Target | None) -> str:
    """``平田健一_saitama-er``: safe, readable, one path component."""
    parts = [safe_name(compact_name(person), max_len=60)]
    if target is not None:
        parts.append(safe_name(target.id, max_len=40))
    return safe_name("_".join(parts), max_len=110)


def _prepare(job: Job, ctx: _Context) -> tuple[_Plan | _Failed, Record | None, Target | None]:
    """Load and check a job; also return the record so an in-process run needn't reload."""
    start = time.perf_counter()
    record: Record | None = None
    try:
        record, target = _load(job)
        docs = job.docs if job.docs is not None else ctx.settings.docs
        names = packet_names(record, target=target, docs=docs, pdf=ctx.settings.pdf)
    except Exception as exc:
        person = record.person.name if record is not None else None
        failed = _Failed(_describe(exc, job.source), time.perf_counter() - start, person)
        return failed, None, None
    plan = _Plan(
        person=record.person.name,
        target_id=target.id if target is not None else None,
        names=tuple(names),
        folder=_folder_name(record.person.name, target),
        seconds=time.perf_counter() - start,
    )
    return plan, record, target


def _render(
    job: Job, plan: _Plan, record: Record, target: Target | None, ctx: _Context
) -> _Rendered | _Failed:
    """The packet's .docx files in memory (PDFs are made later, many packets at once)."""
    start = time.perf_counter()
    s = ctx.settings
    try:
        today = record.date_of_record(s.today) if (record.as_of or s.today) else None
        files = build_packet(
            record,
            target=target,
            docs=[doc for doc, name in plan.names if name.endswith(".docx")],
            today=today,
            template_dirs=s.template_dirs,
            resources=ctx.resources(record.lang),
        )
    except Exception as exc:
        return _Failed(_describe(exc, job.source), time.perf_counter() - start, plan.person)
    return _Rendered(files, time.perf_counter() - start)


def _may_be_skipped(plan: _Plan, settings: _Settings) -> bool:
    """Whether the parent could skip this packet: only when its folder exists already."""
    return not settings.force and (settings.out_dir / plan.folder).exists()


def _job_task(job: Job) -> tuple[_Plan | _Failed, _Rendered | _Failed | bytes | None]:
    """Worker entry: plan one job and, unless it may be skipped, render it on the same trip.

    Skipping is the parent's call (it hands out the folder names), and it can
    only happen when the folder exists already. Then the loaded record goes
    back instead, so that it is not parsed twice (loading costs more than
    rendering); pickled here, so that a record that cannot be pickled is
    simply loaded again.
    """
    assert _WORKER is not None, "worker started without its initializer"
    plan, record, target = _prepare(job, _WORKER)
    if not isinstance(plan, _Plan) or record is None:
        return plan, None
    if not _may_be_skipped(plan, _WORKER.settings):
        return plan, _render(job, plan, record, target, _WORKER)
    loaded = None
    with contextlib.suppress(Exception):
        loaded = pickle.dumps((record, target), protocol=pickle.HIGHEST_PROTOCOL)
    return plan, loaded


def _render_task(job: Job, plan: _Plan, loaded: bytes | None) -> _Rendered | _Failed:
    """Worker entry: render a job planned earlier, returning bytes."""
    assert _WORKER is not None, "worker started without its initializer"
    start = time.perf_counter()
    try:
        record, target = pickle.loads(loaded) if loaded is not None else _load(job)
    except Exception as exc:  # the file changed since planning
        return _Failed(_describe(exc, job.source), time.perf_counter() - start, plan.person)
    return _render(job, plan, record, target, _WORKER)


# ------------------------------------------------------- naming and writing


def _plain_name(folder: Path, name: str) -> Path:
    """``folder/name``, refusing any name that is not one plain path component."""
    separators = {"/", "\\", "\0", os.sep, os.altsep or "/"}
    if not name or name in (".", "..") or any(sep in name for sep in separators):
        raise UsageError(f"output name {name!r} would leave {folder}")
    return folder / name


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _sync_folder(folder: Path) -> None:
    """Make the renames in *folder* durable (POSIX; elsewhere a rename is as good as it gets)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_packet(
    folder: Path, files: Mapping[str, bytes], *, force: bool, also: Iterable[str] = ()
) -> list[Path]:
    """Write one packet's files into *folder* atomically, flushing them to disk together.

    The same promise as :func:`resumegen.write.write_files` (every name is
    checked, and without *force* nothing is written when any of them, or of
    the names in *also*, exists; each file is old or new, never half written;
    no temporary file is left behind), paid for once rather than once a
    file: every file is staged under a temporary name, all of them are
    flushed together (a journalling file system commits them in one go),
    then renamed into place, and the folder is flushed once so that the
    renames survive a crash too.
    """
    targets = {name: _plain_name(folder, name) for name in files}
    if not force:
        checked = [*targets.values(), *(_plain_name(folder, n) for n in also)]
        existing = [p for p in checked if p.exists() or p.is_symlink()]
        if existing:
            more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
            raise UsageError(
                f"{existing[0]} exists{more}; use --force to overwrite", option="--force"
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create folder {folder}: {exc.strerror or exc}") from None
    staged: list[tuple[Path, Path]] = []  # (temporary file, target), renamed ones removed
    current = folder
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        descriptors: list[int] = []
        try:
            for name, data in files.items():
                current = targets[name]
                tmp = folder / f".{name[:40]}.{secrets.token_hex(4)}.part"
                fd = os.open(tmp, flags, 0o666)  # the umask applies, as for any new file
                descriptors.append(fd)
                staged.append((tmp, current))
                _write_all(fd, data)
            for fd in descriptors:
                os.fsync(fd)
        finally:
            for fd in descriptors:
                os.close(fd)
        while staged:
            tmp, current = staged[0]
            os.replace(tmp, current)
            staged.pop(0)
        _sync_folder(folder)
    except BaseException as exc:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write {current}: {exc.strerror or exc}") from None
        raise
    return list(targets.values())


@dataclass(frozen=True)
class _PdfWork:
    """A packet whose .docx files are on disk and whose PDFs are still to be made."""

    job: Job
    plan: _Plan
    folder: Path
    docx: tuple[str, ...]  # the .docx files (names in *folder*) still without a PDF
    seconds: float


class _Run:
    """The parent's side: folder names in source order, writing, both manifests."""

    def __init__(self, jobs: list[Job], out_dir: Path, force: bool, pdf: bool = False) -> None:
        self.out_dir = out_dir
        self.force = force
        self.pdf = pdf
        self.order = [job.index for job in jobs]
        self.jobs = {job.index: job for job in jobs}
        self.plans: dict[int, _Plan | _Failed] = {}
        self.folders: dict[int, str] = {}
        self.pdf_work: list[_PdfWork] = []
        self._next = 0
        self._taken = {MANIFEST_JSONL, MANIFEST_XLSX}
        self._folded = {name.casefold() for name in self._taken}
        self.results: list[BatchResult] = []
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            self._jsonl = (out_dir / MANIFEST_JSONL).open("w", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write to {out_dir}: {exc.strerror or exc}") from None

    def record(self, result: BatchResult) -> BatchResult:
        """Add a finished packet to both manifests (the .jsonl at once).

        What was kept to finish the packet is let go: only the result stays.
        """
        self.jobs.pop(result.index, None)
        self.plans.pop(result.index, None)
        self.folders.pop(result.index, None)
        self.results.append(result)
        self._jsonl.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
        self._jsonl.flush()
        return result

    def planned(self, index: int, plan: _Plan | _Failed) -> list[BatchResult | Job]:
        """Accept a plan; return, in source order, what can now proceed.

        A job can only get its folder once every earlier job is planned, so
        that names do not depend on which worker was faster. Returned jobs
        still need rendering; results (errors, skips) are final. Packets
        that only need their PDFs wait in :attr:`pdf_work`.
        """
        self.plans[index] = plan
        ready: list[BatchResult | Job] = []
        while self._next < len(self.order) and self.order[self._next] in self.plans:
            i = self.order[self._next]
            self._next += 1
            item = self._settle(self.jobs[i], self.plans[i])
            if item is not None:
                ready.append(item)
        return ready

    def settled(self, index: int) -> bool:
        """Whether the job at *index* has had its turn in source order (folder or result)."""
        return self._next >= len(self.order) or index < self.order[self._next]

    def _claim(self, name: str) -> str:
        """*name*, or the first free ``name-2``, ``name-3`` … (ignoring case), now taken."""
        if name.casefold() in self._folded:
            name = unique_name(name, self._taken)
        self._taken.add(name)
        self._folded.add(name.casefold())
        return name

    def _settle(self, job: Job, plan: _Plan | _Failed) -> BatchResult | Job | None:
        if isinstance(plan, _Failed):
            return self._failed(job, plan)
        folder = self._claim(plan.folder)
        self.folders[job.index] = folder
        if self.force:
            return job
        exists = {name for _, name in plan.names if (self.out_dir / folder / name).exists()}
        if len(exists) == len(plan.names):
            return self.record(
                BatchResult(
                    job.source,
                    "skipped",
                    outputs=self._outputs(plan, self.out_dir / folder),
                    person=plan.person,
                    target=plan.target_id,
                    seconds=plan.seconds,
                    index=job.index,
                )
            )
        docx = [name for _, name in plan.names if name.endswith(".docx")]
        if self.pdf and exists.issuperset(docx):  # written before: only PDFs are missing
            missing = tuple(n for n in docx if pdf_name(n) not in exists)
            self.pdf_work.append(_PdfWork(job, plan, self.out_dir / folder, missing, plan.seconds))
            return None
        return job

    @staticmethod
    def _outputs(plan: _Plan, folder: Path, only_existing: bool = False) -> list[dict[str, str]]:
        paths = [(doc, folder / name) for doc, name in plan.names]
        return [{"doc": doc, "path": str(p)} for doc, p in paths if not only_existing or p.exists()]

    def _failed(self, job: Job, failed: _Failed, plan: _Plan | None = None) -> BatchResult:
        return self.record(
            BatchResult(
                job.source,
                "error",
                error=failed.error,
                person=failed.person or (plan.person if plan else None),
                target=plan.target_id if plan else (job.target_id or _adhoc_id(job)),
                seconds=failed.seconds + (plan.seconds if plan else 0.0),
                index=job.index,
            )
        )

    def rendered(self, job: Job, outcome: _Rendered | _Failed) -> BatchResult | None:
        """Write a rendered packet into its folder (atomically) and record it.

        With PDFs the packet is recorded once they are made: None here.
        """
        plan = self.plans[job.index]
        assert isinstance(plan, _Plan)
        if isinstance(outcome, _Failed):
            return self._failed(job, outcome, plan)
        with _interrupts_deferred():
            return self._write(job, plan, outcome)

    def _write(self, job: Job, plan: _Plan, outcome: _Rendered) -> BatchResult | None:
        start = time.perf_counter()
        folder = self.out_dir / self.folders[job.index]
        others = [name for _, name in plan.names if name not in outcome.files]
        try:
            _write_packet(folder, outcome.files, force=self.force, also=others)
        except UsageError as exc:
            failed = _Failed(_describe(exc, job.source), outcome.seconds)
            return self._failed(job, failed, plan)
        seconds = plan.seconds + outcome.seconds + (time.perf_counter() - start)
        if self.pdf:
            self.pdf_work.append(_PdfWork(job, plan, folder, tuple(outcome.files), seconds))
            return None
        return self.record(
            BatchResult(
                job.source,
                "ok",
                outputs=self._outputs(plan, folder),
                person=plan.person,
                target=plan.target_id,
                seconds=seconds,
                index=job.index,
            )
        )

    def converted(
        self, work: _PdfWork, outcome: dict[str, bytes] | BaseException, seconds: float
    ) -> BatchResult:
        """Write a packet's PDFs next to its .docx files and record the packet.

        A failed conversion makes the packet an error that still lists (and
        keeps) its .docx files.
        """
        with _interrupts_deferred():
            if not isinstance(outcome, BaseException):
                start = time.perf_counter()
                try:
                    _write_packet(work.folder, outcome, force=self.force)
                except UsageError as exc:
                    outcome = exc
                seconds += time.perf_counter() - start
            error = None
            if isinstance(outcome, BaseException):
                error = _describe(outcome, work.job.source)
            return self.record(
                BatchResult(
                    work.job.source,
                    "ok" if error is None else "error",
                    outputs=self._outputs(work.plan, work.folder, only_existing=bool(error)),
                    error=error,
                    person=work.plan.person,
                    target=work.plan.target_id,
                    seconds=work.seconds + seconds,
                    index=work.job.index,
                )
            )

    def close(self) -> None:
        """Close the .jsonl and write manifest.xlsx with everything finished so far."""
        self._jsonl.close()
        write_manifest_xlsx(self.out_dir / MANIFEST_XLSX, self.results)


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block ends, so a packet is written whole and recorded.

    Each file is atomic on its own; this makes the packet (all its files
    plus its manifest line) atomic with respect to Ctrl-C as well.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and previous is not signal.SIG_IGN:
        if callable(previous):
            previous(signal.SIGINT, None)
        raise KeyboardInterrupt


def _adhoc_id(job: Job) -> str | None:
    return job.target.id if job.target is not None else None


# ---------------------------------------------------------------- running


def _check_docs(docs: Sequence[str] | None) -> tuple[str, ...] | None:
    if docs is None:
        return None
    for doc in docs:
        if doc not in ALL_DOCS:
            hint = _did_you_mean(doc.casefold(), ALL_DOCS)
            raise UsageError(f"unknown document `{doc}`{hint}", option="--doc")
    return tuple(docs)


def _check_pdf() -> None:
    """With ``pdf``, LibreOffice must be there: say so once, before anything is written."""
    from resumegen.render.pdf import MISSING, find_soffice

    if find_soffice() is None:
        raise UsageError(MISSING, option="--pdf")


def run_batch(
    sources: Sequence[str | Path],
    *,
    out_dir: Path,
    jobs: int | None = None,
    docs: Sequence[str] | None = None,
    pdf: bool = False,
    force: bool = False,
    today: _dt.date | None = None,
    template_dirs: Sequence[Path] = (),
    phrasebooks: Sequence[Path] = (),
) -> Iterator[BatchResult]:
    """Render a packet a job, yielding each result as it finishes.

    ``jobs`` worker processes (default: the number of cores); with one job or
    one worker everything runs in this process. Results of sources that
    could not become jobs (bad roster rows) come first. With ``pdf`` the
    packets follow once their PDFs are made, ``jobs`` LibreOffice processes
    at a time. On Ctrl-C, or when the caller stops iterating, pending
    packets are cancelled and both manifests are closed with what was done.
    """
    settings = _Settings(
        docs=_check_docs(docs),
        pdf=pdf,
        today=today,
        template_dirs=tuple(Path(d) for d in template_dirs),
        phrasebooks=tuple(Path(p) for p in phrasebooks),
        out_dir=Path(out_dir),
        force=force,
    )
    if pdf:
        _check_pdf()
    job_list, errors = collect_jobs(sources)
    run = _Run(job_list, Path(out_dir), force, pdf)
    cores = jobs or os.cpu_count() or 1
    try:
        for bad in errors:
            yield run.record(BatchResult(bad.source, "error", error=bad.message, index=bad.index))
        workers = min(cores, len(job_list))
        if workers <= 1:
            yield from _run_inline(job_list, run, _Context(settings))
        else:
            yield from _run_pool(job_list, run, settings, workers)
        yield from _run_pdf(run, cores)
    finally:
        run.close()


def _run_inline(job_list: list[Job], run: _Run, ctx: _Context) -> Iterator[BatchResult]:
    """One job after another in this process: no pool start-up, no reloading."""
    for job in job_list:
        plan, record, target = _prepare(job, ctx)
        for item in run.planned(job.index, plan):
            if isinstance(item, BatchResult):
                yield item
                continue
            assert isinstance(plan, _Plan) and record is not None
            result = run.rendered(item, _render(item, plan, record, target, ctx))
            if result is not None:
                yield result


def _run_pool(
    job_list: list[Job], run: _Run, settings: _Settings, workers: int
) -> Iterator[BatchResult]:
    """Plan and render in worker processes; write here as each packet comes back.

    Only a few tasks a worker are handed to the pool at a time, renders
    before new jobs: packets then start streaming back at once instead of
    after every record has been planned, and Ctrl-C has little to cancel.
    A job usually comes back planned and rendered; one that may be skipped
    comes back planned, and is sent again to render if it is not.
    """
    executor = ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(settings,)
    )
    in_flight = workers * IN_FLIGHT_PER_WORKER
    pending: dict[Future[Any], tuple[str, Job]] = {}
    to_plan: deque[Job] = deque(job_list)
    to_render: deque[Job] = deque()
    ready: deque[BatchResult] = deque()
    loaded: dict[int, bytes] = {}  # pickled (record, target) between plan and render
    early: dict[int, _Rendered | _Failed] = {}  # rendered before the folder was known

    def rendered(job: Job, outcome: _Rendered | _Failed) -> None:
        result = run.rendered(job, outcome)
        if result is not None:
            ready.append(result)

    def settle(kind: str, job: Job, outcome: Any) -> None:
        """Queue final results; write or queue planned jobs, in source order."""
        if kind == "render":
            rendered(job, outcome)
            return
        if isinstance(outcome, tuple):
            outcome, extra = outcome
            if isinstance(extra, bytes):
                loaded[job.index] = extra
            elif extra is not None:
                early[job.index] = extra
        for item in run.planned(job.index, outcome):
            if isinstance(item, BatchResult):
                ready.append(item)
            elif item.index in early:
                loaded.pop(item.index, None)
                rendered(item, early.pop(item.index))
            else:
                to_render.append(item)
        for index in [i for i in early if run.settled(i)]:
            del early[index]  # settled as a skip: the early render is not needed

    def start(kind: str, job: Job) -> Future[Any]:
        if kind == "job":
            return executor.submit(_job_task, job)
        plan = run.plans[job.index]
        assert isinstance(plan, _Plan)
        return executor.submit(_render_task, job, plan, loaded.pop(job.index, None))

    def fill() -> None:
        while len(pending) < in_flight and (to_render or to_plan):
            kind, job = ("render", to_render.popleft()) if to_render else ("job", to_plan.popleft())
            try:
                pending[start(kind, job)] = (kind, job)
            except Exception as exc:  # the pool broke (a worker died): this packet fails
                settle(kind, job, _Failed(_describe(exc, job.source), 0.0))

    try:
        while True:
            fill()
            while ready:
                yield ready.popleft()
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                kind, job = pending.pop(fut)
                try:
                    outcome = fut.result()
                except Exception as exc:  # a worker died; only its packet fails
                    outcome = _Failed(_describe(exc, job.source), 0.0)
                settle(kind, job, outcome)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


# -------------------------------------------------------------------- PDFs

# Documents in one LibreOffice run at most: after its start-up LibreOffice
# converts a document in well under a second, so a run this size stays far
# inside the converter's time limit even on a slow machine.
PDF_CHUNK_MAX = 200

_PdfOutcome = tuple[_PdfWork, dict[str, bytes] | BaseException, float]
_STOPPED = "stopped before its PDFs were made; its .docx files are kept"


def _pdf_chunks(work: Sequence[_PdfWork], workers: int) -> list[list[_PdfWork]]:
    """Packets in source order, cut into one chunk a worker of about equal documents.

    When a chunk would hold more than PDF_CHUNK_MAX documents, two chunks a
    worker (or three …), so that the workers still finish together.
    """
    total = sum(len(w.docx) for w in work)
    rounds = -(-total // (PDF_CHUNK_MAX * max(workers, 1)))
    count = min(max(workers, 1) * max(rounds, 1), len(work))
    chunks: list[list[_PdfWork]] = [[]]
    done = 0
    for w in work:
        if chunks[-1] and done >= total * len(chunks) / count:
            chunks.append([])
        chunks[-1].append(w)
        done += len(w.docx)
    return chunks


class _PdfState:
    """What the converter threads share: has anything converted, is LibreOffice broken."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.succeeded = False
        self.broken: BaseException | None = None
        self.stopped = False


def _convert_once(part: Sequence[_PdfWork]) -> list[dict[str, bytes]]:
    """The PDFs of every packet in *part*, from ONE LibreOffice run.

    Documents keep their names, unless two packets hold files of the same
    name (two people of the same name): then they all go in numbered. A
    file's name does not reach its PDF (the title comes from the document).
    """
    names = [name for work in part for name in work.docx]
    numbered = len(set(names)) < len(names)
    files: dict[str, bytes] = {}
    where: list[tuple[int, str, str]] = []  # (packet in part, .docx name, name sent)
    for i, work in enumerate(part):
        for name in work.docx:
            key = f"{len(files):06d}.docx" if numbered else name
            path = work.folder / name
            try:
                files[key] = path.read_bytes()
            except OSError as exc:
                raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
            where.append((i, name, key))
    pdfs = to_pdf(files)
    out: list[dict[str, bytes]] = [{} for _ in part]
    for i, name, key in where:
        out[i][pdf_name(name)] = pdfs[pdf_name(key)]
    return out


def _convert_chunk(chunk: Sequence[_PdfWork], state: _PdfState) -> list[_PdfOutcome]:
    """Convert a chunk in one run; when that fails, its halves, down to the failing packet.

    Halves are tried depth first, so a bad packet is found after a few runs.
    A packet that fails alone before anything in the whole batch has
    converted means LibreOffice itself does not work: every packet left
    then fails with that message instead of being retried one by one.
    """
    out: list[_PdfOutcome] = []
    todo = [list(chunk)]
    while todo:
        part = todo.pop()
        reason = state.broken
        if state.stopped:
            reason = UsageError(_STOPPED)
        if reason is not None:
            out += [(w, reason, 0.0) for w in part]
            continue
        start = time.perf_counter()
        try:
            pdfs = _convert_once(part)
        except Exception as exc:
            if len(part) > 1:
                todo += [part[len(part) // 2 :], part[: len(part) // 2]]
                continue
            with state.lock:
                if not state.succeeded and state.broken is None:
                    state.broken = exc
            out.append((part[0], exc, 0.0))
            continue
        with state.lock:
            state.succeeded = True
        share = (time.perf_counter() - start) / len(part)
        out += [(w, files, share) for w, files in zip(part, pdfs, strict=True)]
    return out


def _run_pdf(run: _Run, workers: int) -> Iterator[BatchResult]:
    """Convert every written packet to PDF: a LibreOffice run a chunk, *workers* at a time.

    Only LibreOffice works in parallel here (each run in its own process with
    a private profile); the threads wait for it, and this thread writes.
    """
    work = sorted(run.pdf_work, key=lambda w: w.job.index)
    run.pdf_work = []
    if not work:
        return
    chunks = _pdf_chunks(work, workers)
    state = _PdfState()
    threads = ThreadPoolExecutor(max_workers=min(workers, len(chunks)))
    pending = {threads.submit(_convert_chunk, chunk, state): chunk for chunk in chunks}
    unfinished = {w.job.index: w for w in work}
    try:
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=lambda f: pending[f][0].job.index):
                chunk = pending.pop(fut)
                try:
                    outcomes = fut.result()
                except Exception as exc:  # not expected: the chunk fails, the run goes on
                    outcomes = [(w, exc, 0.0) for w in chunk]
                for w, outcome, seconds in outcomes:
                    del unfinished[w.job.index]
                    yield run.converted(w, outcome, seconds)
    finally:
        state.stopped = True
        threads.shutdown(wait=True, cancel_futures=True)
        stopped = UsageError(_STOPPED)
        for w in sorted(unfinished.values(), key=lambda w: w.job.index):
            run.converted(w, stopped, 0.0)


# --------------------------------------------------------------- manifest


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _output_column(output: dict[str, str]) -> str:
    suffix = Path(output["path"]).suffix.lower()
    return output["doc"] if suffix == ".docx" else f"{output['doc']} ({suffix.lstrip('.')})"


def _column_order(key: str) -> tuple[int, str]:
    doc = key.split(" ", 1)[0]
    rank = DOC_ORDER.index(doc) if doc in DOC_ORDER else len(DOC_ORDER)
    return (rank, key)


def write_manifest_xlsx(path: Path, results: Sequence[BatchResult]) -> None:
    """One row a packet, in source order, documents as links relative to *path*.

    Bold, frozen header with an autofilter, so that a coordinator can filter
    the failures and open any document with a click. The workbook is written
    as a stream (rows are not kept as cell objects), so a manifest of
    thousands of packets costs little time and memory.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    ordered = sorted(results, key=lambda r: r.index)
    doc_columns = sorted({_output_column(o) for r in ordered for o in r.outputs}, key=_column_order)
    header = ["source", "status", "person", "target", *doc_columns, "error", "seconds"]
    base = path.parent

    def row(r: BatchResult) -> tuple[list[Any], dict[int, str]]:
        """The row's values, and its links by column (0-based)."""
        links = {_output_column(o): o["path"] for o in r.outputs}
        values: list[Any] = [r.source, r.status, r.person or "", r.target or ""]
        values += [Path(links[c]).name if c in links else "" for c in doc_columns]
        values += [r.error or "", round(r.seconds, 3)]
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
            widths[i] = max(widths[i], _display_width(str(v)))

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
