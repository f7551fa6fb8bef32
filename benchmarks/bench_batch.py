"""Batch throughput: packets per second at -j 1 and -j 2, medians of a few runs.

    .venv/bin/python benchmarks/bench_batch.py --records 40 --repeat 3

Records are copies of the samples with varied names, written to a temporary
folder; every run renders into a fresh output folder. Pool start-up and the
manifests are part of the measured time, as a user would feel them.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from resumegen.batch import run_batch

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {
    ROOT / "samples" / "physician-ja.yaml": "平田 健一",
    ROOT / "samples" / "clinical-specialist-ja.yaml": "佐藤 美咲",
    ROOT / "samples" / "clinical-specialist-en.yaml": "Daniel Okafor",
}


def make_records(folder: Path, count: int) -> None:
    """*count* records cycling through the samples, each with its own name."""
    sources = list(SAMPLES.items())
    for i in range(count):
        src, name = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8").replace(f"name: {name}", f"name: {name}{i}", 1)
        (folder / f"{i:04d}.yaml").write_text(text, encoding="utf-8")


def one_run(records: Path, out: Path, jobs: int) -> tuple[float, int]:
    """(seconds, packets written) for one batch run."""
    start = time.perf_counter()
    results = list(run_batch([records], out_dir=out, jobs=jobs))
    seconds = time.perf_counter() - start
    failed = [r for r in results if r.status != "ok"]
    if failed:
        raise SystemExit(f"benchmark records failed: {failed[0].error}")
    return seconds, len(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=24, help="records to generate")
    parser.add_argument("--repeat", type=int, default=3, help="runs a setting (median)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        root = Path(tmp)
        records = root / "records"
        records.mkdir()
        make_records(records, args.records)
        rates: dict[int, float] = {}
        for jobs in args.jobs:
            per_second = []
            for n in range(args.repeat):
                seconds, packets = one_run(records, root / f"out-j{jobs}-{n}", jobs)
                per_second.append(packets / seconds)
            rates[jobs] = statistics.median(per_second)
            print(f"-j {jobs}: {rates[jobs]:7.2f} packets/s (median of {args.repeat})")
        base = rates.get(args.jobs[0])
        for jobs in args.jobs[1:]:
            if base:
                print(f"-j {jobs} / -j {args.jobs[0]}: {rates[jobs] / base:.2f}x")


if __name__ == "__main__":
    main()
