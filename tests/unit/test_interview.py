"""The interview sheet as data: order, prompts, no invented facts, no raw leaving reason."""

from __future__ import annotations

import json
import re
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumegen.documents.interview import SheetData, build, build_sheets, sheet_text
from resumegen.enrich.application import Resources, enrich
from resumegen.enrich.episodes import spoken
from resumegen.enrich.fold import casefold_nfkc
from resumegen.enrich.interview import BANK_LIMIT, FOLLOW_UP_LIMIT, REVERSE_LIMIT, record_terms
from resumegen.enrich.neutral import Neutraliser
from resumegen.enrich.quantify import duty_load, quantify_achievement
from resumegen.enrich.rephrase import rephrase
from resumegen.errors import ArgumentError
from resumegen.record.model import Record
from resumegen.record.validate import load_record, load_record_text
from resumegen.resources.questionbank import load_question_bank
from resumegen.text import label_ja

SAMPLES = sorted(Path(__file__).resolve().parents[2].joinpath("samples").glob("*.yaml"))


def record(yaml: str) -> Record:
    return load_record_text(textwrap.dedent(yaml).lstrip(), "test.yaml")


def build_sheet(
    r: Record, target: Any = None, *, today: date | None = None, bank: Any = None
) -> SheetData:
    return build(enrich(r, target, resources=Resources(r.lang, bank=bank), today=today))


def leaving_position(r: Record):  # the current position, else the one left last
    current = [p for p in r.work if p.end is None]
    return current[-1] if current else max(r.work, key=lambda p: p.end)


def all_lines(sheet: dict[str, Any]) -> list[dict[str, Any]]:
    out = list(sheet["intro"]["lines"])
    for s in sheet["stories"]:
        for row in s["rows"]:
            out += row["lines"]
    for q in sheet["questions"]:
        out += q["lines"]
    return out


MINIMAL = """
schema: 1
lang: ja
profile: physician
as_of: 2026-01-15
person: {name: 山田 太郎}
work:
  - organization: 東都総合病院
    start: 2015-04
    end: present
    achievements:
      - summary: 外来の待ち時間を短縮
"""


# ---------------------------------------------------------------- samples


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.stem)
def sample(request: pytest.FixtureRequest) -> tuple[Record, list[dict[str, Any]]]:
    r = load_record(request.param)
    return r, build_sheets(r)


def test_one_sheet_per_target(sample: tuple[Record, list[dict[str, Any]]]) -> None:
    r, sheets = sample
    assert [s["application"]["target_id"] for s in sheets] == [t.id for t in r.targets]


def test_sheet_is_plain_json_data(sample: tuple[Record, list[dict[str, Any]]]) -> None:
    def check(v: Any) -> None:
        if isinstance(v, dict):
            assert all(isinstance(k, str) for k in v)
            for x in v.values():
                check(x)
        elif isinstance(v, list):
            for x in v:
                check(x)
        else:
            assert isinstance(v, str | int | bool), type(v)

    for sheet in sample[1]:
        check(sheet)
        assert json.loads(json.dumps(sheet, ensure_ascii=False)) == sheet


def test_no_trigger_word_of_the_leaving_reason_anywhere(
    sample: tuple[Record, list[dict[str, Any]]],
) -> None:
    r, sheets = sample
    reason = leaving_position(r).leaving_reason
    matches = rephrase(reason, lang=r.lang, profile=r.profile).matches
    assert matches, "every sample's leaving reason should match the phrasebook"
    for sheet in sheets:
        text = casefold_nfkc(sheet_text({k: v for k, v in sheet.items() if k != "conditions"}))
        own = record_terms(r)  # the record's own terms stay, as on the 職務経歴書
        for m in matches:
            if m.category != "keep" and casefold_nfkc(m.trigger) not in own:
                assert casefold_nfkc(m.trigger) not in text, m.trigger
        assert casefold_nfkc(reason) not in casefold_nfkc(sheet_text(sheet))


def test_sections_in_preparation_order(sample: tuple[Record, list[dict[str, Any]]]) -> None:
    for sheet in sample[1]:
        assert list(sheet)[-7:] == [
            "application",
            "intro",
            "stories",
            "questions",
            "reverse_questions",
            "conditions",
            "checklist",
        ]
        ids = [q["id"] for q in sheet["questions"][:4]]
        assert ids == ["leaving_reason", "why_employer", "strengths", "weakness"]
        assert [q["number"] for q in sheet["questions"]] == list(
            range(1, len(sheet["questions"]) + 1)
        )


