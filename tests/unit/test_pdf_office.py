"""The cached LibreOffice profile, the warm Office, and what render --pdf says."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from resumegen import console
from resumegen.cli import cli
from resumegen.errors import ConversionError
from resumegen.render import profile as profiles
from resumegen.render.office import Office
from resumegen.render.pdf import FONTS_CONF, PdfError, convert_to_pdf, find_soffice
from resumegen.render.profile import claim, profile_key
from tests.processes import alive

ROOT = Path(__file__).resolve().parents[2]
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own cache folder, so cached profiles never meet."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("RESUMEGEN_CACHE_DIR", str(folder))
    return folder


def _fake(tmp_path: Path, body: str, name: str = "soffice") -> str:
    """A fake soffice (Python); it logs each run's arguments to $FAKE_LOG."""
    path = tmp_path / "bin" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        f"#!{sys.executable}\nimport os, pathlib, sys\nargs = sys.argv[1:]\n"
        'with open(os.environ["FAKE_LOG"], "a") as log:\n'
        '    log.write(" ".join(args) + "\\n")\n' + body,
        encoding="utf-8",
    )
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


# Converts; cannot stay running as a server; fails while the profile holds `damaged`.
_CONVERT = """
if "--convert-to" not in args:
    sys.exit("fake: no server")
profile = pathlib.Path(next(a for a in args if a.startswith("-env:")).split("file://", 1)[1])
if (profile / "damaged").exists():
    sys.exit("fake: damaged profile")
(profile / "used").write_text("x")
out = pathlib.Path(args[args.index("--outdir") + 1])
for a in args:
    if a.endswith(".docx"):
        (out / (pathlib.Path(a).stem + ".pdf")).write_bytes(b"%PDF-fake")
"""


def _exe() -> str:
    """An executable to key profiles by (this Python; nothing is run)."""
    return os.path.realpath(sys.executable)


@pytest.fixture
def fake_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    log = tmp_path / "fake.log"
    log.write_text("")
    monkeypatch.setenv("FAKE_LOG", str(log))
    return log


# ------------------------------------------------------------------ the cached profile


def test_the_key_changes_with_fonts_conf_and_with_libreoffice(tmp_path: Path) -> None:
    program = tmp_path / "program"
    program.mkdir()
    exe = program / "soffice"
    exe.write_text("#!/bin/sh\n")
    (program / "versionrc").write_text("buildid=1\n")
    fonts = tmp_path / "fonts.conf"
    fonts.write_bytes(FONTS_CONF.read_bytes())
    key = profile_key(str(exe), fonts)
    assert profile_key(str(exe), fonts) == key
    fonts.write_bytes(FONTS_CONF.read_bytes() + b"<!-- another alias -->")
    assert profile_key(str(exe), fonts) != key
    fonts.write_bytes(FONTS_CONF.read_bytes())
    (program / "versionrc").write_text("buildid=2\n")
    assert profile_key(str(exe), fonts) != key


def test_a_profile_is_kept_private_in_the_cache(tmp_path: Path, _own_cache: Path) -> None:
    exe = _exe()
    with claim(exe, FONTS_CONF) as first:
        assert first.cached
        assert first.path.parent == _own_cache / "libreoffice"
        assert stat.S_IMODE(first.path.stat().st_mode) == 0o700
        assert stat.S_IMODE(first.path.parent.stat().st_mode) == 0o700
        (first.path / "kept").write_text("x")
    with claim(exe, FONTS_CONF) as again:
        assert again.path == first.path and (again.path / "kept").exists()


def test_a_taken_profile_is_not_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    exe = _exe()
    with claim(exe, FONTS_CONF) as first, claim(exe, FONTS_CONF) as second:
        assert first.cached and second.cached and first.path != second.path
    monkeypatch.setattr(profiles, "PROFILE_SLOTS", 1)
    with claim(exe, FONTS_CONF) as first, claim(exe, FONTS_CONF) as second:
        assert first.cached and not second.cached
        temporary = second.path
        assert temporary.is_dir()
    assert not temporary.exists()  # a temporary profile is removed


