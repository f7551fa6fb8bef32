"""Hostile numbers: validation bounds every figure, and quantify computes every accepted one."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumegen.cli import cli
from resumegen.enrich.quantify import quantify
from resumegen.errors import RecordError
from resumegen.record.validate import load_record_text, validate_text

_RECORD = """\
schema: 1
lang: {lang}
person: {{name: Test Person}}
work:
  - organization: Org
    start: 2020-01
    end: present
    achievements:
      - summary: Did things
        metrics:
          - {{name: level, value: {a}, unit: "{unit}"}}
          - {{name: change, before: {a}, after: {b}, unit: "{unit}", better: higher}}
          - {{name: rating, value: {a}, scale: {scale}}}
"""


def _record(a: str, b: str = "1", unit: str = "", lang: str = "en") -> str:
    scale = b.lstrip("-") if Decimal(b) else "5"  # a scale must be positive
    return _RECORD.format(a=a, b=b, scale=scale, unit=unit, lang=lang)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e28", "`1e28` is too large; a number must be below 10^15"),
        ("-1000000000000000", "is too large"),
        ("1234567890.1234567", "has 17 digits; write at most 15"),
        ("0.0000001", "has 7 digits after the point; write at most 6"),
    ],
)
def test_input_numbers_out_of_bounds_are_positioned_errors(typed: str, message: str) -> None:
    errors, _ = validate_text(_record(typed, "2"), "r.yaml")
    assert errors
    assert all(message in d.message for d in errors)
    assert errors[0].line == 11 and errors[0].path == "work[0].achievements[0].metrics[0].value"


def test_input_numbers_huge_metric_is_exit_1_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(_record("1e28"), encoding="utf-8")
    runner = CliRunner()
    for command in ("validate", "quantify"):
        result = runner.invoke(cli, [command, str(path)])
        assert result.exit_code == 1, result.output
        assert "too large" in result.output


def test_input_numbers_at_the_bounds_are_accepted() -> None:
    for typed in ("999999999999999", "-999999999999999", "0.000001", "99999999.999999", "1E+14"):
        assert validate_text(_record(typed, "1"), "r.yaml")[0] == [], typed


# Every number validation accepts: up to 15 significant digits, below 10^15, at most
# 6 places; drawn as digits and an exponent so that the edges come up often.
_digits = st.integers(min_value=0, max_value=10**15 - 1)
_exponent = st.integers(min_value=-6, max_value=14)


@st.composite
def _accepted(draw: st.DrawFn) -> str:
    digits, exponent = draw(_digits), draw(_exponent)
    sign = draw(st.sampled_from(["", "-"]))
    value = Decimal(f"{sign}{digits}E{exponent}")
    return str(value) if value.adjusted() < 15 else f"{sign}{digits % 10**9}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    a=_accepted(),
    b=_accepted(),
    unit=st.sampled_from(["", "%", "円", "万円", "億円", "$", "days"]),
    lang=st.sampled_from(["ja", "en"]),
)
def test_input_numbers_quantify_never_fails_on_accepted_values(
    a: str, b: str, unit: str, lang: str
) -> None:
    try:
        record = load_record_text(_record(a, b, unit, lang), "r.yaml")
    except RecordError as exc:  # the drawn numbers are all in bounds
        raise AssertionError(exc.diagnostics) from None
    for achievement in quantify(record):
        assert achievement.statements
