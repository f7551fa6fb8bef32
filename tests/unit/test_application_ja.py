"""What the Application decides once for every Japanese document: 貴院/貴社, exit lines, wishes."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from resumegen.documents import document
from resumegen.enrich.application import HONORIFICS, Resources, enrich, honorific_for
from resumegen.enrich.audit import audit
from resumegen.errors import RecordError
from resumegen.record.model import Options, PartialDate, Person, Position, Record, Target
from resumegen.record.validate import load_record_text
from resumegen.resources.phrasebook_load import bundled_phrasebook, load_phrasebook_file

P = PartialDate


def nurse(**changes: object) -> Record:
    record = Record(
        schema=1,
        lang="ja",
        profile="general",
        as_of=P(2026, 1, 15),
        person=Person(name="看護 花子"),
        work=(Position("東京北病院", P(2015, 4), None, department="内科病棟", title="看護師"),),
    )
    return replace(record, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("employer", "honorific"),
    [
        ("埼玉中央総合病院", "貴院"),
        ("北東大学医学部附属病院", "貴院"),
        ("医療法人社団さくら会 さくらクリニック", "貴院"),
        ("みなと内科医院", "貴院"),
        ("やまの診療所", "貴院"),
        ("医療法人社団さくら会", "貴法人"),
        ("社会福祉法人みどり会", "貴法人"),
        ("社会福祉法人みどり会 みどり病院", "貴院"),
        ("北東大学", "貴学"),
        ("ヘルステック・ソリューションズ株式会社", "貴社"),
        ("株式会社メディカルクリニック支援", "貴社"),
        ("Acme Medical Inc.", "貴社"),
    ],
)
def test_honorific_from_the_employer_name(employer: str, honorific: str) -> None:
    assert honorific_for(employer) == honorific
    target = Target(id="t", employer=employer)
    assert enrich(nurse(targets=(target,)), target).honorific == honorific


def test_a_nurse_applying_to_a_hospital_gets_kiin_not_kisha() -> None:
    record = nurse()
    assert enrich(record).honorific == "貴院"  # no target: the newest employer is a hospital
    target = Target(
        id="h", employer="東京南病院", motivation="急性期看護の経験を活かしたいと考えています。"
    )
    app = enrich(replace(record, targets=(target,)))  # the only target, none given
    assert app.addressee == target and app.honorific == "貴院"
    shokumu = document("shokumu").build(enrich(replace(record, targets=(target,)), target))
    assert "貴院" in shokumu["target_line"]
    company = nurse(work=(Position("株式会社ケアテック", P(2015, 4), None),))
    assert enrich(company).honorific == "貴社"


def test_the_record_can_say_the_honorific() -> None:
    target = Target(id="t", employer="みなと会", honorific="貴法人")
    assert enrich(nurse(targets=(target,)), target).honorific == "貴法人"
    text = """\
        schema: 1
        lang: ja
        person: {name: 試験 太郎}
        work: []
        targets:
          - {id: t, employer: みなと会, honorific: 貴学}
        options: {shokumu_exit: facts}
    """
    record = load_record_text(textwrap.dedent(text), "t.yaml")
    assert record.targets[0].honorific == "貴学"
    assert record.options.shokumu_exit == "facts"
    assert set(HONORIFICS) == {"貴院", "貴社", "貴法人", "貴学", "貴校", "貴ステーション"}
    with pytest.raises(RecordError, match="honorific"):
        load_record_text(textwrap.dedent(text).replace("貴学", "御社"), "t.yaml")


def test_several_targets_and_none_chosen_address_nobody() -> None:
    two = (Target(id="a", employer="A病院"), Target(id="b", employer="B株式会社"))
    app = enrich(nurse(targets=two))
    assert app.addressee is None and app.motivation == ""


@pytest.mark.parametrize(
    ("reason", "line"),
    [
        ("医局人事で関連病院へ異動することになった。", "医局人事により退職"),
        ("契約期間が満了したため。", "契約期間満了により退職"),
        ("勤務先のクリニックが閉院したため。", "閉院により退職"),
        ("会社の業績悪化でリストラされた。", "会社都合により退職"),
        ("給料が安く、仕事が単調だった。", "一身上の都合により退職"),
        (None, "一身上の都合により退職"),
    ],
)
def test_exit_line_is_the_fact_in_one_wording(reason: str | None, line: str) -> None:
    past = Position("A病院", P(2015, 4), P(2020, 3), leaving_reason=reason)
    record = nurse(profile="physician", work=(past, *nurse().work))  # 医局: physicians only
    app = enrich(record)
    assert app.exit_line(past) == line
    rows = document("rirekisho").build(app)["history"]
    assert ("2020", "3", line) in [(r["year"], r["month"], r["text"]) for r in rows]
    facts = enrich(replace(record, options=Options(shokumu_exit="facts")))
    shokumu = document("shokumu").build(facts)["positions"]
    printed = [p["leaving_line"] for p in shokumu if p["leaving_line"]]
    assert printed == ([] if line == "一身上の都合により退職" else [f"退職理由：{line}"])


def test_exit_wording_is_phrasebook_data_on_keep_entries_only() -> None:
    book = bundled_phrasebook("ja")
    exits = {e.id: e.exit for e in book.entries if e.exit}
    assert exits == {
        "ikyoku_transfer": "医局人事により退職",
        "company_reasons": "会社都合により退職",
        "closure": "閉院により退職",
        "contract_end": "契約期間満了により退職",
    }
    assert all(book.get(i) is not None and book.get(i).keep_as_is for i in exits)  # type: ignore[union-attr]


def test_exit_on_a_motive_entry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leaving-x.yaml"
    path.write_text(
        "entries:\n"
        "  - id: a\n"
        "    category: work\n"
        "    exit: 一身上の都合により退職\n"
        "    triggers: [雑務]\n"
        "    positive: {short: 専門業務に集中したいと考えています。, long: 専門業務に集中したいと考えています。}\n",
        encoding="utf-8",
    )
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(path, "ja")
    (d,) = info.value.diagnostics
    assert d.path == "entries[0].exit" and "category: keep" in d.message


def test_check_says_which_wishes_the_rirekisho_leaves_off() -> None:
    record = nurse(
        desired={"salary": "年収500万円以上", "duty_nights": "なし", "location": "東京都"},
        self_pr="夜勤の業務改善に取り組みました。",
        summary="看護師として10年。",
    )
    findings = [
        (f.severity, f.path) for f in audit(record, is_negative=lambda t, lang: []).findings
    ]
    assert ("info", "desired.salary") in findings
    assert ("info", "desired.duty_nights") in findings
    assert ("info", "desired.location") not in findings


def test_check_warns_about_sections_a_reader_will_miss() -> None:
    record = nurse(profile="physician", summary=None, self_pr=None)
    findings = {
        (f.severity, f.path) for f in audit(record, is_negative=lambda t, lang: []).findings
    }
    assert {
        ("warning", "summary"),
        ("warning", "self_pr"),
        ("warning", "skills"),
        ("warning", "licenses"),
        ("warning", "work[0]"),
    } <= findings


def test_check_flags_a_plain_form_motivation_but_never_rewrites_it() -> None:
    plain = Target(id="t", employer="A病院", motivation="救急の体制づくりに貢献したい。")
    polite = Target(
        id="u", employer="B病院", motivation="救急の体制づくりに貢献したいと考えています。"
    )
    record = nurse(targets=(plain, polite))
    paths = [f.path for f in audit(record, is_negative=lambda t, lang: []).findings]
    assert "targets[0].motivation" in paths and "targets[1].motivation" not in paths
    app = enrich(record, "t", resources=Resources("ja"))
    assert app.motivation == "救急の体制づくりに貢献したい。"


def test_the_interview_sheet_reads_the_same_honorific() -> None:
    from resumegen.enrich.interview import plan_interview

    for record, house in (
        (nurse(), "当院"),
        (nurse(work=(Position("株式会社ケアテック", P(2015, 4), None),)), "当社"),
    ):
        app = enrich(record)
        assert app.house == house
        questions = [q.question for q in plan_interview(app).questions]
        assert f"なぜ{house}を志望したのですか。" in questions


@pytest.mark.parametrize(
    ("employer", "honorific"),
    [
        ("東都看護専門学校", "貴校"),
        ("みなと看護学院", "貴校"),
        ("さくら訪問看護ステーション", "貴ステーション"),
        ("株式会社ケア 訪問看護ステーションひまわり", "貴社"),  # the company that runs it
        ("東都大学大学院", "貴学"),
    ],
)
def test_a_school_and_a_visiting_nurse_station_are_addressed_as_such(
    employer: str, honorific: str
) -> None:
    target = Target(id="t", employer=employer)
    assert enrich(nurse(targets=(target,)), target).honorific == honorific
