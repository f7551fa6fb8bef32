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
* Nothing is invented. With a target, its ``emphasis`` (achievement tags)
  tailors two places, from the record's own words only (:func:`tailored_pr`,
  :func:`target_line`): the 自己PR's points (the paragraphs, else the
  sentences, of ``self_pr``) are ordered as the emphasised achievements
  they speak of are listed under 【実績】; a point that repeats another
  target's motivation and not this one's is left out (``check`` says so);
  an emphasised achievement listed before any the person's points speak of
  adds one sentence made of its summary and figures, so the 自己PR opens on
  the same achievement as the 実績. The 職務要約's last line names that
  achievement, the employer and the role.

A metric that is a work load (当直 月6回: :func:`~resumegen.enrich.quantify.duty_load`)
is printed with the duties, not under 【実績】.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypedDict

from resumegen.documents.common import (
    CLOSING_JA,
    license_name_ja,
    license_number,
    period_ja,
)
from resumegen.enrich.application import Application
from resumegen.enrich.audit_messages import audit_messages
from resumegen.enrich.audit_report import Finding
from resumegen.enrich.episodes import done_phrase
from resumegen.enrich.quantify import duty_load
from resumegen.enrich.self_pr import emphasised
from resumegen.record import model
from resumegen.record.dates import format_ja
from resumegen.text import excerpt, join_folded, label_ja

__all__ = [
    "Achievement",
    "License",
    "Position",
    "ShokumuData",
    "build",
    "estimate_pages",
    "findings",
    "render_notes",
    "target_line",
]


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
    """The last line of the 職務要約 for an application: the first emphasised achievement
    (in the record's words), the employer's honorific and the role."""
    target = app.target
    if target is None or not (target.employer or target.role):
        return ""
    picked = emphasised(app)
    experience = _experience(picked[0].summary) if picked else "これまでの経験"
    honorific = app.honorific
    if target.role:
        return f"{experience}を活かし、{honorific}の{target.role}として貢献したいと考えております。"
    return f"{experience}を活かし、{honorific}に貢献したいと考えております。"


def _experience(summary: str) -> str:
    """The experience an achievement names, without quoting it: …を短縮した経験,
    or …の標準化をはじめとする経験 for a noun phrase."""
    done = done_phrase(summary)
    return (
        f"{done}経験" if done else f"{join_folded(summary.strip()).rstrip('。')}をはじめとする経験"
    )


def _position(app: Application, position: model.Position) -> Position:
    era = app.record.options.era
    facts = []
    if position.department:
        facts.append(("所属", position.department))
    if position.title:
        facts.append(("役職", position.title))
    if position.employment:
        facts.append(("雇用形態", position.employment))
    duties = list(position.duties)
    achievements: list[Achievement] = []
    for a in app.achievements(position):
        statements: list[str] = []
        for metric, statement in zip(a.metrics, app.statements(a, "ja"), strict=True):
            (duties if duty_load(metric) else statements).append(label_ja(statement))
        achievements.append({"summary": a.summary, "statements": statements})
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
        "duties": duties,
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
        "self_pr": app.self_pr.text,
        "closing": CLOSING_JA,
    }


# --------------------------------------------------------------------------- pages

# The template's page (tools/templates_src/shokumu.py): A4, 170 mm of line
# between the margins, 297 - 20 - 18 mm of height, 10.5 pt body. A line holds
# _EM_MM-wide full-width characters; Latin letters and digits take about half.
# _LINE_PT (one body line) and the space around headings and position bars are
# calibrated on LibreOffice's PDFs of long records (see tests/unit/test_shokumu_pages.py).
_WIDTH_MM = 170.0
_PAGE_PT = (297 - 20 - 18) / 25.4 * 72
_EM_MM = 10.5 / 72 * 25.4
_LINE_PT = 12.2
_HEADING_PT = 28.0
_BAR_PT = 30.0
_LABEL_PT = _LINE_PT + 3
_HEAD_PT = 80.0  # title, date and name


