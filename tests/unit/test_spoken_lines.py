"""Interview-sheet lines a candidate says aloud: figures as people say them, no asides.

The records in tests/fixtures/pages are fictional people written for page-level
reading (a ward nurse, a laboratory technologist, an MR moving to MSL, a
surgeon, a physician after many 医局 moves, a clinical specialist with three
applications, and in English an ICU nurse moving to teaching); each rule here holds on
every sheet of every one of them.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from resumegen.documents.interview import build_sheets
from resumegen.documents.shokumu import target_line
from resumegen.enrich.episodes import done_phrase, spoken
from resumegen.enrich.interview import LINE_USES
from resumegen.enrich.quantify import spoken_en, spoken_ja
from resumegen.enrich.self_pr import tailored_pr
from resumegen.record.model import Metric
from resumegen.record.validate import load_record
from resumegen.resources.questionbank import load_question_bank
from tests.docdata import app_of

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.yaml"))
SAMPLES = sorted((ROOT / "samples").glob("*-ja.yaml"))


def _sheets(path: Path) -> list[dict[str, Any]]:
    record = load_record(path)
    return [dict(s) for s in build_sheets(record)]  # one a target, or the general one


def _said(line: dict[str, Any]) -> bool:
    return not line["prompt"]


def _metric(**kw: object) -> Metric:
    fields = {
        k: Decimal(str(v)) if k in ("before", "after", "value", "scale") else v
        for k, v in kw.items()
    }
    return Metric(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("metric", "team", "said"),
    [
        (
            _metric(
                name="救急車受入不能率",
                before=18,
                after=7,
                unit="%",
                better="lower",
                period="2019年度→2022年度",
            ),
            False,
            "2019年度から2022年度にかけて、救急車受入不能率が18%から7%になりました",
        ),
        (
            _metric(name="退院調整の平均日数", before=9.5, after=6.3, unit="日", better="lower"),
            True,
            "チームで退院調整の平均日数を9.5日から6.3日に短縮しました",
        ),
        (
            _metric(name="腹腔鏡下大腸切除（執刀）", value=85, unit="件", period="年"),
            False,
            "腹腔鏡下大腸切除を年間85件執刀しました",
        ),
        (
            _metric(name="PCI（術者）", value=140, unit="件", period="年"),
            False,
            "術者としてのPCIは年間140件です",
        ),
        (
            _metric(name="外傷初期診療コース開催", value=12, unit="回", period="年"),
            False,
            "外傷初期診療コースを年12回開催しました",
        ),
        (
            _metric(name="退院前カンファレンス開催", value=12, unit="件", period="月"),
            True,
            "退院前カンファレンスをチーム全体で月12件開催しました",
        ),
        (
            _metric(
                name="受講者満足度", before=3.4, after=4.6, unit="点", scale=5, better="higher"
            ),
            False,
            "受講者満足度が5点満点で3.4点から4.6点になりました",
        ),
        (
            _metric(name="売上目標達成率", value=118, unit="%", period="2023年度"),
            False,
            "2023年度の売上目標達成率は118%です",
        ),
        (
            _metric(name="装置評価試験", value=6, unit="件", period="2019年〜2024年"),
            False,
            "2019年から2024年までの装置評価試験は6件です",
        ),
        (
            _metric(name="再発率", before=12, after=4, unit="%", better="lower", confidential=True),
            False,
            "再発率は相対で67%減りました",
        ),
    ],
)
def test_a_figure_is_said_without_brackets_or_arrows(metric: Metric, team: bool, said: str) -> None:
    assert spoken_ja(metric, team=team) == said


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "病棟で退院支援に関わるなかで、看護に携わりたいと考えるようになった。",
            "病棟で退院支援に関わるなかで、看護に携わりたいと考えるようになりました。",
        ),
        ("在宅移行を早めた", "在宅移行を早めました。"),
        ("待機期間を短縮", "待機期間を短縮しました。"),
        ("内視鏡センターを立ち上げ", "内視鏡センターを立ち上げてきました。"),
        ("病棟業務を担当。", "病棟業務を担当してきました。"),
    ],
)
def test_written_endings_are_said_politely(written: str, said: str) -> None:
    assert spoken(written, "ja") == said


@pytest.mark.parametrize("path", PAGES + SAMPLES, ids=lambda p: p.stem)
def test_the_intro_and_strengths_have_no_asides_arrows_or_quotes(path: Path) -> None:
    for sheet in _sheets(path):
        strengths = next(q for q in sheet["questions"] if q["id"] == "strengths")
        said = [sheet["intro"]["text"]] + [x["text"] for x in strengths["lines"] if _said(x)]
        for text in said:
            assert not any(mark in text for mark in "（）→「」／"), text


@pytest.mark.parametrize("path", PAGES + SAMPLES, ids=lambda p: p.stem)
def test_an_episode_pointer_says_its_figure_aloud(path: Path) -> None:
    for sheet in _sheets(path):
        for q in sheet["questions"]:
            for line in q["lines"]:
                _, dash, figure = line["text"].partition("」— ")
                if line["text"].startswith("エピソード「") and dash:
                    assert "→" not in figure and "（" not in figure, figure
                    assert figure.endswith(("です", "ました")), figure


@pytest.mark.parametrize("path", PAGES + SAMPLES, ids=lambda p: p.stem)
def test_one_answer_line_is_given_at_most_twice(path: Path) -> None:
    for sheet in _sheets(path):
        lines = Counter(
            x["text"]
            for q in sheet["questions"]
            if q["id"] != "leaving_reason"
            for x in q["lines"]
            if _said(x)
        )
        assert max(lines.values()) <= LINE_USES, lines.most_common(2)


def test_an_msl_application_leads_with_science_not_sales() -> None:
    """The MR's sales result is in the episodes, not in the intro or the strengths answer."""
    for sheet in _sheets(ROOT / "tests" / "fixtures" / "pages" / "mr-msl-ja.yaml"):
        strengths = next(q for q in sheet["questions"] if q["id"] == "strengths")
        said = [sheet["intro"]["text"]] + [x["text"] for x in strengths["lines"]]
        assert not any("売上" in text for text in said)
        assert any("売上" in e["title"] for e in sheet["stories"])


