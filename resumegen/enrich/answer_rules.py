"""How a leaving-reason answer is put together, read from ``phrasebooks/<lang>/answer-rules.yaml``.

The phrasebooks say *what* a reason becomes (one motive per entry); this file
says how one answer is built around it and what it must never contain:

* ``claims`` and ``coaching``: words a phrasebook phrasing may not hold (a
  claim of experience the person never made, advice addressed to the
  candidate); :func:`phrasing_problems` checks every entry against them;
* ``limits``: the length of the short (form) and spoken (interview) answer,
  in characters (Japanese) or words (English);
* ``next_steps``: patterns that find where the person says they want to go,
  with the polite form the answer says it in;
* ``not_reason``: what marks a text as no leaving reason (a greeting, a
  question, a request);
* ``profiles``: the words that show whose reason it is (医局 → physician);
* ``conditions``: what a target can be (night duty, travel, management),
  the words that show it and the entries that would wish it away;
* ``grounding``: sentences that tie the answer to the record, filled only
  from the record and the target;
* ``forward``: the sentence that follows facts said alone (a closure, a
  contract's end), so that the answer still says where the person goes;
* ``text``: the words of the answer's frame (follow-up prompts, notes).

Vocabulary and patterns are data; the order of the answer and the rules that
pick from it live in :mod:`resumegen.enrich.reason_answer`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache

from resumegen import yamlio as load
from resumegen.enrich.fold import fold
from resumegen.errors import Diagnostic
from resumegen.resources import bundled
from resumegen.resources.fields import ShippedFile, placeholder_problem
from resumegen.resources.phrasebook import SLOT, Phrasebook
from resumegen.text import did_you_mean

__all__ = [
    "AnswerRules",
    "Condition",
    "NextStepRule",
    "SituationRules",
    "answer_rules",
    "found_words",
    "load_answer_rules",
    "phrasing_problems",
]

FILE_NAME = "answer-rules.yaml"
_PATTERN_MAX = 1000


@dataclass(frozen=True)
class NextStepRule:
    """A pattern that finds a named next step, and how the answer says it (``{what}``…)."""

    pattern: re.Pattern[str]
    say: str
    general: bool = False  # a bare destination: used only when it names a role or setting
    lack: bool = False  # what the person is kept from doing (させてもらえない): a wish, said so
    clause: bool = False  # the match is a bare place (職場); the clause before it says which


@dataclass(frozen=True)
class Condition:
    """Something a target can be: the words that show it, the entries that wish it away."""

    key: str
    label: str
    words: tuple[str, ...]
    entries: frozenset[str]
    steps: tuple[str, ...] = ()  # words of a next step that wish it away (日勤, day shifts)
    reason_words: tuple[str, ...] = ()  # words of a reason about it (夜勤, nights, managing)
    # a limit the person states anywhere in the text, whatever entry matched (can't lift,
    # nursery pickup, 週4日): the target asking for it is a clash to prepare for
    limits: tuple[str, ...] = ()


@dataclass(frozen=True)
class SituationRules:
    """How the person's own clauses of fact are found and said (:mod:`.situation`)."""

    marks: tuple[re.Pattern[str], ...]  # a clause holding one states a fact (a figure, a date)
    skip: tuple[str, ...] = ()  # a clause holding one is never said (feelings, blame, slang)
    drop: tuple[str, ...] = ()  # words left out of a clause said (honestly, 正直)
    leads: tuple[str, ...] = ()  # words a clause said does not start with (and, しかも)
    rewrite: Mapping[str, str] = field(default_factory=dict)  # casual → the answer's words
    persons: Mapping[str, str] = field(default_factory=dict)  # an agent's "she is" → "I am"
    starts: Mapping[str, str] = field(default_factory=dict)  # a clause's bare first noun: the …
    # words of a change (closes, failed, 閉鎖): a clause holding one is a leaving reason
    # even when no entry matched ("our lead asset failed its phase 3 in November")
    changes: tuple[str, ...] = ()
    intro: tuple[str, ...] = ()  # who speaks: {title}/{field} and {years}, first filled wins


