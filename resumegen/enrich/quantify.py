"""Turn the metrics of an achievement into quantified statements.

The statements are what a reader of a 職務経歴書 or résumé wants: the figure,
its unit and period, and for a change the before/after with the difference
and the relative change. Every number printed comes from the record or is
derived from it by :mod:`resumegen.enrich.numbers`; the tool never invents a
figure, never rounds a duration up, and never words a change for the worse
as an improvement (passing off numbers is 経歴詐称 in the eyes of a reader).

A period that is a plain unit of time goes with each figure (年間120件,
月45時間 → 月20時間, 20 hours a month); any other period labels the metric in
Japanese (救急車受入不能率（2019年度→2022年度）) and closes the English
sentence (…, 2019 to 2024).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from resumegen.enrich.english import indefinite_article
from resumegen.enrich.numbers import (
    difference,
    fmt,
    is_percent,
    is_prefix_unit,
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
    "年あたり": "年間", "1年あたり": "年間", "月あたり": "月", "1か月あたり": "月",
    "1ヶ月あたり": "月", "週あたり": "週", "1週あたり": "週", "1日あたり": "1日",
    "日あたり": "1日", "月平均": "月平均", "1日平均": "1日平均", "年平均": "年平均",
}  # fmt: skip
_EN_PERIODS = {
    "year": "a year", "a year": "a year", "per year": "a year", "yr": "a year",
    "annual": "a year", "annually": "a year", "yearly": "a year", "each year": "a year",
    "month": "a month", "a month": "a month", "per month": "a month", "monthly": "a month",
    "week": "a week", "a week": "a week", "per week": "a week", "weekly": "a week",
    "day": "a day", "a day": "a day", "per day": "a day", "daily": "a day",
    "per annum": "a year", "per shift": "a shift", "shift": "a shift",
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


def _unit_named(metric: Metric) -> bool:
    """True when the English name already says what is counted ("accounts supported", unit accounts)."""
    u = metric.unit.strip().lower()
    if not u or is_percent(u) or is_prefix_unit(u, "en") or metric.scale is not None:
        return False
    forms = {u, u + "s", u[:-1] if u.endswith("s") else u}
    return any(w in forms for w in metric.name.lower().split())


def _bare(metric: Metric, value: Decimal, lang: str) -> str:
    """A figure without its unit (English "from 6 to 11 accounts"); signs and % stay on."""
    if is_percent(metric.unit):
        return _approx(metric, lang) + f"{fmt(value)}%"
    u = metric.unit.strip()
    if lang == "en" and u and not is_prefix_unit(u, lang):
        return _approx(metric, lang) + fmt(value)
    return _fig(metric, value, lang)


def _rel(metric: Metric, rel: int, lang: str) -> str:
    return f"{_approx(metric, lang)}{rel}%"


def _en_unit_tail(metric: Metric, value: Decimal) -> str:
    """`` accounts`` after the last bare figure; ``''`` when a sign carries the unit or the name says it."""
    u = metric.unit.strip()
    if _unit_named(metric):
        return ""
    full = with_unit(value, u, "en")
    short = fmt(value)
    if full.startswith(short) and full != short and not is_percent(u):
        return full[len(short) :]
    return ""


def _scale_en(metric: Metric) -> str:
    return f" out of {fmt(metric.scale)}" if metric.scale is not None else ""


def _ja_per(metric: Metric) -> str:
    """``年間`` / ``月`` / ``1日`` written before a figure when the period is a plain unit of time."""
    pre = _JA_PERIODS.get((metric.period or "").strip(), "")
    if pre == "年間" and metric.unit.strip() == "回":
        return "年"  # 年36回 reads better than 年間36回 for a frequency
    return pre


def _en_per(metric: Metric) -> str:
    """``a year`` / ``a month`` after a figure when the period is a plain unit of time."""
    return _EN_PERIODS.get((metric.period or "").strip().lower(), "")


def en_periods(metric: Metric) -> tuple[str, str]:
    """The English period of *metric*: (``a year`` after a figure, the period as typed otherwise)."""
    return _en_per(metric), _free_period(metric, "en")


def _free_period(metric: Metric, lang: str) -> str:
    """The period as typed when it is not a plain unit of time (``2019年度→2022年度``, FY2023)."""
    period = (metric.period or "").strip()
    if not period:
        return ""
    if _ja_per(metric) if lang == "ja" else _en_per(metric):
        return ""
    return period


def _ja_label(metric: Metric) -> str:
    """The metric's name with its period and scale: ``受講者満足度（2023年度、5点満点）``."""
    notes = [n for n in (_free_period(metric, "ja"),) if n]
    if metric.kind == "change" and metric.scale is not None:
        notes.append(f"{fmt(metric.scale)}{metric.unit.strip() or '点'}満点")
    return f"{metric.name}（{'、'.join(notes)}）" if notes else metric.name


