"""Record text is data: template syntax and XML typed in a record print exactly as typed.

Every sample gets the same text in its summary, self-PR, a skill, a licence, a
duty, an achievement and every application's motivation; every document of
every application must then show it verbatim (read back with python-docx).
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from ruamel.yaml import YAML

from resumegen.packet import default_docs, render_document, template_for
from resumegen.record.model import Record
from resumegen.record.validate import load_record_text
from tests.docdata import as_read

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

PIECES = ("{{ 7*7 }}", "{% for x in y %}", "<w:p>", "&amp;", "]]>", "{#")
TYPED = " ".join(PIECES)


def _with_typed_text(name: str) -> Record:
    yaml = YAML()
    data = yaml.load((SAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    data["summary"] = TYPED
    data["self_pr"] = TYPED
    data["skills"].append(TYPED)
    data["licenses"].append({"date": "2020-01", "name": TYPED})
    position = data["work"][-1]
    position["duties"].append(TYPED)
    position["achievements"][0]["summary"] = TYPED
    for target in data.get("targets", []):
        target["motivation"] = TYPED
    buf = io.StringIO()
    yaml.dump(data, buf)
    return load_record_text(buf.getvalue(), f"{name}.yaml")


def _texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(as_read(data)))
    out = [p.text for p in document.paragraphs]
    out += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return out


CASES = [
    (name, doc, target)
    for name, targets in (
        ("physician-ja", (None, "saitama-er")),
        ("clinical-specialist-ja", (None, "medit-cs", "msl")),
        ("clinical-specialist-en", (None, "msl-uk")),
    )
    for target in targets
    for doc in (
        ("shokumu", "rirekisho", "interview") if name.endswith("-ja") else ("resume", "interview")
    )
]


@pytest.fixture(scope="module")
def records() -> dict[str, Record]:
    return {
        n: _with_typed_text(n)
        for n in ("physician-ja", "clinical-specialist-ja", "clinical-specialist-en")
    }


@pytest.mark.parametrize(("name", "doc", "target"), CASES)
def test_typed_text_appears_exactly_as_typed(
    records: dict[str, Record], name: str, doc: str, target: str | None
) -> None:
    record = records[name]
    assert doc in default_docs(record)
    data = render_document(record, doc, target=record.target(target) if target else None)
    texts = _texts(data)
    shown = [t for t in texts if TYPED in t]
    assert shown, f"{name} {doc} {target}: the typed text is missing"
    # Every piece shows up only inside the whole text: nothing evaluated, split or dropped.
    for piece in PIECES:
        assert sum(t.count(piece) for t in texts) == sum(t.count(TYPED) for t in texts), piece


def test_every_case_is_a_default_document(records: dict[str, Record]) -> None:
    for name, record in records.items():
        targets = {t for n, _, t in CASES if n == name}
        assert targets == {None, *(t.id for t in record.targets)}
        assert {d for n, d, _ in CASES if n == name} == set(default_docs(record))


def test_typed_text_is_data_in_a_users_template_too(
    records: dict[str, Record], tmp_path: Path
) -> None:
    """The child process that renders a user's template treats record text the same way."""
    record = records["clinical-specialist-ja"]
    folder = tmp_path / "ja"
    folder.mkdir()
    (folder / "shokumu.docx").write_bytes(template_for("ja", "shokumu").read_bytes())
    data = render_document(record, "shokumu", template_dirs=[tmp_path])
    assert data == render_document(record, "shokumu")
    assert any(TYPED in t for t in _texts(data))
