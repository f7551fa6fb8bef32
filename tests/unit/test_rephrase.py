"""rephrase / negative_triggers: matching, combining, keep-as-is facts, layering, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from resumegen.enrich.answer_rules import answer_rules
from resumegen.enrich.fold import fold
from resumegen.enrich.next_step import find_next_step
from resumegen.enrich.reason_answer import Grounding, measure
from resumegen.enrich.rephrase import (
    Phrasebook,
    Rephrasing,
    load_phrasebooks,
    negative_triggers,
    no_match_help,
    rephrase,
    with_slots,
)
from resumegen.enrich.triggers import trigger_sample
from resumegen.errors import ArgumentError, ResumegenError
from resumegen.record.model import PROFILES
from resumegen.resources.phrasebook_load import bundled_phrasebook, load_phrasebook_file

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures" / "phrasebooks"


def _ids(r: Rephrasing) -> list[str]:
    return [m.id for m in r.matches]


def _said(positive: str, answer: str | None) -> bool:
    """The entry's idea is in the answer (English ideas are merged into one list)."""
    core = positive.removeprefix("I am looking for ").rstrip("。.")
    return answer is not None and core in answer


def _found_triggers(text: str, book: Phrasebook) -> list[str]:
    """Every complaint trigger of every entry (all profiles) that occurs in *text*
    (a fact's own words, 介護 or "laid off", are how a fact is named)."""
    return [t for _, e, t, _ in book.triggers_in(fold(text, book.lang)) if not e.keep_as_is]


# ------------------------------------------------------------ each category


CASES = [
    # (lang, profile, text, expected id, category)
    ("ja", "physician", "研究に興味を失ってしまった", "research_interest", "work"),
    ("ja", "general", "雑務ばかりで疲れる", "chores", "work"),
    ("ja", "physician", "症例数が少なく手技が身につかない", "case_volume", "work"),
    ("ja", "general", "上司と合わない", "boss_conflict", "people"),
    ("ja", "physician", "教授と合わない", "professor_conflict", "people"),
    ("ja", "general", "ボーナスが少ない", "low_pay", "conditions"),
    (
        "ja",
        "physician",
        "大学の給料だけではアルバイトに頼るしかない",
        "side_job_dependency",
        "conditions",
    ),
    ("ja", "general", "残業が多くて帰れない", "long_hours", "conditions"),
    ("ja", "clinical-specialist", "ノルマがきつい", "sales_quota_cs", "conditions"),
    ("ja", "clinical-specialist", "出張が多くて休日出勤もある", "travel_weekends_cs", "conditions"),
    ("ja", "general", "会社の将来性が不安", "org_future", "future"),
    ("ja", "general", "ポストが空かない", "career_ceiling", "future"),
    ("ja", "general", "スキルが伸びない", "no_growth", "work"),
    ("ja", "general", "親の介護が必要になった", "caregiving", "keep"),
    ("en", "general", "My manager took credit for everything", "credit_taken", "people"),
    ("en", "general", "Poor leadership and no vision", "poor_leadership", "people"),
    ("en", "general", "So much paperwork", "admin_burden", "work"),
    ("en", "physician", "I have lost interest in research", "research_interest", "work"),
    ("en", "general", "I was burned out", "burnout", "conditions"),
    ("en", "general", "Underpaid for years", "low_pay", "conditions"),
    ("en", "general", "A two-hour commute each way", "commute", "conditions"),
    ("en", "general", "I was micromanaged", "micromanaged", "people"),
    ("en", "general", "I have no autonomy in this role", "no_autonomy", "work"),
    ("en", "general", "There is no growth here", "no_growth", "work"),
    ("en", "general", "Endless reorganizations", "reorganisation", "future"),
    ("en", "general", "I was passed over for promotion", "career_ceiling", "future"),
    ("en", "general", "I was made redundant", "layoff", "keep"),
]


@pytest.mark.parametrize(("lang", "profile", "text", "entry_id", "category"), CASES)
def test_each_category(lang: str, profile: str, text: str, entry_id: str, category: str) -> None:
    r = rephrase(text, lang=lang, profile=profile)
    assert entry_id in _ids(r)
    match = next(m for m in r.matches if m.id == entry_id)
    assert match.category == category
    assert match.trigger and fold(match.trigger, lang) in fold(text, lang)
    assert r.rephrased and _said(match.positive, r.rephrased)
    assert r.long and r.follow_up
    assert _found_triggers(r.rephrased + r.long, bundled_phrasebook(lang)) == []


# ------------------------------------------------------------ combining


@pytest.mark.parametrize(
    ("lang", "text", "profile", "lead", "other"),
    [
        ("ja", "給料が安いのにオンコールも多い", "clinical-specialist", "low_pay", "on_call"),
        ("en", "Low pay and constant on-call", "general", "low_pay", "on_call"),
    ],
)
def test_two_reasons_one_answer(lang: str, text: str, profile: str, lead: str, other: str) -> None:
    r = rephrase(text, lang=lang, profile=profile)
    assert set(_ids(r)) == {lead, other}
    assert r.lead == lead  # stated first
    book = bundled_phrasebook(lang)
    second = book.get(other)
    assert second is not None and r.rephrased is not None and r.long is not None
    assert second.short[-1] not in r.rephrased + r.long  # the second reason is not glued on
    assert any(second.short[-1] in f for f in r.follow_up)  # it waits in the follow-ups
    assert r.keep_as_is is False


def test_same_group_is_said_once() -> None:
    # 当直 and オンコール are one idea (a sustainable schedule): both match, one sentence.
    r = rephrase("当直とオンコールがつらい", lang="ja", profile="physician")
    assert _ids(r) == ["night_duty", "on_call"]
    on_call_short = r.matches[1].positive
    assert r.rephrased == r.matches[0].positive
    assert on_call_short not in r.rephrased


