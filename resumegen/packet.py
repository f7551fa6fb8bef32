"""An application packet: every document for one record and one target, in memory.

``render`` and ``batch`` both call :func:`render_packet`, so a packet rendered
alone and the same packet rendered in a batch are the same bytes under the
same names. Every document of a packet is built from one
:class:`~resumegen.enrich.application.Application` per application, so they
state the same facts the same way. Nothing is written here: the caller
decides where (and whether) the files land, through :mod:`resumegen.write`.

Which documents exist, their languages and file labels come from the
registry (:mod:`resumegen.documents`). A document that exists only in English
(the résumé) renders for a Japanese record from the English record its ``en``
companion makes (:mod:`resumegen.enrich.companion`): it is one of the default
documents when the companion is complete, and asked for with an incomplete
one, it is a :class:`RecordError` listing what is missing. The renderer is imported on first
use, which keeps ``import resumegen.packet`` (and the CLI's start-up) cheap.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from resumegen.documents import PAPERS, REGISTRY, document
from resumegen.enrich.application import Application, Resources, enrich, resolve_target
from resumegen.enrich.companion import companion_complete, english_record
from resumegen.errors import ArgumentError, ConversionError
from resumegen.record.model import Record, Target
from resumegen.write import NAME_BYTES, compact_name, safe_name, unique_name

if TYPE_CHECKING:
    from resumegen.enrich.audit_report import Finding
    from resumegen.render.office import Office
    from resumegen.resources.phrasebook import Phrasebook

__all__ = [
    "PacketFile",
    "PlannedFile",
    "build_packet",
    "check_docs",
    "context_for",
    "default_docs",
    "document_notes",
    "document_source",
    "file_names",
    "file_stem",
    "packet_names",
    "pdf_name",
    "plan_packet",
    "render_application",
    "render_document",
    "render_packet",
    "resolve_target",
    "template_for",
    "to_pdf",
]


@dataclass(frozen=True)
class PlannedFile:
    """One file of a packet before it is rendered: its document, application and name."""

    doc: str
    target: Target | None
    name: str


@dataclass(frozen=True)
class PacketFile:
    """One rendered file of a packet."""

    doc: str
    target_id: str | None
    name: str
    data: bytes
    notes: tuple[str, ...] = ()  # what the user should hear about it (a .docx only)


def default_docs(record: Record, target: Target | None = None) -> list[str]:
    """Every document that fits the record's language, in the order a packet lists them.

    A Japanese record whose English companion is complete (for *target*) gets
    the English-only documents (the résumé) too.
    """
    return [
        d.key
        for d in REGISTRY.values()
        if record.lang in d.langs
        or (_from_companion(record, d.langs) and companion_complete(record, target))
    ]


def _from_companion(record: Record, langs: tuple[str, ...]) -> bool:
    """Whether a document in *langs* renders from *record*'s English companion."""
    return record.lang == "ja" and record.lang not in langs and "en" in langs


def document_source(
    record: Record, doc: str, target: Target | None = None
) -> tuple[Record, Target | None]:
    """The record (and target) *doc* renders from: *record*, or the English record of its companion.

    A document with no form in the record's language is refused
    (ArgumentError), except an English one of a Japanese record: its English
    companion must then be complete (RecordError listing what it lacks).
    """
    if not _from_companion(record, document(doc).langs):
        document(doc, record.lang)
        return record, target
    english = english_record(record, target)
    return english, english.target(target.id) if target is not None else None


def template_for(
    lang: str, doc: str, *, template: Path | None = None, template_dirs: Sequence[Path] = ()
) -> Path:
    """The template *doc* renders with: *template*, else the first folder's, else the bundled one."""
    from resumegen.render.docx import locate_template

    name = document(doc).template_name
    return locate_template(lang, name, template=template, template_dirs=template_dirs)[0]


def check_docs(record: Record, docs: Sequence[str], target: Target | None = None) -> list[str]:
    """*docs* without repeats, refusing a document this record (for *target*) cannot make.

    See :func:`document_source`: a document with no form in the record's language, or
    an English one whose companion is incomplete.
    """
    out: list[str] = []
    for key in docs:
        document_source(record, key, target)
        if key not in out:
            out.append(key)
    return out


def check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise ArgumentError(
            f"unknown paper `{paper}`; choose from {', '.join(PAPERS)}",
            param="paper",
            choices=PAPERS,
        )


# A file name's stem leaves room for the longest extension (``.docx``).
STEM_BYTES = NAME_BYTES - len(".docx")


