"""Turn the metrics of an achievement into quantified statements.

The statements are what a reader of a 職務経歴書 or résumé wants: the figure,
its unit and period, and for a change the before/after with the difference
and the relative change. Every number printed comes from the record or is
derived from it by :mod:`resumegen.enrich.numbers`; the tool never invents a
figure, never rounds a duration up, and never words a change for the worse
as an improvement (passing off numbers is 経歴詐称 in the eyes of a reader).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from resumegen.enrich.numbers import (
    PREFIX_UNITS,
    difference,
    fmt,
    is_percent,
    relative_percent,
    with_unit,
)
from resumegen.record.model import Achievement, Metric, Record

Direction = Literal["up", "down", "same"]
UnitKind = Literal["time", "percent", "score", "spread", "other"]

_TIME_UNITS = frozenset(
    {
        "秒", "分", "分間", "時間", "日", "日間", "週", "週間", "か月", "ヶ月", "カ月", "ヵ月",
        "年", "年間", "second", "seconds", "sec", "min", "mins", "minute", "minutes", "h",
        "hr", "hrs", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
        "year", "years",
    }
)  # fmt: skip
_SCORE_UNITS = frozenset({"点", "pt", "pts", "point", "points", "score"})
# Counts of places or customers: growing them reads as 拡大 / "grew".
_SPREAD_UNITS = frozenset(
    {
        "施設", "拠点", "店舗", "病院", "医療機関", "地域", "エリア", "社", "口座", "顧客",
        "account", "accounts", "site", "sites", "facility", "facilities", "hospital",
        "hospitals", "territory", "territories", "clinic", "clinics", "customer", "customers",
        "client", "clients", "centre", "centres", "center", "centers",
    }
)  # fmt: skip

# A period that is a plain unit of time is written into the figure
# (年間120件, 4 placements a year); anything else goes in parentheses.
_JA_PERIODS = {
    "年": "年間", "年間": "年間", "1年": "年間", "毎年": "年間",
    "月": "月", "月間": "月", "1か月": "月", "1ヶ月": "月", "毎月": "月",
    "週": "週", "1週": "週", "週間": "週", "毎週": "週",
    "日": "1日", "1日": "1日", "毎日": "1日",
}  # fmt: skip
_EN_PERIODS = {
    "year": "a year", "a year": "a year", "per year": "a year", "yr": "a year",
    "annual": "a year", "annually": "a year", "yearly": "a year", "each year": "a year",
    "month": "a month", "a month": "a month", "per month": "a month", "monthly": "a month",
    "week": "a week", "a week": "a week", "per week": "a week", "weekly": "a week",
    "day": "a day", "a day": "a day", "per day": "a day", "daily": "a day",
}  # fmt: skip


# ----------------------------------------------------------------------------- classification


def direction(metric: Metric) -> Direction:
    """Which way a change went (``same`` for a level or equal before/after)."""
    if metric.before is None or metric.after is None or metric.after == metric.before:
        return "same"
    return "up" if metric.after > metric.before else "down"


def improved(metric: Metric) -> bool | None:
    """True/False when ``better`` says whether the change helped; None when it does not say."""
    d = direction(metric)
    if metric.better is None or d == "same":
        return None
    return (d == "up") == (metric.better == "higher")


def unit_kind(metric: Metric) -> UnitKind:
    """What the unit measures; it picks the direction word (短縮 for time, 向上 for rates …)."""
    u = metric.unit.strip()
    if is_percent(u):
        return "percent"
    if metric.scale is not None or u.lower() in _SCORE_UNITS:
        return "score"
    if u in _TIME_UNITS or u.lower() in _TIME_UNITS:
        return "time"
    if u in _SPREAD_UNITS or u.lower() in _SPREAD_UNITS:
        return "spread"
    return "other"


def _ja_word(kind: UnitKind, d: Direction, good: bool | None) -> str:
    """The Japanese direction word; improvement words only when ``better`` confirms it."""
    if good:
        if d == "down":
            return {"time": "短縮", "percent": "低下"}.get(kind, "削減")
        return {"percent": "向上", "score": "向上", "spread": "拡大"}.get(kind, "増加")
    if kind == "percent":
        return "低下" if d == "down" else "上昇"
    return "減" if d == "down" else "増"


def _ja_verb(kind: UnitKind, d: Direction) -> str:
    """Transitive wording for 「チームとして…を…に〇〇」 (only used for improvements)."""
    if d == "down":
        return {"time": "短縮", "percent": "低減", "score": "改善"}.get(kind, "削減")
    return {"percent": "向上", "score": "向上", "spread": "拡大"}.get(kind, "増加")


def _en_verb(kind: UnitKind, d: Direction) -> str:
    """English action verb for an improvement."""
    if d == "down":
        return {"time": "shortened", "percent": "cut"}.get(kind, "reduced")
    return {"percent": "raised", "score": "raised", "spread": "grew"}.get(kind, "increased")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# ----------------------------------------------------------------------------- figures


def _approx(metric: Metric, lang: str) -> str:
    if not metric.approx:
        return ""
    return "約" if lang == "ja" else "about "


def _fig(metric: Metric, value: Decimal, lang: str) -> str:
    return _approx(metric, lang) + with_unit(value, metric.unit, lang)


def _bare(metric: Metric, value: Decimal, lang: str) -> str:
    """A figure without its unit (English "from 6 to 11 accounts")."""
    if is_percent(metric.unit):
        return _approx(metric, lang) + f"{fmt(value)}%"
    u = metric.unit.strip()
    if lang == "en" and u and u not in PREFIX_UNITS:
        return _approx(metric, lang) + fmt(value)
    return _fig(metric, value, lang)


def _rel(metric: Metric, rel: int, lang: str) -> str:
    return f"{_approx(metric, lang)}{rel}%"


def _en_unit_tail(metric: Metric, value: Decimal) -> str:
    """`` accounts`` after the last bare figure, or ``''`` when the unit is carried by _bare."""
    u = metric.unit.strip()
    full = with_unit(value, u, "en")
    short = fmt(value)
    if full.startswith(short) and full != short and not is_percent(u):
        return full[len(short) :]
    return ""


def _scale_en(metric: Metric) -> str:
    return f" out of {fmt(metric.scale)}" if metric.scale is not None else ""


def _scale_ja_note(metric: Metric) -> str:
    if metric.scale is None:
        return ""
    return f"（{fmt(metric.scale)}{metric.unit.strip() or '点'}満点）"


# ----------------------------------------------------------------------------- levels


def _level_ja(m: Metric, team: bool) -> str:
    if m.confidential:
        body = "数値は非公開"
    else:
        assert m.value is not None
        fig = _fig(m, m.value, "ja")
        if m.scale is not None:
            fig += f"／{fmt(m.scale)}{m.unit.strip() or '点'}満点"
        body = fig
        period = (m.period or "").strip()
        if period in _JA_PERIODS:
            pre = _JA_PERIODS[period]
            if pre == "年間" and m.unit.strip() == "回":
                pre = "年"  # 年36回 reads better than 年間36回 for a frequency
            body = pre + fig
        elif period:
            body = f"{fig}（{period}）"
    text = f"{m.name}: {body}"
    return text + "（チーム全体の数値）" if team else text


def _level_en(m: Metric, team: bool) -> str:
    tail = " (team result)" if team else ""
    if m.confidential:
        return f"{_cap(m.name)}: figure confidential{tail}"
    assert m.value is not None
    period = (m.period or "").strip()
    per = _EN_PERIODS.get(period.lower())
    after_fig = f" {per}" if per else (f" ({period})" if period else "")
    unit = m.unit.strip()
    name_words = m.name.lower().split()
    if (
        unit
        and m.scale is None
        and not is_percent(unit)
        and name_words
        and name_words[-1] in (unit.lower(), unit.lower() + "s")
    ):
        # "4 new system placements a year": the name already says what was counted.
        return f"{_approx(m, 'en')}{fmt(m.value)} {m.name}{after_fig}{tail}"
    fig = _fig(m, m.value, "en") if m.scale is None else _bare(m, m.value, "en")
    return f"{_cap(m.name)}: {fig}{_scale_en(m)}{after_fig}{tail}"


# ----------------------------------------------------------------------------- changes


def _change_ja(m: Metric, team: bool) -> str:
    assert m.before is not None and m.after is not None
    d = direction(m)
    good = improved(m)
    kind = unit_kind(m)
    name = m.name + _scale_ja_note(m)
    period = f"（{m.period.strip()}）" if m.period and m.period.strip() else ""
    team_note = "（チーム全体の数値）" if team else ""
    rel = relative_percent(m.before, m.after)
    pct = kind == "percent"

    if d == "same":
        if m.confidential:
            return f"{name}: 変化なし{period}{team_note}"
        return f"{name}: {_fig(m, m.before, 'ja')} → {_fig(m, m.after, 'ja')}（変化なし）{period}{team_note}"

    word = _ja_word(kind, d, good)
    plain = "減" if d == "down" else "増"
    if m.confidential:
        if good:
            word = _ja_verb(kind, d)  # 相対67%低減: the only figure must carry the direction
        if rel is None:
            return f"{name}: {word}（数値は非公開）{period}{team_note}"
        amount = f"1%未満の{word}" if rel == 0 else f"{'相対' if pct else ''}{_rel(m, rel, 'ja')}"
        if team and good:
            if rel == 0:
                return f"チームとして{name}を{amount}{period}"
            return f"チームとして{name}を{amount}{_ja_verb(kind, d)}{period}"
        if rel == 0:
            return f"{name}: {amount}{period}{team_note}"
        return f"{name}: {amount}{word}{period}{team_note}"

    diff = difference(m.before, m.after)
    rel_ok = rel is not None and rel > 0
    if pct:
        pts = f"{_approx(m, 'ja')}{fmt(diff)}ポイント"
        if team and good:
            detail = pts + (f"、相対{_rel(m, rel, 'ja')}" if rel_ok and rel is not None else "")
        else:
            detail = pts + word
            if rel_ok and rel is not None:
                detail += f"、相対{_rel(m, rel, 'ja')}{plain}"
    else:
        dfig = _fig(m, diff, "ja")
        if team and good:
            detail = dfig + (f"、{_rel(m, rel, 'ja')}" if rel_ok and rel is not None else "")
        elif good:
            detail = dfig + (f"・{_rel(m, rel, 'ja')}" if rel_ok and rel is not None else "") + word
        else:
            detail = dfig + word
            if rel_ok and rel is not None:
                detail += f"、{_rel(m, rel, 'ja')}{word}"
    b, a = _fig(m, m.before, "ja"), _fig(m, m.after, "ja")
    if team and good:
        return f"チームとして{name}を{b}から{a}に{_ja_verb(kind, d)}（{detail}）{period}"
    return f"{name}: {b} → {a}（{detail}）{period}{team_note}"


def _change_en(m: Metric, team: bool) -> str:
    assert m.before is not None and m.after is not None
    d = direction(m)
    good = improved(m)
    kind = unit_kind(m)
    period = f" ({m.period.strip()})" if m.period and m.period.strip() else ""
    team_tail = " (team result)" if team else ""
    rel = relative_percent(m.before, m.after)
    pct = kind == "percent"
    name = m.name
    scale = _scale_en(m)
    tail_unit = _en_unit_tail(m, m.after)

    if d == "same":
        if m.confidential:
            return f"{_cap(name)}: unchanged{period}{team_tail}"
        return f"{_cap(name)}: unchanged at {_bare(m, m.after, 'en')}{tail_unit}{scale}{period}{team_tail}"

    moved = "fell" if d == "down" else "rose"
    if good:
        verb = _en_verb(kind, d)
        head = f"The team {verb} {name}" if team else f"{_cap(verb)} {name}"
        tail = period
    else:
        head = f"{_cap(name)} {moved}"
        tail = period + team_tail

    if m.confidential:
        if rel is None:
            return f"{head} (figures confidential){tail}"
        amount = "less than 1%" if rel == 0 else _rel(m, rel, "en")
        rel_note = " (relative)" if pct else ""
        return f"{head} by {amount}{rel_note}{tail}"

    diff = difference(m.before, m.after)
    span = f"from {_bare(m, m.before, 'en')} to {_bare(m, m.after, 'en')}{tail_unit}{scale}"
    rel_ok = rel is not None and rel > 0
    updown = "down" if d == "down" else "up"
    if pct:
        detail = f"{updown} {_approx(m, 'en')}{fmt(diff)} percentage points"
        if rel_ok and rel is not None:
            noun = "reduction" if d == "down" else "increase"
            detail += f", a {_rel(m, rel, 'en')} relative {noun}"
    else:
        dfig = _bare(m, diff, "en") + _en_unit_tail(m, diff)
        lead = "by" if good else updown
        detail = f"{lead} {dfig}" + (
            f", or {_rel(m, rel, 'en')}" if rel_ok and rel is not None else ""
        )
    return f"{head} {span} ({detail}){tail}"


# ----------------------------------------------------------------------------- public API


def metric_statement(metric: Metric, lang: str, *, team: bool = False) -> str:
    """One statement for one metric in *lang* (``ja`` or ``en``).

    *team* phrases the figure as the team's result, so that a shared result is
    never passed off as a personal one.
    """
    if lang not in ("ja", "en"):
        raise ValueError(f"unsupported language {lang!r}")
    if metric.kind == "change":
        if metric.after is None:
            raise ValueError(f"metric {metric.name!r} has before but no after")
        return _change_ja(metric, team) if lang == "ja" else _change_en(metric, team)
    if metric.value is None:
        raise ValueError(f"metric {metric.name!r} has neither value nor before/after")
    return _level_ja(metric, team) if lang == "ja" else _level_en(metric, team)


def quantify_achievement(a: Achievement, lang: str) -> list[str]:
    """Statements for every metric of *a*; team phrasing when ``role`` is ``member``."""
    team = a.role == "member"
    return [metric_statement(m, lang, team=team) for m in a.metrics]


@dataclass(frozen=True)
class QuantifiedAchievement:
    """One achievement with its statements, located by key path in the record."""

    path: str
    summary: str
    statements: tuple[str, ...]
    tags: tuple[str, ...]
    quantified: bool

    def as_json(self) -> dict[str, object]:
        return {"path": self.path, "summary": self.summary, "statements": list(self.statements)}


def quantify(record: Record) -> list[QuantifiedAchievement]:
    """Every achievement of *record*, in record order, with its quantified statements."""
    out: list[QuantifiedAchievement] = []
    for i, position in enumerate(record.work):
        for j, ach in enumerate(position.achievements):
            statements = tuple(quantify_achievement(ach, record.lang))
            out.append(
                QuantifiedAchievement(
                    path=f"work[{i}].achievements[{j}]",
                    summary=ach.summary,
                    statements=statements,
                    tags=ach.tags,
                    quantified=bool(statements),
                )
            )
    return out
