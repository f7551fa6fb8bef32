"""Check a positioned YAML tree against format v1 and build the :class:`Record`.

The walk is driven by :data:`resumegen.record.schema.OBJECTS`, the same
table the JSON Schema is generated from. Every problem is collected (not just
the first) with its line, column and key path, so a user fixes a record in
one pass. Values are read from the text the user typed: ``0901234`` stays a
phone number, ``11.0`` becomes ``Decimal("11.0")``, ``2026-06`` in
``desired`` prints as typed.
"""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from resumegen.errors import Diagnostic, RecordError
from resumegen.messages import Message, diagnostic, message_lang
from resumegen.record.dates import DateError, era_of, format_ja, is_present, parse_date
from resumegen.record.model import (
    NUMBER_MAX_DIGITS,
    NUMBER_MAX_PLACES,
    SCHEMA_VERSION,
    Achievement,
    AchievementEn,
    EducationEn,
    EducationEvent,
    License,
    LicenseEn,
    Metric,
    MetricEn,
    Options,
    PartialDate,
    Person,
    PersonEn,
    Position,
    PositionEn,
    Record,
    RecordEn,
    Star,
    Target,
    TargetEn,
)
from resumegen.record.schema import OBJECTS, Field
from resumegen.text import closest
from resumegen.yamlio import Mapping, Node, Scalar, Sequence, line_slip, load_path, load_text

__all__ = ["load_record", "load_record_text", "record_from_tree", "validate_path", "validate_text"]

_CLASSES: dict[str, type] = {
    "person": Person,
    "education": EducationEvent,
    "license": License,
    "position": Position,
    "achievement": Achievement,
    "metric": Metric,
    "star": Star,
    "target": Target,
    "options": Options,
    "record_en": RecordEn,
    "person_en": PersonEn,
    "education_en": EducationEn,
    "license_en": LicenseEn,
    "position_en": PositionEn,
    "achievement_en": AchievementEn,
    "metric_en": MetricEn,
    "target_en": TargetEn,
}
# The English lists of a companion and the Japanese lists they translate item by item.
_PARALLEL = {
    "record": ("skills", "memberships", "publications"),
    "position": ("duties",),
}

_MISSING: Any = object()
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _what(node: Node) -> Message:
    if isinstance(node, Mapping):
        return Message("what.map")
    if isinstance(node, Sequence):
        return Message("what.list")
    if isinstance(node, Scalar):
        return Message("what.value", {"text": node.text})
    return Message("what.other")


def _meant(word: str, choices: Iterable[str]) -> Message | str:
    """``; did you mean `work`?`` for a misspelt *word*, else ""."""
    close = closest(word, choices)
    return Message("hint.did_you_mean", {"word": close}) if close is not None else ""


def _texts(node: Node) -> Iterator[str]:
    """Every key and value of the tree, for telling its language."""
    if isinstance(node, Scalar):
        yield node.text
    elif isinstance(node, Mapping):
        for key, child in node.items:
            yield key.text
            yield from _texts(child)
    elif isinstance(node, Sequence):
        for item in node.items:
            yield from _texts(item)


def _tree_lang(root: Node) -> str:
    """The language of messages about a record: its ``lang``, else by its words."""
    declared = None
    if isinstance(root, Mapping):
        declared = next(
            (v.text for k, v in root.items if k.text == "lang" and isinstance(v, Scalar)), None
        )
    return message_lang(declared, _texts(root))


