"""View models of the 職務経歴書 (``shokumu``) and the English résumé (``resume``).

Templates only place strings. Everything a reader sees is decided here, where
it can be tested as text: dates in 西暦 or 和暦, the order of positions and
achievements, the quantified statements, the 退職理由 line and the closing 以上.

Two rules that protect the applicant:

* The raw ``leaving_reason`` never reaches a document. A 退職理由 line is
  printed only when the phrasebook recognises the reason (its rephrased short
  form, or a keep-as-is statement of fact); otherwise the line is left out.
* Nothing is invented. The closing line of the 職務要約 for a target is built
  from the target's employer and role only; English bullets reuse the user's
  own duties, summaries and the quantified statements of their metrics.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from resumegen.enrich.quantify import quantify_achievement
from resumegen.enrich.rephrase import rephrase
from resumegen.record.dates import format_en, format_ja
from resumegen.record.model import Achievement, PartialDate, Position, Record, Target

__all__ = [
    "document_date",
    "leaving_line",
    "ordered_achievements",
    "ordered_positions",
    "period_en",
    "period_ja",
    "resume_context",
    "shokumu_context",
    "starts_with_verb",
    "target_line",
]

CLOSING_JA = "以上"
PRESENT_JA = "現在"
PRESENT_EN = "Present"
EN_DASH = "\u2013"


# ----------------------------------------------------------------- shared helpers


def document_date(record: Record, today: date | None) -> PartialDate:
    """The date printed on the document: ``as_of``, else *today*."""
    if record.as_of is not None:
        return record.as_of
    if today is None:
        raise ValueError("record has no as_of; pass today=")
    return PartialDate(today.year, today.month, today.day)


def ordered_positions(record: Record) -> list[Position]:
    """Positions in ``options.order``: newest first (reverse, the default) or oldest first.

    Ties on the start date keep record order, so the output never depends on
    how the user happened to sort the list only by accident.
    """
    indexed = sorted(enumerate(record.work), key=lambda t: (t[1].start, t[0]))
    ordered = [p for _, p in indexed]
    if record.options.order == "reverse":
        ordered.reverse()
    return ordered


def ordered_achievements(position: Position, target: Target | None) -> list[Achievement]:
    """Achievements tagged with the target's ``emphasis`` first, otherwise record order."""
    if target is None or not target.emphasis:
        return list(position.achievements)
    wanted = set(target.emphasis)
    return sorted(position.achievements, key=lambda a: 0 if wanted & set(a.tags) else 1)


def leaving_line(
    position: Position, record: Record, book: Any | None, lang: str | None = None
) -> str:
    """The phrasebook wording of why a past position was left, or "" (never the raw text)."""
    if position.current or not position.leaving_reason:
        return ""
    result = rephrase(
        position.leaving_reason, lang=lang or record.lang, profile=record.profile, book=book
    )
    return result.rephrased or ""


# ----------------------------------------------------------------- 職務経歴書


def period_ja(position: Position, era: str) -> str:
    """``2011年4月～現在`` / ``平成23年4月～令和3年3月``."""
    start = format_ja(position.start, era, with_day=False)
    end = PRESENT_JA if position.end is None else format_ja(position.end, era, with_day=False)
    return f"{start}～{end}"


def target_line(record: Record, target: Target | None) -> str:
    """The last line of the 職務要約 for an application, from employer and role only."""
    if target is None or not (target.employer or target.role):
        return ""
    from resumegen.render.rirekisho import is_medical_employer

    honorific = "貴院" if is_medical_employer(record, target) else "貴社"
    if target.role:
        return (
            f"これまでの経験を活かし、{honorific}の{target.role}として貢献したいと考えております。"
        )
    return f"これまでの経験を活かし、{honorific}に貢献したいと考えております。"


def _position_ja(position: Position, record: Record, target: Target | None, book: Any) -> dict:
    era = record.options.era
    facts = []
    if position.department:
        facts.append(("所属", position.department))
    if position.title:
        facts.append(("役職", position.title))
    if position.employment:
        facts.append(("雇用形態", position.employment))
    achievements = [
        {"summary": a.summary, "statements": quantify_achievement(a, "ja")}
        for a in ordered_achievements(position, target)
    ]
    reason = leaving_line(position, record, book)
    return {
        "period": period_ja(position, era),
        "organization": position.organization,
        "department": position.department or "",
        "title": position.title or "",
        "employment": position.employment or "",
        "scale": position.scale or "",
        "facts_line": "　".join(f"{k}：{v}" for k, v in facts),
        "duties": list(position.duties),
        "achievements": achievements,
        "leaving_reason": reason,
        "leaving_line": f"退職理由：{reason}" if reason else "",
    }


def shokumu_context(
    record: Record,
    *,
    target: Target | None = None,
    today: date | None = None,
    book: Any | None = None,
) -> dict[str, Any]:
    """Every finished string of the 職務経歴書 of *record* (optionally tailored to *target*)."""
    era = record.options.era
    as_of = document_date(record, today)
    return {
        "lang": "ja",
        "doc": "shokumu",
        "title": "職務経歴書",
        "date_line": f"{format_ja(as_of, era, with_day=True)}現在",
        "name": record.person.name,
        "summary": record.summary or "",
        "target_line": target_line(record, target),
        "positions": [_position_ja(p, record, target, book) for p in ordered_positions(record)],
        "skills": list(record.skills),
        "licenses": [
            {
                "date": format_ja(lic.date, era, with_day=False),
                "name": f"{lic.name}（{lic.number}）" if lic.number else lic.name,
            }
            for lic in sorted(record.licenses, key=lambda x: x.date)
        ],
        "memberships": list(record.memberships),
        "memberships_line": "、".join(record.memberships),
        "publications": list(record.publications),
        "self_pr": record.self_pr or "",
        "closing": CLOSING_JA,
    }


