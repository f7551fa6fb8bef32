"""Validation into the model: every rule, with exact positions."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumegen.errors import Diagnostic, RecordError
from resumegen.record.model import PartialDate, Record
from resumegen.record.validate import (
    load_record,
    load_record_text,
    validate_path,
    validate_text,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
BAD = ROOT / "tests" / "fixtures" / "bad"

HEAD = "schema: 1\nlang: ja\nperson:\n  name: 山田 花子\n"  # lines 1-4
WORK = (
    "work:\n"  # 5
    "  - organization: 病院\n"  # 6
    "    start: 2020-04\n"  # 7
    "    end: present\n"  # 8
    "    achievements:\n"  # 9
    "      - summary: 改善\n"  # 10
    "        metrics:\n"  # 11
)


def errors_of(text: str) -> list[tuple[int, int, str, str]]:
    errors, _ = validate_text(text, "r.yaml")
    return [(d.line, d.column, d.path, d.message) for d in errors]


def one_error(text: str) -> tuple[int, int, str, str]:
    errs = errors_of(text)
    assert len(errs) == 1, errs
    return errs[0]


def metric(*lines: str) -> str:
    """A record whose only metric (at line 12) is made of *lines*."""
    body = "          - " + "\n            ".join(lines) + "\n"
    return HEAD + WORK + body


# ------------------------------------------------------------------ samples


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_load(path: Path) -> None:
    record = load_record(path)
    assert isinstance(record, Record)
    assert record.source == str(path)
    assert record.warnings == ()
    assert record.positions["person"][0] > 0
    errors, warnings = validate_path(path)
    assert errors == [] and warnings == []


def test_sample_values(physician_ja: Path) -> None:
    r = load_record(physician_ja)
    assert r.lang == "ja" and r.profile == "physician"
    assert r.as_of == PartialDate(2026, 1, 15)
    assert r.person.birth_date == PartialDate(1984, 6, 15)
    assert r.person.postal_code == "160-0023"
    current = r.work[1]
    assert current.current and current.start == PartialDate(2011, 4)
    m = current.achievements[1].metrics[1]
    assert (m.before, m.after, m.scale, m.better) == (
        Decimal("3.4"),
        Decimal("4.6"),
        Decimal("5"),
        "higher",
    )
    assert r.desired["start"] == "2026-04"
    assert list(r.desired) == [
        "salary",
        "duty_nights",
        "days_per_week",
        "location",
        "start",
        "notes",
    ]
    assert r.summary is not None and r.summary.startswith("救急科専門医") and "\n" not in r.summary
    assert r.targets[0].emphasis == ("management", "education")


def test_positions_cover_every_key_and_item(physician_ja: Path) -> None:
    r = load_record(physician_ja)
    assert r.positions["work"] == (41, 1)
    assert r.positions["work[1]"] == (51, 5)
    assert r.positions["work[1].achievements[0].metrics[1]"] == (67, 13)
    assert r.positions["work[1].achievements[0].metrics[1].before"] == (67, 31)
    assert r.positions["education[5].degree"] == (30, 62)
    assert r.positions["desired.start"] == (106, 3)
    assert r.where("work[1].achievements[0].metrics[1].nothing") == (67, 13)


def test_english_sample(specialist_en: Path) -> None:
    r = load_record(specialist_en)
    assert r.person.phone == "+44 7700 900123"
    assert r.person.links == ("https://www.linkedin.com/in/example-okafor",)
    assert r.desired == {"salary": "GBP 65,000", "oncall": "none", "start": "2026-06"}


# ------------------------------------------------------------------ scalars kept as typed


def test_numbers_keep_their_text() -> None:
    r = load_record_text(metric("{name: a, before: 11.0, after: 14.20, unit: '%', better: higher}"))
    m = r.work[0].achievements[0].metrics[0]
    assert str(m.before) == "11.0" and str(m.after) == "14.20"


def test_text_fields_keep_number_like_text() -> None:
    r = load_record_text(
        "schema: 1\nlang: ja\nperson:\n  name: 山田\n  phone: 0901234\n  postal_code: 1600023\n"
        "work: []\ndesired:\n  start: 2026-06-01\n  days: 4.50\n  remote: true\n"
    )
    assert r.person.phone == "0901234"
    assert r.person.postal_code == "1600023"
    assert r.desired == {"start": "2026-06-01", "days": "4.50", "remote": "true"}


def test_text_is_stripped_and_folded_text_kept() -> None:
    r = load_record_text(
        HEAD + "work: []\nsummary: '  前後に空白  '\nself_pr: |\n  一行目\n  二行目\n"
    )
    assert r.summary == "前後に空白"
    assert r.self_pr == "一行目\n二行目"


@pytest.mark.parametrize("word", ["present", "現在", "Present", "現職"])
def test_end_present(word: str) -> None:
    r = load_record_text(HEAD + WORK.replace("present", word).split("    achievements")[0])
    assert r.work[0].end is None and r.work[0].current


def test_dates_in_other_forms() -> None:
    r = load_record_text(
        HEAD.replace("\n  name", "\n  birth_date: 昭和59年6月15日\n  name")
        + "work:\n  - {organization: X, start: 平成31年4月, end: 令和3年3月}\n"
    )
    assert r.person.birth_date == PartialDate(1984, 6, 15)
    assert r.work[0].start == PartialDate(2019, 4)
    assert r.work[0].end == PartialDate(2021, 3)


def test_defaults() -> None:
    r = load_record_text(HEAD + "work: []\n")
    assert r.profile == "general"
    assert r.options.era == "seireki" and r.options.order == "reverse" and r.options.photo
    assert r.work == () and r.desired == {}


def test_options_and_booleans() -> None:
    r = load_record_text(
        HEAD + "work: []\noptions: {era: wareki, order: chronological, photo: false}\n"
    )
    assert (r.options.era, r.options.order, r.options.photo) == ("wareki", "chronological", False)


def test_empty_lists() -> None:
    r = load_record_text(HEAD + "work:\nskills:\n")
    assert r.work == () and r.skills == ()


# ------------------------------------------------------------------ rejections


def test_unknown_key_did_you_mean() -> None:
    assert one_error("schema: 1\nlang: ja\nperson: {name: A}\nwork: []\nwrok: []\n") == (
        5,
        1,
        "wrok",
        "unknown key `wrok`; did you mean `work`?",
    )


def test_unknown_key_without_suggestion() -> None:
    line, col, path, message = one_error(HEAD + "work: []\nzzzzqq: 1\n")
    assert (line, col, path, message) == (6, 1, "zzzzqq", "unknown key `zzzzqq`")


def test_unknown_key_and_missing_metric_value() -> None:
    errs = errors_of(metric("{name: a, valeu: 3}"))
    assert errs == [
        (
            12,
            13,
            "work[0].achievements[0].metrics[0]",
            "a metric needs `value`, or `before` and `after`",
        ),
        (
            12,
            23,
            "work[0].achievements[0].metrics[0].valeu",
            "unknown key `valeu`; did you mean `value`?",
        ),
    ]


def test_schema_2() -> None:
    assert one_error(HEAD.replace("schema: 1", "schema: 2") + "work: []\n") == (
        1,
        9,
        "schema",
        "schema 2 is not supported; this version reads schema 1",
    )


def test_schema_not_a_number() -> None:
    line, col, path, message = one_error(HEAD.replace("schema: 1", "schema: one") + "work: []\n")
    assert (line, col, path) == (1, 9, "schema") and "whole number" in message


def test_lang() -> None:
    assert one_error(HEAD.replace("lang: ja", "lang: JA") + "work: []\n") == (
        2,
        7,
        "lang",
        "`JA` is not a valid lang; use ja or en; did you mean `ja`?",
    )


def test_profile() -> None:
    line, col, path, message = one_error(HEAD + "work: []\nprofile: doctor\n")
    assert (line, col, path) == (6, 10, "profile")
    assert "physician, clinical-specialist, general" in message


def test_work_is_a_string() -> None:
    assert one_error(HEAD + "work: 病院\n") == (5, 7, "work", "expected a list, found `病院`")


def test_person_is_a_list() -> None:
    assert one_error("schema: 1\nlang: ja\nperson:\n  - 山田\nwork: []\n") == (
        4,
        3,
        "person",
        "expected a map of keys, found a list",
    )


def test_text_field_given_a_map() -> None:
    assert one_error(HEAD + "work: []\nsummary: {a: 1}\n") == (
        6,
        10,
        "summary",
        "expected text, found a map",
    )


def test_root_is_a_list() -> None:
    errs = errors_of("- a\n- b\n")
    assert errs == [
        (1, 1, "", "a record is a map of keys (schema:, lang:, person: …), found a list")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lang: ja\nperson: {name: A}\nwork: []\n", (1, 1, "", "missing required key `schema`")),
        ("schema: 1\nperson: {name: A}\nwork: []\n", (1, 1, "", "missing required key `lang`")),
        ("schema: 1\nlang: ja\nwork: []\n", (1, 1, "", "missing required key `person`")),
        ("schema: 1\nlang: ja\nperson: {name: A}\n", (1, 1, "", "missing required key `work`")),
        (
            "schema: 1\nlang: ja\nperson: {phone: 1}\nwork: []\n",
            (3, 1, "person", "missing required key `name`"),
        ),
        (
            "schema: 1\nlang: ja\nperson: {name: ''}\nwork: []\n",
            (3, 10, "person.name", "must not be empty"),
        ),
        (
            "schema: 1\nlang: ja\nperson:\n  name:\nwork: []\n",
            (4, 3, "person.name", "must not be empty"),
        ),
    ],
)
def test_missing_required_top(text: str, expected: tuple[int, int, str, str]) -> None:
    assert one_error(text) == expected


@pytest.mark.parametrize(
    ("item", "key"),
    [
        ("{start: 2020-04, end: present}", "organization"),
        ("{organization: X, end: present}", "start"),
        ("{organization: X, start: 2020-04}", "end"),
    ],
)
def test_position_required(item: str, key: str) -> None:
    assert one_error(HEAD + f"work:\n  - {item}\n") == (
        6,
        5,
        "work[0]",
        f"missing required key `{key}`",
    )


@pytest.mark.parametrize(
    ("section", "item", "key"),
    [
        ("education", "{school: S, event: 入学}", "date"),
        ("education", "{date: 2000-04, event: 入学}", "school"),
        ("education", "{date: 2000-04, school: S}", "event"),
        ("licenses", "{name: 医師免許}", "date"),
        ("licenses", "{date: 2009-05}", "name"),
        ("targets", "{employer: E}", "id"),
    ],
)
def test_list_item_required(section: str, item: str, key: str) -> None:
    assert one_error(HEAD + f"work: []\n{section}:\n  - {item}\n") == (
        7,
        5,
        f"{section}[0]",
        f"missing required key `{key}`",
    )


def test_achievement_and_metric_required() -> None:
    errs = errors_of(HEAD + WORK.replace("summary: 改善", "tags: [a]") + "          - {value: 3}\n")
    assert errs == [
        (10, 9, "work[0].achievements[0]", "missing required key `summary`"),
        (12, 13, "work[0].achievements[0].metrics[0]", "missing required key `name`"),
    ]


def test_change_needs_after() -> None:
    assert one_error(metric("{name: a, before: 1, better: lower}")) == (
        12,
        23,
        "work[0].achievements[0].metrics[0].before",
        "`before` needs `after` too",
    )


def test_change_needs_before() -> None:
    assert one_error(metric("{name: a, after: 1, better: lower}")) == (
        12,
        23,
        "work[0].achievements[0].metrics[0].after",
        "`after` needs `before` too",
    )


def test_value_and_change_together() -> None:
    line, col, path, message = one_error(
        metric("{name: a, value: 2, before: 1, after: 3, better: higher}")
    )
    assert (line, col, path) == (12, 13, "work[0].achievements[0].metrics[0]")
    assert "not both" in message


def test_change_needs_better() -> None:
    assert one_error(metric("{name: a, before: 1, after: 3}")) == (
        12,
        13,
        "work[0].achievements[0].metrics[0]",
        "`better: higher` or `better: lower` is required for a change",
    )


def test_better_value() -> None:
    line, col, path, message = one_error(metric("{name: a, before: 1, after: 3, better: up}"))
    assert (line, col, path) == (12, 52, "work[0].achievements[0].metrics[0].better")
    assert "higher or lower" in message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "expected a number, found `abc`"),
        ("'1,800'", "write numbers without separators: `1800`"),
        ("1_800", "write numbers without separators: `1800`"),
        ("92%", "write the number alone and put `%` in `unit`"),
        (".nan", "expected a number, found `.nan`"),
    ],
)
def test_non_numeric(value: str, message: str) -> None:
    assert one_error(metric("name: a", f"value: {value}")) == (
        13,
        20,
        "work[0].achievements[0].metrics[0].value",
        message,
    )


def test_full_width_number_accepted() -> None:
    r = load_record_text(metric("{name: a, value: １２.５}"))
    assert r.work[0].achievements[0].metrics[0].value == Decimal("12.5")


def test_scale_must_be_positive() -> None:
    line, col, path, message = one_error(metric("{name: a, value: 3, scale: 0}"))
    assert (line, col, path) == (12, 33, "work[0].achievements[0].metrics[0].scale")
    assert "greater than 0" in message


def test_bad_before_and_bad_after_both_reported() -> None:
    errs = errors_of(metric("name: a", "before: x", "after: y", "better: lower"))
    assert [(e[0], e[1], e[2]) for e in errs] == [
        (13, 21, "work[0].achievements[0].metrics[0].before"),
        (14, 20, "work[0].achievements[0].metrics[0].after"),
    ]


def test_role() -> None:
    line, col, path, message = one_error(
        HEAD
        + WORK.replace("summary: 改善", "summary: 改善\n        role: leader").replace(
            "        metrics:\n", ""
        )
    )
    assert (line, col, path) == (11, 15, "work[0].achievements[0].role")
    assert message == "`leader` is not a valid role; use lead or member; did you mean `lead`?"


def test_booleans() -> None:
    line, col, path, message = one_error(metric("{name: a, value: 1, approx: yes}"))
    assert (line, col, path) == (12, 41, "work[0].achievements[0].metrics[0].approx")
    assert message == "expected true or false, found `yes`"


def test_options_values() -> None:
    errs = errors_of(HEAD + "work: []\noptions:\n  era: heisei\n  order: newest\n  photo: maybe\n")
    assert [(e[0], e[1], e[2]) for e in errs] == [
        (7, 8, "options.era"),
        (8, 10, "options.order"),
        (9, 10, "options.photo"),
    ]


def test_duplicate_target_ids() -> None:
    assert one_error(HEAD + "work: []\ntargets:\n  - id: a\n  - id: b\n  - id: a\n") == (
        9,
        5,
        "targets[2].id",
        "duplicate target id `a` (first at line 7)",
    )


def test_end_before_start() -> None:
    assert one_error(HEAD + "work:\n  - {organization: X, start: 2020-04, end: 2019-03}\n") == (
        6,
        39,
        "work[0].end",
        "end 2019-03 is before start 2020-04",
    )


def test_same_month_start_and_end_is_fine() -> None:
    r = load_record_text(HEAD + "work:\n  - {organization: X, start: 2020-04, end: 2020-04}\n")
    assert r.work[0].end == PartialDate(2020, 4)


def test_bad_date() -> None:
    line, col, path, message = one_error(
        HEAD + "work:\n  - {organization: X, start: 令和元年4月, end: present}\n"
    )
    assert (line, col, path) == (6, 30, "work[0].start")
    assert "令和" in message


def test_bad_end_date_mentions_present() -> None:
    line, col, path, message = one_error(
        HEAD + "work:\n  - {organization: X, start: 2019-04, end: now-ish}\n"
    )
    assert (line, col, path) == (6, 44, "work[0].end")
    assert "present" in message


def test_desired_must_hold_text() -> None:
    assert one_error(HEAD + "work: []\ndesired:\n  salary: [1, 2]\n") == (
        7,
        11,
        "desired.salary",
        "expected text, found a list",
    )


def test_text_list_items() -> None:
    assert errors_of(HEAD + "work: []\nskills:\n  - a\n  - {b: 1}\n  -\n") == [
        (8, 5, "skills[1]", "expected text, found a map"),
        (9, 4, "skills[2]", "empty list item"),
    ]


def test_text_list_empty_item() -> None:
    errs = errors_of(HEAD + "work: []\nskills:\n  - a\n  -\n")
    assert [(e[2], e[3]) for e in errs] == [("skills[1]", "empty list item")]


def test_many_errors_sorted_by_line() -> None:
    errors, _ = validate_path(BAD / "many-errors.yaml")
    got = [(d.line, d.column, d.path) for d in errors]
    assert got == [
        (1, 9, "schema"),
        (2, 7, "lang"),
        (3, 10, "profile"),
        (4, 1, "person"),
        (9, 5, "work[0].end"),
        (14, 13, "work[0].achievements[0].metrics[0].before"),
        (16, 20, "work[0].achievements[0].metrics[1].value"),
        (18, 8, "options.era"),
    ]
    assert got == sorted(got)
    with pytest.raises(RecordError) as exc:
        load_record(BAD / "many-errors.yaml")
    assert len(exc.value.diagnostics) == len(errors)
    assert str(exc.value).splitlines()[0] == (
        f"{BAD / 'many-errors.yaml'}:1:9: schema: schema 2 is not supported; this version reads schema 1"
    )


def test_unknown_keys_fixture() -> None:
    errors, _ = validate_path(BAD / "unknown-key.yaml")
    assert [d.message for d in errors] == [
        "unknown key `emial`; did you mean `email`?",
        "unknown key `wrok`; did you mean `work`? (`work` is required)",
    ]


def test_validate_path_missing_file(tmp_path: Path) -> None:
    errors, warnings = validate_path(tmp_path / "none.yaml")
    assert warnings == []
    assert [(d.line, d.message) for d in errors] == [(0, "file not found")]


@pytest.mark.parametrize(
    "name", sorted(p.name for p in BAD.iterdir() if p.name != "word-paste.yaml")
)
def test_every_bad_fixture_fails_cleanly(name: str) -> None:
    errors, _ = validate_path(BAD / name)
    assert errors and all(isinstance(d, Diagnostic) for d in errors)
    with pytest.raises(RecordError):
        load_record(BAD / name)


def test_warnings_reach_the_record() -> None:
    r = load_record(BAD / "word-paste.yaml")
    assert r.self_pr == "一行目\n二行目\n三行目"
    assert [(w.line, w.column) for w in r.warnings] == [(6, 13), (6, 17)]
    errors, warnings = validate_path(BAD / "word-paste.yaml")
    assert errors == [] and len(warnings) == 2


def test_warnings_kept_beside_errors() -> None:
    errors, warnings = validate_text(HEAD + "work: 1\nsummary: a\x0bb\n")
    assert len(errors) == 1 and len(warnings) == 1


# ------------------------------------------------------------------ arbitrary text


_CLEANING_FORBIDDEN = set(range(0x00, 0x09)) | {0x0E, 0x0F} | set(range(0x10, 0x20))
_CLEANING_FORBIDDEN |= set(range(0x7F, 0xA0)) | {0xFFFE, 0xFFFF}


def _expected(text: str) -> str | None:
    for ch in ("\r\n", "\r", "\x0b", "\x0c"):
        text = text.replace(ch, "\n")
    return text.strip() or None


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40), quoted=st.booleans())
def test_arbitrary_text_in_a_string_field(text: str, quoted: bool) -> None:
    """Any text either comes back cleaned and unchanged, or fails at a position."""
    value = json.dumps(text, ensure_ascii=False) if quoted else json.dumps(text)
    src = HEAD + f"work: []\nself_pr: {value}\n"
    try:
        record = load_record_text(src, "r.yaml")
    except RecordError as exc:
        assert all(d.line > 0 and d.column > 0 for d in exc.diagnostics), exc.diagnostics
        assert any(ord(c) in _CLEANING_FORBIDDEN or 0xD800 <= ord(c) <= 0xDFFF for c in text)
        return
    assert record.self_pr == _expected(text)


def test_wareki_warns_about_months_that_span_two_eras() -> None:
    text = HEAD.replace("\n  name", "\n  birth_date: 1989-01\n  name") + "work: []\n"
    errors, warnings = validate_text(text + "options: {era: wareki}\n", "r.yaml")
    assert errors == []
    assert [(w.line, w.column, w.path, w.severity) for w in warnings] == [
        (4, 15, "person.birth_date", "warning")
    ]
    assert "昭和64年1月" in warnings[0].message
    assert validate_text(text, "r.yaml") == ([], [])  # 西暦 has no such problem
    exact = text.replace("1989-01", "1989-01-08") + "options: {era: wareki}\n"
    assert validate_text(exact, "r.yaml") == ([], [])


# ------------------------------------------------- slips that parse as keys


def test_key_indented_with_ideographic_space() -> None:
    line, col, path, message = one_error(HEAD + "work: []\n\u3000summary: 救急医\n")
    assert (line, col, path) == (6, 1, "\u3000summary")
    assert message.endswith(
        "; a full-width space (U+3000) is used for indentation; indent with ASCII spaces"
    )


def test_key_with_full_width_colon_in_a_flow_map() -> None:
    text = HEAD + "work: []\neducation:\n  - {date: 2000-04, event: 入学, school：南高校}\n"
    line, col, _, message = one_error(text)
    assert (line, col) == (7, 38)
    assert message == (
        'unknown key `school：南高校`; 「：」 is a full-width colon; write ": " '
        "(ASCII colon and a space) after a key"
    )


def test_list_item_without_space_after_colon() -> None:
    line, col, _, message = one_error(HEAD + "work:\n  - organization:病院\n")
    assert (line, col) == (6, 17)
    assert message == 'a key needs a space after its colon: "organization: 病院"'


def test_misspelt_required_key_is_one_error() -> None:
    text = "schema: 1\nlang: ja\nperson:\n  nmae: 山田 花子\nwork: []\n"
    assert one_error(text) == (
        4,
        3,
        "person.nmae",
        "unknown key `nmae`; did you mean `name`? (`name` is required)",
    )


def test_end_date_attempt_has_no_present_tail() -> None:
    text = HEAD + "work:\n  - organization: 病院\n    start: 2020-04\n    end: 令和2年13月\n"
    assert one_error(text)[3] == "`令和2年13月`: there is no month 13"
    text = text.replace("令和2年13月", "someday")
    assert one_error(text)[3].endswith("(or present / 現在)")
