"""What the person says is happening, in their own words and the answer's register.

A leaving reason states facts no phrasebook entry knows in detail: "my territory
doubled to three states", 「夜勤が月9回続いて」, "the lead asset failed its phase 3
in November". An honest answer keeps them (a hiring manager hears a stock
sentence as something hidden), so the answer says the person's own clauses of
fact, cleaned:

* a clause is said when it holds a figure or a date (``marks``): the detail a fact
  entry's plain words leave out ("closes June 30", 「来年3月で閉鎖」); a clause that
  holds a fact an entry matched is said instead of the entry's words, and is chosen
  first;
* a clause with a feeling, blame or slang (``skip`` and the matcher's ``bad`` cues),
  a wish (the next step says it), or the person's introduction (the intro says it)
  is never said;
* fillers are left out (``drop``), a leading "and"/「しかも」 too (``leads``), casual
  words become the answer's (``rewrite``), an agent's third person becomes the
  first (``persons``), and a Japanese clause ends in the polite form
  (:func:`ja_polite`); a clause that cannot be made polite is not said.

The word lists are data (``situation`` in ``answer-rules.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from resumegen.enrich.answer_rules import AnswerRules, SituationRules
from resumegen.enrich.background import JA_ROLE_END, PLACE_ACRONYMS
from resumegen.enrich.english import indefinite_article
from resumegen.enrich.fold import fold
from resumegen.enrich.matcher import bad_cue
from resumegen.enrich.matcher_words import matcher_words

__all__ = ["Told", "holds_blame", "intro", "ja_polite", "situation", "tells_a_change"]


@dataclass(frozen=True)
class Told:
    """A clause of fact as the answer says it, with where it stands in the text."""

    said: str
    quoted: str
    start: int


_EN_SENTENCE = re.compile(r"(?:[^.!?\n]|(?<=\d)\.(?=\d)|(?<=\b[A-Za-z])\.(?=[A-Za-z]\.))+[.!?]*")
_EN_CUT = re.compile(
    r"\s*(?:;|:|\s[—–-]+\s|—|–|\(|\)|,?\s+(?:and|but|so|plus|which means|whereas)\s+"
    r"(?=(?:i(?!\s+(?:are|were|have)\b)|i'm|i've|i'd|we|we're|we've|they|they're|they've|he|she|it|it's|my|our|their|his"
    r"|her|the|there|nobody|no one|everyone|everything|all|now)\b)|,\s+|\s+so\s+)\s*",
    re.IGNORECASE,
)
# a clause with a verb of its own: a finite verb, or a subject and what it did
_EN_VERB = re.compile(
    r"\b(?:am|is|are|was|were|has|have|had|will|would|can|could|do|does|did|got|gets|goes|went"
    r"|ends|closes|runs|means|says|said|told|takes|took|needs|came|became|began|fell|rose|left"
    r"|lost|made|gave|sent|brought|bought|sold|paid|spent|kept|held|ran|won|grew|wrote|broke"
    r"|chose)\b|'(?:s|re|ve|ll|d|m)\b|\b(?:i|we|they|he|she|it|nobody|everyone)\s+[a-z]{2,}"
    r"|^(?:(?:the|our|my|their|his|her|its|this|that|a|an|each|every|all|both)\s+)"
    r"(?:[\w/+-]+\s+){0,4}?[a-z]{2,}(?:ed|es|s)\b"
    r"|\b(?:the|our|my|their|his|her|its)\s+(?:[\w/+-]+\s+){0,3}?[a-z]{2,}ed\b",
    re.IGNORECASE,
)
# a clause that starts with its verb (the subject said before: "Had an op last year")
_EN_NO_SUBJECT = re.compile(
    r"^(?:had|have|has|got|was|am|is|did|went|moved|spent|worked|started|finished|lost|left"
    r"|been|being)\b",
    re.IGNORECASE,
)
# of those, the ones that stand for "I" after a dash or a comma ("my back went - had surgery")
_EN_I_PAST = re.compile(
    r"^(?:had|got|was|did|went|moved|spent|worked|started|finished|lost|left)\b", re.I
)
_EN_OTHER_SUBJECT = re.compile(
    r"(?:he|she|he's|she's|it|it's|its|this|that|these|those|mine|which|one|everyone|everybody"
    r"|people|word|if|unless|whether|when)\b",
    re.IGNORECASE,
)
# what an English clause said may start with: a pronoun, a determiner, a number, an acronym
_EN_SUBJECT_START = re.compile(
    r"(?:(?:i|i'm|we|they|you|the|a|an|our|my|their|his|her|its|this|that|these|those|each"
    r"|every|all|both|half|no|some|most|many|several|there|since|after|before|last|next|until"
    r"|from|in|on|at|by|over|for|only|two|three|four|five|six|seven|eight|nine|ten)\b|\d|[A-Z]"
    r"[A-Z0-9&/-]+\b)",
    re.IGNORECASE,
)
_EN_THERE_ARE = re.compile(
    r"\b(there|There) is (\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\b"
)
_EN_DANGLING = re.compile(
    r"\b(?:is|are|was|were|has|have|had|do|does|did|will|would|can|could|to|the|a|an|of|and)$",
    re.IGNORECASE,
)
_EN_ARTICLE = re.compile(r"(?<![\w'])a (?=(\S+))")
# "I'd signed" is "I had signed"; "I'd stay" is "I would stay"
_EN_HAD = re.compile(
    r"\b(I|we|she|he|they)'d (?=(?:\w+ed|been|got|had|done|left|made|gone|seen|taken|known)\b)",
    re.IGNORECASE,
)
_EN_AGREE = re.compile(r"\bI (?!was\b|is\b|has\b|does\b|always\b|also\b|only\b)([a-z]{2,}s)\b")
# the forms of a complaint, whatever the words: "keeps cancelling", pay as a figure (24k, £)
_EN_COMPLAINT_FORM = re.compile(
    r"\b(?:keeps?|kept) \w+ing\b|[£$€¥]\s?\d|\b\d+(?:\.\d+)?\s?k\b", re.IGNORECASE
)
_SCARE_QUOTES = re.compile(r"(?:^|\s)['‘\"“][^'’\"”]{1,40}['’\"”](?=\s|[.,;:!?]|$)")
_JA_SENTENCE = re.compile(r"[^。．！？!?\n]+[。．！？!?]*")
_JA_CUT = re.compile(
    r"(?<![0-9０-９一二三四五六七八九十])[、，,](?![0-9０-９一二三四五六七八九十])|[…\s　]+|\.{3,}|(?<=[るたいだ])(?:けれども|けれど|けど|のに)(?=.{6})"
)
_EN_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|we|we're|our|us)\b", re.I)
_JA_WARU = re.compile(
    r"(?:終|お|変|か|関|加|伝|替|代|携|換|切り替|入れ替|ま|回|い)わ(?=[らりるれろっ])"
)
_JA_ORDER_QUOTED = re.compile(r"[けせてれろえめ]と(?:言|いわ|いう|いっ)")
_JA_PARTICLES = frozenset("もはがをにでとへやのか")
_JA_AGENT = re.compile(r"候補者|ご本人|本人は|当人|先生は")
_EN_MIN_WORDS, _EN_MAX_WORDS = 4, 30
_JA_MIN_CHARS, _JA_MAX_CHARS = 4, 60


def situation(
    text: str,
    rules: AnswerRules,
    *,
    facts: Sequence[str] = (),
    leave_out: Sequence[tuple[int, int]] = (),
    most: int = 2,
    step: tuple[int, int] | None = None,
) -> list[Told]:
    """Up to *most* clauses of fact in *text*, said in the answer's register, in text order.

    *facts* are the words fact entries matched (a clause holding one is a fact even
    without a figure); a clause that is mostly one of the spans *leave_out* (the
    introduction) is not said, nor any clause that overlaps *step* (where the next
    step was found)."""
    s = rules.situation
    if s is None:
        return []
    lang = rules.lang
    third = bool(_JA_AGENT.search(text)) if lang == "ja" else not _EN_FIRST_PERSON.search(text)
    away = [m.span() for p in (*rules.speaker, *rules.background) for m in p.finditer(text)]
    away.extend(leave_out)
    out: list[Told] = []
    for quoted, start, first in _clauses(text, lang):
        if lang == "en" and not third and _EN_OTHER_SUBJECT.match(quoted):
            # "he's been posted …": said of the one the person named before ("my husband"),
            # else of someone the answer has not named ("he's retiring in June")
            named = _named_before(text[:start], quoted)
            if named is None:
                continue
            quoted_said = named
        else:
            quoted_said = quoted
            if (
                lang == "en"
                and not third
                and _EN_PRONOUN.search(quoted)
                and not _kin_before(text[: start + len(quoted)])
            ):
                continue  # "ends in Sept when she comes back": someone the answer never named
            if lang == "en" and third and _other_gender(text, quoted):
                continue  # an agent's "she" is the candidate; "he retires in June" is not
        end = start + len(quoted)
        if any(a < end and start < b and _rest(quoted, start, a, b, lang) for a, b in away):
            continue  # the introduction (said by :func:`intro`) or the next step
        if step is not None and step[0] < end and start < step[1]:
            continue  # a clause the next step was taken from is the step's to say
        holds_fact = any(f and f in quoted for f in facts)
        marked = any(p.search(quoted) for p in s.marks)
        if not ((holds_fact and marked) or (not holds_fact and rules.found(s.changes, quoted))):
            # said: a fact an entry matched, with the date or figure its plain words leave
            # out, or an event no entry knows (the company is exiting the line); not: a fact
            # without detail (the entry's plain words say it, in its tense and owner), nor a
            # figure of a complaint (400 scripts a day), which is the complaint itself
            continue
        if not _sayable(quoted, rules, s):
            continue
        said = _say(quoted_said, rules, s, third=third, sentence_start=first)
        if said is None or rules.found(s.skip, said):
            continue  # as said, a wish ("she needs" → "I need"): the next step's to say
        out.append(Told(said, quoted, start))
    if len(out) > most:
        # the clauses that hold a matched fact first, then the first in the text
        keep = sorted(out, key=lambda t: (not any(f and f in t.quoted for f in facts), t.start))[
            :most
        ]
        out = sorted(keep, key=lambda t: t.start)
    return out


def intro(
    rules: AnswerRules, *, title: str | None, field: str | None, years: int | None
) -> str | None:
    """The sentence that says who speaks (the role and years the person gave, or the role
    alone), or None: the first of the rules' ``intro`` sentences whose slots are given."""
    s = rules.situation
    if s is None or not (years or title):
        return None
    if title and title.upper() in PLACE_ACRONYMS:
        title = None  # "ER" cut from "ER nurse": a place, not the role
    if rules.lang == "ja" and title and not field and not title.endswith(JA_ROLE_END):
        title, field = None, title  # エコー歴5年: a field written as a career, not a role
    values = {"title": title or "", "field": field or "", "years": str(years or "")}
    if rules.lang == "en" and field and field.split()[-1].lower() in _EN_PLACES:
        values["field"] = ("an " if field[0].lower() in "aeiou" else "a ") + field
    for template in s.intro:
        names = re.findall(r"\{(\w+)\}", template)
        if all(values.get(n) for n in names):
            said = template.format(**values)
            if rules.lang == "en":
                said = _EN_ARTICLE.sub(lambda m: indefinite_article(m.group(1)) + " ", said)
                said = re.sub(r"\b1 years\b", "1 year", said)
            return said
    return None


