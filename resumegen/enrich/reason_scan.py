"""Find what a leaving reason says: the phrasebook entries it matches, tier by tier.

The reason as the person would say it (「当直が多くて休めない」) is matched
against the phrasebook entries for their profile, in tiers:

1. triggers, the phrases that reveal a reason, longest first (当直明け
   before 当直);
2. where no trigger explains the words, topic words (上司, 人員, staffing,
   management) made a complaint by a cue word in their clause (上司と方向性が
   合わない, "management never listens", "keeps cutting staff"); a cue must
   fit the topic: too much overtime is a complaint, too little is not;
3. when nothing matched at all, the same across the commas of one sentence;
4. when still nothing matched, the fallback tier (entries with ``fallback:
   true``): per sentence, the subject words (仕事, 上司, 給料, 将来; work,
   boss, pay, future) and complaint cues (不満, 限界, 報われない; fed up,
   unfair, stuck) of each category are counted, and a category that clearly
   wins (a subject and a cue, or two cues of its own) is answered with that
   category's generic, forward-looking phrasing. Its ``follow_up`` asks for a
   specific entry; the match's ``trigger`` lists the words that decided it.
   A text with no complaint cue stays unmatched;
5. when still nothing matched, and the text denied none of the phrasebooks'
   words (「当直なし」, "not tired of it", 人員が増えて), the classifier learnt
   from the phrasebooks' ``examples:`` (:mod:`resumegen.enrich.classify`)
   may name a category; it is answered like the fallback tier, with the
   words that weighed most as the trigger. It never names a fact.

Words the text denies (「当直はない」, "not on call") are no reason, and a
fact that is only feared or rumoured (「リストラされそう」, "afraid of being
laid off") is not taken as having happened. The hits of the last few texts
are remembered (:func:`matched_hits`), since an interview sheet rephrases
the same reason once for every application of a record.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from resumegen.enrich.fold import fold_with_spans
from resumegen.enrich.matcher import (
    cue_denied,
    few_after,
    hypothetical,
    negated,
    part_of_a_name,
    satisfied,
    sentence_span,
    topic_complaints,
    topic_relieved,
)
from resumegen.enrich.triggers import topic_pattern, trigger_pattern
from resumegen.resources.phrasebook import CATEGORIES, Entry, Phrasebook

__all__ = ["Hit", "matched_hits", "scan"]

_TRAILING_MARKS = frozenset("ーｰ〜～")


@dataclass(frozen=True)
class Hit:
    """Where an entry matched: positions in the folded text, and the words as written."""

    entry: Entry
    order: int
    start: int  # in the folded text
    end: int
    quoted: str  # the original text that matched
    gap: int = 0  # characters matched by the trigger's ``*`` gaps
    topic: bool = False  # found by a topic word and its cue, not by a trigger

    @property
    def weight(self) -> int:
        """The characters the trigger's own words matched."""
        return self.end - self.start - self.gap


def scan(text: str, book: Phrasebook, profile: str, *, topics: bool = True) -> list[Hit]:
    """Every non-overlapping trigger hit, longest trigger first (当直明け beats 当直),
    then, with *topics*, the topic hits in what no trigger explained.

    Length leaves out what a ``*`` gap matched; at the same length the match
    with less gap wins, then the earlier position, then the entry later in
    the book (user layers come after the bundled entries). A hit whose words
    are denied (「当直はない」, "not on call", 「当直は月2回と少なく」), and a
    fact that is only feared (「リストラされそう」), is dropped afterwards,
    keeping its span: a shorter trigger inside it does not take its place.
    Only the triggers that can occur are tried (:meth:`Phrasebook.index`).
    """
    folded, spans = fold_with_spans(text, book.lang)
    candidates: list[Hit] = []
    for order, entry, _trigger, pattern in book.index(profile).candidates(folded):
        for m in pattern.finditer(folded):
            if m.end() <= m.start():
                continue
            quoted = _quote(text, spans, m.start(), m.end())
            gap = sum(m.end(g) - m.start(g) for g in range(1, (m.re.groups or 0) + 1))
            candidates.append(Hit(entry, order, m.start(), m.end(), quoted, gap))
    candidates.sort(key=lambda h: (-h.weight, h.gap, h.start, -h.order))
    taken = bytearray(len(folded))
    hits = []
    denied = False  # words of a reason that the text says are no complaint
    for hit in candidates:
        if any(taken[hit.start : hit.end]):
            continue
        taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        if negated(folded, hit.start, hit.end, book.lang):
            denied = True
            continue
        if not hit.entry.names_a_lack and few_after(folded, hit.end, book.lang):
            denied = True
            continue  # 当直は月2回と少なく, "the commute is short"
        if not hit.entry.keep_as_is and satisfied(folded, hit.start, hit.end, book.lang):
            denied = True
            continue  # 給料には満足, "the pay is competitive, I'm happy with it"
        if hit.entry.keep_as_is and part_of_a_name(folded, hit.start, hit.end, book.lang):
            continue  # 介護福祉士, 療養病棟, "care worker": a job or a ward, not the fact
        if hit.entry.keep_as_is and hypothetical(folded, hit.start, hit.end, book.lang):
            # A fact that has not happened is not stated; a feared closure is a worry
            # about the future when the entry names one (``feared:``).
            worry = book.get(hit.entry.feared) if hit.entry.feared else None
            if worry is not None and worry.applies_to(profile):
                hits.append(replace(hit, entry=worry, order=book.position(worry)))
            else:
                denied = True
            continue
        hits.append(hit)
    if topics:
        hits.extend(_topic_hits(text, folded, spans, book, profile, taken))
        if not hits:  # a topic and a cue anywhere in one sentence
            hits.extend(_topic_hits(text, folded, spans, book, profile, taken, wide=True))
        if not hits:  # a category's subjects and complaint cues
            found, quiet = _fallback_hits(text, folded, spans, book, profile)
            hits.extend(found)
            denied = denied or quiet
        if not hits and not denied and not _relieved(folded, book, profile):
            # The last resort: the classifier learnt from the examples. Not where
            # the text denies the phrasebooks' own words (「当直なし」, "not tired").
            hits.extend(_guessed_hits(text, folded, spans, book, profile))
    hits.sort(key=lambda h: h.start)
    return hits


