"""Where the person says they want to go next, kept in their own words.

A leaving reason often names a destination: 「在宅医療に携わりたい」, "I want
to move into medical affairs". The answer must keep it, in the person's words
or a polite form of them, instead of a stock sentence that fits anyone. The
patterns are data (``next_steps`` in ``answer-rules.yaml``); this module
applies them, trims words that only lead into the destination (次は, finally)
and drops destinations too vague to say (別の病院, a new job).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from resumegen.enrich.answer_rules import AnswerRules
from resumegen.enrich.fold import fold

__all__ = ["NextStep", "find_next_step"]

_MAX_CHARS = {"ja": 30, "en": 80}


@dataclass(frozen=True)
class NextStep:
    """A named next step: ``quoted`` as written, ``said`` as the answer says it."""

    quoted: str
    said: str
    start: int
    end: int
    # the same step without the words that describe it (当直のない産業医 → 産業医), for
    # when those words are themselves a complaint the answer must not repeat
    bare: NextStep | None = None

    def as_json(self) -> dict[str, str]:
        return {"quoted": self.quoted, "said": self.said}


def find_next_step(text: str, rules: AnswerRules) -> NextStep | None:
    """The first destination *text* names, by the rules' order, else None."""
    for rule in rules.next_steps:
        # a bare destination, or what the person is kept from, must name a role, setting or field
        general = rule.general or rule.lack
        for m in rule.pattern.finditer(text):
            found = m.group("what")
            if rule.clause:
                lead = _clause_lead(text, m.start("what"), rules)
                if lead is None:
                    continue  # a bare 職場 or 環境 says nothing of where
                found = lead + found
            elif rules.lang == "ja" and not general and _after_a_verb(text, m.start("what")):
                # 家で過ごす人を支える 看護に携わりたい: the clause before says which
                lead = _clause_lead(text, m.start("what"), rules)
                if lead is not None and _trim(lead + found, rules) is not None:
                    found = lead + found
            what = _trim(found, rules)
            if what is not None and rule.general and rules.lang == "en":
                what = _en_destination(what)
            if what is None or (general and not _names_a_destination(what, rules)):
                continue
            around = _clause_before(text, m.start()).replace(what, " ", 1)
            if rule.general and rules.found(rules.step_block, around):
                continue  # "sick of going to the ward every night" (product management is a place)
            if rules.lang == "en" and _EN_ASKED.search(text, 0, m.start()):
                continue  # "nobody's ever asked what I want to do next": a question, no wish
            if rules.lang == "en" and _EN_NOT.search(text, 0, m.start()):
                continue  # "Not applying for specialty training this round"
            if rules.lang == "ja" and (
                _JA_NOT.match(text, m.end())
                or (m.group().endswith("たく") and _JA_NOT_TAKU.match(text, m.end()))
            ):
                continue  # 救命救急に戻るつもりはありません: where the person will not go
            groups = {k: (v or "") for k, v in m.groupdict().items()}
            # where *what* begins: the match, less the words trimmed, plus any clause before it
            start = m.start("what") - (len(found) - len(m.group("what"))) + found.find(what)
            if rules.lang == "ja":
                place = _ja_place_before(text, start, rules)
                if place is not None:  # 地域包括支援センターで 相談業務をやりたい
                    what, start = place + what, start - len(place)
            if (
                rules.lang == "en"
                and _starts_sentence(text, m.start("what"))
                and _capitalised(what)
            ):
                what = what[0].lower() + what[1:]  # "Home health is where…" said mid-sentence
            step = _step(rule.say, groups, what, text, start, m.end(), rules)
            head = m.group("what")[len(groups.get("mod", "")) :]
            if head != what and what.endswith(head) and _trim(head, rules) == head:
                bare_start = start + len(what) - len(head)
                bare = _step(rule.say, groups, head, text, bare_start, m.end(), rules)
                step = replace(step, bare=bare)
            return step
    return None


