"""Items 9 and 10: one run per output folder; SIGTERM, SIGKILL and what a killed run leaves."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_helpers import ROOT, run_cli

from resumegen.write import LOCK_NAME, locked_folder

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def test_a_second_run_into_a_locked_folder_refuses_at_once(
    tmp_path: Path, make_record: Callable[..., Path]
) -> None:
    record = make_record()
    out = tmp_path / "out"
    with locked_folder(out):
        r = run_cli("batch", str(record), "-o", str(out), "-j", "1", "--doc", "resume")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"resumegen: {out} is in use by another resumegen batch run;"
        " wait for it to finish or choose another output folder"
    ]
    assert not (out / "manifest.jsonl").exists()
    assert (
        run_cli("batch", str(record), "-o", str(out), "-j", "1", "--doc", "resume").exit_code == 0
    )
    assert not (out / LOCK_NAME).exists()


def test_leftovers_of_a_killed_run_are_removed(
    tmp_path: Path, make_record: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    record = make_record()
    out = tmp_path / "out"
    (out / "someone").mkdir(parents=True)
    left = [
        out / ".resumegen-manifest.jsonl.0123abcd.part",
        out / "someone" / ".resumegen-Resume_x.docx.deadbeef.part",
    ]
    mine = [out / ".notes.part", out / "someone" / "keep.docx"]
    for path in left + mine:
        path.write_bytes(b"x")
    temp = tmp_path / "temp"
    stale, live = temp / "resumegen-pdf-stale", temp / "resumegen-pdf-live"
    for folder in (stale / "in", live / "in"):
        folder.mkdir(parents=True)
    os.utime(stale, (0, 0))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    r = run_cli("batch", str(record), "-o", str(out), "-j", "1", "--doc", "resume")
    assert r.exit_code == 0, r.output
    assert not any(p.exists() for p in left)
    assert all(p.exists() for p in mine)
    assert not stale.exists() and live.exists()


def _spawn(args: list[str], tmp: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "resumegen", *args],
        cwd=tmp,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _many(tmp: Path, make_record: Callable[..., Path], n: int) -> Path:
    (tmp / "recs").mkdir()
    for i in range(n):
        make_record(f"recs/{i:02d}.yaml", person=f"Person {i:02d}")
    return tmp / "recs"


def _wait_for_lines(jsonl: Path, proc: subprocess.Popen[bytes], n: int = 1) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and proc.poll() is None:
        if jsonl.exists() and len(jsonl.read_text().splitlines()) >= n:
            return
        time.sleep(0.02)
    pytest.fail("the run wrote no manifest line")


def test_sigterm_finishes_the_manifests_and_exits_143(
    tmp_path: Path, make_record: Callable[..., Path]
) -> None:
    recs = _many(tmp_path, make_record, 40)
    out = tmp_path / "out"
    proc = _spawn(["batch", str(recs), "-o", str(out), "-j", "1"], tmp_path)
    _wait_for_lines(out / "manifest.jsonl", proc)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 143, stderr
    assert b"interrupted" in stderr
    lines = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
    assert 1 <= len(lines) < 40
    assert (out / "manifest.xlsx").exists()
    assert all(Path(o["path"]).is_file() for x in lines for o in x["outputs"])
    assert not list(out.rglob("*.part")) and not (out / LOCK_NAME).exists()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                try:  # multiprocessing's resource tracker is a helper, not a worker
                    if b"resource_tracker" in (entry / "cmdline").read_bytes():
                        continue
                except OSError:
                    continue
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@linux_only
def test_workers_exit_when_the_parent_is_killed(
    tmp_path: Path, make_record: Callable[..., Path]
) -> None:
    recs = _many(tmp_path, make_record, 4)
    out = tmp_path / "out"
    proc = _spawn(["batch", str(recs), "-o", str(out), "-j", "2"], tmp_path)
    deadline = time.monotonic() + 10
    while len(workers := _children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(workers) >= 2
    proc.kill()
    proc.wait(timeout=10)
    deadline = time.monotonic() + 20  # workers poll every 0.2 s; a loaded machine is slower
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)
    # the folder is free again (the workers held the lock too)
    one = recs / "00.yaml"
    rerun = run_cli("batch", str(one), "-o", str(out), "-j", "1", "--doc", "resume")
    assert rerun.exit_code == 0, rerun.output
