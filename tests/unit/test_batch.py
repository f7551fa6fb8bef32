"""Batch sources, rosters, naming, reruns, isolation and manifests.

The real loader reads the records; the renderer is a fake (fast, and able to
fail on demand), so these tests pin the batch logic itself. The end-to-end
tests in tests/e2e/test_batch_cli_free.py run the real renderer.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from resumegen import packet
from resumegen.batch import (
    BatchResult,
    Job,
    collect_jobs,
    run_batch,
    write_manifest_xlsx,
)
from resumegen.enrich.application import Application
from resumegen.errors import ArgumentError, ConversionError, OutputExistsError, WriteError
from resumegen.record.model import Record, Target
from resumegen.write import write_files

ROOT = Path(__file__).resolve().parents[2]
PHYSICIAN = ROOT / "samples" / "physician-ja.yaml"
SPECIALIST = ROOT / "samples" / "clinical-specialist-ja.yaml"
ENGLISH = ROOT / "samples" / "clinical-specialist-en.yaml"


class FakeRenderer:
    """Stands in for ``packet.render_application``; ``fail_for`` names make it raise."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, Any]] = []
        self.fail_for: dict[str, BaseException | Callable[[], None]] = {}

    def render_application(self, app: Application, doc: str, **kw: Any) -> bytes:
        record, target = app.record, app.target
        failure = self.fail_for.get(record.person.name)
        if isinstance(failure, BaseException):
            raise failure
        if failure is not None:
            failure()
        self.calls.append((record.person.name, doc, target))
        employer = target.employer if target is not None else ""
        return f"{doc}|{record.person.name}|{employer}".encode()


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeRenderer:
    renderer = FakeRenderer()
    monkeypatch.setattr(packet, "render_application", renderer.render_application)
    monkeypatch.setattr(packet, "default_docs", _default_docs)
    return renderer


def _default_docs(record: Record, target: Target | None = None) -> list[str]:
    return ["shokumu", "rirekisho"] if record.lang == "ja" else ["resume"]


def _variant(src: Path, dest: Path, name: str) -> Path:
    """A copy of a sample record with another person's name."""
    text = src.read_text(encoding="utf-8")
    original = "平田 健一" if "平田 健一" in text else "佐藤 美咲"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text.replace(f"name: {original}", f"name: '{name}'", 1), encoding="utf-8")
    return dest


def _roster(path: Path, rows: list[list[Any]], title: str = "Sheet1") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _jsonl(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text("utf-8").splitlines()]


