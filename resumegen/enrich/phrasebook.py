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

Every problem of a file is reported at once as ``FILE:LINE:COLUMN:
key.path: message``. Bundled phrasebooks are parsed once per language, and
a user's file once for as long as its path, modification time and size stay
the same (:func:`load_phrasebooks` is called for every record of a batch).
"""

from __future__ import annotations

import difflib
import io
import os
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from resumegen.datacache import load_compiled
from resumegen.enrich.classify import Classifier, Example
from resumegen.enrich.fold import fold
from resumegen.enrich.matcher import TOPIC_KINDS
from resumegen.enrich.triggers import (
    topic_literal,
    topic_pattern,
    topic_problem,
    trigger_key,
    trigger_literal,
    trigger_pattern,
    trigger_pieces,
    trigger_problem,
)
from resumegen.errors import Diagnostic, RecordError, UsageError
from resumegen.record.model import LANGS, PROFILES
from resumegen.resources import bundled

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
FIXED_SLOTS: tuple[str, ...] = ("role", "employer", "field", "experience")
_DESIRED_SLOT = re.compile(r"desired_[a-z0-9_]+")
_SLOT = re.compile(r"\{([^{}]*)\}")
_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")
_TOP_KEYS = ("schema", "lang", "fallback_cues", "entries", "examples")
_EXAMPLE_KEYS = ("text", "categories", "profile")
_ENTRY_KEYS = (
    "id",
    "category",
    "profiles",
    "group",
    "triggers",
    "topics",
    "positive",
    "follow_up",
    "sources",
    "fallback",
    "subjects",
    "cues",
    "feared",
)
FALLBACK_CATEGORIES: tuple[str, ...] = ("work", "people", "conditions", "future")
_POSITIVE_KEYS = ("short", "long")
MAX_FILE_BYTES = 1_000_000
FILE_GLOB = "leaving*.yaml"


@dataclass(frozen=True)
class Entry:
    """One leaving reason: the words that reveal it and how to say it instead."""

    id: str
    category: str
    triggers: tuple[str, ...]
    short: tuple[str, ...]
    long: tuple[str, ...]
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
    file: str = ""
    line: int = 0
    column: int = 0
    path: str = ""

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


class _Problems:
    """Collects positioned diagnostics for one file."""

    def __init__(self, file: str):
        self.file = file
        self.items: list[Diagnostic] = []

    def add(self, pos: tuple[int, int], path: str, message: str) -> None:
        self.items.append(Diagnostic(self.file, pos[0], pos[1], path, message))


def _key_pos(node: Any, key: Any) -> tuple[int, int]:
    try:
        line, col = node.lc.key(key)
        return line + 1, col + 1
    except (AttributeError, KeyError, TypeError):
        return _node_pos(node)


def _value_pos(node: Any, key: Any) -> tuple[int, int]:
    try:
        line, col = node.lc.value(key)
        return line + 1, col + 1
    except (AttributeError, KeyError, TypeError):
        return _key_pos(node, key)


def _item_pos(node: Any, index: int, fallback: tuple[int, int]) -> tuple[int, int]:
    try:
        line, col = node.lc.item(index)
        return line + 1, col + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return fallback


def _node_pos(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return 0, 0
    return lc.line + 1, lc.col + 1


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _check_keys(node: Mapping[Any, Any], allowed: Sequence[str], path: str, p: _Problems) -> None:
    for key in node:
        if key not in allowed:
            where = f"{path}.{key}" if path else str(key)
            hint = _suggest(str(key), allowed) or f"; expected one of {', '.join(allowed)}"
            p.add(_key_pos(node, key), where, f"unknown key `{key}`{hint}")


def _text_list(
    value: Any, pos: tuple[int, int], path: str, p: _Problems
) -> tuple[tuple[str, tuple[int, int]], ...]:
    """Text or a list of texts, each stripped and with its position; problems reported."""
    if isinstance(value, str):
        if not value.strip():
            p.add(pos, path, "must be non-empty text")
            return ()
        return ((value.strip(), pos),)
    if not isinstance(value, list):
        p.add(pos, path, "must be text or a list of text")
        return ()
    out = []
    for i, item in enumerate(value):
        item_pos = _item_pos(value, i, pos)
        if not isinstance(item, str) or not item.strip():
            p.add(item_pos, f"{path}[{i}]", "must be non-empty text")
            continue
        out.append((item.strip(), item_pos))
    return tuple(out)


def slot_names(text: str) -> list[str]:
    """The slot names used in a phrasing, in order."""
    return _SLOT.findall(text)


def is_known_slot(name: str) -> bool:
    return name in FIXED_SLOTS or bool(_DESIRED_SLOT.fullmatch(name))


def _check_phrasing(text: str, pos: tuple[int, int], path: str, p: _Problems) -> None:
    for name in slot_names(text):
        if not is_known_slot(name):
            hint = (
                _suggest(name, FIXED_SLOTS)
                or "; slots are role, employer, field, experience, desired_<name>"
            )
            p.add(pos, path, f"unknown slot `{{{name}}}`{hint}")
    if "{" in _SLOT.sub("", text) or "}" in _SLOT.sub("", text):
        p.add(pos, path, "unbalanced brace; write a slot as {name}")


def _variants(node: Any, key: str, path: str, p: _Problems) -> tuple[str, ...]:
    if key not in node or node[key] is None:
        p.add(_node_pos(node), path, f"missing `{key}`")
        return ()
    texts = _text_list(node[key], _value_pos(node, key), f"{path}.{key}", p)
    if isinstance(node[key], list) and not node[key]:
        p.add(_value_pos(node, key), f"{path}.{key}", "needs at least one phrasing")
    for i, (text, pos) in enumerate(texts):
        sub = f"{path}.{key}[{i}]" if isinstance(node[key], list) else f"{path}.{key}"
        _check_phrasing(text, pos, sub, p)
    if texts and slot_names(texts[-1][0]):
        p.add(
            texts[-1][1],
            f"{path}.{key}",
            "the last phrasing must use no slot, so that it works when no value is given",
        )
    return tuple(t for t, _ in texts)


def _topics(node: Any, path: str, category: str, p: _Problems) -> tuple[tuple[str, str], ...]:
    """``topics:`` as ``(kind, word)`` pairs: a list (all ``bad``) or a mapping by kind."""
    raw = node.get("topics")
    if raw is None:
        return ()
    where = _value_pos(node, "topics")
    if category == "keep":
        p.add(
            where,
            f"{path}.topics",
            "a plain fact has no topics: it is stated only on its own words (triggers)",
        )
        return ()
    groups: list[tuple[str, Any, tuple[int, int], str]] = []
    if isinstance(raw, dict):
        _check_keys(raw, TOPIC_KINDS, f"{path}.topics", p)
        for kind in TOPIC_KINDS:
            if kind in raw:
                groups.append((kind, raw[kind], _value_pos(raw, kind), f"{path}.topics.{kind}"))
    else:
        groups.append(("bad", raw, where, f"{path}.topics"))
    out: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for kind, value, pos, where_path in groups:
        items = _text_list(value, pos, where_path, p)
        for i, (word, ipos) in enumerate(items):
            sub = f"{where_path}[{i}]" if isinstance(value, list) else where_path
            problem = topic_problem(word)
            if problem is not None:
                p.add(ipos, sub, problem)
                continue
            key = fold(word, "ja") + "\x00" + fold(word, "en")
            if key in seen:
                p.add(ipos, sub, f"topic `{word}` is listed twice (also under {seen[key]})")
                continue
            seen[key] = kind
            out.append((kind, word))
    return tuple(out)


def _word_list(
    node: Any, key: str, path: str, p: _Problems, *, cue: bool = False
) -> tuple[str, ...]:
    """A non-empty list of words: plain ones (subjects), or written as triggers (*cue*)."""
    where = f"{path}.{key}" if path else key
    if node.get(key) is None:
        p.add(_node_pos(node), where, f"missing `{key}`")
        return ()
    pos = _value_pos(node, key)
    items = _text_list(node[key], pos, where, p)
    if not items and isinstance(node[key], list) and not node[key]:
        p.add(pos, where, "is empty; give at least one word or phrase")
    out = []
    for i, (word, ipos) in enumerate(items):
        problem = trigger_problem(word) if cue else topic_problem(word)
        if problem is not None:
            p.add(ipos, f"{where}[{i}]", problem)
            continue
        out.append(word)
    return tuple(out)


def _fallback_words(
    node: Any, path: str, category: str, fallback: bool, p: _Problems
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``subjects`` and ``cues`` of a fallback entry; neither is allowed on another entry."""
    if not fallback:
        for key in ("subjects", "cues"):
            if key in node:
                p.add(_key_pos(node, key), f"{path}.{key}", f"`{key}` needs `fallback: true`")
        return (), ()
    for key in ("triggers", "topics"):
        if key in node:
            p.add(
                _key_pos(node, key),
                f"{path}.{key}",
                f"a fallback entry has no `{key}`: it is found by `subjects` and `cues`",
            )
    if category in CATEGORIES and category not in FALLBACK_CATEGORIES:
        p.add(
            _value_pos(node, "category"),
            f"{path}.category",
            f"a fallback entry must be one of {', '.join(FALLBACK_CATEGORIES)}",
        )
    return _word_list(node, "subjects", path, p), _word_list(node, "cues", path, p, cue=True)


