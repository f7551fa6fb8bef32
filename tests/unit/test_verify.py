"""Agent-written text verified against the record: figures, dates, names, tone and length."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumegen.enrich.application import enrich
from resumegen.enrich.verify import KINDS, Kind, TextFinding, record_findings, verify_text
from resumegen.errors import ArgumentError
from resumegen.record.model import Record
from resumegen.record.validate import load_record, load_record_text

pytestmark = pytest.mark.usefixtures("records_own_language")  # findings in the record's language

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def physician() -> Record:
    return load_record(SAMPLES / "physician-ja.yaml")


@pytest.fixture(scope="module")
def specialist() -> Record:
    return load_record(SAMPLES / "clinical-specialist-en.yaml")


def _excerpts(found: list[TextFinding], rule: str) -> list[str]:
    return [f.excerpt for f in found if f.rule == rule]


def test_figures_the_record_holds_or_implies_pass_ja(physician: Record) -> None:
    text = (
        "救急外来の受入不能率を3年で18%から7%（11ポイント、61%）に下げ、初療開始までの時間を"
        "25分から12分に短縮しました。大学病院で15年間、医師として17年勤務し、北東大学病院では"
        "年12回のコースで延べ180名を指導しました。"
    )
    assert verify_text(text, "self_pr", physician) == []


def test_a_figure_not_in_the_record_is_positioned(physician: Record) -> None:
    text = "受入不能率を20%下げ、25日で短縮しました。"
    found = verify_text(text, "self_pr", physician)
    assert [(f.rule, f.start, f.end, f.excerpt) for f in found] == [
        ("figure", 6, 9, "20%"),
        ("figure", 12, 15, "25日"),  # 25 is in the record, in minutes
    ]
    assert found[0].message == "「20%」: この数字（値と単位）は記録にありません"
    assert text[found[0].start : found[0].end] == found[0].excerpt


def test_a_relative_change_in_tenths_and_figures_of_speech_pass() -> None:
    rec = load_record(ROOT / "resumegen" / "record" / "starters" / "physician-ja.yaml")
    # 60分 → 35分 is 42% shorter: 4割 (half-up or down), never 5割
    day = dt.date(2026, 4, 1)  # the starter has no as_of
    text = "待ち時間を4割短縮し、24時間365日の外来を支えました。"
    assert verify_text(text, "self_pr", rec, today=day) == []
    found = verify_text("待ち時間を5割短縮", "self_pr", rec, today=day)
    assert _excerpts(found, "figure") == ["5割"]


def test_the_tools_own_answers_and_statements_verify_clean() -> None:
    """What the tool writes from a record passes its own verification (negative words aside:
    a statement names 当直 as the record does)."""
    from resumegen.enrich.quantify import quantify

    for path in sorted(SAMPLES.glob("*.yaml")):
        rec = load_record(path)
        for target in [None, *(t.id for t in rec.targets)]:
            for _, answer in enrich(rec, target).leaving_answers():
                for text in filter(None, (answer.rephrased, answer.long)):
                    assert verify_text(text, "leaving_answer", rec, target=target) == []
        for item in quantify(rec):
            for statement in item.statements:
                found = verify_text(statement, "self_pr", rec)
                assert [f for f in found if f.rule != "negative"] == [], statement


def test_a_change_of_a_rate_is_in_points_not_percent(physician: Record) -> None:
    found = verify_text("受入不能率を11%下げました。", "self_pr", physician)
    assert _excerpts(found, "figure") == ["11%"]


def test_years_round_to_the_nearest_year_or_down_never_up(physician: Record) -> None:
    # 2011-04 to 2026-01: 14 years 9 months, said 15 or 14; never 16 for that post
    assert verify_text("救急科で14年勤務。", "summary", physician) == []
    assert verify_text("救急科で15年勤務。", "summary", physician) == []
    assert _excerpts(verify_text("救急科で19年勤務。", "summary", physician), "figure") == ["19年"]


def test_dates_not_in_the_record_are_flagged(physician: Record) -> None:
    text = "2011年4月に入職し、2018年4月と令和2年に受入体制を見直しました。"
    found = verify_text(text, "self_pr", physician)
    assert _excerpts(found, "date") == ["2018年4月", "令和2年"]  # 2011-04 is the record's start


def test_employers_not_in_the_record_are_flagged(physician: Record) -> None:
    text = "埼玉総合病院で、北東大学医学部附属病院での経験を活かしたいと考えています。"
    found = verify_text(text, "motivation", physician, target="saitama-er")
    assert _excerpts(found, "organization") == ["埼玉総合病院"]
    assert verify_text("埼玉中央総合病院の救急センターで", "motivation", physician) == []
    kinds = "大学病院・基幹病院で論文・学会発表を重ね、救急センターを運営しました。"
    assert verify_text(kinds, "summary", physician) == []  # kinds of places, not names


def test_another_targets_employer_in_a_motivation_is_flagged() -> None:
    yaml = (SAMPLES / "clinical-specialist-ja.yaml").read_text("utf-8")
    rec = load_record_text(yaml, "r.yaml")
    text = "関西メディカルサイエンス株式会社で、定着支援の経験を活かしたいと考えています。"
    found = verify_text(text, "motivation", rec, target="medit-cs")
    assert [f.message for f in found] == [
        "「関西メディカルサイエンス株式会社」: 別の応募先（msl）の名前です"
    ]


def test_negative_words_are_flagged(physician: Record) -> None:
    found = verify_text("当直が月6回あり体力的に限界です。", "leaving_answer", physician)
    assert "体力的に限界" in _excerpts(found, "negative")
    assert _excerpts(found, "figure") == []  # 月6回 is in the record
    found = verify_text("上司がひどく、異動しました。", "leaving_answer", physician)
    assert _excerpts(found, "negative") == ["上司がひどく"]  # the word as typed, not the stem
    motivation = "上司がひどく、御院を志望しました。"  # a topic word counts only in an answer
    assert verify_text(motivation, "motivation", physician) == []


def test_over_length_is_flagged_where_the_box_ends(physician: Record) -> None:
    answer = "救急外来の運営改善に取り組みました。" * 12
    (length,) = verify_text(answer, "leaving_answer", physician)
    assert (length.rule, length.start, length.end) == ("length", 200, len(answer))
    assert "200字" in length.message
    motivation = "受入体制づくりの経験を活かしたいと考えています。" * 30
    assert verify_text(motivation, "motivation", physician) == []  # no box given
    (box,) = verify_text(motivation, "motivation", physician, box_chars=540)
    assert box.start == 540 and "志望の動機欄" in box.message


def test_english_text_rounding_derived_figures_and_names(specialist: Record) -> None:
    good = (
        "At Northern Cardiac Devices I cut repeat incidents from 10% to 3% (down 7 percentage "
        "points, a 70% relative reduction) and grew accounts from 6 to 11 from 2019 to 2024, "
        "over 8 years."
    )
    assert verify_text(good, "summary", specialist) == []
    bad = "In March 2017 I joined St Mary's Hospital and grew sales by 40%; my boss was awful."
    found = verify_text(bad, "leaving_answer", specialist)
    assert [(f.rule, f.excerpt) for f in found] == [
        ("date", "March 2017"),
        ("organization", "St Mary's Hospital"),
        ("figure", "40%"),
        ("negative", "boss was awful"),
    ]
    assert found[1].message == "“St Mary's Hospital”: this organization is not in the record"


def test_over_length_english_answer_counts_words(specialist: Record) -> None:
    answer = " ".join(["clinicians"] * 61)
    (length,) = verify_text(answer, "leaving_answer", specialist)
    assert length.start == len("clinicians ") * 60 and "60 words" in length.message


def test_an_unknown_kind_is_an_argument_error(physician: Record) -> None:
    with pytest.raises(ArgumentError) as e:
        verify_text("…", "cover_letter", physician)  # type: ignore[arg-type]
    assert e.value.param == "kind"


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.yaml")))
def test_the_samples_own_texts_pass(name: str) -> None:
    assert record_findings(enrich(load_record(SAMPLES / name))) == []


def test_check_reports_the_records_own_text_at_its_line(physician: Record) -> None:
    yaml = (SAMPLES / "physician-ja.yaml").read_text("utf-8")
    old = "救急外来の受入不能率を3年で18%から7%に下げた"
    rec = load_record_text(
        yaml.replace(old, "救急外来の受入不能率を4年で18%から5%に下げた"), "r.yaml"
    )
    found = record_findings(enrich(rec))
    assert [(f.path, f.severity) for f in found] == [("self_pr", "warning")] * 2
    assert {f.message for f in found} == {
        "「4年」: この数字（値と単位）は記録にありません",
        "「5%」: この数字（値と単位）は記録にありません",
    }
    assert (found[0].line, found[0].column) == rec.where("self_pr") != (0, 0)


_PIECES = [
    *"0123456789０１２,.，%％ ・",
    *("年", "月", "度", "令和", "平成元", "万円", "億", "病院", "大学", "株式会社", "上司がひどく"),
    *(" Hospital", " Ltd", "March ", "2019", "2,000", "$", "¥", " years", "St Mary's"),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), st.sampled_from(KINDS))
def test_any_text_gives_findings_at_their_offsets(text: str, kind: Kind) -> None:
    for rec in (
        load_record(SAMPLES / "physician-ja.yaml"),
        load_record(SAMPLES / "clinical-specialist-en.yaml"),
    ):
        for f in verify_text(text, kind, rec, box_chars=540):
            assert 0 <= f.start <= f.end <= len(text)
            assert f.excerpt == text[f.start : f.end]
            assert f.message and "\n" not in f.message


@pytest.mark.parametrize("profile", ["general", "physician", "clinical-specialist"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_fresh_starter_verifies_clean(profile: str, lang: str) -> None:
    """A starter is dated today: its texts name no tenure that goes stale as years pass."""
    import datetime as dt

    from resumegen.record.starter import starter_record

    record = load_record_text(starter_record(profile, lang), f"{profile}-{lang}.yaml")
    assert record_findings(enrich(record, today=dt.date(2031, 6, 1))) == []