@dataclass(frozen=True)
class AnswerRules:
    lang: str
    claims: tuple[str, ...]
    coaching: tuple[str, ...]
    limits: Mapping[str, int] = field(default_factory=dict)
    next_steps: tuple[NextStepRule, ...] = ()
    step_trim: tuple[str, ...] = ()
    step_generic: frozenset[str] = frozenset()
    step_nouns: tuple[str, ...] = ()  # what a destination of the general forms must name
    step_block: tuple[str, ...] = ()  # words that make a general form a burden, not a wish
    lead_block: tuple[str, ...] = ()  # words that keep a describing clause out of a step (楽な)
    polite: Mapping[str, str] = field(default_factory=dict)  # casual words → the answer's
    absent: tuple[str, ...] = ()  # words that say a target's condition is not there (なし, no)
    greetings: tuple[re.Pattern[str], ...] = ()
    questions: tuple[re.Pattern[str], ...] = ()
    upcoming: tuple[re.Pattern[str], ...] = ()  # a sentence that tells of what is still to come
    background: tuple[re.Pattern[str], ...] = ()  # the person's own field or role and years
    speaker: tuple[re.Pattern[str], ...] = ()  # the person's role as they introduce it (PTです)
    work_words: tuple[str, ...] = ()
    # who the work serves: a phrasing naming ``customers`` (お客様) is not said by someone
    # whose reason speaks of ``care`` (患者, residents) and of no ``business`` (営業, sales)
    # facts said only when no other fact is: "a change in my family life" before caregiving
    vague_facts: tuple[str, ...] = ()
    # a fact never said when its sentence has one of these words: 妻が妊娠 (someone else's),
    # グループホームで介護 (a care worker's own job), covering a mat leave
    fact_not: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    customers: tuple[str, ...] = ()
    care: tuple[str, ...] = ()
    business: tuple[str, ...] = ()
    profiles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    conditions: tuple[Condition, ...] = ()
    grounding: tuple[str, ...] = ()
    forward: tuple[str, ...] = ()  # after facts alone: where the person goes from here
    situation: SituationRules | None = None
    text: Mapping[str, str] = field(default_factory=dict)

    def found(self, words: tuple[str, ...], text: str) -> list[str]:
        """The *words* that occur in *text* (compared folded; English as whole words)."""
        return found_words(words, text, self.lang)


def found_words(words: tuple[str, ...], text: str, lang: str) -> list[str]:
    """The *words* that occur in *text* (compared folded; English as whole words)."""
    folded = fold(text, lang)
    return [word for word, test in _tests(words, lang) if test(folded)]