def _parse_entry(node: Any, path: str, pos: tuple[int, int], p: _Problems) -> Entry | None:
    if not isinstance(node, dict):
        p.add(pos, path, "each entry must be a mapping with id, category, triggers and positive")
        return None
    before = len(p.items)
    _check_keys(node, _ENTRY_KEYS, path, p)
    entry_id = node.get("id")
    if not isinstance(entry_id, str) or not _ID.fullmatch(entry_id):
        p.add(
            _value_pos(node, "id") if "id" in node else pos,
            f"{path}.id",
            "needs an id of lower-case letters, digits and _ (e.g. night_duty)",
        )
    raw_category = node.get("category")
    category = CATEGORY_ALIASES.get(str(raw_category), raw_category)
    if category not in CATEGORIES:
        where = _value_pos(node, "category") if "category" in node else pos
        hint = _suggest(str(raw_category), CATEGORIES) if raw_category is not None else ""
        p.add(where, f"{path}.category", f"must be one of {', '.join(CATEGORIES)}{hint}")
    profiles: tuple[str, ...] = ()
    if node.get("profiles") is not None:
        items = _text_list(node["profiles"], _value_pos(node, "profiles"), f"{path}.profiles", p)
        for i, (name, ipos) in enumerate(items):
            if name not in PROFILES:
                p.add(
                    ipos,
                    f"{path}.profiles[{i}]",
                    f"unknown profile `{name}`{_suggest(name, PROFILES)}",
                )
        profiles = tuple(n for n, _ in items)
    group = node.get("group")
    if group is not None and (not isinstance(group, str) or not _ID.fullmatch(group)):
        p.add(_value_pos(node, "group"), f"{path}.group", "must be an id such as schedule")
    triggers: tuple[str, ...] = ()
    fallback = node.get("fallback", False)
    if not isinstance(fallback, bool):
        p.add(_value_pos(node, "fallback"), f"{path}.fallback", "must be true or false")
        fallback = False
    subjects, cues = _fallback_words(node, path, str(category), fallback, p)
    if fallback:
        pass
    elif node.get("triggers") is None:
        p.add(pos, f"{path}.triggers", "missing `triggers`: the words that reveal this reason")
    else:
        tpos = _value_pos(node, "triggers")
        items = _text_list(node["triggers"], tpos, f"{path}.triggers", p)
        if not items and isinstance(node["triggers"], list) and not node["triggers"]:
            p.add(tpos, f"{path}.triggers", "is empty; give at least one word or phrase")
        for i, (trigger, ipos) in enumerate(items):
            problem = trigger_problem(trigger)
            if problem is not None:
                p.add(ipos, f"{path}.triggers[{i}]", problem)
        triggers = tuple(t for t, _ in items)
    topics = () if fallback else _topics(node, path, str(category), p)
    short: tuple[str, ...] = ()
    long: tuple[str, ...] = ()
    positive = node.get("positive")
    if not isinstance(positive, dict):
        where = _value_pos(node, "positive") if "positive" in node else pos
        p.add(where, f"{path}.positive", "needs a mapping with `short` and `long`")
    else:
        _check_keys(positive, _POSITIVE_KEYS, f"{path}.positive", p)
        short = _variants(positive, "short", f"{path}.positive", p)
        long = _variants(positive, "long", f"{path}.positive", p)
    follow_up: tuple[str, ...] = ()
    if node.get("follow_up") is not None:
        items = _text_list(node["follow_up"], _value_pos(node, "follow_up"), f"{path}.follow_up", p)
        follow_up = tuple(t for t, _ in items)
    sources: tuple[str, ...] = ()
    if node.get("sources") is not None:
        items = _text_list(node["sources"], _value_pos(node, "sources"), f"{path}.sources", p)
        sources = tuple(t for t, _ in items)
    feared = node.get("feared")
    if feared is not None:
        if not isinstance(feared, str) or not _ID.fullmatch(feared):
            p.add(_value_pos(node, "feared"), f"{path}.feared", "must be the id of an entry")
        elif category != "keep":
            p.add(
                _key_pos(node, "feared"),
                f"{path}.feared",
                "only a fact (`category: keep`) can be feared instead of having happened",
            )
    if len(p.items) > before:
        return None
    return Entry(
        id=str(entry_id),
        category=str(category),
        triggers=triggers,
        short=short,
        long=long,
        profiles=profiles,
        group=group,
        follow_up=follow_up,
        sources=sources,
        topics=topics,
        fallback=fallback,
        subjects=subjects,
        cues=cues,
        feared=feared,
        file=p.file,
        line=pos[0],
        column=pos[1],
        path=path,
    )