class _Checker:
    """Walks the tree once, collecting diagnostics (said in *lang*), positions and built objects."""

    def __init__(self, name: str, lang: str):
        self.name = name
        self.lang = lang
        self.errors: list[Diagnostic] = []
        self.positions: dict[str, tuple[int, int]] = {}
        self.dates: list[tuple[Scalar, str, PartialDate]] = []

    def error(self, at: Node | tuple[int, int], path: str, id: str, /, **slots: object) -> None:
        self.report(at, path, Message(id, slots))

    def report(self, at: Node | tuple[int, int], path: str, message: Message) -> None:
        line, col = (at.line, at.column) if isinstance(at, Node) else at
        self.errors.append(diagnostic(self.name, line, col, path, self.lang, message))

    # ------------------------------------------------------------ objects

    def obj(self, node: Node, kind: str, path: str, key_at: tuple[int, int]) -> Any:
        """Check a map against ``OBJECTS[kind]``; the built dataclass (or a dict for the root)."""
        if isinstance(node, Scalar) and node.is_null:
            return _MISSING
        if not isinstance(node, Mapping):
            slip = line_slip(node.text) if isinstance(node, Scalar) and node.plain else None
            if slip is not None:  # `- title:助教` reads as text, not as a key
                self.report((node.line, node.column + slip[0]), path, slip[1])
            else:
                self.error(node, path, "record.expected_map", found=_what(node))
            return _MISSING
        fields = OBJECTS[kind]
        errors_before = len(self.errors)
        values: dict[str, Any] = {}
        present: dict[str, Scalar] = {}
        unknown: list[tuple[Scalar, str]] = []
        for key, child in node.items:
            kpath = _join(path, key.text)
            self.positions[kpath] = (key.line, key.column)
            f = fields.get(key.text)
            if f is None:
                unknown.append((key, kpath))
                continue
            present[key.text] = key
            v = self.value(f, child, kpath, (key.line, key.column))
            if v is not _MISSING:
                values[key.text] = v
        missing = [k for k, f in fields.items() if f.required and k not in present]
        for key, kpath in unknown:
            missing = self.unknown_key(key, kpath, fields, missing)
        for k in missing:
            self.error(key_at, path, "key.missing", key=k)
        self.cross_check(kind, values, present, path, key_at)
        if len(self.errors) > errors_before or kind == "record":
            return values if kind == "record" else _MISSING
        return _CLASSES[kind](**values)

    def unknown_key(
        self, key: Scalar, path: str, fields: dict[str, Field], missing: list[str]
    ) -> list[str]:
        """Report an unknown key; the required keys still missing once it is read as a misspelling.

        A key holding a slip (``title：助教``, an indentation of U+3000) says
        so; a misspelt required key is one error, not a missing key and an
        unknown one.
        """
        slip = line_slip(key.text) if key.plain else None
        if slip is not None:
            at = (key.line, key.column + slip[0])
            self.error(at, path, "key.unknown_slip", key=key.text, slip=slip[1])
            typed = key.text.split("：", 1)[0].strip("\u3000 ")
            return [k for k in missing if k != typed]
        meant = closest(key.text, fields)
        if meant in missing:
            self.error(key, path, "key.misspelt_required", key=key.text, meant=meant)
            return [k for k in missing if k != meant]
        self.error(key, path, "key.unknown", key=key.text, hint=_meant(key.text, fields))
        return missing

    def cross_check(
        self,
        kind: str,
        values: dict[str, Any],
        present: dict[str, Scalar],
        path: str,
        at: tuple[int, int],
    ) -> None:
        """Rules that involve more than one key."""
        en = values.get("en")
        for name in _PARALLEL.get(kind, ()) if en is not None else ():
            ja, english = values.get(name, ()), getattr(en, name)
            if len(english) > len(ja):
                epath = _join(path, f"en.{name}")
                self.error(
                    self.positions[epath],
                    epath,
                    "companion.extra_items",
                    count=len(english),
                    key=name,
                    ja_count=len(ja),
                )
        if kind == "metric":
            self.check_metric(present, values, path, at)
        elif kind == "position" and "start" in values and values.get("end") is not None:
            start: PartialDate = values["start"]
            end: PartialDate = values["end"]
            if end.month_index() < start.month_index() or (
                end.month_index() == start.month_index()
                and end.day is not None
                and start.day is not None
                and end.day < start.day
            ):
                key = present["end"]
                self.error(key, _join(path, "end"), "date.end_before_start", end=end, start=start)

    def check_metric(
        self, present: dict[str, Scalar], values: dict[str, Any], path: str, at: tuple[int, int]
    ) -> None:
        has = {k: k in present for k in ("value", "before", "after", "better")}
        if has["value"] and (has["before"] or has["after"]):
            self.error(at, path, "metric.both")
        elif has["before"] and not has["after"]:
            self.error(present["before"], _join(path, "before"), "metric.before_alone")
        elif has["after"] and not has["before"]:
            self.error(present["after"], _join(path, "after"), "metric.after_alone")
        elif not (has["value"] or has["before"]):
            self.error(at, path, "metric.no_value")
        elif has["before"] and not has["better"]:
            self.error(at, path, "metric.no_better")
        scale = values.get("scale")
        if scale is not None and scale <= 0:
            self.error(present["scale"], _join(path, "scale"), "metric.scale")

    # ------------------------------------------------------------ values

    def value(self, f: Field, node: Node, path: str, key_at: tuple[int, int]) -> Any:
        """Convert one value of kind ``f.kind``; _MISSING when empty or wrong."""
        if f.kind == "object":
            v = self.obj(node, f.obj, path, key_at)
        elif f.kind in ("object_list", "text_list"):
            v = self.sequence(f, node, path, key_at)
        elif f.kind == "text_map":
            v = self.text_map(node, path)
        elif not isinstance(node, Scalar):
            self.error(node, path, "value.expected", expected=_EXPECT[f.kind], found=_what(node))
            return _MISSING
        elif node.is_null or not node.text.strip():
            v = _MISSING
        else:
            v = self.scalar(f, node, path)
        if (
            v is _MISSING
            and f.required
            and isinstance(node, Scalar)
            and (node.is_null or not node.text.strip())
        ):
            self.error(key_at, path, "value.empty")
        return v

    def scalar(self, f: Field, node: Scalar, path: str) -> Any:
        text = node.text.strip()
        if f.kind == "text":
            if f.max_length and len(text) > f.max_length:
                self.error(node, path, "value.too_long", count=len(text), limit=f.max_length)
                return _MISSING
            return text
        if f.kind == "int":
            return self.schema_version(node, text, path)
        if f.kind == "number":
            return self.number(node, text, path)
        if f.kind == "bool":
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            self.error(node, path, "bool.bad", text=text)
            return _MISSING
        if f.kind == "end_date" and is_present(text):
            return None
        if f.kind in ("date", "end_date"):
            try:
                d = parse_date(text)
            except DateError as exc:
                # a value with digits is a date attempt: "present" is no help there
                if f.kind == "end_date" and not any(ch.isdigit() for ch in text):
                    self.error(node, path, "date.or_present", problem=exc.message)
                else:
                    self.report(node, path, exc.message)
                return _MISSING
            self.dates.append((node, path, d))
            return d
        # choice
        if text in f.choices:
            return text
        name, hint = path.rsplit(".", 1)[-1], _meant(text, f.choices)
        if len(f.choices) == 2:
            first, second = f.choices
            self.error(
                node,
                path,
                "value.choice_two",
                text=text,
                name=name,
                first=first,
                second=second,
                hint=hint,
            )
        else:
            self.error(
                node,
                path,
                "value.choice",
                text=text,
                name=name,
                choices=tuple(f.choices),
                hint=hint,
            )
        return _MISSING

    def schema_version(self, node: Scalar, text: str, path: str) -> Any:
        if not re.fullmatch(r"\d+", text):
            self.error(node, path, "schema.not_whole", text=text)
            return _MISSING
        if int(text) != SCHEMA_VERSION:
            self.error(node, path, "schema.unsupported", found=int(text), version=SCHEMA_VERSION)
            return _MISSING
        return int(text)

    def number(self, node: Scalar, text: str, path: str) -> Any:
        t = unicodedata.normalize("NFKC", text).strip()
        if _NUMBER.fullmatch(t):
            return self.bounded(node, t, path)
        if _NUMBER.fullmatch(t.replace(",", "").replace("_", "")) and t[:1] not in ",_":
            self.error(node, path, "number.separators", plain=t.replace(",", "").replace("_", ""))
        elif t.endswith(("%", "％")) and _NUMBER.fullmatch(t[:-1].strip()):
            self.error(node, path, "number.percent")
        else:
            self.error(node, path, "number.bad", text=text)
        return _MISSING

    def bounded(self, node: Scalar, t: str, path: str) -> Any:
        """The number *t*, or an error when it is too large or too precise to compute with."""
        d = Decimal(t)
        exponent = d.as_tuple().exponent
        assert isinstance(exponent, int)  # the pattern admits no NaN or Infinity
        digits = len(d.as_tuple().digits)
        if not d.is_zero() and d.adjusted() >= NUMBER_MAX_DIGITS:
            self.error(node, path, "number.too_large", value=t)
        elif digits > NUMBER_MAX_DIGITS:
            self.error(node, path, "number.digits", value=t, digits=digits, limit=NUMBER_MAX_DIGITS)
        elif -exponent > NUMBER_MAX_PLACES:
            self.error(
                node, path, "number.places", value=t, places=-exponent, limit=NUMBER_MAX_PLACES
            )
        else:
            return d
        return _MISSING

    def sequence(self, f: Field, node: Node, path: str, key_at: tuple[int, int]) -> Any:
        if isinstance(node, Scalar) and node.is_null:
            return ()
        if not isinstance(node, Sequence):
            self.error(
                node, path, "value.expected", expected=Message("expect.list"), found=_what(node)
            )
            return _MISSING
        items: list[Any] = []
        ok = True
        for i, child in enumerate(node.items):
            ipath = f"{path}[{i}]"
            self.positions[ipath] = (child.line, child.column)
            if f.kind == "object_list":
                v = self.obj(child, f.obj, ipath, (child.line, child.column))
                if isinstance(child, Scalar) and child.is_null:
                    self.error(child, ipath, "value.empty_item")
            elif not isinstance(child, Scalar):
                self.error(
                    child, ipath, "value.expected", expected=_EXPECT["text"], found=_what(child)
                )
                v = _MISSING
            elif child.is_null or not child.text.strip():
                self.error(child, ipath, "value.empty_item")
                v = _MISSING
            else:
                v = child.text.strip()
            ok = ok and v is not _MISSING
            items.append(v)
        return tuple(items) if ok else _MISSING

    def text_map(self, node: Node, path: str) -> Any:
        if isinstance(node, Scalar) and node.is_null:
            return {}
        if not isinstance(node, Mapping):
            self.error(
                node, path, "value.expected", expected=Message("expect.text_map"), found=_what(node)
            )
            return _MISSING
        out: dict[str, str] = {}
        for key, child in node.items:
            kpath = _join(path, key.text)
            self.positions[kpath] = (key.line, key.column)
            if not isinstance(child, Scalar):
                self.error(
                    child, kpath, "value.expected", expected=_EXPECT["text"], found=_what(child)
                )
            elif not child.is_null and child.text.strip():
                out[key.text] = child.text.strip()
        return out


