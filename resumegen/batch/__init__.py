"""Batch runs: many packets from files, folders and ``.xlsx`` rosters, in parallel.

The modules, in the order a run goes through them:

* :mod:`~resumegen.batch.sources` — record files, folders and rosters into
  jobs; a bad source is a :class:`JobError`, reported like a failed packet.
* :mod:`~resumegen.batch.roster` — the ``.xlsx`` roster, read as a bounded
  stream, every row a job or a positioned error.
* :mod:`~resumegen.batch.plan` — one job's work: load, plan, render to bytes.
* :mod:`~resumegen.batch.pool` — jobs inline or in worker processes.
* :mod:`~resumegen.batch.packets` — the parent's side: folder names in source
  order, atomic writes never through a link, results.
* :mod:`~resumegen.batch.pdf` — LibreOffice over large chunks of packets.
* :mod:`~resumegen.batch.manifest` — ``manifest.jsonl`` and ``manifest.xlsx``.
* :mod:`~resumegen.batch.run` — :func:`run_batch`, which ties them together.

Anything that goes wrong inside one packet becomes that packet's ``error``
line; every other packet still runs. A run holds its output folder's lock;
SIGTERM stops it like Ctrl-C (:class:`Terminated`).
"""

from resumegen.batch.manifest import BatchResult, write_manifest_xlsx
from resumegen.batch.packets import Terminated
from resumegen.batch.run import run_batch
from resumegen.batch.sources import Job, JobError, collect_jobs

__all__ = [
    "BatchResult",
    "Job",
    "JobError",
    "Terminated",
    "collect_jobs",
    "run_batch",
    "write_manifest_xlsx",
]