# a field that is a place is said with an article ("I have worked in a respiratory ward")
_EN_PLACES = frozenset(
    [
        "ward",
        "unit",
        "clinic",
        "hospital",
        "lab",
        "laboratory",
        "department",
        "practice",
        "team",
        "centre",
        "center",
        "pharmacy",
        "home",
        "facility",
        "service",
        "theatre",
        "theater",
        "office",
    ]
)


def _clauses(text: str, lang: str) -> list[tuple[str, int, bool]]:
    """Each clause of *text*, where it starts and whether it starts its sentence."""
    sentence, cut = (_JA_SENTENCE, _JA_CUT) if lang == "ja" else (_EN_SENTENCE, _EN_CUT)
    out: list[tuple[str, int, bool]] = []
    for sm in sentence.finditer(text):
        body = sm.group().rstrip("。．！？!?.")
        at = sm.start()
        pos = 0
        for cm in cut.finditer(body):
            out.append((body[pos : cm.start()], at + pos, pos == 0))
            pos = cm.end()
        out.append((body[pos:], at + pos, pos == 0))
    found = []
    for clause, start, first in out:
        lead = len(clause) - len(clause.lstrip())
        if clause.strip():
            found.append((clause.strip(), start + lead, first))
    return found


def _sayable(quoted: str, rules: AnswerRules, s: SituationRules) -> bool:
    """A clause of fact that can be said: no feeling or blame, no wish, no introduction."""
    lang = rules.lang
    if not _balanced(quoted):
        return False  # cut inside brackets: 候補者（40代
    if lang == "en":
        words = len(quoted.split())
        head = " ".join(quoted.split()[:8])
        if not _EN_MIN_WORDS <= words <= _EN_MAX_WORDS or not _EN_VERB.search(head):
            return False

    elif not _JA_MIN_CHARS <= len(quoted) <= _JA_MAX_CHARS or quoted[0] in _JA_PARTICLES:
        return False  # も夜勤が…: the rest of a clause cut before it
    if holds_blame(quoted, rules):
        return False
    if lang == "ja" and _JA_ORDER_QUOTED.search(quoted):
        return False  # 行けと言われた: an order quoted, crude said back
    # 'efficiency training', "keeps cancelling", "for 24k"
    return not (
        lang == "en" and (_SCARE_QUOTES.search(quoted) or _EN_COMPLAINT_FORM.search(quoted))
    )