def test_a_licence_list_does_not_answer_which_disease_area() -> None:
    for sheet in _sheets(ROOT / "tests" / "fixtures" / "pages" / "mr-msl-ja.yaml"):
        q = next(q for q in sheet["questions"] if q["id"] == "role_msl_expertise")
        text = " ".join(x["text"] for x in q["lines"])
        assert "免許" not in text and "肺がん・乳がん領域" in text


@pytest.mark.parametrize(
    ("summary", "experience"),
    [
        ("生化学分析装置の更新でTATを短縮", "生化学分析装置の更新でTATを短縮した経験"),
        (
            "退院支援カンファレンスの定例化で在宅移行を早めた",
            "退院支援カンファレンスの定例化で在宅移行を早めた経験",
        ),
        ("医療機器の中央管理を立ち上げ", "医療機器の中央管理を立ち上げた経験"),
        ("術中トラブル対応の標準化", "術中トラブル対応の標準化をはじめとする経験"),
    ],
)
def test_the_summary_names_an_experience_without_quoting_it(summary: str, experience: str) -> None:
    done = done_phrase(summary)
    assert (f"{done}経験" if done else f"{summary}をはじめとする経験") == experience
    for path in PAGES + SAMPLES:
        record = load_record(path)
        for target in record.targets:
            line = target_line(app_of(record, target))
            assert "「" not in line and line.endswith("貢献したいと考えております。"), line


def test_a_company_sheet_says_nyusha_and_a_hospital_sheet_nyushoku() -> None:
    for path, word, other in (
        (ROOT / "tests/fixtures/pages/labtech-appspec-ja.yaml", "入社", "入職"),
        (ROOT / "tests/fixtures/pages/surgeon-ja.yaml", "入職", "入社"),
    ):
        (sheet,) = _sheets(path)
        rows = " ".join(r["label"] + r["confirm"] for r in sheet["conditions"])
        start = next(q for q in sheet["questions"] if q["id"].endswith("start_timing"))
        said = " ".join(x["text"] for x in start["lines"]) + rows
        assert word in said and other not in said, said


def test_a_case_volume_question_finds_the_operator_figure() -> None:
    (sheet,) = _sheets(ROOT / "tests/fixtures/pages/ikyoku-notarget-ja.yaml")
    q = next(q for q in sheet["questions"] if q["id"] == "md_case_volume")
    assert "PCI" in q["lines"][0]["text"] and not q["lines"][0]["prompt"]


def test_a_stated_condition_keeps_the_persons_words_in_an_answer() -> None:
    """出張 is in her leaving reason, and in the limit she asks for: the sheet does not
    reword her condition into another one (訪問の移動)."""
    for sheet in _sheets(ROOT / "tests/fixtures/pages/cs-three-ja.yaml"):
        said = [x["text"] for q in sheet["questions"] for x in q["lines"] if "勤務地" in x["text"]]
        assert said and all("出張は月2回程度まで" in text for text in said)


