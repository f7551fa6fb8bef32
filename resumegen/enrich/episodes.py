"""The stories of an application: STAR episodes, which one answers a question, the self-introduction.

Every achievement of the record is a story. The target's ``emphasis`` tags
put its stories first; a question's focus words pick the story that answers
it; the strongest quantified stories lead the one-minute self-introduction.
Every sentence is the record's own text, a statement the application
quantified, or a sentence frame of the sheet wording filled from them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from resumegen.enrich.english import indefinite_article, starts_with_verb
from resumegen.enrich.fold import casefold_nfkc
from resumegen.enrich.quantify import duty_load, improved, spoken_en, spoken_ja
from resumegen.enrich.wording import Line, SheetWording
from resumegen.record.model import Achievement, PartialDate, Position, Record, Star
from resumegen.text import label_ja, one_line, prose

if TYPE_CHECKING:
    from resumegen.enrich.application import Application

__all__ = [
    "INTRO_RANGE",
    "Episode",
    "Intro",
    "Story",
    "achievement_line",
    "best_story",
    "by_recency",
    "done_phrase",
    "episodes",
    "figures_said",
    "fitting",
    "intro",
    "lower_first",
    "sentence",
    "spoken",
    "stories",
    "story_ref",
    "strongest",
]

INTRO_RANGE = {"ja": (250, 300), "en": (130, 160)}


def sentence(text: str, lang: str) -> str:
    """*text* as running prose that ends like a sentence ("" when empty)."""
    text = prose(text)
    if not text:
        return ""
    if lang == "ja":
        return text if text[-1] in "。！？!?」" else text + "。"
    return text if text[-1] in ".!?" else text + "."


# Plain endings and how they are said politely, longest first: the self-introduction is
# spoken, so the record's written style (「…担当。」「担ってきた。」) is said in です・ます.
_POLITE_ENDINGS: tuple[tuple[str, str], ...] = (
    ("である", "です"),
    ("だった", "でした"),
    ("ていた", "ていました"),
    ("てきた", "てきました"),
    ("ている", "ています"),
    ("できた", "できました"),
    ("できる", "できます"),
    ("なった", "なりました"),
    ("した", "しました"),
    ("たい", "たいと考えています"),
    ("ある", "あります"),
    ("いる", "います"),
    ("だ", "です"),
)
_ALREADY_POLITE = ("ます", "です", "ました", "でした", "ません", "ください")
# Nouns that end a written sentence as an action (…6年間担当。): said as 〜してきました.
_ACTION_NOUNS = (
    "担当",
    "勤務",
    "従事",
    "経験",
    "所属",
    "在籍",
    "修了",
    "取得",
    "入職",
    "入社",
    "就任",
    "着任",
    "開発",
    "実施",
    "運営",
    "管理",
    "指導",
    "支援",
    "導入",
    "推進",
    "対応",
    "参加",
    "立ち上げ",
    "企画",
    "改善",
    "育成",
    "構築",
    "歴任",
    "診療",
    "研究",
    "研修",
)
_NOUN_END = re.compile(r"[一-龯々ァ-ヴーA-Za-z0-9０-９％%]$")


# Nouns that close a result (…待機期間を短縮。): said as 〜しました.
_DONE_NOUNS = (
    "短縮",
    "削減",
    "低減",
    "向上",
    "増加",
    "拡大",
    "達成",
    "標準化",
    "定例化",
    "整備",
    "作成",
    "改訂",
)
# A plain past after an e- or i-row kana (早めた, 下げた, 話した): said as 〜ました.
_PLAIN_PAST = re.compile(r"[えけげせぜてでねへべぺめれきぎしじちにひびみり]た$")


def _polite(body: str) -> str | None:
    """*body* (a sentence without its 。) with a plain verb ending said politely, or None
    when it does not end in a verb form."""
    if body.endswith(_ALREADY_POLITE):
        return body
    for plain, polite in _POLITE_ENDINGS:
        if body.endswith(plain):
            return body[: -len(plain)] + polite
    if _PLAIN_PAST.search(body):
        return body[:-1] + "ました"
    return None


def spoken(text: str, lang: str) -> str:
    """*text* as said aloud: Japanese sentences in です・ます; English résumé fragments as
    sentences about "I" (see :func:`_spoken_en`)."""
    text = sentence(text, lang)
    if not text:
        return text
    if lang != "ja":
        return _spoken_en(text)
    out = []
    for part in re.findall(r"[^。！？]+[。！？]?", text):
        body, end = (part[:-1], part[-1]) if part[-1] in "。！？" else (part, "")
        body = body.rstrip()
        polite = _polite(body)
        if polite is not None:
            body = polite
        elif body.endswith(_DONE_NOUNS):
            body = _done(body, habit=False)
        elif body.endswith(_ACTION_NOUNS):
            body = _done(body, habit=True)
        elif _NOUN_END.search(body):
            body += "です"
        out.append(body + end)
    return "".join(out)


# English sentence openings that already say who speaks or set the scene; the rest of a
# résumé fragment ("Clinical specialist with seven years …") gets "I am a …".
_EN_OPENERS = frozenset(
    {
        "i", "i'm", "i've", "i'd", "my", "we", "our", "as", "in", "with", "over", "for",
        "after", "since", "during", "having", "currently", "now", "today", "the", "this",
        "there", "it", "at", "from", "while", "when", "through", "across", "before", "by",
        "a", "an", "to", "on", "here", "these", "those", "what", "each", "every", "both",
    }
)  # fmt: skip
# Participles that open a noun phrase in a summary (Registered nurse with …), not a deed.
_EN_DESCRIBING = frozenset(
    {
        "registered", "certified", "licensed", "experienced", "qualified", "skilled",
        "dedicated", "accomplished", "seasoned", "trusted", "motivated", "board-certified",
        "accredited", "detail-oriented", "results-driven", "patient-centred",
        "patient-centered", "specialized", "specialised", "bilingual", "fellowship-trained",
    }
)  # fmt: skip
_EN_COUNTS = re.compile(
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
    r"more|almost|nearly|about|around|some|several|many)\b)",
    re.IGNORECASE,
)
_EN_SENTENCES = re.compile(r"[^.!?]+(?:[.!?]+|$)")


def _spoken_en(text: str) -> str:
    """English résumé fragments said as sentences: a verb first is "I …" (Trained 40
    nurses → I trained 40 nurses), a count first is "I have …" (Seven years in ICU),
    and an opening noun phrase is "I am a …" (Clinical specialist with …). Sentences that
    already say who speaks, or set the scene (In 2020 …), are kept as typed."""
    out = []
    for n, part in enumerate(m.group(0).strip() for m in _EN_SENTENCES.finditer(text)):
        if not part:
            continue
        first = part.split()[0].strip(",;:").lower()
        if first in _EN_OPENERS or not first[:1].isalnum():
            out.append(part)
        elif starts_with_verb(part) and first not in _EN_DESCRIBING:
            out.append(f"I {lower_first(part)}")
        elif _EN_COUNTS.match(part):
            out.append(f"I have {lower_first(part)}")
        elif n == 0:
            body = lower_first(part)
            out.append(f"I am {indefinite_article(body)} {body}")
        else:
            out.append(part)
    return " ".join(out)


_WORD_RUN = re.compile(r"[一-龯々ァ-ヴーA-Za-z0-9]+")


def _done(noun_ended: str, habit: bool) -> str:
    """A sentence ending in an action noun, said in the past: 短縮しました, 担当してきました;
    a verb stem (立ち上げ) takes ました / てきました without する."""
    if _verb_stem(noun_ended):
        return noun_ended + ("てきました" if habit else "ました")
    return noun_ended + ("してきました" if habit else "しました")


def _verb_stem(text: str) -> bool:
    return "\u3041" <= text[-1:] <= "\u3096"  # ends in hiragana: 立ち上げ, 見直し


def _acts(body: str) -> bool:
    """*body* ends in what was done to an object (…を短縮, …を立ち上げ), not a noun phrase."""
    ends = body.endswith(_DONE_NOUNS) or body.endswith(_ACTION_NOUNS)
    return ends and "を" in body and "の" not in body.rpartition("を")[2]


def done_phrase(title: str) -> str:
    """An achievement's summary as a plain past that can name an experience (…を短縮した,
    …を早めた), or "" when it is a noun phrase (術中トラブル対応の標準化)."""
    body = prose(title).rstrip("。")
    if body.endswith("た") and _polite(body) is not None and not body.endswith(_ALREADY_POLITE):
        return body
    if _acts(body):
        return body + ("た" if _verb_stem(body) else "した")
    return ""


def _said_title(title: str, said: str = "") -> str:
    """An achievement's summary as the start of a spoken answer: a sentence when it says
    what was done (…を短縮 → …を短縮しました。), else a topic (…の標準化では、), or
    nothing when the first figure *said* already names every word of it."""
    body = title.rstrip("。")
    polite = _polite(body)
    if polite is not None:
        return polite + "。"
    if _acts(body):
        return _done(body, habit=False) + "。"  # one thing done, not a habit
    if said and all(w in said for w in _WORD_RUN.findall(body)):
        return ""
    return f"{body}では、"


def lower_first(text: str) -> str:
    """Lower-case a sentence's first letter unless it starts an acronym (MSL, ICU)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def by_recency(record: Record) -> list[tuple[int, Position]]:
    """Positions with their record index, current and most recent first."""
    far = PartialDate(9999, 12)
    return sorted(
        enumerate(record.work),
        key=lambda ip: ((ip[1].end or far), ip[1].start),
        reverse=True,
    )


