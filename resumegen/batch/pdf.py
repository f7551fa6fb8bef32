"""PDFs after the documents: LibreOffice runs over large chunks of packets.

With ``pdf``, LibreOffice is what costs (seconds to start, then many
documents a second), so it starts as few times as possible: once every
.docx is written, the documents of all packets are converted in large
chunks by one warm LibreOffice a worker (:class:`~resumegen.render.office.Office`,
each on a profile of its own), in parallel; a worker's LibreOffice that
dies is started again. A
packet waits for its PDFs before it is reported; one whose conversion fails
is an error that keeps its .docx. A chunk that fails is cut in halves, down
to the failing packet; when a packet fails alone before anything has
converted, a tiny document is converted to tell a bad packet (it fails
alone) from a LibreOffice that does not work (every packet fails at once).
A rerun converts what is missing when the .docx files are already there.
PDF folders that a killed run left in the temporary folder are removed by
:func:`remove_stale_pdf_folders`.
"""

from __future__ import annotations

import io
import logging
import os
import queue
import shutil
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path

from resumegen.batch.manifest import BatchResult
from resumegen.batch.packets import PdfWork, Run
from resumegen.errors import ConversionError
from resumegen.packet import pdf_name, to_pdf
from resumegen.render.office import Office
from resumegen.render.pdf import PDF_FOLDER_PREFIX

__all__ = ["PDF_CHUNK_MAX", "pdf_chunks", "remove_stale_pdf_folders", "run_pdf"]

log = logging.getLogger(__name__)

# Documents in one conversion at most: after its start-up LibreOffice
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

    def works(self, failure: BaseException, office: Office) -> bool:
        """After a packet failed alone: does LibreOffice convert anything at all?

        Known once something has converted; otherwise a tiny document is
        converted (once a run) to find out. When it fails, the converter is
        :attr:`broken` with *failure*'s message.
        """
        with self.lock:
            if not self.succeeded and self.broken is None:
                try:
                    to_pdf({"resumegen-probe.docx": _probe_docx()}, office=office)
                except Exception:
                    self.broken = failure
                else:
                    self.succeeded = True
            return self.broken is None


def _probe_docx() -> bytes:
    """The smallest Word document: one paragraph."""
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>resumegen</w:t></w:r></w:p></w:body></w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
    return buffer.getvalue()


def _convert_once(part: Sequence[PdfWork], office: Office) -> list[dict[str, bytes]]:
    """The PDFs of every packet in *part*, from ONE conversion by *office*.

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
    pdfs = to_pdf(files, office=office)
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


def _convert_chunk(
    chunk: Sequence[PdfWork], state: _PdfState, offices: queue.SimpleQueue[Office]
) -> list[_PdfOutcome]:
    """Convert a chunk with a free LibreOffice of *offices* (returned after).

    One conversion for the chunk; when that fails, its halves, down to the failing packet.

    Halves are tried depth first, so a bad packet is found after a few runs.
    When a packet fails alone before anything in the whole batch has
    converted, :meth:`_PdfState.works` tells whether LibreOffice works at
    all; when it does not, every packet left fails with that message instead
    of being retried one by one.
    """
    office = offices.get()
    try:
        return _bisect(chunk, state, office)
    finally:
        offices.put(office)


def _bisect(chunk: Sequence[PdfWork], state: _PdfState, office: Office) -> list[_PdfOutcome]:
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
            pdfs = _convert_once(part, office)
        except Exception as exc:
            if len(part) > 1:
                todo += [part[len(part) // 2 :], part[: len(part) // 2]]
                continue
            state.works(exc, office)
            out.append((part[0], exc, 0.0))
            continue
        with state.lock:
            state.succeeded = True
        share = (time.perf_counter() - start) / len(part)
        out += [(w, files, share) for w, files in zip(part, pdfs, strict=True)]
    return out


def run_pdf(run: Run, workers: int) -> Iterator[BatchResult]:
    """Convert every written packet to PDF: a conversion a chunk, *workers* at a time.

    Only LibreOffice works in parallel here (one warm LibreOffice a worker,
    each with a profile of its own); the threads wait for it, and this thread
    writes. Every LibreOffice is stopped before this returns.
    """
    work = sorted(run.pdf_work, key=lambda w: w.job.index)
    run.pdf_work = []
    if not work:
        return
    chunks = pdf_chunks(work, workers)
    log.info("converting %d packets to PDF in %d chunks", len(work), len(chunks))
    state = _PdfState()
    parallel = min(workers, len(chunks))
    offices: queue.SimpleQueue[Office] = queue.SimpleQueue()
    # Each starts LibreOffice on first use; the first uses `resumegen office`'s while it runs.
    held = [Office(shared=i == 0) for i in range(parallel)]
    for office in held:
        offices.put(office)
    threads = ThreadPoolExecutor(max_workers=parallel)
    pending = {threads.submit(_convert_chunk, chunk, state, offices): chunk for chunk in chunks}
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
        for office in held:
            office.close()
        stopped = ConversionError(_STOPPED)
        for w in sorted(unfinished.values(), key=lambda w: w.job.index):
            run.converted(w, stopped, 0.0)


def remove_stale_pdf_folders(started: float) -> int:
    """Remove the PDF folders a killed run left in the temporary folder; how many.

    Only this user's folders, and only those last changed before *started*
    (a time.time()) by more than the converter's time limit: no conversion
    still running, in this run or another, can own one of those.
    """
    from resumegen.render.pdf import TIMEOUT_S

    root = Path(tempfile.gettempdir())
    before = started - TIMEOUT_S
    removed = 0
    try:
        entries = list(os.scandir(root))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(PDF_FOLDER_PREFIX):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not entry.is_dir(follow_symlinks=False) or info.st_mtime >= before:
                continue
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                continue
        except OSError:
            continue
        shutil.rmtree(root / entry.name, ignore_errors=True)
        removed += 1
    if removed:
        log.info("removed %d PDF folders left by earlier runs", removed)
    return removed