# ----------------------------------------------------------------- English résumé

# Verbs a résumé bullet may open with (DOMAIN §6.3 plus common ones). A first
# word ending in "-ed" also counts, which covers most past-tense verbs.
ACTION_VERBS = frozenset(
    [
        "achieved",
        "admitted",
        "analyzed",
        "authored",
        "built",
        "chaired",
        "coached",
        "conducted",
        "coordinated",
        "cut",
        "delivered",
        "designed",
        "developed",
        "diagnosed",
        "drove",
        "educated",
        "established",
        "exceeded",
        "expanded",
        "grew",
        "handled",
        "implemented",
        "improved",
        "increased",
        "launched",
        "led",
        "maintained",
        "managed",
        "mentored",
        "onboarded",
        "operated",
        "organized",
        "oversaw",
        "performed",
        "presented",
        "published",
        "ran",
        "raised",
        "redesigned",
        "reduced",
        "resolved",
        "secured",
        "set",
        "shortened",
        "stabilized",
        "standardized",
        "streamlined",
        "supervised",
        "supported",
        "taught",
        "trained",
        "treated",
        "won",
        "wrote",
    ]
)

_FIRST_WORD = re.compile(r"[A-Za-z]+")


def starts_with_verb(text: str) -> bool:
    """Whether *text* opens with an action verb (``Supported …``, ``Cut …``)."""
    m = _FIRST_WORD.match(text.strip())
    if not m:
        return False
    word = m.group(0).lower()
    return word in ACTION_VERBS or (word.endswith("ed") and len(word) > 4)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def achievement_bullets(achievement: Achievement) -> list[str]:
    """Bullets for one achievement, each opening with a verb, built only from its own text.

    A statement that opens with a verb stands alone; one that does not is put
    behind the achievement's summary when that opens with a verb, else behind
    "Achieved". An achievement without metrics is its summary.
    """
    summary = achievement.summary.strip()
    statements = quantify_achievement(achievement, "en")
    if not statements:
        if starts_with_verb(summary):
            return [summary]
        return [f"Achieved {_lower_first(summary)}"]
    out = []
    for s in statements:
        if starts_with_verb(s):
            out.append(s)
        elif starts_with_verb(summary):
            out.append(f"{summary}: {_lower_first(s)}")
        else:
            out.append(f"Achieved {_lower_first(s)}")
    return out


def period_en(position: Position) -> str:
    """``Jan 2018 – Present``."""
    end = PRESENT_EN if position.end is None else format_en(position.end)
    return f"{format_en(position.start)} {EN_DASH} {end}"


def contact_line(record: Record) -> str:
    """Phone · email · address · links: what a recruiter needs, nothing personal beyond."""
    p = record.person
    items = [p.phone, p.email, p.address, *p.links]
    return " \u00b7 ".join(i for i in items if i)


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


def education_entries(record: Record) -> list[dict[str, str]]:
    """One entry per (school, degree), newest first; the year is that of completion, if any."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for ev in sorted(record.education, key=lambda e: e.date):
        groups.setdefault((ev.school, ev.degree or ""), []).append(ev)
    entries = []
    for (school, degree), events in groups.items():
        done = [e for e in events if any(k in e.event.lower() for k in _DONE_EVENTS)]
        last = events[-1]
        entries.append(
            {
                "school": school,
                "degree": degree,
                "line": ", ".join(x for x in (degree, school) if x),
                "year": str(done[-1].date.year) if done else "",
                "sort": last.date.iso(),
            }
        )
    entries.sort(key=lambda e: e["sort"], reverse=True)
    for e in entries:
        del e["sort"]
    return entries


def _position_en(position: Position, target: Target | None) -> dict[str, Any]:
    bullets = list(position.duties)
    for a in ordered_achievements(position, target):
        bullets.extend(achievement_bullets(a))
    return {
        "title": position.title or "",
        "organization": position.organization,
        "department": position.department or "",
        "organization_line": ", ".join(
            x for x in (position.organization, position.department) if x
        ),
        "dates": period_en(position),
        "bullets": bullets,
    }


def resume_context(
    record: Record,
    *,
    target: Target | None = None,
    today: date | None = None,
    paper: str = "a4",
) -> dict[str, Any]:
    """Every finished string of the English résumé (no photo, birth date, age or gender)."""
    positions = sorted(record.work, key=lambda p: p.start, reverse=True)
    return {
        "lang": "en",
        "doc": "resume",
        "paper": paper,
        "date": format_en(document_date(record, today)),
        "name": record.person.name,
        "contact_line": contact_line(record),
        "summary": record.summary or "",
        "target_role": target.role if target and target.role else "",
        "positions": [_position_en(p, target) for p in positions],
        "education": education_entries(record),
        "licenses": [
            {"name": lic.name, "date": format_en(lic.date)}
            for lic in sorted(record.licenses, key=lambda x: x.date, reverse=True)
        ],
        "skills": list(record.skills),
        "skills_line": ", ".join(record.skills),
        "memberships": list(record.memberships),
        "memberships_line": ", ".join(record.memberships),
        "publications": list(record.publications),
    }
