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
from collections.abc import Mapping, Sequence
from functools import lru_cache

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


@lru_cache(maxsize=8192)
def _nfkc_casefold(ch: str) -> str:
    """One character under NFKC and case folding (the slow part of folding, so kept)."""
    return unicodedata.normalize("NFKC", ch).casefold()


def fold_with_spans(text: str, lang: str) -> tuple[str, list[tuple[int, int]]]:
    """Fold *text* and map every folded character to its ``(start, end)`` in *text*.

    Japanese drops every space and joiner (spacing inside a Japanese sentence
    carries no meaning); English turns hyphens, slashes and runs of spaces
    into one space, so that word boundaries survive for matching, and puts
    one between a number and the unit typed against it (12hr → 12 hr).
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for i, original in enumerate(text):
        piece = _nfkc_casefold(original)
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
            elif lang == "en" and out and out[-1].isdigit() and ch.isalpha():
                out.append(" ")  # 12hr nights, 60hrs: the number and its unit are two words
                spans.append((i, i + 1))
            out.append(_fold_char(ch))
            spans.append((i, i + 1))
    while out and out[-1] == " ":
        out.pop()
        spans.pop()
    return "".join(out), spans


@lru_cache(maxsize=16384)
def casefold_nfkc(text: str) -> str:
    """NFKC and case folded, nothing else: the light folding used to compare
    fixed texts (question banks, sheet strings); cached, as they recur."""
    return unicodedata.normalize("NFKC", text).casefold()


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
# An adjective stem denied right after it: 悪くない, きつくはない, 少なくありません.
_JA_ADJECTIVE_DENIED = re.compile(r"く(?:は|も)?(?:な(?:い|かっ)|ありませ)")
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
    "a an the any much many really usually often ever even have has had having do does about"
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
    r"|(?: (?!not |never |n't |hardly |barely )[a-z']+){0,3}?"
    r"(?: (?:is|are|was|were|has been|have been|looks|seems|feels)|'s|'re| 's| 're)"
    r"(?: (?:really|actually|quite|pretty|very|always|generally|more than|honestly|totally"
    r"|super|perfectly|absolutely|completely|usually|mostly|all|so|still|also|too))*"
    r" (?:(?:fine|ok|okay|manageable|good|decent|great|fair|competitive|reasonable|generous"
    r"|excellent|solid|supportive|light|adequate|acceptable|wonderful|helpful|achievable"
    r"|realistic|rare|minimal|convenient|grand|covered|sensible|transparent|amazing"
    r"|brilliant|fantastic|lovely|nice|doable|bearable|paid|no big deal|no problem)(?!\w)"
    r"|not bad)"
    r"| (?:doesn't|does not|don't|do not|didn't|did not) bother"
)
_EN_MAX_BEFORE = 4
# Words of approval right before a complaint word: "a reasonable on-call rota".
_EN_GOOD = _words(
    "reasonable fair good great decent manageable light sensible generous competitive excellent"
    " supportive predictable flexible lovely nice friendly wonderful helpful solid fantastic"
    " brilliant humane civilised civilized"
)
_EN_NOT_GOOD = _words("not no never too isnt wasnt arent werent hardly barely")


def _en_praised(words: Sequence[str]) -> bool:
    """True when one of the three words before a complaint word praises it ("a fair rota", "good on-call")."""
    near = [w.replace("'", "") for w in words[-3:]]
    for i in range(len(near) - 1, -1, -1):
        if near[i] in _EN_GOOD:
            return not any(w in _EN_NOT_GOOD for w in near[:i])
    return False


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


# A clause that says all is well: 給料にも満足, 上司にも恵まれ, 不満はありません,
# "no complaints about the pay", "happy with my manager".
_JA_CONTENT = re.compile(
    r"(?:不満|文句|問題|不安|心配)(?:は|も)?(?:特に|とくに|全く|まったく|一切|何も|なにも|ほとんど)?"
    r"(?:な[いくし]|無[いくし]|ありませ|ございませ)"
    r"|満足し(?!てい?な|ておりませ|ませ|にく)|満足で(?!きな|きませ|きず)"
    r"|恵まれ(?!な|ませ|ず)|充実し(?!てい?な|ておらず|ませ)|申し分な|感謝し|安泰|有望|十分にあ|十分あ"
    r"|世間並み|人並み|相場並み|平均(?:以上|並み|的|程度|くらい|ぐらい)|(?:適正|妥当|適度)(?:で|だ|です|でした)|ちょうど(?:いい|良い|よい)"
    r"|良好|好調|十分(?:に)?(?:いただ|頂|もら|出|あ)|(?:負担|苦|気)(?:に|と)?(?:は|も)?(?:特に|とくに|全く|まったく)?"
    r"(?:感じ(?:てい)?(?:ませ|な)|なっ(?:てい)?(?:ませ|な)|なら(?:な|ず))|楽しく|嫌いじゃ|嫌いでは"
)
_EN_CONTENT = re.compile(
    r"(?<!\w)(?:no complaints?|nothing to complain|nothing wrong with|nothing's wrong"
    r"|no (?:real )?(?:problems?|issues?) with|no big deal|(?:i|we) (?:actually |really )?"
    r"(?:enjoy|like|love) it|which is (?:nice|great|good|grand|fine)"
    r"|(?<!not )(?<!n't )(?<!never )(?:happy|satisfied|content|pleased) (?:with|about))(?!\w)"
)
_JA_CLAUSE_BREAK = re.compile(r"[、。,.!?;:「」『』()\[\]\n]|けど|けれど|ものの")
_EN_CLAUSE_BREAK = re.compile(
    r"[,.!?;:()\[\]\n\"+&]|(?<!\w)(?:and(?! i )|but|or|though|although|while|whereas|because|however)(?!\w)"
)


def clause_span(folded: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """The clause of *folded* around ``folded[start:end]``: from the break before to the break after.

    Clauses end at punctuation and, in Japanese, at けど・ものの; in English
    at and, but, or, because ….
    """
    brk = _JA_CLAUSE_BREAK if lang == "ja" else _EN_CLAUSE_BREAK
    begin = 0
    for m in brk.finditer(folded, 0, start):
        begin = m.end()
    after = brk.search(folded, end)
    return begin, after.start() if after is not None else len(folded)


# A concession taken back in the next clause: 多かったですが、やりがいはありました;
# "heavy at times but manageable".
_JA_CONCESSION = re.compile(r"(?:が|けど|けれど|けれども)、?")
_JA_WORTH_IT = re.compile(
    r"やりがい(?:は|も|の)?(?:あり|あっ|ある|感じ)|充実し|楽しか|楽しい|勉強にな|苦にな(?:らな|りませ)"
    r"|問題(?:は|も)?(?:特に)?(?:な[いくかし]|ありませ)|大丈夫|平気"
)
_EN_WORTH_IT = re.compile(
    r",? but (?:(?:it|that|they) (?:was|is|were|are|'s) |(?:still|always|quite|very) )*"
    r"(?:manageable|fine|ok|okay|bearable|worth it|rewarding|doable)(?!\w)"
)


# "…, so no complaints there", "…, which is fine": the next clause approves of this one.
_EN_APPROVED_AFTER = re.compile(
    r"[,;]? (?:so |and )?(?:no complaints?(?: there| about that)?|no problems? there"
    r"|which is (?:fine|great|good|nice|grand|lovely|ok|okay)|that's (?:fine|ok|okay|great))(?!\w)"
)


def satisfied(folded: str, start: int, end: int, lang: str) -> bool:
    """True when the clause of ``folded[start:end]`` says the matter is fine.

    「給料にも満足しています」, 「上司にも恵まれ」, 「給料にも人間関係にも不満は
    ありません」, "no complaints about the pay", "happy with my manager": the
    words name a subject people complain about, but nobody complains here.
    Japanese looks at the rest of the clause, English at the whole clause; a
    concession taken back right after (「多かったですが、やりがいはありました」,
    "heavy but manageable") also says it is fine.
    """
    begin, stop = clause_span(folded, start, end, lang)
    if lang == "ja":
        if _JA_CONTENT.search(folded, end, stop) is not None:
            return True
        back = stop - 1 if stop > 0 and folded[stop - 1] == "が" else stop
        link = _JA_CONCESSION.match(folded, back)
        if link is None or link.end() >= len(folded):
            return False
        after = link.end() + (folded[link.end()] == "、")
        return (
            _JA_WORTH_IT.search(folded, after, clause_span(folded, after, after, lang)[1])
            is not None
        )
    if _EN_CONTENT.search(folded, begin, stop) is not None:
        return True
    if _EN_APPROVED_AFTER.match(folded, stop) is not None:
        return True
    return (
        _EN_WORTH_IT.match(folded, stop) is not None
        or _EN_WORTH_IT.match(folded, stop - 1) is not None
    )


def negated(folded: str, start: int, end: int, lang: str) -> bool:
    """True when the words at ``folded[start:end]`` are said not to apply.

    A complaint word that is denied is no complaint: 「当直はない」,
    「オンコールはありません」, "not on call", "there is no overtime",
    "nights aren't a problem", "the pay is fair". Japanese looks right after
    the words, English at up to four words before them (and at "… is not a
    problem" after); a clause that says all is well (:func:`satisfied`)
    denies every word in it. A negation that says what is wanted is still the
    reason: 「当直なしの病院で働きたい」, "I want a job with no on-call".
    Triggers that hold their own negation (休みがな, no raise) are
    unaffected: the words after them are not a negation.
    """
    if satisfied(folded, start, end, lang):
        return True
    if lang == "ja":
        if _JA_ADJECTIVE_DENIED.match(folded, end):
            return True  # 人間関係は悪くない, 症例は少なくない (but 休めなくなった is meant)
        m = _JA_NEGATION.match(folded, end)
        if m is None:
            return False
        return not (m.group("adnominal") and _JA_WANTED_AFTER.match(folded, m.end()))
    if _EN_FINE_AFTER.match(folded, end):
        return True
    words = _en_clause_before(folded, start)
    if _en_praised(words):
        return True  # "a reasonable on-call rota", "good pay"
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
    r"(?:が|の|を|に|も|は)?(?:さ|され|される|する|し|なる|なり|になる|になり|る|れる)?"
    r"(?:という|とかいう|との|って)?"
    r"(?:そう|かも|らし|前に|まえに|噂|うわさ|話が|話も|が怖|がこわ|を恐れ|恐れ|おそれ"
    r"|が心配|を心配|の不安|が不安|可能性|懸念|されないか|にならないか|しないか"
    r"|のでは|んじゃ|じゃないか|ではないか)"
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


# ---------------------------------------------------------------- topics

# A topic names what a complaint is about (上司, 人員, staffing, management).
# A topic alone is no complaint ("I want to grow into management"); with a
# cue word in the same clause it is. Which cues count depends on the kind of
# topic: too much overtime is a complaint, too little is not; too little pay
# is, too much is not.
TOPIC_KINDS: tuple[str, ...] = ("bad", "too_much", "too_little")
_CUES_FOR: Mapping[str, frozenset[str]] = {
    "bad": frozenset({"bad", "snub"}),
    "too_much": frozenset({"bad", "much"}),
    "too_little": frozenset({"bad", "little", "neg", "snub"}),
}

# Cue words, as triggers (folded, with their negative forms and endings).
_JA_CUES: Mapping[str, str] = {
    # Plainly negative, whatever the topic.
    "bad": """
        合わな あわな 会わな かみ合わな 噛み合わな ついていけな ついて行けな 付いていけな
        納得でき~な 納得~いかな 理解できな 信頼できな 尊敬できな 受け入れられな 受け入れがた
        聞く耳~持たな わかっていな 分かっていな 無視
        ひど 酷 最悪 最低 嫌 苦手 無理 限界 きつ つら 辛 しんど 疲れ 疲弊 うんざり ストレス
        不満 不信 苦痛 憂うつ 憂鬱 不安 ブラック ありえな あり得な やってられな やってらんな
        耐えられな 耐えきれな 我慢でき~な 理不尽 横暴 高圧的 威圧的 身勝手 振り回 押し付け
        丸投げ 悪 わる 不公平 不透明 曖昧 あいまい 厳し 崩壊 破綻 回らな 回ってな 機能してな
        むなし 虚し 情けな がっかり 失望 幻滅 愛想~尽き 疑問 違和感 もやもや いらいら 腹が立
        対立 衝突 揉め もめ ぶつか 違う 違っ 異な 相違 隔たり ずれが ずれてい 食い違
        古 遅 時代遅れ 形だけ 形骸化 いい加減 お粗末 ずさん 通らな 却下 はねられ 潰され
        興味~持てな 興味~な 興味~わかな 関心~持てな 関心~な やる気~出な やる気~な
        モチベ~上がらな モチベーション~上がらな 意欲~わかな 熱~入らな もたな 続かな
        すぎ 過ぎ ばらばら 現実離れ 非現実的 えぐ 地獄 声~届かな 保身 不可能 理解していな 理解してな
        しがらみ 面倒 意味~感じな 意味~見いだせな 意義~感じな させられ やらされ どろどろ だけで決ま
        過酷 苛酷 劣悪 不毛 無駄 むだ 報われな 割に合わな 不当 冷遇 見下 馬鹿に 偉そう 感情的 気分屋
        八つ当たり 無関心 無責任 責任逃れ 責任転嫁 後回し 軽視 ないがしろ 蔑ろ 独断 思いつき
        ころころ変わ 二転三転 朝令暮改 重苦し ぴりぴり 陰湿 険悪 排他的 古臭 旧態依然 硬直 停滞
        行き詰ま 息苦し 窮屈 居づら 居心地~悪 肩身~狭 孤独 手が回らな 嫌気 心が折れ 消耗 ぼろぼろ
        へとへと くたくた 寝不足 睡眠不足 苦し くるし 困っ 不便 温度差 愕然 追いつけな
        違い 埋まらな つぶれ 潰れ 鳴りっぱなし
        うざ むかつ 腹立 だる くそ 使えな 話にならな 頼りにならな 頼りな 口だけ 口先だけ 見て見ぬ
        激務 薄給 低賃金 過労 過重 酷使 こき使 搾取 使い捨て 使い潰 人が辞め 辞めていく
        ワンマン 独裁 パワハラ モラハラ 陰口 悪口 いじめ 嫌がらせ 怒鳴 罵倒 えこひいき 贔屓
    """,
    # Too much of the topic.
    "much": """
        多 過多 過剰 増え 増加 増す 長い 長く 長す 長過 高い 高く 高す 高過 重い 重く 重す
        ばかり ばっかり ばっか だらけ 続き 漬け 連日 毎日 毎晩 毎週 常に しょっちゅう 頻繁
        膨大 山積み 大量 超え 超過 こえて 上が 上げられ 増える一方 押し寄せ 追われ 当たり前 止まらな
        ごとに 毎年 たびに 過密 詰め込み ぎっしり びっしり ひっきりなし っぱなし 延々 次々 倍
        きりがな 半分 半数 大半 ほとんどの時間 毎回
    """,
    # Too little of the topic.
    "little": """
        少な 足りな 足らな 不足 低い 低く 低す 低過 安い 安く 安す 安過 安っ 上がらな
        あがらな 増えな 伸びな 出な つかな 付かな もらえな 取れな とれな ゼロ 減っ 減ら
        減少 削減 削ら カット 下が 横ばい 据え置き 頭打ち 見込めな 望めな 期待できな 見えな
        空かな 空いていな 空いてな 見込み~薄 足りていな 足りてな 見通せな 整っていな 整ってな 傾い
        低迷 落ち込 伸び悩 触れな 関われな 携われな 積めな 学べな 得られな 与えられな 任されな
        回ってこな 反映されな 読めな 限られ 乏し 雀の涙 わずか 微々たる 来な こな
        廃止 禁止 認められな できな
        させてもらえな 使えな 入っていな 導入されていな 辞め 去っ 抜け
        縮小 先細 衰退 落ちて 落ちた 落ちる ことが難し ことは難し のが難し のは難し のままだ のままです のままで
    """,
}
_EN_CUES: Mapping[str, str] = {
    "bad": """
        terrible / terribly / awful / awfully / horrible / horrendous / dreadful / toxic / bad
        / badly / worse / worst / poor / poorly / rubbish / crap / crappy / sucks / hate / hates
        / hated / can't stand / cannot stand / sick of / tired of / fed up / clueless
        / incompetent / useless / hopeless / nightmare / impossible / unbearable / unfair
        / unreasonable / ridiculous / insane / crazy / brutal / exhausting / draining / stressful
        / frustrating / annoying / miserable / chaotic / chaos / disorganised / disorganized
        / dysfunctional / broken / ignore / ignores / ignored / ignoring / dismissive / arrogant
        / rude / condescending / unsupportive / unprofessional / out of touch / joke / disaster
        / mess / killing me / kills me / shaky / bleak / grim / gloomy / uncertain / unstable
        / outdated / obsolete / ancient / clash / conflict / problem / issue / dying
        / never listen / not listen / doesn't listen / don't listen / won't listen
        / refuse to listen / doesn't care / don't care / never care / couldn't care less
        / no respect / doesn't respect / don't respect / no support / doesn't support
        / don't enjoy / didn't enjoy / no longer enjoy / never enjoyed / don't like / dislike
        / not for me / lost interest / no interest / not interested / breaks down / falls apart
        / doesn't back / don't back / never back / rock bottom / all time low / no idea / differ
        / egos / full of egos / egotistical / hellish / from hell / soul destroying / demoralising
        / demoralizing / demotivating / pointless / meaningless / overwhelming / overwhelmed / tense
        / petty / biased / rigid / stale / dull / tedious / mind numbing / soul sucking / unrewarding
        / unfulfilling / frustrated / disillusioned / jaded / shambles / farce / circus / talks down
        / talk down / belittle / belittles / blames / scapegoat / moody / erratic / volatile / aloof
        / never around / unapproachable / out of touch / out of their depth / out of his depth
        / out of her depth / indecisive / in decline / declining / shrinking / collapsing / sinking
        / struggling / failing / in trouble / at risk / downhill / nervous / stuck / at loggerheads
        / done with / had enough
        / differing / trash / garbage / unsafe / dangerous / unpredictable / won't invest
        / refuse to invest / passive aggressive / plays favourites / plays favorites
        / play favourites / play favorites / breaks / keeps breaking / broke down / nobody fixes
        / no one fixes / never fixed / never gets fixed / out of order / to save their lives
        / to save his life / to save her life / i'm done / im done
        / bully / bullies / bullying / toxic / hostile / abusive / nasty / demeaning / humiliating
        / patronising / patronizing / two faced / cliquey / backstabbing / micromanage
        / micromanages / micromanaging / gaslight / gaslights / gaslighting / favouritism
        / favoritism / nepotism / overworked / underpaid / underpaying / burned out / burnt out
        / exhausted / shattered / unsustainable / mismanaged / badly run / poorly run / dead end
        / going nowhere / going under / unfulfilling / pigeonholed / demotivated / demoralised
        / demoralized / disrespectful / unsupported / unappreciated / undervalued / exploited
        / exploitative / out of control / all over the place / a mess
    """,
    "much": """
        too much / too many / too long / too high / way too / so much / so many / excessive
        / excess / endless / constant / constantly / nonstop / non stop / relentless / always
        / all the time / every day / every night / every weekend / all day / all night
        / keeps growing / keeps rising / keeps increasing / keeps going up / keep growing
        / keep rising / keep increasing / keep going up / goes up / went up / going up
        / increasing / rising / piling up / heavy / heavier / huge / massive / overload
        / overloaded / crushing / unrealistic / doubled / tripled / never ending / never ends
        / overbooked / back to back / takes up all / eats up / eat into / night after night
        / day after day / week after week / on top of / every single / all hours / until midnight
        / till midnight / until late / mountain of / mountains of / piles of / overflowing
        / double booked / ever increasing / spiralling / skyrocketing / ballooning / only cares about / only care about / only cared about / obsessed with
        / long / longer / most of my day / most of the day / most of my time / half my day
        / half of my day / half the day / the bulk of my / expected of me / expected to
        / forced to / pushed to / pressured to / pressure to / made to / day in day out
    """,
    "little": """
        low / lower / lowest / too low / too little / so little / very little / too few / so few
        / very few / not enough / never enough / barely / hardly / less / lack / lacking / short
        / shortage / no / zero / none / nothing / nil / never / cut / cuts / slashed / reduced
        / reduction / stagnant / flat / below / losing / lost / lose / no chance
        / leaving / quitting / gone / scarce / limited / minimal / peanuts / pittance / scrapped
        / abolished / taken away / removed / hasn't moved / haven't moved / hasn't changed
        / hasn't gone up / never goes up / doesn't go up / didn't go up / not going up
        / never does / bleeding / non existent / nonexistent / weaken / deteriorate / down / dwindling
        / dropped / fallen / falling / gone down / no real / no clear / dried up / inadequate
        / insufficient / meagre / meager / measly / capped / quit / resigned / not risen
        / not increased / not had
        / never had / not get / not got / never got / not kept pace / not kept up
    """,
}
# A verb said in the negative: the subject does not do what it should
# (上司が相談に乗ってくれない, 内視鏡を触らせてもらえない, "the salary doesn't
# cover the rent"). A complaint about a person or a lack, never about too much
# of something (残業はない is a denial). Adjectives (悪くない), the copula
# (問題ではない) and a denied complaint ("isn't bad", "don't mind") are not it.
_JA_NEG = (
    r"(?<=[かがさたなばまらわえけげせぜてでねべめれきぎしじちにびみりい])(?<!かまわ)(?<!構わ)(?<!あり)"
    r"(?:な(?:い|く|かっ)|ませ[んず]|ず(?=[にとで、。]|$))"
)
_EN_NEG = (
    r"(?<!\w)(?:doesn'?t|don'?t|didn'?t|won'?t|can'?t|cannot|isn'?t|aren'?t|wasn'?t|weren'?t"
    r"|haven'?t|hasn'?t|never|not)(?!\w)"
    r"(?! (?:(?:really|that|too|so|all|at all|even) )?(?:bad|awful|terrible|a problem|an issue"
    r"|the problem|the issue|to blame|mind|complain|complaining|low|short|unhappy|unfair"
    r"|worried|wrong|only)(?!\w))"
)
# …and for a person, only a relational verb in the negative: someone does not
# listen, help, explain (教えてくれない, 相談できない, "doesn't support").
_JA_SNUB = (
    r"(?:くれ|もらえ|聞か|きか|聞き入れ|話さ|認め|教え|助け|守ら|任せ|相談でき|理解し|向き合わ|協力し"
    r"|手伝わ|対応し|説明し|耳を貸さ)(?:な(?:い|く|かっ)|ませ[んず]|ず)"
)
_EN_SNUB = (
    r"(?<!\w)(?:doesn'?t|don'?t|didn'?t|won'?t|can'?t|cannot|never|refuses? to|not)"
    r"(?: (?:even|ever|really|bother to|actually|been|be|being|get|gets|got))?"
    r" (?:listen|care|help|support|explain|respect|trust|communicate|answer|respond|back|value"
    r"|appreciate|recognise|recognize|teach|train|allow|tell|share|consult|involve"
    r"|understand|acknowledge|bother|decide|follow through|fix|reply|engage|mentor|praise|thank"
    r"|stand up for|make decisions|make a decision|make any decisions?)(?:s|ed|d|ing)?(?!\w)"
)
_SENTENCE_BREAK = {"ja": re.compile(r"[。!?\n]"), "en": re.compile(r"[.!?;\n]")}
# Counts said with も ("as many as"): 週3回も, 月100時間も.
_JA_MUCH_COUNT = r"\d+(?:回|件|時間|日|晩|泊|本|コマ|人)も|(?:往復|片道)\d+時間"
# Right after a topic that should be there: 研修がない, 休憩なし, ボーナスもゼロ.
_JA_LACK = re.compile(
    r"(?:が|は|も|の|とか|など|すら|さえ|って)?"
    r"(?:全然|ぜんぜん|全く|まったく|ほとんど|ほぼ|一切|いっさい|ろくに|まともに|特に)?"
    r"(?:(?:い|居)?な[いくしかさ]|無[いくしか]|いませ|ありませ|ございませ|ぜろ|0)"
)
# A cue denied right after it: 多くない, きつくはない, 上がらない (for 上が).
_JA_CUE_DENIED = re.compile(r"(?:[らりくわまれ]|くは|くも)?(?:な(?:い|く|かっ|さそ|し)|ありませ)")
_JA_REACH_AFTER = 16  # characters from a topic to a cue after it (上司とは進め方に関して見解の相違)
_JA_REACH_BEFORE = 2  # from a cue to a topic after it (ひどい上司, 少ない人員)
_EN_REACH = 4  # words between a topic and its cue, either side


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


# A smaller amount said right after a word whose complaint is "too much":
# 当直は月2回と少なく, "the commute is short". Not used for lacks (症例が少ない).
_JA_FEW_AFTER = re.compile(
    r"(?:は|も|が)[^、。,.!?]{0,8}?(?:少な(?!すぎ|過ぎ)|ぜろ|ほぼな|ほとんどな|わずか)"
)
_EN_FEW_AFTER = re.compile(
    r" (?:is|are|was|were|'s|'re|has been|have been)"
    r"(?: (?:very|quite|pretty|really|fairly|relatively))?"
    r" (?:short|low|rare|minimal|infrequent|occasional)(?!\w)"
)


def few_after(folded: str, end: int, lang: str) -> bool:
    """True when the words before *end* are said to be few, short or rare right after."""
    pattern = _JA_FEW_AFTER if lang == "ja" else _EN_FEW_AFTER
    return pattern.match(folded, end) is not None


def topic_problem(topic: str) -> str | None:
    """Why *topic* cannot be a topic word, or None when it can."""
    if any(ch in PARTICLE_MARKS or ch in GAP_MARKS for ch in topic):
        return "a topic is a plain word or phrase: no ~ or *"
    return trigger_problem(topic)


@lru_cache(maxsize=4)
def _cue_index(
    lang: str,
) -> tuple[dict[str, list[tuple[str, str, str]]], tuple[tuple[str, re.Pattern[str]], ...]]:
    """The cue words by the first two characters of the text they must contain, and the
    few cue patterns that are rules rather than words (counts, negations), each with its kind."""
    table = _JA_CUES if lang == "ja" else _EN_CUES
    by_key: dict[str, list[tuple[str, str, str]]] = {}
    for kind, words in table.items():
        cues = words.split() if lang == "ja" else [w.strip() for w in words.split("/")]
        for cue in sorted(set(cues)):
            literal = trigger_literal(cue, lang)
            assert literal, cue
            by_key.setdefault(literal[:2], []).append((literal, kind, cue))
    rules: list[tuple[str, re.Pattern[str]]] = [
        ("neg", re.compile(_JA_NEG if lang == "ja" else _EN_NEG)),
        ("snub", re.compile(_JA_SNUB if lang == "ja" else _EN_SNUB)),
    ]
    if lang == "ja":
        rules.append(("much", re.compile(_JA_MUCH_COUNT)))
    return by_key, tuple(rules)


@lru_cache(maxsize=4096)
def _cue_pattern(cue: str, lang: str) -> re.Pattern[str]:
    """A cue's pattern, compiled the first time its literal occurs in a text."""
    pattern = trigger_pattern(cue, lang)
    assert pattern is not None, cue
    return pattern


def _cues(folded: str, lang: str) -> list[tuple[int, int, str]]:
    """Every cue in *folded*: ``(start, end, kind)``; where cues of one kind overlap, the longest."""
    by_key, rules = _cue_index(lang)
    keys = {folded[i : i + 2] for i in range(len(folded) - 1)}
    keys.update(folded)
    found: list[tuple[int, int, str]] = []
    for key in keys & by_key.keys():
        for literal, kind, cue in by_key[key]:
            if literal in folded:
                pattern = _cue_pattern(cue, lang)
                found.extend(
                    (m.start(), m.end(), kind)
                    for m in pattern.finditer(folded)
                    if m.end() > m.start()
                )
    for kind, pattern in rules:
        found.extend(
            (m.start(), m.end(), kind) for m in pattern.finditer(folded) if m.end() > m.start()
        )
    found.sort(key=lambda c: (c[0], c[0] - c[1]))
    out: list[tuple[int, int, str]] = []
    reach: dict[str, int] = {}
    for start, end, kind in found:  # leftmost, then longest, per kind (as one alternation would)
        if start >= reach.get(kind, 0):
            out.append((start, end, kind))
            reach[kind] = end
    return out


def cue_denied(folded: str, start: int, end: int, lang: str) -> bool:
    """True when the complaint word at ``folded[start:end]`` is denied or said to be fine
    (不満はない, きつくはない, "not tired of it", "no complaints")."""
    return _cue_denied(folded, start, end, lang)


def sentence_span(folded: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """The sentence of *folded* around ``folded[start:end]``."""
    return _sentence_span(folded, start, end, lang)


def _cue_denied(folded: str, start: int, end: int, lang: str) -> bool:
    if negated(folded, start, end, lang):
        return True
    return lang == "ja" and _JA_CUE_DENIED.match(folded, end) is not None


def _word_index(folded: str) -> list[int]:
    """For every character, how many spaces come before it (the word it is in)."""
    index, n = [], 0
    for ch in folded:
        index.append(n)
        n += ch == " "
    index.append(n)
    return index


def _sentence_span(folded: str, start: int, end: int, lang: str) -> tuple[int, int]:
    brk = _SENTENCE_BREAK[lang]
    begin = 0
    for m in brk.finditer(folded, 0, start):
        begin = m.end()
    after = brk.search(folded, end)
    return begin, after.start() if after is not None else len(folded)


# After a topic word, words that make it something other than the subject of a
# complaint: the speaker's own role (技師として), a comparison (同期との差).
_JA_NOT_TOPIC_AFTER = re.compile(
    r"として|との差|と比べ|と比較|に比べ|より(?:も)?(?:ずっと|かなり)?(?:多|少|高|低|安)"
)
# …and for a count of people (看護師, staff), someone who acts: 主任看護師からの当たり.
_JA_AGENT_AFTER = re.compile(r"から(?:の|は|も)?|に(?:言われ|怒られ|叱られ)")
_EN_NOT_TOPIC_BEFORE = re.compile(r"(?:^|[\s,.;:!?])(?:as an?|i'm an?|i am an?|im an?)( [a-z]+)? $")


def _not_a_topic(folded: str, start: int, end: int, kind: str, lang: str) -> bool:
    """True when the topic word at ``folded[start:end]`` names a role or a comparison, not a complaint."""
    if lang == "ja":
        if _JA_NOT_TOPIC_AFTER.match(folded, end):
            return True
        return kind == "too_little" and _JA_AGENT_AFTER.match(folded, end) is not None
    return _EN_NOT_TOPIC_BEFORE.search(folded[max(0, start - 30) : start]) is not None


def _repeated(folded: str, first: tuple[int, int, str], second: tuple[int, int, str]) -> bool:
    """True when *second* repeats the word of *first* right after it (論文、論文で; "meetings, meetings")."""
    between = folded[first[1] : second[0]].strip()
    return (
        between in ("", "、", ",", "，")
        and folded[first[0] : first[1]] == folded[second[0] : second[1]]
    )


_OPPOSITE_CUE: Mapping[str, str] = {"too_much": "little", "too_little": "much"}


def topic_relieved(folded: str, lang: str, topics: Sequence[tuple[int, int, str]]) -> bool:
    """True when a topic's clause says it moved the good way (人員が増えて, "the workload went down").

    Such a text judges the topic and finds no complaint, so nothing should be
    guessed from it either.
    """
    cues = _cues(folded, lang)
    for start, end, kind in topics:
        want = _OPPOSITE_CUE.get(kind)
        if want is None:
            continue
        begin, stop = clause_span(folded, start, end, lang)
        if any(c[2] == want and begin <= c[0] and c[1] <= stop for c in cues):
            return True
    return False


def topic_complaints(
    folded: str,
    lang: str,
    topics: Sequence[tuple[int, int, str]],
    blocked: bytearray,
    *,
    wide: bool = False,
) -> list[tuple[int, int, int]]:
    """Topics that a cue word in their clause turns into a complaint.

    *topics* are ``(start, end, kind)`` spans in *folded*, not overlapping;
    *blocked* marks characters already explained by a trigger, which no cue
    may use. Returns ``(topic number, start, end)`` with the span from topic
    to cue. A cue pairs with the nearest topic of a kind it fits, in the same
    clause: in Japanese after the topic (上司と方向性が合わない) or just before
    it (理不尽な上司); in English on either side within four words ("management
    never listens", "clueless management", "keeps cutting staff"). A denied cue
    (多くはない, "not bad") and a clause that says all is well are no
    complaint; a topic that should be there may also be missing outright
    (研修がない).

    *wide* is the last resort when nothing else in the text matched: a cue
    may then pair with a topic anywhere in its sentence, across commas and
    connectives, at twice the reach (論文、論文で、患者さんを診られていない).
    """
    if not topics:
        return []
    cues = [c for c in _cues(folded, lang) if not any(blocked[c[0] : c[1]])]
    words = _word_index(folded) if lang == "en" else []
    span_of = _sentence_span if wide else clause_span
    clause = {i: span_of(folded, t[0], t[1], lang) for i, t in enumerate(topics)}
    scale = 2 if wide else 1
    found: dict[int, tuple[int, int, int]] = {}
    topics = [t if not _not_a_topic(folded, *t, lang) else (t[0], t[1], "") for t in topics]
    for i, (start, end, kind) in enumerate(topics):
        if (
            kind == "too_much"
            and i + 1 < len(topics)
            and _repeated(folded, topics[i], topics[i + 1])
        ):
            found[i] = (i, start, topics[i + 1][1])  # 論文、論文で: said twice, it is too much
            continue
        if kind == "too_little" and lang == "ja":
            lack = _JA_LACK.match(folded, end)
            if lack is not None and not satisfied(folded, start, end, lang):
                found[i] = (i, start, lack.end())
    used = bytearray(len(folded))  # a cue's words say one thing about one topic
    for cue_start, cue_end, cue_kind in sorted(cues):
        if any(used[cue_start:cue_end]) or _cue_denied(folded, cue_start, cue_end, lang):
            continue
        if wide:
            own = clause_span(folded, cue_start, cue_end, lang)
            if any(own[0] <= t[0] and t[1] <= own[1] for t in topics):
                continue  # the cue is about a topic of its own clause, not one further off
        best: tuple[int, int] | None = None  # (distance, topic number)
        for i, (start, end, kind) in enumerate(topics):
            begin, stop = clause[i]
            if cue_kind not in _CUES_FOR.get(kind, ()) or not (
                begin <= cue_start and cue_end <= stop
            ):
                continue
            if lang == "ja":
                if start >= cue_end:
                    distance = start - cue_end
                    if distance > _JA_REACH_BEFORE or _JA_CLAUSE_BREAK.search(
                        folded, cue_end, start
                    ):
                        continue
                    distance = distance * 2 + 1  # at equal reach, the topic before wins
                elif end <= cue_start and cue_start - end <= _JA_REACH_AFTER * scale:
                    distance = (cue_start - end) * 2
                else:
                    continue
            else:
                if start >= cue_end:
                    distance = words[start] - words[cue_end] - 1
                elif end <= cue_start:
                    distance = words[cue_start] - words[end] - 1
                else:
                    continue
                if distance > _EN_REACH * scale:
                    continue
                distance = distance * 2 + (start >= cue_end)
            if cue_kind == "snub" and kind != "bad":
                distance += 1000  # someone who does not listen is a person, if one is named
            if best is None or distance < best[0]:
                best = (distance, i)
        if best is None or best[1] in found:
            continue
        i = best[1]
        start, end, kind = topics[i]
        if any(blocked[min(end, cue_end) : max(start, cue_start)]):
            continue  # a trigger between them is what the cue is about (営業ノルマが上がる)
        if kind != "too_little" and negated(folded, start, end, lang):
            continue  # 残業はないが…, "no overtime"
        if satisfied(folded, start, end, lang):
            continue
        if wide and lang == "ja" and _JA_CONTENT.search(folded, *clause[i]):
            continue  # 評価もきちんとしてもらえていて、特に不満はありません
        found[i] = (i, min(start, cue_start), max(end, cue_end))
        used[cue_start:cue_end] = b"\x01" * (cue_end - cue_start)
    return sorted(found.values(), key=lambda f: f[1])