_EXPECT = {
    "text": Message("expect.text"),
    "int": Message("expect.number"),
    "number": Message("expect.number"),
    "bool": Message("expect.bool"),
    "date": Message("expect.date"),
    "end_date": Message("expect.end_date"),
    "choice": Message("expect.choice"),
}


def _check_targets(checker: _Checker, values: dict[str, Any]) -> None:
    seen: dict[str, int] = {}
    for i, target in enumerate(values.get("targets", ())):
        if target is _MISSING:
            continue
        path = f"targets[{i}].id"
        if target.id in seen:
            line = checker.positions.get(f"targets[{seen[target.id]}].id", (0, 0))[0]
            checker.error(
                checker.positions[path], path, "target.duplicate", id=target.id, line=line
            )
        else:
            seen[target.id] = i


def _era_notes(checker: _Checker) -> list[Diagnostic]:
    """Warnings for dates that 和暦 cannot print exactly.

    A month-only date in a month where an era began mid-month (1989-01 …)
    prints in the era of its 1st (昭和64年1月); the day would settle it.
    Dates before 明治 have no era at all.
    """
    out: list[Diagnostic] = []

    def note(node: Scalar, path: str, message: Message) -> None:
        out.append(
            diagnostic(checker.name, node.line, node.column, path, checker.lang, message, "warning")
        )

    for node, path, d in checker.dates:
        try:
            first, last = era_of(d.first_day()), era_of(_month_end(d))
        except DateError:
            note(node, path, Message("era.before_meiji", {"date": d}))
            continue
        if d.day is None and first != last:
            slots = {"date": d, "first": first.name, "last": last.name}
            note(node, path, Message("era.spans", slots | {"shown": format_ja(d, "wareki")}))
    return out


