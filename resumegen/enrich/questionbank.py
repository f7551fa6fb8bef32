"""Interview question banks: loading, layering and validation.

A question bank is data (``phrasebooks/<lang>/questions*.yaml`` and
``interview-*.yaml``) so that a new profession, role family or language is a
data change, and users can add or replace questions with their own files.
Each file may hold any of these sections, each a list of entries with an id:

* ``roles`` — role families detected from ``target.role`` by keywords;
* ``neutral_terms`` — neutral wording the sheet uses instead of the words of
  a leaving reason (``term`` → ``neutral``);
* ``questions`` — likely questions with a ``hint``, the record fields
  (``uses``) that feed their answer outline, words (``focus``) that pick the
  fitting items of those fields, a ``prompt`` for when the record has nothing,
  a ``priority`` (high, normal, low) and the questions an entry makes
  redundant (``supersedes``): a sheet keeps a dozen questions, not all;
* ``reverse_questions`` — questions to ask the employer (逆質問);
* ``conditions`` — rows of the conditions sheet, keyed by ``desired`` keys;
* ``checklist`` — the resignation checklist.

Files are validated like records: every problem is reported at once with
file, line, column and key path. Later files replace entries of earlier ones
with the same id, which is how user files layer over the bundled bank.
"""

from __future__ import annotations

import difflib
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent, NodeEvent

from resumegen.datacache import load_compiled
from resumegen.enrich.fold import casefold_nfkc
from resumegen.errors import Diagnostic, RecordError, UsageError
from resumegen.record.model import LANGS, PROFILES
from resumegen.resources import bundled

__all__ = [
    "PRIORITIES",
    "USES",
    "CheckItem",
    "Condition",
    "NeutralTerm",
    "Question",
    "QuestionBank",
    "ReverseQuestion",
    "RoleFamily",
    "bank_files",
    "load_question_bank",
    "load_question_file",
]

#: Record fields a question may draw its answer outline from.
USES: tuple[str, ...] = (
    "summary",
    "self_pr",
    "skills",
    "licenses",
    "memberships",
    "publications",
    "achievements",
    "metrics",
    "duties",
    "work",
    "education",
    "motivation",
    "desired",
)

BANK_GLOBS: tuple[str, ...] = ("questions*.yaml", "interview-*.yaml")

#: Question priorities, most important first.
PRIORITIES: tuple[str, ...] = ("high", "normal", "low")


@dataclass(frozen=True)
class RoleFamily:
    id: str
    label: str
    keywords: tuple[str, ...]

    def matches(self, text: str) -> bool:
        """True when a keyword occurs in *text* (Latin keywords as whole words, so MR ≠ MRI)."""
        folded = _fold(text)
        return any(_keyword_re(_fold(k)).search(folded) for k in self.keywords)


@dataclass(frozen=True)
class NeutralTerm:
    term: str
    neutral: str

    @property
    def id(self) -> str:
        return self.term


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    hint: str
    profiles: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    desired: tuple[str, ...] = ()  # with `uses: [desired]`: only these conditions keys
    focus: tuple[str, ...] = ()  # words that pick the fitting duties, skills, stories …
    prompt: str = ""  # what to write down when the record gives no material
    priority: str = "normal"
    supersedes: tuple[str, ...] = ()  # question ids this one makes redundant


@dataclass(frozen=True)
class ReverseQuestion:
    id: str
    text: str
    profiles: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Condition:
    key: str
    label: str
    confirm: str = ""
    aliases: tuple[str, ...] = ()
    suggest_for: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.key


@dataclass(frozen=True)
class CheckItem:
    id: str
    text: str
    hint: str = ""
    profiles: tuple[str, ...] = ()


def _applies(profiles: tuple[str, ...], profile: str) -> bool:
    return not profiles or profile in profiles


