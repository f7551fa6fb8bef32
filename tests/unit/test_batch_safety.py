"""Batch runs on hostile input: symbolic links in the output, rosters that reach out or blow up.

The renderer is the fake of test_batch.py (fast; able to fail on demand).
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_batch import PHYSICIAN, SPECIALIST, FakeRenderer, _jsonl, _roster, _variant, _xlsx_rows
from test_batch import fake as fake  # the fixture, under its own name

from resumegen.batch import collect_jobs, run_batch, write_manifest_xlsx
from resumegen.batch.manifest import BatchResult
from resumegen.batch.roster import MAX_CELL_CHARS
from resumegen.errors import WriteError
from resumegen.text import excerpt

# ----------------------------------------------------------- symbolic links


def test_a_packet_folder_that_is_a_link_is_refused(tmp_path: Path, fake: FakeRenderer) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "平田健一").symlink_to(elsewhere, target_is_directory=True)
    for force in (False, True):
        (result,) = list(run_batch([PHYSICIAN], out_dir=out, jobs=1, force=force))
        assert result.status == "error"
        assert result.error == (
            f"{PHYSICIAN}: {out / '平田健一'} is a symbolic link; refusing to write through it;"
            " remove the link or choose another output folder"
        )
        assert list(elsewhere.iterdir()) == []
        assert _jsonl(out)[0]["error"] == result.error
        assert _xlsx_rows(out)[0]["error"] == result.error


def test_a_linked_packet_folder_holding_the_files_is_not_a_skip(
    tmp_path: Path, fake: FakeRenderer
) -> None:
    first = tmp_path / "first"
    list(run_batch([PHYSICIAN], out_dir=first, jobs=1))
    out = tmp_path / "out"
    out.mkdir()
    (out / "平田健一").symlink_to(first / "平田健一", target_is_directory=True)
    (result,) = list(run_batch([PHYSICIAN], out_dir=out, jobs=1))
    assert result.status == "error" and "symbolic link" in (result.error or "")


@pytest.mark.parametrize("name", ["manifest.jsonl", "manifest.xlsx"])
@pytest.mark.parametrize("force", [False, True])
def test_a_manifest_that_is_a_link_is_never_written_through(
    tmp_path: Path, fake: FakeRenderer, name: str, force: bool
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / name).symlink_to(victim)
    with pytest.raises(WriteError, match=rf"{re.escape(name)} is a symbolic link; refusing"):
        list(run_batch([PHYSICIAN], out_dir=out, jobs=1, force=force))
    assert victim.read_text() == "precious"
    assert sorted(p.name for p in out.iterdir()) == [name]


def test_a_manifest_made_a_link_during_the_run_is_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "manifest.xlsx").symlink_to(victim)
    with pytest.raises(WriteError, match="symbolic link"):
        write_manifest_xlsx(tmp_path / "manifest.xlsx", [BatchResult("s", "ok")])
    assert victim.read_text() == "precious"


def test_an_earlier_manifest_is_replaced_not_truncated(tmp_path: Path, fake: FakeRenderer) -> None:
    out = tmp_path / "out"
    list(run_batch([PHYSICIAN], out_dir=out, jobs=1))
    hard = tmp_path / "hard-link.jsonl"
    hard.hardlink_to(out / "manifest.jsonl")
    before = hard.read_text()
    list(run_batch([PHYSICIAN, SPECIALIST], out_dir=out, jobs=1))
    assert hard.read_text() == before  # a new file took the name; the old one is intact
    assert len(_jsonl(out)) == 2


# ------------------------------------------------------------------ rosters


def _patch_sheet(path: Path, edit: Any) -> None:
    """Rewrite the first worksheet's XML of *path* with *edit* (text -> text)."""
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = edit(parts[sheet].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)


def _messages(roster: Path, **kw: Any) -> tuple[list[str], list[str]]:
    jobs, errors = collect_jobs([roster], **kw)
    return [j.source for j in jobs], [e.message for e in errors]


@pytest.mark.parametrize(
    "cell",
    ["../outside.yaml", "{outside}", "sub/../../outside.yaml", "link.yaml"],
)
def test_roster_records_must_stay_in_the_roster_folder(tmp_path: Path, cell: str) -> None:
    outside = _variant(SPECIALIST, tmp_path / "outside.yaml", "佐藤 美咲")
    folder = tmp_path / "rosters"
    (folder / "sub").mkdir(parents=True)
    (folder / "link.yaml").symlink_to(outside)
    text = cell.format(outside=outside)
    roster = _roster(folder / "r.xlsx", [["record"], [text]])
    jobs, errors = _messages(roster)
    assert jobs == []
    assert errors == [
        f"{roster}:Sheet1!A2: record `{excerpt(text)}` lies outside the roster's folder"
    ]
    jobs, errors = _messages(roster, allow_outside=True)
    assert jobs == [f"{roster}:Sheet1!row 2"] and errors == []


