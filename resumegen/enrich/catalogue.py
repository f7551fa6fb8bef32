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

A file is validated like a record: every problem at once, each with its
line and column, as a :class:`~resumegen.errors.RecordError`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from resumegen.datacache import load_compiled
from resumegen.errors import Diagnostic, RecordError, UsageError
from resumegen.record.model import LANGS, PROFILES
from resumegen.resources import find

_TOP_KEYS = ("schema", "lang", "vague_words", "profiles")
_PROFILE_KEYS = ("defaults", "metrics")
_ENTRY_KEYS = ("id", "label", "hint", "keywords")


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


class _Checker:
    """Collects positioned problems while walking the parsed YAML."""

    def __init__(self, name: str):
        self.name = name
        self.diags: list[Diagnostic] = []

    def error(self, pos: tuple[int, int], path: str, message: str) -> None:
        self.diags.append(Diagnostic(self.name, pos[0], pos[1], path, message))

    @staticmethod
    def key_pos(node: Any, key: object) -> tuple[int, int]:
        if isinstance(node, CommentedMap):
            try:
                line, col = node.lc.key(key)
                return (line + 1, col + 1)
            except (KeyError, TypeError):
                pass
        return _Checker.node_pos(node)

    @staticmethod
    def value_pos(node: Any, key: object) -> tuple[int, int]:
        try:
            if isinstance(node, CommentedMap):
                line, col = node.lc.value(key)
                return (line + 1, col + 1)
            if isinstance(node, CommentedSeq):
                line, col = node.lc.item(key)
                return (line + 1, col + 1)
        except (KeyError, TypeError, IndexError):
            pass
        return _Checker.node_pos(node)

    @staticmethod
    def node_pos(node: Any) -> tuple[int, int]:
        lc = getattr(node, "lc", None)
        if lc is not None and lc.line is not None:
            return (lc.line + 1, lc.col + 1)
        return (0, 0)

    def unknown_keys(self, node: CommentedMap, allowed: Sequence[str], path: str) -> None:
        for key in node:
            if key not in allowed:
                where = f"{path}.{key}" if path else str(key)
                self.error(
                    self.key_pos(node, key),
                    where,
                    f"unknown key {key!r} (expected one of: {', '.join(allowed)})",
                )

    def text(self, node: Any, key: object, path: str, *, required: bool = True) -> str | None:
        if isinstance(node, CommentedMap) and key not in node:
            if required:
                self.error(self.node_pos(node), path, f"missing {key!r}")
            return None
        value = node[key]
        if not isinstance(value, str) or not value.strip():
            self.error(self.value_pos(node, key), path, "must be a non-empty text")
            return None
        return value.strip()

    def texts(self, node: Any, key: object, path: str) -> tuple[str, ...] | None:
        value = node.get(key) if isinstance(node, CommentedMap) else None
        if not isinstance(value, CommentedSeq) or not value:
            self.error(self.value_pos(node, key), path, "must be a non-empty list of texts")
            return None
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.error(self.value_pos(value, i), f"{path}[{i}]", "must be a non-empty text")
            else:
                out.append(item.strip())
        return tuple(out)