def _lines(text: str, width_mm: float) -> int:
    """How many lines *text* takes in a column *width_mm* wide."""
    per_line = width_mm / _EM_MM
    total = 0
    for part in (text or " ").split("\n"):
        ems = sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in part)
        total += max(1, -(-int(ems * 100) // int(per_line * 100)))
    return total


def estimate_pages(data: ShokumuData) -> float:
    """The pages *data* fills in the bundled template, estimated from its text (1.0 = one full page).

    Within a few tenths of a page of LibreOffice's count for long records; used to
    warn before a 職務経歴書 passes two pages, without converting it.
    """
    height = _HEAD_PT

    def block(texts: Sequence[str], width: float = _WIDTH_MM - 2) -> float:
        return sum(_lines(t, width) for t in texts) * _LINE_PT

    if data["summary"] or data["target_line"]:
        height += _HEADING_PT + block([t for t in (data["summary"], data["target_line"]) if t])
    if data["positions"]:
        height += _HEADING_PT
    for pos in data["positions"]:
        height += _BAR_PT + block([t for t in (pos["scale"], pos["facts_line"]) if t])
        if pos["duties"]:
            height += _LABEL_PT + block(pos["duties"], _WIDTH_MM - 5)
        if pos["achievements"]:
            height += _LABEL_PT
            for a in pos["achievements"]:
                height += block([a["summary"]], _WIDTH_MM - 5)
                height += block(a["statements"], _WIDTH_MM - 10)
        if pos["leaving_reason"]:
            height += _LABEL_PT + block([pos["leaving_reason"]])
    for texts in (data["skills"], data["publications"]):
        if texts:
            height += _HEADING_PT + block(texts, _WIDTH_MM - 5)
    if data["licenses"]:
        height += _HEADING_PT + block([lic["name"] for lic in data["licenses"]], _WIDTH_MM - 34)
    if data["memberships"]:
        height += _HEADING_PT + block([data["memberships_line"]])
    if data["self_pr"]:
        height += _HEADING_PT + block([data["self_pr"]])
    height += _LINE_PT + 6  # 以上
    return height / _PAGE_PT


def _too_long(app: Application, pages: float) -> str:
    """That *app*'s 職務経歴書 runs to about *pages* pages, in the record's language."""
    said = audit_messages(app.lang)
    which = ""
    if app.target:
        which = f"（{app.target.id}）" if said.lang == "ja" else f" for {app.target.id}"
    return said.say("shokumu_pages", pages=str(math.ceil(pages)), which=which)


def render_notes(app: Application, paper: str = "a4") -> list[str]:
    """What ``render`` says about the 職務経歴書 it wrote for *app*: that it passes two pages."""
    pages = estimate_pages(build(app, paper))
    return [_too_long(app, pages)] if pages > 2.0 else []


def findings(app: Application) -> list[Finding]:
    """What the 職務経歴書s of *app*'s record do to it, as ``resumegen check`` findings:
    one that runs past two pages (estimated, :func:`estimate_pages`), and a 自己PR point
    one target's document leaves out. *app* without a target stands for every target."""
    if app.lang != "ja":
        return []
    record = app.record
    say = audit_messages(app.lang).say
    apps = [app]
    if app.target is None:
        apps += [
            Application(record, t, app.resources, today=app.today, paper=app.paper)
            for t in record.targets
        ]
    out = []
    sizes = [estimate_pages(build(a, a.paper)) for a in apps]
    pages = max(sizes)
    longest = apps[sizes.index(pages)]
    if pages > 2.0:
        line, column = record.where("work")
        out.append(
            Finding(
                "warning", "work", _too_long(longest, pages), say("shokumu_pages_fix"), line, column
            )
        )
    for a in apps:
        if a.target is None:
            continue
        for point, other in a.self_pr.left_out:
            line, column = record.where("self_pr")
            out.append(
                Finding(
                    "info",
                    "self_pr",
                    say(
                        "shokumu_pr_left_out",
                        target=a.target.id,
                        other=other,
                        quoted=excerpt(point, 30),
                    ),
                    say("shokumu_pr_left_out_fix", target=a.target.id),
                    line,
                    column,
                )
            )
    return out
