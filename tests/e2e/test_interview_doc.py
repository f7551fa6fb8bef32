"""The interview sheet as a Word document: render the samples and read them back."""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.shared import Mm

from resumegen.enrich.application import enrich
from resumegen.enrich.fold import casefold_nfkc
from resumegen.enrich.interview import record_terms
from resumegen.enrich.quantify import duty_load, quantify_achievement
from resumegen.enrich.rephrase import rephrase
from resumegen.packet import build_packet, render_document
from resumegen.record.model import Record
from resumegen.record.validate import load_record
from resumegen.text import label_ja
from tests.docdata import as_read

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools.templates_src import interview as source  # noqa: E402

SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
GREY = "7F7F7F"


def all_text(d: DocxDocument, *, skip_conditions: bool = False) -> str:
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        header = {c.text for c in table.rows[0].cells}
        if skip_conditions and header & {"提示条件", "Offered"}:
            continue  # the user's own terms to negotiate (当直 月2回まで)
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    for section in d.sections:
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def cases() -> list[tuple[Path, str | None]]:
    out: list[tuple[Path, str | None]] = []
    for path in SAMPLES:
        r = load_record(path)
        out += [(path, t.id) for t in r.targets] or [(path, None)]
    return out


@pytest.fixture(scope="module", params=cases(), ids=lambda c: f"{c[0].stem}:{c[1]}")
def rendered(request: pytest.FixtureRequest) -> tuple[Record, DocxDocument, bytes]:
    path, target_id = request.param
    r = load_record(path)
    target = r.target(target_id) if target_id else None
    data = render_document(r, "interview", target=target)
    return r, docx.Document(io.BytesIO(as_read(data))), data


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_shipped_template_matches_its_source(lang: str) -> None:
    def xml(data: bytes) -> dict[str, str]:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {
                n: z.read(n).decode()
                for n in z.namelist()
                if n.endswith(".xml") and n.startswith("word/")
            }

    shipped = (ROOT / "templates" / lang / "interview.docx").read_bytes()
    assert xml(shipped) == xml(source.build(lang))


def test_a4_page(rendered: tuple[Record, DocxDocument, bytes]) -> None:
    _, d, _ = rendered
    s = d.sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(1) and abs(s.page_height - Mm(297)) < Mm(1)


def test_section_headings_in_order(rendered: tuple[Record, DocxDocument, bytes]) -> None:
    r, d, _ = rendered
    headings = [p.text for p in d.paragraphs if p.style.style_id == "Heading1"]
    expected = [w for k, w in source.WORDS[r.lang].items() if k.startswith("s_")]
    assert headings == expected


def test_star_blocks_are_two_column_tables(rendered: tuple[Record, DocxDocument, bytes]) -> None:
    r, d, _ = rendered
    labels = (
        ["背景", "課題", "施策", "結果", "学び"]
        if r.lang == "ja"
        else [
            "Situation",
            "Task",
            "Action",
            "Result",
            "Learning",
        ]
    )
    star_tables = [t for t in d.tables if len(t.columns) == 2]
    assert len(star_tables) == sum(len(p.achievements) for p in r.work)
    for t in star_tables:
        assert [row.cells[0].text for row in t.rows] == labels


def test_prompts_are_grey_italic(rendered: tuple[Record, DocxDocument, bytes]) -> None:
    r, d, _ = rendered
    marker = "あなたの弱み" if r.lang == "ja" else "Name one weakness"
    prompt = "弱みを一つ挙げ" if r.lang == "ja" else "Name one weakness and"
    runs = [run for p in d.paragraphs for run in p.runs if run.text.startswith(prompt)]
    assert runs, marker
    for run in runs:
        assert run.italic is True
        assert str(run.font.color.rgb) == GREY
    # record text is not styled as a prompt
    opening = "と申します。" if r.lang == "ja" else "My name is"
    intro = next(p for p in d.paragraphs if opening in p.text)
    assert all(not run.italic for run in intro.runs)


