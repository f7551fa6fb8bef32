"""Audit a career record the way a recruiter reads it (``resumegen check``).

A reader judges a 職務経歴書 by its figures, by how the person talks about
leaving, and by whether the dates add up. The audit points at each weak
spot with the key path (and so the line) the user typed it at, says what is
wrong and what to do instead. It never changes the record.

Findings, by kind:

* an achievement without metrics → warning, with 2–3 metrics to add chosen
  from the metric catalogue (:mod:`resumegen.enrich.metric_hints`);
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
* an English duty or achievement summary that does not open with a verb
  (after the rewrites that keep the claim, :func:`resumegen.enrich.english.action_line`)
  → info: the résumé shows it as typed;
* missing parts a reader expects (summary, contact, 自己PR, STAR parts for
  the interview sheet) → warning or info.
* missing parts a reader expects (summary, contact, 自己PR, skills, licences,
  a position with neither duties nor achievements: a section the documents
  would leave out while still ending 以上) → warning; STAR parts for the
  interview sheet → info;
* what the 履歴書 does not print as typed (Japanese records): a ``desired``
  key that is not printable in 本人希望記入欄 (:mod:`resumegen.enrich.wishes`),
  a 志望動機 or 自己PR written in plain form → info. What the form summarises
  to stay two pages is the document's to say
  (:func:`resumegen.documents.rirekisho.form_findings`).
* typed years in the other era's style and half-width colons in Japanese
  text (:mod:`resumegen.enrich.audit_style`) → info.

The report's types are in :mod:`resumegen.enrich.audit_report`; what each
finding says is an ``audit.*`` message of the one catalogue
(:mod:`resumegen.enrich.audit_messages`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator, Sequence

from resumegen.enrich.audit_messages import audit_messages
from resumegen.enrich.audit_report import AuditReport, Finding
from resumegen.enrich.audit_style import style_findings
from resumegen.enrich.english import action_line, starts_with_verb
from resumegen.enrich.metric_hints import suggest_metrics
from resumegen.enrich.wishes import PRINTED_WISHES
from resumegen.enrich.wording import sheet_wording
from resumegen.errors import Severity
from resumegen.record.dates import age_at
from resumegen.record.model import (
    Achievement,
    EducationEvent,
    PartialDate,
    Position,
    Record,
)
from resumegen.resources.catalogue import Catalogue, load_catalogue
from resumegen.text import EN_NUMBER_WORDS

NegativeCheck = Callable[[str, str], list[str]]

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
_DIGIT = re.compile(r"[0-9０-９]")
_KANA = re.compile(r"[\u3041-\u3096]")
_PARTICLES = frozenset("をはがにでともやへのよね")
_SENTENCE_JA = re.compile(r"(?<=[。！？!?])|\n")
_SENTENCE_EN = re.compile(r"(?<=[.!?])\s+|\n")
# The endings of a です・ます sentence; a Japanese sentence ending otherwise is plain form.
_POLITE_END = re.compile(
    r"(です|ます|ません|でした|ました|ましょう|ください|でしょう)[。！？!?）」]*$"
)


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


# A stated number of years, not hedged (over, nearly, 約, 以上): "seven years", 「6年間」.
_EN_NUMBERS = EN_NUMBER_WORDS[1:]
_STATED_YEARS = {
    "en": re.compile(
        r"(?<!over )(?<!than )(?<!nearly )(?<!almost )(?<!about )(?<!around )(?<!some )"
        r"\b(?P<n>\d{1,2}|" + "|".join(_EN_NUMBERS) + r")\s+years?\b(?!\+)",
        re.IGNORECASE,
    ),
    "ja": re.compile(r"(?<![約近\d])(?P<n>\d{1,2})年間(?!以上|近く|あまり|余り)"),
}


def _number(said: str) -> int | None:
    """A count as written: 7, seven."""
    if said.isdigit():
        return int(said)
    low = said.lower()
    return EN_NUMBER_WORDS.index(low) if low in _EN_NUMBERS else None


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
        self.say = audit_messages(record.lang).say
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
                self.say("unquantified", summary=a.summary),
                self.say("unquantified_fix", metrics=metrics),
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
                    self.say("vague", words=_quote(hits, self.lang)),
                    self.say("vague_fix"),
                )

    def verb_first(self) -> None:
        """English résumé bullets open with a verb; the tool rewrites only what keeps the claim."""
        if self.lang != "en":
            return
        for i, p in enumerate(self.r.work):
            lines = [(f"work[{i}].duties[{k}]", d) for k, d in enumerate(p.duties)]
            lines += [
                (f"work[{i}].achievements[{j}].summary", a.summary)
                for j, a in enumerate(p.achievements)
            ]
            for path, text in lines:
                if text.strip() and not starts_with_verb(action_line(text)):
                    self.add("info", path, self.say("no_verb", text=text), self.say("no_verb_fix"))

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
                    self.say("negative", words=_quote(list(words), self.lang)),
                    self.say("negative_fix"),
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
                self.say("birth_future", date=birth.iso(), today=self.today.isoformat()),
                self.say("birth_future_fix"),
            )
        for path, d in self.dated():
            if self.today is not None and _after(d, self.today):
                self.add(
                    "error",
                    path,
                    self.say("future", date=d.iso(), today=self.today.isoformat()),
                    self.say("future_fix"),
                )
            if birth is not None and _before(d, birth):
                self.add(
                    "error",
                    path,
                    self.say("before_birth", date=d.iso(), birth=birth.iso()),
                    self.say("birth_fix"),
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
                    self.say("too_young", age=years),
                    self.say("birth_fix"),
                )
        for i, e in enumerate(self.r.education):
            years = age(e.date)
            if years is not None and years < _MIN_HIGHER_EDUCATION_AGE and _higher_education(e):
                self.add(
                    "error",
                    f"education[{i}].date",
                    self.say("young_school", school=e.school, event=e.event, age=years),
                    self.say("birth_fix"),
                )
        for i, lic in enumerate(self.r.licenses):
            years = age(lic.date)
            if years is not None and years < _MIN_LICENCE_AGE and not _graded_test(lic.name):
                self.add(
                    "error",
                    f"licenses[{i}].date",
                    self.say("young_licence", name=lic.name, age=years),
                    self.say("birth_fix"),
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
                    self.say("gap", months=start - latest_end - 1),
                    self.say("gap_fix"),
                )
            end = _end_index(p, self.today)
            latest_end = end if latest_end is None else max(latest_end, end)
        self.overlaps(order)
        self.stale_current()
        self.stated_years()

    def stated_years(self) -> None:
        """Years the summary or the 自己PR states that no span of the record's positions
        gives ("seven years" against Jan 2018 – Mar 2026): every document of the packet
        says the record's figure, so the summary would contradict them."""
        if self.today is None or not self.r.work:
            return
        order = sorted(self.r.work, key=_start_key)
        spans: set[int] = set()
        for i, first in enumerate(order):
            end = 0
            for p in order[i:]:
                end = max(end, _end_index(p, self.today))
                months = end - first.start.month_index()
                spans.update((months // 12, (months + 11) // 12))
        for path, text in (("summary", self.r.summary), ("self_pr", self.r.self_pr)):
            for m in _STATED_YEARS[self.lang].finditer(text or ""):
                said = _number(m.group("n"))
                if said is None or said == 0 or said in spans:
                    continue
                years = min(spans, key=lambda y: (abs(y - said), y))
                self.add(
                    "warning",
                    path,
                    self.say("years_stated", said=m.group(0).strip(), years=years),
                    self.say("years_stated_fix"),
                )
                break

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
                        self.say("overlap", other=pa.organization, months=months),
                        self.say("overlap_fix"),
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
                    self.say("stale_current", org=p.organization, later=newest.organization),
                    self.say("stale_current_fix"),
                )

    # -- completeness ------------------------------------------------------------------

    def missing_parts(self) -> None:
        lang = self.lang
        if not (self.r.summary or "").strip():
            self.add("warning", "summary", self.say("no_summary"), self.say("no_summary_fix"))
        if not (self.r.person.phone or self.r.person.email):
            self.add("warning", "person", self.say("no_contact"), self.say("no_contact_fix"))
        if lang == "ja" and not (self.r.self_pr or "").strip():
            self.add("warning", "self_pr", self.say("no_self_pr"), self.say("no_self_pr_fix"))
        if not self.r.skills:
            self.add("warning", "skills", self.say("no_skills"), self.say("no_skills_fix"))
        if not self.r.licenses and self.r.profile != "general":
            self.add("warning", "licenses", self.say("no_licenses"), self.say("no_licenses_fix"))
        for i, p in enumerate(self.r.work):
            if not p.duties and not p.achievements:
                self.add(
                    "warning",
                    f"work[{i}]",
                    self.say("no_duties", org=p.organization),
                    self.say("no_duties_fix"),
                )
        if not self.r.targets:
            return
        for path, _, a in self.achievements():
            missing = [p for p in _STAR_NEEDED if a.star is None or not getattr(a.star, p)]
            if not missing:
                continue
            if lang == "ja":  # the parts as the interview sheet labels them
                labels = sheet_wording(lang).table("star_labels")
                names = [labels[p] for p in missing]
                keys = [f"{p}（{labels[p]}）" for p in missing]
            else:
                names = keys = missing
            self.add(
                "info",
                f"{path}.star" if a.star is not None else path,
                self.say("star_missing", parts=_join(names, lang)),
                self.say("star_fix", keys=_join(keys, lang)),
            )

    # -- the 履歴書 ---------------------------------------------------------------------

    def rirekisho(self) -> None:
        """What the 履歴書 leaves off or prints as typed though it reads wrong there."""
        if self.lang != "ja":
            return
        for key, value in self.r.desired.items():
            if key not in PRINTED_WISHES and str(value).strip():
                self.add(
                    "info",
                    f"desired.{key}",
                    self.say("wish_left_off", name=key, value=value),
                    self.say("wish_left_off_fix"),
                )
        texts = [(f"targets[{i}].motivation", t.motivation) for i, t in enumerate(self.r.targets)]
        texts.append(("self_pr", self.r.self_pr))
        for path, text in texts:
            plain = [
                s
                for s in _sentences(text or "", "ja")
                if s.endswith("。") and not _POLITE_END.search(s)
            ]
            if plain:
                what = "志望動機" if path != "self_pr" else "自己PR"
                self.add(
                    "info", path, self.say("plain_form", what=what), self.say("plain_form_fix")
                )

    def run(self) -> AuditReport:
        self.unquantified()
        self.vague()
        self.verb_first()
        self.negative()
        self.impossible_dates()
        self.timeline()
        self.missing_parts()
        self.rirekisho()
        self.findings += style_findings(self.r)
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
    extra: Sequence[Finding] = (),
) -> AuditReport:
    """Audit *record*; findings sorted by severity, then by where they are in the file.

    *today* is the date the record is judged at (default: its ``as_of``; with
    neither, the "after today" checks are skipped). *is_negative(text, lang)*
    returns the negative words in a text; by default the rephrase engine's
    ``negative_triggers`` is used when it is available. *catalogue* is the
    metric catalogue for the record's language (default: the bundled one).
    *extra* are findings made elsewhere (what a document leaves off), sorted in.
    """
    if today is None and record.as_of is not None:
        today = record.as_of.first_day()
    if is_negative is None:
        is_negative = _default_negative(record.profile)
    if catalogue is None:
        catalogue = load_catalogue(record.lang)
    report = _Audit(record, today, is_negative, catalogue).run()
    if extra:
        report.findings = sorted([*report.findings, *extra], key=Finding.sort_key)
    return report