@dataclass(frozen=True)
class QuestionBank:
    """The merged bank of one language; every list keeps file order."""

    lang: str
    roles: tuple[RoleFamily, ...] = ()
    neutral_terms: tuple[NeutralTerm, ...] = ()
    questions: tuple[Question, ...] = ()
    reverse_questions: tuple[ReverseQuestion, ...] = ()
    conditions: tuple[Condition, ...] = ()
    checklist: tuple[CheckItem, ...] = ()
    sources: tuple[str, ...] = field(default=(), compare=False)

    def detect_roles(self, role_text: str | None) -> tuple[str, ...]:
        """Role family ids whose keywords occur in *role_text*, in bank order."""
        if not role_text:
            return ()
        return tuple(r.id for r in self.roles if r.matches(role_text))

    def role_label(self, role_id: str) -> str:
        for r in self.roles:
            if r.id == role_id:
                return r.label
        return role_id

    def questions_for(self, profile: str, roles: Sequence[str] = ()) -> list[Question]:
        """Questions for *profile*: those of the detected role families first, then the rest."""
        fitting = [q for q in self.questions if _applies(q.profiles, profile)]
        by_role = [q for q in fitting if q.roles and set(q.roles) & set(roles)]
        general = [q for q in fitting if not q.roles]
        return by_role + general

    def select_questions(
        self, profile: str, roles: Sequence[str] = (), limit: int | None = None
    ) -> list[Question]:
        """The questions worth preparing, at most *limit*, in the order to read them.

        Questions made redundant by another applicable one (``supersedes``)
        are dropped. The *limit* keeps the most important: by priority, and
        within a priority the role family's questions before the profile's,
        before those every profile shares. The kept questions are then listed
        by group (role family, profile, shared) in bank order, so related
        questions stay together.
        """
        key = (profile, tuple(roles), limit)
        memo = self._memo
        if key not in memo:
            memo[key] = tuple(self._select(profile, roles, limit))
        return list(memo[key])

    @cached_property
    def _memo(self) -> dict[tuple[Any, ...], tuple[Any, ...]]:
        """Selections already made (per profile and roles): every sheet of a run asks again.

        Stored on the instance (a frozen dataclass keeps ``__dict__``), so a
        user's layered bank has its own; the bank itself never changes.
        """
        return {}

    @cached_property
    def _conditions_by_key(self) -> dict[str, Condition]:
        """Conditions by folded key and alias; the first row in bank order wins, as in a scan."""
        out: dict[str, Condition] = {}
        for c in self.conditions:
            for name in (c.key, *c.aliases):
                out.setdefault(_fold(name), c)
        return out

    def _select(self, profile: str, roles: Sequence[str], limit: int | None) -> list[Question]:
        fitting = self.questions_for(profile, roles)
        ids = {q.id for q in fitting}
        redundant = {s for q in fitting for s in q.supersedes if s in ids and s != q.id}
        kept = [(n, q) for n, q in enumerate(fitting) if q.id not in redundant]

        def group(q: Question) -> int:
            return 0 if q.roles else (1 if q.profiles else 2)

        by_weight = sorted(
            kept, key=lambda nq: (PRIORITIES.index(nq[1].priority), group(nq[1]), nq[0])
        )
        chosen = by_weight if limit is None else by_weight[:limit]
        return [q for _, q in sorted(chosen, key=lambda nq: (group(nq[1]), nq[0]))]

    def reverse_for(self, profile: str, roles: Sequence[str] = ()) -> list[ReverseQuestion]:
        """逆質問 for the detected role families first, then those that suit any role."""
        key = ("reverse", profile, tuple(roles))
        memo = self._memo
        if key not in memo:
            memo[key] = tuple(self._reverse(profile, roles))
        return list(memo[key])

    def _reverse(self, profile: str, roles: Sequence[str]) -> list[ReverseQuestion]:
        fitting = [q for q in self.reverse_questions if _applies(q.profiles, profile)]
        by_role = [q for q in fitting if q.roles and set(q.roles) & set(roles)]
        general = [q for q in fitting if not q.roles]
        return by_role + general

    def condition_for(self, key: str) -> Condition | None:
        """The conditions row for a ``desired`` key, by key or alias (case-insensitive)."""
        return self._conditions_by_key.get(_fold(key))

    def checklist_for(self, profile: str) -> list[CheckItem]:
        key = ("checklist", profile)
        memo = self._memo
        if key not in memo:
            memo[key] = tuple(c for c in self.checklist if _applies(c.profiles, profile))
        return list(memo[key])


# ---------------------------------------------------------------- text helpers


def _fold(text: str) -> str:
    return casefold_nfkc(text).strip()


@cache
def _keyword_re(folded_keyword: str) -> re.Pattern[str]:
    body = re.escape(folded_keyword).replace(r"\ ", r"[\s\-]*")
    if folded_keyword.isascii():
        return re.compile(rf"(?<![a-z0-9]){body}(?![a-z0-9])")
    return re.compile(body)


