"""The person's own clauses of fact, said in the answer's register (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

import resumegen
from resumegen.enrich.answer_rules import answer_rules, load_answer_rules
from resumegen.enrich.fold import fold
from resumegen.enrich.reason_answer import Grounding
from resumegen.enrich.situation import holds_blame, intro, ja_polite, situation
from resumegen.errors import RecordError
from resumegen.text import EN_NUMBER_WORDS

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("clause", "polite"),
    [
        ("慢性期病棟の閉鎖が正式に決まって", "慢性期病棟の閉鎖が正式に決まりました。"),
        ("作業療法室も縮小されて", "作業療法室も縮小されました。"),
        ("特許が切れて", "特許が切れました。"),
        ("担当品の特許が来年切れて", "担当品の特許が来年切れます。"),
        ("4月から担当エリアが倍になって", "4月から担当エリアが倍になります。"),
        ("腰を痛めて整形に通っている", "腰を痛めて整形に通っています。"),
        ("所長と私の2人で24時間対応してて", "所長と私の2人で24時間対応しています。"),
        ("1日20人以上を1人20分で回して", "1日20人以上を1人20分で回しています。"),
        ("統合するという噂があって", "統合するという噂があります。"),
        ("施設のケアマネ枠が空く見込みがない", "施設のケアマネ枠が空く見込みがありません。"),
        ("補充が決まらない", "補充が決まりません。"),
        ("人が増えない", "人が増えません。"),
        ("担当施設が片道2時間かかるのに", "担当施設が片道2時間かかります。"),
        ("妻が父の医院を継ぐ予定なので", "妻が父の医院を継ぐ予定です。"),
        ("MR10年目", "MR10年目です。"),
        ("夜勤は月9回だった", "夜勤は月9回でした。"),
        ("担当が1人抜けた", "担当が1人抜けました。"),
        ("去年ケアマネの資格を取った", "去年ケアマネの資格を取りました。"),
        ("先月から言われた", "先月から言われました。"),
        ("本社に呼んだ", "本社に呼びました。"),
        ("来年3月で契約が終わる", "来年3月で契約が終わります。"),
        ("来年から病棟が変わる", "来年から病棟が変わります。"),
        ("4月に異動する", "4月に異動します。"),
        ("オンコールが週3回回ってくる", "オンコールが週3回回ってきます。"),
        ("夫の転勤で来年3月に福岡へ引っ越します", "夫の転勤で来年3月に福岡へ引っ越します。"),
        ("症例が年20件くらいしかない", "症例が年20件くらいしかありません。"),
        ("年収が150万低い", "年収が150万低いです。"),
        ("オンコールは夜の緊急まで", "オンコールは夜の緊急までです。"),
    ],
)
def test_a_japanese_clause_ends_in_the_polite_form(clause: str, polite: str) -> None:
    assert ja_polite(clause) == polite


@pytest.mark.parametrize("clause", ["分娩介助は月に1回あるかないか", "", "〜"])
def test_a_japanese_clause_of_an_unknown_ending_is_not_said(clause: str) -> None:
    assert ja_polite(clause) is None


def _said(text: str, lang: str) -> list[str]:
    return [t.said for t in situation(text, answer_rules(lang))]


def test_a_japanese_count_with_a_comma_is_one_clause() -> None:
    said = _said("担当していた治験が年に2、3本中止になりました。", "ja")
    assert said == ["担当していた治験が年に2、3本中止になりました。"]
    # a clause cut before its particle (も…) is not said
    assert _said("病棟が来年3月で閉鎖されます。も4月に統合されます。", "ja") == [
        "病棟が来年3月で閉鎖されます。"
    ]


def test_a_complaints_figures_are_not_said_but_a_facts_detail_is() -> None:
    """DOMAIN §4.3: facts are stated plainly; a complaint (its load, its figures) is
    answered by its entry's positive words, not repeated."""
    assert (
        _said(
            "Cath lab tech, 6 yrs. Since two of us quit we're 1-in-3 for call and I got called "
            "in 4 nights last week alone. Nobody is being hired to replace them.",
            "en",
        )
        == []
    )
    told = situation(
        "Dialysis RN. Our outpatient unit closes at the end of the month.",
        answer_rules("en"),
        facts=["unit closes"],
    )
    assert [t.said for t in told] == ["Our outpatient unit closes at the end of the month."]
    assert _said("We're moving to the new site in May.", "en") == [
        "We are moving to the new site in May."
    ]


