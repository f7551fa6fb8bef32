"""``resumegen mcp``: the API as MCP tools and resources, called through the SDK's client.

Tools are called in-process (``mcp.Client(server)``); one test starts the
command itself over stdio. Every test but the one about a missing SDK is
skipped when the ``mcp`` extra is not installed.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
import pytest
from click.testing import CliRunner

from resumegen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "physician-ja.yaml"
TODAY = dt.date(2026, 4, 1)
BROKEN = "schema: 1\nlang: xx\nperson:\n  name: 平田 一郎\n"

T = TypeVar("T")


def call(root: Path, body: Callable[[Any], Awaitable[T]], *, today: dt.date = TODAY) -> T:
    """Run *body(client)* against a server over *root*, in-process."""
    sdk = pytest.importorskip("mcp")
    from resumegen.mcp import build_server

    server = build_server(root, today=lambda: today)

    async def main() -> T:
        async with sdk.Client(server) as client:
            return await body(client)

    return anyio.run(main)


def tool(root: Path, name: str, arguments: dict[str, Any]) -> Any:
    """The CallToolResult of one tool call."""

    async def body(client: Any) -> Any:
        return await client.call_tool(name, arguments)

    return call(root, body)


def error_text(result: Any) -> str:
    assert result.is_error
    text = "\n".join(c.text for c in result.content)
    assert "Traceback" not in text
    return text


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "root"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "me.yaml")
    return folder


def test_the_server_offers_its_tools(root: Path) -> None:
    async def body(client: Any) -> dict[str, Any]:
        return {t.name: t for t in (await client.list_tools()).tools}

    tools = call(root, body)
    assert list(tools) == [
        "validate",
        "check",
        "verify_text",
        "quantify",
        "rephrase",
        "render",
        "batch",
        "init",
    ]
    writers = [name for name, t in tools.items() if not t.annotations.read_only_hint]
    assert writers == ["render", "batch", "init"]
    verify = tools["verify_text"]
    assert verify.input_schema["required"] == ["text", "kind"]
    assert verify.input_schema["properties"]["kind"]["enum"] == [
        "summary",
        "self_pr",
        "motivation",
        "leaving_answer",
    ]
    assert "ctx" not in tools["batch"].input_schema["properties"]
    finding = verify.output_schema["$defs"]["TextFindingOut"]["properties"]
    assert set(finding) == {"rule", "start", "end", "excerpt", "message"}


def test_validate_gives_positioned_problems_for_a_broken_record(root: Path) -> None:
    result = tool(root, "validate", {"record_yaml": BROKEN})
    assert not result.is_error
    out = result.structured_content
    assert out["valid"] is False
    lang = next(p for p in out["errors"] if p["path"] == "lang")
    assert (lang["file"], lang["line"], lang["column"]) == ("<record>", 2, 7)
    assert "ja or en" in lang["message"]


def test_validate_reads_a_record_under_the_root(root: Path) -> None:
    out = tool(root, "validate", {"record_path": "me.yaml"}).structured_content
    assert out == {"valid": True, "errors": [], "warnings": []}


def test_a_record_path_outside_the_root_is_refused(root: Path) -> None:
    shutil.copy(SAMPLE, root.parent / "outside.yaml")
    (root / "link.yaml").symlink_to(root.parent / "outside.yaml")
    for path in ("../outside.yaml", "link.yaml", str(root.parent / "outside.yaml")):
        text = error_text(tool(root, "check", {"record_path": path}))
        assert "outside the server's root" in text


def test_exactly_one_of_text_and_path_is_given(root: Path) -> None:
    text = error_text(tool(root, "quantify", {}))
    assert "record_yaml or record_path" in text
    both = {"record_yaml": BROKEN, "record_path": "me.yaml"}
    assert "record_yaml or record_path" in error_text(tool(root, "quantify", both))


def test_a_record_error_is_a_tool_error_with_the_positioned_lines(root: Path) -> None:
    text = error_text(tool(root, "check", {"record_yaml": BROKEN}))
    assert "<record>:2:7: lang: `xx` is not a valid lang; use ja or en" in text


def test_an_argument_error_is_a_tool_error_without_a_traceback(root: Path) -> None:
    text = error_text(tool(root, "render", {"record_path": "me.yaml", "target": "nowhere"}))
    assert "nowhere" in text


def test_check_and_quantify_read_the_record(root: Path) -> None:
    report = tool(root, "check", {"record_path": "me.yaml"}).structured_content
    assert report["achievements"] > 0
    assert {f["severity"] for f in report["findings"]} <= {"error", "warning", "info"}
    items = tool(root, "quantify", {"record_path": "me.yaml"}).structured_content
    assert all(a["path"].startswith("work[") for a in items["achievements"])
    assert any(a["statements"] for a in items["achievements"])


def test_rephrase_says_which_entries_matched(root: Path) -> None:
    args = {"text": "当直が月6回あり体力的に限界", "lang": "ja", "profile": "physician"}
    out = tool(root, "rephrase", args).structured_content
    assert out["rephrased"]
    assert out["matches"] and {"id", "category", "trigger", "positive"} <= set(out["matches"][0])


def test_rephrase_answers_for_a_record_and_target_as_its_interview_sheet(root: Path) -> None:
    out = tool(root, "rephrase", {"record_path": "me.yaml", "target": "saitama-er"})
    from resumegen import application, load

    rec = load(SAMPLE)
    answer = application(rec, rec.target("saitama-er"), today=TODAY).leaving_answer
    assert answer is not None and answer.rephrased
    assert out.structured_content["rephrased"] == answer.rephrased
    assert out.structured_content["long"] == answer.long
    assert "nowhere" in error_text(
        tool(root, "rephrase", {"record_path": "me.yaml", "target": "nowhere"})
    )


def test_rephrase_refuses_an_empty_text_and_text_with_a_record(root: Path) -> None:
    assert "the text is empty" in error_text(tool(root, "rephrase", {"text": "  "}))
    both = {"text": "当直が多い", "record_path": "me.yaml"}
    assert "either text or a record" in error_text(tool(root, "rephrase", both))


def test_init_gives_a_starter_that_validates(root: Path) -> None:
    starter = tool(root, "init", {"profile": "physician", "lang": "en"}).structured_content
    assert starter["profile"] == "physician"
    assert starter["path"] is None and sorted(os.listdir(root)) == ["me.yaml"]
    out = tool(root, "validate", {"record_yaml": starter["yaml"]}).structured_content
    assert out["valid"] is True


def test_init_writes_under_the_root_and_never_over_a_file(root: Path) -> None:
    (root / "people").mkdir()
    args = {"profile": "general", "lang": "ja", "path": "people/new.yaml"}
    out = tool(root, "init", args).structured_content
    written = root / "people" / "new.yaml"
    assert out["path"] == str(written) and written.read_text("utf-8") == out["yaml"]
    assert out["schema_path"] == str(root / "people" / "record.schema.json")
    assert tool(root, "validate", {"record_path": "people/new.yaml"}).structured_content["valid"]
    written.write_text("mine", "utf-8")
    assert "exists" in error_text(tool(root, "init", args))
    assert written.read_text("utf-8") == "mine"
    assert not tool(root, "init", {**args, "force": True}).is_error
    assert written.read_text("utf-8") == out["yaml"]


def test_init_refuses_a_path_outside_the_root(root: Path) -> None:
    outside = root.parent / "elsewhere"
    outside.mkdir()
    (root / "link").symlink_to(outside)
    (root / "file-link.yaml").symlink_to(outside / "target.yaml")
    for path in ("../elsewhere/x.yaml", "link/x.yaml", str(outside / "x.yaml"), "file-link.yaml"):
        text = error_text(tool(root, "init", {"path": path}))
        assert "outside the server's root" in text
    assert list(outside.iterdir()) == []


@pytest.mark.usefixtures("records_own_language")
def test_verify_text_positions_figures_not_in_the_record(root: Path) -> None:
    text = "救急外来の受入不能率を18%から7%に下げ、受入件数を30%増やしました。"
    args = {"text": text, "kind": "self_pr", "record_path": "me.yaml"}
    out = tool(root, "verify_text", args).structured_content
    assert out["ok"] is False and out["lang"] == "ja"
    (finding,) = out["findings"]
    assert finding["rule"] == "figure" and finding["excerpt"] == "30%"
    assert text[finding["start"] : finding["end"]] == "30%"
    assert finding["message"] == "「30%」: この数字（値と単位）は記録にありません"
    clean = {**args, "text": "救急外来の受入不能率を3年で18%から7%（11ポイント）に下げました。"}
    assert tool(root, "verify_text", clean).structured_content["findings"] == []


@pytest.mark.usefixtures("records_own_language")
def test_verify_text_checks_a_motivation_for_its_target_and_box(root: Path) -> None:
    base = {"kind": "motivation", "record_path": "me.yaml", "target": "saitama-er"}
    named = "埼玉中央総合病院の救急センターで、受入体制づくりの経験を活かしたいと考えています。"
    assert tool(root, "verify_text", {**base, "text": named}).structured_content["ok"]
    long = named * 15
    (box,) = tool(root, "verify_text", {**base, "text": long}).structured_content["findings"]
    assert box["rule"] == "length" and "志望の動機欄" in box["message"]
    assert "nowhere" in error_text(
        tool(root, "verify_text", {**base, "target": "nowhere", "text": named})
    )
    bad_kind = {**base, "kind": "cover_letter", "text": named}
    assert tool(root, "verify_text", bad_kind).is_error


def test_batch_streams_progress_and_returns_the_manifest_rows(root: Path) -> None:
    (root / "people").mkdir()
    shutil.copy(SAMPLE, root / "people" / "a.yaml")
    shutil.copy(ROOT / "samples" / "clinical-specialist-en.yaml", root / "people" / "b.yaml")
    (root / "people" / "broken.yaml").write_text(BROKEN, "utf-8")
    seen: list[tuple[float, float | None, str | None]] = []

    async def progress(done: float, total: float | None, message: str | None) -> None:
        seen.append((done, total, message))

    async def body(client: Any) -> Any:
        args = {"sources": ["people"], "out_dir": "packets", "docs": ["shokumu"], "jobs": 1}
        return await client.call_tool("batch", args, progress_callback=progress)

    out = call(root, body).structured_content
    assert (out["ok"], out["failed"]) == (1, 2)  # the English record has no 職務経歴書
    assert out["out_dir"] == str(root / "packets")
    assert sorted(Path(r["source"]).name for r in out["rows"]) == [
        "a.yaml",
        "b.yaml",
        "broken.yaml",
    ]
    assert [(done, total) for done, total, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert all(message and message.split(": ")[0] in ("ok", "error") for *_, message in seen)
    assert (root / "packets" / "manifest.jsonl").is_file()


def test_batch_refuses_sources_and_folders_outside_the_root(root: Path) -> None:
    outside = root.parent / "elsewhere"
    outside.mkdir()
    shutil.copy(SAMPLE, outside / "x.yaml")
    (root / "people").mkdir()
    (root / "people" / "x.yaml").symlink_to(outside / "x.yaml")
    for args in (
        {"sources": ["../elsewhere"], "out_dir": "packets"},
        {"sources": ["people"], "out_dir": "packets"},
        {"sources": ["me.yaml"], "out_dir": "../elsewhere"},
    ):
        assert "outside the server's root" in error_text(tool(root, "batch", args))
    assert sorted(os.listdir(outside)) == ["x.yaml"]
    assert not (root / "packets").exists()


def test_render_writes_under_the_root(root: Path) -> None:
    args = {"record_path": "me.yaml", "docs": ["shokumu", "rirekisho"], "out_dir": "out/hirata"}
    out = tool(root, "render", args).structured_content
    paths = [Path(f["path"]) for f in out["files"]]
    assert [f["doc"] for f in out["files"]] == ["shokumu", "rirekisho"]
    assert all(p.parent == root / "out" / "hirata" and p.is_file() for p in paths)
    assert all(f["base64"] is None for f in out["files"])
    again = error_text(tool(root, "render", args))
    assert "exists" in again
    assert not tool(root, "render", {**args, "force": True}).is_error


def test_render_refuses_a_folder_outside_the_root(root: Path) -> None:
    outside = root.parent / "elsewhere"
    outside.mkdir()
    (root / "link").symlink_to(outside)
    for out_dir in ("../elsewhere", "link", "link/deeper", str(outside), "out/../../elsewhere"):
        args = {"record_path": "me.yaml", "docs": ["shokumu"], "out_dir": out_dir}
        assert "outside the server's root" in error_text(tool(root, "render", args))
    assert list(outside.iterdir()) == []


def test_render_returns_base64_documents_when_no_folder_is_given(root: Path) -> None:
    args = {"record_path": "me.yaml", "docs": ["shokumu"], "target": "saitama-er"}
    out = tool(root, "render", args).structured_content
    (only,) = out["files"]
    data = base64.b64decode(only["base64"])
    assert data.startswith(b"PK")
    assert only["name"].endswith("_saitama-er.docx") and only["path"] is None
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sorted(os.listdir(root)) == ["me.yaml"]


def test_the_resources_list_and_read(root: Path) -> None:
    async def body(client: Any) -> tuple[Any, ...]:
        return (
            await client.list_resources(),
            await client.list_resource_templates(),
            await client.read_resource("resumegen://schema/record"),
            await client.read_resource("resumegen://phrasebook/ja/ids"),
            await client.read_resource("resumegen://phrasebook/en/ids"),
        )

    listed, templates, schema, ja, en = call(root, body)
    assert [str(r.uri) for r in listed.resources] == [
        "resumegen://schema/record",
        "resumegen://guide/record",
    ]
    uris = [t.uri_template for t in templates.resource_templates]
    assert uris == ["resumegen://phrasebook/{lang}/ids", "resumegen://questions/{lang}/{profile}"]
    assert "person" in json.loads(schema.contents[0].text)["properties"]
    for contents in (ja, en):
        ids = json.loads(contents.contents[0].text)
        assert ids and all(set(i) == {"id", "category"} for i in ids)
    assert "night_duty" in {i["id"] for i in json.loads(ja.contents[0].text)}


def test_the_record_guide_describes_every_key(root: Path) -> None:
    async def body(client: Any) -> Any:
        return await client.read_resource("resumegen://guide/record")

    (contents,) = call(root, body).contents
    guide = contents.text
    assert contents.mime_type == "text/markdown"
    assert guide.startswith("# Career record, format v1")
    for line in (
        "| `lang` | one of `ja`, `en` | yes | Language of the documents. |",
        "| `work` | list of maps (position, below) | yes | Positions, in any order (may be empty). |",
        "## metric",
    ):
        assert line in guide
    assert "leaving_answer" in guide and "At most 2,000 characters." in guide


def test_the_question_banks_per_profile_and_language(root: Path) -> None:
    async def body(client: Any) -> tuple[Any, ...]:
        return (
            await client.read_resource("resumegen://questions/ja/physician"),
            await client.read_resource("resumegen://questions/en/clinical-specialist"),
        )

    from resumegen.resources.questionbank import load_question_bank

    ja, en = (json.loads(c.contents[0].text) for c in call(root, body))
    assert (ja["lang"], ja["profile"], en["lang"]) == ("ja", "physician", "en")
    bank = load_question_bank("ja")
    physician = {q.id for q in bank.questions if not q.profiles or "physician" in q.profiles}
    assert {q["id"] for q in ja["questions"]} == physician
    assert all(q["text"] and q["priority"] for q in ja["questions"] + en["questions"])
    assert ja["reverse_questions"] and en["reverse_questions"]


def test_an_unknown_question_bank_is_an_error(root: Path) -> None:
    sdk = pytest.importorskip("mcp")

    async def body(client: Any) -> list[str]:
        out = []
        for uri in ("resumegen://questions/fr/general", "resumegen://questions/ja/dentist"):
            try:
                await client.read_resource(uri)
            except sdk.MCPError as e:
                out.append(str(e))
        return out

    assert call(root, body) == [
        "no question bank for language `fr`; use ja or en",
        "no profile `dentist`; use one of physician, clinical-specialist, general",
    ]


def test_an_unknown_phrasebook_language_is_an_error(root: Path) -> None:
    sdk = pytest.importorskip("mcp")

    async def body(client: Any) -> str:
        try:
            await client.read_resource("resumegen://phrasebook/fr/ids")
        except sdk.MCPError as e:
            return str(e)
        return "no error"

    assert call(root, body) == "no phrasebook for language `fr`; use ja or en"


def test_the_command_serves_over_stdio(root: Path) -> None:
    sdk = pytest.importorskip("mcp")
    command = [sys.executable, "-m", "resumegen", "mcp", "--root", str(root)]
    params = sdk.StdioServerParameters(command=command[0], args=command[1:])

    async def main() -> Any:
        async with sdk.Client(params) as client:
            return await client.call_tool("validate", {"record_path": "me.yaml"})

    assert anyio.run(main).structured_content["valid"] is True


def test_http_is_served_on_localhost_only(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("mcp")
    from mcp.server.mcpserver import MCPServer

    calls: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(
        MCPServer, "run", lambda self, transport, **kw: calls.append((transport, kw))
    )
    assert (
        CliRunner().invoke(cli, ["mcp", "--root", str(root), "--http", "--port", "8123"]).exit_code
        == 0
    )
    assert CliRunner().invoke(cli, ["mcp", "--root", str(root)]).exit_code == 0
    assert calls == [("streamable-http", {"host": "127.0.0.1", "port": 8123}), ("stdio", {})]


def test_the_cli_and_the_package_do_not_load_the_sdk() -> None:
    code = "import sys, resumegen, resumegen.cli; print(sorted(m for m in sys.modules if m.split('.')[0] == 'mcp'))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_without_the_extra_the_command_says_how_to_install_it(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [n for n in sys.modules if n.partition(".")[0] == "mcp"] or ["mcp"]:
        monkeypatch.setitem(sys.modules, name, None)  # makes `import mcp…` fail
    monkeypatch.delitem(sys.modules, "resumegen.mcp", raising=False)
    result = CliRunner().invoke(cli, ["mcp", "--root", str(root)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "resumegen: the mcp command needs the MCP SDK (mcp is missing); "
        "pip install 'resumegen[mcp]'"
    ]


def test_render_pdfs_share_the_servers_warm_libreoffice(root: Path) -> None:
    """Two render calls with pdf convert through one LibreOffice the server holds."""
    sdk = pytest.importorskip("mcp")
    from resumegen.mcp import build_server
    from resumegen.render.office import Office
    from resumegen.render.pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    with Office() as office:
        server = build_server(root, today=lambda: TODAY, office=office)
        pids = []

        async def main() -> list[Any]:
            out = []
            async with sdk.Client(server) as client:
                for _ in range(2):
                    args = {"record_path": "me.yaml", "docs": ["shokumu"], "pdf": True}
                    out.append(await client.call_tool("render", args))
                    pids.append(office.pid)
            return out

        results = anyio.run(main)
    assert pids[0] is not None and pids == [pids[0]] * 2
    for result in results:
        files = result.structured_content["files"]
        pdfs = [f for f in files if f["name"].endswith(".pdf")]
        assert pdfs and base64.b64decode(pdfs[0]["base64"]).startswith(b"%PDF")
