"""The messages of the audit, read from ``phrasebooks/<lang>/audit-messages.yaml``.

Each finding of ``resumegen check`` says what is wrong and what to do, in the
record's language; the sentences are data, so that a new language is a data
change. The bundled file of a language is read on first use and kept for the
process (:func:`audit_messages`); a file with a missing or unknown key, a
list where a sentence belongs or a ``{placeholder}`` the audit does not fill
is a :class:`~resumegen.errors.RecordError` that points at the line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from resumegen import yamlio
from resumegen.resources import bundled
from resumegen.resources.fields import ShippedFile, placeholder_problem
from resumegen.text import did_you_mean

__all__ = ["FILE_NAME", "PLACEHOLDERS", "AuditMessages", "audit_messages", "load_audit_messages"]

FILE_NAME = "audit-messages.yaml"

#: Every message the audit says, and the placeholders it fills in it.
PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    key: frozenset(fields)
    for key, fields in {
        "unquantified": ("summary",),
        "unquantified_fix": ("metrics",),
        "vague": ("words",),
        "vague_fix": (),
        "negative": ("words",),
        "negative_fix": (),
        "gap": ("months",),
        "gap_fix": (),
        "overlap": ("other", "months"),
        "overlap_fix": (),
        "future": ("date", "today"),
        "future_fix": (),
        "before_birth": ("date", "birth"),
        "birth_fix": (),
        "too_young": ("age",),
        "birth_future": ("date", "today"),
        "birth_future_fix": (),
        "young_school": ("school", "event", "age"),
        "young_licence": ("name", "age"),
        "stale_current": ("org", "later"),
        "stale_current_fix": (),
        "no_summary": (),
        "no_summary_fix": (),
        "no_contact": (),
        "no_contact_fix": (),
        "no_self_pr": (),
        "no_self_pr_fix": (),
        "star_missing": ("parts",),
        "star_fix": ("keys",),
        "no_verb": ("text",),
        "no_verb_fix": (),
        "no_skills": (),
        "no_skills_fix": (),
        "no_duties": ("org",),
        "no_duties_fix": (),
        "no_licenses": (),
        "no_licenses_fix": (),
        "wish_left_off": ("name", "value"),
        "wish_left_off_fix": (),
        "plain_form": ("what",),
        "plain_form_fix": (),
        "rirekisho_summarised": ("count", "names"),
        "rirekisho_summarised_fix": ("line",),
        "rirekisho_no_self_pr": (),
        "rirekisho_no_self_pr_fix": (),
        "answer_negative": ("words",),
        "answer_figure": ("figures",),
        "answer_figure_fix": (),
        "answer_long": ("count", "limit", "unit"),
        "answer_long_fix": (),
        "answer_fix": (),
        "reason_conflict": ("target", "message", "quoted"),
        "reason_conflict_fix": (),
        "era_wareki": (),
        "era_seireki": (),
        "mixed_era": ("found", "style"),
        "mixed_era_fix": ("style",),
        "half_colon": ("quoted",),
        "half_colon_fix": (),
        "shokumu_pages": ("pages", "which"),
        "shokumu_pages_fix": (),
        "shokumu_pr_left_out": ("target", "other", "quoted"),
        "shokumu_pr_left_out_fix": ("target",),
    }.items()
}


@dataclass(frozen=True)
class AuditMessages:
    """One language's audit messages: key → sentence with ``{placeholders}``."""

    lang: str
    texts: Mapping[str, str]

    def say(self, key: str, **slots: object) -> str:
        """The message *key* with *slots* filled in."""
        return self.texts[key].format(**slots)


@cache
def audit_messages(lang: str) -> AuditMessages:
    """The bundled audit messages of *lang*, read once per process."""
    return load_audit_messages(bundled("phrasebooks") / lang / FILE_NAME, lang)


def load_audit_messages(path: str | os.PathLike[str], lang: str) -> AuditMessages:
    """Read and check an audit-message file of *lang*; every problem is reported at its position."""
    shipped = ShippedFile(path, "message file", "the audit messages (`key: sentence`)")
    root, problem = shipped.root, shipped.problem
    texts: dict[str, str] = {}
    for key, node in root.items:
        k = key.text
        if k not in PLACEHOLDERS:
            problem(key, k, f"unknown message{did_you_mean(k, PLACEHOLDERS)}")
            continue
        if not isinstance(node, yamlio.Scalar) or node.is_null or not node.text.strip():
            problem(node, k, "expected a sentence")
            continue
        why = _text_problem(node.text, PLACEHOLDERS[k])
        if why is not None:
            problem(node, k, why)
            continue
        texts[k] = node.text
    typed = set(root.keys())
    for missing in (k for k in PLACEHOLDERS if k not in typed):
        problem(root, "", f"the message `{missing}` is missing")
    shipped.done()
    return AuditMessages(lang, texts)


def _text_problem(text: str, fields: frozenset[str]) -> str | None:
    """Why *text* cannot be a message that may use *fields*, or None."""
    if "\n" in text:
        return "a message is one line"
    return placeholder_problem(text, fields, "this message")
