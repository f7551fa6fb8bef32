"""Start-up time of the command line, beside Python's own.

    .venv/bin/python benchmarks/startup.py [--runs N] [--warmup W] [--cold] [--json] [--check]

Each command runs as a fresh process, as a user or an agent runs it: the
interpreter starts, imports resumegen and does its work. Prints the median
wall time of N runs (the W warm-up runs before them are not counted, so the
file system cache is warm), its spread, and the time over ``python -c pass``.

The runs use their own data cache folder (``RESUMEGEN_CACHE_DIR``), never the
user's: warm by default (the warm-up runs fill it), or emptied before every
run with ``--cold`` (a first run after installing or upgrading).
The goal is ``resumegen --version`` in 150 ms or less; with ``--check`` the
script exits 1 when it is slower.

Use ``python -X importtime -m resumegen --version`` to see which import costs
what when the figure grows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_MS = 150.0


@dataclass(frozen=True)
class Row:
    command: str
    median_ms: float
    min_ms: float
    max_ms: float


def _resumegen() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m resumegen``."""
    script = Path(sys.executable).with_name("resumegen")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "resumegen"]


def commands(out_dir: Path) -> list[tuple[str, list[str]]]:
    rg = _resumegen()
    out = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("resumegen --version", [*rg, "--version"]),
        ("resumegen --help", [*rg, "--help"]),
    ]
    for sample in sorted((ROOT / "samples").glob("*.yaml")):
        out.append((f"resumegen validate {sample.name}", [*rg, "validate", str(sample)]))
    physician = str(ROOT / "samples" / "physician-ja.yaml")
    out.append(
        (
            "resumegen render --doc shokumu physician-ja.yaml",
            [*rg, "render", physician, "--doc", "shokumu", "-o", str(out_dir), "--force"],
        )
    )
    out.append(
        (
            "resumegen rephrase 当直が月6回あり体力的に限界",
            [*rg, "rephrase", "当直が月6回あり体力的に限界"],
        )
    )
    return out


def time_ms(argv: list[str], runs: int, warmup: int, cache: Path, cold: bool) -> list[float]:
    """Wall times in milliseconds of *runs* fresh processes, after *warmup* uncounted ones.

    With *cold*, the data cache folder *cache* is emptied before every run.
    """
    env = {**os.environ, "RESUMEGEN_CACHE_DIR": str(cache)}
    times: list[float] = []
    for i in range(warmup + runs):
        if cold:
            shutil.rmtree(cache, ignore_errors=True)
        t0 = time.perf_counter()
        done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, check=False)
        elapsed = (time.perf_counter() - t0) * 1000
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {err[-1] if err else ''}")
        if i >= warmup:
            times.append(elapsed)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="counted runs a command (21)")
    parser.add_argument("--warmup", type=int, default=3, help="uncounted runs first (3)")
    parser.add_argument("--cold", action="store_true", help="empty the data cache before every run")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when --version misses the goal"
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="resumegen-bench-") as tmp:
        cache = Path(tmp) / "cache"
        for label, cmd in commands(Path(tmp) / "out"):
            times = time_ms(cmd, args.runs, args.warmup, cache, args.cold)
            rows.append(Row(label, statistics.median(times), min(times), max(times)))
    python_ms = rows[0].median_ms
    version_ms = next(r.median_ms for r in rows if r.command == "resumegen --version")
    met = version_ms <= GOAL_MS

    if args.json:
        data = [{**asdict(r), "over_python_ms": r.median_ms - python_ms} for r in rows]
        out = {"runs": args.runs, "warmup": args.warmup, "cold": args.cold, "rows": data}
        print(json.dumps(out, indent=2))
    else:
        cache_state = "cold (emptied before every run)" if args.cold else "warm"
        print(
            f"{args.runs} runs a command after {args.warmup} warm-up runs; "
            f"data cache {cache_state}; {sys.version.split()[0]}"
        )
        width = max(len(r.command) for r in rows)
        print(f"{'command':{width}} {'median':>9} {'min':>9} {'max':>9} {'over python':>12}")
        for r in rows:
            over = "" if r is rows[0] else f"{r.median_ms - python_ms:+.1f} ms"
            print(
                f"{r.command:{width}} {r.median_ms:6.1f} ms {r.min_ms:6.1f} ms "
                f"{r.max_ms:6.1f} ms {over:>12}"
            )
        verdict = "met" if met else "MISSED"
        print(f"goal: resumegen --version ≤ {GOAL_MS:.0f} ms: {verdict} ({version_ms:.1f} ms)")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
