"""Render speed per document type, next to the floor, in one run.

    .venv/bin/python benchmarks/render.py [--repeat N] [--cli-repeat M] [--core C]

For each document type (shokumu, rirekisho and interview of
samples/physician-ja.yaml, resume of samples/clinical-specialist-en.yaml):

* in-process: median ms of ``render_document`` (view model + template; the
  template compiled once and cached, as in real runs) and of the engine alone;
* CLI: median ms of a fresh ``resumegen render SAMPLE --doc X`` process,
  interpreter start-up included;
* documents/s on one core: renders in a row, divided by the CPU time they took
  (the process is pinned to one core where the OS allows it);
* the floor: plain jinja2 (``Environment(autoescape=True)``, compiled once) over
  the same document.xml text (and header/footer), then the same parts zipped
  again with ``zipfile``: the least work that makes such a file. ``ours/floor``
  is the floor's documents/s over render_document's, both in CPU time (wall
  medians are printed too but swing on a busy machine); the aim is at most 2
  (in-process at least half the floor's rate).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402

from resumegen.packet import context_for, render_document, template_for  # noqa: E402
from resumegen.record.validate import load_record  # noqa: E402
from resumegen.render.engine import DocxTemplate, preprocess  # noqa: E402

CASES = (
    ("shokumu", "physician-ja"),
    ("rirekisho", "physician-ja"),
    ("interview", "physician-ja"),
    ("resume", "clinical-specialist-en"),
)
_TEMPLATED = ("word/document.xml", "word/header", "word/footer")


def _pin(core: int | None) -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cores = sorted(os.sched_getaffinity(0))
    chosen = cores[-1] if core is None else core
    os.sched_setaffinity(0, {chosen})
    return f"pinned to core {chosen} of {len(cores)}"


def _median_ms(fn: Callable[[], object], n: int) -> float:
    for _ in range(max(3, n // 20)):  # warm-up
        fn()
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _per_cpu_second(fn: Callable[[], object], n: int) -> float:
    t0 = time.process_time()
    for _ in range(n):
        fn()
    return n / (time.process_time() - t0)


class Floor:
    """Plain jinja2 over the same XML, then zipfile over the same parts."""

    def __init__(self, template_path: Path):
        with zipfile.ZipFile(template_path) as z:
            self.parts = [(info, z.read(info)) for info in z.infolist()]
        env = jinja2.Environment(autoescape=True)
        self.templates = {
            info.filename: env.from_string(preprocess(data.decode("utf-8")))
            for info, data in self.parts
            if info.filename.startswith(_TEMPLATED) and b"{" in data
        }

    def render(self, context: dict[str, Any]) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in self.parts:
                tpl = self.templates.get(info.filename)
                if tpl is not None:
                    data = tpl.render(context).encode("utf-8")
                z.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
        return buf.getvalue()


def _cli_command() -> list[str]:
    script = Path(sys.executable).with_name("resumegen")
    if script.is_file():
        return [str(script)]
    found = shutil.which("resumegen")
    return [found] if found else [sys.executable, "-m", "resumegen"]


def _cli_ms(sample: Path, doc: str, n: int) -> float:
    cmd = _cli_command()
    with tempfile.TemporaryDirectory(prefix="resumegen-bench-") as out:
        argv = [*cmd, "render", str(sample), "--doc", doc, "-o", out, "--force"]
        subprocess.run(argv, check=True, capture_output=True)  # warm the disk cache
        times = []
        for _ in range(n):
            t0 = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True)
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=300, help="in-process runs per case")
    parser.add_argument("--cli-repeat", type=int, default=15, help="CLI runs per document")
    parser.add_argument("--core", type=int, default=None, help="CPU core to pin to")
    args = parser.parse_args()

    pinned = _pin(args.core)
    print(f"python {sys.version.split()[0]}, jinja2 {jinja2.__version__}, {pinned}")
    print(f"in-process: median of {args.repeat} runs; CLI: median of {args.cli_repeat} runs\n")
    head = (
        f"{'doc':10} {'render ms':>9} {'engine ms':>9} {'docs/s':>7} "
        f"{'floor ms':>8} {'floor/s':>7} {'ours/floor':>10} {'CLI ms':>7}"
    )
    print(head)
    print("-" * len(head))
    worst = 0.0
    for doc, sample in CASES:
        path = ROOT / "samples" / f"{sample}.yaml"
        record = load_record(path)
        context = context_for(record, doc)
        template_path = template_for(record.lang, doc)
        engine = DocxTemplate.load(template_path)
        floor = Floor(template_path)

        def ours(r: Any = record, d: str = doc) -> bytes:
            return render_document(r, d)

        render_ms = _median_ms(ours, args.repeat)
        engine_ms = _median_ms(lambda t=engine, c=context: t.render(c), args.repeat)
        floor_ms = _median_ms(lambda f=floor, c=context: f.render(c), args.repeat)
        rate = _per_cpu_second(ours, args.repeat)
        floor_rate = _per_cpu_second(lambda f=floor, c=context: f.render(c), args.repeat)
        cli_ms = _cli_ms(path, doc, args.cli_repeat)
        ratio = floor_rate / rate
        worst = max(worst, ratio)
        print(
            f"{doc:10} {render_ms:9.2f} {engine_ms:9.2f} {rate:7.0f} "
            f"{floor_ms:8.2f} {floor_rate:7.0f} {ratio:10.2f} {cli_ms:7.0f}"
        )
    verdict = "met" if worst <= 2 else "NOT met"
    print(
        f"\naim (ours/floor <= 2, i.e. at least half the floor's rate): {verdict}; worst {worst:.2f}"
    )


if __name__ == "__main__":
    main()