_EN_MY_PERSON = re.compile(r"\bmy\s+(?:(?:older|younger|elderly|late)\s+)?([a-z]+)\b", re.I)
_EN_PRONOUN_LEAD = re.compile(r"^(?:he|she)(?:'s|\s+is|\s+has|\s+was)?\b", re.I)


def _named_before(before: str, clause: str) -> str | None:
    """*clause* with its leading he/she said as the person named last before it (my husband),
    or None when no one was (or the clause starts with it, this or that)."""
    lead = _EN_PRONOUN_LEAD.match(clause)
    if lead is None:
        return None
    people = [m.group(1).lower() for m in _EN_MY_PERSON.finditer(before)]
    people = [p for p in people if p in _EN_KIN]
    if not people:
        return None
    verb = lead.group()[len(lead.group().split("'")[0].split()[0]) :]
    if verb == "'s":
        verb = " has" if re.match(r"'s\s+been\b", clause[lead.end() - 2 :]) else " is"
    return f"My {people[-1]}{verb}{clause[lead.end() :]}"


_EN_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|he's|she's)\b", re.I)


_EN_SHE = re.compile(r"\b(?:she|her|hers|herself|she's)\b", re.I)
_EN_HE = re.compile(r"\b(?:he|him|his|himself|he's)\b", re.I)


