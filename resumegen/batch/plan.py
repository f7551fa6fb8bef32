"""The work of one job, wherever it runs: load and plan it, then render it to bytes.

Planning loads a record and works out its person, target, file names and
base folder name; rendering builds the packet's .docx files in memory. Both
run in a worker process or inline, and neither touches the output folder
(only the parent writes). Anything that goes wrong becomes a :class:`Failed`
with one line for the manifest, and, in a debug run, the traceback of an
unexpected error.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import re
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from resumegen.batch.sources import Job
from resumegen.documents import REGISTRY
from resumegen.errors import RecordError, ResumegenError
from resumegen.packet import build_packet, file_names, pdf_name, plan_packet, resolve_target
from resumegen.record.model import Record, Target
from resumegen.text import excerpt, one_line
from resumegen.write import compact_name, safe_name

if TYPE_CHECKING:
    from resumegen.enrich.application import Resources

__all__ = [
    "Context",
    "Failed",
    "Plan",
    "Rendered",
    "Settings",
    "describe",
    "failure",
    "load",
    "prepare",
    "render",
]

log = logging.getLogger(__name__)

# At most this many diagnostics are spelled out in a one-line error.
MAX_DIAGNOSTICS = 3
# A diagnostic's message is cut to this many characters, and a `quoted` span in
# it to MAX_QUOTE: it may quote the file, which may not be a record at all.
MAX_MESSAGE = 160
MAX_QUOTE = 40
_QUOTED = re.compile(r"`([^`]*)`")


@dataclass(frozen=True)
class Settings:
    """What every packet of a run shares; sent once to each worker."""

    docs: tuple[str, ...] | None
    pdf: bool
    today: _dt.date | None
    template_dirs: tuple[Path, ...]
    phrasebooks: tuple[Path, ...]
    out_dir: Path = Path()
    force: bool = False
    debug: bool = False
    paper: str = "a4"
    target_id: str | None = None  # the application of every record that names no other


@dataclass(frozen=True)
class Plan:
    """A loaded, checked job: who, for which target, which files."""

    person: str
    target_id: str | None
    names: tuple[tuple[str, str], ...]  # (doc, file name)
    folder: str  # the base folder name, before making it unique
    seconds: float
    # the application each file is for, when it is not the packet's (the
    # interview sheet of each target in a packet without one): file name → target id
    targets: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rendered:
    files: dict[str, bytes]
    seconds: float


@dataclass(frozen=True)
class Failed:
    """A job that failed: one line, and the traceback of a bug when the run debugs."""

    error: str
    seconds: float
    person: str | None = None
    target_id: str | None = None
    traceback: str | None = None


class Context:
    """Per-process state: settings and the resources, loaded once per language."""

    def __init__(self, settings: Settings) -> None:
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
        log.debug("worker warmed up")

    def _compile_template(self, lang: str, name: str) -> None:
        """The bundled template (a user's renders in a child process of its own)."""
        from resumegen.render.docx import locate_template
        from resumegen.render.engine import DocxTemplate

        DocxTemplate.load(locate_template(lang, name)[0])


def describe(exc: BaseException, source: str) -> str:
    """One line for the manifest: positioned for record errors, labelled otherwise.

    A diagnostic may quote the file it is about; it is cut short, so that a
    file named by mistake (``/etc/passwd``) is not copied into the manifests.
    """
    from concurrent.futures.process import BrokenProcessPool

    if isinstance(exc, RecordError):
        diags = [d for d in exc.diagnostics if d.severity == "error"] or exc.diagnostics
        shown = "; ".join(
            replace(d, message=_shortened(d.message)).format() for d in diags[:MAX_DIAGNOSTICS]
        )
        if len(diags) > MAX_DIAGNOSTICS:
            shown += f"; … and {len(diags) - MAX_DIAGNOSTICS} more problems"
        if diags and diags[0].file and not source.startswith(diags[0].file):
            return f"{source}: {shown}"  # a roster row: say which row named the record
        return shown
    if isinstance(exc, ResumegenError):
        return one_line(f"{source}: {exc}")
    if isinstance(exc, BrokenProcessPool):
        return f"{source}: a worker process stopped abruptly; this packet was not rendered"
    if isinstance(exc, OSError) and exc.strerror:  # the file system, not a bug
        where = f" {excerpt(str(exc.filename), 120)}" if exc.filename else ""
        return one_line(f"{source}: cannot read or write{where}: {exc.strerror}")
    return one_line(f"{source}: internal error: {type(exc).__name__}: {exc}")


def _shortened(message: str) -> str:
    """A diagnostic's message with each quoted `span` cut short, and the whole cut too."""
    quoted = _QUOTED.sub(lambda m: f"`{excerpt(m[1], MAX_QUOTE)}`", one_line(message))
    return excerpt(quoted, MAX_MESSAGE)


def failure(
    exc: BaseException,
    source: str,
    seconds: float,
    *,
    debug: bool,
    person: str | None = None,
) -> Failed:
    """*exc* as a failed job; with *debug*, a bug (not a ResumegenError) keeps its traceback."""
    from concurrent.futures.process import BrokenProcessPool

    trace = None
    if debug and not isinstance(exc, ResumegenError | BrokenProcessPool):
        trace = "".join(traceback.format_exception(exc))
    return Failed(describe(exc, source), seconds, person, traceback=trace)


def load(job: Job, settings: Settings) -> tuple[Record, Target | None]:
    from resumegen.record.validate import load_record

    record = load_record(job.record)
    if job.target is not None:
        return record, job.target
    return record, resolve_target(record, job.target_id or settings.target_id)


def folder_name(person: str, target: Target | None) -> str:
    """``平田健一_saitama-er``: safe, readable, one path component."""
    parts = [safe_name(compact_name(person), max_len=60)]
    if target is not None:
        parts.append(safe_name(target.id, max_len=40))
    return safe_name("_".join(parts), max_len=110)


def prepare(job: Job, ctx: Context) -> tuple[Plan | Failed, Record | None, Target | None]:
    """Load and check a job; also return the record so an in-process run needn't reload."""
    start = time.perf_counter()
    record: Record | None = None
    try:
        record, target = load(job, ctx.settings)
        docs = job.docs if job.docs is not None else ctx.settings.docs
        planned = plan_packet(record, target=target, docs=docs)
        names = file_names(planned, pdf=ctx.settings.pdf)
        targets = tuple(
            (name, f.target.id)
            for f in planned
            if f.target is not None and f.target is not target
            for name in (f.name, pdf_name(f.name))
        )
    except Exception as exc:
        person = record.person.name if record is not None else None
        seconds = time.perf_counter() - start
        return (
            failure(exc, job.source, seconds, debug=ctx.settings.debug, person=person),
            None,
            None,
        )
    plan = Plan(
        person=record.person.name,
        target_id=target.id if target is not None else None,
        names=tuple(names),
        targets=targets,
        folder=folder_name(record.person.name, target),
        seconds=time.perf_counter() - start,
    )
    log.debug("job %d planned: %d files", job.index, len(plan.names))
    return plan, record, target


def render(
    job: Job, plan: Plan, record: Record, target: Target | None, ctx: Context
) -> Rendered | Failed:
    """The packet's .docx files in memory (PDFs are made later, many packets at once)."""
    start = time.perf_counter()
    s = ctx.settings
    try:
        files = build_packet(
            record,
            target=target,
            docs=[doc for doc, name in plan.names if name.endswith(".docx")],
            today=s.today,
            paper=s.paper,
            template_dirs=s.template_dirs,
            resources=ctx.resources(record.lang),
        )
    except Exception as exc:
        seconds = time.perf_counter() - start
        return failure(exc, job.source, seconds, debug=s.debug, person=plan.person)
    log.debug("job %d rendered: %d files", job.index, len(files))
    return Rendered(files, time.perf_counter() - start)
