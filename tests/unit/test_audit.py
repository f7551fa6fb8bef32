"""Tests for resumegen.enrich.audit and the metric catalogue."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from resumegen.enrich.audit import audit
from resumegen.enrich.audit_report import AuditReport, Finding
from resumegen.enrich.metric_hints import suggest_metrics
from resumegen.errors import InputFileError, RecordError
from resumegen.record.model import (
    PROFILES,
    Achievement,
    EducationEvent,
    License,
    Metric,
    Person,
    Position,
    Record,
    Star,
    Target,
)
from resumegen.record.model import PartialDate as PD
from resumegen.resources.catalogue import load_catalogue, parse_catalogue, read_catalogue

pytestmark = pytest.mark.usefixtures("records_own_language")  # findings in the record's language

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FULL_STAR = Star("s", "t", "a", "r")


def no_negative(text: str, lang: str) -> list[str]:
    return []


def pos(org: str, start: PD, end: PD | None, **kw: object) -> Position:
    # a position with neither duties nor achievements warns; verb first for English records
    kw.setdefault("duties", ("Served on staff",))
    return Position(organization=org, start=start, end=end, **kw)  # type: ignore[arg-type]


def metric() -> Metric:
    return Metric(name="件数", value=Decimal(10), unit="件")


def make(**kw: object) -> Record:
    """A clean record: no finding at all unless a test changes something."""
    done = "Ran the outpatient clinic" if kw.get("lang") == "en" else "外来運営"  # verb first
    base: dict[str, object] = {
        "schema": 1,
        "lang": "ja",
        "profile": "physician",
        "as_of": PD(2026, 1, 15),
        "person": Person(name="試験 花子", birth_date=PD(1985, 5, 1), phone="090-0000-0000"),
        "summary": "内科医として病棟と外来を担当。",
        "self_pr": "外来の待ち時間を20分短くした経験があります。",
        "skills": ("内科外来の運営",),
        "licenses": (License(PD(2011, 5), "医師免許"),),
        "work": (
            pos("A病院", PD(2011, 4), PD(2016, 3), employment="常勤"),
            pos(
                "B病院",
                PD(2016, 4),
                None,
                employment="常勤",
                achievements=(Achievement(summary=done, metrics=(metric(),)),),
            ),
        ),
    }
    base.update(kw)
    return Record(**base)  # type: ignore[arg-type]


def run(record: Record, **kw: object) -> AuditReport:
    kw.setdefault("is_negative", no_negative)
    return audit(record, **kw)  # type: ignore[arg-type]


def kinds(report: AuditReport) -> list[tuple[str, str]]:
    return [(f.severity, f.path) for f in report.findings]


def test_clean_record_has_no_findings() -> None:
    report = run(make())
    assert report.findings == []
    assert (report.achievements, report.quantified) == (1, 1)


# ----------------------------------------------------------------------------- numbers


def test_unquantified_achievement_gets_matching_metrics() -> None:
    work = (
        pos(
            "A病院",
            PD(2016, 4),
            None,
            achievements=(Achievement(summary="外傷の手術と術後管理を担当"),),
        ),
    )
    report = run(make(work=work))
    (f,) = report.findings
    assert (f.severity, f.path) == ("warning", "work[0].achievements[0]")
    assert "手術件数" in f.suggestion and "合併症率" in f.suggestion
    assert (report.achievements, report.quantified) == (1, 0)


def test_unquantified_without_keywords_falls_back_to_profile_defaults() -> None:
    work = (pos("X社", PD(2016, 4), None, achievements=(Achievement(summary="取り組み"),)),)
    report = run(make(profile="clinical-specialist", work=work))
    (f,) = report.findings
    assert "担当施設数" in f.suggestion and "症例立ち会い件数" in f.suggestion


def test_suggestions_use_tags_and_duties_and_english_word_starts() -> None:
    cat = load_catalogue("en").for_profile("clinical-specialist")
    a = Achievement(summary="Improved the process", tags=("education",))
    p = pos("X", PD(2020, 1), None, duties=("Trained nurses at new accounts",))
    ids = [m.id for m in suggest_metrics(a, p, cat, "en")]
    assert 2 <= len(ids) <= 3
    assert "trainings" in ids or "trainees" in ids
    # "cut" must not match inside "executive"
    general = load_catalogue("en").for_profile("general")
    exe = Achievement(summary="Advised executives")
    assert [m.id for m in suggest_metrics(exe, None, general, "en")] == [
        "volume",
        "processing_time",
        "satisfaction",
    ]


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [("ja", "業務効率を大幅に改善した。", "大幅に"), ("en", "Trained many nurses.", "many")],
)
def test_vague_words_without_figures(lang: str, text: str, word: str) -> None:
    report = run(make(lang=lang, summary=text, self_pr="x"))
    (f,) = report.findings
    assert (f.severity, f.path) == ("warning", "summary")
    assert word in f.message


def test_vague_word_with_a_figure_in_the_sentence_is_fine() -> None:
    assert run(make(summary="待ち時間を大幅に短縮（30分→10分）。")).findings == []
    assert run(make(lang="en", summary="The company grew.", self_pr="x")).findings == []


def test_vague_duty_and_unquantified_summary() -> None:
    work = (
        pos(
            "A病院",
            PD(2016, 4),
            None,
            duties=("様々な症例を担当",),
            achievements=(Achievement(summary="多くの研修医を指導"),),
        ),
    )
    paths = [f.path for f in run(make(work=work)).findings]
    assert "work[0].duties[0]" in paths
    assert "work[0].achievements[0].summary" in paths


# ----------------------------------------------------------------------------- tone


def test_negative_leaving_reason_and_free_text() -> None:
    calls: list[tuple[str, str]] = []

    def neg(text: str, lang: str) -> list[str]:
        calls.append((text, lang))
        return ["限界"] if "限界" in text else []

    work = (pos("A病院", PD(2016, 4), None, leaving_reason="体力の限界"),)
    targets = (Target(id="t", motivation="限界を感じた"),)
    report = run(make(work=work, targets=targets), is_negative=neg)
    found = [(f.severity, f.path) for f in report.findings if "限界" in f.message]
    assert sorted(found) == [
        ("warning", "targets[0].motivation"),
        ("warning", "work[0].leaving_reason"),
    ]
    assert all("resumegen rephrase" in f.suggestion for f in report.findings if "限界" in f.message)
    assert ("体力の限界", "ja") in calls


def test_default_negative_check_uses_the_rephrase_engine() -> None:
    pytest.importorskip("resumegen.enrich.rephrase")
    work = (pos("A病院", PD(2016, 4), None, leaving_reason="当直が多く体力的に限界を感じている。"),)
    report = audit(make(work=work))
    assert any(f.path == "work[0].leaving_reason" for f in report.findings)


# ----------------------------------------------------------------------------- dates


def test_gap_over_three_months_is_info() -> None:
    work = (
        pos("A病院", PD(2011, 4), PD(2015, 3)),
        pos("B病院", PD(2015, 9), None),
    )
    (f,) = run(make(work=work)).findings
    assert (f.severity, f.path) == ("info", "work[1].start")
    assert "5か月" in f.message
    short = (pos("A病院", PD(2011, 4), PD(2015, 3)), pos("B病院", PD(2015, 7), None))
    assert run(make(work=short)).findings == []


def test_years_the_summary_states_must_match_a_span_of_the_dates() -> None:
    """Every document says the years the dates give; a summary that says otherwise is a
    contradiction inside the packet. Any span of positions counts (one post, several, the
    whole career, rounded down or up), and a hedged figure (約, over) is left alone."""
    (f,) = run(make(summary="内科医として12年間、病棟と外来を担当。")).findings
    assert (f.severity, f.path) == ("warning", "summary")
    assert "12年間" in f.message and "10年です" in f.message
    assert run(make(summary="内科医として約12年間、病棟と外来を担当。")).findings == []
    for said in ("10年間", "4年間", "15年間"):  # B病院, A病院, the whole career
        assert run(make(summary=f"内科医として{said}、病棟と外来を担当。")).findings == []
    en = make(lang="en", summary="Physician with seven years of ward work.", self_pr=None)
    assert [x.path for x in run(en).findings if "years" in x.message] == ["summary"]
    hedged = make(lang="en", summary="Physician with over seven years of ward work.", self_pr=None)
    assert not [x for x in run(hedged).findings if "years" in x.message]


def test_overlapping_full_time_positions_warn_but_part_time_does_not() -> None:
    work = (
        pos("A病院", PD(2011, 4), PD(2016, 3), employment="常勤"),
        pos("B病院", PD(2015, 4), None, employment="正社員"),
    )
    (f,) = run(make(work=work)).findings
    assert (f.severity, f.path) == ("warning", "work[1].start")
    assert "A病院" in f.message and "12か月" in f.message
    part = (work[0], replace(work[1], employment="非常勤"))
    assert run(make(work=part)).findings == []
    handover = (work[0], replace(work[1], start=PD(2016, 3)))
    assert run(make(work=handover)).findings == []


def test_dates_after_as_of_and_before_birth_are_errors() -> None:
    record = make(
        education=(EducationEvent(PD(1980, 4), "小学校", "入学"),),
        licenses=(License(PD(2026, 4), "専門医"),),
    )
    report = run(record)
    assert ("error", "education[0].date") in kinds(report)
    assert ("error", "licenses[0].date") in kinds(report)
    # today overrides as_of
    assert ("error", "licenses[0].date") not in kinds(run(record, today=dt.date(2026, 5, 1)))


def test_same_month_is_not_in_the_future() -> None:
    record = make(licenses=(License(PD(2026, 1), "専門医"),))
    assert run(record).findings == []
    record = make(licenses=(License(PD(2026, 1, 20), "専門医"),))
    assert ("error", "licenses[0].date") in kinds(run(record))


def test_work_before_fifteen_is_an_error() -> None:
    work = (pos("A社", PD(1998, 4), None),)
    (f,) = run(make(work=work)).findings
    assert (f.severity, f.path) == ("error", "work[0].start")
    assert "12歳" in f.message


def test_present_position_that_is_not_the_newest() -> None:
    work = (
        pos("A病院", PD(2011, 4), None),
        pos("B病院", PD(2018, 4), PD(2020, 3)),
    )
    report = run(make(work=work))
    assert ("warning", "work[0].end") in kinds(report)
    concurrent = (work[0], replace(work[1], end=None))
    assert ("warning", "work[0].end") not in kinds(run(make(work=concurrent)))


# ----------------------------------------------------------------------------- completeness


def test_missing_parts() -> None:
    record = make(summary=None, self_pr=None, person=Person(name="試験"))
    # Without known positions, findings of one severity are ordered by path.
    assert kinds(run(record)) == [
        ("warning", "person"),
        ("warning", "self_pr"),
        ("warning", "summary"),
    ]
    en = make(lang="en", self_pr=None)
    assert ("warning", "self_pr") not in kinds(run(en))


def test_star_parts_only_when_targets_exist() -> None:
    work = (
        pos(
            "A病院",
            PD(2016, 4),
            None,
            achievements=(
                Achievement(summary="a", metrics=(metric(),)),
                Achievement(summary="b", metrics=(metric(),), star=Star("s", None, "a", "r")),
                Achievement(summary="c", metrics=(metric(),), star=FULL_STAR),
            ),
        ),
    )
    assert run(make(work=work)).findings == []
    report = run(make(work=work, targets=(Target(id="t"),)))
    assert kinds(report) == [
        ("info", "work[0].achievements[0]"),
        ("info", "work[0].achievements[1].star"),
    ]
    assert "課題" in report.findings[1].message and "背景" not in report.findings[1].message


# ----------------------------------------------------------------------------- ordering and JSON


def test_sorted_by_severity_then_position() -> None:
    positions = {"summary": (10, 1), "licenses[0].date": (30, 5), "work[0].start": (20, 3)}
    work = (pos("A病院", PD(2011, 4), PD(2015, 3)), pos("B病院", PD(2015, 9), None))
    record = make(
        summary="多数の症例",
        licenses=(License(PD(2027, 1), "x"),),
        work=work,
        positions=positions,
    )
    report = run(record)
    assert [f.severity for f in report.findings] == ["error", "warning", "info"]
    assert [(f.line, f.column) for f in report.findings] == [(30, 5), (10, 1), (0, 0)]
    assert report.findings[0].format("r.yaml") == (
        "r.yaml:30:5: licenses[0].date: 日付 2027-01 が書類の日付 2026-01-15 より後です"
    )
    assert report.findings[2].format("r.yaml") == (
        "r.yaml: work[1].start: 前の職歴との間に5か月の空白があります"
    )


def test_as_json_shape() -> None:
    report = run(make(summary=None, positions={"person": (3, 1)}))
    data = json.loads(json.dumps(report.as_json(), ensure_ascii=False))
    assert set(data) == {"findings", "achievements", "quantified"}
    assert data["findings"][0] == {
        "severity": "warning",
        "path": "summary",
        "message": "職務要約（summary）がありません。職務経歴書はこの欄なしで始まります",
        "suggestion": "経験の分野・年数・強みを200〜300字程度でまとめてください",
        "line": 0,
        "column": 0,
        "code": "audit.no_summary",
    }
    assert isinstance(report.findings[0], Finding)


# ----------------------------------------------------------------------------- catalogue


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_bundled_catalogue_is_complete(lang: str) -> None:
    cat = load_catalogue(lang)
    assert cat.lang == lang and cat.vague_words
    for profile in PROFILES:
        p = cat.for_profile(profile)
        assert len(p.metrics) >= 15
        assert 2 <= len(p.defaults) <= 3


def test_catalogue_errors_are_positioned() -> None:
    text = (
        "schema: 1\nlang: ja\nprofiles:\n  physician:\n    defaults: [nope]\n"
        "    metrics:\n      - {id: a, label: A, keywords: []}\n      - {id: a, label: B, keywords: [k], x: 1}\n"
    )
    with pytest.raises(RecordError) as err:
        parse_catalogue(text, "m.yaml", "ja")
    lines = str(err.value).splitlines()
    assert (
        "m.yaml:5:16: profiles.physician.defaults[0]: `nope` is not the id of a metric of this profile"
        in lines
    )
    assert any(line.startswith("m.yaml:7:") and "keywords" in line for line in lines)
    assert any(line.startswith("m.yaml:8:") and "duplicate id" in line for line in lines)
    assert any("unknown key `x`" in line for line in lines)
    assert any("missing profile `general`" in line for line in lines)


def test_catalogue_language_mismatch_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="this catalogue is `ja`, but `en` was asked for"):
        parse_catalogue("lang: ja\nprofiles: {}\n", "m.yaml", "en")
    with pytest.raises(RecordError, match=r"m\.yaml:1:4: this `\[` is never closed"):
        parse_catalogue("a: [\n", "m.yaml")
    with pytest.raises(InputFileError):
        read_catalogue(tmp_path / "missing.yaml")


def test_user_catalogue_overrides_bundled(tmp_path: Path) -> None:
    bundled = (
        Path(__file__).resolve().parents[2] / "phrasebooks" / "ja" / "metrics.yaml"
    ).read_text(encoding="utf-8")
    (tmp_path / "ja").mkdir()
    (tmp_path / "ja" / "metrics.yaml").write_text(
        bundled.replace("vague_words: [", "vague_words: [ものすごく, "), encoding="utf-8"
    )
    cat = load_catalogue("ja", [tmp_path])
    assert "ものすごく" in cat.vague_words
    report = run(make(summary="ものすごく頑張った。"), catalogue=cat)
    assert [f.path for f in report.findings] == ["summary"]


# ----------------------------------------------------------------------------- samples


def _load(name: str) -> Record:
    validate = pytest.importorskip("resumegen.record.validate")
    return validate.load_record(SAMPLES / name)  # type: ignore[no-any-return]


def test_physician_sample() -> None:
    report = audit(_load("physician-ja.yaml"))
    assert (report.achievements, report.quantified) == (3, 3)
    assert not any(f.severity == "error" for f in report.findings)
    assert not any(f.message.endswith("に数値がありません") for f in report.findings)
    assert "work[1].leaving_reason" in [f.path for f in report.findings]
    assert all(f.line > 0 for f in report.findings)


@pytest.mark.parametrize("name", ["clinical-specialist-ja.yaml", "clinical-specialist-en.yaml"])
def test_clinical_specialist_samples(name: str) -> None:
    report = audit(_load(name), is_negative=no_negative)
    assert report.achievements == report.quantified > 0
    # the English example's summary says "seven years" of a post held Jan 2018 – Mar 2026:
    # the one warning, since every document and answer says the 8 the dates give
    stale = [f for f in report.findings if getattr(f.message, "code", "") == "audit.years_stated"]
    assert len(stale) == (1 if name.endswith("-en.yaml") else 0)
    rest = [f for f in report.findings if f not in stale]
    assert [f.severity for f in rest] == ["info"] * len(rest)


def test_every_sample_has_no_error_finding() -> None:
    for name in ("physician-ja.yaml", "clinical-specialist-ja.yaml", "clinical-specialist-en.yaml"):
        report = audit(_load(name))
        assert report.count("error") == 0, [f.format(name) for f in report.findings]
        assert not any(f.message.startswith(("前の職歴", "常勤の職歴")) for f in report.findings)
        assert not report.failed()


# ----------------------------------------------------------------------------- every rule, exact


def _rule_record(rule: str, lang: str) -> Record:
    """The clean record with one thing changed so that exactly one *rule* fires."""
    ja = lang == "ja"
    kw: dict[str, object] = {"lang": lang}
    if not ja:
        kw["self_pr"] = None  # 自己PR is a Japanese expectation only
    if rule == "unquantified":
        summary = (
            "外傷の手術と術後管理を担当" if ja else "Led trauma surgery and postoperative care"
        )
        kw["work"] = (pos("A", PD(2016, 4), None, achievements=(Achievement(summary=summary),)),)
    elif rule == "vague":
        kw["summary"] = "業務効率を大幅に改善した。" if ja else "Trained many nurses."
    elif rule == "negative":
        reason = "体力の限界" if ja else "burnout"
        kw["work"] = (pos("A", PD(2016, 4), None, leaving_reason=reason),)
    elif rule == "gap":
        kw["work"] = (pos("A", PD(2011, 4), PD(2015, 3)), pos("B", PD(2015, 9), None))
    elif rule == "overlap":
        kw["work"] = (
            pos("A病院" if ja else "Leeds General", PD(2011, 4), PD(2016, 3), employment="常勤"),
            pos("B", PD(2015, 4), None, employment="full-time"),
        )
    elif rule == "after_as_of":
        kw["licenses"] = (License(PD(2026, 4), "専門医" if ja else "Board certification"),)
    elif rule == "before_birth":
        kw["education"] = (EducationEvent(PD(1980, 4), "小学校" if ja else "Primary", "入学"),)
    elif rule == "birth_after_as_of":
        kw["person"] = Person(name="x", birth_date=PD(2027, 1), phone="1")
        kw["work"] = ()
        kw["profile"] = "general"  # no licence expected, none dated before the birth
        kw["licenses"] = ()
    elif rule == "young_work":
        kw["work"] = (pos("A社", PD(1998, 4), None),)
    elif rule == "young_university":
        school, event = ("北東大学 医学部", "入学") if ja else ("University of Leeds", "entered")
        kw["education"] = (EducationEvent(PD(1998, 4), school, event),)
    elif rule == "young_licence":
        name = "普通自動車第一種運転免許" if ja else "Driving licence"
        kw["licenses"] = (License(PD(1998, 4), name),)
    elif rule == "stale_current":
        kw["work"] = (pos("A病院", PD(2011, 4), None), pos("B病院", PD(2018, 4), PD(2020, 3)))
    elif rule == "no_summary":
        kw["summary"] = None
    elif rule == "no_contact":
        kw["person"] = Person(name="試験")
    elif rule == "no_self_pr":
        kw["self_pr"] = None
    elif rule == "star":
        kw["targets"] = (Target(id="t"),)
    else:
        raise AssertionError(rule)
    return make(**kw)


def _always_negative(text: str, lang: str) -> list[str]:
    return [text] if text in ("体力の限界", "burnout") else []


CHECK_DATE_JA = "この日付か person.birth_date を確認してください"
CHECK_DATE_EN = "check this date or person.birth_date"
RULES: list[tuple[str, str, tuple[str, str, str, str]]] = [
    ("unquantified", "ja", ("warning", "work[0].achievements[0]",
     "「外傷の手術と術後管理を担当」に数値がありません",
     "次のような指標を加えてください: 手術件数（年間の件数を術者・助手に分けて）、"
     "合併症率（前後比較の%と対象症例数）、委員会での改善件数（担当した委員会と改善した件数）")),
    ("unquantified", "en", ("warning", "work[0].achievements[0]",
     "“Led trauma surgery and postoperative care” has no figures",
     "add metrics such as: operations performed (per year, as lead surgeon and as assistant); "
     "complication rate (before and after, in %, with the number of cases)")),
    ("vague", "ja", ("warning", "summary", "数字の裏付けがない表現: 「大幅に」",
     "件数・%・期間などの数字で示すか、強調の言葉を外して事実だけを書いてください")),
    ("vague", "en", ("warning", "summary", "vague wording without a figure: “many”",
     "state how much with a count, a % or a period, or keep to the plain fact")),
    ("negative", "ja", ("warning", "work[0].leaving_reason", "否定的に読める表現: 「体力の限界」",
     "`resumegen rephrase --record <記録ファイル>` で、記録のプロファイルと応募先に合わせた答えを確認してください")),
    ("negative", "en", ("warning", "work[0].leaving_reason", "reads negative: “burnout”",
     "run `resumegen rephrase --record <record file>` for an answer with the record's profile and targets")),
    ("gap", "ja", ("info", "work[1].start", "前の職歴との間に5か月の空白があります",
     "面接で聞かれやすいので、この期間の過ごし方を説明できるようにしておいてください")),
    ("gap", "en", ("info", "work[1].start", "5-month gap after the previous position",
     "interviewers ask about gaps: be ready to say what you did in that time")),
    ("overlap", "ja", ("warning", "work[1].start", "常勤の職歴「A病院」と12か月重なっています",
     "日付か、どちらかの雇用形態（非常勤など）を確認してください")),
    ("overlap", "en", ("warning", "work[1].start",
     "overlaps the full-time position at Leeds General by 12 months",
     "check the dates, or the employment type of one of them")),
    ("after_as_of", "ja", ("error", "licenses[0].date",
     "日付 2026-04 が書類の日付 2026-01-15 より後です", "日付または as_of を確認してください")),
    ("after_as_of", "en", ("error", "licenses[0].date",
     "date 2026-04 is after the date of the record (2026-01-15)", "check the date, or as_of")),
    ("before_birth", "ja", ("error", "education[0].date",
     "日付 1980-04 が生年月日 1985-05-01 より前です", CHECK_DATE_JA)),
    ("before_birth", "en", ("error", "education[0].date",
     "date 1980-04 is before the birth date (1985-05-01)", CHECK_DATE_EN)),
    ("birth_after_as_of", "ja", ("error", "person.birth_date",
     "生年月日 2027-01 が書類の日付 2026-01-15 より後です",
     "person.birth_date か as_of を確認してください")),
    ("birth_after_as_of", "en", ("error", "person.birth_date",
     "birth date 2027-01 is after the date of the record (2026-01-15)",
     "check person.birth_date, or as_of")),
    ("young_work", "ja", ("error", "work[0].start", "この職歴は12歳で始まったことになります",
     CHECK_DATE_JA)),
    ("young_work", "en", ("error", "work[0].start", "this position would have started at age 12",
     CHECK_DATE_EN)),
    ("young_university", "ja", ("error", "education[0].date",
     "「北東大学 医学部」の入学が12歳のときになっています", CHECK_DATE_JA)),
    ("young_university", "en", ("error", "education[0].date",
     "University of Leeds (entered) falls at age 12", CHECK_DATE_EN)),
    ("young_licence", "ja", ("error", "licenses[0].date",
     "「普通自動車第一種運転免許」の取得が12歳のときになっています", CHECK_DATE_JA)),
    ("young_licence", "en", ("error", "licenses[0].date",
     "Driving licence would have been obtained at age 12", CHECK_DATE_EN)),
    ("stale_current", "ja", ("warning", "work[0].end",
     "「A病院」が現在の職歴（present）ですが、その後に始まって終わった職歴「B病院」があります",
     "退職した年月を end に書いてください")),
    ("stale_current", "en", ("warning", "work[0].end",
     "A病院 is marked as current (present), but B病院 started later and has ended",
     "give this position its end date")),
    ("no_summary", "ja", ("warning", "summary", "職務要約（summary）がありません。職務経歴書はこの欄なしで始まります",
     "経験の分野・年数・強みを200〜300字程度でまとめてください")),
    ("no_summary", "en", ("warning", "summary", "no professional summary",
     "add two to four lines: your field, years of experience and strengths")),
    ("no_contact", "ja", ("warning", "person", "連絡先（電話・メール）がありません",
     "日中に連絡のつく電話番号か、個人のメールアドレスを person に書いてください")),
    ("no_contact", "en", ("warning", "person", "no phone number or email address",
     "add a phone number or a personal email address under person")),
    ("no_self_pr", "ja", ("warning", "self_pr", "自己PR（self_pr）がありません。職務経歴書にこの欄が出ません",
     "職務経歴に書いた実績を根拠に、です・ます調で書いてください")),
    ("star", "ja", ("info", "work[1].achievements[0]",
     "面接シート用のSTARに欠けている項目: 背景、課題、施策、結果",
     "star の下に situation（背景）、task（課題）、action（施策）、result（結果）を書くと、"
     "面接で話す流れが整います")),
    ("star", "en", ("info", "work[1].achievements[0]",
     "STAR parts missing for the interview sheet: situation, task, action, result",
     "fill in situation, task, action, result under star to prepare the interview answer")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "lang", "expected"), RULES, ids=[f"{r}-{lang}" for r, lang, _ in RULES]
)
def test_each_rule_reads_exactly(rule: str, lang: str, expected: tuple[str, str, str, str]) -> None:
    report = run(_rule_record(rule, lang), is_negative=_always_negative)
    assert [(f.severity, f.path, f.message, f.suggestion) for f in report.findings] == [expected]


def test_english_records_are_not_asked_for_self_pr() -> None:
    assert run(make(lang="en", self_pr=None)).findings == []


# ----------------------------------------------------------------------------- ages


@pytest.mark.parametrize(
    ("field", "item", "fires"),
    [
        # Higher education before 15 is impossible; school before it is normal.
        ("education", EducationEvent(PD(1999, 4), "北東大学", "入学"), True),
        ("education", EducationEvent(PD(2000, 5), "北東大学", "入学"), False),  # 15 that month
        ("education", EducationEvent(PD(1998, 4), "青山中学校", "入学"), False),
        ("education", EducationEvent(PD(1999, 3), "Eton College", "entered"), False),
        ("education", EducationEvent(PD(1999, 3), "Some Institute", "awarded", "BSc"), True),
        ("education", EducationEvent(PD(1999, 4), "東京看護専門学校", "入学"), True),
        # A licence before 15 is impossible; graded tests that children take are not.
        ("licenses", License(PD(2000, 4), "医師免許"), True),
        ("licenses", License(PD(2000, 5), "医師免許"), False),
        ("licenses", License(PD(1996, 4), "実用英語技能検定2級"), False),
        ("licenses", License(PD(1996, 4), "TOEIC 800"), False),
        ("licenses", License(PD(1996, 4), "1級建築士"), True),
    ],
)
def test_age_thresholds(field: str, item: object, fires: bool) -> None:
    # Born 1985-05-01: 15 on 2000-05-01, so 2000-04 is still 14.
    report = run(make(**{field: (item,)}))
    paths = [f.path for f in report.findings if f.severity == "error"]
    assert paths == ([f"{field}[0].date"] if fires else [])


def test_ages_use_the_month_and_skip_dates_before_birth() -> None:
    work = (pos("A社", PD(2000, 5), None),)  # exactly 15
    assert run(make(work=work)).findings == []
    before = (pos("A社", PD(1984, 4), None),)
    report = run(make(work=before))
    assert kinds(report) == [("error", "work[0].start")]  # before birth, not also "age -1"
    assert "生年月日" in report.findings[0].message


def test_every_date_field_is_checked_against_as_of_and_birth() -> None:
    record = make(
        education=(EducationEvent(PD(2026, 2), "大学院", "入学"),),
        licenses=(License(PD(1985, 4), "x"),),
        work=(pos("A", PD(2011, 4), PD(2026, 3)),),
    )
    assert sorted(kinds(run(record))) == [
        ("error", "education[0].date"),
        ("error", "licenses[0].date"),
        ("error", "work[0].end"),
    ]


# ----------------------------------------------------------------------------- months


@pytest.mark.parametrize(
    ("end", "start", "months"),
    [
        (PD(2015, 3), PD(2015, 7), None),  # April, May, June: three months is not a gap
        (PD(2015, 3), PD(2015, 8), 4),
        (PD(2015, 3, 31), PD(2015, 7, 31), None),  # days do not stretch the gap
        (PD(2015, 3, 1), PD(2015, 8, 1), 4),
        (PD(2015, 11), PD(2016, 4), 4),  # across the new year
        (PD(2015, 3), PD(2015, 4), None),
    ],
)
def test_gaps_are_counted_in_months(end: PD, start: PD, months: int | None) -> None:
    work = (pos("A", PD(2011, 4), end), pos("B", start, None))
    found = [f.message for f in run(make(work=work)).findings]
    assert found == ([f"前の職歴との間に{months}か月の空白があります"] if months else [])


@pytest.mark.parametrize(
    ("end", "start", "months"),
    [
        (PD(2016, 3, 31), PD(2016, 3, 1), None),  # one shared month is a handover
        (PD(2016, 3), PD(2016, 2), 2),
        (PD(2016, 3, 1), PD(2016, 2, 28), 2),
        (PD(2016, 3), PD(2016, 4), None),
    ],
)
def test_overlaps_are_counted_in_months(end: PD, start: PD, months: int | None) -> None:
    work = (
        pos("A病院", PD(2011, 4), end, employment="常勤"),
        pos("B病院", start, None, employment="常勤"),
    )
    found = [f.message for f in run(make(work=work)).findings]
    assert found == ([f"常勤の職歴「A病院」と{months}か月重なっています"] if months else [])


def test_same_month_starts_with_and_without_a_day_sort() -> None:
    work = (
        pos("A", PD(2016, 4, 10), PD(2017, 3)),
        pos("B", PD(2016, 4), None),
        pos("C", PD(2011, 4), PD(2016, 3)),
    )
    report = run(make(work=work))  # used to compare None with an int
    # A started in the same month as the current B, not later: months, not days, decide.
    assert kinds(report) == []


# ----------------------------------------------------------------------------- wording


@pytest.mark.parametrize(
    ("text", "stems", "expected"),
    [
        ("休みがない。", ["休みがな"], ["休みがない"]),
        ("休みがなかったので", ["休みがな"], ["休みがなかった"]),
        ("希望しない関連病院", ["希望しな"], ["希望しない"]),
        ("休みがないのが", ["休みがな"], ["休みがない"]),
        ("体力的に限界を感じた", ["体力的に限界"], ["体力的に限界"]),
        ("単調で単調", ["単調", "単調"], ["単調"]),
    ],
)
def test_japanese_stems_are_quoted_as_typed(
    text: str, stems: list[str], expected: list[str]
) -> None:
    work = (pos("A病院", PD(2016, 4), None, leaving_reason=text),)
    report = run(make(work=work), is_negative=lambda t, lang: stems if t == text else [])
    (f,) = report.findings
    assert f.message == "否定的に読める表現: " + "、".join(f"「{w}」" for w in expected)


# ----------------------------------------------------------------------------- the text report

TEXT_JA = """\
errors (1):
r.yaml:30:5: licenses[0].date: 日付 2027-01 が書類の日付 2026-01-15 より後です
    → 日付または as_of を確認してください

