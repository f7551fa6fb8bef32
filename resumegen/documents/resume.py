"""The English résumé (``resume``): an :class:`Application` as the template's finished strings.

No photo, birth date, age or gender. Duties are bullets as typed (rewritten
only where :func:`~resumegen.enrich.english.action_line` keeps the claim);
each achievement is one bullet: its summary, its strongest figure (relative
change first, then before → after), the other figures briefly. Every number
is the record's or quantify's; nothing is invented. With a target, the
summary ends with a sentence naming its role and employer.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import Any, TypedDict

from resumegen.documents import PAPERS
from resumegen.documents.common import period_en
from resumegen.enrich.application import Application
from resumegen.enrich.english import action_line, indefinite_article
from resumegen.enrich.numbers import fmt, is_percent, is_prefix_unit, relative_percent, with_unit
from resumegen.enrich.quantify import (
    direction,
    duty_load,
    en_periods,
    improved,
    metric_statement,
)
from resumegen.enrich.spelling import american_spelling
from resumegen.record import model
from resumegen.record.dates import format_en
from resumegen.record.model import Achievement, Metric, Record

__all__ = [
    "achievement_bullet",
    "build",
    "figure",
    "fits_one_line",
    "links_line",
    "money_unit",
    "side_margin",
    "strongest",
    "summary",
]


class Position(TypedDict):
    title: str
    organization: str
    department: str
    organization_line: str
    dates: str  # Jan 2018 – Present
    fits: bool  # title and dates share one line
    bullets: list[str]


class Education(TypedDict):
    school: str
    degree: str
    line: str
    year: str  # of completion ("" when none is recorded)
    fits: bool


class License(TypedDict):
    name: str
    date: str
    fits: bool


class ResumeData(TypedDict):
    """What ``templates/en/resume.docx`` receives."""

    lang: str
    doc: str
    paper: str
    licenses_heading: str  # Licenses (US spelling) or Licences
    margin_x: int  # twips
    date: str
    name: str
    contact_line: str
    links_line: str
    summary: str
    target_role: str
    positions: list[Position]
    education: list[Education]
    licenses: list[License]
    skills: list[str]
    skills_line: str
    memberships: list[str]
    memberships_line: str
    publications: list[str]
    page_w: int  # twips
    page_h: int


# How the résumé writes a currency code typed in the record (DOMAIN §6; rule 2 of
# the résumé bullets): US dollars as "$12,000" on a US (Letter) résumé and as
# "US$12,000" on any other, where a bare "$" could be another dollar; pounds and
# euros by their signs. A sign the user typed is kept as typed.
_CURRENCY_SIGNS = {"GBP": "£", "EUR": "€"}
_US_DOLLARS = ("USD", "US$")

# Change verbs a summary can open with, by the direction they claim. A summary
# opening with one of them takes the relative change of the figure that backs
# it directly ("Cut repeat incidents 70% (repeat incident rate 10% → 3%)").
_DOWN_VERBS = frozenset({"cut", "reduced", "lowered", "decreased", "shortened"})
_UP_VERBS = frozenset({"grew", "increased", "raised", "expanded", "boosted"})
_FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "and", "to", "in", "for", "on", "with", "at"})
# Words that open a clause after the object ("Cut diversions by writing criteria"): the
# figure cannot follow such a summary directly, so it goes after a colon.
_CLAUSE_WORDS = frozenset(
    {"by", "through", "via", "using", "with", "while", "after", "before", "when", "which", "that"}
)
_WORD = re.compile(r"[A-Za-z]+")


def money_unit(unit: str, paper: str) -> str:
    """The unit as the résumé writes it: USD → ``$`` on Letter, ``US$`` on A4; GBP → ``£``."""
    u = unit.strip()
    if u in _US_DOLLARS:
        return "$" if paper == "letter" else "US$"
    return _CURRENCY_SIGNS.get(u, unit)


def _words(text: str) -> set[str]:
    return {w.lower().rstrip("s") for w in _WORD.findall(text)} - _FUNCTION_WORDS


def _fig(m: Metric, value: Decimal, bare: bool) -> str:
    """A figure of *m*; *bare* leaves a trailing unit off (the ``6`` of ``6 → 11 accounts``)."""
    about = "about " if m.approx else ""
    u = m.unit.strip()
    if bare and u and not is_percent(u) and not is_prefix_unit(u, "en"):
        return about + fmt(value)
    return about + with_unit(value, u, "en")


def _names_unit(m: Metric) -> bool:
    """True when the name already says what is counted (``accounts supported``, unit accounts)."""
    u = m.unit.strip().lower()
    if not u or is_percent(u) or is_prefix_unit(u, "en") or m.scale is not None:
        return False
    return bool({u, u + "s", u.removesuffix("s")} & {w.lower() for w in m.name.split()})


def _span(m: Metric) -> str:
    """``10% → 3%``, ``6 → 11``, ``75 → 50 days``, ``$12,000 → $19,500``, ``3.8 → 4.5 out of 5``."""
    assert m.before is not None and m.after is not None
    per, _ = en_periods(m)
    after = _fig(m, m.after, bare=_names_unit(m) or m.scale is not None)
    scale = f" out of {fmt(m.scale)}" if m.scale is not None else ""
    return f"{_fig(m, m.before, bare=True)} → {after}{scale}" + (f" {per}" if per else "")


def _brackets(*parts: str) -> str:
    kept = [p for p in parts if p]
    return f" ({', '.join(kept)})" if kept else ""


def _relative(m: Metric) -> int | None:
    """The relative change quantify computes, when there is one above 0%."""
    if m.before is None or m.after is None:
        return None
    rel = relative_percent(m.before, m.after)
    return rel if rel else None


def figure(m: Metric, team: bool, *, named: bool = False) -> str:
    """One metric in résumé style: relative change first, then before → after.

    ``repeat incident rate down 70% (10% → 3%)``, ``accounts supported up 83%
    (6 → 11, 2019 to 2024)``, ``4 new system placements a year``. Every number
    is the record's or quantify's (relative change rounded half-up). *named*
    (the bullet already says what a level counts) leaves its name off: ``9 fellows``.
    """
    team_note = "team result" if team else ""
    per, free = en_periods(m)
    if m.kind != "change" and named:
        if m.confidential or m.value is None:
            return f"figure confidential{_brackets(free, team_note)}"
        scale = f" out of {fmt(m.scale)}" if m.scale is not None else ""
        value = _fig(m, m.value, bare=m.scale is not None) + scale + (f" {per}" if per else "")
        return value + _brackets(free, team_note)
    if m.kind != "change":
        statement = metric_statement(m, "en", team=team)
        label = f"{m.name[:1].upper()}{m.name[1:]}: "
        if not statement.startswith(label):  # "4 new system placements a year"
            return statement.replace("About ", "about ", 1)
        rest = statement[len(label) :]
        if rest.startswith("figure confidential"):
            return f"{m.name} (figure confidential{rest[len('figure confidential') :]})"
        return f"{m.name} {rest}"
    d = direction(m)
    about = "about " if m.approx else ""
    if d == "same":
        at = "" if m.confidential else f" at {_span(m).split(' → ')[1]}"
        return f"{m.name} unchanged{at}{_brackets(free, team_note)}"
    word = "down" if d == "down" else "up"
    rel = _relative(m)
    if m.confidential:
        if rel is None:
            return f"{m.name} {word}{_brackets('figures confidential', free, team_note)}"
        return f"{m.name} {word} {about}{rel}%{_brackets(free, team_note)}"
    if rel is None:
        return f"{m.name} {_span(m)}{_brackets(free, team_note)}"
    return f"{m.name} {word} {about}{rel}%{_brackets(_span(m), free, team_note)}"


def _tier(m: Metric) -> int:
    """2: a change the record says is an improvement; 1: a level; 0: any other change."""
    if m.kind != "change":
        return 1
    return 2 if improved(m) else 0


def strongest(achievement: Achievement) -> int:
    """The index of the metric a bullet leads with (rule 1 of the résumé bullets).

    In order: a change the record confirms as an improvement (``better``) over
    a level, and a level over any other change; then a metric whose name shares
    a word with the summary, so the figure backs what the bullet says; then the
    largest relative change; then record order.
    """
    lead = _words(achievement.summary)

    def key(item: tuple[int, Metric]) -> tuple[int, bool, int, int]:
        i, m = item
        return (_tier(m), bool(_words(m.name) & lead), _relative(m) or -1, -i)

    return max(enumerate(achievement.metrics), key=key)[0]


def _attached(lead: str, m: Metric, team: bool) -> str | None:
    """``Cut repeat incidents 70% (repeat incident rate 10% → 3%)`` when that keeps the claim.

    Only when the summary opens with a change verb of the figure's direction
    (and no second verb joined by "and"), says only what changed (no clause
    after it: "… by writing criteria"), the record confirms the change as an
    improvement, the figure is not confidential, and the metric's name shares
    a word with the summary.
    """
    words = lead.split()
    rel = _relative(m)
    if len(words) < 2 or words[1].lower() == "and" or rel is None or m.confidential:
        return None
    if "," in lead or _CLAUSE_WORDS & {w.lower() for w in words[1:]}:
        return None
    verbs = _DOWN_VERBS if direction(m) == "down" else _UP_VERBS
    if words[0].lower() not in verbs or not improved(m):
        return None
    if not _words(m.name) & _words(" ".join(words[1:])):
        return None
    about = "about " if m.approx else ""
    _, free = en_periods(m)
    inside = _brackets(f"{m.name} {_span(m)}", free, "team result" if team else "")
    return f"{lead} {about}{rel}%{inside}"


def achievement_bullet(achievement: Achievement, paper: str = "a4") -> str:
    """The one bullet of an achievement: its summary, then its strongest figure, then the rest.

    The summary is the user's, rewritten only where :func:`action_line` keeps
    the claim. The strongest metric (:func:`strongest`) follows it, attached
    when the summary's verb already says the change (:func:`_attached`), else
    after a colon; the other metrics follow briefly, after semicolons. A team
    result says so. Money is written by :func:`money_unit`.
    """
    lead = action_line(achievement.summary)
    results = [m for m in achievement.metrics if not duty_load(m)]  # a duty load is no result
    if not results:
        return lead
    achievement = dataclasses.replace(achievement, metrics=tuple(results))
    lead = lead.rstrip(".")  # the figures follow it
    team = achievement.role == "member"
    metrics = [dataclasses.replace(m, unit=money_unit(m.unit, paper)) for m in achievement.metrics]
    first = strongest(achievement)
    rest = [figure(m, team) for i, m in enumerate(metrics) if i != first]
    head = _attached(lead, metrics[first], team)
    if head is None:
        m = metrics[first]
        named = m.kind != "change" and _words(m.name) <= _words(f"{lead} {m.unit}")
        head = f"{lead}: {figure(m, team, named=named)}"
    return "; ".join([head, *rest])


def contact_line(record: Record) -> str:
    """Phone · email · address: what a recruiter needs, nothing personal beyond."""
    p = record.person
    items = [p.phone, p.email, p.address]
    return " \u00b7 ".join(i for i in items if i)


def links_line(record: Record) -> str:
    """The person's links on a line of their own, so a long address never splits a URL."""
    return " \u00b7 ".join(link for link in record.person.links if link)


