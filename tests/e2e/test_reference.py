"""Reference outputs: what every sample's documents say and how they are set up.

For each sample, every document of every application (no target, then each
target), the .docx is read back and reduced to plain, reviewable JSON:

* ``body``: the text of each paragraph, and each table as rows of cell texts;
* ``header`` / ``footer``: the text of their paragraphs;
* ``styles``: the name of every style used, with its East Asian font
  (following ``basedOn`` down to the document defaults);
* ``sections``: page size and margins in millimetres.

That is compared with ``tests/reference/<sample>/<doc>[@<target>].json``. Zip
bytes are never compared (they change with any harmless reordering). When a
template or wording changes on purpose, run ``pytest --update-reference``,
read the diff of tests/reference/ and commit it.
"""

from __future__ import annotations

import difflib
import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from resumegen.packet import default_docs, render_document
from resumegen.record.validate import load_record

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
REFERENCE = ROOT / "tests" / "reference"
MAX_DIFF_LINES = 150

# Faces a Japanese reader's Word or LibreOffice (with resumegen's fonts.conf) shows as Japanese.
JAPANESE_FACES = {
    "游明朝",
    "游ゴシック",
    "Yu Mincho",
    "Yu Gothic",
    "ＭＳ 明朝",
    "ＭＳ ゴシック",
    "MS 明朝",
    "MS ゴシック",
    "MS Mincho",
    "MS Gothic",
}


def _cases() -> list[tuple[str, str, str | None]]:
    cases = []
    for path in sorted(SAMPLES.glob("*.yaml")):
        record = load_record(path)
        for target in (None, *(t.id for t in record.targets)):
            for doc in default_docs(record):
                cases.append((path.stem, doc, target))
    return cases


CASES = _cases()


def _reference_path(sample: str, doc: str, target: str | None) -> Path:
    return REFERENCE / sample / (f"{doc}@{target}.json" if target else f"{doc}.json")


# ---------------------------------------------------------------- reading a .docx back


def _blocks(container: Any, parent: Any) -> list[Any]:
    """Paragraph texts and tables (rows of cell texts) in document order."""
    out: list[Any] = []
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, parent).text)
        elif child.tag == qn("w:tbl"):
            table = Table(child, parent)
            rows = []
            for tr in child.iterchildren(qn("w:tr")):
                rows.append([_cell_text(tc, table) for tc in tr.iterchildren(qn("w:tc"))])
            out.append({"table": rows})
        elif child.tag == qn("w:sdt"):
            for content in child.iterchildren(qn("w:sdtContent")):
                out.extend(_blocks(content, parent))
    return out


def _cell_text(tc: Any, table: Table) -> str:
    lines = []
    for block in _blocks(tc, _Cell(tc, table)):
        if isinstance(block, str):
            lines.append(block)
        else:  # a table inside a cell: one line a row
            lines.extend(" | ".join(row) for row in block["table"])
    return "\n".join(lines)


def _styles_used(document: DocxDocument) -> dict[str, str]:
    """Style name → East Asian font, for every style the body, headers and footers use."""
    styles_el = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles_el.iterchildren(qn("w:style"))}
    default_para = next(
        (
            sid
            for sid, s in by_id.items()
            if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")
        ),
        None,
    )
    roots = [document.element.body]
    for section in document.sections:
        roots += [section.header._element, section.footer._element]
    used: set[str] = set()
    for root in roots:
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            used.update(el.get(qn("w:val")) for el in root.iter(qn(tag)))
        for p in root.iter(qn("w:p")):
            ppr = p.find(qn("w:pPr"))
            if (ppr is None or ppr.find(qn("w:pStyle")) is None) and default_para:
                used.add(default_para)

    defaults = styles_el.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    out: dict[str, str] = {}
    for sid in sorted(u for u in used if u):
        style = by_id.get(sid)
        name = style.find(qn("w:name")).get(qn("w:val")) if style is not None else sid
        out[name] = _east_asia(style, by_id, defaults)
    return dict(sorted(out.items()))


def _east_asia(style: Any, by_id: dict[str, Any], defaults: Any) -> str:
    seen = set()
    while style is not None and id(style) not in seen:
        seen.add(id(style))
        fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None:
            if fonts.get(qn("w:eastAsia")):
                return str(fonts.get(qn("w:eastAsia")))
            if fonts.get(qn("w:eastAsiaTheme")):
                return "theme:" + str(fonts.get(qn("w:eastAsiaTheme")))
        based = style.find(qn("w:basedOn"))
        style = by_id.get(based.get(qn("w:val"))) if based is not None else None
    fonts = defaults.find(qn("w:rFonts")) if defaults is not None else None
    if fonts is not None and fonts.get(qn("w:eastAsia")):
        return str(fonts.get(qn("w:eastAsia")))
    if fonts is not None and fonts.get(qn("w:eastAsiaTheme")):
        return "theme:" + str(fonts.get(qn("w:eastAsiaTheme")))
    return ""