# ---------------------------------------------------------------- schema


@dataclass(frozen=True)
class _Section:
    kind: Any
    id_key: str
    required: tuple[str, ...]
    text_keys: tuple[str, ...]  # non-empty strings
    list_keys: tuple[str, ...]  # lists of non-empty strings


_SECTIONS: dict[str, _Section] = {
    "roles": _Section(
        RoleFamily, "id", ("id", "label", "keywords"), ("id", "label"), ("keywords",)
    ),
    "neutral_terms": _Section(NeutralTerm, "term", ("term", "neutral"), ("term", "neutral"), ()),
    "questions": _Section(
        Question,
        "id",
        ("id", "text", "hint"),
        ("id", "text", "hint", "prompt", "priority"),
        ("profiles", "roles", "uses", "desired", "focus", "supersedes"),
    ),
    "reverse_questions": _Section(
        ReverseQuestion, "id", ("id", "text"), ("id", "text"), ("profiles", "roles")
    ),
    "conditions": _Section(
        Condition,
        "key",
        ("key", "label"),
        ("key", "label", "confirm"),
        ("aliases", "suggest_for"),
    ),
    "checklist": _Section(CheckItem, "id", ("id", "text"), ("id", "text", "hint"), ("profiles",)),
}

_PROFILE_KEYS = ("profiles", "suggest_for")


@dataclass
class _Ref:
    """An id referenced by an entry (a role family, or a question it supersedes),
    remembered with its position for the cross-check after merging."""

    role: str
    file: str
    line: int
    column: int
    path: str
    kind: str = "role"


@dataclass
class _Parsed:
    """One file's entries per section, plus role references to check after merging."""

    entries: dict[str, list[Any]] = field(default_factory=dict)
    refs: list[_Ref] = field(default_factory=list)
    where: dict[tuple[str, str], _Ref] = field(default_factory=dict)  # (section, id) → position


class _Collector:
    def __init__(self, file: str):
        self.file = file
        self.diags: list[Diagnostic] = []

    def add(self, pos: tuple[int, int], path: str, message: str) -> None:
        self.diags.append(Diagnostic(self.file, pos[0], pos[1], path, message))


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _key_pos(m: CommentedMap, key: Any) -> tuple[int, int]:
    try:
        line, col = m.lc.key(key)
        return (line + 1, col + 1)
    except (KeyError, TypeError, AttributeError):
        return _node_pos(m)


def _value_pos(m: CommentedMap, key: Any) -> tuple[int, int]:
    try:
        line, col = m.lc.value(key)
        return (line + 1, col + 1)
    except (KeyError, TypeError, AttributeError):
        return _key_pos(m, key)


def _item_pos(s: CommentedSeq, i: int, fallback: tuple[int, int]) -> tuple[int, int]:
    try:
        line, col = s.lc.item(i)
        return (line + 1, col + 1)
    except (KeyError, TypeError, AttributeError, IndexError):
        return fallback


