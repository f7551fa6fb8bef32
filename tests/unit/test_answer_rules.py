"""The bundled phrasings claim nothing the person did not say and never coach the candidate."""

from __future__ import annotations

import pytest

from resumegen.enrich.answer_rules import answer_rules, phrasing_problems
from resumegen.resources.phrasebook import FIXED_SLOTS, slot_names
from resumegen.resources.phrasebook_load import parse_bundled


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_bundled_phrasings_claim_no_experience_and_do_not_coach(lang: str) -> None:
    book = parse_bundled(lang)
    problems = phrasing_problems(book, answer_rules(lang))
    assert not problems, "\n".join(f"{p.file}:{p.line}: {p.message}" for p in problems[:60])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_slot_of_a_bundled_phrasing_has_a_source(lang: str) -> None:
    # role, employer: the target; field, experience: the record's last position;
    # desired_<key>: the record's desired map (only the keys a record can hold)
    for entry in parse_bundled(lang).entries:
        for text in (*entry.short, *entry.long, *entry.motive):
            for name in slot_names(text):
                assert name in FIXED_SLOTS, f"{entry.id}: {{{name}}} has no source"