def test_every_achievement_has_a_star_block(sample: tuple[Record, list[dict[str, Any]]]) -> None:
    r, sheets = sample
    count = sum(len(p.achievements) for p in r.work)
    for sheet in sheets:
        assert len(sheet["stories"]) == count
        for story in sheet["stories"]:
            assert [row["part"] for row in story["rows"]] == [
                "situation",
                "task",
                "action",
                "result",
                "learning",
            ]
            for row in story["rows"]:
                assert row["lines"], "an empty part must show a prompt"


def test_result_rows_carry_the_quantified_statements(
    sample: tuple[Record, list[dict[str, Any]]],
) -> None:
    r, sheets = sample
    by_path = {
        f"work[{i}].achievements[{j}]": a
        for i, p in enumerate(r.work)
        for j, a in enumerate(p.achievements)
    }
    triggers = [
        casefold_nfkc(m.trigger)
        for m in rephrase(
            leaving_position(r).leaving_reason, lang=r.lang, profile=r.profile
        ).matches
    ]
    for story in sheets[0]["stories"]:
        a = by_path[story["path"]]
        result = next(row for row in story["rows"] if row["part"] == "result")
        texts = [line["text"] for line in result["lines"] if not line["prompt"]]
        # every result the record states, verbatim (a Japanese label closes with 「：」),
        # except a duty load (当直 月6回), which is what the post involved
        expected = [
            label_ja(s) if r.lang == "ja" else s
            for m, s in zip(a.metrics, quantify_achievement(a, r.lang), strict=True)
            if not duty_load(m)
        ]
        has_result = bool(a.star and a.star.result)
        assert len(texts) == int(has_result) + len(expected)
        for statement in expected:  # verbatim unless it had to be neutralised
            if not any(t in casefold_nfkc(statement) for t in triggers):
                assert statement in texts


def test_intro_uses_only_numbers_from_the_record(
    sample: tuple[Record, list[dict[str, Any]]],
) -> None:
    r, sheets = sample
    source = " ".join(
        [r.summary or "", r.self_pr or "", *r.skills, *(t.motivation or "" for t in r.targets)]
        + [s for p in r.work for a in p.achievements for s in quantify_achievement(a, r.lang)]
    )
    known = set(re.findall(r"\d[\d,.]*", source))
    for sheet in sheets:
        for number in re.findall(r"\d[\d,.]*", sheet["intro"]["text"]):
            assert number.rstrip(".,") in {k.rstrip(".,") for k in known}, number


def test_intro_length_is_near_one_minute(sample: tuple[Record, list[dict[str, Any]]]) -> None:
    r, sheets = sample
    for sheet in sheets:
        intro = sheet["intro"]
        if r.lang == "ja":
            assert 250 <= intro["count"] <= 300, intro["text"]
        else:
            assert intro["count"] <= 160
            if intro["count"] < 130:
                assert intro["lines"][-1]["prompt"] is True


def test_every_line_is_text_with_a_prompt_flag(sample: tuple[Record, list[dict[str, Any]]]) -> None:
    for sheet in sample[1]:
        for line in all_lines(sheet):
            assert set(line) == {"text", "prompt"}
            assert line["text"].strip()
            assert isinstance(line["prompt"], bool)


def test_conditions_list_every_desired_item_with_empty_columns(
    sample: tuple[Record, list[dict[str, Any]]],
) -> None:
    r, sheets = sample
    rows = sheets[0]["conditions"]
    assert [row["key"] for row in rows[: len(r.desired)]] == list(r.desired)
    for row in rows:
        assert row["offered"] == "" and row["agreed"] == ""
        assert row["label"]


# ---------------------------------------------------------------- physician specifics