def _read_text(path: Path) -> str:
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UsageError(f"cannot read phrasebook {name}: {exc.strerror}", "--phrasebook") from None
    if size > MAX_FILE_BYTES:
        raise RecordError.single(
            name, 0, 0, "", f"phrasebook is larger than {MAX_FILE_BYTES} bytes"
        )
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RecordError.single(name, 0, 0, "", f"is not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise UsageError(f"cannot read phrasebook {name}: {exc.strerror}", "--phrasebook") from None


def _yaml_error(name: str, exc: YAMLError) -> RecordError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    return RecordError.single(name, line, col, "", f"YAML: {problem}")


def _reject_anchors(name: str, text: str) -> None:
    """Anchors and aliases make one edit change several entries: not allowed."""
    problems = []
    for event in YAML().parse(io.StringIO(text)):
        if getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            problems.append(
                Diagnostic(
                    name,
                    mark.line + 1,
                    mark.column + 1,
                    "",
                    "anchors and aliases (&, *) are not allowed in a phrasebook",
                )
            )
    if problems:
        raise RecordError(problems)


# Parsed user files, keyed by what identifies one version of a file: a batch
# that names the same --phrasebook for every record parses it once.
_FileKey = tuple[str, str, int, int, str | None]
_PARSED: OrderedDict[_FileKey, tuple[tuple[Entry, ...], tuple[Example, ...]]] = OrderedDict()
_BOOKS: OrderedDict[tuple[str, tuple[_FileKey, ...]], Phrasebook] = OrderedDict()
_CACHE_SIZE = 64


def _file_key(path: Path, lang: str | None) -> _FileKey:
    """``(resolved path, name as given, mtime, size, lang)``: a change to the file changes it."""
    try:
        stat = path.stat()
        resolved = str(path.resolve())
    except OSError as exc:
        raise UsageError(f"cannot read phrasebook {path}: {exc.strerror}", "--phrasebook") from None
    return (resolved, str(path), stat.st_mtime_ns, stat.st_size, lang)


def _remember(cache: OrderedDict[Any, Any], key: Any, value: Any) -> None:
    cache[key] = value
    while len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)


