"""Phrasebook files: their field tables, reading and checking, and layering.

The format is described in :mod:`resumegen.resources.phrasebook`. A file is
read by :mod:`resumegen.yamlio` (a phrasebook may be up to 4 MB) and checked
against the tables below by the shared checker
(:mod:`resumegen.resources.fields`), then by the phrasebook's own rules
(ids, categories, slots, trigger syntax, topics, fallback entries, duplicate
example texts). Every problem of a file is reported at once as
``FILE:LINE:COLUMN: key.path: message``.

Bundled phrasebooks are parsed once per language, and a user's file once for
as long as its path, modification time and size stay the same
(:func:`load_phrasebooks` is called for every record of a batch).
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from resumegen.datacache import load_compiled
from resumegen.enrich.classify import Classifier, Example
from resumegen.enrich.fold import fold
from resumegen.enrich.matcher import TOPIC_KINDS
from resumegen.enrich.triggers import topic_problem, trigger_problem
from resumegen.errors import ArgumentError, Diagnostic, InputFileError, RecordError
from resumegen.record.model import LANGS, PROFILES
from resumegen.resources import bundled
from resumegen.resources.fields import Checker, Field, Fields, Text, is_text
from resumegen.resources.phrasebook import (
    CATEGORIES,
    CATEGORY_ALIASES,
    FALLBACK_CATEGORIES,
    FIXED_SLOTS,
    SLOT,
    Entry,
    Phrasebook,
    is_known_slot,
    slot_names,
)
from resumegen.resources.phrasebook_lint import dangling_feared, leaking_triggers, trigger_clashes
from resumegen.text import did_you_mean
from resumegen.yamlio import Node, Scalar, data_limits, load_path
from resumegen.yamlio import Sequence as YSequence

__all__ = [
    "FILE_GLOB",
    "bundled_phrasebook",
    "bundled_sources",
    "load_phrasebook_file",
    "load_phrasebook_parts",
    "load_phrasebooks",
    "parse_bundled",
]

FILE_GLOB = "leaving*.yaml"
LIMITS = data_limits("phrasebook")
_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")
_ID_MESSAGE = "needs an id of lower-case letters, digits and _ (e.g. night_duty)"
_NO_WORDS = "is empty; give at least one word or phrase"

TOP: dict[str, Field] = {
    "schema": Field("int", message="only schema 1 is known"),
    "lang": Field("text", message=f"must be one of {', '.join(LANGS)}"),
    "fallback_cues": Field("texts", empty=_NO_WORDS),
    "entries": Field("list", message="needs a list of entries"),
    "examples": Field("list", message="needs a list of examples"),
}
ENTRY: dict[str, Field] = {
    "id": Field("text", required=True, message=_ID_MESSAGE),
    "category": Field("text", required=True, message=f"must be one of {', '.join(CATEGORIES)}"),
    "profiles": Field("texts"),
    "group": Field("text", message="must be an id such as schedule"),
    "triggers": Field("texts", empty=_NO_WORDS),  # required unless `fallback: true`
    # what happened to which part of an organisation: every `who * did` is a trigger
    # (unit * close, 病棟*閉鎖), so a fact is found for any part the person names
    "who": Field("texts", empty=_NO_WORDS),
    "did": Field("texts", empty=_NO_WORDS),
    "topics": Field("any"),  # a list (all `bad`) or a mapping by kind: see TOPICS
    "positive": Field("map", required=True, message="needs a mapping with `short` and `long`"),
    "follow_up": Field("texts"),
    "sources": Field("texts"),
    "fallback": Field("bool"),
    "subjects": Field("texts", empty=_NO_WORDS),  # fallback entries only, required there
    "cues": Field("texts", empty=_NO_WORDS),  # fallback entries only, required there
    "feared": Field("text", message="must be the id of an entry"),
    # keep only: how a position left for this fact closes on the 履歴書 and, as a
    # plain fact, on the 職務経歴書 (医局人事により退職); without it: 一身上の都合により退職
    "exit": Field("text", message="must be a short closing line such as 契約期間満了により退職"),
}
POSITIVE: dict[str, Field] = {
    "short": Field("texts", required=True, empty="needs at least one phrasing"),
    "long": Field("texts", required=True, empty="needs at least one phrasing"),
    # the motive alone, naming no destination: said before the person's own next step
    "motive": Field("texts", empty="needs at least one phrasing"),
    # keep only: the fact when it has not happened yet (a contract that will end)
    "upcoming": Field("texts", empty="needs at least one phrasing"),
}
TOPICS: dict[str, Field] = {kind: Field("texts") for kind in TOPIC_KINDS}
EXAMPLE: dict[str, Field] = {
    "text": Field("text", required=True, message="must be non-empty text"),
    "categories": Field(
        "list",
        required=True,
        message="must be a list of categories ([] for a text that is not a reason)",
    ),
    "profile": Field("text"),
}

Parts = tuple[tuple[Entry, ...], tuple[Example, ...]]


# ---------------------------------------------------------------- one file


def _parse_file(file: Path, lang: str | None) -> Parts:
    root, _ = load_path(file, LIMITS)
    c = Checker(str(file))
    top = c.check(
        root, TOP, "", expect="a phrasebook is a mapping with `entries:` or `examples:` (a list)"
    )
    if top is None:
        raise RecordError(c.diags)
    if top.get("schema", 1) != 1:
        c.error(top.at("schema"), "schema", "only schema 1 is known")
    declared = top.get("lang")
    if declared is not None and declared not in LANGS:
        c.error(top.at("lang"), "lang", f"must be one of {', '.join(LANGS)}")
    elif lang is not None and declared is not None and declared != lang:
        c.error(
            top.at("lang"), "lang", f"this phrasebook is `{declared}`, but `{lang}` was asked for"
        )
    shared = tuple(w for w, _, _ in _words(c, top, "fallback_cues", cue=True, required=False))
    examples = _examples(c, top, declared or lang or "ja")
    entries: list[Entry] = []
    raw = top.get("entries")
    if raw is None:
        if "examples" not in top:  # a file of examples only is fine
            c.error(top.at("entries"), "entries", "needs a list of entries")
    else:
        seen: dict[str, Entry] = {}
        for i, node in enumerate(raw.items):
            entry = _entry(c, node, f"entries[{i}]", shared)
            if entry is None:
                continue
            if entry.id in seen:
                line, column = entry.at(".id")
                c.error(
                    (line, column),
                    f"{entry.path}.id",
                    f"duplicate id `{entry.id}` (first at line {seen[entry.id].line})",
                )
                continue
            seen[entry.id] = entry
            entries.append(entry)
        c.diags.extend(trigger_clashes(entries, declared or lang or "ja"))
    c.raise_any()
    return tuple(entries), examples


def _words(c: Checker, f: Fields, key: str, *, cue: bool, required: bool = True) -> list[Text]:
    """A list of words: plain ones (subjects, topics), or written as triggers (*cue*)."""
    items: tuple[Text, ...] = f.get(key, ())
    if required and key not in f.values and (key not in f or _null(f.at(key))):
        c.error(f.node, f.sub(key), f"missing `{key}`")
    out = []
    for item in items:
        problem = trigger_problem(item.text) if cue else topic_problem(item.text)
        if problem is not None:
            c.error(item.node, item.path, problem)
        else:
            out.append(item)
    return out


def _pairs(c: Checker, f: Fields) -> list[Text]:
    """The triggers ``who * did`` of an entry's `who` and `did` lists (both or neither)."""
    who: tuple[Text, ...] = f.get("who", ())
    did: tuple[Text, ...] = f.get("did", ())
    if ("who" in f) != ("did" in f):
        given, missing = ("who", "did") if "who" in f else ("did", "who")
        c.error(
            f.key_at(given),
            f.sub(given),
            f"`{given}` needs `{missing}`: every `who * did` is a trigger",
        )
        return []
    out: list[Text] = []
    for w in who:
        for d in did:
            text = f"{w.text} * {d.text}"
            problem = trigger_problem(text)
            if problem is not None:
                c.error(d.node, d.path, f"`{w.text} * {d.text}`: {problem}")
                return out
            out.append(Text(text, d.node, d.path))
    return out


