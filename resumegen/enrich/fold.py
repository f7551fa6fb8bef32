"""Text folding: the one place where text is made comparable.

People type the same word many ways: full-width and half-width letters
(ｵﾝｺｰﾙ, ＯＮ－ＣＡＬＬ), katakana or hiragana (オンコール, おんこーる), with or
without the long-vowel mark, with spaces or hyphens (on-call, on call,
oncall). Phrasebook triggers and user text are both folded with
:func:`fold` so that a trigger is written once per real variant, not once per
keyboard habit.

:func:`fold_with_spans` also remembers, for every folded character, which
characters of the original text it came from, so that a match can quote what
the user actually wrote.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_KATA_FIRST, _KATA_LAST = 0x30A1, 0x30F6  # ァ .. ヶ
_KANA_SHIFT = 0x60  # katakana minus hiragana
_VOICING_MARKS = ("\u3099", "\u309a")  # combining (han)dakuten left by NFKC of ﾞ ﾟ
# Long-vowel marks and the wave dash used the same way (～ folds to ~ under NFKC).
_DROPPED = frozenset("ー〜～~")
_APOSTROPHES = frozenset("’‘`´ʼ′")  # typed for ' by keyboards and word processors
_SEPARATORS = frozenset("-‐‑‒–—―−_/・")  # joiners: dropped in Japanese, a space in English


def _fold_char(ch: str) -> str:
    """Hiragana for katakana; everything else unchanged."""
    code = ord(ch)
    if _KATA_FIRST <= code <= _KATA_LAST:
        return chr(code - _KANA_SHIFT)
    return ch


@lru_cache(maxsize=8192)
def _nfkc_casefold(ch: str) -> str:
    """One character under NFKC and case folding (the slow part of folding, so kept)."""
    return unicodedata.normalize("NFKC", ch).casefold()


def fold_with_spans(text: str, lang: str) -> tuple[str, list[tuple[int, int]]]:
    """Fold *text* and map every folded character to its ``(start, end)`` in *text*.

    Japanese drops every space and joiner (spacing inside a Japanese sentence
    carries no meaning); English turns hyphens, slashes and runs of spaces
    into one space, so that word boundaries survive for matching, and puts
    one between a number and the unit typed against it (12hr → 12 hr).
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for i, original in enumerate(text):
        piece = _nfkc_casefold(original)
        for ch in piece:
            if ch in _VOICING_MARKS:
                if out:
                    merged = unicodedata.normalize("NFC", out[-1] + ch)
                    if len(merged) == 1:
                        out[-1] = _fold_char(merged)
                        spans[-1] = (spans[-1][0], i + 1)
                continue
            if ch in _DROPPED:
                continue
            if ch in _APOSTROPHES:
                ch = "'"
            if ch.isspace() or ch in _SEPARATORS:
                if lang == "ja" or not out or out[-1] == " ":
                    continue
                ch = " "
            elif lang == "en" and out and out[-1].isdigit() and ch.isalpha():
                out.append(" ")  # 12hr nights, 60hrs: the number and its unit are two words
                spans.append((i, i + 1))
            out.append(_fold_char(ch))
            spans.append((i, i + 1))
    while out and out[-1] == " ":
        out.pop()
        spans.pop()
    return "".join(out), spans


@lru_cache(maxsize=16384)
def casefold_nfkc(text: str) -> str:
    """NFKC and case folded, nothing else: the light folding used to compare
    fixed texts (question banks, sheet strings); cached, as they recur."""
    return unicodedata.normalize("NFKC", text).casefold()


def fold(text: str, lang: str) -> str:
    """The folded form of *text* used for every comparison."""
    return fold_with_spans(text, lang)[0]
