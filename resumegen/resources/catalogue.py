"""The metric catalogue: which numbers to suggest for an achievement without any.

The catalogue is data (``phrasebooks/<lang>/metrics.yaml``) so that a user or
a recruiter can add the metrics of their own field without touching code::

    schema: 1
    lang: ja
    vague_words: [大幅に, 多数]
    profiles:
      physician:
        defaults: [case_count, outpatients]
        metrics:
          - {id: surgeries, label: 手術件数, hint: 年間の件数, keywords: [手術, 執刀]}

A file is read by :mod:`resumegen.yamlio` and checked against the field
tables below by the shared checker (:mod:`resumegen.resources.fields`):
every problem at once, each with its line and column, as a
:class:`~resumegen.errors.RecordError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from resumegen.datacache import load_compiled
from resumegen.errors import ArgumentError, InputFileError, RecordError
from resumegen.record.model import LANGS, PROFILES
from resumegen.resources import find
from resumegen.resources.fields import Checker, Field, Text
from resumegen.yamlio import Node, data_limits, load_path, load_text


@dataclass(frozen=True)
class MetricHint:
    """One metric a reader would like to see, with the words that call for it."""

    id: str
    label: str
    keywords: tuple[str, ...]
    hint: str = ""

    def describe(self, lang: str) -> str:
        """``手術件数（年間の件数）`` / ``operations performed (per year)``."""
        if not self.hint:
            return self.label
        return f"{self.label}（{self.hint}）" if lang == "ja" else f"{self.label} ({self.hint})"


@dataclass(frozen=True)
class ProfileCatalogue:
    defaults: tuple[str, ...]
    metrics: tuple[MetricHint, ...]

    def by_id(self, metric_id: str) -> MetricHint:
        for m in self.metrics:
            if m.id == metric_id:
                return m
        raise KeyError(metric_id)


@dataclass(frozen=True)
class Catalogue:
    lang: str
    vague_words: tuple[str, ...]
    profiles: Mapping[str, ProfileCatalogue]
    source: str = ""

    def for_profile(self, profile: str) -> ProfileCatalogue:
        return self.profiles[profile]


_NON_EMPTY = "must be a non-empty list of texts"
TOP: dict[str, Field] = {
    "schema": Field("int", message="only schema 1 is known"),
    "lang": Field("text", message=f"must be one of {', '.join(LANGS)}"),
    "vague_words": Field("text_list", message=_NON_EMPTY, empty=_NON_EMPTY),
    "profiles": Field("map", required=True, message="must be a mapping of profiles"),
}
PROFILE_TABLE: dict[str, Field] = {
    p: Field("map", required=True) for p in PROFILES
}  # each: a PROFILE map
PROFILE: dict[str, Field] = {
    "defaults": Field("text_list", required=True, message=_NON_EMPTY, empty=_NON_EMPTY),
    "metrics": Field("list", required=True, message="must be a non-empty list"),
}
METRIC: dict[str, Field] = {
    "id": Field("text", required=True),
    "label": Field("text", required=True),
    "hint": Field("text"),
    "keywords": Field("text_list", required=True, message=_NON_EMPTY, empty=_NON_EMPTY),
}
LIMITS = data_limits("metric catalogue")


def _metric(c: Checker, node: Node, path: str, seen: set[str]) -> MetricHint | None:
    mark = c.mark()
    f = c.check(node, METRIC, path, expect="must be a mapping with id, label, keywords")
    if f is None:
        return None
    mid = f.get("id")
    if mid is not None:
        if mid in seen:
            c.error(f.at("id"), f.sub("id"), f"duplicate id `{mid}`")
        seen.add(mid)
    if c.failed_since(mark):
        return None
    keywords = tuple(t.text for t in f.get("keywords"))
    return MetricHint(mid, f.get("label"), keywords, f.get("hint", ""))


def _profile(c: Checker, node: Node, path: str) -> ProfileCatalogue | None:
    mark = c.mark()
    f = c.check(node, PROFILE, path, expect="must be a mapping with defaults and metrics")
    if f is None:
        return None
    raw = f.get("metrics")
    if raw is not None and not raw.items:
        c.error(raw, f.sub("metrics"), "must be a non-empty list")
    seen: set[str] = set()
    items = raw.items if raw is not None else []
    metrics = [_metric(c, item, f"{path}.metrics[{i}]", seen) for i, item in enumerate(items)]
    defaults: tuple[Text, ...] = f.get("defaults", ())
    for text, at, where in defaults:
        if text not in seen:
            c.error(at, where, f"`{text}` is not the id of a metric of this profile")
    if c.failed_since(mark):
        return None
    return ProfileCatalogue(
        tuple(t.text for t in defaults), tuple(m for m in metrics if m is not None)
    )


def parse_catalogue(text: str, name: str = "<string>", lang: str | None = None) -> Catalogue:
    """Parse and validate catalogue *text*; RecordError listing every problem."""
    root, _ = load_text(text, name, LIMITS)
    return _catalogue(root, name, lang)


def _catalogue(root: Node, name: str, lang: str | None) -> Catalogue:
    c = Checker(name)
    top = c.check(root, TOP, "", expect="a metric catalogue must be a mapping")
    if top is None:
        raise RecordError(c.diags)
    if top.get("schema", 1) != 1:
        c.error(top.at("schema"), "schema", "only schema 1 is known")
    file_lang = top.get("lang", lang)
    if file_lang not in LANGS:
        c.error(top.at("lang"), "lang", f"must be one of {', '.join(LANGS)}")
    elif lang is not None and file_lang != lang:
        c.error(
            top.at("lang"), "lang", f"this catalogue is `{file_lang}`, but `{lang}` was asked for"
        )
    vague = tuple(t.text for t in top.get("vague_words", ()))
    profiles: dict[str, ProfileCatalogue] = {}
    raw = top.get("profiles")
    by_profile = c.check(raw, PROFILE_TABLE, "profiles", what="profile") if raw else None
    for profile, node in by_profile.values.items() if by_profile is not None else ():
        parsed = _profile(c, node, f"profiles.{profile}")
        if parsed is not None:
            profiles[profile] = parsed
    c.raise_any()
    return Catalogue(str(file_lang), vague, profiles, name)


def read_catalogue(path: str | Path, lang: str | None = None) -> Catalogue:
    """Read and validate the catalogue file at *path*."""
    p = Path(path)
    if not p.exists():
        raise InputFileError(f"cannot read metric catalogue {p}: file not found", path=str(p))
    root, _ = load_path(p, LIMITS)
    return _catalogue(root, str(p), lang)


def bundled_sources(lang: str) -> list[Path]:
    """The bundled metric catalogue file of *lang*."""
    path = find("phrasebooks", f"{lang}/metrics.yaml")
    if path is None:
        raise ArgumentError(f"no metric catalogue for language `{lang}`", param="lang")
    return [path]


def parse_bundled(lang: str) -> Catalogue:
    """Parse and validate the bundled catalogue of *lang* from its YAML."""
    return read_catalogue(bundled_sources(lang)[0], lang)


@cache
def _bundled(lang: str) -> Catalogue:
    return load_compiled(f"metrics-{lang}", bundled_sources(lang), lambda: parse_bundled(lang))


def load_catalogue(lang: str, user_dirs: Sequence[str | Path] = ()) -> Catalogue:
    """The catalogue for *lang*: the first ``<dir>/<lang>/metrics.yaml`` of *user_dirs*, else the bundled one."""
    if lang not in LANGS:
        raise ArgumentError(f"unsupported language `{lang}`", param="lang", choices=LANGS)
    for folder in user_dirs:
        candidate = Path(folder) / lang / "metrics.yaml"
        if candidate.is_file():
            return read_catalogue(candidate, lang)
    return _bundled(lang)