# ----------------------------------------------------------------------------- levels


def _level_ja(m: Metric, team: bool) -> str:
    team_note = "（チーム全体の数値）" if team else ""
    if m.confidential:
        return f"{_ja_label(m)}: 数値は非公開{team_note}"
    assert m.value is not None
    fig = _fig(m, m.value, "ja")
    if m.scale is not None:
        fig += f"／{fmt(m.scale)}{m.unit.strip() or '点'}満点"
    return f"{_ja_label(m)}: {_ja_per(m)}{fig}{team_note}"


def _counted(m: Metric, value: Decimal) -> str:
    """A level whose name says what is counted, said as a count: "4 new system placements",
    "120 cases supported" ("" when the name does not end or start with the unit)."""
    unit = m.unit.strip().lower()
    words = m.name.split()
    lowered = [w.lower() for w in words]
    if not (
        _unit_named(m)
        and "per" not in lowered
        and (lowered[-1] in (unit, unit + "s") or lowered[0] in (unit, unit + "s"))
    ):
        return ""
    if value == 1 and unit.endswith("s") and len(unit) > 2:
        words = [w[:-1] if w.lower() == unit else w for w in words]
    return f"{_approx(m, 'en')}{fmt(value)} {' '.join(words)}"


def _level_en(m: Metric, team: bool) -> str:
    tail = " (team result)" if team else ""
    free = _free_period(m, "en")
    per = _en_per(m)
    after_fig = (f" {per}" if per else "") + (f" ({free})" if free else "")
    if m.confidential:
        return f"{_cap(m.name)}: figure confidential{after_fig if free else ''}{tail}"
    assert m.value is not None
    counted = _counted(m, m.value)
    if counted:
        return _cap(f"{counted}{after_fig}{tail}")
    fig = _fig(m, m.value, "en") if m.scale is None else _bare(m, m.value, "en")
    return f"{_cap(m.name)}: {fig}{_scale_en(m)}{after_fig}{tail}"


# ----------------------------------------------------------------------------- changes


def _change_ja(m: Metric, team: bool) -> str:
    assert m.before is not None and m.after is not None
    d = direction(m)
    good = improved(m)
    kind = unit_kind(m)
    label = _ja_label(m)
    team_note = "（チーム全体の数値）" if team else ""
    rel = relative_percent(m.before, m.after)
    pct = kind == "percent"
    per = _ja_per(m)
    b, a = per + _fig(m, m.before, "ja"), per + _fig(m, m.after, "ja")

    if d == "same":
        if m.confidential:
            return f"{label}: 変化なし{team_note}"
        return f"{label}: {a}で変化なし{team_note}"

    word = _ja_word(kind, d, good)
    plain = "減" if d == "down" else "増"
    if m.confidential:
        if good:
            word = _ja_verb(kind, d)  # 相対67%低減: the only figure must carry the direction
        if rel is None:
            return f"{label}: {word}（数値は非公開）{team_note}"
        amount = f"1%未満の{word}" if rel == 0 else f"{'相対' if pct else ''}{_rel(m, rel, 'ja')}"
        if team and good:
            if rel == 0:
                return f"チームとして{label}を{amount}"
            return f"チームとして{label}を{amount}{_ja_verb(kind, d)}"
        if rel == 0:
            return f"{label}: {amount}{team_note}"
        return f"{label}: {amount}{word}{team_note}"

    diff = difference(m.before, m.after)
    rel_text = _rel(m, rel, "ja") if rel is not None and rel > 0 else ""
    if pct:
        pts = f"{_approx(m, 'ja')}{fmt(diff)}ポイント"
        if team and good:
            detail = pts + (f"、相対{rel_text}" if rel_text else "")
        else:
            detail = pts + word + (f"、相対{rel_text}{plain}" if rel_text else "")
    else:
        dfig = _fig(m, diff, "ja")
        if team and good:
            detail = dfig + (f"、{rel_text}" if rel_text else "")
        else:
            detail = dfig + (f"・{rel_text}" if rel_text else "") + word
    if team and good:
        return f"チームとして{label}を{b}から{a}に{_ja_verb(kind, d)}（{detail}）"
    return f"{label}: {b} → {a}（{detail}）{team_note}"