def test_roster_records_must_be_yaml_and_errors_do_not_quote_files(
    tmp_path: Path, fake: FakeRenderer
) -> None:
    secret = tmp_path / ".env"
    secret.write_text("SECRET_KEY=hunter2-do-not-print\n")
    passwd = tmp_path / "passwd.yaml"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\n" * 50)
    roster = _roster(tmp_path / "r.xlsx", [["record"], [".env"], ["passwd.yaml"]])
    out = tmp_path / "out"
    results = list(run_batch([roster], out_dir=out, jobs=1))
    assert results[0].error == f"{roster}:Sheet1!A2: record `.env` is not a .yaml or .yml file"
    error = results[1].error or ""
    assert error.startswith(f"{roster}:Sheet1!row 3: {passwd}:1:1: ")
    assert len(error) < len(f"{roster}:Sheet1!row 3: ") + len(str(passwd)) + 130
    assert error.count("root:x") <= 2
    assert error.endswith("found `root:x:0:0:root:/root:/bin/bash root:x:0…`")
    everything = (out / "manifest.jsonl").read_text() + json.dumps(_xlsx_rows(out))
    assert "hunter2" not in everything and everything.count("root:x") <= 4  # 2 a manifest


def test_roster_cell_far_away_is_a_positioned_error_and_cheap(tmp_path: Path) -> None:
    _variant(SPECIALIST, tmp_path / "sato.yaml", "佐藤 美咲")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["record"])
    sheet.append(["sato.yaml"])
    sheet["XFD1048576"] = "boom"
    roster = tmp_path / "r.xlsx"
    book.save(roster)
    jobs, errors = _messages(roster)
    assert jobs == [f"{roster}:Sheet!row 2"]
    assert errors == [
        f"{roster}:Sheet!row 1048576: a roster has at most 10000 rows;"
        " this row and any after it are not read"
    ]


def test_roster_column_past_the_limit_fails_its_row(tmp_path: Path) -> None:
    _variant(SPECIALIST, tmp_path / "sato.yaml", "佐藤 美咲")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["record"])
    sheet.append(["sato.yaml"])
    sheet.append(["sato.yaml"])
    sheet["AY3"] = "x"  # column 51
    roster = tmp_path / "r.xlsx"
    book.save(roster)
    jobs, errors = _messages(roster)
    assert jobs == [f"{roster}:Sheet!row 2"]
    assert errors == [f"{roster}:Sheet!AY3: a roster has at most 50 columns"]


def test_roster_rows_past_a_stale_dimension_are_read(tmp_path: Path) -> None:
    _variant(SPECIALIST, tmp_path / "sato.yaml", "佐藤 美咲")
    roster = _roster(tmp_path / "r.xlsx", [["record"], ["sato.yaml"], ["sato.yaml"], ["gone.yaml"]])
    _patch_sheet(
        roster, lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:A2"', xml)
    )
    jobs, errors = _messages(roster)
    assert jobs == [f"{roster}:Sheet1!row 2", f"{roster}:Sheet1!row 3"]
    assert len(errors) == 1 and errors[0].startswith(f"{roster}:Sheet1!A4: record `gone.yaml`")


def test_roster_formula_without_a_saved_value_fails_its_row(tmp_path: Path) -> None:
    _variant(SPECIALIST, tmp_path / "sato.yaml", "佐藤 美咲")
    roster = _roster(
        tmp_path / "r.xlsx",
        [["record", "target"], ["sato.yaml", '=LOWER("MSL")'], ["sato.yaml", "msl"]],
    )
    jobs, errors = _messages(roster)
    assert jobs == [f"{roster}:Sheet1!row 3"]
    assert errors == [
        f"{roster}:Sheet1!B2: a formula without a saved value; open and save the roster"
        " in a spreadsheet program, or type the value"
    ]


def test_roster_formula_with_a_saved_value_reads_the_value(tmp_path: Path) -> None:
    _variant(SPECIALIST, tmp_path / "sato.yaml", "佐藤 美咲")
    roster = _roster(tmp_path / "r.xlsx", [["record", "target"], ["sato.yaml", "=X"]])
    _patch_sheet(
        roster,
        lambda xml: xml.replace("<f>X</f>", "<f>X</f><v>msl</v>").replace(
            '<c r="B2"', '<c t="str" r="B2"'
        ),
    )
    jobs, errors = collect_jobs([roster])
    assert errors == [] and jobs[0].target_id == "msl"


def test_roster_cell_too_long_fails_its_row(tmp_path: Path) -> None:
    _variant(SPECIALIST, tmp_path / "sato.yaml", "佐藤 美咲")
    long = "x" * (MAX_CELL_CHARS + 1)
    roster = _roster(tmp_path / "r.xlsx", [["record", "motivation"], ["sato.yaml", long]])
    jobs, errors = _messages(roster)
    assert jobs == []
    assert errors == [
        f"{roster}:Sheet1!B2: the cell holds {MAX_CELL_CHARS + 1} characters; at most 10000"
    ]


