"""Running the jobs: inline, or in worker processes that return bytes.

* **Workers render, the parent writes.** A worker returns bytes; only the
  parent touches the output folder, so Ctrl-C cannot leave a half-written
  document. Workers ignore SIGINT and finish their packet.
* **One round trip a packet.** A worker loads, plans and renders in one
  task; only when the packet's folder already exists (a rerun, which the
  parent alone can call a skip) does the loaded record come back first.
* **Isolation.** A crashed worker fails only the packet it had.
* **No orphans.** A worker ignores SIGINT and SIGTERM (the parent stops the
  run) and exits when the parent is gone, however it died: a thread checks
  every :data:`PARENT_POLL_S` seconds that its parent is still the one that
  started it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from resumegen.batch.manifest import BatchResult
from resumegen.batch.packets import Run
from resumegen.batch.plan import (
    Context,
    Failed,
    Plan,
    Rendered,
    Settings,
    failure,
    load,
    prepare,
    render,
)
from resumegen.batch.sources import Job

__all__ = ["IN_FLIGHT_PER_WORKER", "PARENT_POLL_S", "run_inline", "run_pool"]

log = logging.getLogger(__name__)

# Tasks handed to the pool at once, per worker (more waits in our own queues).
IN_FLIGHT_PER_WORKER = 2

# How often a worker checks that its parent is alive, in seconds.
PARENT_POLL_S = 0.2

_WORKER: Context | None = None


def _exit_with_parent() -> None:
    """Exit this worker at once when the process that started it is gone.

    That process is the run's (fork, spawn) or a fork server that ends with
    it (forkserver): either way, a new parent means the run died.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="resumegen-parent-watch", daemon=True).start()


def _init_worker(settings: Settings) -> None:
    """Pool initializer: stopping is the parent's business; load shared data once."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _exit_with_parent()
    _WORKER = Context(settings)
    _WORKER.warm_up()


def _may_be_skipped(plan: Plan, settings: Settings) -> bool:
    """Whether the parent could skip this packet: only when its folder exists already."""
    folder = settings.out_dir / plan.folder
    return not settings.force and (folder.exists() or folder.is_symlink())


def _job_task(job: Job) -> tuple[Plan | Failed, Rendered | Failed | bytes | None]:
    """Worker entry: plan one job and, unless it may be skipped, render it on the same trip.

    Skipping is the parent's call (it hands out the folder names), and it can
    only happen when the folder exists already. Then the loaded record goes
    back instead, so that it is not parsed twice (loading costs more than
    rendering); pickled here, so that a record that cannot be pickled is
    simply loaded again.
    """
    assert _WORKER is not None, "worker started without its initializer"
    plan, record, target = prepare(job, _WORKER)
    if not isinstance(plan, Plan) or record is None:
        return plan, None
    if not _may_be_skipped(plan, _WORKER.settings):
        return plan, render(job, plan, record, target, _WORKER)
    loaded = None
    with contextlib.suppress(Exception):
        loaded = pickle.dumps((record, target), protocol=pickle.HIGHEST_PROTOCOL)
    return plan, loaded


def _render_task(job: Job, plan: Plan, loaded: bytes | None) -> Rendered | Failed:
    """Worker entry: render a job planned earlier, returning bytes."""
    assert _WORKER is not None, "worker started without its initializer"
    try:
        record, target = pickle.loads(loaded) if loaded is not None else load(job, _WORKER.settings)
    except Exception as exc:  # the file changed since planning
        debug = _WORKER.settings.debug
        return failure(exc, job.source, 0.0, debug=debug, person=plan.person)
    return render(job, plan, record, target, _WORKER)


def run_inline(job_list: list[Job], run: Run, ctx: Context) -> Iterator[BatchResult]:
    """One job after another in this process: no pool start-up, no reloading."""
    log.info("rendering %d jobs in this process", len(job_list))
    for job in job_list:
        plan, record, target = prepare(job, ctx)
        for item in run.planned(job.index, plan):
            if isinstance(item, BatchResult):
                yield item
                continue
            assert isinstance(plan, Plan) and record is not None
            result = run.rendered(item, render(item, plan, record, target, ctx))
            if result is not None:
                yield result


def run_pool(
    job_list: list[Job], run: Run, settings: Settings, workers: int
) -> Iterator[BatchResult]:
    """Plan and render in worker processes; write here as each packet comes back.

    Only a few tasks a worker are handed to the pool at a time, renders
    before new jobs: packets then start streaming back at once instead of
    after every record has been planned, and Ctrl-C has little to cancel.
    A job usually comes back planned and rendered; one that may be skipped
    comes back planned, and is sent again to render if it is not.
    """
    from resumegen.resources.cached import warm

    built = warm()  # workers then load the bundled data instead of each parsing it
    if built:
        log.info("parsed and cached bundled data: %s", ", ".join(built))
    log.info("rendering %d jobs in %d worker processes", len(job_list), workers)
    executor = ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(settings,)
    )
    in_flight = workers * IN_FLIGHT_PER_WORKER
    pending: dict[Future[Any], tuple[str, Job]] = {}
    to_plan: deque[Job] = deque(job_list)
    to_render: deque[Job] = deque()
    ready: deque[BatchResult] = deque()
    loaded: dict[int, bytes] = {}  # pickled (record, target) between plan and render
    early: dict[int, Rendered | Failed] = {}  # rendered before the folder was known

    def rendered(job: Job, outcome: Rendered | Failed) -> None:
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
        assert isinstance(plan, Plan)
        return executor.submit(_render_task, job, plan, loaded.pop(job.index, None))

    def lost(job: Job, exc: BaseException) -> Failed:
        """A packet whose worker died, or whose task could not be handed over."""
        return failure(exc, job.source, 0.0, debug=settings.debug)

    def fill() -> None:
        while len(pending) < in_flight and (to_render or to_plan):
            kind, job = ("render", to_render.popleft()) if to_render else ("job", to_plan.popleft())
            try:
                pending[start(kind, job)] = (kind, job)
            except Exception as exc:  # the pool broke (a worker died): this packet fails
                settle(kind, job, lost(job, exc))

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
                    outcome = lost(job, exc)
                settle(kind, job, outcome)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
