"""The English leaving-reason entries: one motive each, short forms, facts named plainly."""

from __future__ import annotations

import re

import pytest

from resumegen.enrich.rephrase import rephrase
from resumegen.resources.phrasebook import SLOT
from resumegen.resources.phrasebook_load import parse_bundled

# Word limits of a phrasing (issue 14): the motive leads the spoken answer and
# the person's own next step follows it, so it names no place to move to.
MOTIVE_WORDS, SHORT_WORDS, LONG_WORDS = 18, 22, 40
DESTINATIONS = re.compile(
    r"\b(hospital|clinic|industry|company|pharma|ward|community|setting|field|"
    r"practice|role|employer|as an?)\b",
    re.IGNORECASE,
)


def _words(text: str) -> int:
    return len(text.split())


def _sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text))


def test_every_reason_has_one_motive_that_names_no_destination() -> None:
    for entry in parse_bundled("en").entries:
        if entry.keep_as_is:
            assert not entry.motive, entry.id
            continue
        assert entry.motive, f"{entry.id} has no motive"
        assert not SLOT.search(entry.motive[-1]), f"{entry.id}: the last motive uses a slot"
        for motive in entry.motive:
            assert _sentences(motive) == 1 and _words(motive) <= MOTIVE_WORDS, motive
            assert not DESTINATIONS.search(SLOT.sub("", motive)), f"{entry.id}: {motive}"


def test_short_and_long_forms_are_short() -> None:
    for entry in parse_bundled("en").entries:
        for short in entry.short:
            assert _sentences(short) == 1 and _words(short) <= SHORT_WORDS, short
        for long in entry.long:
            assert _sentences(long) <= 2 and _words(long) <= LONG_WORDS, long


@pytest.mark.parametrize(
    ("profile", "text", "entry"),
    [
        # loose words: a therapist's quota is about patients, not sales
        ("general", "As a physical therapist my productivity quota is impossible", "patient_load"),
        ("general", "The clinic expects 12 visits per day from each therapist", "patient_load"),
        ("general", "I hit my sales quota every month but it's never enough", "sales_quota"),
        # clinicians who will not see representatives: not understaffing
        ("clinical-specialist", "The doctors won't see reps anymore", "access_restrictions"),
        ("general", "Doctors won't talk to reps anymore", "access_restrictions"),
        ("general", "There aren't enough doctors on the ward", "understaffed"),
        # doubts about a product are about the work
        (
            "clinical-specialist",
            "I have doubts about the quality of our product",
            "product_quality",
        ),
        ("physician", "The hospital pushes us to order unnecessary CT scans", "unnecessary_care"),
        ("general", "I want to move from clinical work into industry", "clinic_to_industry"),
        ("physician", "I'm leaving research to become an MSL", "research_interest"),
    ],
)
def test_work_reasons_find_their_entry(profile: str, text: str, entry: str) -> None:
    assert [m.id for m in rephrase(text, lang="en", profile=profile).matches] == [entry]


@pytest.mark.parametrize(
    ("profile", "text", "entry", "said"),
    [
        ("general", "I went on maternity leave for a year", "maternity_leave", "maternity leave"),
        ("general", "I took parental leave after our son arrived", "parental_leave", "parental"),
        ("general", "My wife is pregnant with our first", "new_child", "expecting a child"),
        ("general", "My mother has dementia and I care for her", "caregiving", "needs my care"),
        ("general", "I was on sick leave after surgery", "health", "because of my health"),
        ("general", "My doctor cleared me to return to work", "health_cleared", "return to work"),
        (
            "general",
            "My employer offered an early retirement programme",
            "early_retirement_offered",
            "invited staff to apply",
        ),
        ("general", "I took early retirement", "early_retirement_taken", "accepted"),
        (
            "physician",
            "I was posted to a regional affiliated hospital",
            "regional_posting",
            "region",
        ),
        ("general", "I declined a transfer", "transfer_declined", "chose not to go"),
        (
            "clinical-specialist",
            "Our foreign parent company reorganised the product line",
            "parent_reorganisation",
            "head office",
        ),
        ("general", "A private equity firm bought the hospital", "ownership_change", "new owner"),
        (
            "general",
            "I was bullied by a senior colleague",
            "harassment",
            "inappropriate conduct at work",
        ),
    ],
)
def test_facts_are_named_plainly(profile: str, text: str, entry: str, said: str) -> None:
    r = rephrase(text, lang="en", profile=profile)
    assert r.matches[0].id == entry
    assert r.rephrased is not None and said in r.rephrased
    assert "family circumstances" not in r.rephrased
    assert "retired" not in r.rephrased
    if entry.startswith("health") or entry.endswith("_leave"):
        assert "decided to leave" not in r.rephrased  # time away is not leaving


def test_a_declined_transfer_gets_no_invented_complaint() -> None:
    r = rephrase("I declined a transfer for family reasons", lang="en")
    assert r.rephrased is not None
    assert not re.search(r"\b(pay|salary|recogni[sz]ed)\b", r.rephrased)


def test_a_partners_leave_is_not_the_persons_own() -> None:
    ids = [m.id for m in rephrase("My wife is on maternity leave", lang="en").matches]
    assert "maternity_leave" not in ids
