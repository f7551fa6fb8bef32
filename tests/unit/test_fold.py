"""fold / fold_with_spans / casefold_nfkc: the one place text is made comparable."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumegen.enrich.fold import casefold_nfkc, fold, fold_with_spans


@pytest.mark.parametrize(
    "typed", ["オンコール", "ｵﾝｺｰﾙ", "おんこーる", "オンコ〜ル", "オン コール"]
)
def test_japanese_width_kana_long_vowels_and_spaces_fold_alike(typed: str) -> None:
    assert fold(typed, "ja") == "おんこる"


def test_half_width_voicing_marks_join_their_kana() -> None:
    assert fold("ｶﾞｲﾄﾞ", "ja") == "がいど"
    assert fold_with_spans("ｶﾞｲﾄﾞ", "ja")[1] == [(0, 2), (2, 3), (3, 5)]


def test_japanese_drops_joiners() -> None:
    assert fold("上司 と・合わない", "ja") == "上司と合わない"


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("ON-CALL", "on call"),
        ("ＯＮ－ＣＡＬＬ", "on call"),
        ("on  call", "on call"),
        (" -on/call- ", "on call"),
        ("wasn’t", "wasn't"),
        ("12hr nights", "12 hr nights"),
    ],
)
def test_english_keeps_one_space_between_words(typed: str, folded: str) -> None:
    assert fold(typed, "en") == folded


def test_spans_point_at_what_was_typed() -> None:
    text = "  ON-Call"
    folded, spans = fold_with_spans(text, "en")
    assert folded == "on call"
    assert [text[a:b] for a, b in spans] == ["O", "N", "-", "C", "a", "l", "l"]


def test_casefold_nfkc_only_folds_width_and_case() -> None:
    assert casefold_nfkc("Ｓｔｒａße") == "strasse"
    assert casefold_nfkc("オン-コール ") == "オン-コール "


@given(st.text(max_size=40), st.sampled_from(["ja", "en"]))
def test_every_folded_character_has_an_ordered_span_inside_the_text(text: str, lang: str) -> None:
    folded, spans = fold_with_spans(text, lang)
    assert folded == fold(text, lang)
    assert len(spans) == len(folded)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert [a for a, _ in spans] == sorted(a for a, _ in spans)