def _other_gender(text: str, clause: str) -> bool:
    """True when *clause* speaks of a he or she other than the candidate an agent writes
    about: the candidate is whoever of the two the text names first."""
    she, he = _EN_SHE.search(text), _EN_HE.search(text)
    if she is None or he is None:
        return False
    other = _EN_HE if she.start() < he.start() else _EN_SHE
    return bool(other.search(clause))


def _kin_before(before: str) -> bool:
    """True when *before* names one of the person's family (my mother), whom he/she can be."""
    return any(m.group(1).lower() in _EN_KIN for m in _EN_MY_PERSON.finditer(before))


# the people of a family a he/she can stand for (not a manager: the answer does not name them)
_EN_KIN = frozenset(
    [
        "husband",
        "wife",
        "partner",
        "spouse",
        "son",
        "daughter",
        "child",
        "mum",
        "mom",
        "mother",
        "dad",
        "father",
        "parent",
        "grandmother",
        "grandfather",
        "sister",
        "brother",
        "fiance",
        "fiancee",
    ]
)


_OPEN, _CLOSE = "(（「『[【", ")）」』]】"


def _balanced(text: str) -> bool:
    """True when every bracket *text* opens it also closes, in order."""
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def tells_a_change(told: Sequence[Told], rules: AnswerRules) -> bool:
    """True when one of *told* says something changed (a closure, a failed trial, a
    posting): a leaving reason even when no entry knows it. Without such a word the
    clauses may only introduce the person ("I'm a band 6 sister", 看護師12年目です)."""
    s = rules.situation
    return s is not None and any(rules.found(s.changes, t.quoted) for t in told)


@cache
def _hearsay(lang: str) -> tuple[str, ...]:
    return tuple(sorted(matcher_words(lang).hearsay))


