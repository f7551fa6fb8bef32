"""The trigger language of the phrasebooks, compiled to patterns over folded text.

A trigger is the text of a complaint as people write it (``残業~多``,
``no * raise``); ``~`` and ``*`` stand for the particles and short gaps
people fill in. A topic is a plain word a complaint is about (上司,
management). Both are folded (:mod:`resumegen.enrich.fold`) and compiled
here; what a match means (denied, praised, feared) is
:mod:`resumegen.enrich.matcher`'s job.
"""

from __future__ import annotations

import re

from resumegen.enrich.fold import fold

_EN_SUFFIX = r"(?:s|es|d|ed|ing)?"
# not, isn't, don't …, and the apostrophe-less forms people type (wasnt, dont).
_EN_NOT = r"(?:not|[a-z]+n't|(?:is|are|was|were|do|does|did|have|has|had|could|would|should)nt)"

# ---------------------------------------------------------------- trigger syntax

PARTICLE_MARKS = frozenset("~～〜")
GAP_MARKS = frozenset("*＊")
_PARTICLE, _GAP = "~", "*"

# ``~``: an optional particle, then an optional degree word (症例が全然少な…).
_JA_PARTICLE = (
    r"(?:(?:が|は|も|を|に|へ|の|と|で|から|より|って|とか|など|なんて|すら|さえ|まで)(?:は|も|の)?)?"
    r"(?:全然|ぜんぜん|全く|まったく|ほとんど|ほぼ|あまり|あんまり|なかなか|一切|いっさい"
    r"|ろくに|まともに|ちゃんと|十分に|じゅうぶんに|少しも|ちっとも|もう|本当に|ほんとに"
    r"|かなり|すごく|とても|非常に|めちゃくちゃ|めっちゃ|ずっと|常に|いつも|どんどん)?"
)
_EN_PARTICLE = (
    r"(?:(?:a|an|the|my|our|their|his|her|its|any|some|much|enough|real|proper|decent"
    r"|very|so|really|actual|single) ){0,2}"
)
# ``*``: a short gap that stays inside one clause (these characters end one).
CLAUSE_END = "、。，．,.!?;:「」『』()[]\n"
# (A group, so that the matcher can tell how much of a match is gap.)
_JA_GAP = rf"([^{re.escape(CLAUSE_END)}]{{0,10}}?)"
_EN_GAP = rf"((?:[^\s{re.escape(CLAUSE_END)}]+ ){{0,3}}?)"


def split_trigger(trigger: str) -> list[str]:
    """*trigger* as text pieces and the markers ``~`` and ``*`` between them.

    ``症例~少な`` is ``["症例", "~", "少な"]``. Pieces are not folded.
    """
    parts: list[str] = []
    piece: list[str] = []
    for ch in trigger:
        mark = _PARTICLE if ch in PARTICLE_MARKS else _GAP if ch in GAP_MARKS else None
        if mark is None:
            piece.append(ch)
            continue
        parts.append("".join(piece))
        parts.append(mark)
        piece = []
    parts.append("".join(piece))
    return parts


# At most this many ~ and * in one trigger (the bundled books use two): each one
# multiplies the ways a pattern can try to match, so many would take minutes.
MAX_MARKS = 3


def trigger_problem(trigger: str, langs: tuple[str, ...] = ("ja", "en")) -> str | None:
    """Why *trigger* cannot be matched in *langs*, or None when it is well formed."""
    parts = split_trigger(trigger)
    marks = len(parts) // 2
    if marks > MAX_MARKS:
        return f"has {marks} of ~ and *; a trigger may have at most {MAX_MARKS}"
    for piece in parts[::2]:
        if not all(fold(piece, lang) for lang in langs):
            if len(parts) == 1:
                return "has no letters to match"
            return "needs words on both sides of every ~ and *"
    return None


def trigger_key(trigger: str, lang: str) -> str:
    """The folded form of *trigger*, markers kept: two triggers with one key are the same."""
    return "".join(p if i % 2 else fold(p, lang) for i, p in enumerate(split_trigger(trigger)))


def trigger_sample(trigger: str, lang: str) -> str:
    """The shortest plain text that *trigger* finds (markers stand for nothing)."""
    sep = "" if lang == "ja" else " "
    return sep.join(fold(p, lang) for p in split_trigger(trigger)[::2])