warnings (2):
r.yaml:10:1: summary: 数字の裏付けがない表現: 「多数」
    → 件数・%・期間などの数字で示すか、強調の言葉を外して事実だけを書いてください
r.yaml:21:9: work[1].achievements[1]: 「病棟運営」に数値がありません
    → 次のような指標を加えてください: 入院受け持ち患者数（常時担当している人数）、平均在院日数（取り組みの前後の日数）、委員会での改善件数（担当した委員会と改善した件数）

info (1):
r.yaml: work[1].start: 前の職歴との間に5か月の空白があります
    → 面接で聞かれやすいので、この期間の過ごし方を説明できるようにしておいてください

2 achievements, 1 quantified; 1 error, 2 warnings, 1 info"""

TEXT_EN = """\
warnings (2):
r.yaml:4:3: person: no phone number or email address
    → add a phone number or a personal email address under person
r.yaml: summary: no professional summary
    → add two to four lines: your field, years of experience and strengths

0 achievements, 0 quantified; 0 errors, 2 warnings, 0 info"""


def test_text_report_groups_by_severity() -> None:
    work = (
        pos("A病院", PD(2011, 4), PD(2015, 3)),
        pos(
            "B病院",
            PD(2015, 9),
            None,
            achievements=(
                Achievement(summary="外来運営", metrics=(metric(),)),
                Achievement(summary="病棟運営"),
            ),
        ),
    )
    positions = {
        "summary": (10, 1),
        "licenses[0].date": (30, 5),
        "work[1].achievements[1]": (21, 9),
    }
    record = make(
        summary="多数の症例", licenses=(License(PD(2027, 1), "x"),), work=work, positions=positions
    )
    assert run(record).text("r.yaml") == TEXT_JA
    en = make(
        lang="en", self_pr=None, summary=None, person=Person(name="x"), work=(),
        positions={"person": (4, 3)},
    )  # fmt: skip
    assert run(en).text("r.yaml") == TEXT_EN


def test_text_report_without_findings_is_the_summary() -> None:
    assert run(make()).text("r.yaml") == "1 achievement, 1 quantified; 0 errors, 0 warnings, 0 info"


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((5, 3, 1, 2, 1), "5 achievements, 3 quantified; 1 error, 2 warnings, 1 info"),
        ((1, 1, 0, 1, 0), "1 achievement, 1 quantified; 0 errors, 1 warning, 0 info"),
        ((0, 0, 2, 0, 3), "0 achievements, 0 quantified; 2 errors, 0 warnings, 3 info"),
    ],
)
def test_summary_line_pluralises(counts: tuple[int, int, int, int, int], expected: str) -> None:
    achievements, quantified, errors, warnings, infos = counts
    findings = (
        [Finding("error", "a", "m", "s")] * errors
        + [Finding("warning", "a", "m", "s")] * warnings
        + [Finding("info", "a", "m", "s")] * infos
    )
    report = AuditReport(findings, achievements, quantified)
    assert report.summary() == expected


@pytest.mark.parametrize(
    ("severities", "plain", "strict"),
    [((), False, False), (("info",), False, False), (("warning",), False, True),
     (("error", "info"), True, True)],
)  # fmt: skip
def test_failed(severities: tuple[str, ...], plain: bool, strict: bool) -> None:
    report = AuditReport([Finding(s, "a", "m", "s") for s in severities])  # type: ignore[arg-type]
    assert report.failed() is plain
    assert report.failed(strict=True) is strict


@pytest.mark.parametrize(
    "name", ["physician-ja.yaml", "clinical-specialist-ja.yaml", "clinical-specialist-en.yaml"]
)
def test_every_finding_says_its_message_id(name: str) -> None:
    """`check --json` gives each finding the id of its message, the same in both languages,
    so that a script need not read Japanese or English sentences."""
    from resumegen.enrich.application import enrich
    from resumegen.messages import MESSAGES
    from resumegen.packet import check_findings
    from resumegen.record.validate import load_record

    record = load_record(Path(__file__).resolve().parents[2] / "samples" / name)
    findings = audit(record, extra=check_findings(enrich(record))).findings
    assert findings
    for f in findings:
        code = f.as_json().get("code")
        assert isinstance(code, str) and code in MESSAGES, f
