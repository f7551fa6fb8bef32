"""Item 11: a packet folder missing a file (a crash between renames) is completed on rerun."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from hostile_helpers import run_cli


def test_a_rerun_writes_what_is_missing_and_keeps_what_is_there(
    tmp_path: Path, make_record: Callable[..., Path]
) -> None:
    record = make_record()
    out = tmp_path / "out"
    args = ("batch", str(record), "-o", str(out), "-j", "1")
    assert run_cli(*args).exit_code == 0
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    files = sorted(folder.iterdir())
    assert len(files) >= 2
    kept, lost = files[0], files[1]
    kept.write_bytes(b"kept as it was")
    lost.unlink()
    r = run_cli(*args)
    assert r.exit_code == 0, r.output
    assert kept.read_bytes() == b"kept as it was"
    assert lost.is_file() and lost.stat().st_size > 0
    assert sorted(folder.iterdir()) == files
    (line,) = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["status"] == "ok"
    assert run_cli(*args).exit_code == 0  # and then it is a skip
    (line,) = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["status"] == "skipped"


def test_a_link_in_a_partial_packet_is_still_refused(
    tmp_path: Path, make_record: Callable[..., Path]
) -> None:
    record = make_record()
    out = tmp_path / "out"
    args = ("batch", str(record), "-o", str(out), "-j", "1")
    assert run_cli(*args).exit_code == 0
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    first, second = sorted(folder.iterdir())[:2]
    victim = tmp_path / "victim"
    victim.write_text("precious")
    first.unlink()
    first.symlink_to(victim)
    second.unlink()
    r = run_cli(*args)
    assert r.exit_code == 1
    assert "symbolic link" in r.stderr
    assert victim.read_text() == "precious" and not second.exists()
