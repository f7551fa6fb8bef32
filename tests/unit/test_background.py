"""The person's own field or role and years, read from a leaving reason (enrich/background)."""

from __future__ import annotations

from pathlib import Path

import pytest

import resumegen
from resumegen.enrich.answer_rules import answer_rules, load_answer_rules
from resumegen.enrich.background import Background, find_background
from resumegen.enrich.reason_answer import Grounding
from resumegen.errors import RecordError


@pytest.mark.parametrize(
    ("lang", "text", "told"),
    [
        ("ja", "救命救急で10年、正直燃え尽きそう。", Background("救命救急", None, 10)),
        ("ja", "急性期で５年やったので、次は訪問看護に挑戦したい。", Background("急性期", None, 5)),
        ("ja", "MR歴十二年。MSLに移りたい。", Background(None, "MR", 12)),
        ("ja", "看護師として二十年働いてきました。", Background(None, "看護師", 20)),
        ("ja", "医局の方針で3年おきに病院を転々とさせられる", None),  # a cause, not a tenure
        ("ja", "今の病院で10年働いたけど給料が上がらない", None),  # a place, not a field
        ("ja", "10年目なのに給料が新人と同じ", None),
        (
            "en",
            "Paramedic for 11 years. The queues are endless.",
            Background(None, "paramedic", 11),
        ),
        (
            "en",
            "After twelve years of outpatient rheumatology I want out.",
            Background("outpatient rheumatology", None, 12),
        ),
        (
            "en",
            "Ten years as a consultant anaesthetist and I'd like a change.",
            Background(None, "consultant anaesthetist", 10),
        ),
        ("en", "Thirty years at the same hospital and I've stopped learning.", None),
        ("en", "Many years in the same job.", None),
    ],
)
def test_the_field_or_role_and_years_the_person_states(
    lang: str, text: str, told: Background | None
) -> None:
    assert find_background(text, answer_rules(lang)) == told


def test_a_text_only_answer_names_the_persons_own_years_and_field() -> None:
    r = resumegen.rephrase("救命救急で10年、正直燃え尽きそう。", lang="ja", profile="physician")
    # the answer opens with who speaks, in the person's field and years
    assert r.long is not None and r.long.startswith("救命救急の経験が10年あります。")


def test_an_english_role_gets_its_article() -> None:
    r = resumegen.rephrase(
        "Six years as an OT in stroke rehab and the caseload has doubled.",
        lang="en",
        profile="general",
    )
    assert r.long is not None and "as an OT for 6 years" in r.long and "a OT" not in r.long


def test_the_records_grounding_is_never_replaced_by_the_text() -> None:
    from resumegen.enrich.rephrase import rephrase

    record = Grounding(field="循環器内科", years=7)
    r = rephrase(
        "救命救急で10年、正直燃え尽きそう。", lang="ja", profile="physician", grounding=record
    )
    assert r.long is not None and "救命救急での" not in r.long


def test_a_background_pattern_needs_years_and_a_field_or_title(tmp_path: Path) -> None:
    path = tmp_path / "answer-rules.yaml"
    path.write_text(
        "claims: [これまで]\ncoaching: [面接で]\nbackground:\n  - '(?P<field>\\w+)で'\n",
        encoding="utf-8",
    )
    with pytest.raises(RecordError) as err:
        load_answer_rules(path, "ja")
    assert "background[0]" in str(err.value) and "(?P<years>…)" in str(err.value)


@pytest.mark.parametrize(
    ("lang", "text", "role"),
    [
        ("ja", "回復期のPTです。1日21単位の目標がきつい。", "回復期のPT"),
        ("ja", "SMOでCRCをしています。担当施設が5つあります。", "CRC"),
        ("ja", "医療事務3年目です。残業が多い。", "医療事務"),
        ("ja", "当直が月6回です。", None),  # no role
        ("en", "I'm a care assistant in a nursing home in Leeds.", "care assistant"),
        ("en", "Senior physio in a private practice in Melbourne.", "senior physio"),
        ("en", "Been passed over for promotion twice now.", None),
        ("en", "I am a member of staff.", None),
    ],
)
def test_the_role_the_person_introduces_themselves_with(
    lang: str, text: str, role: str | None
) -> None:
    from resumegen.enrich.background import find_speaker

    assert find_speaker(text, answer_rules(lang)) == role


def test_without_a_record_the_motive_is_said_from_the_persons_role() -> None:
    ja = resumegen.rephrase("回復期のPTです。昇給は年2000円です。給料が安い。", lang="ja")
    assert ja.rephrased is not None and ja.rephrased.startswith("回復期のPTとして、")
    en = resumegen.rephrase("I'm a care assistant. The manager screams at us.", lang="en")
    assert en.rephrased is not None and en.rephrased.startswith("As a care assistant, I ")


def test_a_fact_is_never_said_from_the_role() -> None:
    r = resumegen.rephrase("臨床検査技師です。父の介護で実家に戻ります。", lang="ja")
    assert r.rephrased is not None and not r.rephrased.startswith("臨床検査技師として")
