"""The sealed answer sets (``tests/data/leaving-answers-round*-{ja,en}.yaml``).

Each set was written by someone who had seen neither the phrasebooks nor the
tool, with the facts a judge needs (the named next step, the plain facts, the
target, whether the text is a leaving reason at all). A judge who had not seen
the phrasebooks marked the tool's answers; the marks are in
``benchmarks/judged/`` and ``benchmarks/rephrase_eval.py --judged`` prints the
rates. Each round was judged once, and the general fixes its failure kinds
(never its lines) led to came after, so only a round's first measurement is
a held-out figure.
These tests keep the sets well formed and guard what is measured without a
judge: texts that are no leaving reason get no answer, and reasons get one.
The lines are deliberately not printed on failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from resumegen.enrich.rephrase import Grounding, rephrase
from resumegen.record.model import PROFILES
from resumegen.resources.phrasebook import CATEGORIES

DATA = Path(__file__).resolve().parents[1] / "data"
JUDGED = Path(__file__).resolve().parents[2] / "benchmarks" / "judged"
ROUNDS = ("round9", "round10", "round11", "round12")
KEYS = {"text", "profile", "expect", "next_step", "facts", "target", "non_reason"}
# Measured at the end of the session that added them (rounds 10 and 11 were never tuned on):
#   non-reasons refused: round10 ja 9/10, en 9/10; round11 ja 9/10, en 8/10; round12 8/10, 8/10
#   reasons answered:    round10 ja 89/90, en 88/90; round11 ja 88/90, en 78/90; round12 88, 85
REFUSED_FLOOR = 0.75
ANSWERED_FLOOR = {"ja": 0.9, "en": 0.8}


def _lines(name: str, lang: str) -> list[dict[str, Any]]:
    return list(
        YAML(typ="safe").load((DATA / f"leaving-answers-{name}-{lang}.yaml").read_text("utf-8"))
    )


def _answer(line: dict[str, Any], lang: str) -> str | None:
    grounding = Grounding.of_target(line.get("target"))
    return rephrase(line["text"], lang=lang, profile=line["profile"], grounding=grounding).long


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", ROUNDS)
def test_sets_are_well_formed(name: str, lang: str) -> None:
    lines = _lines(name, lang)
    assert len(lines) >= 100
    for line in lines:
        assert set(line) == KEYS
        assert line["profile"] in PROFILES
        assert set(line["expect"]) <= set(CATEGORIES)
        assert bool(line["non_reason"]) == (line["expect"] == [])


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", ("round10", "round11", "round12"))
def test_no_answer_to_what_is_no_reason_and_an_answer_to_a_reason(name: str, lang: str) -> None:
    lines = _lines(name, lang)
    non = [line for line in lines if line["non_reason"]]
    reasons = [line for line in lines if not line["non_reason"]]
    refused = sum(_answer(line, lang) is None for line in non)
    answered = sum(_answer(line, lang) is not None for line in reasons)
    assert refused >= REFUSED_FLOOR * len(non)
    assert answered >= ANSWERED_FLOOR[lang] * len(reasons)


@pytest.mark.parametrize("path", sorted(JUDGED.glob("*.yaml")), ids=lambda p: p.stem)
def test_judged_marks_name_judged_lines(path: Path) -> None:
    name, lang = path.stem.rsplit("-", 1)
    lines = _lines(name, lang)
    for mark in YAML(typ="safe").load(path.read_text("utf-8")):
        assert not lines[mark["id"]]["non_reason"]
        for key in ("category", "honest", "positive", "natural", "specific", "usable"):
            assert isinstance(mark[key], bool)
