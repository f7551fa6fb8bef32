"""The 自己PR of one application: the record's points, ordered and chosen by the target.

Every document of a packet says the same 自己PR for the same target: the
職務経歴書 prints it and the interview sheet says it aloud (a point that
speaks to another application's motivation is left out of this one).
:func:`tailored_pr` orders the person's points by the target's emphasis,
adds at most two sentences of figures for emphasised achievements the
points do not speak of, and leaves out points that belong to another
target; without a target the text is as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from resumegen.enrich.episodes import done_phrase
from resumegen.enrich.numbers import fmt
from resumegen.enrich.quantify import duty_load
from resumegen.record import model
from resumegen.text import join_folded, label_ja

if TYPE_CHECKING:
    from resumegen.enrich.application import Application

__all__ = ["SelfPR", "emphasised", "tailored_pr"]


def emphasised(app: Application) -> list[model.Achievement]:
    """The achievements the target's emphasis puts first, in the order the 職務経歴書 lists them."""
    if app.target is None:
        return []
    wanted = set(app.target.emphasis)
    return [
        a for position in app.positions for a in app.achievements(position) if wanted & set(a.tags)
    ]


# --------------------------------------------------------------------------- 自己PR

# Runs of kanji, katakana and Latin letters or digits: the content words of a
# Japanese text. Two texts speak of the same thing when they share two-character
# pieces of these (再発, 定着, 顧客); 経験 and the like are in every 自己PR.
_CONTENT = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u30a0-\u30ffA-Za-z0-9０-９Ａ-Ｚａ-ｚ]+")
_COMMON = frozenset({"経験", "貢献", "活用", "考え", "業務", "仕事", "担当", "自身", "今後"})
_SENTENCE = re.compile(r"(?<=[。！？])")
_CHANGE = re.compile(r"^(.+?)：(.+?) → (.+?)(?:（.*）)?$")
_LEVEL = re.compile(r"^(.+?)：(.+)$")
_ADDED = 2  # sentences of figures a 自己PR gains at most


def _pieces(text: str) -> frozenset[str]:
    out: set[str] = set()
    for run in _CONTENT.findall(text):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(out - _COMMON)


def _shared(text: str, other: frozenset[str]) -> int:
    """How many content words of *text* share a piece with *other*: one long word in
    common (エビデンス) counts once, not once for each of its pieces."""
    return sum(1 for run in _CONTENT.findall(text) if _pieces(run) & other)


def _points(text: str) -> tuple[list[str], str]:
    """*text*'s points and how they are joined again: its paragraphs, else its sentences."""
    text = text.strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1:
        return lines, "\n"
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()], ""


def _figures(achievement: model.Achievement) -> frozenset[str]:
    """The figures of *achievement* as a text would write them (12%, 36回)."""
    out: set[str] = set()
    for m in achievement.metrics:
        for value in (m.value, m.before, m.after):
            if value is not None:
                out.add(f"{fmt(value)}{m.unit.strip()}")
    return frozenset(out)


def _speaks_of(point: str, achievement: model.Achievement) -> bool:
    """*point* names *achievement*: one of its figures, or two pieces of its words."""
    if any(f in point for f in _figures(achievement)):
        return True
    words = " ".join([achievement.summary, *(m.name for m in achievement.metrics)])
    return len(_pieces(point) & _pieces(words)) >= 2


def _spoken(statements: Iterable[str]) -> str:
    """The first two figures as a sentence says them: 教育会開催は年36回、受講者満足度は92%でした
    ("" when every figure is confidential)."""
    parts: list[tuple[str, bool]] = []
    for statement in statements:
        if "非公開" in statement:
            continue
        change = _CHANGE.match(statement)
        if change:
            parts.append((f"{change[1]}は{change[2]}から{change[3]}に", True))
            continue
        level = _LEVEL.match(statement)
        if level:
            parts.append((f"{level[1]}は{level[2]}", False))
    if not parts:
        return ""
    *head, (last, changed) = parts[:2]
    ending = "なりました" if changed else "でした"
    return "、".join([*(h for h, _ in head), last + ending])


@dataclass(frozen=True)
class SelfPR:
    """The 自己PR of an application: its text, and the record's points it left out
    with the target each repeats the motivation of."""

    text: str
    left_out: tuple[tuple[str, str], ...] = ()


def tailored_pr(app: Application) -> SelfPR:
    """The record's ``self_pr`` tailored to *app*'s target (as typed without a target)."""
    text = join_folded(app.record.self_pr or "")
    target = app.target
    if target is None or not text.strip():
        return SelfPR(text)
    points, joiner = _points(text)
    picked = emphasised(app)
    others = [t for t in app.record.targets if t.id != target.id]

    def rank(point: str) -> int:
        """The place of the first emphasised achievement *point* names (or whose tag it says)."""
        return next(
            (
                i
                for i, a in enumerate(picked)
                if _speaks_of(point, a) or any(t in point for t in a.tags if t in target.emphasis)
            ),
            len(picked),
        )

    mine = _pieces(f"{target.role or ''} {target.motivation or ''}")
    kept, left_out = [], []
    for point in points:
        near = _shared(point, mine)
        other = next(
            (
                o.id
                for o in others
                if _shared(point, _pieces(f"{o.role or ''} {o.motivation or ''}")) >= 2 + near
            ),
            None,
        )
        if other is None:
            kept.append(point)
        else:
            left_out.append((point, other))
    ranked = [(rank(p), 0, p) for p in kept]
    best = min((r for r, *_ in ranked), default=len(picked))
    # what the 実績 lists before anything the person's points speak of (two at most)
    for i, a in enumerate(picked[: min(best, _ADDED)]):
        statements = zip(a.metrics, app.statements(a, "ja"), strict=True)
        figures = _spoken(label_ja(s) for m, s in statements if not duty_load(m))
        if figures:
            ranked.append((i, 1, f"{_undertook(a.summary)}、{figures}。"))
    if not ranked:  # nothing of the record's is left for this target: keep it as typed
        return SelfPR(text)
    ranked.sort(key=lambda r: (r[0], r[1]))  # stable: equal ranks keep the person's order
    return SelfPR(joiner.join(p for *_, p in ranked), tuple(left_out))


def _undertook(summary: str) -> str:
    """The achievement as the start of a 自己PR sentence, in the record's words and without
    quoting them: …を削減したことで / …の企画・実施に取り組み."""
    done = done_phrase(summary)
    return f"{done}ことで" if done else f"{join_folded(summary.strip()).rstrip('。')}に取り組み"