def _change_en(m: Metric, team: bool) -> str:
    assert m.before is not None and m.after is not None
    d = direction(m)
    good = improved(m)
    kind = unit_kind(m)
    free = _free_period(m, "en")
    per = f" {_en_per(m)}" if _en_per(m) else ""
    when = f", {free}" if free else ""
    team_tail = " (team result)" if team else ""
    rel = relative_percent(m.before, m.after)
    pct = kind == "percent"
    name = m.name
    scale = _scale_en(m)
    tail_unit = _en_unit_tail(m, m.after)

    if d == "same":
        if m.confidential:
            return f"{_cap(name)}: unchanged{when}{team_tail}"
        at = f"{_bare(m, m.after, 'en')}{tail_unit}{scale}{per}"
        return f"{_cap(name)}: unchanged at {at}{when}{team_tail}"

    moved = "fell" if d == "down" else "rose"
    if good:
        verb = _en_verb(kind, d)
        head = f"The team {verb} {name}" if team else f"{_cap(verb)} {name}"
        tail = when
    else:
        head = f"{_cap(name)} {moved}"
        tail = when + team_tail

    if m.confidential:
        if rel is None:
            return f"{head} (figures confidential){tail}"
        if rel == 0:
            return f"{head} by less than 1%{tail}"
        relative = "a relative " if pct else ""
        return f"{head} by {relative}{_rel(m, rel, 'en')}{tail}"

    diff = difference(m.before, m.after)
    span = f"from {_bare(m, m.before, 'en')} to {_bare(m, m.after, 'en')}{tail_unit}{scale}{per}"
    rel_text = _rel(m, rel, "en") if rel is not None and rel > 0 else ""
    updown = "down" if d == "down" else "up"
    if pct:
        detail = f"{updown} {_approx(m, 'en')}{fmt(diff)} percentage points"
        if rel_text:
            noun = "increase" if d == "up" else ("reduction" if good else "decrease")
            detail += f", {indefinite_article(rel_text)} {rel_text} relative {noun}"
    else:
        dfig = _bare(m, diff, "en") + _en_unit_tail(m, diff)
        if m.before.is_zero():
            return f"{head} {span}{tail}"  # "from 0 to 5" already says by how much
        lead = "by" if good else updown
        detail = f"{lead} {dfig}" + (f", or {rel_text}" if rel_text else "")
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


# ----------------------------------------------------------------------------- said aloud

# Actions a level counts (コース開催: 年12回): said as 〜を年12回開催しました.
_COUNTED_ACTIONS = ("開催", "実施", "発表", "執刀", "指導", "担当", "導入", "主催", "講演")
_SPAN = re.compile(r"^(.+?)\s*(?:→|〜|～)\s*(.+)$")
_NAME_NOTE = re.compile(r"（([^（）]*)）")


def _said_name(name: str) -> str:
    """A metric's name without brackets: 腹腔鏡下大腸切除（執刀） is said 腹腔鏡下大腸切除の執刀,
    PCI（術者） 術者としてのPCI (a role in brackets: 術者, 主治医, 助手)."""
    name = name.strip()
    role = re.fullmatch(r"(.+?)（([^（）]*(?:者|医|助手))）", name)
    if role:
        return f"{role.group(2)}としての{role.group(1)}"
    return _NAME_NOTE.sub(lambda m: f"の{m.group(1)}" if m.group(1) else "", name)


