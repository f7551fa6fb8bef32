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
YEN_UNITS = frozenset({"円"})
# Currency signs and codes written before the figure in English.
PREFIX_UNITS = frozenset({"$", "£", "€", "¥", "USD", "GBP", "EUR", "JPY", "US$"})


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


def with_unit(value: Decimal, unit: str, lang: str) -> str:
    """A figure joined to its unit the way each language writes it."""
    u = unit.strip()
    if u in PERCENT_UNITS:
        return f"{fmt(value)}%"
    if lang == "ja":
        if u in YEN_UNITS:
            return yen_ja(value)
        return f"{fmt(value)}{u}"
    if not u:
        return fmt(value)
    if u in PREFIX_UNITS:
        return f"{u}{fmt(value)}" if not u.isalpha() else f"{u} {fmt(value)}"
    if value == 1 and len(u) > 2 and u.endswith("s") and not u.endswith("ss"):
        u = u[:-1]  # 1 day, 1 account
    return f"{fmt(value)} {u}"