def load_phrasebook_file(path: str | os.PathLike[str], lang: str | None = None) -> list[Entry]:
    """Parse and validate one phrasebook file; every problem at once as RecordError.

    When *lang* is given, a file that declares another ``lang`` is an error.
    A file is parsed once for as long as its path, modification time and
    size stay the same; a file with errors is read again every time.
    """
    return list(load_phrasebook_parts(path, lang)[0])


def load_phrasebook_parts(
    path: str | os.PathLike[str], lang: str | None = None
) -> tuple[tuple[Entry, ...], tuple[Example, ...]]:
    """The entries and the ``examples`` of one phrasebook file, validated (see above)."""
    file = Path(path)
    key = _file_key(file, lang)
    cached = _PARSED.get(key)
    if cached is None:
        cached = _parse_file(file, lang)
        _remember(_PARSED, key, cached)
    return cached


def _parse_file(file: Path, lang: str | None) -> tuple[tuple[Entry, ...], tuple[Example, ...]]:
    name = str(file)
    text = _read_text(file)
    try:
        _reject_anchors(name, text)
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        raise _yaml_error(name, exc) from None
    except YAMLError as exc:
        raise _yaml_error(name, exc) from None
    p = _Problems(name)
    if not isinstance(data, dict):
        raise RecordError.single(
            name, 1, 1, "", "a phrasebook is a mapping with `entries:` or `examples:` (a list)"
        )
    _check_keys(data, _TOP_KEYS, "", p)
    if "schema" in data and data["schema"] != 1:
        p.add(_value_pos(data, "schema"), "schema", "only schema 1 is known")
    declared = data.get("lang")
    if declared is not None and declared not in LANGS:
        p.add(_value_pos(data, "lang"), "lang", f"must be one of {', '.join(LANGS)}")
    elif lang is not None and declared is not None and declared != lang:
        p.add(
            _value_pos(data, "lang"),
            "lang",
            f"this phrasebook is `{declared}`, but `{lang}` was asked for",
        )
    shared: tuple[str, ...] = ()
    if data.get("fallback_cues") is not None:
        shared = _word_list(data, "fallback_cues", "", p, cue=True)
    raw = data.get("entries")
    entries: list[Entry] = []
    examples = _examples(data, declared or lang or "ja", p)
    if "entries" not in data and "examples" in data:
        pass  # a file of examples only
    elif not isinstance(raw, list):
        where = _value_pos(data, "entries") if "entries" in data else (1, 1)
        p.add(where, "entries", "needs a list of entries")
    else:
        seen: dict[str, Entry] = {}
        for i, node in enumerate(raw):
            entry = _parse_entry(node, f"entries[{i}]", _item_pos(raw, i, (0, 0)), p)
            if entry is None:
                continue
            if entry.id in seen:
                first = seen[entry.id]
                p.add(
                    (entry.line, entry.column),
                    f"{entry.path}.id",
                    f"duplicate id `{entry.id}` (first at line {first.line})",
                )
                continue
            seen[entry.id] = entry
            entries.append(replace(entry, shared_cues=shared) if entry.fallback else entry)
        p.items.extend(trigger_clashes(entries, declared or lang or "ja"))
    if p.items:
        raise RecordError(p.items)
    return tuple(entries), examples


