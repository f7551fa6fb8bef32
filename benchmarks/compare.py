"""How fast is resumegen, next to the floor and next to RenderCV? Medians of repeated runs.

    .venv/bin/python benchmarks/compare.py                  # RenderCV from /tmp/rcv if there
    .venv/bin/python benchmarks/compare.py --repeat 50 --process-repeat 20 --json out.json
    .venv/bin/python benchmarks/compare.py --rendercv none  # resumegen and the floor only

What is measured (see benchmarks/COMPARE.md for the numbers of one machine):

* resumegen in this process (warm: templates compiled, phrasebooks parsed):
  load+validate, then ``render_document`` per document, and ``build_packet``;
  per document also the view model alone, the template engine alone and
  jinja alone.
* the floor: the same .docx bytes re-zipped from parts unzipped beforehand
  (``zipfile``, same compression), i.e. what writing those bytes costs at least.
* resumegen as a fresh process (``python -m resumegen render … --force``),
  interpreter start-up included; ``resumegen --help``; ``python -c pass``.
* RenderCV (a separate venv; never a dependency of resumegen): ``rendercv
  render`` as a process with all outputs, without PNG, PDF only and Typst only;
  and its Python API (YAML string → Typst / Markdown string, → PDF file).
* peak memory of a packet render (tracemalloc, and the process's max RSS).

All runs of one group are interleaved round by round, so that load from other
processes on the machine hits every variant alike; warm-up runs are dropped.
Wall-clock medians are the headline; process CPU time (user+sys) is printed
beside them because it is much less sensitive to a busy machine.
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from floor import rezip, unzip

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {
    "physician-ja": ROOT / "samples" / "physician-ja.yaml",
    "clinical-specialist-ja": ROOT / "samples" / "clinical-specialist-ja.yaml",
    "clinical-specialist-en": ROOT / "samples" / "clinical-specialist-en.yaml",
}
RCV_YAML = ROOT / "benchmarks" / "rendercv" / "okafor_cv.yaml"
DEFAULT_RCV = Path("/tmp/rcv/bin/rendercv")
# The day the documents are dated, as the CLI would pass it (the samples have as_of).
TODAY = dt.date(2026, 11, 23)

# RenderCV asks PyPI for its latest version on every `render`. Unless
# --rendercv-online is given, that request is sent to a closed loopback port,
# where it fails at once: the timings then do not depend on the network.
_NO_NETWORK = {"HTTPS_PROXY": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}

# RenderCV's themes import the Typst package @preview/fontawesome:0.5.0, which
# Typst downloads on first use. Where it cannot be downloaded, this stand-in
# (our own, a few lines) is put on Typst's package path: fa-icon sets the icon
# name in the Font Awesome fonts that rendercv-fonts ships. It is smaller than
# the real package, so RenderCV's Typst step is, if anything, timed too fast.
_FA_TOML = """[package]
name = "fontawesome"
version = "0.5.0"
entrypoint = "lib.typ"
authors = ["resumegen benchmarks"]
license = "MIT"
description = "Offline stand-in used by resumegen's benchmarks/compare.py"
"""
_FA_LIB = """#let fa-icon(name, solid: false, ..args) = text(
  font: ("Font Awesome 7 Free", "Font Awesome 7 Brands"),
  weight: if solid { 900 } else { 400 },
  name,
  ..args,
)
"""

# Runs in RenderCV's interpreter: warm-up, then interleaved timings of its API.
_RCV_API = r"""
import json, pathlib, sys, tempfile, time
from rendercv import api
yaml_text = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
repeat, warmup, pdf_repeat = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
tmp = pathlib.Path(tempfile.mkdtemp(prefix="rcv-api-"))
def typst():
    out = api.create_contents_of_a_typst_file_from_a_yaml_string(yaml_text)
    assert isinstance(out, str), out
def markdown():
    out = api.create_contents_of_a_markdown_file_from_a_yaml_string(yaml_text)
    assert isinstance(out, str), out
