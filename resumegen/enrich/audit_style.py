"""How a Japanese record's own text sits in documents the tool dates and labels itself.

The documents write every date they compose in the record's era (``options.era``:
2011年4月 or 平成23年4月) and close every label they compose with a full-width
「：」. Text the person typed is printed as typed, so ``check`` points at it
when it breaks either style:

* a year in the other era's style (「2014年→2017年」 in a 和暦 document,
  「令和3年」 in a 西暦 one) → info, at the field;
* a half-width colon after Japanese text (「当直: 月6回」) → info, at the field.

Publications are left alone: citations keep the journal's year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from resumegen.enrich.audit_messages import audit_messages
from resumegen.enrich.audit_report import Finding
from resumegen.record.model import Record
from resumegen.text import CJK, excerpt

__all__ = ["style_findings"]

_SEIREKI = re.compile(r"(?<![0-9０-９])(?:1[89]|20)[0-9]{2}\s*年")
_WAREKI = re.compile(r"(?:明治|大正|昭和|平成|令和)\s*(?:[0-9０-９]{1,2}|元)\s*年")
_HALF_COLON = re.compile(f"[{CJK}）)][ ]?:")


def _printed(record: Record) -> Iterator[tuple[str, str]]:
    """(key path, text) of what the person typed that the Japanese documents print."""
    if record.summary:
        yield "summary", record.summary
    for i, p in enumerate(record.work):
        if p.scale:
            yield f"work[{i}].scale", p.scale
        for k, duty in enumerate(p.duties):
            yield f"work[{i}].duties[{k}]", duty
        for j, a in enumerate(p.achievements):
            path = f"work[{i}].achievements[{j}]"
            yield f"{path}.summary", a.summary
            for m, metric in enumerate(a.metrics):
                yield f"{path}.metrics[{m}].name", metric.name
                if metric.period:
                    yield f"{path}.metrics[{m}].period", metric.period
    for k, skill in enumerate(record.skills):
        yield f"skills[{k}]", skill
    if record.self_pr:
        yield "self_pr", record.self_pr
    for k, t in enumerate(record.targets):
        if t.motivation:
            yield f"targets[{k}].motivation", t.motivation


def style_findings(record: Record) -> list[Finding]:
    """Typed years in the other era's style and half-width colons, in a Japanese record."""
    if record.lang != "ja":
        return []
    say = audit_messages(record.lang).say
    wareki = record.options.era == "wareki"
    other = _SEIREKI if wareki else _WAREKI
    style = say("era_wareki" if wareki else "era_seireki")
    out = []

    def add(path: str, message: str, fix: str) -> None:
        line, column = record.where(path)
        out.append(Finding("info", path, message, fix, line, column))

    for path, text in _printed(record):
        found = other.search(text)
        if found:
            add(
                path,
                say("mixed_era", found=found[0], style=style),
                say("mixed_era_fix", style=style),
            )
        colon = _HALF_COLON.search(text)
        if colon:
            start = max(0, colon.start() - 8)
            add(
                path,
                say("half_colon", quoted=excerpt(text[start : colon.end() + 8].strip(), 24)),
                say("half_colon_fix"),
            )
    return out