def test_physician_sheet_contents() -> None:
    r = load_record(SAMPLES[[p.stem for p in SAMPLES].index("physician-ja")])
    (sheet,) = build_sheets(r)
    app = sheet["application"]
    assert app["heading"] == "埼玉中央総合病院 救急科 部長"
    assert app["role_families"] == "管理職"
    # emphasised stories first, in the target's emphasis order
    assert [s["emphasised"] for s in sheet["stories"]] == [True, True, False]
    assert sheet["stories"][0]["title"].startswith("救急外来の受入プロセス")
    # the third achievement has no STAR: prompts for everything but the figures
    third = {row["part"]: row["lines"] for row in sheet["stories"][2]["rows"]}
    assert all(
        line["prompt"]
        for part in ("situation", "task", "action", "learning")
        for line in third[part]
    )
    assert third["result"] and not any(line["prompt"] for line in third["result"])
    assert any("あなた自身が担った役割" in line["text"] for line in third["action"])
    # leadership questions lead the bank part
    bank_ids = [q["id"] for q in sheet["questions"] if q["kind"] == "bank"]
    assert bank_ids[0].startswith("role_lead_")
    assert "md_leave_ikyoku" in bank_ids
    # conditions: the user's own terms under the standard labels, start shown as a date
    rows = {row["key"]: row for row in sheet["conditions"]}
    assert rows["start"]["desired"] == "2026年4月"
    assert rows["salary"]["label"] == "給与・年収"
    assert rows["salary"]["desired"] == "年収1,800万円以上"
    assert rows["duty_nights"]["label"] == "当直" and rows["duty_nights"]["desired"] == "月2回まで"
    checklist = [c["id"] for c in sheet["checklist"]]
    assert "ikyoku_report" in checklist and "ikyoku_consult" in checklist
    assert sheet["date"] == "2026年1月15日"


def test_leaving_answer_is_the_long_rephrasing() -> None:
    r = load_record(SAMPLES[[p.stem for p in SAMPLES].index("physician-ja")])
    (sheet,) = build_sheets(r)
    leaving = sheet["questions"][0]
    expected = enrich(r, None, today=date.today()).leaving_answer
    assert expected is not None
    assert leaving["lines"][0] == {"text": expected.long, "prompt": False}
    assert all(line["prompt"] for line in leaving["lines"][1:])
    # the sheet says where the reason goes against the target instead of smoothing it over
    _, er = sample_sheet("physician-ja", "saitama-er")
    notes = [x["text"] for x in er["questions"][0]["lines"][1:]]
    assert any("食い違" in n and "夜間の勤務" in n for n in notes)


# ---------------------------------------------------------------- built records


def test_general_sheet_without_targets() -> None:
    r = record(MINIMAL)
    (sheet,) = build_sheets(r)
    assert sheet["application"]["general"] is True
    assert sheet["application"]["heading"] == "応募先未定"
    why = sheet["questions"][1]
    assert why["lines"][0]["prompt"] is True
    assert not any(q.get("roles") for q in sheet["questions"] if q["kind"] == "bank")


def test_nothing_is_invented_when_the_record_is_silent() -> None:
    r = record(MINIMAL)
    sheet = build_sheet(r, None)
    story = sheet["stories"][0]
    assert all(line["prompt"] for row in story["rows"] for line in row["lines"])
    q = {x["id"]: x for x in sheet["questions"]}
    assert q["leaving_reason"]["lines"] == [
        {"text": q["leaving_reason"]["lines"][0]["text"], "prompt": True}
    ]
    assert q["strengths"]["lines"][-1]["prompt"] is True
    assert q["weakness"]["lines"][0]["prompt"] is True
    assert sheet["intro"]["lines"][-1]["prompt"] is True  # too short: asks for more


def test_english_general_sheet_heading() -> None:
    r = record(MINIMAL.replace("lang: ja", "lang: en").replace("山田 太郎", "Taro Yamada"))
    (sheet,) = build_sheets(r)
    assert sheet["application"]["heading"] == "General preparation"
    assert sheet["stories"][0]["rows"][2]["lines"][0]["text"].startswith(
        "What exactly did you do yourself?"
    )


def test_unmatched_leaving_reason_becomes_a_prompt_not_the_raw_text() -> None:
    reason = "ぴよぴよ事情のため"
    r = record(MINIMAL + f"    leaving_reason: {reason}\n")
    sheet = build_sheet(r, None)
    (line,) = sheet["questions"][0]["lines"]
    assert line["prompt"] is True and "言い換え集" in line["text"]
    assert reason not in sheet_text(sheet)


def test_keep_as_is_fact_is_stated_in_the_phrasebook_words() -> None:
    reason = "親の介護が必要になったため"
    r = record(MINIMAL + f"    leaving_reason: {reason}\n")
    result = rephrase(reason, lang="ja", profile="physician")
    assert result.keep_as_is
    sheet = build_sheet(r, None)
    line = sheet["questions"][0]["lines"][0]
    assert line == {"text": result.long, "prompt": False}
    assert reason not in sheet_text(sheet)