class Story:
    """An achievement with where it happened, its statements and whether the target stresses it."""

    def __init__(
        self,
        path: str,
        position: Position,
        a: Achievement,
        statements: Sequence[str],
        order: tuple[int, int, int],
        said: Sequence[str] = (),
        acts: Sequence[str] = (),
    ):
        self.path = path
        self.position = position
        self.achievement = a
        self.statements = [one_line(s) for s in statements]
        self.said = list(said)  # the statements as said aloud, in the order to say them
        # English: the same figures as what "I" did (cut the … from 10% to 3%), "" when a
        # figure is no personal improvement (see quantify.spoken_en); Japanese: empty
        self.acts = list(acts)
        self.order = order  # (emphasis rank, position recency, index in the position)
        self.rank = order[0]  # index of the first matching emphasis tag; large when none
        star = a.star or Star()
        # What a question's focus words are matched against: the figures' names
        # count double, since a question about volume or rates wants the figure.
        figures = " ".join(m.name for m in a.metrics)
        words = " ".join([a.summary, *a.tags] + [getattr(star, part) or "" for part in Star.PARTS])
        # what the record says of the result without words: a team's result (role: member)
        # answers a teamwork question, a figure that got better an improvement question
        if a.role == "member":
            words += " team チーム"
        if any(improved(m) for m in a.metrics):
            words += " improved 改善"
        self.folded_figures = casefold_nfkc(figures)
        self.folded_words = casefold_nfkc(words)

    @property
    def title(self) -> str:
        return prose(self.achievement.summary)

    def score(self, focus: Sequence[str], lang: str) -> int:
        total = 0
        for w in focus:
            f = casefold_nfkc(w)
            if _hit(self.folded_figures, f, lang):
                total += 2
            elif _hit(self.folded_words, f, lang):
                total += 1
        return total


