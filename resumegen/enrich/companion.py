"""The English companion of a Japanese record: the record the English résumé renders from.

A ``lang: ja`` record may carry ``en`` maps beside its Japanese keys
(``person.en``, ``work[i].en``, a metric's ``en`` …; the field table is in
``record/schema.py``). :func:`english_record` lays them over the record and
returns a ``lang: en`` record of the same facts, which the résumé renders
exactly as it would an English record: dates, numbers, tags, contact details
(but a phone number as dialled from abroad, ``person.en.phone``) and order
are the Japanese record's; every text the résumé prints comes from
an ``en`` map, or is the Japanese record's own text when that holds no kana or
kanji (``ACLS``, an English paper title, ``%``). A text given once serves
every other place with the same Japanese (a school's 入学 and 卒業 lines, a
hospital held twice). Plain periods (年, 月, 週, 日) and yen (円, 万円, 億円)
need no English: the résumé writes them itself. What the résumé does not
print (readings, employment type, scale, STAR parts, leaving reasons,
志望動機, 本人希望) is left out; an education event (卒業, 修了) stays as
typed, as it only tells the résumé which year a degree was completed.

Japanese text with no English is a gap. :func:`missing_english` says the
gaps with their positions (the first :data:`SHOWN`, then how many more), and
:func:`english_record` refuses with them: never a half-English document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from resumegen.enrich.audit_report import Finding
from resumegen.enrich.numbers import PERCENT_UNITS, YEN_UNITS
from resumegen.errors import Diagnostic, RecordError
from resumegen.messages import Message, diagnostic, is_japanese, message_lang, say
from resumegen.record.model import (
    Achievement,
    EducationEvent,
    License,
    Metric,
    Person,
    Position,
    Record,
    Target,
)
from resumegen.text import excerpt, prose

if TYPE_CHECKING:
    from resumegen.enrich.application import Application

__all__ = [
    "SHOWN",
    "Gap",
    "companion_complete",
    "companion_findings",
    "english_record",
    "gaps",
    "missing_english",
]

#: How many missing fields an error lists before it says how many more there are.
SHOWN = 10

# Units and periods whose English the résumé writes itself.
_NEUTRAL_UNITS = YEN_UNITS | PERCENT_UNITS
_PERIODS = {
    **dict.fromkeys(
        ("年", "年間", "1年", "毎年", "年あたり", "1年あたり"),
        "year",
    ),
    **dict.fromkeys(
        ("月", "月間", "1か月", "1ヶ月", "毎月", "月あたり", "1か月あたり", "1ヶ月あたり"),
        "month",
    ),
    **dict.fromkeys(("週", "週間", "1週", "毎週", "週あたり", "1週あたり"), "week"),
    **dict.fromkeys(("日", "1日", "毎日", "日あたり", "1日あたり"), "day"),
}


@dataclass(frozen=True)
class Gap:
    """A Japanese text the English résumé prints and the companion does not translate."""

    path: str  # where the English goes: ``work[0].en.title``
    source: str  # the Japanese key: ``work[0].title``
    text: str  # the Japanese


class _Overlay:
    """One pass over a record: the English record and the gaps, in record order."""

    def __init__(self, record: Record, target: Target | None) -> None:
        self.record = record
        self.chosen = target.id if target is not None else None
        self.gaps: list[Gap] = []
        self.known = _known(record)
        self.asked: set[tuple[str, str]] = set()  # shared texts already said to be missing

    def text(
        self,
        at: str,
        key: str,
        ja: str | None,
        en: str | None,
        *,
        need: bool = True,
        shared: bool = False,
    ) -> str | None:
        """The English of one text: *en*, the same Japanese's English elsewhere, or a gap."""
        if en is not None:
            return en
        if ja is None or not is_japanese(ja):
            return ja
        if shared and (key, ja) in self.known:
            return self.known[(key, ja)]
        if shared and (key, ja) in self.asked:
            return None  # one English serves every place: say it is missing once
        if key == "unit" and ja.strip() in _NEUTRAL_UNITS:
            return ja
        if key == "period" and ja.strip() in _PERIODS:
            return _PERIODS[ja.strip()]
        if need:
            self.gaps.append(Gap(_en_path(at, key), _join(at, key), ja))
            if shared:
                self.asked.add((key, ja))
        return None

    def texts(self, at: str, key: str, ja: tuple[str, ...], en: tuple[str, ...]) -> tuple[str, ...]:
        """A list translated item by item (the validator refuses more English items than Japanese)."""
        out: list[str] = []
        for i, item in enumerate(ja):
            if i < len(en):
                out.append(en[i])
            elif is_japanese(item):
                self.gaps.append(Gap(f"{_en_path(at, key)}[{i}]", f"{_join(at, key)}[{i}]", item))
            else:
                out.append(item)
        return tuple(out)

    def record_en(self) -> Record:
        r = self.record
        en = r.en
        return Record(
            schema=r.schema,
            lang="en",
            person=self.person(r.person),
            profile=r.profile,
            as_of=r.as_of,
            locale=r.locale,
            summary=self.text("", "summary", r.summary, en.summary if en else None),
            education=tuple(
                self.education(f"education[{i}]", e) for i, e in enumerate(r.education)
            ),
            licenses=tuple(self.license(f"licenses[{i}]", x) for i, x in enumerate(r.licenses)),
            memberships=self.texts("", "memberships", r.memberships, en.memberships if en else ()),
            work=tuple(self.position(f"work[{i}]", p) for i, p in enumerate(r.work)),
            skills=self.texts("", "skills", r.skills, en.skills if en else ()),
            targets=tuple(self.target(f"targets[{i}]", t) for i, t in enumerate(r.targets)),
            publications=self.texts(
                "", "publications", r.publications, en.publications if en else ()
            ),
            options=r.options,
            source=r.source,
            positions=r.positions,
            warnings=r.warnings,
        )

    def person(self, p: Person) -> Person:
        en = p.en
        return Person(
            name=self.text("person", "name", p.name, en.name if en else None) or "",
            birth_date=p.birth_date,
            postal_code=p.postal_code,
            address=self.text(
                "person", "address", p.address, en.address if en else None, need=False
            ),
            phone=self.text("person", "phone", p.phone, en.phone if en else None),
            email=None if p.email is None or is_japanese(p.email) else p.email,
            links=tuple(link for link in p.links if not is_japanese(link)),
        )

    def education(self, at: str, e: EducationEvent) -> EducationEvent:
        en = e.en
        return EducationEvent(
            date=e.date,
            school=self.text(at, "school", e.school, en.school if en else None, shared=True) or "",
            event=e.event,
            degree=self.text(at, "degree", e.degree, en.degree if en else None, shared=True),
        )

    def license(self, at: str, x: License) -> License:
        return License(
            date=x.date, name=self.text(at, "name", x.name, x.en.name if x.en else None) or ""
        )

    def position(self, at: str, p: Position) -> Position:
        en = p.en
        return Position(
            organization=self.text(
                at, "organization", p.organization, en.organization if en else None, shared=True
            )
            or "",
            start=p.start,
            end=p.end,
            department=self.text(
                at, "department", p.department, en.department if en else None, shared=True
            ),
            title=self.text(at, "title", p.title, en.title if en else None, shared=True),
            duties=self.texts(at, "duties", p.duties, en.duties if en else ()),
            achievements=tuple(
                self.achievement(f"{at}.achievements[{j}]", a) for j, a in enumerate(p.achievements)
            ),
        )

    def achievement(self, at: str, a: Achievement) -> Achievement:
        return Achievement(
            summary=self.text(at, "summary", a.summary, a.en.summary if a.en else None) or "",
            tags=a.tags,
            role=a.role,
            metrics=tuple(self.metric(f"{at}.metrics[{k}]", m) for k, m in enumerate(a.metrics)),
        )

    def metric(self, at: str, m: Metric) -> Metric:
        en = m.en
        return Metric(
            name=self.text(at, "name", m.name, en.name if en else None) or "",
            unit=self.text(at, "unit", m.unit, en.unit if en else None) or "",
            value=m.value,
            before=m.before,
            after=m.after,
            better=m.better,
            period=self.text(at, "period", m.period, en.period if en else None),
            scale=m.scale,
            approx=m.approx,
            confidential=m.confidential,
        )

    def target(self, at: str, t: Target) -> Target:
        """A target; only the one the documents are written for must be in English."""
        en, need = t.en, t.id == self.chosen
        return Target(
            id=t.id,
            employer=self.text(at, "employer", t.employer, en.employer if en else None, need=need),
            role=self.text(at, "role", t.role, en.role if en else None, need=need),
            emphasis=t.emphasis,
        )


