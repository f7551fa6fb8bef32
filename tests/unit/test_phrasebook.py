"""Phrasebook files: loading, validation with positions, layering, bundled data quality."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumegen.enrich.normalize import fold, fold_with_spans, trigger_pattern
from resumegen.enrich.phrasebook import (
    CATEGORIES,
    bundled_phrasebook,
    leaking_triggers,
    load_phrasebook_file,
    load_phrasebooks,
    trigger_clashes,
)
from resumegen.errors import RecordError, UsageError
from resumegen.record.model import PROFILES
from resumegen.resources import bundled

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "phrasebooks"
LANGS = ("ja", "en")


def _messages(exc: RecordError) -> list[str]:
    return [d.format() for d in exc.diagnostics]


# ---------------------------------------------------------------- bundled data


@pytest.mark.parametrize("lang", LANGS)
def test_every_bundled_file_validates(lang: str) -> None:
    files = sorted((bundled("phrasebooks") / lang).glob("leaving*.yaml"))
    assert files, "no bundled phrasebook files"
    for f in files:
        assert load_phrasebook_file(f, lang), f"{f} has no entries"


@pytest.mark.parametrize("lang", LANGS)
def test_bundled_coverage(lang: str) -> None:
    book = bundled_phrasebook(lang)
    assert len(book.entries) >= 40
    for category in CATEGORIES:
        assert sum(e.category == category for e in book.entries) >= 5, category
    for profile in PROFILES:
        specific = [e for e in book.entries if profile in e.profiles]
        assert specific or profile == "general", f"no entry written for {profile}"
        assert sum(e.applies_to(profile) for e in book.entries) >= 35
    assert all(e.short and e.long for e in book.entries)


@pytest.mark.parametrize("lang", LANGS)
def test_no_bundled_phrasing_repeats_any_trigger(lang: str) -> None:
    book = bundled_phrasebook(lang)
    assert leaking_triggers(book) == []
    assert trigger_clashes(book.entries, lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_bundled_book_is_parsed_once(lang: str) -> None:
    assert load_phrasebooks(lang) is load_phrasebooks(lang)


def test_issue_reasons_are_covered() -> None:
    ja = bundled_phrasebook("ja")
    ids = {e.id for e in ja.entries}
    for wanted in (
        "night_duty",
        "on_call",
        "long_hours",
        "low_pay",
        "side_job_dependency",
        "research_interest",
        "ikyoku_rotation",
        "ikyoku_transfer",
        "professor_conflict",
        "boss_conflict",
        "case_volume",
        "chores",
        "career_ceiling",
        "sales_quota_cs",
        "unclear_evaluation",
        "travel_weekends_cs",
        "no_growth",
        "org_future",
    ):
        assert wanted in ids, wanted
    en_ids = {e.id for e in bundled_phrasebook("en").entries}
    for wanted in (
        "burnout",
        "on_call",
        "low_pay",
        "credit_taken",
        "no_growth",
        "layoff",
        "poor_leadership",
        "commute",
        "reorganisation",
        "no_autonomy",
        "sales_quota",
        "travel_weekends",
    ):
        assert wanted in en_ids, wanted


# ------------------------------------------------------------------ validation


def test_bad_file_reports_every_problem_with_position() -> None:
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(FIX / "bad.yaml", "ja")
    text = "\n".join(_messages(info.value))
    name = str(FIX / "bad.yaml")
    assert (
        f"{name}:6:5: entries[0].trigers: unknown key `trigers`; did you mean `triggers`?" in text
    )
    assert f"{name}:11:15: entries[1].category: must be one of" in text
    assert "did you mean `conditions`?" in text
    assert f"{name}:12:15: entries[1].triggers: is empty" in text
    assert (
        f"{name}:18:16: entries[2].profiles[0]: unknown profile `physican`; did you mean `physician`?"
        in text
    )
    assert "entries[2].positive: missing `long`" in text
    assert "unknown slot `{employr}`; did you mean `employer`?" in text
    assert f"{name}:27:11: entries[3].positive.short: the last phrasing must use no slot" in text
    lines = [d.line for d in info.value.diagnostics]
    assert lines == sorted(lines)


def _write(tmp_path: Path, body: str, name: str = "leaving-test.yaml") -> Path:
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


ENTRY = """\
  - id: {id}
    category: work
    triggers: [{trigger}]
    positive:
      short: 専門業務に集中したいと考えています。
      long: 専門業務に集中したいと考えています。