def _null(node: Node) -> bool:
    return isinstance(node, Scalar) and node.is_null


def _entry(c: Checker, node: Node, path: str, shared: tuple[str, ...]) -> Entry | None:
    """One entry checked against ENTRY and the entry rules; None when it has problems."""
    mark = c.mark()
    f = c.check(
        node,
        ENTRY,
        path,
        expect="each entry must be a mapping with id, category, triggers and positive",
    )
    if f is None:
        return None
    entry_id = f.get("id")
    if entry_id is not None and not _ID.fullmatch(entry_id):
        c.error(f.at("id"), f.sub("id"), _ID_MESSAGE)
    written = f.get("category")
    category = CATEGORY_ALIASES.get(written, written) if written is not None else None
    if written is not None and category not in CATEGORIES:
        hint = did_you_mean(written, CATEGORIES)
        c.error(
            f.at("category"), f.sub("category"), f"must be one of {', '.join(CATEGORIES)}{hint}"
        )
    profiles: tuple[Text, ...] = f.get("profiles", ())
    c.known(profiles, PROFILES, "profile")
    group = f.get("group")
    if group is not None and not _ID.fullmatch(group):
        c.error(f.at("group"), f.sub("group"), "must be an id such as schedule")
    fallback: bool = f.get("fallback", False)
    triggers: list[Text] = []
    subjects: list[Text] = []
    cues: list[Text] = []
    topics: tuple[tuple[str, str], ...] = ()
    if fallback:
        for key in ("triggers", "topics", "who", "did"):
            if key in f:
                c.error(
                    f.key_at(key),
                    f.sub(key),
                    f"a fallback entry has no `{key}`: it is found by `subjects` and `cues`",
                )
        if category in CATEGORIES and category not in FALLBACK_CATEGORIES:
            c.error(
                f.at("category"),
                f.sub("category"),
                f"a fallback entry must be one of {', '.join(FALLBACK_CATEGORIES)}",
            )
        subjects = _words(c, f, "subjects", cue=False)
        cues = _words(c, f, "cues", cue=True)
    else:
        for key in ("subjects", "cues"):
            if key in f:
                c.error(f.key_at(key), f.sub(key), f"`{key}` needs `fallback: true`")
        if "triggers" not in f or _null(f.at("triggers")):
            c.error(
                f.node, f.sub("triggers"), "missing `triggers`: the words that reveal this reason"
            )
        triggers = _words(c, f, "triggers", cue=True, required=False) + _pairs(c, f)
        topics = _topics(c, f, category)
    short: tuple[str, ...] = ()
    long: tuple[str, ...] = ()
    motive: tuple[str, ...] = ()
    upcoming: tuple[str, ...] = ()
    positive = f.get("positive")
    phrasings = c.check(positive, POSITIVE, f.sub("positive")) if positive is not None else None
    if phrasings is not None:
        short = _variants(c, phrasings, "short")
        long = _variants(c, phrasings, "long")
        motive = _variants(c, phrasings, "motive")
        upcoming = _variants(c, phrasings, "upcoming")
        if upcoming and category != "keep":
            c.error(
                phrasings.key_at("upcoming"),
                f.sub("positive.upcoming"),
                "only a fact (`category: keep`) has an `upcoming` phrasing",
            )
    feared = f.get("feared")
    if feared is not None:
        if not _ID.fullmatch(feared):
            c.error(f.at("feared"), f.sub("feared"), "must be the id of an entry")
        elif category != "keep":
            c.error(
                f.key_at("feared"),
                f.sub("feared"),
                "only a fact (`category: keep`) can be feared instead of having happened",
            )
    exit_line = f.get("exit")
    if exit_line is not None and category != "keep":
        c.error(
            f.key_at("exit"),
            f.sub("exit"),
            "only a fact (`category: keep`) has an `exit` line for the 履歴書",
        )
    if c.failed_since(mark):
        return None
    # named by their key path under the entry's (never an attribute name: see datacache)
    spots = [(".id", *_where(f.key_at("id")))]
    spots += [(f".triggers[{i}]", *_where(t.node)) for i, t in enumerate(triggers)]
    for key in ("topics", "feared"):
        if key in f:
            spots.append((f".{key}", *_where(f.key_at(key))))
    if phrasings is not None:
        spots += [
            (f".positive.{k}", *_where(phrasings.key_at(k)))
            for k in ("short", "long", "motive", "upcoming")
            if k in phrasings
        ]
    return Entry(
        id=str(entry_id),
        category=str(category),
        triggers=tuple(t.text for t in triggers),
        who=tuple(t.text for t in f.get("who", ())),
        short=short,
        long=long,
        motive=motive,
        upcoming=upcoming,
        profiles=tuple(p.text for p in profiles),
        group=group,
        follow_up=tuple(t.text for t in f.get("follow_up", ())),
        sources=tuple(t.text for t in f.get("sources", ())),
        topics=topics,
        fallback=fallback,
        subjects=tuple(t.text for t in subjects),
        cues=tuple(t.text for t in cues),
        shared_cues=shared if fallback else (),
        feared=feared,
        exit=exit_line,
        file=c.file,
        line=node.line,
        column=node.column,
        path=path,
        spots=tuple(spots),
    )


