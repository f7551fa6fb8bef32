"""The English résumé (``resume``): an :class:`Application` as the template's finished strings.

No photo, birth date, age or gender. Bullets open with an action verb and
are built only from the user's own duties, summaries and the quantified
statements of their metrics: nothing is invented.
"""

from __future__ import annotations

import re
from typing import Any, TypedDict

from resumegen.documents import PAPERS
from resumegen.documents.common import period_en
from resumegen.enrich.application import Application
from resumegen.enrich.numbers import is_percent, is_prefix_unit
from resumegen.record import model
from resumegen.record.dates import format_en
from resumegen.record.model import Achievement, Metric, Record

__all__ = [
    "achievement_bullets",
    "action_line",
    "build",
    "fits_one_line",
    "links_line",
    "side_margin",
    "starts_with_verb",
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


# Verbs a résumé bullet may open with (DOMAIN §6.3 plus common ones). A first
# word ending in "-ed" also counts, which covers most past-tense verbs.
ACTION_VERBS = frozenset(
    [
        "achieved",
        "admitted",
        "analyzed",
        "assessed",
        "audited",
        "authored",
        "built",
        "chaired",
        "coached",
        "collaborated",
        "conducted",
        "contributed",
        "coordinated",
        "cut",
        "delivered",
        "designed",
        "developed",
        "diagnosed",
        "drove",
        "educated",
        "established",
        "evaluated",
        "exceeded",
        "expanded",
        "facilitated",
        "grew",
        "guided",
        "handled",
        "held",
        "implemented",
        "improved",
        "increased",
        "launched",
        "led",
        "maintained",
        "managed",
        "mentored",
        "monitored",
        "negotiated",
        "onboarded",
        "operated",
        "organized",
        "oversaw",
        "performed",
        "planned",
        "prepared",
        "presented",
        "published",
        "ran",
        "raised",
        "redesigned",
        "reduced",
        "resolved",
        "reviewed",
        "secured",
        "set",
        "shortened",
        "stabilized",
        "standardized",
        "streamlined",
        "supervised",
        "supported",
        "taught",
        "tracked",
        "trained",
        "treated",
        "won",
        "wrote",
    ]
)

# Base forms whose past tense is not base + "ed" (for "Teaching fellows" → "Taught fellows").
_IRREGULAR_PAST = {
    "build": "built",
    "cut": "cut",
    "drive": "drove",
    "grow": "grew",
    "hold": "held",
    "lead": "led",
    "oversee": "oversaw",
    "run": "ran",
    "set": "set",
    "teach": "taught",
    "win": "won",
    "write": "wrote",
}

# Openings that describe a duty instead of an action, and the verb that says
# the same thing: being responsible for something is overseeing it.
_DUTY_OPENINGS = (
    ("responsible for ", "Oversaw "),
    ("in charge of ", "Oversaw "),
    ("was responsible for ", "Oversaw "),
)

_FIRST_WORD = re.compile(r"[A-Za-z]+")
_FIGURE_FIRST = re.compile(r"^(about |[$€£¥]|[A-Z]{3} )?\d")


def starts_with_verb(text: str) -> bool:
    """Whether *text* opens with an action verb (``Supported …``, ``Cut …``)."""
    m = _FIRST_WORD.match(text.strip())
    if not m:
        return False
    word = m.group(0).lower()
    return word in ACTION_VERBS or (word.endswith("ed") and len(word) > 4)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _past_of_gerund(word: str) -> str | None:
    """``taught`` for ``teaching``, ``managed`` for ``managing``; None unless it is a known verb."""
    w = word.lower()
    if not w.endswith("ing") or len(w) < 6:
        return None
    stem = w[:-3]
    bases = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        bases.append(stem[:-1])  # running → run, planning → plan
    for base in bases:
        if base in _IRREGULAR_PAST:
            return _IRREGULAR_PAST[base]
        for past in (base + "ed", base + "d"):
            if past in ACTION_VERBS:
                return past
    return None


def action_line(text: str) -> str:
    """A duty or summary as a résumé bullet opening with a verb, when that needs no new fact.

    ``I led …`` → ``Led …``; ``Responsible for …`` → ``Oversaw …``;
    ``Teaching fellows`` → ``Taught fellows``. Anything else is returned as typed.
    """
    out = text.strip()
    if out.startswith("I ") and starts_with_verb(out[2:]):
        out = out[2:]
    low = out.lower()
    for opening, verb in _DUTY_OPENINGS:
        if low.startswith(opening):
            return verb + out[len(opening) :]
    m = _FIRST_WORD.match(out)
    if m:
        past = _past_of_gerund(m.group(0))
        if past:
            return _cap(past) + out[m.end() :]
    return _cap(out)


def _words(text: str) -> set[str]:
    return {w.lower().rstrip("s") for w in _FIRST_WORD.findall(text)}


def _counted_unit(metric: Metric) -> bool:
    """True when the figure counts things (procedures, accounts), not a rate, score or money."""
    u = metric.unit.strip()
    return bool(u) and not is_percent(u) and not is_prefix_unit(u, "en") and metric.scale is None


def _figure_note(metric: Metric, statement: str, lead: str) -> str:
    """A statement as a note after a verb-led summary, without repeating the metric's name."""
    label = f"{_cap(metric.name)}: "
    if statement.startswith(label) and _words(metric.name) <= _words(lead):
        return statement[len(label) :]
    return _lower_first(statement)


def _verb_led(metric: Metric, statement: str) -> str:
    """A statement that does not open with a verb, given one that adds no fact."""
    name = metric.name
    label = f"{_cap(name)}: "
    if statement.startswith(label):
        rest = statement[len(label) :]
        if rest.startswith("unchanged at "):
            return f"Maintained {name} at {rest[len('unchanged at ') :]}"
        if rest.startswith("unchanged"):
            return f"Maintained {name}{rest[len('unchanged') :]}"
        if rest.startswith("figure confidential"):
            return f"Achieved {name} ({rest})"
        if _counted_unit(metric):
            return f"Achieved {rest} ({name})"
        return f"Achieved {name} of {rest}"
    for moved in (" rose ", " fell "):
        if statement.startswith(_cap(name) + moved):
            return f"Tracked {name}, which{moved}{statement[len(name) + len(moved) :]}"
    return f"Achieved {_lower_first(statement)}"


def achievement_bullets(achievement: Achievement, statements: tuple[str, ...]) -> list[str]:
    """Bullets for one achievement, each opening with a verb, built only from its own text.

    A statement that opens with a verb stands alone. The others go, in
    brackets, behind the achievement's summary when that opens with a verb
    (``Mentored fellows (9 fellows mentored)``); otherwise each gets a verb that
    adds no fact (``Achieved adenoma detection rate of 41%``, ``Maintained …
    at …``). A team result still says it was the team's. An achievement
    without metrics is its summary.
    """
    lead = action_line(achievement.summary)
    if not statements:
        return [lead if starts_with_verb(lead) else f"Achieved {_lower_first(lead)}"]
    standalone: list[str] = []
    notes: list[tuple[Metric, str]] = []
    for metric, s in zip(achievement.metrics, statements, strict=False):
        if s.startswith("The team "):
            s = f"Contributed to a team effort that {s[len('The team ') :]}"
        if starts_with_verb(s):
            standalone.append(s)
        else:
            notes.append((metric, s))
    if not notes:
        return standalone
    if starts_with_verb(lead):
        figures = "; ".join(_figure_note(m, s, lead) for m, s in notes)
        return [f"{lead} ({figures})", *standalone]
    return [*standalone, *(_verb_led(m, s) for m, s in notes)]


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
)


def education_entries(record: Record) -> list[Education]:
    """One entry per (school, degree), newest first; the year is that of completion, if any."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for ev in sorted(record.education, key=lambda e: e.date):
        groups.setdefault((ev.school, ev.degree or ""), []).append(ev)
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


def _position(app: Application, position: model.Position) -> Position:
    bullets = [action_line(d) for d in position.duties]
    for a in app.achievements(position):
        bullets.extend(achievement_bullets(a, app.statements(a, "en")))
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


def build(app: Application, paper: str = "a4") -> ResumeData:
    """Every finished string of the English résumé (no photo, birth date, age or gender)."""
    record, target = app.record, app.target
    positions = sorted(record.work, key=lambda p: p.start, reverse=True)
    page_w, page_h = PAPERS[paper]
    return {
        "lang": "en",
        "doc": "resume",
        "paper": paper,
        "margin_x": side_margin(paper),
        "date": format_en(app.date),
        "name": record.person.name,
        "contact_line": contact_line(record),
        "links_line": links_line(record),
        "summary": record.summary or "",
        "target_role": target.role if target and target.role else "",
        "positions": [_position(app, p) for p in positions],
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
