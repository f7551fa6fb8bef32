"""English wording rules shared by the résumé and the audit: verb-first lines and a/an.

:func:`action_line` only makes rewrites that keep the user's claim
(``I led …`` → ``Led …``, ``Responsible for …`` → ``Oversaw …``); any other
line is kept as typed, and ``resumegen check`` says when it does not open
with a verb (:func:`starts_with_verb`).
"""

from __future__ import annotations

import re

__all__ = ["ACTION_VERBS", "action_line", "indefinite_article", "starts_with_verb"]

# Verbs a résumé bullet may open with (DOMAIN §6.3 plus common ones). A first
# word ending in "-ed" also counts, which covers most past-tense verbs.
ACTION_VERBS = frozenset(
    [
        "achieved", "admitted", "analyzed", "assessed", "audited", "authored", "built",
        "chaired", "coached", "collaborated", "conducted", "contributed", "coordinated", "cut",
        "delivered", "designed", "developed", "diagnosed", "drove", "educated", "established",
        "evaluated", "exceeded", "expanded", "facilitated", "grew", "guided", "handled", "held",
        "implemented", "improved", "increased", "launched", "led", "maintained", "managed",
        "mentored", "monitored", "negotiated", "onboarded", "operated", "organized", "oversaw",
        "performed", "planned", "prepared", "presented", "published", "ran", "raised",
        "redesigned", "reduced", "resolved", "reviewed", "secured", "set", "shortened",
        "stabilized", "standardized", "streamlined", "supervised", "supported", "taught",
        "tracked", "trained", "treated", "won", "wrote",
    ]
)  # fmt: skip

# Openings that describe a duty instead of an action, and the verb that says
# the same thing: being responsible for something is overseeing it.
_DUTY_OPENINGS = (
    ("responsible for ", "Oversaw "),
    ("in charge of ", "Oversaw "),
    ("was responsible for ", "Oversaw "),
)

_FIRST_WORD = re.compile(r"[A-Za-z]+")
# Letters whose spoken name starts with a vowel sound (an MSL, an RN, an ICU role).
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
# Words that start with a vowel letter but a consonant sound, and the reverse.
_A_BEFORE = ("uni", "use", "usu", "uro", "eu", "one", "once")
_AN_BEFORE = ("hour", "honest", "honor", "honour", "heir")


def starts_with_verb(text: str) -> bool:
    """Whether *text* opens with an action verb (``Supported …``, ``Cut …``)."""
    m = _FIRST_WORD.match(text.strip())
    if not m:
        return False
    word = m.group(0).lower()
    return word in ACTION_VERBS or (word.endswith("ed") and len(word) > 4)


def action_line(text: str) -> str:
    """*text* as a résumé line opening with a verb, when a rewrite keeps the claim.

    ``I led …`` → ``Led …``; ``Responsible for …`` (``I was responsible for …``)
    → ``Oversaw …``. Anything else is the user's text as typed, capitalised.
    """
    out = text.strip()
    if out.startswith("I "):
        rest = out[2:]
        if starts_with_verb(rest) or rest.lower().startswith(_DUTY_OPENINGS[2][0]):
            out = rest
    low = out.lower()
    for opening, verb in _DUTY_OPENINGS:
        if low.startswith(opening):
            return verb + out[len(opening) :]
    return out[:1].upper() + out[1:]


def indefinite_article(phrase: str) -> str:
    """``a`` or ``an`` for *phrase*, by how its start is spoken.

    Numbers: an 8, an 11, an 18, an 80–89, an 800 …, an 11,000; otherwise a.
    Words: by the first letter, with the common exceptions (a unit, an hour);
    an all-capital abbreviation by its first letter's name (an MSL, a CRA).
    """
    s = phrase.strip().lstrip("(\"'“")
    digits = re.match(r"[0-9][0-9,]*", s)
    if digits:
        groups = digits.group(0).split(",")
        lead = groups[0] if len(groups) > 1 else _leading_group(groups[0])
        return "an" if lead.startswith("8") or lead in ("11", "18") else "a"
    word = _FIRST_WORD.match(s)
    if not word:
        return "a"
    w = word.group(0)
    if len(w) > 1 and w.isupper():
        return "an" if w[0] in _VOWEL_LETTERS else "a"
    low = w.lower()
    if low.startswith(_AN_BEFORE):
        return "an"
    if low.startswith(_A_BEFORE):
        return "a"
    return "an" if low[0] in "aeiou" else "a"


def _leading_group(digits: str) -> str:
    """The digits spoken first: ``11`` of 11000, ``8`` of 8500, ``180`` of 180."""
    head = len(digits) % 3 or 3
    return digits[:head] if len(digits) > 3 else digits
