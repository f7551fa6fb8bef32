"""One batch run, start to end: sources, jobs, packets, PDFs, manifests."""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from resumegen.batch.manifest import BatchResult
from resumegen.batch.packets import Run, Terminated, interrupts_deferred
from resumegen.batch.pdf import remove_stale_pdf_folders, run_pdf
from resumegen.batch.plan import Context, Settings
from resumegen.batch.pool import run_inline, run_pool
from resumegen.batch.sources import collect_jobs
from resumegen.documents import all_keys
from resumegen.errors import ArgumentError, ConversionError
from resumegen.text import did_you_mean
from resumegen.write import locked_folder, remove_leftovers

__all__ = ["run_batch"]

log = logging.getLogger(__name__)


def _check_docs(docs: Sequence[str] | None) -> tuple[str, ...] | None:
    if docs is None:
        return None
    known = all_keys()
    for doc in docs:
        if doc not in known:
            hint = did_you_mean(doc.casefold(), known, list_all=True)
            raise ArgumentError(f"unknown document `{doc}`{hint}", param="docs", choices=known)
    return tuple(docs)


def _check_pdf() -> None:
    """With ``pdf``, LibreOffice must be there: say so once, before anything is written."""
    from resumegen.render.pdf import MISSING, find_soffice

    if find_soffice() is None:
        raise ConversionError(MISSING)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM raises :class:`Terminated` (a KeyboardInterrupt)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise Terminated(signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_batch(
    sources: Sequence[str | Path],
    *,
    out_dir: str | os.PathLike[str],
    jobs: int | None = None,
    docs: Sequence[str] | None = None,
    pdf: bool = False,
    force: bool = False,
    today: _dt.date | None = None,
    template_dirs: Sequence[Path] = (),
    phrasebooks: Sequence[Path] = (),
    allow_outside: bool = False,
    debug: bool = False,
    paper: str = "a4",
    target: str | None = None,
    on_result: Callable[[BatchResult], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Iterator[BatchResult]:
    """Render a packet a job, yielding each result as it finishes.

    ``jobs`` worker processes (default: the number of cores); with one job or
    one worker everything runs in this process. Results of sources that
    could not become jobs (bad roster rows) come first. With ``pdf`` the
    packets follow once their PDFs are made, ``jobs`` LibreOffice processes
    at a time. A roster's records must lie beside it unless
    ``allow_outside``. *paper* lays out the documents that have a paper size
    (the English résumé); *target* is the application (a target id) of every
    record whose job names none — a record without it fails alone. With ``debug`` a packet that fails with an unexpected
    error keeps its traceback (:attr:`BatchResult.traceback`). On Ctrl-C, or
    when the caller stops iterating, pending packets are cancelled and both
    manifests are closed with what was done. SIGTERM stops the run the same
    way and raises :class:`~resumegen.batch.packets.Terminated`.

    The output folder is locked for the run: a second run into it fails at
    once with a :class:`~resumegen.errors.WriteError`. Under the lock, the
    writer's temporary files and the PDF folders that a killed run left
    behind are removed first.

    *on_result* is called with every result as its manifest line is written,
    including those recorded while the run stops, which the iterator can no
    longer yield: a caller that reports through it reports exactly what
    ``manifest.jsonl`` lists. *on_total* is called once, before the first
    result, with the number of results the run will give when it is not
    stopped (one a packet, bad roster rows included).
    """
    from resumegen.packet import check_paper

    check_paper(paper)
    settings = Settings(
        docs=_check_docs(docs),
        pdf=pdf,
        today=today,
        template_dirs=tuple(Path(d) for d in template_dirs),
        phrasebooks=tuple(Path(p) for p in phrasebooks),
        out_dir=Path(out_dir),
        force=force,
        debug=debug,
        paper=paper,
        target_id=target,
    )
    if pdf:
        _check_pdf()
    started = time.time()
    with _terminate_as_interrupt(), locked_folder(Path(out_dir)):
        remove_leftovers(Path(out_dir))
        remove_stale_pdf_folders(started)
        job_list, errors = collect_jobs(sources, allow_outside=allow_outside)
        if on_total is not None:
            on_total(len(job_list) + len(errors))
        run = Run(job_list, Path(out_dir), force, pdf, on_result)
        cores = jobs or os.cpu_count() or 1
        log.debug("run: up to %d processes, pdf=%s, force=%s, debug=%s", cores, pdf, force, debug)
        try:
            for bad in errors:
                result = BatchResult(bad.source, "error", error=bad.message, index=bad.index)
                yield run.record(result)
            workers = min(cores, len(job_list))
            if workers <= 1:
                yield from run_inline(job_list, run, Context(settings))
            else:
                yield from run_pool(job_list, run, settings, workers)
            yield from run_pdf(run, cores)
        finally:
            with interrupts_deferred():  # a second Ctrl-C or SIGTERM waits for the manifests
                run.close()
