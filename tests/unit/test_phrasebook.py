"""Phrasebook files: loading, validation with positions, layering, bundled data quality."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumegen.enrich.fold import fold, fold_with_spans
from resumegen.enrich.matcher import negated
from resumegen.enrich.triggers import ja_negative_forms, trigger_pattern, trigger_sample
from resumegen.errors import ArgumentError, InputFileError, RecordError
from resumegen.record.model import PROFILES
from resumegen.resources import bundled
from resumegen.resources.phrasebook import CATEGORIES
from resumegen.resources.phrasebook_lint import leaking_triggers, trigger_clashes
from resumegen.resources.phrasebook_load import (
    bundled_phrasebook,
    load_phrasebook_file,
    load_phrasebook_parts,
    load_phrasebooks,
)

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
        entries, examples = load_phrasebook_parts(f, lang)
        assert entries or examples, f"{f} has neither entries nor examples"


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
    # the reader stops at the first anchor, so an alias bomb is never expanded
    assert [(d.line, d.column) for d in info.value.diagnostics] == [(5, 15)]
    assert "anchors (&name) and aliases (*name) are not allowed" in str(info.value)


def test_yaml_syntax_error_is_positioned(tmp_path: Path) -> None:
    p = _write(tmp_path, "entries:\n  - id: a\n    triggers: [雑務\n")
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(p)
    (d,) = info.value.diagnostics
    assert (d.file, d.line, d.column) == (str(p), 3, 15)  # at the unclosed bracket
    assert d.message == "this `[` is never closed; add `]` at the end of its value"


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


def test_missing_extra_file_is_an_input_file_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as info:
        load_phrasebooks("ja", [tmp_path / "nope.yaml"])
    assert info.value.param == "phrasebooks"
    assert info.value.path == str(tmp_path / "nope.yaml")


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
    with pytest.raises(ArgumentError) as info:
        load_phrasebooks("fr")
    assert info.value.param == "lang"


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


# ------------------------------------------------------------ trigger syntax


@pytest.mark.parametrize(
    ("trigger", "text", "lang", "found"),
    [
        ("症例~少な", "症例少ない", "ja", True),
        ("症例~少な", "症例が少ない", "ja", True),
        ("症例~少な", "症例も全然少ない", "ja", True),
        ("症例〜少な", "症例は少ない", "ja", True),  # the wave dash a Japanese keyboard types
        ("症例~少な", "症例の数がとにかく少ない", "ja", False),
        ("上司*合わな", "上司と性格が合わない", "ja", True),
        ("上司*合わな", "上司は良い人だが、同僚と合わない", "ja", False),  # not across a clause
        ("上司*合わな", "上司とは最初の頃からずっと合わない", "ja", False),  # gap of six at most
        ("研究~興味~な", "研究への興味がない", "ja", True),
        ("スキル~身につかな", "スキルが身につきません", "ja", True),
        ("IT化~進んでな", "ＩＴ化が進んでいない", "ja", True),
        ("やりがい~な", "やりがいがありません", "ja", True),
        ("no ~ raise", "no real raise", "en", True),
        ("no ~ raise", "no pay raise", "en", False),
        ("no * raise", "no pay raise in years", "en", True),
        ("no * raise", "no, a raise", "en", False),
        ("not challenging", "it isn't challenging", "en", True),
        ("contract wasn't renewed", "my contract wasnt renewed", "en", True),
    ],
)
def test_trigger_marks(trigger: str, text: str, lang: str, found: bool) -> None:
    pattern = trigger_pattern(trigger, lang)
    assert pattern is not None
    assert bool(pattern.search(fold(text, lang))) is found
    assert pattern.search(fold(trigger_sample(trigger, lang), lang))


@pytest.mark.parametrize(
    ("piece", "forms"),
    [
        (
            "身につかな",
            [
                "身につかな",
                "身につきませ",
                "身につかず",
                "身についていな",
                "身についてな",
                "身についていませ",
                "身についてませ",
            ],
        ),
        (
            "できな",
            [
                "できな",
                "できませ",
                "できず",
                "できていな",
                "できてな",
                "できていませ",
                "できてませ",
            ],
        ),
        (
            "合わな",
            [
                "合わな",
                "合いませ",
                "合わず",
                "合っていな",
                "合ってな",
                "合っていませ",
                "合ってませ",
            ],
        ),
        (
            "診られな",
            [
                "診られな",
                "診れな",
                "診られませ",
                "診られず",
                "診られていな",
                "診られてな",
                "診られていませ",
                "診られてませ",
                "診れませ",
                "診れず",
            ],
        ),
        ("な", ["な", "ありませ"]),
        ("進んでな", ["進んでな", "進んでいな", "進んでませ", "進んでいませ"]),
        ("少な", ["少な"]),
        ("単調", ["単調"]),
    ],
)
def test_japanese_negative_forms(piece: str, forms: list[str]) -> None:
    assert ja_negative_forms(piece) == forms


def test_badly_placed_marks_are_positioned_errors(tmp_path: Path) -> None:
    body = "entries:\n" + ENTRY.format(id="a", trigger='"~当直", "当直*", "当直~*合わな", 雑務')
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(_write(tmp_path, body))
    problems = [(d.path, d.message) for d in info.value.diagnostics]
    wanted = "needs words on both sides of every ~ and *"
    assert problems == [(f"entries[0].triggers[{i}]", wanted) for i in range(3)]
    assert all(d.line == 4 for d in info.value.diagnostics)


def test_the_same_trigger_with_another_mark_glyph_clashes(tmp_path: Path) -> None:
    body = (
        "entries:\n"
        + ENTRY.format(id="a", trigger="症例~少な")
        + ENTRY.format(id="b", trigger="症例〜少な")
    )
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(_write(tmp_path, body))
    assert "already used by entry `a`" in str(info.value)


def test_denial_window() -> None:
    def denied(text: str, word: str, lang: str) -> bool:
        folded = fold(text, lang)
        start = folded.index(fold(word, lang))
        return negated(folded, start, start + len(fold(word, lang)), lang)

    assert denied("当直はない", "当直", "ja")
    assert denied("オンコールもありません", "オンコール", "ja")
    assert denied("夜勤なしで", "夜勤", "ja") is False  # 夜勤なしで働ける: what is wanted
    assert denied("当直が多い", "当直", "ja") is False
    assert denied("I am not on call", "on call", "en")
    assert denied("I never do nights", "nights", "en")
    assert denied("I don't like nights", "nights", "en") is False
    assert denied("no sleep, and nights", "nights", "en") is False  # another clause
    assert denied("I'd like a job with no nights", "nights", "en") is False


# ------------------------------------------------------------ user files are parsed once


def test_user_file_is_parsed_once_while_unchanged(tmp_path: Path) -> None:
    path = _write(tmp_path, "entries:\n" + ENTRY.format(id="a", trigger="会議が多"))
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    first = load_phrasebook_file(path, "ja")
    again = load_phrasebook_file(path, "ja")
    assert first == again and first[0] is again[0]  # the parsed entries were kept
    book = load_phrasebooks("ja", [path])
    assert load_phrasebooks("ja", [path]) is book  # so was the layered book
    os.utime(path, ns=(2_000_000_000, 2_000_000_000))  # touched: read again
    touched = load_phrasebook_file(path, "ja")
    assert touched == first and touched[0] is not first[0]
    assert load_phrasebooks("ja", [path]) is not book
    path.write_text("entries:\n" + ENTRY.format(id="a", trigger="会議ばかり"), encoding="utf-8")
    os.utime(path, ns=(2_000_000_000, 2_000_000_000))  # same time, other size
    assert load_phrasebook_file(path, "ja")[0].triggers == ("会議ばかり",)


def test_a_broken_user_file_is_reported_every_time(tmp_path: Path) -> None:
    path = _write(tmp_path, "entries:\n" + ENTRY.format(id="a", trigger="~"))
    for _ in range(2):
        with pytest.raises(RecordError):
            load_phrasebook_file(path, "ja")
    path.write_text("entries:\n" + ENTRY.format(id="a", trigger="会議"), encoding="utf-8")
    assert load_phrasebook_file(path, "ja")[0].triggers == ("会議",)


# ---------------------------------------------------------------- topics and the index


TOPIC_ENTRY = """\
  - id: {id}
    category: {category}
    triggers: [{trigger}]
    topics: {topics}
    positive:
      short: 専門業務に集中したいと考えています。
      long: 専門業務に集中したいと考えています。