_A_TO_I = dict(zip("かがさざただなばまらわ", "きぎしじちぢにびみりい", strict=True))
# The て form of a godan verb from its negative stem: つかな → ついて, 合わな → 合って.
_A_TO_TE = dict(
    zip(
        "かがさたなばまらわ",
        ["いて", "いで", "して", "って", "んで", "んで", "んで", "って", "って"],
        strict=True,
    )
)
_I_OR_E_ROW = frozenset("いきぎしじちにびみりえけげせぜてでねべめれ")
_PARTICLE_KANA = frozenset("がはも")


def ja_negative_forms(piece: str) -> list[str]:
    """*piece* (folded) and, when it ends in a plain negative ``…な``, its other forms.

    People write the same complaint plainly or politely, with ている or てる,
    or in the written ず form: 身につかな → 身につきませ, 身につかず,
    身についていな, 身についてな; できな → できませ, できず, できていな;
    やりがいがな → やりがいがありませ (and ``~な`` alone → ありませ); 進んでな ↔
    進んでいな; 診られな → 診れな. A kanji before な is an adjective (少な) and
    has no other form here.
    """
    forms = [piece]
    if piece.endswith(("てな", "でな")):
        forms.append(piece[:-1] + "いな")
    elif piece.endswith(("ていな", "でいな")):
        forms.append(piece[:-2] + "な")
    elif piece.endswith("られな") and len(piece) > 3:
        forms.append(piece[:-3] + "れな")  # 診られな → 診れな, as people say it
    for form in list(forms):
        if not form.endswith("な"):
            continue
        stem, before = form[:-1], form[-2:-1]
        te = ""
        if not before or before in _PARTICLE_KANA:
            forms.append(stem + "ありませ")
        elif before in _A_TO_I:
            forms.append(stem[:-1] + _A_TO_I[before] + "ませ")
            forms.append(stem + "ず")  # 身につかず
            te = stem[:-1] + _A_TO_TE[before] if before in _A_TO_TE else ""
        elif before in _I_OR_E_ROW:
            forms.append(stem + "ませ")
            if before not in "てでい":  # できず, but not 進んでず
                forms.append(stem + "ず")
                te = stem + "て"
        if te and form == forms[0]:
            # still not done: 身についていな, 足りてな, 足りていませ
            forms.extend(te + ending for ending in ("いな", "な", "いませ", "ませ"))
    return forms


def trigger_pattern(trigger: str, lang: str) -> re.Pattern[str] | None:
    """A compiled pattern that finds *trigger* in folded text, or None if it folds to nothing.

    English triggers match whole words, spaces between their words are
    optional (``on call`` finds ``oncall``), and a regular ending is allowed
    (``quota`` finds ``quotas``); irregular forms are listed as their own
    triggers; an apostrophe may be left out (``wasn't`` finds ``wasnt``),
    and a leading ``not`` also finds a contraction (``not challenging`` finds
    ``isn't challenging``).
    Japanese triggers match anywhere, as Japanese has no spaces, and one
    that ends in a plain negative also finds its other forms
    (:func:`ja_negative_forms`).

    Two markers let one trigger cover the ways people fill in a phrase:

    * ``~`` an optional particle and degree word: ``症例~少な`` finds 症例少な,
      症例が少な, 症例も全然少な; ``no ~ raise`` finds no raise, no real raise;
    * ``*`` a short gap inside one clause (ten characters, or three words):
      ``上司*合わな`` finds 上司と性格が合わな; ``no * raise`` finds no pay raise.
    """
    parts = split_trigger(trigger)
    if trigger_problem(trigger) is not None:
        return None
    if lang == "ja":
        join = {_PARTICLE: _JA_PARTICLE, _GAP: _JA_GAP}
        pieces = [join[p] if i % 2 else re.escape(fold(p, lang)) for i, p in enumerate(parts)]
        endings = ja_negative_forms(fold(parts[-1], lang))
        pieces[-1] = "(?:" + "|".join(re.escape(e) for e in endings) + ")"
        return re.compile("".join(pieces))
    join = {_PARTICLE: " " + _EN_PARTICLE, _GAP: " " + _EN_GAP}
    pieces = []
    last = len(parts) - 1
    for i, p in enumerate(parts):
        if i % 2:
            pieces.append(join[p])
            continue
        words = fold(p, lang).split(" ")
        forms = [
            _en_word(w, final=i == last and j == len(words) - 1)[0] for j, w in enumerate(words)
        ]
        if i == 0 and words[0] == "not" and (len(words) > 1 or len(parts) > 1):
            forms[0] = _EN_NOT  # "not challenging" finds "isn't challenging"
        pieces.append(" ?".join(forms))
    return re.compile(rf"(?<![\w]){''.join(pieces)}(?![\w])")


