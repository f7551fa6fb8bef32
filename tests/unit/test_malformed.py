"""Malformed records, each with the exact line, column and key path of every problem.

Each record below is written line by line so that the positions can be
counted by eye: ``L(…)`` joins its arguments as lines, and the comment after
a case names the line and column at fault. Columns are 1-based and counted in
characters (a kanji is one column), as editors show them.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from resumegen.errors import Diagnostic
from resumegen.record.validate import validate_path, validate_text


def L(*lines: str) -> str:
    return "\n".join(lines) + "\n"


HEAD = ("schema: 1", "lang: ja", "person:", "  name: 山田 花子")  # lines 1-4
POSITION = (  # lines 5-8 after HEAD
    "work:",
    "  - organization: 北病院",
    "    start: 2019-04",
    "    end: present",
)
METRIC = (*POSITION, "    achievements:", "      - summary: 改善", "        metrics:")  # 9-11

# (id, record text, [(line, column, path) of every error], words in the first message)
CASES: list[tuple[str, str, list[tuple[int, int, str]], str]] = [
    # ---- wrong types, at every depth
    (
        "person-is-a-list",
        L("schema: 1", "lang: ja", "person:", "  - 山田 花子", "work: []"),
        [(4, 3, "person")],
        "expected a map of keys, found a list",
    ),
    ("work-is-text", L(*HEAD, "work: 北病院"), [(5, 7, "work")], "expected a list, found `北病院`"),
    (
        "summary-is-a-map",
        L(*HEAD, "summary: {a: b}", "work: []"),
        [(5, 10, "summary")],
        "expected text, found a map",
    ),
    (
        "skill-item-is-a-map",
        L(*HEAD, "skills: [縫合, {b: c}]", "work: []"),
        [(5, 14, "skills[1]")],
        "expected text, found a map",
    ),
    (
        "duties-is-text",
        L(*HEAD, *POSITION, "    duties: 外来診療"),
        [(9, 13, "work[0].duties")],
        "expected a list",
    ),
    (
        "star-is-text",
        L(*HEAD, *POSITION, "    achievements:", "      - summary: 改善", "        star: 背景のみ"),
        [(11, 15, "work[0].achievements[0].star")],
        "expected a map of keys, found `背景のみ`",
    ),
    (
        "metric-value-is-a-list",
        L(*HEAD, *METRIC, "          - name: 件数", "            value: [1, 2]"),
        [(13, 20, "work[0].achievements[0].metrics[0].value")],
        "expected a number, found a list",
    ),
    (
        "flag-is-yes",
        L(*HEAD, *METRIC, "          - {name: 件数, value: 3, approx: yes}"),
        [(12, 42, "work[0].achievements[0].metrics[0].approx")],
        "expected true or false, found `yes`",
    ),
    (
        "schema-is-a-word",
        L("schema: one", "lang: ja", "person:", "  name: 山田", "work: []"),
        [(1, 9, "schema")],
        "schema must be a whole number",
    ),
    # ---- a bad date in each date field
    (
        "as_of-month-13",
        L("schema: 1", "lang: ja", "as_of: 2024-13", "person:", "  name: 山田", "work: []"),
        [(3, 8, "as_of")],
        "there is no month 13",
    ),
    (
        "birth_date-feb-30",
        L(*HEAD, "  birth_date: 1985年2月30日", "work: []"),
        [(5, 15, "person.birth_date")],
        "1985-02 has no day 30",
    ),
    (
        "education-date-heisei-32",
        L(*HEAD, "education:", "  - {date: 平成32年4月, school: 南高校, event: 入学}", "work: []"),
        [(6, 12, "education[0].date")],
        "not in the 平成 era",
    ),
    (
        "license-date-reiwa-1-april",
        L(*HEAD, "licenses:", "  - date: 令和元年4月", "    name: 医師免許", "work: []"),
        [(6, 11, "licenses[0].date")],
        "not in the 令和 era",
    ),
    (
        "start-month-0",
        L(*HEAD, "work:", "  - organization: 北病院", "    start: 2019-00", "    end: present"),
        [(7, 12, "work[0].start")],
        "there is no month 0",
    ),
    (
        "end-not-a-date",
        L(*HEAD, "work:", "  - organization: 北病院", "    start: 2019-04", "    end: someday"),
        [(8, 10, "work[0].end")],
        "(or present / 現在)",
    ),
    (
        "end-before-start",
        L(*HEAD, "work:", "  - organization: 北病院", "    start: 2019-04", "    end: 2019/3"),
        [(8, 5, "work[0].end")],
        "end 2019-03 is before start 2019-04",
    ),
    # ---- unknown keys, required keys
    (
        "unknown-top-key",
        L(*HEAD, "wrok: []"),
        [(5, 1, "wrok")],
        "did you mean `work`? (`work` is required)",
    ),
    (
        "unknown-key-in-star",
        L(*HEAD, *POSITION, "    achievements:", "      - summary: 改善", "        star:")
        + L("          situaton: 背景"),
        [(12, 11, "work[0].achievements[0].star.situaton")],
        "did you mean `situation`?",
    ),
    (
        "unknown-key-after-kanji-in-flow",
        L(*HEAD, *METRIC, "          - {name: 救急車受入件数, valeu: 3}"),
        [
            (12, 13, "work[0].achievements[0].metrics[0]"),
            (12, 29, "work[0].achievements[0].metrics[0].valeu"),
        ],
        "a metric needs `value`",
    ),
    (
        "missing-organization",
        L(*HEAD, "work:", "  - start: 2019-04", "    end: present"),
        [(6, 5, "work[0]")],
        "missing required key `organization`",
    ),
    (
        "empty-name",
        L("schema: 1", "lang: ja", "person:", "  name:", "work: []"),
        [(4, 3, "person.name")],
        "must not be empty",
    ),
    # ---- metric combinations
    (
        "metric-value-and-change",
        L(*HEAD, *METRIC, "          - name: 件数", "            value: 3", "            before: 2")
        + L("            after: 1", "            better: lower"),
        [(12, 13, "work[0].achievements[0].metrics[0]")],
        "either `value` (a level) or `before` and `after`",
    ),
    (
        "metric-before-alone",
        L(*HEAD, *METRIC, "          - name: 件数", "            before: 2"),
        [(13, 13, "work[0].achievements[0].metrics[0].before")],
        "`before` needs `after` too",
    ),
    (
        "metric-change-without-better",
        L(*HEAD, *METRIC, "          - {name: 件数, before: 2, after: 1}"),
        [(12, 13, "work[0].achievements[0].metrics[0]")],
        "`better: higher` or `better: lower` is required",
    ),
    (
        "metric-better-up",
        L(*HEAD, *METRIC, "          - {name: 件数, before: 2, after: 1, better: up}"),
        [(12, 53, "work[0].achievements[0].metrics[0].better")],
        "`up` is not a valid better",
    ),
    (
        "metric-percent-in-value",
        L(*HEAD, *METRIC, "          - {name: 率, value: 12%}"),
        [(12, 30, "work[0].achievements[0].metrics[0].value")],
        "put `%` in `unit`",
    ),
    (
        "metric-thousands-separator",
        L(*HEAD, *METRIC, "          - name: 件数", '            value: "1,800"'),
        [(13, 20, "work[0].achievements[0].metrics[0].value")],
        "write numbers without separators: `1800`",
    ),
    (
        "metric-scale-0",
        L(*HEAD, *METRIC, "          - {name: 満足度, value: 3, scale: 0}"),
        [(12, 35, "work[0].achievements[0].metrics[0].scale")],
        "scale must be greater than 0",
    ),
    # ---- targets
    (
        "duplicate-target-ids",
        L(*HEAD, "work: []", "targets:", "  - id: msl", "  - id: mr", "  - id: msl"),
        [(9, 5, "targets[2].id")],
        "duplicate target id `msl` (first at line 7)",
    ),
    # ---- tabs and indentation
    (
        "tab-indents-a-key",
        L(*HEAD, "work:", "  - organization: 北病院", "\tstart: 2019-04"),
        [(7, 1, "")],
        "a tab character cannot indent YAML",
    ),
    (
        "key-indented-less",
        L("schema: 1", "lang: ja", "person:", "    name: 山田", "  phone: 1", "work: []"),
        [(5, 3, "")],
        "bad indentation",
    ),
    (
        "key-indented-less-in-list-item",
        L(*HEAD, "work:", "  - organization: 北病院", "    start: 2019-04", "   end: present"),
        [(8, 4, "")],
        "bad indentation",
    ),
    (
        "key-indented-more",
        L("schema: 1", "lang: ja", "person:", "  name: 山田", "   phone: 1", "work: []"),
        [(5, 9, "")],
        "check the indentation",
    ),
    # ---- quotes and brackets
    (
        "unclosed-double-quote",
        L("schema: 1", "lang: ja", "person:", '  name: "山田 花子', "work: []"),
        [(4, 9, "")],
        'this `"` opens a quoted value that is never closed',
    ),
    (
        "unclosed-single-quote",
        L("schema: 1", "lang: ja", "person:", "  name: '山田 花子", "work: []"),
        [(4, 9, "")],
        "this `'` opens a quoted value that is never closed",
    ),
    (
        "unclosed-bracket",
        L(*HEAD, "skills: [縫合, 気管挿管", "work: []"),
        [(5, 9, "")],
        "this `[` is never closed",
    ),
    (
        "unclosed-bracket-at-end-of-file",
        L(*HEAD, "work: []", "memberships: [日本救急医学会,", "  日本外傷学会"),
        [(6, 14, "")],
        "this `[` is never closed",
    ),
    (
        "unclosed-brace",
        L("schema: 1", "lang: ja", "person: {name: 山田", "work: []"),
        [(3, 9, "")],
        "this `{` is never closed",
    ),
    (
        "text-after-closing-quote",
        L("schema: 1", "lang: ja", "person:", '  name: "山田" 花子', "work: []"),
        [(4, 14, "")],
        "text after a closing quote",
    ),
    (
        "text-after-closing-bracket",
        L(*HEAD, "work:", "  - organization: 北病院", "    title: [非常勤] 外来担当"),
        [(7, 18, "")],
        "text after a closing `]`",
    ),
    # ---- duplicate keys, anchors, tags, documents
    (
        "duplicate-key-in-list-item",
        L(*HEAD, "work:", "  - organization: 北病院", "    start: 2019-04", "    start: 2020-04")
        + L("    end: present"),
        [(8, 5, "work[0].start")],
        "duplicate key `start` (first written at line 7)",
    ),
    (
        "duplicate-key-in-flow-map",
        L("schema: 1", "lang: ja", "person: {name: 山田, phone: 1, name: 佐藤}", "work: []"),
        [(3, 30, "person.name")],
        "duplicate key `name` (first written at line 3)",
    ),
    (
        "anchor-on-a-list-item",
        L(*HEAD, "work:", "  - &first {organization: 北病院, start: 2019-04, end: present}"),
        [(6, 5, "work[0]")],
        "anchors (&name) and aliases (*name) are not allowed",
    ),
    (
        "tag-on-a-phone-number",
        L(*HEAD, "  phone: !!str 0901234", "work: []"),
        [(5, 10, "person.phone")],
        "YAML tags such as `!!str` are not allowed",
    ),
    (
        "second-document",
        L(*HEAD, "work: []", "---", "schema: 1"),
        [(6, 1, "")],
        "a record file holds one YAML document",
    ),
    # ---- characters
    (
        "control-character-in-a-name",
        L("schema: 1", "lang: ja", "person:", "  name: 山田\x07花子", "work: []"),
        [(4, 11, "person.name")],
        "control character U+0007 is not allowed",
    ),
    (
        "control-character-by-escape",
        L("schema: 1", "lang: ja", "person:", '  name: "山田\\a花子"', "work: []"),
        [(4, 9, "person.name")],
        "control character U+0007 is not allowed",
    ),
    (
        "control-characters-in-a-comment-and-a-list",
        L("# メモ\x01", *HEAD[:3], "  name: 山田", "skills:", "  - 縫合\x1b", "work: []"),
        [(1, 5, ""), (7, 7, "skills[0]")],
        "control character U+0001 is not allowed",
    ),
    # ---- positions survive what comes before
    (
        "crlf-line-ends",
        L("schema: 1", "lang: jp", "person:", "  name: 山田", "work: []").replace("\n", "\r\n"),
        [(2, 7, "lang")],
        "`jp` is not a valid lang",
    ),
    (
        "after-a-block-scalar-with-blank-lines",
        L(*HEAD, "self_pr: |", "  一行目", "", "  三行目", "work: x"),
        [(9, 7, "work")],
        "expected a list, found `x`",
    ),
]


def _found(diags: list[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.path) for d in diags]


@pytest.mark.parametrize(
    ("text", "where", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_malformed_record(text: str, where: list[tuple[int, int, str]], words: str) -> None:
    errors, _ = validate_text(text, "r.yaml")
    assert _found(errors) == where, [d.format() for d in errors]
    assert words in errors[0].message


def test_enough_cases() -> None:
    assert len(CASES) >= 20
    assert len({c[0] for c in CASES}) == len(CASES)


def test_vertical_tab_warns_at_its_key() -> None:
    text = L(*HEAD, "summary: 一行目\x0b二行目", "work: []")
    errors, warnings = validate_text(text, "r.yaml")
    assert errors == []
    assert _found(warnings) == [(5, 13, "summary")]
    assert "vertical tab (U+000B) turned into a line break" in warnings[0].message


# ---- encodings, read from files as a user saves them

BAD_LANG = L("schema: 1", "lang: jp", "person:", "  name: 山田 花子", "work: []")


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_bom_files_keep_positions(tmp_path: Path, codec: str, bom: bytes) -> None:
    good = tmp_path / "good.yaml"
    good.write_bytes(bom + BAD_LANG.replace("lang: jp", "lang: ja").encode(codec))
    assert validate_path(good) == ([], [])
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(bom + BAD_LANG.encode(codec))
    errors, _ = validate_path(bad)
    assert _found(errors) == [(2, 7, "lang")]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_named(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(BAD_LANG.encode(codec))
    errors, _ = validate_path(path)
    assert _found(errors) == [(0, 0, "")]
    assert "UTF-16 without a byte-order mark; save it as UTF-8" in errors[0].message


def test_binary_file_is_not_taken_for_utf16(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    errors, _ = validate_path(path)
    assert _found(errors) == [(3, 1, "")]  # the first NUL, after two line ends
    assert "binary file" in errors[0].message


def test_shift_jis_points_at_the_first_kanji(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(BAD_LANG.replace("jp", "ja").encode("cp932"))
    errors, _ = validate_path(path)
    assert _found(errors) == [(4, 9, "")]
    assert "Shift_JIS" in errors[0].message and "save it as UTF-8" in errors[0].message


def test_a_tab_after_a_colon_is_accepted() -> None:
    """YAML allows a tab as separation after `key:`; libyaml reads it so, and so do we."""
    from resumegen.record.validate import load_record_text

    rec = load_record_text("schema: 1\nlang: ja\nperson:\n  name:\t山田\nwork: []\n", "t.yaml")
    assert rec.person.name == "山田"
