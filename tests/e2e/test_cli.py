"""End to end through the command line: exit codes, stdout/stderr, files read back."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from resumegen.cli import cli
from tests.docdata import as_read

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def run(*args: str, stdin: str | None = None):
    runner = CliRunner()
    return runner.invoke(cli, list(args), input=stdin, catch_exceptions=False)


def docx_text(path: Path) -> str:
    doc = Document(io.BytesIO(as_read(path.read_bytes())))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    for section in doc.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


# ------------------------------------------------------------------ validate


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples_validate(sample: Path) -> None:
    r = run("validate", str(sample))
    assert r.exit_code == 0, r.output
    assert f"{sample}: valid" in r.stdout


def test_validate_json_reports_every_error_with_positions(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\nlang: fr\nperson:\n  name: 山田 太郎\nwrok: []\n", encoding="utf-8")
    r = run("validate", str(bad), "--json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert data["valid"] is False
    by_path = {e["path"]: e for e in data["errors"]}
    assert by_path["lang"]["line"] == 2
    assert "wrok" in by_path and by_path["wrok"]["line"] == 5
    assert "work" in by_path["wrok"]["message"]  # did you mean `work`?
    for e in data["errors"]:
        assert set(e) >= {"file", "line", "column", "path", "message"}
    lines = [e["line"] for e in data["errors"]]
    assert lines == sorted(lines)


def test_validate_text_errors_are_one_line_each_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 2\nlang: ja\nperson: [a]\nwork: x\n", encoding="utf-8")
    r = run("validate", str(bad))
    assert r.exit_code == 1
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) >= 3
    for line in lines:
        assert line.startswith(f"{bad}:"), line
        assert "Traceback" not in line
    assert any("schema 2 is not supported" in line for line in lines)


def test_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    r = run("validate", str(tmp_path / "nope.yaml"))
    assert r.exit_code == 1
    assert "nope.yaml" in r.stderr and "Traceback" not in r.stderr


# -------------------------------------------------------------------- schema


def test_schema_prints_json_schema() -> None:
    r = run("schema")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert "properties" in data and "work" in data["properties"]


# ---------------------------------------------------------------------- init


@pytest.mark.parametrize("profile", ["physician", "clinical-specialist", "general"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_init_writes_a_record_that_validates(tmp_path: Path, profile: str, lang: str) -> None:
    path = tmp_path / "me.yaml"
    r = run("init", str(path), "--profile", profile, "--lang", lang)
    assert r.exit_code == 0, r.output
    assert run("validate", str(path)).exit_code == 0
    again = run("init", str(path))
    assert again.exit_code == 1 and "--force" in again.stderr


# ------------------------------------------------------------ quantify/check


def test_quantify_json_states_percentage_points(physician_ja: Path) -> None:
    r = run("quantify", str(physician_ja), "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    statements = [s for a in data["achievements"] for s in a["statements"]]
    joined = "\n".join(statements)
    assert "18%" in joined and "7%" in joined and "11ポイント" in joined
    assert "61%" in joined  # (18-7)/18 = 61.1% relative
    assert all({"path", "summary", "statements"} <= set(a) for a in data["achievements"])


def test_check_json_keys(specialist_ja: Path) -> None:
    r = run("check", str(specialist_ja), "--json")
    data = json.loads(r.stdout)
    assert set(data) >= {"findings", "achievements", "quantified"}
    assert data["achievements"] == 3 and data["quantified"] == 3
    for f in data["findings"]:
        assert set(f) >= {"severity", "path", "message", "suggestion"}
    # the first position's leaving reason reads negative
    assert any(f["path"].startswith("work[0].leaving_reason") for f in data["findings"])


def test_check_suggests_metrics_for_an_unquantified_achievement(tmp_path: Path) -> None:
    text = (ROOT / "samples" / "physician-ja.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "      - summary: 多発外傷の手術と集中治療\n        tags: [clinical]\n        metrics:\n"
        "          - {name: 外傷手術（執刀）, value: 120, unit: 件, period: 年}\n"
        "          - {name: 当直, value: 6, unit: 回, period: 月}\n",
        "      - summary: 手術を多数執刀した\n",
    )
    rec = tmp_path / "r.yaml"
    rec.write_text(text, encoding="utf-8")
    r = run("check", str(rec), "--json")
    data = json.loads(r.stdout)
    assert data["quantified"] == data["achievements"] - 1
    paths = [f["path"] for f in data["findings"]]
    assert any(p.startswith("work[1].achievements[2]") for p in paths)


# ------------------------------------------------------------------ rephrase


def test_rephrase_japanese_json() -> None:
    r = run("rephrase", "当直が月6回あり体力的に限界を感じている", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["lang"] == "ja"
    assert data["rephrased"]
    assert "当直" not in data["rephrased"] and "限界" not in data["rephrased"]
    assert data["matches"] and {"id", "category", "trigger", "positive"} <= set(data["matches"][0])


def test_rephrase_english_from_stdin() -> None:
    r = run("rephrase", "-", "--json", stdin="Constant on-call left no time off.\n")
    data = json.loads(r.stdout)
    assert data["lang"] == "en" and data["rephrased"]
    assert "on-call" not in data["rephrased"].lower()


def test_rephrase_no_match_exits_1_and_says_how_to_add_an_entry() -> None:
    r = run("rephrase", "zzqx wobble at work")
    assert r.exit_code == 1
    assert "phrasebook" in r.stderr.lower()
    # a greeting is no leaving reason: it says so, not "no entry matched"
    hello = run("rephrase", "Hello, thanks for your help!")
    assert hello.exit_code == 1 and "not read as a leaving reason" in hello.stderr


# -------------------------------------------------------------------- render


def test_render_physician_all_documents(tmp_path: Path, physician_ja: Path) -> None:
    r = run("render", str(physician_ja), "-o", str(tmp_path), "--json")
    assert r.exit_code == 0, r.output
    outputs = json.loads(r.stdout)["outputs"]
    docs = {o["doc"] for o in outputs}
    assert {"shokumu", "rirekisho", "interview"} <= docs
    for o in outputs:
        assert Path(o["path"]).is_file()
    shokumu = next(Path(o["path"]) for o in outputs if o["doc"] == "shokumu")
    text = docx_text(shokumu)
    assert "職務経歴書" in text and "平田 健一" in text
    assert "18%" in text and "7%" in text
    assert "以上" in text
    # the raw leaving reason never reaches a document
    for o in outputs:
        assert "体力的に限界" not in docx_text(Path(o["path"]))


def test_render_never_overwrites_without_force(tmp_path: Path, specialist_en: Path) -> None:
    assert run("render", str(specialist_en), "-o", str(tmp_path)).exit_code == 0
    before = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    r = run("render", str(specialist_en), "-o", str(tmp_path))
    assert r.exit_code == 1 and "--force" in r.stderr
    assert {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
    assert run("render", str(specialist_en), "-o", str(tmp_path), "--force").exit_code == 0


def test_render_unknown_target_lists_the_known_ones(tmp_path: Path, specialist_ja: Path) -> None:
    r = run("render", str(specialist_ja), "--target", "nope", "-o", str(tmp_path))
    assert r.exit_code == 1
    assert "medit-cs" in r.stderr and "msl" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_render_english_resume_for_a_ja_doc_is_a_usage_error(
    tmp_path: Path, specialist_en: Path
) -> None:
    r = run("render", str(specialist_en), "--doc", "rirekisho", "-o", str(tmp_path))
    assert r.exit_code == 1 and "--doc" in r.stderr


def test_record_text_is_data_not_template_code(tmp_path: Path, specialist_en: Path) -> None:
    text = specialist_en.read_text(encoding="utf-8").replace(
        "Grew and retained the regional account base", "Grew {{ 7*7 }} accounts {% raw %}"
    )
    rec = tmp_path / "r.yaml"
    rec.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    r = run("render", str(rec), "--doc", "resume", "-o", str(out))
    assert r.exit_code == 0, r.output
    body = docx_text(next(out.glob("*.docx")))
    assert "Grew {{ 7*7 }} accounts {% raw %}" in body
    assert "49" not in body


# --------------------------------------------------------------------- batch


def test_batch_samples_folder_writes_manifests(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "samples", src)
    (src / "broken.yaml").write_text("schema: 1\nlang: ja\nperson: {}\n", encoding="utf-8")
    out = tmp_path / "out"
    r = run("batch", str(src), "-o", str(out), "-j", "1", "--json")
    assert r.exit_code == 1
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(lines) == 4
    assert sorted(x["status"] for x in lines) == ["error", "ok", "ok", "ok"]
    for x in lines:
        assert {"source", "status", "outputs", "error"} <= set(x)
    assert (out / "manifest.jsonl").is_file() and (out / "manifest.xlsx").is_file()
    assert "broken.yaml:" in r.stderr


# ------------------------------------------------------------------- process


def test_python_dash_m_runs_and_errors_have_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\nlang: ja\nperson:\n\tname: x\n", encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-m", "resumegen", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 1
    assert p.stderr.startswith(f"{bad}:4:")
    assert "Traceback" not in p.stderr


def test_batch_outside_a_terminal_says_each_packet_as_it_finishes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = run("batch", str(ROOT / "samples"), "-o", str(out), "-j", "1", "--doc", "interview")
    assert r.exit_code == 0, r.output
    lines = r.stderr.splitlines()
    assert [line.split(" ", 2)[:2] for line in lines[:3]] == [
        ["[1/3]", "ok:"],
        ["[2/3]", "ok:"],
        ["[3/3]", "ok:"],
    ]
    assert lines[3].startswith("3 packets written") and len(lines) == 4
    assert "\r" not in r.stderr


# -------------------------------------------------------------------- rephrase --record


def test_rephrase_record_answers_for_the_target_and_reports_the_conflict() -> None:
    path = ROOT / "samples" / "physician-ja.yaml"
    r = run("rephrase", "--record", str(path), "--target", "saitama-er", "--json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["target"] == "saitama-er"
    (answer,) = data["answers"]
    assert answer["profile"] == "physician" and answer["profile_from"] == "record"
    assert answer["lead"] != "night_duty"  # the target is an emergency post: not wished away
    assert any(c["condition"] == "night_duty" for c in answer["conflicts"])
    assert "埼玉中央総合病院" in answer["long"]  # grounded in the target
    text = run("rephrase", "--record", str(path), "--target", "saitama-er")
    assert "食い違" in text.stdout and "記録の profile" in text.stdout


def test_rephrase_record_refuses_text_too_and_target_alone() -> None:
    path = str(ROOT / "samples" / "physician-ja.yaml")
    both = run("rephrase", "当直がつらい", "--record", path)
    assert both.exit_code == 1 and "--record" in both.stderr
    alone = run("rephrase", "当直がつらい", "--target", "x")
    assert alone.exit_code == 1 and "--target needs --record" in alone.stderr
    bad = run("rephrase", "--record", path, "--target", "nope")
    assert bad.exit_code == 1 and "nope" in bad.stderr


def test_rephrase_names_the_inferred_profile_and_spells_for_the_locale() -> None:
    r = run("rephrase", "医局の教授と合わない", "--json")
    assert json.loads(r.stdout)["profile_from"] == "text"
    gb = json.loads(run("rephrase", "No time to specialise in anything", "--json").stdout)
    us = json.loads(
        run("rephrase", "No time to specialise in anything", "--locale", "en-US", "--json").stdout
    )
    if gb["long"] and "ise" in gb["long"]:
        assert us["long"] != gb["long"]