def _join(at: str, key: str) -> str:
    return f"{at}.{key}" if at else key


def _en_path(at: str, key: str) -> str:
    return f"{at}.en.{key}" if at else f"en.{key}"


def _known(record: Record) -> dict[tuple[str, str], str]:
    """(key, Japanese) → the English given for it somewhere: names shared by several entries."""
    out: dict[tuple[str, str], str] = {}
    for e in record.education:
        if e.en is not None:
            for key, ja, en in (
                ("school", e.school, e.en.school),
                ("degree", e.degree, e.en.degree),
            ):
                if ja is not None and en is not None:
                    out.setdefault((key, ja), en)
    for p in record.work:
        if p.en is not None:
            for key, ja, en in (
                ("organization", p.organization, p.en.organization),
                ("department", p.department, p.en.department),
                ("title", p.title, p.en.title),
            ):
                if ja is not None and en is not None:
                    out.setdefault((key, ja), en)
    return out


def gaps(record: Record, target: Target | None = None) -> list[Gap]:
    """The Japanese texts the English résumé for *target* would print untranslated, by position."""
    overlay = _Overlay(record, target)
    overlay.record_en()
    return sorted(overlay.gaps, key=lambda g: record.where(g.source))


def companion_complete(record: Record, target: Target | None = None) -> bool:
    """Whether *record* is Japanese with an English companion that leaves nothing untranslated."""
    return (
        record.lang == "ja"
        and next(record.companion_paths(), None) is not None
        and not gaps(record, target)
    )