_DONE_EVENTS = (
    "graduat",
    "complet",
    "award",
    "confer",
    "earn",
    "finish",
    "qualif",
    "卒業",
    "修了",
    "学位",
)


def education_entries(record: Record) -> list[Education]:
    """One entry per (school, degree), newest first; the year is that of completion, if any.

    An event without a degree (entered) belongs to the entry of its school's
    degree when the school has exactly one, so the school is not listed twice.
    """
    degrees: dict[str, set[str]] = {}
    for ev in record.education:
        if ev.degree:
            degrees.setdefault(ev.school, set()).add(ev.degree)
    groups: dict[tuple[str, str], list[Any]] = {}
    for ev in sorted(record.education, key=lambda e: e.date):
        only = degrees.get(ev.school, set())
        degree = ev.degree or (next(iter(only)) if len(only) == 1 else "")
        groups.setdefault((ev.school, degree), []).append(ev)
    entries: list[tuple[str, Education]] = []
    for (school, degree), events in groups.items():
        done = [e for e in events if any(k in e.event.lower() for k in _DONE_EVENTS)]
        line = ", ".join(x for x in (degree, school) if x)
        year = str(done[-1].date.year) if done else ""
        entry: Education = {
            "school": school,
            "degree": degree,
            "line": line,
            "year": year,
            "fits": fits_one_line(line, year),
        }
        entries.append((events[-1].date.iso(), entry))
    entries.sort(key=lambda e: e[0], reverse=True)
    return [e for _, e in entries]


