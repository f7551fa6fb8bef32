from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from resumegen.record.dates import (
    DateError,
    age_at,
    format_en,
    format_ja,
    is_present,
    parse_date,
    parse_date_value,
    wareki,
    year_ja,
)
from resumegen.record.model import PartialDate as P


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-04", P(2019, 4)),
        ("2019-04-01", P(2019, 4, 1)),
        ("2012/4", P(2012, 4)),
        ("2012/4/1", P(2012, 4, 1)),
        ("2012.4", P(2012, 4)),
        ("2012年4月", P(2012, 4)),
        ("2012年4月1日", P(2012, 4, 1)),
        ("2012年 4月", P(2012, 4)),
        ("令和3年4月", P(2021, 4)),
        ("平成31年4月", P(2019, 4)),
        ("令和元年5月", P(2019, 5)),
        ("昭和54年2月28日", P(1979, 2, 28)),
        ("大正元年8月", P(1912, 8)),
        ("明治45年7月29日", P(1912, 7, 29)),
        ("２０１９年４月", P(2019, 4)),
        ("令和３年４月１日", P(2021, 4, 1)),
        ("H31.4", P(2019, 4)),
        ("R3.4.1", P(2021, 4, 1)),
        ("r元.5", P(2019, 5)),
        ("S64.1.7", P(1989, 1, 7)),
        ("㍻31年4月", P(2019, 4)),
        ("昭和64年1月", P(1989, 1)),
        ("平成元年1月", P(1989, 1)),
        ("  2019-04  ", P(2019, 4)),
    ],
)
def test_parse_accepts(text: str, expected: P) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2019-13", "no month 13"),
        ("2019-00", "no month 0"),
        ("2019-02-30", "no day 30"),
        ("2019年2月30日", "no day 30"),
        ("2021-02-29", "no day 29"),
        ("平成32年1月", "not in the 平成 era"),
        ("令和元年4月", "not in the 令和 era"),
        ("令和元年4月30日", "not in the 令和 era"),
        ("平成31年5月", "not in the 平成 era"),
        ("平成31年5月1日", "not in the 平成 era"),
        ("昭和64年1月8日", "not in the 昭和 era"),
        ("平成元年1月7日", "not in the 平成 era"),
        ("大正15年12月25日", "not in the 大正 era"),
        ("明治元年1月", "not in the 明治 era"),
        ("令和0年5月", "has no year 0"),
        ("2019", "needs a month"),
        ("April 2019", "not a date"),
        ("", "empty"),
    ],
)
def test_parse_rejects(text: str, fragment: str) -> None:
    with pytest.raises(DateError, match=fragment):
        parse_date(text)


def test_parse_date_value_kinds() -> None:
    assert parse_date_value(dt.date(2026, 3, 1)) == P(2026, 3, 1)
    assert parse_date_value(dt.datetime(2026, 3, 1, 12, 0)) == P(2026, 3, 1)
    assert parse_date_value("2026-03") == P(2026, 3)
    assert parse_date_value(P(2020, 1)) == P(2020, 1)
    with pytest.raises(DateError, match="needs a month"):
        parse_date_value(2026)
    with pytest.raises(DateError):
        parse_date_value(True)
    with pytest.raises(DateError):
        parse_date_value(3.5)


@pytest.mark.parametrize("word", ["present", "Present", "PRESENT", "現在", "現職", " present "])
def test_is_present(word: str) -> None:
    assert is_present(word)


@pytest.mark.parametrize("word", ["2019-04", "", "past", None, 1])
def test_is_not_present(word: object) -> None:
    assert not is_present(word)


@pytest.mark.parametrize(
    ("date", "era", "year"),
    [
        (P(2019, 4), "平成", 31),
        (P(2019, 4, 30), "平成", 31),
        (P(2019, 5), "令和", 1),
        (P(2019, 5, 1), "令和", 1),
        (P(1989, 1), "昭和", 64),  # the era of the 1st of the month
        (P(1989, 1, 7), "昭和", 64),
        (P(1989, 1, 8), "平成", 1),
        (P(1926, 12), "大正", 15),
        (P(1926, 12, 25), "昭和", 1),
        (P(1912, 7, 30), "大正", 1),
        (P(1868, 10), "明治", 1),  # its 1st precedes 明治: the month still belongs to it
    ],
)
def test_wareki(date: P, era: str, year: int) -> None:
    assert wareki(date) == (era, year)


def test_wareki_before_meiji() -> None:
    with pytest.raises(DateError, match="before the 明治 era"):
        wareki(P(1868, 9, 30))


def test_format_ja() -> None:
    assert format_ja(P(2019, 4)) == "2019年4月"
    assert format_ja(P(2019, 5), "wareki") == "令和元年5月"
    assert format_ja(P(2019, 4, 1), "wareki") == "平成31年4月1日"
    assert format_ja(P(2019, 4, 1), "wareki", with_day=False) == "平成31年4月"
    assert format_ja(P(2019, 4), "wareki", with_day=True) == "平成31年4月"
    assert format_ja(P(2021, 12, 3)) == "2021年12月3日"
    with pytest.raises(ValueError):
        format_ja(P(2019, 4), "heisei")


