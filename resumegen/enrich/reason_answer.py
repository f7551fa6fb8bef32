"""Compose the answer to a leaving reason: one motive, one story.

The entries a reason matched become one answer of two or three sentences:

1. the plain facts the person stated (``category: keep``: caregiving, an
   illness, a contract that ended), in neutral words, never hidden;
2. one motive, said positively. It is the *lead*: the reason the person
   states first that was found by its own words (a trigger); a reason found
   only by topic words, and then one guessed from the words, leads only when
   no trigger matched. A motive that would wish away what the target is
   (night duty for an emergency post) never leads and is reported instead;
3. where the person wants to go: their own named next step when they gave
   one (:mod:`resumegen.enrich.next_step`), after the lead's ``motive``
   (which names no destination); else the lead's own forward sentence;
4. with a record, one sentence tied to it (years, department, one figure,
   the target's role and employer), from the ``grounding`` templates,
   filled only from the record and the target.

The other matched motives are not glued on: each becomes a follow-up prompt
("if asked about the other reason you gave …"). The spoken answer keeps
within the ``long`` limit (characters in Japanese, words in English), the
form's answer within ``short``; sentences are dropped from the end, and long
phrasings traded for short ones, until it fits.

Nothing is invented: the answer is made of phrasebook sentences, the
person's own words and values from the record and the target.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from resumegen.enrich.answer_rules import AnswerRules, Condition
from resumegen.enrich.fold import fold
from resumegen.enrich.next_step import NextStep
from resumegen.enrich.situation import Told
from resumegen.resources.phrasebook import SLOT, Entry, slot_names

__all__ = [
    "Conflict",
    "Found",
    "Grounding",
    "Match",
    "Rephrasing",
    "answer",
    "clean_slots",
    "measure",
    "slots_from",
]

_JA_BEFORE_STEP = "今後は"
_JA_ENDINGS = ("と考えています。", "と思っています。")
# "a" before a vowel sound becomes "an": an OT, an MR, an emergency nurse (not a university).
_EN_AN = re.compile(r"\b([Aa]) ((?!uni|use|eu)[aeiouAEIOU]\w*|[FHLMNRSX][A-Z0-9]+\b)")


class _Fill(Protocol):
    """Fills a phrasing's slots; *part* is the part of the organisation a fact names."""

    def __call__(self, variants: Sequence[str], part: str | None = None) -> str: ...


@dataclass(frozen=True)
class Grounding:
    """What an answer may say of the person and the application: only what the record holds.

    ``field`` is the department (or specialty) of the position being left,
    ``title`` the person's role there, ``years`` the whole years spent
    there, ``figure`` one quantified result from the record; ``role``,
    ``employer`` and ``conditions`` are the target's.
    """

    field: str | None = None
    title: str | None = None
    years: int | None = None
    months: int | None = None  # the whole stay in months, when the record gives it
    figure: str | None = None
    role: str | None = None
    employer: str | None = None
    conditions: tuple[str, ...] = ()
    desired: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def slots(self) -> dict[str, str]:
        return slots_from(
            role=self.role,
            employer=self.employer,
            field=self.field,
            experience=self.field,
            desired=self.desired,
        )

    def values(self, lang: str = "ja") -> dict[str, str]:
        out = self.slots()
        if self.title:
            # the person's own post said mid-sentence: "my 8 years as a clinical specialist"
            # (an acronym or a capital inside a word stays: ICU, McKesson)
            out["title"] = (
                self.title
                if lang == "ja"
                else " ".join(w.lower() if w[1:].islower() else w for w in self.title.split())
            )
        if self.years:
            out["years"] = self.years_said(lang)
        if self.figure:
            out["figure"] = self.figure
        return out

    def years_said(self, lang: str) -> str:
        """The years as said: whole years exactly; with months over, 約N (ja) or "nearly N"
        from six months (14 years 9 months: 約15, "nearly 15"; 8 years 3 months: 約8, "8")."""
        years = self.years or 0
        extra = (self.months or 0) - years * 12 if self.months else 0
        if extra <= 0:
            return str(years)
        if lang == "ja":
            return f"約{years + 1 if extra >= 6 else years}"
        return f"nearly {years + 1}" if extra >= 6 else str(years)

    @classmethod
    def of_target(cls, target: Mapping[str, object] | None) -> Grounding | None:
        """The grounding of a bare target (``role``, ``employer``, ``conditions``): what a
        sealed evaluation line or an agent gives without a record; None without one."""
        if not target:
            return None
        conditions = target.get("conditions") or ()
        return cls(
            role=str(target["role"]) if target.get("role") else None,
            employer=str(target["employer"]) if target.get("employer") else None,
            conditions=tuple(str(c) for c in conditions)
            if isinstance(conditions, (list, tuple))
            else (),
        )

    @property
    def target_text(self) -> str:
        return " ".join(t for t in (self.role or "", *self.conditions) if t)


