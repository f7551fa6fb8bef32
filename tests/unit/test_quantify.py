"""Tests for resumegen.enrich.quantify and resumegen.enrich.numbers."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumegen.enrich.numbers import fmt, relative_percent, yen_ja
from resumegen.enrich.quantify import (
    QuantifiedAchievement,
    improved,
    metric_statement,
    quantify,
    quantify_achievement,
)
from resumegen.record.model import Achievement, Metric, Person, Position, Record
from resumegen.record.model import PartialDate as PD

D = Decimal
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def lvl(name: str, value: str, unit: str = "", **kw: object) -> Metric:
    return Metric(name=name, value=D(value), unit=unit, **kw)  # type: ignore[arg-type]


def chg(name: str, before: str, after: str, unit: str = "", **kw: object) -> Metric:
    return Metric(name=name, before=D(before), after=D(after), unit=unit, **kw)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("8", "13", 63),
        ("8", "3", 63),
        ("18", "7", 61),
        ("14", "8", 43),
        ("90", "60", 33),
        ("3", "3", 0),
    ],
)
def test_relative_percent_rounds_half_up(before: str, after: str, expected: int) -> None:
    assert relative_percent(D(before), D(after)) == expected


def test_relative_percent_is_none_from_zero() -> None:
    assert relative_percent(D(0), D(5)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("18000000", "1,800万円"),
        ("150000000", "1億5,000万円"),
        ("12345", "1万2,345円"),
        ("9999", "9,999円"),
        ("100000000", "1億円"),
    ],
)
def test_yen_grouping(value: str, expected: str) -> None:
    assert yen_ja(D(value)) == expected


def test_fmt_keeps_precision_and_separators() -> None:
    assert fmt(D("11.0")) == "11.0"
    assert fmt(D("12000")) == "12,000"
    assert fmt(D("-0")) == "0"


# ----------------------------------------------------------------------------- levels


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (lvl("外傷手術（執刀）", "120", "件", period="年"), "外傷手術（執刀）: 年間120件"),
        (lvl("当直", "6", "回", period="月"), "当直: 月6回"),
        (lvl("教育会開催", "36", "回", period="年"), "教育会開催: 年36回"),
        (lvl("新規導入件数", "5", "件", period="2023年度"), "新規導入件数: 5件（2023年度）"),
        (lvl("受講者満足度", "92", "%"), "受講者満足度: 92%"),
        (lvl("受講者満足度", "4.6", "点", scale=D(5)), "受講者満足度: 4.6点／5点満点"),
        (lvl("外来患者数", "40", "名", period="日", approx=True), "外来患者数: 1日約40名"),
        (lvl("年間売上", "18000000", "円"), "年間売上: 1,800万円"),
        (lvl("年間売上", "1800", "万円"), "年間売上: 1,800万円"),
    ],
)
def test_level_ja(metric: Metric, expected: str) -> None:
    assert metric_statement(metric, "ja") == expected


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (lvl("operations", "120", "operations", period="year"), "120 operations a year"),
        (
            lvl("new system placements", "4", "placements", period="year"),
            "4 new system placements a year",
        ),
        (lvl("trainings", "12", "sessions", period="FY2023"), "Trainings: 12 sessions (FY2023)"),
        (lvl("satisfaction", "4.6", scale=D(5)), "Satisfaction: 4.6 out of 5"),
        (lvl("case volume", "300", "cases", approx=True), "Case volume: about 300 cases"),
        (lvl("savings", "12000", "$"), "Savings: $12,000"),
    ],
)
def test_level_en(metric: Metric, expected: str) -> None:
    assert metric_statement(metric, "en") == expected


def test_level_confidential_hides_the_figure() -> None:
    m = lvl("売上", "120000000", "円", confidential=True)
    assert not re.search(r"\d", metric_statement(m, "ja"))
    assert not re.search(r"\d", metric_statement(m, "en"))


# ----------------------------------------------------------------------------- changes


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (
            chg("救急車受入不能率", "18", "7", "%", better="lower", period="2019年度→2022年度"),
            "救急車受入不能率: 18% → 7%（11ポイント低下、相対61%減）（2019年度→2022年度）",
        ),
        (
            chg("担当施設数", "14", "8", "施設", better="higher"),
            "担当施設数: 14施設 → 8施設（6施設減、43%減）",
        ),
        (
            chg("初療開始までの時間", "25", "12", "分", better="lower"),
            "初療開始までの時間: 25分 → 12分（13分・52%短縮）",
        ),
        (
            chg("受講者満足度", "3.4", "4.6", "点", better="higher", scale=D(5)),
            "受講者満足度（5点満点）: 3.4点 → 4.6点（1.2点・35%向上）",
        ),
        (
            chg("導入リードタイム", "90", "60", "日", better="lower", confidential=True),
            "導入リードタイム: 33%短縮",
        ),
        (
            chg("材料費", "18000000", "12000000", "円", better="lower"),
            "材料費: 1,800万円 → 1,200万円（600万円・33%削減）",
        ),
        (chg("紹介件数", "0", "5", "件", better="higher"), "紹介件数: 0件 → 5件（5件増加）"),
        (chg("紹介件数", "5", "5", "件", better="higher"), "紹介件数: 5件 → 5件（変化なし）"),
        (chg("処理件数", "14.2", "11.0", "件"), "処理件数: 14.2件 → 11.0件（3.2件減、23%減）"),
    ],
)
def test_change_ja(metric: Metric, expected: str) -> None:
    assert metric_statement(metric, "ja") == expected


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (
            chg("repeat incident rate", "18", "7", "%", better="lower"),
            "Cut repeat incident rate from 18% to 7% "
            "(down 11 percentage points, a 61% relative reduction)",
        ),
        (
            chg(
                "accounts supported", "6", "11", "accounts", better="higher", period="2019 to 2024"
            ),
            "Grew accounts supported from 6 to 11 accounts (by 5 accounts, or 83%) (2019 to 2024)",
        ),
        (
            chg("accounts supported", "14", "8", "accounts", better="higher"),
            "Accounts supported fell from 14 to 8 accounts (down 6 accounts, or 43%)",
        ),
        (
            chg("onboarding lead time", "75", "50", "days", better="lower"),
            "Shortened onboarding lead time from 75 to 50 days (by 25 days, or 33%)",
        ),
        (
            chg("onboarding lead time", "75", "50", "days", better="lower", confidential=True),
            "Shortened onboarding lead time by 33%",
        ),
        (
            chg("satisfaction", "3.4", "4.6", better="higher", scale=D(5)),
            "Raised satisfaction from 3.4 to 4.6 out of 5 (by 1.2, or 35%)",
        ),
        (chg("complaints", "4", "4", "cases"), "Complaints: unchanged at 4 cases"),
    ],
)
def test_change_en(metric: Metric, expected: str) -> None:
    assert metric_statement(metric, "en") == expected


def test_point_difference_is_never_written_as_percent() -> None:
    m = chg("再発率", "12", "4", "%", better="lower")
    for lang in ("ja", "en"):
        text = metric_statement(m, lang)
        assert "8%" not in text
        assert "ポイント" in text or "percentage points" in text


def test_difference_keeps_input_precision() -> None:
    assert "3.2" in metric_statement(chg("待ち時間", "14.2", "11.0", "分", better="lower"), "ja")
    assert "1.2" in metric_statement(chg("score", "3.4", "4.6", better="higher"), "en")
    assert "1.20" in metric_statement(chg("score", "3.40", "4.60", better="higher"), "en")


def test_worse_change_is_stated_plainly() -> None:
    m = chg("シェア", "30", "25", "%", better="higher")
    ja = metric_statement(m, "ja")
    assert "向上" not in ja and "低下" in ja
    assert metric_statement(m, "en").startswith("Shea") is False
    assert " fell from 30% to 25%" in metric_statement(m, "en")


def test_approx_marks_every_figure() -> None:
    ja = metric_statement(chg("待ち時間", "30", "20", "分", better="lower", approx=True), "ja")
    assert ja == "待ち時間: 約30分 → 約20分（約10分・約33%短縮）"
    en = metric_statement(chg("wait", "30", "20", "minutes", better="lower", approx=True), "en")
    assert (
        en == "Shortened wait from about 30 to about 20 minutes (by about 10 minutes, or about 33%)"
    )


def test_confidential_rate_names_the_improvement() -> None:
    m = chg("再発率", "12", "4", "%", better="lower", confidential=True)
    assert metric_statement(m, "ja") == "再発率: 相対67%低減"
    assert metric_statement(m, "en") == "Cut 再発率 by 67% (relative)"
    worse = chg("再発率", "4", "12", "%", better="lower", confidential=True)
    assert metric_statement(worse, "ja") == "再発率: 相対200%上昇"


def test_confidential_change_from_zero_has_no_figures() -> None:
    m = chg("新規口座", "0", "7", "口座", better="higher", confidential=True)
    for lang in ("ja", "en"):
        assert not re.search(r"\d", metric_statement(m, lang))


def test_team_phrasing() -> None:
    a = Achievement(
        summary="x",
        role="member",
        metrics=(
            chg("導入リードタイム", "90", "60", "日", better="lower"),
            lvl("立ち会い件数", "120", "件", period="年"),
            chg("担当施設数", "14", "8", "施設", better="higher"),
        ),
    )
    ja = quantify_achievement(a, "ja")
    assert ja[0] == "チームとして導入リードタイムを90日から60日に短縮（30日、33%）"
    assert ja[1].endswith("（チーム全体の数値）")
    assert "チーム" in ja[2] and "減" in ja[2]
    en = quantify_achievement(
        Achievement(
            summary="x",
            role="member",
            metrics=(chg("lead time", "75", "50", "days", better="lower"),),
        ),
        "en",
    )
    assert en[0].startswith("The team shortened lead time")
    lead = quantify_achievement(Achievement(summary="x", role="lead", metrics=a.metrics), "ja")
    assert not any("チーム" in s for s in lead)


def test_unsupported_language_and_incomplete_metric() -> None:
    with pytest.raises(ValueError):
        metric_statement(lvl("a", "1"), "fr")
    with pytest.raises(ValueError):
        metric_statement(Metric(name="a"), "ja")


# ----------------------------------------------------------------------------- quantify(record)


def _record(lang: str = "ja") -> Record:
    return Record(
        schema=1,
        lang=lang,  # type: ignore[arg-type]
        person=Person(name="試験 太郎"),
        work=(
            Position(
                organization="A病院",
                start=PD(2010, 4),
                end=PD(2015, 3),
                achievements=(Achievement(summary="業務改善", tags=("quality",)),),
            ),
            Position(
                organization="B病院",
                start=PD(2015, 4),
                end=None,
                achievements=(
                    Achievement(summary="手術", metrics=(lvl("手術", "100", "件", period="年"),)),
                    Achievement(
                        summary="教育", tags=("education",), metrics=(lvl("勉強会", "12", "回"),)
                    ),
                ),
            ),
        ),
    )


def test_quantify_paths_order_and_flags() -> None:
    out = quantify(_record())
    assert [q.path for q in out] == [
        "work[0].achievements[0]",
        "work[1].achievements[0]",
        "work[1].achievements[1]",
    ]
    assert [q.quantified for q in out] == [False, True, True]
    assert out[0].statements == ()
    assert out[0].tags == ("quality",)
    assert out[1].as_json() == {
        "path": "work[1].achievements[0]",
        "summary": "手術",
        "statements": ["手術: 年間100件"],
    }
    assert isinstance(out[2], QuantifiedAchievement)


def _load(name: str) -> Record | None:
    try:
        from resumegen.record.validate import load_record  # type: ignore[import-not-found]
    except ImportError:
        return None
    return load_record(SAMPLES / name)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "name", ["physician-ja.yaml", "clinical-specialist-ja.yaml", "clinical-specialist-en.yaml"]
)
def test_samples_are_fully_quantified(name: str) -> None:
    record = _load(name)
    if record is None:
        pytest.skip("resumegen.record.validate.load_record is not available yet")
    out = quantify(record)
    assert out and all(q.quantified for q in out)
    joined = "\n".join(s for q in out for s in q.statements)
    if name == "physician-ja.yaml":
        assert (
            "救急車受入不能率: 18% → 7%（11ポイント低下、相対61%減）（2019年度→2022年度）" in joined
        )
        assert "外傷手術（執刀）: 年間120件" in joined
    if name == "clinical-specialist-en.yaml":
        assert "4 new system placements a year" in joined


# ----------------------------------------------------------------------------- properties

_UNITS = [
    "",
    "件",
    "分",
    "日",
    "%",
    "円",
    "万円",
    "施設",
    "点",
    "回",
    "days",
    "accounts",
    "$",
    "GBP",
]
_PERIODS = [None, "年", "月", "日", "2023年度", "FY2023", "2019 to 2024", "year", "month"]
_IMPROVE_JA = ("削減", "短縮", "向上", "拡大", "増加", "低減", "改善")
_IMPROVE_EN = ("reduced", "cut", "shortened", "raised", "grew", "increased", "improved")
_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")

decimals = st.one_of(
    st.integers(min_value=0, max_value=300_000_000).map(D),
    st.decimals(min_value=0, max_value=10_000, places=1, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
)


@st.composite
def metrics(draw: st.DrawFn) -> Metric:
    name = draw(st.sampled_from(["指標", "rate", "lead time", "件数の推移", "volume"]))
    unit = draw(st.sampled_from(_UNITS))
    period = draw(st.sampled_from(_PERIODS))
    scale = draw(st.sampled_from([None, D(5), D(10)]))
    approx = draw(st.booleans())
    confidential = draw(st.booleans())
    if draw(st.booleans()):
        return Metric(name=name, unit=unit, value=draw(decimals), period=period, scale=scale,
                      approx=approx, confidential=confidential)  # fmt: skip
    return Metric(
        name=name, unit=unit, before=draw(decimals), after=draw(decimals),
        better=draw(st.sampled_from([None, "higher", "lower"])), period=period,
        scale=scale, approx=approx, confidential=confidential,
    )  # fmt: skip


def _yen_parts(v: Decimal) -> set[Decimal]:
    if v != v.to_integral_value():
        return set()
    n = int(v)
    return {D(n // 100_000_000), D(n % 100_000_000 // 10_000), D(n % 10_000), v / 10_000}


def _allowed(m: Metric) -> set[Decimal]:
    inputs = [x for x in (m.value, m.before, m.after, m.scale) if x is not None]
    allowed = set(inputs) | {D(1)}  # "1日" (per day) and "1%未満" (under 1%)
    allowed |= {D(n.replace(",", "")) for n in _NUM.findall(m.period or "")}
    if m.before is not None and m.after is not None:
        diff = abs(m.after - m.before)
        allowed.add(diff)
        inputs.append(diff)
        rel = relative_percent(m.before, m.after)
        if rel is not None:
            allowed.add(D(rel))
    for v in inputs:
        allowed |= _yen_parts(v)
    return allowed


@settings(max_examples=300, deadline=None)
@given(metrics(), st.sampled_from(["ja", "en"]), st.booleans())
def test_every_number_comes_from_the_record(m: Metric, lang: str, team: bool) -> None:
    text = metric_statement(m, lang, team=team)
    allowed = _allowed(m)
    for raw in _NUM.findall(text):
        assert D(raw.replace(",", "")) in allowed, (raw, text)


@settings(max_examples=300, deadline=None)
@given(metrics(), st.sampled_from(["ja", "en"]), st.booleans())
def test_direction_words_follow_better(m: Metric, lang: str, team: bool) -> None:
    text = metric_statement(m, lang, team=team)
    words = _IMPROVE_JA if lang == "ja" else _IMPROVE_EN
    found = [w for w in words if re.search(rf"(?i)\b{w}\b" if lang == "en" else w, text)]
    if improved(m) is not True:
        assert not found, text
    elif not (lang == "ja" and m.is_percent and not m.confidential and not team):
        # 「11ポイント低下、相対61%減」 is the plain form the brief asks for rates.
        assert found or m.kind == "level", text
    if m.kind == "change" and m.is_percent and not m.confidential and improved(m) is not None:
        assert "ポイント" in text or "percentage points" in text