def _quote(text: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> str:
    """The original text behind ``folded[start:end]``."""
    stop = spans[end - 1][1]
    while stop < len(text) and text[stop] in _TRAILING_MARKS:
        stop += 1  # プレッシャー, not プレッシャ
    return text[spans[start][0] : stop]


def _topic_hits(
    text: str,
    folded: str,
    spans: Sequence[tuple[int, int]],
    book: Phrasebook,
    profile: str,
    taken: bytearray,
    *,
    wide: bool = False,
) -> list[Hit]:
    """The second tier: topic words (上司, staffing) made a complaint by a cue in their clause.

    Only text no trigger explained takes part; the longest topic wins where
    two overlap. See :func:`resumegen.enrich.matcher.topic_complaints`.
    """
    found: list[tuple[int, int, int, Entry, str]] = []
    for order, entry, word, pattern in book.topic_index(profile).candidates(folded):
        for m in pattern.finditer(folded):
            if m.end() > m.start():
                found.append((m.start(), m.end(), order, entry, entry.topic_kind(word)))
    if not found:
        return []
    found.sort(key=lambda f: (f[0] - f[1], f[0], -f[2]))
    used = bytearray(taken)
    topics: list[tuple[int, int, int, Entry, str]] = []
    for topic in found:
        start, end = topic[0], topic[1]
        if not any(used[start:end]):
            used[start:end] = b"\x01" * (end - start)
            topics.append(topic)
    topics.sort(key=lambda t: t[0])
    hits = []
    for i, start, end in topic_complaints(
        folded, book.lang, [(t[0], t[1], t[4]) for t in topics], taken, wide=wide
    ):
        entry, order = topics[i][3], topics[i][2]
        hits.append(Hit(entry, order, start, end, _quote(text, spans, start, end), topic=True))
    return hits


@lru_cache(maxsize=8192)
def _fallback_pattern(word: str, lang: str, subject: bool) -> re.Pattern[str] | None:
    """The pattern of a fallback word, compiled the first time its literal occurs.

    A subject is a noun (its plural is found); a cue is a complaint word and
    is found in its inflections and negative forms, like a trigger.
    """
    return topic_pattern(word, lang) if subject else trigger_pattern(word, lang)


# A word found by the fallback tier: (start, end, entry number or -1 for a shared cue, is subject).
_Word = tuple[int, int, int, bool]


def _fallback_words(
    folded: str, book: Phrasebook, entries: Sequence[Entry]
) -> tuple[list[_Word], bool]:
    """Every subject and cue of *entries* in *folded*, longest first where two overlap.

    A denied cue (不満はない, "not tired of it") and a subject in a clause that
    says all is well (上司には恵まれ) are left out; the flag tells whether any was.
    """
    lang = book.lang
    wanted: list[tuple[str, int, bool]] = []
    shared = {c for e in entries for c in e.shared_cues}
    wanted.extend((c, -1, False) for c in sorted(shared))
    for number, entry in enumerate(entries):
        wanted.extend((w, number, True) for w in entry.subjects)
        wanted.extend((w, number, False) for w in entry.cues)
    found: list[_Word] = []
    for word, number, subject in wanted:
        literal = book.literal(word, topic=subject)
        if literal and literal not in folded:
            continue
        pattern = _fallback_pattern(word, lang, subject)
        if pattern is None:
            continue
        found.extend(
            (m.start(), m.end(), number, subject)
            for m in pattern.finditer(folded)
            if m.end() > m.start()
        )
    found.sort(key=lambda w: (w[0] - w[1], w[0], w[3]))
    taken = bytearray(len(folded))
    out: list[_Word] = []
    quiet = False
    for start, end, number, subject in found:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        if subject and satisfied(folded, start, end, lang):
            quiet = True
            continue
        if not subject and cue_denied(folded, start, end, lang):
            quiet = True
            continue
        out.append((start, end, number, subject))
    return sorted(out), quiet


def _fallback_hits(
    text: str, folded: str, spans: Sequence[tuple[int, int]], book: Phrasebook, profile: str
) -> tuple[list[Hit], bool]:
    """The last tier: per sentence, the category whose subjects and cues clearly win.

    See :func:`_fallback_winner`. When no sentence wins on its own, the words
    of the whole answer are weighed together once (a subject in one sentence,
    its complaint in the next). An answer with no cue wins nothing. The flag
    tells whether the text denied a subject or a cue (上司には恵まれ, 不満はない).
    """
    entries = [e for e in book.fallback_entries if e.applies_to(profile)]
    if not entries:
        return [], False
    words, quiet = _fallback_words(folded, book, entries)
    if not any(not subject for _, _, _, subject in words):
        return [], quiet
    sentences: dict[tuple[int, int], list[_Word]] = {}
    for word in words:
        sentences.setdefault(sentence_span(folded, word[0], word[1], book.lang), []).append(word)
    hits: list[Hit] = []
    groups = list(sentences.values())
    if len(groups) > 1:  # read last, and only when no sentence wins alone: the whole answer
        groups.append(words)
    for found in groups:
        if found is words and hits:
            break
        number = _fallback_winner(found, len(entries))
        if number is None:
            continue
        used = [w for w in found if w[2] == number or w[2] < 0]
        quoted = " + ".join(dict.fromkeys(_quote(text, spans, w[0], w[1]) for w in used))
        entry = entries[number]
        start, end = used[0][0], used[-1][1]
        hits.append(Hit(entry, book.position(entry), start, end, quoted, topic=True))
    return hits, quiet


def _fallback_winner(found: Sequence[_Word], count: int) -> int | None:
    """The entry number whose words clearly win in *found*, or None.

    A category qualifies with one of its subjects and a cue (its own or a
    shared one), with its own cue and a shared one, or with two cues of its
    own; it scores a point per subject and two per own cue, and wins only
    when no other qualifying category scores as much.
    """
    shared = any(w[2] < 0 for w in found)
    scored: list[tuple[int, int]] = []  # (score, entry number)
    for number in range(count):
        subjects = sum(1 for w in found if w[2] == number and w[3])
        own = sum(1 for w in found if w[2] == number and not w[3])
        if (subjects and (own or shared)) or (own and shared) or own >= 2:
            scored.append((subjects + 2 * own, number))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _relieved(folded: str, book: Phrasebook, profile: str) -> bool:
    """A topic word whose clause says it moved the good way (see ``topic_relieved``)."""
    topics = [
        (m.start(), m.end(), entry.topic_kind(word))
        for _, entry, word, pattern in book.topic_index(profile).candidates(folded)
        for m in pattern.finditer(folded)
        if m.end() > m.start()
    ]
    return bool(topics) and topic_relieved(folded, book.lang, topics)


def _guessed_hits(
    text: str, folded: str, spans: Sequence[tuple[int, int]], book: Phrasebook, profile: str
) -> list[Hit]:
    """The last tier: the category the examples' classifier clearly prefers, if any.

    It answers with that category's fallback entry; the match's trigger quotes
    the words that weighed most. See :mod:`resumegen.enrich.classify`.
    """
    entries = [e for e in book.fallback_entries if e.applies_to(profile)]
    if not entries or not book.examples:
        return []
    allowed = tuple(dict.fromkeys(e.category for e in entries))
    category = book.classifier.guess(folded, allowed)
    if category is None:
        return []
    evidence = book.classifier.evidence(folded, category)
    if not evidence:
        return []
    entry = next(e for e in entries if e.category == category)
    quoted = " + ".join(dict.fromkeys(_quote(text, spans, a, b) for a, b in evidence))
    return [Hit(entry, book.position(entry), evidence[0][0], evidence[-1][1], quoted, topic=True)]


# The hits of recent texts: an interview sheet rephrases the same reason once
# for every application of a record, with other slot values but the same match.
_RECENT: OrderedDict[tuple[int, str, str], tuple[Phrasebook, tuple[Hit, ...]]] = OrderedDict()
_RECENT_LIMIT = 256


def matched_hits(text: str, book: Phrasebook, profile: str) -> tuple[Hit, ...]:
    """:func:`_first_hits` of :func:`scan`, remembered for the last few texts of a book."""
    key = (id(book), profile, text)
    found = _RECENT.get(key)
    if found is not None and found[0] is book:
        _RECENT.move_to_end(key)
        return found[1]
    hits = tuple(_first_hits(scan(text, book, profile)))
    _RECENT[key] = (book, hits)
    while len(_RECENT) > _RECENT_LIMIT:
        _RECENT.popitem(last=False)
    return hits


def _first_hits(hits: Sequence[Hit]) -> list[Hit]:
    """One hit per entry (its first trigger hit, else its first topic hit), in answer order."""
    first: dict[str, Hit] = {}
    for hit in sorted(hits, key=lambda h: (h.topic, h.start)):
        first.setdefault(hit.entry.id, hit)
    rank = {c: i for i, c in enumerate(CATEGORIES)}
    return sorted(first.values(), key=lambda h: (rank[h.entry.category], h.start))