def _where(node: Node) -> tuple[int, int]:
    return node.line, node.column


def _variants(c: Checker, f: Fields, key: str) -> tuple[str, ...]:
    """The phrasings of ``short`` or ``long``: slots known, braces balanced, last without slot."""
    texts: tuple[Text, ...] = f.get(key, ())
    for text, node, path in texts:
        for name in slot_names(text):
            if not is_known_slot(name):
                hint = (
                    did_you_mean(name, FIXED_SLOTS)
                    or "; slots are role, employer, field, experience, part, desired_<name>"
                )
                c.error(node, path, f"unknown slot `{{{name}}}`{hint}")
        rest = SLOT.sub("", text)
        if "{" in rest or "}" in rest:
            c.error(node, path, "unbalanced brace; write a slot as {name}")
    if texts and slot_names(texts[-1].text):
        c.error(
            texts[-1].node,
            f.sub(key),
            "the last phrasing must use no slot, so that it works when no value is given",
        )
    return tuple(t.text for t in texts)


def _topics(c: Checker, f: Fields, category: str | None) -> tuple[tuple[str, str], ...]:
    """``topics:`` as ``(kind, word)`` pairs: a list (all ``bad``) or a mapping by kind."""
    raw = f.get("topics")
    if raw is None:
        return ()
    path = f.sub("topics")
    if category == "keep":
        c.error(
            raw, path, "a plain fact has no topics: it is stated only on its own words (triggers)"
        )
        return ()
    groups: list[tuple[str, tuple[Text, ...]]] = []
    if isinstance(raw, (Scalar, YSequence)):
        groups.append(("bad", c.texts(raw, path)))
    else:
        by_kind = c.check(raw, TOPICS, path)
        if by_kind is not None:
            groups.extend((k, by_kind.values[k]) for k in TOPIC_KINDS if k in by_kind.values)
    out: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for kind, items in groups:
        for word, node, ipath in items:
            problem = topic_problem(word)
            if problem is not None:
                c.error(node, ipath, problem)
                continue
            key = fold(word, "ja") + "\x00" + fold(word, "en")
            if key in seen:
                c.error(node, ipath, f"topic `{word}` is listed twice (also under {seen[key]})")
                continue
            seen[key] = kind
            out.append((kind, word))
    return tuple(out)


