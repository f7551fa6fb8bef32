"""Hostile text for the leaving-reason matcher: long reasons, adversarial runs, many gaps."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from resumegen.cli import cli
from resumegen.enrich.rephrase import negative_triggers
from resumegen.enrich.triggers import MAX_MARKS, trigger_problem
from resumegen.record.model import REASON_MAX_CHARS
from resumegen.record.validate import validate_text

SAMPLE = Path(__file__).parents[2] / "samples" / "clinical-specialist-en.yaml"

# Runs that used to make matching quadratic: every hit read its clause from the
# start of the text. 20 KB of each took 6 to 30 s; now well under a second.
_ADVERSARIAL = {
    "en": ["no raise " * 2200, "management never listens and " * 700, "a" * 20000],
    "ja": ["当直" * 10000, "上司が" * 7000, "当直 " * 7000, "、" * 20000, "ー" * 20000],
}
_COMMON = [" " * 20000, "," * 20000, "." * 20000, "~" * 20000, "no " * 7000]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_input_matching_adversarial_text_is_linear(lang: str) -> None:
    negative_triggers("warm up", lang)  # the phrasebook is loaded once, outside the budget
    for text in _ADVERSARIAL[lang] + _COMMON:
        began = time.perf_counter()
        negative_triggers(text, lang)
        assert time.perf_counter() - began < 5, text[:20]


def test_input_matching_rephrase_refuses_an_overlong_text() -> None:
    result = CliRunner().invoke(cli, ["rephrase", "no raise " * 300])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [
        "resumegen: TEXT: the text is 2,699 characters; a leaving reason may be at most "
        f"{REASON_MAX_CHARS:,} (a sentence or two)"
    ]


def test_input_matching_overlong_leaving_reason_is_a_positioned_error() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    long = "Constant on-call and no time off. " * 600
    errors, _ = validate_text(
        text.replace("leaving_reason: Constant", f"leaving_reason: {long}Constant"), "r.yaml"
    )
    assert [(d.line, d.path) for d in errors] == [(52, "work[0].leaving_reason")]
    assert errors[0].message.endswith(f"is too long; write at most {REASON_MAX_CHARS:,}")


def test_input_matching_render_refuses_a_200_kb_reason(tmp_path: Path) -> None:
    record = tmp_path / "r.yaml"
    long = "Constant on-call and no time off. " * 6000
    record.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("leaving_reason: ", f"leaving_reason: {long}"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["render", str(record), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "leaving_reason: 204,116 characters is too long" in result.output
    assert not (tmp_path / "out").exists()


def test_input_matching_trigger_with_many_gaps_is_refused(tmp_path: Path) -> None:
    assert trigger_problem("上*司*が*合わな") is None
    assert trigger_problem("上*司*が*合*わな") == (
        f"has 4 of ~ and *; a trigger may have at most {MAX_MARKS}"
    )
    book = tmp_path / "book.yaml"
    book.write_text(
        "schema: 1\nlang: ja\nentries:\n  - id: gaps\n    category: work\n"
        f"    triggers: [{'*'.join('上' * 13)}ず]\n"
        "    positive:\n      short: 実務に集中したいと考えています。\n"
        "      long: 実務に集中したいと考えています。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["rephrase", "--phrasebook", str(book), "上" * 300])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"{book}:6:16: entries[0].triggers[0]: has 12 of ~ and *; a trigger may have at most 3"
    )
