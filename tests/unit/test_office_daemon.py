"""`resumegen office`: the background LibreOffice that one-shot PDFs use while it runs."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from resumegen import console
from resumegen.cli import cli
from resumegen.errors import ConversionError
from resumegen.packet import to_pdf
from resumegen.render import daemon
from resumegen.render.pdf import convert_to_pdf, find_soffice
from tests.processes import alive

ROOT = Path(__file__).resolve().parents[2]
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
needs_proc = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own cache folder: its own server, never the user's."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("RESUMEGEN_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def server() -> Iterator[daemon.OfficeStatus]:
    running, started = daemon.start(idle_s=600)
    assert started
    try:
        yield running
    finally:
        daemon.stop()


def _until(done: Callable[[], bool]) -> bool:
    """Whether *done* came true within a generous bound (a wait, not a timing)."""
    for _ in range(1200):
        if done():
            return True
        time.sleep(0.05)
    return done()


def _resume() -> dict[str, bytes]:
    from resumegen.packet import render_document
    from resumegen.record.validate import load_record

    record = load_record(ROOT / "samples" / "clinical-specialist-en.yaml")
    return {"resume.docx": render_document(record, "resume")}


# ------------------------------------------------------------------ without LibreOffice


def test_no_server_means_no_status_and_nothing_to_stop(_own_cache: Path) -> None:
    assert daemon.status() is None
    assert daemon.stop() is None
    assert daemon.convert({"a.docx": b"A"}) is None
    assert not (_own_cache / "office").exists()  # asking writes nothing
    result = CliRunner().invoke(cli, ["office", "status", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == {"running": False}
    result = CliRunner().invoke(cli, ["office", "stop"])
    assert result.exit_code == 0 and "not running" in result.stderr


def _state(folder: Path, **fields: object) -> None:
    folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    state = {
        "format": 1,
        "pid": os.getpid(),
        "soffice_pid": os.getpid(),
        "soffice": "/usr/bin/soffice",
        "key": "0",
        "profile": str(folder / "profile"),
        "since": 0.0,
        "idle_s": 60.0,
    }
    (folder / "state.json").write_text(json.dumps({**state, **fields}))


def test_a_stale_state_is_removed(_own_cache: Path) -> None:
    _own_cache.mkdir(mode=0o700)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    _state(_own_cache / "office", pid=int(dead.stdout), soffice_pid=int(dead.stdout))
    (_own_cache / "office" / "uses").write_bytes(b"...")
    assert daemon.status() is None
    assert not (_own_cache / "office" / "state.json").exists()
    assert not (_own_cache / "office" / "uses").exists()


def test_a_state_naming_processes_that_are_no_server_is_not_used(_own_cache: Path) -> None:
    _own_cache.mkdir(mode=0o700)
    folder = _own_cache / "office"
    _state(folder)  # this test's own pid: alive, ours, but no server and no LibreOffice
    fd = os.open(folder / "server.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as if a server held it
        assert daemon.status() is None
        assert daemon.stop() is None
        assert daemon.convert({"a.docx": b"A"}, soffice=sys.executable) is None
        assert (folder / "state.json").exists()  # a held lock: not ours to remove
    finally:
        os.close(fd)


def test_a_libreoffice_that_cannot_stay_running_is_an_error(tmp_path: Path) -> None:
    fake = tmp_path / "soffice"
    fake.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('fake: no server')\n")
    fake.chmod(0o755)
    with pytest.raises(ConversionError, match="could not be kept running"):
        daemon.start(idle_s=60, soffice=str(fake))
    assert daemon.status() is None


def test_an_idle_timeout_must_be_positive() -> None:
    result = CliRunner().invoke(cli, ["office", "start", "--idle", "0"])
    assert result.exit_code == 2


# ------------------------------------------------------------------ with LibreOffice


@needs_soffice
@needs_proc
def test_start_status_stop(_own_cache: Path) -> None:
    runner = CliRunner()
    started = runner.invoke(cli, ["office", "start", "--idle", "10", "--json"])
    assert started.exit_code == 0, started.output
    said = json.loads(started.stdout)
    try:
        assert said["started"] and said["running"] and said["idle_timeout_s"] == 600
        assert alive(said["pid"]) and alive(said["libreoffice_pid"])
        assert Path(said["profile"]).parent == _own_cache / "libreoffice"
        again = runner.invoke(cli, ["office", "start"])
        assert again.exit_code == 0 and "already running" in again.stderr
        status = runner.invoke(cli, ["office", "status", "--json"])
        assert json.loads(status.stdout)["pid"] == said["pid"]
        assert json.loads(status.stdout)["conversions"] == 0
        assert "running (pid" in runner.invoke(cli, ["office", "status"]).stdout
    finally:
        stopped = runner.invoke(cli, ["office", "stop"])
    assert stopped.exit_code == 0 and f"stopped (pid {said['pid']})" in stopped.stderr
    assert _until(lambda: not alive(said["pid"]) and not alive(said["libreoffice_pid"]))
    assert sorted(p.name for p in (_own_cache / "office").iterdir()) == [
        "server.lock",
        "turn.lock",
    ]
    assert daemon.status() is None


@needs_soffice
@needs_proc
def test_the_server_stops_itself_when_idle(_own_cache: Path) -> None:
    running, _ = daemon.start(idle_s=0.5)
    try:
        assert _until(lambda: daemon.status() is None)
        assert _until(lambda: not alive(running.pid))
        assert not alive(running.soffice_pid)
        assert not (_own_cache / "office" / "state.json").exists()
    finally:
        daemon.stop()


@needs_soffice
@needs_proc
@pytest.mark.parametrize("terminal", [True, False])
def test_render_pdf_uses_the_running_server(
    server: daemon.OfficeStatus,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
) -> None:
    monkeypatch.setattr(console, "is_terminal", lambda stream=None: terminal)
    sample = str(ROOT / "samples" / "clinical-specialist-en.yaml")
    args = ["render", sample, "--doc", "resume", "--pdf", "-o", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert [p.suffix for p in sorted((tmp_path / "out").iterdir())] == [".docx", ".pdf"]
    running = daemon.status()
    assert running is not None and running.conversions == 1 and running.pid == server.pid
    notice = "Converting 1 document to PDF with the running LibreOffice (resumegen office)…"
    assert (notice in result.stderr) is terminal


@needs_soffice
@needs_proc
def test_two_renders_at_once_each_get_their_own_pdf(
    server: daemon.OfficeStatus, tmp_path: Path
) -> None:
    runs = {
        "Daniel Okafor": ("clinical-specialist-en.yaml", "resume"),
        "平田": ("physician-ja.yaml", "shokumu"),
    }
    render = [sys.executable, "-m", "resumegen", "render"]
    procs = {
        name: subprocess.Popen(
            [
                *render,
                str(ROOT / "samples" / sample),
                "--doc",
                doc,
                "--pdf",
                "-o",
                str(tmp_path / doc),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name, (sample, doc) in runs.items()
    }
    for proc in procs.values():
        _, errors = proc.communicate(timeout=300)
        assert proc.returncode == 0, errors
    running = daemon.status()
    assert running is not None and running.conversions == 2
    for name, (_, doc) in runs.items():
        (pdf,) = (tmp_path / doc).glob("*.pdf")
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
            ).stdout.decode("utf-8")
            assert name in text.replace(" ", "").replace("\u3000", "") or name in text
        else:
            assert pdf.read_bytes().startswith(b"%PDF-")


@needs_soffice
@needs_proc
def test_a_conversion_falls_back_when_the_server_died(
    server: daemon.OfficeStatus, _own_cache: Path
) -> None:
    os.kill(server.soffice_pid, 9)
    assert set(to_pdf(_resume())) == {"resume.pdf"}  # converted all the same
    assert _until(lambda: daemon.status() is None)  # the server noticed and stopped
    assert _until(lambda: not alive(server.pid))
    assert set(to_pdf(_resume())) == {"resume.pdf"}


@needs_soffice
@needs_proc
def test_a_batch_hands_its_pdfs_to_the_running_server(
    server: daemon.OfficeStatus, tmp_path: Path
) -> None:
    sample = str(ROOT / "samples" / "clinical-specialist-en.yaml")
    result = CliRunner().invoke(
        cli, ["batch", sample, "--doc", "resume", "--pdf", "-j", "1", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.rglob("*.pdf"))) == 1
    running = daemon.status()
    assert running is not None and running.conversions == 1


# A fake LibreOffice: as a server it opens its document (the lock file LibreOffice
# makes) and marks its profile; a conversion on a marked profile hangs, else converts.
_HANGING = """#!{python}
import pathlib, sys, time
args = sys.argv[1:]
profile = pathlib.Path(next(a for a in args if a.startswith("-env:")).split("file://", 1)[1])
if "--convert-to" not in args:
    keep = pathlib.Path(args[-1])
    (profile / "server").write_text("x")
    (keep.parent / (".~lock." + keep.name + "#")).write_text("x")
    while True:
        time.sleep(1)