def test_longest_trigger_wins() -> None:
    r = rephrase("当直明けで疲れた", lang="ja", profile="physician")
    assert _ids(r) == ["post_call_work"]
    assert r.matches[0].trigger == "当直明け"
    assert negative_triggers("当直明けで疲れた", "ja", "physician") == ["当直明け"]


def test_variants_of_spelling() -> None:
    for text in ("ｵﾝｺｰﾙが多い", "おんこーるが多い", "オン・コール"):
        assert _ids(rephrase(text, lang="ja")) == ["on_call"], text
    for text in ("ON-CALL every week", "oncall", "on call", "On Calls"):
        assert _ids(rephrase(text, lang="en")) == ["on_call"], text
    for text in ("burnt out", "burned-out", "Burnout"):
        assert _ids(rephrase(text, lang="en")) == ["burnout"], text


# ------------------------------------------------------------ keep-as-is facts


KEEP = [
    ("ja", "physician", "親の介護のため", "caregiving"),
    ("ja", "general", "病気療養のため退職", "health"),
    ("ja", "general", "夫の転勤で引っ越す", "spouse_transfer"),
    ("ja", "physician", "医局人事により異動", "ikyoku_transfer"),
    ("ja", "general", "病棟閉鎖のため", "closure"),
    ("ja", "general", "会社都合で退職", "company_reasons"),
    ("en", "general", "I was laid off", "layoff"),
    ("en", "general", "The clinic closed down", "closure"),
    ("en", "general", "My wife's job moved us to Leeds", "spouse_transfer"),
    ("en", "general", "Caring for my elderly parents", "caregiving"),
]


@pytest.mark.parametrize(("lang", "profile", "text", "entry_id"), KEEP)
def test_keep_as_is(lang: str, profile: str, text: str, entry_id: str) -> None:
    r = rephrase(text, lang=lang, profile=profile)
    assert _ids(r) == [entry_id]
    assert r.keep_as_is is True
    # the fact as it is, then where the person goes from here (a `forward` sentence)
    assert r.rephrased is not None and r.rephrased.startswith(r.matches[0].positive)
    assert r.rephrased != r.matches[0].positive
    assert negative_triggers(text, lang, profile) == []  # a fact is not negative


@pytest.mark.parametrize(
    ("lang", "text", "target", "said"),
    [
        ("ja", "病院が閉院することになった", None, "これまでの経験を活かし"),
        ("ja", "作業療法士です。病院が閉院することになった", None, "作業療法士としての経験"),
        ("ja", "病院が閉院することになった", Grounding(role="病棟看護師"), "病棟看護師として"),
        ("en", "The clinic closed down", None, "bring my experience to my next role"),
        ("en", "The clinic closed down", Grounding(role="charge nurse"), "the charge nurse role"),
    ],
)
def test_facts_alone_say_where_the_person_goes(
    lang: str, text: str, target: Grounding | None, said: str
) -> None:
    r = rephrase(text, lang=lang, grounding=target)
    assert r.keep_as_is and r.rephrased and r.long
    assert said in r.rephrased
    # the spoken form says it too, unless the fact's own long form already looks ahead
    assert said in r.long or r.long != r.matches[0].positive


def test_a_complaint_describing_the_place_is_dropped_and_the_place_kept() -> None:
    r = rephrase(
        "当直が月8回でもう限界です。当直のない産業医に移りたいと思っています。",
        lang="ja",
        profile="physician",
    )
    assert r.next_step is not None and r.next_step.quoted == "産業医に移りたい"
    assert r.rephrased is not None and "当直" not in r.rephrased


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("安定して働ける職場に移りたいです。", "安定して働ける職場に移りたい"),
        (
            "先輩がいないので、相談できる人が何人もいる病院で経験を積みたい",
            "相談できる人が何人もいる病院で経験を積みたい",
        ),
        ("PMとして働ける会社に移りたいです", "PMとして働ける会社に移りたい"),
        ("エコーができるようになりたいです", "エコーができるようになりたい"),
        ("がん専門薬剤師を取りたいんですが", "がん専門薬剤師を取りたい"),
        ("専門看護師の資格を取りたい", "専門看護師の資格を取りたい"),
    ],
)
def test_the_clause_that_describes_a_place_is_the_step(text: str, step: str) -> None:
    found = find_next_step(text, answer_rules("ja"))
    assert found is not None and found.quoted == step


@pytest.mark.parametrize(
    "text",
    ["今の職場を辞めて別の病院に移りたい", "新しい職場で働きたい", "とにかく別の職場に移りたい"],
)
def test_a_bare_or_only_other_place_is_no_step(text: str) -> None:
    assert find_next_step(text, answer_rules("ja")) is None


def test_fact_first_then_positive_ja() -> None:
    r = rephrase("当直がつらい。親の介護もある。", lang="ja", profile="physician")
    assert _ids(r) == ["caregiving", "night_duty"]
    assert r.keep_as_is is False
    assert r.rephrased is not None
    assert r.rephrased.startswith(r.matches[0].positive)
    assert r.lead == "caregiving" and r.long is not None
    assert r.long.startswith(r.matches[0].positive.rstrip("。")[:8]) or "そのうえで、" in r.long


def test_fact_first_then_positive_en() -> None:
    r = rephrase("Burnt out, and then laid off", lang="en")
    assert r.rephrased is not None
    fact = r.matches[0].positive
    assert r.matches[0].id == "layoff"
    assert r.rephrased.startswith(fact) and r.lead == "layoff"


def test_recovery_only_when_said() -> None:
    ill = rephrase("体調を崩して休職した", lang="ja")
    assert _ids(ill) == ["health"]
    assert "支障" not in (ill.rephrased or "")
    well = rephrase("体調を崩して休職したが、今は回復した", lang="ja")
    assert _ids(well) == ["health", "health_recovered"]
    assert well.keep_as_is is True