def _mm(length: Any) -> float | None:
    return None if length is None else round(length.mm, 1)


def describe(data: bytes) -> dict[str, Any]:
    """The reviewable content of a .docx (see the module docstring)."""
    document = docx.Document(io.BytesIO(data))
    sections = []
    header: list[Any] = []
    footer: list[Any] = []
    for section in document.sections:
        sections.append(
            {
                "page_mm": [_mm(section.page_width), _mm(section.page_height)],
                "margins_mm": {
                    "top": _mm(section.top_margin),
                    "bottom": _mm(section.bottom_margin),
                    "left": _mm(section.left_margin),
                    "right": _mm(section.right_margin),
                    "header": _mm(section.header_distance),
                    "footer": _mm(section.footer_distance),
                },
            }
        )
        if not section.header.is_linked_to_previous:
            header += _blocks(section.header._element, section.header)
        if not section.footer.is_linked_to_previous:
            footer += _blocks(section.footer._element, section.footer)
    return {
        "sections": sections,
        "styles": _styles_used(document),
        "header": header,
        "footer": footer,
        "body": _blocks(document.element.body, document),
    }


def _render(sample: str, doc: str, target: str | None) -> bytes:
    record = load_record(SAMPLES / f"{sample}.yaml")
    return render_document(record, doc, target=record.target(target) if target else None)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize(
    ("sample", "doc", "target"),
    CASES,
    ids=[f"{s}-{d}@{t}" if t else f"{s}-{d}" for s, d, t in CASES],
)
def test_document_matches_its_reference(
    sample: str, doc: str, target: str | None, update_reference: bool
) -> None:
    path = _reference_path(sample, doc, target)
    rel = path.relative_to(ROOT)
    now = _dumps(describe(_render(sample, doc, target)))
    if update_reference:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != now:
            path.write_text(now, encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(
            f"{rel} does not exist; run `pytest --update-reference` to write it, then review "
            "and commit it",
            pytrace=False,
        )
    committed = path.read_text(encoding="utf-8")
    if committed == now:
        return
    diff = list(
        difflib.unified_diff(
            committed.splitlines(),
            now.splitlines(),
            fromfile=f"{rel} (committed)",
            tofile="rendered now",
            lineterm="",
            n=2,
        )
    )
    if len(diff) > MAX_DIFF_LINES:
        diff = [*diff[:MAX_DIFF_LINES], f"… and {len(diff) - MAX_DIFF_LINES} more diff lines"]
    pytest.fail(
        f"{sample} {doc}{' @' + target if target else ''} no longer matches {rel}.\n"
        "If the change is intended (a template or wording changed), run "
        "`pytest --update-reference`, review `git diff tests/reference/` and commit it.\n\n"
        + "\n".join(diff),
        pytrace=False,
    )


def test_no_reference_file_without_a_document(update_reference: bool) -> None:
    expected = {_reference_path(*case) for case in CASES}
    stale = sorted(p for p in REFERENCE.rglob("*.json") if p not in expected)
    if update_reference:
        for p in stale:
            p.unlink()
        return
    assert not stale, (
        "reference files for documents that are no longer rendered: "
        + ", ".join(str(p.relative_to(ROOT)) for p in stale)
        + "; run `pytest --update-reference` to remove them"
    )


@pytest.mark.parametrize(
    ("sample", "doc", "target"), [c for c in CASES if c[2] is None], ids=lambda v: str(v)
)
def test_every_style_used_has_a_japanese_east_asian_font(
    sample: str, doc: str, target: str | None
) -> None:
    """So that Word and LibreOffice pick a Japanese face, never a theme's or a Chinese one."""
    styles = describe(_render(sample, doc, target))["styles"]
    assert styles
    wrong = {name: font for name, font in styles.items() if font not in JAPANESE_FACES}
    assert not wrong, f"{sample} {doc}: styles without a Japanese East Asian font: {wrong}"


def test_describe_reads_a_known_document() -> None:
    import sys

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tools.docxbuild import Document

    d = Document(lang="ja")
    d.add(
        d.p("見出し", style="Heading1"),
        d.p("本文"),
        d.table([d.row(d.cell(d.p("年")), d.cell(d.p("一\n二")))], [20, 60]),
    )
    d.set_footer(d.p("フッター"))
    got = describe(d.to_bytes())
    assert got["body"][:2] == ["見出し", "本文"]
    assert got["body"][2] == {"table": [["年", "一\n二"]]}
    assert got["footer"] == ["フッター"]
    assert got["sections"][0]["page_mm"] == [210.0, 297.0]
    assert set(got["styles"]) >= {"heading 1"} and all(got["styles"].values())
