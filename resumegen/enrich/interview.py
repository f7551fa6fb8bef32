"""What an application's interview sheet says, decided once: :func:`plan_interview`.

The plan follows the order in which a candidate prepares: a one-minute
self-introduction, a STAR+L episode for every achievement, likely questions
with answer outlines, questions to ask the employer, and the conditions to
confirm with the resignation checklist. It is read the evening before an
interview, so each part is capped (a dozen bank questions by priority, eight
questions to ask, three follow-ups) and each question points at its own
material (the episode or duties its focus words pick).

Two promises hold for every sheet:

* Nothing is invented. Every sentence is the record's own text, a quantified
  statement of the application, a phrasebook phrasing, or fixed sheet
  wording. Where the record is silent the sheet shows a *prompt* (a
  :class:`~resumegen.enrich.wording.Line` with ``prompt`` set) that asks the
  user to fill it in.
* The words of the leaving reason never reach the sheet. The plan's
  :attr:`InterviewPlan.neutraliser` replaces the matched trigger words with
  the bank's neutral terms everywhere but in the conditions table (the user's
  own terms under standard labels such as 当直 or オンコール); a string that
  cannot be made neutral is replaced by a prompt to reword it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from resumegen.enrich.episodes import (
    Episode,
    Intro,
    Story,
    achievement_line,
    best_story,
    episodes,
    figures_said,
    fitting,
    intro,
    lower_first,
    spoken,
    stories,
    story_ref,
    strongest,
)
from resumegen.enrich.fold import casefold_nfkc
from resumegen.enrich.neutral import Neutraliser, neutraliser
from resumegen.enrich.rephrase import Rephrasing
from resumegen.enrich.wording import Line, SheetWording, date_text, period_text
from resumegen.record.dates import DateError, parse_date
from resumegen.resources.questionbank import Question, QuestionBank
from resumegen.text import one_line

if TYPE_CHECKING:
    from resumegen.enrich.application import Application
    from resumegen.record.model import Record

__all__ = [
    "BANK_LIMIT",
    "FOLLOW_UP_LIMIT",
    "REVERSE_LIMIT",
    "Asked",
    "ConditionRow",
    "InterviewPlan",
    "house_words",
    "plan_interview",
    "record_terms",
]

# A sheet is read the evening before an interview: keep each part short enough to use.
BANK_LIMIT = 12  # bank questions after the four core ones, most important first
REVERSE_LIMIT = 8  # questions to ask the employer
STORY_USES = 2  # one story answers at most this many bank questions
LINE_USES = 2  # the same answer line (a self-PR, a summary) is given at most this many times
FOLLOW_UP_LIMIT = 3  # "if asked further" notes under the leaving answer
LONG_ANSWER_SENTENCES = 4  # a longer leaving answer gets a note to shorten it when spoken

_START_KEYS = ("start", "start_date")


@dataclass(frozen=True)
class Asked:
    """A likely question: ``core`` (the four every sheet has) or ``bank``, with its answer lines."""

    id: str
    kind: str
    question: str
    hint: str
    lines: tuple[Line, ...]
    roles: tuple[str, ...] = ()  # a bank question's role families, as labels
    story: Story | None = None  # the episode its outline points at, if any


@dataclass(frozen=True)
class ConditionRow:
    """A term to confirm: the user's wish (or a dash) under the bank's standard label."""

    key: str
    label: str
    desired: str
    confirm: str


@dataclass(frozen=True)
class InterviewPlan:
    """Everything an interview sheet says for one application."""

    wording: SheetWording
    roles: tuple[str, ...]  # role families the target's role belongs to
    role_labels: tuple[str, ...]
    intro: Intro
    episodes: tuple[Episode, ...]
    questions: tuple[Asked, ...]
    reverse_questions: tuple[tuple[str, str], ...]  # (id, text)
    conditions: tuple[ConditionRow, ...]
    checklist: tuple[tuple[str, str, str], ...]  # (id, text, hint)
    leaving: Rephrasing | None  # the application's leaving answer (Application.leaving_answer)
    neutraliser: Neutraliser | None  # None when the leaving reason matched no trigger


def plan_interview(app: Application) -> InterviewPlan:
    """The interview plan of *app* (a general one when it has no target)."""
    t = app.resources.sheet_wording
    bank = app.resources.question_bank
    items = stories(app)
    roles = tuple(bank.detect_roles(app.target.role if app.target else None))
    leaving = app.leaving_answer
    told = _in_role(items, bank, roles)
    core = (
        _leaving(app, t),
        _why_employer(app, t),
        _strengths(app, told, t),
        Asked("weakness", "core", t["q_weakness"], t["h_weakness"], (Line(t["p_weakness"], True),)),
    )
    said = Counter(line.text for q in core for line in q.lines if not line.prompt)
    questions = _worded((*core, *_bank_questions(app, items, bank, roles, t, said)), bank, roles)
    # A fact's own words (介護, 医局人事) are how the answer names it, and a word the record
    # itself states its work in (当直: 月6回 among the results) is the one word the 職務経歴書
    # uses too: neither is a complaint to hide.
    own = record_terms(app.record)
    triggers = (
        tuple(
            m.trigger
            for m in leaving.matches
            if m.category != "keep" and casefold_nfkc(m.trigger) not in own
        )
        if leaving
        else ()
    )
    return InterviewPlan(
        wording=t,
        roles=roles,
        role_labels=tuple(bank.role_label(r) for r in roles),
        intro=_worded_intro(intro(app, told, t, app.self_pr.text), bank, roles),
        episodes=tuple(episodes(app, items, t)),
        questions=questions,
        reverse_questions=tuple(
            (q.id, house_words(q.text, app))
            for q in bank.reverse_for(app.profile, roles)[:REVERSE_LIMIT]
        ),
        conditions=tuple(_conditions(app, bank, t)),
        checklist=tuple(
            (c.id, house_words(c.text, app), house_words(c.hint, app))
            for c in bank.checklist_for(app.profile, app.leaving_type)
        ),
        leaving=leaving,
        neutraliser=neutraliser(triggers, bank, app.lang, t["p_reworded"]) if triggers else None,
    )


def _avoided(text: str, bank: QuestionBank, roles: Sequence[str]) -> list[tuple[str, list[str]]]:
    """(note, words) for each detected role family whose avoided words *text* uses."""
    folded = casefold_nfkc(text)
    out = []
    for family in bank.roles:
        if family.id in roles and family.avoid:
            words = [w for w in family.avoid if casefold_nfkc(w) in folded]
            if words:
                out.append((family.avoid_note, words))
    return out


def _in_role(items: Sequence[Story], bank: QuestionBank, roles: Sequence[str]) -> list[Story]:
    """The stories the self-introduction and the strengths answer may lead with: those
    without a word the target's role avoids (an MSL does not lead with a sales target),
    unless that leaves no story with figures."""
    fit = [s for s in items if not _avoided(" ".join([s.title, *s.statements]), bank, roles)]
    return fit if any(s.statements for s in fit) else list(items)


def _notes(text: str, bank: QuestionBank, roles: Sequence[str]) -> list[Line]:
    return [
        Line(note.format(words=", ".join(words)), True)
        for note, words in _avoided(text, bank, roles)
        if note
    ]


def _worded(
    questions: Sequence[Asked], bank: QuestionBank, roles: Sequence[str]
) -> tuple[Asked, ...]:
    """Each question's answer lines checked against the role's vocabulary (an MSL speaks of
    science, not sales): a line that uses an avoided word gets a prompt to reword it."""
    out = []
    for q in questions:
        said = " ".join(line.text for line in q.lines if not line.prompt)
        notes = _notes(said, bank, roles) if said else []
        out.append(replace(q, lines=(*q.lines, *notes)) if notes else q)
    return tuple(out)


def _worded_intro(found: Intro, bank: QuestionBank, roles: Sequence[str]) -> Intro:
    notes = _notes(found.text, bank, roles)
    return replace(found, notes=(*found.notes, *notes)) if notes else found


def house_words(text: str, app: Application) -> str:
    """A bank text in the words of the employer applied to: a hospital says 当院 and 入職,
    not 当社 and 入社, a company 入社 (Japanese only)."""
    if app.lang != "ja" or not text:
        return text
    if app.house == "当社":
        return text.replace("入職", "入社")
    return text.replace("当社", app.house).replace("入社", "入職")


def record_terms(record: Record) -> str:
    """The words the record states its work and its wishes in (duties, results, skills,
    the conditions it asks for), folded: the sheet keeps them as written, like the
    職務経歴書 and the conditions table, even when a leaving reason uses them (出張は月2回
    程度まで is the person's condition, not a complaint to reword)."""
    parts: list[str] = [*record.skills, *record.desired.values()]
    for position in record.work:
        parts += [*position.duties, position.scale or ""]
        for a in position.achievements:
            parts += [a.summary, *(m.name for m in a.metrics)]
    return casefold_nfkc(" ".join(parts))


# ---------------------------------------------------------------- the four core questions


def _leaving(app: Application, t: SheetWording) -> Asked:
    def asked(*lines: Line) -> Asked:
        return Asked("leaving_reason", "core", t["q_leaving"], t["h_leaving"], lines)

    r = app.leaving_answer
    if r is None:
        return asked(Line(t["p_leaving_missing"], True))
    conflicts = [Line(c.message, True) for c in r.conflicts]
    answer = r.long or r.rephrased
    if not answer:
        return asked(*conflicts, Line(t["p_leaving_nomatch"], True))
    lines = [Line(answer), *conflicts]
    sentences = [x for x in re.split(r"(?<=[。！？])|(?<=[.!?])\s+", answer) if x.strip()]
    if len(sentences) > LONG_ANSWER_SENTENCES:
        lines.append(Line(t["p_leaving_long"], True))
    lines += [Line(t["follow_up"].format(text=f), True) for f in r.follow_up[:FOLLOW_UP_LIMIT]]
    return asked(*lines)


def _why_employer(app: Application, t: SheetWording) -> Asked:
    target = app.target
    if target and target.employer:
        question = t["q_why"].format(employer=one_line(target.employer))
    else:
        question = t["q_why_general"].format(house=app.house)
    if target and target.motivation:
        lines: tuple[Line, ...] = (
            Line(spoken(target.motivation, app.lang)),
            Line(t["p_why_feature"], True),
        )
    else:
        lines = (Line(t["p_why_missing"], True),)
    return Asked("why_employer", "core", question, t["h_why"], lines)


def _strengths(app: Application, items: Sequence[Story], t: SheetWording) -> Asked:
    # The hint asks for one or two results: more would be read out as a list.
    lines = [Line(achievement_line(s, app.lang, t)) for s in strongest(items, 2)]
    pr = app.self_pr.text  # the 自己PR the 職務経歴書 of this application prints
    if pr and not figures_said(pr, " ".join(line.text for line in lines)):
        lines.append(Line(spoken(pr, app.lang)))  # unless it only says the figures again
    if not any(s.statements for s in items):
        lines.append(Line(t["p_strength_missing"], True))
    return Asked("strengths", "core", t["q_strength"], t["h_strength"], tuple(lines))


# ---------------------------------------------------------------- bank questions


def _bank_questions(
    app: Application,
    items: Sequence[Story],
    bank: QuestionBank,
    roles: Sequence[str],
    t: SheetWording,
    said: Counter[str],
) -> list[Asked]:
    """The bank's questions with their outlines. *said* counts the answer lines given so
    far (the core questions'): a line already given LINE_USES times is left out, so one
    self-PR does not answer every question; a question left with nothing gets its prompt."""
    out = []
    told: list[Story] = []  # every story each time a question tells it
    for q in bank.select_questions(
        app.profile, roles, BANK_LIMIT, leaving=app.leaving_type, joining=app.joining_type
    ):
        spent = [s for s in items if sum(x is s for x in told) >= STORY_USES]
        found, story = _outline(q, app, items, bank, t, spent)
        lines = [x for x in found if said[x.text] < LINE_USES]
        said.update(x.text for x in lines)
        if story is not None and story_ref(story, app.lang, t) in (x.text for x in lines):
            told.append(story)
        else:
            story = None
        spoken_lines = {_spoken_source(use, app) for use in q.uses} - {""}
        answered = spoken_lines & {x.text for x in lines} or _wish_answers(q, app, bank)
        if lines and story is None and q.prompt and not answered:
            # a list of skills or duties is material, not an answer: say what to make of it
            lines.append(Line(house_words(q.prompt, app), True))
        out.append(
            Asked(
                q.id,
                "bank",
                house_words(q.text, app),
                house_words(q.hint, app),
                tuple(lines) or (Line(house_words(q.prompt, app) or t["p_outline"], True),),
                tuple(bank.role_label(r) for r in q.roles),
                story,
            )
        )
    return out


def _spoken_source(use: str, app: Application) -> str:
    """The answer line a question's source gives as a whole spoken sentence (the summary,
    the 自己PR, the motivation), or "" for sources that give lists of material."""
    record, target, lang = app.record, app.target, app.lang
    if use == "summary":
        return spoken(record.summary or "", lang)
    if use == "self_pr":
        return spoken(app.self_pr.text, lang)
    if use == "motivation" and target:
        return spoken(target.motivation or "", lang)
    return ""


def _outline(
    q: Question,
    app: Application,
    items: Sequence[Story],
    bank: QuestionBank,
    t: SheetWording,
    spent: Sequence[Story] = (),
) -> tuple[list[Line], Story | None]:
    """Answer material drawn from the record fields a question names (a few items each).

    A question's ``focus`` words pick the fitting duties, skills, licences,
    memberships and episode, so that each question points at its own material
    instead of every question repeating the same list.
    """
    record, lang = app.record, app.lang
    sep = t["list_sep"]
    current = app.last_position
    focus = q.focus
    out: list[str] = []
    chosen_story: list[Story] = []

    def pick(items: Sequence[str], n: int, *, last: bool = False, joiner: str = sep) -> list[str]:
        fits = fitting([one_line(x) for x in items], focus, lang)
        chosen = fits[-n:] if last else fits[:n]
        return [joiner.join(chosen)] if chosen else []

    def metric_names() -> list[str]:
        names = [one_line(m.name) for s in items for m in s.achievement.metrics]
        return pick(list(dict.fromkeys(names)), 6)

    def story() -> list[str]:
        # a story answers at most STORY_USES questions, and only one whose focus it fits
        best = best_story(items, focus, lang, spent=spent, strict=True)
        if best is None:
            return []
        chosen_story.append(best)
        return [story_ref(best, lang, t)]

    def duties() -> list[str]:
        chosen = fitting([one_line(x) for x in (current.duties if current else ())], focus, lang)
        if lang != "ja":  # one line of clauses: Supported …; trained …
            chosen = chosen[:1] + [lower_first(x) for x in chosen[1:3]]
        return [t["duty_sep"].join(chosen[:3])] if chosen else []

    sources: dict[str, Callable[[], list[str]]] = {
        "summary": lambda: [_spoken_source("summary", app)],
        "self_pr": lambda: [_spoken_source("self_pr", app)],
        "skills": lambda: pick(record.skills, 4),
        "licenses": lambda: pick([x.name for x in record.licenses], 5, last=True),
        "memberships": lambda: pick(record.memberships, 4),
        "publications": lambda: [one_line(p) for p in record.publications[:2]],
        "achievements": story,
        "metrics": metric_names,
        "duties": duties,
        "work": lambda: [  # oldest first, as the hint asks the story to be told
            f"{period_text(p, record, t)} {one_line(p.organization)} {one_line(p.title)}".strip()
            for _, p in reversed(app.by_recency[:4])
        ],
        "education": lambda: [
            f"{date_text(e.date, record)} {one_line(e.school)} {one_line(e.event)}"
            for e in record.education[-1:]
        ],
        "motivation": lambda: [_spoken_source("motivation", app)],
        "desired": lambda: [
            f"{house_words(_label(k, bank), app)}{'：' if lang == 'ja' else ': '}"
            f"{_desired_value(k, v, app)}"
            for k, v in _desired_for(q, app, bank)[:4]
        ],
    }
    for use in q.uses:
        for item in sources[use]():
            if item and not any(_same_content(item, x, lang) for x in out):
                out.append(item)
    return [Line(x) for x in out], (chosen_story[0] if chosen_story else None)


_CONTENT_JA = re.compile(r"[一-龯々ァ-ヴーA-Za-z0-9]")
_STOP_EN = frozenset({"and", "or", "of", "the", "a", "an", "to", "for", "in", "on", "with"})


def _same_content(a: str, b: str, lang: str) -> bool:
    """Whether two answer lines say the same thing in other words: 不具合・苦情の初動対応と報告
    and 不具合報告・苦情対応の初動 (nearly all the content characters of the shorter line
    are in the other; English compares content words)."""
    if a == b:
        return True
    if lang == "ja":
        x, y = set(_CONTENT_JA.findall(a)), set(_CONTENT_JA.findall(b))
    else:

        def words(s: str) -> set[str]:
            return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", s.lower())} - _STOP_EN

        x, y = words(a), words(b)
    small, large = sorted((len(x), len(y)))
    return small >= 4 and small >= 0.6 * large and len(x & y) >= 0.85 * small


def _canonical(key: str, bank: QuestionBank) -> str:
    """A wish's key as the bank names its condition (夜勤 and duty_nights are one)."""
    c = bank.condition_for(key)
    return c.key if c else key


def _wish_answers(q: Question, app: Application, bank: QuestionBank) -> bool:
    """Whether the record states the wish a question asks first (入社時期 for "when could
    you start"): the line is then the answer, not material for one."""
    if not q.desired:
        return False
    first = _canonical(q.desired[0], bank)
    return any(_canonical(k, bank) == first for k in app.record.desired)


def _desired_for(q: Question, app: Application, bank: QuestionBank) -> list[tuple[str, str]]:
    """The record's wishes a question is about (all of them when it names none)."""
    items = list(app.record.desired.items())
    if not q.desired:
        return items
    wanted = {_canonical(k, bank) for k in q.desired}
    return [(k, v) for k, v in items if _canonical(k, bank) in wanted]


# ---------------------------------------------------------------- conditions


def _label(key: str, bank: QuestionBank) -> str:
    c = bank.condition_for(key)
    return c.label if c else key


def _desired_value(key: str, value: str, app: Application) -> str:
    """A start date typed as ``2026-04`` is shown as the documents show dates."""
    text = one_line(value)
    if key in _START_KEYS:
        try:
            return date_text(parse_date(text), app.record)
        except (DateError, ValueError):
            return text
    return text


def _conditions(app: Application, bank: QuestionBank, t: SheetWording) -> list[ConditionRow]:
    """The record's wishes first, then rows the profile should confirm even when unstated."""
    rows = []
    seen: set[str] = set()
    for key, value in app.record.desired.items():
        c = bank.condition_for(key)
        seen.add(c.key if c else key)
        label, confirm = (c.label, c.confirm) if c else (key, "")
        rows.append(
            ConditionRow(
                key,
                house_words(label, app),
                _desired_value(key, value, app),
                house_words(confirm, app),
            )
        )
    for c in bank.conditions:
        if app.profile in c.suggest_for and c.key not in seen:
            rows.append(
                ConditionRow(
                    c.key,
                    house_words(c.label, app),
                    t["desired_none"],
                    house_words(c.confirm, app),
                )
            )
    return rows
