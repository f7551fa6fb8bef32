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

Files are read by :mod:`resumegen.yamlio` (up to 4 MB) and checked against
the field tables below by the shared checker
(:mod:`resumegen.resources.fields`): every problem is reported at once with
file, line, column and key path. Later files replace entries of earlier ones
with the same id, which is how user files layer over the bundled bank.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from resumegen.datacache import load_compiled
from resumegen.enrich.fold import casefold_nfkc
from resumegen.errors import ArgumentError, Diagnostic, InputFileError, RecordError
from resumegen.record.model import LANGS, PROFILES
from resumegen.resources import bundled
from resumegen.resources.fields import Checker, Field, Fields
from resumegen.text import did_you_mean
from resumegen.yamlio import Node, data_limits, load_path
from resumegen.yamlio import Sequence as YSequence

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
    avoid: tuple[str, ...] = ()  # words the role must not be spoken of in (an MSL: sales words)
    avoid_note: str = ""  # the prompt when the candidate's lines use them ({words})
    unless: tuple[str, ...] = ()  # titles a keyword occurs in that are not this role

    def matches(self, text: str) -> bool:
        """True when a keyword occurs in *text* (Latin keywords as whole words, so MR ≠ MRI)
        and none of the ``unless`` titles does (a product manager manages no department)."""
        folded = _comparable(text)

        def has(words: tuple[str, ...]) -> bool:
            return any(_keyword_re(_comparable(k)).search(folded) for k in words)

        return has(self.keywords) and not has(self.unless)


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
    # employer types (university, hospital, company) the person leaves and joins; empty: any
    leaving: tuple[str, ...] = ()
    joining: tuple[str, ...] = ()


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
    leaving: tuple[str, ...] = ()  # employer types the person leaves; empty: any


def _applies(profiles: tuple[str, ...], profile: str) -> bool:
    return not profiles or profile in profiles


#: Kinds of employer a question or checklist item can be limited to.
EMPLOYER_TYPES: tuple[str, ...] = ("university", "hospital", "company")


def _moves(item: Question | CheckItem, leaving: str | None, joining: str | None) -> bool:
    """*item* fits a move from a *leaving* employer to a *joining* one (None: unknown, fits)."""
    if item.leaving and leaving is not None and leaving not in item.leaving:
        return False
    joins = getattr(item, "joining", ())
    return not (joins and joining is not None and joining not in joins)


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

    def questions_for(
        self,
        profile: str,
        roles: Sequence[str] = (),
        leaving: str | None = None,
        joining: str | None = None,
    ) -> list[Question]:
        """Questions for *profile* and the move from a *leaving* to a *joining* employer type:
        those of the detected role families first, then the rest."""
        fitting = [
            q
            for q in self.questions
            if _applies(q.profiles, profile) and _moves(q, leaving, joining)
        ]
        by_role = [q for q in fitting if q.roles and set(q.roles) & set(roles)]
        general = [q for q in fitting if not q.roles]
        return by_role + general

    def select_questions(
        self,
        profile: str,
        roles: Sequence[str] = (),
        limit: int | None = None,
        leaving: str | None = None,
        joining: str | None = None,
    ) -> list[Question]:
        """The questions worth preparing, at most *limit*, in the order to read them.

        Questions made redundant by another applicable one (``supersedes``)
        are dropped. The *limit* keeps the most important: by priority, and
        within a priority the role family's questions before the profile's,
        before those every profile shares. The kept questions are then listed
        by group (role family, profile, shared) in bank order, so related
        questions stay together.
        """
        key = (profile, tuple(roles), limit, leaving, joining)
        memo = self._memo
        if key not in memo:
            memo[key] = tuple(self._select(profile, roles, limit, leaving, joining))
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
                out.setdefault(_comparable(name), c)
        return out

    def _select(
        self,
        profile: str,
        roles: Sequence[str],
        limit: int | None,
        leaving: str | None = None,
        joining: str | None = None,
    ) -> list[Question]:
        fitting = self.questions_for(profile, roles, leaving, joining)
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
        return self._conditions_by_key.get(_comparable(key))

    def checklist_for(self, profile: str, leaving: str | None = None) -> list[CheckItem]:
        key = ("checklist", profile, leaving)
        memo = self._memo
        if key not in memo:
            memo[key] = tuple(
                c
                for c in self.checklist
                if _applies(c.profiles, profile) and _moves(c, leaving, None)
            )
        return list(memo[key])


# ---------------------------------------------------------------- text helpers


def _comparable(text: str) -> str:
    """*text* as names and keywords are compared: NFKC, case-folded, without outer spaces."""
    return casefold_nfkc(text).strip()


@cache
def _keyword_re(folded_keyword: str) -> re.Pattern[str]:
    body = re.escape(folded_keyword).replace(r"\ ", r"[\s\-]*")
    if folded_keyword.isascii():
        return re.compile(rf"(?<![a-z0-9]){body}(?![a-z0-9])")
    return re.compile(body)


