"""The English companion (``en``) of a Japanese record: validation, overlay, missing fields."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from resumegen.enrich.application import enrich
from resumegen.enrich.companion import (
    SHOWN,
    companion_complete,
    companion_findings,
    english_record,
    gaps,
    missing_english,
)
from resumegen.errors import RecordError
from resumegen.packet import context_for, default_docs, document_source, packet_names
from resumegen.record.model import Record
from resumegen.record.validate import load_record, load_record_text, validate_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "en-companion" / "physician-ja-en.yaml"
SAMPLES = ROOT / "samples"
JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9d]")

TEXT = FIXTURE.read_text(encoding="utf-8")


def _load(text: str = TEXT) -> Record:
    return load_record_text(text, "r.yaml")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# ------------------------------------------------------------------ validation


def test_the_fixture_validates_and_holds_a_companion() -> None:
    record = load_record(FIXTURE)
    assert record.lang == "ja" and record.person.en is not None
    assert record.person.en.name == "Haruka Takamori"
    assert record.work[2].achievements[0].metrics[0].en is not None
    assert "work[2].achievements[0].metrics[0].en" in set(record.companion_paths())


def test_the_fixture_matches_the_json_schema() -> None:
    from tests.unit.test_schema import schema_errors

    assert schema_errors(TEXT) == []
    bad = schema_errors(TEXT.replace("    name: Haruka Takamori", "    nmae: Haruka Takamori"))
    assert bad and all(e.startswith("person/en") for e in bad)


def test_an_unknown_key_inside_en_is_refused_with_a_suggestion() -> None:
    errors, _ = validate_text(
        TEXT.replace("    name: Haruka Takamori", "    nmae: Haruka Takamori")
    )
    (error,) = errors
    assert error.path == "person.en.nmae" and error.code == "key.unknown"
    assert "`name`" in error.message
    assert error.line == _line_of(TEXT, "name: Haruka Takamori")


def test_a_companion_list_longer_than_the_japanese_is_refused() -> None:
    text = TEXT.replace(
        "    - Medical English (TOEIC 900)\n",
        "    - Medical English (TOEIC 900)\n    - Golf\n",
    )
    errors, _ = validate_text(text)
    (error,) = errors
    assert error.code == "companion.extra_items" and error.path == "en.skills"
    assert "4 English items but `skills` has 3" in error.message


def test_an_english_record_writes_its_english_in_the_keys() -> None:
    text = (SAMPLES / "clinical-specialist-en.yaml").read_text(encoding="utf-8")
    errors, _ = validate_text(
        text.replace("  name: Daniel Okafor\n", "  name: Daniel Okafor\n  en: {name: D}\n")
    )
    assert [(e.path, e.code) for e in errors] == [("person.en", "companion.not_ja")]


# ------------------------------------------------------------------ the overlay


def test_the_overlay_is_an_english_record_of_the_same_facts() -> None:
    ja = _load()
    en = english_record(ja)
    assert en.lang == "en" and en.person.name == "Haruka Takamori"
    assert en.person.address == "Shibuya, Tokyo, Japan"
    assert (en.person.phone, en.person.email) == ("+81 80-2345-6789", ja.person.email)
    assert [p.start for p in en.work] == [p.start for p in ja.work]
    assert [p.end for p in en.work] == [p.end for p in ja.work]
    assert [e.date for e in en.education] == [e.date for e in ja.education]
    for p_en, p_ja in zip(en.work, ja.work, strict=True):
        for a_en, a_ja in zip(p_en.achievements, p_ja.achievements, strict=True):
            assert a_en.tags == a_ja.tags and a_en.role == a_ja.role
            for m_en, m_ja in zip(a_en.metrics, a_ja.metrics, strict=True):
                assert (m_en.value, m_en.before, m_en.after, m_en.better, m_en.scale) == (
                    m_ja.value,
                    m_ja.before,
                    m_ja.after,
                    m_ja.better,
                    m_ja.scale,
                )
    # what the résumé does not print is left out, never carried over in Japanese
    assert en.self_pr is None and en.desired == {} and en.work[2].leaving_reason is None
    assert en.work[2].scale is None and en.work[2].employment is None
    assert en.person.name_kana is None


def test_text_without_japanese_and_plain_units_need_no_english() -> None:
    en = english_record(_load())
    assert en.licenses[2].name == "ACLS Provider"  # typed in Latin letters
    assert en.publications == _load().publications
    rate = en.work[2].achievements[0].metrics[0]
    assert (rate.name, rate.unit, rate.period) == (
        "ambulance diversion rate",
        "%",
        "FY2021 to FY2024",
    )
    courses = en.work[1].achievements[0].metrics[0]
    assert (courses.unit, courses.period) == ("courses", "year")  # 年 → year
    yen = _load(
        TEXT.replace(
            "unit: 人, period: 年, en: {name: emergency patients treated, unit: patients}",
            "unit: 万円, period: 年, en: {name: revenue}",
        )
    )
    assert english_record(yen).work[2].achievements[2].metrics[0].unit == "万円"


def test_contact_details_never_carry_japanese() -> None:
    text = TEXT.replace("    phone: +81 80-2345-6789\n", "").replace(
        "  phone: 080-2345-6789\n",
        "  phone: 080-2345-6789（携帯）\n  links: [https://example.jp/高森, https://example.org/ht]\n",
    )
    (gap,) = gaps(_load(text))
    assert gap.path == "person.en.phone"
    en = english_record(
        _load(
            text.replace(
                "    name: Haruka Takamori\n",
                "    name: Haruka Takamori\n    phone: +81 80-2345-6789\n",
            )
        )
    )
    assert en.person.phone == "+81 80-2345-6789"
    assert en.person.links == ("https://example.org/ht",)


def test_the_readme_example_is_a_complete_companion() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### An English résumé from a Japanese record") :]
    block = re.search(r"```yaml\n(.*?)```", section, flags=re.S)
    assert block is not None
    record = _load("schema: 1\nlang: ja\nas_of: 2026-02-01\n" + block.group(1))
    assert companion_complete(record, record.target("medtech"))


def test_a_name_translated_once_serves_every_entry() -> None:
    en = english_record(_load())
    # the 入学 line of the medical school has no en; its 卒業 line gives the English
    assert (
        en.education[0].school == en.education[1].school == "Nanryo University School of Medicine"
    )
    # the second position at the same hospital takes the first one's organisation
    assert en.work[1].organization == "Nanryo University Hospital"


def test_the_overlay_picks_the_target_of_the_documents() -> None:
    ja = _load()
    en, target = document_source(ja, "resume", ja.target("medtech"))
    assert target is not None and (target.employer, target.role) == (
        "Northbridge Medical",
        "Medical Affairs Manager",
    )
    assert en.target("medtech") == target


# ------------------------------------------------------------------ missing English


def test_a_missing_field_is_said_at_its_japanese_key() -> None:
    text = TEXT.replace("      title: Chief Physician\n", "")
    with pytest.raises(RecordError) as info:
        english_record(_load(text))
    (d,) = info.value.diagnostics
    assert d.path == "work[2].en.title" and d.code == "companion.missing"
    assert (d.file, d.line, d.column) == ("r.yaml", _line_of(text, "title: 医長"), 5)
    assert "医長" in d.message


def test_a_missing_list_item_is_said_by_its_index() -> None:
    text = TEXT.replace("        - Headed the hospital's rapid response team\n", "")
    (d,) = missing_english(_load(text))
    assert d.path == "work[2].en.duties[1]"
    assert d.line == _line_of(text, "院内の急変対応チームの統括")


def test_the_target_needs_english_only_when_the_documents_are_for_it() -> None:
    record = _load(TEXT.replace("      role: Medical Affairs Manager\n", ""))
    assert gaps(record) == []
    assert companion_complete(record)
    assert [g.path for g in gaps(record, record.target("medtech"))] == ["targets[0].en.role"]
    assert not companion_complete(record, record.target("medtech"))
    assert "resume" in default_docs(record)
    assert "resume" not in default_docs(record, record.target("medtech"))


def test_without_a_companion_the_error_says_what_it_is_and_caps_the_list() -> None:
    record = load_record(SAMPLES / "physician-ja.yaml")
    with pytest.raises(RecordError) as info:
        english_record(record)
    diags = info.value.diagnostics
    assert diags[0].code == "companion.none" and diags[0].path == "lang"
    assert [d.code for d in diags[1:]] == ["companion.missing"] * SHOWN + ["companion.more"]
    assert diags[1].path == "person.en.name" and diags[1].line == 10
    total = len(gaps(record))
    assert str(total - SHOWN) in diags[-1].message
    # one field, one line: a school typed twice (入学, 卒業) is asked for once
    schools = [g for g in gaps(record) if g.path.endswith(".school")]
    assert len({g.text for g in schools}) == len(schools)
    # each in the record's language of messages
    assert all(d.message == d.message.strip() and "\n" not in d.message for d in diags)


def test_messages_follow_the_record_language(monkeypatch: pytest.MonkeyPatch) -> None:
    record = _load(TEXT.replace("    name: Haruka Takamori\n", ""))
    monkeypatch.delenv("RESUMEGEN_LANG", raising=False)
    assert "英文レジュメ" in missing_english(record)[0].message
    monkeypatch.setenv("RESUMEGEN_LANG", "en")
    assert missing_english(record)[0].message.startswith("the English résumé needs this in English")


# ------------------------------------------------------------------ documents


def test_default_documents() -> None:
    assert default_docs(_load()) == ["shokumu", "rirekisho", "resume", "interview"]
    ja = load_record(SAMPLES / "physician-ja.yaml")
    assert default_docs(ja) == ["shokumu", "rirekisho", "interview"]
    partial = _load(TEXT.replace("    name: Haruka Takamori\n", ""))
    assert default_docs(partial) == ["shokumu", "rirekisho", "interview"]


def test_the_resume_file_is_named_in_english() -> None:
    record = _load()
    names = [name for _, name in packet_names(record, docs=["resume", "shokumu"])]
    assert names == ["Resume_Haruka_Takamori.docx", "職務経歴書_高森遥.docx"]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_resume_data_holds_no_japanese(paper: str) -> None:
    record = _load()
    for target in (None, record.target("medtech")):
        data = context_for(record, "resume", target=target, paper=paper)
        leaked = [s for s in _strings(dict(data)) if JAPANESE.search(s)]
        assert leaked == []
        assert data["name"] == data["author"] == "Haruka Takamori"


def test_the_resume_renders_as_from_an_english_record() -> None:
    from resumegen.documents import resume

    record = _load()
    english = english_record(record, record.target("medtech"))
    direct = resume.build(enrich(english, "medtech"), "a4")
    assert dict(context_for(record, "resume", target=record.target("medtech"))) == {
        **direct,
        "author": "Haruka Takamori",
    }


# ------------------------------------------------------------------ check


def test_check_notes_an_incomplete_companion_only_when_there_is_one() -> None:
    assert companion_findings(enrich(load_record(SAMPLES / "physician-ja.yaml"))) == []
    assert companion_findings(enrich(_load())) == []
    text = TEXT.replace("      title: Chief Physician\n", "").replace(
        "      role: Medical Affairs Manager\n", ""
    )
    findings = companion_findings(enrich(_load(text)))
    assert [f.path for f in findings] == ["work[2].en.title", "targets[0].en.role"]
    assert findings[0].line == _line_of(text, "title: 医長")
    assert all(f.severity == "warning" for f in findings)
