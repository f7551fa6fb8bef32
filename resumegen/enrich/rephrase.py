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

from collections.abc import Mapping

from resumegen.enrich.reason_answer import Match, Rephrasing, answer, clean_slots, slots_from
from resumegen.enrich.reason_scan import matched_hits, scan
from resumegen.errors import ArgumentError
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
    "Match",
    "Phrasebook",
    "Rephrasing",
    "load_phrasebook_file",
    "load_phrasebooks",
    "negative_triggers",
    "no_match_help",
    "rephrase",
    "slots_from",
    "with_slots",
]


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
    profile: str = "general",
    book: Phrasebook | None = None,
    slots: Mapping[str, str] | None = None,
) -> Rephrasing:
    """Rephrase a leaving reason; see :mod:`resumegen.enrich.reason_answer` for how pieces combine.

    ``rephrased`` (the short form) says at most
    :data:`~resumegen.enrich.reason_answer.SHORT_LIMIT` ideas, the most
    important first by category order; ``long`` says them all. A reason is
    a sentence or two: a text longer than
    :data:`~resumegen.record.model.REASON_MAX_CHARS` is an ArgumentError.
    """
    book = _resolve_book(book, lang)
    _check_profile(profile)
    if len(text) > REASON_MAX_CHARS:
        raise ArgumentError(
            f"the text is {len(text):,} characters; a leaving reason may be at most "
            f"{REASON_MAX_CHARS:,} (a sentence or two)",
            param="text",
        )
    hits = matched_hits(text, book, profile)
    return answer(text, lang, [(h.entry, h.quoted) for h in hits], clean_slots(slots))


def with_slots(
    result: Rephrasing, slots: Mapping[str, str], *, book: Phrasebook | None = None
) -> Rephrasing:
    """*result* worded again with *slots* filled: the same matches, in the same order.

    *book* must be the phrasebook that produced *result*. This is how one
    match serves both a form's short line and an application's interview
    answer with the target's role and employer filled in.
    """
    book = _resolve_book(book, result.lang)
    pairs = []
    for m in result.matches:
        entry = book.get(m.id)
        if entry is None:
            raise ValueError(f"entry `{m.id}` is not in the phrasebook that matched it")
        pairs.append((entry, m.trigger))
    return answer(result.input, result.lang, pairs, clean_slots(slots))


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
        "No phrasebook entry matched this leaving reason.\n"
        "Add your own entry in a YAML file and pass it with --phrasebook FILE "
        "(an entry with the id of a bundled one replaces it):\n\n"
        f"  schema: 1\n  lang: {lang}\n{_HELP_EXAMPLE[lang]}\n\n"
        "Write the positive phrasing without the negative words themselves; "
        "a phrasing that repeats a trigger word is rejected."
    )