def _examples(c: Checker, top: Fields, lang: str) -> tuple[Example, ...]:
    """The file's ``examples:``: reasons as people say them, filed under categories.

    ``categories: []`` files a text that is not a reason to leave (praise, a
    plan, small talk), so that the classifier learns to leave it alone.
    """
    raw = top.get("examples")
    if raw is None:
        return ()
    out: list[Example] = []
    seen: dict[str, int] = {}
    for i, node in enumerate(raw.items):
        path = f"examples[{i}]"
        mark = c.mark()
        f = c.check(
            node, EXAMPLE, path, expect="each example is a mapping with `text` and `categories`"
        )
        if f is None:
            continue
        found: list[str] = []
        cats = f.get("categories")
        for j, cat in enumerate(cats.items if cats is not None else ()):
            word = cat.text if is_text(cat) and isinstance(cat, Scalar) else ""
            name = CATEGORY_ALIASES.get(word, word)
            if name not in CATEGORIES:
                shown = word or "(not a word)"
                hint = did_you_mean(word, CATEGORIES) if word else ""
                c.error(cat, f"{path}.categories[{j}]", f"unknown category `{shown}`{hint}")
            elif name not in found:
                found.append(name)
        profile = f.get("profile")
        if profile is not None and profile not in PROFILES:
            c.error(
                f.at("profile"),
                f.sub("profile"),
                f"unknown profile `{profile}`{did_you_mean(profile, PROFILES)}",
            )
        text = f.get("text")
        if text is None:
            continue
        key = fold(text, lang)
        if key in seen:
            c.error(node, f.sub("text"), f"the same text is already at line {seen[key]}")
            continue
        seen[key] = node.line
        if not c.failed_since(mark):
            out.append(Example(text, tuple(found), c.file, node.line, profile))
    return tuple(out)


