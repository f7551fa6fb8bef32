"""The document registry: which documents exist, their view models and templates.

``render_document`` is the one entry point the CLI, batch runs and agents
call: view model (finished strings) → template (user folders first, then the
bundled one) → .docx bytes. ``context_for`` returns the exact dict the
template receives, so an agent can inspect or reuse it without Word.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from resumegen.errors import UsageError
from resumegen.record.model import Record, Target
from resumegen.render.context import resume_context, shokumu_context
from resumegen.render.engine import DocxTemplate
from resumegen.resources import find

__all__ = [
    "DOCS",
    "DOC_LANGS",
    "PAPERS",
    "context_for",
    "default_docs",
    "render_document",
    "template_for",
]

DOCS: tuple[str, ...] = ("shokumu", "rirekisho", "resume", "interview")

# Which record languages each document exists in.
DOC_LANGS: dict[str, tuple[str, ...]] = {
    "shokumu": ("ja",),
    "rirekisho": ("ja",),
    "resume": ("en",),
    "interview": ("ja", "en"),
}

# Page size in twips (what the résumé template's section properties take).
PAPERS: dict[str, tuple[int, int]] = {"a4": (11906, 16838), "letter": (12240, 15840)}

_LANG_NAMES = {"ja": "a Japanese", "en": "an English"}


def default_docs(record: Record) -> list[str]:
    """Every document that fits the record's language, in the order they are written."""
    return [d for d in DOCS if record.lang in DOC_LANGS[d]]


def _check_doc(record: Record, doc: str) -> None:
    if doc not in DOC_LANGS:
        raise UsageError(f"unknown document `{doc}`; choose from {', '.join(DOCS)}", option="--doc")
    langs = DOC_LANGS[doc]
    if record.lang not in langs:
        raise UsageError(
            f"`{doc}` is {_LANG_NAMES.get(langs[0], langs[0])} document; "
            f"this record's lang is {record.lang}",
            option="--doc",
        )


def _check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise UsageError(
            f"unknown paper `{paper}`; choose from {', '.join(PAPERS)}", option="--paper"
        )


def context_for(
    record: Record,
    doc: str,
    *,
    target: Target | None = None,
    today: date | None = None,
    book: Any | None = None,
    paper: str = "a4",
) -> dict[str, Any]:
    """The dict the template of *doc* receives: finished display strings only."""
    _check_doc(record, doc)
    _check_paper(paper)
    if doc == "shokumu":
        return shokumu_context(record, target=target, today=today, book=book)
    if doc == "resume":
        ctx = resume_context(record, target=target, today=today, paper=paper)
        ctx["page_w"], ctx["page_h"] = PAPERS[paper]
        return ctx
    if doc == "rirekisho":
        from resumegen.render.rirekisho import rirekisho_context

        return rirekisho_context(record, today=today, target=target)
    from resumegen.enrich.interview import build_sheet

    sheet = build_sheet(record, target, today=today, book=book, bank=None)
    return dict(sheet)


def template_for(
    lang: str, doc: str, *, template: Path | None = None, template_dirs: Sequence[Path] = ()
) -> Path:
    """*template* when given, else ``<dir>/<lang>/<doc>.docx`` of the first folder that has it."""
    if template is not None:
        if not Path(template).is_file():
            raise UsageError(f"template not found: {template}", option="--template")
        return Path(template)
    found = find("templates", f"{lang}/{doc}.docx", template_dirs)
    if found is None:
        raise UsageError(f"no template {lang}/{doc}.docx in the template folders", option="--doc")
    return found


def render_document(
    record: Record,
    doc: str,
    *,
    target: Target | None = None,
    today: date | None = None,
    template: Path | None = None,
    template_dirs: Sequence[Path] = (),
    book: Any | None = None,
    paper: str = "a4",
) -> bytes:
    """Render *doc* for *record* (tailored to *target*) to .docx bytes."""
    context = context_for(record, doc, target=target, today=today, book=book, paper=paper)
    path = template_for(record.lang, doc, template=template, template_dirs=template_dirs)
    return DocxTemplate.load(path).render(context)