def _month_end(d: PartialDate) -> datetime.date:
    nxt = datetime.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


def record_from_tree(
    root: Node, name: str, warnings: list[Diagnostic] | None = None
) -> tuple[Record | None, list[Diagnostic]]:
    """Validate a loaded tree; (record or None, errors)."""
    checker = _Checker(name, _tree_lang(root))
    if not isinstance(root, Mapping):
        checker.error(root, "", "record.not_map", found=_what(root))
        return None, checker.errors
    values = checker.obj(root, "record", "", (root.line, root.column))
    _check_targets(checker, values)
    if checker.errors:
        return None, sorted(checker.errors, key=Diagnostic.sort_key)
    notes = list(warnings or ())
    options = values.get("options")
    if isinstance(options, Options) and options.era == "wareki":
        notes.extend(_era_notes(checker))
    record = Record(
        **values,
        source=name,
        positions=dict(checker.positions),
        warnings=tuple(sorted(notes, key=Diagnostic.sort_key)),
    )
    if record.lang == "en":  # an English record writes its English in the keys themselves
        for path in record.companion_paths():
            checker.error(record.where(path), path, "companion.not_ja")
        if checker.errors:
            return None, sorted(checker.errors, key=Diagnostic.sort_key)
    return record, []


def _validate(
    read: Any, name: str, *, from_file: bool = False
) -> tuple[Record | None, list[Diagnostic], list[Diagnostic]]:
    """(record or None, errors, warnings) from a loader call; raises nothing for input.

    A record read *from_file* has its photo checked too (it lies next to the file).
    """
    try:
        root, warnings = read()
    except RecordError as exc:
        return None, exc.diagnostics, []
    record, errors = record_from_tree(root, name, warnings)
    if record is None:
        return None, errors, warnings
    if from_file and record.person.photo:
        from resumegen.record.photo import photo_problems  # only records with a photo pay for it

        errors = photo_problems(record)
        if errors:
            return None, errors, list(record.warnings)
    return record, errors, list(record.warnings)


def load_record_text(text: str, name: str = "<string>") -> Record:
    """Validate YAML *text*; the Record, or RecordError with every problem."""
    record, errors, _ = _validate(lambda: load_text(text, name), name)
    if record is None:
        raise RecordError(errors)
    return record


def load_record(path: str | os.PathLike[str]) -> Record:
    """Load and validate a record file (and its photo); RecordError with every problem, sorted by line.

    ``Record.source`` is the path as given; warnings are in ``Record.warnings``.
    """
    name = os.fspath(path)
    record, errors, _ = _validate(lambda: load_path(path), name, from_file=True)
    if record is None:
        raise RecordError(errors)
    return record


def validate_text(text: str, name: str = "<string>") -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(errors, warnings) for YAML *text*; never raises for input problems."""
    _, errors, warnings = _validate(lambda: load_text(text, name), name)
    return errors, warnings


def validate_path(path: str | os.PathLike[str]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(errors, warnings) for a record file; never raises for input problems.

    A missing or unreadable file is one error diagnostic at line 0.
    """
    _, errors, warnings = _validate(lambda: load_path(path), os.fspath(path), from_file=True)
    return errors, warnings
