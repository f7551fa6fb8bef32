"""Start-up time of the command line, beside Python's own.

    .venv/bin/python benchmarks/startup.py [--runs N] [--warmup W] [--json] [--check]

Each command runs as a fresh process, as a user or an agent runs it: the
interpreter starts, imports resumegen and does its work. Prints the median
wall time of N runs (the W warm-up runs before them are not counted, so the
file system cache is warm), its spread, and the time over ``python -c pass``.
The goal is ``resumegen --version`` in 150 ms or less; with ``--check`` the
script exits 1 when it is slower.

Use ``python -X importtime -m resumegen --version`` to see which import costs
what when the figure grows.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
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


def commands() -> list[tuple[str, list[str]]]:
    rg = _resumegen()
    out = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("resumegen --version", [*rg, "--version"]),
        ("resumegen --help", [*rg, "--help"]),
    ]
    for sample in sorted((ROOT / "samples").glob("*.yaml")):
        out.append((f"resumegen validate {sample.name}", [*rg, "validate", str(sample)]))
    return out


def time_ms(argv: list[str], runs: int, warmup: int) -> list[float]:
    """Wall times in milliseconds of *runs* fresh processes, after *warmup* uncounted ones."""
    times: list[float] = []
    for i in range(warmup + runs):
        t0 = time.perf_counter()
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
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
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when --version misses the goal"
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")

    rows: list[Row] = []
    for label, cmd in commands():
        times = time_ms(cmd, args.runs, args.warmup)
        rows.append(Row(label, statistics.median(times), min(times), max(times)))
    python_ms = rows[0].median_ms
    version_ms = next(r.median_ms for r in rows if r.command == "resumegen --version")
    met = version_ms <= GOAL_MS

    if args.json:
        data = [{**asdict(r), "over_python_ms": r.median_ms - python_ms} for r in rows]
        print(json.dumps({"runs": args.runs, "warmup": args.warmup, "rows": data}, indent=2))
    else:
        print(
            f"{args.runs} runs a command after {args.warmup} warm-up runs; {sys.version.split()[0]}"
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