def test_year_ja() -> None:
    assert year_ja(P(2019, 4), "seireki") == "2019"
    assert year_ja(P(2019, 5), "wareki") == "令和元"
    assert year_ja(P(2019, 4), "wareki") == "平成31"


def test_format_en() -> None:
    assert format_en(P(2019, 4)) == "Apr 2019"
    assert format_en(P(2019, 4, 3)) == "Apr 2019"
    assert format_en(P(2019, 4, 3), with_day=True) == "3 Apr 2019"
    assert format_en(P(2019, 12), with_day=True) == "Dec 2019"


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (P(1984, 6, 15), dt.date(2026, 1, 15), 41),
        (P(1984, 6, 15), dt.date(2026, 6, 14), 41),
        (P(1984, 6, 15), dt.date(2026, 6, 15), 42),
        (P(1984, 6), dt.date(2026, 6, 1), 42),  # unknown day: the 1st
        (P(1984, 6), dt.date(2026, 5, 31), 41),
        (P(2000, 2, 29), dt.date(2026, 3, 1), 26),
    ],
)
def test_age_at(birth: P, on: dt.date, age: int) -> None:
    assert age_at(birth, on) == age


BOUNDARY_DAYS = [
    dt.date(1912, 7, 29),
    dt.date(1912, 7, 30),
    dt.date(1926, 12, 24),
    dt.date(1926, 12, 25),
    dt.date(1989, 1, 7),
    dt.date(1989, 1, 8),
    dt.date(2019, 4, 30),
    dt.date(2019, 5, 1),
]

days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@settings(max_examples=300)
@given(day=days, with_day=st.booleans(), era=st.sampled_from(["seireki", "wareki"]))
@example(day=BOUNDARY_DAYS[0], with_day=True, era="wareki")
@example(day=BOUNDARY_DAYS[1], with_day=True, era="wareki")
@example(day=BOUNDARY_DAYS[2], with_day=True, era="wareki")
@example(day=BOUNDARY_DAYS[3], with_day=True, era="wareki")
@example(day=BOUNDARY_DAYS[4], with_day=True, era="wareki")
@example(day=BOUNDARY_DAYS[5], with_day=True, era="wareki")
@example(day=BOUNDARY_DAYS[6], with_day=True, era="wareki")
@example(day=BOUNDARY_DAYS[7], with_day=True, era="wareki")
@example(day=BOUNDARY_DAYS[4], with_day=False, era="wareki")
@example(day=BOUNDARY_DAYS[7], with_day=False, era="wareki")
@example(day=BOUNDARY_DAYS[6], with_day=False, era="wareki")
def test_round_trip(day: dt.date, with_day: bool, era: str) -> None:
    d = P(day.year, day.month, day.day if with_day else None)
    assert parse_date(format_ja(d, era)) == d
    assert parse_date(d.iso()) == d


@pytest.mark.parametrize("day", BOUNDARY_DAYS)
def test_boundary_days_round_trip(day: dt.date) -> None:
    for d in (P(day.year, day.month, day.day), P(day.year, day.month)):
        assert parse_date(format_ja(d, "wareki")) == d


def test_wareki_matches_era_boundaries() -> None:
    assert format_ja(P(2019, 4, 30), "wareki") == "平成31年4月30日"
    assert format_ja(P(2019, 5, 1), "wareki") == "令和元年5月1日"
    assert format_ja(P(1989, 1, 7), "wareki") == "昭和64年1月7日"
    assert format_ja(P(1989, 1, 8), "wareki") == "平成元年1月8日"
    assert format_ja(P(1926, 12, 25), "wareki") == "昭和元年12月25日"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "平成32年",
            "`平成32年` is not in the 平成 era, which ended on 2019-04-30 (平成31年4月30日); "
            "write 令和2年 with a month, e.g. 令和2年4月",
        ),
        (
            "平成32年4月",
            "`平成32年4月` is not in the 平成 era, which ended on 2019-04-30 (平成31年4月30日); "
            "write 令和2年4月",
        ),
        (
            "令和元年4月",
            "`令和元年4月` is not in the 令和 era, which began on 2019-05-01 (令和元年5月1日); "
            "write 平成31年4月",
        ),
        ("明治元年1月", "which began on 1868-10-23 (明治元年10月23日); write 1868年1月"),
        ("平成30年", "`平成30年`: a date needs a month, e.g. 平成30年4月"),
        ("令和元年", "`令和元年`: a date needs a month, e.g. 令和元年5月"),
        ("令和0年", "`令和0年`: 令和 has no year 0"),
    ],
)
def test_era_messages_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(DateError) as exc:
        parse_date(text)
    assert str(exc.value).endswith(message)
