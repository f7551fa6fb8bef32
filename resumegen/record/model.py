"""The typed, frozen model of a career record (format v1).

Everything downstream (enrich, render, batch) reads these classes and
nothing else of the YAML. Numbers are :class:`decimal.Decimal` built from the
text the user typed, so ``14.2`` stays ``14.2`` and ``11.0`` keeps its
precision. Text is already cleaned of characters XML cannot hold.

``Record.positions`` maps a key path (``work[1].achievements[0].metrics[1]``)
to the ``(line, column)`` where the user typed it (1-based), so that any later
stage can point a finding at the source.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from resumegen.errors import Diagnostic

Lang = Literal["ja", "en"]
Profile = Literal["physician", "clinical-specialist", "general"]
LANGS: tuple[str, ...] = ("ja", "en")
PROFILES: tuple[str, ...] = ("physician", "clinical-specialist", "general")
SCHEMA_VERSION = 1
# A leaving reason is a sentence or two; longer text is refused, not matched.
REASON_MAX_CHARS = 2_000
# Numbers: below 10^15 in size (1,000兆円; a sales figure in 円 fits), at most
# 15 significant digits and 6 after the point, so that every figure derived
# from them (changes, percentages, 円 from 億円) is exact.
NUMBER_MAX_DIGITS = 15
NUMBER_MAX_PLACES = 6


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date whose day may be unknown (``2019-04``)."""

    year: int
    month: int
    day: int | None = None

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month, self.day or 1)

    def month_index(self) -> int:
        """Months since year 0: handy for gaps and overlaps."""
        return self.year * 12 + (self.month - 1)

    def iso(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()


# The English companion: on a ``lang: ja`` record, an ``en`` map beside the
# Japanese keys gives the English résumé its text (names in Latin letters,
# English titles). Dates, numbers and order stay the Japanese record's.


@dataclass(frozen=True)
class PersonEn:
    name: str | None = None
    address: str | None = None
    phone: str | None = None  # as dialled from abroad (+81 …)


@dataclass(frozen=True)
class EducationEn:
    school: str | None = None
    degree: str | None = None


@dataclass(frozen=True)
class LicenseEn:
    name: str | None = None


@dataclass(frozen=True)
class MetricEn:
    name: str | None = None
    unit: str | None = None
    period: str | None = None


@dataclass(frozen=True)
class AchievementEn:
    summary: str | None = None


@dataclass(frozen=True)
class PositionEn:
    organization: str | None = None
    department: str | None = None
    title: str | None = None
    duties: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetEn:
    employer: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class RecordEn:
    summary: str | None = None
    skills: tuple[str, ...] = ()
    memberships: tuple[str, ...] = ()
    publications: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    name: str
    name_kana: str | None = None
    birth_date: PartialDate | None = None
    gender: str | None = None
    postal_code: str | None = None
    address: str | None = None
    address_kana: str | None = None
    phone: str | None = None
    email: str | None = None
    links: tuple[str, ...] = ()
    photo: str | None = None  # path relative to the record file
    en: PersonEn | None = None


@dataclass(frozen=True)
class EducationEvent:
    date: PartialDate
    school: str
    event: str
    degree: str | None = None
    en: EducationEn | None = None


@dataclass(frozen=True)
class License:
    date: PartialDate
    name: str
    number: str | None = None
    en: LicenseEn | None = None


@dataclass(frozen=True)
class Metric:
    """A level (``value``) or a change (``before`` → ``after``)."""

    name: str
    unit: str = ""
    value: Decimal | None = None
    before: Decimal | None = None
    after: Decimal | None = None
    better: Literal["higher", "lower"] | None = None
    period: str | None = None
    scale: Decimal | None = None
    approx: bool = False
    confidential: bool = False
    en: MetricEn | None = None

    @property
    def kind(self) -> Literal["level", "change"]:
        return "change" if self.before is not None else "level"

    @property
    def is_percent(self) -> bool:
        return self.unit.strip() in ("%", "％", "percent", "パーセント")


@dataclass(frozen=True)
class Star:
    """背景・課題・施策・結果・学び (Situation, Task, Action, Result, Learning)."""

    situation: str | None = None
    task: str | None = None
    action: str | None = None
    result: str | None = None
    learning: str | None = None

    PARTS = ("situation", "task", "action", "result", "learning")


@dataclass(frozen=True)
class Achievement:
    summary: str
    tags: tuple[str, ...] = ()
    role: Literal["lead", "member"] | None = None
    metrics: tuple[Metric, ...] = ()
    star: Star | None = None
    en: AchievementEn | None = None


@dataclass(frozen=True)
class Position:
    organization: str
    start: PartialDate
    end: PartialDate | None  # None: current position (end: present / 現在)
    department: str | None = None
    title: str | None = None
    employment: str | None = None
    scale: str | None = None
    duties: tuple[str, ...] = ()
    achievements: tuple[Achievement, ...] = ()
    leaving_reason: str | None = None
    leaving_answer: str | None = None  # the person's own answer, used as written and checked
    exit_note: str | None = None
    en: PositionEn | None = None

    @property
    def current(self) -> bool:
        return self.end is None


#: Record locales: the spelling of the English text resumegen writes.
LOCALES: tuple[str, ...] = ("en-US", "en-GB")


@dataclass(frozen=True)
class Target:
    id: str
    employer: str | None = None
    role: str | None = None
    emphasis: tuple[str, ...] = ()
    motivation: str | None = None
    conditions: tuple[str, ...] = ()  # what the post involves: 当直あり, on-call, travel
    honorific: Literal["貴院", "貴社", "貴法人", "貴学", "貴校", "貴ステーション"] | None = (
        None  # None: from the employer
    )
    en: TargetEn | None = None


@dataclass(frozen=True)
class Options:
    era: Literal["seireki", "wareki"] = "seireki"
    order: Literal["reverse", "chronological"] = "reverse"
    photo: bool = True
    # none: the 職務経歴書 prints no 退職理由; facts: the stated fact (医局人事により退職 …) only
    shokumu_exit: Literal["none", "facts"] = "none"


@dataclass(frozen=True)
class Record:
    schema: int
    lang: Lang
    person: Person
    profile: Profile = "general"
    as_of: PartialDate | None = None
    locale: str | None = None  # en-US | en-GB: the spelling of generated English text
    summary: str | None = None
    education: tuple[EducationEvent, ...] = ()
    licenses: tuple[License, ...] = ()
    memberships: tuple[str, ...] = ()
    work: tuple[Position, ...] = ()
    skills: tuple[str, ...] = ()
    self_pr: str | None = None
    desired: Mapping[str, str] = field(default_factory=dict)  # insertion order kept
    targets: tuple[Target, ...] = ()
    publications: tuple[str, ...] = ()
    options: Options = field(default_factory=Options)
    en: RecordEn | None = None  # the English companion of a ja record (top-level texts)
    # Where it came from: the file name as given (for messages) and the
    # (line, column) of every key path. Not part of the career data.
    source: str = ""
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)
    # Non-fatal findings of the loader (a vertical tab turned into a line break …).
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def document_date(self, today: _dt.date | None = None) -> PartialDate:
        """The date the documents carry: ``as_of`` as typed, else *today* (never the clock).

        Raises ValueError when the record has no ``as_of`` and no *today* is given.
        """
        if self.as_of is not None:
            return self.as_of
        if today is None:
            raise ValueError("record has no as_of; pass today=")
        return PartialDate(today.year, today.month, today.day)

    def date_of_record(self, today: _dt.date | None = None) -> _dt.date:
        """:meth:`document_date` as a calendar date (the first of the month when no day is typed)."""
        return self.document_date(today).first_day()

    def companion_paths(self) -> Iterator[str]:
        """The key path of every ``en`` map the record holds (its English companion)."""
        if self.en is not None:
            yield "en"
        if self.person.en is not None:
            yield "person.en"
        for name, ens in (
            ("education", [e.en for e in self.education]),
            ("licenses", [x.en for x in self.licenses]),
            ("targets", [t.en for t in self.targets]),
        ):
            yield from (f"{name}[{i}].en" for i, en in enumerate(ens) if en is not None)
        for i, position in enumerate(self.work):
            if position.en is not None:
                yield f"work[{i}].en"
            for j, achievement in enumerate(position.achievements):
                path = f"work[{i}].achievements[{j}]"
                if achievement.en is not None:
                    yield f"{path}.en"
                for k, metric in enumerate(achievement.metrics):
                    if metric.en is not None:
                        yield f"{path}.metrics[{k}].en"

    def target(self, target_id: str) -> Target | None:
        for t in self.targets:
            if t.id == target_id:
                return t
        return None

    def where(self, path: str) -> tuple[int, int]:
        """(line, column) of *path*, or of its nearest known parent; (0, 0) if unknown."""
        p = path
        while p:
            if p in self.positions:
                return self.positions[p]
            cut = max(p.rfind("."), p.rfind("["))
            p = p[:cut] if cut > 0 else ""
        return (0, 0)