def stories(app: Application) -> list[Story]:
    """Every achievement, emphasised ones first (in the target's emphasis order), newest positions first."""
    emphasis = list(app.target.emphasis) if app.target else []
    out: list[Story] = []
    for order, (i, pos) in enumerate(by_recency(app.record)):
        for j, a in enumerate(pos.achievements):
            hits = [emphasis.index(t) for t in a.tags if t in emphasis]
            rank = min(hits) if hits else len(emphasis) + 1
            path = f"work[{i}].achievements[{j}]"
            # a duty load (当直 月6回) is what the post involved, not a result to tell
            told = [
                (m, s)
                for m, s in zip(a.metrics, app.statements(a), strict=True)
                if not duty_load(m)
            ]
            results = [s for _, s in told]
            team = a.role == "member"
            # said aloud, a change leads (its figures carry the story), then the levels
            ordered = [m for m, _ in sorted(told, key=lambda ms: ms[0].kind != "change")]
            if app.lang == "ja":
                said, acts = [spoken_ja(m, team=team) for m in ordered], []
            else:
                pairs = [spoken_en(m, team=team) for m in ordered]
                said, acts = [p[0] for p in pairs], [p[1] for p in pairs]
            out.append(Story(path, pos, a, results, (rank, order, j), said, acts))
    return sorted(out, key=lambda s: s.order)