# ---------------------------------------------------------------- field tables


def _fields(required: str, texts: str = "", lists: str = "") -> dict[str, Field]:
    """A section's table: *required* text keys, optional *texts*, lists of text *lists*."""
    table = {k: Field("text", required=True) for k in required.split()}
    table.update({k: Field("text") for k in texts.split()})
    table.update({k: Field("text_list") for k in lists.split()})
    return table


@dataclass(frozen=True)
class _Section:
    kind: Any
    id_key: str
    table: dict[str, Field]


_SECTIONS: dict[str, _Section] = {
    "roles": _Section(
        RoleFamily,
        "id",
        {
            **_fields("id label", "avoid_note", "avoid unless"),
            "keywords": Field("text_list", required=True),
        },
    ),
    "neutral_terms": _Section(NeutralTerm, "term", _fields("term neutral")),
    "questions": _Section(
        Question,
        "id",
        _fields(
            "id text hint",
            "prompt priority",
            "profiles roles uses desired focus supersedes leaving joining",
        ),
    ),
    "reverse_questions": _Section(ReverseQuestion, "id", _fields("id text", "", "profiles roles")),
    "conditions": _Section(
        Condition, "key", _fields("key label", "confirm", "aliases suggest_for")
    ),
    "checklist": _Section(CheckItem, "id", _fields("id text", "hint", "profiles leaving")),
}
TOP: dict[str, Field] = {
    name: Field("list", message="must be a list of entries") for name in _SECTIONS
}
LIMITS = data_limits("question bank")


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


def _parse(root: Node, file: str) -> _Parsed:
    c = Checker(file)
    parsed = _Parsed()
    top = c.check(
        root, TOP, "", expect="a question bank file must be a mapping of sections", what="section"
    )
    if top is None:
        raise RecordError(c.diags)
    for name, items in top.values.items():
        parsed.entries[name] = _section(c, name, items, parsed)
    c.raise_any()
    return parsed


def _section(c: Checker, name: str, items: YSequence, parsed: _Parsed) -> list[Any]:
    spec = _SECTIONS[name]
    out: list[Any] = []
    seen: dict[str, str] = {}
    for i, item in enumerate(items.items):
        path = f"{name}[{i}]"
        mark = c.mark()
        f = c.check(item, spec.table, path)
        if f is None:
            continue
        values = _entry(c, f, parsed.refs, mark)
        if values is None:
            continue
        ident = values[spec.id_key]
        if ident in seen:
            c.error(
                f.at(spec.id_key),
                f.sub(spec.id_key),
                f"duplicate {spec.id_key} `{ident}` (first at {seen[ident]})",
            )
            continue
        seen[ident] = path
        parsed.where[(name, ident)] = _Ref(ident, c.file, item.line, item.column, path)
        out.append(spec.kind(**values))
    return out


def _entry(c: Checker, f: Fields, refs: list[_Ref], mark: int) -> dict[str, Any] | None:
    """The rules beyond the table: known profiles, record fields and priority; references kept.

    None when the entry has problems (any reported since *mark*).
    """
    for key in ("profiles", "suggest_for"):
        c.known(f.get(key, ()), PROFILES, "profile")
    c.known(f.get("uses", ()), USES, "record field")
    for key in ("leaving", "joining"):
        c.known(f.get(key, ()), EMPLOYER_TYPES, "employer type")
    priority = f.get("priority")
    if priority is not None and priority not in PRIORITIES:
        c.error(
            f.at("priority"),
            f.sub("priority"),
            f"`{priority}` is not a priority; use {', '.join(PRIORITIES)}"
            + did_you_mean(priority, PRIORITIES),
        )
    for key, kind in (("roles", "role"), ("supersedes", "question")):
        for text, node, path in f.get(key, ()):
            refs.append(_Ref(text, c.file, node.line, node.column, path, kind))
    if c.failed_since(mark):
        return None
    return {k: tuple(t.text for t in v) if isinstance(v, tuple) else v for k, v in f.values.items()}


# ---------------------------------------------------------------- loading


def load_question_file(path: str | os.PathLike[str]) -> dict[str, list[Any]]:
    """Parse and validate one bank file on its own (role references are checked by the merge)."""
    return _load_file(Path(path)).entries


def _load_file(path: Path) -> _Parsed:
    if not path.exists():
        raise InputFileError(
            f"question bank file not found: {path}", path=str(path), param="questions"
        )
    root, _ = load_path(path, LIMITS)
    return _parse(root, str(path))


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
            f"unknown {what[r.kind]} `{r.role}`{did_you_mean(r.role, known[r.kind])}",
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
        bad = [o.term for o in terms if _comparable(o.term) in _comparable(t.neutral)]
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
        raise ArgumentError(
            f"unknown language `{lang}`; expected one of {', '.join(LANGS)}",
            param="lang",
            choices=LANGS,
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