def _parse_yaml(text: str, name: str) -> Any:
    yaml = YAML(typ="rt")
    try:
        return yaml.load(io.StringIO(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise RecordError.single(name, line, col, "", f"not valid YAML: {exc.problem}") from None
    except YAMLError as exc:
        raise RecordError.single(name, 0, 0, "", f"not valid YAML: {exc}") from None


def _entry(c: _Checker, node: Any, path: str, seen: set[str]) -> MetricHint | None:
    if not isinstance(node, CommentedMap):
        c.error(c.node_pos(node), path, "must be a mapping with id, label, keywords")
        return None
    c.unknown_keys(node, _ENTRY_KEYS, path)
    mid = c.text(node, "id", f"{path}.id")
    label = c.text(node, "label", f"{path}.label")
    hint = c.text(node, "hint", f"{path}.hint", required=False) or ""
    keywords = c.texts(node, "keywords", f"{path}.keywords")
    if mid is not None:
        if mid in seen:
            c.error(c.value_pos(node, "id"), f"{path}.id", f"duplicate id {mid!r}")
        seen.add(mid)
    if mid is None or label is None or keywords is None:
        return None
    return MetricHint(mid, label, keywords, hint)


def _profile(c: _Checker, node: Any, path: str) -> ProfileCatalogue | None:
    if not isinstance(node, CommentedMap):
        c.error(c.node_pos(node), path, "must be a mapping with defaults and metrics")
        return None
    c.unknown_keys(node, _PROFILE_KEYS, path)
    raw = node.get("metrics")
    if not isinstance(raw, CommentedSeq) or not raw:
        c.error(c.value_pos(node, "metrics"), f"{path}.metrics", "must be a non-empty list")
        return None
    seen: set[str] = set()
    metrics = [_entry(c, item, f"{path}.metrics[{i}]", seen) for i, item in enumerate(raw)]
    defaults = c.texts(node, "defaults", f"{path}.defaults")
    if defaults is not None:
        for i, d in enumerate(defaults):
            if d not in seen:
                c.error(
                    c.value_pos(node["defaults"], i),
                    f"{path}.defaults[{i}]",
                    f"{d!r} is not the id of a metric of this profile",
                )
    if defaults is None or any(m is None for m in metrics):
        return None
    return ProfileCatalogue(defaults, tuple(m for m in metrics if m is not None))


def parse_catalogue(text: str, name: str = "<string>", lang: str | None = None) -> Catalogue:
    """Parse and validate catalogue *text*; RecordError listing every problem."""
    data = _parse_yaml(text, name)
    c = _Checker(name)
    if not isinstance(data, CommentedMap):
        raise RecordError.single(name, 1, 1, "", "a metric catalogue must be a mapping")
    c.unknown_keys(data, _TOP_KEYS, "")
    if "schema" in data and data["schema"] != 1:
        c.error(c.value_pos(data, "schema"), "schema", "unsupported schema (expected 1)")
    file_lang = data.get("lang", lang)
    if file_lang not in LANGS:
        c.error(c.value_pos(data, "lang"), "lang", f"must be one of: {', '.join(LANGS)}")
    elif lang is not None and file_lang != lang:
        c.error(c.value_pos(data, "lang"), "lang", f"is {file_lang!r}, expected {lang!r}")
    vague: tuple[str, ...] = ()
    if "vague_words" in data:
        vague = c.texts(data, "vague_words", "vague_words") or ()
    profiles: dict[str, ProfileCatalogue] = {}
    raw = data.get("profiles")
    if not isinstance(raw, CommentedMap):
        c.error(c.value_pos(data, "profiles"), "profiles", "must be a mapping of profiles")
    else:
        c.unknown_keys(raw, PROFILES, "profiles")
        for profile in PROFILES:
            if profile not in raw:
                c.error(c.key_pos(data, "profiles"), "profiles", f"missing profile {profile!r}")
                continue
            parsed = _profile(c, raw[profile], f"profiles.{profile}")
            if parsed is not None:
                profiles[profile] = parsed
    if c.diags:
        raise RecordError(c.diags)
    return Catalogue(str(file_lang), vague, profiles, name)


def read_catalogue(path: str | Path, lang: str | None = None) -> Catalogue:
    """Read and validate the catalogue file at *path*."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read metric catalogue {p}: {exc}") from None
    return parse_catalogue(text, str(p), lang)


def bundled_sources(lang: str) -> list[Path]:
    """The bundled metric catalogue file of *lang*."""
    path = find("phrasebooks", f"{lang}/metrics.yaml")
    if path is None:
        raise UsageError(f"no metric catalogue for language {lang!r}")
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
        raise UsageError(f"unsupported language {lang!r}")
    for folder in user_dirs:
        candidate = Path(folder) / lang / "metrics.yaml"
        if candidate.is_file():
            return read_catalogue(candidate, lang)
    return _bundled(lang)
