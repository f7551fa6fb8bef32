"""Item 12: one bad source or roster row fails alone, with one positioned line."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hostile_helpers import ENGLISH, run_cli

from resumegen.batch import Job


def _statuses(out: Path) -> list[tuple[str, str]]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [(json.loads(line)["status"], json.loads(line)["source"]) for line in lines]


def _roster(path: Path, rows: list[str]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["record"])
    for row in rows:
        sheet.append([row])
    book.save(path)
    return path


def test_a_source_path_too_long_fails_alone(tmp_path: Path) -> None:
    good = shutil.copy(ENGLISH, tmp_path / "a.yaml")
    long = str(tmp_path / ("x" * 300 + ".yaml"))
    out = tmp_path / "out"
    r = run_cli("batch", str(good), long, "-o", str(out), "-j", "1", "--doc", "resume")
    assert r.exit_code == 1
    errors = [line for line in r.stderr.splitlines() if "cannot read" in line]
    assert len(errors) == 1 and "File name too long" in errors[0]
    assert sorted(s for s, _ in _statuses(out)) == ["error", "ok"]


def test_a_roster_row_with_a_path_too_long_fails_alone(tmp_path: Path) -> None:
    shutil.copy(ENGLISH, tmp_path / "a.yaml")
    roster = _roster(tmp_path / "r.xlsx", ["a.yaml", "x" * 300 + ".yaml", "a.yaml"])
    out = tmp_path / "out"
    r = run_cli("batch", str(roster), "-o", str(out), "-j", "1", "--doc", "resume")
    assert r.exit_code == 1
    assert [s for s, _ in _statuses(out)] == ["error", "ok", "ok"]
    assert "r.xlsx:Sheet!A3: record `xxx" in r.stderr and "cannot be read" in r.stderr


def test_a_roster_with_a_doctype_fails_alone(tmp_path: Path) -> None:
    shutil.copy(ENGLISH, tmp_path / "a.yaml")
    clean = _roster(tmp_path / "clean.xlsx", ["a.yaml"])
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(clean) as zin, zipfile.ZipFile(hostile, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "b">]><worksheet', 1)
            zout.writestr(info, data)
    out = tmp_path / "out"
    r = run_cli(
        "batch",
        str(hostile),
        str(tmp_path / "a.yaml"),
        "-o",
        str(out),
        "-j",
        "1",
        "--doc",
        "resume",
    )
    assert r.exit_code == 1
    assert r.stderr.splitlines()[0] == (
        f"{hostile}: cannot read this roster (xl/worksheets/sheet1.xml declares a DOCTYPE)"
    )
    assert [s for s, _ in _statuses(out)] == ["error", "ok"]


def test_a_binary_record_fails_alone(tmp_path: Path) -> None:
    good = shutil.copy(ENGLISH, tmp_path / "a.yaml")
    binary = tmp_path / "d.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    out = tmp_path / "out"
    r = run_cli("batch", str(good), str(binary), "-o", str(out), "-j", "1", "--doc", "resume")
    assert r.exit_code == 1
    assert sorted(s for s, _ in _statuses(out)) == ["error", "ok"]
    assert "internal error" not in r.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_an_unreadable_record_and_folder_fail_alone(tmp_path: Path) -> None:
    good = shutil.copy(ENGLISH, tmp_path / "a.yaml")
    locked = shutil.copy(ENGLISH, tmp_path / "b.yaml")
    os.chmod(locked, 0)
    closed = tmp_path / "closed"
    closed.mkdir()
    os.chmod(closed, 0)
    out = tmp_path / "out"
    try:
        r = run_cli(
            "batch",
            str(good),
            str(locked),
            str(closed),
            "-o",
            str(out),
            "-j",
            "1",
            "--doc",
            "resume",
        )
    finally:
        os.chmod(closed, 0o700)
    assert r.exit_code == 1
    assert sorted(s for s, _ in _statuses(out)) == ["error", "error", "ok"]
    assert "internal error" not in r.stderr


def test_a_file_system_error_in_one_packet_is_one_line_not_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resumegen.batch import plan

    real = plan.load

    def load(job: Job, settings: Any) -> Any:
        if job.record.name == "b.yaml":
            raise PermissionError(13, "Permission denied", str(job.record))
        return real(job, settings)

    monkeypatch.setattr(plan, "load", load)
    good = shutil.copy(ENGLISH, tmp_path / "a.yaml")
    locked = shutil.copy(ENGLISH, tmp_path / "b.yaml")
    out = tmp_path / "out"
    r = run_cli("batch", str(good), str(locked), "-o", str(out), "-j", "1", "--doc", "resume")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[:2] == [
        f"[1/2] ok: {good}",
        f"{locked}: cannot read or write {locked}: Permission denied",
    ]
    assert sorted(s for s, _ in _statuses(out)) == ["error", "ok"]
