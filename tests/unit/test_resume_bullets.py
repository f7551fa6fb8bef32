"""The English résumé's wording rules: one bullet per achievement, résumé-style figures,
claims kept as typed, the target sentence, a/an, money."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest

from resumegen.documents.resume import achievement_bullet, money_unit, strongest, summary
from resumegen.enrich.application import enrich
from resumegen.enrich.audit import audit
from resumegen.enrich.english import action_line, indefinite_article, starts_with_verb
from resumegen.enrich.numbers import relative_percent
from resumegen.enrich.quantify import metric_statement
from resumegen.record.model import (
    Achievement,
    Metric,
    PartialDate,
    Person,
    Position,
    Record,
    Target,
)
from resumegen.record.validate import load_record

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _d(text: str) -> Decimal:
    return Decimal(text)


def _change(name: str, before: str, after: str, unit: str, better: str, **kw: object) -> Metric:
    return Metric(name=name, before=_d(before), after=_d(after), unit=unit, better=better, **kw)  # type: ignore[arg-type]


INCIDENTS = _change("repeat incident rate", "10", "3", "%", "lower")
LEAD_TIME = _change("onboarding lead time", "75", "50", "days", "lower")
ACCOUNTS = _change("accounts supported", "6", "11", "accounts", "higher", period="2019 to 2024")
PLACEMENTS = Metric(name="new system placements", value=_d("4"), unit="placements", period="year")


# ----------------------------------------------------------------- 1. one bullet, strongest first


def test_a_change_that_improved_leads_over_a_level() -> None:
    a = Achievement(
        summary="Grew and retained the regional account base", metrics=(PLACEMENTS, ACCOUNTS)
    )
    assert strongest(a) == 1
    assert achievement_bullet(a) == (
        "Grew and retained the regional account base: accounts supported up 83% "
        "(6 → 11, 2019 to 2024); 4 new system placements a year"
    )


def test_a_summary_typed_as_a_sentence_loses_its_full_stop_before_the_figures() -> None:
    a = Achievement(summary="Cut repeat incidents.", metrics=(INCIDENTS,))
    assert achievement_bullet(a) == "Cut repeat incidents 70% (repeat incident rate 10% → 3%)"


def test_a_metric_the_summary_names_leads_over_a_larger_change() -> None:
    bigger = _change("onboarding lead time", "100", "10", "days", "lower")
    a = Achievement(summary="Cut repeat incidents", metrics=(bigger, INCIDENTS))
    assert strongest(a) == 1
    assert achievement_bullet(a) == (
        "Cut repeat incidents 70% (repeat incident rate 10% → 3%); "
        "onboarding lead time down 90% (100 → 10 days)"
    )


def test_the_largest_relative_change_leads_among_equals() -> None:
    a = Achievement(summary="Ran the quality programme", metrics=(LEAD_TIME, INCIDENTS))
    assert strongest(a) == 1
    assert achievement_bullet(a).startswith(
        "Ran the quality programme: repeat incident rate down 70%"
    )


def test_a_change_for_the_worse_never_leads_and_is_said_plainly() -> None:
    worse = _change("repeat incident rate", "3", "5", "%", "lower")
    a = Achievement(summary="Quality programme", metrics=(worse, PLACEMENTS))
    assert strongest(a) == 1
    assert achievement_bullet(a) == (
        "Quality programme: 4 new system placements a year; repeat incident rate up 67% (3% → 5%)"
    )


def test_the_verb_is_attached_only_when_it_says_the_change() -> None:
    # "Led" says nothing about the direction: the figure keeps its own "down".
    a = Achievement(summary="Led the onboarding redesign", metrics=(LEAD_TIME,))
    assert achievement_bullet(a) == (
        "Led the onboarding redesign: onboarding lead time down 33% (75 → 50 days)"
    )
    # "Grew" with a figure that went down is not attached.
    a = Achievement(summary="Grew onboarding capacity", metrics=(LEAD_TIME,))
    assert ": onboarding lead time down 33%" in achievement_bullet(a)


def test_every_achievement_is_one_bullet_and_every_figure_is_computed() -> None:
    r = load_record(SAMPLES / "clinical-specialist-en.yaml")
    for position in r.work:
        for a in position.achievements:
            bullet = achievement_bullet(a)
            for m in a.metrics:
                if m.before is not None and m.after is not None:
                    rel = relative_percent(m.before, m.after)
                    assert f"{rel}%" in bullet
            typed = {str(x) for m in a.metrics for x in (m.before, m.after, m.value) if x}
            allowed = typed | {
                str(relative_percent(m.before, m.after))
                for m in a.metrics
                if m.before is not None and m.after is not None
            }
            for number in re.findall(r"\d[\d,.]*", bullet):
                assert number.replace(",", "") in allowed | {"2019", "2024"}, number


def test_a_level_the_summary_already_names_keeps_only_its_figure() -> None:
    a = Achievement(
        summary="Mentored gastroenterology fellows",
        metrics=(Metric(name="fellows mentored", value=_d("9"), unit="fellows"),),
    )
    assert achievement_bullet(a) == "Mentored gastroenterology fellows: 9 fellows"


def test_a_team_result_says_so() -> None:
    wait = _change("waiting time", "40", "25", "minutes", "lower")
    a = Achievement(summary="Reduced waiting times", role="member", metrics=(wait,))
    assert achievement_bullet(a) == (
        "Reduced waiting times 38% (waiting time 40 → 25 minutes, team result)"
    )


def test_confidential_and_unchanged_figures() -> None:
    secret = _change("repeat incident rate", "10", "3", "%", "lower", confidential=True)
    same = _change("readmission rate", "8", "8", "%", "lower")
    a = Achievement(summary="Quality programme", metrics=(secret, same))
    assert achievement_bullet(a) == (
        "Quality programme: repeat incident rate down 70%; readmission rate unchanged at 8%"
    )


def test_a_change_from_zero_has_no_relative_figure() -> None:
    new = _change("new accounts", "0", "5", "accounts", "higher")
    a = Achievement(summary="Opened the northern territory", metrics=(new,))
    assert achievement_bullet(a) == "Opened the northern territory: new accounts 0 → 5"


# ----------------------------------------------------------------- 2. money


@pytest.mark.parametrize(
    ("unit", "paper", "shown"),
    [
        ("USD", "letter", "$"),
        ("USD", "a4", "US$"),
        ("US$", "letter", "$"),
        ("GBP", "a4", "£"),
        ("EUR", "letter", "€"),
        ("$", "a4", "$"),  # a sign the user typed is kept
        ("accounts", "a4", "accounts"),
    ],
)
def test_money_unit(unit: str, paper: str, shown: str) -> None:
    assert money_unit(unit, paper) == shown


def test_money_in_a_bullet() -> None:
    grant = Metric(name="grant funding", value=_d("450000"), unit="USD")
    a = Achievement(summary="Research funding", metrics=(grant,))
    assert achievement_bullet(a, "letter") == "Research funding: grant funding $450,000"
    assert achievement_bullet(a, "a4") == "Research funding: grant funding US$450,000"
    cost = _change("cost per case", "12000", "4500", "USD", "lower")
    a = Achievement(summary="Cut cost per case", metrics=(cost,))
    assert achievement_bullet(a, "letter") == (
        "Cut cost per case 63% (cost per case $12,000 → $4,500)"
    )


# ----------------------------------------------------------------- 3. claims kept as typed


@pytest.mark.parametrize(
    ("typed", "bullet"),
    [
        ("Responsible for the quality dashboard", "Oversaw the quality dashboard"),
        ("In charge of onboarding", "Oversaw onboarding"),
        ("I was responsible for audits", "Oversaw audits"),
        ("I trained new staff", "Trained new staff"),
        ("Performed 900 procedures", "Performed 900 procedures"),
        ("Training for 20 hospitals", "Training for 20 hospitals"),
        ("Teaching fellows", "Teaching fellows"),
        ("Significantly improved training", "Significantly improved training"),
        ("morning huddles with nurses", "Morning huddles with nurses"),
    ],
)
def test_action_line_rewrites_only_what_keeps_the_claim(typed: str, bullet: str) -> None:
    assert action_line(typed) == bullet


def test_a_summary_without_a_verb_is_not_given_one() -> None:
    assert achievement_bullet(Achievement(summary="Quality award")) == "Quality award"
    assert (
        achievement_bullet(Achievement(summary="Significantly improved training"))
        == "Significantly improved training"
    )


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Supported 120 cases", True),
        ("Cut errors", True),
        ("Streamlined intake", True),
        ("4 new placements a year", False),
        ("Training for 20 hospitals", False),
        ("", False),
    ],
)
def test_starts_with_verb(text: str, verb: bool) -> None:
    assert starts_with_verb(text) is verb


def test_check_says_when_a_bullet_does_not_open_with_a_verb() -> None:
    position = Position(
        organization="X",
        start=PartialDate(2020, 1),
        end=None,
        duties=("Training for 20 hospitals", "I led the team", "Responsible for audits"),
        achievements=(Achievement(summary="Significantly improved training"),),
    )
    r = Record(schema=1, lang="en", person=Person(name="A"), work=(position,))
    found = [f for f in audit(r).findings if "does not start with a verb" in f.message]
    assert [(f.severity, f.path) for f in found] == [
        ("info", "work[0].achievements[0].summary"),
        ("info", "work[0].duties[0]"),
    ]


# ----------------------------------------------------------------- 4. the target sentence


def test_summary_ends_with_the_target_from_role_and_employer_only() -> None:
    r = load_record(SAMPLES / "clinical-specialist-en.yaml")
    assert summary(enrich(r)) == r.summary
    assert summary(enrich(r, "msl-uk")) == (
        f"{r.summary} Seeking to bring this experience to the Medical Science Liaison role "
        "at Helix Therapeutics."
    )
    base = Record(schema=1, lang="en", person=Person(name="A"), summary="Nurse")
    role_only = Record(**{**base.__dict__, "targets": (Target(id="t", role="ICU nurse"),)})
    assert summary(enrich(role_only, "t")) == (
        "Nurse. Seeking to bring this experience to an ICU nurse role."
    )
    employer = Record(**{**base.__dict__, "targets": (Target(id="t", employer="St Mary's"),)})
    assert summary(enrich(employer, "t")) == "Nurse. Seeking to bring this experience to St Mary's."


# ----------------------------------------------------------------- 5. a/an


@pytest.mark.parametrize(
    ("phrase", "article"),
    [
        ("8%", "an"),
        ("11%", "an"),
        ("18%", "an"),
        ("80%", "an"),
        ("86%", "an"),
        ("800", "an"),
        ("8,500", "an"),
        ("11,000", "an"),
        ("18000", "an"),
        ("1%", "a"),
        ("7%", "a"),
        ("70%", "a"),
        ("180", "a"),
        ("110%", "a"),
        ("1,800", "a"),
        ("about 70%", "an"),
        ("MSL", "an"),
        ("CRA", "a"),
        ("ICU nurse", "an"),
        ("Medical Science Liaison", "a"),
        ("university hospital", "a"),
        ("hour", "an"),
    ],
)
def test_indefinite_article(phrase: str, article: str) -> None:
    assert indefinite_article(phrase) == article


def test_quantify_says_an_before_86_percent() -> None:
    rate = _change("detection rate", "7", "13", "%", "higher")
    assert metric_statement(rate, "en").endswith("an 86% relative increase)")


def test_a_duty_load_is_said_with_the_duties_not_as_a_result() -> None:
    on_call = Metric(name="On-call nights", value=_d("4"), unit="nights", period="month")
    a = Achievement(summary="Cut repeat incidents", metrics=(INCIDENTS, on_call))
    bullet = achievement_bullet(a)
    assert "On-call" not in bullet and "on-call" not in bullet and "10% → 3%" in bullet
    only = Achievement(summary="Covered the regional on-call rota", metrics=(on_call,))
    assert achievement_bullet(only) == "Covered the regional on-call rota"


def test_a_summary_with_a_clause_keeps_the_figure_after_a_colon() -> None:
    # "Cut diversions by writing criteria 63%" would put the figure on the clause
    diversion = _change("ambulance diversion rate", "16", "6", "%", "lower")
    a = Achievement(summary="Cut ambulance diversions by writing criteria", metrics=(diversion,))
    assert achievement_bullet(a) == (
        "Cut ambulance diversions by writing criteria: ambulance diversion rate down 63% (16% → 6%)"
    )
    a = Achievement(summary="Cut ambulance diversions", metrics=(diversion,))
    assert achievement_bullet(a).startswith("Cut ambulance diversions 63% (")


@pytest.mark.parametrize(
    ("paper", "locale", "heading"),
    [
        ("letter", None, "Licenses and Certifications"),
        ("a4", None, "Licences and Certifications"),
        ("a4", "en-US", "Licenses and Certifications"),
        ("letter", "en-GB", "Licences and Certifications"),
    ],
)
def test_the_licences_heading_follows_the_one_spelling_setting(
    paper: str, locale: str | None, heading: str
) -> None:
    from resumegen.documents.resume import build

    r = dataclasses.replace(load_record(SAMPLES / "clinical-specialist-en.yaml"), locale=locale)
    assert build(enrich(r), paper)["licenses_heading"] == heading
