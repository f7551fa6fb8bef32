"""The document registry: every document resumegen makes, described once.

A :class:`Document` says what the CLI, batch runs, manifests and file names
need to know: its key, the record languages it exists in, the word its file
names start with, its template, and the builder that turns an
:class:`~resumegen.enrich.application.Application` into the template's data.
Everything else derives from :data:`REGISTRY`: ``--doc`` choices, the default
documents of a packet, manifest columns, file names.

Builders are named as ``"module:function"`` and imported on first use, so
reading the registry costs nothing at start-up. Adding a document is one
:func:`register` call, a builder module and a template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from resumegen.errors import ArgumentError
from resumegen.text import one_line

if TYPE_CHECKING:
    from resumegen.enrich.application import Application

__all__ = [
    "PAPERS",
    "REGISTRY",
    "Builder",
    "Document",
    "all_keys",
    "default_keys",
    "document",
    "documents_for",
    "register",
]

# Page size in twips (what a template's section properties take).
PAPERS: Mapping[str, tuple[int, int]] = {"a4": (11906, 16838), "letter": (12240, 15840)}

Builder = Callable[["Application", str], Mapping[str, Any]]


@dataclass(frozen=True)
class Document:
    """One kind of document.

    ``labels`` maps each language to the word file names start with
    (``職務経歴書_平田健一.docx``); its keys are the languages the document
    exists in. ``builder`` is ``"module:function"``: a function of
    ``(application, paper)`` returning the template data; ``notes``, if set, names
    one of the same arguments returning what ``render`` should tell the user about
    the document it wrote (one line each). ``per_application``
    documents are about one employer: a packet without a target gets one per
    target in the record. ``papers`` lists the paper sizes it can be laid out on.
    """

    key: str
    labels: Mapping[str, str]
    builder: str
    template: str = ""
    per_application: bool = False
    notes: str = ""

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(self.labels)

    @property
    def template_name(self) -> str:
        """The template's file name inside ``templates/<lang>/``."""
        return f"{self.template or self.key}.docx"

    def label(self, lang: str) -> str:
        return self.labels[lang]

    def build(self, application: Application, paper: str = "a4") -> Mapping[str, Any]:
        """What this document's builder makes of *application*."""
        module, _, name = self.builder.partition(":")
        func: Builder = getattr(import_module(module), name)
        return func(application, paper)

    def notes_for(self, application: Application, paper: str = "a4") -> tuple[str, ...]:
        """What the user should hear about this document for *application* (often nothing)."""
        if not self.notes:
            return ()
        module, _, name = self.notes.partition(":")
        func: Callable[[Application, str], Sequence[str]] = getattr(import_module(module), name)
        return tuple(func(application, paper))

    def data(self, application: Application, paper: str = "a4") -> dict[str, Any]:
        """Everything the template receives: the builder's data and the keys every document has.

        ``author`` (the candidate's name on one line) fills the document's
        properties. (In Japanese documents the renderer holds a short word to
        its number as it prints each value: :func:`resumegen.text.keep_together`.)
        """
        data = dict(self.build(application, paper))
        data["author"] = one_line(application.record.person.name)
        return data


REGISTRY: dict[str, Document] = {}


def register(doc: Document) -> Document:
    """Add *doc* to the registry (a key registered twice is a programming error)."""
    if doc.key in REGISTRY:
        raise ValueError(f"document `{doc.key}` is registered twice")
    REGISTRY[doc.key] = doc
    return doc


def all_keys() -> tuple[str, ...]:
    """Every document key, in the order a packet lists them."""
    return tuple(REGISTRY)


def documents_for(lang: str) -> Iterator[Document]:
    """The documents that exist in *lang*, in registry order."""
    return (d for d in REGISTRY.values() if lang in d.labels)


def default_keys(lang: str) -> tuple[str, ...]:
    """The documents a packet holds by default for a record in *lang*."""
    return tuple(d.key for d in documents_for(lang))


def document(key: str, lang: str | None = None) -> Document:
    """The document *key*; with *lang*, refuse one that has no form in that language."""
    doc = REGISTRY.get(key)
    if doc is None:
        raise ArgumentError(
            f"unknown document `{key}`; choose from {', '.join(REGISTRY)}",
            param="docs",
            choices=REGISTRY,
        )
    if lang is not None and lang not in doc.labels:
        available = default_keys(lang)
        raise ArgumentError(
            f"document `{key}` is not available for a `{lang}` record; "
            f"choose from: {', '.join(available)}",
            param="docs",
            choices=available,
        )
    return doc


register(
    Document(
        key="shokumu",
        labels={"ja": "職務経歴書"},
        builder="resumegen.documents.shokumu:build",
        notes="resumegen.documents.shokumu:render_notes",
    )
)
register(
    Document(
        key="rirekisho",
        labels={"ja": "履歴書"},
        builder="resumegen.documents.rirekisho:build",
    )
)
register(
    Document(
        key="resume",
        labels={"en": "Resume"},
        builder="resumegen.documents.resume:build",
    )
)
register(
    Document(
        key="interview",
        labels={"ja": "面接準備シート", "en": "Interview-Sheet"},
        builder="resumegen.documents.interview:build",
        per_application=True,
    )
)