def spoken_ja(metric: Metric, *, team: bool = False) -> str:
    """*metric* as said aloud in an interview: no brackets or arrows, です・ます, no 。.

    The figures are the statement's (:func:`metric_statement`), in the words people
    use: 2019年度から2022年度にかけて、救急車受入不能率が18%から7%になりました;
    チームで退院調整の平均日数を9.5日から6.3日に短縮しました; 外傷手術を年間120件執刀しました.
    """
    name = _said_name(metric.name)
    free = _free_period(metric, "ja")
    span = _SPAN.match(free)
    per = _ja_per(metric)
    scale = (
        f"{fmt(metric.scale)}{metric.unit.strip() or '点'}満点で"
        if metric.scale is not None
        else ""
    )
    if metric.kind == "level":
        lead = (
            f"{span.group(1)}から{span.group(2)}までの" if span else (f"{free}の" if free else "")
        )
        crew = "チーム全体で" if team else ""
        if metric.confidential or metric.value is None:
            return f"{lead}{name}の数値は非公開です"
        fig = scale + per + _fig(metric, metric.value, "ja")
        for noun in _COUNTED_ACTIONS:
            if name.endswith(noun) and len(name) > len(noun):
                stem = name[: -len(noun)].removesuffix("の")
                return f"{lead}{stem}を{crew}{fig}{noun}しました"
        return f"{lead}{name}は{crew}{fig}です"
    lead = (
        f"{span.group(1)}から{span.group(2)}にかけて、" if span else (f"{free}は、" if free else "")
    )
    assert metric.before is not None and metric.after is not None
    d, good, kind = direction(metric), improved(metric), unit_kind(metric)
    if metric.confidential:
        rel = relative_percent(metric.before, metric.after)
        if not rel or d == "same":
            return f"{lead}{name}の数値は非公開です"
        relative = f"{'相対で' if kind == 'percent' else ''}{rel}%"
        return f"{lead}{name}は{relative}{'減りました' if d == 'down' else '増えました'}"
    b = scale + per + _fig(metric, metric.before, "ja")
    a = per + _fig(metric, metric.after, "ja")
    if d == "same":
        return f"{lead}{name}は{a}のまま変わりませんでした"
    if team and good:
        return f"{lead}チームで{name}を{b}から{a}に{_ja_verb(kind, d)}しました"
    return f"{lead}{name}が{b}から{a}になりました"


# English: the words that make a metric's name a measure said with "the" (the repeat
# incident rate, the average length of stay); other names are said bare (patient
# satisfaction), and a count the name spells out is "the number of" (accounts supported).
_EN_MEASURES = frozenset(
    {
        "rate", "rates", "ratio", "time", "times", "score", "scores", "count", "share",
        "cost", "costs", "length", "percentage", "proportion", "number", "level", "levels",
        "volume", "backlog", "duration", "yield", "margin", "speed", "turnaround", "total",
        "average", "median", "mean", "wait", "delay", "size", "index", "coverage", "balance",
        "rating", "ratings",
    }
)  # fmt: skip
_EN_DETERMINERS = ("the ", "my ", "our ", "a ", "an ", "this ", "each ")
_EN_SPAN = re.compile(r"^(?:from\s+)?(.+?)\s*(?:→|–|—|-|~|〜|\bto\b|\bthrough\b)\s*(.+)$")
_EN_PREPOSITIONS = ("in ", "over ", "during ", "across ", "by ", "since ", "from ", "between ")


def _en_said_name(metric: Metric) -> str:
    """A metric's name as the subject of a spoken sentence (see :data:`_EN_MEASURES`)."""
    name = metric.name.strip()
    words = name.split()
    if not words:
        return name
    low = name[:1].lower() + name[1:] if name[1:2].islower() else name
    if low.lower().startswith(_EN_DETERMINERS):
        return low
    if {w.lower().strip(",") for w in words} & _EN_MEASURES:
        return f"the {low}"
    if _unit_named(metric):
        return f"the number of {low}"
    return low