def test_last_position_is_used_when_none_is_current() -> None:
    yaml = MINIMAL.replace("end: present", "end: 2025-12") + "    leaving_reason: 当直が多すぎる\n"
    yaml += "  - {organization: 旧病院, start: 2010-04, end: 2015-03, leaving_reason: ぴよ}\n"
    sheet = build_sheet(record(yaml), None)
    line = sheet["questions"][0]["lines"][0]
    assert line["prompt"] is False
    assert "当直" not in sheet_text({k: v for k, v in sheet.items() if k != "conditions"})


def test_target_selection_and_unknown_target() -> None:
    r = load_record(SAMPLES[[p.stem for p in SAMPLES].index("clinical-specialist-ja")])
    (sheet,) = build_sheets(r, target_id="msl")
    assert sheet["application"]["role_families"] == "MSL"
    bank_ids = [q["id"] for q in sheet["questions"] if q["kind"] == "bank"]
    assert bank_ids[0].startswith("role_msl_")
    assert sheet["reverse_questions"][0]["id"].startswith("rq_msl_")
    with pytest.raises(ArgumentError, match="medit-cs, msl"):
        build_sheets(r, target_id="nope")


def test_today_is_a_parameter_when_the_record_has_no_as_of() -> None:
    r = record(MINIMAL.replace("as_of: 2026-01-15\n", ""))
    with pytest.raises(ArgumentError):
        build_sheet(r, None)
    assert build_sheet(r, None, today=date(2026, 3, 9))["date"] == "2026年3月9日"


def test_record_text_that_looks_like_a_template_stays_data() -> None:
    r = record(MINIMAL.replace("外来の待ち時間を短縮", "'{{ 7*7 }} の改善'"))
    sheet = build_sheet(r, None)
    assert sheet["stories"][0]["title"] == "{{ 7*7 }} の改善"


def test_user_bank_is_used() -> None:
    r = record(MINIMAL)
    bank = load_question_bank("ja")
    from dataclasses import replace

    from resumegen.resources.questionbank import Question

    mine = replace(bank, questions=(Question("only", "唯一の質問", "ヒント"),))
    sheet = build_sheet(r, None, bank=mine)
    assert [q["id"] for q in sheet["questions"]][4:] == ["only"]


# ---------------------------------------------------------------- the neutral-wording pass


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    filler=st.lists(
        st.sampled_from(["、", "です。", "月6回", " ", "で", "Night", "大変"]), max_size=6
    ),
)
def test_neutraliser_never_lets_a_trigger_through(data: st.DataObject, filler: list[str]) -> None:
    bank = load_question_bank("ja")
    pool = [n.term for n in bank.neutral_terms] + ["休みがない", "体力的に限界"]
    triggers = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4))
    words = data.draw(st.lists(st.sampled_from(pool + filler + ["x"]), min_size=1, max_size=8))
    text = "".join(words)
    n = Neutraliser(triggers, bank, "ja", "reword")
    out = n.walk({"a": text, "lines": [{"text": text, "prompt": False}]})
    for value in (out["a"], out["lines"][0]["text"]):
        for t in triggers:
            assert casefold_nfkc(t) not in casefold_nfkc(value)


def test_neutraliser_keeps_case_in_english() -> None:
    bank = load_question_bank("en")
    n = Neutraliser(["on-call"], bank, "en", "reword")
    assert n.text("On-call rota") == "After-hours cover rota"
    assert n.text("no on call") == "no after-hours cover"


# ---------------------------------------------------------------- a sheet short enough to use


def sample_sheet(stem: str, target_id: str | None = None) -> tuple[Record, dict[str, Any]]:
    r = load_record(SAMPLES[[p.stem for p in SAMPLES].index(stem)])
    return r, build_sheets(r, target_id=target_id)[0]


def test_parts_are_capped(sample: tuple[Record, list[dict[str, Any]]]) -> None:
    for sheet in sample[1]:
        bank = [q for q in sheet["questions"] if q["kind"] == "bank"]
        assert 0 < len(bank) <= BANK_LIMIT
        assert len(sheet["questions"]) == 4 + len(bank)
        assert 0 < len(sheet["reverse_questions"]) <= REVERSE_LIMIT
        follow = [
            x for x in sheet["questions"][0]["lines"] if x["text"].startswith(("さらに", "If"))
        ]
        assert len(follow) <= FOLLOW_UP_LIMIT
        # two results for "strengths": the hint asks for one or two
        strengths = sheet["questions"][2]["lines"]
        assert len([x for x in strengths if "—" in x["text"]]) <= 2


