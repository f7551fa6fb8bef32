"""The last tier of matching: a small classifier learnt from labelled examples.

Phrasebook triggers, topics and fallback words catch what their authors
foresaw. People say the same thing in ways nobody listed (「主力製品の販売
終了が決まって」, "the startup has six months of runway left"), so when no
tier matched, the reason is weighed against the phrasebooks' ``examples:``
(reasons as people say them, each filed under the categories a careful
reader would use, or under none when it is not a reason to leave).

The model is naive Bayes, one category against the rest, over presence
features: in English word stems and pairs of neighbouring stems (a word
after *no*, *not*, *never* … is marked as denied); in Japanese, characters
in pairs and triples of the folded text (hiragana for katakana, no spaces),
so that no word list or tokenizer is needed. Training counts features once;
a user's examples are added to a copy of the bundled counts
(:meth:`Classifier.extended`), so they take effect in milliseconds.
(A logistic regression over the same features filed more reasons on its
own, but behind the other tiers it matched as many, at 10 times the build
time and 2 times the size, and it cannot be retrained in passing.)

It is only used when nothing else matched, and only answers a category
(work, people, conditions, future) with that category's generic fallback
phrasing; a fact (``keep``) is never guessed, because facts are stated, not
inferred. It answers only when the category is clearly more likely than
"not a reason" and than every other category; otherwise the text stays
unmatched. :meth:`Classifier.evidence` gives the stretches of the text that
weighed most, so the match can say why it was made.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Categories a guess may answer with; ``keep`` (a fact) is learnt but never answered.
ANSWERABLE = ("work", "people", "conditions", "future")
NONE = "none"  # the label of an example that is not a reason to leave
# How much more likely (natural log of the odds) the winner must be than
# "not a reason" and than the runner-up, per language; chosen by five-fold
# cross-validation on the examples (benchmarks/rephrase_eval.py --cv 5): each step
# up trades matched reasons for fewer answers to text that is no complaint.
# Japanese scores run larger (overlapping character pairs and triples).
MARGIN: dict[str, float] = {"ja": 16.0, "en": 6.0}
RUNNER_UP: dict[str, float] = {"ja": 3.0, "en": 1.0}
_SMOOTHING = 0.5
_MIN_DOCS = 2  # a feature seen in fewer examples is noise, not evidence

_EN_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_EN_NEGATORS = frozenset(
    {"no", "not", "never", "nothing", "without", "nobody", "none", "neither", "nor", "cannot"}
)
_EN_SUFFIXES = ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s")
_EN_STOP = frozenset({"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "my"})
_JA_BREAK = re.compile(r"[\s、。，．,.!?！？「」『』()（）・…:：;；\"'“”‘’w草]+")


@dataclass(frozen=True)
class Example:
    """One labelled reason: ``categories`` empty means it is not a reason to leave."""

    text: str
    categories: tuple[str, ...]
    file: str = ""
    line: int = 0
    profile: str | None = None


def _en_stem(word: str) -> str:
    if word.endswith("n't"):
        return "not"
    if len(word) > 4:
        for suffix in _EN_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
                break
    return word[:7]


Feature = tuple[str, int, int]  # (name, start, end) in the folded text


def features(folded: str, lang: str) -> list[Feature]:
    """The features of folded text with where each was found."""
    return _en_features(folded) if lang == "en" else _ja_features(folded)


def _en_features(folded: str) -> list[Feature]:
    out: list[Feature] = []
    denied = 0
    previous: tuple[str, int, int] | None = None  # (name, start, end)
    for m in _EN_TOKEN.finditer(folded):
        word = m.group()
        gap = folded[previous[2] if previous else 0 : m.start()]
        if any(c in gap for c in ".,;:!?"):
            denied, previous = 0, None
        stem = _en_stem(word)
        if word in _EN_NEGATORS or word.endswith("n't"):
            denied = 3
            out.append(("not", m.start(), m.end()))
            previous = ("not", m.start(), m.end())
            continue
        if stem in _EN_STOP:
            continue
        name = f"~{stem}" if denied else stem
        denied = max(denied - 1, 0)
        out.append((name, m.start(), m.end()))
        if previous is not None:
            out.append((f"{previous[0]} {name}", previous[1], m.end()))
        previous = (name, m.start(), m.end())
    return out


def _ja_features(folded: str) -> list[Feature]:
    out: list[Feature] = []
    start = 0
    for piece in [*_JA_BREAK.finditer(folded), None]:
        end = piece.start() if piece else len(folded)
        for n in (2, 3):
            for i in range(start, end - n + 1):
                out.append((folded[i : i + n], i, i + n))
        start = piece.end() if piece else end
    return out


@dataclass
class Classifier:
    """Counts learnt from examples; :meth:`guess` answers one category or None."""

    lang: str
    docs: dict[str, int] = field(default_factory=dict)  # examples per label
    total: int = 0
    # feature -> examples of each label (in the order of ``docs``) that hold it,
    # then all the examples that hold it; one tuple a feature keeps the copy small
    counts: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def train(cls, examples: Iterable[Example], lang: str) -> Classifier:
        from resumegen.enrich.fold import fold

        model = cls(lang)
        labels_seen: Counter[str] = Counter()
        counts: dict[str, Counter[str]] = {}
        seen: Counter[str] = Counter()
        total = 0
        for example in examples:
            labels = example.categories or (NONE,)
            total += 1
            labels_seen.update(labels)
            # sorted: the same examples give the same model, byte for byte
            names = sorted({f[0] for f in features(fold(example.text, lang), lang)})
            seen.update(names)
            for name in names:
                counts.setdefault(name, Counter()).update(labels)
        model.total = total
        model.docs = dict(labels_seen)
        model.counts = {
            k: (*(counts[k][label] for label in model.docs), n)
            for k, n in sorted(seen.items())
            if n >= _MIN_DOCS
        }
        return model

    def extended(self, examples: Sequence[Example]) -> Classifier:
        """A copy that has also learnt *examples* (a user's), without counting the rest again.

        A feature the bundled examples held too rarely to keep starts from the
        user's examples alone: they were written on purpose, so each counts.
        """
        from resumegen.enrich.fold import fold

        if not examples:
            return self
        if any(c not in self.docs for e in examples for c in e.categories or (NONE,)):
            known = {*self.docs, *(c for e in examples for c in e.categories or (NONE,))}
            raise ValueError(f"labels outside the model: {sorted(known - set(self.docs))}")
        labels = list(self.docs)
        docs = dict(self.docs)
        counts = dict(self.counts)
        empty = (0,) * (len(labels) + 1)
        for example in examples:
            wanted = example.categories or (NONE,)
            for label in wanted:
                docs[label] += 1
            for name in sorted({f[0] for f in features(fold(example.text, self.lang), self.lang)}):
                row = list(counts.get(name, empty))
                for label in wanted:
                    row[labels.index(label)] += 1
                row[-1] += 1
                counts[name] = tuple(row)
        return Classifier(self.lang, docs, self.total + len(examples), counts)

    def _weights(self, name: str) -> dict[str, float]:
        """log P(feature | label) - log P(feature | not label), per label."""
        per = self.counts[name]
        seen = per[-1]
        out = {}
        for (label, docs), inside in zip(self.docs.items(), per[:-1], strict=True):
            outside = seen - inside
            others = self.total - docs
            out[label] = math.log((inside + _SMOOTHING) / (docs + 1)) - math.log(
                (outside + _SMOOTHING) / (others + 1)
            )
        return out

    def scores(self, folded: str) -> dict[str, float]:
        """The log-odds of every label for the folded text."""
        out = {
            label: math.log((docs + 1) / (self.total - docs + 1))
            for label, docs in self.docs.items()
        }
        for name in {f[0] for f in features(folded, self.lang)}:
            if name in self.counts:
                for label, w in self._weights(name).items():
                    out[label] += w
        return out

    def guess(self, folded: str, allowed: Sequence[str] = ANSWERABLE) -> str | None:
        """The category that clearly wins for *folded*, or None."""
        if not self.total or NONE not in self.docs:
            return None
        s = self.scores(folded)
        ranked = sorted((c for c in s if c != NONE), key=lambda c: -s[c])
        if not ranked or ranked[0] not in allowed:
            return None
        best = ranked[0]
        if s[best] < s[NONE] + MARGIN[self.lang] or s[best] <= 0:
            return None
        if len(ranked) > 1 and s[best] < s[ranked[1]] + RUNNER_UP[self.lang]:
            return None
        return best

    def evidence(self, folded: str, label: str, limit: int = 3) -> list[tuple[int, int]]:
        """The spans (in *folded*) of the features that spoke most for *label*, merged."""
        found = [f for f in features(folded, self.lang) if f[0] in self.counts]
        weighed = sorted(
            ((self._weights(name)[label], start, end) for name, start, end in found),
            key=lambda w: -w[0],
        )
        spans = sorted(
            _whole_words(folded, start, end) if self.lang == "ja" else (start, end)
            for w, start, end in weighed[:limit]
            if w > 0
        )
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


def _is_word_char(ch: str) -> bool:
    """Kanji, katakana (folded to hiragana elsewhere, so not here), letters and digits."""
    return ch.isalnum() and not ("\u3041" <= ch <= "\u309f")


def _whole_words(folded: str, start: int, end: int) -> tuple[int, int]:
    """A Japanese feature's span widened to the kanji (or letters) it cuts into.

    Features are character pairs and triples, which may start or end inside
    a word (「に残っ」 in 大学に残って): quoting the whole word reads better.
    """
    while start > 0 and _is_word_char(folded[start - 1]) and _is_word_char(folded[start]):
        start -= 1
    while start > 0 and _is_word_char(folded[start - 1]) and not _is_word_char(folded[start]):
        start -= 1
        while start > 0 and _is_word_char(folded[start - 1]):
            start -= 1
        break
    while end < len(folded) and _is_word_char(folded[end - 1]) and _is_word_char(folded[end]):
        end += 1
    return start, end