def test_a_profile_held_by_another_process_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profiles, "PROFILE_SLOTS", 1)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom resumegen.render import profile\nprofile.PROFILE_SLOTS = 1\n"
            "p = profile.claim(sys.argv[1], profile.Path(sys.argv[2]))\n"
            "print(p.cached, flush=True)\nsys.stdin.read()\n",
            _exe(),
            str(FONTS_CONF),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        with claim(_exe(), FONTS_CONF) as mine:
            assert not mine.cached
    finally:
        holder.communicate("")
    with claim(_exe(), FONTS_CONF) as mine:
        assert mine.cached


def test_profiles_of_another_libreoffice_are_removed_unless_in_use(
    tmp_path: Path, _own_cache: Path
) -> None:
    folder = _own_cache / "libreoffice"
    folder.mkdir(parents=True, mode=0o700)
    for old in ("0123456789abcdef-0", "fedcba9876543210-0"):
        (folder / old).mkdir(mode=0o700)
        (folder / old / "registrymodifications.xcu").write_text("x")
        (folder / f"{old}.lock").write_text("")
    held = profiles._lock(folder / "fedcba9876543210-0.lock")  # in use elsewhere
    assert held is not None
    try:
        with claim(_exe(), FONTS_CONF) as profile:
            assert profile.cached
    finally:
        profiles._unlock(held)
    assert not (folder / "0123456789abcdef-0").exists()
    assert (folder / "fedcba9876543210-0" / "registrymodifications.xcu").exists()