def test_medical_it_sheet_points_each_question_at_its_own_material() -> None:
    r, sheet = sample_sheet("clinical-specialist-ja", "medit-cs")
    q = {x["id"]: x for x in sheet["questions"]}
    assert list(q)[4].startswith("role_cs_")  # the role family's questions lead the bank part
    assert "cs_customer_problem" not in q  # role_cs_recovery covers it
    text = {k: " ".join(line["text"] for line in v["lines"]) for k, v in q.items()}
    # achievement questions point at the fitting story, one line with its leading figure
    assert text["role_as_training"].startswith("エピソード「施設向け教育会の企画・実施」— ")
    assert text["role_cs_recovery"].startswith("エピソード「術中トラブル対応の標準化」— ")
    assert text["cs_numbers"].startswith("エピソード「担当施設の拡大と新規導入」— ")
    assert len(q["cs_numbers"]["lines"]) == 1
    # a measures question lists the record's own measures
    assert "術中トラブル再発率" in text["role_cs_metrics"]
    assert "受講者満足度" in text["role_cs_metrics"]
    # focus words pick the duties that fit: the doctors question skips incident handling
    assert "医師" in text["cs_with_doctors"] and "不具合" not in text["cs_with_doctors"]
    # a question the record cannot feed gets its own prompt, not a generic one
    assert q["cs_role_understanding"]["lines"][0]["prompt"] is True
    assert q["cs_role_understanding"]["lines"][0]["text"].startswith("求人票の業務内容")
    # the motivation is answered once (Q2), not again under another question
    motivation = spoken(r.target("medit-cs").motivation or "", "ja")  # type: ignore[union-attr]
    assert sum(motivation in t for t in text.values()) == 1


def test_physician_sheet_points_volume_at_the_operations_story() -> None:
    _, sheet = sample_sheet("physician-ja")
    q = {x["id"]: x for x in sheet["questions"]}
    assert q["md_case_volume"]["lines"][0]["text"].startswith(
        "エピソード「多発外傷の手術と集中治療」"
    )
    assert q["role_lead_people"]["lines"][0]["text"].startswith("エピソード「研修医向け")
    assert "md_teaching" not in q and "difficult_person" not in q


def test_leaving_answer_keeps_three_follow_ups_and_asks_to_shorten_a_long_answer() -> None:
    r, sheet = sample_sheet("clinical-specialist-ja", "medit-cs")
    reason = leaving_position(r).leaving_reason
    full = enrich(r, "medit-cs", today=date.today()).leaving_answer
    assert full is not None and full.long and reason
    assert len(full.follow_up) > FOLLOW_UP_LIMIT
    lines = sheet["questions"][0]["lines"]
    assert lines[0] == {"text": full.long, "prompt": False}
    follow = [x["text"] for x in lines[1:] if x["text"].startswith("さらに聞かれたら")]
    assert 0 < len(follow) <= FOLLOW_UP_LIMIT
    # a short answer gets no such note
    _, md = sample_sheet("physician-ja")
    assert not any("長め" in x["text"] for x in md["questions"][0]["lines"])


def test_intro_says_figures_as_spoken_sentences() -> None:
    r, sheet = sample_sheet("clinical-specialist-ja", "medit-cs")
    intro = sheet["intro"]["text"]
    assert "2020年から2024年にかけて、担当施設数が8施設から14施設になりました" in intro
    assert "教育会を年36回開催しました" in intro
    assert " → " not in intro and "ポイント低下" not in intro  # nothing read out of brackets
    assert (r.self_pr or "")[:20] not in intro
    _, en = sample_sheet("clinical-specialist-en")
    said = en["intro"]["text"]
    assert "I am a clinical specialist with seven years" in said  # not the written fragment
    assert "One result I am proud of: I cut the repeat incident rate from 10% to 3%." in said
    assert "incidents. Cut" not in said and "percentage points" not in said
    assert "(" not in said and "→" not in said