def file_stem(record: Record, doc: str, target: Target | None) -> str:
    """``<label>_<person>[_<target id>]``, made safe for any file system.

    Cut at the end to :data:`STEM_BYTES` bytes, so the label stays whole. *record* is
    the one the document renders from (:func:`document_source`): its language and name.
    """
    label = document(doc).label(record.lang)
    parts = [label, safe_name(compact_name(record.person.name), max_len=60)]
    if target is not None:
        parts.append(safe_name(target.id, max_len=40))
    return safe_name("_".join(parts), max_len=150, max_bytes=STEM_BYTES)


def plan_packet(
    record: Record, *, target: Target | None = None, docs: Sequence[str] | None = None
) -> list[PlannedFile]:
    """Every file of the packet, in order, without rendering.

    Without a target, a document about one employer (the interview sheet) is
    prepared once per application in the record (one general sheet when it
    has none); the other documents are the general versions. Names are
    unique in the packet, ignoring case: target ids that make the same name
    (``x/y``, ``x_y``, ``x y``) get ``-2``, ``-3`` … in the record's order.
    """
    chosen = check_docs(record, default_docs(record, target) if docs is None else docs, target)
    if not chosen:
        raise ArgumentError("no documents to render", param="docs")
    plan: list[PlannedFile] = []
    taken: set[str] = set()

    def add(key: str, t: Target | None) -> None:
        name = unique_name(file_stem(document_source(record, key, t)[0], key, t) + ".docx", taken)
        taken.add(name)
        plan.append(PlannedFile(key, t, name))

    for key in chosen:
        if document(key).per_application and target is None and record.targets:
            for t in record.targets:
                add(key, t)
        else:
            add(key, target)
    return plan


def packet_names(
    record: Record,
    *,
    target: Target | None = None,
    docs: Sequence[str] | None = None,
    pdf: bool = False,
) -> list[tuple[str, str]]:
    """The ``(doc, file name)`` pairs a packet holds, without rendering.

    Batch runs use it to see whether a packet already exists before paying
    for a render.
    """
    return file_names(plan_packet(record, target=target, docs=docs), pdf=pdf)


def file_names(planned: Sequence[PlannedFile], *, pdf: bool = False) -> list[tuple[str, str]]:
    """``(doc, file name)`` of the planned files, then of their PDFs when *pdf*."""
    names = [(f.doc, f.name) for f in planned]
    if pdf:
        names += [(doc, pdf_name(name)) for doc, name in list(names)]
    return names


def context_for(
    record: Record,
    doc: str,
    *,
    target: Target | None = None,
    today: _dt.date | None = None,
    book: Phrasebook | None = None,
    paper: str = "a4",
    resources: Resources | None = None,
) -> Mapping[str, Any]:
    """The data the template of *doc* receives: finished display strings only."""
    check_paper(paper)
    app = _for_document(_application(record, target, today, book, resources, paper), doc)
    return document(doc).data(app, paper)


def render_application(
    app: Application,
    doc: str,
    *,
    template: Path | None = None,
    template_dirs: Sequence[Path] = (),
    paper: str = "a4",
) -> bytes:
    """Render *doc* of the application *app* to .docx bytes."""
    from resumegen.render.docx import locate_template, render_docx

    check_paper(paper)
    app = _for_document(app, doc)
    spec = document(doc)
    data = spec.data(app, paper)
    path, param = locate_template(
        app.lang, spec.template_name, template=template, template_dirs=template_dirs
    )
    return render_docx(path, data, param=param, keep_words=app.lang == "ja")


def document_notes(app: Application, doc: str, paper: str = "a4") -> tuple[str, ...]:
    """What the user should hear about *doc* rendered for *app* (a 職務経歴書 past two pages)."""
    return document(doc).notes_for(app, paper)


def render_document(
    record: Record,
    doc: str,
    *,
    target: Target | None = None,
    today: _dt.date | None = None,
    template: Path | None = None,
    template_dirs: Sequence[Path] = (),
    book: Phrasebook | None = None,
    paper: str = "a4",
    resources: Resources | None = None,
) -> bytes:
    """Render *doc* for *record* (tailored to *target*) to .docx bytes."""
    app = _application(record, target, today, book, resources, paper)
    return render_application(app, doc, template=template, template_dirs=template_dirs, paper=paper)


def _for_document(app: Application, doc: str) -> Application:
    """*app*, or for an English document of a Japanese record, the application of its companion."""
    record, target = document_source(app.record, doc, app.target)
    if record is app.record:
        return app
    return enrich(record, target, today=app.today, paper=app.paper)


