"""The word lists of the leaving-reason matcher, read from ``phrasebooks/<lang>/matcher-words.yaml``.

Vocabulary is data: the cue words that turn a topic into a complaint, and in
English the small words that deny, praise, join clauses or make a fact only
feared. The grammar around them (particles, endings, clause breaks) stays in
:mod:`resumegen.enrich.matcher`. The bundled file of a language is read on
first use and kept for the process (:func:`matcher_words`); a wrong file is a
:class:`~resumegen.errors.RecordError` that points at the line.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

from resumegen import yamlio as load
from resumegen.enrich.fold import fold
from resumegen.enrich.triggers import trigger_problem
from resumegen.resources import bundled
from resumegen.resources.fields import ShippedFile
from resumegen.text import did_you_mean

FILE_NAME = "matcher-words.yaml"

#: The kinds of cue word, each read from the list ``<kind>_cues``.
CUE_KINDS: tuple[str, ...] = ("bad", "much", "little")
# English single-word lists, compared with the words of the folded text.
_EN_WORD_LISTS = (
    "negators",
    "negation_fillers",
    "clause_words",
    "wanting",
    "praise",
    "praise_undone",
    "hypothetical",
    "hearsay",
)
# Both languages, optional: words that make a fact's word part of a name (介護福祉士, 療養病棟,
# "care worker"), compared with the folded text right before and after the word.
_NAME_LISTS = ("name_before", "name_after")
_KEYS: Mapping[str, tuple[str, ...]] = {
    "ja": (*(f"{kind}_cues" for kind in CUE_KINDS), *_NAME_LISTS),
    "en": (*(f"{kind}_cues" for kind in CUE_KINDS), *_EN_WORD_LISTS, *_NAME_LISTS),
}


# Reports a problem at a node: (node, key path, message).
_Problem = Callable[["load.Node", str, str], None]


@dataclass(frozen=True)
class MatcherWords:
    """One language's word lists (the English-only lists are empty in Japanese)."""

    cues: Mapping[str, tuple[str, ...]]  # cue kind → cue words, written as triggers
    negators: frozenset[str] = frozenset()
    negation_fillers: frozenset[str] = frozenset()
    clause_words: frozenset[str] = frozenset()
    wanting: frozenset[str] = frozenset()
    praise: frozenset[str] = frozenset()
    praise_undone: frozenset[str] = frozenset()
    hypothetical: frozenset[str] = frozenset()
    hearsay: frozenset[str] = frozenset()  # anywhere in the clause before: only rumoured
    name_before: tuple[str, ...] = ()
    name_after: tuple[str, ...] = ()


@cache
def matcher_words(lang: str) -> MatcherWords:
    """The bundled word lists of *lang*, read once per process."""
    return load_matcher_words(bundled("phrasebooks") / lang / FILE_NAME, lang)


def load_matcher_words(path: str | os.PathLike[str], lang: str) -> MatcherWords:
    """Read and check a word-list file of *lang*; every problem is reported at its position."""
    shipped = ShippedFile(path, "word list", "word lists (`name: [word, …]`)")
    root, problem = shipped.root, shipped.problem
    keys = _KEYS[lang]
    lists: dict[str, tuple[str, ...]] = {}
    for key, value in root.items:
        if key.text not in keys:
            problem(
                key, key.text, f"unknown word list{did_you_mean(key.text, keys, list_all=True)}"
            )
            continue
        lists[key.text] = _words(value, key.text, lang, problem)
    for missing in (k for k in keys if k not in lists and k not in _NAME_LISTS):
        problem(root, "", f"the word list `{missing}` is missing")
    shipped.done()
    sets = {k: frozenset(lists[k]) for k in keys if k in _EN_WORD_LISTS}
    return MatcherWords(
        cues={kind: lists[f"{kind}_cues"] for kind in CUE_KINDS},
        name_before=lists.get("name_before", ()),
        name_after=lists.get("name_after", ()),
        **sets,
    )


def _words(node: load.Node, key: str, lang: str, problem: _Problem) -> tuple[str, ...]:
    """The items of the list *key*, each checked; a problem is reported and the item left out."""
    if not isinstance(node, load.Sequence):
        problem(node, key, "expected a list of words (`[word, …]`)")
        return ()
    seen: set[str] = set()
    out: list[str] = []
    for i, item in enumerate(node.items):
        where = f"{key}[{i}]"
        if not isinstance(item, load.Scalar) or item.is_null:
            problem(item, where, "expected a word")
            continue
        word = item.text.strip()
        why = _word_problem(word, key, lang)
        if word in seen:
            why = f"`{word}` is listed twice"
        if why is not None:
            problem(item, where, why)
            continue
        seen.add(word)
        out.append(word)
    return tuple(out)


def _word_problem(word: str, key: str, lang: str) -> str | None:
    """Why *word* cannot be an item of the list *key*, or None."""
    if key.endswith("_cues"):
        why = trigger_problem(word, (lang,))
        return None if why is None else f"`{word}` {why}"
    if word != fold(word, lang) or " " in word or "'" in word:
        return f"`{word}`: write one lower-case word without apostrophes"
    return None
