"""Which of the record's ``desired`` conditions the 履歴書 prints in 本人希望記入欄.

A reader takes whatever is written in 本人希望記入欄 as a condition the
applicant will not give up, so the box says 「貴院の規定に従います。」 and then
only what truly must be said: where the person can work, when they can start,
and a caregiving or health limit they stated. Money, duty and days are terms
to settle after an offer: they stay on the interview sheet's conditions table
and are never printed on the 履歴書 (``resumegen check`` says so, per key).

:data:`PRINTED_WISHES` is the table: a key listed there is printed with its
label; any other key (``salary``, ``duty_nights``, ``oncall``,
``days_per_week``, ``notes`` or one the user made up) is left off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["PRINTED_WISHES", "Wish", "sort_wishes"]

# key → label on the 履歴書. 勤務地 and 入職可能時期 are what the form's box
# asks for; caregiving and health are limits the person stated (a plain fact,
# DOMAIN §4.3). 希望職種 matters when the employer advertises several roles.
# {join} is 入職 for a hospital, a 法人 or a university and 入社 for a company.
PRINTED_WISHES: Mapping[str, str] = {
    "role": "希望職種",
    "location": "勤務地",
    "start": "{join}可能時期",
    "caregiving": "介護・育児等の事情",
    "health": "健康上の配慮",
}


@dataclass(frozen=True)
class Wish:
    """One ``desired`` key: printed on the 履歴書 (with its label) or left off."""

    key: str
    value: str
    label: str | None  # None: left off the 履歴書

    @property
    def printed(self) -> bool:
        return self.label is not None


def sort_wishes(desired: Mapping[str, str], honorific: str) -> tuple[Wish, ...]:
    """Every non-empty ``desired`` key in the record's order, labelled when the 履歴書 prints it."""
    join = "入社" if honorific == "貴社" else "入職"
    out = []
    for key, value in desired.items():
        text = str(value).strip()
        if not text:
            continue
        label = PRINTED_WISHES.get(key)
        out.append(Wish(key, text, label.format(join=join) if label is not None else None))
    return tuple(out)
