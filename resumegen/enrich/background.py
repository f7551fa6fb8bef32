"""What a leaving reason says of the person's own past: a field or a role, and its years.

「救命救急で10年」, 「MR歴10年」, "Paramedic for 11 years", "after twelve years
of outpatient rheumatology". When no record is given (``rephrase TEXT``), these
are the only facts of the person's career the answer may name, and they fill
the same grounded sentence a record's department and years would
(:func:`resumegen.enrich.reason_answer.answer`). The patterns are data
(``background`` in ``answer-rules.yaml``); this module reads the years they
find (digits, 漢数字, English number words) and keeps plausible ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from resumegen.enrich.answer_rules import AnswerRules
from resumegen.enrich.fold import fold
from resumegen.text import EN_NUMBER_WORDS

__all__ = ["JA_ROLE_END", "PLACE_ACRONYMS", "Background", "find_background", "find_speaker"]

_MAX_YEARS = 50
_VAGUE_LEAD = frozenset({"the", "this", "my", "our", "same", "current", "one"})
_MAX_CHARS = {"ja": 20, "en": 50}
_KANJI = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WORDS = {w: i for i, w in enumerate(EN_NUMBER_WORDS)}
_WORDS |= {"thirty": 30, "forty": 40, "a couple of": 2, "a few": 3, "a decade": 10}


@dataclass(frozen=True)
class Background:
    """The person's field (where they worked) or title (what they were) and whole years."""

    field: str | None
    title: str | None
    years: int
    span: tuple[int, int] = dataclass_field(default=(0, 0), compare=False)  # where the text says it


def find_background(text: str, rules: AnswerRules) -> Background | None:
    """The first field or role with its years that *text* states, by the rules' order."""
    for pattern in rules.background:
        for m in pattern.finditer(text):
            years = _years(m.group("years"))
            groups = m.groupdict()
            field = _clean(groups.get("field"), text, m, "field", rules.lang)
            title = _clean(groups.get("title"), text, m, "title", rules.lang)
            if rules.lang == "en":
                field, title = _en_field(field), _en_title(title)
            else:
                field, title = _ja_field(field, title)
            if field and _generic(field, rules):
                field = None  # 今の病院で10年: a place, not a field
            if years is None or not 0 < years <= _MAX_YEARS or not (field or title):
                continue
            return Background(field, title, years, m.span())
    return None


# English: a field ends before a small word; a title ends with a word for a person's role.
_EN_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "but",
        "or",
        "so",
        "than",
        "then",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "i",
        "i'm",
        "i've",
        "me",
        "my",
        "our",
        "on",
        "in",
        "at",
        "of",
        "for",
        "with",
        "to",
        "from",
        "by",
        "only",
        "same",
        "plenty",
        "now",
        "taught",
        "row",
    ]
)
# Words that make "years of …" a shift pattern or a complaint, not a field.
_EN_NOT_FIELD = frozenset(
    ["same", "shift", "shifts", "nights", "days", "field", "job", "row", "on-call", "call"]
)
# Words that end like a role (-er, -or) but are none, or that start a sentence, not a role.
# A role named after these is someone else ("A senior midwife on our unit", "new manager,
# new rules"), not the person introducing themselves.
_EN_SOMEONE_ELSE = frozenset(
    ["a", "an", "the", "my", "our", "his", "her", "their", "this", "that", "new", "one", "some"]
)
# Words that open a sentence without naming the speaker's role, and verbs that show the
# words are a clause ("candidate is a PCT"), not a role.
_EN_NOT_A_NAME = frozenset(
    ["ugh", "hi", "hey", "hello", "honestly", "so", "well", "ok", "okay", "lol", "yeah", "um",
     "candidate", "client", "applicant", "tbh", "sigh", "basically", "currently"]
)  # fmt: skip
_EN_VERBS = frozenset(["is", "was", "are", "were", "has", "had", "have", "been", "be"])
_EN_NOT_ROLE = frozenset(
    [
        "over",
        "never",
        "after",
        "under",
        "other",
        "rather",
        "whether",
        "either",
        "ever",
        "later",
        "better",
        "faster",
        "harder",
        "longer",
        "sooner",
        "order",
        "border",
        "corner",
        "number",
        "member",
        "matter",
        "water",
        "paper",
        "power",
        "year",
        "been",
        "being",
        "got",
        "getting",
        "i",
        "im",
        "i'm",
        "my",
        "the",
        "it",
        "its",
        "this",
        "that",
        "so",
        "just",
        "honestly",
        "pay",
        "too",
        "way",
        "not",
        "no",
        "after",
        "since",
        "when",
        "while",
        "every",
        "all",
        "our",
        "we",
        "they",
        "she",
        "he",
    ]
)
_EN_ROLE = re.compile(
    r"(?:ist|er|or|ian|ant|ent|nurse|medic|doctor|rep|officer|aide|assistant|tech|gp|rn|np|"
    r"physio|ot|slt|pa|od|md|do)$"
)
# Japanese: words that follow a field but are not part of it, and employment types.
_JA_FIELD_TAIL = ("一筋", "専属", "専任", "一本", "勤務", "配属")
_JA_EMPLOYMENT = ("社員", "パート", "派遣", "非常勤", "常勤", "アルバイト", "バイト", "契約")
_JA_SPEAKER_END = (
    "士",
    "師",
    "医",
    "員",
    "職",
    "者",
    "MR",
    "CRA",
    "CRC",
    "MSL",
    "CS",
    "PT",
    "OT",
    "ST",
    "SE",
    "MSW",
    "スペシャリスト",
    "エンジニア",
    "マネージャー",
    "マネジャー",
    "コーディネーター",
    "ケアマネ",
    "ナース",
    "事務",
    "クラーク",
    "助手",
)
JA_ROLE_END = ("士", "師", "医", "員", "者", "MR", "CRA", "CRC", "MSL", "CS", "SE")