def test_conditions_table_has_empty_offered_and_agreed_columns(
    rendered: tuple[Record, DocxDocument, bytes],
) -> None:
    r, d, _ = rendered
    head = (
        ["項目", "希望", "提示条件", "合意条件"]
        if r.lang == "ja"
        else [
            "Item",
            "Your wish",
            "Offered",
            "Agreed",
        ]
    )
    (table,) = [t for t in d.tables if [c.text for c in t.rows[0].cells] == head]
    body = table.rows[1:]
    assert len(body) >= len(r.desired)
    for row in body:
        assert row.cells[2].text == "" and row.cells[3].text == ""
    desired = [row.cells[1].text for row in body[: len(r.desired)]]
    assert all(desired)
    labelled = {row.cells[0].text.split("\n")[0]: row.cells[1].text for row in body}
    if r.person.name == "平田 健一":
        assert labelled["当直"] == "月2回まで"
        assert labelled["給与・年収"] == "年収1,800万円以上"
    if r.person.name == "佐藤 美咲":
        assert labelled["給与・年収"] == "年収700万円以上"


def test_no_leaving_reason_trigger_in_the_document(
    rendered: tuple[Record, DocxDocument, bytes],
) -> None:
    r, d, _ = rendered
    current = [p for p in r.work if p.end is None][-1]
    text = casefold_nfkc(all_text(d, skip_conditions=True))
    assert casefold_nfkc(current.leaving_reason) not in casefold_nfkc(all_text(d))
    matches = rephrase(current.leaving_reason, lang=r.lang, profile=r.profile).matches
    assert matches
    own = record_terms(r)  # the record's own terms stay, as on the 職務経歴書
    for m in matches:
        if m.category != "keep" and casefold_nfkc(m.trigger) not in own:
            assert casefold_nfkc(m.trigger) not in text, m.trigger


def test_japanese_fonts_come_from_the_builder(rendered: tuple[Record, DocxDocument, bytes]) -> None:
    _, _, data = rendered
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode()
        body = z.read("word/document.xml").decode()
    assert 'w:eastAsia="游明朝"' in styles
    assert "eastAsiaTheme" not in styles
    assert "{{" not in body and "{%" not in body


def test_record_text_is_printed_not_compiled(tmp_path: Path) -> None:
    src = (ROOT / "samples" / "clinical-specialist-en.yaml").read_text(encoding="utf-8")
    path = tmp_path / "x.yaml"
    path.write_text(
        src.replace("Cut repeat intra-procedural incidents", "'{{ 7*7 }} fixes'"), "utf-8"
    )
    r = load_record(path)
    d = docx.Document(io.BytesIO(render_document(r, "interview", target=r.targets[0])))
    text = all_text(d)
    assert "{{ 7*7 }} fixes" in text and "49 fixes" not in text


def test_general_sheet_renders() -> None:
    r = load_record(ROOT / "samples" / "physician-ja.yaml")
    d = docx.Document(io.BytesIO(render_document(r, "interview", target=None)))
    assert "応募先未定" in all_text(d)


# ---------------------------------------------------------------- read back as a candidate would