def _examples(data: Any, lang: str, p: _Problems) -> tuple[Example, ...]:
    """The file's ``examples:``: reasons as people say them, filed under categories.

    ``categories: []`` files a text that is not a reason to leave (praise, a
    plan, small talk), so that the classifier learns to leave it alone.
    """
    if "examples" not in data:
        return ()
    raw = data["examples"]
    if not isinstance(raw, list):
        p.add(_value_pos(data, "examples"), "examples", "needs a list of examples")
        return ()
    out: list[Example] = []
    seen: dict[str, int] = {}
    for i, node in enumerate(raw):
        path = f"examples[{i}]"
        pos = _item_pos(raw, i, (0, 0))
        if not isinstance(node, dict):
            p.add(pos, path, "each example is a mapping with `text` and `categories`")
            continue
        before = len(p.items)
        _check_keys(node, _EXAMPLE_KEYS, path, p)
        text = node.get("text")
        if not isinstance(text, str) or not text.strip():
            where = _value_pos(node, "text") if "text" in node else pos
            p.add(where, f"{path}.text", "must be non-empty text")
        cats = node.get("categories")
        found: list[str] = []
        if not isinstance(cats, list):
            where = _value_pos(node, "categories") if "categories" in node else pos
            p.add(
                where,
                f"{path}.categories",
                "must be a list of categories ([] for a text that is not a reason)",
            )
        else:
            for j, cat in enumerate(cats):
                name = CATEGORY_ALIASES.get(cat, cat) if isinstance(cat, str) else cat
                if name not in CATEGORIES:
                    p.add(
                        _item_pos(cats, j, pos),
                        f"{path}.categories[{j}]",
                        f"unknown category `{cat}`{_suggest(str(cat), CATEGORIES)}",
                    )
                elif name not in found:
                    found.append(name)
        profile = node.get("profile")
        if profile is not None and profile not in PROFILES:
            p.add(
                _value_pos(node, "profile"),
                f"{path}.profile",
                f"unknown profile `{profile}`{_suggest(str(profile), PROFILES)}",
            )
        if not isinstance(text, str) or not text.strip():
            continue
        key = fold(text, lang)
        if key in seen:
            p.add(pos, f"{path}.text", f"the same text is already at line {seen[key]}")
            continue
        seen[key] = pos[0]
        if len(p.items) > before:
            continue
        out.append(Example(text.strip(), tuple(found), p.file, pos[0], profile))
    return tuple(out)


