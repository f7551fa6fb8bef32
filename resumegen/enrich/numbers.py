"""Number formatting and arithmetic for quantified statements.

Every figure a statement prints is either a number the user typed or one
derived from those by the few rules here (difference, half-up relative
change, 万/億 grouping of yen). Keeping the rules in one small module lets
the property tests recompute the allowed figures independently.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_MAN = Decimal(10_000)
_OKU = Decimal(100_000_000)

PERCENT_UNITS = frozenset({"%", "％", "percent", "パーセント"})
# Yen units and how many yen one of them is: 1,800万円 is typed as 1800 万円.
YEN_FACTORS: dict[str, Decimal] = {
    "円": Decimal(1),
    "万円": _MAN,
    "億円": _OKU,
    "JPY": Decimal(1),
    "¥": Decimal(1),
    "￥": Decimal(1),
}
YEN_UNITS = frozenset(YEN_FACTORS)
# Currency signs and codes written before the figure in English.
PREFIX_UNITS = frozenset({"$", "£", "€", "¥", "￥", "USD", "GBP", "EUR", "JPY", "US$"})
# Foreign currencies as a Japanese reader writes them after the figure (12,000米ドル).
JA_CURRENCIES = {
    "$": "ドル",
    "US$": "米ドル",
    "USD": "米ドル",
    "€": "ユーロ",
    "EUR": "ユーロ",
    "£": "ポンド",
    "GBP": "ポンド",
}


def fmt(value: Decimal) -> str:
    """The figure with thousands separators and exactly the precision typed.

    ``Decimal('11.0')`` stays ``11.0``: trailing zeros carry the precision the
    user measured with, so they are never dropped.
    """
    if value.is_zero():
        value = abs(value)  # no "-0"
    return format(value, ",f")


def difference(before: Decimal, after: Decimal) -> Decimal:
    """``|after - before|``; Decimal keeps the finer precision of the two inputs."""
    return abs(after - before)


def relative_percent(before: Decimal, after: Decimal) -> int | None:
    """Relative change in whole percent, rounded half-up; None when before is 0.

    A relative change from zero is undefined, so no figure is offered rather
    than an infinite or invented one.
    """
    if before.is_zero():
        return None
    ratio = abs(after - before) / abs(before) * 100
    return int(ratio.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def yen_ja(value: Decimal) -> str:
    """Japanese yen: amounts of 10,000 and more in 万/億 (18000000 → ``1,800万円``).

    Only whole amounts are grouped; a fractional yen figure is printed as typed.
    """
    sign = "-" if value < 0 else ""
    n = abs(value)
    if n < _MAN or n != n.to_integral_value():
        return f"{sign}{fmt(n)}円"
    n = n.to_integral_value()
    oku, rest = divmod(n, _OKU)
    man, yen = divmod(rest, _MAN)
    parts = []
    if oku:
        parts.append(f"{fmt(oku)}億")
    if man:
        parts.append(f"{fmt(man)}万")
    if yen:
        parts.append(fmt(yen))
    return sign + "".join(parts) + "円"


def is_percent(unit: str) -> bool:
    return unit.strip() in PERCENT_UNITS


def in_yen(value: Decimal, unit: str) -> Decimal | None:
    """*value* in whole yen when *unit* is a yen unit (1800 万円 → 18000000), else None.

    A figure that is not a whole number of yen once converted stays as typed.
    """
    factor = YEN_FACTORS.get(unit.strip())
    if factor is None:
        return None
    yen = value * factor
    if yen != yen.to_integral_value():
        return None
    return yen.quantize(Decimal(1))


def is_prefix_unit(unit: str, lang: str) -> bool:
    """True when *lang* writes *unit* before the figure ($12,000, USD 12,000, ¥18,000,000)."""
    u = unit.strip()
    return lang == "en" and (u in PREFIX_UNITS or u in YEN_UNITS)


def with_unit(value: Decimal, unit: str, lang: str) -> str:
    """A figure joined to its unit the way each language writes it.

    Japanese: ``1,800万円``, ``1億2,000万円``, ``12,000米ドル``, ``25分``;
    English: ``¥18,000,000``, ``$12,000``, ``USD 12,000``, ``25 minutes``.
    """
    u = unit.strip()
    if u in PERCENT_UNITS:
        return f"{fmt(value)}%"
    yen = in_yen(value, u)
    if lang == "ja":
        if yen is not None:
            return yen_ja(yen)
        return f"{fmt(value)}{JA_CURRENCIES.get(u, u)}"
    if not u:
        return fmt(value)
    if u in YEN_UNITS:
        return f"¥{fmt(yen)}" if yen is not None else f"{fmt(value)} {u}"
    if u in PREFIX_UNITS:
        return f"{u}{fmt(value)}" if not u.isalpha() else f"{u} {fmt(value)}"
    if value == 1 and len(u) > 2 and u.endswith("s") and not u.endswith("ss"):
        u = u[:-1]  # 1 day, 1 account
    return f"{fmt(value)} {u}"
