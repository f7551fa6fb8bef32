"""The JSON Schema: generated from the field table, committed, never stale."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from resumegen.record import model
from resumegen.record.schema import OBJECTS, json_schema, schema_text

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
    assert s["$defs"]["metric"]["properties"]["better"]["enum"] == ["higher", "lower"]
    assert s["$defs"]["options"]["properties"]["era"]["enum"] == ["seireki", "wareki"]


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
