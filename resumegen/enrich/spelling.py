"""British to American spelling, read from ``phrasebooks/en/spelling.yaml``.

:func:`american` changes whole words only (a run of letters with no letter or
digit next to it) and keeps their capitals (Centre → Center, CENTRE →
CENTER); a text that holds Japanese is returned as it is. The word lists are
data (see the file's header); they are read on first use and kept for the
process (:func:`spelling_rules`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

from resumegen import yamlio as load
from resumegen.resources import bundled
from resumegen.resources.fields import ShippedFile
from resumegen.text import did_you_mean

__all__ = [
    "SpellingRules",
    "american",
    "american_spelling",
    "load_spelling_rules",
    "spelling_rules",
]


def american_spelling(locale: str | None, paper: str | None = None) -> bool:
    """The one setting: American spelling for ``locale: en-US``, British for ``en-GB``,
    and without a locale, American on US letter paper and British otherwise."""
    if locale in ("en-US", "en-GB"):
        return locale == "en-US"
    return paper == "letter"


FILE_NAME = "spelling.yaml"
_KEYS = ("words", "families", "prefixes", "suffixes")
_FAMILY_KEYS = ("name", "endings", "stems")
# A prefix or suffix rule needs this many letters outside it, so that a short
# word that merely ends the same way (zoea) is left alone.
_MIN_REST = 3
# A run of ASCII letters with no letter or digit of any script on either side.
_WORD = re.compile(r"(?<![^\W_])[A-Za-z]+(?![^\W_])")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_LOWER_WORD = re.compile(r"[a-z]+")

_Problem = Callable[["load.Node", str, str], None]


@dataclass(frozen=True)
class SpellingRules:
    """Every British word form with its American form, and the prefix and suffix rules."""

    words: Mapping[str, str]
    prefixes: tuple[tuple[str, str], ...] = ()  # longest first
    suffixes: tuple[tuple[str, str], ...] = ()  # longest first

    def word(self, british: str) -> str:
        """The American form of one lower-case word (the word itself when nothing applies)."""
        out = self.words.get(british, british)
        for old, new in self.prefixes:
            if out.startswith(old) and len(out) - len(old) >= _MIN_REST:
                out = new + out[len(old) :]
                break
        for old, new in self.suffixes:
            if out.endswith(old) and len(out) - len(old) >= _MIN_REST:
                out = out[: -len(old)] + new
                break
        return out


@cache
def spelling_rules() -> SpellingRules:
    """The bundled spelling rules, read once per process."""
    return load_spelling_rules(bundled("phrasebooks") / "en" / FILE_NAME)


def american(text: str) -> str:
    """*text* in American spelling: whole words only, capitals kept, Japanese text untouched."""
    if not text or _JAPANESE.search(text):
        return text
    rules = spelling_rules()

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        new = rules.word(lower)
        if new == lower:
            return word
        return _same_case(word, new)

    return _WORD.sub(one, text)


def _same_case(model: str, word: str) -> str:
    """*word* written with the capitals of *model* (all capitals, a capital first, or none)."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[0].isupper():
        return word[:1].upper() + word[1:]
    return word


def load_spelling_rules(path: str | os.PathLike[str]) -> SpellingRules:
    """Read and check a spelling file; every problem is reported at its position."""
    shipped = ShippedFile(path, "spelling list", "spelling lists (`words: {british: american}`)")
    root, problem = shipped.root, shipped.problem
    words: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    for key, value in root.items:
        if key.text == "words":
            _add(words, _pairs(value, "words", problem), value, "words", problem)
        elif key.text == "families":
            _families(value, words, problem)
        elif key.text == "prefixes":
            prefixes.update(_pairs(value, "prefixes", problem))
        elif key.text == "suffixes":
            suffixes.update(_pairs(value, "suffixes", problem))
        else:
            problem(key, key.text, f"unknown key{did_you_mean(key.text, _KEYS, list_all=True)}")
    if "words" not in {k.text for k, _ in root.items}:
        problem(root, "", "the list `words` is missing")
    shipped.done()
    return SpellingRules(words, _longest_first(prefixes), _longest_first(suffixes))


def _longest_first(rules: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(rules.items(), key=lambda item: -len(item[0])))


def _pairs(node: load.Node, where: str, problem: _Problem) -> dict[str, str]:
    """The ``british: american`` map at *node*; each side one lower-case word."""
    if not isinstance(node, load.Mapping):
        problem(node, where, "expected a map of `british: american`")
        return {}
    out: dict[str, str] = {}
    for key, value in node.items:
        path = f"{where}.{key.text}"
        if not isinstance(value, load.Scalar) or value.is_null:
            problem(value, path, "expected a word")
            continue
        british, us = key.text, value.text
        if not _LOWER_WORD.fullmatch(british) or not _LOWER_WORD.fullmatch(us):
            problem(key, path, "write one lower-case word (a–z) on each side")
        elif british == us:
            problem(value, path, f"`{british}` is spelt the same way in both")
        elif british in out:
            problem(key, path, f"`{british}` is listed twice")
        else:
            out[british] = us
    return out


def _add(
    words: dict[str, str], new: Mapping[str, str], node: load.Node, where: str, problem: _Problem
) -> None:
    for british, us in new.items():
        if words.get(british, us) != us:
            problem(node, where, f"`{british}` is given two American forms")
            continue
        words[british] = us


def _families(node: load.Node, words: dict[str, str], problem: _Problem) -> None:
    """Each family: every listed stem with every British ending, and its American form."""
    if not isinstance(node, load.Sequence):
        problem(node, "families", "expected a list of families (`- name: …`)")
        return
    for i, item in enumerate(node.items):
        where = f"families[{i}]"
        if not isinstance(item, load.Mapping):
            problem(item, where, "expected a family (`name`, `endings`, `stems`)")
            continue
        parts = {k.text: v for k, v in item.items}
        for key in parts:
            if key not in _FAMILY_KEYS:
                problem(item, f"{where}.{key}", f"unknown key{did_you_mean(key, _FAMILY_KEYS)}")
        if "endings" not in parts or "stems" not in parts:
            problem(item, where, "a family needs `endings` and `stems`")
            continue
        endings = _pairs(parts["endings"], f"{where}.endings", problem)
        stems_node = parts["stems"]
        if not isinstance(stems_node, load.Sequence):
            problem(stems_node, f"{where}.stems", "expected a list of stems")
            continue
        forms: dict[str, str] = {}
        for j, stem in enumerate(stems_node.items):
            if not isinstance(stem, load.Scalar) or not _LOWER_WORD.fullmatch(stem.text):
                problem(stem, f"{where}.stems[{j}]", "write one lower-case stem (a–z)")
                continue
            for british, us in endings.items():
                forms[stem.text + british] = stem.text + us
        _add(words, forms, item, where, problem)
