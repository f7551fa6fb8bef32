"""What a match in a leaving reason means: denied, praised, only feared, or a complaint.

Phrasebook triggers and topics (:mod:`resumegen.enrich.triggers`) find words
in folded text (:mod:`resumegen.enrich.fold`); the rules here read the clause
around them: a complaint word that is denied (当直はない, "no overtime") or
said to be fine is no complaint; a fact that is only feared (リストラされそう)
did not happen; a topic (上司, management) with a cue word in its clause
(合わない, "never listens") is one. The rules are grammar and stay in code;
the words they use are data (:mod:`resumegen.enrich.matcher_words`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from resumegen.enrich.matcher_words import matcher_words
from resumegen.enrich.triggers import CLAUSE_END, trigger_literal, trigger_pattern

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
# English: a negator (no, not, never …) up to four words before, only small words
# between (see the word lists); or the words right after say all is fine.
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


def _en_praised(words: Sequence[str]) -> bool:
    """True when one of the three words before a complaint word praises it ("a fair rota", "good on-call")."""
    lists = matcher_words("en")
    near = [w.replace("'", "") for w in words[-3:]]
    for i in range(len(near) - 1, -1, -1):
        if near[i] in lists.praise:
            return not any(w in lists.praise_undone for w in near[:i])
    return False


def _en_clause_before(folded: str, start: int) -> list[str]:
    """The words of the clause that runs up to *start*, nearest last."""
    clause_words = matcher_words("en").clause_words
    words: list[str] = []
    stop = start
    floor = max(start - CLAUSE_REACH, 0) - 1
    while stop > floor:  # word by word from *start* back, no further than the clause
        space = folded.rfind(" ", 0, stop)
        raw = folded[space + 1 : stop]
        if raw:
            if raw[-1] in CLAUSE_END or raw in clause_words:
                break
            words.append(raw.strip("\"'"))
        stop = space
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
    return _break_before(folded, start, brk), _break_after(folded, end, brk)


# The longest a break and what it looks at after itself can reach ("although", "and i ").
_BREAK_REACH = 16
# How far a clause or a sentence is read either side of a match. A reason is a
# sentence or two; a run of text without a break is read only this far, so that
# matching stays linear in the length of the text.
CLAUSE_REACH = 400


@lru_cache(maxsize=16)
def _break_ends(folded: str, brk: re.Pattern[str]) -> list[int]:
    """Where each break of *folded* ends, found once per text."""
    return [m.end() for m in brk.finditer(folded)]


def _break_before(folded: str, start: int, brk: re.Pattern[str]) -> int:
    """The end of the last break that lies wholly before *start* (0 when none).

    A text's breaks are found once, so a long text with many matches costs
    linear time, not quadratic. Only the last few characters before *start*
    are searched again, as a break there may read past *start*.
    """
    ends = _break_ends(folded, brk)
    known = bisect.bisect_right(ends, start - _BREAK_REACH)
    begin = max(ends[known - 1] if known else 0, start - CLAUSE_REACH)
    for m in brk.finditer(folded, begin, start):
        begin = m.end()
    return begin


def _break_after(folded: str, end: int, brk: re.Pattern[str]) -> int:
    """The start of the first break from *end*, at most :data:`CLAUSE_REACH` on."""
    limit = min(end + CLAUSE_REACH, len(folded))
    after = brk.search(folded, end, limit + _BREAK_REACH)
    return min(after.start(), limit) if after is not None else limit


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


def contented(folded: str, lang: str) -> bool:
    """The text says somewhere that all is fine (特に不満はありません, "no complaints")."""
    pattern = _JA_CONTENT if lang == "ja" else _EN_CONTENT
    return pattern.search(folded) is not None


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
    if conceded(folded, start, end, lang):
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
    lists = matcher_words("en")
    for i in range(len(words) - 1, max(len(words) - 1 - _EN_MAX_BEFORE, -1), -1):
        word = words[i].replace("'", "")
        if word in lists.negators:
            return not any(w in lists.wanting for w in words[:i])
        if word not in lists.negation_fillers:
            return False
    return False


# ---------------------------------------------------------------- concessions

# A burden the person accepts is no reason: 年収が下がっても構わない, "happy to take a pay cut",
# "even if the pay is lower".
_JA_CONCEDED = re.compile(
    r"(?:が|は|も)?[一-龯ぁ-んー]{0,6}?(?:て|で)(?:は)?も(?:いい|良い|よい|構わ|かまわ|大丈夫|平気|仕方|しかたな|OK|ok)"
)
_EN_CONCEDED = re.compile(
    r"\b(?:even if|even though|even with|don't mind|dont mind|do not mind|willing to|happy to|"
    r"prepared to|ready to|fine with|ok with|okay with|accept|accepting|tak(?:e|ing) (?:a|the))\b"
    r"[^.,;!?]{0,30}$"
)


def conceded(folded: str, start: int, end: int, lang: str) -> bool:
    """True when the words at ``folded[start:end]`` are a burden the person accepts."""
    if lang == "ja":
        return _JA_CONCEDED.match(folded, end) is not None
    return _EN_CONCEDED.search(folded, max(0, start - 60), start) is not None


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
# Hearsay a few words on: 希望退職の募集がかかるって噂, 業績が悪いみたい.
_JA_HEARSAY = re.compile(
    r"(?:(?:の|が|を|に|も|は)[一-龯ァ-ヴー]{1,4})?(?:が|を|も|は)?[ぁ-ゖ]{0,5}?"
    r"(?:って噂|という噂|との噂|って話|という話|みたい|らしい)"
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
        return (
            _JA_HYPOTHETICAL.match(folded, end) is not None
            or _JA_HEARSAY.match(folded, end) is not None
        )
    if _EN_HYPOTHETICAL_AFTER.match(folded, end):
        return True
    listed = matcher_words("en")
    clause = _en_clause_before(folded, start) + folded[start:end].split()
    if any(w.replace("'", "") in listed.hearsay for w in clause):
        return True  # there's talk our hospital is about to be bought out; consulting on …
    words = clause[-_EN_HYPOTHETICAL_REACH:]
    return any(w.replace("'", "") in listed.hypothetical or w.endswith("'ll") for w in words)


def part_of_a_name(folded: str, start: int, end: int, lang: str) -> bool:
    """True when the words at ``folded[start:end]`` are part of a job's or a setting's name.

    Used for plain facts: 介護 in 介護福祉士 or 訪問介護, 療養 in 療養病棟 and
    "care" in "care worker" name a job or a ward, not a family's care or an
    illness. The neighbouring words are data (``name_before``, ``name_after``).
    """
    words = matcher_words(lang)
    if lang == "ja":
        return any(folded.startswith(w, end) for w in words.name_after) or any(
            folded.endswith(w, 0, start) for w in words.name_before
        )
    after = re.match(r" ([a-z]+)", folded[end:])
    before = re.search(r"([a-z]+) $", folded[:start])
    return bool(after and after.group(1) in words.name_after) or bool(
        before and before.group(1) in words.name_before
    )


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


@lru_cache(maxsize=4)
def _cue_index(
    lang: str,
) -> tuple[dict[str, list[tuple[str, str, str]]], tuple[tuple[str, re.Pattern[str]], ...]]:
    """The cue words (from :mod:`resumegen.enrich.matcher_words`) by the first two characters
    of the text they must contain, and the few cue patterns that are rules rather than words
    (counts, negations), each with its kind."""
    by_key: dict[str, list[tuple[str, str, str]]] = {}
    for kind, cues in matcher_words(lang).cues.items():
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


def bad_cue(folded: str, lang: str) -> bool:
    """True when *folded* holds a word of blame or feeling (the ``bad`` cues: 最悪, toxic)."""
    return any(kind == "bad" for _, _, kind in _cues(folded, lang))


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
    return _break_before(folded, start, brk), _break_after(folded, end, brk)


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
            if (
                lack is not None
                and not satisfied(folded, start, end, lang)
                and not conceded(folded, start, lack.end(), lang)
            ):
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