def test_physician_sample_does_not_read_ikyoku_as_plain_fact() -> None:
    text = "医局人事で希望しない関連病院への異動を打診された。"
    assert "ikyoku_rotation" in _ids(rephrase(text, lang="ja", profile="physician"))
    assert "ikyoku_transfer" not in _ids(rephrase(text, lang="ja", profile="physician"))


# ------------------------------------------------------------ profiles


def test_profile_filter() -> None:
    text = "ノルマがきつい"
    assert _ids(rephrase(text, lang="ja", profile="clinical-specialist")) == ["sales_quota_cs"]
    assert _ids(rephrase(text, lang="ja", profile="general")) == ["sales_quota"]
    physician_only = "医局人事に振り回された"
    assert _ids(rephrase(physician_only, lang="ja", profile="physician")) == ["ikyoku_rotation"]
    assert rephrase(physician_only, lang="ja", profile="general").rephrased is None
    assert negative_triggers(physician_only, "ja", "general") == []


def test_unknown_profile_and_lang() -> None:
    with pytest.raises(ArgumentError) as info:
        rephrase("当直", lang="ja", profile="nurse")
    assert info.value.param == "profile"
    with pytest.raises(ResumegenError):
        rephrase("当直", lang="de")
    with pytest.raises(ArgumentError):
        rephrase("on call", lang="ja", book=bundled_phrasebook("en"))


# ------------------------------------------------------------ slots


def test_slots_fill_and_degrade() -> None:
    with_field = rephrase(
        "症例が少ない", lang="ja", profile="physician", slots={"field": "整形外科"}
    )
    assert with_field.rephrased is not None and with_field.rephrased.startswith(
        "整形外科の症例経験"
    )
    without = rephrase("症例が少ない", lang="ja", profile="physician", slots={"field": "  "})
    assert without.rephrased is not None and "{" not in without.rephrased
    assert "の症例経験" not in without.rephrased
    role = rephrase("no promotion in sight", lang="en", slots={"role": "team lead"})
    assert (
        role.rephrased
        == "I am looking for the next step up as team lead with wider responsibility."
    )
    braces = rephrase("no promotion", lang="en", slots={"role": "{employer}"})
    assert "as {employer} with" in (braces.rephrased or "")  # values are inserted literally


# ------------------------------------------------------------ user phrasebooks


def test_user_override_and_addition_ja() -> None:
    book = load_phrasebooks("ja", [FIX / "user-ja.yaml"])
    r = rephrase("給料が低く会議が多い", lang="ja", book=book)
    assert _ids(r) == ["meetings", "low_pay"]
    assert r.rephrased is not None and "専門性に見合う役割" in r.rephrased
    assert "処遇" not in r.rephrased  # the bundled wording was replaced
    assert "会議を効率化するために試みたこと" in r.follow_up


def test_user_override_and_addition_en() -> None:
    book = load_phrasebooks("en", [FIX / "user-en.yaml"])
    r = rephrase("Too many meetings and low pay", lang="en", book=book)
    assert r.rephrased == "I am looking for time to focus on hands-on work that drives results."
    assert any("a role that matches my level of responsibility" in f for f in r.follow_up)


# ------------------------------------------------------------ no match


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_match(lang: str, tmp_path: Path) -> None:
    # text that says nothing about leaving: nothing matches, and nothing is guessed
    r = rephrase(
        "明日の天気は晴れです" if lang == "ja" else "The weather is sunny tomorrow", lang=lang
    )
    assert r.rephrased is None and r.long is None and r.matches == () and not r.keep_as_is
    assert r.as_json()["rephrased"] is None
    help_text = no_match_help(lang)
    assert "--phrasebook" in help_text
    # the example in the help is itself a valid phrasebook
    example = help_text.split("\n\n")[1]
    path = tmp_path / "leaving-example.yaml"
    path.write_text(example + "\n", encoding="utf-8")
    (entry,) = load_phrasebook_file(path, lang)
    assert rephrase(entry.triggers[0], lang=lang, book=load_phrasebooks(lang, [path])).matches


def test_as_json_shape() -> None:
    r = rephrase("オンコールが多い", lang="ja")
    data = json.loads(json.dumps(r.as_json(), ensure_ascii=False))
    assert set(data) >= {"input", "lang", "rephrased", "keep_as_is", "matches"}
    assert data["matches"] == [
        {
            "id": "on_call",
            "category": "conditions",
            "trigger": "オンコール",
            "positive": r.matches[0].positive,
            "found_by": "trigger",
            "upcoming": False,
        }
    ]
    assert data["reason"] is True and data["lead"] == "on_call" and data["conflicts"] == []


def test_negative_triggers_quotes_the_input() -> None:
    text = "ｵﾝｺｰﾙと土日の学会対応で休みがなく、評価も売上次第で不透明。"
    found = negative_triggers(text, "ja", "clinical-specialist")
    assert found == ["ｵﾝｺｰﾙ", "土日", "学会対応", "休みがな", "売上次第", "不透明"]
    assert all(t in text for t in found)
    assert negative_triggers("新しい挑戦", "ja") == []


# ------------------------------------------------------------ the samples


