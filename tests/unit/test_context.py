"""View models of the 職務経歴書 and the English résumé: finished strings, tested as text."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumegen.documents.common import license_number, period_en, period_ja
from resumegen.documents.resume import (
    contact_line,
    education_entries,
    fits_one_line,
    links_line,
    side_margin,
)
from resumegen.enrich.english import starts_with_verb
from resumegen.errors import ArgumentError
from resumegen.record.model import (
    EducationEvent,
    License,
    Options,
    PartialDate,
    Person,
    Position,
    Record,
    Target,
)
from resumegen.record.validate import load_record
from resumegen.text import join_folded
from tests.docdata import (
    exit_fact,
    ordered_achievements,
    ordered_positions,
    resume_context,
    shokumu_context,
    target_line,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def physician() -> Record:
    return load_record(SAMPLES / "physician-ja.yaml")


@pytest.fixture(scope="module")
def cs_ja() -> Record:
    return load_record(SAMPLES / "clinical-specialist-ja.yaml")


@pytest.fixture(scope="module")
def cs_en() -> Record:
    return load_record(SAMPLES / "clinical-specialist-en.yaml")


def _wareki(r: Record) -> Record:
    return dataclasses.replace(r, options=Options(era="wareki"))


def test_shokumu_header_strings(physician: Record) -> None:
    ctx = shokumu_context(physician)
    assert ctx["title"] == "職務経歴書"
    assert ctx["date_line"] == "2026年1月15日現在"
    assert ctx["name"] == "平田 健一"
    assert ctx["closing"] == "以上"
    assert _wareki_ctx(physician)["date_line"] == "令和8年1月15日現在"


def _wareki_ctx(r: Record) -> dict:
    return shokumu_context(_wareki(r))


def test_date_falls_back_to_today(physician: Record) -> None:
    r = dataclasses.replace(physician, as_of=None)
    assert shokumu_context(r, today=date(2027, 3, 9))["date_line"] == "2027年3月9日現在"
    with pytest.raises(ArgumentError):
        shokumu_context(r)


def test_periods_in_both_year_systems(physician: Record) -> None:
    newest, oldest = ordered_positions(physician)
    assert period_ja(newest, "seireki") == "2011年4月～現在"
    assert period_ja(oldest, "seireki") == "2009年4月～2011年3月"
    assert period_ja(oldest, "wareki") == "平成21年4月～平成23年3月"
    assert period_en(newest) == "Apr 2011 – Present"


def test_position_order_follows_options(physician: Record) -> None:
    reverse = [p["period"] for p in shokumu_context(physician)["positions"]]
    chrono = dataclasses.replace(physician, options=Options(order="chronological"))
    forward = [p["period"] for p in shokumu_context(chrono)["positions"]]
    assert reverse[0].endswith("現在")
    assert forward == list(reversed(reverse))


def test_emphasis_moves_tagged_achievements_first(cs_ja: Record) -> None:
    pos = next(p for p in cs_ja.work if p.achievements)
    plain = [a.summary for a in ordered_achievements(pos, None)]
    target = Target(id="t", emphasis=("education",))
    tailored = [a.summary for a in ordered_achievements(pos, target)]
    assert tailored[0] == "施設向け教育会の企画・実施"
    assert sorted(plain) == sorted(tailored) and plain != tailored


def test_achievements_carry_quantified_statements(physician: Record) -> None:
    pos = shokumu_context(physician)["positions"][0]
    first = pos["achievements"][0]
    assert first["summary"].startswith("救急外来の受入プロセス")
    assert any("18% → 7%" in s for s in first["statements"])


def test_target_line_uses_employer_and_role_only(physician: Record) -> None:
    target = physician.target("saitama-er")
    line = target_line(physician, target)
    assert "貴院の救急科 部長として" in line
    assert target_line(physician, None) == ""
    company = Target(id="c", employer="ヘリックス株式会社", role="カスタマーサクセス")
    assert "貴社のカスタマーサクセスとして" in target_line(physician, company)
    assert shokumu_context(physician, target=target)["target_line"] == line


def test_raw_leaving_reason_never_reaches_the_context(
    physician: Record, cs_ja: Record, cs_en: Record
) -> None:
    for record, ctx in (
        (physician, shokumu_context(physician)),
        (cs_ja, shokumu_context(cs_ja)),
        (cs_en, resume_context(cs_en)),
    ):
        text = json.dumps(ctx, ensure_ascii=False)
        for pos in record.work:
            if pos.leaving_reason:
                assert pos.leaving_reason not in text


def test_exit_fact_only_for_past_positions_and_only_for_a_stated_fact(cs_ja: Record) -> None:
    past = next(p for p in cs_ja.work if p.end is not None)
    current = next(p for p in cs_ja.work if p.end is None)
    assert exit_fact(current, cs_ja, None) is None
    unknown = dataclasses.replace(past, leaving_reason="ｘｙｚｚｙ")
    assert exit_fact(unknown, cs_ja, None) is None
    assert exit_fact(past, cs_ja, None) is None  # 単調・給料: a motive, not a fact
    contract = dataclasses.replace(past, leaving_reason="契約期間が満了したため。")
    assert exit_fact(contract, cs_ja, None) == "契約期間満了により退職"
    noted = dataclasses.replace(past, exit_note="閉院により退職")
    assert exit_fact(noted, cs_ja, None) == "閉院により退職"


def test_shokumu_prints_no_leaving_reason_unless_asked_for_facts(cs_ja: Record) -> None:
    past = next(i for i, p in enumerate(cs_ja.work) if p.end is not None)
    work = list(cs_ja.work)
    work[past] = dataclasses.replace(work[past], leaving_reason="契約期間が満了したため。")
    record = dataclasses.replace(cs_ja, work=tuple(work))
    lines = [p["leaving_line"] for p in shokumu_context(record)["positions"]]
    assert lines == ["", ""]
    facts = dataclasses.replace(record, options=Options(shokumu_exit="facts"))
    lines = [p["leaving_line"] for p in shokumu_context(facts)["positions"]]
    assert "退職理由：契約期間満了により退職" in lines
    unmatched = dataclasses.replace(facts, work=cs_ja.work)  # 単調・給料: nothing printed
    assert [p["leaving_line"] for p in shokumu_context(unmatched)["positions"]] == ["", ""]


def test_licences_show_numbers_in_date_order(physician: Record) -> None:
    lics = shokumu_context(physician)["licenses"]
    assert lics[0] == {"date": "2009年5月", "name": "医師免許（医籍登録番号 第512345号）"}
    assert [x["date"] for x in lics][-1] == "2021年1月"
    assert _wareki_ctx(physician)["licenses"][0]["date"] == "平成21年5月"


def test_resume_has_no_personal_fields(cs_en: Record) -> None:
    ctx = resume_context(cs_en)
    text = json.dumps(ctx)
    for key in ("birth", "age", "gender", "photo"):
        assert key not in ctx
    assert "1991" not in text
    assert ctx["contact_line"] == (
        "+44 7700 900123 · daniel.okafor@example.org · Leeds, United Kingdom"
    )
    assert ctx["links_line"] == "https://www.linkedin.com/in/example-okafor"


def test_resume_experience_has_one_bullet_per_achievement(cs_en: Record) -> None:
    pos = resume_context(cs_en)["positions"][0]
    assert pos["dates"] == "Jan 2018 – Present"
    assert pos["organization_line"] == "Northern Cardiac Devices Ltd"
    assert all(starts_with_verb(b) for b in pos["bullets"])
    assert pos["bullets"][2:] == [
        "Grew and retained the regional account base: accounts supported up 83% "
        "(6 → 11, 2019 to 2024); 4 new system placements a year",
        "Cut repeat intra-procedural incidents 70% (repeat incident rate 10% → 3%); "
        "onboarding lead time down 33% (75 → 50 days)",
    ]
    assert pos["fits"] is True


def test_resume_emphasis_first(cs_en: Record) -> None:
    target = cs_en.target("msl-uk")
    bullets = resume_context(cs_en, target=target)["positions"][0]["bullets"]
    duties = len(cs_en.work[0].duties)
    assert bullets[duties].startswith("Cut repeat intra-procedural incidents 70%")


def test_education_entries_use_completion_year(cs_en: Record) -> None:
    assert education_entries(cs_en) == [
        {
            "school": "University of Leeds",
            "degree": "BSc Biomedical Sciences",
            "line": "BSc Biomedical Sciences, University of Leeds",
            "year": "2015",
            "fits": True,
        }
    ]


def test_an_entry_event_joins_its_schools_degree() -> None:
    school = "Nanryo University School of Medicine"
    r = Record(
        schema=1,
        lang="en",
        person=Person(name="A"),
        education=(
            EducationEvent(PartialDate(2005, 4), school, "entered"),
            EducationEvent(PartialDate(2011, 3), school, "graduated", "MD"),
        ),
    )
    assert [(e["line"], e["year"]) for e in education_entries(r)] == [(f"MD, {school}", "2011")]
    # a Japanese record's events (its English companion keeps them) tell completion too
    phd = EducationEvent(PartialDate(2019, 9), "Nanryo University", "学位取得", "PhD")
    assert education_entries(dataclasses.replace(r, education=(phd,)))[0]["year"] == "2019"


def test_contact_line_skips_missing_parts() -> None:
    r = Record(schema=1, lang="en", person=Person(name="A", email="a@example.org"))
    assert contact_line(r) == "a@example.org"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1990, 2025), st.integers(1, 12), st.booleans()),
        min_size=1,
        max_size=5,
    )
)
def test_ordered_positions_is_a_sorted_permutation(starts: list[tuple[int, int, bool]]) -> None:
    work = tuple(
        Position(
            organization=f"Org {i}",
            start=PartialDate(y, m),
            end=None if cur else PartialDate(y + 1, m),
        )
        for i, (y, m, cur) in enumerate(starts)
    )
    r = Record(schema=1, lang="ja", person=Person(name="X"), work=work)
    out = ordered_positions(r)
    assert sorted(p.organization for p in out) == sorted(p.organization for p in work)
    assert [p.start for p in out] == sorted((p.start for p in work), reverse=True)


def test_japanese_prose_loses_the_spaces_of_folded_yaml_lines(physician: Record) -> None:
    assert join_folded("担ってきた。 救急外来の 運営") == "担ってきた。救急外来の運営"
    assert join_folded("TOEIC 810点 取得　済み") == "TOEIC 810点取得　済み"
    assert join_folded("平田 健一") == "平田健一"  # prose only: names are never passed in
    folded = dataclasses.replace(physician, summary="三次救急で15年間勤務。 多発外傷の初療")
    assert shokumu_context(folded)["summary"] == "三次救急で15年間勤務。多発外傷の初療"
    assert shokumu_context(physician)["name"] == "平田 健一"


@pytest.mark.parametrize(
    ("lic", "number"),
    [
        (License(PartialDate(2009, 5), "医師免許", "第512345号"), "医籍登録番号 第512345号"),
        (License(PartialDate(2009, 5), "歯科医師免許", "第2345号"), "歯科医籍登録番号 第2345号"),
        (License(PartialDate(2009, 5), "医師免許", "医籍登録番号 第1号"), "医籍登録番号 第1号"),
        (License(PartialDate(2013, 5), "臨床工学技士", "第12345号"), "第12345号"),
        (License(PartialDate(2013, 5), "臨床工学技士"), ""),
    ],
)
def test_license_number_names_the_physicians_register(lic: License, number: str) -> None:
    assert license_number(lic) == number


def test_resume_layout_values(cs_en: Record) -> None:
    assert fits_one_line("Clinical Specialist", "Jan 2018 – Present")
    long_title = "Attending Gastroenterologist and Director of the Endoscopy Quality Program"
    assert not fits_one_line(long_title, "Nov 2017 – Present")
    # both papers keep 174 mm of text: 18 mm margins on A4, 20.95 mm on Letter
    assert side_margin("a4") == round(18 * 1440 / 25.4)
    assert side_margin("letter") == round(20.95 * 1440 / 25.4)
    assert resume_context(cs_en, paper="letter")["margin_x"] == side_margin("letter")
    assert links_line(cs_en) == "https://www.linkedin.com/in/example-okafor"
