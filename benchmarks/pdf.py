"""PDF speed: one document cold, with the cached profile and warm; batch rates; RenderCV.

    .venv/bin/python benchmarks/pdf.py                        # RenderCV from /tmp/rcv if there
    .venv/bin/python benchmarks/pdf.py --repeat 9 --rendercv none --json out.json

What is measured (medians; the rounds interleave the cases, so that load from
other processes on the machine hits every case alike):

* one document, the English résumé of ``samples/clinical-specialist-en.yaml``
  (RenderCV's own sample is the same person), .docx bytes → PDF bytes in this
  process: **cold** (``convert_to_pdf`` with an empty cache folder: LibreOffice
  makes a new profile), **cached profile** (``convert_to_pdf`` again: the
  profile kept in the cache), **warm** (``Office.convert`` on a LibreOffice
  already running), the warm Office's **first call** (its start included) and
  its **close** (until LibreOffice has stopped and its folder is removed);
* ``resumegen render … --doc resume --pdf`` as a fresh process, with the
  profile cached (what a user waits for at the command line), and the same
  with ``resumegen office start`` run beforehand (the background LibreOffice
  converts it);
* batch rates for one worker: documents a second of a warm ``Office`` given
  chunks of ``--chunk`` documents (the sample documents over and over), against
  LibreOffice's own rate once started: (N − 1) documents over the time one
  ``soffice --convert-to`` run of N documents takes more than a run of one;
* RenderCV's PDF (``rendercv render`` without PNG, Markdown and HTML) as a
  process, in the same rounds, when its executable is there (a separate venv;
  never a dependency), and the ratios of the two ``render --pdf`` processes to it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from compare import DEFAULT_RCV, RCV_YAML, SAMPLES, TODAY, rendercv_env

from resumegen.packet import default_docs, render_document
from resumegen.record.validate import load_record
from resumegen.render.office import Office
from resumegen.render.pdf import convert_to_pdf, find_soffice

ROOT = Path(__file__).resolve().parents[1]
RCV_CASE = "RenderCV: rendercv render, PDF only (process)"
PROCESS_CASES = (
    "process: render --doc resume --pdf (cached profile)",
    "process: render --doc resume --pdf (resumegen office running)",
)


def _median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _documents() -> dict[str, bytes]:
    """Every default document of every sample, under distinct names."""
    files = {}
    for sample, path in SAMPLES.items():
        record = load_record(path)
        for doc in default_docs(record):
            files[f"{sample}_{doc}.docx"] = render_document(record, doc, today=TODAY)
    return files


def _chunk(documents: dict[str, bytes], size: int) -> dict[str, bytes]:
    names = list(documents)
    return {
        f"{i:04d}_{names[i % len(names)]}": documents[names[i % len(names)]] for i in range(size)
    }


def one_document(
    resume: dict[str, bytes], repeat: int, tmp: Path, rendercv: Callable[[], object] | None
) -> dict[str, list[float]]:
    """Seconds of each case, round by round (RenderCV's process in each round, when given)."""
    times: dict[str, list[float]] = {
        "cold (new profile)": [],
        "cached profile": [],
        "warm (Office)": [],
        "Office, first call (start included)": [],
        "Office, close (LibreOffice stopped)": [],
        "process: render --doc resume --pdf (cached profile)": [],
        "process: render --doc resume --pdf (resumegen office running)": [],
    }
    cached = tmp / "cache-kept"
    env = {**os.environ, "RESUMEGEN_CACHE_DIR": str(cached), "PYTHONPATH": str(ROOT)}
    # The background server lives in a cache folder of its own, so that the other cases
    # never find it.
    office_env = {**env, "RESUMEGEN_CACHE_DIR": str(tmp / "cache-office")}
    resumegen = [sys.executable, "-m", "resumegen"]
    argv = [*resumegen, "render", str(SAMPLES["clinical-specialist-en"])]
    argv += ["--doc", "resume", "--pdf", "--force", "-o", str(tmp / "out")]
    os.environ["RESUMEGEN_CACHE_DIR"] = str(cached)
    convert_to_pdf(resume)  # makes the cached profile
    subprocess.run(argv, env=env, check=True, capture_output=True)
    subprocess.run([*resumegen, "office", "start"], env=office_env, check=True, capture_output=True)
    subprocess.run(argv, env=office_env, check=True, capture_output=True)
    try:
        with Office() as warm:
            warm.convert(resume)
            for i in range(repeat):
                os.environ["RESUMEGEN_CACHE_DIR"] = str(tmp / f"cache-new-{i}")
                times["cold (new profile)"].append(_timed(lambda: convert_to_pdf(resume)))
                os.environ["RESUMEGEN_CACHE_DIR"] = str(cached)
                times["cached profile"].append(_timed(lambda: convert_to_pdf(resume)))
                times["warm (Office)"].append(_timed(lambda: warm.convert(resume)))
                for name, run_env in (
                    ("cached profile", env),
                    ("resumegen office running", office_env),
                ):
                    proc = _timed(
                        lambda e=run_env: subprocess.run(
                            argv, env=e, check=True, capture_output=True
                        )
                    )
                    times[f"process: render --doc resume --pdf ({name})"].append(proc)
                if rendercv is not None:
                    times.setdefault(RCV_CASE, []).append(_timed(rendercv))
    finally:
        subprocess.run(
            [*resumegen, "office", "stop"], env=office_env, check=True, capture_output=True
        )
    os.environ["RESUMEGEN_CACHE_DIR"] = str(tmp / "cache-first-call")
    for _ in range(repeat):
        office = Office()
        times["Office, first call (start included)"].append(_timed(partial(office.convert, resume)))
        times["Office, close (LibreOffice stopped)"].append(_timed(office.close))
    os.environ["RESUMEGEN_CACHE_DIR"] = str(cached)
    return times


def batch_rates(documents: dict[str, bytes], chunk: int, repeat: int) -> dict[str, float]:
    """Documents a second: a warm Office a chunk, and LibreOffice's own rate once started."""
    files = _chunk(documents, chunk)
    one = dict([next(iter(files.items()))])
    office_s: list[float] = []
    run_1: list[float] = []
    run_n: list[float] = []
    with Office() as office:
        office.convert(files)
        for _ in range(repeat):
            office_s.append(_timed(lambda: office.convert(files)))
            run_1.append(_timed(lambda: convert_to_pdf(one)))
            run_n.append(_timed(lambda: convert_to_pdf(files)))
    own = statistics.median(run_n) - statistics.median(run_1)
    return {
        "documents a chunk": chunk,
        "warm Office, documents/s": chunk / statistics.median(office_s),
        "LibreOffice's own rate once started, documents/s": (chunk - 1) / own,
        "one soffice run of the chunk (cached profile), documents/s": chunk
        / statistics.median(run_n),
    }


def rendercv_pdf(rcv: Path, tmp: Path) -> Callable[[], object]:
    """One ``rendercv render`` to PDF only, as a process (after a first run not timed)."""
    env, _ = rendercv_env(tmp, online=False)
    folder = tmp / "rcv"
    folder.mkdir()
    shutil.copy(RCV_YAML, folder / RCV_YAML.name)
    argv = [str(rcv), "render", RCV_YAML.name, "-nopng", "-nomd", "-nohtml"]
    full_env = {**os.environ, **env}
    run = partial(subprocess.run, argv, cwd=folder, env=full_env, check=True, capture_output=True)
    run()
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=7, help="rounds (median)")
    parser.add_argument("--chunk", type=int, default=30, help="documents a batch chunk")
    parser.add_argument(
        "--rendercv",
        default=str(DEFAULT_RCV) if DEFAULT_RCV.exists() else "none",
        help="the rendercv executable of its own venv, or 'none' (default: %(default)s)",
    )
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args()
    if find_soffice() is None:
        sys.exit("LibreOffice (soffice) is not installed: nothing to measure")
    load = os.getloadavg()
    version = subprocess.run(
        [find_soffice() or "soffice", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(
        f"# resumegen PDF: {dt.datetime.now():%Y-%m-%d %H:%M}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, load average {load[0]:.2f}, {version}\n"
        f"medians of {args.repeat} rounds\n",
        flush=True,
    )
    documents = _documents()
    record = load_record(SAMPLES["clinical-specialist-en"])
    resume = {"resume.docx": render_document(record, "resume", today=TODAY)}
    notes: list[str] = []
    payload: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="rg-pdf-bench-") as t:
        tmp = Path(t)
        rcv = None if args.rendercv == "none" else Path(args.rendercv)
        rendercv = rendercv_pdf(rcv, tmp) if rcv is not None and rcv.exists() else None
        if rendercv is None:
            notes.append(f"RenderCV skipped: {args.rendercv} is not there")
        single = one_document(resume, args.repeat, tmp, rendercv)
        print("| one document (.docx → PDF) | median |\n|---|---|")
        for name, times in single.items():
            print(f"| {name} | {_median_ms(times):.0f} ms |")
        payload["one_document_ms"] = {k: _median_ms(v) for k, v in single.items()}
        if rendercv is not None:
            print("\n| resumegen / RenderCV, PDF only (below 1: resumegen is faster) | ratio |")
            print("|---|---|")
            for name in PROCESS_CASES:
                ratio = statistics.median(single[name]) / statistics.median(single[RCV_CASE])
                print(f"| {name} | {ratio:.2f}× |")
                payload.setdefault("ratio_to_rendercv", {})[name] = ratio
        rates = batch_rates(documents, args.chunk, args.repeat)
        print("\n| batch, one worker | |\n|---|---|")
        for name, value in rates.items():
            print(
                f"| {name} | {value:.1f} |" if isinstance(value, float) else f"| {name} | {value} |"
            )
        payload["batch"] = rates
    for note in notes:
        print(f"\n- {note}")
    if args.json:
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