_VOWELS = frozenset("aeiou")


def _en_word(word: str, *, final: bool) -> tuple[str, str]:
    """A pattern for one English word with its regular endings, and the text all its forms share.

    ``staff`` finds staffs, staffed, staffing; ``cut`` cutting; ``manage``
    managing; ``company`` companies. A short word takes an ending only at the
    end of a trigger (``on calls``), and a word with an apostrophe none; the
    apostrophe itself may be left out (``wasn't`` finds ``wasnt``).
    """
    plain = re.escape(word).replace("'", "'?")
    if "'" in word or not word.isalpha() or len(word) < 3:
        shared = max(word.split("'"), key=len)
        return (plain + _EN_SUFFIX if final else plain), shared
    forms = [plain + _EN_SUFFIX]
    shared = word
    if word.endswith("e"):
        forms.append(re.escape(word[:-1]) + "ing")
        shared = word[:-1]
    elif word.endswith("y") and word[-2] not in _VOWELS:
        forms.append(re.escape(word[:-1]) + "i(?:es|ed)")
        shared = word[:-1]
    elif word[-1] not in _VOWELS | set("wxy") and word[-2] in _VOWELS and word[-3] not in _VOWELS:
        forms.append(re.escape(word + word[-1]) + "(?:ing|ed|er)")  # cutting, stopped
    return "(?:" + "|".join(forms) + ")", shared


def _common_prefix(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def trigger_literal(trigger: str, lang: str) -> str:
    """A folded piece of text that every match of *trigger* contains ("" when none is certain).

    Scanning looks for this piece with a plain substring search first and runs
    the trigger's pattern only where it occurs: most triggers are ruled out
    without touching the regular expression engine.
    """
    pieces = trigger_pieces(trigger, lang)
    return pieces[0] if pieces else ""


def trigger_pieces(trigger: str, lang: str) -> tuple[str, ...]:
    """Every folded piece of text that each match of *trigger* contains, longest first."""
    pieces = [fold(p, lang) for p in split_trigger(trigger)[::2]]
    if lang == "ja":
        candidates = [*pieces[:-1], _common_prefix(ja_negative_forms(pieces[-1]))]
    else:
        candidates = []
        for i, piece in enumerate(pieces):
            words = piece.split(" ")
            if i == 0 and words[0] == "not" and (len(words) > 1 or len(pieces) > 1):
                words = words[1:]  # matched as any negation (isn't, don't …)
            candidates.extend(_en_word(w, final=True)[1] for w in words)
    return tuple(sorted({c for c in candidates if c}, key=lambda c: (-len(c), c)))


# ---------------------------------------------------------------- topics


def topic_pattern(topic: str, lang: str) -> re.Pattern[str] | None:
    """A pattern that finds a topic word: as written, and in English also its plural.

    Topics are nouns, so only the plural is added (``staff`` does not find
    "staffing"; list that as its own topic): a verb ending would turn
    ``demand`` into "demanding".
    """
    if topic_problem(topic) is not None:
        return None
    folded = fold(topic, lang)
    if lang == "ja":
        return re.compile(re.escape(folded))
    words = [re.escape(w).replace("'", "'?") for w in folded.split(" ")]
    last = folded.split(" ")[-1]
    if last.endswith("y") and len(last) > 2 and last[-2] not in _VOWELS:
        words[-1] = re.escape(last[:-1]) + "(?:y|ies)"
    else:
        words[-1] += "(?:s|es)?"
    return re.compile(rf"(?<![\w]){' ?'.join(words)}(?![\w])")


def topic_literal(topic: str, lang: str) -> str:
    """The text every match of :func:`topic_pattern` contains."""
    words = fold(topic, lang).split(" ") if lang == "en" else [fold(topic, lang)]
    if lang == "en" and words[-1].endswith("y") and len(words[-1]) > 2:
        words[-1] = words[-1][:-1]
    return max((chunk for w in words for chunk in w.split("'")), key=len, default="")


def topic_problem(topic: str) -> str | None:
    """Why *topic* cannot be a topic word, or None when it can."""
    if any(ch in PARTICLE_MARKS or ch in GAP_MARKS for ch in topic):
        return "a topic is a plain word or phrase: no ~ or *"
    return trigger_problem(topic)
