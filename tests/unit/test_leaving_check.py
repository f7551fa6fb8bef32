"""check's findings on leaving reasons: a record's own answer, and reasons against a target."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumegen.enrich.application import enrich
from resumegen.enrich.leaving_check import leaving_findings
from resumegen.record.validate import load_record_text

ROOT = Path(__file__).resolve().parents[2]


def _with(old: str, new: str) -> str:
    text = (ROOT / "samples" / "physician-ja.yaml").read_text("utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.usefixtures("records_own_language")
def test_own_answer_is_checked_for_negative_words_figures_and_length() -> None:
    yaml = _with(
        "    leaving_reason: 当直が月6回",
        "    leaving_answer: 上司がひどく、救急車受入不能率を30%下げました。"
        + "あ" * 200
        + "\n    leaving_reason: 当直が月6回",
    )
    found = leaving_findings(enrich(load_record_text(yaml, "r.yaml"), today=None))
    own = [f.message for f in found if f.path.endswith("leaving_answer")]
    assert any("否定的" in m and "上司" in m for m in own)
    assert any("30" in m for m in own)  # 30% is nowhere in the record
    assert any("字" in m and "200" in m for m in own)


def test_a_clean_own_answer_with_record_figures_passes() -> None:
    yaml = _with(
        "    leaving_reason: 当直が月6回",
        "    leaving_answer: 救急車受入不能率を18%から7%に改善した経験を、地域の病院で活かしたいと考えています。"
        "\n    leaving_reason: 当直が月6回",
    )
    app = enrich(load_record_text(yaml, "r.yaml"))
    assert [f for f in leaving_findings(app) if f.path.endswith("leaving_answer")] == []
    answer = app.leaving_answer
    assert answer is not None and answer.long and answer.long.startswith("救急車受入不能率")


def test_a_reason_against_a_target_is_a_warning_on_that_target() -> None:
    app = enrich(
        load_record_text((ROOT / "samples" / "physician-ja.yaml").read_text("utf-8"), "r.yaml")
    )
    found = [f for f in leaving_findings(app) if f.path.startswith("targets[")]
    assert found and all(f.severity == "warning" for f in found)
    assert any("当直" in f.message for f in found)  # check quotes the record's own words