"""


def test_duplicate_id_points_at_second(tmp_path: Path) -> None:
    body = (
        "entries:\n" + ENTRY.format(id="a", trigger="雑務") + ENTRY.format(id="a", trigger="雑用")
    )
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(_write(tmp_path, body))
    (d,) = info.value.diagnostics
    assert (d.line, d.column, d.path) == (8, 5, "entries[1].id")
    assert "duplicate id `a` (first at line 2)" in d.message


def test_same_trigger_in_two_entries_is_an_error(tmp_path: Path) -> None:
    body = (
        "entries:\n"
        + ENTRY.format(id="a", trigger="ざつむ")
        + ENTRY.format(id="b", trigger="ザツム")
    )
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(_write(tmp_path, body))
    assert "already used by entry `a`" in str(info.value)


def test_anchors_and_aliases_rejected() -> None:
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(FIX / "anchors.yaml")
    assert [(d.line, d.column) for d in info.value.diagnostics] == [(5, 15), (9, 15)]
    assert "anchors and aliases" in str(info.value)


def test_yaml_syntax_error_is_positioned(tmp_path: Path) -> None:
    p = _write(tmp_path, "entries:\n  - id: a\n    triggers: [雑務\n")
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(p)
    (d,) = info.value.diagnostics
    assert d.file == str(p) and d.line >= 3 and d.message.startswith("YAML:")


def test_duplicate_yaml_key_is_an_error(tmp_path: Path) -> None:
    body = "entries:\n" + ENTRY.format(id="a", trigger="雑務") + "    id: b\n"
    with pytest.raises(RecordError):
        load_phrasebook_file(_write(tmp_path, body))


def test_not_utf8(tmp_path: Path) -> None:
    p = tmp_path / "leaving-x.yaml"
    p.write_bytes("entries: []\n# 当直\n".encode("shift_jis"))
    with pytest.raises(RecordError, match="not UTF-8"):
        load_phrasebook_file(p)


def test_top_level_must_be_mapping(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="entries"):
        load_phrasebook_file(_write(tmp_path, "- a\n- b\n"))


def test_unbalanced_brace(tmp_path: Path) -> None:
    body = "entries:\n" + ENTRY.format(id="a", trigger="雑務").replace(
        "short: 専門", "short: '{role専門"
    ).replace("ています。\n      long", "ています。'\n      long", 1)
    with pytest.raises(RecordError, match="unbalanced brace"):
        load_phrasebook_file(_write(tmp_path, body))


def test_japanese_category_names_accepted(tmp_path: Path) -> None:
    body = "entries:\n" + ENTRY.format(id="a", trigger="雑務").replace("work", "仕事内容")
    (entry,) = load_phrasebook_file(_write(tmp_path, body))
    assert entry.category == "work"


def test_lang_mismatch() -> None:
    with pytest.raises(RecordError, match="this phrasebook is `en`"):
        load_phrasebook_file(FIX / "wrong-lang.yaml", "ja")


def test_trigger_that_folds_to_nothing(tmp_path: Path) -> None:
    body = "entries:\n" + ENTRY.format(id="a", trigger="'ー'")
    with pytest.raises(RecordError, match="no letters"):
        load_phrasebook_file(_write(tmp_path, body))


# -------------------------------------------------------------------- layering


def test_user_file_replaces_and_adds() -> None:
    base = load_phrasebooks("ja")
    book = load_phrasebooks("ja", [FIX / "user-ja.yaml"])
    assert len(book.entries) == len(base.entries) + 1
    low_pay = book.get("low_pay")
    assert low_pay is not None and low_pay.short[0].startswith("専門性に見合う役割")
    assert base.get("low_pay") != low_pay  # the cached bundled book is untouched
    assert book.get("meetings") is not None
    assert book.entries[-1].id == "meetings"


def test_user_dirs_are_layered() -> None:
    book = load_phrasebooks("ja", user_dirs=[FIX / "userdir"])
    assert book.get("parking") is not None
    # a folder without this language adds nothing
    assert load_phrasebooks("en", user_dirs=[FIX / "userdir"]) is load_phrasebooks("en")


def test_extra_folder_loads_its_leaving_files() -> None:
    book = load_phrasebooks("ja", [FIX / "userdir" / "ja"])
    assert book.get("parking") is not None


def test_missing_extra_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        load_phrasebooks("ja", [tmp_path / "nope.yaml"])
    assert info.value.option == "--phrasebook"


def test_user_phrasing_with_trigger_word_is_rejected() -> None:
    with pytest.raises(RecordError) as info:
        load_phrasebooks("ja", [FIX / "leaky.yaml"])
    (d,) = info.value.diagnostics
    assert d.path == "entries[0].positive.short"
    assert "`当直`" in d.message and "night_duty" in d.message


def test_user_file_in_wrong_language() -> None:
    with pytest.raises(RecordError, match="was asked for"):
        load_phrasebooks("ja", [FIX / "wrong-lang.yaml"])


def test_unknown_language() -> None:
    with pytest.raises(UsageError) as info:
        load_phrasebooks("fr")
    assert info.value.option == "--lang"


# --------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("typed", "canonical", "lang"),
    [
        ("ｵﾝｺｰﾙ", "オンコール", "ja"),
        ("おんこーる", "オンコール", "ja"),
        ("オン コール", "オンコール", "ja"),
        ("ＯＮ－ＣＡＬＬ", "on call", "en"),
        ("On-Call", "on call", "en"),
        ("on   call", "on call", "en"),
        ("ｶﾞｲﾄﾞ", "ガイド", "ja"),
        ("spouse’s job", "spouse's job", "en"),
    ],
)
def test_fold_variants(typed: str, canonical: str, lang: str) -> None:
    assert fold(typed, lang) == fold(canonical, lang)


@pytest.mark.parametrize(
    ("trigger", "text", "found"),
    [
        ("on call", "I was oncall every week", True),
        ("on call", "on-calls", True),
        ("quota", "missed quotas again", True),
        ("pay", "a display", False),
        ("burnt out", "I am Burnt-Out", True),
        ("nights", "fortnights", False),
    ],
)
def test_english_word_matching(trigger: str, text: str, found: bool) -> None:
    pattern = trigger_pattern(trigger, "en")
    assert pattern is not None
    assert bool(pattern.search(fold(text, "en"))) is found


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.sampled_from(LANGS))
def test_fold_spans_point_back_into_the_text(text: str, lang: str) -> None:
    folded, spans = fold_with_spans(text, lang)
    assert len(folded) == len(spans)
    assert folded == fold(folded, lang)  # folding is idempotent
    previous_end = 0
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start >= previous_end - 1
        previous_end = end


def test_later_layer_wins_and_first_user_dir_wins(tmp_path: Path) -> None:
    def user_dir(name: str, short: str) -> Path:
        folder = tmp_path / name / "ja"
        folder.mkdir(parents=True)
        (folder / "leaving-x.yaml").write_text(
            "entries:\n"
            "  - id: chores\n"
            "    category: work\n"
            "    triggers: [雑務]\n"
            f"    positive: {{short: {short}, long: {short}}}\n",
            encoding="utf-8",
        )
        return tmp_path / name

    first, second = user_dir("a", "一番目の文です。"), user_dir("b", "二番目の文です。")
    book = load_phrasebooks("ja", user_dirs=[first, second])
    assert book.get("chores").short == ("一番目の文です。",)  # type: ignore[union-attr]
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "entries:\n  - id: chores\n    category: work\n    triggers: [雑務]\n"
        "    positive: {short: 追加の文です。, long: 追加の文です。}\n",
        encoding="utf-8",
    )
    book = load_phrasebooks("ja", [extra], user_dirs=[first, second])
    assert book.get("chores").short == ("追加の文です。",)  # type: ignore[union-attr]


def test_user_entry_wins_a_tie_on_the_same_trigger(tmp_path: Path) -> None:
    from resumegen.enrich.rephrase import rephrase

    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "entries:\n  - id: my_night\n    category: conditions\n    triggers: [当直]\n"
        "    positive: {short: 日中の診療に専念したいと考えています。, long: 日中の診療に専念したいと考えています。}\n",
        encoding="utf-8",
    )
    book = load_phrasebooks("ja", [extra])
    r = rephrase("当直が多い", lang="ja", profile="physician", book=book)
    assert [m.id for m in r.matches] == ["my_night"]


@pytest.mark.parametrize("short", ['""', "42", "[]", "{a: b}"])
def test_phrasing_must_be_text(tmp_path: Path, short: str) -> None:
    body = "entries:\n" + ENTRY.format(id="a", trigger="雑務").replace(
        "short: 専門業務に集中したいと考えています。", f"short: {short}"
    )
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(_write(tmp_path, body))
    assert any(d.path.startswith("entries[0].positive.short") for d in info.value.diagnostics)