def _sample_reasons() -> list[tuple[str, str, str, str]]:
    out = []
    for path in sorted((ROOT / "samples").glob("*.yaml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for i, position in enumerate(data.get("work") or []):
            if position.get("leaving_reason"):
                out.append(
                    (
                        f"{path.name}:work[{i}]",
                        data["lang"],
                        data.get("profile", "general"),
                        position["leaving_reason"],
                    )
                )
    return out


SAMPLE_EXPECT = {
    "当直": {"night_duty", "ikyoku_rotation"},
    "単調": {"monotony", "low_pay"},
    "オンコール": {"on_call", "travel_weekends_cs", "sales_quota_cs", "unclear_evaluation"},
    "on-call": {"on_call", "travel_weekends_cs", "low_pay", "sales_quota_cs"},
}


def test_samples_have_leaving_reasons() -> None:
    assert len(_sample_reasons()) >= 4


@pytest.mark.parametrize(("where", "lang", "profile", "text"), _sample_reasons())
def test_sample_leaving_reasons(where: str, lang: str, profile: str, text: str) -> None:
    r = rephrase(text, lang=lang, profile=profile)
    assert r.rephrased and r.long, where
    assert r.keep_as_is is False
    for key, ids in SAMPLE_EXPECT.items():
        if key in text:
            assert ids <= set(_ids(r)), (where, _ids(r))
    assert negative_triggers(text, lang, profile)
    assert _found_triggers(r.rephrased + r.long, bundled_phrasebook(lang)) == []
    # nothing invented: no digits appear that the input did not have
    assert not any(ch.isdigit() for ch in r.rephrased + r.long)


# ------------------------------------------------------------ property


def _trigger_pool(lang: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(t, e.profiles) for e in bundled_phrasebook(lang).entries for t in e.triggers]


_FILLER = {
    "ja": st.text(
        alphabet="あいうえおかがさたなはまやらわんアイウカキ日本語仕事病院、。 ", max_size=8
    ),
    "en": st.text(alphabet="abcdefghijklmnopqrstuvwxyz .,", max_size=12),
}


@st.composite
def _reasons(draw: st.DrawFn) -> tuple[str, str, str, bool]:
    lang = draw(st.sampled_from(["ja", "en"]))
    profile = draw(st.sampled_from(PROFILES))
    picks = draw(st.lists(st.sampled_from(_trigger_pool(lang)), min_size=1, max_size=4))
    # Each reason stands in its own clause, so that random filler never reads
    # as its denial (当直 + はない, "not" + on call): that case is tested below.
    before, after = ("", "。") if lang == "ja" else (". ", ". ")
    parts = [draw(_FILLER[lang])]
    for trigger, _ in picks:
        plain = trigger_sample(trigger, lang)  # a trigger's ~ and * may stand for nothing
        shown = draw(st.sampled_from([trigger, plain, plain.upper(), plain.replace(" ", "-")]))
        parts += [before, shown, after, draw(_FILLER[lang])]
    applies = any(not profiles or profile in profiles for _, profiles in picks)
    return "".join(parts), lang, profile, applies


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_reasons())
def test_output_never_contains_any_trigger(case: tuple[str, str, str, bool]) -> None:
    text, lang, profile, applies = case
    r = rephrase(text, lang=lang, profile=profile)
    if applies:
        assert r.matches, text
    if r.rephrased is None:
        assert not r.matches
        return
    assert r.long is not None
    book = bundled_phrasebook(lang)
    # the person's own next step is said in their words (its ending may vary: と思っています)
    said = r.next_step.said.removesuffix("と考えています。") if r.next_step else None
    # so is a clause of fact with a figure or a date (毎晩, 月9回), which holds no word of
    # blame or feeling (tests/unit/test_situation.py)
    ours = [r.rephrased, r.long]
    for own in [said, *r.told]:
        ours = [x.replace(own, "") for x in ours] if own else ours
    assert _found_triggers(ours[0], book) == []
    assert _found_triggers(ours[1], book) == []
    assert "{" not in r.rephrased + r.long and "}" not in r.rephrased + r.long
    assert r.keep_as_is == (bool(r.matches) and all(m.category == "keep" for m in r.matches))


@pytest.mark.parametrize("text", ["", "   ", "。", "\x00\x01", "ー" * 50])
def test_degenerate_input(text: str) -> None:
    for lang in ("ja", "en"):
        r = rephrase(text, lang=lang)
        assert r.rephrased is None and r.matches == ()
        assert negative_triggers(text, lang) == []


def test_long_input_is_handled() -> None:
    text = "仕事内容は普通。" * 240 + "オンコールが多い"  # just under REASON_MAX_CHARS
    r = rephrase(text, lang="ja")
    assert _ids(r) == ["on_call"]


def test_slots_from_record_values() -> None:
    from resumegen.enrich.rephrase import slots_from

    slots = slots_from(
        role="MSL", employer="", desired={"location": "札幌", "Start Date": " 2026-04 "}
    )
    assert slots == {"role": "MSL", "desired_location": "札幌", "desired_start_date": "2026-04"}
    r = rephrase("臨床に限界を感じた", lang="ja", profile="physician", slots=slots)
    assert r.rephrased is not None and "MSLとして" in r.rephrased


# ------------------------------------------------------------ negation


DENIED = [
    # (lang, profile, text, ids that must remain)
    ("ja", "physician", "当直はない", []),
    ("ja", "clinical-specialist", "オンコールはありません", []),
    ("ja", "general", "残業もほとんどなく、休日出勤もゼロ", []),
    ("ja", "physician", "当直なし", []),
    ("ja", "physician", "当直明けはない", []),  # a shorter trigger inside does not take over
    ("ja", "physician", "当直は全然ないけど、教授と合わない", ["professor_conflict"]),
    ("ja", "general", "給料は悪くないけど、仕事が単調", ["monotony"]),
    ("en", "general", "not on call", []),
    ("en", "clinical-specialist", "I'm not on call anymore", []),
    ("en", "general", "There is no overtime", []),
    ("en", "general", "I don't have to do on call", []),
    ("en", "physician", "Nights aren't a problem", []),
    ("en", "general", "The commute is fine, the pay is low", ["low_pay"]),
    ("en", "general", "I don't mind the on call, but my boss takes credit", ["credit_taken"]),
]


@pytest.mark.parametrize(("lang", "profile", "text", "ids"), DENIED)
def test_denied_words_are_no_complaint(lang: str, profile: str, text: str, ids: list[str]) -> None:
    assert _ids(rephrase(text, lang=lang, profile=profile)) == ids
    denied = [t for t in negative_triggers(text, lang, profile) if not ids]
    assert denied == []


STILL_MEANT = [
    # A lack that is the complaint, or a negation that says what is wanted.
    ("ja", "physician", "休みがない", "long_hours"),
    ("ja", "general", "昇給もない", "low_pay"),
    ("ja", "general", "ボーナスがありません", "low_pay"),
    ("ja", "physician", "当直なしの病院で働きたい", "night_duty"),
    ("ja", "general", "残業のない職場に移りたい。残業が多すぎる", "long_hours"),
    ("ja", "physician", "バイトがないと生活できない", "side_job_dependency"),
    ("en", "general", "no raise in years", "low_pay"),
    ("en", "general", "No bonus again", "low_pay"),
    ("en", "general", "no overtime and no time off", "long_hours"),
    ("en", "general", "I don't like the on-call", "on_call"),
    ("en", "general", "I want a job with no on-call", "on_call"),
    ("en", "general", "no more night shifts", "night_shifts"),
]


@pytest.mark.parametrize(("lang", "profile", "text", "entry_id"), STILL_MEANT)
def test_lack_and_wish_are_still_the_reason(
    lang: str, profile: str, text: str, entry_id: str
) -> None:
    assert entry_id in _ids(rephrase(text, lang=lang, profile=profile))


def test_a_feared_fact_is_not_stated() -> None:
    r = rephrase(
        "The company was acquired and I don't want to wait around to be laid off.", lang="en"
    )
    assert "layoff" not in _ids(r)
    assert "ownership_change" in _ids(r)  # acquired: bought by a new owner
    assert r.rephrased is not None and "position ended" not in r.rephrased
    assert "layoff" in _ids(rephrase("I was laid off in March", lang="en"))
    feared = rephrase("リストラされそうなので転職を考えています", lang="ja")
    assert "company_reasons" not in _ids(feared)
    assert "org_future" in _ids(feared)
    rumour = rephrase("閉鎖の噂があって", lang="ja")
    assert "closure" not in _ids(rumour)
    assert _ids(rephrase("病棟閉鎖のため", lang="ja")) == ["closure"]


# ------------------------------------------------------------ trigger syntax in use


@pytest.mark.parametrize(
    ("lang", "profile", "text", "entry_id"),
    [
        ("ja", "physician", "症例が全然少ない", "case_volume"),
        ("ja", "physician", "症例も本当に少なくて", "case_volume"),
        ("ja", "general", "上司と性格が合わない", "boss_conflict"),
        ("ja", "general", "新しいスキルが身につきません", "no_growth"),
        ("ja", "general", "IT化が進んでいません", "outdated_systems"),
        ("en", "general", "no real pay raise in three years", "low_pay"),
        ("en", "general", "my contract wasnt renewed", "contract_end"),
        ("en", "general", "the job isn't challenging any more", "monotony"),
    ],
)
def test_particles_gaps_and_forms(lang: str, profile: str, text: str, entry_id: str) -> None:
    assert entry_id in _ids(rephrase(text, lang=lang, profile=profile))


def test_quote_keeps_the_long_vowel_mark() -> None:
    r = rephrase("数字のプレッシャーがすごい", lang="ja")
    assert [m.trigger for m in r.matches] == ["数字のプレッシャー"]


def test_specific_trigger_beats_a_gapped_one() -> None:
    # 評価*売上 spans more text, but its gap is not its own words: 売上次第 wins.
    found = negative_triggers("評価も売上次第", "ja", "clinical-specialist")
    assert found == ["売上次第"]


# ------------------------------------------------------------ combining many reasons


MANY_JA = "研究がつらいし教授とも合わない、当直も多いし給料も安い、将来性もない"
MANY_EN = "I'm tired of research, my professor and I don't see eye to eye, constant on call, low pay, and no promotion"


@pytest.mark.parametrize(("lang", "text"), [("ja", MANY_JA), ("en", MANY_EN)])
def test_one_motive_leads_and_the_others_become_follow_ups(lang: str, text: str) -> None:
    r = rephrase(text, lang=lang, profile="physician")
    assert {m.category for m in r.matches} == {"work", "people", "conditions", "future"}
    book = bundled_phrasebook(lang)
    first = min(r.matches, key=lambda m: m.start)
    assert r.lead == first.id  # the first reason the person stated
    assert r.rephrased is not None and r.long is not None
    others = {book.get(m.id).idea for m in r.matches if m.id != r.lead}  # type: ignore[union-attr]
    for m in r.matches:
        entry = book.get(m.id)
        assert entry is not None
        if m.id != r.lead and entry.idea not in {book.get(r.lead).idea}:  # type: ignore[union-attr]
            assert entry.short[-1].rstrip("。.") not in r.long  # never glued on
    prompts = [f for f in r.follow_up if f.startswith(("ほかの理由", "On the other reason"))]
    assert len(prompts) >= len(others) - 1
    assert measure(r.long, lang) <= answer_rules(lang).limits["long"]
    assert measure(r.rephrased, lang) <= answer_rules(lang).limits["short"]


def test_facts_are_all_stated_with_one_motive() -> None:
    r = rephrase("親の介護と夫の転勤と出産が重なり、当直も多い", lang="ja", profile="physician")
    assert [m.category for m in r.matches][:3] == ["keep", "keep", "keep"]
    assert r.long is not None and r.lead == "caregiving"
    assert "家族の" in r.long and "転勤" not in r.rephrased  # facts are named, never hidden
    assert measure(r.long, "ja") <= answer_rules("ja").limits["long"]


def test_a_named_next_step_is_kept_in_the_persons_words() -> None:
    r = rephrase("当直がきつい。次は在宅医療に携わりたい", lang="ja", profile="physician")
    assert r.next_step is not None and r.next_step.quoted == "在宅医療に携わりたい"
    assert r.rephrased is not None and "在宅医療に携わりたい" in r.rephrased
    assert r.long is not None and "在宅医療に携わりたい" in r.long
    e = rephrase("Research is all they care about. I want to move into medical affairs.", lang="en")
    assert e.long is not None and "move into medical affairs" in e.long


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ja", "こんにちは、よろしくお願いします"),
        ("ja", "給料はいくらですか？"),
        ("en", "Hello, thanks for your help!"),
        ("en", "What is the salary for this job?"),
        ("ja", "今日はいい天気ですね"),
    ],
)
def test_not_a_leaving_reason_gets_no_answer(lang: str, text: str) -> None:
    r = rephrase(text, lang=lang)
    assert not r.reason and r.rephrased is None and r.as_json()["reason"] is False


