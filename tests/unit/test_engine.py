"""The docxtpl-compatible engine: tags, escaping, sandbox, pictures, cache, determinism."""

from __future__ import annotations

import io
import os
import struct
import sys
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from resumegen.errors import TemplateError  # noqa: E402
from resumegen.render.engine import DocxTemplate, Image, clear_cache, preprocess  # noqa: E402
from tools.docxbuild import Document  # noqa: E402


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def _docx(*body: str, footer: str | None = None) -> bytes:
    d = Document(lang="ja")
    d.add(*body)
    if footer is not None:
        d.set_footer(footer)
    return d.to_bytes()


def _template(*body: str, footer: str | None = None) -> DocxTemplate:
    return DocxTemplate.from_bytes(_docx(*body, footer=footer))


def _texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def _xml(data: bytes, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(part).decode("utf-8")


D = Document(lang="ja")


def test_inline_value_is_escaped_and_record_text_is_never_compiled() -> None:
    t = _template(D.p("[{{ a }}]"))
    out = t.render({"a": "<b>&{{ 7*7 }}{% if 1 %}x{% endif %}"})
    assert _texts(out)[0] == "[<b>&{{ 7*7 }}{% if 1 %}x{% endif %}]"


def test_newline_becomes_break_and_tab_becomes_tab() -> None:
    out = _template(D.p("{{ a }}")).render({"a": "one\ntwo\tthree\r\nfour"})
    xml = _xml(out)
    assert xml.count("<w:br/>") == 2
    assert "<w:tab/>" in xml
    assert _texts(out)[0] == "one\ntwo\tthree\nfour"


def test_none_prints_nothing() -> None:
    out = _template(D.p("[{{ a }}|{{ b.c }}]")).render({"a": None, "b": {"c": None}})
    assert _texts(out)[0] == "[|]"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("[{{ missing }}]", "'missing' is undefined"),
        ("{{ pos.titel }}", "has no attribute 'titel'"),
        ("{% if missing %}x{% endif %}", "'missing' is undefined"),
        ("{% for x in missing %}{{ x }}{% endfor %}", "'missing' is undefined"),
    ],
)
def test_missing_variable_is_one_line_naming_template_and_variable(body: str, name: str) -> None:
    t = DocxTemplate.from_bytes(_docx(D.p(body)), "my.docx")
    with pytest.raises(TemplateError) as info:
        t.render({"pos": {"title": "x"}})
    message = info.value.message
    assert message.startswith("my.docx: word/document.xml, line 2: ")
    assert name in message and "\n" not in message


def test_control_characters_are_dropped() -> None:
    out = _template(D.p("{{ a }}")).render({"a": "a\x00b\x0bc"})
    assert _texts(out)[0] == "abc"


def test_tag_split_across_runs_is_merged() -> None:
    split = (
        "<w:p><w:r><w:t>Hello {</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{ na</w:t></w:r>"
        "<w:r><w:t>me }</w:t></w:r><w:r><w:t>}!</w:t></w:r></w:p>"
    )
    out = _template(split).render({"name": "World"})
    assert _texts(out)[0] == "Hello World!"


def test_typographic_quotes_and_entities_inside_tags() -> None:
    body = D.p('{{ “x” if a > 1 and "&" else ‘y’ }}')
    t = _template(body)
    assert _texts(t.render({"a": 2}))[0] == "x"
    assert _texts(t.render({"a": 0}))[0] == "y"


def test_paragraph_loop_replaces_the_tag_paragraphs() -> None:
    t = _template(
        D.p("head"),
        D.tag("{%p for x in xs %}"),
        D.p("item {{ x }}"),
        D.tag("{%p endfor %}"),
        D.tag("{%p if show %}"),
        D.p("shown"),
        D.tag("{%p endif %}"),
        D.p("tail"),
    )
    assert _texts(t.render({"xs": [1, 2, 3], "show": False})) == [
        "head",
        "item 1",
        "item 2",
        "item 3",
        "tail",
    ]
    assert _texts(t.render({"xs": [], "show": True})) == ["head", "shown", "tail"]


