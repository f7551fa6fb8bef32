"""The JSON Schema: generated from the field table, committed, never stale."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError

from resumegen.record import model
from resumegen.record.schema import OBJECTS, json_schema, schema_text
from resumegen.record.validate import validate_text
from resumegen.yamlio import Mapping, Node, Scalar, Sequence, load_text

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "schema" / "record.schema.json"

CLASSES = {
    "record": model.Record,
    "person": model.Person,
    "education": model.EducationEvent,
    "license": model.License,
    "position": model.Position,
    "achievement": model.Achievement,
    "metric": model.Metric,
    "star": model.Star,
    "target": model.Target,
    "options": model.Options,
    "record_en": model.RecordEn,
    "person_en": model.PersonEn,
    "education_en": model.EducationEn,
    "license_en": model.LicenseEn,
    "position_en": model.PositionEn,
    "achievement_en": model.AchievementEn,
    "metric_en": model.MetricEn,
    "target_en": model.TargetEn,
}
NOT_CAREER_DATA = {"source", "positions", "warnings"}


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schema/record.schema.json is stale; run "
        "python -m resumegen.record.schema > schema/record.schema.json"
    )
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == json_schema()


def test_module_prints_the_schema() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "resumegen.record.schema"],
        capture_output=True,
        check=True,
        cwd=ROOT,
    ).stdout.decode("utf-8")
    assert out == schema_text()


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_table_matches_model(name: str) -> None:
    """Every model field has a row in the table and every row a model field."""
    fields = {f.name for f in dataclasses.fields(CLASSES[name])} - NOT_CAREER_DATA
    assert set(OBJECTS[name]) == fields


def test_schema_shape() -> None:
    s = json_schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["required"] == ["schema", "lang", "person", "work"]
    assert s["additionalProperties"] is False
    assert s["properties"]["schema"]["const"] == 1
    assert s["properties"]["work"]["items"] == {"$ref": "#/$defs/position"}
    assert s["properties"]["desired"]["additionalProperties"]
    for name in OBJECTS:
        if name != "record":
            assert s["$defs"][name]["additionalProperties"] is False
    assert s["$defs"]["position"]["required"] == ["organization", "start", "end"]
    # an optional key may be left empty (null); a required one may not
    assert s["$defs"]["metric"]["properties"]["better"]["enum"] == ["higher", "lower", None]
    assert s["$defs"]["options"]["properties"]["era"]["enum"] == ["seireki", "wareki", None]
    assert s["$defs"]["position"]["properties"]["end"]["type"] == "string"
    assert s["$defs"]["person"]["properties"]["name"]["type"] == ["string", "number", "boolean"]
    assert s["$defs"]["person"]["properties"]["phone"]["type"][-1] == "null"
    assert s["properties"]["person"] == {"$ref": "#/$defs/person", "description": "The applicant."}


def test_every_ref_resolves() -> None:
    s = json_schema()
    refs: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "$ref" in node:
                refs.append(node["$ref"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(s)
    assert refs
    for ref in refs:
        assert ref.startswith("#/$defs/")
        assert ref.removeprefix("#/$defs/") in s["$defs"]


# ------------------------------------------- the schema as an editor applies it

STARTERS = sorted((ROOT / "resumegen" / "record" / "starters").glob("*.yaml"))
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def editor_view(node: Node) -> Any:
    """The JSON data an editor sees: YAML 1.2 core schema, as yaml-language-server reads it.

    Only plain scalars are resolved (``2019-04`` stays a string, ``0901234`` is
    a number, ``true`` a boolean, an empty value null); quoted ones are strings.
    """
    if isinstance(node, Mapping):
        return {k.text: editor_view(v) for k, v in node.items}
    if isinstance(node, Sequence):
        return [editor_view(item) for item in node.items]
    assert isinstance(node, Scalar)
    text = node.text
    if not node.plain:
        return text
    if node.is_null:
        return None
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _INT.fullmatch(text):
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def schema_errors(text: str) -> list[str]:
    root, _ = load_text(text, "r.yaml")
    validator = Draft202012Validator(json_schema())
    out: list[str] = []

    def add(error: ValidationError) -> None:
        out.append("/".join(str(p) for p in error.absolute_path) + ": " + error.message)
        for sub in error.context or ():  # inside anyOf / oneOf
            add(sub)

    for error in validator.iter_errors(editor_view(root)):
        add(error)
    return out


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("path", SAMPLES + STARTERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_samples_and_starters_match_the_schema(path: Path) -> None:
    assert schema_errors(path.read_text(encoding="utf-8")) == []


def test_six_starters_and_three_samples() -> None:
    assert len(STARTERS) == 6 and len(SAMPLES) == 3


GOOD = "schema: 1\nlang: ja\nperson:\n  name: 山田 花子\nwork: []\n"
CHANGE = (
    "work:\n  - organization: 病院\n    start: 2020-04\n    end: present\n"
    "    achievements:\n      - summary: 改善\n        metrics:\n          - "
)


def test_empty_optional_values_pass_like_the_validator() -> None:
    text = GOOD + "summary:\nskills:\noptions:\ndesired:\ntargets:\n"
    assert validate_text(text)[0] == []
    assert schema_errors(text) == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (GOOD.replace("schema: 1", "schema: 2"), "schema: "),
        (GOOD.replace("lang: ja", "lang: fr"), "lang: "),
        (GOOD + "wrok: []\n", ": Additional properties"),
        (GOOD.replace("work: []\n", ""), ": 'work' is a required"),
        (GOOD.replace("person:\n  name: 山田 花子\n", "person: [a]\n"), "person: "),
        (GOOD.replace("work: []", "work: 病院"), "work: "),
        (GOOD.replace("  name: 山田 花子\n", "  name: 山田 花子\n  nmae: x\n"), "person: "),
        (GOOD.replace("work: []\n", "") + CHANGE + "{name: n, value: 3, before: 2}\n", "metrics/0"),
        (GOOD.replace("work: []\n", "") + CHANGE + "{name: n, before: 2, after: 1}\n", "metrics/0"),
        (GOOD.replace("work: []\n", "") + CHANGE + "{name: n, value: 12%}\n", "value: "),
        (
            GOOD.replace("work: []\n", "")
            + CHANGE
            + "{name: n, before: 2, after: 1, better: up}\n",
            "better: ",
        ),
        (GOOD + "options: {era: heisei}\n", "era: "),
        (GOOD.replace("work: []\n", "work:\n  - {organization: 病院, start: 2020-04}\n"), "work/0"),
    ],
)
def test_bad_records_fail_the_schema_and_the_validator(text: str, where: str) -> None:
    assert validate_text(text)[0], "the validator accepts it"
    errors = schema_errors(text)
    assert any(where in e for e in errors), errors