def test_profile_is_inferred_and_named() -> None:
    r = rephrase("医局の教授と合わず、当直も多い", lang="ja")
    assert (r.profile, r.profile_from) == ("physician", "text")
    c = rephrase("ノルマとテリトリーが広すぎてつらい", lang="ja")
    assert (c.profile, c.profile_from) == ("clinical-specialist", "text")
    g = rephrase("給料が上がらない", lang="ja", profile="general")
    assert g.profile_from == "given"


def test_a_reason_against_the_target_is_reported_not_said() -> None:
    target = Grounding(role="救急科 部長", employer="中央総合病院")
    r = rephrase("当直が月8回あって限界。医局人事にも疲れた", lang="ja", profile="physician")
    again = with_slots(r, grounding=target)
    assert any(c.condition == "night_duty" for c in again.conflicts)
    assert again.lead != "night_duty"
    night = bundled_phrasebook("ja").get("night_duty")
    assert night is not None and again.long is not None
    assert all(v.rstrip("。") not in again.long for v in (*night.short, *night.long))


def test_grounded_sentence_uses_only_record_values() -> None:
    g = Grounding(
        field="循環器内科", years=9, figure="PCI件数 年120件", role="部長", employer="東病院"
    )
    r = with_slots(rephrase("症例が少ない", lang="ja", profile="physician"), grounding=g)
    assert r.long is not None and "循環器内科での9年間" in r.long
    bare = rephrase("症例が少ない", lang="ja", profile="physician")
    assert bare.long is not None and "年間" not in bare.long


