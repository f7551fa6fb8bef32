"""Layout of the 職務経歴書, 履歴書 and résumé as a reader sees them.

Read back with python-docx: headings and position bars keep with what follows,
the résumé keeps its text width on both papers, a long title does not share a
line with its dates. Through LibreOffice (skipped without it): a long career
keeps the 履歴書 on two pages and never ends a 職務経歴書 page on a heading.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from resumegen.packet import render_document
from resumegen.record.model import Options, Record
from resumegen.record.validate import load_record
from resumegen.render.pdf import convert_to_pdf, find_soffice
from tests.docdata import as_read

ROOT = Path(__file__).resolve().parents[2]
LONG_JA = ROOT / "tests" / "fixtures" / "layout" / "long-career-ja.yaml"
LONG_EN = ROOT / "tests" / "fixtures" / "layout" / "long-titles-en.yaml"


def _open(data: bytes) -> Any:
    return docx.Document(io.BytesIO(as_read(data)))


def _document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


@pytest.fixture(scope="module")
def long_ja() -> Record:
    return load_record(LONG_JA)


@pytest.fixture(scope="module")
def long_en() -> Record:
    return load_record(LONG_EN)


def test_shokumu_blocks_keep_with_what_follows(long_ja: Record) -> None:
    facts = dataclasses.replace(long_ja, options=Options(shokumu_exit="facts"))
    document = _open(render_document(facts, "shokumu"))
    paragraphs = document.paragraphs
    bars = [p for p in paragraphs if "～" in p.text and "\t" in p.text]
    assert len(bars) == len(long_ja.work)
    assert all(p.paragraph_format.keep_with_next for p in bars)
    assert all(p.paragraph_format.keep_together for p in bars)
    labels = [p for p in paragraphs if p.text in ("【職務内容】", "【実績】", "【退職理由】")]
    assert {p.text for p in labels} == {"【職務内容】", "【実績】", "【退職理由】"}
    assert all(p.paragraph_format.keep_with_next for p in labels)
    for i, p in enumerate(paragraphs):  # the paragraph before a bar is its spacer
        if p in bars:
            assert paragraphs[i - 1].text == ""
            assert paragraphs[i - 1].paragraph_format.keep_with_next
    self_pr = paragraphs[-2]
    assert paragraphs[-1].text == "以上" and self_pr.paragraph_format.keep_with_next


def test_shokumu_has_widow_control_and_no_tables(long_ja: Record) -> None:
    data = render_document(long_ja, "shokumu")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    assert "<w:pPrDefault><w:pPr><w:widowControl/>" in styles
    assert "<w:tbl>" not in _document_xml(data)


def test_shokumu_licences_line_up_in_two_columns(long_ja: Record) -> None:
    texts = [p.text for p in _open(render_document(long_ja, "shokumu")).paragraphs]
    assert "1999年5月\t医師免許（医籍登録番号 第412345号）" in texts
    assert "2021年2月\t普通自動車第一種運転免許" in texts


def test_resume_text_width_is_the_same_on_both_papers(long_en: Record) -> None:
    for paper, width_mm in (("a4", 210.0), ("letter", 215.9)):
        section = _open(render_document(long_en, "resume", paper=paper)).sections[0]
        assert abs(section.page_width.mm - width_mm) < 0.2
        assert section.left_margin == section.right_margin
        text = section.page_width.mm - section.left_margin.mm - section.right_margin.mm
        assert abs(text - 174.0) < 0.1, paper


def test_resume_long_title_puts_its_dates_on_a_line_of_their_own(long_en: Record) -> None:
    document = _open(render_document(long_en, "resume"))
    texts = [p.text for p in document.paragraphs]
    title = "Attending Gastroenterologist and Director of the Endoscopy Quality Program"
    i = texts.index(title)
    assert texts[i + 1] == "Nov 2017 – Present"
    assert document.paragraphs[i + 1].alignment == 2  # right
    assert document.paragraphs[i].paragraph_format.keep_with_next
    assert "Staff Physician\tApr 2009 – Sep 2014" in texts
    assert texts[1].endswith("United States")  # the links get a line of their own
    assert texts[2] == (
        "https://orcid.org/0000-0002-1825-0097 · https://www.linkedin.com/in/example-whitfield"
    )


def test_resume_bullets_keep_the_users_claims(long_en: Record) -> None:
    texts = [p.text for p in _open(render_document(long_en, "resume")).paragraphs]
    for expected in (
        "Oversaw the endoscopy quality dashboard and monthly reviews",
        "Teaching fellows",  # kept as typed: `check` says it does not open with a verb
        "Adenoma detection: adenoma detection rate up 46% (28% → 41%); "
        "colonoscopies 2,400 procedures a year",
        "Research funding: grant funding US$450,000",
    ):
        assert expected in texts, expected
    assert not any(t.startswith(("Responsible", "Achieved")) for t in texts)
    xml = _document_xml(render_document(long_en, "resume"))
    for private in ("1982", "female", "birth"):
        assert private not in xml


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_long_career_keeps_the_rirekisho_on_two_pages_and_no_heading_alone(
    long_ja: Record,
) -> None:
    target = long_ja.target("sendai-gi")
    files = {
        "rirekisho.docx": render_document(long_ja, "rirekisho"),
        "rirekisho-target.docx": render_document(long_ja, "rirekisho", target=target),
        "shokumu.docx": render_document(long_ja, "shokumu"),
    }
    pdfs = convert_to_pdf(files)
    for name in ("rirekisho.pdf", "rirekisho-target.pdf"):
        assert _pages(pdfs[name]) == 2, name
    if shutil.which("pdftotext") is None:
        return
    shokumu = pdfs["shokumu.pdf"]
    heading = re.compile(
        r"(～|^【|^(職務要約|職務経歴|活かせる経験・知識・スキル|免許・資格|自己PR)$)"
    )
    pages = _pages(shokumu)
    assert pages >= 2
    for page in range(1, pages):
        lines = _page_lines(shokumu, page)
        assert not heading.search(lines[-1]), (page, lines[-1])


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def _page_lines(pdf: bytes, page: int) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    return [line for line in lines if not re.fullmatch(r"\d+ / \d+", line)]


FIFTEEN_JA = ROOT / "tests" / "fixtures" / "layout" / "fifteen-positions-ja.yaml"


def test_fifteen_positions_fit_the_two_page_form_by_summarising() -> None:
    """The row arithmetic: every line has room on the two pages; the middle is summarised."""
    from resumegen.documents import rirekisho as rk
    from resumegen.documents import rirekisho_form as rform
    from resumegen.enrich.application import enrich

    record = load_record(FIFTEEN_JA)
    app = enrich(record)
    form = rk.lay_out(app)
    assert form.page2.fits
    assert sum(rform.row_height(r) for r in form.page1) <= rform.PAGE1_MM + 0.01
    texts = [r["text"] for r in form.history]
    assert texts.count(rk.SUMMARY_LINE) == 1
    assert texts[-2:] == ["現在に至る", "以上"]
    assert "試験市立第1病院 内科 医員として入職" in texts  # the first position stays
    assert "試験市立第15病院 内科 医員として入職" in texts  # and the current one
    hidden = [p.organization for p in form.hidden]
    assert hidden and all(f"{name} 内科 医員として入職" not in texts for name in hidden)
    assert [r for r in form.page1 + form.page2.history if r["text"]] == [
        r for r in form.history if r["text"]
    ]
    (finding,) = [f for f in rk.form_findings(app) if f.path.startswith("work")]
    assert finding.severity == "info" and finding.path == "work[1]"
    assert str(len(hidden)) in finding.message and hidden[0] in finding.message
    # the 職務経歴書 keeps every position
    document = _open(render_document(record, "shokumu"))
    bars = [p for p in document.paragraphs if "～" in p.text and "\t" in p.text]
    assert len(bars) == 15


def test_fifteen_positions_rirekisho_reads_back_with_the_summary_line() -> None:
    record = load_record(FIFTEEN_JA)
    document = _open(render_document(record, "rirekisho"))
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "（詳細は職務経歴書に記載）" in cells
    assert "試験市立第2病院 内科 医員として入職" not in cells


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_fifteen_positions_rirekisho_is_two_pages_in_the_pdf() -> None:
    record = load_record(FIFTEEN_JA)
    files = {
        "general.docx": render_document(record, "rirekisho"),
        "target.docx": render_document(record, "rirekisho", target=record.target("next")),
    }
    pdfs = convert_to_pdf(files)
    assert _pages(pdfs["general.pdf"]) == 2
    assert _pages(pdfs["target.pdf"]) == 2