def test_one_shared_word_does_not_give_a_pr_point_to_another_application() -> None:
    """「エビデンスをもとに医師と対話する力」 shares only エビデンス with the other MSL
    application's motivation: both 職務経歴書 keep it."""
    record = load_record(ROOT / "tests/fixtures/pages/mr-msl-ja.yaml")
    for target in record.targets:
        pr = tailored_pr(app_of(record, target))
        assert pr.left_out == () and "エビデンスをもとに医師と対話する力" in pr.text


def test_a_product_manager_is_not_asked_how_to_run_a_department() -> None:
    ja, en = load_question_bank("ja"), load_question_bank("en")
    assert "leadership" not in ja.detect_roles("プロダクトマネージャー（構造的心疾患）")
    assert "leadership" in ja.detect_roles("トレーニングマネージャー")
    assert "leadership" not in en.detect_roles("Product Manager, Structural Heart")
    assert "leadership" in en.detect_roles("Regional Sales Manager")


@pytest.mark.parametrize(
    ("metric", "team", "said"),
    [
        (
            _metric(name="repeat incident rate", before=10, after=3, unit="%", better="lower"),
            False,
            (
                "the repeat incident rate fell from 10% to 3%",
                "cut the repeat incident rate from 10% to 3%",
            ),
        ),
        (
            _metric(
                name="Accounts supported",
                before=6,
                after=11,
                unit="accounts",
                better="higher",
                period="2019 to 2024",
            ),
            False,
            (
                "the number of accounts supported rose from 6 to 11 between 2019 and 2024",
                "grew the number of accounts supported from 6 to 11 between 2019 and 2024",
            ),
        ),
        (
            _metric(
                name="Door-to-needle time", before=62, after=41, unit="minutes", better="lower"
            ),
            True,
            ("as a team, we shortened the door-to-needle time from 62 to 41 minutes", ""),
        ),
        (
            _metric(name="new system placements", value=4, unit="placements", period="year"),
            False,
            ("there were 4 new system placements a year", ""),
        ),
        (
            _metric(name="Patient satisfaction", value=92, unit="%", period="FY2023"),
            False,
            ("patient satisfaction was 92% in FY2023", ""),
        ),
        (
            _metric(name="Wait list", before=120, after=80, unit="patients"),
            False,
            ("the wait list fell from 120 to 80 patients", ""),  # better unstated: no claim
        ),
        (
            _metric(
                name="Readmissions", before=12, after=9, unit="%", better="lower", confidential=True
            ),
            False,
            ("readmissions fell by a relative 25%", "cut readmissions by a relative 25%"),
        ),
    ],
)
def test_an_english_figure_is_said_as_what_happened_and_what_i_did(
    metric: Metric, team: bool, said: tuple[str, str]
) -> None:
    assert spoken_en(metric, team=team) == said


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "Clinical specialist with seven years of support.",
            "I am a clinical specialist with seven years of support.",
        ),
        ("ICU nurse with a CCRN.", "I am an ICU nurse with a CCRN."),
        ("Seven years in cardiac devices.", "I have seven years in cardiac devices."),
        (
            "Registered nurse. Trained 40 new graduates.",
            "I am a registered nurse. I trained 40 new graduates.",
        ),
        ("I have led a ward for five years.", "I have led a ward for five years."),
        ("In 2020 I moved into industry.", "In 2020 I moved into industry."),
    ],
)
def test_an_english_summary_is_said_about_i(written: str, said: str) -> None:
    assert spoken(written, "en") == said


ENGLISH = [p for p in PAGES if p.stem.endswith("-en")] + [
    ROOT / "samples/clinical-specialist-en.yaml"
]


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem)
def test_english_lines_said_aloud_have_no_written_forms(path: Path) -> None:
    """The English introduction and strengths are said, not read: no brackets, arrows,
    relative-change asides, doubled verbs or a résumé fragment ("Clinical specialist
    with …") as a sentence; skills said mid-sentence are not capitalised."""
    for sheet in _sheets(path):
        intro = sheet["intro"]["text"]
        strengths = next(q for q in sheet["questions"] if q["id"] == "strengths")
        said = [intro] + [x["text"] for x in strengths["lines"] if not x["prompt"]]
        for line in said:
            for written in ("(", "→", "percentage points", "relative reduction", " — "):
                assert written not in line, (written, line)
            assert "as a team, we" not in line.split("as a team, we", 1)[-1], line
        second = intro.split(". ")[1]
        assert second.startswith(("I ", "In ", "As ", "My ", "Over ")), second
        skills = next((s for s in intro.split(". ") if s.startswith("My core skills")), "")
        assert not any(w[:1].isupper() and w[1:].islower() for w in skills.split()[4:]), skills