_JA_PLACE = re.compile(
    r"(?:^|(?<=[、。！？\s]|[をがはもにへと]))"
    r"(?P<place>[一-龯々ァ-ヴーA-Za-zＡ-Ｚａ-ｚ0-9０-９・]{2,20}"
    r"(?:(?:のある|がある|の)[一-龯々ァ-ヴーA-Za-zＡ-Ｚａ-ｚ0-9０-９・]{1,12}){0,2}で)$"
)


def _ja_place_before(text: str, start: int, rules: AnswerRules) -> str | None:
    """The setting written right before a Japanese step (地域包括支援センターで), which the
    step's own words leave out, or None when there is none or it names no setting."""
    m = _JA_PLACE.search(text, max(0, start - 40), start)
    if m is None:
        return None
    place = m.group("place")
    if rules.found(rules.step_block, place) or not _names_a_destination(place[:-1], rules):
        return None  # 一人で, 今の病院で (a place left, not one wished for)
    if re.match(r"(?:今の|いまの|現在の|この|うちの|同じ|前の)", place):
        return None
    return place


def _step(
    say: str,
    groups: dict[str, str],
    what: str,
    text: str,
    start: int,
    end: int,
    rules: AnswerRules,
) -> NextStep:
    said = say.format(**{**groups, "what": what})
    for casual, polite in rules.polite.items():  # ちゃんと → しっかり
        said = said.replace(casual, polite)
    if rules.situation is not None:  # fillers the person typed (tbh, 正直) are not said
        said = _without(said, rules.situation.drop, rules.lang)
    said = said[0].upper() + said[1:] if rules.lang == "en" else said
    return NextStep(text[start:end].strip(), said, start, end)


def _without(said: str, words: tuple[str, ...], lang: str) -> str:
    """*said* without any of *words* (whole words in English), spaces tidied."""
    for word in words:
        if lang == "ja":
            said = said.replace(word, "")
        else:
            said = re.sub(rf"(?<![\w']){re.escape(word)}(?![\w'])\s?", "", said, flags=re.I)
    return re.sub(r"\s+([.,])", r"\1", re.sub(r" {2,}", " ", said)).strip()


# The rest of a Japanese clause that says the step will not be taken.
_JA_NOT = re.compile(
    r"[^、。！？!?]{0,12}?(?:たく(?:は|も)?(?:ない|ありません)|"
    r"(?:つもり|気|予定|こと|の)は(?:ない|なく|ありません|考えてい(?:ない|ません)|嫌|いや|避け)|"
    r"(?:とは|なんて)(?:思|考え)(?:わない|えない|いません|ていない|ていません))"
)

_JA_NOT_TAKU = re.compile(r"(?:は|も)?(?:ない|なかった|ありません)")


# Where a clause begins: after punctuation, or after a conjunction that ends the clause before.
_JA_CLAUSE_START = re.compile(
    r"(?:[、。！？!?,.\n]|ので|から|けど|けれど|けれども|ため|し(?=[、]))"
)
_CONTENT = re.compile(
    "[一-龯々ァ-ヴA-Za-zＡ-Ｚａ-ｚ]"
)  # a clause of adverbs alone (とにかく) says nothing
# The last kana of a verb or adjective before a noun (支える, 多い, 対等な); a describing
# clause may also end in の (土日休みの 職場).
_JA_VERB_END = "るいたなうくすつむぶぐ"
_JA_ATTRIBUTIVE = re.compile(f"[{_JA_VERB_END}の]$")
_JA_TOPIC = re.compile(r"^(?:私|わたし|僕|ぼく|自分|俺)(?:は|も|としては)")


def _after_a_verb(text: str, at: int) -> bool:
    """The character before *at* ends a verb or an adjective (支える, 多い, 対等な)."""
    return at > 0 and text[at - 1] in _JA_VERB_END


