"""One application: everything a packet's documents say, decided once.

:func:`enrich` binds a record, the application it is for (a target, or none
for a general packet), the data it draws on (:class:`Resources`) and the date
it is made on into an :class:`Application`. Every document of the packet is
built from the same ``Application``, so the 職務経歴書, the 履歴書 and the
interview sheet state one fact one way: the date on the documents, the order
of positions, the figures of each achievement, the words for why each
position was left, 貴院 or 貴社.

Each part is computed the first time a document asks for it and then kept,
so rendering one document pays only for what that document shows.
Nothing here reads the clock, the environment or a global setting: ``today``
and the resources are parameters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from resumegen.errors import ArgumentError
from resumegen.record.model import Achievement, PartialDate, Position, Record, Target

if TYPE_CHECKING:
    from resumegen.enrich.interview import InterviewPlan
    from resumegen.enrich.rephrase import Grounding, Rephrasing
    from resumegen.enrich.self_pr import SelfPR
    from resumegen.enrich.wishes import Wish
    from resumegen.enrich.wording import SheetWording
    from resumegen.resources.catalogue import Catalogue
    from resumegen.resources.phrasebook import Phrasebook
    from resumegen.resources.questionbank import QuestionBank

__all__ = [
    "DEFAULT_EXIT",
    "HONORIFICS",
    "Application",
    "Resources",
    "enrich",
    "honorific_for",
]


@dataclass(eq=False)
class Resources:
    """The data an application draws on, loaded on first use and then shared.

    ``phrasebooks`` are the user's leaving-reason files layered over the
    bundled book; ``question_files`` the user's question-bank files;
    ``catalogue_dirs`` folders holding ``<lang>/metrics.yaml``. A loaded
    ``phrasebook`` or ``question_bank`` may be passed in instead. One
    ``Resources`` serves any number of applications in the same language.
    """

    lang: str
    phrasebooks: Sequence[Path] = ()
    question_files: Sequence[Path] = ()
    catalogue_dirs: Sequence[Path] = ()
    book: Phrasebook | None = field(default=None, repr=False)
    bank: QuestionBank | None = field(default=None, repr=False)

    @cached_property
    def phrasebook(self) -> Phrasebook:
        if self.book is not None:
            return self.book
        from resumegen.enrich.rephrase import load_phrasebooks

        return load_phrasebooks(self.lang, self.phrasebooks)

    @cached_property
    def question_bank(self) -> QuestionBank:
        if self.bank is not None:
            return self.bank
        from resumegen.resources.questionbank import load_question_bank

        return load_question_bank(self.lang, self.question_files)

    @cached_property
    def catalogue(self) -> Catalogue:
        from resumegen.resources.catalogue import load_catalogue

        return load_catalogue(self.lang, self.catalogue_dirs)

    @cached_property
    def sheet_wording(self) -> SheetWording:
        from resumegen.enrich.wording import sheet_wording

        return sheet_wording(self.lang)


# Words in an employer's name that make it a company (貴社) even when it
# serves hospitals, and words that make it a hospital or clinic (貴院).
COMPANY_MARKERS = (
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "(株)",
    "（株）",
    "Inc.",
    "Ltd.",
    "LLC",
    "K.K.",
    "Corporation",
    "GmbH",
)
MEDICAL_MARKERS = (
    "病院",
    "医院",
    "クリニック",
    "診療所",
    "医療法人",
    "医療センター",
    "医療機関",
    "社会福祉法人",
    "大学",
    "医局",
    "保健所",
    "訪問看護",
)

# How a Japanese document addresses the employer, from its name. Checked in
# this order, so a company that runs a clinic stays 貴社 and a 大学病院 is a
# hospital, not a university. A 法人 (医療法人, 社会福祉法人 …) is 貴院 when its
# name carries a hospital, else 貴法人; a university without a hospital is 貴学;
# a school (看護専門学校) is 貴校 and a 訪問看護ステーション is 貴ステーション.
HONORIFICS = ("貴院", "貴社", "貴法人", "貴学", "貴校", "貴ステーション")
HOSPITAL_WORDS = ("病院", "クリニック", "医院", "診療所", "医療センター")
CORPORATION_WORDS = ("法人", "医療機構", "医療センター機構")
UNIVERSITY_WORDS = ("大学",)
SCHOOL_WORDS = ("学校", "養成所", "学院")
STATION_WORDS = ("ステーション",)


_UNIVERSITY = re.compile(r"大学|医学部|universit|school of medicine|medical school", re.IGNORECASE)
_COMPANY = re.compile(
    r"株式会社|有限会社|合同会社|\b(?:ltd|inc|llc|gmbh|corp|corporation|plc|k\.k\.|co\.)(?:\b|$)",
    re.IGNORECASE,
)
_CARE = re.compile(
    r"hospital|clinic|infirmary|health system|medical cent(?:er|re)|nhs|trust|surgery|practice",
    re.IGNORECASE,
)


def employer_type(name: str | None) -> str | None:
    """university, hospital or company for an employer's name (None: the name does not say).

    A university hospital is a university (its staff leave a 医局 or an academic post).
    """
    if not name:
        return None
    if _UNIVERSITY.search(name):
        return "university"
    if _COMPANY.search(name) or honorific_for(name) == "貴社":
        return "company"
    if (
        honorific_for(name) == "貴院"
        or any(m in name for m in MEDICAL_MARKERS)
        or _CARE.search(name)
    ):
        return "hospital"
    return None


def honorific_for(employer: str) -> str | None:
    """貴社, 貴院, 貴ステーション, 貴校, 貴法人 or 貴学 for an employer's name (None: the name
    does not say). A company that runs a station stays 貴社; a 大学院 is a university."""
    if any(m in employer for m in COMPANY_MARKERS):
        return "貴社"
    if any(m in employer for m in HOSPITAL_WORDS):
        return "貴院"
    if any(m in employer for m in STATION_WORDS):
        return "貴ステーション"
    if any(m in employer for m in SCHOOL_WORDS) and "大学" not in employer:
        return "貴校"
    if any(m in employer for m in CORPORATION_WORDS):
        return "貴法人"
    if any(m in employer for m in UNIVERSITY_WORDS):
        return "貴学"
    return None


# The 履歴書 closes a position left for any reason that is not a fact with its
# own wording (the phrasebook's `exit` on a keep entry) with this line.
DEFAULT_EXIT = "一身上の都合により退職"


@dataclass(eq=False)
class Application:
    """A record prepared for one application; every document of a packet reads this.

    Build it with :func:`enrich`. The attributes below are decided once, on
    first use, and every document shows them as they are.
    """

    record: Record
    target: Target | None
    resources: Resources
    today: date | None = None
    paper: str = "a4"  # the paper the documents are laid out on (letter: American spelling)

    @property
    def lang(self) -> str:
        return self.record.lang

    @property
    def profile(self) -> str:
        return self.record.profile

    @cached_property
    def date(self) -> PartialDate:
        """The date the documents carry: the record's ``as_of`` as typed, else *today*."""
        try:
            return self.record.document_date(self.today)
        except ValueError:
            raise ArgumentError(
                "the record has no as_of date and no date was given",
                param="today",
                fix="write `as_of:` in the record or pass today",
            ) from None

    @cached_property
    def positions(self) -> tuple[Position, ...]:
        """Positions in ``options.order``: newest first (reverse, the default) or oldest first.

        Ties on the start date keep record order.
        """
        indexed = sorted(enumerate(self.record.work), key=lambda t: (t[1].start, t[0]))
        ordered = [p for _, p in indexed]
        if self.record.options.order == "reverse":
            ordered.reverse()
        return tuple(ordered)

    def achievements(self, position: Position) -> list[Achievement]:
        """A position's achievements, those tagged with the target's ``emphasis`` first."""
        if self.target is None or not self.target.emphasis:
            return list(position.achievements)
        wanted = set(self.target.emphasis)
        return sorted(position.achievements, key=lambda a: 0 if wanted & set(a.tags) else 1)

    @cached_property
    def _statements(self) -> dict[tuple[int, str], tuple[str, ...]]:
        return {}

    def statements(self, achievement: Achievement, lang: str | None = None) -> tuple[str, ...]:
        """The quantified statements of *achievement*'s metrics, in *lang* (the record's)."""
        lang = lang or self.lang
        key = (id(achievement), lang)
        found = self._statements.get(key)
        if found is None:
            from resumegen.enrich.quantify import quantify_achievement

            found = tuple(quantify_achievement(achievement, lang))
            self._statements[key] = found
        return found

    @cached_property
    def by_recency(self) -> tuple[tuple[int, Position], ...]:
        """Positions with their index in the record, current and most recently left first."""
        far = PartialDate(9999, 12)
        return tuple(
            sorted(
                enumerate(self.record.work),
                key=lambda ip: ((ip[1].end or far), ip[1].start),
                reverse=True,
            )
        )

    @cached_property
    def last_position(self) -> Position | None:
        """The position an interviewer asks about leaving: the current one, else the one left last."""
        return self.by_recency[0][1] if self.by_recency else None

    @cached_property
    def _rephrasings(self) -> dict[int, Rephrasing | None]:
        return {}

    def _rephrasing(self, position: Position) -> Rephrasing | None:
        """The phrasebook's match for *position*'s leaving reason (None: no reason)."""
        key = id(position)
        if key not in self._rephrasings:
            result = None
            if position.leaving_reason and position.leaving_reason.strip():
                from dataclasses import replace

                from resumegen.enrich.rephrase import rephrase

                result = replace(
                    rephrase(
                        position.leaving_reason,
                        lang=self.lang,
                        profile=self.profile,
                        book=self.resources.phrasebook,
                    ),
                    profile_from="record",
                )
            self._rephrasings[key] = result
        return self._rephrasings[key]

    def leaving(self, position: Position) -> Rephrasing | None:
        """The phrasebook's answer for why *position* was left (None: current, or no reason)."""
        return None if position.current else self._rephrasing(position)

    @cached_property
    def addressee(self) -> Target | None:
        """The application the documents address: the target, else the record's only target.

        A general packet of a record with exactly one target (``batch``, or no
        target given) is for that target's employer, so its 志望動機 and
        貴院/貴社 follow it; with several targets and none chosen, nobody.
        """
        if self.target is not None:
            return self.target
        return self.record.targets[0] if len(self.record.targets) == 1 else None

    @cached_property
    def honorific(self) -> str:
        """How the documents address the employer: 貴院, 貴社, 貴法人 or 貴学.

        The target's ``honorific`` as written, else what its employer's name
        says (:func:`honorific_for`), else, with no employer named, 貴院 when
        the application goes to medicine (a physician, or a record whose
        newest position is at a hospital) and 貴社 otherwise.
        """
        target = self.addressee
        if target is not None and target.honorific:
            return target.honorific
        if target is not None and target.employer:
            found = honorific_for(target.employer)
            if found is not None:
                return found
            if any(m in target.employer for m in MEDICAL_MARKERS):
                return "貴院"
        if self.profile == "physician":
            return "貴院"
        newest = self.last_position
        if newest is not None and honorific_for(newest.organization) == "貴院":
            return "貴院"
        return "貴社"

    @cached_property
    def leaving_type(self) -> str | None:
        """The kind of employer the person leaves (the last position's): university, hospital,
        company, or None when its name does not say."""
        position = self.last_position
        return employer_type(position.organization) if position is not None else None

    @cached_property
    def joining_type(self) -> str | None:
        """The kind of employer the application is for, from its name or how it is addressed."""
        target = self.addressee
        if target is None:
            return None
        found = employer_type(target.employer)
        if found is None and target.honorific is not None:
            return {"貴社": "company", "貴院": "hospital", "貴学": "university"}.get(
                target.honorific
            )
        return found

    @cached_property
    def house(self) -> str:
        """How the employer speaks of itself to the applicant: 当院, 当社, 当法人 or 当学."""
        return "当" + self.honorific.removeprefix("貴")

    @cached_property
    def motivation(self) -> str:
        """The addressee's 志望動機 as the user wrote it ("" when there is none)."""
        target = self.addressee
        return (target.motivation or "").strip() if target is not None else ""

    @cached_property
    def self_pr(self) -> SelfPR:
        """This application's 自己PR (:func:`~resumegen.enrich.self_pr.tailored_pr`), made once
        for the 職務経歴書, the 履歴書 and the interview sheet that all say it."""
        from resumegen.enrich.self_pr import tailored_pr

        return tailored_pr(self)

    @cached_property
    def wishes(self) -> tuple[Wish, ...]:
        """The record's ``desired`` keys, each marked printed on the 履歴書 or left off."""
        from resumegen.enrich.wishes import sort_wishes

        return sort_wishes(self.record.desired, self.honorific)

    def exit_fact(self, position: Position) -> str | None:
        """The stated fact of why *position* ended, in the one wording every document uses.

        The user's ``exit_note`` as written, else the ``exit`` line of the
        first keep-as-is phrasebook entry the leaving reason matched
        (医局人事により退職, 契約期間満了により退職 …); None for a current
        position or a reason that is not such a fact.
        """
        if position.current:
            return None
        if position.exit_note:
            return position.exit_note
        found = self._rephrasing(position)
        if found is None:
            return None
        book = self.resources.phrasebook
        for match in found.matches:
            entry = book.get(match.id)
            if entry is not None and entry.keep_as_is and entry.exit:
                return entry.exit
        return None

    def exit_line(self, position: Position) -> str:
        """The 履歴書 line that closes an ended *position*: its fact, else 一身上の都合により退職."""
        return self.exit_fact(position) or DEFAULT_EXIT

    def grounding(self, position: Position) -> Grounding:
        """What an answer about leaving *position* may say: its department, title, years and
        one figure from its achievements, and the target's role, employer and conditions."""
        from resumegen.enrich.rephrase import Grounding

        target = self.addressee
        end = position.end or self.date
        months = end.month_index() - position.start.month_index()
        return Grounding(
            field=position.department,
            title=position.title,
            # whole years, never rounded up: 8 years 9 months is 8 (「9年間」 would claim
            # three months the record does not hold)
            years=months // 12 if months >= 12 else None,
            months=months if months >= 12 else None,
            figure=self._figure(position),
            role=target.role if target else None,
            employer=target.employer if target else None,
            conditions=target.conditions if target else (),
            desired=self.record.desired,
        )

    def _figure(self, position: Position) -> str | None:
        """One change *position* achieved, said aloud with no brackets or arrows, as the
        answer rules word it (救急車受入不能率が18%から7%になった); None without one."""
        from resumegen.enrich.answer_rules import answer_rules

        frame = answer_rules(self.lang).text.get("figure_change")
        if not frame:
            return None
        limit = 40 if self.lang == "ja" else 14
        for achievement in self.achievements(position):
            for statement in self.statements(achievement):
                name, sep, value = statement.partition(": ")
                before, arrow, after = _PARENS.sub("", value).partition(" → ")
                if not sep or not arrow or "→" in after:
                    continue
                name = _PARENS.sub("", name).strip()
                if self.lang == "en":
                    name = name[:1].lower() + name[1:] if name[1:2].islower() else name
                said = frame.format(name=name, before=before.strip(), after=after.strip())
                if len(said if self.lang == "ja" else said.split()) <= limit:
                    return said
        return None

    @cached_property
    def leaving_answer(self) -> Rephrasing | None:
        """The interview answer to "why are you leaving?" for the last position: the
        person's own ``leaving_answer`` as written, else the phrasebook's answer worded
        for this application (the record's facts and the target)."""
        position = self.last_position
        found = self._rephrasing(position) if position is not None else None
        if position is not None and position.leaving_answer and position.leaving_answer.strip():
            from resumegen.enrich.rephrase import own_answer

            return own_answer(position.leaving_answer.strip(), self.lang, found)
        if found is None or position is None:
            return None
        from resumegen.enrich.rephrase import with_slots

        return with_slots(
            found,
            book=self.resources.phrasebook,
            grounding=self.grounding(position),
            american=self.american,
        )

    @cached_property
    def american(self) -> bool:
        """English text the tool writes is spelt the American way (``locale``, else paper)."""
        from resumegen.enrich.spelling import american_spelling

        return self.lang == "en" and american_spelling(self.record.locale, self.paper)

    def leaving_answers(self) -> list[tuple[Position, Rephrasing]]:
        """Every position's leaving reason answered for this application, newest first.

        The last position's answer is :attr:`leaving_answer` (the person's own
        when the record holds one); the others are worded the same way.
        """
        from resumegen.enrich.rephrase import with_slots

        out = []
        for _, position in self.by_recency:
            if position is self.last_position:
                found = self.leaving_answer
            else:
                plain = self._rephrasing(position)
                found = (
                    with_slots(
                        plain,
                        book=self.resources.phrasebook,
                        grounding=self.grounding(position),
                        american=self.american,
                    )
                    if plain is not None
                    else None
                )
            if found is not None:
                out.append((position, found))
        return out

    @cached_property
    def interview(self) -> InterviewPlan:
        """What the interview sheet says: stories, self-introduction, questions, conditions."""
        from resumegen.enrich.interview import plan_interview

        return plan_interview(self)