def trigger_clashes(entries: Sequence[Entry], lang: str) -> list[Diagnostic]:
    """Two entries of one file (or of the bundled set) claiming the same trigger or topic.

    Entries for disjoint profiles may share a trigger: 当直 means one thing
    for a physician and is phrased another way for a clinical engineer.
    """
    problems = []
    for tier in ("triggers", "topics"):
        owners: dict[str, list[Entry]] = {}
        for entry in entries:
            words = entry.triggers if tier == "triggers" else [w for _, w in entry.topics]
            for i, word in enumerate(words):
                seen = owners.setdefault(trigger_key(word, lang), [])
                first = next((e for e in seen if _share_profile(e, entry)), None)
                if first is None or first is entry:
                    if entry not in seen:
                        seen.append(entry)
                    continue
                where = (
                    f"{entry.path}.triggers[{i}]" if tier == "triggers" else f"{entry.path}.topics"
                )
                what = "trigger" if tier == "triggers" else "topic"
                problems.append(
                    Diagnostic(
                        entry.file,
                        entry.line,
                        entry.column,
                        where,
                        f"{what} `{word}` is already used by entry `{first.id}`",
                    )
                )
    return problems


def dangling_feared(entries: Sequence[Entry]) -> list[Diagnostic]:
    """``feared:`` naming an entry that is not in the book, or one that is itself a fact."""
    known = {e.id: e for e in entries}
    out = []
    for e in entries:
        if e.feared is None:
            continue
        target = known.get(e.feared)
        if target is None:
            message = f"no entry has the id `{e.feared}`{_suggest(e.feared, known)}"
        elif target.keep_as_is:
            message = f"`{e.feared}` is a fact too: a feared fact is said as a worry, not a fact"
        else:
            continue
        out.append(Diagnostic(e.file, e.line, e.column, f"{e.path}.feared", message))
    return out


def _share_profile(a: Entry, b: Entry) -> bool:
    return not a.profiles or not b.profiles or bool(set(a.profiles) & set(b.profiles))


_SLOT_MARK = "\x00"


def leaking_triggers(book: Phrasebook, only: Iterable[Entry] | None = None) -> list[Diagnostic]:
    """Phrasings that contain a trigger of any entry: the answer would repeat a negative word.

    Slots are left out of the check: their values come from the caller.
    """
    checked = list(book.entries if only is None else only)
    problems = []
    for entry in checked:
        reported: set[tuple[str, str]] = set()
        for kind, variants in (("short", entry.short), ("long", entry.long)):
            for text in variants:
                folded = fold(_SLOT.sub(_SLOT_MARK, text), book.lang)
                for _, owner, trigger, _pattern in book.triggers_in(folded):
                    key = (kind, trigger_key(trigger, book.lang))
                    if key not in reported:
                        reported.add(key)
                        problems.append(
                            Diagnostic(
                                entry.file,
                                entry.line,
                                entry.column,
                                f"{entry.path}.positive.{kind}",
                                f"repeats the trigger `{trigger}` of entry `{owner.id}`; rephrased text must not contain it",
                            )
                        )
    return problems


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise UsageError(f"unknown language `{lang}`; choose {' or '.join(LANGS)}", "--lang")


def _files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob(FILE_GLOB) if p.is_file()) if folder.is_dir() else []