if (profile / "server").exists():
    while True:
        time.sleep(1)
out = pathlib.Path(args[args.index("--outdir") + 1])
for a in args:
    if a.endswith(".docx"):
        (out / (pathlib.Path(a).stem + ".pdf")).write_bytes(b"%PDF-fake")
"""


@needs_proc
def test_a_server_that_does_not_answer_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resumegen.render import pdf

    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(_HANGING.format(python=sys.executable))
    fake.chmod(0o755)
    running, _ = daemon.start(idle_s=600, soffice=str(fake))
    try:
        monkeypatch.setattr(pdf, "TIMEOUT_S", 1.0)  # the limit of a hung conversion
        assert daemon.convert({"a.docx": b"A"}, soffice=str(fake)) is None  # so: one's own
        assert convert_to_pdf({"a.docx": b"A"}, soffice=str(fake)) == {"a.pdf": b"%PDF-fake"}
        assert _until(lambda: daemon.status() is None)  # the hung server was stopped
        assert _until(lambda: not alive(running.pid) and not alive(running.soffice_pid))
    finally:
        daemon.stop()


@needs_soffice
@needs_proc
def test_two_starts_at_once_make_one_server() -> None:
    from concurrent.futures import ThreadPoolExecutor

    try:
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda _: daemon.start(idle_s=600), range(2)))
        assert sorted(started for _, started in results) == [False, True]
        assert results[0][0].pid == results[1][0].pid
    finally:
        daemon.stop()


def test_a_state_with_fields_missing_is_no_server(_own_cache: Path) -> None:
    _own_cache.mkdir(mode=0o700)
    _state(_own_cache / "office", since="yesterday")
    assert daemon.status() is None


def test_the_idle_time_is_checked_by_the_api() -> None:
    from resumegen.errors import ArgumentError

    with pytest.raises(ArgumentError, match="idle time") as err:
        daemon.start(idle_s=0)
    assert err.value.param == "idle_s"
