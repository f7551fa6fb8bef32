"""The field table of record format v1, and the JSON Schema generated from it.

:data:`OBJECTS` is the single description of which keys each map of a record
may hold, their kinds, whether they are required and which values they
accept. ``validate.py`` walks records with it, and :func:`json_schema` turns
it into a JSON Schema (draft 2020-12) for editors, so the two cannot drift.
``schema/record.schema.json`` is the committed copy; regenerate it with
``python -m resumegen.record.schema > schema/record.schema.json``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any, Literal

from resumegen.record.model import LANGS, LOCALES, PROFILES, REASON_MAX_CHARS, SCHEMA_VERSION

Kind = Literal[
    "text",  # a scalar kept as typed (numbers and dates included), stripped
    "text_list",  # list of text
    "text_map",  # map of text with any keys (``desired``)
    "int",
    "number",  # Decimal from the typed text
    "bool",
    "date",
    "end_date",  # a date, or present / 現在
    "choice",  # one of ``choices``
    "object",  # a map described by ``OBJECTS[obj]``
    "object_list",  # list of maps described by ``OBJECTS[obj]``
]


@dataclass(frozen=True)
class Field:
    kind: Kind
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    obj: str = ""
    default: object = None
    max_length: int = 0  # text: the most characters a value may have (0: no limit)


def _f(kind: Kind, doc: str, **kw: Any) -> Field:
    return Field(kind, doc, **kw)


_EN_DOC = "English companion of a `ja` record: the English résumé reads it instead of the Japanese."


OBJECTS: dict[str, dict[str, Field]] = {
    "record": {
        "schema": _f("int", "Format version; this version reads 1.", required=True),
        "lang": _f("choice", "Language of the documents.", required=True, choices=LANGS),
        "profile": _f(
            "choice",
            "Selects metric suggestions, phrasebook sections and interview questions.",
            choices=PROFILES,
            default="general",
        ),
        "as_of": _f("date", "Date printed on the documents; ages are computed at it."),
        "locale": _f(
            "choice",
            "en-US: American spelling in generated English text; en-GB: British "
            "(default: American on letter paper, else British).",
            choices=LOCALES,
        ),
        "person": _f("object", "The applicant.", required=True, obj="person"),
        "summary": _f("text", "職務要約 / professional summary."),
        "education": _f("object_list", "School history.", obj="education"),
        "licenses": _f("object_list", "免許・資格 / licences and certificates.", obj="license"),
        "memberships": _f("text_list", "所属学会 / professional bodies."),
        "work": _f(
            "object_list",
            "Positions, in any order (may be empty).",
            required=True,
            obj="position",
        ),
        "skills": _f("text_list", "活かせる経験・知識・スキル / skills."),
        "self_pr": _f("text", "自己PR."),
        "desired": _f(
            "text_map", "本人希望 / conditions: salary, duty_nights, start, … (any keys)."
        ),
        "targets": _f("object_list", "Applications.", obj="target"),
        "publications": _f("text_list", "論文・学会発表 / publications, newest first."),
        "options": _f("object", "Document choices.", obj="options"),
        "en": _f("object", _EN_DOC, obj="record_en"),
    },
    "person": {
        "name": _f("text", "Full name.", required=True),
        "name_kana": _f("text", "Reading of the name (ふりがな)."),
        "birth_date": _f("date", "Date of birth."),
        "gender": _f("text", "Optional; omitted from documents when absent."),
        "postal_code": _f("text", "Postal code."),
        "address": _f("text", "Address."),
        "address_kana": _f("text", "Reading of the address."),
        "phone": _f("text", "Phone number."),
        "email": _f("text", "E-mail address."),
        "links": _f("text_list", "Web addresses."),
        "photo": _f("text", "Photo file, relative to the record."),
        "en": _f("object", _EN_DOC, obj="person_en"),
    },
    "education": {
        "date": _f("date", "Month of the event.", required=True),
        "school": _f("text", "School, faculty, department.", required=True),
        "event": _f("text", "入学, 卒業, 修了, 中退 … / entered, graduated …", required=True),
        "degree": _f("text", "Degree awarded."),
        "en": _f("object", _EN_DOC, obj="education_en"),
    },
    "license": {
        "date": _f("date", "Month obtained.", required=True),
        "name": _f("text", "Official name.", required=True),
        "number": _f("text", "Registration number."),
        "en": _f("object", _EN_DOC, obj="license_en"),
    },
    "position": {
        "organization": _f("text", "Employer.", required=True),
        "department": _f("text", "Department."),
        "title": _f("text", "Job title."),
        "employment": _f("text", "常勤, 非常勤, 正社員 … / employment type."),
        "start": _f("date", "First month.", required=True),
        "end": _f("end_date", "Last month, or present / 現在.", required=True),
        "scale": _f("text", "Context such as bed count or territory."),
        "duties": _f("text_list", "Duties."),
        "achievements": _f("object_list", "Achievements.", obj="achievement"),
        "leaving_reason": _f(
            "text",
            "Why you are leaving, as you would say it (a sentence or two).",
            max_length=REASON_MAX_CHARS,
        ),
        "leaving_answer": _f(
            "text",
            "Your own answer to why you are leaving; used as written and checked.",
            max_length=REASON_MAX_CHARS,
        ),
        "exit_note": _f("text", "How the 職歴 line closes (医局人事により異動 …)."),
        "en": _f("object", _EN_DOC, obj="position_en"),
    },
    "achievement": {
        "summary": _f("text", "One line.", required=True),
        "tags": _f("text_list", "Tags matched by a target's emphasis."),
        "role": _f("choice", "lead or member.", choices=("lead", "member")),
        "metrics": _f("object_list", "Figures.", obj="metric"),
        "star": _f("object", "背景・課題・施策・結果・学び.", obj="star"),
        "en": _f("object", _EN_DOC, obj="achievement_en"),
    },
    "metric": {
        "name": _f("text", "What was measured.", required=True),
        "unit": _f("text", "Unit (%, 件, days …).", default=""),
        "value": _f("number", "A level."),
        "before": _f("number", "A change: the figure before."),
        "after": _f("number", "A change: the figure after."),
        "better": _f("choice", "Direction of improvement.", choices=("higher", "lower")),
        "period": _f("text", "Period of a level, or span of a change."),
        "scale": _f("number", "Maximum of a rating (5 for a 5-point scale)."),
        "approx": _f("bool", "Render as approximate (約 / about).", default=False),
        "confidential": _f("bool", "State only the relative change.", default=False),
        "en": _f("object", _EN_DOC, obj="metric_en"),
    },
    "star": {
        "situation": _f("text", "背景 / situation."),
        "task": _f("text", "課題 / task."),
        "action": _f("text", "施策 / action."),
        "result": _f("text", "結果 / result."),
        "learning": _f("text", "学び / learning."),
    },
    "target": {
        "id": _f("text", "Identifier used with --target.", required=True),
        "employer": _f("text", "Employer."),
        "role": _f("text", "Role applied for."),
        "emphasis": _f("text_list", "Achievement tags to put first."),
        "motivation": _f("text", "志望動機 / motivation, in です・ます form."),
        "conditions": _f(
            "text_list", "What the post involves (当直あり, on-call, travel, 管理職)."
        ),
        "honorific": _f(
            "choice",
            "How Japanese documents address the employer (default: from its name).",
            choices=("貴院", "貴社", "貴法人", "貴学", "貴校", "貴ステーション"),
        ),
        "en": _f("object", _EN_DOC, obj="target_en"),
    },
    "options": {
        "era": _f("choice", "Years on Japanese documents.", choices=("seireki", "wareki")),
        "order": _f("choice", "Order of positions.", choices=("reverse", "chronological")),
        "photo": _f("bool", "Put the photo on the 履歴書."),
        "shokumu_exit": _f(
            "choice",
            "退職理由 on the 職務経歴書: none, or facts (医局人事により退職 …) only.",
            choices=("none", "facts"),
            default="none",
        ),
    },
    # The English companion (``en``) of each object above: the same keys, in English.
    "record_en": {
        "summary": _f("text", "Professional summary."),
        "skills": _f("text_list", "Skills, item by item as in `skills`."),
        "memberships": _f("text_list", "Professional bodies, item by item as in `memberships`."),
        "publications": _f("text_list", "Publications, item by item as in `publications`."),
    },
    "person_en": {
        "name": _f("text", "Name in Latin letters, as the résumé heads it (Kenichi Hirata)."),
        "address": _f("text", "Address in English (optional: left off the résumé without it)."),
        "phone": _f("text", "Phone as dialled from abroad (+81 80-…); optional."),
    },
    "education_en": {
        "school": _f("text", "School, faculty, department."),
        "degree": _f("text", "Degree awarded (MD, PhD)."),
    },
    "license_en": {"name": _f("text", "Licence or certificate.")},
    "position_en": {
        "organization": _f("text", "Employer."),
        "department": _f("text", "Department."),
        "title": _f("text", "Job title."),
        "duties": _f("text_list", "Duties, item by item as in `duties`."),
    },
    "achievement_en": {"summary": _f("text", "One line, verb first.")},
    "metric_en": {
        "name": _f("text", "What was measured."),
        "unit": _f("text", "Unit in English (cases, patients); not needed for %, 円, USD …"),
        "period": _f("text", "Period (year, FY2019 to FY2022); 年, 月, 週, 日 need none."),
    },
    "target_en": {
        "employer": _f("text", "Employer."),
        "role": _f("text", "Role applied for."),
    },
}

SCHEMA_ID = "https://resumegen.invalid/schema/record-v1.json"

_DATE_DOC = "YYYY-MM or YYYY-MM-DD; also 2019/4, 2019年4月, 令和元年5月"
_TEXT: dict[str, Any] = {"type": ["string", "number", "boolean"]}
_NUMBER: dict[str, Any] = {
    "type": ["number", "string"],
    "pattern": r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$",
}


def _property(f: Field) -> dict[str, Any]:
    out: dict[str, Any]
    if f.kind == "text":
        out = dict(_TEXT)
    elif f.kind == "text_list":
        out = {"type": "array", "items": dict(_TEXT)}
    elif f.kind == "text_map":
        out = {"type": "object", "additionalProperties": dict(_TEXT)}
    elif f.kind == "int":
        out = {"type": "integer"}
        if f.required:
            out["const"] = SCHEMA_VERSION
    elif f.kind == "number":
        out = dict(_NUMBER)
    elif f.kind == "bool":
        out = {"type": "boolean"}
    elif f.kind == "date":
        out = {"type": "string", "description": _DATE_DOC}
    elif f.kind == "end_date":
        out = {"type": "string", "description": _DATE_DOC + "; or present / 現在"}
    elif f.kind == "choice":
        out = {"enum": list(f.choices)}
    elif f.kind == "object":
        out = {"$ref": f"#/$defs/{f.obj}"}
    else:  # object_list
        out = {"type": "array", "items": {"$ref": f"#/$defs/{f.obj}"}}
    if _nullable(f):
        out = _or_null(out)
    out["description"] = f.doc if "description" not in out else f"{f.doc} ({out['description']})"
    if f.default not in (None, ""):
        out["default"] = f.default
    if f.max_length:
        out["maxLength"] = f.max_length
    return out


def _nullable(f: Field) -> bool:
    """Whether a key may be written with nothing after it (``summary:``).

    The validator reads an empty optional value as absent and an empty list
    as no items, so the schema accepts ``null`` there too; an editor would
    otherwise flag a record that ``resumegen validate`` accepts.
    """
    return not f.required or f.kind in ("object_list", "text_list")


def _or_null(out: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in out:
        return {"anyOf": [out, {"type": "null"}]}
    if "enum" in out:
        return {**out, "enum": [*out["enum"], None]}
    types = out["type"] if isinstance(out["type"], list) else [out["type"]]
    return {**out, "type": [*types, "null"]}


def _object(name: str) -> dict[str, Any]:
    fields = OBJECTS[name]
    out: dict[str, Any] = {
        "type": "object",
        "properties": {key: _property(f) for key, f in fields.items()},
        "additionalProperties": False,
    }
    required = [key for key, f in fields.items() if f.required]
    if required:
        out["required"] = required
    if name == "metric":
        out["oneOf"] = [
            {
                "required": ["value"],
                "not": {"anyOf": [{"required": ["before"]}, {"required": ["after"]}]},
            },
            {"required": ["before", "after", "better"], "not": {"required": ["value"]}},
        ]
    return out


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of record format v1."""
    root = _object("record")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "resumegen career record, format v1",
        **root,
        "$defs": {name: _object(name) for name in OBJECTS if name != "record"},
    }


def schema_text() -> str:
    """The schema as committed: pretty JSON, non-ASCII kept, trailing newline."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_text())
