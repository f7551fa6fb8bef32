"""The 職務経歴書 (``shokumu``): an :class:`Application` as the template's finished strings.

Templates only place strings. Everything a reader sees is decided here or in
the application, where it can be tested as text: dates in 西暦 or 和暦, the
order of positions and achievements, the quantified statements, the 退職理由
line and the closing 以上.

Two rules that protect the applicant:

* No 退職理由 by default: a reason on paper is read without the person there
  to explain it, and the answer belongs to the interview sheet. With
  ``options.shokumu_exit: facts`` a past position prints its leaving *fact*
  only, in the 履歴書's words (:meth:`Application.exit_fact`: 医局人事により退職,
  契約期間満了により退職 …); a reason that is not such a fact prints nothing.
  The raw ``leaving_reason`` never reaches the document.
* Nothing is invented. The closing line of the 職務要約 for a target is built
  from the target's employer and role only.
"""

from __future__ import annotations

from typing import TypedDict

from resumegen.documents.common import CLOSING_JA, license_name_ja, license_number, period_ja
from resumegen.enrich.application import Application
from resumegen.record import model
from resumegen.record.dates import format_ja
from resumegen.text import join_folded

__all__ = ["Achievement", "License", "Position", "ShokumuData", "build", "target_line"]


class Achievement(TypedDict):
    summary: str
    statements: list[str]  # the quantified statements of its metrics


class Position(TypedDict):
    period: str  # 2011年4月～現在
    organization: str
    department: str
    title: str
    employment: str
    scale: str
    facts_line: str  # 所属：救急科　役職：助教
    duties: list[str]
    achievements: list[Achievement]
    leaving_reason: str  # the leaving fact (options.shokumu_exit: facts), else ""
    leaving_line: str  # 退職理由：… (or "")


class License(TypedDict):
    date: str
    name: str


class ShokumuData(TypedDict):
    """What ``templates/ja/shokumu.docx`` receives."""

    lang: str
    doc: str
    title: str
    date_line: str
    name: str
    summary: str
    target_line: str
    positions: list[Position]
    skills: list[str]
    licenses: list[License]
    memberships: list[str]
    memberships_line: str
    publications: list[str]
    self_pr: str
    closing: str


def target_line(app: Application) -> str:
    """The last line of the 職務要約 for an application, from employer and role only."""
    target = app.target
    if target is None or not (target.employer or target.role):
        return ""
    honorific = app.honorific
    if target.role:
        return (
            f"これまでの経験を活かし、{honorific}の{target.role}として貢献したいと考えております。"
        )
    return f"これまでの経験を活かし、{honorific}に貢献したいと考えております。"


def _position(app: Application, position: model.Position) -> Position:
    era = app.record.options.era
    facts = []
    if position.department:
        facts.append(("所属", position.department))
    if position.title:
        facts.append(("役職", position.title))
    if position.employment:
        facts.append(("雇用形態", position.employment))
    achievements: list[Achievement] = [
        {"summary": a.summary, "statements": list(app.statements(a, "ja"))}
        for a in app.achievements(position)
    ]
    reason = ""
    if app.record.options.shokumu_exit == "facts":
        reason = app.exit_fact(position) or ""
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


def build(app: Application, paper: str = "a4") -> ShokumuData:
    """Every finished string of the 職務経歴書 of *app*'s record, tailored to its target."""
    record = app.record
    era = record.options.era
    as_of = app.date
    return {
        "lang": "ja",
        "doc": "shokumu",
        "title": "職務経歴書",
        "date_line": f"{format_ja(as_of, era, with_day=True)}現在",
        "name": record.person.name,
        "summary": join_folded(record.summary or ""),
        "target_line": target_line(app),
        "positions": [_position(app, p) for p in app.positions],
        "skills": list(record.skills),
        "licenses": [
            {
                "date": format_ja(lic.date, era, with_day=False),
                "name": (
                    f"{license_name_ja(lic)}（{license_number(lic)}）"
                    if lic.number
                    else license_name_ja(lic)
                ),
            }
            for lic in sorted(record.licenses, key=lambda x: x.date)
        ],
        "memberships": list(record.memberships),
        "memberships_line": "、".join(record.memberships),
        "publications": list(record.publications),
        "self_pr": join_folded(record.self_pr or ""),
        "closing": CLOSING_JA,
    }
