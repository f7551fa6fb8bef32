"""Audit a career record the way a recruiter reads it (``resumegen check``).

A reader judges a 職務経歴書 by its figures, by how the person talks about
leaving, and by whether the dates add up. The audit points at each weak
spot with the key path (and so the line) the user typed it at, says what is
wrong and what to do instead. It never changes the record.

Findings, by kind:

* an achievement without metrics → warning, with 2–3 metrics to add chosen
  from the metric catalogue (:mod:`resumegen.enrich.catalogue`);
* vague wording without a figure (大幅に, many …) → warning;
* leaving reasons and free text that read negative → warning, pointing to
  ``resumegen rephrase``;
* dates that cannot be right (after the document date, before birth, work
  before 15, a licence before birth) → error; overlapping full-time
  positions and a "present" position that is not the newest → warning;
  gaps over three months → info;
* missing parts a reader expects (summary, contact, 自己PR, STAR parts for
  the interview sheet) → warning or info.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from resumegen.enrich.catalogue import Catalogue, MetricHint, ProfileCatalogue, load_catalogue
from resumegen.record.dates import age_at
from resumegen.record.model import Achievement, PartialDate, Position, Record, Star

Severity = Literal["error", "warning", "info"]
NegativeCheck = Callable[[str, str], list[str]]

_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
_FULL_TIME = frozenset({"常勤", "正社員", "正職員", "専任", "full-time", "full time", "fulltime"})
_GAP_MONTHS = 3
_MIN_WORK_AGE = 15
_STAR_NEEDED = ("situation", "task", "action", "result")
_STAR_JA = {
    "situation": "背景",
    "task": "課題",
    "action": "施策",
    "result": "結果",
    "learning": "学び",
}
_DIGIT = re.compile(r"[0-9０-９]")
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

    def as_json(self) -> dict[str, str]:
        return {
            "severity": self.severity,
            "path": self.path,
            "message": self.message,
            "suggestion": self.suggestion,
        }

    def format(self, source: str = "") -> str:
        """``FILE:LINE:COLUMN: path: severity: message — suggestion`` for the text output."""
        where = source or "<record>"
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        head = f"{where}: {self.path}: " if self.path else f"{where}: "
        tail = f" — {self.suggestion}" if self.suggestion else ""
        return f"{head}{self.severity}: {self.message}{tail}"

    def sort_key(self) -> tuple[int, bool, int, int, str]:
        return (_RANK[self.severity], self.line == 0, self.line, self.column, self.path)


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
        "どれだけかを件数・%・期間などの数字で示すか、言い切らずに事実だけを書いてください",
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
        "be ready to say what you did in that period; readers ask",
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
        "star に {parts} を書くと、面接で話す流れが整います",
        "fill in {parts} under star to prepare the interview answer",
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
        if birth is None:
            return
        for i, p in enumerate(self.r.work):
            if _before(p.start, birth):
                continue  # already reported
            age = age_at(birth, p.start.first_day())
            if age < _MIN_WORK_AGE:
                self.add(
                    "error",
                    f"work[{i}].start",
                    _msg("too_young", self.lang, age=age),
                    _msg("birth_fix", self.lang),
                )

    def timeline(self) -> None:
        order = sorted(range(len(self.r.work)), key=lambda i: self.r.work[i].start)
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
                q for q in self.r.work if q is not p and q.end is not None and q.start > p.start
            ]
            if later:
                newest = max(later, key=lambda q: q.start)
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
            parts = _join(names, lang)
            self.add(
                "info",
                f"{path}.star" if a.star is not None else path,
                _msg("star_missing", lang, parts=parts),
                _msg("star_fix", lang, parts=parts),
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
