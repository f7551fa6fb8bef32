"""Text folding for matching leaving reasons against phrasebook triggers.

People type the same word many ways: full-width and half-width letters
(ｵﾝｺｰﾙ, ＯＮ－ＣＡＬＬ), katakana or hiragana (オンコール, おんこーる), with or
without the long-vowel mark, with spaces or hyphens (on-call, on call,
oncall). Phrasebook triggers and user text are both folded with
:func:`fold` so that a trigger is written once per real variant, not once per
keyboard habit.

:func:`fold_with_spans` also remembers, for every folded character, which
characters of the original text it came from, so that a match can quote what
the user actually wrote.
"""

from __future__ import annotations

import re
import unicodedata

_KATA_FIRST, _KATA_LAST = 0x30A1, 0x30F6  # ァ .. ヶ
_KANA_SHIFT = 0x60  # katakana minus hiragana
_VOICING_MARKS = ("\u3099", "\u309a")  # combining (han)dakuten left by NFKC of ﾞ ﾟ
# Long-vowel marks and the wave dash used the same way (～ folds to ~ under NFKC).
_DROPPED = frozenset("ー〜～~")
_APOSTROPHES = frozenset("’‘`´ʼ′")  # typed for ' by keyboards and word processors
_SEPARATORS = frozenset("-‐‑‒–—―−_/・")  # joiners: dropped in Japanese, a space in English


def _fold_char(ch: str) -> str:
    """Hiragana for katakana; everything else unchanged."""
    code = ord(ch)
    if _KATA_FIRST <= code <= _KATA_LAST:
        return chr(code - _KANA_SHIFT)
    return ch


