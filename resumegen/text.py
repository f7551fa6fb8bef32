"""Text rules every module shares, written once.

* :func:`did_you_mean` — the suggestion after an unknown key, value or name
  (:func:`closest` — the suggested word itself).
* :func:`excerpt` — user text quoted in a message: one line, escaped, short.
* :func:`join_folded` / :func:`one_line` / :func:`prose` — spacing in running
  text: the ASCII spaces a folded YAML line (``>-``) leaves between two
  Japanese characters are dropped; a full-width space (U+3000) is the
  writer's own and is kept.
* :func:`keep_together` — a figure held to the word or counter it names, that a
  Japanese line must not part (``USD 4,500``, ``3 mm``, ``3.2日``, ``約2,400件``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = [
    "CJK",
    "EN_NUMBER_WORDS",
    "NO_BREAK_SPACE",
    "WORD_JOINER",
    "closest",
    "did_you_mean",
    "excerpt",
    "join_folded",
    "keep_together",
    "label_ja",
    "one_line",
    "prose",
]

#: English number words, each at the index of its value (zero … twenty).
EN_NUMBER_WORDS: tuple[str, ...] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)  # fmt: skip

# Characters of Japanese running text: CJK punctuation and the ideographic
# space, kana, ideographs (and extension A, compatibility), full-width forms.
CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
_FOLD_SPACE = re.compile(f"(?<=[{CJK}])[ \t]+(?=[{CJK}])")
_ASCII_SPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")


def did_you_mean(word: object, choices: Iterable[str], *, list_all: bool = False) -> str:
    """``; did you mean `work`?`` for a misspelt *word*, else "" (or the choices when *list_all*).

    Case differences count as close (``Work`` → ``work``).
    """
    options = list(dict.fromkeys(choices))
    close = closest(word, options)
    if close is not None:
        return f"; did you mean `{close}`?"
    if list_all and options:
        return f"; known: {', '.join(options)}"
    return ""


def closest(word: object, choices: Iterable[str]) -> str | None:
    """The choice :func:`did_you_mean` would suggest for *word*, or None."""
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


def excerpt(text: str, limit: int = 40) -> str:
    """*text* as a message may quote it: control characters escaped, at most *limit* characters.

    Messages name the file and position of a problem; they never carry more
    of a file's contents than this.
    """
    out: list[str] = []
    size = 0
    for ch in text:
        shown = ch if ch.isprintable() or ch == " " else repr(ch)[1:-1]
        if size + len(shown) > limit:
            out.append("…")
            break
        out.append(shown)
        size += len(shown)
    return "".join(out)


def join_folded(text: str) -> str:
    """Japanese prose without the ASCII spaces a folded YAML line leaves between two characters."""
    return _FOLD_SPACE.sub("", text)


def one_line(text: str | None) -> str:
    """*text* on one line: runs of ASCII whitespace become one space (U+3000 is kept)."""
    if not text:
        return ""
    return _ASCII_SPACE_RUN.sub(" ", text).strip(" ")


def prose(text: str | None) -> str:
    """Running text on one line, without folding spaces between Japanese characters."""
    return join_folded(one_line(text))


# U+202F NARROW NO-BREAK SPACE holds a short word to the number it names
# (LibreOffice breaks a Japanese line at U+00A0, not at U+202F). Numbers
# themselves need no mark: once the templates give Latin text an English
# language (en-US, as Word does in Japanese documents), LibreOffice keeps
# 3.2, 18.5% and 4,500 whole, so the .docx keeps plain digits for the reader
# who edits, searches or copies it. A Japanese counter after a number (3.2日,
# 12件, 6か月) and 約 before one sit in another script, where a line may
# break: U+2060 WORD JOINER holds them together (the PDF text does not carry
# it). Measured with the 40-line test in tests/unit/test_pdf.py: 0 of 40
# lines kept 3.2日 whole without it, 39 with it (LibreOffice still moves the
# counter down when it is the last character before 、 or 。 at the margin).
NO_BREAK_SPACE = "\u202f"
WORD_JOINER = "\u2060"
_DIGIT = "0-9\uff10-\uff19"
# Kanji, katakana and the kana counters か (か月) and つ; not particles (の, は, を).
_COUNTER_START = "かつ\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ"
# A short word before a number (USD 4,500, Grade 3) or a short unit after one (3 mm).
_WORD_NUMBER = re.compile(rf"(?<![A-Za-z])([A-Za-z]{{1,5}}) (?=[{_DIGIT}])")
_NUMBER_UNIT = re.compile(rf"(?<=[{_DIGIT}]) (?=[A-Za-z]{{1,3}}(?![A-Za-z]))")
# A counter after a number (3.2日, 12件, 6か月), 約 before one (約2,400件).
_NUMBER_COUNTER = re.compile(rf"(?<=[{_DIGIT}])(?=[{_COUNTER_START}])|(?<=約)(?=[{_DIGIT}])")


def keep_together(text: str) -> str:
    """*text* with each figure held to the word or counter it names.

    For Japanese lines: the space between a short word and a number
    (``USD 4,500``, ``3 mm``) becomes a narrow no-break space, and a word
    joiner goes between a number and the kana or kanji counter after it
    (``3.2日``, ``12件``) or 約 before it, so a line never ends inside them.
    Everything else is left as typed; PDF text (copy, search) reads plain text.
    """
    text = _NUMBER_COUNTER.sub(WORD_JOINER, text)
    if " " not in text:  # both need an ASCII space; most Japanese prose has none
        return text
    text = _WORD_NUMBER.sub(rf"\1{NO_BREAK_SPACE}", text)
    return _NUMBER_UNIT.sub(NO_BREAK_SPACE, text)


def label_ja(statement: str) -> str:
    """A statement's label closed by the full-width colon of Japanese documents (当直：月6回)."""
    label, sep, value = statement.partition(": ")
    return f"{label}：{value}" if sep else statement
