"""Item 13: with --pdf -j 1, a packet LibreOffice cannot convert fails alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_helpers import run_cli


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_bad_packet_is_isolated_when_it_comes_first(
    tmp_path: Path,
    make_record: Callable[..., Path],
    soffice: Path,
    monkeypatch: pytest.MonkeyPatch,
    jobs: str,
) -> None:
    recs = tmp_path / "recs"
    recs.mkdir()
    for name, person in (("a", "Bad Apple"), ("b", "Good Bee"), ("c", "Good Cat")):
        make_record(f"recs/{name}.yaml", person=person)
    monkeypatch.setenv("FAKE_SOFFICE_FAIL", "Bad")
    out = tmp_path / "out"
    r = run_cli("batch", str(recs), "-o", str(out), "-j", jobs, "--pdf", "--doc", "resume")
    assert r.exit_code == 1
    lines = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
    assert {x["person"]: x["status"] for x in lines} == {
        "Bad Apple": "error",
        "Good Bee": "ok",
        "Good Cat": "ok",
    }
    assert len(list(out.rglob("*.pdf"))) == 2
