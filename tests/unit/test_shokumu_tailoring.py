"""The 職務経歴書 for a target: 自己PR and 職務要約 tailored by emphasis, duty loads, labels."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from resumegen.documents import shokumu
from resumegen.enrich.application import enrich
from resumegen.enrich.quantify import duty_load
from resumegen.enrich.self_pr import tailored_pr
from resumegen.record.model import Metric, Record, Target
from resumegen.record.validate import load_record
from resumegen.text import label_ja

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def specialist() -> Record:
    return load_record(ROOT / "samples" / "clinical-specialist-ja.yaml")


@pytest.fixture(scope="module")
def physician() -> Record:
    return load_record(ROOT / "samples" / "physician-ja.yaml")


def test_the_msl_self_pr_leads_with_education_and_leaves_the_cs_pitch_out(
    specialist: Record,
) -> None:
    msl = tailored_pr(enrich(specialist, "msl"))
    cs = tailored_pr(enrich(specialist, "medit-cs"))
    assert (
        msl.text
        == "施設向け教育会の企画・実施に取り組み、教育会開催は年36回、受講者満足度は92%でした。"
    )
    # the point that repeats the customer-success motivation is left out, and said so
    assert [other for _, other in msl.left_out] == ["medit-cs"]
    assert "顧客の成果" in msl.left_out[0][0]
    # for customer success it stays as typed: it speaks of the first emphasised achievement
    # the 実績 lists (術中トラブル対応の標準化), so nothing is added before it
    assert cs.left_out == ()
    assert cs.text == specialist.self_pr


def test_without_a_target_the_self_pr_is_printed_as_typed(specialist: Record) -> None:
    assert tailored_pr(enrich(specialist)).text == specialist.self_pr


def test_points_are_ordered_by_the_emphasised_achievement_they_name(physician: Record) -> None:
    text = (
        "研修医向けの外傷初期診療コースを毎月開催してきました。\n"
        "救急車受入不能率を18%から7%に下げました。\n"
        "多職種との調整を得意としています。"
    )
    record = dataclasses.replace(physician, self_pr=text)
    ordered = tailored_pr(enrich(record, "saitama-er")).text.split("\n")
    assert ordered == [  # emphasis: management, then education; the rest as typed
        "救急車受入不能率を18%から7%に下げました。",
        "研修医向けの外傷初期診療コースを毎月開催してきました。",
        "多職種との調整を得意としています。",
    ]
    # both emphasised achievements are named, so nothing is added
    assert shokumu.build(enrich(record, "saitama-er"))["self_pr"] == "\n".join(ordered)


def test_points_naming_no_emphasised_achievement_get_its_figures_first(physician: Record) -> None:
    record = dataclasses.replace(physician, self_pr="多職種との調整を得意としています。")
    assert tailored_pr(enrich(record, "saitama-er")).text == (
        "救急外来の受入プロセスを見直し、受入不能件数を削減したことで、"
        "救急車受入不能率（2019年度→2022年度）は18%から7%に、初療開始までの時間は25分から12分に"
        "なりました。"
        "研修医向けの外傷初期診療コースを立ち上げて運営したことで、外傷初期診療コース開催は"
        "年12回、受講者満足度（5点満点）は3.4点から4.6点になりました。"
        "多職種との調整を得意としています。"
    )
    # the person's own point on the first emphasis leads: nothing is added
    assert tailored_pr(enrich(physician, "saitama-er")).text == physician.self_pr


def test_no_self_pr_stays_empty_for_a_target(specialist: Record) -> None:
    record = dataclasses.replace(specialist, self_pr=None)
    assert shokumu.build(enrich(record, "msl"))["self_pr"] == ""


def test_the_summary_line_names_the_emphasised_achievements(specialist: Record) -> None:
    assert shokumu.target_line(enrich(specialist, "msl")) == (
        "施設向け教育会の企画・実施をはじめとする経験を活かし、貴社のMSLとして"
        "貢献したいと考えております。"
    )
    # the achievement named is the one 【実績】 lists first
    for target in ("msl", "medit-cs"):
        data = shokumu.build(enrich(specialist, target))
        first = data["positions"][0]["achievements"][0]["summary"]
        assert data["target_line"].startswith(first)  # named, not quoted
    plain = dataclasses.replace(
        specialist, targets=(Target(id="x", employer="大阪中央病院", role="臨床工学技士"),)
    )
    assert shokumu.target_line(enrich(plain, "x")) == (
        "これまでの経験を活かし、貴院の臨床工学技士として貢献したいと考えております。"
    )
    assert shokumu.target_line(enrich(specialist)) == ""


def test_a_duty_load_is_printed_with_the_duties(physician: Record) -> None:
    data = shokumu.build(enrich(physician, "saitama-er"))
    current = data["positions"][0]
    assert current["duties"][-1] == "当直：月6回"
    statements = [s for a in current["achievements"] for s in a["statements"]]
    assert not any("当直" in s for s in statements)
    assert "外傷手術（執刀）：年間120件" in statements


@pytest.mark.parametrize(
    ("metric", "load"),
    [
        (Metric(name="当直", value=Decimal(6), unit="回", period="月"), True),
        (Metric(name="オンコール待機", value=Decimal(8), unit="回", period="月"), True),
        (Metric(name="On-call nights", value=Decimal(4), unit="nights"), True),
        (Metric(name="当直", before=Decimal(8), after=Decimal(4), unit="回"), False),  # a change
        (Metric(name="外傷手術（執刀）", value=Decimal(120), unit="件"), False),
        (Metric(name="外来患者数", value=Decimal(40), unit="名"), False),
        (Metric(name="当直回数（二次救急）", value=Decimal(4), unit="回", period="月"), True),
        (Metric(name="外来", value=Decimal(3), unit="コマ", period="週"), True),
        (Metric(name="Night shifts", value=Decimal(6), unit="shifts", period="month"), True),
        (Metric(name="患者待機時間", value=Decimal(30), unit="分"), False),
        (Metric(name="夜勤帯の転倒件数", value=Decimal(3), unit="件"), False),
        (Metric(name="Calls answered on-call", value=Decimal(50), unit="calls"), False),
    ],
)
def test_duty_load(metric: Metric, load: bool) -> None:
    assert duty_load(metric) is load


def test_labels_in_japanese_documents_close_with_a_full_width_colon(physician: Record) -> None:
    assert label_ja("当直: 月6回") == "当直：月6回"
    assert label_ja("比: a: b") == "比：a: b"  # only the label's own colon
    assert label_ja("数値なし") == "数値なし"
    for pos in shokumu.build(enrich(physician))["positions"]:
        for a in pos["achievements"]:
            assert all(": " not in s for s in a["statements"])


def test_an_added_sentence_says_no_duty_load(physician: Record) -> None:
    clinical = Target(id="c", employer="中央病院", role="外傷外科医", emphasis=("clinical",))
    record = dataclasses.replace(
        physician, self_pr="多職種との調整を得意としています。", targets=(clinical,)
    )
    assert tailored_pr(enrich(record, "c")).text == (
        "多発外傷の手術と集中治療に取り組み、外傷手術（執刀）は年間120件でした。"
        "多職種との調整を得意としています。"
    )


def test_the_first_emphasised_achievement_leads_even_when_the_person_wrote_of_another(
    physician: Record,
) -> None:
    record = dataclasses.replace(
        physician, self_pr="研修医向けの外傷初期診療コースを運営しました。"
    )
    pr = tailored_pr(enrich(record, "saitama-er")).text  # 実績: management, education
    assert pr.startswith("救急外来の受入プロセスを見直し、受入不能件数を削減したことで、")
    assert pr.endswith("。研修医向けの外傷初期診療コースを運営しました。")
    assert "「研修医向けの外傷初期診療コース" not in pr  # the person's own words stand for it


def test_the_interview_sheet_says_the_same_self_pr_as_the_shokumu(specialist: Record) -> None:
    """One application, one 自己PR: the MSL sheet's strengths answer says the MSL 職務経歴書's
    自己PR, not the customer-success pitch it leaves out."""
    import resumegen

    msl = tailored_pr(enrich(specialist, "msl"))
    sheet = resumegen.context_for(specialist, "interview", target="msl")
    strengths = next(q for q in sheet["questions"] if q["id"] == "strengths")
    said = " ".join(line["text"] for line in strengths["lines"])
    for point, _other in msl.left_out:
        assert point not in said
    assert msl.left_out, "the sample's MSL 自己PR leaves a point out"


def test_the_rirekisho_box_holds_the_same_self_pr_as_the_shokumu(specialist: Record) -> None:
    import resumegen

    msl = tailored_pr(enrich(specialist, "msl"))
    box = resumegen.context_for(specialist, "rirekisho", target="msl")["motivation"]
    assert msl.text in box
    assert all(point not in box for point, _ in msl.left_out)