def test_row_loop_and_cell_condition() -> None:
    rows = [
        D.row(D.cell(D.p("H1")), D.cell(D.p("H2"))),
        D.tag_row("{%tr for r in rows %}", 2),
        D.row(D.cell(D.p("{{ r[0] }}")), D.cell(D.p("{{ r[1] }}"))),
        D.tag_row("{%tr endfor %}", 2),
    ]
    out = _template(D.table(rows, [30, 60])).render({"rows": [("a", "b"), ("c", "d")]})
    table = docx.Document(io.BytesIO(out)).tables[0]
    assert [[c.text for c in r.cells] for r in table.rows] == [["H1", "H2"], ["a", "b"], ["c", "d"]]


def test_cell_level_tag() -> None:
    row = D.row(
        D.cell(D.p("{%tc for c in cols %}")),
        D.cell(D.p("{{ c }}")),
        D.cell(D.p("{%tc endfor %}")),
    )
    out = _template(D.table([row], [20, 20, 20])).render({"cols": ["x", "y", "z"]})
    table = docx.Document(io.BytesIO(out)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["x", "y", "z"]


def test_run_level_tag() -> None:
    body = (
        "<w:p>" + D.run("{%r if a %}") + D.run("A") + D.run("{%r endif %}") + D.run("B") + "</w:p>"
    )
    t = _template(body)
    assert _texts(t.render({"a": True}))[0] == "AB"
    assert _texts(t.render({"a": False}))[0] == "B"


def test_cell_emptied_by_a_loop_keeps_a_paragraph() -> None:
    cell = D.cell(D.tag("{%p for x in xs %}"), D.p("{{ x }}"), D.tag("{%p endfor %}"))
    out = _template(D.table([D.row(cell)], [40])).render({"xs": []})
    assert "<w:p/></w:tc>" in _xml(out)
    docx.Document(io.BytesIO(out))  # still a valid package


def test_footer_is_rendered_and_fields_survive() -> None:
    footer = D.p("{{ name }} ", D.field("PAGE"), " / ", D.field("NUMPAGES"))
    out = _template(D.p("x"), footer=footer).render({"name": "山田"})
    xml = _xml(out, "word/footer1.xml")
    assert "山田" in xml and " PAGE " in xml and " NUMPAGES " in xml


def test_image_adds_media_part_relationship_and_drawing() -> None:
    out = _template(D.p("{{ photo }}")).render({"photo": Image(_png(), 30, 40)})
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        names = z.namelist()
        rels = z.read("word/_rels/document.xml.rels").decode()
        ctypes = z.read("[Content_Types].xml").decode()
    assert "word/media/rg_image1.png" in names
    assert 'Target="media/rg_image1.png"' in rels
    assert 'Extension="png"' in ctypes
    shapes = docx.Document(io.BytesIO(out)).inline_shapes
    assert len(shapes) == 1
    assert shapes[0].width == 30 * 36000 and shapes[0].height == 40 * 36000


def test_image_rejects_unknown_format() -> None:
    with pytest.raises(TemplateError, match="not a PNG or JPEG"):
        _template(D.p("{{ photo }}")).render({"photo": Image(b"not an image", 30, 40)})


@pytest.mark.parametrize(
    "expr",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ xs.append(1) }}",
        "{{ cycler.__init__.__globals__ }}",
    ],
)
def test_sandbox_blocks_unsafe_templates(expr: str) -> None:
    with pytest.raises(TemplateError):
        _template(D.p(expr)).render({"xs": []})


def test_syntax_error_is_a_usage_error() -> None:
    with pytest.raises(TemplateError, match="template error") as info:
        DocxTemplate.from_bytes(_docx(D.p("{% for x in %}")), "bad.docx")
    assert info.value.message.startswith("bad.docx: word/document.xml, line 2: template error: ")


