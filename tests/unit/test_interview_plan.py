"""The interview plan is decided once per application and agrees with the other documents."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from resumegen.documents import document
from resumegen.documents.interview import build, sheet_text
from resumegen.enrich.application import Resources, enrich
from resumegen.enrich.fold import casefold_nfkc
from resumegen.enrich.rephrase import rephrase, slots_from, with_slots
from resumegen.enrich.wording import FILE_NAME, load_sheet_wording, sheet_wording
from resumegen.errors import RecordError
from resumegen.record.model import Record
from resumegen.record.validate import load_record_text
from resumegen.resources import bundled

LEFT = """
schema: 1
lang: ja
profile: physician
as_of: 2026-01-15
person: {name: 山田 太郎}
self_pr: 経験 　あり
targets:
  - {id: er, employer: 埼玉中央総合病院, role: 救急科 部長}
work:
  - organization: 東都総合病院
    start: 2015-04
    end: 2025-12
    leaving_reason: 当直が月6回あり体力的に限界を感じている。医局人事で異動を打診された。
"""


def record(yaml: str) -> Record:
    return load_record_text(textwrap.dedent(yaml).lstrip(), "test.yaml")


def test_sheet_answer_and_shokumu_line_come_from_one_match() -> None:
    r = record(LEFT)
    app = enrich(r, "er")
    last = app.last_position
    assert last is not None and not last.current
    short, answer = app.leaving(last), app.leaving_answer
    assert short is not None and answer is not None and short.matches
    assert [m.id for m in answer.matches] == [m.id for m in short.matches]
    assert [m.trigger for m in answer.matches] == [m.trigger for m in short.matches]
    shokumu = document("shokumu").build(app)
    assert shokumu["positions"][0]["leaving_line"] == ""  # no 退職理由 by default
    sheet = build(app)
    assert sheet["questions"][0]["lines"][0]["text"] == answer.long


def test_one_leaving_fact_one_wording_on_both_documents() -> None:
    """医局人事 closes the 履歴書 line and, when facts are asked for, the 職務経歴書's 退職理由."""
    r = record(LEFT + "options: {shokumu_exit: facts}\n")
    app = enrich(r, "er")
    last = app.last_position
    assert last is not None
    assert app.exit_line(last) == "医局人事により退職"
    rirekisho = document("rirekisho").build(app)
    assert ("2025", "12", "医局人事により退職") in [
        (row["year"], row["month"], row["text"]) for row in rirekisho["history"]
    ]
    assert all("一身上の都合" not in row["text"] for row in rirekisho["history"])
    shokumu = document("shokumu").build(app)
    assert shokumu["positions"][0]["leaving_line"] == "退職理由：医局人事により退職"


def test_with_slots_keeps_the_matches_and_fills_the_slots() -> None:
    reason = "もっと責任のある立場に挑戦したい"
    plain = rephrase(reason, lang="ja", profile="physician")
    filled = with_slots(plain, slots_from(role="救急科 部長"))
    assert [m.id for m in filled.matches] == [m.id for m in plain.matches]
    assert filled.input == plain.input
    assert filled == rephrase(reason, lang="ja", profile="physician", slots={"role": "救急科 部長"})


def test_full_width_space_prints_the_same_on_the_sheet_and_the_shokumu() -> None:
    app = enrich(record(LEFT), "er")
    shokumu = document("shokumu").build(app)
    assert shokumu["self_pr"] == "経験　あり"
    strengths = build(app)["questions"][2]["lines"]
    assert {"text": "経験　あり。", "prompt": False} in strengths


def test_a_month_only_as_of_is_not_given_a_day() -> None:
    r = record(LEFT.replace("as_of: 2026-01-15", "as_of: 2026-01"))
    assert build(enrich(r, "er"))["date"] == "2026年1月"


def test_the_shokumu_alone_loads_no_question_bank_and_no_sheet_wording() -> None:
    resources = Resources("ja")
    app = enrich(record(LEFT), "er", resources=resources)
    document("shokumu").build(app)
    assert "question_bank" not in vars(resources)
    assert "sheet_wording" not in vars(resources)
    assert "interview" not in vars(app)
    build(app)
    assert "question_bank" in vars(resources) and "sheet_wording" in vars(resources)


def test_the_plan_is_made_once_per_application() -> None:
    app = enrich(record(LEFT), "er")
    assert app.interview is app.interview
    assert build(app) == build(app)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_bundled_wording_loads(lang: str) -> None:
    t = sheet_wording(lang)
    assert t["title"] and t.table("star_labels")["result"]
    assert sheet_wording(lang) is t


