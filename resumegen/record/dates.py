"""Dates as people type them on Japanese and English résumés.

Parsing accepts ``2019-04``, ``2019-04-01``, ``2019/4``, ``2019/4/1``,
``2019.4``, ``2019年4月``, ``2019年4月1日``, era dates (``令和3年4月``,
``平成31年4月``, ``令和元年5月``, ``昭和54年2月28日``), their Latin
abbreviations (``H31.4``, ``R3.4.1``, ``R元.5``) and full-width digits. A day is
optional everywhere; a month is not (a 履歴書 line needs one).

Era rules (和暦):

* Boundaries are the real ones: 明治 from 1868-10-23 (the day of the
  proclamation, in the Gregorian calendar; earlier dates have no era here),
  大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08, 令和 2019-05-01.
* Parsing an era date checks that it lies inside that era. With a day, the day
  itself must be inside; without a day, the month is accepted when any of its
  days is inside (so 昭和64年1月 and 平成元年1月 both mean 1989-01, while
  令和元年4月 and 平成31年5月 are rejected).
* Formatting picks the era in force on the date itself, and for a month-only
  date the era in force on the 1st of that month. So 2019-05 is 令和元年5月,
  2019-04 is 平成31年4月, 1989-01 is 昭和64年1月 and 1989-01-08 is 平成元年1月8日.
  Every formatted date parses back to the same :class:`PartialDate`.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass

from resumegen.messages import Message
from resumegen.record.model import PartialDate

__all__ = [
    "ERAS",
    "DateError",
    "Era",
    "age_at",
    "era_of",
    "format_en",
    "format_ja",
    "is_present",
    "parse_date",
    "parse_date_value",
    "wareki",
    "year_ja",
]


class DateError(ValueError):
    """A date the user typed cannot be read or does not exist.

    ``message`` says why in any language; ``str()`` is the English sentence.
    """

    def __init__(self, id: str, /, **slots: object) -> None:
        self.message = Message(id, slots)
        super().__init__(str(self.message))


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    start: _dt.date  # first day of the era
    end: _dt.date | None  # last day, None for the current era

    def contains(self, day: _dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def year(self, western_year: int) -> int:
        """Year of this era for a Western year (元年 = 1)."""
        return western_year - self.start.year + 1


ERAS: tuple[Era, ...] = (
    Era("明治", "M", _dt.date(1868, 10, 23), _dt.date(1912, 7, 29)),
    Era("大正", "T", _dt.date(1912, 7, 30), _dt.date(1926, 12, 24)),
    Era("昭和", "S", _dt.date(1926, 12, 25), _dt.date(1989, 1, 7)),
    Era("平成", "H", _dt.date(1989, 1, 8), _dt.date(2019, 4, 30)),
    Era("令和", "R", _dt.date(2019, 5, 1), None),
)
_ERA_BY_KEY: dict[str, Era] = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS}

PRESENT_WORDS: frozenset[str] = frozenset(
    {"present", "現在", "現職", "在職中", "now", "current", "至現在"}
)

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_Y = r"(?P<y>\d{4})"
_M = r"(?P<m>\d{1,2})"
_D = r"(?P<d>\d{1,2})"
_WESTERN = (
    re.compile(rf"{_Y}-{_M}(?:-{_D})?"),
    re.compile(rf"{_Y}/{_M}(?:/{_D})?"),
    re.compile(rf"{_Y}\.{_M}(?:\.{_D})?"),
    re.compile(rf"{_Y}年{_M}月(?:{_D}日)?"),
)
_ERA_NAMES = "|".join(e.name for e in ERAS)
_ERA_LETTERS = "".join(e.letter for e in ERAS)
_EY = r"(?P<ey>\d{1,2}|元)"
_ERA_FORMS = (
    re.compile(rf"(?P<era>{_ERA_NAMES}){_EY}年{_M}月(?:{_D}日)?"),
    re.compile(rf"(?P<era>[{_ERA_LETTERS}]){_EY}[./-]{_M}(?:[./-]{_D})?", re.IGNORECASE),
)

_ERA_YEAR = re.compile(rf"(?P<era>{_ERA_NAMES}){_EY}年?")


def _normalise(text: str) -> str:
    """Full-width digits and ㍻-style ligatures to plain text; no spaces."""
    t = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", t)


def _make(year: int, month: int, day: int | None, text: str) -> PartialDate:
    if not 1 <= month <= 12:
        raise DateError("date.no_month", text=text, month=month)
    if day is not None:
        try:
            _dt.date(year, month, day)
        except ValueError:
            raise DateError("date.no_day", text=text, year=year, month=month, day=day) from None
    if not 1 <= year <= 9999:
        raise DateError("date.year_range", text=text, year=year)
    return PartialDate(year, month, day)


def _last_day(year: int, month: int) -> _dt.date:
    if month == 12:
        return _dt.date(year, 12, 31)
    return _dt.date(year, month + 1, 1) - _dt.timedelta(days=1)


def _from_era(era: Era, era_year: int, month: int, day: int | None, text: str) -> PartialDate:
    if era_year < 1:
        raise DateError("date.no_era_year", text=text, era=era.name, year=era_year)
    d = _make(era.start.year + era_year - 1, month, day, text)
    if day is not None:
        inside = era.contains(d.first_day())
    else:
        inside = era.contains(_last_day(d.year, d.month)) or era.contains(d.first_day())
    if not inside:
        raise DateError(
            "date.outside_era", text=text, outside=_outside(era, d.first_day()), instead=_instead(d)
        )
    return d


def _outside(era: Era, day: _dt.date) -> Message:
    """``not in the 平成 era, which ended on 2019-04-30 (平成31年4月30日)`` for a *day* outside *era*."""
    if era.end is not None and day > era.end:
        edge, id = era.end, "era.ended"
    else:
        edge, id = era.start, "era.began"
    shown = format_ja(PartialDate(edge.year, edge.month, edge.day), "wareki")
    return Message(id, {"era": era.name, "iso": edge.isoformat(), "shown": shown})


def _instead(d: PartialDate) -> str:
    """*d* as it should be written: in its own era, or in 西暦 before 明治."""
    try:
        return format_ja(d, "wareki")
    except DateError:
        return format_ja(d)


def _era_year_only(era: Era, era_year: int, text: str) -> DateError:
    """The error for an era year without a month (``平成32年``)."""
    year = era.start.year + era_year - 1
    if era_year < 1 or not 1 <= year <= 9999:
        return DateError("date.no_era_year", text=text, era=era.name, year=era_year)
    month = max(4, era.start.month) if year == era.start.year else 4
    if era.end is not None and year == era.end.year:
        month = min(month, era.end.month)
    example = _instead(PartialDate(year, month))
    if era.contains(_dt.date(year, 12, 31)) or era.contains(_dt.date(year, 1, 1)):
        return DateError("date.needs_month", text=text, example=example)
    return DateError(
        "date.era_year_outside",
        text=text,
        outside=_outside(era, _dt.date(year, 1, 1)),
        year=example[: example.index("年") + 1],
        example=example,
    )


def parse_date(text: str) -> PartialDate:
    """Read one date (see the module docstring for the forms); raise :class:`DateError`."""
    if not isinstance(text, str):
        raise DateError("date.not_text", type=type(text).__name__)
    t = _normalise(text)
    if not t:
        raise DateError("date.empty")
    for pattern in _WESTERN:
        m = pattern.fullmatch(t)
        if m:
            day = int(m["d"]) if m["d"] else None
            return _make(int(m["y"]), int(m["m"]), day, text.strip())
    for pattern in _ERA_FORMS:
        m = pattern.fullmatch(t)
        if m:
            era = _ERA_BY_KEY[m["era"].upper() if len(m["era"]) == 1 else m["era"]]
            era_year = 1 if m["ey"] == "元" else int(m["ey"])
            day = int(m["d"]) if m["d"] else None
            return _from_era(era, era_year, int(m["m"]), day, text.strip())
    m = _ERA_YEAR.fullmatch(t)
    if m:
        era = _ERA_BY_KEY[m["era"]]
        raise _era_year_only(era, 1 if m["ey"] == "元" else int(m["ey"]), text.strip())
    if re.fullmatch(r"\d{4}年?", t):
        raise DateError("date.needs_month", text=text.strip(), example=f"{t[:4]}-04")
    raise DateError("date.not_date", text=text.strip())


def parse_date_value(value: object) -> PartialDate:
    """Like :func:`parse_date`, for whatever YAML or a spreadsheet handed over."""
    if isinstance(value, _dt.datetime):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool):
        raise DateError("date.not_date", text=value)
    if isinstance(value, int):
        return parse_date(str(value))
    if isinstance(value, str):
        return parse_date(value)
    raise DateError("date.wrong_type", type=type(value).__name__)


def is_present(text: object) -> bool:
    """True for the words that mark a current position (``present``, ``現在`` …)."""
    if not isinstance(text, str):
        return False
    t = _normalise(text)
    return t.lower() in PRESENT_WORDS or t in PRESENT_WORDS


def era_of(day: _dt.date) -> Era:
    """The era in force on *day*; DateError before 明治."""
    for era in reversed(ERAS):
        if era.contains(day):
            return era
    raise DateError("date.before_meiji", date=day.isoformat())


def wareki(d: PartialDate) -> tuple[str, int]:
    """(era name, year of era) of *d*; a month-only date takes the era of its 1st.

    The one exception is 1868-10, whose 1st precedes 明治: it is 明治元年10月.
    """
    try:
        era = era_of(d.first_day())
    except DateError:
        if d.day is not None:
            raise
        era = era_of(_last_day(d.year, d.month))
    return era.name, era.year(d.year)


def _era_year_text(d: PartialDate) -> str:
    name, year = wareki(d)
    return f"{name}{'元' if year == 1 else year}"


def _check_era(era: str) -> None:
    if era not in ("seireki", "wareki"):
        raise ValueError(f"era must be 'seireki' or 'wareki', not {era!r}")


def year_ja(d: PartialDate, era: str) -> str:
    """The 年 column of a 履歴書: ``2019`` or ``令和元`` / ``平成31``."""
    _check_era(era)
    return _era_year_text(d) if era == "wareki" else str(d.year)


def format_ja(d: PartialDate, era: str = "seireki", *, with_day: bool | None = None) -> str:
    """``2019年4月``, ``令和元年5月``, ``平成31年4月1日``.

    *with_day* None shows the day when the date has one; True on a month-only
    date still shows only the month (a day is never invented).
    """
    _check_era(era)
    show_day = d.day is not None and (with_day is None or with_day)
    text = f"{year_ja(d, era)}年{d.month}月"
    return f"{text}{d.day}日" if show_day else text


def format_en(d: PartialDate, *, with_day: bool = False) -> str:
    """``Apr 2019``; with *with_day* and a known day, ``3 Apr 2019``.

    Résumés in English show months, so the day is off unless asked for.
    """
    month = _MONTHS_EN[d.month - 1]
    if with_day and d.day is not None:
        return f"{d.day} {month} {d.year}"
    return f"{month} {d.year}"


def age_at(birth: PartialDate, on: _dt.date) -> int:
    """満年齢 on *on*: completed years; an unknown birth day counts as the 1st."""
    born = birth.first_day()
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years