def missing_english(record: Record, target: Target | None = None) -> list[Diagnostic]:
    """What the companion still lacks for the résumé, positioned (empty when nothing does).

    The first :data:`SHOWN` gaps, then one line at the next saying how many
    more; a record without any ``en`` map first says what the companion is.
    """
    found = gaps(record, target)
    if not found:
        return []
    lang = message_lang(record.lang)

    def say(path: str, source: str, message: Message) -> Diagnostic:
        line, column = record.where(source)
        return diagnostic(record.source, line, column, path, lang, message)

    out: list[Diagnostic] = []
    if next(record.companion_paths(), None) is None:
        out.append(say("lang", "lang", Message("companion.none")))
    for gap in found[:SHOWN]:
        out.append(
            say(
                gap.path,
                gap.source,
                Message("companion.missing", {"text": excerpt(prose(gap.text), 24)}),
            )
        )
    if len(found) > SHOWN:
        rest = found[SHOWN]
        out.append(
            say(rest.path, rest.source, Message("companion.more", {"count": len(found) - SHOWN}))
        )
    return out


def english_record(record: Record, target: Target | None = None) -> Record:
    """The English record a Japanese record's companion makes (for the résumé about *target*).

    Raises :class:`RecordError` listing the missing English (:func:`missing_english`).
    """
    overlay = _Overlay(record, target)
    english = overlay.record_en()
    if overlay.gaps:
        raise RecordError(missing_english(record, target))
    return english


def companion_findings(app: Application) -> list[Finding]:
    """``resumegen check``'s findings on an English companion that is begun but incomplete.

    The gaps of the general résumé and of the résumé for each target (for
    *app*'s target only when it has one), the first :data:`SHOWN`, then how many more.
    A record without any ``en`` map has none: the companion is optional.
    """
    record = app.record
    if record.lang != "ja" or next(record.companion_paths(), None) is None:
        return []
    targets = [app.target] if app.target is not None else [None, *record.targets]
    found: dict[str, Gap] = {}
    for target in targets:
        for gap in gaps(record, target):
            found.setdefault(gap.path, gap)
    ordered = sorted(found.values(), key=lambda g: record.where(g.source))
    lang = message_lang(record.lang)
    fix = say(lang, "companion.fix")
    out = [
        Finding(
            "warning",
            gap.path,
            say(lang, "companion.missing", text=excerpt(prose(gap.text), 24)),
            fix,
            *record.where(gap.source),
        )
        for gap in ordered[:SHOWN]
    ]
    if len(ordered) > SHOWN:
        rest = ordered[SHOWN]
        more = say(lang, "companion.more", count=len(ordered) - SHOWN)
        out.append(Finding("warning", rest.path, more, fix, *record.where(rest.source)))
    return out
