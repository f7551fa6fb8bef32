"""The document registry: which documents exist, their view models and templates.

``render_document`` is the one entry point the CLI, batch runs and agents
call: view model (finished strings) → template (user folders first, then the
bundled one) → .docx bytes. ``context_for`` returns the exact dict the
template receives, so an agent can inspect or reuse it without Word.

Which template is trusted is decided here: a bundled one renders in this
process (compiled once, cached); a ``--template`` file, or a ``--templates``
folder's file that replaces a bundled one, renders in a child process with
CPU, memory and time limits (:mod:`resumegen.render.sandbox`).
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
from resumegen.resources import bundled

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


def _locate(
    lang: str, doc: str, template: Path | None, template_dirs: Sequence[Path]
) -> tuple[Path, str | None]:
    """The template's path, and the option that supplied it (None: a bundled template)."""
    if template is not None:
        if not Path(template).is_file():
            raise UsageError(f"template not found: {template}", option="--template")
        return Path(template), "--template"
    relative = f"{lang}/{doc}.docx"
    for folder in template_dirs:
        candidate = Path(folder) / relative
        if candidate.is_file():
            return candidate, "--templates"
    candidate = bundled("templates") / relative
    if candidate.is_file():
        return candidate, None
    raise UsageError(f"no template {relative} in the template folders", option="--doc")


def template_for(
    lang: str, doc: str, *, template: Path | None = None, template_dirs: Sequence[Path] = ()
) -> Path:
    """*template* when given, else ``<dir>/<lang>/<doc>.docx`` of the first folder that has it."""
    return _locate(lang, doc, template, template_dirs)[0]


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
    path, option = _locate(record.lang, doc, template, template_dirs)
    if option is None:
        return DocxTemplate.load(path).render(context)
    from resumegen.render.sandbox import render_isolated  # only for a user's template

    return render_isolated(path, context, option=option)
