"""PDFs after the documents: LibreOffice runs over large chunks of packets.

With ``pdf``, LibreOffice is what costs (seconds to start, then many
documents a second), so it starts as few times as possible: once every
.docx is written, the documents of all packets are converted in large
chunks, one ``soffice`` a worker with a private profile, in parallel. A
packet waits for its PDFs before it is reported; one whose conversion fails
is an error that keeps its .docx. A chunk that fails is cut in halves, down
to the failing packet. A rerun converts what is missing when the .docx
files are already there.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from resumegen.batch.manifest import BatchResult
from resumegen.batch.packets import PdfWork, Run
from resumegen.errors import ConversionError
from resumegen.packet import pdf_name, to_pdf

__all__ = ["PDF_CHUNK_MAX", "pdf_chunks", "run_pdf"]

log = logging.getLogger(__name__)

# Documents in one LibreOffice run at most: after its start-up LibreOffice
# converts a document in well under a second, so a run this size stays far
# inside the converter's time limit even on a slow machine.
PDF_CHUNK_MAX = 200

_PdfOutcome = tuple[PdfWork, dict[str, bytes] | BaseException, float]
_STOPPED = "stopped before its PDFs were made; its .docx files are kept"


def pdf_chunks(work: Sequence[PdfWork], workers: int) -> list[list[PdfWork]]:
    """Packets in source order, cut into one chunk a worker of about equal documents.

    When a chunk would hold more than PDF_CHUNK_MAX documents, two chunks a
    worker (or three …), so that the workers still finish together.
    """
    total = sum(len(w.docx) for w in work)
    rounds = -(-total // (PDF_CHUNK_MAX * max(workers, 1)))
    count = min(max(workers, 1) * max(rounds, 1), len(work))
    chunks: list[list[PdfWork]] = [[]]
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


def _convert_once(part: Sequence[PdfWork]) -> list[dict[str, bytes]]:
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
            files[key] = _read(work.folder / name)
            where.append((i, name, key))
    pdfs = to_pdf(files)
    out: list[dict[str, bytes]] = [{} for _ in part]
    for i, name, key in where:
        out[i][pdf_name(name)] = pdfs[pdf_name(key)]
    return out


def _read(path: os.PathLike[str]) -> bytes:
    """A written .docx, read back without following a link swapped in since."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ConversionError(f"cannot read {path}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def _convert_chunk(chunk: Sequence[PdfWork], state: _PdfState) -> list[_PdfOutcome]:
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
            reason = ConversionError(_STOPPED)
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


def run_pdf(run: Run, workers: int) -> Iterator[BatchResult]:
    """Convert every written packet to PDF: a LibreOffice run a chunk, *workers* at a time.

    Only LibreOffice works in parallel here (each run in its own process with
    a private profile); the threads wait for it, and this thread writes.
    """
    work = sorted(run.pdf_work, key=lambda w: w.job.index)
    run.pdf_work = []
    if not work:
        return
    chunks = pdf_chunks(work, workers)
    log.info("converting %d packets to PDF in %d chunks", len(work), len(chunks))
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
        stopped = ConversionError(_STOPPED)
        for w in sorted(unfinished.values(), key=lambda w: w.job.index):
            run.converted(w, stopped, 0.0)