def strongest(items: Sequence[Story], n: int = 3) -> list[Story]:
    """The quantified stories to lead with: emphasised first, then those with more figures."""
    quantified = [s for s in items if s.statements]
    return sorted(quantified, key=lambda s: (s.rank, -len(s.statements), s.order))[:n]


def _hits(text: str, words: Sequence[str], lang: str) -> int:
    """How many of *words* occur in *text* (English words match at a word start: improv…)."""
    folded = casefold_nfkc(text)
    return sum(_hit(folded, casefold_nfkc(w), lang) for w in words)


def _hit(folded: str, word: str, lang: str) -> bool:
    """Whether the folded *word* occurs in the folded text (see :func:`_hits`)."""
    if not word or word not in folded:
        return False
    if lang == "ja" or not word.isascii():
        return True
    return _word_start(word).search(folded) is not None


@lru_cache(maxsize=4096)
def _word_start(folded_word: str) -> re.Pattern[str]:
    """*folded_word* at the start of a word; compiled once per word."""
    return re.compile(rf"(?<![a-z0-9]){re.escape(folded_word)}")


def fitting(items: Sequence[str], focus: Sequence[str], lang: str) -> list[str]:
    """The items a question is about: those naming a focus word (all when it has none)."""
    if not focus:
        return list(items)
    return [x for x in items if _hits(x, focus, lang)]


def best_story(
    items: Sequence[Story],
    focus: Sequence[str],
    lang: str,
    *,
    spent: Sequence[Story] = (),
    strict: bool = False,
) -> Story | None:
    """The story that answers a question: most focus words, else the strongest, else the first.

    Stories in *spent* (already told often enough) are not chosen. With *strict*, a
    question whose focus words no story has gets None (a prompt), not the strongest story.
    """
    left = [s for s in items if not any(s is x for x in spent)]
    if focus:
        scored = [(s.score(focus, lang), s) for s in left]
        best = max((n for n, _ in scored), default=0)
        if best:
            fits = [s for n, s in scored if n == best]
            return sorted(fits, key=lambda s: (s.rank, -len(s.statements), s.order))[0]
        if strict:
            return None
    lead = strongest(left, 1)
    return lead[0] if lead else (left[0] if left else None)


# ---------------------------------------------------------------- STAR episodes


@dataclass(frozen=True)
class Episode:
    """A story as the sheet tells it: the lines of each STAR+L part, in order."""

    story: Story
    parts: tuple[tuple[str, tuple[Line, ...]], ...]  # (part, lines)
    emphasis: tuple[str, ...]  # the target's emphasis tags the story carries