@lru_cache(maxsize=512)
def _tests(words: tuple[str, ...], lang: str) -> tuple[tuple[str, Callable[[str], object]], ...]:
    """Each word with its test on folded text, made once per list (the lists never change)."""
    out: list[tuple[str, Callable[[str], object]]] = []
    for word in words:
        w = fold(word, lang)
        if lang == "en":
            out.append((word, re.compile(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])").search))
        else:
            out.append((word, re.compile(re.escape(w)).search))
    return tuple(out)


_LISTS = (
    "claims",
    "coaching",
    "step_trim",
    "step_generic",
    "step_nouns",
    "step_block",
    "lead_block",
    "absent",
    "work_words",
    "vague_facts",
    "customers",
    "care",
    "business",
    "grounding",
    "forward",
)
_PATTERN_LISTS = ("greetings", "questions", "upcoming", "background", "speaker")
# The groups a ``background`` pattern may have: years, and a field or a title.
BACKGROUND_GROUPS = frozenset({"field", "title", "years"})
_KNOWN = (
    *_LISTS,
    *_PATTERN_LISTS,
    "limits",
    "polite",
    "next_steps",
    "profiles",
    "fact_not",
    "conditions",
    "situation",
    "text",
)
_REQUIRED = ("claims", "coaching")
_SITUATION_KEYS = (
    "marks",
    "skip",
    "drop",
    "leads",
    "rewrite",
    "persons",
    "starts",
    "changes",
    "intro",
)
_INTRO_SLOTS = frozenset({"title", "field", "years"})


@cache
def answer_rules(lang: str) -> AnswerRules:
    """The bundled answer rules of *lang*, read once per process."""
    return load_answer_rules(bundled("phrasebooks") / lang / FILE_NAME, lang)


def load_answer_rules(path: str | os.PathLike[str], lang: str) -> AnswerRules:
    """Read and check an answer-rules file; every problem is reported at its position."""
    shipped = ShippedFile(path, "answer rules", "answer rules (`name: …`)")
    root, problem = shipped.root, shipped.problem
    values: dict[str, object] = {}
    nodes: dict[str, load.Node] = {}
    for name_node, value in root.items:
        name = name_node.text
        if name not in _KNOWN:
            problem(name_node, name, f"unknown key{did_you_mean(name, _KNOWN, list_all=True)}")
            continue
        nodes[name] = value
    for missing in (k for k in _REQUIRED if k not in nodes):
        problem(root, "", f"the list `{missing}` is missing")

    def texts(node: load.Node, where: str) -> tuple[str, ...]:
        if not isinstance(node, load.Sequence):
            problem(node, where, "expected a list of texts")
            return ()
        out = []
        for i, item in enumerate(node.items):
            if not isinstance(item, load.Scalar) or item.is_null or not item.text.strip():
                problem(item, f"{where}[{i}]", "expected a text")
                continue
            out.append(item.text)
        return tuple(out)

    def pattern(node: load.Node, where: str) -> re.Pattern[str] | None:
        if not isinstance(node, load.Scalar) or node.is_null or len(node.text) > _PATTERN_MAX:
            problem(
                node, where, f"expected a regular expression of at most {_PATTERN_MAX} characters"
            )
            return None
        try:
            return re.compile(node.text, re.IGNORECASE)
        except re.error as exc:
            problem(node, where, f"not a regular expression: {exc}")
            return None

    def mapping(node: load.Node, where: str) -> list[tuple[str, load.Node]]:
        if not isinstance(node, load.Mapping):
            problem(node, where, "expected a mapping")
            return []
        return [(k.text, v) for k, v in node.items]

    def placeholders(text: str, node: load.Node, where: str, allowed: frozenset[str]) -> None:
        why = placeholder_problem(text, allowed)
        if why is not None:
            problem(node, where, why)

    for key in _LISTS:
        if key in nodes:
            values[key] = texts(nodes[key], key)
    for key in _PATTERN_LISTS:
        if key in nodes:
            found = [pattern(n, f"{key}[{i}]") for i, n in enumerate(_items(nodes[key]))]
            if key == "speaker":
                for i, (n, p) in enumerate(zip(_items(nodes[key]), found, strict=True)):
                    if p and set(p.groupindex) != {"title"}:
                        problem(n, f"{key}[{i}]", "needs one group, (?P<title>…)")
                        found[i] = None
            if key == "background":
                for i, (n, p) in enumerate(zip(_items(nodes[key]), found, strict=True)):
                    groups = set(p.groupindex) if p else set()
                    if p and (
                        not groups <= BACKGROUND_GROUPS
                        or "years" not in groups
                        or not groups & {"field", "title"}
                    ):
                        problem(
                            n, f"{key}[{i}]", "needs (?P<years>…) and (?P<field>…) or (?P<title>…)"
                        )
                        found[i] = None
            values[key] = tuple(p for p in found if p is not None)
    if "limits" in nodes:
        limits = {}
        for name, node in mapping(nodes["limits"], "limits"):
            if not isinstance(node, load.Scalar) or not node.text.isdigit():
                problem(node, f"limits.{name}", "expected a whole number")
                continue
            limits[name] = int(node.text)
        values["limits"] = limits
    if "polite" in nodes:
        polite = {}
        for said, node in mapping(nodes["polite"], "polite"):
            if not isinstance(node, load.Scalar) or node.is_null:
                problem(node, f"polite.{said}", "expected the word to say instead")
                continue
            polite[said] = node.text
        values["polite"] = polite
    if "next_steps" in nodes:
        rules = []
        for i, item in enumerate(_items(nodes["next_steps"])):
            where = f"next_steps[{i}]"
            parts = dict(mapping(item, where))
            compiled = pattern(parts["match"], f"{where}.match") if "match" in parts else None
            say = parts.get("say")
            if compiled is None or not isinstance(say, load.Scalar):
                problem(item, where, "needs `match` (a pattern with (?P<what>…)) and `say`")
                continue
            if "what" not in compiled.groupindex:
                problem(parts["match"], f"{where}.match", "the pattern needs a group (?P<what>…)")
                continue
            placeholders(say.text, say, f"{where}.say", frozenset(compiled.groupindex))
            flags: dict[str, bool] = {}
            for flag in ("general", "lack", "clause"):
                given = parts.get(flag)
                if given is not None and not (
                    isinstance(given, load.Scalar) and given.text in ("true", "false")
                ):
                    problem(given, f"{where}.{flag}", "expected true or false")
                flags[flag] = isinstance(given, load.Scalar) and given.text == "true"
            rules.append(NextStepRule(compiled, say.text, **flags))
        values["next_steps"] = tuple(rules)
    if "fact_not" in nodes:
        values["fact_not"] = {
            name: texts(node, f"fact_not.{name}")
            for name, node in mapping(nodes["fact_not"], "fact_not")
        }
    if "profiles" in nodes:
        values["profiles"] = {
            name: texts(node, f"profiles.{name}")
            for name, node in mapping(nodes["profiles"], "profiles")
        }
    if "conditions" in nodes:
        conditions = []
        for name, node in mapping(nodes["conditions"], "conditions"):
            parts = dict(mapping(node, f"conditions.{name}"))
            label = parts.get("label")
            if not isinstance(label, load.Scalar) or "words" not in parts:
                problem(node, f"conditions.{name}", "needs `label`, `words` and `entries`")
                continue
            conditions.append(
                Condition(
                    name,
                    label.text,
                    texts(parts["words"], f"conditions.{name}.words"),
                    frozenset(texts(parts["entries"], f"conditions.{name}.entries"))
                    if "entries" in parts
                    else frozenset(),
                    texts(parts["steps"], f"conditions.{name}.steps") if "steps" in parts else (),
                    texts(parts["reason_words"], f"conditions.{name}.reason_words")
                    if "reason_words" in parts
                    else (),
                    texts(parts["limits"], f"conditions.{name}.limits")
                    if "limits" in parts
                    else (),
                )
            )
        values["conditions"] = tuple(conditions)
    if "situation" in nodes:
        parts = dict(mapping(nodes["situation"], "situation"))
        for name, node in parts.items():
            if name not in _SITUATION_KEYS:
                problem(
                    node,
                    f"situation.{name}",
                    f"unknown key{did_you_mean(name, _SITUATION_KEYS, list_all=True)}",
                )
        marks = [
            pattern(n, f"situation.marks[{i}]")
            for i, n in enumerate(_items(parts["marks"]) if "marks" in parts else [])
        ]

        def pairs(name: str) -> dict[str, str]:
            out = {}
            for said, node in mapping(parts[name], f"situation.{name}") if name in parts else []:
                if not isinstance(node, load.Scalar) or node.is_null:
                    problem(node, f"situation.{name}.{said}", "expected the words to say instead")
                    continue
                out[said] = node.text
            return out

        intro = texts(parts["intro"], "situation.intro") if "intro" in parts else ()
        for i, template in enumerate(intro):
            placeholders(template, parts["intro"], f"situation.intro[{i}]", _INTRO_SLOTS)

        def words(name: str) -> tuple[str, ...]:
            return texts(parts[name], f"situation.{name}") if name in parts else ()

        values["situation"] = SituationRules(
            tuple(m for m in marks if m is not None),
            skip=words("skip"),
            drop=words("drop"),
            leads=words("leads"),
            changes=words("changes"),
            rewrite=pairs("rewrite"),
            persons=pairs("persons"),
            starts=pairs("starts"),
            intro=intro,
        )
    if "text" in nodes:
        values["text"] = {
            name: node.text
            for name, node in mapping(nodes["text"], "text")
            if isinstance(node, load.Scalar)
        }
    shipped.done()
    if "step_generic" in values:
        generic: tuple[str, ...] = values["step_generic"]  # type: ignore[assignment]
        values["step_generic"] = frozenset(fold(w, lang) for w in generic)
    return AnswerRules(lang=lang, **values)  # type: ignore[arg-type]


def _items(node: load.Node) -> list[load.Node]:
    return list(node.items) if isinstance(node, load.Sequence) else [node]


def phrasing_problems(book: Phrasebook, rules: AnswerRules) -> list[Diagnostic]:
    """Phrasings that claim experience the person never stated, or coach the candidate.

    Slots are left out: their values come from the record and the target.
    """
    out = []
    for entry in book.entries:
        for kind, variants in entry.phrasings():
            for text in variants:
                bare = SLOT.sub(" ", text)
                for what, words in (("claims", rules.claims), ("coaches", rules.coaching)):
                    for word in rules.found(words, bare):
                        line, column = entry.at(f".positive.{kind}")
                        message = (
                            f"`{word}` claims experience the person never stated; "
                            "say the motive only (the record fills {field} …)"
                            if what == "claims"
                            else f"`{word}` is advice to the candidate; put it in follow_up"
                        )
                        out.append(
                            Diagnostic(
                                entry.file, line, column, f"{entry.path}.positive.{kind}", message
                            )
                        )
    return out
