"""The 職務経歴書's length, estimated from its text, and check's warning past two pages.

The estimate's constants were calibrated on LibreOffice PDFs of the samples
grown to one to six copies of their positions; the slow test below keeps them
honest wherever LibreOffice is installed.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest

from resumegen.documents import shokumu
from resumegen.enrich.application import enrich
from resumegen.packet import check_findings, render_document
from resumegen.record.model import Record
from resumegen.record.validate import load_record
from resumegen.render.pdf import convert_to_pdf, find_soffice

ROOT = Path(__file__).resolve().parents[2]


def _grown(record: Record, copies: int) -> Record:
    """*record* with its positions repeated *copies* times (each copy a different employer)."""
    work = [
        dataclasses.replace(p, organization=f"{p.organization}{k}")
        for k in range(copies)
        for p in record.work
    ]
    return dataclasses.replace(record, work=tuple(work))


def _pages(record: Record, target: str | None = None) -> float:
    return shokumu.estimate_pages(shokumu.build(enrich(record, target)))


@pytest.mark.parametrize("name", ["physician-ja", "clinical-specialist-ja"])
def test_the_samples_fit_two_pages_and_say_nothing(name: str) -> None:
    record = load_record(ROOT / "samples" / f"{name}.yaml")
    assert 0.5 < _pages(record) < 2.0
    assert not [f for f in check_findings(enrich(record)) if f.path == "work"]


@pytest.mark.usefixtures("records_own_language")
def test_a_long_record_is_warned_about_at_its_work() -> None:
    record = _grown(load_record(ROOT / "samples" / "physician-ja.yaml"), 4)
    assert _pages(record) > 2.0
    found = [f for f in check_findings(enrich(record)) if f.path == "work"]
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert "約3ページ" in found[0].message
    assert found[0].line > 0


def test_the_estimate_grows_with_the_text() -> None:
    record = load_record(ROOT / "samples" / "clinical-specialist-ja.yaml")
    sizes = [_pages(_grown(record, n)) for n in (1, 2, 3)]
    assert sizes == sorted(sizes)
    longer = dataclasses.replace(record, self_pr=(record.self_pr or "") * 6)
    assert _pages(longer) > _pages(record)


def _last_line_pages(pdf_file: Path) -> float:
    """Where the closing 以上 sits, in pages (1.5: half-way down the second page)."""
    info = subprocess.run(["pdfinfo", str(pdf_file)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(pages), "-l", str(pages), str(pdf_file), "-"],
        capture_output=True,
        text=True,
    ).stdout
    bottoms = re.findall(r'yMax="([\d.]+)">以上</word>', bbox)
    top, body = 20 / 25.4 * 72, (297 - 20 - 18) / 25.4 * 72
    return pages - 1 + (float(bottoms[-1]) - top) / body


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_the_estimate_is_within_a_quarter_page_of_libreoffice(tmp_path: Path) -> None:
    records = {
        f"{name}{n}": _grown(load_record(ROOT / "samples" / f"{name}.yaml"), n)
        for name in ("physician-ja", "clinical-specialist-ja")
        for n in (1, 3, 5)
    }
    docx = {f"{k}.docx": render_document(r, "shokumu") for k, r in records.items()}
    for name, data in convert_to_pdf(docx).items():
        pdf_file = tmp_path / name
        pdf_file.write_bytes(data)
        actual = _last_line_pages(pdf_file)
        estimate = _pages(records[pdf_file.stem])
        assert abs(estimate - actual) < 0.25, (name, estimate, actual)


def test_render_says_when_the_shokumu_passes_two_pages(
    tmp_path: Path, records_own_language: None
) -> None:
    """One line on stderr, and the same words under the file's ``warnings`` in --json."""
    import json

    from click.testing import CliRunner

    from resumegen.cli import cli

    long = ROOT / "tests" / "fixtures" / "layout" / "long-career-ja.yaml"
    runner = CliRunner()
    said = runner.invoke(cli, ["render", str(long), "-o", str(tmp_path / "a"), "--doc", "shokumu"])
    assert said.exit_code == 0, said.output
    lines = [x for x in said.stderr.splitlines() if "ページ" in x]
    assert len(lines) == 1 and "warning: 職務経歴書は約3ページ" in lines[0]
    out = runner.invoke(
        cli, ["render", str(long), "-o", str(tmp_path / "b"), "--doc", "shokumu", "--json"]
    )
    (item,) = json.loads(out.stdout)["outputs"]
    assert item["warnings"] == ["職務経歴書は約3ページになります（目安は2ページ以内）"]
    short = ROOT / "samples" / "physician-ja.yaml"
    quiet = runner.invoke(cli, ["render", str(short), "-o", str(tmp_path / "c"), "--json"])
    assert all("warnings" not in o for o in json.loads(quiet.stdout)["outputs"])
