"""Leaving-reason phrasebooks: YAML data, validated like records.

A phrasebook file looks like this::

    schema: 1
    lang: ja                      # optional; must match the language asked for
    entries:
      - id: night_duty
        category: conditions      # keep | work | people | conditions | future
        profiles: [physician]     # omitted = every profile
        group: schedule           # entries saying the same positive idea
        triggers: [当直, 宿直]
        topics:                   # optional; see below
          too_much: [当番]
        positive:
          short: 一文（書類用）。
          long: 二、三文（面接用）。
        follow_up: [次に聞かれること]

``category: keep`` marks a fact that is stated plainly rather than turned
into a motive (caregiving, an illness, a spouse's transfer, a closure …);
its ``positive`` holds the neutral statement. ``short`` and ``long`` may be
a list of variants: the first whose slots (``{role}``, ``{employer}``,
``{field}``, ``{experience}``, ``{desired_…}``) all have values is used, and
the last must use no slot, so that a missing value never leaves braces or an
empty gap in the answer.

A trigger is a word or phrase as people write it; case, width, kana and
spacing are folded (see :mod:`resumegen.enrich.fold`). Two marks let one
trigger cover the ways a phrase is filled in: ``~`` where a particle and a
degree word may stand (``症例~少な`` finds 症例が全然少ない; ``no ~ bonus``
finds "no real bonus") and ``*`` for a short gap inside one clause
(``上司*合わな`` finds 上司と性格が合わない). Write a complaint that is a lack
with its negation (``昇給~な``, ``no * raise``): a trigger that the text
denies right after it (「当直はない」, "not on call") is not a complaint.

``topics`` are the second tier: words that name what a complaint is about
(上司, 人員, staffing, management) without being one. A topic counts only
when a cue word in the same clause says something is wrong with it (上司と
方向性が合わない, "management never listens"); which cues count depends on
its kind: ``bad`` (plainly negative words only), ``too_much`` (also 多い,
増える, "keeps growing": 残業, workload) or ``too_little`` (also 少ない,
上がらない, ない, "cut", "no": 人員, 給与, staff). A plain list means
``bad``. Topics are used only where no trigger matched, and a plain fact
(``category: keep``) has none: it is stated only on its own words.

A fact (``category: keep``) may name ``feared: <entry id>``: when the text
only fears or rumours it (「閉鎖されるという噂」, "afraid of being laid off"),
that entry (a worry about the future) is matched instead, because a fact is
never stated unless it happened.

A fact may also give ``exit: <line>``: how a position left for it closes on
the 履歴書 (医局人事により退職, 契約期間満了により退職 …) and, when the record asks
for facts, the 職務経歴書's 退職理由; every document uses those same words
(:meth:`resumegen.enrich.application.Application.exit_line`). Without one the
履歴書 says 一身上の都合により退職.

A file may also hold ``examples:`` (or only those): reasons as people say
them, each with the ``categories`` a careful reader would file it under, or
``[]`` for text that is not a reason to leave; an optional ``profile``::

    examples:
      - text: 当直明けもそのまま外来で、体がもたない
        categories: [conditions]
      - text: 上司には恵まれています
        categories: []

The examples of every layer teach the last tier's classifier
(:mod:`resumegen.enrich.classify`). Duplicate texts are an error.

This module holds the model (:class:`Entry`, :class:`Phrasebook` and the
trigger index); :mod:`resumegen.resources.phrasebook_load` reads, checks and
layers the files, :mod:`resumegen.resources.phrasebook_lint` holds the
checks across entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from resumegen.enrich.classify import Classifier, Example
from resumegen.enrich.triggers import (
    topic_literal,
    topic_pattern,
    trigger_literal,
    trigger_pattern,
    trigger_pieces,
)

__all__ = [
    "CATEGORIES",
    "CATEGORY_ALIASES",
    "FALLBACK_CATEGORIES",
    "FIXED_SLOTS",
    "Entry",
    "LazyPattern",
    "PatternRow",
    "Phrasebook",
    "TriggerIndex",
    "is_known_slot",
    "slot_names",
]

# Also the order in which a combined answer says things: facts first.
CATEGORIES: tuple[str, ...] = ("keep", "work", "people", "conditions", "future")
CATEGORY_ALIASES: Mapping[str, str] = {
    "仕事内容": "work",
    "人間関係": "people",
    "関係者": "people",
    "制度・待遇": "conditions",
    "制度と待遇": "conditions",
    "将来性": "future",
    "事実": "keep",
}
FALLBACK_CATEGORIES: tuple[str, ...] = ("work", "people", "conditions", "future")
FIXED_SLOTS: tuple[str, ...] = ("role", "employer", "field", "experience", "part")
_DESIRED_SLOT = re.compile(r"desired_[a-z0-9_]+")
SLOT = re.compile(r"\{([^{}]*)\}")


def slot_names(text: str) -> list[str]:
    """The slot names used in a phrasing, in order."""
    return SLOT.findall(text)


def is_known_slot(name: str) -> bool:
    return name in FIXED_SLOTS or bool(_DESIRED_SLOT.fullmatch(name))


@dataclass(frozen=True)
class Entry:
    """One leaving reason: the words that reveal it and how to say it instead."""

    id: str
    category: str
    triggers: tuple[str, ...]
    short: tuple[str, ...]
    long: tuple[str, ...]
    motive: tuple[str, ...] = ()  # the motive alone, before the person's own next step
    upcoming: tuple[str, ...] = ()  # keep only: the fact when it is still to come
    profiles: tuple[str, ...] = ()
    group: str | None = None
    follow_up: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    topics: tuple[tuple[str, str], ...] = ()  # (kind, word)
    fallback: bool = False
    subjects: tuple[str, ...] = ()  # fallback only: what a complaint of the category is about
    cues: tuple[str, ...] = ()  # fallback only: complaint words of the category
    shared_cues: tuple[str, ...] = ()  # fallback only: the file's complaint words for any category
    feared: str | None = None  # keep only: the entry matched when the fact is only feared
    exit: str | None = None  # keep only: the 履歴書 closing line of the fact (医局人事により退職)
    who: tuple[str, ...] = ()  # the parts of an organisation its `who * did` triggers name
    file: str = ""
    line: int = 0
    column: int = 0
    path: str = ""

    # where each part was written, for messages found after parsing:
    # (".id" | ".triggers[0]" | ".topics" | ".positive.short" | ".feared" …, line, column)
    spots: tuple[tuple[str, int, int], ...] = field(default=(), compare=False, repr=False)

    def at(self, part: str) -> tuple[int, int]:
        """Line and column of *part* (``.feared``) of the entry (its first line when not known)."""
        for name, line, column in self.spots:
            if name == part:
                return line, column
        return self.line, self.column

    def phrasings(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Every phrasing list with its key under ``positive`` (short, long, motive, upcoming)."""
        return (
            ("short", self.short),
            ("long", self.long),
            ("motive", self.motive),
            ("upcoming", self.upcoming),
        )

    @property
    def keep_as_is(self) -> bool:
        """A fact to state plainly, never turned into a motive."""
        return self.category == "keep"

    @property
    def idea(self) -> str:
        """Entries sharing a group say one positive idea; it is said once."""
        return self.group or self.id

    def applies_to(self, profile: str) -> bool:
        return not self.profiles or profile in self.profiles

    @property
    def names_a_lack(self) -> bool:
        """The complaint can be that something is missing (has ``too_little`` topics)."""
        return any(kind == "too_little" for kind, _ in self.topics)

    def topic_kind(self, word: str) -> str:
        """The kind (bad, too_much, too_little) of one of the entry's topic words."""
        return next(kind for kind, w in self.topics if w == word)


