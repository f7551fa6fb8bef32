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

PDF conversion runs inside the worker, one converter call a packet with all
of its documents.
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
import signal
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from resumegen.errors import RecordError, UsageError
from resumegen.packet import DOC_LABELS, build_packet, packet_names, resolve_target
from resumegen.record.model import Record, Target
from resumegen.write import atomic_write, compact_name, safe_name, unique_name, write_files

if TYPE_CHECKING:
    from resumegen.enrich.rephrase import Phrasebook

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
ALL_DOCS = tuple(dict.fromkeys(doc for labels in DOC_LABELS.values() for doc in labels))
DOC_ORDER = ("shokumu", "rirekisho", "resume", "interview")
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
    """Per-process state: settings and the phrasebooks, loaded once per language."""

    def __init__(self, settings: _Settings) -> None:
        self.settings = settings
        self._books: dict[str, Phrasebook | Exception] = {}

    def book(self, lang: str) -> Phrasebook:
        if lang not in self._books:
            from resumegen.enrich.rephrase import load_phrasebooks

            try:
                self._books[lang] = load_phrasebooks(lang, extra=self.settings.phrasebooks)
            except Exception as exc:  # reported by every packet of this language
                self._books[lang] = exc
        found = self._books[lang]
        if isinstance(found, Exception):
            raise found
        return found

    def warm_up(self) -> None:
        """Load phrasebooks and compile templates before the first packet arrives.

        A problem here is not reported: the packet that needs the broken
        piece meets it again and fails alone, with the message.
        """
        for lang in DOC_LABELS:
            with contextlib.suppress(Exception):
                self.book(lang)
        for lang, labels in DOC_LABELS.items():
            for doc in labels:
                with contextlib.suppress(Exception):
                    self._compile_template(lang, doc)

    def _compile_template(self, lang: str, doc: str) -> None:
        from resumegen.render.docx import template_for
        from resumegen.render.engine import DocxTemplate

        DocxTemplate.load(template_for(lang, doc, template_dirs=self.settings.template_dirs))


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
    if isinstance(exc, UsageError):
        return _one_line(f"{source}: {exc.message}")
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
            book=ctx.book(record.lang),
            pdf=s.pdf,
        )
    except Exception as exc:
        return _Failed(_describe(exc, job.source), time.perf_counter() - start, plan.person)
    return _Rendered(files, time.perf_counter() - start)


def _plan_task(job: Job) -> tuple[_Plan | _Failed, bytes | None]:
    """Worker entry: plan one job; hand back the loaded record, pickled.

    Loading (YAML parsing) costs more than rendering, so the record travels
    to the render task instead of being parsed twice. Pickling here, in the
    worker, means a record that cannot be pickled just gets loaded again.
    """
    assert _WORKER is not None, "worker started without its initializer"
    plan, record, target = _prepare(job, _WORKER)
    loaded = None
    if record is not None:
        with contextlib.suppress(Exception):
            loaded = pickle.dumps((record, target), protocol=pickle.HIGHEST_PROTOCOL)
    return plan, loaded


def _render_task(job: Job, plan: _Plan, loaded: bytes | None) -> _Rendered | _Failed:
    """Worker entry: render one planned job, returning bytes."""
    assert _WORKER is not None, "worker started without its initializer"
    start = time.perf_counter()
    try:
        record, target = pickle.loads(loaded) if loaded is not None else _load(job)
    except Exception as exc:  # the file changed since planning
        return _Failed(_describe(exc, job.source), time.perf_counter() - start, plan.person)
    return _render(job, plan, record, target, _WORKER)


# ------------------------------------------------------- naming and writing


