"""keep_together: numbers, a % and the words naming them stay on one Japanese line."""

from __future__ import annotations

import pytest

from resumegen.documents.common import unbreakable
from resumegen.text import NO_BREAK_SPACE, WORD_JOINER, keep_together

WJ = WORD_JOINER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在院日数3.2日", f"在院日数3{WJ}.{WJ}2日"),
        ("再入院率18%改善", f"再入院率1{WJ}8{WJ}%改善"),
        ("１８％", f"１{WJ}８{WJ}％"),
        ("USD 4,500の予算", f"USD{NO_BREAK_SPACE}4{WJ},{WJ}5{WJ}0{WJ}0の予算"),
        ("3 mmの病変", f"3{NO_BREAK_SPACE}mmの病変"),
        ("8施設から", "8施設から"),  # a kanji counter keeps its autospace
        ("10:30開始", f"1{WJ}0{WJ}:{WJ}3{WJ}0開始"),
    ],
)
def test_numbers_percent_and_naming_words_are_joined(text: str, expected: str) -> None:
    assert keep_together(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "3Dマッピング",  # a lone digit before a letter: the word is left as typed
        "DMAT隊員",
        "{{ 7*7 }} & <b>{% if %}",
        "k.hirata@example.jp",
        "https://example.jp/2024/05",
        "",
        "救急外来の運営改善",
    ],
)
def test_words_addresses_and_plain_text_are_left_as_typed(text: str) -> None:
    assert keep_together(text) == text


def test_the_marks_are_all_the_function_adds() -> None:
    text = "平均在院日数は3.2日、再入院率は18%、予算はUSD 4,500。"
    joined = keep_together(text)
    assert joined.replace(WJ, "").replace(NO_BREAK_SPACE, " ") == text
    assert keep_together(joined) == joined  # applying it twice changes nothing


def test_a_long_number_keeps_its_own_breaks() -> None:
    long = "1234567890.1234567890"
    assert keep_together(long) == long


def test_unbreakable_touches_running_text_only() -> None:
    data = {
        "summary": "15年間勤務",
        "email": "a1@example.jp",
        "phone": "090-1234-5678",
        "motivation_box_h": "1234",
        "positions": [{"statements": ["18%改善"], "period": "2020年4月～現在"}],
        "count": 3,
    }
    out = unbreakable(data)
    assert out["summary"] == f"1{WJ}5年間勤務"
    assert out["positions"][0]["statements"] == [f"1{WJ}8{WJ}%改善"]
    for key in ("email", "phone", "motivation_box_h", "count"):
        assert out[key] == data[key]
    assert out["positions"][0]["period"] == "2020年4月～現在"
