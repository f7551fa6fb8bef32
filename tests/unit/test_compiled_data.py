"""The precompiled bundled data is fresh, and equal to what parsing the YAML gives."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from resumegen.datacache import fingerprint, is_fresh, kinds, load_compiled, relocate

KINDS = kinds()


@pytest.mark.parametrize("name", sorted(KINDS))
def test_compiled_copy_is_fresh(name: str) -> None:
    sources, _build = KINDS[name]
    assert is_fresh(name, sources()), (
        f"resumegen/_compiled/{name}.pickle is stale: run `python tools/build_data.py`"
    )


@pytest.mark.parametrize("name", sorted(KINDS))
def test_compiled_copy_equals_the_parsed_yaml(name: str) -> None:
    sources, build = KINDS[name]
    parsed = build()
    stored = load_compiled(name, sources(), lambda: None)
    assert stored is not None
    assert pickle.dumps(stored) == pickle.dumps(relocate(parsed))


def test_compiled_copies_hold_no_build_machine_paths() -> None:
    root = str(Path(__file__).resolve().parents[2]).encode()
    for name, (sources, _build) in KINDS.items():
        stored = load_compiled(name, sources(), lambda: None)
        assert root not in pickle.dumps(stored), name


def test_a_changed_source_is_never_shadowed(tmp_path) -> None:
    sources, _build = KINDS["phrasebook-ja"]
    files = list(sources())
    edited = tmp_path / files[0].name
    edited.write_bytes(files[0].read_bytes() + b"\n# edited\n")
    assert fingerprint([edited, *files[1:]]) != fingerprint(files)
    sentinel = object()
    assert load_compiled("phrasebook-ja", [edited, *files[1:]], lambda: sentinel) is sentinel