@cache
def bundled_phrasebook(lang: str) -> Phrasebook:
    """The phrasebooks shipped with resumegen for *lang*, parsed once (or loaded precompiled)."""
    _check_lang(lang)
    return load_compiled(f"phrasebook-{lang}", bundled_sources(lang), lambda: parse_bundled(lang))


def bundled_sources(lang: str) -> list[Path]:
    """The bundled phrasebook files of *lang*."""
    return list(_files_in(bundled("phrasebooks") / lang))


def parse_bundled(lang: str) -> Phrasebook:
    """Parse and validate the bundled phrasebooks of *lang* from their YAML."""
    _check_lang(lang)
    files = bundled_sources(lang)
    entries: list[Entry] = []
    examples: list[Example] = []
    problems: list[Diagnostic] = []
    for f in files:
        try:
            found, taught = load_phrasebook_parts(f, lang)
        except RecordError as exc:
            problems.extend(exc.diagnostics)
            continue
        entries.extend(found)
        examples.extend(taught)
    seen: dict[str, Entry] = {}
    for e in entries:
        if e.id in seen:
            problems.append(
                Diagnostic(
                    e.file,
                    e.line,
                    e.column,
                    f"{e.path}.id",
                    f"id `{e.id}` is also defined in {seen[e.id].file}",
                )
            )
        seen.setdefault(e.id, e)
    problems.extend(trigger_clashes(entries, lang))
    problems.extend(dangling_feared(entries))
    if problems:
        raise RecordError(problems)
    return Phrasebook(
        lang,
        tuple(entries),
        tuple(str(f) for f in files),
        tuple(examples),
        Classifier.train(examples, lang),
    ).all_literals()


def load_phrasebooks(
    lang: str,
    extra: Sequence[str | os.PathLike[str]] = (),
    *,
    user_dirs: Sequence[Path] = (),
) -> Phrasebook:
    """The bundled phrasebook of *lang* with the user's files layered on top.

    Layers, lowest first: bundled; ``<dir>/<lang>/leaving*.yaml`` of each user
    folder (the first folder listed wins, as on every search path); then the
    *extra* files in order (a folder there means its ``leaving*.yaml``). An
    entry whose id is already present replaces it; a new id adds an entry.
    A user entry whose phrasing repeats a trigger word is an error. The
    layered book is kept and handed out again while its files are unchanged.
    """
    base = bundled_phrasebook(lang)
    files: list[Path] = []
    for folder in reversed(list(user_dirs)):
        files.extend(_files_in(Path(folder) / lang))
    for item in extra:
        path = Path(item)
        if path.is_dir():
            files.extend(_files_in(path))
        elif not path.is_file():
            raise UsageError(f"phrasebook not found: {path}", "--phrasebook")
        else:
            files.append(path)
    if not files:
        return base
    keys = (lang, tuple(_file_key(f, lang) for f in files))
    book = _BOOKS.get(keys)
    if book is None:
        book = _layer(base, files, lang)
        _remember(_BOOKS, keys, book)
    return book


def _layer(base: Phrasebook, files: Sequence[Path], lang: str) -> Phrasebook:
    """*base* with the entries of *files* on top, later files winning."""
    merged: dict[str, Entry] = {e.id: e for e in base.entries}
    added: list[Entry] = []
    taught: list[Example] = []
    problems: list[Diagnostic] = []
    for f in files:
        try:
            layer, told = load_phrasebook_parts(f, lang)
        except RecordError as exc:
            problems.extend(exc.diagnostics)
            continue
        taught.extend(told)
        for entry in layer:
            merged.pop(entry.id, None)
            merged[entry.id] = entry
            added.append(entry)
    if problems:
        raise RecordError(problems)
    book = Phrasebook(
        lang,
        tuple(merged.values()),
        base.files + tuple(str(f) for f in files),
        (*base.examples, *taught),
        # the user's examples are added to a copy of the bundled counts (or none: the same)
        base.classifier.extended(taught),
        dict(base.literals),
    )
    live = [e for e in added if merged.get(e.id) is e]
    leaks = dangling_feared(book.entries) + leaking_triggers(book, live)
    if leaks:
        raise RecordError(leaks)
    return book