def test_english_strengths_are_said_with_one_verb_and_no_asides() -> None:
    _, en = sample_sheet("clinical-specialist-en")
    strengths = next(q for q in en["questions"] if q["id"] == "strengths")
    said = [x["text"] for x in strengths["lines"] if not x["prompt"]]
    assert said[0] == (
        "I cut the repeat incident rate from 10% to 3%, and the onboarding lead time fell "
        "from 75 to 50 days."
    )
    assert said[1].startswith("I grew the number of accounts supported from 6 to 11 between")
    for line in said:
        assert "(" not in line and " — " not in line and line.endswith(".")


def test_a_list_of_material_comes_with_what_to_make_of_it() -> None:
    """Skills or duties alone are no answer: the question's prompt follows them; a stated
    wish that answers the question (the start date) needs none, nor does a story."""
    for stem, target in (("clinical-specialist-en", None), ("clinical-specialist-ja", "msl")):
        _, sheet = sample_sheet(stem, target)
        for q in sheet["questions"][4:]:
            said = [x for x in q["lines"] if not x["prompt"]]
            prompts = [x for x in q["lines"] if x["prompt"]]
            story = any(x["text"].startswith(("Story:", "エピソード")) for x in said)
            if "start" in q["id"] or story:
                assert len(prompts) == 0 or not said, q["id"]
            elif said:
                assert len(prompts) == 1, q["id"]


def test_two_lines_that_say_the_same_thing_are_one() -> None:
    """The MSL sheet's compliance question drew 不具合・苦情の初動対応と報告 from the duties
    and 不具合報告・苦情対応の初動 from the skills: one is kept."""
    _, sheet = sample_sheet("clinical-specialist-ja", "msl")
    q = next(q for q in sheet["questions"] if "コンプライアンス" in q["question"])
    said = [x["text"] for x in q["lines"] if not x["prompt"]]
    assert said == ["不具合・苦情の初動対応と報告"]


def test_career_overview_is_told_oldest_first() -> None:
    r = load_record(SAMPLES[[p.stem for p in SAMPLES].index("physician-ja")])
    bank = load_question_bank("ja")
    from dataclasses import replace

    from resumegen.resources.questionbank import Question

    only = Question("career_overview", "経歴は？", "古い順に", uses=("work",))
    sheet = build_sheet(r, None, bank=replace(bank, questions=(only,)))
    lines = [x["text"] for x in sheet["questions"][4]["lines"]]
    assert lines[0].startswith("2009年4月") and lines[-1].startswith("2011年4月")


# ---------------------------------------------------------------- no targets, no figures

UNQUANTIFIED = """
schema: 1
lang: {lang}
profile: general
as_of: 2026-01-15
person: {{name: {name}}}
summary: {summary}
work:
  - organization: {org}
    start: 2018-04
    end: present
    duties: [{duty}]
    achievements:
      - summary: {first}
      - summary: {second}
        star:
          action: {action}
    leaving_reason: {reason}
"""

UNQUANTIFIED_JA = UNQUANTIFIED.format(
    lang="ja",
    name="山田 花子",
    summary="物流会社で8年間、倉庫の在庫管理と出荷業務の改善を担当。",
    org="東都ロジスティクス株式会社",
    duty="在庫管理",
    first="出荷ミスを減らす仕組みを作った",
    second="新人スタッフの教育手順を整えた",
    action="作業手順書と確認テストを作り、最初の1か月の研修を組み直した。",
    reason="残業が多く、評価も不透明。",
)
UNQUANTIFIED_EN = UNQUANTIFIED.format(
    lang="en",
    name="Hana Yamada",
    summary="Eight years running warehouse stock control and improving dispatch.",
    org="Toto Logistics",
    duty="Stock control",
    first="Built a check that cut dispatch errors",
    second="Rewrote the induction for new staff",
    action="I wrote a work guide and a short test and rebuilt the first month of training.",
    reason="Too much overtime and unclear appraisals.",
)


