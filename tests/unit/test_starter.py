"""Starter records: one per profile and language, each valid as written."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from resumegen.record.model import LANGS, PROFILES
from resumegen.record.starter import starter_path, starter_record
from resumegen.record.validate import load_record, load_record_text, validate_text

COMBOS = list(itertools.product(PROFILES, LANGS))


@pytest.mark.parametrize(("profile", "lang"), COMBOS)
def test_starter_validates_as_written(profile: str, lang: str) -> None:
    text = starter_record(profile, lang)
    errors, warnings = validate_text(text, f"{profile}-{lang}.yaml")
    assert errors == [] and warnings == []
    record = load_record_text(text)
    assert record.profile == profile and record.lang == lang


@pytest.mark.parametrize(("profile", "lang"), COMBOS)
def test_starter_shows_every_kind_of_entry(profile: str, lang: str) -> None:
    record = load_record_text(starter_record(profile, lang))
    achievements = [a for p in record.work for a in p.achievements]
    metrics = [m for a in achievements for m in a.metrics]
    assert any(m.kind == "change" for m in metrics)
    assert any(m.kind == "level" for m in metrics)
    assert any(a.star is not None and a.star.result for a in achievements)
    assert any(p.leaving_reason for p in record.work)
    assert record.targets and record.targets[0].emphasis
    assert any(p.current for p in record.work)


@pytest.mark.parametrize(("profile", "lang"), COMBOS)
def test_starter_comments_in_its_language(profile: str, lang: str) -> None:
    comments = [
        line.split("#", 1)[1] for line in starter_record(profile, lang).splitlines() if "#" in line
    ]
    assert len(comments) >= 10
    has_japanese = any(any("\u3040" <= ch <= "\u9fff" for ch in c) for c in comments)
    assert has_japanese == (lang == "ja")


def test_default_is_general_ja() -> None:
    assert starter_record() == starter_record("general", "ja")


def test_written_starter_loads(tmp_path: Path) -> None:
    p = tmp_path / "me.yaml"
    p.write_text(starter_record("physician", "ja"), encoding="utf-8")
    assert load_record(p).person.name


@pytest.mark.parametrize(("profile", "lang"), [("nurse", "ja"), ("general", "fr")])
def test_unknown_combination(profile: str, lang: str) -> None:
    with pytest.raises(ValueError):
        starter_path(profile, lang)
