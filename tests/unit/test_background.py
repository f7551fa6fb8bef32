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
    assert r.long is not None and "救命救急での10年間の経験" in r.long


def test_an_english_role_gets_its_article() -> None:
    r = resumegen.rephrase(
        "Six years as an OT in stroke rehab and the caseload has doubled.",
        lang="en",
        profile="general",
    )
    assert r.long is not None and "6 years as an OT" in r.long and "a OT" not in r.long


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