# ---------------------------------------------------------------- files, kept while unchanged


def load_phrasebook_file(path: str | os.PathLike[str], lang: str | None = None) -> list[Entry]:
    """Parse and validate one phrasebook file; every problem at once as RecordError.

    When *lang* is given, a file that declares another ``lang`` is an error.
    A file is parsed once for as long as its path, modification time and
    size stay the same; a file with errors is read again every time.
    """
    return list(load_phrasebook_parts(path, lang)[0])


def load_phrasebook_parts(path: str | os.PathLike[str], lang: str | None = None) -> Parts:
    """The entries and the ``examples`` of one phrasebook file, validated (see above)."""
    file = Path(path)
    key = _file_key(file, lang)
    cached = _PARSED.get(key)
    if cached is None:
        cached = _parse_file(file, lang)
        _remember(_PARSED, key, cached)
    return cached


_FileKey = tuple[str, str, int, int, str | None]
_PARSED: OrderedDict[_FileKey, Parts] = OrderedDict()
_BOOKS: OrderedDict[tuple[str, tuple[_FileKey, ...]], Phrasebook] = OrderedDict()
_CACHE_SIZE = 64


def _file_key(path: Path, lang: str | None) -> _FileKey:
    """``(resolved path, name as given, mtime, size, lang)``: a change to the file changes it."""
    try:
        stat = path.stat()
        resolved = str(path.resolve())
    except OSError as exc:
        raise InputFileError(
            f"cannot read phrasebook {path}: {exc.strerror}", path=str(path), param="phrasebooks"
        ) from None
    return (resolved, str(path), stat.st_mtime_ns, stat.st_size, lang)


def _remember(cache: OrderedDict[Any, Any], key: Any, value: Any) -> None:
    cache[key] = value
    while len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ArgumentError(
            f"unknown language `{lang}`; choose {' or '.join(LANGS)}", param="lang", choices=LANGS
        )


def _files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob(FILE_GLOB) if p.is_file()) if folder.is_dir() else []


@cache
def bundled_phrasebook(lang: str) -> Phrasebook:
    """The phrasebooks shipped with resumegen for *lang*, parsed once (or loaded precompiled)."""
    _check_lang(lang)
    return load_compiled(f"phrasebook-{lang}", bundled_sources(lang), lambda: parse_bundled(lang))


