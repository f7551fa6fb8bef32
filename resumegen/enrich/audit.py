"""Audit a career record the way a recruiter reads it (``resumegen check``).

A reader judges a 職務経歴書 by its figures, by how the person talks about
leaving, and by whether the dates add up. The audit points at each weak
spot with the key path (and so the line) the user typed it at, says what is
wrong and what to do instead. It never changes the record.

Findings, by kind:

* an achievement without metrics → warning, with 2–3 metrics to add chosen
  from the metric catalogue (:mod:`resumegen.resources.catalogue`);
* vague wording without a figure (大幅に, many …) → warning;
* leaving reasons and free text that read negative → warning, pointing to
  ``resumegen rephrase``;
* dates that cannot be right → error: any date of education, licences or
  work after the document date (``as_of``) or before birth, a birth date
  after the document date, and ages that cannot be right (work, a
  university or a licence before 15; the thresholds are documented at
  ``_MIN_WORK_AGE``). Overlapping full-time positions and a "present"
  position that is not the newest → warning; gaps over three months →
  info. Gaps and overlaps are counted in whole months, so a day of the
  month never makes one.
* missing parts a reader expects (summary, contact, 自己PR, STAR parts for
  the interview sheet) → warning or info.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from resumegen.record.dates import age_at
from resumegen.record.model import (
    Achievement,
    EducationEvent,
    PartialDate,
    Position,
    Record,
    Star,
)
from resumegen.resources.catalogue import Catalogue, MetricHint, ProfileCatalogue, load_catalogue

Severity = Literal["error", "warning", "info"]
NegativeCheck = Callable[[str, str], list[str]]

_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
_FULL_TIME = frozenset({"常勤", "正社員", "正職員", "専任", "full-time", "full time", "fulltime"})
_GAP_MONTHS = 3
# Ages below which a date cannot be right. Work: employing a child under 15 is
# against the Labour Standards Act (and the norm elsewhere). Higher education:
# 大学 admits at 18 (17 by early admission) and 専門学校 after high school, so
# an event there before 15 is a typing mistake. Licences and qualifications
# follow schooling that ends at 15 at the earliest (中学卒業); graded tests
# that children take (英検, 漢検, TOEIC …) are exempt.
_MIN_WORK_AGE = 15
_MIN_HIGHER_EDUCATION_AGE = 15
_MIN_LICENCE_AGE = 15
_HIGHER_SCHOOLS = (
    "大学", "専門学校", "university", "graduate school", "medical school",
    "school of medicine", "faculty of", "polytechnic", "school of nursing", "nursing school",
)  # fmt: skip
_GRADED_TESTS = (
    "検定", "英検", "漢検", "数検", "珠算", "そろばん", "書道", "能力試験", "toeic", "toefl",
    "ielts", "eiken", "jlpt", "test", "grade",
)  # fmt: skip
_STAR_NEEDED = ("situation", "task", "action", "result")
_STAR_JA = {
    "situation": "背景",
    "task": "課題",
    "action": "施策",
    "result": "結果",
    "learning": "学び",
}
_DIGIT = re.compile(r"[0-9０-９]")
_KANA = re.compile(r"[\u3041-\u3096]")
_PARTICLES = frozenset("をはがにでともやへのよね")
_SENTENCE_JA = re.compile(r"(?<=[。！？!?])|\n")
_SENTENCE_EN = re.compile(r"(?<=[.!?])\s+|\n")


@dataclass(frozen=True)
class Finding:
    """One weak spot of the record; ``line``/``column`` locate ``path`` (0 = unknown)."""

    severity: Severity
    path: str
    message: str
    suggestion: str
    line: int = 0
    column: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "path": self.path,
            "message": self.message,
            "suggestion": self.suggestion,
            "line": self.line,
            "column": self.column,
        }

    def format(self, source: str = "") -> str:
        """``FILE:LINE:COLUMN: key.path: message`` (an unknown position is left out)."""
        where = source or "<record>"
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def sort_key(self) -> tuple[int, bool, int, int, str]:
        return (_RANK[self.severity], self.line == 0, self.line, self.column, self.path)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass
class AuditReport:
    findings: list[Finding] = field(default_factory=list)
    achievements: int = 0
    quantified: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "findings": [f.as_json() for f in self.findings],
            "achievements": self.achievements,
            "quantified": self.quantified,
        }

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, *, strict: bool = False) -> bool:
        """True when a finding is an error (or, with *strict*, a warning)."""
        failing = ("error", "warning") if strict else ("error",)
        return any(f.severity in failing for f in self.findings)

    def summary(self) -> str:
        """``5 achievements, 3 quantified; 1 error, 2 warnings, 1 info``.

        The command line speaks English whatever the record's language, so
        this line does too; the findings themselves are in the record's language.
        """
        return (
            f"{_plural(self.achievements, 'achievement')}, {self.quantified} quantified; "
            f"{_plural(self.count('error'), 'error')}, "
            f"{_plural(self.count('warning'), 'warning')}, {self.count('info')} info"
        )

    def text(self, source: str = "") -> str:
        """The report as ``resumegen check`` prints it: findings grouped by severity.

        Each group opens with a heading (``errors (1):``); each finding is one
        ``FILE:LINE:COLUMN: key.path: message`` line with its suggestion
        indented below; the summary line closes the report.
        """
        blocks: list[str] = []
        for severity, heading in (("error", "errors"), ("warning", "warnings"), ("info", "info")):
            group = [f for f in self.findings if f.severity == severity]
            if not group:
                continue
            lines = [f"{heading} ({len(group)}):"]
            for f in group:
                lines.append(f.format(source))
                if f.suggestion:
                    lines.append(f"    → {f.suggestion}")
            blocks.append("\n".join(lines))
        blocks.append(self.summary())
        return "\n\n".join(blocks)


# ----------------------------------------------------------------------------- messages

# Each message has a Japanese and an English form; the record's language picks one.
_MSG: dict[str, tuple[str, str]] = {
    "unquantified": ("「{summary}」に数値がありません", "“{summary}” has no figures"),
    "unquantified_fix": (
        "次のような指標を加えてください: {metrics}",
        "add metrics such as: {metrics}",
    ),
    "vague": (
        "数字の裏付けがない表現: {words}",
        "vague wording without a figure: {words}",
    ),
    "vague_fix": (
        "件数・%・期間などの数字で示すか、強調の言葉を外して事実だけを書いてください",
        "state how much with a count, a % or a period, or keep to the plain fact",
    ),
    "negative": ("否定的に読める表現: {words}", "reads negative: {words}"),
    "negative_fix": (
        "`resumegen rephrase` で前向きな言い方の候補を確認してください",
        "run `resumegen rephrase` for a forward-looking wording",
    ),
    "gap": (
        "前の職歴との間に{months}か月の空白があります",
        "{months}-month gap after the previous position",
    ),
    "gap_fix": (
        "面接で聞かれやすいので、この期間の過ごし方を説明できるようにしておいてください",
        "interviewers ask about gaps: be ready to say what you did in that time",
    ),
    "overlap": (
        "常勤の職歴「{other}」と{months}か月重なっています",
        "overlaps the full-time position at {other} by {months} months",
    ),
    "overlap_fix": (
        "日付か、どちらかの雇用形態（非常勤など）を確認してください",
        "check the dates, or the employment type of one of them",
    ),
    "future": (
        "日付 {date} が書類の日付 {today} より後です",
        "date {date} is after the date of the record ({today})",
    ),
    "future_fix": ("日付または as_of を確認してください", "check the date, or as_of"),
    "before_birth": (
        "日付 {date} が生年月日 {birth} より前です",
        "date {date} is before the birth date ({birth})",
    ),
    "birth_fix": (
        "この日付か person.birth_date を確認してください",
        "check this date or person.birth_date",
    ),
    "too_young": (
        "この職歴は{age}歳で始まったことになります",
        "this position would have started at age {age}",
    ),
    "birth_future": (
        "生年月日 {date} が書類の日付 {today} より後です",
        "birth date {date} is after the date of the record ({today})",
    ),
    "birth_future_fix": (
        "person.birth_date か as_of を確認してください",
        "check person.birth_date, or as_of",
    ),
    "young_school": (
        "「{school}」の{event}が{age}歳のときになっています",
        "{school} ({event}) falls at age {age}",
    ),
    "young_licence": (
        "「{name}」の取得が{age}歳のときになっています",
        "{name} would have been obtained at age {age}",
    ),
    "stale_current": (
        "「{org}」が現在の職歴（present）ですが、その後に始まって終わった職歴「{later}」があります",
        "{org} is marked as current (present), but {later} started later and has ended",
    ),
    "stale_current_fix": (
        "退職した年月を end に書いてください",
        "give this position its end date",
    ),
    "no_summary": ("職務要約（summary）がありません", "no professional summary"),
    "no_summary_fix": (
        "経験の分野・年数・強みを200〜300字程度でまとめてください",
        "add two to four lines: your field, years of experience and strengths",
    ),
    "no_contact": ("連絡先（電話・メール）がありません", "no phone number or email address"),
    "no_contact_fix": (
        "日中に連絡のつく電話番号か、個人のメールアドレスを person に書いてください",
        "add a phone number or a personal email address under person",
    ),
    "no_self_pr": ("自己PR（self_pr）がありません", "no self_pr"),
    "no_self_pr_fix": (
        "職務経歴に書いた実績を根拠に、です・ます調で書いてください",
        "add a short statement backed by the achievements above",
    ),
    "star_missing": (
        "面接シート用のSTARに欠けている項目: {parts}",
        "STAR parts missing for the interview sheet: {parts}",
    ),
    "star_fix": (
        "star の下に {keys}を書くと、面接で話す流れが整います",
        "fill in {keys} under star to prepare the interview answer",
    ),
}


def _msg(key: str, lang: str, **slots: object) -> str:
    ja, en = _MSG[key]
    return (ja if lang == "ja" else en).format(**slots)


def _join(items: list[str], lang: str) -> str:
    return ("、" if lang == "ja" else ", ").join(items)


def _quote(words: list[str], lang: str) -> str:
    if lang == "ja":
        return "、".join(f"「{w}」" for w in words)
    return ", ".join(f"“{w}”" for w in words)


# ----------------------------------------------------------------------------- helpers


def _after(d: PartialDate, today: _dt.date) -> bool:
    """True when *d* is certainly after *today* (a month-only date is after only in a later month)."""
    if (d.year, d.month) != (today.year, today.month):
        return (d.year, d.month) > (today.year, today.month)
    return d.day is not None and d.day > today.day


def _before(d: PartialDate, birth: PartialDate) -> bool:
    """True when *d* is certainly before *birth*."""
    if (d.year, d.month) != (birth.year, birth.month):
        return (d.year, d.month) < (birth.year, birth.month)
    return d.day is not None and birth.day is not None and d.day < birth.day


def _end_index(p: Position, today: _dt.date | None) -> int:
    """The last month of *p*; a current position runs to *today* (or indefinitely)."""
    if p.end is not None:
        return p.end.month_index()
    if today is not None:
        return today.year * 12 + today.month - 1
    return 10**9


def _start_key(p: Position) -> tuple[int, int]:
    """Order positions by start; a start without a day sorts before any day of its month."""
    return (p.start.month_index(), p.start.day or 0)


def _higher_education(e: EducationEvent) -> bool:
    """A university, graduate school, junior college or vocational school, or a degree."""
    if e.degree:
        return True
    school = e.school.lower()
    return any(w in school for w in _HIGHER_SCHOOLS)


def _graded_test(name: str) -> bool:
    """英検, TOEIC, 漢検 …: graded tests that children take, unlike licences."""
    lowered = name.lower()
    return any(w in lowered for w in _GRADED_TESTS)


def _full_time(p: Position) -> bool:
    return (p.employment or "").strip().lower() in _FULL_TIME


def _word_hits(text: str, words: tuple[str, ...], lang: str) -> list[str]:
    """Words of *words* in *text*: substrings in Japanese, whole words in English."""
    found: list[str] = []
    for w in words:
        if lang == "ja":
            hit = w in text
        else:
            hit = re.search(rf"(?i)(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", text) is not None
        if hit and w not in found:
            found.append(w)
    return found


def _keyword_in(keyword: str, text: str, lang: str) -> bool:
    if lang == "ja":
        return keyword in text
    return re.search(rf"(?i)(?<![A-Za-z]){re.escape(keyword)}", text) is not None


def suggest_metrics(
    achievement: Achievement,
    position: Position | None,
    profile: ProfileCatalogue,
    lang: str,
    *,
    limit: int = 3,
) -> list[MetricHint]:
    """2–3 metrics fitting *achievement*: keyword matches first, then the profile's defaults.

    The achievement's own words (summary, tags, STAR) count double; the
    position's duties once, since they describe the job rather than this result.
    """
    own = " ".join([achievement.summary, *achievement.tags, *_star_texts(achievement.star)])
    context = " ".join(position.duties) if position is not None else ""
    scored: list[tuple[int, int, MetricHint]] = []
    for order, m in enumerate(profile.metrics):
        score = sum(
            2 * _keyword_in(k, own, lang) + _keyword_in(k, context, lang) for k in m.keywords
        )
        if score:
            scored.append((-score, order, m))
    chosen = [m for _, _, m in sorted(scored, key=lambda t: (t[0], t[1]))][:limit]
    if len(chosen) < 2:
        for mid in profile.defaults:
            m = profile.by_id(mid)
            if len(chosen) >= limit:
                break
            if m not in chosen:
                chosen.append(m)
    return chosen


def _whole_phrases(text: str, words: list[str]) -> list[str]:
    """Japanese triggers completed to the word as typed: 「休みがな」 → 「休みがない」.

    Phrasebook triggers stop mid-inflection so that one trigger matches ない,
    なく and なかった; quoting the stem back reads like a typo. A stem that
    ends in kana is extended by up to three kana of the text, never over a
    particle.
    """
    out: list[str] = []
    for w in words:
        at = text.find(w)
        if w and at >= 0 and _KANA.fullmatch(w[-1]):
            end = at + len(w)
            stop = min(len(text), end + 3)
            while end < stop and _KANA.fullmatch(text[end]) and text[end] not in _PARTICLES:
                end += 1
            w = text[at:end]
        if w not in out:
            out.append(w)
    return out


def _star_texts(star: Star | None) -> list[str]:
    if star is None:
        return []
    return [t for t in (getattr(star, p) for p in Star.PARTS) if t]


def _sentences(text: str, lang: str) -> list[str]:
    parts = (_SENTENCE_JA if lang == "ja" else _SENTENCE_EN).split(text)
    return [p.strip() for p in parts if p and p.strip()]


def _default_negative(profile: str) -> NegativeCheck | None:
    """The rephrase engine's trigger finder, if it is installed; None otherwise."""
    try:
        from resumegen.enrich.rephrase import negative_triggers
    except ImportError:
        return None

    def check(text: str, lang: str) -> list[str]:
        return list(negative_triggers(text, lang, profile))

    return check