def pdf():
    out = api.create_a_pdf_from_a_yaml_string(yaml_text, tmp / "cv.pdf")
    assert out is None and (tmp / "cv.pdf").stat().st_size > 0, out
cases = {"typst": typst, "markdown": markdown, "pdf": pdf}
times = {k: [] for k in cases}
for i in range(warmup + repeat):
    for name, fn in cases.items():
        if name == "pdf" and i >= warmup + pdf_repeat:
            continue
        t = time.perf_counter(); fn(); dt = time.perf_counter() - t
        if i >= warmup:
            times[name].append(dt)
print(json.dumps(times))
"""

# Runs in a fresh resumegen process: peak Python memory of one packet render
# (tracemalloc; the first render includes imports and the bundled phrasebooks).
_MEMORY = r"""
import json, sys, tracemalloc, datetime as dt
path = sys.argv[1]
tracemalloc.start()
from resumegen.packet import build_packet
from resumegen.record.validate import load_record
rec = load_record(path)
files = build_packet(rec, today=rec.date_of_record(dt.date(2026, 11, 23)))
_, cold_peak = tracemalloc.get_traced_memory()
tracemalloc.reset_peak()
before, _ = tracemalloc.get_traced_memory()
rec = load_record(path)
files = build_packet(rec, today=rec.date_of_record(dt.date(2026, 11, 23)))
_, warm_peak = tracemalloc.get_traced_memory()
print(json.dumps({
    "cold_peak": cold_peak,
    "warm_peak": warm_peak - before,
    "output_bytes": sum(len(b) for b in files.values()),
}))
"""

# Runs in a fresh resumegen process: where the first packet render's time goes.
# Each phase is timed in the order a cold `resumegen render` meets it.
_COLD = r"""
import json, sys, time, datetime as dt
path = sys.argv[1]
out = {}
t = time.perf_counter()
def lap(name):
    global t
    now = time.perf_counter(); out[name] = now - t; t = now
import resumegen.cli
lap("import cli")
from resumegen.packet import build_packet
from resumegen.record.validate import load_record
import resumegen.render.docx, resumegen.enrich.interview
lap("import render+enrich")
rec = load_record(path)
lap("load+validate record")
try:
    from resumegen.enrich.phrasebook import bundled_phrasebook
    bundled_phrasebook(rec.lang)
    lap("bundled phrasebook (YAML)")
except ImportError:
    pass
try:
    from resumegen.enrich.questionbank import load_question_bank
    load_question_bank(rec.lang)
    lap("bundled question bank (YAML)")
except ImportError:
    pass
today = rec.date_of_record(dt.date(2026, 11, 23))
build_packet(rec, today=today)
lap("first build_packet (rest)")
build_packet(rec, today=today)
lap("second build_packet (warm)")
print(json.dumps(out))
"""


# ---------------------------------------------------------------- measuring


@dataclass
class Stat:
    """Timings (seconds) of one case; CPU seconds too for processes."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.wall) * 1000 if self.wall else float("nan")

    @property
    def min_ms(self) -> float:
        return min(self.wall) * 1000 if self.wall else float("nan")

    @property
    def cpu_ms(self) -> float:
        return statistics.median(self.cpu) * 1000 if self.cpu else float("nan")


def interleave(cases: dict[str, Callable[[], object]], repeat: int, warmup: int) -> dict[str, Stat]:
    """Run every case once a round, *warmup* + *repeat* rounds; keep the last *repeat*."""
    stats = {name: Stat() for name in cases}
    for i in range(warmup + repeat):
        for name, fn in cases.items():
            t = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - t
            if i >= warmup:
                stats[name].wall.append(elapsed)
    return stats


@dataclass(frozen=True)
class Command:
    """One process to time: argv, working directory, extra environment."""

    argv: Sequence[str]
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)