def bundled_sources(lang: str) -> list[Path]:
    """The bundled phrasebook files of *lang*."""
    return list(_files_in(bundled("phrasebooks") / lang))


def _read_all(
    files: Sequence[Path], lang: str
) -> tuple[list[tuple[Entry, ...]], list[Example], list[Diagnostic]]:
    """Each file's entries (in file order), every example, and the problems of all files."""
    layers: list[tuple[Entry, ...]] = []
    examples: list[Example] = []
    problems: list[Diagnostic] = []
    for f in files:
        try:
            found, taught = load_phrasebook_parts(f, lang)
        except RecordError as exc:
            problems.extend(exc.diagnostics)
            continue
        layers.append(found)
        examples.extend(taught)
    return layers, examples, problems


def parse_bundled(lang: str) -> Phrasebook:
    """Parse and validate the bundled phrasebooks of *lang* from their YAML."""
    _check_lang(lang)
    files = bundled_sources(lang)
    layers, examples, problems = _read_all(files, lang)
    entries = [e for layer in layers for e in layer]
    seen: dict[str, Entry] = {}
    for e in entries:
        if e.id in seen:
            line, column = e.at(".id")
            message = f"id `{e.id}` is also defined in {seen[e.id].file}"
            problems.append(Diagnostic(e.file, line, column, f"{e.path}.id", message))
        seen.setdefault(e.id, e)
    problems.extend(trigger_clashes(entries, lang))
    problems.extend(dangling_feared(entries))
    if problems:
        raise RecordError(problems)
    return Phrasebook(
        lang,
        tuple(entries),
        tuple(str(f) for f in files),
        tuple(examples),
        Classifier.train(examples, lang),
    ).all_literals()


def load_phrasebooks(
    lang: str,
    extra: Sequence[str | os.PathLike[str]] = (),
    *,
    user_dirs: Sequence[Path] = (),
) -> Phrasebook:
    """The bundled phrasebook of *lang* with the user's files layered on top.

    Layers, lowest first: bundled; ``<dir>/<lang>/leaving*.yaml`` of each user
    folder (the first folder listed wins, as on every search path); then the
    *extra* files in order (a folder there means its ``leaving*.yaml``). An
    entry whose id is already present replaces it; a new id adds an entry.
    A user entry whose phrasing repeats a trigger word is an error. The
    layered book is kept and handed out again while its files are unchanged.
    """
    base = bundled_phrasebook(lang)
    files: list[Path] = []
    for folder in reversed(list(user_dirs)):
        files.extend(_files_in(Path(folder) / lang))
    for item in extra:
        path = Path(item)
        if path.is_dir():
            files.extend(_files_in(path))
        elif not path.is_file():
            raise InputFileError(
                f"phrasebook not found: {path}", path=str(path), param="phrasebooks"
            )
        else:
            files.append(path)
    if not files:
        return base
    keys = (lang, tuple(_file_key(f, lang) for f in files))
    book = _BOOKS.get(keys)
    if book is None:
        book = _layer(base, files, lang)
        _remember(_BOOKS, keys, book)
    return book


def _layer(base: Phrasebook, files: Sequence[Path], lang: str) -> Phrasebook:
    """*base* with the entries of *files* on top, later files winning."""
    merged: dict[str, Entry] = {e.id: e for e in base.entries}
    added: list[Entry] = []
    layers, taught, problems = _read_all(files, lang)
    for layer in layers:
        for entry in layer:
            merged.pop(entry.id, None)
            merged[entry.id] = entry
            added.append(entry)
    if problems:
        raise RecordError(problems)
    book = Phrasebook(
        lang,
        tuple(merged.values()),
        base.files + tuple(str(f) for f in files),
        (*base.examples, *taught),
        # the user's examples are added to a copy of the bundled counts (or none: the same)
        base.classifier.extended(taught),
        dict(base.literals),
    )
    live = [e for e in added if merged.get(e.id) is e]
    leaks = dangling_feared(book.entries) + leaking_triggers(book, live)
    if leaks:
        raise RecordError(leaks)
    return book
