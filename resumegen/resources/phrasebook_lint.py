"""Checks across the entries of a phrasebook: clashing triggers, dangling fears, leaks.

Each returns diagnostics positioned at the offending part of the entry
(the trigger, the ``feared`` key, the phrasing), not at the entry's first line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from resumegen.enrich.fold import fold
from resumegen.enrich.triggers import trigger_key
from resumegen.errors import Diagnostic
from resumegen.resources.phrasebook import SLOT, Entry, Phrasebook
from resumegen.text import did_you_mean

__all__ = ["dangling_feared", "leaking_triggers", "trigger_clashes"]


def _diag(entry: Entry, part: str, message: str) -> Diagnostic:
    line, column = entry.at(part)
    return Diagnostic(entry.file, line, column, f"{entry.path}{part}", message)


def trigger_clashes(entries: Sequence[Entry], lang: str) -> list[Diagnostic]:
    """Two entries of one file (or of the bundled set) claiming the same trigger or topic.

    Entries for disjoint profiles may share a trigger: 当直 means one thing
    for a physician and is phrased another way for a clinical engineer.
    """
    problems = []
    for tier in ("triggers", "topics"):
        owners: dict[str, list[Entry]] = {}
        for entry in entries:
            words = entry.triggers if tier == "triggers" else [w for _, w in entry.topics]
            for i, word in enumerate(words):
                seen = owners.setdefault(trigger_key(word, lang), [])
                first = next((e for e in seen if _share_profile(e, entry)), None)
                if first is None or first is entry:
                    if entry not in seen:
                        seen.append(entry)
                    continue
                part = f".triggers[{i}]" if tier == "triggers" else ".topics"
                what = "trigger" if tier == "triggers" else "topic"
                problems.append(
                    _diag(entry, part, f"{what} `{word}` is already used by entry `{first.id}`")
                )
    return problems


def dangling_feared(entries: Sequence[Entry]) -> list[Diagnostic]:
    """``feared:`` naming an entry that is not in the book, or one that is itself a fact."""
    known = {e.id: e for e in entries}
    out = []
    for e in entries:
        if e.feared is None:
            continue
        target = known.get(e.feared)
        if target is None:
            message = f"no entry has the id `{e.feared}`{did_you_mean(e.feared, known)}"
        elif target.keep_as_is:
            message = f"`{e.feared}` is a fact too: a feared fact is said as a worry, not a fact"
        else:
            continue
        out.append(_diag(e, ".feared", message))
    return out


def _share_profile(a: Entry, b: Entry) -> bool:
    return not a.profiles or not b.profiles or bool(set(a.profiles) & set(b.profiles))


_SLOT_MARK = "\x00"


def leaking_triggers(book: Phrasebook, only: Iterable[Entry] | None = None) -> list[Diagnostic]:
    """Phrasings that contain a trigger of any entry: the answer would repeat a negative word.

    A fact's phrasing may name a fact (a trigger of a ``keep`` entry): caregiving
    is said as 介護, a contract's end as 契約期間満了.

    Slots are left out of the check: their values come from the caller.
    """
    checked = list(book.entries if only is None else only)
    problems = []
    for entry in checked:
        reported: set[tuple[str, str]] = set()
        for kind, variants in entry.phrasings():
            for text in variants:
                folded = fold(SLOT.sub(_SLOT_MARK, text), book.lang)
                for _, owner, trigger, _pattern in book.triggers_in(folded):
                    if entry.keep_as_is and owner.keep_as_is:
                        continue  # a fact is named in plain words (介護, 契約期間満了)
                    key = (kind, trigger_key(trigger, book.lang))
                    if key not in reported:
                        reported.add(key)
                        problems.append(
                            _diag(
                                entry,
                                f".positive.{kind}",
                                f"repeats the trigger `{trigger}` of entry `{owner.id}`; "
                                "rephrased text must not contain it",
                            )
                        )
    return problems