def _node_pos(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is not None and lc.line is not None:
        return (lc.line + 1, lc.col + 1)
    return (0, 0)


def _check_no_anchors(yaml: YAML, text: str, col: _Collector) -> None:
    """Anchors and aliases make one entry mean two things; banks must spell entries out."""
    for event in yaml.parse(io.StringIO(text)):
        mark = event.start_mark
        pos = (mark.line + 1, mark.column + 1)
        if isinstance(event, AliasEvent):
            col.add(pos, "", "YAML aliases (*name) are not allowed; write the entry out in full")
        elif isinstance(event, NodeEvent) and event.anchor is not None:
            col.add(pos, "", "YAML anchors (&name) are not allowed; write the entry out in full")


def _parse_text(text: str, file: str) -> _Parsed:
    col = _Collector(file)
    yaml = YAML(typ="rt")
    try:
        _check_no_anchors(yaml, text, col)
        if col.diags:
            raise RecordError(col.diags)
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        raise RecordError.single(file, line, column, "", f"invalid YAML: {problem}") from None
    parsed = _Parsed()
    if data is None:
        return parsed
    if not isinstance(data, CommentedMap):
        raise RecordError.single(
            file, 1, 1, "", "a question bank file must be a mapping of sections"
        )
    for key in data:
        if key not in _SECTIONS:
            col.add(
                _key_pos(data, key), str(key), f"unknown section{_suggest(str(key), _SECTIONS)}"
            )
            continue
        items = data[key]
        if not isinstance(items, CommentedSeq):
            col.add(_value_pos(data, key), str(key), "must be a list of entries")
            continue
        parsed.entries[key] = _parse_section(
            key, items, _key_pos(data, key), col, parsed.refs, parsed.where
        )
    if col.diags:
        raise RecordError(col.diags)
    return parsed


def _parse_section(
    name: str,
    items: CommentedSeq,
    at: tuple[int, int],
    col: _Collector,
    refs: list[_Ref],
    where: dict[tuple[str, str], _Ref],
) -> list[Any]:
    spec = _SECTIONS[name]
    allowed = [f.name for f in fields(spec.kind)]
    out: list[Any] = []
    seen: dict[str, str] = {}
    for i, item in enumerate(items):
        path = f"{name}[{i}]"
        pos = _item_pos(items, i, at)
        if not isinstance(item, CommentedMap):
            col.add(pos, path, "must be a mapping")
            continue
        values = _parse_entry(spec, allowed, item, path, pos, col, refs)
        if values is None:
            continue
        ident = values[spec.id_key]
        if ident in seen:
            col.add(
                _value_pos(item, spec.id_key),
                f"{path}.{spec.id_key}",
                f"duplicate {spec.id_key} `{ident}` (first at {seen[ident]})",
            )
            continue
        seen[ident] = path
        line, column = pos
        where[(name, ident)] = _Ref(ident, col.file, line, column, path)
        out.append(spec.kind(**values))
    return out


def _parse_entry(
    spec: _Section,
    allowed: list[str],
    item: CommentedMap,
    path: str,
    pos: tuple[int, int],
    col: _Collector,
    refs: list[_Ref],
) -> dict[str, Any] | None:
    before = len(col.diags)
    values: dict[str, Any] = {}
    for key in item:
        kpath = f"{path}.{key}"
        if key not in allowed:
            col.add(_key_pos(item, key), kpath, f"unknown key{_suggest(str(key), allowed)}")
            continue
        value = item[key]
        vpos = _value_pos(item, key)
        if key in spec.list_keys:
            values[key] = _string_list(value, kpath, vpos, item, key, col)
        elif not isinstance(value, str) or not value.strip():
            col.add(vpos, kpath, "must be non-empty text")
        else:
            values[key] = value.strip()
    for key in spec.required:
        if key not in item:
            col.add(pos, path, f"missing `{key}`")
    for key in _PROFILE_KEYS:
        for j, prof in enumerate(values.get(key, ())):
            if prof not in PROFILES:
                col.add(
                    _seq_item_pos(item, key, j),
                    f"{path}.{key}[{j}]",
                    f"unknown profile `{prof}`{_suggest(prof, PROFILES)}",
                )
    for j, use in enumerate(values.get("uses", ())):
        if use not in USES:
            col.add(
                _seq_item_pos(item, "uses", j),
                f"{path}.uses[{j}]",
                f"unknown record field `{use}`{_suggest(use, USES)}",
            )
    priority = values.get("priority")
    if isinstance(priority, str) and priority not in PRIORITIES:
        col.add(
            _value_pos(item, "priority"),
            f"{path}.priority",
            f"`{priority}` is not a priority; use {', '.join(PRIORITIES)}"
            + _suggest(priority, PRIORITIES),
        )
    for j, role in enumerate(values.get("roles", ())):
        line, column = _seq_item_pos(item, "roles", j)
        refs.append(_Ref(role, col.file, line, column, f"{path}.roles[{j}]"))
    for j, other in enumerate(values.get("supersedes", ())):
        line, column = _seq_item_pos(item, "supersedes", j)
        refs.append(_Ref(other, col.file, line, column, f"{path}.supersedes[{j}]", "question"))
    if len(col.diags) > before:
        return None
    return {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}


def _seq_item_pos(item: CommentedMap, key: str, j: int) -> tuple[int, int]:
    seq = item.get(key)
    if isinstance(seq, CommentedSeq):
        return _item_pos(seq, j, _value_pos(item, key))
    return _value_pos(item, key)


def _string_list(
    value: Any, path: str, pos: tuple[int, int], item: CommentedMap, key: str, col: _Collector
) -> list[str]:
    if not isinstance(value, list):
        col.add(pos, path, "must be a list of text")
        return []
    out: list[str] = []
    for j, v in enumerate(value):
        if not isinstance(v, str) or not v.strip():
            col.add(_seq_item_pos(item, key, j), f"{path}[{j}]", "must be non-empty text")
        else:
            out.append(v.strip())
    return out


# ---------------------------------------------------------------- loading


def load_question_file(path: str | os.PathLike[str]) -> dict[str, list[Any]]:
    """Parse and validate one bank file on its own (role references are checked by the merge)."""
    return _load_file(Path(path)).entries


def _load_file(path: Path) -> _Parsed:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"question bank file not found: {path}", option="--questions") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read question bank {path}: {exc}", option="--questions") from None
    return _parse_text(text, str(path))