def test_feelings_blame_and_rumour_are_never_said() -> None:
    said = _said(
        "Retail pharmacist. Our store closes in May, the DM yells at us every morning, I'm "
        "scared I'll make an error, and word is they'll close 3 more stores next month.",
        "en",
    )
    assert said == ["Our store closes in May."]
    ja = _said("病棟が閉鎖されてもう限界。院長に毎日怒鳴られる。来年統合するって噂がある。", "ja")
    assert ja == []


def test_an_agents_third_person_becomes_the_first() -> None:
    said = _said(
        "Candidate is a CRC at an academic site. She's on an H-1B tied to the university "
        "and the PI's grant ends in December. The product line she supports closes in May.",
        "en",
    )
    assert "The PI's grant ends in December." in said
    assert "The product line I support closes in May." in said
    assert not any(re.search(r"\b(?:she|her)\b", s, re.I) for s in said)


def test_he_or_she_is_said_as_the_family_member_named_before() -> None:
    said = _said(
        "Dental nurse. My husband's in the army and he's been posted to Catterick from August.",
        "en",
    )
    assert said == ["My husband has been posted to Catterick from August."]
    # someone the answer does not name is not said at all
    assert _said("The consultant I work for is lovely but he's retiring in June.", "en") == []


def test_the_next_step_and_the_introduction_are_left_out() -> None:
    text = "MR10年目。担当品の販売が来年3月で終了して、来年4月からMSLとして働きたい。"
    r = resumegen.rephrase(text, lang="ja", profile="clinical-specialist")
    assert r.long == (
        "MRとして勤務しています。担当品の販売が来年3月で終了します。"
        "今後はMSLとして働きたいと考えています。"
    )


def test_the_introduction_says_the_persons_role_and_years() -> None:
    en, ja = answer_rules("en"), answer_rules("ja")
    assert (
        intro(en, title="paramedic", field=None, years=9)
        == "I have worked as a paramedic for 9 years."
    )
    assert intro(en, title="OT", field=None, years=6) == "I have worked as an OT for 6 years."
    assert intro(en, title=None, field="respiratory ward", years=5) == (
        "I have worked in a respiratory ward for 5 years."
    )
    assert intro(ja, title="看護師", field=None, years=12) == "看護師として12年勤務してきました。"
    # エコー歴5年: a field written as a career is no role
    assert intro(ja, title="腹部エコー", field=None, years=5) == "腹部エコーの経験が5年あります。"
    assert intro(en, title="paramedic", field=None, years=None) == "I work as a paramedic."
    assert intro(en, title=None, field=None, years=None) is None


def test_an_answer_says_the_persons_own_fact_instead_of_a_stock_one() -> None:
    r = resumegen.rephrase(
        "Dialysis RN. Our outpatient unit closes at the end of the month.", lang="en"
    )
    assert r.long is not None
    assert r.long.startswith("I work as a dialysis RN. Our outpatient unit closes at the end of")
    assert "due to close" not in r.long  # the entry's general words are not said as well


def test_a_reason_of_facts_no_entry_knows_still_gets_an_answer() -> None:
    r = resumegen.rephrase(
        "MSL in oncology for 4 years. Our lead asset failed its phase 3 in November and "
        "I've been told my role ends April 30. No complaints about the team.",
        lang="en",
        profile="clinical-specialist",
    )
    assert r.reason and r.long is not None
    assert "Our lead asset failed its phase 3 in November." in r.long
    assert "I have been told my role ends April 30." in r.long


def _sets() -> list[tuple[str, dict[str, object]]]:
    out = []
    for path in sorted(DATA.glob("leaving-answers-round*-*.yaml")):
        lang = path.stem.rsplit("-", 1)[1]
        out.extend((lang, item) for item in YAML(typ="safe").load(path.read_text("utf-8")))
    return out


