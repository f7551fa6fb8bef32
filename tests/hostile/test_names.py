"""Item 8: file names from hostile ids and names: unique in a packet, cut by bytes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from hostile_helpers import run_cli

from resumegen.write import NAME_BYTES, fit_bytes, safe_name


def _outputs(out: Path) -> list[str]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [o["path"] for line in lines for o in json.loads(line)["outputs"]]


def test_target_ids_that_make_one_name_give_one_file_each(
    tmp_path: Path, make_record: Callable[..., Path]
) -> None:
    record = make_record(targets=["x/y", "x_y", "x y"])
    out = tmp_path / "out"
    r = run_cli("batch", str(record), "-o", str(out), "-j", "1", "--doc", "interview")
    assert r.exit_code == 0, r.output
    paths = _outputs(out)
    assert len(paths) == 3 and len(set(paths)) == 3
    assert all(Path(p).is_file() for p in paths)
    assert [Path(p).name for p in paths] == [
        "Interview-Sheet_Daniel_Okafor_x_y.docx",
        "Interview-Sheet_Daniel_Okafor_x_y-2.docx",
        "Interview-Sheet_Daniel_Okafor_x_y-3.docx",
    ]


def test_astral_names_are_cut_by_bytes(tmp_path: Path, make_record: Callable[..., Path]) -> None:
    record = make_record(person="𠮷" * 200, targets=["𩸽" * 200])
    out = tmp_path / "out"
    r = run_cli("batch", str(record), "-o", str(out), "-j", "1", "--doc", "resume")
    assert r.exit_code == 0, r.output
    (path,) = _outputs(out)
    name = Path(path).name
    assert name.startswith("Resume_𠮷") and name.endswith(".docx")
    assert len(name.encode()) <= NAME_BYTES
    assert len(Path(path).parent.name.encode()) <= NAME_BYTES


def test_render_cuts_names_by_bytes_too(tmp_path: Path, make_record: Callable[..., Path]) -> None:
    record = make_record(person="𠀀" * 200)
    r = run_cli("render", str(record), "--doc", "resume", "-o", str(tmp_path / "o"))
    assert r.exit_code == 0, r.output
    (written,) = (tmp_path / "o").iterdir()
    assert len(written.name.encode()) <= NAME_BYTES


def test_fit_bytes_cuts_at_a_character_boundary() -> None:
    assert fit_bytes("aé😀", 4) == "aé"
    assert fit_bytes("abc", 3) == "abc"
    assert len(safe_name("𠮷" * 100, max_len=100, max_bytes=10).encode()) == 8
