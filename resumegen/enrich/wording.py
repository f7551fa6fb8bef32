"""The interview sheet's fixed wording, read from ``phrasebooks/<lang>/sheet-text.yaml``.

Headings, labels, prompts and the sentence frames of the self-introduction
are data, so that a new language is a data change. The bundled file of a
language is read on first use and kept for the process
(:func:`sheet_wording`); a file with a missing key, a list where a sentence
belongs or a ``{placeholder}`` the code does not fill is a
:class:`~resumegen.errors.RecordError` that points at the line.

Also here: :class:`Line`, one line the sheet says (or a prompt to the
candidate), and the date and period forms the sheet prints.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from resumegen import yamlio as load
from resumegen.errors import Diagnostic, RecordError
from resumegen.record.dates import format_en, format_ja
from resumegen.record.model import PartialDate, Position, Record, Star
from resumegen.resources import bundled
from resumegen.resources.fields import ShippedFile, placeholder_problem
from resumegen.text import did_you_mean

__all__ = [
    "FILE_NAME",
    "Line",
    "SheetWording",
    "date_text",
    "load_sheet_wording",
    "period_text",
    "sheet_wording",
]

FILE_NAME = "sheet-text.yaml"

_PROFILES = ("physician", "clinical-specialist", "general")

# Every key the code reads: a sentence (the placeholders it may hold), a list
# of sentences (likewise), or a table with fixed keys.
_SENTENCES: Mapping[str, frozenset[str]] = {
    key: frozenset(fields)
    for key, fields in {
        "title": (),
        "general": (),
        "date": (),
        "p_metrics": ("metrics",),
        "metrics_sep": (),
        "intro_greeting": ("name",),
        "intro_skills": ("skills",),
        "intro_closing": (),
        "intro_short": (),
        "intro_long": (),
        "intro_length": ("count", "low", "high"),
        "q_leaving": (),
        "h_leaving": (),
        "p_leaving_missing": (),
        "p_leaving_nomatch": (),
        "p_leaving_long": (),
        "follow_up": ("text",),
        "q_why": ("employer",),
        "q_why_general": ("house",),  # 当院 / 当社 / 当法人 / 当学
        "h_why": (),
        "p_why_missing": (),
        "p_why_feature": (),
        "q_strength": (),
        "h_strength": (),
        "p_strength_missing": (),
        "q_weakness": (),
        "h_weakness": (),
        "p_weakness": (),
        "p_outline": (),
        "story_ref": ("title", "figure"),
        "story_ref_bare": ("title",),
        "statement_sep": (),
        "duty_sep": (),
        "p_reworded": (),
        "list_sep": (),
        "desired_none": (),
        "range": (),
        "present": (),
    }.items()
}
_RESULT_FIELDS = {
    "ja": frozenset({"summary", "statement"}),
    "en": frozenset({"summary_lc", "statement", "statement_lc"}),
}
_LISTS: Mapping[str, tuple[str, ...]] = {
    "ja": ("intro_result",),
    "en": ("intro_result", "intro_result_verb", "intro_result_figure"),
}
_TABLES: Mapping[str, tuple[str, ...]] = {
    "profiles": _PROFILES,
    "star_labels": Star.PARTS,
    "star_prompts": Star.PARTS,
}


@dataclass(frozen=True)
class Line:
    """One line of the sheet: the candidate's words, or a prompt asking for them."""

    text: str
    prompt: bool = False


@dataclass(frozen=True)
class SheetWording:
    """One language's sheet wording: sentences, sentence lists and label tables."""

    lang: str
    sentences: Mapping[str, str]
    lists: Mapping[str, tuple[str, ...]]
    tables: Mapping[str, Mapping[str, str]]

    def __getitem__(self, key: str) -> str:
        return self.sentences[key]

    def options(self, key: str) -> tuple[str, ...]:
        """The sentence list *key* (``intro_result``: first, second, third result)."""
        return self.lists[key]

    def table(self, key: str) -> Mapping[str, str]:
        """The label table *key* (``star_labels``: part → label)."""
        return self.tables[key]