# ------------------------------------------------------------ topic words (second tier)


LEAD_LINES = [
    ("ja", "physician", "教授の方針についていけない", "people"),
    (
        "en",
        "clinical-specialist",
        "The hospital keeps cutting staff and we are always short-handed",
        "conditions",
    ),
    ("en", "general", "Management never listens to us", "people"),
]


@pytest.mark.parametrize(("lang", "profile", "text", "category"), LEAD_LINES)
def test_reasons_nobody_wrote_a_trigger_for(
    lang: str, profile: str, text: str, category: str
) -> None:
    r = rephrase(text, lang=lang, profile=profile)
    assert {m.category for m in r.matches} == {category}
    assert (
        r.rephrased
        and _found_triggers(r.rephrased + (r.long or ""), bundled_phrasebook(lang)) == []
    )


@pytest.mark.parametrize(
    ("lang", "text", "entry_id"),
    [
        ("ja", "マネージャーと方向性が合わない", "boss_conflict"),
        ("ja", "人員が減らされる一方だ", "understaffed"),
        ("ja", "研修がまったくない", "no_growth"),
        ("ja", "理不尽な上司", "boss_conflict"),
        ("en", "the workload is crushing", "long_hours"),
        ("en", "clueless management", "poor_leadership"),
        ("en", "Bonuses were slashed this year", "low_pay"),
    ],
)
def test_a_topic_with_a_cue_is_a_reason(lang: str, text: str, entry_id: str) -> None:
    r = rephrase(text, lang=lang)
    assert _ids(r) == [entry_id]
    assert fold(r.matches[0].trigger, lang) in fold(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the cue must fit the topic: less overtime and more pay are no complaint
        ("ja", "残業時間が少ない職場でした"),
        ("ja", "人員が増えて助かっている"),
        ("en", "the workload went down"),
        ("en", "headcount keeps growing"),
        # a topic alone, praise, and a denied cue
        ("en", "I like my team and want to grow into management"),
        ("ja", "上司にも同僚にも恵まれました"),
        ("en", "Management is not bad at all"),
        ("ja", "人間関係は悪くない"),
        ("ja", "症例は少なくありません"),
        ("ja", "仕事量は多かったですが、やりがいはありました"),
        ("en", "The workload was heavy at times but manageable"),
    ],
)
def test_topics_without_a_complaint_match_nothing(lang: str, text: str) -> None:
    assert rephrase(text, lang=lang).matches == ()


def test_a_trigger_explains_its_words_before_any_topic() -> None:
    r = rephrase("営業ノルマが毎年上がっていく", lang="ja", profile="clinical-specialist")
    assert _ids(r) == ["sales_quota_cs"]  # not also 営業 + 上がる


def test_a_small_amount_denies_a_burden() -> None:
    assert rephrase("当直は月2回と少なく、働きやすい", lang="ja", profile="physician").matches == ()
    assert rephrase("The commute is short and the pay is fair", lang="en").matches == ()
    assert _ids(rephrase("給料は少ない", lang="ja")) == ["low_pay"]  # a lack is still one
    assert _ids(rephrase("忙しくて休めなくなった", lang="ja")) == ["long_hours"]


def test_negative_words_come_from_triggers_only() -> None:
    # The audit reads self-PR text too, where topic words and cues are achievements.
    text = "外来患者数を増やし、多職種で連携した"
    assert negative_triggers(text, "ja", "physician") == []
    assert negative_triggers("マネージャーと方向性が合わない", "ja") == []
    assert rephrase("マネージャーと方向性が合わない", lang="ja").matches