# ----------------------------------------------------------------------------- the audit


class _Audit:
    def __init__(
        self,
        record: Record,
        today: _dt.date | None,
        is_negative: NegativeCheck | None,
        catalogue: Catalogue,
    ):
        self.r = record
        self.lang = record.lang
        self.today = today
        self.is_negative = is_negative
        self.catalogue = catalogue
        self.findings: list[Finding] = []

    def add(self, severity: Severity, path: str, message: str, suggestion: str) -> None:
        line, column = self.r.where(path)
        self.findings.append(Finding(severity, path, message, suggestion, line, column))

    def achievements(self) -> Iterator[tuple[str, Position, Achievement]]:
        for i, p in enumerate(self.r.work):
            for j, a in enumerate(p.achievements):
                yield f"work[{i}].achievements[{j}]", p, a

    # -- numbers -----------------------------------------------------------------------

    def unquantified(self) -> None:
        profile = self.catalogue.for_profile(self.r.profile)
        for path, position, a in self.achievements():
            if a.metrics:
                continue
            hints = suggest_metrics(a, position, profile, self.lang)
            sep = "、" if self.lang == "ja" else "; "  # English hints contain commas
            metrics = sep.join(h.describe(self.lang) for h in hints)
            self.add(
                "warning",
                path,
                _msg("unquantified", self.lang, summary=a.summary),
                _msg("unquantified_fix", self.lang, metrics=metrics),
            )

    def free_texts(self) -> Iterator[tuple[str, str]]:
        """(path, text) of the prose a reader sees, for the wording checks."""
        if self.r.summary:
            yield "summary", self.r.summary
        for i, p in enumerate(self.r.work):
            for k, duty in enumerate(p.duties):
                yield f"work[{i}].duties[{k}]", duty
            for j, a in enumerate(p.achievements):
                if not a.metrics:  # a summary backed by metrics has its figure
                    yield f"work[{i}].achievements[{j}].summary", a.summary
        if self.r.self_pr:
            yield "self_pr", self.r.self_pr

    def vague(self) -> None:
        words = self.catalogue.vague_words
        for path, text in self.free_texts():
            hits: list[str] = []
            for sentence in _sentences(text, self.lang):
                if not _DIGIT.search(sentence):
                    hits += [w for w in _word_hits(sentence, words, self.lang) if w not in hits]
            if hits:
                self.add(
                    "warning",
                    path,
                    _msg("vague", self.lang, words=_quote(hits, self.lang)),
                    _msg("vague_fix", self.lang),
                )

    # -- tone --------------------------------------------------------------------------

    def negative(self) -> None:
        if self.is_negative is None:
            return
        texts: list[tuple[str, str]] = []
        for i, p in enumerate(self.r.work):
            if p.leaving_reason:
                texts.append((f"work[{i}].leaving_reason", p.leaving_reason))
        if self.r.summary:
            texts.append(("summary", self.r.summary))
        if self.r.self_pr:
            texts.append(("self_pr", self.r.self_pr))
        for k, t in enumerate(self.r.targets):
            if t.motivation:
                texts.append((f"targets[{k}].motivation", t.motivation))
        for path, text in texts:
            words = self.is_negative(text, self.lang)
            if self.lang == "ja":
                words = _whole_phrases(text, list(words))
            if words:
                self.add(
                    "warning",
                    path,
                    _msg("negative", self.lang, words=_quote(list(words), self.lang)),
                    _msg("negative_fix", self.lang),
                )

    # -- dates -------------------------------------------------------------------------

    def dated(self) -> Iterator[tuple[str, PartialDate]]:
        for i, e in enumerate(self.r.education):
            yield f"education[{i}].date", e.date
        for i, lic in enumerate(self.r.licenses):
            yield f"licenses[{i}].date", lic.date
        for i, p in enumerate(self.r.work):
            yield f"work[{i}].start", p.start
            if p.end is not None:
                yield f"work[{i}].end", p.end

    def impossible_dates(self) -> None:
        birth = self.r.person.birth_date
        if birth is not None and self.today is not None and _after(birth, self.today):
            self.add(
                "error",
                "person.birth_date",
                _msg("birth_future", self.lang, date=birth.iso(), today=self.today.isoformat()),
                _msg("birth_future_fix", self.lang),
            )
        for path, d in self.dated():
            if self.today is not None and _after(d, self.today):
                self.add(
                    "error",
                    path,
                    _msg("future", self.lang, date=d.iso(), today=self.today.isoformat()),
                    _msg("future_fix", self.lang),
                )
            if birth is not None and _before(d, birth):
                self.add(
                    "error",
                    path,
                    _msg("before_birth", self.lang, date=d.iso(), birth=birth.iso()),
                    _msg("birth_fix", self.lang),
                )
        if birth is not None:
            self.too_young(birth)

    def too_young(self, birth: PartialDate) -> None:
        """Dates after birth but at an age that cannot be right (see the thresholds above)."""

        def age(d: PartialDate) -> int | None:
            if _before(d, birth):
                return None  # already reported as before birth
            return age_at(birth, d.first_day())

        for i, p in enumerate(self.r.work):
            years = age(p.start)
            if years is not None and years < _MIN_WORK_AGE:
                self.add(
                    "error",
                    f"work[{i}].start",
                    _msg("too_young", self.lang, age=years),
                    _msg("birth_fix", self.lang),
                )
        for i, e in enumerate(self.r.education):
            years = age(e.date)
            if years is not None and years < _MIN_HIGHER_EDUCATION_AGE and _higher_education(e):
                self.add(
                    "error",
                    f"education[{i}].date",
                    _msg("young_school", self.lang, school=e.school, event=e.event, age=years),
                    _msg("birth_fix", self.lang),
                )
        for i, lic in enumerate(self.r.licenses):
            years = age(lic.date)
            if years is not None and years < _MIN_LICENCE_AGE and not _graded_test(lic.name):
                self.add(
                    "error",
                    f"licenses[{i}].date",
                    _msg("young_licence", self.lang, name=lic.name, age=years),
                    _msg("birth_fix", self.lang),
                )

    def timeline(self) -> None:
        order = sorted(range(len(self.r.work)), key=lambda i: _start_key(self.r.work[i]))
        latest_end: int | None = None
        for i in order:
            p = self.r.work[i]
            start = p.start.month_index()
            if latest_end is not None and start - latest_end - 1 > _GAP_MONTHS:
                self.add(
                    "info",
                    f"work[{i}].start",
                    _msg("gap", self.lang, months=start - latest_end - 1),
                    _msg("gap_fix", self.lang),
                )
            end = _end_index(p, self.today)
            latest_end = end if latest_end is None else max(latest_end, end)
        self.overlaps(order)
        self.stale_current()

    def overlaps(self, order: list[int]) -> None:
        full = [i for i in order if _full_time(self.r.work[i])]
        for a_pos, a in enumerate(full):
            for b in full[a_pos + 1 :]:
                pa, pb = self.r.work[a], self.r.work[b]
                months = min(_end_index(pa, self.today), _end_index(pb, self.today))
                months = months - pb.start.month_index() + 1
                # One shared month is a normal handover (left on the 15th, joined on the 16th).
                if months > 1:
                    self.add(
                        "warning",
                        f"work[{b}].start",
                        _msg("overlap", self.lang, other=pa.organization, months=months),
                        _msg("overlap_fix", self.lang),
                    )

    def stale_current(self) -> None:
        for i, p in enumerate(self.r.work):
            if not p.current:
                continue
            later = [
                q
                for q in self.r.work
                if q is not p
                and q.end is not None
                and q.start.month_index() > p.start.month_index()
            ]
            if later:
                newest = max(later, key=_start_key)
                self.add(
                    "warning",
                    f"work[{i}].end",
                    _msg("stale_current", self.lang, org=p.organization, later=newest.organization),
                    _msg("stale_current_fix", self.lang),
                )

    # -- completeness ------------------------------------------------------------------

    def missing_parts(self) -> None:
        lang = self.lang
        if not (self.r.summary or "").strip():
            self.add("warning", "summary", _msg("no_summary", lang), _msg("no_summary_fix", lang))
        if not (self.r.person.phone or self.r.person.email):
            self.add("warning", "person", _msg("no_contact", lang), _msg("no_contact_fix", lang))
        if lang == "ja" and not (self.r.self_pr or "").strip():
            self.add("warning", "self_pr", _msg("no_self_pr", lang), _msg("no_self_pr_fix", lang))
        if not self.r.targets:
            return
        for path, _, a in self.achievements():
            missing = [p for p in _STAR_NEEDED if a.star is None or not getattr(a.star, p)]
            if not missing:
                continue
            names = [_STAR_JA[p] for p in missing] if lang == "ja" else missing
            keys = [f"{p}（{_STAR_JA[p]}）" for p in missing] if lang == "ja" else missing
            self.add(
                "info",
                f"{path}.star" if a.star is not None else path,
                _msg("star_missing", lang, parts=_join(names, lang)),
                _msg("star_fix", lang, keys=_join(keys, lang)),
            )

    def run(self) -> AuditReport:
        self.unquantified()
        self.vague()
        self.negative()
        self.impossible_dates()
        self.timeline()
        self.missing_parts()
        achievements = [a for _, _, a in self.achievements()]
        return AuditReport(
            findings=sorted(self.findings, key=Finding.sort_key),
            achievements=len(achievements),
            quantified=sum(1 for a in achievements if a.metrics),
        )


def audit(
    record: Record,
    *,
    today: _dt.date | None = None,
    is_negative: NegativeCheck | None = None,
    catalogue: Catalogue | None = None,
) -> AuditReport:
    """Audit *record*; findings sorted by severity, then by where they are in the file.

    *today* is the date the record is judged at (default: its ``as_of``; with
    neither, the "after today" checks are skipped). *is_negative(text, lang)*
    returns the negative words in a text; by default the rephrase engine's
    ``negative_triggers`` is used when it is available. *catalogue* is the
    metric catalogue for the record's language (default: the bundled one).
    """
    if today is None and record.as_of is not None:
        today = record.as_of.first_day()
    if is_negative is None:
        is_negative = _default_negative(record.profile)
    if catalogue is None:
        catalogue = load_catalogue(record.lang)
    return _Audit(record, today, is_negative, catalogue).run()
