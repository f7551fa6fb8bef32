"""The YAML loader: positions, and every kind of file it must refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumegen.errors import Diagnostic, RecordError
from resumegen.yamlio import (
    MAX_BYTES,
    Mapping,
    Scalar,
    Sequence,
    data_limits,
    line_slip,
    load_path,
    load_text,
)

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
GOOD = "schema: 1\nlang: ja\nperson:\n  name: 山田 花子\nwork: []\n"


def only_error(exc: pytest.ExceptionInfo[RecordError]) -> Diagnostic:
    assert len(exc.value.diagnostics) == 1, exc.value.diagnostics
    return exc.value.diagnostics[0]


def fails(text: str) -> Diagnostic:
    with pytest.raises(RecordError) as exc:
        load_text(text, "r.yaml")
    return only_error(exc)


def fails_file(name: str) -> Diagnostic:
    with pytest.raises(RecordError) as exc:
        load_path(BAD / name)
    return only_error(exc)


def test_tree_keeps_text_and_positions() -> None:
    root, warnings = load_text(
        "a: 0901234\nb:\n  - 11.0\n  - {c: 2026-03-01, d: 'x'}\ne: >-\n  one\n  two\n"
    )
    assert warnings == []
    assert isinstance(root, Mapping)
    assert root.keys() == ["a", "b", "e"]
    a = root.items[0][1]
    assert isinstance(a, Scalar) and a.text == "0901234" and (a.line, a.column) == (1, 4)
    b = root.items[1][1]
    assert isinstance(b, Sequence)
    first, second = b.items
    assert (
        isinstance(first, Scalar) and first.text == "11.0" and (first.line, first.column) == (3, 5)
    )
    assert isinstance(second, Mapping) and (second.line, second.column) == (4, 5)
    c_key, c_val = second.items[0]
    assert (c_key.line, c_key.column) == (4, 6)
    assert isinstance(c_val, Scalar) and c_val.text == "2026-03-01"
    d_val = second.items[1][1]
    assert isinstance(d_val, Scalar) and not d_val.plain
    e_val = root.items[2][1]
    assert isinstance(e_val, Scalar) and e_val.text == "one two"


def test_null_scalars() -> None:
    root, _ = load_text("a:\nb: ~\nc: null\nd: ''\n")
    assert isinstance(root, Mapping)
    nulls = [v.is_null for _, v in root.items if isinstance(v, Scalar)]
    assert nulls == [True, True, True, False]


def test_crlf_and_cr_positions() -> None:
    root, _ = load_text("a: 1\r\nb: 2\rc: 3\r\n")
    assert isinstance(root, Mapping)
    assert [(k.text, k.line) for k, _ in root.items] == [("a", 1), ("b", 2), ("c", 3)]


def test_billion_laughs_refused_at_first_anchor() -> None:
    d = fails_file("billion-laughs.yaml")
    assert (d.line, d.column) == (1, 4)
    assert "anchors" in d.message


def test_alias_refused() -> None:
    d = fails("a: 1\nb: *x\n")
    assert (d.line, d.column) == (2, 4)
    assert "aliases" in d.message


def test_merge_key_refused() -> None:
    d = fails("a:\n  x: 1\nb:\n  <<: {x: 2}\n")
    assert (d.line, d.column) == (4, 3)
    assert "merge keys" in d.message


def test_python_tag_refused() -> None:
    d = fails_file("python-tag.yaml")
    assert (d.line, d.column) == (5, 7)
    assert "!!python/object/apply:os.system" in d.message


def test_any_tag_refused() -> None:
    d = fails("a: !!str 0901234\n")
    assert (d.line, d.column) == (1, 4)
    assert "quote the value" in d.message


def test_tab_indentation() -> None:
    d = fails_file("tab-indent.yaml")
    assert (d.line, d.column) == (6, 1)
    assert "tab" in d.message


def test_bad_indentation() -> None:
    d = fails("a:\n  - x\n - y\n")
    assert (d.line, d.column) == (3, 2)
    assert "indentation" in d.message


def test_colon_in_value() -> None:
    d = fails("a: b: c\n")
    assert (d.line, d.column) == (1, 5)
    assert "quote" in d.message


def test_unclosed_flow() -> None:
    d = fails("a: [1, 2\nb: 3\n")
    assert (d.line, d.column) == (1, 4)  # at the `[`, not where the parser gave up
    assert "never closed" in d.message


def test_duplicate_keys_all_reported() -> None:
    with pytest.raises(RecordError) as exc:
        load_text("a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\n", "r.yaml")
    got = [(d.line, d.column, d.message) for d in exc.value.diagnostics]
    assert got == [
        (3, 1, "duplicate key `a` (first written at line 1)"),
        (6, 3, "duplicate key `x` (first written at line 5)"),
    ]


def test_duplicate_key_fixture() -> None:
    d = fails_file("duplicate-key.yaml")
    assert (d.line, d.column) == (6, 1)


def test_deep_nesting() -> None:
    d = fails_file("deep.yaml")
    assert "nesting deeper than 20" in d.message
    assert d.line == 21


def test_twenty_levels_are_fine() -> None:
    text = "a: " + "[" * 19 + "1" + "]" * 19 + "\n"
    root, _ = load_text(text)
    assert isinstance(root, Mapping)


def test_two_documents() -> None:
    d = fails("a: 1\n---\nb: 2\n")
    assert (d.line, d.column) == (2, 1)
    assert "one YAML document" in d.message


@pytest.mark.parametrize("text", ["", "# nothing\n", "---\n", "\n\n", "~\n"])
def test_empty(text: str) -> None:
    d = fails(text)
    assert d.line == 0
    assert "empty" in d.message


def test_empty_file() -> None:
    d = fails_file("empty.yaml")
    assert "empty" in d.message


def test_binary() -> None:
    d = fails_file("binary.yaml")
    assert (d.line, d.column) == (2, 1)
    assert "binary" in d.message


def test_shift_jis() -> None:
    d = fails_file("shift-jis.yaml")
    assert (d.line, d.column) == (4, 9)
    assert "Shift_JIS" in d.message and "UTF-8" in d.message


def test_latin1_is_not_utf8(tmp_path: Path) -> None:
    p = tmp_path / "r.yaml"
    p.write_bytes(b"a: 1\nname: Ren\xe9e \xff\xfe\n")
    with pytest.raises(RecordError) as exc:
        load_path(p)
    d = only_error(exc)
    assert (d.line, d.column) == (2, 10)
    assert "not UTF-8" in d.message


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_bom_encodings(tmp_path: Path, codec: str) -> None:
    p = tmp_path / "r.yaml"
    data = GOOD.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    p.write_bytes(data)
    root, _ = load_path(p)
    assert isinstance(root, Mapping)
    assert root.items[0][0].text == "schema"
    assert (root.items[0][0].line, root.items[0][0].column) == (1, 1)


def test_size_checked_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.yaml"
    p.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    d = fails_file_at(p)
    assert "at most" in d.message


def fails_file_at(p: Path) -> Diagnostic:
    with pytest.raises(RecordError) as exc:
        load_path(p)
    return only_error(exc)


def test_missing_file(tmp_path: Path) -> None:
    d = fails_file_at(tmp_path / "nope.yaml")
    assert d.line == 0 and d.message == "file not found"


def test_folder(tmp_path: Path) -> None:
    d = fails_file_at(tmp_path)
    assert "folder" in d.message


def test_control_character_position() -> None:
    d = fails_file("control-char.yaml")
    assert (d.line, d.column) == (6, 12)
    assert "U+0007" in d.message


@pytest.mark.parametrize(
    ("char", "code"),
    [
        ("\x00", "U+0000"),
        ("\x1b", "U+001B"),
        ("\x7f", "U+007F"),
        ("\x85", "U+0085"),
        ("\ufffe", "U+FFFE"),
        ("\ud800", "U+D800"),
    ],
)
def test_forbidden_characters(char: str, code: str) -> None:
    d = fails(f"a: 1\nb: xy{char}z\n")
    assert (d.line, d.column) == (2, 6)
    assert code in d.message


def test_several_control_characters_reported_together() -> None:
    with pytest.raises(RecordError) as exc:
        load_text("a: \x01\nb: \x02\n")
    assert [(d.line, d.column) for d in exc.value.diagnostics] == [(1, 4), (2, 4)]


def test_vertical_tab_and_form_feed_become_line_breaks() -> None:
    root, warnings = load_path(BAD / "word-paste.yaml")
    assert isinstance(root, Mapping)
    value = dict((k.text, v) for k, v in root.items)["self_pr"]
    assert isinstance(value, Scalar) and value.text == "一行目\n二行目\n三行目"
    assert [(w.line, w.column, w.severity) for w in warnings] == [
        (6, 13, "warning"),
        (6, 17, "warning"),
    ]
    assert "vertical tab" in warnings[0].message
    assert "form feed" in warnings[1].message


def test_escaped_control_characters_checked_too() -> None:
    d = fails('a: 1\nb: "x\\ay"\n')
    assert (d.line, d.column) == (2, 4)
    assert "U+0007" in d.message
    root, warnings = load_text('b: "x\\vy"\n')
    assert isinstance(root, Mapping)
    value = root.items[0][1]
    assert isinstance(value, Scalar) and value.text == "x\ny"
    assert len(warnings) == 1 and warnings[0].severity == "warning"


def test_non_scalar_key() -> None:
    d = fails("? [a, b]\n: 1\n")
    assert "key must be plain text" in d.message


# ------------------------------------------------- a Japanese typist's slips

IDEOGRAPHIC_INDENT = "a full-width space (U+3000) is used for indentation; indent with ASCII spaces"
FULL_WIDTH_COLON = '「：」 is a full-width colon; write ": " (ASCII colon and a space) after a key'


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "person:\n\u3000name: 山田\n  email: a@b.jp\n",
            (2, 1),
            IDEOGRAPHIC_INDENT,
        ),
        (
            "work:\n  - employer: A\n\u3000\u3000\u3000title: x\n    start: 2020-04\n",
            (3, 1),
            IDEOGRAPHIC_INDENT,
        ),
        ("work:\n  -\u3000employer: A\n    start: 2020-04\n", (2, 4), IDEOGRAPHIC_INDENT),
        (
            "work:\n  - employer: A病院\n    title：助教\n    start: 2020-04\n",
            (3, 10),
            FULL_WIDTH_COLON,
        ),
        ("name: 山田\ntitle：助教", (2, 6), FULL_WIDTH_COLON),
        ("person:\n  name：山田\n  email: a\n", (2, 7), FULL_WIDTH_COLON),
        (
            "work:\n  - employer: A病院\n    title:助教\n    start: 2020-04\n",
            (3, 10),
            'a key needs a space after its colon: "title: 助教"',
        ),
        ("name: 山田\ntitle:助教\n", (2, 6), 'a key needs a space after its colon: "title: 助教"'),
    ],
    ids=[
        "ideographic-indent",
        "ideographic-indent-in-list",
        "ideographic-after-dash",
        "full-width-colon",
        "full-width-colon-at-end",
        "full-width-colon-then-key",
        "no-space-after-colon",
        "no-space-after-colon-at-end",
    ],
)
def test_slips_are_named_where_they_are(text: str, where: tuple[int, int], message: str) -> None:
    d = fails(text)
    assert ((d.line, d.column), d.message) == (where, message)


def test_slips_in_data_files_too() -> None:
    with pytest.raises(RecordError) as exc:
        load_text("reasons:\n  - id：a\n    text: b\n", "book.yaml", data_limits("phrasebook"))
    assert only_error(exc).message == FULL_WIDTH_COLON


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "metrics:\n  - value: 3\n    unit: %\n",
            (3, 11),
            'cannot start an unquoted value; write it in quotes: `unit: "%"`',
        ),
        ("units: [%, kg]\n", (1, 9), 'write it in quotes: `"%"`'),
        ("note: @home\n", (1, 7), 'write it in quotes: `note: "@home"`'),
    ],
)
def test_reserved_first_character_says_to_quote(
    text: str, where: tuple[int, int], message: str
) -> None:
    d = fails(text)
    assert (d.line, d.column) == where
    assert d.message.endswith(message)


def test_urls_and_times_are_not_slips() -> None:
    assert line_slip("  site: https://example.jp") is None
    assert line_slip("  - http://example.jp") is None
    assert line_slip("  note: 所属：救急科") is None
    assert line_slip("    title: 助教") is None
