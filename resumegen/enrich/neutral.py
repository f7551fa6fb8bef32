"""The neutral-wording pass: the leaving reason's trigger words never reach the sheet.

A :class:`Neutraliser` replaces each trigger word the application's leaving
reason matched with the question bank's neutral term, everywhere on the
interview sheet but the conditions table (where the user's own terms stand
under standard labels such as 当直). A string that cannot be made neutral is
replaced by a prompt to reword it, so the raw complaint never reaches the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from resumegen.enrich.fold import casefold_nfkc
from resumegen.resources.questionbank import QuestionBank

__all__ = ["DATA_KEYS", "Neutraliser", "neutraliser"]

# Keys whose values are identifiers for programs, never shown on the page.
DATA_KEYS = frozenset({"doc", "lang", "profile", "id", "key", "path", "part", "kind", "target_id"})


class Neutraliser:
    """Replaces the leaving reason's trigger words everywhere on the sheet.

    A trigger found in a string is replaced by the bank's neutral term (for
    the trigger itself, or for the terms inside a longer trigger phrase). A
    string still holding a trigger afterwards is replaced by a prompt to
    reword it, so the raw complaint never reaches the page.
    """

    def __init__(self, triggers: Sequence[str], bank: QuestionBank, lang: str, notice: str):
        self.lang = lang
        self.notice = notice  # the prompt that replaces a line that cannot be made neutral
        terms = sorted(bank.neutral_terms, key=lambda n: -len(n.term))
        self.neutral = {casefold_nfkc(n.term): n.neutral for n in terms}
        self.term_re = (
            re.compile("|".join(_flex(n.term) for n in terms), re.IGNORECASE) if terms else None
        )
        words = sorted({w for w in triggers if casefold_nfkc(w)}, key=len, reverse=True)
        self.triggers = [(w, re.compile(_flex(w), re.IGNORECASE)) for w in words]
        self.folded_triggers = [casefold_nfkc(w) for w in words]
        # One alternation answers "is any trigger here at all?" for most strings.
        self.any_trigger = (
            re.compile("|".join(_flex(w) for w in words), re.IGNORECASE) if words else None
        )
        # Kept across the sheets that share this neutraliser (see neutraliser):
        # bank questions, hints and fixed wording recur on every one of them.
        self.seen: dict[str, str | None] = {}

    def _replacement(self, found: str) -> str | None:
        exact = self.neutral.get(casefold_nfkc(found))
        if exact is None and self.term_re is not None:
            swapped = self.term_re.sub(
                lambda m: self.neutral.get(casefold_nfkc(m.group(0)), m.group(0)), found
            )
            exact = swapped if swapped != found else None
        if exact is None:
            return None
        if found[:1].isupper():
            exact = exact[:1].upper() + exact[1:]
        return exact

    def text(self, s: str) -> str | None:
        """*s* in neutral words, or None when a trigger cannot be replaced."""
        seen = self.seen
        if s in seen:
            return seen[s]
        if len(seen) >= _SEEN_LIMIT:  # record texts differ sheet to sheet: stay bounded
            seen.clear()
        fixed = seen[s] = self._neutral(s)
        return fixed

    def _neutral(self, s: str) -> str | None:
        folded = casefold_nfkc(s)
        if (self.any_trigger is None or not self.any_trigger.search(s)) and not any(
            t in folded for t in self.folded_triggers
        ):
            return s
        for _, rx in self.triggers:
            failed = False

            def swap(m: re.Match[str]) -> str:
                nonlocal failed
                rep = self._replacement(m.group(0))
                if rep is None:
                    failed = True
                    return m.group(0)
                return rep

            s = rx.sub(swap, s)
            if failed:
                return None
        folded = casefold_nfkc(s)
        if any(t in folded for t in self.folded_triggers):
            return None
        return s

    def walk(self, value: Any, skip: frozenset[str] = frozenset()) -> Any:
        """A copy of *value* in neutral words; top-level keys in *skip* are left out."""
        if not self.triggers:
            return value
        if isinstance(value, dict) and skip:
            return {
                k: v if k in DATA_KEYS else self._walk(v) for k, v in value.items() if k not in skip
            }
        return self._walk(value)

    def _str(self, s: str) -> str:
        fixed = self.text(s)
        return fixed if fixed is not None else self.notice

    def _walk(self, value: Any) -> Any:
        if type(value) is str:
            return self._str(value)
        if isinstance(value, list):
            return [self._str(v) if type(v) is str else self._walk(v) for v in value]
        if isinstance(value, dict):
            if len(value) == 2 and "text" in value and "prompt" in value:
                text = value["text"]
                if isinstance(text, str):
                    fixed = self.text(text)
                    if fixed is None:
                        return {"text": self.notice, "prompt": True}
                    return {"text": fixed, "prompt": value["prompt"]}
            return {k: v if k in DATA_KEYS else self._walk(v) for k, v in value.items()}
        if isinstance(value, str):
            fixed = self.text(value)
            return fixed if fixed is not None else self.notice
        return value


_SEEN_LIMIT = 4096  # neutral forms kept per neutraliser


_NEUTRALISERS: dict[tuple[tuple[str, ...], str, int, str], tuple[QuestionBank, Neutraliser]] = {}
_NEUTRALISER_LIMIT = 32


def neutraliser(
    triggers: tuple[str, ...], bank: QuestionBank, lang: str, notice: str
) -> Neutraliser:
    """One neutraliser per trigger set and bank, reused by every sheet that shares them.

    A leaving reason's triggers are the same on each of its applications'
    sheets, and the bank's questions, hints and checklist the same on every
    sheet of a language, so their neutral forms are worked out once. Banks
    are told apart by identity (hashing one would cost more than it saves);
    the entry holds the bank, so its id cannot be reused while cached.
    """
    key = (triggers, lang, id(bank), notice)
    entry = _NEUTRALISERS.get(key)
    if entry is None or entry[0] is not bank:
        if len(_NEUTRALISERS) >= _NEUTRALISER_LIMIT:
            _NEUTRALISERS.clear()
        entry = _NEUTRALISERS[key] = (bank, Neutraliser(triggers, bank, lang, notice))
    return entry[1]


def _flex(word: str) -> str:
    """A pattern for *word* that tolerates space/hyphen variants (on-call, on call)."""
    parts = [re.escape(p) for p in re.split(r"[\s\-]+", word.strip()) if p]
    return r"[\s\-]*".join(parts)
