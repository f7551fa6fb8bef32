"""Every data file is read by the one YAML reader: same refusals, limits and message form."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from resumegen.errors import Diagnostic, RecordError
from resumegen.resources.catalogue import read_catalogue
from resumegen.resources.phrasebook_load import load_phrasebook_file, load_phrasebooks
from resumegen.resources.questionbank import load_question_file
from resumegen.yamlio import DATA_MAX_BYTES

Loader = Callable[[Path], object]
LOADERS: dict[str, tuple[str, Loader]] = {
    "phrasebook": ("leaving-mine.yaml", lambda p: load_phrasebook_file(p, "ja")),
    "question bank": ("questions-mine.yaml", load_question_file),
    "metric catalogue": ("metrics.yaml", lambda p: read_catalogue(p, "ja")),
}
KINDS = sorted(LOADERS)


def refused(tmp_path: Path, kind: str, text: str | bytes) -> list[Diagnostic]:
    name, load = LOADERS[kind]
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    with pytest.raises(RecordError) as info:
        load(path)
    assert all(d.file == str(path) for d in info.value.diagnostics)
    return info.value.diagnostics


@pytest.mark.parametrize("kind", KINDS)
def test_anchors_and_aliases_are_refused_at_the_first_anchor(tmp_path: Path, kind: str) -> None:
    (d,) = refused(tmp_path, kind, "a: &x [1]\nb: *x\n")
    assert (d.line, d.column) == (1, 4)
    assert d.message == "anchors (&name) and aliases (*name) are not allowed; write the value out"


@pytest.mark.parametrize("kind", KINDS)
def test_tags_and_merge_keys_are_refused(tmp_path: Path, kind: str) -> None:
    (d,) = refused(tmp_path, kind, "lang: ja\nschema: !!python/object 1\n")
    assert (d.line, d.column, d.path) == (2, 9, "schema")
    assert "YAML tags such as `!!python/object` are not allowed" in d.message
    (d,) = refused(tmp_path, kind, "a:\n  <<: {b: 1}\n")
    assert (d.line, d.path) == (2, "a.<<") and "merge keys" in d.message


@pytest.mark.parametrize("kind", KINDS)
def test_oversize_files_are_refused_before_reading(tmp_path: Path, kind: str) -> None:
    (d,) = refused(tmp_path, kind, b"# " + b"x" * DATA_MAX_BYTES + b"\n")
    assert d.line == 0
    assert f"a {kind} may be at most {DATA_MAX_BYTES:,}" in d.message


@pytest.mark.parametrize("kind", KINDS)
def test_deep_nesting_is_a_positioned_error(tmp_path: Path, kind: str) -> None:
    deep = "lang: ja\nentries: " + "[" * 3000 + "]" * 3000 + "\n"
    (d,) = refused(tmp_path, kind, deep)  # and no RecursionError
    assert d.line == 2 and d.column == 10 + 19
    assert d.message == "nesting deeper than 20 levels is not allowed"


@pytest.mark.parametrize("kind", KINDS)
def test_an_unclosed_bracket_is_reported_at_the_bracket(tmp_path: Path, kind: str) -> None:
    (d,) = refused(tmp_path, kind, "lang: ja\nprofiles: [physician, general\n")
    assert (d.line, d.column) == (2, 11)
    assert d.message == "this `[` is never closed; add `]` at the end of its value"
    (d,) = refused(tmp_path, kind, "lang: ja\nvague_words: [a,\n")
    assert (d.line, d.column) == (2, 14)


@pytest.mark.parametrize("kind", KINDS)
def test_encoding_and_control_characters_as_for_records(tmp_path: Path, kind: str) -> None:
    (d,) = refused(tmp_path, kind, "lang: ja\n# 当直\n".encode("shift_jis"))
    assert "not UTF-8 (it looks like Shift_JIS/CP932)" in d.message
    (d,) = refused(tmp_path, kind, "lang: ja\nx: a\x01b\n")
    assert (d.line, d.column, d.path) == (2, 5, "x")
    assert d.message.startswith("control character U+0001 is not allowed")


def test_the_three_kinds_say_the_same_mistake_the_same_way(tmp_path: Path) -> None:
    said = set()
    for kind in KINDS:
        (d,) = refused(tmp_path, kind, "lang: ja\n  x: 1\n")
        said.add((d.line, d.column, d.message))
        assert not d.message.startswith(("YAML", "invalid YAML", "not valid YAML"))
    assert len(said) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_unknown_keys_share_one_form(tmp_path: Path, kind: str) -> None:
    diags = refused(tmp_path, kind, "lnag: ja\n")
    (d,) = [d for d in diags if d.path == "lnag"]
    assert (d.line, d.column) == (1, 1)
    assert d.message.startswith("unknown ") and "`lnag`" in d.message


def test_a_clashing_user_trigger_is_reported_at_the_trigger(tmp_path: Path) -> None:
    body = (
        "entries:\n"
        "  - id: a\n"
        "    category: work\n"
        "    triggers: [雑務, ざつむ]\n"
        "    positive: {short: 専門に集中したい。, long: 専門に集中したい。}\n"
        "  - id: b\n"
        "    category: work\n"
        "    triggers:\n"
        "      - 書類\n"
        "      - ザツム\n"
        "    positive: {short: 専門に集中したい。, long: 専門に集中したい。}\n"
    )
    (d,) = refused(tmp_path, "phrasebook", body)
    assert (d.line, d.column, d.path) == (10, 9, "entries[1].triggers[1]")


def test_a_user_phrasing_that_leaks_is_reported_at_the_phrasing(tmp_path: Path) -> None:
    path = tmp_path / "leaving-mine.yaml"
    path.write_text(
        "entries:\n"
        "  - id: mine\n"
        "    category: work\n"
        "    triggers: [書類仕事]\n"
        "    positive:\n"
        "      long: 専門に集中したいと考えています。\n"
        "      short: 当直のない職場で専門に集中したいと考えています。\n",
        encoding="utf-8",
    )
    with pytest.raises(RecordError) as info:
        load_phrasebooks("ja", [path])
    (d,) = info.value.diagnostics
    assert (d.line, d.column, d.path) == (7, 7, "entries[0].positive.short")


def test_a_dangling_fear_is_reported_at_feared(tmp_path: Path) -> None:
    path = tmp_path / "leaving-mine.yaml"
    path.write_text(
        "entries:\n"
        "  - id: mine\n"
        "    category: keep\n"
        "    triggers: [閉院]\n"
        "    positive: {short: 体制が変わるため。, long: 体制が変わるため。}\n"
        "    feared: no_such_entry\n",
        encoding="utf-8",
    )
    with pytest.raises(RecordError) as info:
        load_phrasebooks("ja", [path])
    (d,) = info.value.diagnostics
    assert (d.line, d.column, d.path) == (6, 5, "entries[0].feared")


def test_an_empty_question_bank_is_empty_and_an_empty_phrasebook_is_not(tmp_path: Path) -> None:
    path = tmp_path / "questions-empty.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert load_question_file(path) == {}
    (d,) = refused(tmp_path, "phrasebook", "# nothing yet\n")
    assert (d.path, d.message) == ("entries", "needs a list of entries")


def test_numbers_and_truth_values_are_not_text(tmp_path: Path) -> None:
    diags = refused(tmp_path, "question bank", "questions:\n  - {id: 1, text: true, hint: '2'}\n")
    assert [(d.path, d.message) for d in diags] == [
        ("questions[0].id", "must be non-empty text"),
        ("questions[0].text", "must be non-empty text"),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_key_indented_with_a_full_width_space_says_so(tmp_path: Path, kind: str) -> None:
    diags = refused(tmp_path, kind, "lang: ja\n\u3000lnag: ja\n")
    (d,) = [d for d in diags if d.path == "\u3000lnag"]
    assert d.message.endswith(
        "; a full-width space (U+3000) is used for indentation; indent with ASCII spaces"
    )