def _metric_prompt(story: Story, app: Application, t: SheetWording) -> Line | None:
    """For an achievement without figures: two or three metrics to add, from the catalogue."""
    from resumegen.enrich.metric_hints import suggest_metrics

    profile = app.resources.catalogue.for_profile(app.profile)
    hints = suggest_metrics(story.achievement, story.position, profile, app.lang)
    if not hints:
        return None
    names = t["metrics_sep"].join(h.describe(app.lang) for h in hints)
    return Line(t["p_metrics"].format(metrics=names), True)


def episodes(app: Application, items: Sequence[Story], t: SheetWording) -> list[Episode]:
    """Each story's STAR+L lines: the record's words, its figures, else a prompt."""
    out = []
    emphasis = app.target.emphasis if app.target else ()
    for story in items:
        star = story.achievement.star or Star()
        parts = []
        for part in Star.PARTS:
            given = prose(getattr(star, part))
            lines = [Line(given)] if given else []
            if part == "result":
                lines += [Line(label_ja(s) if app.lang == "ja" else s) for s in story.statements]
                if not story.statements:
                    suggestion = _metric_prompt(story, app, t)
                    lines += [suggestion] if suggestion else []
            if not lines:
                lines = [Line(t.table("star_prompts")[part], True)]
            parts.append((part, tuple(lines)))
        tags = tuple(tag for tag in story.achievement.tags if tag in emphasis)
        out.append(Episode(story, tuple(parts), tags))
    return out


def achievement_line(story: Story, lang: str, t: SheetWording) -> str:
    """An achievement with all its figures, as said: …を短縮しました。2022年度から…になりました。
    (English: I cut the repeat incident rate from 10% to 3%, and the onboarding lead time
    fell from 75 to 50 days.)"""
    if lang == "ja":
        said = story.said[0] if story.said else ""
        return _said_title(story.title, said) + "".join(f"{s}。" for s in story.said)
    if not story.said:
        return spoken(story.title, lang)
    kind, first = _en_lead(story)
    head = {
        "verb": f"I {first}",
        "summary": f"I {lower_first(story.title).rstrip('.')}: {first}",
        "figure": first[:1].upper() + first[1:],
    }[kind]
    rest = story.said[1:]
    if first.startswith(_EN_TEAM):  # "as a team, we raised …, and shortened …": said once
        rest = [x.removeprefix(_EN_TEAM) for x in rest]
    return _and_list([head, *rest], lang, serial=True) + "."


_EN_TEAM = "as a team, we "


def _en_lead(story: Story) -> tuple[str, str]:
    """How an English story opens, and its first figure as said: ``verb`` when the first
    figure is what "I" did and the summary opens with no other verb (I cut the …),
    ``summary`` when the summary's own verb leads (I grew and retained …: the number of
    accounts rose …), ``figure`` when the figure is said alone (as a team, we …)."""
    title = story.title.rstrip(".")
    verb = title.split()[0].lower() if starts_with_verb(title) else ""
    act = story.acts[0] if story.acts else ""
    said = story.said[0]
    if act and (not verb or act.split()[0] == verb):
        return "verb", act
    if verb and verb not in said.split()[:5]:  # "as a team, we cut" already says cut
        return "summary", said
    return "figure", said


def story_ref(story: Story, lang: str, t: SheetWording) -> str:
    """A pointer to a STAR story with its leading figure (said aloud), for an answer outline."""
    if not story.statements:
        return t["story_ref_bare"].format(title=story.title)
    figure = story.said[0]
    return t["story_ref"].format(title=story.title, figure=figure)


# ---------------------------------------------------------------- self-introduction


@dataclass(frozen=True)
class Intro:
    """The one-minute self-introduction, its length, and a prompt when it is off length."""

    text: str
    count: int
    low: int
    high: int
    notes: tuple[Line, ...]


def _length(text: str, lang: str) -> int:
    """Japanese counts characters (no spaces); English counts words."""
    if lang == "ja":
        return len(re.sub(r"\s", "", text))
    return len(text.split())