@cache
def sheet_wording(lang: str) -> SheetWording:
    """The bundled sheet wording of *lang*, read once per process."""
    return load_sheet_wording(bundled("phrasebooks") / lang / FILE_NAME, lang)


def load_sheet_wording(path: str | os.PathLike[str], lang: str) -> SheetWording:
    """Read and check a sheet-wording file of *lang*; every problem is reported at its position."""
    if lang not in _LISTS:
        raise RecordError(
            [Diagnostic(os.fspath(path), 1, 1, "", f"no sheet wording for language `{lang}`")]
        )
    shipped = ShippedFile(path, "sheet wording", "the sheet wording (`key: text`)")
    root, problem = shipped.root, shipped.problem

    def sentence(node: load.Node, where: str, fields: frozenset[str]) -> str | None:
        if not isinstance(node, load.Scalar) or node.is_null:
            problem(node, where, "expected a sentence")
            return None
        why = placeholder_problem(node.text, fields)
        if why is not None:
            problem(node, where, why)
            return None
        return node.text

    lists, tables = _LISTS[lang], _TABLES
    known = [*_SENTENCES, *lists, *tables]
    sentences: dict[str, str] = {}
    sentence_lists: dict[str, tuple[str, ...]] = {}
    label_tables: dict[str, dict[str, str]] = {}
    for key, value in root.items:
        k = key.text
        if k in _SENTENCES:
            text = sentence(value, k, _SENTENCES[k])
            if text is not None:
                sentences[k] = text
        elif k in lists:
            if not isinstance(value, load.Sequence) or not value.items:
                problem(value, k, "expected a list of sentences")
                continue
            items = [
                sentence(item, f"{k}[{i}]", _RESULT_FIELDS[lang])
                for i, item in enumerate(value.items)
            ]
            sentence_lists[k] = tuple(x for x in items if x is not None)
        elif k in tables:
            if not isinstance(value, load.Mapping):
                problem(value, k, "expected labels (`name: text`)")
                continue
            table: dict[str, str] = {}
            for sub, text_node in value.items:
                if sub.text not in tables[k]:
                    hint = did_you_mean(sub.text, tables[k], list_all=True)
                    problem(sub, f"{k}.{sub.text}", f"unknown name{hint}")
                    continue
                text = sentence(text_node, f"{k}.{sub.text}", frozenset())
                if text is not None:
                    table[sub.text] = text
            typed = set(value.keys())
            for missing in (s for s in tables[k] if s not in typed):
                problem(value, k, f"`{k}.{missing}` is missing")
            label_tables[k] = table
        else:
            problem(key, k, f"unknown key{did_you_mean(k, known)}")
    nodes = {key.text: value for key, value in root.items}
    for missing in (k for k in known if k not in nodes):
        problem(root, "", f"the key `{missing}` is missing")
    for frames_key in ("intro_result_verb", "intro_result_figure"):
        frames = sentence_lists.get(frames_key)
        if (
            not shipped.errors
            and frames is not None
            and len(frames) != len(sentence_lists["intro_result"])
        ):
            problem(nodes[frames_key], frames_key, "give as many sentences as `intro_result`")
    shipped.done()
    return SheetWording(lang, sentences, sentence_lists, label_tables)


def date_text(d: PartialDate, record: Record, *, with_day: bool = False) -> str:
    """A date as the record's documents print it (和暦 or 西暦 in Japanese; ``Apr 2019``)."""
    if record.lang == "ja":
        return format_ja(d, record.options.era, with_day=with_day)
    return format_en(d, with_day=with_day)


def period_text(position: Position, record: Record, wording: SheetWording) -> str:
    """``2015年4月〜現在`` / ``Apr 2015 – Present``: a position's period on the sheet."""
    end = date_text(position.end, record) if position.end else wording["present"]
    return f"{date_text(position.start, record)}{wording['range']}{end}"
