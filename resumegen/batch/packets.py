"""The parent's side of a run: folder names in source order, writing packets, recording them.

* **Folder names in source order.** A job gets its folder once every earlier
  job is planned, so ``-j 2`` gives the same folders as ``-j 1`` even when
  two people share a name, and a rerun finds its earlier files (and skips
  them) without rendering anything.
* **Only the parent writes**, each packet whole (see
  :func:`resumegen.write.write_files`), and holds Ctrl-C until the packet and
  its manifest line are both written.
* **Never through a link.** A packet folder that is a symbolic link is
  refused: the packet is an error and nothing is written into the link's
  target; files that are links are refused the same way.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from resumegen.batch.manifest import MANIFEST_JSONL, MANIFEST_XLSX, BatchResult, Manifest, Status
from resumegen.batch.plan import Failed, Plan, Rendered, describe
from resumegen.batch.sources import Job
from resumegen.errors import ResumegenError
from resumegen.packet import pdf_name
from resumegen.write import link_refused, unique_name, write_files

__all__ = ["PdfWork", "Run", "Terminated", "interrupts_deferred"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfWork:
    """A packet whose .docx files are on disk and whose PDFs are still to be made."""

    job: Job
    plan: Plan
    folder: Path
    docx: tuple[str, ...]  # the .docx files (names in *folder*) still without a PDF
    seconds: float


class Run:
    """The parent's side: folder names in source order, writing, both manifests."""

    def __init__(
        self,
        jobs: list[Job],
        out_dir: Path,
        force: bool,
        pdf: bool = False,
        on_result: Callable[[BatchResult], None] | None = None,
    ) -> None:
        self.out_dir = out_dir
        self.force = force
        self.pdf = pdf
        self.order = [job.index for job in jobs]
        self.jobs = {job.index: job for job in jobs}
        self.plans: dict[int, Plan | Failed] = {}
        self.folders: dict[int, str] = {}
        self.pdf_work: list[PdfWork] = []
        self._next = 0
        self._taken = {MANIFEST_JSONL, MANIFEST_XLSX}
        self._folded = {name.casefold() for name in self._taken}
        self.manifest = Manifest(out_dir, on_result)

    def record(self, result: BatchResult) -> BatchResult:
        """Add a finished packet to both manifests (the .jsonl at once).

        What was kept to finish the packet is let go: only the result stays.
        """
        self.jobs.pop(result.index, None)
        self.plans.pop(result.index, None)
        self.folders.pop(result.index, None)
        log.info("packet %d: %s", result.index, result.status)
        return self.manifest.add(result)

    def planned(self, index: int, plan: Plan | Failed) -> list[BatchResult | Job]:
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

    def _settle(self, job: Job, plan: Plan | Failed) -> BatchResult | Job | None:
        if isinstance(plan, Failed):
            return self._failed(job, plan)
        folder = self._claim(plan.folder)
        self.folders[job.index] = folder
        path = self.out_dir / folder
        if path.is_symlink():
            refused = Failed(describe(link_refused(path), job.source), 0.0)
            return self._failed(job, refused, plan)
        if self.force:
            return job
        exists = {name for _, name in plan.names if _lexists(path / name)}
        if len(exists) == len(plan.names):
            return self.record(self._planned_result(job, plan, "skipped", path, plan.seconds))
        docx = [name for _, name in plan.names if name.endswith(".docx")]
        if self.pdf and exists.issuperset(docx):  # written before: only PDFs are missing
            missing = tuple(n for n in docx if pdf_name(n) not in exists)
            self.pdf_work.append(PdfWork(job, plan, path, missing, plan.seconds))
            return None
        return job

    @staticmethod
    def _outputs(plan: Plan, folder: Path, only_existing: bool = False) -> list[dict[str, str]]:
        """Each file as ``{"doc", "path"}``, with ``"target"`` when it is for another application."""
        targets = dict(plan.targets)
        out: list[dict[str, str]] = []
        for doc, name in plan.names:
            path = folder / name
            if only_existing and not path.exists():
                continue
            item = {"doc": doc, "path": str(path)}
            if name in targets:
                item["target"] = targets[name]
            out.append(item)
        return out

    @classmethod
    def _planned_result(
        cls,
        job: Job,
        plan: Plan,
        status: Status,
        folder: Path,
        seconds: float,
        error: str | None = None,
    ) -> BatchResult:
        """The result of a planned packet: its files (only those written, after an error)."""
        return BatchResult(
            job.source,
            status,
            outputs=cls._outputs(plan, folder, only_existing=error is not None),
            error=error,
            person=plan.person,
            target=plan.target_id,
            seconds=seconds,
            index=job.index,
        )

    def _failed(self, job: Job, failed: Failed, plan: Plan | None = None) -> BatchResult:
        return self.record(
            BatchResult(
                job.source,
                "error",
                error=failed.error,
                person=failed.person or (plan.person if plan else None),
                target=plan.target_id if plan else (job.target_id or _adhoc_id(job)),
                seconds=failed.seconds + (plan.seconds if plan else 0.0),
                index=job.index,
                traceback=failed.traceback,
            )
        )

    def rendered(self, job: Job, outcome: Rendered | Failed) -> BatchResult | None:
        """Write a rendered packet into its folder (atomically) and record it.

        With PDFs the packet is recorded once they are made: None here.
        """
        plan = self.plans[job.index]
        assert isinstance(plan, Plan)
        if isinstance(outcome, Failed):
            return self._failed(job, outcome, plan)
        with interrupts_deferred():
            return self._write(job, plan, outcome)

    def _write(self, job: Job, plan: Plan, outcome: Rendered) -> BatchResult | None:
        """Write the packet's files; without force, keep those there and write the rest.

        A folder missing some files (a run killed between two renames, a file
        deleted by hand) is completed, not refused.
        """
        start = time.perf_counter()
        folder = self.out_dir / self.folders[job.index]
        kept = set() if self.force else _kept(folder, [name for _, name in plan.names])
        files = {name: data for name, data in outcome.files.items() if name not in kept}
        others = [n for _, n in plan.names if n not in outcome.files and n not in kept]
        try:
            write_files(folder, files, force=self.force, also=others, follow=False)
        except ResumegenError as exc:
            failed = Failed(describe(exc, job.source), outcome.seconds)
            return self._failed(job, failed, plan)
        seconds = plan.seconds + outcome.seconds + (time.perf_counter() - start)
        if self.pdf:
            docx = tuple(name for name in outcome.files if pdf_name(name) not in kept)
            self.pdf_work.append(PdfWork(job, plan, folder, docx, seconds))
            return None
        return self.record(self._planned_result(job, plan, "ok", folder, seconds))

    def converted(
        self, work: PdfWork, outcome: dict[str, bytes] | BaseException, seconds: float
    ) -> BatchResult:
        """Write a packet's PDFs next to its .docx files and record the packet.

        A failed conversion makes the packet an error that still lists (and
        keeps) its .docx files.
        """
        with interrupts_deferred():
            if not isinstance(outcome, BaseException):
                start = time.perf_counter()
                try:
                    write_files(work.folder, outcome, force=self.force, follow=False)
                except ResumegenError as exc:
                    outcome = exc
                seconds += time.perf_counter() - start
            error = None
            if isinstance(outcome, BaseException):
                error = describe(outcome, work.job.source)
            status: Status = "ok" if error is None else "error"
            result = self._planned_result(
                work.job, work.plan, status, work.folder, work.seconds + seconds, error
            )
            return self.record(result)

    def close(self) -> None:
        """Close the .jsonl and write manifest.xlsx with everything finished so far."""
        self.manifest.close()


def _lexists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _kept(folder: Path, names: list[str]) -> set[str]:
    """The *names* that are regular files in *folder* (a link is not kept: it is refused)."""
    if folder.is_symlink():
        return set()
    kept = set()
    for name in names:
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(folder / name).st_mode):
                kept.add(name)
    return kept


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C; ``signum`` tells the two apart (exit 143, not 130)."""

    def __init__(self, signum: int = signal.SIGTERM) -> None:
        super().__init__()
        self.signum = signum


# The signals that stop a run: each is held while a packet is written.
_STOPPING = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C (and SIGTERM) until the block ends, so a packet is written whole and recorded.

    Each file is atomic on its own; this makes the packet (all its files
    plus its manifest line) atomic with respect to both signals as well.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {int(sig): signal.getsignal(sig) for sig in _STOPPING}
    for sig in _STOPPING:
        signal.signal(sig, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if not caught:
        return
    first = caught[0]
    handler = previous[first]
    if handler is signal.SIG_IGN:
        return
    if callable(handler):
        handler(first, None)
    if first == signal.SIGINT:
        raise KeyboardInterrupt
    signal.raise_signal(first)  # the default action, now that the packet is whole


def _adhoc_id(job: Job) -> str | None:
    return job.target.id if job.target is not None else None
