"""The matcher's word lists: bundled files, checks with positions, read only when used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from resumegen.enrich.matcher_words import (
    CUE_KINDS,
    FILE_NAME,
    load_matcher_words,
    matcher_words,
)
from resumegen.errors import RecordError
from resumegen.resources.phrasebook_load import bundled_sources
from resumegen.resources.questionbank import bank_files


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_bundled_lists_load(lang: str) -> None:
    words = matcher_words(lang)
    assert tuple(words.cues) == CUE_KINDS
    assert all(words.cues[kind] for kind in CUE_KINDS)
    assert bool(words.negators) == (lang == "en")


def test_english_lists_are_sets_of_words() -> None:
    words = matcher_words("en")
    assert {"no", "never", "without", "dont"} <= words.negators
    assert "fair" in words.praise and "because" in words.clause_words
    assert "can't stand" in words.cues["bad"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_phrasebook_and_question_bank_globs_leave_the_word_lists_alone(lang: str) -> None:
    assert FILE_NAME not in {p.name for p in bundled_sources(lang)}
    assert FILE_NAME not in {p.name for p in bank_files(lang)}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / FILE_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_file_names_every_problem_at_its_place(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bad_cues: [合わな, 納得~, 合わな, ~]\nmuch_cues: [多, {a: b}]\nlitle_cues: [少な]\n"
        "name_before: [訪問]\nname_after: [福祉士, ヘルパー]\n",
    )
    with pytest.raises(RecordError) as err:
        load_matcher_words(path, "ja")
    found = {(d.line, d.column, d.path, d.message) for d in err.value.diagnostics}
    assert found == {
        (1, 17, "bad_cues[1]", "`納得~` needs words on both sides of every ~ and *"),
        (1, 22, "bad_cues[2]", "`合わな` is listed twice"),
        (1, 27, "bad_cues[3]", "expected a word"),
        (2, 16, "much_cues[1]", "expected a word"),
        (3, 1, "litle_cues", "unknown word list; did you mean `little_cues`?"),
        (1, 1, "", "the word list `little_cues` is missing"),
        (5, 19, "name_after[1]", "`ヘルパー`: write one lower-case word without apostrophes"),
    }
    assert str(err.value).startswith(f"{path}:1:1: the word list `little_cues` is missing")


def test_english_words_must_be_single_folded_words(tmp_path: Path) -> None:
    others = "bad_cues much_cues little_cues negation_fillers clause_words wanting praise"
    lists = "\n".join(
        f"{key}: [x]" for key in f"{others} praise_undone hypothetical hearsay".split()
    )
    path = _write(tmp_path, lists + "\nnegators: [no, Never, don't, not at all, ~]\n")
    with pytest.raises(RecordError) as err:
        load_matcher_words(path, "en")
    assert [(d.line, d.column, d.path) for d in err.value.diagnostics] == [
        (11, 16, "negators[1]"),
        (11, 23, "negators[2]"),
        (11, 30, "negators[3]"),
        (11, 42, "negators[4]"),
    ]
    assert "write one lower-case word without apostrophes" in str(err.value)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("- just a list\n", (1, 1, ""), "expected word lists"),
        (
            "bad_cues: 合わな\nmuch_cues: [多]\nlittle_cues: [少な]\n",
            (1, 11, "bad_cues"),
            "expected a list of words",
        ),
    ],
)
def test_a_wrong_shape_is_a_positioned_error(
    tmp_path: Path, text: str, where: tuple[int, int, str], message: str
) -> None:
    with pytest.raises(RecordError) as err:
        load_matcher_words(_write(tmp_path, text), "ja")
    (diag,) = err.value.diagnostics
    assert (diag.line, diag.column, diag.path) == where
    assert diag.message.startswith(message)


def test_the_lists_are_read_on_first_use_not_on_import() -> None:
    code = (
        "import resumegen.enrich.rephrase\n"
        "from resumegen.enrich.matcher_words import matcher_words\n"
        "print(matcher_words.cache_info().currsize)\n"
        "from resumegen.enrich.matcher import negated\n"
        "assert negated('there is no overtime', 12, 20, 'en')\n"
        "print(matcher_words.cache_info().currsize)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["0", "1"]


@pytest.mark.parametrize(
    ("lang", "text", "word", "named"),
    [
        ("ja", "介護福祉士として働いています", "介護", True),
        ("ja", "訪問介護の仕事", "介護", True),
        ("ja", "療養病棟で働いています", "療養", True),
        ("ja", "父の介護で実家に戻ります", "介護", False),
        ("en", "i work as a care worker on nights", "care", True),
        ("en", "i left to care for my mother", "care", False),
    ],
)
def test_a_fact_word_inside_the_name_of_a_job_or_ward_is_not_the_fact(
    lang: str, text: str, word: str, named: bool
) -> None:
    from resumegen.enrich.fold import fold
    from resumegen.enrich.matcher import part_of_a_name

    folded = fold(text, lang)
    start = folded.index(fold(word, lang))
    assert part_of_a_name(folded, start, start + len(fold(word, lang)), lang) is named
