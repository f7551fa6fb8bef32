"""``check`` findings about leaving reasons: the person's own answers, and reasons against a target.

A record may hold its own answer (``leaving_answer``): it is used as
written, so it is checked here: no negative trigger word, no figure that is
not somewhere in the record, and within the spoken answer's length. A
leaving reason that wishes away what a target is (night duty for an
emergency post) is reported for that target instead of being smoothed over.
"""

from __future__ import annotations

import re

from resumegen.enrich.answer_rules import answer_rules
from resumegen.enrich.application import Application, enrich
from resumegen.enrich.audit_messages import audit_messages
from resumegen.enrich.audit_report import Finding
from resumegen.enrich.reason_answer import measure
from resumegen.enrich.reason_scan import matched_hits
from resumegen.record.model import Record

__all__ = ["leaving_findings"]

_FIGURE = re.compile(r"\d[\d,，.]*")


def leaving_findings(app: Application) -> list[Finding]:
    """Findings on the own answers of *app*'s record and on its reasons against each target."""
    record = app.record
    say = audit_messages(record.lang).say
    out: list[Finding] = []
    for i, position in enumerate(record.work):
        own = (position.leaving_answer or "").strip()
        if own:
            out.extend(_own_answer(app, record, i, own))
    for k, target in enumerate(record.targets):
        answer = enrich(record, target, resources=app.resources, today=app.today).leaving_answer
        for conflict in answer.conflicts if answer is not None else ():
            path = f"targets[{k}]"
            line, column = record.where(path)
            out.append(
                Finding(
                    "warning",
                    path,
                    say(
                        "reason_conflict",
                        target=target.id,
                        message=conflict.message,
                        quoted=conflict.quoted,
                    ),
                    say("reason_conflict_fix"),
                    line,
                    column,
                )
            )
    return out


def _own_answer(app: Application, record: Record, i: int, text: str) -> list[Finding]:
    say = audit_messages(record.lang).say
    path = f"work[{i}].leaving_answer"
    line, column = record.where(path)
    out = []

    def add(message: str, fix: str) -> None:
        out.append(Finding("warning", path, message, fix, line, column))

    words = [
        h.quoted
        for h in matched_hits(text, app.resources.phrasebook, record.profile)
        if not h.entry.keep_as_is and not h.entry.fallback
    ]
    if words:
        add(
            say(
                "answer_negative",
                words="、".join(words) if record.lang == "ja" else ", ".join(words),
            ),
            say("answer_fix"),
        )
    known = _record_figures(record, app)
    stray = [f for f in _figures(text) if f not in known]
    if stray:
        add(say("answer_figure", figures=", ".join(stray)), say("answer_figure_fix"))
    limit = answer_rules(record.lang).limits.get("long", 200)
    count = measure(text, record.lang)
    if count > limit:
        unit = "字" if record.lang == "ja" else "words"
        add(say("answer_long", count=count, limit=limit, unit=unit), say("answer_long_fix"))
    return out


def _figures(text: str) -> list[str]:
    return [
        m.group().rstrip(".,，").replace(",", "").replace("，", "") for m in _FIGURE.finditer(text)
    ]


def _record_figures(record: Record, app: Application) -> set[str]:
    """Every number written in the record or computed from it (a change's difference)."""
    texts = [record.summary or "", record.self_pr or "", *record.skills]
    for position in record.work:
        texts += [position.scale or "", *position.duties, position.leaving_reason or ""]
        for achievement in position.achievements:
            texts.append(achievement.summary)
            texts.extend(app.statements(achievement))
    found = set()
    for text in texts:
        found.update(_figures(text))
    for position in record.work:
        years = app.grounding(position).years
        if years:
            found.add(str(years))
    return found
