"""The message catalogue: both languages complete, and the one rule that picks a language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from resumegen.cli import cli
from resumegen.messages import (
    LANGS,
    MESSAGES,
    Message,
    env_lang,
    message_lang,
    placeholders,
    say,
)
from resumegen.record.validate import validate_path, validate_text
from resumegen.yamlio import load_text

PKG = Path(__file__).resolve().parents[2] / "resumegen"


@pytest.fixture(autouse=True)
def _no_language_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a user with an English locale and no RESUMEGEN_LANG."""
    for var in ("RESUMEGEN_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


# ---------------------------------------------------------------- the catalogue


@pytest.mark.parametrize("id", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_slots(id: str) -> None:
    texts = MESSAGES[id]
    assert set(texts) == set(LANGS), id
    for lang in LANGS:
        assert texts[lang].strip() and "\n" not in texts[lang], (id, lang)
    assert placeholders(texts["ja"]) == placeholders(texts["en"]), id


def test_japanese_messages_are_japanese() -> None:
    """A ja sentence that is only a slot or a code is the same in both; every other has kana or kanji."""
    same = {id for id, t in MESSAGES.items() if t["ja"] == t["en"]}
    assert same == {"what.value", "audit.era_wareki", "audit.era_seireki"}  # 和暦, 西暦: names
    for id, texts in MESSAGES.items():
        if id not in same:
            assert re.search("[\u3040-\u30ff\u4e00-\u9fff]", texts["ja"]), id


def _ids_in_source() -> set[str]:
    """Every string that looks like a message id, in the modules that speak through the catalogue."""
    kinds = "|".join(sorted({i.split(".")[0] for i in MESSAGES}))
    pattern = re.compile(rf"[\"']((?:{kinds})\.[a-z_0-9]+)[\"']")
    found: set[str] = set()
    for path in PKG.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "resumegen.messages import" in text:
            found.update(pattern.findall(text))
    return found


def test_every_message_the_code_names_is_in_the_catalogue_and_every_one_is_used() -> None:
    named = _ids_in_source()
    assert named - set(MESSAGES) == set()
    # nouns, rephrase's profile labels and the audit's messages are looked up by name
    dynamic = {i for i in MESSAGES if i.startswith(("noun.", "rephrase.profile_", "audit."))}
    assert set(MESSAGES) - named - dynamic == set()


def test_slots_may_be_messages_and_lists_said_in_the_same_language() -> None:
    inner = Message("expect.date")
    assert say("ja", "value.expected", expected=inner, found="`x`").startswith("日付を")
    assert say("en", "value.expected", expected=inner, found="`x`") == "expected a date, found `x`"
    assert (
        say("ja", "value.choice", text="x", name="y", choices=("a", "b", "c"), hint="").count("、")
        == 2
    )
    assert str(Message("key.missing", {"key": "end"})) == "missing required key `end`"


# ---------------------------------------------------------------- the rule


def test_the_language_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    assert message_lang("ja", ["plain"]) == "ja"
    assert message_lang("en", ["日本語"]) == "en"  # a declared lang beats the words
    assert message_lang("fr", ["病院"]) == "ja"  # no usable lang: the words
    assert message_lang(None, ["hospital"]) == "en"
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert message_lang(None, ["hospital"]) == "ja" == env_lang()
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")  # LC_ALL comes before LANG
    assert env_lang() == "en"
    monkeypatch.setenv("RESUMEGEN_LANG", "en")  # an explicit choice beats everything
    assert message_lang("ja", ["病院"]) == "en"
    monkeypatch.setenv("RESUMEGEN_LANG", "ja")
    assert message_lang("en", ["hospital"]) == "ja" == env_lang()


# ---------------------------------------------------------------- records in each language

_RECORD = """\
schema: 1
lang: {lang}
person:
  name: {name}
work:
  - organization: {org}
    start: 2019-04
    end: present
    title: {title}
"""
_NAMES = {
    "ja": {"name": "平田 健一", "org": "北東大学病院", "title": "助教"},
    "en": {"name": "Ann Lee", "org": "North Hospital", "title": "Nurse"},
}


def _record(lang: str, old: str = "", new: str = "") -> str:
    text = _RECORD.format(lang=lang, **_NAMES[lang])
    assert old in text
    return text.replace(old, new, 1)


# (what is changed, into what, the Japanese message, the English one)
_CASES = [
    (
        "    title: ",
        "    title：",
        "「：」は全角のコロンです",
        '「：」 is a full-width colon; write ": "',
    ),
    ("  - organization", "  - organisation", "`organization` のことですか？", "did you mean"),
    ("    start: 2019-04\n", "", "必須のキー `start` がありません", "missing required key `start`"),
    ("start: 2019-04", "start: 2019-14", "14月はありません", "there is no month 14"),
    (
        "start: 2019-04",
        "start: 令和元年4月",
        "令和の期間外です（令和は 2019-05-01（令和元年5月1日）から）。平成31年4月 と書いてください",
        "is not in the 令和 era, which began on 2019-05-01 (令和元年5月1日); write 平成31年4月",
    ),
    ("start: 2019-04", "start: 平成32年", "令和2年 と月を書いてください", "with a month, e.g."),
    ("end: present", "end: someday", "（在職中なら present / 現在）", "(or present / 現在)"),
    ("schema: 1", "schema: 2", "schema 2 には対応していません", "schema 2 is not supported"),
    ("lang: ja\n", "lang: ja\nprofile: nurse\n", "のどれかを書いてください", "; use physician"),
    ("lang: en\n", "lang: en\nprofile: nurse\n", "のどれかを書いてください", "; use physician"),
    (
        "    end: present\n",
        "    end: present\n    achievements:\n      - summary: x\n        metrics:\n"
        "          - {name: n, value: 1234567890123456}\n",
        "大きすぎます",
        "is too large",
    ),
    (
        "    end: present\n",
        "    end: present\n    achievements:\n      - summary: x\n        metrics:\n"
        "          - {name: n, value: 12, unit: %}\n",
        "`%` で始まる値は引用符で囲んでください",
        "cannot start an unquoted value",
    ),
    ("name: ", "name: &a ", "アンカー", "anchors (&name)"),
]


@pytest.mark.parametrize(("old", "new", "ja", "en"), _CASES)
@pytest.mark.parametrize("lang", LANGS)
def test_a_record_hears_of_its_problems_in_its_language(
    lang: str, old: str, new: str, ja: str, en: str
) -> None:
    if f"lang: {'en' if lang == 'ja' else 'ja'}" in old:
        pytest.skip("a case for the other language's record")
    errors, _ = validate_text(_record(lang, old, new), "me.yaml")
    assert errors, (lang, new)
    said = " | ".join(e.message for e in errors)
    assert (ja if lang == "ja" else en) in said
    assert all(e.code in MESSAGES for e in errors)


def test_an_era_warning_is_in_the_records_language() -> None:
    text = _record("ja", "start: 2019-04", "start: 1989-01") + "options: {era: wareki}\n"
    _, warnings = validate_text(text, "me.yaml")
    assert [w.message for w in warnings] == [
        "1989-01 は昭和と平成にまたがるので 昭和64年1月 と書かれます。正確にするには日も書いてください"
    ]
    _, warnings = validate_text(text.replace("lang: ja", "lang: en"), "me.yaml")
    assert "spans 昭和 and 平成" in warnings[0].message


def test_a_file_that_does_not_parse_is_told_by_its_words() -> None:
    from resumegen.errors import RecordError

    with pytest.raises(RecordError) as ja:
        load_text("名前: [平田\n", "me.yaml")
    assert "閉じていません" in ja.value.diagnostics[0].message
    with pytest.raises(RecordError) as en:
        load_text("name: [Ann\n", "me.yaml")
    assert "is never closed" in en.value.diagnostics[0].message


def test_a_photo_problem_is_in_the_records_language(tmp_path: Path) -> None:
    for lang, words in (
        ("ja", "写真 `face.png`: ファイルがありません"),
        ("en", "the photo `face.png` does not exist"),
    ):
        path = tmp_path / f"{lang}.yaml"
        path.write_text(_record(lang, "  name: ", "  photo: face.png\n  name: "), encoding="utf-8")
        errors, _ = validate_path(path)
        assert [e.message for e in errors] == [words]
        assert errors[0].code == "photo.problem"


def test_a_file_without_words_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "none.yaml"
    assert validate_path(missing)[0][0].message == "file not found"
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert validate_path(missing)[0][0].message == "ファイルがありません"
    monkeypatch.setenv("RESUMEGEN_LANG", "en")
    assert validate_path(missing)[0][0].message == "file not found"


def test_shift_jis_japanese_is_told_in_japanese(tmp_path: Path) -> None:
    path = tmp_path / "sjis.yaml"
    path.write_bytes(_record("ja").encode("cp932"))
    (error,) = validate_path(path)[0]
    assert "Shift_JIS/CP932 のファイルのようです" in error.message


def test_validate_json_keeps_its_keys_and_adds_the_code(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text(_record("ja", "    start: 2019-04\n", ""), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--json", str(path)])
    assert result.exit_code == 1
    (error,) = json.loads(result.stdout)["errors"]
    assert error == {
        "file": str(path),
        "line": 6,
        "column": 5,
        "path": "work[0]",
        "message": "必須のキー `start` がありません",
        "code": "key.missing",
    }


# ---------------------------------------------------------------- rephrase


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "当直がきつい",
            ("面接での回答例: ", "プロファイル: ", "軸にした理由: ", "一致: ", "次に聞かれたら: "),
        ),
        (
            "Constant on-call is too much",
            ("Interview answer: ", "profile: ", "led by: ", "matched ", "Be ready to say: "),
        ),
    ],
)
def test_rephrase_explains_itself_in_the_texts_language(text: str, labels: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, ["rephrase", text])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for label in labels:
        assert any(line.startswith(label) for line in lines), (label, lines)


@pytest.mark.parametrize(
    ("lang", "opening"),
    [
        ("ja", "この退職理由に合うフレーズ集の項目がありません。\n自分の項目を"),
        ("en", "No phrasebook entry matched this leaving reason.\nAdd your own entry"),
    ],
)
def test_rephrase_no_match_help_is_in_its_language(lang: str, opening: str) -> None:
    from resumegen.enrich.rephrase import no_match_help

    assert no_match_help(lang).startswith(opening)


def test_a_data_file_is_named_in_the_files_language() -> None:
    from resumegen.errors import RecordError
    from resumegen.yamlio import data_limits

    with pytest.raises(RecordError) as ja:
        load_text("a: 当直\n---\nb: 1\n", "book.yaml", data_limits("phrasebook"))
    assert ja.value.diagnostics[0].message.startswith(
        "フレーズ集のファイルに書ける YAML 文書は1つです"
    )
    with pytest.raises(RecordError) as en:
        load_text("a: on-call\n---\nb: 1\n", "book.yaml", data_limits("phrasebook"))
    assert en.value.diagnostics[0].message.startswith("a phrasebook file holds one YAML document")