def holds_blame(text: str, rules: AnswerRules) -> bool:
    """True when *text* holds a word of blame, feeling or hearsay (``skip``, the matcher's
    ``bad`` cues and ``hearsay`` words): no clause that does is said in the answer."""
    s = rules.situation
    folded = fold(text, rules.lang)
    if rules.lang == "ja":  # 終わる, 変わる: a verb, not わる (悪)
        folded = _JA_WARU.sub("〇〇", folded)
    hearsay = _hearsay(rules.lang)  # talk, reckon (en only)
    return (
        bool(s and rules.found(s.skip, text))
        or bool(hearsay and rules.found(hearsay, text))
        or bad_cue(folded, rules.lang)
    )


def _rest(quoted: str, start: int, a: int, b: int, lang: str) -> bool:
    """True when little of the clause is left outside the span ``a:b`` (an introduction
    or a next step): the clause says nothing else."""
    left = quoted[: max(0, a - start)] + " " + quoted[max(0, b - start) :]
    if lang == "ja":
        return len(left.strip()) < _JA_MIN_CHARS
    return len(left.split()) < 3


def _say(
    quoted: str, rules: AnswerRules, s: SituationRules, *, third: bool, sentence_start: bool
) -> str | None:
    lang = rules.lang
    said = _EN_HAD.sub(r"\1 had ", quoted) if lang == "en" else quoted
    for old, new in s.rewrite.items():
        said = _replace(said, old, new, lang)
    if third:
        for old, new in s.persons.items():
            said = _replace(said, old, new, lang)
        if lang == "en":  # "the product line she supports" → "… I support"
            said = _EN_AGREE.sub(_first_person_verb, said)
            said = re.sub(r"\b(I\b[^,;]*?\band) has\b", r"\1 have", said)
    for word in s.drop:
        said = _replace(said, word, "", lang)
    changed = True
    while changed:
        changed = False
        for lead in s.leads:
            if lang == "en":
                m = re.match(rf"{re.escape(lead)}\b[\s,]*", said, re.IGNORECASE)
                if m:
                    said, changed = said[m.end() :], True
            elif said.startswith(lead):
                said, changed = said[len(lead) :].lstrip("、，, "), True
    said = re.sub(r"\s{2,}", " ", said).strip(" ,、")
    if lang == "ja":
        return ja_polite(said) if len(said) >= _JA_MIN_CHARS else None
    if _EN_NO_SUBJECT.match(said):
        if third or not (sentence_start or _EN_I_PAST.match(said)):
            return None  # the subject is in the clause before (", a CAF member, has been …")
        said = "I " + said[0].lower() + said[1:]
    for word, instead in s.starts.items():
        if re.match(rf"{re.escape(word)}\b", said, re.IGNORECASE):
            said = instead + said[len(word) :]
            break
    if not _EN_SUBJECT_START.match(said):
        return None  # "Rota gets released …": a bare noun, said without its article
    said = re.sub(r"\b(we|they|you) was\b", r"\1 were", said, flags=re.IGNORECASE)
    said = _EN_THERE_ARE.sub(r"\1 are \2", said)  # "there is 2 of us" → "there are 2"
    if (
        len(said.split()) < _EN_MIN_WORDS
        or _EN_OTHER_SUBJECT.match(said)
        or _EN_DANGLING.search(said)
    ):
        return None  # "It is 15 min slots", "The new one is"
    return said[0].upper() + said[1:] + "."


def _first_person_verb(m: re.Match[str]) -> str:
    """ "I supports" → "I support", "I pushes" → "I push" (after an agent's "she")."""
    verb = m.group(1)
    if verb.endswith(("shes", "ches", "xes", "sses", "zes")):
        return "I " + verb[:-2]
    if verb.endswith("ies"):
        return "I " + verb[:-3] + "y"
    return "I " + verb[:-1]


def _replace(said: str, old: str, new: str, lang: str) -> str:
    if lang == "ja":
        return said.replace(old, new)

    def keep_case(m: re.Match[str]) -> str:
        if new and m.group()[0].isupper() and not new[0].isupper():
            return new[0].upper() + new[1:]
        return new

    return re.sub(
        rf"(?<![\w']){re.escape(old)}(?!\w|'(?:m|re|ve|ll|d|t)\b)", keep_case, said, flags=re.I
    )


# --- Japanese: a clause's last verb or adjective in the polite form -----------------------

