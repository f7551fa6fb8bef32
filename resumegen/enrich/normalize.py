"""Text folding for matching leaving reasons against phrasebook triggers.

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

import re
import unicodedata

_KATA_FIRST, _KATA_LAST = 0x30A1, 0x30F6  # ァ .. ヶ
_KANA_SHIFT = 0x60  # katakana minus hiragana
_VOICING_MARKS = ("\u3099", "\u309a")  # combining (han)dakuten left by NFKC of ﾞ ﾟ
_DROPPED = frozenset("ー〜～")  # long-vowel marks and the wave dash used the same way
_APOSTROPHES = frozenset("’‘`´ʼ′")  # typed for ' by keyboards and word processors
_SEPARATORS = frozenset("-‐‑‒–—―−_/・")  # joiners: dropped in Japanese, a space in English


def _fold_char(ch: str) -> str:
    """Hiragana for katakana; everything else unchanged."""
    code = ord(ch)
    if _KATA_FIRST <= code <= _KATA_LAST:
        return chr(code - _KANA_SHIFT)
    return ch


def fold_with_spans(text: str, lang: str) -> tuple[str, list[tuple[int, int]]]:
    """Fold *text* and map every folded character to its ``(start, end)`` in *text*.

    Japanese drops every space and joiner (spacing inside a Japanese sentence
    carries no meaning); English turns hyphens, slashes and runs of spaces
    into one space, so that word boundaries survive for matching.
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for i, original in enumerate(text):
        piece = unicodedata.normalize("NFKC", original).casefold()
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
            out.append(_fold_char(ch))
            spans.append((i, i + 1))
    while out and out[-1] == " ":
        out.pop()
        spans.pop()
    return "".join(out), spans


def fold(text: str, lang: str) -> str:
    """The folded form of *text* used for every comparison."""
    return fold_with_spans(text, lang)[0]


_EN_SUFFIX = r"(?:s|es|d|ed|ing)?"


def trigger_pattern(trigger: str, lang: str) -> re.Pattern[str] | None:
    """A compiled pattern that finds *trigger* in folded text, or None if it folds to nothing.

    English triggers match whole words, spaces between their words are
    optional (``on call`` finds ``oncall``), and a regular ending is allowed
    (``quota`` finds ``quotas``); irregular forms are listed as their own
    triggers. Japanese triggers match anywhere, as Japanese has no spaces.
    """
    folded = fold(trigger, lang)
    if not folded:
        return None
    if lang == "ja":
        return re.compile(re.escape(folded))
    words = [re.escape(w) for w in folded.split(" ")]
    body = " ?".join(words)
    return re.compile(rf"(?<![\w]){body}{_EN_SUFFIX}(?![\w])")