# How many characters of Calibri 10.5 pt (bold, or a wider substitute) share
# one 174 mm line with a date on the right tab stop: about 2 mm a character,
# less the gap before the date.
LINE_CHARS_EN = 84


def fits_one_line(left: str, right: str) -> bool:
    """Whether *left* and a right-aligned *right* (a date) fit on one line of the résumé."""
    return len(left) + len(right) <= LINE_CHARS_EN


def _position(app: Application, position: model.Position, paper: str) -> Position:
    bullets = [action_line(d) for d in position.duties]
    # a duty load (on-call 4 nights a month) is what the post involved: said with the duties
    bullets += [
        metric_statement(m, "en")
        for a in app.achievements(position)
        for m in a.metrics
        if duty_load(m)
    ]
    bullets += [achievement_bullet(a, paper) for a in app.achievements(position)]
    dates = period_en(position)
    return {
        "title": position.title or "",
        "organization": position.organization,
        "department": position.department or "",
        "organization_line": ", ".join(
            x for x in (position.organization, position.department) if x
        ),
        "dates": dates,
        "fits": fits_one_line(position.title or "", dates),
        "bullets": bullets,
    }


# The résumé keeps one text width (174 mm) on both papers, so the dates on the
# right tab stop end exactly under the end of each section rule.
TEXT_WIDTH_MM = 174.0
PAPER_WIDTH_MM = {"a4": 210.0, "letter": 215.9}