_POLITE_ENDS = ("ます", "ました", "ません", "ませんでした", "です", "でした")
# godan verbs whose 〜って is not 〜る's (言って → 言い, 持って → 持ち, 行って → 行き)
_JA_TTE_STEMS = {
    "言": "言い",
    "い": "いい",
    "行": "行き",
    "持": "持ち",
    "待": "待ち",
    "買": "買い",
    "使": "使い",
    "払": "払い",
    "通": "通い",
    "会": "会い",
    "思": "思い",
    "扱": "扱い",
    "失": "失い",
    "伴": "伴い",
    "違": "違い",
    "伝": "伝い",
    "向か": "向かい",
    "合": "合い",
    "経": "経ち",
    "育": "育ち",
    "保": "保ち",
    "立": "立ち",
    "追": "追い",
    "習": "習い",
    "従": "従い",
    "迷": "迷い",
    "戦": "戦い",
    "勝": "勝ち",
    "打": "打ち",
    "願": "願い",
    "狙": "狙い",
    "誘": "誘い",
    "もら": "もらい",
    "貰": "貰い",
    "笑": "笑い",
    "手伝": "手伝い",
    "問": "問い",
    "請": "請い",
    "養": "養い",
    "補": "補い",
    "担": "担い",
    "負": "負い",
}
_JA_NDE_STEMS = {
    "呼": "呼び",
    "選": "選び",
    "並": "並び",
    "学": "学び",
    "飛": "飛び",
    "遊": "遊び",
    "結": "結び",
    "運": "運び",
    "喜": "喜び",
    "及": "及び",
    "転": "転び",
    "死": "死に",
}
_JA_ICHIDAN_KANJI = frozenset("見居寝出着似得経")
_JA_I_ROW = {
    "う": "い",
    "く": "き",
    "ぐ": "ぎ",
    "す": "し",
    "つ": "ち",
    "ぬ": "に",
    "ぶ": "び",
    "む": "み",
    "る": "り",
}
_JA_A_TO_I = {
    "わ": "い",
    "か": "き",
    "が": "ぎ",
    "さ": "し",
    "た": "ち",
    "な": "に",
    "ば": "び",
    "ま": "み",
    "ら": "り",
}
_E_I_ROW = frozenset("いきぎしじちぢにひびぴみりえけげせぜてでねへべぺめれ")
_JA_CONNECTIVES = ("のに", "けれども", "けれど", "けど", "ので", "から", "ため", "が", "し")
_JA_HABIT = re.compile(
    r"(?:毎日|毎週|毎月|毎晩|毎朝|朝[0-9０-９一二三四五六七八九十]+時|いつも|常に|1日|一日|週[0-9０-９一二三四五六七]|月[0-9０-９一二三四五六七八九十]|日々)"
)
_JA_TO_COME = re.compile(
    r"来年|来月|来春|来週|来期|再来年|今後|年明け|[0-9０-９]+月(?:から|以降|末で|末に|で)|年度末"
)
_JA_NOUN_END = re.compile(r"[一-龯々〆ヵヶァ-ヴーA-Za-zＡ-Ｚａ-ｚ0-9０-９%％目]$")
# a state, not an event: 噂があって → 噂があります, 2人いて → 2人います, 対応してて → 対応しています
_JA_STATE_TE = (
    ("があって", "があります"),
    ("もあって", "もあります"),
    ("はあって", "はあります"),
    ("がいて", "がいます"),
    ("もいて", "もいます"),
    ("人いて", "人います"),
    ("名いて", "名います"),
    ("てて", "ています"),
    ("でて", "でいます"),
    ("ていて", "ています"),
    ("でいて", "でいます"),
    ("ており", "ています"),
    ("でおり", "でいます"),
    ("あって", "あります"),
)