def test_a_linked_cache_folder_is_not_followed(tmp_path: Path, _own_cache: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    _own_cache.mkdir(mode=0o700)
    (_own_cache / "libreoffice").symlink_to(elsewhere)
    with claim(_exe(), FONTS_CONF) as profile:
        assert not profile.cached
    assert list(elsewhere.iterdir()) == []


def test_a_damaged_profile_is_made_anew(tmp_path: Path, fake_log: Path) -> None:
    exe = _fake(tmp_path, _CONVERT)
    assert convert_to_pdf({"a.docx": b"A"}, soffice=exe) == {"a.pdf": b"%PDF-fake"}
    with claim(exe, FONTS_CONF) as profile:
        assert (profile.path / "used").exists()  # the same profile next time
        (profile.path / "damaged").write_text("x")
    assert convert_to_pdf({"a.docx": b"A"}, soffice=exe) == {"a.pdf": b"%PDF-fake"}
    assert len(fake_log.read_text().splitlines()) == 3  # one failed run, then a fresh profile


def test_a_profile_that_fails_again_is_not_made_anew_twice(tmp_path: Path, fake_log: Path) -> None:
    exe = _fake(tmp_path, 'sys.exit("Error: source file could not be loaded")')
    with pytest.raises(PdfError, match="could not be loaded"):
        convert_to_pdf({"a.docx": b"A"}, soffice=exe)
    assert len(fake_log.read_text().splitlines()) == 2


# ------------------------------------------------------------------ the warm Office


def test_an_office_that_cannot_stay_running_converts_one_run_a_call(
    tmp_path: Path, fake_log: Path
) -> None:
    exe = _fake(tmp_path, _CONVERT)
    with Office(exe) as office:
        assert office.convert({"a.docx": b"A"}) == {"a.pdf": b"%PDF-fake"}
        assert office.convert({"b.docx": b"B"}) == {"b.pdf": b"%PDF-fake"}
        assert office.pid is None
    runs = fake_log.read_text().splitlines()
    assert sum("--convert-to" in r for r in runs) == 2
    with pytest.raises(ConversionError, match="closed"):
        office.convert({"a.docx": b"A"})


def test_an_office_without_libreoffice_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from resumegen.render import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with Office() as office, pytest.raises(ConversionError, match="needs LibreOffice"):
        office.convert({"a.docx": b"A"})
    assert office.convert({}) == {}


def _processes_on(profile_uri: str) -> list[int]:
    """Running processes whose command line names this profile."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if profile_uri in cmdline and alive(int(entry.name)):
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def docx() -> dict[str, bytes]:
    from resumegen.packet import render_document
    from resumegen.record.validate import load_record

    record = load_record(ROOT / "samples" / "clinical-specialist-en.yaml")
    return {"resume.docx": render_document(record, "resume")}


def _pages(data: bytes, tmp_path: Path) -> int:
    assert data.startswith(b"%PDF-")
    path = tmp_path / "read.pdf"
    path.write_bytes(data)
    try:
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    except FileNotFoundError:
        return data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    return int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])


@pytest.fixture
def office() -> Iterator[Office]:
    with Office() as held:
        yield held


@needs_soffice
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_an_office_converts_with_one_libreoffice_and_stops_it(
    office: Office, docx: dict[str, bytes], tmp_path: Path
) -> None:
    first = office.convert(docx)
    pid = office.pid
    assert pid is not None and alive(pid)
    second = office.convert(docx)
    assert office.pid == pid  # the same LibreOffice
    assert set(first) == set(second) == {"resume.pdf"}
    assert _pages(first["resume.pdf"], tmp_path) >= 1
    assert _pages(second["resume.pdf"], tmp_path) == _pages(first["resume.pdf"], tmp_path)
    profile = office._profile
    assert profile is not None and profile.cached
    uri = profile.uri
    assert _processes_on(uri)
    assert office._server is not None
    folder = office._server.folder
    assert (folder / "keep.txt").is_file()
    office.close()
    assert not alive(pid)
    assert _processes_on(uri) == []
    assert not folder.exists()


@needs_soffice
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_an_office_starts_libreoffice_again_after_it_died(
    office: Office, docx: dict[str, bytes]
) -> None:
    office.convert(docx)
    pid = office.pid
    assert pid is not None
    os.kill(pid, 9)
    assert set(office.convert(docx)) == {"resume.pdf"}  # straight after: still converted
    for _ in range(600):  # its watchdog notices within moments (bounded wait, not a timing)
        if office.pid != pid:
            break
        time.sleep(0.05)
    assert set(office.convert(docx)) == {"resume.pdf"}
    assert office.pid not in (None, pid), office.pid


@needs_soffice
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_libreoffice_stops_when_its_process_dies_without_closing(tmp_path: Path) -> None:
    script = (
        "import os, sys\nfrom resumegen.render.office import Office\n"
        "office = Office()\noffice.convert({'a.docx': open(sys.argv[1], 'rb').read()})\n"
        "print(office.pid, office._profile.uri, flush=True)\nos._exit(0)\n"
    )
    from resumegen.batch.pdf import _probe_docx

    (tmp_path / "a.docx").write_bytes(_probe_docx())
    proc = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "a.docx")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    pid_text, uri = proc.stdout.split()
    for _ in range(600):  # the watchdog stops it within seconds
        if not alive(int(pid_text)):
            break
        time.sleep(0.05)
    assert not alive(int(pid_text))
    assert _processes_on(uri) == []


# ------------------------------------------------------------------ render --pdf says so


_RENDER_FAKE = """
if "--convert-to" not in args:
    sys.exit(1)
out = pathlib.Path(args[args.index("--outdir") + 1])
for a in args:
    if a.endswith(".docx"):
        (out / (pathlib.Path(a).stem + ".pdf")).write_bytes(b"%PDF-fake")
"""


@pytest.mark.parametrize(
    ("terminal", "json", "said"), [(True, False, True), (False, False, False), (True, True, False)]
)
def test_render_pdf_says_it_converts_only_on_a_terminal(
    tmp_path: Path,
    fake_log: Path,
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
    json: bool,
    said: bool,
) -> None:
    exe = _fake(tmp_path, _RENDER_FAKE)
    monkeypatch.setenv("PATH", f"{Path(exe).parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(console, "is_terminal", lambda stream=None: terminal)
    args = ["render", str(ROOT / "samples" / "physician-ja.yaml"), "--pdf", "-o", str(tmp_path)]
    result = CliRunner().invoke(cli, [*args, "--json"] if json else args)
    assert result.exit_code == 0, result.output
    message = "Converting 3 documents to PDF with LibreOffice… (`resumegen office start` keeps one"
    assert (message in result.stderr) is said
    assert len(list(tmp_path.glob("*.pdf"))) == 3