def side_margin(paper: str) -> int:
    """The left and right page margin, in twips, that leaves :data:`TEXT_WIDTH_MM` of text."""
    width = PAPER_WIDTH_MM.get(paper, PAPER_WIDTH_MM["a4"])
    return round((width - TEXT_WIDTH_MM) / 2 * 1440 / 25.4)


def summary(app: Application) -> str:
    """The record's summary; with a target, a last sentence from its role and employer only.

    ``Seeking to bring this experience to the Medical Science Liaison role at
    Helix Therapeutics.`` (the 職務経歴書's target line in English): it names
    the application and claims nothing the record does not hold.
    """
    text = (app.record.summary or "").strip()
    target = app.target
    if not text or target is None or not (target.role or target.employer):
        return text
    if text[-1] not in ".!?":
        text += "."
    if target.role and target.employer:
        aim = f"the {target.role} role at {target.employer}"
    elif target.role:
        aim = f"{indefinite_article(target.role)} {target.role} role"
    else:
        aim = str(target.employer)
    return f"{text} Seeking to bring this experience to {aim}."


def build(app: Application, paper: str = "a4") -> ResumeData:
    """Every finished string of the English résumé (no photo, birth date, age or gender)."""
    record, target = app.record, app.target
    positions = sorted(record.work, key=lambda p: p.start, reverse=True)
    page_w, page_h = PAPERS[paper]
    return {
        "lang": "en",
        "doc": "resume",
        "paper": paper,
        "licenses_heading": (
            "Licenses and Certifications"
            if american_spelling(record.locale, paper)
            else "Licences and Certifications"
        ),
        "margin_x": side_margin(paper),
        "date": format_en(app.date),
        "name": record.person.name,
        "contact_line": contact_line(record),
        "links_line": links_line(record),
        "summary": summary(app),
        "target_role": target.role if target and target.role else "",
        "positions": [_position(app, p, paper) for p in positions],
        "education": education_entries(record),
        "licenses": [
            {
                "name": lic.name,
                "date": format_en(lic.date),
                "fits": fits_one_line(lic.name, format_en(lic.date)),
            }
            for lic in sorted(record.licenses, key=lambda x: x.date, reverse=True)
        ],
        "skills": list(record.skills),
        "skills_line": ", ".join(record.skills),
        "memberships": list(record.memberships),
        "memberships_line": ", ".join(record.memberships),
        "publications": list(record.publications),
        "page_w": page_w,
        "page_h": page_h,
    }
