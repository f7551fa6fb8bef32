"""Text rules every module shares, written once.

* :func:`did_you_mean` — the suggestion after an unknown key, value or name.
* :func:`excerpt` — user text quoted in a message: one line, escaped, short.
* :func:`join_folded` / :func:`one_line` / :func:`prose` — spacing in running
  text: the ASCII spaces a folded YAML line (``>-``) leaves between two
  Japanese characters are dropped; a full-width space (U+3000) is the
  writer's own and is kept.
* :func:`keep_together` — numbers, with a % or the short word naming them, that
  a Japanese line must not break (``3.2``, ``18%``, ``USD 4,500``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = [
    "CJK",
    "NO_BREAK_SPACE",
    "WORD_JOINER",
    "did_you_mean",
    "excerpt",
    "join_folded",
    "keep_together",
    "one_line",
    "prose",
]

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
    lowered = {c.lower(): c for c in options}
    close = difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=0.6)
    if close:
        return f"; did you mean `{lowered[close[0]]}`?"
    if list_all and options:
        return f"; known: {', '.join(options)}"
    return ""


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


# U+2060 WORD JOINER: no line break on either side, no width, no glyph; U+202F
# NARROW NO-BREAK SPACE holds a word to the number it names (LibreOffice breaks
# a Japanese line at U+00A0, not at U+202F). Both are honoured only when the
# Latin text's language is not Japanese: the templates say en-US, as Word does
# in Japanese documents, which also keeps Latin words whole.
WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u202f"
_DIGIT = "0-9\uff10-\uff19"
# A number with inner . , : (3.2, 4,500, 10:30) and a % right after it. A kanji
# counter (3.2日) is not joined: a word joiner there takes away the space
# LibreOffice puts between a number and Japanese text, and at that boundary
# LibreOffice does not always honour it.
_NUMBER = re.compile(rf"[{_DIGIT}]+(?:[.,:][{_DIGIT}]+)*[%\uff05]?")
# A short word before a number (USD 4,500, Grade 3) or a short unit after one (3 mm).
_WORD_NUMBER = re.compile(rf"(?<![A-Za-z])([A-Za-z]{{1,5}}) (?=[{_DIGIT}])")
_NUMBER_UNIT = re.compile(rf"(?<=[{_DIGIT}]) (?=[A-Za-z]{{1,3}}(?![A-Za-z]))")
# A number next to one of these is part of an address (mail, web, path): left as typed.
_ADDRESS_MARKS = "@/\\_"
# Longer numbers (an identifier) keep their own break opportunities.
KEEP_TOGETHER_MAX = 16


def _join_number(m: re.Match[str]) -> str:
    run, text = m.group(0), m.string
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    if len(run) > KEEP_TOGETHER_MAX or any(c in _ADDRESS_MARKS for c in before + after):
        return run
    return WORD_JOINER.join(run)


def keep_together(text: str) -> str:
    """*text* with its numbers, a % after one and the short word naming one unbreakable.

    For Japanese lines: a word joiner goes between the characters of each
    number (``3.2``, ``18%``, ``4,500``) and a narrow no-break space between a
    short word or unit and its number (``USD 4,500``, ``3 mm``). Words are
    left as typed; PDF text (copy, search) shows neither mark.
    """
    text = _WORD_NUMBER.sub(rf"\1{NO_BREAK_SPACE}", text)
    text = _NUMBER_UNIT.sub(NO_BREAK_SPACE, text)
    return _NUMBER.sub(_join_number, text)
