"""The sealed held-out leaving reasons: how matching holds up on wording nobody tuned for.

``tests/data/leaving-reasons-heldout{6,7,8}-{ja,en}.yaml`` were written by
three other writers, who had seen neither the phrasebooks nor their
``examples:`` (the sets before them, v1 to v5, were written by the
phrasebooks' author and now belong to the examples). Of v6 only the rates
were ever read while the phrasebooks grew; v7 and v8 were measured at the
end, and nothing was changed because of them. They are never used to tune the phrasebooks or to train the
classifier. If a trigger, topic or example is added because of a line there,
the set moves into the examples and a new writer writes a fresh one. These
tests keep the set honest (well formed, not among the examples) and guard
against regressions with a floor a little below the rate measured; the
misses are deliberately not printed, so that nobody tunes against them by
reading a failure.
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
COMPLAINTS = 60
SETS = ("heldout6", "heldout7", "heldout8")
# Exact category sets (and keep_as_is for plain facts), measured when the
# examples' classifier, the widened facts and 2,550 examples a language were in:
#   v6: ja 47/60, en 45/60 (a right category and no wrong one: ja 55, en 53);
#       when the set was written: ja 27/60, en 22/60.
#   v7: ja 44/60, en 40/60 (right and nothing wrong: ja 51, en 49); the code
#       of the session before measured ja 16/60, en 13/60 on it.
#   v8: ja 43/60, en 40/60 (right and nothing wrong: ja 51, en 51).
# The floors sit a few lines below, to catch a fall, not noise.
FLOOR = {
    ("heldout6", "ja"): 0.73,
    ("heldout6", "en"): 0.70,
    ("heldout7", "ja"): 0.68,
    ("heldout7", "en"): 0.60,
    ("heldout8", "ja"): 0.66,
    ("heldout8", "en"): 0.61,
}
# Of the ten neutral lines: measured v6 ja 0, en 1; v7 ja 3, en 2; v8 ja 0, en 0.
MAX_FALSE_POSITIVES = {
    ("heldout6", "ja"): 1,
    ("heldout6", "en"): 2,
    ("heldout7", "ja"): 3,
    ("heldout7", "en"): 3,
    ("heldout8", "ja"): 2,
    ("heldout8", "en"): 2,
}
CASES = [(name, lang) for name in SETS for lang in LANGS]


def _load(name: str) -> list[dict[str, Any]]:
    data = YAML(typ="safe").load((DATA / name).read_text("utf-8"))
    assert isinstance(data, list)
    return data


def _heldout(name: str, lang: str) -> list[dict[str, Any]]:
    return _load(f"leaving-reasons-{name}-{lang}.yaml")


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_heldout_is_well_formed_and_apart_from_the_tuned_set(name: str, lang: str) -> None:
    lines = _heldout(name, lang)
    complaints = [line for line in lines if line["expect"]]
    assert len(complaints) == COMPLAINTS
    assert len(lines) - len(complaints) >= 5  # neutral lines
    for line in lines:
        assert set(line) <= {"text", "profile", "expect", "keep_as_is"}, line
        assert line["profile"] in PROFILES, line
        assert set(line["expect"]) <= set(CATEGORIES), line
        assert not line.get("keep_as_is") or line["expect"] == ["keep"], line
    for profile in PROFILES:
        assert sum(line["profile"] == profile for line in complaints) >= 15, profile
    texts = [fold(line["text"], lang) for line in lines]
    assert len(set(texts)) == len(texts)
    tuned = {fold(line["text"], lang) for line in _load(f"leaving-reasons-{lang}.yaml")}
    assert not set(texts) & tuned, "a held-out line is also in the tuned set"
    learnt = {fold(e.text, lang) for e in bundled_phrasebook(lang).examples}
    assert not set(texts) & learnt, "a held-out line is also among the examples"


def _matched(lang: str, line: dict[str, Any]) -> bool:
    r = rephrase(line["text"], lang=lang, profile=line["profile"])
    got = {m.category for m in r.matches}
    return got == set(line["expect"]) and r.keep_as_is is bool(line.get("keep_as_is", False))


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_heldout_rate_does_not_fall(name: str, lang: str) -> None:
    complaints = [line for line in _heldout(name, lang) if line["expect"]]
    rate = sum(_matched(lang, line) for line in complaints) / len(complaints)
    assert rate >= FLOOR[name, lang], f"{name} {lang}: {rate:.0%} of held-out reasons matched"


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_heldout_neutral_lines_stay_quiet(name: str, lang: str) -> None:
    neutral = [line for line in _heldout(name, lang) if not line["expect"]]
    false_positives = sum(not _matched(lang, line) for line in neutral)
    assert false_positives <= MAX_FALSE_POSITIVES[name, lang], (
        f"{name} {lang}: {false_positives} neutral lines matched"
    )