def test_a_reason_rephrased_again_with_other_slots_is_matched_once_and_filled_anew() -> None:
    from resumegen.enrich import reason_scan as module

    text = "I want to work for a manufacturer, not one hospital"
    first = rephrase(text, lang="en", profile="clinical-specialist", slots={"role": "an MSL"})
    again = rephrase(
        text, lang="en", profile="clinical-specialist", slots={"role": "an application specialist"}
    )
    assert (
        [m.id for m in first.matches] == [m.id for m in again.matches] == ["clinic_to_industry_cs"]
    )
    # the entry's phrasing is filled anew (the answer itself leads with the person's step)
    assert "as an MSL" in first.matches[0].positive
    assert "as an application specialist" in again.matches[0].positive
    assert "I would like to work for a manufacturer." in (first.rephrased or "")
    for i in range(module._RECENT_LIMIT + 10):
        rephrase(f"Too much overtime, week {i}", lang="en")
    assert len(module._RECENT) <= module._RECENT_LIMIT
    assert rephrase(text, lang="en", profile="clinical-specialist").matches[0].id == (
        "clinic_to_industry_cs"
    )


def test_a_conflicting_reason_keeps_its_motive_and_no_tie_to_the_target() -> None:
    target = Grounding(role="Nurse Manager", employer="Lakeside Health")
    r = with_slots(rephrase("I hate managing people and the rota", lang="en"), grounding=target)
    assert any(c.condition == "management" for c in r.conflicts)
    assert r.long is not None and "Nurse Manager" not in r.long  # never "that fits the role"
    ja = with_slots(
        rephrase("部下の管理ばかりで疲れた", lang="ja"),
        grounding=Grounding(role="看護師長", employer="東病院"),
    )
    assert ja.long is not None and "看護師長" not in ja.long
    assert [c.condition for c in ja.conflicts] == ["management"]


def test_the_target_is_named_only_with_the_records_facts() -> None:
    # a bare "as the target's role" sentence reads pasted on; the record's years carry it
    bare = with_slots(
        rephrase("症例が少ない", lang="ja", profile="physician"),
        grounding=Grounding(role="外科医長", employer="東病院"),
    )
    assert bare.long is not None and "外科医長" not in bare.long
    full = with_slots(
        rephrase("症例が少ない", lang="ja", profile="physician"),
        grounding=Grounding(field="外科", years=8, role="外科医長", employer="東病院"),
    )
    assert full.long is not None and "外科での8年間の経験を、東病院の外科医長として" in full.long


@pytest.mark.parametrize(
    ("lang", "text", "first", "second"),
    [
        ("ja", "うつで休職していたが、主治医から復職の許可が出た", "健康上の理由", "支障のない"),
        (
            "en",
            "I had cancer treatment and my oncologist has cleared me to return to work",
            "my health",
            "return to work",
        ),
    ],
)
def test_a_fact_and_the_reassurance_the_person_gave(
    lang: str, text: str, first: str, second: str
) -> None:
    r = rephrase(text, lang=lang)
    assert r.rephrased is not None and first in r.rephrased and second in r.rephrased
    assert "そのうえで" not in r.rephrased  # two facts, no motive between them


@pytest.mark.parametrize(
    ("lang", "text"),
    [("ja", "育休から復帰したけど時短が使えない"), ("en", "I'm back from maternity leave")],
)
def test_a_return_from_leave_is_not_a_new_leave(lang: str, text: str) -> None:
    r = rephrase(text, lang=lang)
    assert r.lead == "leave_return"
    assert (
        r.rephrased is not None and "出産" not in r.rephrased and "stepped away" not in r.rephrased
    )


def test_a_bare_fact_is_not_followed_by_a_sentence_that_refers_back_to_a_motive() -> None:
    r = with_slots(
        rephrase("契約期間満了で退職します", lang="ja"),
        grounding=Grounding(role="看護師", employer="東病院"),
    )
    # the fact, then where the person goes from here: no tie back to a motive never said
    assert r.long == (
        "契約期間満了により、退職することになりました。看護師として、これまでの経験を活かしたいと考えています。"
    )


@pytest.mark.parametrize(
    ("lang", "text", "said"),
    [
        # with a date, the person's own words say the fact, in their tense
        ("en", "My contract ends in March and won't be renewed", "My contract ends in March"),
        ("en", "The clinic is closing next year", "The clinic is closing next year."),
        ("ja", "来年3月で契約が終わる予定", "来年3月で契約が終わる予定です。"),
        # without one, the entry's words in their form for what is still to come
        ("en", "My contract is ending and won't be renewed", "is coming to an end"),
        ("ja", "父の介護が必要になりそう", "見込み"),
    ],
)
def test_a_fact_still_to_come_is_not_told_as_done(lang: str, text: str, said: str) -> None:
    r = rephrase(text, lang=lang)
    assert r.rephrased is not None and said in r.rephrased, r.rephrased
    assert r.matches[0].upcoming


@pytest.mark.parametrize(
    ("text", "said"),
    [("I got laid off last month", "I was laid off last month."), ("I got laid off", "reduced")],
)
def test_a_fact_that_happened_is_told_as_done(text: str, said: str) -> None:
    r = rephrase(text, lang="en")
    assert r.rephrased is not None and said in r.rephrased, r.rephrased
    assert not r.matches[0].upcoming


@pytest.mark.parametrize(
    ("lang", "text", "role", "conditions", "conflict"),
    [
        ("ja", "当直がつらい", "内科医長", ("当直なし",), False),
        ("ja", "当直がつらい", "外来医", ("当直月2回",), True),
        ("en", "Constant on-call is killing me", "Clinical Educator", ("no on-call",), False),
        ("en", "Constant on-call is killing me", "Field Specialist", ("on-call rota",), True),
    ],
)
def test_a_condition_the_target_says_is_absent_is_no_conflict(
    lang: str, text: str, role: str, conditions: tuple[str, ...], conflict: bool
) -> None:
    r = with_slots(
        rephrase(text, lang=lang, profile="physician"),
        grounding=Grounding(role=role, conditions=conditions),
    )
    assert bool(r.conflicts) is conflict