@dataclass(frozen=True)
class Found:
    """A matched entry: the words as written, where they start, and how they were found."""

    entry: Entry
    quoted: str
    start: int
    strong: bool  # found by a trigger (not by topic words, a fallback or a guess)
    upcoming: bool = False  # a fact told as still to come (契約が来年3月で終わる)
    part: str | None = None  # the part of the organisation the fact is about (産科病棟)


@dataclass(frozen=True)
class Match:
    """One matched entry: ``trigger`` is the text as the user wrote it."""

    id: str
    category: str
    trigger: str
    positive: str
    start: int = 0
    strong: bool = True
    upcoming: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "category": self.category,
            "trigger": self.trigger,
            "positive": self.positive,
            "found_by": "trigger" if self.strong else "words",
            "upcoming": self.upcoming,
        }


@dataclass(frozen=True)
class Conflict:
    """A reason that would wish away what the target is."""

    condition: str
    quoted: str
    where: str
    message: str

    def as_json(self) -> dict[str, str]:
        return {"condition": self.condition, "quoted": self.quoted, "message": self.message}


@dataclass(frozen=True)
class Rephrasing:
    """The result of :func:`~resumegen.enrich.rephrase.rephrase`.

    ``rephrased`` is the short form (a form or a document), ``long`` the
    spoken answer; both None when nothing matched, when the text is no
    leaving reason (``reason`` false) or when every motive conflicts with
    the target. ``lead`` is the entry the answer is built on and ``lead_by``
    the rule that chose it; ``next_step`` the destination the person named;
    ``unmatched`` the clauses no entry explained; ``told`` the person's own clauses
    of fact the answer says in their words (:mod:`resumegen.enrich.situation`).
    """

    input: str
    lang: str
    rephrased: str | None
    long: str | None
    keep_as_is: bool
    matches: tuple[Match, ...]
    follow_up: tuple[str, ...]
    reason: bool = True
    profile: str = "general"
    profile_from: str = "given"
    lead: str | None = None
    lead_by: str | None = None
    next_step: NextStep | None = None
    conflicts: tuple[Conflict, ...] = ()
    unmatched: tuple[str, ...] = ()
    told: tuple[str, ...] = ()  # the person's own clauses of fact the answer says

    def as_json(self) -> dict[str, object]:
        return {
            "input": self.input,
            "lang": self.lang,
            "reason": self.reason,
            "profile": self.profile,
            "profile_from": self.profile_from,
            "rephrased": self.rephrased,
            "long": self.long,
            "keep_as_is": self.keep_as_is,
            "lead": self.lead,
            "lead_by": self.lead_by,
            "next_step": self.next_step.as_json() if self.next_step else None,
            "matches": [m.as_json() for m in self.matches],
            "follow_up": list(self.follow_up),
            "conflicts": [c.as_json() for c in self.conflicts],
            "unmatched": list(self.unmatched),
            "told": list(self.told),
        }