def _xlsx_rows(out: Path) -> list[dict[str, Any]]:
    sheet = openpyxl.load_workbook(out / "manifest.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


# -------------------------------------------------------------------- sources


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ["b.yaml", "a.yml", "sub/c.yaml", ".hidden.yaml", ".git/d.yaml", "notes.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    jobs, errors = collect_jobs([tmp_path])
    assert errors == []
    assert [j.record.relative_to(tmp_path).as_posix() for j in jobs] == [
        "a.yml",
        "b.yaml",
        "sub/c.yaml",
    ]
    assert [j.index for j in jobs] == [0, 1, 2]
    assert jobs[2].source == str(tmp_path / "sub" / "c.yaml")


def test_bad_sources_are_errors_in_order(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "x.txt").write_text("x")
    jobs, errors = collect_jobs(
        [tmp_path / "missing.yaml", PHYSICIAN, tmp_path / "empty", tmp_path / "x.txt"]
    )
    assert [j.index for j in jobs] == [1]
    assert [e.index for e in errors] == [0, 2, 3]
    assert "no such file or folder" in errors[0].message
    assert "no .yaml records" in errors[1].message
    assert "not a record" in errors[2].message


def test_roster_rows_become_jobs(tmp_path: Path) -> None:
    _variant(SPECIALIST, tmp_path / "recs" / "sato.yaml", "佐藤 美咲")
    roster = _roster(
        tmp_path / "roster.xlsx",
        [
            ["Record", "TARGET", "employer", "role", "emphasis", "motivation", "docs"],
            ["recs/sato.yaml", "msl", None, None, None, None, "interview"],
            [],
            [
                "recs/sato.yaml",
                None,
                "北浜メディカル株式会社",
                "CS",
                "education、quality，sales",
                "x",
                None,
            ],
            ["recs/sato.yaml", None, None, None, None, None, "shokumu, interview"],
        ],
    )
    jobs, errors = collect_jobs([roster])
    assert errors == []
    assert [j.source for j in jobs] == [
        f"{roster}:Sheet1!row 2",
        f"{roster}:Sheet1!row 4",
        f"{roster}:Sheet1!row 5",
    ]
    assert jobs[0].target_id == "msl" and jobs[0].docs == ("interview",)
    adhoc = jobs[1].target
    assert adhoc is not None and adhoc.employer == "北浜メディカル株式会社"
    assert adhoc.id == "北浜メディカル株式会社"
    assert adhoc.emphasis == ("education", "quality", "sales")
    assert adhoc.role == "CS" and adhoc.motivation == "x"
    assert jobs[2].docs == ("shokumu", "interview") and jobs[2].target is None
    assert jobs[0].record == tmp_path / "recs" / "sato.yaml"


def test_bad_roster_rows_name_sheet_and_cell(tmp_path: Path) -> None:
    _variant(SPECIALIST, tmp_path / "sato.yaml", "佐藤 美咲")
    roster = _roster(
        tmp_path / "roster.xlsx",
        [
            ["docs", "record", "target", "employer", "role"],
            [None, "sato.yaml", "msl", None, None],
            ["interview", None, "msl", None, None],
            [None, "gone.yaml", None, None, None],
            [None, "sato.yaml", "msl", "X社", None],
            ["interveiw", "sato.yaml", None, None, None],
            [None, "sato.yaml", None, None, "CS"],
        ],
        title="申込",
    )
    jobs, errors = collect_jobs([roster])
    assert [j.source for j in jobs] == [f"{roster}:申込!row 2"]
    messages = [e.message for e in errors]
    assert messages[0] == f"{roster}:申込!B3: no record in this row"
    assert messages[1].startswith(f"{roster}:申込!B4: record `gone.yaml` not found")
    assert messages[2] == f"{roster}:申込!D5: give either `target` or `employer`, not both"
    assert (
        messages[3] == f"{roster}:申込!A6: unknown document `interveiw`; did you mean `interview`?"
    )
    assert messages[4] == f"{roster}:申込!E7: `role` needs an `employer` in the same row"
    assert errors[0].source == f"{roster}:申込!row 3"
    assert [e.index for e in errors] == [1, 2, 3, 4, 5]


def test_unknown_roster_column_suggests_and_stops_the_roster(tmp_path: Path) -> None:
    _variant(SPECIALIST, tmp_path / "sato.yaml", "佐藤 美咲")
    roster = _roster(tmp_path / "r.xlsx", [["record", "emploer"], ["sato.yaml", "X社"]])
    jobs, errors = collect_jobs([roster])
    assert jobs == []
    assert [e.message for e in errors] == [
        f"{roster}:Sheet1!B1: unknown column `emploer`; did you mean `employer`?"
    ]


def test_roster_without_record_column_or_rows(tmp_path: Path) -> None:
    no_record = _roster(tmp_path / "a.xlsx", [["target"], ["msl"]])
    empty = _roster(tmp_path / "b.xlsx", [])
    broken = tmp_path / "c.xlsx"
    broken.write_bytes(b"not a zip")
    jobs, errors = collect_jobs([no_record, empty, broken])
    assert jobs == []
    assert errors[0].message == f"{no_record}:Sheet1!A1: the header row needs a `record` column"
    assert "is empty" in errors[1].message
    assert errors[2].message.startswith(f"{broken}: cannot read this roster")


# ---------------------------------------------------------------- run_batch


def test_batch_writes_packets_and_both_manifests(tmp_path: Path, fake: FakeRenderer) -> None:
    recs = tmp_path / "recs"
    _variant(PHYSICIAN, recs / "a.yaml", "平田 健一")
    _variant(SPECIALIST, recs / "b.yaml", "佐藤 美咲")
    (recs / "c.yaml").write_text("schema: 1\nlang: ja\nperson: {name: X}\nwork: []\nwrok: []\n")
    out = tmp_path / "out"
    results = list(run_batch([recs], out_dir=out, jobs=1))
    assert [r.status for r in results] == ["ok", "ok", "error"]
    ok = results[0]
    assert ok.person == "平田 健一" and ok.target is None
    assert [o["doc"] for o in ok.outputs] == ["shokumu", "rirekisho"]
    assert ok.outputs[0]["path"] == str(out / "平田健一" / "職務経歴書_平田健一.docx")
    assert Path(ok.outputs[0]["path"]).read_bytes() == "shokumu|平田 健一|".encode()
    bad = results[2]
    assert bad.error is not None and bad.error.startswith(f"{recs / 'c.yaml'}:5:1: wrok:")
    assert "wrok" in bad.error and "\n" not in bad.error
    lines = _jsonl(out)
    assert [line["status"] for line in lines] == ["ok", "ok", "error"]
    assert set(lines[0]) >= {"source", "status", "outputs", "error", "person", "target", "seconds"}
    rows = _xlsx_rows(out)
    assert [(r["source"], r["status"]) for r in rows] == [(r.source, r.status) for r in results]
    assert rows[2]["error"] == bad.error
    assert rows[0]["shokumu"] == "職務経歴書_平田健一.docx"


def test_bad_roster_rows_are_reported_and_others_run(tmp_path: Path, fake: FakeRenderer) -> None:
    _variant(SPECIALIST, tmp_path / "sato.yaml", "佐藤 美咲")
    roster = _roster(
        tmp_path / "roster.xlsx",
        [["record", "target"], ["sato.yaml", "msl"], [None, "msl"], ["sato.yaml", "nope"]],
    )
    results = list(run_batch([roster], out_dir=tmp_path / "out", jobs=1))
    by_source = {r.source: r for r in results}
    assert by_source[f"{roster}:Sheet1!row 2"].status == "ok"
    assert by_source[f"{roster}:Sheet1!row 3"].error == f"{roster}:Sheet1!A3: no record in this row"
    assert by_source[f"{roster}:Sheet1!row 4"].error == (
        f"{roster}:Sheet1!row 4: unknown target `nope`; this record has: medit-cs, msl"
    )
    rows = _xlsx_rows(tmp_path / "out")
    assert [r["source"] for r in rows] == [f"{roster}:Sheet1!row {n}" for n in (2, 3, 4)]


def test_adhoc_application_reaches_the_renderer(tmp_path: Path, fake: FakeRenderer) -> None:
    _variant(SPECIALIST, tmp_path / "sato.yaml", "佐藤 美咲")
    roster = _roster(
        tmp_path / "roster.xlsx",
        [
            ["record", "employer", "role", "docs"],
            ["sato.yaml", "北浜メディカル株式会社", "CS", "interview"],
        ],
    )
    (result,) = list(run_batch([roster], out_dir=tmp_path / "out", jobs=1))
    assert result.status == "ok" and result.target == "北浜メディカル株式会社"
    path = Path(result.outputs[0]["path"])
    assert path.parent.name == "佐藤美咲_北浜メディカル株式会社"
    assert path.read_bytes().decode().endswith("|北浜メディカル株式会社")


def test_dangerous_and_colliding_names_stay_inside(tmp_path: Path, fake: FakeRenderer) -> None:
    recs = tmp_path / "recs"
    _variant(PHYSICIAN, recs / "1.yaml", "../../x")
    _variant(PHYSICIAN, recs / "2.yaml", "..\\..\\x")
    _variant(PHYSICIAN, recs / "3.yaml", "manifest.xlsx")
    out = tmp_path / "a" / "out"
    results = list(run_batch([recs], out_dir=out, jobs=1))
    assert [r.status for r in results] == ["ok"] * 3
    folders = [Path(r.outputs[0]["path"]).parent for r in results]
    assert [f.name for f in folders] == ["x", "x-2", "manifest-2.xlsx"]
    for r in results:
        for o in r.outputs:
            assert Path(o["path"]).resolve().is_relative_to(out.resolve())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "recs"]


def test_rerun_skips_without_force_and_rewrites_with_it(tmp_path: Path, fake: FakeRenderer) -> None:
    out = tmp_path / "out"
    first = list(run_batch([PHYSICIAN], out_dir=out, jobs=1))
    paths = [Path(o["path"]) for o in first[0].outputs]
    mtimes = [p.stat().st_mtime_ns for p in paths]
    fake.calls.clear()
    second = list(run_batch([PHYSICIAN], out_dir=out, jobs=1))
    assert [r.status for r in second] == ["skipped"]
    assert second[0].outputs == first[0].outputs
    assert [p.stat().st_mtime_ns for p in paths] == mtimes
    assert fake.calls == []
    assert _jsonl(out)[0]["status"] == "skipped"
    third = list(run_batch([PHYSICIAN], out_dir=out, jobs=1, force=True))
    assert [r.status for r in third] == ["ok"] and len(fake.calls) == 2


def test_partly_existing_packet_is_completed_without_force(
    tmp_path: Path, fake: FakeRenderer
) -> None:
    out = tmp_path / "out"
    list(run_batch([PHYSICIAN], out_dir=out, jobs=1))
    kept = out / "平田健一" / "職務経歴書_平田健一.docx"
    mtime = kept.stat().st_mtime_ns
    (out / "平田健一" / "履歴書_平田健一.docx").unlink()
    (result,) = list(run_batch([PHYSICIAN], out_dir=out, jobs=1))
    assert result.status == "ok"
    assert (out / "平田健一" / "履歴書_平田健一.docx").exists()
    assert kept.stat().st_mtime_ns == mtime


def test_a_failing_packet_fails_alone(tmp_path: Path, fake: FakeRenderer) -> None:
    recs = tmp_path / "recs"
    for i, name in enumerate(["甲 一", "乙 二", "丙 三"]):
        _variant(PHYSICIAN, recs / f"{i}.yaml", name)
    fake.fail_for["乙 二"] = RuntimeError("template exploded")
    results = list(run_batch([recs], out_dir=tmp_path / "out", jobs=1))
    assert [r.status for r in results] == ["ok", "error", "ok"]
    assert results[1].error == f"{recs / '1.yaml'}: internal error: RuntimeError: template exploded"
    assert results[1].person == "乙 二"
    assert not (tmp_path / "out" / "乙二").exists()


def test_docs_option_and_language_mismatch(tmp_path: Path, fake: FakeRenderer) -> None:
    results = list(
        run_batch([PHYSICIAN, ENGLISH], out_dir=tmp_path / "out", jobs=1, docs=["shokumu"])
    )
    assert results[0].status == "ok" and [o["doc"] for o in results[0].outputs] == ["shokumu"]
    assert results[1].status == "error"
    assert results[1].error is not None and "not available for a `en` record" in results[1].error
    with pytest.raises(ArgumentError) as info:
        list(run_batch([PHYSICIAN], out_dir=tmp_path / "o2", docs=["shokumuu"]))
    assert info.value.param == "docs" and "did you mean `shokumu`" in str(info.value)
    assert not (tmp_path / "o2").exists()


def test_interrupt_closes_manifests_with_what_was_done(tmp_path: Path, fake: FakeRenderer) -> None:
    recs = tmp_path / "recs"
    for i, name in enumerate(["甲 一", "乙 二", "丙 三"]):
        _variant(PHYSICIAN, recs / f"{i}.yaml", name)
    fake.fail_for["乙 二"] = KeyboardInterrupt()
    out = tmp_path / "out"
    seen: list[BatchResult] = []
    with pytest.raises(KeyboardInterrupt):
        for result in run_batch([recs], out_dir=out, jobs=1):
            seen.append(result)
    assert [r.status for r in seen] == ["ok"]
    assert len(_jsonl(out)) == 1
    assert [r["person"] for r in _xlsx_rows(out)] == ["甲 一"]
    assert sorted(p.name for p in out.iterdir()) == ["manifest.jsonl", "manifest.xlsx", "甲一"]


def test_stopping_early_still_writes_the_manifest(tmp_path: Path, fake: FakeRenderer) -> None:
    out = tmp_path / "out"
    stream = run_batch([PHYSICIAN, SPECIALIST], out_dir=out, jobs=1)
    first = next(stream)
    stream.close()
    assert [r["source"] for r in _xlsx_rows(out)] == [first.source]


# ----------------------------------------------------------------- manifest


def test_manifest_xlsx_layout(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "p").mkdir(parents=True)
    results = [
        BatchResult("b.yaml", "error", error="b.yaml:3:1: bad", index=1),
        BatchResult(
            "a.yaml",
            "ok",
            outputs=[
                {"doc": "interview", "path": str(out / "p" / "面接準備シート_A.docx")},
                {"doc": "shokumu", "path": str(out / "p" / "職務経歴書_A.docx")},
                {"doc": "shokumu", "path": str(out / "p" / "職務経歴書_A.pdf")},
            ],
            person="A",
            target="t",
            seconds=1.23456,
            index=0,
        ),
    ]
    write_manifest_xlsx(out / "manifest.xlsx", results)
    sheet = openpyxl.load_workbook(out / "manifest.xlsx").active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header == [
        "source", "status", "person", "target",
        "shokumu", "shokumu (pdf)", "interview", "error", "seconds",
    ]  # fmt: skip
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I3"
    assert [sheet.cell(row=r, column=1).value for r in (2, 3)] == ["a.yaml", "b.yaml"]
    link = sheet.cell(row=2, column=5)
    assert link.value == "職務経歴書_A.docx"
    assert link.hyperlink is not None and link.hyperlink.target == "p/職務経歴書_A.docx"
    assert sheet.cell(row=2, column=7).hyperlink.target == "p/面接準備シート_A.docx"
    assert sheet.cell(row=3, column=8).value == "b.yaml:3:1: bad"
    assert sheet.cell(row=2, column=9).value == 1.235
    assert sheet.column_dimensions["A"].width >= 8
    assert sheet.column_dimensions["H"].width == len("b.yaml:3:1: bad") + 2


def test_job_is_picklable() -> None:
    import pickle

    job = Job("s", PHYSICIAN, target_id="x", docs=("shokumu",), index=3)
    assert pickle.loads(pickle.dumps(job)) == job


# --------------------------------------------------------------------- pool

needs_fork = pytest.mark.skipif(
    __import__("multiprocessing").get_start_method() != "fork",
    reason="the fake renderer reaches workers only through fork",
)


def _tree(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith("manifest.")
    }


@needs_fork
def test_pool_gives_the_same_files_and_order_as_inline(tmp_path: Path, fake: FakeRenderer) -> None:
    recs = tmp_path / "recs"
    for i in range(6):  # three people, each twice: the collision suffixes must not race
        _variant(PHYSICIAN, recs / f"{i}.yaml", ["甲 一", "乙 二", "丙 三"][i % 3])
    (recs / "9.yaml").write_text("schema: 1\n")
    one = list(run_batch([recs], out_dir=tmp_path / "j1", jobs=1))
    two = list(run_batch([recs], out_dir=tmp_path / "j2", jobs=2))
    assert _tree(tmp_path / "j1") == _tree(tmp_path / "j2")
    assert len(_tree(tmp_path / "j1")) == 12
    key = sorted((r.source, r.status, r.person) for r in one)
    assert sorted((r.source, r.status, r.person) for r in two) == key
    assert [r["source"] for r in _xlsx_rows(tmp_path / "j2")] == [r.source for r in one]


@needs_fork
def test_pool_survives_a_dying_worker(tmp_path: Path, fake: FakeRenderer) -> None:
    recs = tmp_path / "recs"
    for i, name in enumerate(["甲 一", "乙 二"]):
        _variant(PHYSICIAN, recs / f"{i}.yaml", name)
    fake.fail_for["乙 二"] = lambda: os._exit(3)  # a worker that dies mid-packet
    results = list(run_batch([recs], out_dir=tmp_path / "out", jobs=2))
    assert len(results) == 2
    assert all(r.status in ("ok", "error") for r in results)
    assert any(r.status == "error" for r in results)
    assert len(_jsonl(tmp_path / "out")) == 2


def test_manifest_keeps_hostile_text_as_text(tmp_path: Path) -> None:
    results = [
        BatchResult('=HYPERLINK("http://x")', "error", error="bad\x01byte", person="=1+1"),
    ]
    write_manifest_xlsx(tmp_path / "m.xlsx", results)
    sheet = openpyxl.load_workbook(tmp_path / "m.xlsx").active
    assert sheet is not None
    assert sheet["A2"].value == '=HYPERLINK("http://x")' and sheet["A2"].data_type == "s"
    assert sheet["C2"].value == "=1+1" and sheet["C2"].data_type == "s"
    assert sheet["E2"].value == "bad\ufffdbyte"


@needs_fork
def test_pool_stopped_early_leaves_consistent_manifests(tmp_path: Path, fake: FakeRenderer) -> None:
    recs = tmp_path / "recs"
    for i in range(12):
        _variant(PHYSICIAN, recs / f"{i:02d}.yaml", f"甲 {i}")
    out = tmp_path / "out"
    stream = run_batch([recs], out_dir=out, jobs=2)
    first = next(stream)
    stream.close()  # what Ctrl-C in the caller's loop amounts to
    lines = _jsonl(out)
    assert first.source in {x["source"] for x in lines}
    assert 1 <= len(lines) <= 12  # how many finish before the stop depends on timing
    assert sorted(x["source"] for x in lines) == [x["source"] for x in _xlsx_rows(out)]
    written = {p.parent.name for p in out.rglob("*.docx")}
    assert written == {Path(x["outputs"][0]["path"]).parent.name for x in lines}
    assert not list(out.rglob("*.part"))


# ---------------------------------------------------------------- writing


def test_write_packet_is_atomic_and_refuses_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    written = write_files(folder, {"a.docx": b"A", "b.docx": b"B"}, force=False, follow=False)
    assert written == [folder / "a.docx", folder / "b.docx"]
    assert (folder / "a.docx").read_bytes() == b"A"
    mode = (folder / "a.docx").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
    with pytest.raises(OutputExistsError, match=r"a\.docx exists"):
        write_files(folder, {"new.docx": b"X"}, force=False, also=["a.docx"], follow=False)
    (folder / "c.pdf").write_bytes(b"old")
    with pytest.raises(OutputExistsError, match=r"a\.docx exists"):
        write_files(folder, {"a.docx": b"X"}, force=False, also=["c.pdf"], follow=False)
    assert (folder / "a.docx").read_bytes() == b"A"
    write_files(folder, {"a.docx": b"X"}, force=True, follow=False)
    assert (folder / "a.docx").read_bytes() == b"X"
    with pytest.raises(WriteError, match="would leave"):
        write_files(folder, {"../x.docx": b"X"}, force=True, follow=False)
    assert sorted(p.name for p in folder.iterdir()) == ["a.docx", "b.docx", "c.pdf"]
    assert not (folder / "new.docx").exists()


def test_write_packet_failure_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    (folder / "b.docx").mkdir(parents=True)  # a folder where a file should go
    (folder / "b.docx" / "keep").write_text("x")
    with pytest.raises(WriteError, match=r"cannot write .*b\.docx"):
        write_files(
            folder, {"a.docx": b"A", "b.docx": b"B", "c.docx": b"C"}, force=True, follow=False
        )
    assert sorted(p.name for p in folder.iterdir()) == ["a.docx", "b.docx"]
    assert not list(folder.rglob("*.part"))


# -------------------------------------------------------------------- PDFs

_FAKE_SOFFICE = """#!{python}
import os, pathlib, sys
args = sys.argv[1:]
if "--convert-to" not in args:
    sys.exit("fake soffice: converts only; cannot keep running")
docs = [pathlib.Path(a) for a in args if a.endswith(".docx")]
with open(os.environ["FAKE_SOFFICE_LOG"], "a", encoding="utf-8") as log:
    log.write(f"{{len(docs)}}\\n")
if os.environ.get("FAKE_SOFFICE_BROKEN"):
    sys.exit("soffice: cannot open display")
out = pathlib.Path(args[args.index("--outdir") + 1])
fail = os.environ.get("FAKE_SOFFICE_FAIL", "\\0").encode()
for doc in docs:
    data = doc.read_bytes()
    if fail not in data:
        (out / (doc.stem + ".pdf")).write_bytes(b"%PDF-fake " + data)
"""


@pytest.fixture
def soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake ``soffice`` first on PATH; returns its log (one line a run: documents)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "soffice"
    exe.write_text(_FAKE_SOFFICE.format(python=sys.executable), encoding="utf-8")
    exe.chmod(0o755)
    log = tmp_path / "soffice.log"
    log.write_text("")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return log


def _runs(log: Path) -> list[int]:
    return [int(n) for n in log.read_text().split()]


def _people(recs: Path, names: list[str]) -> None:
    for i, name in enumerate(names):
        _variant(PHYSICIAN, recs / f"{i}.yaml", name)


def test_pdf_chunk_sizes() -> None:
    from resumegen.batch.packets import PdfWork
    from resumegen.batch.pdf import PDF_CHUNK_MAX, pdf_chunks
    from resumegen.batch.plan import Plan

    plan = Plan("x", None, (), "x", 0.0)

    def work(n_packets: int, docs: int) -> list[PdfWork]:
        return [
            PdfWork(Job("s", PHYSICIAN, index=i), plan, Path("p"), ("d",) * docs, 0.0)
            for i in range(n_packets)
        ]

    def sizes(chunks: list[list[PdfWork]]) -> list[int]:
        return [sum(len(w.docx) for w in c) for c in chunks]

    assert sizes(pdf_chunks(work(10, 3), 2)) == [15, 15]
    assert sizes(pdf_chunks(work(3, 3), 4)) == [3, 3, 3]
    assert sizes(pdf_chunks(work(1, 3), 2)) == [3]
    big = pdf_chunks(work(1000, 3), 2)
    assert len(big) % 2 == 0 and max(sizes(big)) <= PDF_CHUNK_MAX + 3
    assert len(big) == 2 * -(-3000 // (2 * PDF_CHUNK_MAX))
    flat = [w.job.index for c in big for w in c]
    assert flat == list(range(1000))


def test_pdf_one_libreoffice_run_for_many_packets(
    tmp_path: Path, fake: FakeRenderer, soffice: Path
) -> None:
    recs = tmp_path / "recs"
    _people(recs, ["甲 一", "乙 二", "丙 三", "甲 一"])  # the same file names twice
    out = tmp_path / "out"
    results = list(run_batch([recs], out_dir=out, jobs=1, pdf=True))
    assert [r.status for r in results] == ["ok"] * 4
    assert _runs(soffice) == [8]  # one run, every document of every packet
    for r in results:
        docx = [Path(o["path"]) for o in r.outputs if o["path"].endswith(".docx")]
        pdfs = [Path(o["path"]) for o in r.outputs if o["path"].endswith(".pdf")]
        assert [p.with_suffix(".pdf") for p in docx] == pdfs
        for d, p in zip(docx, pdfs, strict=True):
            assert p.read_bytes() == b"%PDF-fake " + d.read_bytes()
    assert results[3].outputs[0]["path"].startswith(str(out / "甲一-2"))
    rows = _xlsx_rows(out)
    assert rows[0]["shokumu (pdf)"] == "職務経歴書_甲一.pdf"
    assert all(len(line["outputs"]) == 4 for line in _jsonl(out))
    assert not list(out.rglob("*.part"))


@needs_fork
def test_pdf_one_run_a_worker(tmp_path: Path, fake: FakeRenderer, soffice: Path) -> None:
    recs = tmp_path / "recs"
    _people(recs, ["甲 一", "乙 二", "丙 三", "丁 四", "戊 五"])
    results = list(run_batch([recs], out_dir=tmp_path / "out", jobs=2, pdf=True))
    assert [r.status for r in results] == ["ok"] * 5
    assert sorted(_runs(soffice)) == [4, 6]


def test_pdf_failure_fails_its_packet_and_keeps_its_docx(
    tmp_path: Path, fake: FakeRenderer, soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recs = tmp_path / "recs"
    _people(recs, ["甲 一", "乙 二", "丙 三", "丁 四", "戊 五", "己 六", "庚 七", "辛 八"])
    monkeypatch.setenv("FAKE_SOFFICE_FAIL", "丙 三")
    out = tmp_path / "out"
    results = list(run_batch([recs], out_dir=out, jobs=1, pdf=True))
    assert [r.status for r in results] == ["ok", "ok", "error", "ok", "ok", "ok", "ok", "ok"]
    assert _runs(soffice) == [16, 8, 4, 4, 2, 2, 8]  # halves, depth first, to the bad one
    bad = results[2]
    assert bad.error is not None and bad.error.startswith(f"{recs / '2.yaml'}: ")
    assert "丙三" in bad.error and "\n" not in bad.error
    kept = sorted(Path(o["path"]).name for o in bad.outputs)
    assert kept == ["履歴書_丙三.docx", "職務経歴書_丙三.docx"]
    assert all(Path(o["path"]).is_file() for o in bad.outputs)
    assert not list((out / "丙三").glob("*.pdf"))
    lines = {x["source"]: x for x in _jsonl(out)}
    assert lines[bad.source]["status"] == "error" and lines[bad.source]["error"] == bad.error
    rows = {r["source"]: r for r in _xlsx_rows(out)}
    assert rows[bad.source]["error"] == bad.error
    assert rows[bad.source]["shokumu"] == "職務経歴書_丙三.docx"
    assert rows[bad.source]["shokumu (pdf)"] in ("", None)

    # A rerun makes only the missing PDFs, from the .docx already there.
    monkeypatch.delenv("FAKE_SOFFICE_FAIL")
    soffice.write_text("")
    fake.calls.clear()
    stamp = (out / "丙三" / "職務経歴書_丙三.docx").stat().st_mtime_ns
    again = list(run_batch([recs], out_dir=out, jobs=1, pdf=True))
    assert [r.status for r in again] == ["skipped"] * 7 + ["ok"]  # PDFs come last
    assert again[-1].source == bad.source and len(again[-1].outputs) == 4
    assert fake.calls == [] and _runs(soffice) == [2]
    assert (out / "丙三" / "職務経歴書_丙三.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "丙三" / "職務経歴書_丙三.docx").stat().st_mtime_ns == stamp


def test_broken_libreoffice_fails_every_packet_without_endless_retries(
    tmp_path: Path, fake: FakeRenderer, soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recs = tmp_path / "recs"
    _people(recs, [f"甲 {i}" for i in range(16)])
    monkeypatch.setenv("FAKE_SOFFICE_BROKEN", "1")
    out = tmp_path / "out"
    results = list(run_batch([recs], out_dir=out, jobs=1, pdf=True))
    assert [r.status for r in results] == ["error"] * 16
    assert _runs(soffice) == [32, 16, 8, 4, 2, 1]  # down to one packet, a probe, no more
    assert all(r.error and "cannot open display" in r.error for r in results)
    assert len(list(out.rglob("*.docx"))) == 32
    assert len(_jsonl(out)) == 16 and len(_xlsx_rows(out)) == 16


def test_pdf_without_libreoffice_is_refused_before_writing(
    tmp_path: Path, fake: FakeRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resumegen.render import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda path_env=None: None)
    with pytest.raises(ConversionError, match="LibreOffice"):
        list(run_batch([PHYSICIAN], out_dir=tmp_path / "out", pdf=True))
    assert not (tmp_path / "out").exists()


def test_stopping_during_pdfs_records_the_rest(
    tmp_path: Path, fake: FakeRenderer, soffice: Path
) -> None:
    recs = tmp_path / "recs"
    _people(recs, ["甲 一", "乙 二", "丙 三", "丁 四"])
    out = tmp_path / "out"
    stream = run_batch([recs], out_dir=out, jobs=1, pdf=True)
    first = next(stream)  # every PDF is made in this one run; the rest wait to be written
    stream.close()
    lines = _jsonl(out)
    assert [x["status"] for x in lines] == ["ok", "error", "error", "error"]
    assert lines[0]["source"] == first.source
    assert all("stopped before its PDFs were made" in x["error"] for x in lines[1:])
    assert len(_xlsx_rows(out)) == 4
    assert len(list(out.rglob("*.docx"))) == 8 and len(list(out.rglob("*.pdf"))) == 2


@needs_fork
def test_pool_renders_packets_whose_folder_exists_but_is_empty(
    tmp_path: Path, fake: FakeRenderer
) -> None:
    recs = tmp_path / "recs"
    _people(recs, ["甲 一", "乙 二", "丙 三", "甲 一"])
    (tmp_path / "j2" / "乙二").mkdir(parents=True)  # a worker cannot know it is no skip
    (tmp_path / "j2" / "甲一-2").mkdir(parents=True)
    one = list(run_batch([recs], out_dir=tmp_path / "j1", jobs=1))
    two = list(run_batch([recs], out_dir=tmp_path / "j2", jobs=2))
    assert [r.status for r in two] == ["ok"] * 4
    assert _tree(tmp_path / "j2") == _tree(tmp_path / "j1")
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "j2").rglob("*.docx")}
    again = list(run_batch([recs], out_dir=tmp_path / "j2", jobs=2))
    assert [r.status for r in again] == ["skipped"] * 4
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "j2").rglob("*.docx")} == stamps
    assert sorted(r.source for r in one) == sorted(r.source for r in again)
