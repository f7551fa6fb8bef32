"""An application packet: every document for one record and one target, in memory.

``render`` and ``batch`` both call :func:`build_packet`, so a packet rendered
alone and the same packet rendered in a batch are the same bytes under the
same names. Nothing is written here: the caller decides where (and whether)
the files land, through :mod:`resumegen.write`.

The renderer is imported on first use, which keeps ``import resumegen.packet``
(and with it the CLI's start-up) cheap.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from resumegen.errors import UsageError
from resumegen.record.model import Record, Target
from resumegen.write import compact_name, safe_name

if TYPE_CHECKING:
    from resumegen.enrich.rephrase import Phrasebook

__all__ = [
    "DOC_LABELS",
    "build_packet",
    "doc_of_filename",
    "packet_names",
    "pdf_name",
    "resolve_target",
    "to_pdf",
]

# The word a file name starts with, per language and document.
DOC_LABELS: dict[str, dict[str, str]] = {
    "ja": {"shokumu": "職務経歴書", "rirekisho": "履歴書", "interview": "面接準備シート"},
    "en": {"resume": "Resume", "interview": "Interview-Sheet"},
}

_LABEL_TO_DOC = {label: doc for labels in DOC_LABELS.values() for doc, label in labels.items()}


def resolve_target(record: Record, target_id: str | None) -> Target | None:
    """The record's target *target_id* (None when no id is given).

    An unknown id is the user's mistake, so it becomes a one-line
    :class:`UsageError` that lists the ids the record does have.
    """
    if target_id is None:
        return None
    found = record.target(target_id)
    if found is not None:
        return found
    have = ", ".join(t.id for t in record.targets) or "no targets"
    raise UsageError(f"unknown target `{target_id}`; this record has: {have}", option="--target")


def check_docs(record: Record, docs: Sequence[str]) -> list[str]:
    """*docs* without repeats, refusing a document this record's language has no form for."""
    labels = DOC_LABELS.get(record.lang, {})
    out: list[str] = []
    for doc in docs:
        if doc not in labels:
            choices = ", ".join(labels)
            raise UsageError(
                f"document `{doc}` is not available for a `{record.lang}` record; "
                f"choose from: {choices}",
                option="--doc",
            )
        if doc not in out:
            out.append(doc)
    return out


def _default_docs(record: Record) -> list[str]:
    from resumegen.render.docx import default_docs

    return list(default_docs(record))


def file_stem(record: Record, doc: str, target: Target | None) -> str:
    """``<label>_<person>[_<target id>]``, made safe for any file system."""
    label = DOC_LABELS[record.lang][doc]
    parts = [label, safe_name(compact_name(record.person.name), max_len=60)]
    if target is not None:
        parts.append(safe_name(target.id, max_len=40))
    return safe_name("_".join(parts), max_len=150)


def _plan(
    record: Record, target: Target | None, docs: Sequence[str] | None
) -> list[tuple[str, Target | None, str]]:
    """``(doc, target, file name)`` for every document of the packet.

    Without a target, the interview sheet is prepared once per application
    in the record (one general sheet when it has none): a sheet is always
    about one employer. The other documents are the general versions.
    """
    chosen = check_docs(record, _default_docs(record) if docs is None else docs)
    if not chosen:
        raise UsageError("no documents to render", option="--doc")
    plan: list[tuple[str, Target | None, str]] = []
    for doc in chosen:
        if doc == "interview" and target is None and record.targets:
            for t in record.targets:
                plan.append((doc, t, file_stem(record, doc, t) + ".docx"))
        else:
            plan.append((doc, target, file_stem(record, doc, target) + ".docx"))
    return plan


def packet_names(
    record: Record,
    *,
    target: Target | None = None,
    docs: Sequence[str] | None = None,
    pdf: bool = False,
) -> list[tuple[str, str]]:
    """The ``(doc, file name)`` pairs :func:`build_packet` will produce, without rendering.

    Batch runs use it to see whether a packet already exists before paying
    for a render.
    """
    names = [(doc, name) for doc, _t, name in _plan(record, target, docs)]
    if pdf:
        names += [(doc, pdf_name(name)) for doc, name in list(names)]
    return names


def doc_of_filename(file_name: str) -> str:
    """The document key (``shokumu`` …) a packet file name starts with."""
    label = file_name.split("_", 1)[0]
    return _LABEL_TO_DOC.get(label, Path(file_name).stem)


def build_packet(
    record: Record,
    *,
    target: Target | None = None,
    docs: Sequence[str] | None = None,
    today: _dt.date | None = None,
    template: Path | None = None,
    template_dirs: Sequence[Path] = (),
    book: Phrasebook | None = None,
    pdf: bool = False,
    paper: str = "a4",
) -> dict[str, bytes]:
    """Render the packet: ``{file name: bytes}``, .docx first, then .pdf when asked.

    Default documents are the ones that fit the record's language. PDFs come
    from one conversion call with every document of the packet, so that
    LibreOffice starts once a packet rather than once a document.
    """
    from resumegen.render.docx import render_document

    files: dict[str, bytes] = {}
    for doc, doc_target, name in _plan(record, target, docs):
        files[name] = render_document(
            record,
            doc,
            target=doc_target,
            today=today,
            template=template,
            template_dirs=tuple(template_dirs),
            book=book,
            paper=paper,
        )
    if pdf:
        files.update(to_pdf(files))
    return files


def pdf_name(docx_name: str) -> str:
    """The PDF that goes with a .docx: same name, ``.pdf`` instead of ``.docx``."""
    return docx_name[: -len(".docx")] + ".pdf"


def to_pdf(docx_files: Mapping[str, bytes]) -> dict[str, bytes]:
    """``{"x.docx": bytes}`` → ``{"x.pdf": bytes}`` in ONE LibreOffice run.

    Any number of documents, from one packet or many (batch runs hand over
    hundreds at once, under names of their own choosing). Names follow
    :func:`pdf_name`, whatever names the converter hands back; a document
    that comes back without a PDF is a :class:`UsageError` naming it.
    """
    from resumegen.render.pdf import convert_to_pdf

    converted = convert_to_pdf(docx_files)
    out: dict[str, bytes] = {}
    for docx_name in docx_files:
        name = pdf_name(docx_name)
        data = converted.get(name, converted.get(docx_name))
        if data is None:
            raise UsageError(f"PDF conversion produced nothing for {docx_name}", option="--pdf")
        out[name] = data
    return out
