"""Every document names the candidate as its author (docProps/core.xml)."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import pytest

from resumegen.packet import context_for, render_document
from resumegen.record.validate import load_record
from resumegen.render.engine import DocxTemplate

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools.docxbuild import Document  # noqa: E402

SAMPLES = {p.stem: p for p in (ROOT / "samples").glob("*.yaml")}


def _core(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("docProps/core.xml").decode("utf-8")


def _element(xml: str, name: str) -> str:
    m = re.search(rf"<{name}>(.*?)</{name}>", xml)
    assert m, name
    return m.group(1)


@pytest.mark.parametrize(
    ("sample", "doc", "author", "lang"),
    [
        ("physician-ja", "shokumu", "平田 健一", "ja-JP"),
        ("physician-ja", "rirekisho", "平田 健一", "ja-JP"),
        ("clinical-specialist-ja", "interview", "佐藤 美咲", "ja-JP"),
        ("clinical-specialist-en", "resume", "Daniel Okafor", "en"),
        ("clinical-specialist-en", "interview", "Daniel Okafor", "en"),
    ],
)
def test_the_candidate_is_the_author(sample: str, doc: str, author: str, lang: str) -> None:
    record = load_record(SAMPLES[sample])
    core = _core(render_document(record, doc))
    assert _element(core, "dc:creator") == author
    assert _element(core, "cp:lastModifiedBy") == author
    assert _element(core, "dc:language") == lang
    assert "resumegen" not in core
    assert context_for(record, doc)["author"] == author


def test_the_author_is_escaped() -> None:
    d = Document(lang="en", title="Résumé")
    d.add(d.p("{{ author }}"))
    data = DocxTemplate.from_bytes(d.to_bytes()).render({"author": 'A & "B" <C>'})
    assert _element(_core(data), "dc:creator") == "A &amp; &#34;B&#34; &lt;C&gt;"


def test_a_template_without_the_placeholder_keeps_its_properties() -> None:
    d = Document(lang="en", title="Mine")
    d.add(d.p("{{ name }}"))
    parts = d.parts()
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace(
        "{{ author|default('') }}", "Somebody"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    template = DocxTemplate.from_bytes(buf.getvalue())
    assert "docProps/core.xml" not in template.parts
    core = _core(template.render({"name": "x", "author": "Daniel Okafor"}))
    assert core == parts["docProps/core.xml"]