def run_once(cmd: Command) -> tuple[float, float]:
    """(wall s, user+sys CPU s) of one run; raises if it fails."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd.argv),
        cwd=cmd.cwd,
        env={**os.environ, **cmd.env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        tail = err.decode("utf-8", "replace")[-1500:]
        raise RuntimeError(f"{' '.join(cmd.argv)} exited {proc.returncode}:\n{tail}")
    return wall, usage.ru_utime + usage.ru_stime


def max_rss_kib(cmd: Command, tmp: Path) -> int | None:
    """Max RSS of one run, read by GNU time (None without it).

    Not from ``wait4``: Linux starts a child's max RSS at its parent's size at
    fork, so a big parent would hide a small child.
    """
    gnu_time = Path("/usr/bin/time")
    if not gnu_time.exists():
        return None
    report = tmp / "maxrss.txt"
    run_once(Command([str(gnu_time), "-f", "%M", "-o", str(report), *cmd.argv], cmd.cwd, cmd.env))
    return int(report.read_text(encoding="utf-8").split()[-1])


def interleave_processes(cmds: dict[str, Command], repeat: int, warmup: int) -> dict[str, Stat]:
    stats = {name: Stat() for name in cmds}
    for i in range(warmup + repeat):
        for name, cmd in cmds.items():
            wall, cpu = run_once(cmd)
            if i >= warmup:
                stats[name].wall.append(wall)
                stats[name].cpu.append(cpu)
    return stats


def python_json(argv: Sequence[str], env: dict[str, str] | None = None) -> Any:
    """Run a Python snippet and return the JSON it prints last."""
    proc = subprocess.run(
        list(argv),
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed:\n{proc.stderr[-1500:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- resumegen in-process


def _jinja_only(templates: dict[str, Any], ctx: dict[str, Any]) -> Callable[[], object]:
    def run() -> object:
        return [tpl.render(ctx) for tpl in templates.values()]

    return run


def inprocess(repeat: int, warmup: int) -> tuple[dict[str, Stat], dict[str, dict[str, float]]]:
    """Stats keyed ``sample/case``, and per ``sample/doc`` the sizes of the output."""
    from resumegen.packet import (
        build_packet,
        context_for,
        default_docs,
        render_document,
        template_for,
    )
    from resumegen.record.validate import load_record
    from resumegen.render.engine import DocxTemplate

    out: dict[str, Stat] = {}
    sizes: dict[str, dict[str, float]] = {}
    for sample, path in SAMPLES.items():
        rec = load_record(path)
        today = rec.date_of_record(TODAY)
        cases: dict[str, Callable[[], object]] = {"load+validate": partial(load_record, path)}
        for doc in default_docs(rec):
            data = render_document(rec, doc, today=today)
            parts = unzip(data)
            ctx = context_for(rec, doc, today=today)
            tpl = DocxTemplate.load(template_for(rec.lang, doc))
            templates: dict[str, Any] = tpl._templates  # the compiled jinja parts (read only)
            sizes[f"{sample}/{doc}"] = {
                "docx_bytes": len(data),
                "xml_bytes": sum(len(b) for i, b in parts if i.filename.endswith(".xml")),
                "floor_same_bytes": float(rezip(parts) == data),
            }

            def load_render(p: Path = path, d: str = doc) -> bytes:
                r = load_record(p)
                return render_document(r, d, today=r.date_of_record(TODAY))

            cases[f"{doc}: load+render"] = load_render
            cases[f"{doc}: render_document"] = partial(render_document, rec, doc, today=today)
            cases[f"{doc}: view model"] = partial(context_for, rec, doc, today=today)
            cases[f"{doc}: engine (ctx given)"] = partial(tpl.render, ctx)
            cases[f"{doc}: jinja only"] = _jinja_only(templates, ctx)
            cases[f"{doc}: floor (re-zip)"] = partial(rezip, parts)

        def packet(p: Path = path) -> dict[str, bytes]:
            r = load_record(p)
            return build_packet(r, today=r.date_of_record(TODAY))

        cases["packet: load+build_packet"] = packet
        for name, stat in interleave(cases, repeat, warmup).items():
            out[f"{sample}/{name}"] = stat
    return out, sizes


def cold_breakdown(repeat: int) -> dict[str, dict[str, float]]:
    """Per sample, median ms of each phase of a first packet render in a fresh process."""
    out: dict[str, dict[str, float]] = {}
    env = {"PYTHONPATH": str(ROOT)}
    for sample, path in SAMPLES.items():
        runs = [python_json([sys.executable, "-c", _COLD, str(path)], env) for _ in range(repeat)]
        out[sample] = {k: statistics.median(r[k] for r in runs) * 1000 for k in runs[0]}
    return out


def memory(tmp: Path) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    env = {"PYTHONPATH": str(ROOT)}
    for sample, path in SAMPLES.items():
        argv = [sys.executable, "-c", _MEMORY, str(path)]
        out[sample] = python_json(argv, env)
        rss = max_rss_kib(
            Command(
                [
                    sys.executable,
                    "-m",
                    "resumegen",
                    "render",
                    str(path),
                    "--force",
                    "-o",
                    str(tmp / "mem-out"),
                ],
                tmp,
                env,
            ),
            tmp,
        )
        out[sample]["cli_maxrss_kib"] = float(rss) if rss is not None else float("nan")
    return out


# ---------------------------------------------------------------- processes


def typst_has_fontawesome() -> bool:
    """Whether Typst already has @preview/fontawesome:0.5.0 (data or cache folder)."""
    home = Path.home()
    roots = [
        Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share")),
        Path(os.environ.get("XDG_CACHE_HOME", home / ".cache")),
    ]
    return any(
        (r / "typst" / "packages" / "preview" / "fontawesome" / "0.5.0" / "typst.toml").is_file()
        for r in roots
    )


def rendercv_env(tmp: Path, online: bool) -> tuple[dict[str, str], list[str]]:
    """Environment for RenderCV runs, and notes on what was changed."""
    env: dict[str, str] = {"COLUMNS": "100", "NO_COLOR": "1"}
    notes: list[str] = []
    if not online:
        env.update(_NO_NETWORK)
        notes.append("RenderCV's PyPI version check was sent to a closed loopback port")
    if not typst_has_fontawesome():
        data = tmp / "typst-data"
        pkg = data / "typst" / "packages" / "preview" / "fontawesome" / "0.5.0"
        pkg.mkdir(parents=True, exist_ok=True)
        (pkg / "typst.toml").write_text(_FA_TOML, encoding="utf-8")
        (pkg / "lib.typ").write_text(_FA_LIB, encoding="utf-8")
        env["XDG_DATA_HOME"] = str(data)
        notes.append("Typst's @preview/fontawesome:0.5.0 was replaced by an offline stand-in")
    return env, notes


def process_commands(
    tmp: Path, rcv: Path | None, online: bool
) -> tuple[dict[str, Command], list[str]]:
    py = sys.executable
    cwd = tmp / "cwd"
    cwd.mkdir()
    out = str(tmp / "rg-out")
    # `-m resumegen` imports the repository's package, also from a cwd outside it.
    rg = {"PYTHONPATH": str(ROOT)}
    cmds: dict[str, Command] = {
        "python -c pass": Command([py, "-c", "pass"], cwd),
        "resumegen --help": Command([py, "-m", "resumegen", "--help"], cwd, rg),
    }
    for sample, path in SAMPLES.items():
        cmds[f"resumegen render {sample}"] = Command(
            [py, "-m", "resumegen", "render", str(path), "--force", "-o", out], cwd, rg
        )
    en = str(SAMPLES["clinical-specialist-en"])
    cmds["resumegen render en --doc resume"] = Command(
        [py, "-m", "resumegen", "render", en, "--doc", "resume", "--force", "-o", out], cwd, rg
    )
    notes: list[str] = []
    if rcv is not None:
        env, notes = rendercv_env(tmp, online)
        rcv_dir = tmp / "rcv"
        rcv_dir.mkdir()
        shutil.copy(RCV_YAML, rcv_dir / RCV_YAML.name)
        base = [str(rcv), "render", RCV_YAML.name]
        cmds["rendercv render (pdf+png+md+html)"] = Command(base, rcv_dir, env)
        cmds["rendercv render --dont-generate-png"] = Command([*base, "-nopng"], rcv_dir, env)
        cmds["rendercv render pdf only"] = Command(
            [*base, "-nopng", "-nomd", "-nohtml"], rcv_dir, env
        )
        cmds["rendercv render typst only"] = Command(
            [*base, "-nopdf", "-nopng", "-nomd", "-nohtml"], rcv_dir, env
        )
        cmds["rendercv --help"] = Command([str(rcv), "--help"], rcv_dir, env)
    return cmds, notes


def pdf_command(tmp: Path) -> Command | None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        return None
    en = str(SAMPLES["clinical-specialist-en"])
    argv = [sys.executable, "-m", "resumegen", "render", en, "--doc", "resume", "--pdf"]
    return Command(
        [*argv, "--force", "-o", str(tmp / "rg-pdf")], tmp / "cwd", {"PYTHONPATH": str(ROOT)}
    )


def rendercv_api(rcv: Path, repeat: int, warmup: int, online: bool, tmp: Path) -> dict[str, Stat]:
    """RenderCV's own Python API, timed inside its interpreter."""
    env, _ = rendercv_env(tmp, online)
    pdf_runs = str(min(repeat, 10))
    argv = [str(rcv.parent / "python"), "-c", _RCV_API, str(RCV_YAML), str(repeat), str(warmup)]
    times: dict[str, list[float]] = python_json([*argv, pdf_runs], env)
    return {f"rendercv api: yaml -> {k}": Stat(wall=v) for k, v in times.items()}


