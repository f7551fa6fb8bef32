"""`batch --target` and `--paper`: a folder batch for one application, US Letter résumés."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import docx
from click.testing import CliRunner

from resumegen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def _batch(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["batch", *args, "--json"], catch_exceptions=False)
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_target_applies_to_every_record_and_fails_alone_where_missing(tmp_path: Path) -> None:
    recs = tmp_path / "recs"
    recs.mkdir()
    for name in ("clinical-specialist-ja.yaml", "physician-ja.yaml"):
        shutil.copy(SAMPLES / name, recs / name)
    rows = _batch(str(recs), "-o", str(tmp_path / "out"), "-j", "1", "--target", "msl")
    by_source = {Path(str(r["source"])).name: r for r in rows}
    ok = by_source["clinical-specialist-ja.yaml"]
    assert ok["status"] == "ok" and ok["target"] == "msl"
    names = [Path(str(o["path"])).name for o in ok["outputs"]]  # type: ignore[attr-defined]
    assert names and all(n.endswith("_msl.docx") for n in names)
    bad = by_source["physician-ja.yaml"]
    assert bad["status"] == "error" and "unknown target `msl`" in str(bad["error"])


def test_paper_letter_lays_out_the_resume_on_letter(tmp_path: Path) -> None:
    rows = _batch(
        str(SAMPLES / "clinical-specialist-en.yaml"),
        "-o",
        str(tmp_path / "out"),
        "-j",
        "1",
        "--paper",
        "letter",
        "--doc",
        "resume",
    )
    (path,) = [Path(str(o["path"])) for o in rows[0]["outputs"]]  # type: ignore[attr-defined]
    section = docx.Document(io.BytesIO(path.read_bytes())).sections[0]
    assert abs(section.page_width.inches - 8.5) < 0.01


def test_each_interview_sheet_says_which_target_it_is_for(tmp_path: Path) -> None:
    rows = _batch(
        str(SAMPLES / "clinical-specialist-ja.yaml"), "-o", str(tmp_path / "o"), "-j", "1"
    )
    outputs = rows[0]["outputs"]
    assert rows[0]["target"] is None
    by_doc = [(o["doc"], o.get("target")) for o in outputs]  # type: ignore[union-attr]
    assert by_doc == [
        ("shokumu", None),
        ("rirekisho", None),
        ("interview", "medit-cs"),
        ("interview", "msl"),
    ]
    result = CliRunner().invoke(
        cli,
        [
            "render",
            str(SAMPLES / "clinical-specialist-ja.yaml"),
            "-o",
            str(tmp_path / "r"),
            "--json",
        ],
        catch_exceptions=False,
    )
    rendered = json.loads(result.stdout)["outputs"]
    assert [o.get("target") for o in rendered if o["doc"] == "interview"] == ["medit-cs", "msl"]


def test_a_bad_record_named_by_a_roster_row_names_the_row(tmp_path: Path) -> None:
    import openpyxl

    (tmp_path / "bad.yaml").write_text("schema: 1\nlang: ja\nperson:\n  nmae: x\n", "utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["record"])
    sheet.append(["bad.yaml"])
    book.save(tmp_path / "roster.xlsx")
    (row,) = _batch(str(tmp_path / "roster.xlsx"), "-o", str(tmp_path / "o"), "-j", "1")
    error = str(row["error"])
    assert error.startswith(f"{tmp_path / 'roster.xlsx'}:")
    assert "!row 2: " in error and "bad.yaml:4:3: person.nmae" in error
