"""Batch at scale: packets/s and documents/s at -j 1 and -j 2, peak memory, and the floor.

    .venv/bin/python benchmarks/batch.py                       # N = 200 and 1,000
    .venv/bin/python benchmarks/batch.py --sizes 100 --jobs 1  # a quick look
    .venv/bin/python benchmarks/batch.py --sizes 200 --profile 25   # cProfile of -j 1

What one run does:

* writes N synthetic records for every size: copies of the three samples, each
  person with a distinct name; one record in three has no ``targets`` (one
  general interview sheet), the others keep theirs (one sheet per application);
* runs ``run_batch`` on that folder for every worker count, each run in a fresh
  Python process (so memory is not carried over from one run to the next),
  into a fresh output folder. The time covers everything a user waits for once
  resumegen is imported: pool start-up, workers loading templates and
  phrasebooks, loading and validating, rendering, atomic writes, both manifests;
* peak resident memory: with -j 1 the process itself; with -j N the largest
  worker (``ru_maxrss`` of the reaped children) and the parent on its own.
  Memory is flat when the figure at the largest N is within a few MiB of the
  one at the smallest;
* the floor, in this process, over the very same mix of documents: for each
  document the engine's jinja2 templates (compiled once) rendered with its
  finished context, then the output parts zipped again with the same
  compression. That is the least any jinja-over-document.xml renderer pays a
  document; the ratio is batch documents/s over the floor's documents/s on the
  same number of cores (the aim is at least 0.5 at -j 2).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from floor import rezip, unzip

ROOT = Path(__file__).resolve().parents[1]
# PYTHONPATH, when set, chooses the resumegen measured (say, a copy of another version).
CODE = os.environ.get("PYTHONPATH") or str(ROOT)
if not os.environ.get("PYTHONPATH") and str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLES = {
    "physician-ja": (ROOT / "samples" / "physician-ja.yaml", "平田 健一"),
    "clinical-specialist-ja": (ROOT / "samples" / "clinical-specialist-ja.yaml", "佐藤 美咲"),
    "clinical-specialist-en": (ROOT / "samples" / "clinical-specialist-en.yaml", "Daniel Okafor"),
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


JA_FAMILY = _words(
    "青木 石井 上田 江口 大野 加藤 木村 工藤 小林 斎藤 坂本 清水 鈴木 高橋 田中 中村 西田 橋本 藤井 松本"
)
JA_GIVEN = _words("蒼 葵 陽翔 結菜 湊 凛 蓮 陽菜 大和 芽依 悠真 美桜 颯太 紬 樹 杏 律 澪 健 彩")
EN_FIRST = _words("Amara Ben Chloe David Erin Felix Grace Hugo Isla Jonah Kemi Liam Maya Noah Olu")
EN_LAST = _words("Adeyemi Brooks Carter Dlamini Evans Fraser Green Hughes Idowu Jones Khan Lewis")


# ------------------------------------------------------------------ records


def _name(sample: str, i: int) -> str:
    """A distinct name for record *i* (distinct across the first thousands)."""
    if sample.endswith("-ja"):
        family, given = JA_FAMILY[i % len(JA_FAMILY)], JA_GIVEN[(i // len(JA_FAMILY)) % 20]
        suffix = "" if i < 400 else "子" * (i // 400)
        return f"{family} {given}{suffix}"
    first, last = EN_FIRST[i % len(EN_FIRST)], EN_LAST[(i // len(EN_FIRST)) % len(EN_LAST)]
    return f"{first} {last}" + ("" if i < 180 else f"-{i // 180}")


def variant(sample: str, i: int, with_targets: bool) -> str:
    """The sample's text with another name, and without ``targets`` when asked."""
    path, original = SAMPLES[sample]
    text = path.read_text(encoding="utf-8")
    text = text.replace(f"name: {original}", f"name: '{_name(sample, i)}'", 1)
    if not with_targets:
        text = text[: text.index("\ntargets:")] + "\n"
    return text


