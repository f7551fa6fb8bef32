"""A user's own templates: strict names, a child process with limits, nothing written on failure.

The hostile templates are built here, either with tools/docxbuild.py or by
putting one tag into the document.xml of a bundled template, in memory.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from resumegen.cli import cli
from resumegen.errors import TemplateError
from resumegen.packet import context_for, render_document, template_for
from resumegen.record.model import Record
from resumegen.record.validate import load_record
from resumegen.render import sandbox
from resumegen.render.engine import DocxTemplate

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.docxbuild import Document  # noqa: E402

HOSTILE = {
    "syntax": ("{% for x in %}", "template error"),
    "mro": ("{{ ''.__class__.__mro__ }}", "not allowed in a template"),
    "subclasses": ("{{ ().__class__.__base__.__subclasses__() }}", "not allowed in a template"),
    "range": ("{% for i in range(10**12) %}x{% endfor %}", "Range too big"),
    "huge-string": ("{{ 'x' * 10**10 }}", "not allowed in a template"),
    "huge-filter": ("{{ 'x'|center(10**10) }}", "MB of memory"),
    "recursion": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "calls itself"),
    "missing": ("{{ nmae }}", "'nmae' is undefined"),
}


def _record(name: str = "clinical-specialist-en") -> Record:
    return load_record(SAMPLES / f"{name}.yaml")


def _built(body: str, lang: str = "en") -> bytes:
    d = Document(lang=lang)
    d.add(d.p("{{ name }}"), d.p(body))
    return d.to_bytes()


def _bundled_with(lang: str, doc: str, tag: str) -> bytes:
    """The bundled template of *doc* with *tag* added before the body's end, in memory."""
    src = template_for(lang, doc).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                para = f"<w:p><w:r><w:t>{tag}</w:t></w:r></w:p>"
                xml = xml.replace("<w:sectPr", para + "<w:sectPr", 1)
                data = xml.encode("utf-8")
            zout.writestr(info, data)
    return out.getvalue()


def _texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_template_is_stopped_with_one_line_naming_it(tmp_path: Path, case: str) -> None:
    body, says = HOSTILE[case]
    path = tmp_path / f"{case}.docx"
    path.write_bytes(_built(body))
    with pytest.raises(TemplateError) as info:
        render_document(_record(), "resume", template=path)
    message = info.value.message
    assert message.startswith(f"{path}: "), message
    assert says in message and "\n" not in message
    assert info.value.param == "template"


def test_line_in_document_xml_is_named_when_jinja_gives_it(tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    path.write_bytes(_built("{{ nmae }}"))
    with pytest.raises(TemplateError, match=r"t\.docx: word/document\.xml, line 2: 'nmae'"):
        render_document(_record(), "resume", template=path)


def test_endless_loop_is_stopped_by_the_cpu_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "CPU_SECONDS", 1)
    path = tmp_path / "loop.docx"
    path.write_bytes(
        _built("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    )
    with pytest.raises(TemplateError, match="CPU time") as info:
        render_document(_record(), "resume", template=path)
    assert info.value.message.startswith(f"{path}: ")


def test_wall_clock_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "WALL_SECONDS", 0.001)
    path = tmp_path / "slow.docx"
    path.write_bytes(_built("fine"))
    with pytest.raises(TemplateError, match=r"did not finish within 0 s and was stopped"):
        render_document(_record(), "resume", template=path)


def test_a_damaged_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match=r"notes\.docx is not a Word"):
        render_document(_record(), "resume", template=path)


def test_user_template_renders_in_the_child_like_in_process(tmp_path: Path) -> None:
    record = _record("clinical-specialist-ja")
    data = _bundled_with("ja", "shokumu", "追記 {{ name }}")
    path = tmp_path / "mine.docx"
    path.write_bytes(data)
    child = render_document(record, "shokumu", template=path)
    here = DocxTemplate.from_bytes(data).render(context_for(record, "shokumu"), keep_words=True)
    assert child == here
    assert "追記 佐藤 美咲" in _texts(child)


def test_only_user_templates_go_to_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, str]] = []
    real = sandbox.render_isolated

    def spy(
        path: Path, context: dict[str, object], *, param: str = "template", keep_words: bool = False
    ) -> bytes:
        calls.append((path, param))
        return real(path, context, param=param, keep_words=keep_words)

    monkeypatch.setattr(sandbox, "render_isolated", spy)
    record = _record("clinical-specialist-ja")
    folder = tmp_path / "tpl"
    (folder / "ja").mkdir(parents=True)
    (folder / "ja" / "shokumu.docx").write_bytes(_built("mine", lang="ja"))

    render_document(record, "rirekisho", template_dirs=[folder])  # not overridden: bundled
    render_document(record, "shokumu")  # no folder: bundled
    assert calls == []
    texts = _texts(render_document(record, "shokumu", template_dirs=[folder]))
    assert texts == ["佐藤 美咲", "mine"]
    assert calls == [(folder / "ja" / "shokumu.docx", "template_dirs")]
    render_document(record, "shokumu", template=folder / "ja" / "shokumu.docx")
    assert calls[-1][1] == "template"


# ---------------------------------------------------------------- through the CLI


def _cli(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("tag", ["{{ ''.__class__.__mro__ }}", "{% for x in %}"])
def test_cli_hostile_template_writes_nothing(tmp_path: Path, tag: str) -> None:
    hostile = tmp_path / "hostile.docx"
    hostile.write_bytes(_bundled_with("en", "resume", tag))
    out = tmp_path / "out"
    rec = str(SAMPLES / "clinical-specialist-en.yaml")
    r = _cli("render", rec, "--template", str(hostile), "--doc", "resume", "-o", str(out))
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "hostile.docx" in lines[0], r.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_cli_one_bad_document_in_a_folder_writes_no_document(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    (folder / "ja").mkdir(parents=True)
    (folder / "ja" / "interview.docx").write_bytes(_built("{{ nmae }}", lang="ja"))
    out = tmp_path / "out"
    rec = str(SAMPLES / "physician-ja.yaml")
    r = _cli("render", rec, "--templates", str(folder), "-o", str(out))
    assert r.exit_code == 1
    assert "interview.docx" in r.stderr and "'nmae' is undefined" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not out.exists() or list(out.iterdir()) == []