# ---------------------------------------------------------------- report


def _row(name: str, s: Stat, cpu: bool = False) -> str:
    extra = f" {s.cpu_ms:8.1f} |" if cpu else ""
    return f"| {name:<52} | {s.median_ms:9.2f} | {s.min_ms:9.2f} |{extra} {len(s.wall):3d} |"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


@dataclass
class Results:
    inproc: dict[str, Stat] = field(default_factory=dict)
    sizes: dict[str, dict[str, float]] = field(default_factory=dict)
    procs: dict[str, Stat] = field(default_factory=dict)
    rss: dict[str, int | None] = field(default_factory=dict)
    api: dict[str, Stat] = field(default_factory=dict)
    cold: dict[str, dict[str, float]] = field(default_factory=dict)
    mem: dict[str, dict[str, float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def report(r: Results) -> str:
    lines: list[str] = []
    add = lines.append
    ip = r.inproc
    add("## resumegen in-process (warm: templates compiled, phrasebooks parsed)\n")
    add(f"| {'case':<52} | median ms |    min ms |   n |")
    add(f"|{'-' * 54}|-----------|-----------|-----|")
    for name, s in ip.items():
        add(_row(name, s))

    add("\n## resumegen vs the floor (the same .docx bytes)\n")
    add(
        "| sample/doc | render_document | engine (ctx given) | jinja only | re-zip floor "
        "| render/floor | engine/(jinja+floor) | docx KiB | xml KiB | floor same bytes |"
    )
    add("|---|---|---|---|---|---|---|---|---|---|")
    for key, size in r.sizes.items():
        ren = ip[f"{key}: render_document"].median_ms
        eng = ip[f"{key}: engine (ctx given)"].median_ms
        jin = ip[f"{key}: jinja only"].median_ms
        zp = ip[f"{key}: floor (re-zip)"].median_ms
        add(
            f"| {key} | {ren:.2f} | {eng:.2f} | {jin:.2f} | {zp:.2f} | {_ratio(ren, zp)} "
            f"| {_ratio(eng, jin + zp)} | {size['docx_bytes'] / 1024:.1f} "
            f"| {size['xml_bytes'] / 1024:.1f} | {'yes' if size['floor_same_bytes'] else 'no'} |"
        )

    if r.procs:
        add("\n## fresh processes (interpreter start-up included)\n")
        add(f"| {'command':<52} | median ms |    min ms |   cpu ms |   n | max RSS MiB |")
        add(f"|{'-' * 54}|-----------|-----------|----------|-----|-------------|")
        for name, s in r.procs.items():
            rss = r.rss.get(name)
            rss_s = f"{rss / 1024:.1f}" if rss else "n/a"
            add(f"{_row(name, s, cpu=True)} {rss_s:>11} |")

    if r.cold:
        add("\n## where a cold `render` goes (fresh process, median ms per phase)\n")
        phases = list(next(iter(r.cold.values())))
        add("| phase | " + " | ".join(r.cold) + " |")
        add("|---|" + "---|" * len(r.cold))
        for ph in phases:
            add(f"| {ph} | " + " | ".join(f"{r.cold[s].get(ph, 0):.0f}" for s in r.cold) + " |")
        totals = {s: sum(v.values()) for s, v in r.cold.items()}
        add("| total | " + " | ".join(f"{totals[s]:.0f}" for s in r.cold) + " |")

    if r.api:
        add("\n## RenderCV Python API (warm, in its own interpreter)\n")
        add(f"| {'case':<52} | median ms |    min ms |   n |")
        add(f"|{'-' * 54}|-----------|-----------|-----|")
        for name, s in r.api.items():
            add(_row(name, s))

    procs = r.procs
    if "rendercv render pdf only" in procs:
        rcv_pdf = procs["rendercv render pdf only"]
        resume = procs["resumegen render en --doc resume"]
        add("\n## ratios resumegen / RenderCV (below 1: resumegen takes less time)\n")
        pairs = [
            ("process: render en --doc resume / rendercv pdf only", resume, rcv_pdf),
            (
                "process: render en --doc resume / rendercv typst only",
                resume,
                procs["rendercv render typst only"],
            ),
            (
                "process: render en packet (2 docx) / rendercv default",
                procs["resumegen render clinical-specialist-en"],
                procs["rendercv render (pdf+png+md+html)"],
            ),
            (
                "process: --help / rendercv --help",
                procs["resumegen --help"],
                procs["rendercv --help"],
            ),
        ]
        if "resumegen render en --doc resume --pdf" in procs:
            pdf = procs["resumegen render en --doc resume --pdf"]
            pairs.append(("process: render en resume --pdf / rendercv pdf only", pdf, rcv_pdf))
        add("| pair | wall | cpu |")
        add("|---|---|---|")
        for label, a, b in pairs:
            add(f"| {label} | {_ratio(a.median_ms, b.median_ms)} | {_ratio(a.cpu_ms, b.cpu_ms)} |")
        if r.api:
            res = ip["clinical-specialist-en/resume: load+render"].median_ms
            for k in ("typst", "markdown", "pdf"):
                s = r.api[f"rendercv api: yaml -> {k}"]
                add(
                    f"| in-process: load+render resume .docx / rendercv api yaml -> {k} "
                    f"| {_ratio(res, s.median_ms)} | |"
                )

    if r.mem:
        add("\n## memory of one packet render (fresh process)\n")
        add(
            "| sample | tracemalloc peak, first render incl. imports MiB "
            "| tracemalloc peak, second render MiB | `resumegen render` max RSS MiB | packet KiB |"
        )
        add("|---|---|---|---|---|")
        for sample, m in r.mem.items():
            add(
                f"| {sample} | {m['cold_peak'] / 2**20:.1f} | {m['warm_peak'] / 2**20:.2f} "
                f"| {m['cli_maxrss_kib'] / 1024:.1f} | {m['output_bytes'] / 1024:.1f} |"
            )
    if r.notes:
        add("\nnotes:")
        lines.extend(f"- {n}" for n in r.notes)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=30, help="in-process runs a case (median)")
    parser.add_argument("--warmup", type=int, default=3, help="in-process runs dropped first")
    parser.add_argument("--process-repeat", type=int, default=20, help="runs a process")
    parser.add_argument(
        "--rendercv",
        default=str(DEFAULT_RCV) if DEFAULT_RCV.exists() else "none",
        help="the rendercv executable of its own venv, or 'none' (default: %(default)s)",
    )
    parser.add_argument(
        "--rendercv-online",
        action="store_true",
        help="let RenderCV ask PyPI for its latest version, as it does by default",
    )
    parser.add_argument(
        "--pdf-repeat", type=int, default=5, help="runs of `resumegen render --pdf` (0: skip)"
    )
    parser.add_argument("--no-processes", action="store_true", help="in-process numbers only")
    parser.add_argument("--json", type=Path, help="also write every timing to this file")
    args = parser.parse_args()

    res = Results()
    rcv = None if args.rendercv == "none" else Path(args.rendercv)
    if rcv is not None and not rcv.exists():
        res.notes.append(f"RenderCV skipped: {rcv} does not exist")
        rcv = None
    elif rcv is None:
        res.notes.append("RenderCV skipped (--rendercv none, or /tmp/rcv/bin/rendercv missing)")

    load = os.getloadavg()
    header = (
        f"# resumegen compare: {dt.datetime.now():%Y-%m-%d %H:%M}, Python "
        f"{platform.python_version()}, {os.cpu_count()} cores, load average {load[0]:.2f}\n"
        f"in-process: median of {args.repeat} runs after {args.warmup} warm-up; "
        f"processes: median of {args.process_repeat} runs after 1 warm-up, interleaved"
    )
    print(header, flush=True)

    res.inproc, res.sizes = inprocess(args.repeat, args.warmup)
    with tempfile.TemporaryDirectory(prefix="rg-compare-") as t:
        tmp = Path(t)
        if not args.no_processes:
            cmds, notes = process_commands(tmp, rcv, args.rendercv_online)
            res.notes += notes
            for cmd in cmds.values():  # fail early, before any timing
                run_once(cmd)
            res.procs = interleave_processes(cmds, args.process_repeat, 1)
            pdf = pdf_command(tmp) if args.pdf_repeat else None
            if pdf is not None:
                run_once(pdf)
                cmds["resumegen render en --doc resume --pdf"] = pdf
                res.procs.update(
                    interleave_processes(
                        {"resumegen render en --doc resume --pdf": pdf}, args.pdf_repeat, 0
                    )
                )
            elif args.pdf_repeat:
                res.notes.append("resumegen --pdf skipped: LibreOffice (soffice) not found")
            res.rss = {name: max_rss_kib(cmd, tmp) for name, cmd in cmds.items()}
            res.cold = cold_breakdown(max(3, args.process_repeat // 2))
            if rcv is not None:
                res.api = rendercv_api(rcv, args.repeat, args.warmup, args.rendercv_online, tmp)
        res.mem = memory(tmp)
    print(report(res))
    if args.json:
        payload = {
            "header": header,
            "loadavg_end": os.getloadavg(),
            "stats": {
                k: {
                    "median_ms": s.median_ms,
                    "min_ms": s.min_ms,
                    "cpu_ms": s.cpu_ms,
                    "n": len(s.wall),
                }
                for k, s in {**res.inproc, **res.procs, **res.api}.items()
            },
            "max_rss_kib": res.rss,
            "cold_phases_ms": res.cold,
            "sizes": res.sizes,
            "memory": res.mem,
            "notes": res.notes,
        }
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