def test_roster_cells_are_quoted_short_and_escaped(tmp_path: Path) -> None:
    roster = _roster(tmp_path / "r.xlsx", [["record", "a\tb" + "y" * 100]])
    _, errors = _messages(roster)
    assert errors == [
        f"{roster}:Sheet1!B1: unknown column `a\\tb{'y' * 36}…`; known: "
        "record, target, employer, role, emphasis, motivation, docs"
    ]


# ------------------------------------------------------------- debug, manifest


def test_debug_keeps_the_traceback_of_a_bug_in_the_manifest_row(
    tmp_path: Path, fake: FakeRenderer
) -> None:
    recs = tmp_path / "recs"
    for i, name in enumerate(["甲 一", "乙 二"]):
        _variant(PHYSICIAN, recs / f"{i}.yaml", name)
    fake.fail_for["乙 二"] = RuntimeError("template exploded")
    out = tmp_path / "out"
    ok, bad = list(run_batch([recs], out_dir=out, jobs=1, debug=True))
    assert bad.error == f"{recs / '1.yaml'}: internal error: RuntimeError: template exploded"
    assert bad.traceback is not None
    assert bad.traceback.startswith("Traceback (most recent call last):")
    assert "render_application" in bad.traceback and ok.traceback is None
    lines = _jsonl(out)
    assert "traceback" not in lines[0] and lines[1]["traceback"] == bad.traceback
    rows = _xlsx_rows(out)
    assert rows[1]["traceback"] == bad.traceback and rows[0]["traceback"] in ("", None)
    assert rows[1]["error"] == bad.error

    again = list(run_batch([recs], out_dir=tmp_path / "plain", jobs=1))
    assert again[1].traceback is None and "traceback" not in _jsonl(tmp_path / "plain")[1]
    assert "traceback" not in _xlsx_rows(tmp_path / "plain")[0]


def test_every_file_of_the_jsonl_has_a_cell_in_the_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "out"
    outputs = [
        {"doc": "interview", "path": str(out / "p" / "面接準備シート_A_x.docx")},
        {"doc": "interview", "path": str(out / "p" / "面接準備シート_A_y.docx")},
        {"doc": "shokumu", "path": str(out / "p" / "職務経歴書_A.docx")},
        {"doc": "interview", "path": str(out / "p" / "面接準備シート_A_x.pdf")},
        {"doc": "interview", "path": str(out / "p" / "面接準備シート_A_y.pdf")},
    ]
    out.mkdir()
    write_manifest_xlsx(out / "manifest.xlsx", [BatchResult("a.yaml", "ok", outputs=outputs)])
    (row,) = _xlsx_rows(out)
    assert list(row)[4:9] == [
        "shokumu", "interview", "interview (pdf)", "interview 2", "interview 2 (pdf)",
    ]  # fmt: skip
    assert sorted(v for k, v in row.items() if k.startswith(("shokumu", "interview"))) == sorted(
        Path(o["path"]).name for o in outputs
    )


def test_on_result_sees_what_is_recorded_while_stopping(tmp_path: Path, fake: FakeRenderer) -> None:
    seen: list[BatchResult] = []
    out = tmp_path / "out"
    stream = run_batch([PHYSICIAN, SPECIALIST], out_dir=out, jobs=1, on_result=seen.append)
    first = next(stream)
    stream.close()
    assert seen[0] is first
    assert [r.source for r in seen] == [x["source"] for x in _jsonl(out)]


def test_roster_with_a_broken_sheet_is_one_error(tmp_path: Path) -> None:
    _variant(SPECIALIST, tmp_path / "sato.yaml", "佐藤 美咲")
    roster = _roster(tmp_path / "r.xlsx", [["record"], ["sato.yaml"]])
    _patch_sheet(roster, lambda xml: xml[: len(xml) // 2])
    jobs, errors = collect_jobs([roster])
    assert jobs == [] and len(errors) == 1
    assert errors[0].message.startswith(f"{roster}: cannot read this roster (")


def test_on_total_is_the_number_of_results(tmp_path: Path, fake: FakeRenderer) -> None:
    _variant(SPECIALIST, tmp_path / "sato.yaml", "佐藤 美咲")
    roster = _roster(tmp_path / "r.xlsx", [["record"], ["sato.yaml"], ["missing.yaml"]])
    totals: list[int] = []
    seen: list[BatchResult] = []
    results = list(
        run_batch(
            [roster, PHYSICIAN],
            out_dir=tmp_path / "out",
            jobs=1,
            allow_outside=True,
            on_result=seen.append,
            on_total=totals.append,
        )
    )
    assert totals == [3] == [len(results)]
    assert len(seen) == 3