_PARENS = re.compile(r"（[^（）]*）|\([^()]*\)")


def enrich(
    record: Record,
    target: Target | str | None = None,
    *,
    resources: Resources | None = None,
    today: date | None = None,
    paper: str = "a4",
) -> Application:
    """The :class:`Application` of *record* for *target* (an id or a Target; None: general).

    *today* dates the documents when the record has no ``as_of``; *paper*
    decides American spelling when the record names no ``locale``.
    *resources* defaults to the bundled data in the record's language.
    """
    if isinstance(target, str):
        target = resolve_target(record, target)
    if resources is None:
        resources = Resources(record.lang)
    elif resources.lang != record.lang:
        raise ArgumentError(
            f"the resources are `{resources.lang}` but the record is `{record.lang}`",
            param="resources",
        )
    return Application(record=record, target=target, resources=resources, today=today, paper=paper)


def resolve_target(record: Record, target_id: str | None) -> Target | None:
    """The record's target *target_id* (None when no id is given); unknown ids are refused."""
    if target_id is None:
        return None
    found = record.target(target_id)
    if found is not None:
        return found
    ids = [t.id for t in record.targets]
    have = ", ".join(ids) or "no targets"
    raise ArgumentError(
        f"unknown target `{target_id}`; this record has: {have}", param="target", choices=ids
    )
