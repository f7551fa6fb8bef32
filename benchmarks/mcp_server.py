"""MCP server speed: tool calls a second over one client session, in process.

    .venv/bin/python benchmarks/mcp_server.py          # 200 calls of each, 5 rounds
    .venv/bin/python benchmarks/mcp_server.py --calls 50 --rounds 3 --pdf

What is measured (medians of the rounds): one session of the SDK's in-memory
client (``mcp.Client(server)``, as an agent's host would hold one), calling
``validate`` (the record as YAML text, the way an agent sends what it wrote) and
``render`` (one 職務経歴書 as base64, no folder) *--calls* times each; with
``--pdf``, ``render`` with ``pdf`` a few times against a warm LibreOffice the
server holds (the first call, which starts it, is reported apart). Needs the
``mcp`` extra.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import anyio

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "samples" / "physician-ja.yaml"


def _session(root: Path, calls: int, pdf: int, office: Any) -> dict[str, float]:
    import mcp

    from resumegen.mcp import build_server

    server = build_server(root, today=lambda: dt.date(2026, 4, 1), office=office)
    text = SAMPLE.read_text("utf-8")
    out: dict[str, float] = {}

    async def main() -> None:
        async with mcp.Client(server) as client:
            await client.call_tool("validate", {"record_yaml": text})  # warm the caches
            start = time.perf_counter()
            for _ in range(calls):
                await client.call_tool("validate", {"record_yaml": text})
            out["validate"] = calls / (time.perf_counter() - start)
            args = {"record_yaml": text, "docs": ["shokumu"]}
            await client.call_tool("render", args)
            start = time.perf_counter()
            for _ in range(calls):
                await client.call_tool("render", args)
            out["render"] = calls / (time.perf_counter() - start)
            if pdf:
                start = time.perf_counter()
                await client.call_tool("render", {**args, "pdf": True})
                out["pdf_first_s"] = time.perf_counter() - start
                times = []
                for _ in range(pdf):
                    start = time.perf_counter()
                    await client.call_tool("render", {**args, "pdf": True})
                    times.append(time.perf_counter() - start)
                out["pdf_warm_s"] = statistics.median(times)

    anyio.run(main)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="also render PDFs, warm")
    args = parser.parse_args(argv)
    try:
        import mcp  # noqa: F401
    except ImportError:
        print("needs the mcp extra: pip install 'resumegen[mcp]'", file=sys.stderr)
        return 2
    from resumegen.render.office import Office

    rounds: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp, Office() as office:
        for _ in range(args.rounds):
            rounds.append(_session(Path(tmp), args.calls, 5 if args.pdf else 0, office))
            args.pdf = False  # the warm PDF figures need one round only
    for key, label, fmt in (
        ("validate", "validate (record as YAML text)", "{:.0f} calls/s"),
        ("render", "render one 職務経歴書 (.docx, base64)", "{:.0f} calls/s"),
        ("pdf_first_s", "render with pdf, first call (LibreOffice starts)", "{:.2f} s"),
        ("pdf_warm_s", "render with pdf, warm LibreOffice", "{:.3f} s"),
    ):
        values = [r[key] for r in rounds if key in r]
        if values:
            print(f"{label}: {fmt.format(statistics.median(values))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
