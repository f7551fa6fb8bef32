"""The 履歴書 rendered from the ja samples, read back with python-docx."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from resumegen.documents.rirekisho_form import HISTORY_ROWS_PAGE1
from resumegen.record.model import Options, Record
from resumegen.record.validate import load_record
from resumegen.render.engine import DocxTemplate
from resumegen.resources import bundled
from tests.docdata import rirekisho_context

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
TEMPLATE = bundled("templates") / "ja" / "rirekisho.docx"


def _record(name: str) -> Record:
    return load_record(SAMPLES / f"{name}.yaml")


def _render(record: Record, **kw: Any) -> bytes:
    return DocxTemplate.load(TEMPLATE).render(rirekisho_context(record, **kw))


def _open(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def _document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


def _list_rows(document: Any, heading: str) -> list[tuple[str, str, str]]:
    """Filled (年, 月, text) rows of every 年|月|*heading* table, page after page."""
    out = []
    for table in document.tables:
        cells = [c.text for c in table.rows[0].cells]
        if cells[:2] != ["年", "月"] or not cells[2].startswith(heading):
            continue
        for row in table.rows[1:]:
            year, month, text = (c.text for c in row.cells)
            if year or month or text:
                out.append((year, month, text))
    return out


def _all_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def _paragraph(document: Any, text: str) -> Any:
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if p.text == text:
                        return p
    raise AssertionError(f"no paragraph {text!r}")


@pytest.fixture(scope="module")
def physician() -> Any:
    record = _record("physician-ja")
    return _open(_render(record, target=record.targets[0]))


def test_no_template_tags_survive() -> None:
    for name in ("physician-ja", "clinical-specialist-ja"):
        xml = _document_xml(_render(_record(name)))
        assert "{{" not in xml and "{%" not in xml and "%}" not in xml


def test_physician_header_block(physician: Any) -> None:
    text = _all_text(physician)
    for expected in (
        "履　歴　書",
        "2026年1月15日現在",
        "ひらた けんいち",
        "平田 健一",
        "1984年6月15日生（満41歳）",
        "〒160-0023",
        "東京都新宿区西新宿三丁目1番1号",
        "とうきょうとしんじゅくくにししんじゅく",
        "090-1234-5678",
        "k.hirata@example.jp",
        "同上",
        "写真をはる位置",
    ):
        assert expected in text, expected
    gender = next(
        c for t in physician.tables for r in t.rows for c in r.cells if c.text.startswith("※性別")
    )
    assert gender.text == "※性別\n男性"
    assert len(physician.inline_shapes) == 0


def test_physician_history_in_order(physician: Any) -> None:
    assert _list_rows(physician, "学歴・職歴") == [
        ("", "", "学歴"),
        ("2000", "4", "東京都立青山高等学校 入学"),
        ("2003", "3", "東京都立青山高等学校 卒業"),
        ("2003", "4", "北東大学 医学部 医学科 入学"),
        ("2009", "3", "北東大学 医学部 医学科 卒業"),
        ("2012", "4", "北東大学大学院 医学研究科 救急医学専攻 入学"),
        ("2016", "3", "北東大学大学院 医学研究科 救急医学専攻 修了（博士〔医学〕）"),
        ("", "", "職歴"),
        ("2009", "4", "北東大学医学部附属病院 初期臨床研修医として入職"),
        ("2011", "3", "初期臨床研修 修了"),
        ("2011", "4", "北東大学医学部附属病院 救急科・高度救命救急センター 助教として入職"),
        ("", "", "現在に至る"),
        ("", "", "以上"),
    ]
    assert _paragraph(physician, "学歴").alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _paragraph(physician, "職歴").alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _paragraph(physician, "以上").alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert _paragraph(physician, "現在に至る").alignment is None


def test_history_tables_are_padded_to_the_form(physician: Any) -> None:
    heads = [(t, [c.text for c in t.rows[0].cells]) for t in physician.tables]
    tables = [t for t, cells in heads if cells[-1].startswith("学歴・職歴") and len(cells) == 3]
    assert len(tables) == 2  # page 1 and its continuation on page 2
    assert len(tables[0].rows) == 1 + HISTORY_ROWS_PAGE1


def test_physician_licences_motivation_and_wishes(physician: Any) -> None:
    assert _list_rows(physician, "免許・資格") == [
        ("2009", "5", "医師免許 取得（医籍登録番号 第512345号）"),
        ("2011", "4", "保険医登録"),
        ("2014", "10", "整形外科専門医 取得"),
        ("2016", "1", "救急科専門医 取得"),
        ("2021", "1", "救急科指導医 取得"),
    ]
    text = _all_text(physician)
    # the only target's motivation as typed, then the 自己PR (no --target given)
    _paragraph(
        physician,
        "新設の救急センターで、受入体制づくりと若手育成の経験を活かしたい。\n"
        "救急外来の受入不能率を3年で18%から7%に下げた経験から、"
        "データを示して多職種で合意をつくることを得意としています。",
    )
    for line in (
        "貴院の規定に従います。",
        "勤務地：東京都・埼玉県（自宅から1時間以内）",
        "入職可能時期：2026年4月",
    ):
        _paragraph(physician, line)
    for word in ("年収", "当直：", "週4.5日", "研究日"):  # terms stay on the interview sheet
        assert word not in text


def test_clinical_specialist_wareki() -> None:
    record = _record("clinical-specialist-ja")
    record = replace(record, options=Options(era="wareki"))
    document = _open(_render(record))
    rows = _list_rows(document, "学歴・職歴")
    assert ("平成25", "4", "大阪北総合病院 臨床工学部 臨床工学技士として入職") in rows
    assert ("令和元", "9", "一身上の都合により退職") in rows
    assert rows[-4:] == [
        ("令和元", "10", "メディカルデバイス・ジャパン株式会社 入社"),
        ("", "", "不整脈事業部にクリニカルスペシャリストとして配属"),
        ("", "", "現在に至る"),
        ("", "", "以上"),
    ]
    # 和暦 years are right-aligned so that 平成2 and 平成25 end in the same column
    year = _paragraph(document, "平成25")
    assert year.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    text = _all_text(document)
    assert "令和8年2月1日現在" in text
    assert "平成3年11月3日生（満34歳）" in text
    assert "入社可能時期：令和8年6月" in text  # the newest employer is a company: 貴社
    assert not re.search(r"\b(19|20)\d\d\b", "\n".join(r[0] for r in rows))
    gender = next(
        c for t in document.tables for r in t.rows for c in r.cells if c.text.startswith("※性別")
    )
    assert gender.text == "※性別\n"  # never guessed
    assert "自己PR" not in text
    assert "術中トラブルの再発率を12%から4%に下げた経験" in text  # self_pr without a target


def test_empty_wishes_print_the_deference_line() -> None:
    record = replace(_record("clinical-specialist-ja"), desired={})
    document = _open(_render(record, target=record.targets[0]))
    _paragraph(document, "貴社の規定に従います。")


def test_record_text_prints_as_typed() -> None:
    record = replace(_record("physician-ja"), self_pr="{{ 7*7 }} <b>&</b>", targets=())
    document = _open(_render(record))
    _paragraph(document, "{{ 7*7 }} <b>&</b>")


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_photo_is_placed_in_the_box(tmp_path: Path) -> None:
    record = _record("physician-ja")
    record = replace(record, person=replace(record.person, photo="face.png"))
    document = _open(_render(record, photo_loader=lambda _: _png(30, 40)))
    assert len(document.inline_shapes) == 1
    shape = document.inline_shapes[0]
    # 28.5 × 38 mm: inside the 30 × 40 mm box, whose dashed outline stays visible
    assert (round(shape.width / Mm(1), 1), round(shape.height / Mm(1), 1)) == (28.5, 38.0)
    assert "写真をはる位置" not in _all_text(document)
    off = replace(record, options=Options(photo=False))
    assert len(_open(_render(off, photo_loader=lambda _: _png(30, 40))).inline_shapes) == 0


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_samples_fill_two_a4_pages(tmp_path: Path) -> None:
    names = ("physician-ja", "clinical-specialist-ja")
    for name in names:
        (tmp_path / f"{name}.docx").write_bytes(_render(_record(name)))
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(tmp_path / f"{n}.docx") for n in names),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    for name in names:
        pdf = (tmp_path / f"{name}.pdf").read_bytes()
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 2, name
