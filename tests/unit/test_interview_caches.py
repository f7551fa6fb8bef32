"""What the interview sheet reuses from sheet to sheet stays correct and bounded."""

from __future__ import annotations

from pathlib import Path

from resumegen.documents.interview import SheetData, build
from resumegen.enrich import neutral
from resumegen.enrich.application import enrich
from resumegen.enrich.neutral import DATA_KEYS
from resumegen.record.model import Record, Target
from resumegen.record.validate import load_record
from resumegen.resources.questionbank import Condition, QuestionBank, load_question_bank

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def build_sheet(r: Record, target: Target | None) -> SheetData:
    return build(enrich(r, target))


def test_a_neutraliser_is_shared_by_sheets_with_the_same_triggers_and_bank() -> None:
    bank = load_question_bank("ja")
    first = neutral.neutraliser(("当直",), bank, "ja", "x")
    assert neutral.neutraliser(("当直",), bank, "ja", "x") is first
    assert neutral.neutraliser(("オンコール",), bank, "ja", "x") is not first
    other = QuestionBank(lang="ja", neutral_terms=bank.neutral_terms)  # equal terms, new bank
    assert neutral.neutraliser(("当直",), other, "ja", "x") is not first


def test_the_neutralisers_kept_are_bounded() -> None:
    bank = load_question_bank("en")
    for n in range(neutral._NEUTRALISER_LIMIT * 3):
        neutral.neutraliser((f"word{n}",), bank, "en", "x")
    assert len(neutral._NEUTRALISERS) <= neutral._NEUTRALISER_LIMIT


def test_neutral_forms_kept_are_bounded_and_still_right_after_a_clear() -> None:
    bank = load_question_bank("en")
    n = neutral.Neutraliser(["on-call"], bank, "en", "x")
    for i in range(neutral._SEEN_LIMIT + 10):
        n.text(f"line {i}")
    assert len(n.seen) <= neutral._SEEN_LIMIT
    assert n.text("On-call rota") == "After-hours cover rota"


def test_walk_keeps_data_keys_and_drops_skipped_parts() -> None:
    bank = load_question_bank("en")
    n = neutral.Neutraliser(["on-call"], bank, "en", "x")
    sheet = {
        "doc": "on-call",  # an identifier: never rewritten
        "title": "on-call",
        "conditions": [{"label": "on-call"}],
        "lines": [{"text": "on-call", "prompt": False}, "on-call", 3, True],
    }
    out = n.walk(sheet, skip=frozenset({"conditions"}))
    assert "doc" in DATA_KEYS and out["doc"] == "on-call"
    assert out["title"] == "after-hours cover"
    assert "conditions" not in out
    assert out["lines"] == [
        {"text": "after-hours cover", "prompt": False},
        "after-hours cover",
        3,
        True,
    ]


def test_sheets_built_twice_are_equal_and_do_not_share_lists() -> None:
    r = load_record(SAMPLES / "physician-ja.yaml")
    target = r.targets[0]
    a = build_sheet(r, target)
    b = build_sheet(r, target)
    assert a == b
    a["reverse_questions"].clear()
    a["questions"][-1]["roles"].append("x")
    assert build_sheet(r, target) == b


def test_conditions_keep_the_user_wording_and_the_key_order() -> None:
    r = load_record(SAMPLES / "physician-ja.yaml")
    sheet = build_sheet(r, r.targets[0])
    keys = list(sheet)
    assert keys.index("conditions") == keys.index("reverse_questions") + 1
    plan = enrich(r, r.targets[0]).interview
    assert [row["desired"] for row in sheet["conditions"]] == [c.desired for c in plan.conditions]


def test_bank_selections_are_remembered_but_handed_out_as_fresh_lists() -> None:
    bank = load_question_bank("ja")
    roles = bank.detect_roles("救急科 部長")
    first = bank.select_questions("physician", roles, 12)
    first.clear()
    again = bank.select_questions("physician", roles, 12)
    assert len(again) == 12 and again == bank._select("physician", roles, 12)
    rev = bank.reverse_for("physician", roles)
    rev.clear()
    assert bank.reverse_for("physician", roles) == bank._reverse("physician", roles)
    checklist = bank.checklist_for("physician")
    checklist.clear()
    assert bank.checklist_for("physician")


def test_condition_lookup_prefers_the_first_row_in_bank_order() -> None:
    bank = QuestionBank(
        lang="en",
        conditions=(
            Condition(key="nights", label="Night duty", aliases=("on_call",)),
            Condition(key="on_call", label="On-call"),
        ),
    )
    assert bank.condition_for("ON_CALL").label == "Night duty"  # type: ignore[union-attr]
    assert bank.condition_for(" nights ").label == "Night duty"  # type: ignore[union-attr]
    assert bank.condition_for("salary") is None
