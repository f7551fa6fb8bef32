"""The leaving-reason corpora: reasons as people say them, matched at ≥ 90 % with the right category.

``tests/data/leaving-reasons-{ja,en}.yaml`` were written fresh, not taken
from the phrasebook triggers; they are the lines the phrasebooks are tuned
on. A line counts as matched when the categories of its matches are exactly
the expected set (a missed reason and an extra, wrong one both count against
it) and, for plain facts, the answer is marked ``keep_as_is``. Misses are
printed in the assertion message. Lines with ``expect: []`` are neutral or
positive ("I like my team and want to grow into management"): nothing may
match them. The held-out set is tested in test_rephrase_heldout.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from resumegen.enrich.fold import fold
from resumegen.enrich.rephrase import rephrase
from resumegen.record.model import PROFILES
from resumegen.resources.phrasebook import CATEGORIES
from resumegen.resources.phrasebook_load import bundled_phrasebook

DATA = Path(__file__).resolve().parents[1] / "data"
LANGS = ("ja", "en")
MIN_LINES = 40
MIN_NEUTRAL = 10
MIN_RATE = 0.95


def _corpus(lang: str) -> list[dict[str, Any]]:
    data = YAML(typ="safe").load((DATA / f"leaving-reasons-{lang}.yaml").read_text("utf-8"))
    assert isinstance(data, list)
    return data


def _complaints(lang: str) -> list[dict[str, Any]]:
    return [line for line in _corpus(lang) if line["expect"]]


def _outcome(lang: str, line: dict[str, Any]) -> tuple[bool, str]:
    r = rephrase(line["text"], lang=lang, profile=line["profile"])
    got = {m.category for m in r.matches}
    want = set(line["expect"])
    keep = bool(line.get("keep_as_is", False))
    ok = got == want and r.keep_as_is is keep
    found = ", ".join(f"{m.id}({m.category})@{m.trigger}" for m in r.matches) or "nothing"
    detail = f"{line['text']!r}: want {sorted(want)}{' keep_as_is' if keep else ''}, got {found}"
    return ok, detail


@pytest.mark.parametrize("lang", LANGS)
def test_corpus_is_well_formed(lang: str) -> None:
    lines = _corpus(lang)
    assert len(lines) >= MIN_LINES
    texts = [fold(line["text"], lang) for line in lines]
    assert len(set(texts)) == len(texts), "a reason is listed twice"
    for line in lines:
        assert set(line) <= {"text", "profile", "expect", "keep_as_is"}, line
        assert line["profile"] in PROFILES, line
        assert set(line["expect"]) <= set(CATEGORIES), line
        if line.get("keep_as_is"):
            assert line["expect"] == ["keep"], line
    assert sum(not line["expect"] for line in lines) >= MIN_NEUTRAL
    for profile in PROFILES:
        assert sum(line["profile"] == profile for line in lines) >= 8, profile
    for category in CATEGORIES:
        assert sum(category in line["expect"] for line in lines) >= 4, category


@pytest.mark.parametrize("lang", LANGS)
def test_corpus_is_not_copied_from_the_triggers(lang: str) -> None:
    """No corpus line is just a trigger: the lines are whole sentences as people say them."""
    triggers = {fold(t, lang) for e in bundled_phrasebook(lang).entries for t in e.triggers}
    for line in _corpus(lang):
        assert fold(line["text"], lang) not in triggers, line["text"]


@pytest.mark.parametrize("lang", LANGS)
def test_corpus_match_rate(lang: str) -> None:
    lines = _complaints(lang)
    outcomes = [_outcome(lang, line) for line in lines]
    misses = [detail for ok, detail in outcomes if not ok]
    rate = 1 - len(misses) / len(lines)
    assert rate >= MIN_RATE, f"{lang}: {rate:.0%} matched; misses:\n" + "\n".join(misses)


@pytest.mark.parametrize("lang", LANGS)
def test_neutral_lines_produce_no_complaint(lang: str) -> None:
    """Praise and plain plans name the same subjects (上司, pay, management) but complain of nothing."""
    found = []
    for line in _corpus(lang):
        if not line["expect"]:
            r = rephrase(line["text"], lang=lang, profile=line["profile"])
            if r.matches:
                found.append(
                    f"{line['text']!r}: " + ", ".join(f"{m.id}@{m.trigger}" for m in r.matches)
                )
    assert found == []


@pytest.mark.parametrize("lang", LANGS)
def test_corpus_answers_never_repeat_the_words(lang: str) -> None:
    """Every answer to a corpus line is free of every trigger word (all profiles), but for
    what the person said in their own words: the next step, and a clause of fact with a
    figure or a date ("the on call is 24/7"), which holds no word of blame or feeling
    (tests/unit/test_situation.py)."""
    book = bundled_phrasebook(lang)
    for line in _corpus(lang):
        r = rephrase(line["text"], lang=lang, profile=line["profile"])
        for text in (r.rephrased or "", r.long or ""):
            if r.next_step is not None:  # the person's own next step is said in their words
                text = text.replace(r.next_step.said, "")
            for told in r.told:
                text = text.replace(told, "")
            folded = fold(text, lang)
            leaked = [t for _, e, t, _ in book.triggers_in(folded) if not e.keep_as_is]
            assert leaked == [], (line["text"], leaked)