class LazyPattern:
    """A trigger's pattern, compiled the first time it is needed.

    A book holds over a thousand triggers and topic words; compiling them all
    takes about half a second, while one text needs only the few whose fixed
    piece occurs in it (:class:`TriggerIndex`). So a one-off ``render``
    compiles a handful, and a batch worker compiles each at most once.
    """

    __slots__ = ("_args", "_compiled", "_make")

    def __init__(
        self, make: Callable[[str, str], re.Pattern[str] | None], text: str, lang: str
    ) -> None:
        self._make: Callable[[str, str], re.Pattern[str] | None] | None = make
        self._args = (text, lang)
        self._compiled: re.Pattern[str] | None = None

    def _pattern(self) -> re.Pattern[str] | None:
        if self._make is not None:
            self._compiled = self._make(*self._args)
            self._make = None  # compiled (or found to match nothing) once
        return self._compiled

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pattern = self._pattern()
        return iter(()) if pattern is None else pattern.finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        pattern = self._pattern()
        return None if pattern is None else pattern.search(text)


PatternRow = tuple[int, "Entry", str, LazyPattern]


@dataclass(frozen=True)
class Phrasebook:
    """The entries of one language, bundled and user layers merged."""

    lang: str
    entries: tuple[Entry, ...]
    files: tuple[str, ...] = field(default=(), compare=False)
    examples: tuple[Example, ...] = field(default=(), compare=False)
    # The model learnt from ``examples``; None until first needed (see ``classifier``).
    model: Classifier | None = field(default=None, compare=False, repr=False)
    # Folded literal of every word, computed once (the bundled book ships with them).
    literals: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def literal(self, word: str, *, topic: bool = False) -> str:
        """The piece of folded text every match of *word* contains ('' when none is certain).

        *topic* for topic and subject words (found with their plural), else a
        trigger or cue. Kept in :attr:`literals`: folding hundreds of words is
        most of the cost of a first match.
        """
        if not topic:
            pieces = self.pieces(word)
            return pieces[0] if pieces else ""
        key = "p\0" + word
        found = self.literals.get(key)
        if found is None:
            found = self.literals[key] = topic_literal(word, self.lang)
        return found

    def pieces(self, trigger: str) -> tuple[str, ...]:
        """Every piece of folded text a match of *trigger* (or cue) contains, longest first."""
        key = "t\0" + trigger
        found = self.literals.get(key)
        if found is None:
            found = self.literals[key] = "\x1f".join(trigger_pieces(trigger, self.lang))
        return tuple(found.split("\x1f")) if found else ()

    def all_literals(self) -> Phrasebook:
        """The book with the literal of every word of every entry computed (for shipping)."""
        for entry in self.entries:
            for word in (*entry.triggers, *entry.cues, *entry.shared_cues):
                self.pieces(word)
            for word in (*(w for _, w in entry.topics), *entry.subjects):
                self.literal(word, topic=True)
        return self

    @cached_property
    def _positions(self) -> dict[int, int]:
        return {id(e): i for i, e in enumerate(self.entries)}

    def position(self, entry: Entry) -> int:
        """Where *entry* stands in the book (later layers come later)."""
        return self._positions[id(entry)]

    @property
    def classifier(self) -> Classifier:
        """The last tier's model, learnt from every layer's ``examples`` (see classify.py).

        Learnt the first time it is needed and kept; the bundled book ships
        with its model learnt, and a layered book without examples of its
        own shares the bundled one.
        """
        if self.model is None:
            object.__setattr__(self, "model", Classifier.train(self.examples, self.lang))
        assert self.model is not None
        return self.model

    def get(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    @cached_property
    def patterns(self) -> tuple[PatternRow, ...]:
        """``(entry index, entry, trigger, pattern)`` for every trigger, compiled when first used.

        Entries come from validated files, so every trigger is a valid one.
        """
        return tuple(
            (index, entry, trigger, LazyPattern(trigger_pattern, trigger, self.lang))
            for index, entry in enumerate(self.entries)
            for trigger in entry.triggers
        )

    @cached_property
    def topic_patterns(self) -> tuple[PatternRow, ...]:
        """``(entry index, entry, topic word, pattern)`` for every topic, compiled once."""
        out = []
        for index, entry in enumerate(self.entries):
            for _kind, word in entry.topics:
                out.append((index, entry, word, LazyPattern(topic_pattern, word, self.lang)))
        return tuple(out)

    @cached_property
    def fallback_entries(self) -> tuple[Entry, ...]:
        """The fallback entries (``fallback: true``), in book order."""
        return tuple(e for e in self.entries if e.fallback)

    @cached_property
    def fallback_cues(self) -> tuple[str, ...]:
        """Every complaint cue of the fallback tier: shared ones, then each entry's own."""
        out: dict[str, None] = {}
        for entry in self.fallback_entries:
            out.update(dict.fromkeys(entry.shared_cues))
        for entry in self.fallback_entries:
            out.update(dict.fromkeys(entry.cues))
        return tuple(out)

    @cached_property
    def _indexes(self) -> dict[tuple[str, str], TriggerIndex]:
        return {}

    def triggers_in(self, folded: str) -> list[PatternRow]:
        """The triggers of every entry (any profile) that occur in *folded* text.

        Only the triggers whose pieces all occur are tried (see TriggerIndex).
        """
        return [
            row for row in self._index("triggers", "").candidates(folded) if row[3].search(folded)
        ]

    def index(self, profile: str) -> TriggerIndex:
        """The triggers of the entries for *profile*, indexed for scanning; built once."""
        return self._index("triggers", profile)

    def topic_index(self, profile: str) -> TriggerIndex:
        """The topic words of the entries for *profile*, indexed like the triggers."""
        return self._index("topics", profile)

    def _index(self, tier: str, profile: str) -> TriggerIndex:
        found = self._indexes.get((tier, profile))
        if found is None:
            source = self.patterns if tier == "triggers" else self.topic_patterns
            rows = [row for row in source if not profile or row[1].applies_to(profile)]
            topic = tier != "triggers"
            found = self._indexes[(tier, profile)] = TriggerIndex.build(
                rows,
                self.lang,
                lambda word, _lang: self.literal(word, topic=topic),
                None if topic else self.pieces,
            )
        return found


@dataclass(frozen=True)
class TriggerIndex:
    """Trigger patterns grouped by a piece of text every match must contain.

    ``by_key`` maps the first two characters of that piece (one, for a
    one-character piece) to the pieces starting so and their patterns;
    ``always`` holds patterns with no certain piece. :meth:`candidates` yields
    only the patterns whose piece occurs in the folded text, so a call costs
    a few dictionary look-ups per character instead of one search per trigger.
    """

    by_key: Mapping[str, tuple[tuple[str, tuple[PatternRow, ...]], ...]]
    always: tuple[PatternRow, ...]
    # The other pieces a trigger's match must contain besides its longest one
    # ("husband * transferred": "husband" too), checked before its pattern runs.
    needs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        rows: Sequence[PatternRow],
        lang: str,
        literal_of: Callable[[str, str], str] = trigger_literal,
        pieces_of: Callable[[str], tuple[str, ...]] | None = None,
    ) -> TriggerIndex:
        by_literal: dict[str, list[PatternRow]] = {}
        always: list[PatternRow] = []
        for row in rows:
            literal = literal_of(row[2], lang)
            if literal:
                by_literal.setdefault(literal, []).append(row)
            else:
                always.append(row)
        by_key: dict[str, list[tuple[str, tuple[PatternRow, ...]]]] = {}
        for literal, group in by_literal.items():
            by_key.setdefault(literal[:2], []).append((literal, tuple(group)))
        needs: dict[str, tuple[str, ...]] = {}
        if pieces_of is not None:
            for row in rows:
                extra = pieces_of(row[2])[1:]
                if extra:
                    needs[row[2]] = extra
        return cls({k: tuple(v) for k, v in by_key.items()}, tuple(always), needs)

    def candidates(self, folded: str) -> Iterator[PatternRow]:
        """Every pattern that may match *folded* (and none that cannot)."""
        keys = {folded[i : i + 2] for i in range(len(folded) - 1)}
        keys.update(folded)
        needs = self.needs
        for key in keys & self.by_key.keys():
            for literal, group in self.by_key[key]:
                if literal in folded:
                    for row in group:
                        extra = needs.get(row[2])
                        if extra is None or all(piece in folded for piece in extra):
                            yield row
        yield from self.always
