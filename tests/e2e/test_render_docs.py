"""Render the samples through the registry and read the .docx back with python-docx."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from resumegen.documents import all_keys
from resumegen.errors import ArgumentError, RecordError, TemplateError
from resumegen.packet import context_for, default_docs, render_document
from resumegen.record.model import Record
from resumegen.record.validate import load_record
from resumegen.render.engine import clear_cache
from resumegen.render.pdf import convert_to_pdf, find_soffice
from tests.docdata import as_read

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _load(name: str) -> Record:
    return load_record(SAMPLES / f"{name}.yaml")


def _all_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(
            z.read(n).decode("utf-8")
            for n in z.namelist()
            if n.startswith("word/") and n.endswith(".xml")
        )


def _paragraphs(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(as_read(data)))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            out.extend(c.text for c in row.cells)
    return out


@pytest.mark.parametrize("name", ["physician-ja", "clinical-specialist-ja"])
def test_shokumu_renders_every_section(name: str) -> None:
    record = _load(name)
    data = render_document(record, "shokumu")
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert texts[0] == "職務経歴書"
    assert texts[1].endswith("日現在") and texts[2] == record.person.name
    for section in ("職務要約", "職務経歴", "活かせる経験・知識・スキル", "免許・資格", "自己PR"):
        assert section in texts
    assert texts[-1] == "以上"
    assert document.paragraphs[-1].alignment == 2  # right
    bars = [t for t in texts if "～" in t and "\t" in t]  # period <tab> organization
    assert any(b.split("\t")[0].endswith("～現在") for b in bars)
    assert cells == []  # every block is paragraphs, so headings keep with what follows
    for pos in record.work:
        assert any(b.endswith("\t" + pos.organization) for b in bars)
        for duty in pos.duties:
            assert duty in texts
        if pos.leaving_reason:
            assert pos.leaving_reason not in _all_xml(data)
    for skill in record.skills:
        assert skill in texts
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert section.header.paragraphs[0].text == record.person.name
    footer = _all_xml(data)
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert "{{" not in "".join(texts) and "{%" not in "".join(texts)


def test_shokumu_for_a_target_leads_with_its_emphasis() -> None:
    record = _load("physician-ja")
    data = render_document(record, "shokumu", target=record.target("saitama-er"))
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert any("貴院の救急科 部長として" in t for t in texts)
    order = [t for t in texts if t in {a.summary for a in record.work[1].achievements}]
    assert order[-1] == "多発外傷の手術と集中治療"


def test_shokumu_wareki() -> None:
    record = _load("physician-ja")
    record = dataclasses.replace(record, options=dataclasses.replace(record.options, era="wareki"))
    texts = _paragraphs(render_document(record, "shokumu"))
    assert "令和8年1月15日現在" in texts
    assert "平成21年4月～平成23年3月\t北東大学医学部附属病院" in texts


def test_record_text_is_printed_not_executed() -> None:
    record = dataclasses.replace(_load("physician-ja"), summary="{{ 7*7 }} & <b>{% if %}")
    texts = _paragraphs(render_document(record, "shokumu"))
    assert "{{ 7*7 }} & <b>{% if %}" in texts


def test_resume_renders_and_omits_personal_data() -> None:
    record = _load("clinical-specialist-en")
    data = render_document(record, "resume", target=record.target("msl-uk"))
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Daniel Okafor"
    assert texts[1].startswith("+44 7700 900123 · daniel.okafor@example.org")
    for section in ("Summary", "Experience", "Education", "Licences and Certifications", "Skills"):
        assert section in texts
    assert "Clinical Specialist\tJan 2018 – Present" in texts
    assert "BSc Biomedical Sciences, University of Leeds\t2015" in texts
    assert "Registered Clinical Physiologist\tFeb 2016" in texts
    assert not document.inline_shapes
    xml = _all_xml(data)
    assert record.work[0].leaving_reason not in xml
    section = document.sections[0]
    assert round(section.page_width.mm) == 210


def test_resume_letter_paper() -> None:
    record = _load("clinical-specialist-en")
    section = docx.Document(io.BytesIO(render_document(record, "resume", paper="letter"))).sections[
        0
    ]
    assert (
        abs(section.page_width.inches - 8.5) < 0.01 and abs(section.page_height.inches - 11) < 0.01
    )
    with pytest.raises(ArgumentError, match="paper"):
        render_document(record, "resume", paper="a3")


def test_documents_are_checked_against_the_language() -> None:
    en, ja = _load("clinical-specialist-en"), _load("physician-ja")
    with pytest.raises(
        ArgumentError, match="document `rirekisho` is not available for a `en` record"
    ):
        render_document(en, "rirekisho")
    # a Japanese record makes the English résumé only from its English companion (`en`)
    with pytest.raises(RecordError, match="English text from `en` maps") as missing:
        render_document(ja, "resume")
    assert missing.value.diagnostics[1].path == "person.en.name"
    with pytest.raises(ArgumentError, match="unknown document"):
        render_document(ja, "cover-letter")
    assert default_docs(ja) == ["shokumu", "rirekisho", "interview"]
    assert default_docs(en) == ["resume", "interview"]
    assert set(all_keys()) == {"shokumu", "rirekisho", "resume", "interview"}


def test_render_is_deterministic() -> None:
    record = _load("physician-ja")
    assert render_document(record, "shokumu") == render_document(record, "shokumu")


def test_context_for_is_what_the_template_gets() -> None:
    record = _load("physician-ja")
    ctx = context_for(record, "shokumu", today=date(2026, 1, 1))
    assert ctx["date_line"] == "2026年1月15日現在"
    assert ctx["positions"][0]["organization"] == "北東大学医学部附属病院"


def test_user_template_folder_wins(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tools.docxbuild import Document

    d = Document(lang="ja")
    d.add(d.p("カスタム {{ name }}"))
    (tmp_path / "ja").mkdir()
    (tmp_path / "ja" / "shokumu.docx").write_bytes(d.to_bytes())
    clear_cache()
    record = _load("physician-ja")
    texts = _paragraphs(render_document(record, "shokumu", template_dirs=[tmp_path]))
    assert texts == ["カスタム 平田 健一"]
    explicit = render_document(record, "shokumu", template=tmp_path / "ja" / "shokumu.docx")
    assert _paragraphs(explicit) == ["カスタム 平田 健一"]
    with pytest.raises(TemplateError, match="template not found"):
        render_document(record, "shokumu", template=tmp_path / "missing.docx")


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_samples_fit_two_a4_pages() -> None:
    files = {}
    for name in ("physician-ja", "clinical-specialist-ja"):
        record = _load(name)
        files[f"{name}.docx"] = render_document(record, "shokumu")
        for t in record.targets:
            files[f"{name}-{t.id}.docx"] = render_document(record, "shokumu", target=t)
    en = _load("clinical-specialist-en")
    files["resume.docx"] = render_document(en, "resume")
    pdfs = convert_to_pdf(files)
    assert set(pdfs) == {n.replace(".docx", ".pdf") for n in files}
    for name, pdf in pdfs.items():
        pages = _page_count(pdf)
        assert 1 <= pages <= 2, f"{name}: {pages} pages"


def _page_count(pdf: bytes) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
        for line in out.decode().splitlines():
            if line.startswith("Pages:"):
                return int(line.split()[1])
    import re

    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize(
    "name", ["physician-ja", "clinical-specialist-ja", "clinical-specialist-en"]
)
def test_every_default_document_renders_through_the_registry(name: str) -> None:
    record = _load(name)
    for target in (None, *record.targets):
        for doc in default_docs(record):
            data = render_document(record, doc, target=target)
            texts = "".join(_paragraphs(data))
            assert record.person.name.split()[0] in _all_xml(data), doc
            assert "{{" not in texts and "{%" not in texts, doc