def _intro_result(story: Story, lang: str, n: int, t: SheetWording) -> str:
    frames = t.options("intro_result")
    which = min(n, len(frames) - 1)
    said = story.said[0]
    if lang == "ja":
        # the summary opens as a sentence or a topic (…を短縮しました。 / …の標準化では、)
        return frames[which].format(summary=_said_title(story.title, said), statement=said)
    kind, first = _en_lead(story)
    key = {"verb": "intro_result_verb", "summary": "intro_result", "figure": "intro_result_figure"}
    return t.options(key[kind])[which].format(
        summary_lc=lower_first(story.title).rstrip("."),
        statement=first[:1].upper() + first[1:],
        statement_lc=first,
    )


def _and_list(items: Sequence[str], lang: str, *, serial: bool = False) -> str:
    """Items joined as spoken: A、B; A and B; A, B, and C. *serial* joins clauses with a
    comma before the "and" even when there are two (I cut …, and the … fell …)."""
    if lang == "ja" or len(items) < 2:
        return "、".join(items) if lang == "ja" else "".join(items)
    last = ", and " if len(items) > 2 or serial else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def figures_said(text: str, said: str) -> bool:
    """True when *text* has figures and every one of them is already in *said*."""
    numbers = re.findall(r"\d[\d,.]*\d|\d", text)
    return bool(numbers) and all(n in said for n in numbers)


def intro(app: Application, items: Sequence[Story], t: SheetWording, self_pr: str = "") -> Intro:
    """About one minute, built in a fixed order from the record's own sentences.

    Parts are added by priority (results, motivation, skills, self-PR) while
    the text stays inside the target length, then put back in speaking order.
    A part may offer shorter forms (fewer skills); *self_pr* (the application's, from
    :func:`~resumegen.enrich.self_pr.tailored_pr`) is left out when it only repeats figures
    already said.
    """
    record, target, lang = app.record, app.target, app.lang
    low, high = INTRO_RANGE[lang]
    greeting = t["intro_greeting"].format(name=one_line(record.person.name))
    closing = t["intro_closing"]
    slots: dict[str, str] = {"summary": spoken(record.summary or "", lang)}
    results = [
        _intro_result(s, lang, n, t)
        for n, s in enumerate(strongest(items, len(t.options("intro_result"))))
    ]
    candidates: list[tuple[str, list[str]]] = []
    if results:
        candidates.append(("result0", [results[0]]))
    if target and target.motivation:
        candidates.append(("motivation", [spoken(target.motivation, lang)]))
    candidates += [(f"result{i}", [r]) for i, r in enumerate(results[1:], start=1)]
    if record.skills:
        skills = [one_line(s) for s in record.skills[:3]]
        if lang != "ja":  # said mid-sentence: critical care, not Critical care (MRI stays)
            skills = [lower_first(s) for s in skills]
        candidates.append(
            (
                "skills",
                [
                    t["intro_skills"].format(skills=_and_list(skills[:n], lang))
                    for n in range(len(skills), 0, -1)
                ],
            )
        )
    if self_pr:  # the 自己PR of this application, as its 職務経歴書 prints it
        candidates.append(("self_pr", [spoken(self_pr, lang)]))
    order = ["summary", "result0", "result1", "result2", "skills", "self_pr", "motivation"]
    space = "" if lang == "ja" else " "

    def assemble(chosen: dict[str, str]) -> str:
        return space.join(p for p in [greeting, *(chosen.get(k, "") for k in order), closing] if p)

    for key, options in candidates:
        if key == "self_pr" and figures_said(options[0], assemble(slots)):
            continue
        for text in options:
            trial = {**slots, key: text}
            if _length(assemble(trial), lang) <= high:
                slots = trial
                break
    text = assemble(slots)
    count = _length(text, lang)
    notes: tuple[Line, ...] = ()
    if count < low:
        notes = (Line(t["intro_short"], True),)
    elif count > high:
        notes = (Line(t["intro_long"], True),)
    return Intro(text, count, low, high, notes)