def kind_of(i: int) -> tuple[str, bool]:
    """Which sample record *i* copies, and whether it keeps its targets."""
    samples = list(SAMPLES)
    return samples[i % len(samples)], (i // len(samples)) % 3 != 2


def make_records(folder: Path, count: int) -> Counter[tuple[str, bool]]:
    folder.mkdir(parents=True)
    kinds: Counter[tuple[str, bool]] = Counter()
    for i in range(count):
        sample, with_targets = kind_of(i)
        kinds[sample, with_targets] += 1
        (folder / f"{i:05d}.yaml").write_text(variant(sample, i, with_targets), encoding="utf-8")
    return kinds


# -------------------------------------------------------------- one batch run


def child(records: str, out: str, jobs: int) -> None:
    """Run one batch in this (fresh) process; print its figures as one JSON line.

    Results are counted as they stream and not kept, so that the memory
    measured is resumegen's own.
    """
    from resumegen.batch import run_batch

    usage = resource.getrusage(resource.RUSAGE_SELF)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    statuses: Counter[str] = Counter()
    errors: list[str | None] = []
    docs = 0
    start = time.perf_counter()
    for r in run_batch([records], out_dir=Path(out), jobs=jobs):
        statuses[r.status] += 1
        docs += sum(1 for o in r.outputs if o["path"].endswith(".docx"))
        if r.status == "error" and len(errors) < 3:
            errors.append(r.error)
    seconds = time.perf_counter() - start
    own_usage = resource.getrusage(resource.RUSAGE_SELF)
    child_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    own, children = own_usage.ru_maxrss, child_usage.ru_maxrss
    cpu = sum(u.ru_utime + u.ru_stime for u in (own_usage, child_usage)) - cpu_before
    figures = {
        "seconds": seconds,
        "cpu": cpu,
        "packets": statuses["ok"],
        "docs": docs,
        "errors": errors,
        "rss_start_kib": before,
        "rss_self_kib": own,
        "rss_worker_kib": children if jobs > 1 else own,
    }
    print(json.dumps(figures))


def run_child(records: Path, out: Path, jobs: int, code: str) -> dict[str, Any]:
    """One batch run in a fresh process, with the resumegen found in *code*."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, __file__, "--child", str(records), str(out), str(jobs)]
    env = dict(os.environ, PYTHONPATH=code)
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"batch run failed:\n{proc.stderr[-2000:]}")
    figures: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    if figures["errors"]:
        raise SystemExit(f"benchmark records failed: {figures['errors']}")
    return figures


# -------------------------------------------------------------------- floor


def _floor_case(
    templates: dict[str, Any], ctx: dict[str, Any], parts: list[Any]
) -> Callable[[], object]:
    def run() -> object:
        texts = [tpl.render(ctx) for tpl in templates.values()]
        return texts, rezip(parts)

    return run


def _median_s(fn: Callable[[], object], repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def floor_per_packet(repeat: int) -> dict[tuple[str, bool], tuple[float, int]]:
    """Per record kind: (floor seconds for its packet's documents, documents)."""
    import tempfile as _tf

    from resumegen.packet import context_for, plan_packet, render_document, template_for
    from resumegen.record.validate import load_record
    from resumegen.render.engine import DocxTemplate

    out: dict[tuple[str, bool], tuple[float, int]] = {}
    with _tf.TemporaryDirectory() as tmp:
        for sample in SAMPLES:
            for with_targets in (True, False):
                path = Path(tmp) / f"{sample}-{with_targets}.yaml"
                path.write_text(variant(sample, 0, with_targets), encoding="utf-8")
                record = load_record(path)
                today = record.date_of_record(None) if record.as_of else None
                total = 0.0
                plan = plan_packet(record)
                for planned in plan:
                    doc, target = planned.doc, planned.target
                    data = render_document(record, doc, target=target, today=today)
                    ctx = context_for(record, doc, target=target, today=today)
                    tpl = DocxTemplate.load(template_for(record.lang, doc))
                    total += _median_s(_floor_case(tpl._templates, ctx, unzip(data)), repeat)
                out[sample, with_targets] = (total, len(plan))
    return out


# ---------------------------------------------------------------- profiling


def profile(records: Path, out: Path, top: int) -> None:
    """cProfile of the whole batch path at -j 1, heaviest functions first."""
    from resumegen.batch import run_batch

    prof = cProfile.Profile()
    prof.enable()
    list(run_batch([records], out_dir=out, jobs=1))
    prof.disable()
    stream = io.StringIO()
    stats = pstats.Stats(prof, stream=stream)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    print(stream.getvalue())


# --------------------------------------------------------------------- main


def _mib(kib: float) -> str:
    return f"{kib / 1024:6.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000], help="records N")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts")
    parser.add_argument("--repeat", type=int, default=1, help="runs a setting; the fastest counts")
    parser.add_argument(
        "--baseline", metavar="DIR", help="also measure the resumegen in DIR, run for run"
    )
    parser.add_argument("--floor-repeat", type=int, default=30, help="floor runs a document")
    parser.add_argument("--profile", type=int, metavar="TOP", help="cProfile -j 1, print TOP")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return

    import multiprocessing

    cores = os.cpu_count() or 1
    codes = {"now": CODE, **({"base": args.baseline} if args.baseline else {})}
    start_method = multiprocessing.get_start_method()
    print(f"python {sys.version.split()[0]}, {cores} cores, workers by {start_method}")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        root = Path(tmp)
        if args.profile:
            records = root / "profile-records"
            make_records(records, args.sizes[0])
            profile(records, root / "profile-out", args.profile)
            return
        floor = floor_per_packet(args.floor_repeat)
        rows = []
        rss_worker: dict[tuple[str, int], dict[int, float]] = {}
        for n in args.sizes:
            records = root / f"records-{n}"
            kinds = make_records(records, n)
            floor_s = sum(floor[k][0] * count for k, count in kinds.items())
            floor_docs = sum(floor[k][1] * count for k, count in kinds.items())
            floor_rate = floor_docs / floor_s
            for jobs in args.jobs:
                best: dict[str, dict[str, Any]] = {}
                for _ in range(args.repeat):  # versions alternate: a busy spell hits both
                    for name, code in codes.items():
                        f = run_child(records, root / "out", jobs, code)
                        if f["docs"] != floor_docs:
                            raise SystemExit(f"N={n}: {f['docs']} documents, floor {floor_docs}")
                        if name not in best or f["seconds"] < best[name]["seconds"]:
                            best[name] = f
                for name, f in best.items():
                    docs_s = f["docs"] / f["seconds"]
                    ratio = docs_s / (floor_rate * min(jobs, cores))
                    rss_worker.setdefault((name, jobs), {})[n] = f["rss_worker_kib"]
                    rows.append(
                        f"{name:>4} {n:6d} {jobs:3d} {f['packets'] / f['seconds']:10.1f} "
                        f"{docs_s:8.1f} {floor_rate * min(jobs, cores):9.1f} {ratio:6.2f} "
                        f"{_mib(f['rss_worker_kib'])} {_mib(f['rss_self_kib'])} "
                        f"{f['seconds']:7.2f} {f['cpu'] * 1000 / f['docs']:7.2f}"
                    )
        print(
            f"{'code':>4} {'N':>6} {'-j':>3} {'packets/s':>10} {'docs/s':>8} {'floor/s':>9} "
            f"{'ratio':>6} {'worker':>6} {'parent':>6} {'seconds':>7} {'cpu ms':>7}"
        )
        print("\n".join(rows))
        print(
            f"fastest of {args.repeat} run(s) a row. floor/s: the floor's documents/s over the "
            "same documents on as many cores;\nratio: docs/s over floor/s; worker, parent: "
            "peak RSS in MiB; cpu ms: processor time a document, all processes"
        )
        one_core = sum(d for _, d in floor.values()) / sum(s for s, _ in floor.values())
        print(f"floor (jinja2 compiled once + re-zip), one core: {one_core:.0f} docs/s")
        for (name, jobs), by_n in rss_worker.items():
            sizes = sorted(by_n)
            growth = (by_n[sizes[-1]] - by_n[sizes[0]]) / 1024
            flat = "flat" if abs(growth) < 8 else "GROWS"
            print(
                f"{name} -j {jobs}: worker peak RSS N={sizes[0]}→{sizes[-1]}: "
                f"{growth:+.1f} MiB ({flat})"
            )


if __name__ == "__main__":
    main()
