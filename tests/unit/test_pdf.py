"""PDF conversion: one soffice run for all files, clear errors, a real run when installed."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from resumegen.errors import UsageError
from resumegen.render import pdf
from resumegen.render.pdf import MISSING, PdfError, convert_to_pdf, find_soffice

ROOT = Path(__file__).resolve().parents[2]


def _script(tmp_path: Path, body: str) -> str:
    """A fake soffice written in Python: it sees the same arguments as the real one."""
    path = tmp_path / "fake-soffice"
    path.write_text(
        f"#!{sys.executable}\nimport sys, os, pathlib, time\n{body}\n", encoding="utf-8"
    )
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


_CONVERT = """
args = sys.argv[1:]
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write(repr(args) + "\\n" + os.environ.get("FONTCONFIG_FILE", "") + "\\n")
out = pathlib.Path(args[args.index("--outdir") + 1])
for a in args:
    if a.endswith(".docx"):
        src = pathlib.Path(a)
        (out / (src.stem + ".pdf")).write_bytes(b"%PDF-fake " + src.read_bytes())
"""


def test_one_run_converts_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "log"
    monkeypatch.setenv("FAKE_LOG", str(log))
    exe = _script(tmp_path, _CONVERT)
    out = convert_to_pdf({"a.docx": b"A", "dir/../b.docx": b"B"}, soffice=exe)
    assert out == {"a.pdf": b"%PDF-fake A", "b.pdf": b"%PDF-fake B"}
    lines = log.read_text().splitlines()
    assert len(lines) == 2  # one invocation
    args = eval(lines[0])  # our own repr of a list of str
    assert args[:2] == ["--headless", "--norestore"]
    assert any(a.startswith("-env:UserInstallation=file://") for a in args)
    assert args[args.index("--convert-to") + 1] == "pdf"
    assert lines[1].endswith("fonts.conf")


def test_empty_input_needs_no_libreoffice() -> None:
    assert convert_to_pdf({}, soffice="/nonexistent/soffice") == {}


def test_missing_libreoffice_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UsageError, match="install libreoffice-writer"):
        convert_to_pdf({"a.docx": b"A"}, soffice="/nonexistent/soffice")
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(UsageError) as info:
        convert_to_pdf({"a.docx": b"A"})
    assert info.value.message == MISSING and info.value.option == "--pdf"


def test_failure_reports_soffice_stderr(tmp_path: Path) -> None:
    exe = _script(
        tmp_path, 'sys.stderr.write("Error: source file could not be loaded\\n"); sys.exit(1)'
    )
    with pytest.raises(PdfError, match="source file could not be loaded"):
        convert_to_pdf({"a.docx": b"A"}, soffice=exe)


def test_timeout_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "TIMEOUT_S", 0.5)
    exe = _script(tmp_path, "time.sleep(5)")
    with pytest.raises(PdfError, match="did not finish"):
        convert_to_pdf({"a.docx": b"A"}, soffice=exe)


def test_only_docx_names_are_accepted(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        convert_to_pdf({"notes.txt": b"x"}, soffice=_script(tmp_path, ""))


def test_find_soffice_searches_the_given_path(tmp_path: Path) -> None:
    exe = tmp_path / "soffice"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    assert find_soffice(str(tmp_path)) == str(exe)


def test_fonts_conf_maps_japanese_faces() -> None:
    conf = pdf._fonts_conf()
    assert "<family>游明朝</family><prefer><family>IPAexMincho</family>" in conf
    assert "<family>游ゴシック</family><prefer><family>IPAexGothic</family>" in conf


@pytest.mark.skipif(
    find_soffice() is None or shutil.which("fc-list") is None, reason="LibreOffice is not installed"
)
def test_real_conversion_embeds_japanese_fonts() -> None:
    from resumegen.record.validate import load_record
    from resumegen.render.docx import render_document

    record = load_record(ROOT / "samples" / "clinical-specialist-ja.yaml")
    out = convert_to_pdf({"shokumu.docx": render_document(record, "shokumu")})
    data = out["shokumu.pdf"]
    assert data.startswith(b"%PDF")
    fonts = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    if "IPAexMincho" in fonts and "IPAexGothic" in fonts:
        # 明朝 body and ゴシック headings each kept their own face.
        assert b"IPAexMincho" in data and b"IPAexGothic" in data