@pytest.mark.parametrize(
    ("expr", "says"),
    [
        ("{% for i in range(10**12) %}x{% endfor %}", "Range too big"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{{ 'a' + 1 }}", "TypeError"),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "calls itself too deeply"),
    ],
)
def test_runtime_errors_of_a_template_are_usage_errors(expr: str, says: str) -> None:
    t = DocxTemplate.from_bytes(_docx(D.p(expr)), "t.docx")
    with pytest.raises(TemplateError) as info:
        t.render({})
    assert info.value.message.startswith("t.docx: word/document.xml, line 2: ")
    assert says in info.value.message


@pytest.mark.parametrize(
    "expr",
    [
        "{{ 'x' * 10**7 }}",
        "{{ ['x'] * 10**7 }}",
        "{{ 10**7 * 'x' }}",
        "{{ 7**(10**6) }}",
        "{{ '%099999d' % 1 }}",
        "{{ '%*d' % (10**7, 1) }}",
    ],
)
def test_operators_refuse_results_too_large_for_a_document(expr: str) -> None:
    with pytest.raises(TemplateError, match="not allowed in a template"):
        _template(D.p(expr)).render({})


def test_operators_still_work_at_document_scale() -> None:
    out = _template(D.p("{{ 'ab' * 3 }}|{{ 2**10 }}|{{ '%05d' % 3 }}|{{ 7*7 }}")).render({})
    assert _texts(out)[0] == "ababab|1024|00003|49"


@pytest.mark.parametrize(
    "expr",
    [
        "{{ 'x' * 10**8 }}",
        "{{ 'x'|center(10**8) }}",
        "{% if 'x'|center(10**8) %}y{% endif %}",
        "{{ 'y' if ('x'|center(10**8)) else 'n' }}",
        "{% set s = 'x'|indent(10**8) %}",
        "{{ 'x%099999999d' % 1 }}",
    ],
)
def test_compiling_evaluates_nothing(expr: str) -> None:
    """jinja folds constants while compiling; ours must not build 100 MB strings then."""
    tracemalloc.start()
    try:
        _template(D.p(expr))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


def test_autoescape_tag_takes_only_a_literal() -> None:
    with pytest.raises(TemplateError, match="autoescape takes true or false"):
        _template(D.p("{% autoescape 'x'|center(10**8) %}{{ a }}{% endautoescape %}"))
    out = _template(D.p("{% autoescape false %}{{ a }}{% endautoescape %}")).render({"a": "<&>"})
    assert _texts(out)[0] == "<&>"


def test_oversized_part_is_refused_before_unpacking(monkeypatch: pytest.MonkeyPatch) -> None:
    from resumegen.render import engine

    monkeypatch.setattr(engine, "MAX_PART_BYTES", 1000)
    with pytest.raises(TemplateError, match="unpacked"):
        DocxTemplate.from_bytes(_docx(D.p("x" * 5000)), "big.docx")


def test_not_a_docx_is_a_usage_error() -> None:
    with pytest.raises(TemplateError):
        DocxTemplate.from_bytes(b"plain text")


def test_render_is_deterministic_and_part_set_is_complete() -> None:
    t = _template(D.p("{{ a }}"), footer=D.p("{{ a }}"))
    one, two = t.render({"a": "x"}), t.render({"a": "x"})
    assert one == two
    with zipfile.ZipFile(io.BytesIO(one)) as z:
        names = z.namelist()
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())
    assert len(names) == len(set(names))
    assert {"word/document.xml", "word/styles.xml", "word/footer1.xml"} <= set(names)
    assert t.parts == ("docProps/core.xml", "word/document.xml", "word/footer1.xml")


def test_load_is_cached_per_mtime(tmp_path: Path) -> None:
    clear_cache()
    path = tmp_path / "t.docx"
    d = Document(lang="en")
    d.add(d.p("one {{ a }}"))
    path.write_bytes(d.to_bytes())
    first = DocxTemplate.load(path)
    assert DocxTemplate.load(path) is first
    d2 = Document(lang="en")
    d2.add(d2.p("two {{ a }}"))
    path.write_bytes(d2.to_bytes())
    os.utime(path, ns=(1, 1))
    second = DocxTemplate.load(path)
    assert second is not first
    assert _texts(second.render({"a": 1}))[0] == "two 1"


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="not found"):
        DocxTemplate.load(tmp_path / "nope.docx")


def test_preprocess_replaces_enclosing_paragraph_only() -> None:
    xml = "<w:p><w:r><w:t>keep</w:t></w:r></w:p><w:p><w:r><w:t>{%p if a %}</w:t></w:r></w:p>"
    assert preprocess(xml) == (
        '<w:p><w:r><w:t xml:space="preserve">keep</w:t></w:r></w:p>{% if a %}'
    )


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=40
)


@settings(max_examples=60, deadline=None)
@given(_TEXT)
def test_any_text_round_trips(text: str) -> None:
    out = _TEMPLATE.render({"a": text})
    expected = "".join(
        ch for ch in text if ch in "\t\n" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff")
    )
    got = _texts(out)[0]
    assert got == expected


_TEMPLATE = _template(D.p("{{ a }}"))