def _en_field(field: str | None) -> str | None:
    """The words of *field* up to the first small word ("cath lab", not "cath lab then")."""
    if not field:
        return None
    words: list[str] = []
    for word in field.split():
        if word.lower() in _EN_STOP:
            break
        words.append(word)
    if not words or _EN_NOT_FIELD & {w.lower() for w in field.split()}:
        return None
    if len(words) == 1 and words[0][:1].isupper() and not words[0].isupper():
        return None  # "five years in London": a place
    return " ".join(words)


def _en_title(title: str | None) -> str | None:
    """*title* up to its last word that names a role ("hospitalist", not "hospitalist taught")."""
    if not title:
        return None
    words = title.split()
    if words[0].lower() in _EN_NOT_ROLE or words[0].lower() in _EN_SOMEONE_ELSE:
        return None  # "Been passed over …", "After twelve years …", "A senior midwife keeps…"
    if words[0].lower() in _EN_NOT_A_NAME or any(w.lower() in _EN_VERBS for w in words):
        return None  # "Ugh the new NUM", "Candidate is a PCT": not a role the person holds
    for end in range(len(words), 0, -1):
        last = words[end - 1]
        low = last.lower()
        if (_EN_ROLE.search(low) and low not in _EN_NOT_ROLE) or (last.isupper() and len(last) > 1):
            title = " ".join(words[:end])
            # "ED" of "ED attending": the unit alone is no role
            return None if title.upper() in PLACE_ACRONYMS else title
    return None


# a unit's short name, which a title cut short may leave alone ("ER" of "ER nurse")
PLACE_ACRONYMS = frozenset(
    [
        "ER",
        "ED",
        "EM",
        "ICU",
        "NICU",
        "PICU",
        "CCU",
        "HDU",
        "OR",
        "IR",
        "CT",
        "MRI",
        "ICT",
        "A&E",
        "L&D",
        "OB",
        "GP",
    ]
)


def _ja_field(field: str | None, title: str | None) -> tuple[str | None, str | None]:
    """*field* without 一筋 or 専属; a role written as a field (臨床工学技士で10年) is a title;
    an employment type (契約社員で3年) is neither."""
    if field:
        for tail in _JA_FIELD_TAIL:
            field = field.removesuffix(tail)
        if field.endswith(_JA_EMPLOYMENT):
            field = None
        elif field.endswith(JA_ROLE_END) and not title:
            field, title = None, field
    return field or None, title


def find_speaker(text: str, rules: AnswerRules) -> str | None:
    """The role the person introduces themselves with (PTです, "I'm a sonographer"), or None."""
    for pattern in rules.speaker:
        m = pattern.search(text)
        if m is None:
            continue
        title = _clean(m.group("title"), text, m, "title", rules.lang)
        if rules.lang == "en":
            title = _en_title(title)
        elif title and not title.endswith(_JA_SPEAKER_END):
            title = None
        if title:
            return title
    return None


def _generic(field: str, rules: AnswerRules) -> bool:
    """*field* is a word too vague to name (病院, 今の病院, the same hospital)."""
    words = fold(field, rules.lang).split()
    while words and words[0] in _VAGUE_LEAD:
        words = words[1:]
    bare = " ".join(words)
    for lead in ("今の", "この", "同じ", "前の", "その"):
        bare = bare.removeprefix(lead)
    return not bare or bare in rules.step_generic


def _years(said: str | None) -> int | None:
    """Whole years as written: 10, １０, 十二, twelve, a decade."""
    if not said:
        return None
    said = unicodedata.normalize("NFKC", said).strip().lower()
    if said.isdigit():
        return int(said)
    if said in _WORDS:
        return _WORDS[said]
    m = re.fullmatch(r"([一二三四五六七八九])?(十)?([一二三四五六七八九])?", said)
    if m and said:
        tens = (_KANJI[m.group(1)] if m.group(1) else 1) if m.group(2) else 0
        ones = _KANJI[m.group(3)] if m.group(3) else 0
        if not m.group(2) and m.group(1):
            return _KANJI[m.group(1)]
        return tens * 10 + ones or None
    return None


def _clean(value: str | None, text: str, m: re.Match[str], group: str, lang: str) -> str | None:
    """*value* without edge spaces and punctuation; None when empty or too long to be a name.
    An English word capitalised only because it starts the text is said in lower case."""
    if not value:
        return None
    value = value.strip(" 　、,。.")
    if not value or len(value) > _MAX_CHARS[lang]:
        return None
    if lang == "en" and len(value) > 1 and value[0].isupper() and value[1].islower():
        before = text[: m.start(group)].rstrip()
        if not before or before[-1] in ".!?;:":
            value = value[0].lower() + value[1:]
    return value
