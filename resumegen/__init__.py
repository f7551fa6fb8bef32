"""resumegen: YAML career record → quantified 職務経歴書, 履歴書, résumé and STAR sheets.

The public API that agents import. Every name is loaded lazily, so that
``import resumegen`` (and the CLI's start-up) stays fast.

    >>> import resumegen
    >>> rec = resumegen.load("samples/physician-ja.yaml")
    >>> app = resumegen.application(rec, rec.targets[0])  # enrich(): one application
    >>> files = resumegen.build_packet(rec, target=rec.targets[0])
    >>> sorted(files)  # {file name: .docx bytes}

The flow is one-way: load → validate → enrich (one ``Application`` per
target: figures, leaving-reason answers, dates) → documents (registry) →
render → write.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API: dict[str, tuple[str, str]] = {
    # load and validate
    "load": ("resumegen.record.validate", "load_record"),
    "load_text": ("resumegen.record.validate", "load_record_text"),
    "validate": ("resumegen.record.validate", "validate_path"),
    "json_schema": ("resumegen.record.schema", "json_schema"),
    "starter_record": ("resumegen.record.starter", "starter_record"),
    # enrich
    "quantify": ("resumegen.enrich.quantify", "quantify"),
    "audit": ("resumegen.enrich.audit", "audit"),
    "verify_text": ("resumegen.enrich.verify", "verify_text"),
    "load_phrasebooks": ("resumegen.enrich.rephrase", "load_phrasebooks"),
    "rephrase": ("resumegen.enrich.rephrase", "rephrase"),
    "build_sheets": ("resumegen.documents.interview", "build_sheets"),
    "application": ("resumegen.enrich.application", "enrich"),
    "Application": ("resumegen.enrich.application", "Application"),
    "Resources": ("resumegen.enrich.application", "Resources"),
    "resolve_target": ("resumegen.enrich.application", "resolve_target"),
    "english_record": ("resumegen.enrich.companion", "english_record"),
    # documents, render and write
    "render_application": ("resumegen.packet", "render_application"),
    "render_document": ("resumegen.packet", "render_document"),
    "context_for": ("resumegen.packet", "context_for"),
    "build_packet": ("resumegen.packet", "build_packet"),
    "render_packet": ("resumegen.packet", "render_packet"),
    "write_files": ("resumegen.write", "write_files"),
    "Office": ("resumegen.render.office", "Office"),
    "run_batch": ("resumegen.batch", "run_batch"),
    # types
    "Record": ("resumegen.record.model", "Record"),
    "Target": ("resumegen.record.model", "Target"),
    "RecordError": ("resumegen.errors", "RecordError"),
    "ResumegenError": ("resumegen.errors", "ResumegenError"),
    "ArgumentError": ("resumegen.errors", "ArgumentError"),
    "Diagnostic": ("resumegen.errors", "Diagnostic"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    try:
        module, attr = _API[name]
    except KeyError:
        raise AttributeError(f"module 'resumegen' has no attribute {name!r}") from None
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