def ja_polite(clause: str) -> str | None:
    """*clause* ending in the polite form with 。, or None when its ending is not one known.

    ``決まって`` → 決まりました, ``続いている`` → 続いています, ``見込みがない`` →
    見込みがありません, ``MR10年目`` → MR10年目です; ``かかるのに`` is cut to
    かかります."""
    c = clause.strip().rstrip("。．！？!?")
    if not c:
        return None
    if c.endswith(_POLITE_ENDS):
        return c + "。"
    if c.endswith(("なので", "なのに")) and len(c) > 5:
        return c[:-3] + "です。"  # 予定なので → 予定です
    for tail in _JA_CONNECTIVES:
        if c.endswith(tail) and len(c) > len(tail) + 3:
            bare = c[: -len(tail)]
            if tail in ("が", "し") and not re.search(r"[るたいうくすつぬむぶぐだ]$", bare):
                continue  # が and し after a noun are particles, not a clause's end
            said = ja_polite(bare)
            if said is not None:
                return said
    for tail, polite in (
        ("ていた", "ていました"),
        ("でいた", "でいました"),
        ("ている", "ています"),
        ("でいる", "でいます"),
        ("てる", "ています"),
        ("でる", "でいます"),
        ("てた", "ていました"),
        ("でた", "でいました"),
        ("てない", "ていません"),
        ("ていない", "ていません"),
    ):
        if c.endswith(tail):
            return c[: -len(tail)] + polite + "。"
    if c.endswith("だった"):
        return c[:-3] + "でした。"
    if c.endswith("だ"):
        stem = _ja_past_stem(c[:-1], voiced=True)
        return (stem + "ました。") if stem else (c[:-1] + "です。")
    if c.endswith("かった"):
        return c + "です。"
    if c.endswith("た"):
        stem = _ja_past_stem(c[:-1], voiced=False)
        return stem + "ました。" if stem else None
    if c.endswith(("まで", "までで")):
        return c.removesuffix("で") + "です。" if c.endswith("までで") else c + "です。"
    if c.endswith(("て", "で")):
        if c.endswith("で") and not c.endswith(("んで", "いで")):
            return c[:-1] + "です。"  # 〜のCRAで: a noun and the copula
        for tail, polite in _JA_STATE_TE:
            if c.endswith(tail):
                return c[: -len(tail)] + polite + "。"
        stem = _ja_past_stem(c[:-1], voiced=c.endswith("で"))
        if stem is None:
            return None
        if _JA_HABIT.search(c):  # 1日20人を回して → 回しています: what goes on, not what was
            return c[:-1] + ("でいます。" if c.endswith("で") else "ています。")
        if _JA_TO_COME.search(c):  # 特許が来年切れて → 切れます: still to come
            return stem + "ます。"
        return stem + "ました。"
    if c.endswith("ない"):
        before = c[:-2]
        if before.endswith(("が", "は", "も", "に", "しか", "では", "まで", "ほど")) or not before:
            return c[:-2] + "ありません。"
        if before.endswith("し"):
            return before + "ません。"
        if before[-1:] in _JA_A_TO_I:
            return before[:-1] + _JA_A_TO_I[before[-1]] + "ません。"
        if before[-1:] in _E_I_ROW:
            return before + "ません。"
        return None
    if c.endswith(("い", "しい")) and not c.endswith(("たい",)):
        return c + "です。"
    if c.endswith("する"):
        return c[:-2] + "します。"
    if c.endswith("くる"):
        return c[:-2] + "きます。"
    if c[-1:] in _JA_I_ROW:
        before = c[:-1]
        if c.endswith("る") and before[-1:] in _E_I_ROW:
            return before + "ます。"
        if c.endswith("る") and before[-1:] in _JA_ICHIDAN_KANJI:
            return before + "ます。"
        return before + _JA_I_ROW[c[-1]] + "ます。"
    if _JA_NOUN_END.search(c):
        return c + "です。"
    return None


def _ja_past_stem(before: str, *, voiced: bool) -> str | None:
    """The polite stem of a verb whose 〜て/〜た (〜で/〜だ when *voiced*) was cut off."""
    if voiced:
        if before.endswith("ん"):
            base = before[:-1]
            for key, stem in _JA_NDE_STEMS.items():
                if base.endswith(key):
                    return base[: -len(key)] + stem
            return base + "み"
        if before.endswith("い"):
            return before[:-1] + "ぎ"
        return None
    if before.endswith("っ"):
        base = before[:-1]
        for key in sorted(_JA_TTE_STEMS, key=len, reverse=True):
            if base.endswith(key):
                return base[: -len(key)] + _JA_TTE_STEMS[key]
        return base + "り"
    if before.endswith("し"):
        return before
    if before.endswith("い"):
        return before[:-1] + "き"
    if before and (before[-1] in _E_I_ROW or re.match(r"[一-龯]", before[-1])):
        return before  # ichidan: 切れ, 決め, 見
    return None