def test_the_records_figure_is_said_aloud_in_the_answer() -> None:
    from pathlib import Path

    from resumegen.enrich.application import enrich
    from resumegen.record.validate import load_record

    root = Path(__file__).resolve().parents[2]
    answer = enrich(
        load_record(root / "samples" / "physician-ja.yaml"), "saitama-er"
    ).leaving_answer
    assert answer is not None and answer.long is not None
    assert "救急車受入不能率が18%から7%になった経験" in answer.long
    assert "→" not in answer.long and "（" not in answer.long  # no arrows, no brackets


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("今の病院には特に不満はないです。年収の相場がどのくらいか知りたかっただけ。", "ja"),
        ("明日は夜勤なので、続きはまた今度入力します。", "ja"),
        ("Can you make my CV sound less boring? I'm a consultant geriatrician.", "en"),
        ("I'm a nurse at a care home in Leeds.", "en"),
    ],
)
def test_no_complaint_an_introduction_or_a_note_is_no_leaving_reason(text: str, lang: str) -> None:
    assert rephrase(text, lang=lang).reason is False


@pytest.mark.parametrize(
    ("text", "lang"),
    [("特に不満はないけど、給料が安い。", "ja"), ("I'm a nurse and the pay is awful.", "en")],
)
def test_a_reason_beside_a_denial_or_an_introduction_is_still_answered(
    text: str, lang: str
) -> None:
    r = rephrase(text, lang=lang)
    assert r.reason is not False and r.rephrased


@pytest.mark.parametrize(
    ("lang", "text", "said"),
    [
        (
            "ja",
            "言語聴覚士です。訪問リハに移りたいです。",
            "言語聴覚士としての経験を土台に、訪問リハに移りたいと考えています。",
        ),
        (
            "en",
            "I'm a sonographer and I want to move into application specialist work.",
            "Building on my experience as a sonographer, I would like to move into",
        ),
    ],
)
def test_a_step_said_alone_is_said_from_the_role_the_person_named(
    lang: str, text: str, said: str
) -> None:
    r = rephrase(text, lang=lang)
    assert r.rephrased is not None and r.rephrased.startswith(said)


@pytest.mark.parametrize(
    "text",
    [
        "救命救急に戻るつもりはありません。",
        "救命救急には戻りたくないです",
        "訪問看護に移るのは考えていません",
        "外科に戻る予定はないです",
        "外科には戻りたくもない",
    ],
)
def test_a_step_the_person_will_not_take_is_no_step(text: str) -> None:
    assert find_next_step(text, answer_rules("ja")) is None


@pytest.mark.parametrize(
    ("lang", "text", "not_id"),
    [
        ("ja", "年収が下がっても構わないので、訪問看護に移りたい", "low_pay"),
        ("ja", "給料が安くてもいいから訪問看護に移りたい", "low_pay"),
        ("ja", "残業が多くても仕方ないと思っていましたが、もう限界です", "long_hours"),
        ("en", "Even if the pay is lower, I want a day job in outpatients.", "low_pay"),
        ("en", "I'm happy to take a pay cut to work in hospice care.", "low_pay"),
    ],
)
def test_a_burden_the_person_accepts_is_no_reason(lang: str, text: str, not_id: str) -> None:
    assert not_id not in _ids(rephrase(text, lang=lang))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "家で過ごす人を支える看護に携わりたい",
            "家で過ごす人を支える看護に携わりたいと考えています。",
        ),
        ("手術を続けたい", "引き続き手術に携わりたいと考えています。"),
    ],
)
def test_the_persons_words_about_the_step_are_kept(text: str, said: str) -> None:
    found = find_next_step(text, answer_rules("ja"))
    assert found is not None and found.said == said


def test_a_step_that_says_only_a_standpoint_is_no_step() -> None:
    found = find_next_step("夜勤がつらい。立場で働きたい", answer_rules("ja"))
    assert found is None


def test_a_department_cut_back_is_a_fact_and_the_step_keeps_going() -> None:
    r = rephrase("病院の方針で外科を縮小することになった。手術を続けたい。", lang="ja")
    assert r.lead == "department_downsized"
    assert r.rephrased is not None and "引き続き手術に携わりたい" in r.rephrased
    assert "今後は引き続き" not in r.rephrased


@pytest.mark.parametrize(
    ("years", "months", "ja", "en"),
    [(8, 96, "8", "8"), (8, 99, "約8", "8"), (14, 177, "約15", "nearly 15"), (3, None, "3", "3")],
)
def test_years_are_never_rounded_up_silently(
    years: int, months: int | None, ja: str, en: str
) -> None:
    g = Grounding(years=years, months=months)
    assert g.years_said("ja") == ja and g.years_said("en") == en


@pytest.mark.parametrize(
    ("text", "step"),
    [
        (
            "装置を使う側にいたが、装置を使いこなす施設を増やす側に回りたい。",
            "装置を使いこなす施設を増やす側に回りたい",
        ),
        (
            "手術室の外で、もっと多くの施設の医療者を支える仕事がしたかった。",
            "もっと多くの施設の医療者を支える仕事がしたかった",
        ),
    ],
)
def test_a_role_or_work_described_by_a_clause_is_the_step(text: str, step: str) -> None:
    found = find_next_step(text, answer_rules("ja"))
    assert found is not None and found.quoted == step


@pytest.mark.parametrize("text", ["楽な仕事がしたい", "とにかく別の職場に移りたい"])
def test_a_clause_that_asks_for_ease_or_only_adverbs_is_not_kept(text: str) -> None:
    assert find_next_step(text, answer_rules("ja")) is None
