"""The fallback tier: a category's subjects and complaint cues when no entry matched.

(The held-out set v4 that was measured here is now part of the phrasebooks'
examples; the sealed set is tested in test_rephrase_heldout.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from resumegen.enrich.fold import fold
from resumegen.enrich.rephrase import rephrase
from resumegen.enrich.triggers import trigger_pattern
from resumegen.errors import RecordError
from resumegen.resources.phrasebook_load import bundled_phrasebook, load_phrasebook_file


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [("en", "My supervisor humiliates juniors", "people")],
)
def test_fallback_answers_with_the_winning_category(lang: str, text: str, category: str) -> None:
    r = rephrase(text, lang=lang)
    assert r.rephrased is not None
    assert {m.category for m in r.matches} == {category}


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        # a subject in one sentence, its complaint in the next
        (
            "en",
            "I look after one kind of pump. Only ever that, and I have stopped learning.",
            "work",
        ),
        # a category's own cue with a shared one, no subject
        ("en", "Being pigeonholed like this is so demoralising", "work"),
        ("ja", "流れ作業のような毎日に、やる気が出ない", "work"),
    ],
)
def test_fallback_reads_wider(lang: str, text: str, category: str) -> None:
    (m,) = rephrase(text, lang=lang, profile="general").matches
    assert (m.id, m.category) == (f"fallback_{category}", category)


def test_a_rumoured_sale_is_a_worry_about_the_future() -> None:
    (m,) = rephrase("部署ごと身売りの話が出ていて不安", lang="ja").matches
    assert (m.id, m.category) == ("org_future", "future")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The rota was busy. I learned a great deal there."),
        ("ja", "当直はありましたが、やりがいのある毎日でした"),
        ("ja", "会社の将来性は十分にあると思います"),
    ],
)
def test_praise_across_sentences_stays_quiet(lang: str, text: str) -> None:
    assert not rephrase(text, lang=lang).matches


def test_fallback_match_names_the_deciding_words() -> None:
    r = rephrase("My supervisor humiliates juniors", lang="en")
    (m,) = r.matches
    assert m.id == "fallback_people"
    assert m.trigger == "supervisor + humiliates"
    # the answer is generic: the command line says so to the user, never the interview sheet
    assert not any("--phrasebook" in f for f in r.follow_up)
    from click.testing import CliRunner

    from resumegen.cli import cli

    out = CliRunner().invoke(cli, ["rephrase", "--lang", "en", "My supervisor humiliates juniors"])
    assert "generic answer" in out.output and "--phrasebook" in out.output


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ja", "上司にも同僚にも恵まれました"),
        ("ja", "仕事に不満はありません"),
        ("en", "My supervisor was great"),
        ("en", "I am not tired of the work at all"),
    ],
)
def test_no_complaint_cue_stays_unmatched(lang: str, text: str) -> None:
    assert rephrase(text, lang=lang).rephrased is None


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_fallback_output_contains_a_trigger_or_cue(lang: str) -> None:
    book = bundled_phrasebook(lang)
    words = [t for _, _, t, _ in book.patterns] + list(book.fallback_cues)
    words += [c for entry in book.fallback_entries for c in entry.cues]
    patterns = [p for p in (trigger_pattern(w, lang) for w in words) if p is not None]
    for entry in book.fallback_entries:
        for text in (*entry.short, *entry.long):
            folded = fold(text, lang)
            hits = [p.pattern for p in patterns if p.search(folded)]
            assert not hits, (entry.id, hits)


def test_fallback_entries_are_validated(tmp_path: Path) -> None:
    f = tmp_path / "leaving-x.yaml"
    f.write_text(
        "schema: 1\nlang: en\nfallback_cues: []\nentries:\n"
        "  - id: fb\n    category: keep\n    fallback: true\n    triggers: [x]\n"
        "    cues: [bad]\n    positive: {short: I am looking for a change., long: I am looking for a change.}\n"
        "  - id: plain\n    category: work\n    triggers: [meetings]\n    subjects: [work]\n"
        "    positive: {short: I am looking for focus., long: I am looking for focus.}\n",
        "utf-8",
    )
    with pytest.raises(RecordError) as err:
        load_phrasebook_file(f, "en")
    text = str(err.value)
    assert ":3:16: fallback_cues: is empty" in text
    assert "entries[0].triggers: a fallback entry has no `triggers`" in text
    assert "entries[0].category: a fallback entry must be one of" in text
    assert "entries[0].subjects: missing `subjects`" in text
    assert "entries[1].subjects: `subjects` needs `fallback: true`" in text