def _application(
    record: Record,
    target: Target | None,
    today: _dt.date | None,
    book: Phrasebook | None,
    resources: Resources | None,
    paper: str = "a4",
) -> Application:
    if resources is None:
        resources = Resources(record.lang, book=book)
    return enrich(record, target, resources=resources, today=today, paper=paper)


def render_packet(
    record: Record,
    *,
    target: Target | None = None,
    docs: Sequence[str] | None = None,
    today: _dt.date | None = None,
    template: Path | None = None,
    template_dirs: Sequence[Path] = (),
    book: Phrasebook | None = None,
    resources: Resources | None = None,
    pdf: bool = False,
    paper: str = "a4",
    office: Office | None = None,
) -> list[PacketFile]:
    """Render the packet: its files in order, .docx first, then .pdf when asked.

    One :class:`Application` is made per application in the packet and every
    document for it reads that one. PDFs come from one conversion call with
    every document of the packet, so LibreOffice starts once a packet, or not
    at all with a running *office* (:class:`~resumegen.render.office.Office`).
    """
    check_paper(paper)
    if resources is None:
        resources = Resources(record.lang, book=book)
    apps: dict[str | None, Application] = {}
    files: list[PacketFile] = []
    for planned in plan_packet(record, target=target, docs=docs):
        key = planned.target.id if planned.target is not None else None
        app = apps.get(key)
        if app is None:
            app = apps[key] = _application(record, planned.target, today, book, resources, paper)
        data = render_application(
            app, planned.doc, template=template, template_dirs=template_dirs, paper=paper
        )
        notes = document_notes(app, planned.doc, paper)
        files.append(PacketFile(planned.doc, key, planned.name, data, notes))
    if pdf:
        converted = to_pdf({f.name: f.data for f in files}, office=office)
        files += [
            PacketFile(f.doc, f.target_id, pdf_name(f.name), converted[pdf_name(f.name)])
            for f in list(files)
        ]
    return files


class PacketOptions(TypedDict, total=False):
    """The keyword options of :func:`render_packet`, shared by :func:`build_packet`."""

    target: Target | None
    docs: Sequence[str] | None
    today: _dt.date | None
    template: Path | None
    template_dirs: Sequence[Path]
    book: Phrasebook | None
    resources: Resources | None
    pdf: bool
    paper: str
    office: Office | None


def build_packet(record: Record, **options: Unpack[PacketOptions]) -> dict[str, bytes]:
    """The packet as ``{file name: bytes}`` (see :func:`render_packet`)."""
    return {f.name: f.data for f in render_packet(record, **options)}


def pdf_name(docx_name: str) -> str:
    """The PDF that goes with a .docx: same name, ``.pdf`` instead of ``.docx``."""
    return docx_name[: -len(".docx")] + ".pdf"


def to_pdf(docx_files: Mapping[str, bytes], *, office: Office | None = None) -> dict[str, bytes]:
    """``{"x.docx": bytes}`` → ``{"x.pdf": bytes}`` in ONE LibreOffice run (or by *office*,
    else by the background one of ``resumegen office`` while it runs).

    Any number of documents, from one packet or many (batch runs hand over
    hundreds at once, under names of their own choosing). Names follow
    :func:`pdf_name`, whatever names the converter hands back; a document
    that comes back without a PDF is a :class:`ConversionError` naming it.
    """
    from resumegen.render import daemon
    from resumegen.render.pdf import convert_to_pdf

    converted = daemon.convert(docx_files) if office is None else None
    if converted is None:  # no `resumegen office` running, or it did not convert
        converted = convert_to_pdf(docx_files, office=office)
    out: dict[str, bytes] = {}
    for docx_name in docx_files:
        name = pdf_name(docx_name)
        data = converted.get(name, converted.get(docx_name))
        if data is None:
            raise ConversionError(f"PDF conversion produced nothing for {docx_name}")
        out[name] = data
    return out


def check_findings(app: Application) -> list[Finding]:
    """What ``check`` adds to the audit from the application: the 履歴書 form's summaries,
    the 職務経歴書's length and 自己PR, the person's own leaving answers and reasons that
    go against a target, and an English companion begun but incomplete."""
    from resumegen.documents import shokumu
    from resumegen.documents.rirekisho import form_findings
    from resumegen.enrich.companion import companion_findings
    from resumegen.enrich.leaving_check import leaving_findings

    return [
        *form_findings(app),
        *shokumu.findings(app),
        *leaving_findings(app),
        *companion_findings(app),
    ]
