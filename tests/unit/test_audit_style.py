"""check: typed years in the other era's style, and half-width colons, in Japanese records."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from resumegen.enrich.audit import audit
from resumegen.enrich.audit_style import style_findings
from resumegen.record.model import Options, Record
from resumegen.record.validate import load_record

pytestmark = pytest.mark.usefixtures("records_own_language")  # findings in the record's language

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def physician() -> Record:
    return load_record(ROOT / "samples" / "physician-ja.yaml")


def _wareki(record: Record) -> Record:
    return dataclasses.replace(record, options=Options(era="wareki"))


def test_a_wareki_record_with_a_typed_western_year_is_told_at_the_field(physician: Record) -> None:
    found = style_findings(_wareki(physician))
    assert [f.path for f in found] == ["work[1].achievements[0].metrics[0].period"]
    assert "「2019年」" in found[0].message and "和暦" in found[0].message
    assert found[0].severity == "info"
    assert found[0].line == 66  # the metric's line in the sample
    # and check reports it
    report = audit(_wareki(physician))
    assert any(f.path.endswith("metrics[0].period") for f in report.findings)


def test_a_seireki_record_is_told_about_a_typed_era_year(physician: Record) -> None:
    record = dataclasses.replace(physician, summary="令和3年から救急科で勤務。")
    found = style_findings(record)
    assert [(f.path, "「令和3年」" in f.message) for f in found] == [("summary", True)]
    assert style_findings(physician) == []  # 2019年度 in a 西暦 document is the same style


def test_a_half_width_colon_after_japanese_text_is_told(physician: Record) -> None:
    duties = (*physician.work[1].duties, "当直: 月6回", "URL https://example.jp/a:b")
    work = (physician.work[0], dataclasses.replace(physician.work[1], duties=duties))
    found = style_findings(dataclasses.replace(physician, work=work))
    assert [f.path for f in found] == [f"work[1].duties[{len(duties) - 2}]"]
    assert "当直: 月6回" in found[0].message


def test_publications_and_english_records_are_left_alone(physician: Record) -> None:
    cited = dataclasses.replace(_wareki(physician), publications=("Hirata K. 2019年. J Trauma",))
    assert all(not f.path.startswith("publications") for f in style_findings(cited))
    english = load_record(ROOT / "samples" / "clinical-specialist-en.yaml")
    assert style_findings(english) == []
