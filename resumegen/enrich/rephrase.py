"""Turn a leaving reason into honest, positive phrasing from the phrasebooks.

The reason as the person would say it (「当直が多くて休めない」) is matched
against the phrasebook entries for their profile, tier by tier
(:mod:`resumegen.enrich.reason_scan`: triggers, topic words with a
complaint cue, a category's subjects and cues, the classifier learnt from
the examples). The matched entries' positive phrasing is joined into a
short answer for a form and a long one for the interview, plain facts
first (:mod:`resumegen.enrich.reason_answer`).

Nothing is invented: the answer is made only of phrasebook sentences and of
slot values the caller passes (role, employer …). Words the text denies
(「当直はない」, "not on call") are no reason, and a fact that is only feared
or rumoured (「リストラされそう」, "afraid of being laid off") is not stated
as having happened.

This module is the public home of the leaving-reason API: :func:`rephrase`,
:func:`with_slots`, :func:`negative_triggers`, :func:`no_match_help` and
the types and loaders they take and give.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from resumegen.enrich.answer_rules import AnswerRules, answer_rules, found_words
from resumegen.enrich.background import find_background, find_speaker
from resumegen.enrich.fold import fold
from resumegen.enrich.matcher import contented
from resumegen.enrich.next_step import NextStep, find_next_step
from resumegen.enrich.reason_answer import (
    Found,
    Grounding,
    Match,
    Rephrasing,
    answer,
    slots_from,
)
from resumegen.enrich.reason_scan import Hit, matched_hits, scan
from resumegen.enrich.situation import Told, intro, situation, tells_a_change
from resumegen.errors import ArgumentError
from resumegen.messages import say
from resumegen.record.model import PROFILES, REASON_MAX_CHARS
from resumegen.resources.phrasebook import Entry, Phrasebook
from resumegen.resources.phrasebook_load import (
    _check_lang,
    bundled_phrasebook,
    load_phrasebook_file,
    load_phrasebooks,
)

__all__ = [
    "Entry",
    "Grounding",
    "Match",
    "Phrasebook",
    "Rephrasing",
    "infer_profile",
    "load_phrasebook_file",
    "load_phrasebooks",
    "negative_triggers",
    "no_match_help",
    "own_answer",
    "rephrase",
    "slots_from",
    "spelt_american",
    "with_slots",
]

# Sentence ends (kept with the sentence) and clause breaks, for the checks below.
_SENTENCES = re.compile(r"[^。．.!?！？\n]+[。．.!?！？]*")
_CLAUSES = re.compile(r"[^。．.!?！？\n、,;；]+")


def _check_profile(profile: str) -> None:
    if profile not in PROFILES:
        raise ArgumentError(
            f"unknown profile `{profile}`; choose {', '.join(PROFILES)}",
            param="profile",
            choices=PROFILES,
        )


def _resolve_book(book: Phrasebook | None, lang: str) -> Phrasebook:
    _check_lang(lang)
    if book is None:
        return bundled_phrasebook(lang)
    if book.lang != lang:
        raise ArgumentError(
            f"the phrasebook is `{book.lang}` but `{lang}` was asked for", param="lang"
        )
    return book


def rephrase(
    text: str,
    *,
    lang: str,
    profile: str | None = None,
    book: Phrasebook | None = None,
    slots: Mapping[str, str] | None = None,
    grounding: Grounding | None = None,
) -> Rephrasing:
    """Rephrase a leaving reason into one answer (:mod:`resumegen.enrich.reason_answer`).

    *profile* None infers it from the text (:func:`infer_profile`); the
    result names the profile used and how it was chosen. *grounding* (the
    record's facts and the target) fills the answer's slots and its
    grounded sentence; *slots* adds values by name (role, employer). A text
    that is no leaving reason (a greeting, a question, a request, a sentence
    not about work) gets no answer and ``reason`` false. A reason is a
    sentence or two: a text longer than
    :data:`~resumegen.record.model.REASON_MAX_CHARS` is an ArgumentError.
    """
    book = _resolve_book(book, lang)
    if profile is not None:
        _check_profile(profile)
    if len(text) > REASON_MAX_CHARS:
        raise ArgumentError(
            f"the text is {len(text):,} characters; a leaving reason may be at most "
            f"{REASON_MAX_CHARS:,} (a sentence or two)",
            param="text",
        )
    rules = answer_rules(lang)
    how = "given"
    if profile is None:
        profile, how = infer_profile(text, lang, book=book)
    no_reason = Rephrasing(
        text, lang, None, None, False, (), (), reason=False, profile=profile, profile_from=how
    )
    if _only_talk(text, rules):
        return no_reason
    hits: Sequence[Hit] = [h for h in matched_hits(text, book, profile) if _fits(h, text, rules)]
    if profile != "clinical-specialist":  # a device maker's or a pharma company's people
        hits = _for_whom(hits, text, book, rules)
    step = find_next_step(text, rules)
    if not hits and step is None and not rules.found(rules.work_words, text):
        return no_reason  # nothing matched and nothing is about work: not a gap in the book
    if (
        step is None
        and all(h.entry.fallback for h in hits)
        and contented(fold(text, lang), lang)
        and not tells_a_change(situation(text, rules), rules)
    ):
        # 特に不満はないです…: only a general guess, against the person's words, and no
        # fact of their own ("no complaints, it's just the pipeline" after a trial failed)
        return no_reason
    # the named "destination" is itself a complaint (もう辞めたい, want out); a word only
    # guessed from (キャリア, 関わりたい) is the wish itself and vetoes nothing. A complaint
    # only in the words describing the place (当直のない産業医) leaves the place (産業医).
    if step is not None and _complains(step, hits, book, profile):
        bare = step.bare
        step = bare if bare is not None and not _complains(bare, hits, book, profile) else None
    found = [
        Found(
            h.entry, h.quoted, h.start, _strong(h), h.entry.keep_as_is and _to_come(text, h, rules)
        )
        for h in hits
    ]
    speaker = None
    opening = None
    away: list[tuple[int, int]] = []
    if grounding is None or not (grounding.field or grounding.title or grounding.years):
        # no record: the person's own words about their past ground the answer instead
        told = find_background(text, rules)
        if told is not None:
            grounding = replace(
                grounding or Grounding(), field=told.field, title=told.title, years=told.years
            )
            opening = intro(rules, title=told.title, field=told.field, years=told.years)
            away.append(told.span)
        speaker = find_speaker(text, rules)
        if speaker is not None and any(matched_hits(speaker, book, p) for p in PROFILES):
            speaker = None  # 欠員, 無給医: a complaint word, not the role the person holds
    # the person's own clauses of fact, said as they gave them (a figure, a date, a fact
    # an entry knows only in general words)
    own = _own_facts(text, rules, found, step, away)
    if not found and step is None and not tells_a_change(own, rules):
        own = []  # clauses that only introduce the person (I'm a band 6 sister): no answer
    if opening is None and speaker and (own or any(f.entry.keep_as_is for f in found)):
        # facts to tell: who tells them opens the answer (I work as a dialysis RN.)
        opening = intro(rules, title=speaker, field=None, years=None)
    result = answer(
        text,
        lang,
        found,
        rules,
        step=step,
        grounding=grounding,
        extra_slots=slots,
        speaker=speaker,
        told=own,
        intro=opening,
    )
    return replace(
        result,
        profile=profile,
        profile_from=how,
        unmatched=_unmatched(text, result, rules),
    )


def _own_facts(
    text: str,
    rules: AnswerRules,
    found: Sequence[Found],
    step: NextStep | None,
    away: Sequence[tuple[int, int]] = (),
) -> list[Told]:
    """The person's own clauses of fact an answer says (:mod:`resumegen.enrich.situation`),
    the same for a text alone and for an application's answer to it."""
    return situation(
        text,
        rules,
        facts=[f.quoted for f in found if f.entry.keep_as_is],
        leave_out=away,
        most=3,
        step=(step.start, step.end) if step else None,
    )


@lru_cache(maxsize=1024)
def _serves_customers(entry: Entry, customers: tuple[str, ...], lang: str) -> bool:
    """One of *entry*'s phrasings names *customers* (お客様, customers); found once an entry."""
    said = " ".join(" ".join(v) for v in (entry.motive, entry.short, entry.long) if v)
    return bool(found_words(customers, said, lang))


def _for_whom(hits: Sequence[Hit], text: str, book: Phrasebook, rules: AnswerRules) -> list[Hit]:
    """*hits* without those whose phrasings speak of customers when *text* is about care and
    not about business (``customers``, ``care`` and ``business`` of the answer rules): such
    a match gives way to its category's general entry, as a guess."""

    if (
        not rules.customers
        or rules.found(rules.business, text)
        or not rules.found(rules.care, text)
    ):
        return list(hits)
    general = {e.category: e for e in book.fallback_entries}
    out: list[Hit] = []
    for h in hits:
        if not _serves_customers(h.entry, rules.customers, rules.lang):
            out.append(h)
        elif h.entry.category in general and not any(
            x.entry is general[h.entry.category] for x in out
        ):
            out.append(replace(h, entry=general[h.entry.category], topic=True))
    return out


# A fact's own words in the past ("closed", "was sold", "got bought").
_EN_PAST = re.compile(
    r"\b(?:was|were|got|went|had|has been|have been)\b"
    r"|\b(?!(?:fixed|limited|qualified|registered|experienced|skilled|speciali[sz]ed|unpaid"
    r"|underpaid|dedicated|advanced|based|related|needed|proposed|planned|expected)\b)"
    r"[a-z]{3,}ed\b",
    re.I,
)


def _fits(hit: Hit, text: str, rules: AnswerRules) -> bool:
    """A fact whose sentence has a word of its `fact_not` list is not the person's:
    妻が妊娠中, グループホームで介護してます (the job), covering a mat leave."""
    never = rules.fact_not.get(hit.entry.id)
    if not never:
        return True
    sentence = _sentence_of(text, hit.quoted)
    return not rules.found(never, sentence.group() if sentence else text)


def _sentence_of(text: str, quoted: str) -> re.Match[str] | None:
    """The sentence of *text* that holds the first occurrence of *quoted*."""
    at = text.find(quoted)
    if at < 0:
        return None
    return next((m for m in _SENTENCES.finditer(text) if m.start() <= at < m.end()), None)


def _to_come(text: str, hit: Hit, rules: AnswerRules) -> bool:
    """The sentence that states *hit*'s fact tells of it as still to come (予定, next spring).

    A fact told in the past (closed, was sold; 買収されて) happened, whatever a bare date in
    its sentence says ("our ward closed in May")."""
    sentence = _sentence_of(text, hit.quoted)
    if sentence is None:
        return False
    at = text.find(hit.quoted)
    said = sentence.group()
    if rules.lang == "en" and hit.entry.who:
        # an event of one part of the organisation is told in its own clause: "the study
        # was terminated and half the team is being redeployed" (a move, by contrast, is
        # what a spouse's new job leads to: "he got a job in Perth and we're moving")
        start, end = at - sentence.start(), at - sentence.start() + len(hit.quoted)
        cuts = [m for m in _EN_CLAUSE_CUT.finditer(said)]
        start = max((m.end() for m in cuts if m.end() <= start), default=0)
        end = min((m.start() for m in cuts if m.start() >= end), default=len(said))
        said = said[start:end]
    found = [m.group() for p in rules.upcoming for m in p.finditer(said)]
    if not found:
        return False
    if rules.lang == "en":
        done = _EN_PAST.search(hit.quoted) is not None
        dates_only = all(_EN_BARE_DATE.fullmatch(x.strip()) for x in found)
    else:
        done = _JA_DONE.match(text, at + len(hit.quoted)) is not None
        dates_only = all(_JA_BARE_DATE.fullmatch(x) for x in found)
    return not (done and dates_only)


_EN_CLAUSE_CUT = re.compile(r"[,;:]|\s(?:and|but|so|because|while|whereas)\s", re.IGNORECASE)
# A date that may be past or future ("in May", 来年から): with a fact told in the past it
# says when that happened; and the past of a Japanese fact (買収されて, 閉鎖された).
_EN_BARE_DATE = re.compile(
    r"(?:in|by|from|before) \w+|(?:january|february|march|april|may|june|july|august"
    r"|september|october|november|december)",
    re.IGNORECASE,
)
_JA_BARE_DATE = re.compile(r"来月|来年|来春|来年度|年度末|今年度いっぱい|今月いっぱい|今月末")
_JA_DONE = re.compile(r"(?:さ)?れ(?:て(?!いる|いく|しま)|た)|して(?!い)|した|になって|になった")


def _complains(step: NextStep, hits: Sequence[Hit], book: Phrasebook, profile: str) -> bool:
    """A strong complaint is said inside *step* (残業代がしっかり出るところ), or *step*
    inside it."""

    def complaint(h: Hit) -> bool:
        # a `future` entry found inside the step is the direction itself (企業で産業医として
        # 働きたい), not a complaint about the place
        return _strong(h) and not h.entry.keep_as_is and h.entry.category != "future"

    if any(complaint(h) and (h.quoted in step.quoted or step.quoted in h.quoted) for h in hits):
        return True
    return any(complaint(h) for h in matched_hits(step.quoted, book, profile))


def _strong(hit: Hit) -> bool:
    return not hit.topic and not hit.entry.fallback


def _only_talk(text: str, rules: AnswerRules) -> bool:
    """Every sentence of *text* is a greeting, a question or a request: no leaving reason."""
    sentences = [s.strip() for s in _SENTENCES.findall(text) if s.strip()]
    patterns = (*rules.greetings, *rules.questions)
    return bool(sentences) and all(any(p.search(s) for p in patterns) for s in sentences)


def _unmatched(text: str, result: Rephrasing, rules: AnswerRules) -> tuple[str, ...]:
    """The clauses of *text* that no match and no named next step explain."""
    if result.rephrased is None:
        return ()
    quoted = [m.trigger for m in result.matches]
    if result.next_step is not None:
        quoted.append(result.next_step.quoted)
    out = []
    for clause in _CLAUSES.findall(text):
        clause = clause.strip()
        if len(fold(clause, rules.lang).split() if rules.lang == "en" else clause) < (
            3 if rules.lang == "en" else 4
        ):
            continue
        if any(q and (q in clause or clause in q) for q in quoted):
            continue
        if not rules.found(rules.work_words, clause):
            continue
        out.append(clause)
    return tuple(out)


def infer_profile(text: str, lang: str, *, book: Phrasebook | None = None) -> tuple[str, str]:
    """Whose reason *text* is, and how that was decided: ``("physician", "text")``.

    The profile whose words (``profiles`` in the answer rules: 医局, 教授, 当直;
    quota, territory) occur most in the text, when one clearly leads
    (``"text"``); else every profile's book is tried and the one whose
    triggers explain the most of the text wins, ``general`` on a tie
    (``"tried"``).
    """
    book = _resolve_book(book, lang)
    rules = answer_rules(lang)
    counts = sorted(
        ((len(rules.found(words, text)), name) for name, words in rules.profiles.items()),
        reverse=True,
    )
    if counts and counts[0][0] > 0 and (len(counts) == 1 or counts[0][0] > counts[1][0]):
        return counts[0][1], "text"
    best, best_weight = "general", 0
    for name in ("general", *(p for p in PROFILES if p != "general")):
        weight = sum(h.weight for h in matched_hits(text, book, name) if _strong(h))
        if weight > best_weight:
            best, best_weight = name, weight
    return best, "tried"


def own_answer(text: str, lang: str, reason: Rephrasing | None) -> Rephrasing:
    """The person's own answer, used as written; the phrasebook's match of their reason
    (*reason*) still gives the follow-up prompts."""
    return Rephrasing(
        reason.input if reason else text,
        lang,
        text,
        text,
        False,
        reason.matches if reason else (),
        reason.follow_up if reason else (),
        profile=reason.profile if reason else "general",
        profile_from=reason.profile_from if reason else "given",
        lead="own",
        lead_by=answer_rules(lang).text.get("lead_own", "own"),
    )


def with_slots(
    result: Rephrasing,
    slots: Mapping[str, str] | None = None,
    *,
    book: Phrasebook | None = None,
    grounding: Grounding | None = None,
    american: bool = False,
) -> Rephrasing:
    """*result* answered again for an application: the same matches, with the target's and
    the record's values (*grounding*, *slots*) filled in.

    *book* must be the phrasebook that produced *result*. This is how one
    match serves both a form's short line and an application's interview
    answer with the target's role and employer filled in.
    """
    book = _resolve_book(book, result.lang)
    if not result.reason:
        return result
    found = []
    for m in result.matches:
        entry = book.get(m.id)
        if entry is None:
            raise ValueError(f"entry `{m.id}` is not in the phrasebook that matched it")
        found.append(Found(entry, m.trigger, m.start, m.strong, m.upcoming))
    rules = answer_rules(result.lang)
    step = result.next_step
    again = answer(
        result.input,
        result.lang,
        found,
        rules,
        step=step,
        grounding=grounding,
        extra_slots=slots,
        told=_own_facts(result.input, rules, found, step),
    )
    again = replace(
        again, profile=result.profile, profile_from=result.profile_from, unmatched=result.unmatched
    )
    return spelt_american(again) if american else again


def spelt_american(result: Rephrasing) -> Rephrasing:
    """*result* with the text the tool wrote in American spelling (English only)."""
    if result.lang != "en":
        return result
    from resumegen.enrich.spelling import american

    def us(text: str | None) -> str | None:
        return american(text) if text is not None else None

    return replace(
        result,
        rephrased=us(result.rephrased),
        long=us(result.long),
        follow_up=tuple(american(f) for f in result.follow_up),
        told=tuple(american(t) for t in result.told),
    )


def negative_triggers(
    text: str, lang: str, profile: str = "general", *, book: Phrasebook | None = None
) -> list[str]:
    """The negative words in *text*, as written there, in order of appearance.

    Plain facts (``category: keep``) are not negative and are not listed. Only
    triggers count here, not topic words with a cue: this also reads self-PR
    and motivation text, where 「外来患者数を増やした」 is an achievement.
    """
    book = _resolve_book(book, lang)
    _check_profile(profile)
    found: list[str] = []
    for hit in scan(text, book, profile, topics=False):
        if not hit.entry.keep_as_is and hit.quoted not in found:
            found.append(hit.quoted)
    return found


_HELP_EXAMPLE = {
    "ja": """\
  entries:
    - id: my_reason
      category: work              # work | people | conditions | future | keep
      triggers: [会議が多い, 会議ばかり]
      positive:
        short: 実務に時間を使い、成果に直結する仕事に集中したいと考えています。
        long: 実務に時間を使い、成果に直結する仕事に集中したいと考えています。これまでの経験を、より直接に成果へつなげられると考えました。
      follow_up: [会議を減らすために自分で試みたこと]""",
    "en": """\
  entries:
    - id: my_reason
      category: work              # work | people | conditions | future | keep
      triggers: [too many meetings, endless meetings]
      positive:
        short: I am looking for more time for hands-on work that drives results.
        long: I do my best work when I can turn plans into action. I am looking for more time for hands-on work that drives results.
      follow_up: [What you did to make meetings shorter]""",
}


def no_match_help(lang: str) -> str:
    """What to tell the user when no entry matched: how to add one of their own."""
    _check_lang(lang)
    return (
        f"{say(lang, 'rephrase.no_match')}\n{say(lang, 'rephrase.add_entry')}\n\n"
        f"  schema: 1\n  lang: {lang}\n{_HELP_EXAMPLE[lang]}\n\n"
        f"{say(lang, 'rephrase.no_trigger_words')}"
    )
