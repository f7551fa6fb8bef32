"""The STAR interview sheet (``interview``): an application's interview plan as template data.

What the sheet says is decided in :mod:`resumegen.enrich.interview`
(``app.interview``); this module lays it out as the finished strings the
``interview.docx`` template receives (typed below), adds the labels of the
sheet wording, and applies the plan's neutral-wording pass to everything but
the conditions table. The result is JSON-serialisable.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NotRequired, TypedDict, cast

from resumegen.enrich.application import Application, Resources, enrich
from resumegen.enrich.episodes import Episode
from resumegen.enrich.interview import Asked, InterviewPlan
from resumegen.enrich.neutral import DATA_KEYS
from resumegen.enrich.wording import Line, date_text, period_text
from resumegen.record.model import Record, Target
from resumegen.resources.phrasebook import Phrasebook
from resumegen.resources.questionbank import QuestionBank
from resumegen.text import one_line, prose

__all__ = ["SheetData", "build", "build_sheets", "sheet_text"]

# Parts of the sheet that keep the user's own words (see build).
_KEEP_WORDS = frozenset({"conditions"})


class LineData(TypedDict):
    text: str
    prompt: bool


class ApplicationData(TypedDict):
    general: bool
    target_id: str
    heading: str
    employer: str
    role: str
    emphasis: str
    role_families: str


class IntroData(TypedDict):
    text: str
    lines: list[LineData]
    length: str
    count: int


class StarRowData(TypedDict):
    part: str
    label: str
    lines: list[LineData]


class StoryData(TypedDict):
    path: str
    title: str
    where: str
    tags: str
    emphasised: bool
    emphasis: str
    rows: list[StarRowData]


class QuestionData(TypedDict):
    id: str
    kind: str
    question: str
    hint: str
    roles: NotRequired[list[str]]
    lines: list[LineData]
    number: int


class ReverseData(TypedDict):
    id: str
    text: str


class ConditionData(TypedDict):
    key: str
    label: str
    desired: str
    offered: str
    agreed: str
    confirm: str


class CheckData(TypedDict):
    id: str
    text: str
    hint: str


class SheetData(TypedDict):
    doc: str
    lang: str
    title: str
    name: str
    date: str
    date_label: str
    profile: str
    profile_label: str
    application: ApplicationData
    intro: IntroData
    stories: list[StoryData]
    questions: list[QuestionData]
    reverse_questions: list[ReverseData]
    conditions: list[ConditionData]
    checklist: list[CheckData]


def _lines(lines: tuple[Line, ...]) -> list[LineData]:
    return [{"text": line.text, "prompt": line.prompt} for line in lines]


def _application(app: Application, plan: InterviewPlan) -> ApplicationData:
    t = plan.wording
    target = app.target
    if target is None:
        return {
            "general": True,
            "target_id": "",
            "heading": t["general"],
            "employer": "",
            "role": "",
            "emphasis": "",
            "role_families": "",
        }
    employer, role = one_line(target.employer), one_line(target.role)
    joiner = " " if app.lang == "ja" else " – "
    return {
        "general": False,
        "target_id": target.id,
        "heading": joiner.join(x for x in (employer, role) if x) or one_line(target.id),
        "employer": employer,
        "role": role,
        "emphasis": t["list_sep"].join(one_line(e) for e in target.emphasis),
        "role_families": t["list_sep"].join(plan.role_labels),
    }


def _story(app: Application, plan: InterviewPlan, episode: Episode) -> StoryData:
    t = plan.wording
    story = episode.story
    pos = story.position
    where = " ".join(x for x in (pos.organization, pos.department or "", pos.title or "") if x)
    period = period_text(pos, app.record, t)
    labels = t.table("star_labels")
    return {
        "path": story.path,
        "title": prose(story.achievement.summary),
        "where": f"{where}（{period}）" if app.lang == "ja" else f"{where} ({period})",
        "tags": t["list_sep"].join(story.achievement.tags),
        "emphasised": bool(episode.emphasis),
        "emphasis": t["list_sep"].join(episode.emphasis),
        "rows": [
            {"part": part, "label": labels[part], "lines": _lines(lines)}
            for part, lines in episode.parts
        ],
    }


def _question(asked: Asked, number: int) -> QuestionData:
    data: QuestionData = {
        "id": asked.id,
        "kind": asked.kind,
        "question": asked.question,
        "hint": asked.hint,
        "lines": [],
        "number": number,
    }
    if asked.kind == "bank":
        data["roles"] = list(asked.roles)
    data["lines"] = _lines(asked.lines)
    return data


def build(app: Application, paper: str = "a4") -> SheetData:
    """The interview sheet of *app* (a general one when it has no target)."""
    plan = app.interview
    t = plan.wording
    record = app.record
    intro = plan.intro
    sheet: SheetData = {
        "doc": "interview",
        "lang": app.lang,
        "title": t["title"],
        "name": one_line(record.person.name),
        "date": date_text(app.date, record, with_day=True),
        "date_label": t["date"],
        "profile": app.profile,
        "profile_label": t.table("profiles")[app.profile],
        "application": _application(app, plan),
        "intro": {
            "text": intro.text,
            "lines": _lines((Line(intro.text), *intro.notes)),
            "length": t["intro_length"].format(count=intro.count, low=intro.low, high=intro.high),
            "count": intro.count,
        },
        "stories": [_story(app, plan, e) for e in plan.episodes],
        "questions": [_question(q, n) for n, q in enumerate(plan.questions, start=1)],
        "reverse_questions": [{"id": i, "text": text} for i, text in plan.reverse_questions],
        "conditions": [
            {
                "key": c.key,
                "label": c.label,
                "desired": c.desired,
                "offered": "",
                "agreed": "",
                "confirm": c.confirm,
            }
            for c in plan.conditions
        ],
        "checklist": [{"id": i, "text": text, "hint": hint} for i, text, hint in plan.checklist],
    }
    # The conditions table holds the user's own terms to negotiate under the
    # standard labels (当直 月2回まで, オンコール なし): facts to confirm with the
    # employer, not a reason for leaving, so they keep their words. Every other
    # part of the sheet is kept free of the leaving reason's trigger words.
    if plan.neutraliser is None:
        return sheet
    neutral: dict[str, Any] = plan.neutraliser.walk(sheet, skip=_KEEP_WORDS)
    # Put back in place so that the keys keep the order the template (and JSON) sees.
    return cast(SheetData, {k: sheet[k] if k in _KEEP_WORDS else neutral[k] for k in sheet})  # type: ignore[literal-required]


def build_sheets(
    record: Record,
    *,
    target_id: str | None = None,
    today: date | None = None,
    book: Phrasebook | None = None,
    bank: QuestionBank | None = None,
) -> list[SheetData]:
    """Sheets for *target_id*, else one per target in the record, else one general sheet."""
    resources = Resources(record.lang, book=book, bank=bank)
    targets: list[Target | None]
    if target_id is not None:
        targets = [enrich(record, target_id, resources=resources, today=today).target]
    else:
        targets = list(record.targets) or [None]
    return [build(enrich(record, t, resources=resources, today=today)) for t in targets]


def sheet_text(sheet: Any) -> str:
    """Every string on a sheet, one per line: what a reader of the document can see."""
    out: list[str] = []

    def walk(v: Any) -> None:
        if isinstance(v, dict):
            for k, x in v.items():
                if k not in DATA_KEYS:
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, str):
            out.append(v)

    walk(sheet)
    return "\n".join(out)
