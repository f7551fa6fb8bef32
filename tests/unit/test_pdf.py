"""PDF conversion: one soffice run for all files, clear errors, a real run when installed."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from resumegen.errors import ConversionError
from resumegen.render import pdf
from resumegen.render.pdf import FONTS_CONF, MISSING, PdfError, convert_to_pdf, find_soffice

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
    with pytest.raises(ConversionError, match="install libreoffice-writer"):
        convert_to_pdf({"a.docx": b"A"}, soffice="/nonexistent/soffice")
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(ConversionError) as info:
        convert_to_pdf({"a.docx": b"A"})
    assert info.value.message == MISSING


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


def _aliases() -> dict[str, list[str]]:
    tree = ET.parse(FONTS_CONF)
    out = {}
    for alias in tree.getroot().iter("alias"):
        family = alias.findtext("family")
        assert family, "an alias without a family"
        out[family] = [f.text or "" for f in alias.iterfind("prefer/family")]
    return out


def test_fonts_conf_is_a_file_of_the_package_and_maps_japanese_faces() -> None:
    assert FONTS_CONF.parent == Path(pdf.__file__).parent and FONTS_CONF.name == "fonts.conf"
    aliases = _aliases()
    for face in ("游明朝", "Yu Mincho", "ＭＳ 明朝", "MS 明朝", "MS Mincho"):
        assert aliases[face][0] == "IPAexMincho", face
    for face in ("游ゴシック", "Yu Gothic", "ＭＳ ゴシック", "MS ゴシック", "MS Gothic"):
        assert aliases[face][0] == "IPAexGothic", face
    text = FONTS_CONF.read_text(encoding="utf-8")
    assert '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' in text


def test_soffice_gets_the_shipped_fonts_conf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "log"
    monkeypatch.setenv("FAKE_LOG", str(log))
    convert_to_pdf({"a.docx": b"A"}, soffice=_script(tmp_path, _CONVERT))
    assert log.read_text().splitlines()[1] == str(FONTS_CONF)


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig tools are not installed")
def test_fontconfig_resolves_the_faces_with_our_file() -> None:
    installed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    if "IPAexMincho" not in installed or "IPAexGothic" not in installed:
        pytest.skip("IPAex fonts are not installed")
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    for face, want in (("游明朝", "IPAexMincho"), ("MS ゴシック", "IPAexGothic")):
        got = subprocess.run(
            ["fc-match", "-f", "%{family}", face], capture_output=True, text=True, env=env
        ).stdout
        assert want in got, (face, got)


# ---------------------------------------------------------------- real PDFs of the samples

needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")

# Faces fontconfig falls back to when a Japanese face is not mapped: Chinese ones.
_CHINESE = ("WenQuanYi", "AR PL", "UMing", "UKai", "Droid Sans Fallback", "SimSun", "MingLiU")


def _poppler(tool: str, *args: str) -> str:
    """Run a poppler-utils tool; they come with LibreOffice in CI (.ci/run)."""
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: install poppler-utils next to LibreOffice", pytrace=False)
    proc = subprocess.run([tool, *args], capture_output=True, check=True)
    return proc.stdout.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every default document of every sample, and the 職務経歴書 of each target, in one run."""
    from resumegen.packet import default_docs, render_document
    from resumegen.record.validate import load_record

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    files = {}
    for path in sorted((ROOT / "samples").glob("*.yaml")):
        record = load_record(path)
        for doc in default_docs(record):
            files[f"{path.stem}_{doc}.docx"] = render_document(record, doc)
        if "shokumu" in default_docs(record):
            for t in record.targets:
                files[f"{path.stem}_shokumu@{t.id}.docx"] = render_document(
                    record, "shokumu", target=t
                )
    out = convert_to_pdf(files)
    assert set(out) == {n[: -len(".docx")] + ".pdf" for n in files}
    folder = tmp_path_factory.mktemp("pdf")
    paths = {}
    for name, data in out.items():
        assert data.startswith(b"%PDF"), name
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


def _fonts(pdf_file: Path) -> list[str]:
    """The embedded font names, without the subset prefix (``BAAAAA+``)."""
    listing = _poppler("pdffonts", str(pdf_file))
    names = [line.split()[0] for line in listing.splitlines()[2:] if line.strip()]
    return [n.split("+", 1)[-1] for n in names]


def _chinese(font: str) -> bool:
    return any(c in font for c in _CHINESE) or font.endswith(("SC", "TC", "-SC", "-TC", "HK"))


def _text(pdf_file: Path) -> str:
    return _poppler("pdftotext", "-enc", "UTF-8", str(pdf_file), "-")


