"""Packet names, targets and documents (the renderer is replaced by a fake)."""

from __future__ import annotations

import dataclasses
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from resumegen import packet
from resumegen.documents import REGISTRY, Document, register
from resumegen.enrich.application import Application
from resumegen.errors import ArgumentError, RecordError
from resumegen.packet import build_packet, packet_names, render_packet, resolve_target
from resumegen.record.model import Person, Record, Target


def _record(lang: str = "ja", name: str = "平田 健一", targets: tuple[Target, ...] = ()) -> Record:
    return Record(schema=1, lang=lang, person=Person(name=name), targets=targets)  # type: ignore[arg-type]


@pytest.fixture
def fake_render(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Stand-in renderer and converter; records every call."""
    calls: list[dict[str, Any]] = []

    def render_application(app: Application, doc: str, **kw: Any) -> bytes:
        calls.append({"doc": doc, "app": app, "target": app.target, "today": app.today, **kw})
        return f"{doc}:{app.record.person.name}".encode()

    monkeypatch.setattr(packet, "render_application", render_application)
    monkeypatch.setattr(packet, "document_notes", lambda *args, **kw: ())
    pdf = types.ModuleType("resumegen.render.pdf")

    def convert_to_pdf(files: dict[str, bytes], office: object = None) -> dict[str, bytes]:
        calls.append({"convert": sorted(files)})
        return {name.replace(".docx", ".pdf"): b"%PDF" + data for name, data in files.items()}

    pdf.convert_to_pdf = convert_to_pdf  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "resumegen.render.pdf", pdf)
    return calls


def test_default_packet_names(fake_render: list[dict[str, Any]]) -> None:
    files = build_packet(_record())
    assert list(files) == [
        "職務経歴書_平田健一.docx",
        "履歴書_平田健一.docx",
        "面接準備シート_平田健一.docx",
    ]
    assert files["職務経歴書_平田健一.docx"] == "shokumu:平田 健一".encode()


def test_target_id_joins_the_name_and_reaches_the_renderer(
    fake_render: list[dict[str, Any]],
) -> None:
    target = Target(id="saitama-er", employer="埼玉中央総合病院")
    files = build_packet(_record(targets=(target,)), target=target, docs=["interview"])
    assert list(files) == ["面接準備シート_平田健一_saitama-er.docx"]
    assert fake_render[-1]["target"] is target


def test_english_names(fake_render: list[dict[str, Any]]) -> None:
    rec = _record("en", "Daniel Okafor")
    assert list(build_packet(rec, docs=["resume", "interview"])) == [
        "Resume_Daniel_Okafor.docx",
        "Interview-Sheet_Daniel_Okafor.docx",
    ]


def test_parameters_are_passed_through(fake_render: list[dict[str, Any]], tmp_path: Path) -> None:
    import datetime as dt

    build_packet(
        _record("en", "A"),
        docs=["resume"],
        today=dt.date(2026, 1, 2),
        template=tmp_path / "t.docx",
        template_dirs=[tmp_path],
        paper="letter",
    )
    call = fake_render[-1]
    assert call["today"] == dt.date(2026, 1, 2)
    assert call["template"] == tmp_path / "t.docx"
    assert tuple(call["template_dirs"]) == (tmp_path,)
    assert call["paper"] == "letter"


def test_pdf_is_one_conversion_a_packet(fake_render: list[dict[str, Any]]) -> None:
    files = build_packet(_record(), docs=["shokumu", "rirekisho"], pdf=True)
    assert sorted(files) == sorted(
        [
            "職務経歴書_平田健一.docx",
            "履歴書_平田健一.docx",
            "職務経歴書_平田健一.pdf",
            "履歴書_平田健一.pdf",
        ]
    )
    assert [c for c in fake_render if "convert" in c] == [
        {"convert": ["履歴書_平田健一.docx", "職務経歴書_平田健一.docx"]}
    ]
    assert files["履歴書_平田健一.pdf"].startswith(b"%PDF")


def test_doc_of_another_language_is_an_argument_error(fake_render: list[dict[str, Any]]) -> None:
    with pytest.raises(ArgumentError) as info:
        build_packet(_record("en", "Ken Hirata"), docs=["shokumu"])
    assert info.value.param == "docs"
    assert info.value.choices == ("resume", "interview")
    assert "resume, interview" in str(info.value)
    # a Japanese record's English résumé needs its English companion: what it lacks is said
    with pytest.raises(RecordError, match="English text from `en` maps"):
        build_packet(_record("ja"), docs=["resume"])
    assert fake_render == []


def test_repeated_docs_render_once(fake_render: list[dict[str, Any]]) -> None:
    assert len(build_packet(_record(), docs=["shokumu", "shokumu"])) == 1


def test_unsafe_person_and_target_stay_one_component(fake_render: list[dict[str, Any]]) -> None:
    target = Target(id="../../etc")
    rec = _record("en", "../../x/y", targets=(target,))
    for doc, name in packet_names(rec, target=target, docs=["resume"], pdf=True):
        assert Path(name).name == name and ".." not in name and "/" not in name
        assert doc == "resume"


def test_resolve_target() -> None:
    a, b = Target(id="a"), Target(id="b")
    rec = _record(targets=(a, b))
    assert resolve_target(rec, None) is None
    assert resolve_target(rec, "b") is b
    with pytest.raises(ArgumentError) as info:
        resolve_target(rec, "x")
    assert str(info.value) == "unknown target `x`; this record has: a, b"
    assert info.value.param == "target"
    assert info.value.choices == ("a", "b")
    with pytest.raises(ArgumentError, match="no targets"):
        resolve_target(dataclasses.replace(rec, targets=()), "x")


def test_one_application_per_target_is_shared_by_its_documents(
    fake_render: list[dict[str, Any]],
) -> None:
    a, b = Target(id="a"), Target(id="b")
    files = render_packet(_record(targets=(a, b)))
    assert [(f.doc, f.target_id) for f in files] == [
        ("shokumu", None),
        ("rirekisho", None),
        ("interview", "a"),
        ("interview", "b"),
    ]
    apps = [c["app"] for c in fake_render]
    assert apps[0] is apps[1]  # the general documents read one application
    assert apps[2] is not apps[3] and apps[2].target is a and apps[3].target is b


def toy_build(app: Application, paper: str) -> dict[str, Any]:
    return {"name": app.record.person.name}


def test_a_new_document_is_one_registration(fake_render: list[dict[str, Any]]) -> None:
    toy = Document(key="cover", labels={"ja": "送付状"}, builder=f"{__name__}:toy_build")
    register(toy)
    try:
        assert [f.name for f in render_packet(_record(), docs=["cover"])] == [
            "送付状_平田健一.docx"
        ]
        assert "cover" in packet.default_docs(_record())
        assert toy.build(packet.enrich(_record()), "a4") == {"name": "平田 健一"}
        with pytest.raises(ArgumentError, match="is not available for a `en` record"):
            packet_names(_record("en"), docs=["cover"])
    finally:
        REGISTRY.pop("cover", None)