def bank_files(lang: str) -> list[Path]:
    """The bundled bank files of *lang*, in the order they are layered."""
    folder = bundled("phrasebooks") / lang
    found: set[Path] = set()
    for pattern in BANK_GLOBS:
        found.update(folder.glob(pattern))
    return sorted(found, key=lambda p: p.name)


def _merge(lang: str, parsed: Sequence[tuple[str, _Parsed]]) -> QuestionBank:
    merged: dict[str, dict[str, Any]] = {name: {} for name in _SECTIONS}
    refs: list[_Ref] = []
    for _, p in parsed:
        for name, entries in p.entries.items():
            id_key = _SECTIONS[name].id_key
            for e in entries:
                merged[name].pop(getattr(e, id_key), None)  # a replacement moves to its new place
                merged[name][getattr(e, id_key)] = e
        refs.extend(p.refs)
    known = {"role": set(merged["roles"]), "question": set(merged["questions"])}
    what = {"role": "role family", "question": "question"}
    diags = [
        Diagnostic(
            r.file,
            r.line,
            r.column,
            r.path,
            f"unknown {what[r.kind]} `{r.role}`{_suggest(r.role, known[r.kind])}",
        )
        for r in refs
        if r.role not in known[r.kind]
    ]
    diags.extend(_check_neutral_terms(list(merged["neutral_terms"].values()), parsed))
    if diags:
        raise RecordError(diags)
    return QuestionBank(
        lang=lang,
        sources=tuple(src for src, _ in parsed),
        **{name: tuple(entries.values()) for name, entries in merged.items()},
    )


def _check_neutral_terms(
    terms: list[NeutralTerm], parsed: Sequence[tuple[str, _Parsed]]
) -> list[Diagnostic]:
    """A neutral wording must not itself contain a term it is meant to avoid."""
    out: list[Diagnostic] = []
    for t in terms:
        bad = [o.term for o in terms if _fold(o.term) in _fold(t.neutral)]
        if not bad:
            continue
        ref = _Ref(t.term, "", 0, 0, "neutral_terms")
        for _, p in parsed:  # the last file that defined it is the one in force
            ref = p.where.get(("neutral_terms", t.term), ref)
        out.append(
            Diagnostic(
                ref.file,
                ref.line,
                ref.column,
                f"{ref.path}.neutral",
                f"the neutral wording for `{t.term}` contains the term `{bad[0]}` itself",
            )
        )
    return out


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise UsageError(
            f"unknown language `{lang}`; expected one of {', '.join(LANGS)}", option="--lang"
        )


@cache
def _bundled_parsed(lang: str) -> tuple[tuple[str, _Parsed], ...]:
    return tuple((str(p), _load_file(p)) for p in bank_files(lang))


def bundled_sources(lang: str) -> list[Path]:
    """The bundled question-bank files of *lang*."""
    return list(bank_files(lang))


def parse_bundled(lang: str) -> QuestionBank:
    """Parse and validate the bundled bank of *lang* from its YAML."""
    return _merge(lang, _bundled_parsed(lang))


@cache
def _bundled_bank(lang: str) -> QuestionBank:
    return load_compiled(f"questions-{lang}", bundled_sources(lang), lambda: parse_bundled(lang))


def load_question_bank(lang: str, extra: Sequence[str | os.PathLike[str]] = ()) -> QuestionBank:
    """The bundled bank of *lang* (parsed once per process) layered with the user's *extra* files.

    Entries of a later file replace entries of an earlier one with the same id,
    so a user can reword a bundled question or add a role family.
    """
    _check_lang(lang)
    if not extra:
        return _bundled_bank(lang)
    layers = list(_bundled_parsed(lang)) + [(str(p), _load_file(Path(p))) for p in extra]
    return _merge(lang, layers)
