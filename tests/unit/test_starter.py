"""Starter records (one per profile and language, each valid as written) and `init`."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from resumegen.cli import cli
from resumegen.errors import ArgumentError, OutputExistsError
from resumegen.record.model import LANGS, PROFILES
from resumegen.record.schema import schema_text
from resumegen.record.starter import (
    MODELINE,
    SCHEMA_FILE,
    starter_path,
    starter_record,
    write_starter,
)
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


# ------------------------------------------------------- modeline and init


@pytest.mark.parametrize(("profile", "lang"), COMBOS)
def test_first_line_is_the_modeline(profile: str, lang: str) -> None:
    first = starter_record(profile, lang).splitlines()[0]
    assert first == MODELINE == "# yaml-language-server: $schema=record.schema.json"


@pytest.mark.parametrize(("profile", "lang"), COMBOS)
def test_init_writes_record_and_schema_beside_it(tmp_path: Path, profile: str, lang: str) -> None:
    path = tmp_path / "me.yaml"
    result = write_starter(path, profile, lang)
    assert path.read_text(encoding="utf-8") == starter_record(profile, lang)
    target = MODELINE.split("$schema=", 1)[1]
    schema_file = path.parent / target
    assert result.schema == schema_file and result.note is None
    assert schema_file.read_text(encoding="utf-8") == schema_text()
    assert load_record(path).profile == profile


def test_init_refuses_existing_record_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputExistsError, match=r"me\.yaml exists"):
        write_starter(path, "physician", "ja")
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.yaml"]


def test_init_force_replaces_record_and_keeps_identical_schema(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    write_starter(path, "general", "ja")
    schema_file = tmp_path / SCHEMA_FILE
    inode = schema_file.stat().st_ino  # a rewrite (atomic rename) would change it
    result = write_starter(path, "physician", "en", force=True)
    assert result.schema is None and result.note is None
    assert schema_file.stat().st_ino == inode
    assert load_record(path).lang == "en"


def test_init_leaves_a_different_schema_and_notes_it(tmp_path: Path) -> None:
    schema_file = tmp_path / SCHEMA_FILE
    schema_file.write_text('{"title": "my own"}\n', encoding="utf-8")
    result = write_starter(tmp_path / "me.yaml", "general", "en")
    assert schema_file.read_text(encoding="utf-8") == '{"title": "my own"}\n'
    assert result.schema is None
    assert result.note is not None and "differs" in result.note and "\n" not in result.note


def test_init_refuses_the_schema_file_name(tmp_path: Path) -> None:
    with pytest.raises(ArgumentError, match=SCHEMA_FILE):
        write_starter(tmp_path / SCHEMA_FILE, "general", "ja")
    assert list(tmp_path.iterdir()) == []


def _init(*args: str) -> Result:
    return CliRunner().invoke(cli, ["init", *args], catch_exceptions=False)


def test_cli_init_writes_both_then_refuses(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    r = _init(str(path), "--profile", "clinical-specialist", "--lang", "en")
    assert r.exit_code == 0, r.output
    assert (tmp_path / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()
    assert f"next: resumegen validate {path}" in r.stderr and r.stdout == ""
    path.write_text("edited\n", encoding="utf-8")
    again = _init(str(path))
    assert again.exit_code == 1
    assert again.stderr.strip().splitlines() == [
        f"resumegen: {path} exists; use --force to overwrite"
    ]
    assert path.read_text(encoding="utf-8") == "edited\n"


def test_cli_init_notes_a_different_schema_on_one_line(tmp_path: Path) -> None:
    (tmp_path / SCHEMA_FILE).write_text("{}\n", encoding="utf-8")
    r = _init(str(tmp_path / "me.yaml"))
    assert r.exit_code == 0, r.output
    notes = [line for line in r.stderr.splitlines() if "differs" in line]
    assert len(notes) == 1 and notes[0].startswith("note: ")
    assert (tmp_path / SCHEMA_FILE).read_text(encoding="utf-8") == "{}\n"


@pytest.mark.parametrize(("profile", "lang"), COMBOS)
def test_starter_shows_a_quoted_percent_unit(profile: str, lang: str) -> None:
    text = starter_record(profile, lang)
    example = next(line for line in text.split("\n") if 'unit: "%"' in line)
    uncommented = text.replace(example, example.replace("# - ", "- ", 1))
    record = load_record_text(uncommented)
    units = [m.unit for p in record.work for a in p.achievements for m in a.metrics]
    assert "%" in units
