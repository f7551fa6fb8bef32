"""A Japanese record with an English companion, through the command line, batch and MCP.

The English résumé is rendered and read back: every word of its document
XML is English (no kana or kanji), on A4 and on letter paper; without the
companion, or with a gap in it, one error names each missing field.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from resumegen.batch import run_batch
from resumegen.cli import cli
from tests.e2e.test_cli import docx_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "en-companion" / "physician-ja-en.yaml"
JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9d]")
TEXT_RUN = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def xml_text(data: bytes) -> str:
    """Every text run of the document body, headers and footers."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [
            n for n in z.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)
        ]
        return "\n".join(
            "".join(TEXT_RUN.findall(z.read(n).decode("utf-8"))) for n in sorted(parts)
        )


@pytest.mark.parametrize(("paper", "inches"), [("a4", (8.27, 11.69)), ("letter", (8.5, 11.0))])
def test_render_the_resume_of_a_japanese_record(
    tmp_path: Path, paper: str, inches: tuple[float, float]
) -> None:
    out = tmp_path / "out"
    r = run(
        "render",
        str(FIXTURE),
        "--doc",
        "resume",
        "--target",
        "medtech",
        "--paper",
        paper,
        "-o",
        str(out),
    )
    assert r.exit_code == 0, r.output
    (made,) = out.iterdir()
    assert made.name == "Resume_Haruka_Takamori_medtech.docx"
    data = made.read_bytes()
    text = xml_text(data)
    assert JAPANESE.findall(text) == []
    section = docx.Document(io.BytesIO(data)).sections[0]
    assert (round(section.page_width.inches, 2), round(section.page_height.inches, 2)) == inches
    read = docx_text(made)
    assert "Haruka Takamori" in read and "Wangan General Medical Center" in read
    assert "Medical Affairs Manager role at Northbridge Medical" in read
    # figures and dates are the Japanese record's
    assert "16% → 6%" in read and "Apr 2020 – Present" in read
    assert "2,400 patients a year" in read


def test_default_render_adds_the_resume(tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = run("render", str(FIXTURE), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [
            "職務経歴書_高森遥.docx",
            "履歴書_高森遥.docx",
            "Resume_Haruka_Takamori.docx",
            "面接準備シート_高森遥_medtech.docx",
        ]
    )
    assert JAPANESE.findall(xml_text((out / "Resume_Haruka_Takamori.docx").read_bytes())) == []


def test_missing_english_is_one_error_naming_each_field(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    record = tmp_path / "r.yaml"
    record.write_text(
        text.replace("      title: Chief Physician\n", "").replace(
            "    name: Haruka Takamori\n", ""
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    r = run("render", str(record), "--doc", "resume", "-o", str(out))
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    name_line = next(i for i, s in enumerate(text.splitlines(), 1) if s == "  name: 高森 遥")
    assert lines[0] == (
        f"{record}:{name_line}:3: person.en.name: the English résumé needs this in English "
        "(the Japanese reads 「高森遥」)"
    )
    assert lines[1].startswith(f"{record}:") and ": work[2].en.title: " in lines[1]
    assert len(lines) == 2
    assert not out.exists()
    # the default documents leave the résumé out rather than fail
    r = run("render", str(record), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert not any(p.name.startswith("Resume") for p in out.iterdir())


def test_validate_json_accepts_the_companion() -> None:
    r = run("validate", str(FIXTURE), "--json")
    assert r.exit_code == 0, r.output
    assert '"valid": true' in r.stdout


def test_batch_renders_the_resume_with_the_packet(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "takamori.yaml")
    (result,) = list(
        run_batch([folder], out_dir=tmp_path / "packets", jobs=1, docs=["resume", "shokumu"])
    )
    assert result.status == "ok", result.error
    resume = next(Path(o["path"]) for o in result.outputs if o["doc"] == "resume")
    assert resume.name == "Resume_Haruka_Takamori.docx"
    assert JAPANESE.findall(xml_text(resume.read_bytes())) == []


def test_mcp_render_returns_the_resume(tmp_path: Path) -> None:
    from tests.unit.test_mcp import tool

    root = tmp_path / "root"
    root.mkdir()
    shutil.copy(FIXTURE, root / "me.yaml")
    out = tool(root, "render", {"record_path": "me.yaml", "docs": ["resume"]}).structured_content
    (only,) = out["files"]
    assert only["doc"] == "resume" and only["name"] == "Resume_Haruka_Takamori.docx"
    assert JAPANESE.findall(xml_text(base64.b64decode(only["base64"]))) == []