"""


def test_topics_are_validated_with_positions(tmp_path: Path) -> None:
    body = (
        "entries:\n"
        + TOPIC_ENTRY.format(id="a", category="work", trigger="雑務", topics="{too_many: [会議]}")
        + TOPIC_ENTRY.format(id="b", category="keep", trigger="介護", topics="[家族]")
        + TOPIC_ENTRY.format(id="c", category="work", trigger="雑用", topics='["会議~多"]')
        + TOPIC_ENTRY.format(
            id="d", category="work", trigger="書類", topics="{bad: [伝票], too_much: [伝票]}"
        )
    )
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(_write(tmp_path, body))
    problems = [(d.line, d.path, d.message) for d in info.value.diagnostics]
    assert problems[0][1:] == (
        "entries[0].topics.too_many",
        "unknown key `too_many`; did you mean `too_much`?",
    )
    assert problems[1][1] == "entries[1].topics" and "a plain fact has no topics" in problems[1][2]
    assert problems[2][1:] == (
        "entries[2].topics[0]",
        "a topic is a plain word or phrase: no ~ or *",
    )
    assert problems[3][1] == "entries[3].topics.too_much[0]" and "listed twice" in problems[3][2]
    assert [p[0] for p in problems] == sorted(p[0] for p in problems)


def test_two_entries_with_one_topic_clash(tmp_path: Path) -> None:
    body = (
        "entries:\n"
        + TOPIC_ENTRY.format(id="a", category="work", trigger="雑務", topics="[会議]")
        + TOPIC_ENTRY.format(id="b", category="work", trigger="雑用", topics="{too_much: [会議]}")
    )
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(_write(tmp_path, body))
    assert "topic `会議` is already used by entry `a`" in str(info.value)


@pytest.mark.parametrize("lang", LANGS)
def test_every_bundled_topic_has_a_known_kind(lang: str) -> None:
    book = bundled_phrasebook(lang)
    topics = [(kind, word) for e in book.entries for kind, word in e.topics]
    assert len(topics) >= 200
    assert {kind for kind, _ in topics} == {"bad", "too_much", "too_little"}
    assert not any(e.topics for e in book.entries if e.keep_as_is)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(LANGS), st.sampled_from(PROFILES), st.data())
def test_the_index_never_drops_a_trigger_that_matches(lang: str, profile: str, data) -> None:
    """Scanning only the indexed candidates finds what trying every trigger finds."""
    book = bundled_phrasebook(lang)
    pool = [trigger_sample(t, lang) for e in book.entries for t in e.triggers]
    words = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4))
    filler = data.draw(st.text(alphabet="あいかさ 、。abc .", max_size=6))
    text = fold(filler.join(words), lang)
    everything = {t for _, e, t, p in book.patterns if e.applies_to(profile) and p.search(text)}
    indexed = {t for _, _, t, p in book.index(profile).candidates(text) if p.search(text)}
    assert indexed == everything


def test_who_and_did_make_a_trigger_of_every_pair(tmp_path: Path) -> None:
    """`who: [病棟, 検査室]` and `did: [閉鎖, 集約]` find every part of an organisation
    with every change, and the phrasing may name the part ({part})."""
    body = """\
entries:
  - id: part_closed
    category: keep
    who: [病棟, 検査室]
    did: [閉鎖, 集約]
    triggers: [閉院]
    positive:
      short: ["所属する{part}の閉鎖が決まりました。", 勤務先の閉鎖が決まりました。]
      long: ["所属する{part}の閉鎖が決まりました。", 勤務先の閉鎖が決まりました。]
"""
    (entry,) = load_phrasebook_file(_write(tmp_path, body))
    assert set(entry.triggers) == {
        "閉院",
        "病棟 * 閉鎖",
        "病棟 * 集約",
        "検査室 * 閉鎖",
        "検査室 * 集約",
    }
    assert entry.who == ("病棟", "検査室")


def test_who_needs_did(tmp_path: Path) -> None:
    body = """\
entries:
  - id: part_closed
    category: keep
    who: [病棟]
    triggers: [閉院]
    positive:
      short: 勤務先の閉鎖が決まりました。
      long: 勤務先の閉鎖が決まりました。
"""
    with pytest.raises(RecordError) as info:
        load_phrasebook_file(_write(tmp_path, body))
    assert "`who` needs `did`" in str(info.value)
