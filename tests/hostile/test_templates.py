"""Item 14: a user template whose output is malformed or huge is refused before writing."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from hostile_helpers import ENGLISH, ROOT, run_cli

from resumegen.errors import TemplateError
from resumegen.packet import context_for
from resumegen.record.validate import load_record
from resumegen.render.engine import DocxTemplate

RESUME = ROOT / "templates" / "en" / "resume.docx"


def _template(tag: str = "", *, document: bytes | None = None, extra: str | None = None) -> bytes:
    """The bundled résumé template with *tag* added (or another document.xml, or one entry more)."""
    out = io.BytesIO()
    with zipfile.ZipFile(RESUME) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                if document is not None:
                    data = document
                elif tag:
                    typed = tag.replace("<", "&lt;").replace(">", "&gt;")  # as Word saves it
                    para = f"<w:p><w:r><w:t>{typed}</w:t></w:r></w:p>".encode()
                    data = data.replace(b"<w:sectPr", para + b"<w:sectPr", 1)
            zout.writestr(info, data)
        if extra is not None:
            zout.writestr(zipfile.ZipInfo(extra), b"boo")
    return out.getvalue()


CASES: dict[str, tuple[dict[str, object], str]] = {
    "raw-tags": (
        {"tag": "{{ '</w:t></w:r></w:p><w:p>'|safe }}"},
        "word/document.xml: the rendered XML is malformed (mismatched tag",
    ),
    "doctype": (
        {"tag": "{{ '<!DOCTYPE x>'|safe }}"},
        "word/document.xml: the rendered XML is malformed",
    ),
    "format-width": (
        {"tag": "{{ '%099999999d'|format(1) }}"},
        "not allowed in a template: the template formats a field wider than 9999",
    ),
    "malformed-static": (
        {"document": b"<w:document><w:body>"},
        "word/document.xml is not well-formed XML (unbound prefix",
    ),
    "dot-dot-entry": ({"extra": "../../evil"}, "the entry '../../evil' is not a plain name"),
    "absolute-entry": ({"extra": "/abs"}, "the entry '/abs' is not a plain name"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_user_template_fails_its_packet_with_one_line(
    tmp_path: Path, make_record: Callable[..., Path], case: str
) -> None:
    kwargs, says = CASES[case]
    folder = tmp_path / "tpl"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "resume.docx").write_bytes(_template(**kwargs))  # type: ignore[arg-type]
    record = make_record()
    out = tmp_path / "out"
    r = run_cli(
        "batch",
        str(record),
        "-o",
        str(out),
        "-j",
        "1",
        "--doc",
        "resume",
        "--templates",
        str(folder),
    )
    assert r.exit_code == 1, r.output
    (line,) = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
    assert line["status"] == "error" and line["outputs"] == []
    assert str(folder / "en" / "resume.docx") in line["error"] and says in line["error"], line[
        "error"
    ]
    assert not list(out.rglob("*.docx"))


def _context() -> Mapping[str, Any]:
    return context_for(load_record(ENGLISH), "resume")


def test_rendered_parts_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    from resumegen.render import engine

    monkeypatch.setattr(engine, "MAX_RENDERED_PART_BYTES", 100_000)
    template = DocxTemplate.from_bytes(_template("{{ 'x' * 200000 }}"), name="big.docx")
    with pytest.raises(TemplateError, match=r"^big\.docx: word/document\.xml: the rendered part"):
        template.render(_context())


def test_the_bundled_template_still_renders_well_formed() -> None:
    template = DocxTemplate.from_bytes(_template("{{ 'a < b & c' }}"), name="ok.docx")
    data = template.render(_context())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"a &lt; b &amp; c" in z.read("word/document.xml")


def test_bundled_templates_give_well_formed_xml_for_hostile_record_text(tmp_path: Path) -> None:
    """The bundled templates skip the output parse: prove they need none, with markup in the record."""
    import dataclasses
    import xml.parsers.expat

    import resumegen

    root = Path(__file__).resolve().parents[2]
    hostile = "<w:p>]]>&amp;{{ 7*7 }}{% raw %}</w:t>\"'"
    for sample in ("physician-ja.yaml", "clinical-specialist-en.yaml"):
        record = resumegen.load(root / "samples" / sample)
        record = dataclasses.replace(record, summary=hostile, self_pr=hostile)
        for name, data in resumegen.build_packet(record).items():
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for part in z.namelist():
                    if part.endswith((".xml", ".rels")):
                        xml.parsers.expat.ParserCreate().Parse(z.read(part), True)
            assert name
