"""``check`` findings about leaving reasons: the person's own answers, and reasons against a target.

A record may hold its own answer (``leaving_answer``): it is used as
written, so it is verified against the record with the record's other own
texts (:mod:`resumegen.enrich.verify`). A leaving reason that wishes away
what a target is (night duty for an emergency post) is reported for that
target instead of being smoothed over.
"""

from __future__ import annotations

from resumegen.enrich.application import Application, enrich
from resumegen.enrich.audit_messages import audit_messages
from resumegen.enrich.audit_report import Finding
from resumegen.enrich.verify import record_findings

__all__ = ["leaving_findings"]


def leaving_findings(app: Application) -> list[Finding]:
    """Findings on the own texts of *app*'s record (its leaving answers among them, verified
    against the record) and on its reasons against each target."""
    record = app.record
    say = audit_messages(record.lang).say
    out = record_findings(app)  # the own answers, with the record's other own texts
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
