"""keep_together: a figure stays with the word, unit or counter it names on a Japanese line."""

from __future__ import annotations

import pytest

from resumegen.text import NO_BREAK_SPACE, WORD_JOINER, keep_together

WJ = WORD_JOINER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在院日数3.2日", f"在院日数3.2{WJ}日"),  # a counter in another script is joined
        ("受入12件、6か月で", f"受入12{WJ}件、6{WJ}か月で"),
        ("約2,400件", f"約{WJ}2,400{WJ}件"),
        ("再入院率18%改善", "再入院率18%改善"),  # the template's language keeps 18% whole
        ("USD 4,500の予算", f"USD{NO_BREAK_SPACE}4,500の予算"),
        ("3 mmの病変", f"3{NO_BREAK_SPACE}mmの病変"),
        ("Grade 3の症例", f"Grade{NO_BREAK_SPACE}3の症例"),
        ("8施設から", f"8{WJ}施設から"),
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
    assert joined.replace(NO_BREAK_SPACE, " ").replace(WJ, "") == text
    assert keep_together(joined) == joined  # applying it twice changes nothing


def test_a_japanese_document_holds_the_word_to_its_number_when_printed() -> None:
    """The renderer applies it to every printed value of a Japanese document, not of an English one."""
    import dataclasses
    import io
    import zipfile
    from pathlib import Path

    import resumegen

    root = Path(__file__).resolve().parents[2]
    ja = resumegen.load(root / "samples" / "physician-ja.yaml")
    ja = dataclasses.replace(ja, summary="予算はUSD 4,500。")
    data = resumegen.render_document(ja, "shokumu")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert f"USD{NO_BREAK_SPACE}4,500".encode() in z.read("word/document.xml")
    assert "USD 4,500" in str(resumegen.context_for(ja, "shokumu")["summary"])  # data stay plain
    en = resumegen.load(root / "samples" / "clinical-specialist-en.yaml")
    en = dataclasses.replace(en, summary="Budget USD 4,500.")
    with zipfile.ZipFile(io.BytesIO(resumegen.render_document(en, "resume"))) as z:
        assert b"USD 4,500" in z.read("word/document.xml")
