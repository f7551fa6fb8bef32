"""One batch run, start to end: sources, jobs, packets, PDFs, manifests."""

from __future__ import annotations

import datetime as _dt
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from resumegen.batch.manifest import BatchResult
from resumegen.batch.packets import Run
from resumegen.batch.pdf import run_pdf
from resumegen.batch.plan import Context, Settings
from resumegen.batch.pool import run_inline, run_pool
from resumegen.batch.sources import collect_jobs
from resumegen.documents import all_keys
from resumegen.errors import ArgumentError, ConversionError
from resumegen.text import did_you_mean

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
    allow_outside: bool = False,
    debug: bool = False,
    on_result: Callable[[BatchResult], None] | None = None,
) -> Iterator[BatchResult]:
    """Render a packet a job, yielding each result as it finishes.

    ``jobs`` worker processes (default: the number of cores); with one job or
    one worker everything runs in this process. Results of sources that
    could not become jobs (bad roster rows) come first. With ``pdf`` the
    packets follow once their PDFs are made, ``jobs`` LibreOffice processes
    at a time. A roster's records must lie beside it unless
    ``allow_outside``. With ``debug`` a packet that fails with an unexpected
    error keeps its traceback (:attr:`BatchResult.traceback`). On Ctrl-C, or
    when the caller stops iterating, pending packets are cancelled and both
    manifests are closed with what was done.

    *on_result* is called with every result as its manifest line is written,
    including those recorded while the run stops, which the iterator can no
    longer yield: a caller that reports through it reports exactly what
    ``manifest.jsonl`` lists.
    """
    settings = Settings(
        docs=_check_docs(docs),
        pdf=pdf,
        today=today,
        template_dirs=tuple(Path(d) for d in template_dirs),
        phrasebooks=tuple(Path(p) for p in phrasebooks),
        out_dir=Path(out_dir),
        force=force,
        debug=debug,
    )
    if pdf:
        _check_pdf()
    job_list, errors = collect_jobs(sources, allow_outside=allow_outside)
    run = Run(job_list, Path(out_dir), force, pdf, on_result)
    cores = jobs or os.cpu_count() or 1
    log.debug("run: up to %d processes, pdf=%s, force=%s, debug=%s", cores, pdf, force, debug)
    try:
        for bad in errors:
            yield run.record(BatchResult(bad.source, "error", error=bad.message, index=bad.index))
        workers = min(cores, len(job_list))
        if workers <= 1:
            yield from run_inline(job_list, run, Context(settings))
        else:
            yield from run_pool(job_list, run, settings, workers)
        yield from run_pdf(run, cores)
    finally:
        run.close()