@needs_soffice
def test_japanese_pdfs_embed_ipaex_and_no_chinese_fallback(sample_pdfs: dict[str, Path]) -> None:
    for name, pdf_file in sample_pdfs.items():
        fonts = _fonts(pdf_file)
        assert fonts, name
        assert not [f for f in fonts if _chinese(f)], (name, fonts)
        if "-ja_" in name:
            assert any(f.startswith(("IPAexMincho", "IPAexGothic")) for f in fonts), (name, fonts)


@needs_soffice
def test_shokumu_pdf_keeps_mincho_body_and_gothic_headings(sample_pdfs: dict[str, Path]) -> None:
    fonts = _fonts(sample_pdfs["physician-ja_shokumu.pdf"])
    assert any("IPAexMincho" in f for f in fonts) and any("IPAexGothic" in f for f in fonts)


@needs_soffice
def test_pdf_text_has_the_title_name_and_figures(sample_pdfs: dict[str, Path]) -> None:
    text = "".join(_text(sample_pdfs["physician-ja_shokumu.pdf"]).split())
    for expected in ("職務経歴書", "平田健一", "18%", "以上"):
        assert expected in text, expected
    rirekisho = "".join(_text(sample_pdfs["physician-ja_rirekisho.pdf"]).split())
    for expected in ("平田健一", "現在に至る", "以上"):
        assert expected in rirekisho, expected
    resume = _text(sample_pdfs["clinical-specialist-en_resume.pdf"])
    assert "Daniel Okafor" in resume


def _pages(pdf_file: Path) -> list[tuple[float, float]]:
    info = _poppler("pdfinfo", "-f", "1", "-l", "999", str(pdf_file))
    sizes = []
    for line in info.splitlines():
        if line.startswith("Page") and "size:" in line:
            w, _, h = line.split("size:")[1].split()[:3]
            sizes.append((float(w), float(h)))
    return sizes


@needs_soffice
def test_pages_are_a4_and_the_shokumu_fits_two(sample_pdfs: dict[str, Path]) -> None:
    for name, pdf_file in sample_pdfs.items():
        pages = _pages(pdf_file)
        assert pages, name
        for w, h in pages:
            assert abs(w - 595.3) < 1 and abs(h - 841.9) < 1, (name, w, h)
        if "_shokumu" in name:
            assert len(pages) <= 2, f"{name}: {len(pages)} pages"


def test_fonts_conf_maps_the_english_faces_to_metric_compatible_ones() -> None:
    aliases = _aliases()
    assert aliases["Calibri"][0] == "Carlito"
    assert aliases["Cambria"][0] == "Caladea"


@needs_soffice
def test_english_pdfs_embed_carlito_for_calibri(sample_pdfs: dict[str, Path]) -> None:
    installed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    if "Carlito" not in installed:
        pytest.skip("Carlito is not installed (fonts-crosextra-carlito)")
    for name in ("clinical-specialist-en_resume.pdf", "clinical-specialist-en_interview.pdf"):
        fonts = _fonts(sample_pdfs[name])
        assert any(f.startswith("Carlito") for f in fonts), (name, fonts)
        assert not any(f.startswith("LiberationSans") for f in fonts), (name, fonts)


@needs_soffice
def test_a_long_figure_line_wraps_before_the_number(tmp_path: Path) -> None:
    """LibreOffice breaks the line before 3.2日, 18.5% or USD 4,500, never inside them.

    (One place is left to LibreOffice: a counter that would end the line right
    before 、 or 。 is moved down with it, whatever joins it to its number.)
    """
    import dataclasses

    from resumegen.packet import render_document
    from resumegen.record.validate import load_record

    figures = "平均在院日数は3.2日、再入院率は18.5%、予算はUSD 4,500、期間は6か月。"
    # Each line one character longer, so that every figure meets the margin somewhere.
    lines = ["あ" * k + figures for k in range(40)]
    record = load_record(ROOT / "samples" / "physician-ja.yaml")
    record = dataclasses.replace(record, summary="\n".join(lines))
    pdf_file = tmp_path / "shokumu.pdf"
    pdf_file.write_bytes(
        convert_to_pdf({"shokumu.docx": render_document(record, "shokumu")})["shokumu.pdf"]
    )
    text = _text(pdf_file)
    assert "\u202f" not in text and "\u2060" not in text  # copy and search see plain text
    # pdftotext may print a space where a Latin run meets a Japanese one
    printed = [re.sub(r"(?<=[0-9]) (?=[日か])", "", line) for line in text.splitlines()]
    for figure in ("18.5%", "USD 4,500"):
        assert sum(line.count(figure) for line in printed) == len(lines), figure
    for figure in ("3.2日", "6か"):
        assert sum(line.count(figure) for line in printed) >= len(lines) - 1, figure