def test_sheet_wording_is_not_read_on_import() -> None:
    code = "import resumegen, sys; print('resumegen.enrich.wording' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_broken_wording_file_is_reported_at_every_position(tmp_path: Path) -> None:
    text = (bundled("phrasebooks") / "en" / FILE_NAME).read_text(encoding="utf-8")
    lines = text.splitlines()
    broken = []
    for line in lines:
        if line.startswith("title:"):
            continue  # missing key
        if line.startswith("follow_up:"):
            line = 'follow_up: "If asked further: {txet}"'
        if line.startswith("list_sep:"):
            line = "list_sep: [a, b]"
        if line == '  result: "Result"':  # in star_labels
            line = "  reslt: Result"
        broken.append(line)
    path = tmp_path / FILE_NAME
    path.write_text("\n".join(broken) + "\n", encoding="utf-8")
    with pytest.raises(RecordError) as info:
        load_sheet_wording(path, "en")
    found = {(d.path, d.line) for d in info.value.diagnostics}
    row = {key: n for n, key in ((i + 1, x.split(":")[0]) for i, x in enumerate(broken))}
    assert ("follow_up", row["follow_up"]) in found
    assert ("list_sep", row["list_sep"]) in found
    assert ("star_labels.reslt", row["  reslt"]) in found
    assert any(d.path == "star_labels" and "result" in d.message for d in info.value.diagnostics)
    assert any("`title` is missing" in d.message for d in info.value.diagnostics)
    messages = "\n".join(d.message for d in info.value.diagnostics)
    assert "{txet}" in messages and "{text}" in messages
    assert all(d.file == str(path) and d.line > 0 for d in info.value.diagnostics)


def test_the_wording_files_are_not_read_as_question_banks_or_phrasebooks() -> None:
    from resumegen.resources.phrasebook_load import FILE_GLOB
    from resumegen.resources.questionbank import BANK_GLOBS

    for glob in (*BANK_GLOBS, FILE_GLOB, "metrics.yaml", "matcher-words.yaml"):
        assert not Path(FILE_NAME).match(glob)


def test_no_trigger_word_reaches_the_sheet_outside_the_conditions() -> None:
    app = enrich(record(LEFT), "er")
    sheet = build(app)
    text = casefold_nfkc(sheet_text({k: v for k, v in sheet.items() if k != "conditions"}))
    assert app.leaving_answer is not None and app.interview.neutraliser is not None
    for m in app.leaving_answer.matches:
        if m.category == "keep":
            continue  # a fact is named in its own words (医局人事)
        for word in m.trigger.split(" + "):
            assert casefold_nfkc(word) not in text


NURSE = """
schema: 1
lang: ja
profile: general
as_of: 2026-01-15
person: {name: 川口 花子}
targets:
  - {id: home, employer: 医療法人さくら会 みどり訪問看護ステーション, role: 訪問看護師}
work:
  - organization: 東都総合病院
    title: 看護師
    start: 2015-04
    end: present
    leaving_reason: 夜勤が続いて体力的にきつい
"""

ENGINEER = """
schema: 1
lang: ja
profile: clinical-specialist
as_of: 2026-01-15
person: {name: 森 一郎}
targets:
  - {id: cs, employer: メディカルデバイス株式会社, role: クリニカルスペシャリスト}
work:
  - organization: 東都総合病院
    title: 臨床工学技士
    start: 2015-04
    end: present
    leaving_reason: 給料が上がらない
"""


def test_questions_and_checklist_fit_the_employers_left_and_joined() -> None:
    nurse = enrich(record(NURSE), "home")
    assert (nurse.leaving_type, nurse.joining_type) == ("hospital", "hospital")
    plan = nurse.interview
    texts = " ".join(
        [q.question for q in plan.questions]
        + [c[1] + c[2] for c in plan.checklist]
        + [q[1] for q in plan.reverse_questions]
    )
    assert "当社" not in texts and "入社" not in texts  # a hospital says 当院 and 入職
    assert "社用車" not in texts and "競業" not in texts  # a company's items stay for companies
    engineer = enrich(record(ENGINEER), "cs")
    assert (engineer.leaving_type, engineer.joining_type) == ("hospital", "company")
    assert "cs_why_industry" in [q.id for q in engineer.interview.questions]
    specialist = enrich(
        record(
            ENGINEER.replace("organization: 東都総合病院", "organization: 日本メディカル株式会社")
        ),
        "cs",
    )
    assert "cs_why_industry" not in [q.id for q in specialist.interview.questions]


@pytest.mark.parametrize(
    ("lang", "stem", "motivation", "word"),
    [
        (
            "en",
            "clinical-specialist-en",
            "A role that in turn drives the business.",
            "drives the business",
        ),
        (
            "ja",
            "clinical-specialist-ja",
            "臨床の知識で製品の処方拡大に貢献したいと考えています。",
            "処方拡大",
        ),
    ],
)
def test_an_msl_answer_with_sales_words_gets_a_prompt(
    lang: str, stem: str, motivation: str, word: str
) -> None:
    from dataclasses import replace
    from pathlib import Path

    from resumegen.record.validate import load_record

    rec = load_record(Path(__file__).resolve().parents[2] / "samples" / f"{stem}.yaml")
    msl = next(t for t in rec.targets if "MSL" in (t.role or "") or "Liaison" in (t.role or ""))
    rec = replace(rec, targets=(replace(msl, motivation=motivation),))
    why = enrich(rec, msl.id).interview.questions[1]
    notes = [line.text for line in why.lines if line.prompt and word in line.text]
    assert notes  # the candidate is asked to say it without sales words
    clean = enrich(replace(rec, targets=(replace(msl, motivation="Evidence."),)), msl.id)
    assert not any(word in line.text for q in clean.interview.questions for line in q.lines)