@pytest.mark.parametrize("yaml", [UNQUANTIFIED_JA, UNQUANTIFIED_EN], ids=["ja", "en"])
def test_general_sheet_for_a_record_without_targets_or_figures(yaml: str) -> None:
    from resumegen.enrich.metric_hints import suggest_metrics
    from resumegen.resources.catalogue import load_catalogue

    r = record(yaml)
    (sheet,) = build_sheets(r)
    assert sheet["application"]["general"] is True
    catalogue = load_catalogue(r.lang).for_profile("general")
    # every STAR part the record does not give is a prompt; the result asks for figures
    # and names the catalogue's metrics that fit the achievement
    for story, (i, a) in zip(sheet["stories"], enumerate(r.work[0].achievements), strict=True):
        assert story["path"] == f"work[0].achievements[{i}]"
        rows = {row["part"]: row["lines"] for row in story["rows"]}
        given = {
            p for p in ("situation", "task", "action", "learning") if a.star and getattr(a.star, p)
        }
        for part in ("situation", "task", "action", "learning"):
            assert [x["prompt"] for x in rows[part]] == [part not in given]
        (result,) = rows["result"]
        assert result["prompt"] is True
        hints = suggest_metrics(a, r.work[0], catalogue, r.lang)
        assert len(hints) >= 2
        for h in hints:
            assert h.label in result["text"]
    q = {x["id"]: x for x in sheet["questions"]}
    assert q["strengths"]["lines"][-1]["prompt"] is True  # no figures yet: asks for them
    assert q["why_employer"]["lines"][0]["prompt"] is True
    assert q["leaving_reason"]["lines"][0]["prompt"] is False  # rephrased, not the raw words
    bank = [x for x in sheet["questions"] if x["kind"] == "bank"]
    assert len(bank) >= 10 and not any(x["roles"] for x in bank)
    assert {"gen_role_understanding", "gen_strength_use", "five_years"} <= set(q)
    # no question is empty, and those the record cannot feed carry their own prompt
    own = {x.id: x.prompt for x in load_question_bank(r.lang).questions}
    for x in bank:
        assert x["lines"]
        if all(line["prompt"] for line in x["lines"]):  # in the employer's words (入社, 入職)
            assert x["lines"][0]["text"].replace("入社", "入職") == own[x["id"]].replace(
                "入社", "入職"
            )
    # no trigger of the leaving reason reaches the sheet
    reason = r.work[0].leaving_reason or ""
    text = casefold_nfkc(sheet_text({k: v for k, v in sheet.items() if k != "conditions"}))
    for m in rephrase(reason, lang=r.lang, profile="general").matches:
        assert casefold_nfkc(m.trigger) not in text


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("医療機器メーカーで6年間担当。", "医療機器メーカーで6年間担当してきました。"),
        ("救急医療に17年携わってきた。", "救急医療に17年携わってきました。"),
        ("経験を活かしたい。", "経験を活かしたいと考えています。"),
        ("現在は助教である", "現在は助教です。"),
        ("チームリーダーを務めています。", "チームリーダーを務めています。"),
        ("専門は外傷外科", "専門は外傷外科です。"),
    ],
)
def test_the_self_introduction_is_said_in_desu_masu(written: str, said: str) -> None:
    from resumegen.enrich.episodes import spoken

    assert spoken(written, "ja") == said
    assert spoken("I lead the team", "en") == "I lead the team."


def test_one_story_answers_at_most_two_bank_questions_and_only_fitting_ones() -> None:
    from collections import Counter

    from resumegen.enrich.interview import STORY_USES

    for stem, target in (("physician-ja", "saitama-er"), ("clinical-specialist-ja", "msl")):
        _, sheet = sample_sheet(stem, target)
        told = Counter(
            line["text"].split("—")[0]
            for q in sheet["questions"]
            if q["kind"] == "bank"
            for line in q["lines"]
            if line["text"].startswith("エピソード")
        )
        assert told and max(told.values()) <= STORY_USES
    _, sheet = sample_sheet("physician-ja", "saitama-er")
    volume = next(q for q in sheet["questions"] if q["id"] == "md_case_volume")
    assert (
        "外傷手術" in volume["lines"][0]["text"]
    )  # the question's own figure, not the strongest story


def test_questions_about_past_customers_are_asked_only_of_people_at_a_company() -> None:
    """A hospital technologist applying to a device maker is asked why industry, not how
    they rescued a struggling customer they never had."""
    import resumegen
    from resumegen.record.validate import load_record

    fixture = Path(__file__).parents[1] / "fixtures" / "pages" / "labtech-appspec-ja.yaml"
    r = load_record(fixture)
    ids = {
        q["id"] for q in resumegen.context_for(r, "interview", target=r.targets[0].id)["questions"]
    }
    assert "cs_why_industry" in ids
    assert not ids & {"role_cs_recovery", "cs_numbers", "cs_customer_problem", "role_cs_inquiries"}