def conditions_table(d: DocxDocument) -> Any:
    (table,) = [t for t in d.tables if {c.text for c in t.rows[0].cells} & {"提示条件", "Offered"}]
    return table


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c[0].stem}:{c[1]}")
def test_every_sheet_reads_back(case: tuple[Path, str | None]) -> None:
    path, target_id = case
    r = load_record(path)
    target = r.target(target_id) if target_id else None
    d = docx.Document(io.BytesIO(as_read(render_document(r, "interview", target=target))))
    text = all_text(d)
    outside = casefold_nfkc(all_text(d, skip_conditions=True))
    paragraphs = [p.text for p in d.paragraphs]
    labels = (
        ["背景", "課題", "施策", "結果", "学び"]
        if r.lang == "ja"
        else ["Situation", "Task", "Action", "Result", "Learning"]
    )
    for label in labels:
        assert label in text
    # the application: employer and role
    assert target is not None and target.employer and target.role
    assert (
        target.employer in paragraphs[paragraphs.index(source.WORDS[r.lang]["s_application"]) + 1]
    )
    assert target.role in text
    # the leaving reason in its long, rephrased form (with the same slots the sheet uses)
    reason = [p for p in r.work if p.end is None][-1].leaving_reason or ""
    answer = enrich(r, target, today=date.today()).leaving_answer
    assert answer is not None and reason
    assert answer.long and answer.long in paragraphs
    own = record_terms(r)  # the record's own terms (当直: 月6回) stay, as on the 職務経歴書
    triggers = [
        casefold_nfkc(m.trigger)
        for m in answer.matches
        if m.category != "keep" and casefold_nfkc(m.trigger) not in own
    ]
    for t in triggers:
        assert t not in outside, t
    # every achievement with every result figure, in the record's own words (a Japanese
    # label closes with 「：」); a duty load (当直 月6回) is no result to tell
    for p in r.work:
        for a in p.achievements:
            assert a.summary in paragraphs
            for m, statement in zip(a.metrics, quantify_achievement(a, r.lang), strict=True):
                if duty_load(m):
                    continue
                said = label_ja(statement) if r.lang == "ja" else statement
                assert said in text, said
    # the conditions, in the user's own terms
    rows = {
        row.cells[0].paragraphs[0].text: row.cells[1].text for row in conditions_table(d).rows[1:]
    }
    expected = {
        "physician-ja": {"給与・年収": "年収1,800万円以上", "当直": "月2回まで"},
        "clinical-specialist-ja": {"給与・年収": "年収700万円以上", "オンコール": "なし"},
        "clinical-specialist-en": {"Salary": "GBP 65,000", "On-call": "none"},
    }[path.stem]
    for label, wish in expected.items():
        assert rows[label] == wish


def test_blocks_keep_together_across_pages(rendered: tuple[Record, DocxDocument, bytes]) -> None:
    """A story, the conditions sheet and the checklist never split; notes keep with what follows."""
    r, d, _ = rendered
    star_tables = [t for t in d.tables if len(t.columns) == 2]
    conditions = conditions_table(d)
    checklist = d.tables[-1]
    assert len(checklist.columns) == 3
    for table in [*star_tables, conditions, checklist]:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    assert p.paragraph_format.keep_with_next is True, p.text
    notes = [source.WORDS[r.lang][k] for k in ("intro_note", "stories_note", "conditions_note")]
    for p in d.paragraphs:
        if p.text in notes:
            assert p.paragraph_format.keep_with_next is True, p.text


GENERAL = """\
schema: 1
lang: ja
profile: general
as_of: 2026-01-15
person: {name: 山田 花子}
summary: 物流会社で8年間、倉庫の在庫管理と出荷業務の改善を担当。
work:
  - organization: 東都ロジスティクス株式会社
    start: 2018-04
    end: present
    achievements:
      - summary: 出荷ミスを減らす仕組みを作った
      - summary: 新人スタッフの教育手順を整えた
    leaving_reason: 残業が多く、評価も不透明。
"""


def test_general_sheet_without_targets_or_figures(tmp_path: Path) -> None:
    path = tmp_path / "general.yaml"
    path.write_text(GENERAL, encoding="utf-8")
    r = load_record(path)
    (data,) = build_packet(r, docs=["interview"]).values()
    d = docx.Document(io.BytesIO(data))
    text = all_text(d)
    assert "応募先未定" in text
    star_tables = [t for t in d.tables if len(t.columns) == 2]
    assert len(star_tables) == 2
    for table in star_tables:
        result = next(row.cells[1] for row in table.rows if row.cells[0].text == "結果")
        (line,) = result.paragraphs
        assert line.text.startswith("結果を数字で示せますか？ 例えば、")
        assert all(run.italic for run in line.runs if run.text)
    assert "ミス・不良の発生率" in text  # the catalogue's metric for 「出荷ミス」
    assert "残業" not in casefold_nfkc(all_text(d, skip_conditions=True))
