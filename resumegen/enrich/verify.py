"""Verify a text someone else wrote (an agent's summary, 自己PR, 志望動機 or leaving answer)
against the record it claims to describe.

The documents print such a text as written, so it is held to the rule the tool
keeps for its own sentences: state only what the record holds.

* every figure is one the record holds, value and unit, or one derived from it
  by the documented rules: a change's difference (18% → 7% is 11 points) and its
  relative change rounded half-up (61%), years at a position, an organisation,
  since a licence or in the whole career rounded to the nearest year as people
  say them (14 years 9 months: 15) or cut to whole years (14), the span of a
  metric's period (2019年度→2022年度: 3年), the person's age, a percentage
  said in tenths (42%: 4割, rounded half-up or down), and figures of speech
  that claim nothing (24時間365日, 1日も早く);
* no negative trigger word of the phrasebook (a leaving answer also no topic
  word made a complaint in its clause: 上司がひどく);
* no date (2019年, 2019年4月, 令和3年, April 2019, 2019) and no employer or
  other organisation (…病院, …株式会社, … Hospital, … Ltd) the record does not
  name; with a target, not the employer of another of the record's targets;
* within the box the documents give it: the spoken answer's length
  (``answer-rules.yaml``), and in Japanese the 履歴書's 志望の動機 box at its
  printed height for a 志望動機 or 自己PR (the caller passes that box, which the
  documents layer measures; ``check`` leaves it to the 履歴書's own findings).

Each finding is positioned in the text (character offsets and the excerpt) and
says what is wrong in one line, in the text's language unless ``RESUMEGEN_LANG``
chooses (the ``audit.text_*`` messages, :mod:`resumegen.enrich.audit_messages`). :func:`record_findings`
runs the same verification over the record's own texts for ``check``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from resumegen.enrich.answer_rules import answer_rules
from resumegen.enrich.application import Application, Resources, enrich
from resumegen.enrich.audit_messages import audit_messages
from resumegen.enrich.audit_report import Finding
from resumegen.enrich.fold import casefold_nfkc
from resumegen.enrich.numbers import (
    PREFIX_UNITS,
    YEN_FACTORS,
    difference,
    is_percent,
    relative_percent,
)
from resumegen.enrich.reason_answer import measure
from resumegen.enrich.reason_scan import Hit, matched_hits, scan
from resumegen.errors import ArgumentError
from resumegen.record.dates import ERAS, age_at
from resumegen.record.model import Metric, PartialDate, Record, Target
from resumegen.text import join_folded

__all__ = ["KINDS", "Kind", "Rule", "TextFinding", "record_findings", "text_lang", "verify_text"]

Kind = Literal["summary", "self_pr", "motivation", "leaving_answer"]
KINDS: tuple[Kind, ...] = ("summary", "self_pr", "motivation", "leaving_answer")
Rule = Literal["figure", "date", "organization", "negative", "length"]


@dataclass(frozen=True)
class TextFinding:
    """One problem of a verified text: where it is (offsets into the text) and what it is."""

    rule: Rule
    start: int
    end: int
    excerpt: str
    message: str


def text_lang(text: str) -> str:
    """``ja`` when *text* holds Japanese script, else ``en``: the language findings speak."""
    return "ja" if _JAPANESE.search(text) else "en"


_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

# ----------------------------------------------------------------------------- units

_UNIT_GROUPS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "％", "percent", "per cent", "パーセント"),
    "points": ("ポイント", "pt", "pts", "percentage points", "percentage point", "points", "point"),
    "score": ("点",),
    "year": ("年間", "年", "years", "year", "yrs", "yr"),
    "month": ("か月間", "ヶ月間", "カ月間", "ヵ月間", "か月", "ヶ月", "カ月", "ヵ月", "months", "month"),
    "week": ("週間", "週", "weeks", "week"),
    "day": ("日間", "日", "days", "day"),
    "hour": ("時間", "hours", "hour", "hrs", "hr"),
    "minute": ("分間", "分", "minutes", "minute", "mins", "min"),
    "age": ("歳", "才", "years old", "year-old", "year old"),
}  # fmt: skip
_CANONICAL = {alias: group for group, aliases in _UNIT_GROUPS.items() for alias in aliases}
# Units one figure may be written in for the other (points of a 5-point scale, 点).
_COMPATIBLE = frozenset({("points", "score"), ("score", "points")})
_YEN_WORDS = ("億円", "万円", "円")
_UNIT_WORDS = sorted([*_CANONICAL, *_YEN_WORDS], key=len, reverse=True)
_PREFIXES = sorted(PREFIX_UNITS, key=len, reverse=True)
_CURRENCY = {"$": "usd", "US$": "usd", "USD": "usd", "£": "gbp", "GBP": "gbp", "€": "eur"}
_CURRENCY |= {"EUR": "eur"}
_CJK = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff々]")
_FIGURE = re.compile(r"\d[\d,，.]*")
# Figures of speech, not claims: 24時間365日, 1日も早く, 1日30件, 7 days a week.
_IDIOMS = ((24, "hour"), (365, "day"), (1, "day"), (7, "day"))


def _canonical(unit: str) -> str:
    u = unicodedata.normalize("NFKC", unit.strip())
    if u in _CANONICAL or u.lower() in _CANONICAL:
        return _CANONICAL.get(u, _CANONICAL.get(u.lower(), u))
    u = u.casefold()
    return u[:-1] if len(u) > 3 and u.endswith("s") and u.isascii() else u


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int  # the figure and its unit
    value: Decimal
    unit: str  # canonical ("" when unknown)


def _quantity(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """(value, canonical unit), yen amounts as whole yen (1,800万円 → 18000000 yen)."""
    u = unicodedata.normalize("NFKC", unit.strip())
    factor = YEN_FACTORS.get(u)
    if factor is not None:
        return value * factor, "yen"
    return value, _CURRENCY.get(u, _canonical(u) if u else "")


def _unit_after(text: str, at: int, units: frozenset[str]) -> str:
    """The unit written after a figure ending at *at* (its raw text; "" when none is told)."""
    rest = text[at : at + 24]
    tight = rest.lstrip(" ")
    if len(rest) - len(tight) > 1:
        return ""
    for word in [*_UNIT_WORDS, *sorted(units, key=len, reverse=True)]:
        if not tight.lower().startswith(word.lower()):
            continue
        after = tight[len(word) : len(word) + 1]
        if word.isascii() and word[-1:].isalpha() and after.isalpha() and after.isascii():
            continue  # "min" of "minister"
        return rest[: len(rest) - len(tight) + len(word)]
    if rest[:1] and _CJK.match(rest[0]):
        return rest[0]  # a Japanese counter: 台, 名, 件, 床
    return ""


def _prefix_before(text: str, at: int) -> str:
    before = text[max(0, at - 5) : at]
    for sign in _PREFIXES:
        for written in (sign, sign + " "):
            if before.endswith(written) and (
                len(sign) == 1 or not before[: -len(written)][-1:].isalpha()
            ):
                return written
    return ""


def _figures(text: str, skip: list[tuple[int, int]], units: frozenset[str]) -> Iterator[_Figure]:
    """Every figure of *text* outside the *skip* spans (dates), with the unit written at it."""
    for m in _FIGURE.finditer(text):
        start, end = m.start(), m.end()
        raw = m.group().rstrip(".,，")
        end = start + len(raw)
        if any(a <= start < b for a, b in skip):
            continue
        digits = unicodedata.normalize("NFKC", raw).replace(",", "")
        if digits.count(".") > 1:
            continue
        try:
            value = Decimal(digits)
        except InvalidOperation:
            continue
        prefix = _prefix_before(text, start)
        unit = prefix.strip() or _unit_after(text, end, units)
        amount, canonical = _quantity(value, unit)
        if prefix:
            start -= len(prefix)
        else:
            end += len(unit)
        yield _Figure(start, end, amount, canonical)


# ----------------------------------------------------------------------------- dates

_MONTHS_EN = "january february march april may june july august september october november december"
_MONTH_NAMES = {name[:3]: i + 1 for i, name in enumerate(_MONTHS_EN.split())}
_ERA_START = {e.name: e.start.year for e in ERAS}
_MONTH = r"(?P<m>1[0-2]|0?[1-9])"
_DATES = (
    re.compile(
        rf"(?P<era>{'|'.join(_ERA_START)})\s*(?P<ey>\d{{1,2}}|元)\s*年(?:度)?(?:\s*{_MONTH}\s*月)?"
    ),
    re.compile(rf"(?<![\d,.])(?P<y>1[89]\d\d|20\d\d)\s*年(?:度)?(?:\s*{_MONTH}\s*月(?!間))?"),
    re.compile(rf"(?<![\d,.])(?P<y>1[89]\d\d|20\d\d)[/.\-]{_MONTH}(?![\d])(?:[/.\-]\d{{1,2}})?"),
    re.compile(
        rf"(?i)\b(?P<mon>{'|'.join(_MONTH_NAMES)})[a-z]*\.?\s+(?:\d{{1,2}},?\s+)?(?P<y>1[89]\d\d|20\d\d)\b"
    ),
    re.compile(r"(?<![\d,.年])(?P<om>1[0-2]|0?[1-9])\s*月(?!間|平均|あたり)"),
    re.compile(r"(?<![\d,.])(?P<y>1[89]\d\d|20\d\d)(?!\d|[,.]\d)"),
)


@dataclass(frozen=True)
class _Date:
    start: int
    end: int
    year: int | None
    month: int | None


def _dates(text: str, units: frozenset[str]) -> list[_Date]:
    """Dates in *text*, longest forms first, never overlapping; a bare 4-digit number with a
    unit other than years (2000 cases, 1800万円) is a figure, not a year."""
    found: list[_Date] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATES:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            groups = m.groupdict()
            year: int | None = None
            if groups.get("era"):
                ey = groups["ey"]
                year = _ERA_START[groups["era"]] + (0 if ey == "元" else int(ey) - 1)
            elif groups.get("y"):
                year = int(groups["y"])
            month = groups.get("m") or groups.get("om")
            if groups.get("mon"):
                month = str(_MONTH_NAMES[groups["mon"][:3].lower()])
            if pattern is _DATES[-1]:
                unit = _unit_after(text, m.end(), units)
                if _quantity(Decimal(1), unit)[1] not in ("", "year"):
                    continue
            found.append(_Date(m.start(), m.end(), year, int(month) if month else None))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


# ----------------------------------------------------------------------------- organisations

_JA_ORG_END: tuple[str, ...] = (
    "病院", "大学", "クリニック", "医院", "診療所", "株式会社", "有限会社", "合同会社", "法人",
    "研究所", "医療センター", "研究センター", "メディカルセンター", "財団", "機構", "学会",
    "協会", "製薬", "薬品",
)  # fmt: skip
_JA_ORG_START = ("株式会社", "有限会社", "合同会社", "医療法人", "社会福祉法人", "学校法人")
_JA_GENERIC = (
    "大学", "総合", "市中", "関連", "地域", "急性期", "慢性期", "民間", "公立", "私立", "国立",
    "一般", "中核", "基幹", "救急", "救命救急", "高度救命救急", "附属", "付属", "医療", "新設",
    "専門", "大規模", "中規模", "小規模", "外資系", "日系", "国内", "海外", "地方", "都市部",
    "大手", "中小", "同", "当", "前", "現", "他", "各", "複数", "療養", "回復期", "在宅",
    "訪問", "がん", "小児", "周産期", "研修", "教育", "臨床", "応募先", "医学部", "病院",
    "支援", "特定機能", "災害拠点", "拠点", "二次", "三次", "精神科", "リハビリテーション",
    "研究", "高度", "先進", "主要",
)  # fmt: skip
_JA_RUN = re.compile(r"[\u4e00-\u9fff々〆ヵヶ\u30a1-\u30faー・A-Za-zＡ-Ｚａ-ｚ0-9０-９&＆]+")
_EN_ORG_WORDS = frozenset(
    {
        "hospital", "hospitals", "university", "college", "clinic", "infirmary", "ltd",
        "limited", "inc", "corp", "corporation", "company", "co", "llc", "plc", "gmbh", "trust",
        "institute", "centre", "center", "foundation", "therapeutics", "pharmaceuticals",
        "pharma", "devices", "laboratories", "labs", "group", "society", "association",
    }
)  # fmt: skip
_EN_STOP = frozenset(
    {
        "the", "a", "an", "at", "in", "for", "with", "from", "as", "my", "our", "i", "we",
        "when", "while", "since", "after", "before", "during", "joining", "of", "and", "&",
    }
)  # fmt: skip
_EN_GENERIC = _EN_STOP | frozenset(
    {
        "university", "teaching", "general", "district", "community", "regional", "hospital",
        "medical", "academic", "private", "public", "national", "research", "trust", "centre",
        "center", "clinic", "college", "company", "group", "tertiary", "major", "large", "small",
        "trauma", "cancer", "heart", "stroke", "emergency", "simulation", "training",
        "endoscopy", "dialysis", "imaging", "surgical", "day", "care", "health", "new",
    }
)  # fmt: skip
_EN_SEQ = re.compile(r"[A-Z][\w'&.\-]*(?:(?:\s+(?:of|and|&|the|for|de))*\s+[A-Z][\w'&.\-]*)*")


@dataclass(frozen=True)
class _Name:
    start: int
    end: int
    tails: tuple[str, ...]  # the name and the shorter forms that also identify it


def _ja_generic(name: str) -> bool:
    """True for a kind of organisation rather than a name (救急センター, 地域医療支援病院)."""
    core, changed = name, True
    while core and changed:
        changed = False
        for w in (*_JA_ORG_END, *_JA_GENERIC):
            if core.startswith(w):
                core, changed = core[len(w) :], True
            elif core.endswith(w):
                core, changed = core[: -len(w)], True
    return not core


def _ja_names(text: str) -> Iterator[_Name]:
    for m in _JA_RUN.finditer(text):
        run = m.group()
        if run.startswith(_JA_ORG_START):
            end = len(run)
        else:
            ends = [run.rfind(w) + len(w) for w in _JA_ORG_END if w in run]
            if not ends:
                continue
            end = max(ends)
        name = run[:end]
        if _ja_generic(name.split("・")[-1]):
            continue  # 大学病院・基幹病院・地域医療支援病院, 論文・学会発表
        tails = [name]
        for w in _JA_ORG_END:
            if name.endswith(w) and name[: -len(w)].endswith(_JA_ORG_END):
                tails.append(name[: -len(w)])  # 北東大学病院: 北東大学 names it
        yield _Name(m.start(), m.start() + end, tuple(tails))


def _en_names(text: str) -> Iterator[_Name]:
    for m in _EN_SEQ.finditer(text):
        words = m.group().split()
        lowered = [w.lower().strip(".,'") for w in words]
        words[-1] = words[-1].rstrip(".,'")  # "… Therapeutics." ends a sentence
        while lowered and lowered[-1] in _EN_STOP:
            words, lowered = words[:-1], lowered[:-1]
        while lowered and lowered[0] in _EN_STOP:
            words, lowered = words[1:], lowered[1:]
        proper = [i for i, w in enumerate(lowered) if w not in _EN_GENERIC | _EN_ORG_WORDS]
        if not proper or not any(w in _EN_ORG_WORDS for w in lowered):
            continue
        offset = m.group().index(words[0])
        name = " ".join(words)
        # the name and its shorter forms that still hold a proper word (Mary's Hospital)
        tails = tuple(" ".join(words[i:]) for i in range(proper[-1] + 1))
        yield _Name(m.start() + offset, m.start() + offset + len(name), tails)


# ----------------------------------------------------------------------------- the record's facts


@dataclass(frozen=True)
class _Facts:
    quantities: dict[Decimal, frozenset[str]]  # value → canonical units ("" : unit unknown)
    years: frozenset[int]
    months: frozenset[tuple[int, int]]
    calendar_months: frozenset[int]
    names: str  # every text of the record, folded, one per line
    units: frozenset[str]  # the metric units the record writes


def _texts(record: Record, app: Application) -> Iterator[tuple[str, str]]:
    """(path, text) of every text of the record a figure, date or name may come from."""
    yield "summary", record.summary or ""
    yield "self_pr", record.self_pr or ""
    for k, text in enumerate(record.skills):
        yield f"skills[{k}]", text
    for k, text in enumerate(record.memberships):
        yield f"memberships[{k}]", text
    for k, text in enumerate(record.publications):
        yield f"publications[{k}]", text
    for k, lic in enumerate(record.licenses):
        yield f"licenses[{k}].name", lic.name
    for k, e in enumerate(record.education):
        yield f"education[{k}].school", f"{e.school} {e.degree or ''}"
    for key, value in record.desired.items():
        yield f"desired.{key}", value
    for k, t in enumerate(record.targets):
        yield (
            f"targets[{k}].employer",
            f"{t.employer or ''} {t.role or ''} {' '.join(t.conditions)}",
        )
        yield f"targets[{k}].motivation", t.motivation or ""
    for i, p in enumerate(record.work):
        at = f"work[{i}]"
        yield f"{at}.organization", " ".join(filter(None, (p.organization, p.department, p.title)))
        yield f"{at}.scale", p.scale or ""
        for k, text in enumerate(p.duties):
            yield f"{at}.duties[{k}]", text
        for key in ("leaving_reason", "leaving_answer", "exit_note"):
            yield f"{at}.{key}", getattr(p, key) or ""
        for j, a in enumerate(p.achievements):
            yield f"{at}.achievements[{j}].summary", a.summary
            for part in a.star.PARTS if a.star else ():
                yield f"{at}.achievements[{j}].star.{part}", getattr(a.star, part) or ""
            for k, metric in enumerate(a.metrics):
                yield f"{at}.achievements[{j}].metrics[{k}]", f"{metric.name} {metric.period or ''}"
            if not any(m.confidential for m in a.metrics):
                yield f"{at}.achievements[{j}]", "\n".join(app.statements(a))


def _metric_quantities(metric: Metric) -> Iterator[tuple[Decimal, str]]:
    unit = metric.unit
    if not metric.confidential:
        for value in (metric.value, metric.before, metric.after, metric.scale):
            if value is not None:
                yield _quantity(value, unit)
    if metric.before is not None and metric.after is not None:
        if not metric.confidential:
            change = difference(metric.before, metric.after)
            yield (change, "points") if is_percent(unit) else _quantity(change, unit)
        rel = relative_percent(metric.before, metric.after)
        if rel is not None:
            yield Decimal(rel), "percent"


def _spans_in_years(months: int) -> Iterator[tuple[Decimal, str]]:
    """A span said in years the ways people say it: rounded (14y9m: 15) and whole (14)."""
    if months >= 12:
        yield Decimal((months + 6) // 12), "year"
        yield Decimal(months // 12), "year"
    elif months > 0:
        yield Decimal(months), "month"


def _facts(app: Application, skip: str | None) -> _Facts:
    record = app.record
    today = app.date
    units = frozenset(
        m.unit.strip() for p in record.work for a in p.achievements for m in a.metrics
    )
    units = frozenset(u for u in units if u)
    quantities: dict[Decimal, set[str]] = {Decimal(v): {u} for v, u in _IDIOMS}
    years: set[int] = {today.year}
    months: set[tuple[int, int]] = {(today.year, today.month)}
    names: list[str] = []

    def add(value: Decimal, unit: str) -> None:
        quantities.setdefault(value, set()).add(unit)

    def add_date(d: PartialDate) -> None:
        years.add(d.year)
        months.add((d.year, d.month))

    for path, text in _texts(record, app):
        if path == skip or not text:
            continue
        names.append(casefold_nfkc(text))
        found = _dates(text, units)
        for d in found:
            if d.year is not None:
                years.add(d.year)
                if d.month is not None:
                    months.add((d.year, d.month))
        for f in _figures(text, [(d.start, d.end) for d in found], units):
            add(f.value, f.unit)
        in_years = sorted({d.year for d in found if d.year is not None})
        if len(in_years) >= 2 and ".metrics[" in path:  # a metric's period: 2019年度→2022年度
            add(Decimal(in_years[-1] - in_years[0]), "year")
    for p in record.work:
        for a in p.achievements:
            for metric in a.metrics:
                for value, unit in _metric_quantities(metric):
                    add(value, unit)
    spans: list[tuple[PartialDate, PartialDate]] = []
    for p in record.work:
        add_date(p.start)
        if p.end is not None:
            add_date(p.end)
        spans.append((p.start, p.end or today))
        same = [q for q in record.work if q.organization == p.organization]
        start = min((q.start for q in same), key=PartialDate.month_index)
        end = max((q.end or today for q in same), key=PartialDate.month_index)
        spans.append((start, end))
    if record.work:  # the whole career, to the end of the last post
        first = min((p.start for p in record.work), key=PartialDate.month_index)
        last = max((p.end or today for p in record.work), key=PartialDate.month_index)
        spans.append((first, last))
    for lic in record.licenses:
        add_date(lic.date)
        spans.append((lic.date, today))
    for e in record.education:
        add_date(e.date)
    for a_start, a_end in spans:
        for value, unit in _spans_in_years(a_end.month_index() - a_start.month_index()):
            add(value, unit)
    for value, units_of in list(quantities.items()):
        if "percent" in units_of:  # 42% said in tenths: 4割
            tenths = value / 10
            add(tenths.quantize(Decimal(1), rounding=ROUND_HALF_UP), "割")
            add(tenths.quantize(Decimal(1), rounding=ROUND_FLOOR), "割")
    birth = record.person.birth_date
    if birth is not None:
        add_date(birth)
        age = age_at(birth, today.first_day())
        add(Decimal(age), "age")
        add(Decimal(age // 10 * 10), "代")
    return _Facts(
        quantities={v: frozenset(u) for v, u in quantities.items()},
        years=frozenset(years),
        months=frozenset(months),
        calendar_months=frozenset(m for _, m in months),
        names="\n".join(names),
        units=units,
    )


def _known(facts: _Facts, value: Decimal, unit: str) -> bool:
    units = facts.quantities.get(value)
    if not units:
        return False
    if not unit or "" in units or unit in units:
        return True
    return any((unit, u) in _COMPATIBLE for u in units)


# ----------------------------------------------------------------------------- the checks


def verify_text(
    text: str,
    kind: Kind,
    record: Record,
    *,
    target: str | None = None,
    today: date | None = None,
    resources: Resources | None = None,
    box_chars: int | None = None,
) -> list[TextFinding]:
    """The findings on *text* written as the record's *kind* text (for *target*, an id),
    in the order they occur; an empty list when the record backs every word of it.

    *today* dates a record without ``as_of`` (years of experience run to it).
    *box_chars* is how many characters the 履歴書's 志望の動機 box holds at its
    printed height (the documents' figure; the MCP server passes it); a Japanese
    志望動機 or 自己PR longer than that is a finding. None: not checked.
    """
    if kind not in KINDS:
        raise ArgumentError(
            f"`{kind}` is not a kind of text; use one of {', '.join(KINDS)}",
            param="kind",
            choices=KINDS,
        )
    app = enrich(record, target, resources=resources, today=today)
    return _verify(app, text, kind, box_chars=box_chars)


def _verify(
    app: Application, text: str, kind: Kind, skip: str | None = None, box_chars: int | None = None
) -> list[TextFinding]:
    """*skip* is the key path of the record's own text being verified: it does not vouch
    for itself."""
    lang = text_lang(text)
    say = audit_messages(lang).say
    facts = _facts(app, skip)
    out: list[TextFinding] = []

    def add(rule: Rule, start: int, end: int, key: str = "", **fill: object) -> None:
        excerpt = text[start:end]
        message = say(f"text_{key or rule}", excerpt=excerpt, **fill)
        out.append(TextFinding(rule, start, end, excerpt, message))

    dates = _dates(text, facts.units)
    for d in dates:
        if d.year is None:
            known = d.month in facts.calendar_months
        elif d.month is None:
            known = d.year in facts.years
        else:
            known = (d.year, d.month) in facts.months
        if not known:
            add("date", d.start, d.end)
    for f in _figures(text, [(d.start, d.end) for d in dates], facts.units):
        if not _known(facts, f.value, f.unit):
            add("figure", f.start, f.end)
    names = _ja_names(text) if lang == "ja" else _en_names(text)
    for name in names:
        if not any(casefold_nfkc(tail) in facts.names for tail in name.tails):
            add("organization", name.start, name.end)
    for other, at in _other_employers(app, text):
        add("organization", at, at + len(other.employer or ""), "other_target", target=other.id)
    for hit in _negative(app, text, kind):
        at = text.find(hit.quoted)
        if at >= 0:
            add("negative", at, _word_end(text, at + len(hit.quoted)))
    out.extend(_length(app, text, kind, lang, box_chars))
    return sorted(out, key=lambda f: (f.start, f.end))


def _other_employers(app: Application, text: str) -> Iterator[tuple[Target, int]]:
    """The record's other targets whose employer *text* names, when it is for a target."""
    if app.target is None:
        return
    for other in app.record.targets:
        employer = other.employer
        if other.id == app.target.id or not employer or employer == app.target.employer:
            continue
        at = text.find(employer)
        if at >= 0:
            yield other, at


def _negative(app: Application, text: str, kind: Kind) -> list[Hit]:
    """Negative words as the audit reads prose: the phrasebook's triggers; in a leaving
    answer also a topic word made a complaint by a cue in its own clause (上司がひどく),
    as ``check`` always read the person's own answer. A topic and a cue only sharing a
    sentence is no complaint in a text written to be positive."""
    book = app.resources.phrasebook
    profile = app.record.profile
    hits = [h for h in scan(text, book, profile, topics=False) if not h.entry.keep_as_is]
    if kind == "leaving_answer":
        taken = {(h.start, h.end) for h in hits}
        hits += [
            h
            for h in matched_hits(text, book, profile)
            if h.topic
            and not h.entry.keep_as_is
            and not h.entry.fallback
            and not _CLAUSE_BREAK.search(h.quoted)
            and (h.start, h.end) not in taken
        ]
    return hits


_CLAUSE_BREAK = re.compile(r"[、。，,.;；!?！？]")
_KANA = re.compile(r"[\u3041-\u3096]")
_PARTICLES = frozenset("をはがにでともやへのよね")


def _word_end(text: str, end: int) -> int:
    """The end of the word a trigger stem stops in (上司がひど → 上司がひどく): triggers stop
    mid-inflection, and quoting the stem back reads like a typo. Up to three kana, never
    over a particle."""
    if end == 0 or not _KANA.fullmatch(text[end - 1]):
        return end
    stop = min(len(text), end + 3)
    while end < stop and _KANA.fullmatch(text[end]) and text[end] not in _PARTICLES:
        end += 1
    return end


def _length(
    app: Application, text: str, kind: Kind, lang: str, box_chars: int | None
) -> list[TextFinding]:
    say = audit_messages(lang).say
    record_lang = app.record.lang
    if kind == "leaving_answer":
        limit = answer_rules(record_lang).limits.get("long", 200)
        count = measure(text, record_lang)
        if count <= limit:
            return []
        start = (
            limit if record_lang == "ja" else [m.start() for m in re.finditer(r"\S+", text)][limit]
        )
        unit = "字" if record_lang == "ja" else "words"
        box = say("text_box_answer")
    elif kind in ("motivation", "self_pr") and record_lang == "ja" and box_chars:
        limit, count, start = box_chars, len(text), box_chars
        if count <= limit:
            return []
        unit = "字" if lang == "ja" else "characters"
        box = say("text_box_form")
    else:
        return []
    message = say("text_length", count=count, unit=unit, box=box, limit=limit)
    return [TextFinding("length", start, len(text), text[start:], message)]


# ----------------------------------------------------------------------------- check


def record_findings(app: Application) -> list[Finding]:
    """``check``'s findings on the record's own summary, 自己PR, 志望動機 and leaving answers,
    each at the line and column of its field. Negative words in the summary, 自己PR and
    志望動機 are the audit's to report (it reads them already), and whether they fit the
    履歴書 is the form's (:func:`resumegen.documents.rirekisho.form_findings`), so those are
    left to them."""
    record = app.record
    fields: list[tuple[str, Kind, str, Application]] = []
    if record.summary:
        fields.append(("summary", "summary", record.summary, app))
    if record.self_pr:
        fields.append(("self_pr", "self_pr", record.self_pr, app))
    for k, target in enumerate(record.targets):
        if target.motivation:
            for_target = enrich(record, target, resources=app.resources, today=app.today)
            fields.append((f"targets[{k}].motivation", "motivation", target.motivation, for_target))
    for i, position in enumerate(record.work):
        if (position.leaving_answer or "").strip():
            path = f"work[{i}].leaving_answer"
            fields.append((path, "leaving_answer", position.leaving_answer or "", app))
    out: list[Finding] = []
    for path, kind, text, of in fields:
        line, column = record.where(path)
        fix = audit_messages(text_lang(text)).say("text_fix")
        for f in _verify(of, join_folded(text.strip()), kind, skip=path):
            if f.rule == "negative" and kind != "leaving_answer":
                continue
            out.append(Finding("warning", path, f.message, fix, line, column))
    return out
