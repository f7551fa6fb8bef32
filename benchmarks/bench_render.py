"""Median milliseconds per rendered document for the samples.

    .venv/bin/python benchmarks/bench_render.py [N]

Prints one line per (sample, document): the view model plus the template
render (the template itself is compiled once and cached, as in real runs),
and the same for the template render alone.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from resumegen.record.validate import load_record  # noqa: E402
from resumegen.render.docx import context_for, render_document, template_for  # noqa: E402
from resumegen.render.engine import DocxTemplate  # noqa: E402

DOCS = {"ja": ("shokumu", "rirekisho"), "en": ("resume",)}


def _median_ms(fn, n: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(n: int = 50) -> None:
    print(f"{'sample':32} {'doc':10} {'full ms':>8} {'engine ms':>10}")
    for path in sorted((ROOT / "samples").glob("*.yaml")):
        record = load_record(path)
        for doc in DOCS[record.lang]:
            try:
                render_document(record, doc)  # warm the template cache
            except Exception as exc:  # a document still being written elsewhere
                print(f"{path.stem:32} {doc:10} skipped: {exc}")
                continue
            ctx = context_for(record, doc)
            tpl = DocxTemplate.load(template_for(record.lang, doc))
            full = _median_ms(lambda r=record, d=doc: render_document(r, d), n)
            engine = _median_ms(lambda t=tpl, c=ctx: t.render(c), n)
            print(f"{path.stem:32} {doc:10} {full:8.2f} {engine:10.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
