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
from dataclasses import dataclass

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

    def as_json(self) -> dict[str, str]:
        return {"quoted": self.quoted, "said": self.said}


def find_next_step(text: str, rules: AnswerRules) -> NextStep | None:
    """The first destination *text* names, by the rules' order, else None."""
    for rule in rules.next_steps:
        # a bare destination, or what the person is kept from, must name a role, setting or field
        general = rule.general or rule.lack
        for m in rule.pattern.finditer(text):
            what = _trim(m.group("what"), rules)
            if what is None or (general and not _names_a_destination(what, rules)):
                continue
            if rule.general and rules.found(rules.step_block, _clause_before(text, m.start())):
                continue  # "sick of going to the ward every night"
            if rules.lang == "en" and _EN_ASKED.search(text, 0, m.start()):
                continue  # "nobody's ever asked what I want to do next": a question, no wish
            groups = {k: (v or "") for k, v in m.groupdict().items()}
            if (
                rules.lang == "en"
                and _starts_sentence(text, m.start("what"))
                and _capitalised(what)
            ):
                what = what[0].lower() + what[1:]  # "Home health is where…" said mid-sentence
            groups["what"] = what
            said = rule.say.format(**groups)
            said = said[0].upper() + said[1:] if rules.lang == "en" else said
            start = m.start("what") + m.group("what").find(what)
            return NextStep(text[start : m.end()].strip(), said, start, m.end())
    return None


_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")
# A wish inside a question or a wh-clause ("asked what I want to do next") is not the person's.
_EN_ASKED = re.compile(r"\b(?:what|where|how|whatever|wherever|whether|if)\s*$", re.IGNORECASE)


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