def slots_from(
    *,
    role: str | None = None,
    employer: str | None = None,
    field: str | None = None,
    experience: str | None = None,
    desired: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Slot values for a phrasing from what a record or target gives.

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


def measure(text: str, lang: str) -> int:
    """The length the limits count: characters in Japanese, words in English."""
    return len(text) if lang == "ja" else len(text.split())


def _fill(variants: Sequence[str], slots: Mapping[str, str]) -> str:
    """The first variant whose slots all have values, filled in (the last has none)."""
    for text in variants:
        if all(slots.get(name) for name in slot_names(text)):
            return SLOT.sub(lambda m: slots[m.group(1)], text)
    return variants[-1]


def conflicts_of(
    found: Sequence[Found],
    step: NextStep | None,
    grounding: Grounding | None,
    rules: AnswerRules,
    text: str = "",
) -> tuple[Conflict, ...]:
    """The reasons (and the named next step) that would wish away what the target is.

    A reason conflicts when its entry is one that wishes the condition away, or when its
    words (the whole text, for a reason found only by its drift) are about the condition."""
    if grounding is None or not grounding.target_text:
        return ()
    out: list[Conflict] = []
    for condition in rules.conditions:
        # a condition the target names as absent (当直なし, "no on-call") is no conflict
        where = [
            w
            for part in (grounding.role or "", *grounding.conditions)
            if part and not rules.found(rules.absent, part)
            for w in rules.found(condition.words, part)
        ]
        if not where:
            continue
        for f in found:
            if f.entry.keep_as_is:
                continue
            words = f.quoted if f.strong else text
            if f.entry.id in condition.entries or rules.found(condition.reason_words, words):
                out.append(_conflict(condition, f.quoted, where[0], rules))
        if step is not None and rules.found(condition.steps, step.quoted):
            out.append(_conflict(condition, step.quoted, where[0], rules))
        said = rules.found(condition.limits, text)
        if said:  # a limit the person gave: no lifting, nursery pickup, 週4日
            out.append(_conflict(condition, said[0], where[0], rules))
    return tuple(out)


def _conflict(condition: Condition, quoted: str, where: str, rules: AnswerRules) -> Conflict:
    message = rules.text["conflict"].format(label=condition.label, where=where)
    return Conflict(condition.key, quoted, where, message)


def answer(
    text: str,
    lang: str,
    found: Sequence[Found],
    rules: AnswerRules,
    *,
    step: NextStep | None = None,
    grounding: Grounding | None = None,
    extra_slots: Mapping[str, str] | None = None,
    speaker: str | None = None,
    told: Sequence[Told] = (),
    intro: str | None = None,
) -> Rephrasing:
    """The short and spoken answers of the matched entries (see the module's rules).

    *speaker* is the role the person introduced themselves with (PTです); the motive
    is then said from it (回復期のPTとして、…, "As a sonographer, I …"). *told* are the
    person's own clauses of fact (:mod:`resumegen.enrich.situation`): they are said
    before any entry's phrasing of the same fact, which they replace; *intro* (the
    role and years the person gave) opens the spoken answer."""
    slots = {**(grounding.slots() if grounding else {}), **clean_slots(extra_slots)}
    found = [replace(f, part=part_of(f, text)) if f.entry.who else f for f in found]
    matches = tuple(
        Match(
            f.entry.id,
            f.entry.category,
            f.quoted,
            _fill(f.entry.short, {**slots, "part": f.part} if f.part else slots),
            f.start,
            f.strong,
            f.upcoming,
        )
        for f in found
    )
    conflicts = conflicts_of(found, step, grounding, rules, text)
    if not found and step is None and not told:
        return Rephrasing(text, lang, None, None, False, (), (), conflicts=_distinct(conflicts))
    away = {c.quoted for c in conflicts}
    facts = _unique([f for f in found if f.entry.keep_as_is])
    if any(f.entry.id not in rules.vague_facts for f in facts):
        facts = [f for f in facts if f.entry.id not in rules.vague_facts]
    motives = _unique([f for f in found if not f.entry.keep_as_is and f.quoted not in away])
    lead = min(motives, key=lambda f: (not f.strong, f.start)) if motives else None
    # a fact the person stated in a clause of their own is said in their words
    stock = [f for f in facts if not any(_within(f, t) for t in told)]
    own = [t.said for t in told]
    if intro and any(_same_years(intro, t.said) or (speaker and speaker in t.said) for t in told):
        intro = None  # the person's own clause already says their years or their role
    # who speaks is said once: by the introduction, or by a clause of the person's own that
    # names their years or role; the closing sentence then names neither again
    said_who = intro is not None or any(
        (grounding and grounding.years and str(grounding.years) in t.said)
        or (speaker and speaker in t.said)
        for t in told
    )
    if own and lead is not None and (lead.entry.fallback or not lead.strong):
        # the person's own facts say more than a motive guessed from topic words or a
        # category's general sentence would (which judges read as a motive made up)
        motives = [f for f in motives if f.strong and not f.entry.fallback]
        lead = min(motives, key=lambda f: f.start) if motives else None
    if facts:
        # after a stated fact, a motive only guessed from topic words would be one the
        # person never gave (a closure, then "I want to work across departments")
        motives = [f for f in motives if f.strong]
        lead = lead if lead is not None and lead.strong else None
    if step is not None and away & {step.quoted}:
        step = None
    if step is not None and lead is not None and not lead.strong:
        # the person's own words carry the answer; a guessed motive adds nothing
        motives = [f for f in motives if f.strong]
        lead = None
    if step is not None and lead is None and not facts and not own and not intro:
        step = _from_role(step, rules, grounding, speaker)
    # Every reason goes against the target: the answer says the motive alone (which names
    # no setting, so it wishes nothing away) and the conflict is reported beside it.
    held_back = False
    if lead is None and not facts and not own and step is None:
        against = _unique(
            [f for f in found if not f.entry.keep_as_is and f.quoted in away and f.entry.motive]
        )
        if against:
            lead, held_back = min(against, key=lambda f: (not f.strong, f.start)), True
    lead_by = (
        "lead_conflict"
        if held_back
        else "lead_fact"
        if facts
        else "lead_guess"
        if lead is None or not lead.strong
        else "lead_fits"
        if any(f.quoted in away and f.start < lead.start for f in found)
        else "lead_first"
    )

    def fill(variants: Sequence[str], part: str | None = None) -> str:
        said = _fill(variants, {**slots, "part": part} if part else slots)
        if speaker and not intro and lead is not None and variants in _motives(lead):
            return _as_speaker(said, speaker, lang)
        return said

    forward = forward_long = None
    if (facts or own) and lead is None and step is None:
        forward = _forward(rules, grounding, speaker)
        # the spoken answer opened with who speaks: its forward sentence names no role again
        forward_long = _forward(rules, grounding, speaker, said_who=said_who)
    # the facts in the order the person gave them: (short form, long form, their own words)
    stated = [
        s[1:]
        for s in sorted(
            [(t.start, t.said, t.said, True) for t in told]
            + [
                (_at(text, f), _fact(f, "short", fill), _fact(f, "long", fill), False)
                for f in stock
            ]
        )
    ]
    short = _short(lang, rules, stated, lead, step, fill, held_back, forward)
    long = _spoken(
        lang,
        rules,
        stated,
        lead,
        step,
        fill,
        grounding,
        held_back,
        conflicts,
        forward_long,
        intro,
        said_who=said_who,
    )
    follow_up: list[str] = []
    chosen = {f.entry.idea for f in facts} | ({lead.entry.idea} if lead else set())
    for f in motives:
        if f.entry.idea not in chosen:
            chosen.add(f.entry.idea)
            follow_up.append(
                rules.text["other_reason"].format(quoted=f.quoted, answer=fill(f.entry.short))
            )
    for f in [*facts, *([lead] if lead else []), *motives]:
        follow_up.extend(x for x in f.entry.follow_up if x not in follow_up)
    keep = bool(found) and all(f.entry.keep_as_is for f in found)
    head = facts[0] if facts else lead
    return Rephrasing(
        text,
        lang,
        short,
        long,
        keep,
        matches,
        tuple(follow_up),
        lead=head.entry.id if head else None,
        lead_by=rules.text.get(lead_by, lead_by) if head else None,
        next_step=step,
        conflicts=_distinct(conflicts),
        told=tuple(t for t in own if t in (long or "") or t in (short or "")),
    )


def _motives(found: Found) -> list[Sequence[str]]:
    """The lead's own phrasings (its motive, short and long forms)."""
    e = found.entry
    return [v for v in (e.motive, e.short, e.long) if v]


_JA_SPEAKER_ENDINGS = (
    "と考えています。",
    "と思っています。",
    "望んでいます。",
    "求めています。",
    "ようになりました。",
    "探しています。",
)


def _as_speaker(said: str, speaker: str, lang: str) -> str:
    """*said* (a motive) told from the person's role: 回復期のPTとして、… / "As a PT, I …"."""
    if lang == "ja":
        first = said.split("。", 1)[0] + "。"  # only a first sentence that ends as a motive
        if speaker in first or not first.endswith(_JA_SPEAKER_ENDINGS):
            return said
        if re.match(r"[^、。]{1,12}として、", said):
            return said  # 医師として、…: the motive already says who speaks
        return f"{speaker}として、{said}"
    if not said.startswith("I ") or speaker.lower() in said.lower():
        return said
    article = "an" if _EN_AN.match(f"a {speaker}") else "a"
    return f"As {article} {speaker}, {said}"


def _distinct(conflicts: Sequence[Conflict]) -> tuple[Conflict, ...]:
    """One conflict a condition of the target: two reasons against 当直 are one thing to prepare."""
    seen: set[str] = set()
    out = []
    for c in conflicts:
        if c.condition not in seen:
            seen.add(c.condition)
            out.append(c)
    return tuple(out)


def _fact(f: Found, kind: str, fill: _Fill) -> str:
    """A fact as said: its ``upcoming`` phrasing when it is still to come, else *kind*."""
    part = f.part
    if f.upcoming and f.entry.upcoming:
        return fill(f.entry.upcoming, part)
    return fill(f.entry.short if kind == "short" else f.entry.long, part)


_JA_NOUN_RUN = re.compile(r"[一-龯々ァ-ヴーA-Za-zＡ-Ｚａ-ｚ]{1,6}$")


_CLAUSE = re.compile(r"[^、。，．,.!?！？;；\n]+")


def part_of(f: Found, text: str) -> str | None:
    """The part of the organisation a fact names, in the person's words (産科病棟, the
    program, NICU): the longest of the entry's `who` words in the clause of *text* that
    holds the match; in Japanese with the nouns written right before it (産科 of 産科病棟)."""
    at = text.find(f.quoted)
    clause = next(
        (m.group() for m in _CLAUSE.finditer(text) if at >= 0 and m.start() <= at < m.end()),
        f.quoted,
    )
    # the matched words first (the program of "the program closes"), then their clause
    return _part_in(f.quoted, f.entry.who) or _part_in(clause, f.entry.who)


def _part_in(quoted: str, who: Sequence[str]) -> str | None:
    low = quoted.lower()
    for word in sorted(who, key=len, reverse=True):
        at = low.find(word.lower())
        if at < 0:
            continue
        found = quoted[at : at + len(word)]
        if word.isascii():
            if (at and low[at - 1].isalnum()) or low[at + len(word) : at + len(word) + 1].isalpha():
                continue  # inside another word
            return found if found.isupper() else found.lower()
        run = _JA_NOUN_RUN.search(quoted[:at])
        return (run.group() if run else "") + found
    return None


def _within(f: Found, told: Told) -> bool:
    """True when the fact *f* was matched inside the person's clause *told*, or *told*
    names what the fact is about (the contract of "fixed-term contract" in "my contract
    ends in August"): the clause says the fact in the person's words."""
    if f.quoted in told.quoted:
        return True
    head = _head_word(f.quoted)
    return head is not None and head in told.quoted.lower()


def _head_word(quoted: str) -> str | None:
    """The last word of four letters or more (English) or the last run of two kanji or
    katakana or more (Japanese) of a fact's words: what the fact is about."""
    words = re.findall(r"[A-Za-z]{4,}|[一-龯々]{2,}|[ァ-ヴー]{2,}", quoted)
    return words[-1].lower() if words else None


def _at(text: str, f: Found) -> int:
    """Where *f*'s words stand in *text* (``Found.start`` counts in the folded text)."""
    at = text.find(f.quoted)
    return at if at >= 0 else f.start


def _same_years(intro: str, said: str) -> bool:
    """True when *said* states the number of years *intro* states (6 of "for 6 years")."""
    numbers = set(re.findall(r"\d+", intro))
    return bool(numbers & set(re.findall(r"\d+", said)))


def _unique(found: Sequence[Found]) -> list[Found]:
    """One match per idea (entries sharing a ``group`` say the same thing), in text order."""
    seen: set[str] = set()
    out = []
    for f in sorted(found, key=lambda f: f.start):
        if f.entry.idea not in seen:
            seen.add(f.entry.idea)
            out.append(f)
    return out


# An answer of more sentences than this reads as a list, not as one story.
_MOST_SENTENCES = 4


def _sentences(text: str, lang: str) -> int:
    """How many sentences *text* has."""
    if lang == "ja":
        return text.count("。")
    return len(re.findall(r"[.!?](?:\s|$)", text))


# A fact as the answer may say it: (short form, long form, said in the person's own words).
_Stated = tuple[str, str, bool]


def _short(
    lang: str,
    rules: AnswerRules,
    stated: Sequence[_Stated],
    lead: Found | None,
    step: NextStep | None,
    fill: _Fill,
    held_back: bool = False,
    forward: str | None = None,
) -> str | None:
    """The form's answer: the first fact or the motive, then the next step, within the limit."""
    if held_back and lead is not None:
        return fill(lead.entry.motive)
    limit = rules.limits.get("short", 80 if lang == "ja" else 25)
    facts = [short for short, _, _ in stated]
    first = facts[:1]
    motive = fill(lead.entry.motive or lead.entry.short) if lead else None
    said = step.said if step else None
    tries: list[list[str]] = []
    if facts:
        both = facts[:2]  # a fact and the reassurance after
        after = [said] if said else [fill(lead.entry.short)] if lead else []
        if after:
            tries += [[*first, *after], both, first]
            if all(own for _, _, own in stated):
                # only the person's clauses of fact: the motive alone says the reason too
                tries.insert(1, after)
        elif forward:  # the reassurance the person gave comes before a sentence of ours
            tries += [[*both, forward], both, [*first, forward], first]
        else:
            tries += [both, first]
    else:
        if motive and said:
            tries.append([motive, said])
        if said and not lead:
            tries.append([said])
        if lead:
            tries.append([fill(lead.entry.short)])
    known = set(facts)
    for parts in tries:
        text = _join(lang, parts, facts=sum(p in known for p in parts), step=said)
        if measure(text, lang) <= limit:
            return text
    last = tries[-1] if tries else []
    return _join(lang, last, facts=sum(p in known for p in last), step=said) if last else None


def _spoken(
    lang: str,
    rules: AnswerRules,
    stated: Sequence[_Stated],
    lead: Found | None,
    step: NextStep | None,
    fill: _Fill,
    grounding: Grounding | None,
    held_back: bool = False,
    conflicts: Sequence[Conflict] = (),
    forward: str | None = None,
    intro: str | None = None,
    *,
    said_who: bool = False,
) -> str | None:
    """The interview answer: who speaks, the facts, one motive, where to, one grounded
    sentence; what does not fit the limit is left out, the grounded sentence first, then
    the introduction, then the second fact."""
    limit = rules.limits.get("long", 200 if lang == "ja" else 60)
    said = step.said if step else None
    fact_short = [short for short, _, _ in stated]
    # a fact's long form adds a forward sentence of its own; with a motive or a next step
    # to follow, the fact is said in its short form so that only one forward sentence is said
    several = lead is not None or bool(said) or len(stated) > 1
    fact_long = fact_short if several else [long for _, long, _ in stated]
    if lead is not None and held_back:
        body = body_short = [fill(lead.entry.motive)]
    elif lead is not None and said:
        body = [fill(lead.entry.motive or lead.entry.short), said]
        body_short = [said]
    elif lead is not None:
        # after facts, the motive in one sentence: its long form would add a second
        # sentence of the tool's own about a reason the facts already tell
        body = [fill(lead.entry.short if stated or intro else lead.entry.long)]
        body_short = [fill(lead.entry.short)]
    else:
        body = body_short = [said] if said else []
    # A sentence that ties the motive to the target only when nothing goes against it.
    # the tie refers back to the motive; after a named next step it would say the wish twice;
    # after an introduction, a sentence of years would say them twice
    grounded = _grounded(
        rules,
        grounding,
        tie=not conflicts and lead is not None and not said,
        years=not said_who,
    )
    if forward and not body and not grounded:
        # facts alone: where the person goes from here, unless a fact's own long form says it
        own_long = any(long != short for short, long, _ in stated)
        body = [] if own_long and fact_long != fact_short else [forward]
        body_short = [forward]
    opening = [intro] if intro else []
    # fewer facts only when all of them do not fit: the later ones go first
    fact_sets = [
        fact_long,
        fact_short,
        *(fact_short[:k] for k in range(len(fact_short) - 1, 0, -1)),
    ]
    tries: list[tuple[list[str], list[str], list[str] | None]] = []
    for i, f in enumerate(fact_sets):
        for b in (body, body_short):
            tries += [([*opening, *f], b, grounded if i == 0 else None), ([*opening, *f], b, None)]
            tries += [(f, b, grounded if i == 0 else None), (f, b, None)]
    tries.append((fact_short[:1], [] if fact_short else body_short[:1], None))
    text = None
    for f, b, g in tries:
        parts: list[str] = [*f, *b]
        if not parts:
            continue
        for variant in g or [""]:
            text = _join(lang, [*parts, variant] if variant else parts, facts=len(f), step=said)
            if measure(text, lang) <= limit and _sentences(text, lang) <= _MOST_SENTENCES:
                return text
    return text


def _from_role(
    step: NextStep, rules: AnswerRules, grounding: Grounding | None, speaker: str | None
) -> NextStep:
    """A step said alone, from the role the person holds (臨床検査技師としての経験を土台に、…),
    when the record or the person names the role and no sentence of years will say it."""
    title = (grounding.title if grounding else None) or speaker
    template = rules.text.get("step_from")
    if not title or not template or (grounding and grounding.years):
        return step
    if fold(title, rules.lang) in fold(step.said, rules.lang):
        return step
    said = (
        step.said
        if rules.lang == "ja" or step.said.startswith("I ")
        else (step.said[0].lower() + step.said[1:])
    )
    said = template.format(title=title, step=said)
    return replace(step, said=_EN_AN.sub(r"\1n \2", said) if rules.lang == "en" else said)


def _forward(
    rules: AnswerRules, grounding: Grounding | None, speaker: str | None, *, said_who: bool = False
) -> str | None:
    """The first ``forward`` sentence whose values the target or the person's role give;
    when the answer opened with who speaks (*said_who*), one that does not name the role
    again."""
    values = grounding.values(rules.lang) if grounding else {}
    if speaker and not values.get("title"):
        values["title"] = speaker
    if said_who:
        values.pop("title", None)
        role = values.get("role")
        if role and speaker and fold(speaker, rules.lang) in fold(role, rules.lang):
            values.pop("role")  # the target's role is the one the answer opened with
    return next(iter(_filled(rules.forward, values, rules.lang)), None)


def _grounded(
    rules: AnswerRules, grounding: Grounding | None, *, tie: bool = True, years: bool = True
) -> list[str] | None:
    """The grounding sentences whose every value the record and target give, best first;
    without *tie* (a conflict with the target, or only a fact to follow), only those that
    state the record's facts (years), none that refers back to a motive; without *years*
    (an introduction said them), none that states years."""
    if grounding is None:
        return None
    templates = [
        t
        for t in rules.grounding
        if (tie or "years" in slot_names(t)) and (years or "years" not in slot_names(t))
    ]
    return _filled(templates, grounding.values(rules.lang), rules.lang) or None


def _filled(templates: Sequence[str], values: Mapping[str, str], lang: str) -> list[str]:
    """Each of *templates* whose every slot *values* gives, filled in, in order."""
    out = []
    for template in templates:
        if all(values.get(name) for name in slot_names(template)):
            said = SLOT.sub(lambda m: values[m.group(1)], template)
            out.append(_EN_AN.sub(r"\1n \2", said) if lang == "en" else said)
    return out


def _join(lang: str, parts: Sequence[str | None], *, facts: int, step: str | None) -> str:
    """The sentences as one answer; in Japanese, the next step introduced by 今後は and the
    same ending (と考えています) not used twice in a row."""
    sentences = [p for p in parts if p]
    if lang != "ja":
        return " ".join(sentences)
    out: list[str] = []
    for i, s in enumerate(sentences):
        # after a fact the motive follows as it is (「そのうえで」 read as a forced link);
        # the next step is introduced by 今後は
        if s == step and i and not s.startswith(("今後", "そのうえで", "そこで", "引き続き")):
            s = _JA_BEFORE_STEP + s
        if out and out[-1].endswith(_JA_ENDINGS[0]) and s.endswith(_JA_ENDINGS[0]):
            s = s[: -len(_JA_ENDINGS[0])] + _JA_ENDINGS[1]
        out.append(s)
    return "".join(out)