def _clause_lead(text: str, at: int, rules: AnswerRules) -> str | None:
    """The words before *at* that describe the place named there (安定して働ける 職場),
    back to where the clause begins; None when there are none."""
    before = text[:at]
    starts = [m.end() for m in _JA_CLAUSE_START.finditer(before)] if rules.lang == "ja" else []
    lead = before[max(starts, default=0) :].strip(" 　")
    lead = _JA_TOPIC.sub("", lead)
    changed = True
    while changed:  # 別の病院, 新しい職場: a word that says only "another" describes nothing
        changed = False
        for word in rules.step_trim:
            if lead.endswith(word):
                lead, changed = lead[: -len(word)], True
    if not lead or len(lead) < 2 or len(lead) > 24 or not _JA_ATTRIBUTIVE.search(lead):
        return None
    if not _CONTENT.search(lead) or rules.found(rules.lead_block, lead):
        return None  # 楽な仕事: said in an interview it reads as avoiding work
    return lead


_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")
# A wish inside a question or a wh-clause ("asked what I want to do next") is not the person's.
# …or said in the negative ("not applying for", "I don't want to go into").
_EN_NOT = re.compile(
    r"\b(?:not|never|no longer|won't|wont|don't|dont|do not|didn't|did not)(?:\s+\w+){0,2}\s*$",
    re.IGNORECASE,
)
_EN_ASKED = re.compile(r"\b(?:what|where|how|whatever|wherever|whether|if)\s*$", re.IGNORECASE)


# A general form's destination is a noun phrase: a verb in it makes it a clause
# ("the same role isn't an option"), which is no destination; an infinitive after it
# ("Brisbane to do locum work") is dropped, and so is a time span ("for a while").
_EN_CLAUSE = re.compile(
    r"\b(?:is|isn't|isnt|are|aren't|was|wasn't|were|will|won't|can|can't|cannot|could|"
    r"doesn't|don't|didn't|would|wouldn't|should|has|hasn't|have|haven't|had|i|we|they)\b",
    re.IGNORECASE,
)
_EN_TAIL = re.compile(
    r"\s+(?:to\s+\w+\b.*|for (?:a while|a|now|a bit|the time being|a (?:year|few years|couple "
    r"of years)(?: or two)?))$",
    re.IGNORECASE,
)


def _en_destination(what: str) -> str | None:
    """*what* as a destination, or None when it is a clause."""
    what = _EN_TAIL.sub("", what)
    return None if not what or _EN_CLAUSE.search(what) else what


def _names_a_destination(what: str, rules: AnswerRules) -> bool:
    """*what* names a role, a setting or a field (``step_nouns``), or holds an acronym (MSL)."""
    return bool(_ACRONYM.search(what)) or bool(rules.found(rules.step_nouns, what))


def _clause_before(text: str, at: int) -> str:
    """The text of the sentence before *at* and the match itself: where a burden is said."""
    start = max(text.rfind(c, 0, at) for c in ".!?;")
    return text[start + 1 :]


def _starts_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in ".!?;"


def _capitalised(word: str) -> bool:
    """A capital then a small letter (Home), not an acronym (MSL) or a mixed name (iPhone)."""
    return len(word) > 1 and word[0].isupper() and word[1].islower()


def _trim(what: str, rules: AnswerRules) -> str | None:
    """*what* without leading words that are not the destination; None when nothing is left."""
    what = what.strip(" 　、,")
    changed = True
    while changed:
        changed = False
        for word in rules.step_trim:
            if rules.lang == "en":
                pattern = re.compile(re.escape(word) + r"\s+", re.IGNORECASE)
                m = pattern.match(what)
                if m:
                    what, changed = what[m.end() :], True
            elif what.startswith(word) and len(what) > len(word):
                what, changed = what[len(word) :], True
    folded = fold(what, rules.lang)
    if not what or len(what) > _MAX_CHARS[rules.lang] or folded in rules.step_generic:
        return None
    if rules.lang == "ja" and len(what) < 2:
        return None
    return what
