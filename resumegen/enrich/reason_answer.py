"""Compose the answer to a leaving reason from the phrasebook entries it matched.

Every matched entry contributes its positive phrasing, and the pieces are
joined into one answer:

* facts that are stated plainly (``category: keep``: caregiving, an illness,
  a closure …) come first, in neutral words;
* then the positive ideas in the fixed order work → people → conditions →
  future, each said once even when several entries share it (``group``);
* Japanese sentences are linked with connectives (また、さらに、…); English
  ``I am looking for …`` sentences are merged into one list.

The short form (for a form or a document) says at most :data:`SHORT_LIMIT`
things (three in Japanese; two in English, where they share one sentence):
the facts, then the first positive ideas in that category order,
and always at least one positive idea when there is one. A reason that
touches four or five entries would otherwise read as a list of grievances
turned inside out. The long form (for the interview) says every idea, and
``matches`` lists every entry that matched.

Nothing is invented: the answer is made only of phrasebook sentences and of
slot values the caller passes (role, employer …). ``keep_as_is`` is true
when every match is a plain fact, so the caller knows nothing was reframed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from resumegen.resources.phrasebook import SLOT, Entry, slot_names

__all__ = ["SHORT_LIMIT", "Match", "Rephrasing", "answer", "clean_slots", "slots_from"]

# Pieces in the short form: facts first, then ideas by category. English
# ideas merge into one sentence, so two of them already make a long one.
SHORT_LIMIT: Mapping[str, int] = {"ja": 3, "en": 2}
_JA_LINKS = ("また、", "さらに、", "加えて、", "そして、", "あわせて、")
_JA_AFTER_FACT = "そのうえで、"
_EN_LEAD = "I am looking for "
_EN_AFTER_FACT = "Going forward, "


@dataclass(frozen=True)
class Match:
    """One matched entry: ``trigger`` is the text as the user wrote it."""

    id: str
    category: str
    trigger: str
    positive: str

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "category": self.category,
            "trigger": self.trigger,
            "positive": self.positive,
        }


@dataclass(frozen=True)
class Rephrasing:
    """The result of :func:`rephrase`; ``rephrased`` is None when nothing matched.

    ``rephrased`` is the short form (one answer for a form), ``long`` the
    interview form. ``keep_as_is`` is true only when every match is a plain
    fact (``category: keep``); with a fact and negatives together it is false
    and the answer states the fact first.
    """

    input: str
    lang: str
    rephrased: str | None
    long: str | None
    keep_as_is: bool
    matches: tuple[Match, ...]
    follow_up: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "input": self.input,
            "lang": self.lang,
            "rephrased": self.rephrased,
            "long": self.long,
            "keep_as_is": self.keep_as_is,
            "matches": [m.as_json() for m in self.matches],
            "follow_up": list(self.follow_up),
        }


def _fill(variants: Sequence[str], slots: Mapping[str, str]) -> str:
    """The first variant whose slots all have values, filled in.

    The phrasebook guarantees that the last variant has no slot, so a missing
    value changes the wording instead of leaving a gap.
    """
    for text in variants:
        if all(slots.get(name) for name in slot_names(text)):
            return SLOT.sub(lambda m: slots[m.group(1)], text)
    return variants[-1]


def slots_from(
    *,
    role: str | None = None,
    employer: str | None = None,
    field: str | None = None,
    experience: str | None = None,
    desired: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Slot values for :func:`rephrase` from what a record or target gives.

    ``desired`` is the record's ``desired`` map: ``{"location": "札幌"}``
    becomes the slot ``desired_location``. Empty values are left out, so the
    phrasing falls back to a variant without them.
    """
    out = {"role": role, "employer": employer, "field": field, "experience": experience}
    for key, value in (desired or {}).items():
        name = "desired_" + re.sub(r"[^a-z0-9]+", "_", str(key).lower()).strip("_")
        out[name] = value
    return clean_slots(out)


def clean_slots(slots: Mapping[str, str | None] | None) -> dict[str, str]:
    """*slots* without empty values, each on one line (runs of white space become one space)."""
    return {
        k: " ".join(str(v).split())
        for k, v in (slots or {}).items()
        if v is not None and str(v).strip()
    }


def _join_ja(facts: Sequence[str], ideas: Sequence[str]) -> str:
    """Facts, then ideas (the first after a fact with そのうえで、), linked with
    connectives that are not repeated; beyond the last one sentences follow plainly."""
    parts: list[str] = []
    links = iter(_JA_LINKS)
    for i, sentence in enumerate([*facts, *ideas]):
        if i == 0:
            link = ""
        elif i == len(facts):
            link = _JA_AFTER_FACT
        else:
            link = next(links, "")
        parts.append(link + sentence)
    return "".join(parts)


def _en_list(items: Sequence[str]) -> str:
    """``a and b``, ``a, b, and c``; ``a, as well as b`` when an item has its own "and";
    semicolons when an item has its own commas (or its own "and" in a longer list)."""
    if len(items) == 1:
        return items[0]
    inner_and = any(" and " in item for item in items)
    if any("," in item for item in items) or (inner_and and len(items) > 2):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    if len(items) == 2:
        return f"{items[0]}, as well as {items[1]}" if inner_and else f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _join_en(facts: Sequence[str], ideas: Sequence[str], *, merge: bool) -> str:
    """Facts, then the ideas; ``I am looking for`` sentences become one list when *merge*."""
    parts = list(facts)
    sentences: list[str] = []
    if merge:
        wanted = [s[len(_EN_LEAD) :].rstrip(".") for s in ideas if s.startswith(_EN_LEAD)]
        if wanted:
            sentences.append(_EN_LEAD + _en_list(wanted) + ".")
        sentences.extend(s for s in ideas if not s.startswith(_EN_LEAD))
    else:
        sentences = list(ideas)
    if facts and sentences and sentences[0].startswith("I "):
        sentences[0] = _EN_AFTER_FACT + sentences[0]
    return " ".join(parts + sentences)


def _compose(lang: str, facts: Sequence[str], ideas: Sequence[str], *, merge: bool) -> str:
    if lang == "ja":
        return _join_ja(facts, ideas)
    return _join_en(facts, ideas, merge=merge)


def answer(
    text: str, lang: str, hits: Sequence[tuple[Entry, str]], values: Mapping[str, str]
) -> Rephrasing:
    """The short and long answers of the matched entries (each with its quoted words)."""
    matches = tuple(Match(e.id, e.category, quoted, _fill(e.short, values)) for e, quoted in hits)
    if not hits:
        return Rephrasing(text, lang, None, None, False, (), ())
    said: set[str] = set()
    chosen: list[Entry] = []
    for entry, _ in hits:
        if entry.idea not in said:
            said.add(entry.idea)
            chosen.append(entry)
    facts = [e for e in chosen if e.keep_as_is]
    ideas = [e for e in chosen if not e.keep_as_is]
    limit = SHORT_LIMIT[lang]
    short_facts = facts[:limit]
    short_ideas = ideas[: max(limit - len(short_facts), 1)]
    short = _compose(
        lang,
        [_fill(e.short, values) for e in short_facts],
        [_fill(e.short, values) for e in short_ideas],
        merge=True,
    )
    long = _compose(
        lang,
        [_fill(e.long, values) for e in facts],
        [_fill(e.long, values) for e in ideas],
        merge=False,
    )
    follow_up: list[str] = []
    for entry, _ in hits:
        follow_up.extend(f for f in entry.follow_up if f not in follow_up)
    keep = all(e.keep_as_is for e, _ in hits)
    return Rephrasing(text, lang, short, long, keep, matches, tuple(follow_up))
