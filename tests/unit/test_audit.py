"""Tests for resumegen.enrich.audit and the metric catalogue."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from resumegen.enrich.audit import AuditReport, Finding, audit, suggest_metrics
from resumegen.enrich.catalogue import load_catalogue, parse_catalogue, read_catalogue
from resumegen.errors import RecordError, UsageError
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

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FULL_STAR = Star("s", "t", "a", "r")


def no_negative(text: str, lang: str) -> list[str]:
    return []


def pos(org: str, start: PD, end: PD | None, **kw: object) -> Position:
    return Position(organization=org, start=start, end=end, **kw)  # type: ignore[arg-type]


def metric() -> Metric:
    return Metric(name="件数", value=Decimal(10), unit="件")


def make(**kw: object) -> Record:
    """A clean record: no finding at all unless a test changes something."""
    base: dict[str, object] = {
        "schema": 1,
        "lang": "ja",
        "profile": "physician",
        "as_of": PD(2026, 1, 15),
        "person": Person(name="試験 花子", birth_date=PD(1985, 5, 1), phone="090-0000-0000"),
        "summary": "内科医として10年間、病棟と外来を担当。",
        "self_pr": "外来の待ち時間を20分短くした経験があります。",
        "work": (
            pos("A病院", PD(2011, 4), PD(2016, 3), employment="常勤"),
            pos(
                "B病院",
                PD(2016, 4),
                None,
                employment="常勤",
                achievements=(Achievement(summary="外来運営", metrics=(metric(),)),),
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
    text = report.findings[0].format("r.yaml")
    assert text.startswith("r.yaml:30:5: licenses[0].date: error: ")


def test_as_json_shape() -> None:
    report = run(make(summary=None))
    data = json.loads(json.dumps(report.as_json(), ensure_ascii=False))
    assert set(data) == {"findings", "achievements", "quantified"}
    assert set(data["findings"][0]) == {"severity", "path", "message", "suggestion"}
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
        "m.yaml:5:16: profiles.physician.defaults[0]: 'nope' is not the id of a metric of this profile"
        in lines
    )
    assert any(line.startswith("m.yaml:7:") and "keywords" in line for line in lines)
    assert any(line.startswith("m.yaml:8:") and "duplicate id" in line for line in lines)
    assert any("unknown key 'x'" in line for line in lines)
    assert any("missing profile 'general'" in line for line in lines)


def test_catalogue_language_mismatch_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="expected 'en'"):
        parse_catalogue("lang: ja\nprofiles: {}\n", "m.yaml", "en")
    with pytest.raises(RecordError, match="not valid YAML"):
        parse_catalogue("a: [\n", "m.yaml")
    with pytest.raises(UsageError):
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
    assert [f.severity for f in report.findings] == ["info"] * len(report.findings)