def fold_with_spans(text: str, lang: str) -> tuple[str, list[tuple[int, int]]]:
    """Fold *text* and map every folded character to its ``(start, end)`` in *text*.

    Japanese drops every space and joiner (spacing inside a Japanese sentence
    carries no meaning); English turns hyphens, slashes and runs of spaces
    into one space, so that word boundaries survive for matching.
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for i, original in enumerate(text):
        piece = unicodedata.normalize("NFKC", original).casefold()
        for ch in piece:
            if ch in _VOICING_MARKS:
                if out:
                    merged = unicodedata.normalize("NFC", out[-1] + ch)
                    if len(merged) == 1:
                        out[-1] = _fold_char(merged)
                        spans[-1] = (spans[-1][0], i + 1)
                continue
            if ch in _DROPPED:
                continue
            if ch in _APOSTROPHES:
                ch = "'"
            if ch.isspace() or ch in _SEPARATORS:
                if lang == "ja" or not out or out[-1] == " ":
                    continue
                ch = " "
            out.append(_fold_char(ch))
            spans.append((i, i + 1))
    while out and out[-1] == " ":
        out.pop()
        spans.pop()
    return "".join(out), spans


def fold(text: str, lang: str) -> str:
    """The folded form of *text* used for every comparison."""
    return fold_with_spans(text, lang)[0]


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
# ``*``: a short gap that stays inside one clause.
_CLAUSE_END = "、。，．,.!?;:「」『』()[]\n"
# (A group, so that the matcher can tell how much of a match is gap.)
_JA_GAP = rf"([^{re.escape(_CLAUSE_END)}]{{0,6}}?)"
_EN_GAP = rf"((?:[^\s{re.escape(_CLAUSE_END)}]+ ){{0,3}}?)"


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


def trigger_problem(trigger: str) -> str | None:
    """Why *trigger* cannot be matched, or None when it is well formed."""
    parts = split_trigger(trigger)
    for piece in parts[::2]:
        if not fold(piece, "ja") or not fold(piece, "en"):
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
_I_OR_E_ROW = frozenset("いきぎしじちにびみりえけげせぜてでねべめれ")
_PARTICLE_KANA = frozenset("がはも")


def ja_negative_forms(piece: str) -> list[str]:
    """*piece* (folded) and, when it ends in a plain negative ``…な``, its other forms.

    People write the same complaint plainly or politely, with ている or てる:
    身につかな → 身につきませ; できな → できませ; やりがいがな → やりがいがありませ
    (and ``~な`` alone → ありませ); 進んでな ↔ 進んでいな. A kanji before
    な is an adjective (少な) and has no other form here.
    """
    forms = [piece]
    if piece.endswith(("てな", "でな")):
        forms.append(piece[:-1] + "いな")
    elif piece.endswith(("ていな", "でいな")):
        forms.append(piece[:-2] + "な")
    for form in list(forms):
        if not form.endswith("な"):
            continue
        stem, before = form[:-1], form[-2:-1]
        if not before or before in _PARTICLE_KANA:
            forms.append(stem + "ありませ")
        elif before in _A_TO_I:
            forms.append(stem[:-1] + _A_TO_I[before] + "ませ")
        elif before in _I_OR_E_ROW:
            forms.append(stem + "ませ")
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
    * ``*`` a short gap inside one clause (six characters, or three words):
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
    for i, p in enumerate(parts):
        if i % 2:
            pieces.append(join[p])
        else:
            words = [re.escape(w).replace("'", "'?") for w in fold(p, lang).split(" ")]
            if i == 0 and words[0] == "not" and (len(words) > 1 or len(parts) > 1):
                words[0] = _EN_NOT  # "not challenging" finds "isn't challenging"
            pieces.append(" ?".join(words))
    return re.compile(rf"(?<![\w]){''.join(pieces)}{_EN_SUFFIX}(?![\w])")


# ---------------------------------------------------------------- negation

# Japanese: the complaint word, then 「は」「も」…, maybe a degree word, then a
# negation (当直はない, オンコールはありません, 残業もほとんどなく, 夜勤なし).
_JA_NEGATION = re.compile(
    r"(?:は|も|が|とか|など|なんて|って)?"
    r"(?:全く|まったく|全然|ぜんぜん|一切|いっさい|特に|とくに|ほとんど|ほぼ|あまり|あんまり"
    r"|そんなに|それほど|もう|基本的に|基本|今は|いまは)?"
    r"(?:(?P<adnominal>ない|無い|なし|無し)|なく|無く|なかっ|無かっ|ありませ|ぜろ|0回|0件"
    r"|免除|問題な|苦にならな|苦ではな|気にならな|平気|大丈夫|構わな|かまわな|悪くな|不満はな|不満もな)"
)
# …unless the negation describes what is wanted or needed: 当直なしの病院,
# 残業がない職場, オンコールなしで働ける, バイトがないと生活できない.
_JA_WANTED_AFTER = re.compile(r"[のとで\u4e00-\u9fff]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# English: no / not / never / without / n't, then at most three small words.
_EN_NEGATORS = _words(
    "no not never without zero none nor dont doesnt didnt isnt arent wasnt werent"
    " havent hasnt hadnt"
)
_EN_BETWEEN = _words(
    "a an the any much many really usually often ever even have has had having do does"
    " did doing to be been being need involve involves involved require requires"
    " required get gets got there is are was were on in for mind"
)
_EN_CLAUSE_WORDS = _words("and but or so though although while whereas because")
# …unless the clause says what is wanted: I want a job with no on-call.
_EN_WANTED = _words(
    "want wants wanted wanting looking prefer preferring hope hoping seeking seek rather"
    " like need needs"
)
_EN_FINE_AFTER = re.compile(
    r" (?:is|are|was|were|has been|have been|'s|'re)"
    r"(?: (?:not|never)|n't) (?:really )?(?:a |an )?(?:problem|issue|concern)"
    r"| (?:is|are|was|were|'s) (?:(?:really |actually )?(?:fine|ok|okay|manageable|good|decent)|not bad)(?!\w)"
    r"| (?:doesn't|does not|don't|do not|didn't|did not) bother"
)
_EN_MAX_BEFORE = 4


def _en_clause_before(folded: str, start: int) -> list[str]:
    """The words of the clause that runs up to *start*, nearest last."""
    words: list[str] = []
    for raw in reversed(folded[:start].split(" ")):
        if not raw:
            continue
        if raw[-1] in _CLAUSE_END or raw in _EN_CLAUSE_WORDS:
            break
        words.append(raw.strip("\"'"))
    words.reverse()
    return words


def negated(folded: str, start: int, end: int, lang: str) -> bool:
    """True when the words at ``folded[start:end]`` are said not to apply.

    A complaint word that is denied is no complaint: 「当直はない」,
    「オンコールはありません」, "not on call", "there is no overtime",
    "nights aren't a problem". Japanese looks right after the words, English
    at up to four words before them (and at "… is not a problem" after). A
    negation that says what is wanted is still the reason: 「当直なしの病院で
    働きたい」, "I want a job with no on-call". Triggers that hold their own
    negation (休みがな, no raise) are unaffected: the words after them are
    not a negation.
    """
    if lang == "ja":
        m = _JA_NEGATION.match(folded, end)
        if m is None:
            return False
        return not (m.group("adnominal") and _JA_WANTED_AFTER.match(folded, m.end()))
    if _EN_FINE_AFTER.match(folded, end):
        return True
    words = _en_clause_before(folded, start)
    for i in range(len(words) - 1, max(len(words) - 1 - _EN_MAX_BEFORE, -1), -1):
        word = words[i].replace("'", "")
        if word in _EN_NEGATORS:
            return not any(w in _EN_WANTED for w in words[:i])
        if word not in _EN_BETWEEN:
            return False
    return False


# ---------------------------------------------------------------- hypotheticals

# A fact that is feared or rumoured has not happened: リストラされそう, 閉鎖の噂,
# "afraid of being laid off", "layoffs are coming".
_JA_HYPOTHETICAL = re.compile(
    r"(?:が|の|を|に|も|は)?(?:さ|され|される|する|し|なる|なり|になる|になり)?"
    r"(?:そう|かも|前に|まえに|の噂|のうわさ|が怖|がこわ|を恐れ|が心配|を心配|の不安|が不安"
    r"|の可能性|されないか|にならないか|しないか)"
)
_EN_HYPOTHETICAL = _words(
    "might may could would will afraid worried worry worries fear fearing scared before"
    " risk rumours rumors rumoured rumored threat threatened possible possibility likely"
    " expect expecting if whether avoid want wait waiting"
)
_EN_HYPOTHETICAL_AFTER = re.compile(
    r" (?:are|is|were|was) (?:coming|looming|expected|likely|rumou?red|planned|possible)(?!\w)"
    r"| (?:might|may|could|will) (?:come|happen)"
)
_EN_HYPOTHETICAL_REACH = 6


def hypothetical(folded: str, start: int, end: int, lang: str) -> bool:
    """True when a fact at ``folded[start:end]`` is only feared, expected or rumoured.

    Used for plain facts (``category: keep``), which must never be stated
    unless they happened: 「リストラされそうなので」 and "I don't want to wait
    around to be laid off" are not a layoff.
    """
    if lang == "ja":
        return _JA_HYPOTHETICAL.match(folded, end) is not None
    if _EN_HYPOTHETICAL_AFTER.match(folded, end):
        return True
    words = _en_clause_before(folded, start)[-_EN_HYPOTHETICAL_REACH:]
    return any(w.replace("'", "") in _EN_HYPOTHETICAL or w.endswith("'ll") for w in words)