def test_no_answer_states_a_number_the_person_or_the_target_did_not() -> None:
    """Over every held-out line: each figure of an answer is in the text or the target."""
    bad = []
    for lang, item in _sets():
        text = str(item["text"])
        target = item.get("target")
        r = resumegen.rephrase(
            text,
            lang=lang,
            profile=item.get("profile") or None,  # type: ignore[arg-type]
            grounding=Grounding.of_target(target if isinstance(target, dict) else None),
        )
        given = set(re.findall(r"\d+", _digits(fold(text + " " + str(target or ""), lang))))
        for said in (r.rephrased, r.long):
            extra = set(re.findall(r"\d+", fold(said or "", lang))) - given
            if extra:
                bad.append((text, said, extra))
    assert not bad, [(t[:60], s, e) for t, s, e in bad]


def _digits(text: str) -> str:
    """*text* with English number words as digits (eight → 8), as the answer may say them."""
    for i, word in enumerate(EN_NUMBER_WORDS):
        if word:
            text = re.sub(rf"\b{word}\b", f"{word} {i}", text)
    return text


def test_no_clause_of_the_person_said_holds_blame_or_feeling() -> None:
    bad = []
    for lang, item in _sets():
        rules = answer_rules(lang)
        for told in situation(str(item["text"]), rules):
            if holds_blame(told.said, rules):
                bad.append(told.said)
    assert not bad, bad[:5]


@pytest.mark.parametrize(
    ("body", "where", "why"),
    [
        ("situation:\n  mark: ['\\d']\n", "situation.mark", "unknown key"),
        ("situation:\n  marks: ['(']\n", "situation.marks[0]", "not a regular expression"),
        (
            "situation:\n  marks: ['\\d']\n  intro: ['{role} for {years}']\n",
            "situation.intro[0]",
            "{role}",
        ),
        ("situation:\n  marks: ['\\d']\n  rewrite: {yrs: ~}\n", "situation.rewrite.yrs", "instead"),
    ],
)
def test_a_situation_section_is_checked_where_it_is_wrong(
    tmp_path: Path, body: str, where: str, why: str
) -> None:
    path = tmp_path / "answer-rules.yaml"
    path.write_text("claims: [so far]\ncoaching: [in the interview]\n" + body, encoding="utf-8")
    with pytest.raises(RecordError) as err:
        load_answer_rules(path, "en")
    assert where in str(err.value) and why in str(err.value), str(err.value)


def test_rules_without_a_situation_section_say_no_clause_of_the_person(tmp_path: Path) -> None:
    path = tmp_path / "answer-rules.yaml"
    path.write_text("claims: [so far]\ncoaching: [in the interview]\n", encoding="utf-8")
    rules = load_answer_rules(path, "en")
    assert situation("Our unit closes on 30 June.", rules) == []
    assert intro(rules, title="nurse", field=None, years=5) is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "My name is Priya and I'm a Band 6 sister on a general surgical ward in Leicester"),
        ("en", "Good morning! I'm free for a call any time after 3pm on Tuesday."),
        ("ja", "はじめまして。看護師12年目で、今は透析室で働いています。"),
    ],
)
def test_clauses_that_only_introduce_the_person_get_no_answer(lang: str, text: str) -> None:
    """A figure alone is no reason: without an entry, a step or a change, no answer."""
    r = resumegen.rephrase(text, lang=lang)
    assert r.long is None and r.told == ()


def test_a_change_no_entry_knows_is_still_a_reason() -> None:
    r = resumegen.rephrase(
        "外資製薬の臨床開発職です。開発機能をシンガポールに集約すると発表があり、"
        "私のポジションが来年なくなります。",
        lang="ja",
    )
    assert r.long is not None and "私のポジションが来年なくなります。" in r.long


def test_a_change_no_entry_knows_is_said_even_without_a_figure() -> None:
    said = _said("Clinical specialist. The company is exiting the product line I support.", "en")
    assert said == ["The company is exiting the product line I support."]


def test_hearsay_is_never_said_as_the_persons_fact() -> None:
    assert _said("There's talk our hospital is about to be bought out in May.", "en") == []
    assert _said("来年統合するって噂があって、4月から変わるらしい。", "ja") == []


def test_who_speaks_is_said_once() -> None:
    r = resumegen.rephrase(
        "内科医です。勤務先の病院が来年度末で閉院すると正式に通知されました。", lang="ja"
    )
    assert r.long is not None and r.long.startswith("内科医として勤務しています。")
    assert r.long.count("内科医") == 1, r.long