def _en_said_when(metric: Metric) -> str:
    """A period that is not a plain unit of time, said after the figure: between 2019 and
    2024, in FY2023, over the first year."""
    free = _free_period(metric, "en")
    if not free:
        return ""
    span = _EN_SPAN.match(free)
    if span and any(c.isdigit() for c in span.group(1)) and any(c.isdigit() for c in span.group(2)):
        return f" between {span.group(1)} and {span.group(2)}"
    low = free[:1].lower() + free[1:] if free[1:2].islower() else free
    return f" {low}" if low.lower().startswith(_EN_PREPOSITIONS) else f" in {free}"


def spoken_en(metric: Metric, *, team: bool = False) -> tuple[str, str]:
    """*metric* said aloud in English, as (what happened, what I did).

    The first is a clause that claims no one's part: the repeat incident rate fell
    from 10% to 3%; there were 4 new system placements a year. The second, only for a
    personal improvement, is a verb phrase for "I …": cut the repeat incident rate from
    10% to 3% (else ""). A team's improvement is said "as a team, we …". No brackets,
    no arrows, no relative change: the figures are the statement's, in spoken order.
    """
    name = _en_said_name(metric)
    when = _en_said_when(metric)
    per = _en_per(metric)
    per_text = f" {per}" if per else ""
    approx = _approx(metric, "en")
    if metric.kind == "level":
        if metric.confidential or metric.value is None:
            return f"the figure for {name.removeprefix('the ')} is confidential", ""
        counted = _counted(metric, metric.value)
        if counted:  # the name says what is counted
            lead = "there was" if metric.value == 1 else "there were"
            return f"{lead} {counted[:1].lower()}{counted[1:]}{per_text}{when}", ""
        # the name may say what is counted (new graduates precepted: 30, not 30 graduates)
        bare = metric.scale is not None or _unit_named(metric)
        fig = _bare(metric, metric.value, "en") if bare else _fig(metric, metric.value, "en")
        return f"{name} was {fig}{_scale_en(metric)}{per_text}{when}", ""
    assert metric.before is not None and metric.after is not None
    d, good, kind = direction(metric), improved(metric), unit_kind(metric)
    if metric.confidential:
        rel = relative_percent(metric.before, metric.after)
        if not rel or d == "same":
            return f"the figures for {name.removeprefix('the ')} are confidential", ""
        amount = f"by {'a relative ' if kind == 'percent' else ''}{approx}{rel}%"
        moved = "fell" if d == "down" else "rose"
        act = f"{_en_verb(kind, d)} {name} {amount}{when}" if good else ""
        if team and act:
            return f"as a team, we {act}", ""
        return f"{name} {moved} {amount}{when}", act
    tail = _en_unit_tail(metric, metric.after)
    scale = _scale_en(metric)
    after = f"{_bare(metric, metric.after, 'en')}{tail}{scale}{per_text}"
    if d == "same":
        return f"{name} stayed at {after}{when}", ""
    span = f"from {_bare(metric, metric.before, 'en')} to {after}{when}"
    act = f"{_en_verb(kind, d)} {name} {span}" if good else ""
    if team and act:
        return f"as a team, we {act}", ""
    return f"{name} {'fell' if d == 'down' else 'rose'} {span}", act


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


# Loads a post puts on the person, not results of their work: 当直 月6回 says
# what the job involved and is read with the duties (業務内容), never as a 実績.
# The metric's whole name must be the load (当直, 当直回数, オンコール待機, On-call
# nights), so 患者待機時間 or 夜勤帯の転倒件数 stay results.
_DUTY_LOADS = re.compile(
    r"(?:当直|日直|宿直|夜勤|夜間勤務|オンコール|オンコール待機|宅直|自宅待機|外来)"
    r"(?:担当)?(?:回数|日数|コマ数|枠|コマ|数)?(?:（[^（）]*）)?"
    r"|(?:on[- ]?call|night (?:shifts?|duty|duties)|duty nights?|overnight shifts?)"
    r"(?: (?:nights?|shifts?|days?|duty|duties))?(?: \([^()]*\))?",
    re.IGNORECASE,
)


def duty_load(metric: Metric) -> bool:
    """A level metric naming a work load (当直 月6回, on-call 4 nights a month): a duty.

    A change in one (当直を月8回から4回に) is something the person achieved
    and stays with the achievements.
    """
    return metric.kind == "level" and _DUTY_LOADS.fullmatch(metric.name.strip()) is not None
