"""Shipped templates match their source modules; the builder writes clean Word XML."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from resumegen.render.engine import DocxTemplate  # noqa: E402
from tools import build_templates  # noqa: E402
from tools.docxbuild import Document, mm  # noqa: E402

SOURCES = build_templates.sources()
IDS = [f"{lang}/{doc}" for doc, lang, _ in SOURCES]


def test_sources_are_discovered() -> None:
    docs = {(doc, lang) for doc, lang, _ in SOURCES}
    assert {("shokumu", "ja"), ("resume", "en")} <= docs


@pytest.mark.parametrize(("doc", "lang", "build"), SOURCES, ids=IDS)
def test_shipped_template_matches_its_source(doc: str, lang: str, build) -> None:  # type: ignore[no-untyped-def]
    path = build_templates.template_path(doc, lang)
    assert path.is_file(), f"run python tools/build_templates.py to create {path}"
    shipped = build_templates.xml_parts(path.read_bytes())
    rebuilt = build_templates.xml_parts(build(lang))
    assert shipped.keys() == rebuilt.keys()
    for part in rebuilt:
        assert shipped[part] == rebuilt[part], f"{path}: {part} is stale"


@pytest.mark.parametrize(("doc", "lang", "build"), SOURCES, ids=IDS)
def test_template_fonts_are_explicit(doc: str, lang: str, build) -> None:  # type: ignore[no-untyped-def]
    parts = build_templates.xml_parts(build(lang))
    for name, xml in parts.items():
        assert "eastAsiaTheme" not in xml and "asciiTheme" not in xml, name
        for rfonts in re.findall(r"<w:rFonts [^>]*>", xml):
            assert "w:eastAsia=" in rfonts and "w:ascii=" in rfonts, (name, rfonts)
    DocxTemplate.from_bytes(build(lang))  # compiles


def test_builder_output_is_deterministic_and_opens() -> None:
    def make() -> bytes:
        d = Document(lang="ja", margins_mm=(15, 20, 15, 20))
        d.add(d.p("見出し", style="Heading1"))
        cells = [d.cell(d.p("a"), width_mm=30, vmerge="restart"), d.cell(d.p("b"), width_mm=50)]
        d.add(d.table([d.row(*cells, height_mm=8, exact=True)], [30, 50]))
        d.set_header(d.p("head", align="right"))
        d.set_footer(d.p(d.field("PAGE"), " / ", d.field("NUMPAGES"), align="center"))
        return d.to_bytes()

    data = make()
    assert data == make()
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert abs(section.page_width.mm - 210) < 0.1 and abs(section.page_height.mm - 297) < 0.1
    assert abs(section.top_margin.mm - 15) < 0.1 and abs(section.left_margin.mm - 20) < 0.1
    assert document.paragraphs[0].style.name == "Heading 1"
    assert section.header.paragraphs[0].text == "head"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
        fonts = z.read("word/fontTable.xml").decode()
    assert f'w:val="{mm(8)}" w:hRule="exact"' in xml
    assert '<w:altName w:val="Yu Mincho"/>' in fonts and '<w:charset w:val="80"/>' in fonts


def test_letter_paper() -> None:
    d = Document(lang="en", paper="letter")
    section = docx.Document(io.BytesIO(d.to_bytes())).sections[0]
    assert abs(section.page_width.inches - 8.5) < 0.01
    with pytest.raises(ValueError):
        Document(paper="a5")