class _Run:
    """The parent's side: folder names in source order, writing, both manifests."""

    def __init__(self, jobs: list[Job], out_dir: Path, force: bool) -> None:
        self.out_dir = out_dir
        self.force = force
        self.order = [job.index for job in jobs]
        self.jobs = {job.index: job for job in jobs}
        self.plans: dict[int, _Plan | _Failed] = {}
        self.folders: dict[int, str] = {}
        self._next = 0
        self._taken = {MANIFEST_JSONL, MANIFEST_XLSX}
        self.results: list[BatchResult] = []
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            self._jsonl = (out_dir / MANIFEST_JSONL).open("w", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write to {out_dir}: {exc.strerror or exc}") from None

    def record(self, result: BatchResult) -> BatchResult:
        """Add a finished packet to both manifests (the .jsonl at once)."""
        self.results.append(result)
        self._jsonl.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
        self._jsonl.flush()
        return result

    def planned(self, index: int, plan: _Plan | _Failed) -> list[BatchResult | Job]:
        """Accept a plan; return, in source order, what can now proceed.

        A job can only get its folder once every earlier job is planned, so
        that names do not depend on which worker was faster. Returned jobs
        still need rendering; results (errors, skips) are final.
        """
        self.plans[index] = plan
        ready: list[BatchResult | Job] = []
        while self._next < len(self.order) and self.order[self._next] in self.plans:
            i = self.order[self._next]
            self._next += 1
            ready.append(self._settle(self.jobs[i], self.plans[i]))
        return ready

    def _settle(self, job: Job, plan: _Plan | _Failed) -> BatchResult | Job:
        if isinstance(plan, _Failed):
            return self._failed(job, plan)
        folder = unique_name(plan.folder, self._taken)
        self._taken.add(folder)
        self.folders[job.index] = folder
        paths = [(doc, self.out_dir / folder / name) for doc, name in plan.names]
        if not self.force and all(p.exists() for _, p in paths):
            return self.record(
                BatchResult(
                    job.source,
                    "skipped",
                    outputs=[{"doc": doc, "path": str(p)} for doc, p in paths],
                    person=plan.person,
                    target=plan.target_id,
                    seconds=plan.seconds,
                    index=job.index,
                )
            )
        return job

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

    def rendered(self, job: Job, outcome: _Rendered | _Failed) -> BatchResult:
        """Write a rendered packet into its folder (atomically) and record it."""
        plan = self.plans[job.index]
        assert isinstance(plan, _Plan)
        if isinstance(outcome, _Failed):
            return self._failed(job, outcome, plan)
        with _interrupts_deferred():
            return self._write(job, plan, outcome)

    def _write(self, job: Job, plan: _Plan, outcome: _Rendered) -> BatchResult:
        start = time.perf_counter()
        folder = self.out_dir / self.folders[job.index]
        try:
            written = write_files(folder, outcome.files, force=self.force)
        except UsageError as exc:
            failed = _Failed(_describe(exc, job.source), outcome.seconds)
            return self._failed(job, failed, plan)
        doc_of = {name: doc for doc, name in plan.names}
        return self.record(
            BatchResult(
                job.source,
                "ok",
                outputs=[{"doc": doc_of.get(p.name, p.stem), "path": str(p)} for p in written],
                person=plan.person,
                target=plan.target_id,
                seconds=plan.seconds + outcome.seconds + (time.perf_counter() - start),
                index=job.index,
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
    could not become jobs (bad roster rows) come first. On Ctrl-C, or when
    the caller stops iterating, pending packets are cancelled and both
    manifests are closed with what was done.
    """
    settings = _Settings(
        docs=_check_docs(docs),
        pdf=pdf,
        today=today,
        template_dirs=tuple(Path(d) for d in template_dirs),
        phrasebooks=tuple(Path(p) for p in phrasebooks),
    )
    job_list, errors = collect_jobs(sources)
    run = _Run(job_list, Path(out_dir), force)
    try:
        for bad in errors:
            yield run.record(BatchResult(bad.source, "error", error=bad.message, index=bad.index))
        workers = min(jobs or os.cpu_count() or 1, len(job_list))
        if workers <= 1:
            yield from _run_inline(job_list, run, _Context(settings))
        else:
            yield from _run_pool(job_list, run, settings, workers)
    finally:
        run.close()


def _run_inline(job_list: list[Job], run: _Run, ctx: _Context) -> Iterator[BatchResult]:
    """One job after another in this process: no pool start-up, no reloading."""
    for job in job_list:
        plan, record, target = _prepare(job, ctx)
        for item in run.planned(job.index, plan):
            if isinstance(item, BatchResult):
                yield item
            else:
                assert isinstance(plan, _Plan) and record is not None
                yield run.rendered(item, _render(item, plan, record, target, ctx))


def _run_pool(
    job_list: list[Job], run: _Run, settings: _Settings, workers: int
) -> Iterator[BatchResult]:
    """Plan and render in worker processes; write here as each packet comes back.

    Only a few tasks a worker are handed to the pool at a time, renders
    before plans: packets then start streaming back at once instead of after
    every record has been planned, and Ctrl-C has little to cancel.
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

    def settle(kind: str, job: Job, outcome: Any) -> None:
        """Queue final results; queue planned jobs, in source order, for rendering."""
        if kind == "render":
            ready.append(run.rendered(job, outcome))
            return
        if isinstance(outcome, tuple):
            outcome, record = outcome
            if record is not None:
                loaded[job.index] = record
        for item in run.planned(job.index, outcome):
            if isinstance(item, BatchResult):
                ready.append(item)
            else:
                to_render.append(item)

    def start(kind: str, job: Job) -> Future[Any]:
        if kind == "plan":
            return executor.submit(_plan_task, job)
        plan = run.plans[job.index]
        assert isinstance(plan, _Plan)
        return executor.submit(_render_task, job, plan, loaded.pop(job.index, None))

    def fill() -> None:
        while len(pending) < in_flight and (to_render or to_plan):
            kind, job = (
                ("render", to_render.popleft()) if to_render else ("plan", to_plan.popleft())
            )
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
    the failures and open any document with a click.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    ordered = sorted(results, key=lambda r: r.index)
    doc_columns = sorted({_output_column(o) for r in ordered for o in r.outputs}, key=_column_order)
    header = ["source", "status", "person", "target", *doc_columns, "error", "seconds"]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "packets"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    base = path.parent.resolve()
    widths = [_display_width(h) for h in header]
    for r in ordered:
        links = {_output_column(o): o["path"] for o in r.outputs}
        values: list[Any] = [r.source, r.status, r.person or "", r.target or ""]
        values += [Path(links[c]).name if c in links else "" for c in doc_columns]
        values += [r.error or "", round(r.seconds, 3)]
        values = [_cell_safe(v) for v in values]
        sheet.append(values)
        row = sheet.max_row
        for cell in sheet[row]:
            if cell.data_type == "f":  # text that starts with "=" stays text
                cell.data_type = "s"
        for offset, column in enumerate(doc_columns):
            if column in links:
                cell = sheet.cell(row=row, column=5 + offset)
                cell.hyperlink = _relative_link(Path(links[column]), base)
                cell.style = "Hyperlink"
        for i, v in enumerate(values):
            widths[i] = max(widths[i], _display_width(str(v)))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(sheet.max_row, 1)}"
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
    """The file as a forward-slash path relative to the manifest's folder."""
    try:
        rel = target.resolve().relative_to(base)
    except ValueError:
        return target.resolve().as_uri()
    return rel.as_posix()
