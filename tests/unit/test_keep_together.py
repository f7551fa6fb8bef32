"""keep_together: a short word or unit stays with the number it names on a Japanese line."""

from __future__ import annotations

import pytest

from resumegen.documents.common import unbreakable
from resumegen.text import NO_BREAK_SPACE, keep_together


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在院日数3.2日", "在院日数3.2日"),  # digits stay plain: the template's language keeps them
        ("再入院率18%改善", "再入院率18%改善"),
        ("USD 4,500の予算", f"USD{NO_BREAK_SPACE}4,500の予算"),
        ("3 mmの病変", f"3{NO_BREAK_SPACE}mmの病変"),
        ("Grade 3の症例", f"Grade{NO_BREAK_SPACE}3の症例"),
        ("8施設から", "8施設から"),
    ],
)
def test_a_naming_word_is_held_to_its_number(text: str, expected: str) -> None:
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
    assert joined.replace(NO_BREAK_SPACE, " ") == text
    assert keep_together(joined) == joined  # applying it twice changes nothing


def test_unbreakable_touches_running_text_only() -> None:
    data = {
        "summary": "USD 4,500の予算",
        "email": "a1@example.jp",
        "phone": "090-1234-5678",
        "motivation_box_h": "1234",
        "positions": [{"statements": ["3 mmの病変"], "period": "2020年4月～現在"}],
        "count": 3,
    }
    out = unbreakable(data)
    assert out["summary"] == f"USD{NO_BREAK_SPACE}4,500の予算"
    assert out["positions"][0]["statements"] == [f"3{NO_BREAK_SPACE}mmの病変"]
    for key in ("email", "phone", "motivation_box_h", "count"):
        assert out[key] == data[key]
    assert out["positions"][0]["period"] == "2020年4月～現在"
