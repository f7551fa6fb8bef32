"""Batch runs end to end through the API (no Click), with the real loader and renderer.

What is checked is what an agent relies on: one folder a packet, failures
isolated and positioned, both manifests complete, reruns that write nothing,
and worker count not changing a single file.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from resumegen.batch import BatchResult, run_batch
from resumegen.render.pdf import find_soffice

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
PHYSICIAN = SAMPLES / "physician-ja.yaml"
SPECIALIST = SAMPLES / "clinical-specialist-ja.yaml"
ENGLISH = SAMPLES / "clinical-specialist-en.yaml"
SAMPLE_NAMES = {PHYSICIAN: "平田 健一", SPECIALIST: "佐藤 美咲", ENGLISH: "Daniel Okafor"}

FAMILY = ["青木", "石井", "上田", "江口", "大野", "加藤", "木村", "工藤", "小林", "斎藤"]
GIVEN = ["蒼", "葵", "陽翔", "結菜", "湊"]

# Five ways to break a record, each a different kind of error.
BREAKS: dict[str, tuple[str, str]] = {
    "bad-yaml": ("lang: ja", "lang: [ja"),
    "unknown-key": ("profile: ", "favourite_colour: blue\nprofile: "),
    "bad-date": ("start: 2009-04", "start: 2009-13"),
    "end-before-start": ("end: 2011-03", "end: 2008-03"),
    "bad-metric": ("before: 18, after: 7", "before: eighteen, after: 7"),
}


def _with_name(src: Path, name: str) -> str:
    text = src.read_text(encoding="utf-8")
    return text.replace(f"name: {SAMPLE_NAMES[src]}", f"name: '{name}'", 1)


def _docx_text(path: Path) -> str:
    """The visible text of a .docx (all parts that carry text)."""
    with zipfile.ZipFile(path) as z:
        xml = "".join(
            z.read(n).decode("utf-8")
            for n in z.namelist()
            if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)
        )
    return re.sub(r"<[^>]+>", "", xml)


def _docx_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in sorted(z.namelist())}


def _packet_files(out: Path) -> dict[str, dict[str, bytes]]:
    return {p.relative_to(out).as_posix(): _docx_parts(p) for p in sorted(out.rglob("*.docx"))}


def _jsonl(out: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (out / "manifest.jsonl").read_text("utf-8").splitlines()]


def _xlsx(out: Path) -> list[dict[str, Any]]:
    sheet = openpyxl.load_workbook(out / "manifest.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture(scope="module")
def fifty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """50 records with varied names, 5 of them broken in different ways."""
    folder = tmp_path_factory.mktemp("fifty")
    broken = iter(BREAKS.items())
    for i in range(50):
        name = f"{FAMILY[i % 10]} {GIVEN[i // 10]}"
        if i % 10 == 3:
            kind, (old, new) = next(broken)
            text = _with_name(PHYSICIAN, name)
            assert old in text, kind
            (folder / f"{i:02d}-{kind}.yaml").write_text(text.replace(old, new, 1), "utf-8")
        else:
            src = [PHYSICIAN, SPECIALIST][i % 2]
            (folder / f"{i:02d}.yaml").write_text(_with_name(src, name), "utf-8")
    return folder


def test_fifty_records_give_45_packets_and_5_positioned_errors(fifty: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    results = list(run_batch([fifty], out_dir=out, jobs=2, docs=["interview"]))
    assert len(results) == 50
    ok = [r for r in results if r.status == "ok"]
    errors = [r for r in results if r.status == "error"]
    assert len(ok) == 45 and len(errors) == 5
    for r in errors:
        assert r.error is not None and "\n" not in r.error
        kind = Path(r.source).stem.split("-", 1)[1]
        assert re.match(rf"{re.escape(r.source)}:\d+:\d+: ", r.error), r.error
        assert kind in BREAKS
    assert {Path(r.source).stem.split("-", 1)[1] for r in errors} == set(BREAKS)
    for r in ok:
        assert r.outputs  # one interview sheet per application in the record
        for output in r.outputs:
            path = Path(output["path"])
            assert output["doc"] == "interview" and path.is_file()
            assert path.parent.parent == out
            assert r.person is not None and r.person.replace(" ", "") in path.parent.name
    assert len({Path(r.outputs[0]["path"]).parent for r in ok}) == 45

    lines = _jsonl(out)
    assert sorted((x["source"], x["status"]) for x in lines) == sorted(
        (r.source, r.status) for r in results
    )
    assert all(set(x) >= {"source", "status", "outputs", "error"} for x in lines)
    rows = _xlsx(out)
    assert [x["source"] for x in rows] == sorted(r.source for r in results)
    assert sum(x["status"] == "error" for x in rows) == 5
    assert {x["error"] for x in rows if x["status"] == "error"} == {r.error for r in errors}
    assert all(x["interview"] for x in rows if x["status"] == "ok")


def test_roster_of_three_applications(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    record = tmp_path / "records" / "sato.yaml"
    record.write_text(SPECIALIST.read_text("utf-8"), "utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(["record", "target", "employer", "role", "emphasis", "motivation", "docs"])
    sheet.append(["records/sato.yaml", "medit-cs", None, None, None, None, "interview"])
    sheet.append(["records/sato.yaml", "msl", None, None, None, None, "interview, shokumu"])
    sheet.append(
        [
            "records/sato.yaml",
            None,
            "なにわ医療機器販売株式会社",
            "学術担当",
            "education、quality",
            "教育の経験を学術活動に活かしたい。",
            "interview",
        ]
    )
    sheet.append([])
    sheet.append([None, "msl", None, None, None, None, None])
    sheet.append(["records/sato.yaml", "msl", None, None, None, None, "resume"])
    book.save(tmp_path / "roster.xlsx")
    roster = tmp_path / "roster.xlsx"

    out = tmp_path / "out"
    results = {r.source: r for r in run_batch([roster], out_dir=out, jobs=1)}
    expected = {
        2: "ヘルステック・ソリューションズ株式会社",
        3: "関西メディカルサイエンス株式会社",
        4: "なにわ医療機器販売株式会社",
    }
    for row, employer in expected.items():
        r = results[f"{roster}:Sheet1!row {row}"]
        assert r.status == "ok", r.error
        sheet_path = next(Path(o["path"]) for o in r.outputs if o["doc"] == "interview")
        text = _docx_text(sheet_path)
        assert employer in text
        for other in set(expected.values()) - {employer}:
            assert other not in text
    assert [o["doc"] for o in results[f"{roster}:Sheet1!row 3"].outputs] == [
        "interview",
        "shokumu",
    ]
    assert results[f"{roster}:Sheet1!row 4"].target == "なにわ医療機器販売株式会社"
    assert results[f"{roster}:Sheet1!row 6"].error == f"{roster}:Sheet1!A6: no record in this row"
    bad_doc = results[f"{roster}:Sheet1!row 7"].error
    assert bad_doc is not None and "English text from `en` maps" in bad_doc
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [
        "佐藤美咲_medit-cs",
        "佐藤美咲_msl",
        "佐藤美咲_なにわ医療機器販売株式会社",
    ]


def test_hostile_name_stays_inside(tmp_path: Path) -> None:
    record = tmp_path / "x.yaml"
    record.write_text(_with_name(ENGLISH, "../../x"), "utf-8")
    out = tmp_path / "deep" / "out"
    (result,) = list(run_batch([record], out_dir=out, jobs=1))
    assert result.status == "ok", result.error
    for o in result.outputs:
        assert Path(o["path"]).resolve().parent.parent == out.resolve()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "x.yaml"]
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["out"]


def test_rerun_writes_nothing_new(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = list(run_batch([SAMPLES], out_dir=out, jobs=1))
    assert [r.status for r in first] == ["ok"] * 3
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")}
    assert len(stamps) >= 6
    second = list(run_batch([SAMPLES], out_dir=out, jobs=1))
    assert [r.status for r in second] == ["skipped"] * 3
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")} == stamps
    assert [x["status"] for x in _jsonl(out)] == ["skipped"] * 3
    assert [x["status"] for x in _xlsx(out)] == ["skipped"] * 3


def test_two_workers_give_the_same_files_as_one(fifty: Path, tmp_path: Path) -> None:
    picked = sorted(fifty.glob("*.yaml"))[:8]
    sources = [*picked, picked[0]]  # the same person twice: folder -2 must not race
    one = list(run_batch(sources, out_dir=tmp_path / "j1", jobs=1))
    two = list(run_batch(sources, out_dir=tmp_path / "j2", jobs=2))
    files = _packet_files(tmp_path / "j1")
    ok = [r for r in one if r.status == "ok"]
    assert len(ok) >= 6
    assert len(files) == sum(len(r.outputs) for r in ok) >= 3 * len(ok)
    assert _packet_files(tmp_path / "j2") == files

    def key(rs: list[BatchResult]) -> list[tuple[str, str]]:
        return sorted((r.source, r.status) for r in rs)

    assert key(one) == key(two)


@pytest.mark.skipif(find_soffice() is None, reason="needs LibreOffice (soffice)")
def test_pdf_batch_with_real_libreoffice(tmp_path: Path) -> None:
    out = tmp_path / "out"
    results = list(run_batch([SAMPLES], out_dir=out, jobs=2, pdf=True))
    assert [r.status for r in results if r.status != "ok"] == [], [r.error for r in results]
    docx = sorted(out.rglob("*.docx"))
    assert len(docx) >= 9
    for path in docx:
        pdf = path.with_suffix(".pdf")
        assert pdf.is_file(), pdf
        assert pdf.read_bytes()[:5] == b"%PDF-"
    listed = {o["path"] for r in results for o in r.outputs}
    assert listed == {str(p) for p in docx} | {str(p.with_suffix(".pdf")) for p in docx}
    assert {o["path"] for x in _jsonl(out) for o in x["outputs"]} == listed
    rows = _xlsx(out)
    assert len(rows) == 3
    for row in rows:
        docs = [k for k in row if k in ("shokumu", "rirekisho", "resume", "interview")]
        assert all(
            row[f"{d} (pdf)"] == Path(str(row[d])).with_suffix(".pdf").name for d in docs if row[d]
        )
    assert not list(out.rglob("*.part"))
