"""The command line around batch and render: links refused, -v logging, --debug tracebacks."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from resumegen import packet
from resumegen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
PHYSICIAN = ROOT / "samples" / "physician-ja.yaml"
ENGLISH = ROOT / "samples" / "clinical-specialist-en.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_render_refuses_a_file_that_is_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    link = out / "Resume_Daniel_Okafor.docx"
    link.symlink_to(victim)
    for force in ((), ("--force",)):
        r = run("render", str(ENGLISH), "--doc", "resume", "-o", str(out), *force)
        assert r.exit_code == 1
        assert r.stderr.splitlines() == [
            f"resumegen: {link} is a symbolic link; refusing to write through it;"
            " remove the link or choose another output folder"
        ]
        assert victim.read_text() == "precious" and link.is_symlink()
    assert sorted(p.name for p in out.iterdir()) == [link.name]


def test_batch_refuses_a_manifest_that_is_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.jsonl").symlink_to(victim)
    r = run("batch", str(ENGLISH), "-o", str(out), "-j", "1", "--force")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"resumegen: {out / 'manifest.jsonl'} is a symbolic link; refusing to write through it;"
        " remove the link or choose another output folder"
    ]
    assert victim.read_text() == "precious"
    assert sorted(p.name for p in out.iterdir()) == ["manifest.jsonl"]


def test_batch_help_documents_allow_outside() -> None:
    r = run("batch", "--help")
    assert "--allow-outside" in r.output and "roster's folder" in r.output


def _broken(monkeypatch: pytest.MonkeyPatch) -> None:
    real = packet.render_application

    def render_application(app: Any, doc: str, **kw: Any) -> bytes:
        if doc == "rirekisho":
            raise ZeroDivisionError("division by zero")
        return real(app, doc, **kw)

    monkeypatch.setattr(packet, "render_application", render_application)


def test_debug_batch_puts_the_traceback_in_the_manifest_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _broken(monkeypatch)
    out = tmp_path / "out"
    r = run("--debug", "batch", str(PHYSICIAN), str(ENGLISH), "-o", str(out), "-j", "1", "--json")
    assert r.exit_code == 1
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["status"] for x in lines] == ["error", "ok"]
    error = f"{PHYSICIAN}: internal error: ZeroDivisionError: division by zero"
    assert r.stderr.splitlines()[0] == error
    manifest = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
    assert manifest[0]["error"] == error
    trace = manifest[0]["traceback"]
    assert trace.startswith("Traceback") and "ZeroDivisionError: division by zero" in trace
    assert lines[0]["traceback"] == trace and "traceback" not in manifest[1]

    plain = run("batch", str(PHYSICIAN), "-o", str(tmp_path / "plain"), "-j", "1")
    assert plain.exit_code == 1 and "Traceback" not in plain.stderr
    row = json.loads((tmp_path / "plain" / "manifest.jsonl").read_text())
    assert "traceback" not in row


def test_verbose_logs_what_is_done_to_stderr_without_personal_data(tmp_path: Path) -> None:
    quiet = run("batch", str(PHYSICIAN), "-o", str(tmp_path / "q"), "-j", "1", "--json")
    assert "resumegen: info:" not in quiet.stderr

    r = run("-v", "batch", str(PHYSICIAN), "-o", str(tmp_path / "v"), "-j", "1", "--json")
    assert r.exit_code == 0
    json.loads(r.stdout)  # stdout stays one JSON object a packet
    logged = [line for line in r.stderr.splitlines() if line.startswith("resumegen: info: ")]
    assert "resumegen: info: resumegen.batch.sources: collected 1 jobs" in "\n".join(logged)
    assert not [line for line in r.stderr.splitlines() if line.startswith("resumegen: debug: ")]

    rr = run("-vv", "batch", str(PHYSICIAN), "-o", str(tmp_path / "vv"), "-j", "1", "--json")
    assert rr.exit_code == 0
    debug = [line for line in rr.stderr.splitlines() if line.startswith("resumegen: debug: ")]
    assert any("resumegen.batch.plan: job 0 planned" in line for line in debug)
    for text in (r.stderr, rr.stderr):
        assert "平田" not in text and "健一" not in text


def test_after_ctrl_c_json_lists_every_packet_the_manifest_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resumegen.batch import packets

    real = packets.write_files
    calls: list[Path] = []

    def write_files(folder: Path, files: Any, **kw: Any) -> list[Path]:
        written = real(folder, files, **kw)
        calls.append(folder)
        if len(calls) == 2:  # Ctrl-C while the second packet is written: it is kept
            os.kill(os.getpid(), signal.SIGINT)
        return written

    monkeypatch.setattr(packets, "write_files", write_files)
    recs = tmp_path / "recs"
    recs.mkdir()
    for i in range(3):
        (recs / f"{i}.yaml").write_bytes(PHYSICIAN.read_bytes())
    out = tmp_path / "out"
    r = run("batch", str(recs), "-o", str(out), "-j", "1", "--json")
    assert r.exit_code == 130
    printed = [json.loads(line)["source"] for line in r.stdout.splitlines()]
    listed = [json.loads(x)["source"] for x in (out / "manifest.jsonl").read_text().splitlines()]
    assert printed == listed == [str(recs / "0.yaml"), str(recs / "1.yaml")]
