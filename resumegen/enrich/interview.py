"""STAR interview sheets: one application's interview preparation as plain data.

The sheet follows the order in which a candidate prepares: the application,
a one-minute self-introduction, a STAR+L story for every achievement, likely
questions with answer outlines, questions to ask the employer, and a
conditions sheet with the resignation checklist. It is meant to be read the
evening before an interview, so each part is capped (a dozen bank questions
by priority, eight questions to ask, three follow-ups) and each question
points at its own material (the story or duties its focus words pick).

Two promises hold for every sheet:

* Nothing is invented. Every sentence is the record's own text, a quantified
  statement computed from the record's numbers, a phrasebook phrasing, or
  fixed sheet wording. Where the record is silent the sheet shows a *prompt*
  (``{"text": …, "prompt": True}``) that asks the user to fill it in.
* The words of the leaving reason never reach the sheet. The rephrasing's
  matched trigger words are replaced by the bank's neutral terms everywhere
  but in the conditions table (the user's own terms under standard labels
  such as 当直 or オンコール); a string that cannot be made neutral is
  replaced by a prompt to reword it.

The result is JSON-serialisable (dict, list, str, int, bool) and is exactly
what the ``interview.docx`` template receives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from resumegen.enrich.audit import suggest_metrics
from resumegen.enrich.fold import casefold_nfkc
from resumegen.enrich.quantify import quantify_achievement
from resumegen.enrich.rephrase import Phrasebook, Rephrasing, rephrase, slots_from
from resumegen.errors import UsageError
from resumegen.record.dates import DateError, format_en, format_ja, parse_date
from resumegen.record.model import Achievement, PartialDate, Position, Record, Star, Target
from resumegen.resources.catalogue import load_catalogue
from resumegen.resources.questionbank import Question, QuestionBank, load_question_bank

__all__ = ["TEXTS", "build_sheet", "build_sheets", "sheet_text"]

Line = dict[str, Any]  # {"text": str, "prompt": bool}

# Fixed sheet wording per language. Prompts ask; they never state a fact.
TEXTS: dict[str, dict[str, Any]] = {
    "ja": {
        "title": "面接準備シート",
        "general": "応募先未定",
        "date": "作成日",
        "profiles": {
            "physician": "医師",
            "clinical-specialist": "クリニカルスペシャリスト",
            "general": "一般",
        },
        "star_labels": {
            "situation": "背景",
            "task": "課題",
            "action": "施策",
            "result": "結果",
            "learning": "学び",
        },
        "star_prompts": {
            "situation": "いつ・どこで・どんな状況でしたか？（職場の規模、チームの構成、当時の状況）",
            "task": "このとき、あなたに任された役割や目標は何でしたか？",
            "action": "この施策で、あなた自身が担った役割は？「私は」で始めて、具体的な行動を書いてください。",
            "result": "結果を数字で示せますか？（前後の変化、件数、期間）",
            "learning": "この経験から学んだことと、応募先でどう活かすかを一文で書いてください。",
        },
        "p_metrics": "結果を数字で示せますか？ 例えば、{metrics}。記録の metrics に書き足すと、前後の変化や割合が計算されます。",
        "metrics_sep": "、",
        "intro_greeting": "{name}と申します。",
        "intro_result": (
            "実績の一つは「{summary}」で、{statement}。",
            "また、「{summary}」では、{statement}。",
            "さらに、「{summary}」では、{statement}。",
        ),
        "intro_skills": "得意とする分野は{skills}です。",
        "intro_closing": "本日はどうぞよろしくお願いいたします。",
        "intro_short": "目安の長さに足りません。専門分野、資格、代表的な症例や担当製品などを一言加えてください。",
        "intro_long": "目安より長めです。話すときは実績を一つに絞ってください。",
        "intro_length": "{count}字（目安 {low}〜{high}字・約1分）",
        "q_leaving": "なぜ転職（退職）を考えたのですか。",
        "h_leaving": "定着性（同じ理由でまた辞めないか）と、応募先でそれが解決するかを見ています。事実は短く、前職を批判せず、次に実現したいことへつなげます。",
        "p_leaving_missing": "退職理由を、前職への批判を含まない前向きな言葉で書き出してください（記録の leaving_reason に書くと、言い換えの候補が示されます）。",
        "p_leaving_nomatch": "この退職理由に合う言い換えがフレーズ集にありません。事実を短く前向きな言葉で書き直し、自分用のフレーズ集ファイル（--phrasebook）に項目を追加してください。",
        "p_leaving_long": "回答例は長めです。面接では応募先に最も関係する理由を一つか二つに絞り、30秒ほどで話せる長さにしてください。",
        "follow_up": "さらに聞かれたら：{text}",
        "q_why": "なぜ{employer}を志望したのですか。",
        "q_why_general": "なぜ当社（当院）を志望したのですか。",
        "employer_default": {"physician": "当院", "default": "当社"},
        "h_why": "志望度と、退職理由との一貫性を見ています。見学・説明会・ウェブサイトで知った応募先の具体的な特徴と、自分の経験を結びつけます。",
        "p_why_missing": "志望動機を書き出してください（記録の targets[].motivation）。応募先の具体的な特徴を一つ入れます。",
        "p_why_feature": "見学や説明会で知った、応募先ならではの特徴を一つ加えてください。",
        "q_strength": "あなたの強みを、具体的な数字とともに教えてください。",
        "h_strength": "即戦力かを見ています。数字のある実績を一つか二つ挙げ、応募先の仕事でどう活きるかまで話します。",
        "p_strength_missing": "数字で示せる実績がまだ記録にありません。件数・割合・期間など、強みを裏づける数字を実績（metrics）に加えてください。",
        "q_weakness": "あなたの弱みは何ですか。",
        "h_weakness": "自己理解と改善する力を見ています。仕事に支障が出るほどのものや、強みの言い換えにすぎないものは避けます。",
        "p_weakness": "弱みを一つ挙げ、それを補うために続けている具体的な行動とセットで書いてください。",
        "p_outline": "記録にまだ材料がありません。ねらいに沿って、話す要点を二つか三つ書き出してください。",
        "story_ref": "エピソード「{title}」— {figure}",
        "story_ref_bare": "エピソード「{title}」",
        "statement_sep": "／",
        "duty_sep": "、",
        "p_reworded": "この行は退職理由と同じ言葉を含むため表示していません。面接向けの言い方で書き直してください。",
        "list_sep": "、",
        "desired_none": "—",
        "range": "〜",
        "present": "現在",
    },
    "en": {
        "title": "Interview preparation sheet",
        "general": "General preparation",
        "date": "Prepared",
        "profiles": {
            "physician": "Physician",
            "clinical-specialist": "Clinical specialist",
            "general": "General",
        },
        "star_labels": {
            "situation": "Situation",
            "task": "Task",
            "action": "Action",
            "result": "Result",
            "learning": "Learning",
        },
        "star_prompts": {
            "situation": "When and where was this, and what was going on? (size of the site, team, starting point)",
            "task": "What were you asked to achieve, and what was your role?",
            "action": "What exactly did you do yourself? Start with “I”, not “we”.",
            "result": "Can you show the result with a figure? (before and after, counts, time span)",
            "learning": "What did you learn, and how would you use it in this new role?",
        },
        "p_metrics": "Can you show the result with a figure? For example: {metrics}. Add them to metrics in the record and the change is worked out for you.",
        "metrics_sep": "; ",
        "intro_greeting": "My name is {name}.",
        "intro_result": (
            "One result I am proud of: {summary_lc}. {statement}.",
            "I also {summary_lc}: {statement_lc}.",
            "In addition, I {summary_lc}: {statement_lc}.",
        ),
        # When the figure starts with the summary's own verb (Cut …, Cut …), say it once.
        "intro_result_verb": (
            "One result I am proud of: I {statement_lc}.",
            "I also {statement_lc}.",
            "In addition, I {statement_lc}.",
        ),
        "intro_skills": "My core skills are {skills}.",
        "intro_closing": "Thank you for the opportunity to speak with you today.",
        "intro_short": "This is shorter than a one-minute answer. Add a sentence on your specialty, a certification or a representative case.",
        "intro_long": "This runs longer than a minute. Keep one result when you say it aloud.",
        "intro_length": "{count} words (aim for {low}–{high}, about one minute)",
        "q_leaving": "Why are you leaving your current role?",
        "h_leaving": "Checks whether you would leave again for the same reason and whether this role solves it. Keep the facts short, blame no one, and move to what you want next.",
        "p_leaving_missing": "Write down why you are leaving, in positive words that do not criticise your employer (put it in leaving_reason in the record to get suggested wording).",
        "p_leaving_nomatch": "No phrasebook entry fits this reason. Rewrite it briefly and positively, and add an entry to your own phrasebook file (--phrasebook).",
        "p_leaving_long": "This answer is long. In the interview, keep the one or two reasons that matter most to this employer: about 30 seconds.",
        "follow_up": "If asked further: {text}",
        "q_why": "Why do you want to join {employer}?",
        "q_why_general": "Why do you want to join us?",
        "employer_default": {"physician": "us", "default": "us"},
        "h_why": "Checks motivation and that it fits your reason for leaving. Link one concrete feature of the employer to your experience.",
        "p_why_missing": "Write your motivation for this employer (targets[].motivation in the record), naming one concrete feature of theirs.",
        "p_why_feature": "Add one feature of this employer you learned from a visit, an event or their website.",
        "q_strength": "What are your strengths? Give figures.",
        "h_strength": "Checks what you bring from day one. Pick one or two results with figures and say how they apply here.",
        "p_strength_missing": "The record has no figures yet. Add counts, rates or time spans to your achievements (metrics).",
        "q_weakness": "What is your main weakness?",
        "h_weakness": "Checks self-awareness. Avoid anything that would stop you doing the job, and avoid a strength in disguise.",
        "p_weakness": "Name one weakness and the concrete habit you keep to manage it.",
        "p_outline": "Your record has nothing for this yet. Following the note above, jot down two or three points.",
        "story_ref": "Story: {title} — {figure}",
        "story_ref_bare": "Story: {title}",
        "statement_sep": "; ",
        "duty_sep": "; ",
        "p_reworded": "This line repeats words from your leaving reason and is hidden. Rewrite it in interview-ready words.",
        "list_sep": ", ",
        "desired_none": "—",
        "range": " – ",
        "present": "Present",
    },
}

INTRO_RANGE = {"ja": (250, 300), "en": (130, 160)}

# A sheet is read the evening before an interview: keep each part short enough to use.
BANK_LIMIT = 12  # bank questions after the four core ones, most important first
REVERSE_LIMIT = 8  # questions to ask the employer
FOLLOW_UP_LIMIT = 3  # "if asked further" notes under the leaving answer
LONG_ANSWER_SENTENCES = 4  # a longer leaving answer gets a note to shorten it when spoken

# Keys whose values are identifiers for programs, never shown on the page.
DATA_KEYS = frozenset({"doc", "lang", "profile", "id", "key", "path", "part", "kind", "target_id"})

_START_KEYS = ("start", "start_date")

# Parts of the sheet that keep the user's own words (see build_sheet).
_KEEP_WORDS = frozenset({"conditions"})


# ---------------------------------------------------------------- small helpers


def _line(text: str, prompt: bool = False) -> Line:
    return {"text": text, "prompt": prompt}


def _clean(text: str | None) -> str:
    """Collapse runs of whitespace (names, titles and statements keep their single spaces)."""
    if not text:
        return ""
    return " ".join(text.split())


_CJK = r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"


_FOLDED_SPACE = re.compile(rf"(?<={_CJK}) (?={_CJK})")


def _prose(text: str | None) -> str:
    """Running text: also drop the spaces YAML line folding leaves between Japanese characters."""
    cleaned = _clean(text)
    return _FOLDED_SPACE.sub("", cleaned) if " " in cleaned else cleaned


def _sentence(text: str, lang: str) -> str:
    text = _prose(text)
    if not text:
        return ""
    if lang == "ja":
        return text if text[-1] in "。！？!?」" else text + "。"
    return text if text[-1] in ".!?" else text + "."


def _length(text: str, lang: str) -> int:
    """Japanese counts characters (no spaces); English counts words."""
    if lang == "ja":
        return len(re.sub(r"\s", "", text))
    return len(text.split())


def _join_intro(parts: Sequence[str], lang: str) -> str:
    return ("" if lang == "ja" else " ").join(p for p in parts if p)


def _texts(lang: str) -> dict[str, Any]:
    if lang not in TEXTS:
        raise UsageError(f"no interview sheet wording for language `{lang}`", option="--lang")
    return TEXTS[lang]


def _fmt_date(d: PartialDate, record: Record, *, with_day: bool = False) -> str:
    if record.lang == "ja":
        return format_ja(d, record.options.era, with_day=with_day)
    return format_en(d, with_day=with_day)


def _period(p: Position, record: Record) -> str:
    t = _texts(record.lang)
    end = _fmt_date(p.end, record) if p.end else t["present"]
    return f"{_fmt_date(p.start, record)}{t['range']}{end}"


def _newest_first(record: Record) -> list[tuple[int, Position]]:
    """Positions with their record index, current and most recent first."""
    far = PartialDate(9999, 12)
    return sorted(
        enumerate(record.work),
        key=lambda ip: ((ip[1].end or far), ip[1].start),
        reverse=True,
    )


# ---------------------------------------------------------------- achievements


class _Story:
    """An achievement with where it happened, its statements and whether the target stresses it."""

    def __init__(
        self,
        path: str,
        position: Position,
        a: Achievement,
        lang: str,
        order: tuple[int, int, int],
    ):
        self.path = path
        self.position = position
        self.achievement = a
        self.statements = [_clean(s) for s in quantify_achievement(a, lang)]
        self.order = order  # (emphasis rank, position recency, index in the position)
        self.rank = order[0]  # index of the first matching emphasis tag; large when none
        star = a.star or Star()
        # What a question's focus words are matched against: the figures' names
        # count double, since a question about volume or rates wants the figure.
        self.figures = " ".join(m.name for m in a.metrics)
        self.words = " ".join(
            [a.summary, *a.tags] + [getattr(star, part) or "" for part in Star.PARTS]
        )

        self.folded_figures = casefold_nfkc(self.figures)
        self.folded_words = casefold_nfkc(self.words)

    def score(self, focus: Sequence[str], lang: str) -> int:
        total = 0
        for w in focus:
            f = casefold_nfkc(w)
            if _hit(self.folded_figures, f, lang):
                total += 2
            elif _hit(self.folded_words, f, lang):
                total += 1
        return total


def _stories(record: Record, target: Target | None) -> list[_Story]:
    """Every achievement, emphasised ones first (in the target's emphasis order), newest positions first."""
    emphasis = list(target.emphasis) if target else []
    out: list[_Story] = []
    for order, (i, pos) in enumerate(_newest_first(record)):
        for j, a in enumerate(pos.achievements):
            hits = [emphasis.index(t) for t in a.tags if t in emphasis]
            rank = min(hits) if hits else len(emphasis) + 1
            path = f"work[{i}].achievements[{j}]"
            out.append(_Story(path, pos, a, record.lang, (rank, order, j)))
    return sorted(out, key=lambda s: s.order)


def _strongest(stories: Sequence[_Story], n: int = 3) -> list[_Story]:
    """The quantified stories to lead with: emphasised first, then those with more figures."""
    quantified = [s for s in stories if s.statements]
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


def _fitting(items: Sequence[str], focus: Sequence[str], lang: str) -> list[str]:
    """The items a question is about: those naming a focus word (all when it has none)."""
    if not focus:
        return list(items)
    return [x for x in items if _hits(x, focus, lang)]


def _best_story(stories: Sequence[_Story], focus: Sequence[str], lang: str) -> _Story | None:
    """The story that answers a question: most focus words, else the strongest, else the first."""
    if focus:
        scored = [(s.score(focus, lang), s) for s in stories]
        best = max((n for n, _ in scored), default=0)
        if best:
            fits = [s for n, s in scored if n == best]
            return sorted(fits, key=lambda s: (s.rank, -len(s.statements), s.order))[0]
    strongest = _strongest(stories, 1)
    return strongest[0] if strongest else (stories[0] if stories else None)


def _metric_prompt(story: _Story, record: Record) -> Line | None:
    """For an achievement without figures: two or three metrics to add, from the catalogue."""
    t = _texts(record.lang)
    profile = load_catalogue(record.lang).for_profile(record.profile)
    hints = suggest_metrics(story.achievement, story.position, profile, record.lang)
    if not hints:
        return None
    names = t["metrics_sep"].join(h.describe(record.lang) for h in hints)
    return _line(t["p_metrics"].format(metrics=names), True)


def _star_block(story: _Story, record: Record, target: Target | None) -> dict[str, Any]:
    t = _texts(record.lang)
    star = story.achievement.star or Star()
    rows = []
    for part in Star.PARTS:
        given = _prose(getattr(star, part))
        lines = [_line(given)] if given else []
        if part == "result":
            lines += [_line(s) for s in story.statements]
            if not story.statements:
                suggestion = _metric_prompt(story, record)
                lines += [suggestion] if suggestion else []
        if not lines:
            lines = [_line(t["star_prompts"][part], True)]
        rows.append({"part": part, "label": t["star_labels"][part], "lines": lines})
    pos = story.position
    where = " ".join(x for x in (pos.organization, pos.department or "", pos.title or "") if x)
    emphasis = [tag for tag in story.achievement.tags if target and tag in target.emphasis]
    return {
        "path": story.path,
        "title": _prose(story.achievement.summary),
        "where": f"{where}（{_period(pos, record)}）"
        if record.lang == "ja"
        else f"{where} ({_period(pos, record)})",
        "tags": t["list_sep"].join(story.achievement.tags),
        "emphasised": bool(emphasis),
        "emphasis": t["list_sep"].join(emphasis),
        "rows": rows,
    }


# ---------------------------------------------------------------- self-introduction


def _spoken_ja(statement: str) -> str:
    """A figure as said aloud: 再発率: 12% → 4%（…） becomes 再発率が12%から4%になりました（…）."""
    change = re.match(r"^(.+?): (.+?) → (.+?)((?:（.*)?)$", statement)
    if change and "→" not in change.group(3):
        name, before, after, rest = change.groups()
        return f"{name}が{before}から{after}になりました{rest}"
    level = re.match(r"^(.+?): (.+)$", statement)
    if level and "→" not in level.group(2):
        return f"{level.group(1)}は{level.group(2)}です"
    return statement


def _intro_result(story: _Story, lang: str, n: int) -> str:
    t = _texts(lang)
    which = min(n, len(t["intro_result"]) - 1)
    summary = _prose(story.achievement.summary)
    statement = story.statements[0]
    if lang == "ja":
        ja_pattern: str = t["intro_result"][which]
        return ja_pattern.format(summary=summary, statement=_spoken_ja(statement))
    statement = statement.rstrip(".")
    first = summary.split()[:1]
    same_verb = (
        first
        and statement.split()[:1] == first
        and "team" not in statement.lower()  # "I" would claim a team's result
    )
    pattern: str = t["intro_result_verb" if same_verb else "intro_result"][which]
    return pattern.format(
        summary_lc=_lower_first(summary).rstrip("."),
        statement=statement,
        statement_lc=_lower_first(statement),
    )


def _and_list(items: Sequence[str], lang: str) -> str:
    if lang == "ja" or len(items) < 2:
        return "、".join(items) if lang == "ja" else "".join(items)
    return ", ".join(items[:-1]) + (", and " if len(items) > 2 else " and ") + items[-1]


def _lower_first(text: str) -> str:
    """Lower-case a sentence's first letter unless it starts an acronym (MSL, ICU)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _figures_said(text: str, said: str) -> bool:
    """True when *text* has figures and every one of them is already in *said*."""
    numbers = re.findall(r"\d[\d,.]*\d|\d", text)
    return bool(numbers) and all(n in said for n in numbers)


def _intro(record: Record, target: Target | None, stories: Sequence[_Story]) -> dict[str, Any]:
    """About one minute, built in a fixed order from the record's own sentences.

    Parts are added by priority (results, motivation, skills, self-PR) while
    the text stays inside the target length, then put back in speaking order.
    A part may offer shorter forms (fewer skills); a self-PR that only repeats
    figures already said is left out.
    """
    lang = record.lang
    t = _texts(lang)
    low, high = INTRO_RANGE[lang]
    greeting = t["intro_greeting"].format(name=_clean(record.person.name))
    closing = t["intro_closing"]
    slots: dict[str, str] = {"summary": _sentence(record.summary or "", lang)}
    strongest = _strongest(stories, len(t["intro_result"]))
    results = [_intro_result(s, lang, n) for n, s in enumerate(strongest)]
    candidates: list[tuple[str, list[str]]] = []
    if results:
        candidates.append(("result0", [results[0]]))
    if target and target.motivation:
        candidates.append(("motivation", [_sentence(target.motivation, lang)]))
    candidates += [(f"result{i}", [r]) for i, r in enumerate(results[1:], start=1)]
    if record.skills:
        skills = [_clean(s) for s in record.skills[:3]]
        candidates.append(
            (
                "skills",
                [
                    t["intro_skills"].format(skills=_and_list(skills[:n], lang))
                    for n in range(len(skills), 0, -1)
                ],
            )
        )
    if record.self_pr:
        candidates.append(("self_pr", [_sentence(record.self_pr, lang)]))
    order = ["summary", "result0", "result1", "result2", "skills", "self_pr", "motivation"]

    def assemble(chosen: dict[str, str]) -> str:
        return _join_intro([greeting, *(chosen.get(k, "") for k in order), closing], lang)

    for key, options in candidates:
        if key == "self_pr" and _figures_said(options[0], assemble(slots)):
            continue
        for text in options:
            trial = {**slots, key: text}
            if _length(assemble(trial), lang) <= high:
                slots = trial
                break
    text = assemble(slots)
    count = _length(text, lang)
    lines = [_line(text)]
    if count < low:
        lines.append(_line(t["intro_short"], True))
    elif count > high:
        lines.append(_line(t["intro_long"], True))
    return {
        "text": text,
        "lines": lines,
        "length": t["intro_length"].format(count=count, low=low, high=high),
        "count": count,
    }


# ---------------------------------------------------------------- likely questions


def _leaving_position(record: Record) -> Position | None:
    """The current position (newest if several), else the one left last."""
    ordered = _newest_first(record)
    return ordered[0][1] if ordered else None


def _slots(record: Record, target: Target | None) -> dict[str, str]:
    return slots_from(
        role=target.role if target else None,
        employer=target.employer if target else None,
        desired=record.desired,
    )


def _leaving(
    record: Record, target: Target | None, book: Phrasebook | None
) -> tuple[dict[str, Any], Rephrasing | None]:
    t = _texts(record.lang)
    q = {"id": "leaving_reason", "kind": "core", "question": t["q_leaving"], "hint": t["h_leaving"]}
    pos = _leaving_position(record)
    if pos is None or not _clean(pos.leaving_reason):
        return {**q, "lines": [_line(t["p_leaving_missing"], True)]}, None
    r = rephrase(
        _prose(pos.leaving_reason),
        lang=record.lang,
        profile=record.profile,
        book=book,
        slots=_slots(record, target),
    )
    answer = r.long or r.rephrased
    if not answer:
        return {**q, "lines": [_line(t["p_leaving_nomatch"], True)]}, r
    lines = [_line(answer)]
    sentences = [x for x in re.split(r"(?<=[。！？])|(?<=[.!?])\s+", answer) if x.strip()]
    if len(sentences) > LONG_ANSWER_SENTENCES:
        lines.append(_line(t["p_leaving_long"], True))
    lines += [_line(t["follow_up"].format(text=f), True) for f in r.follow_up[:FOLLOW_UP_LIMIT]]
    return {**q, "lines": lines}, r


def _why_employer(record: Record, target: Target | None) -> dict[str, Any]:
    t = _texts(record.lang)
    if target and target.employer:
        question = t["q_why"].format(employer=_clean(target.employer))
    else:
        question = t["q_why_general"]
    if target and target.motivation:
        lines = [_line(_sentence(target.motivation, record.lang)), _line(t["p_why_feature"], True)]
    else:
        lines = [_line(t["p_why_missing"], True)]
    return {
        "id": "why_employer",
        "kind": "core",
        "question": question,
        "hint": t["h_why"],
        "lines": lines,
    }


def _achievement_line(story: _Story, lang: str) -> str:
    """An achievement with all its figures: 「要約」— 数字／数字 · Summary — figure; figure."""
    t = _texts(lang)
    title = _prose(story.achievement.summary)
    figures = t["statement_sep"].join(
        s if lang == "ja" else _lower_first(s).rstrip(".") for s in story.statements
    )
    return f"「{title}」— {figures}" if lang == "ja" else f"{title} — {figures}"


def _story_ref(story: _Story, lang: str) -> str:
    """A pointer to a STAR story with its leading figure, for a question's answer outline."""
    t = _texts(lang)
    title = _prose(story.achievement.summary)
    bare: str = t["story_ref_bare"]
    if not story.statements:
        return bare.format(title=title)
    figure = story.statements[0] if lang == "ja" else _lower_first(story.statements[0])
    ref: str = t["story_ref"]
    return ref.format(title=title, figure=figure)


def _strengths(record: Record, stories: Sequence[_Story]) -> dict[str, Any]:
    t = _texts(record.lang)
    # The hint asks for one or two results: more would be read out as a list.
    lines = [_line(_achievement_line(s, record.lang)) for s in _strongest(stories, 2)]
    if record.self_pr:
        lines.append(_line(_sentence(record.self_pr, record.lang)))
    if not any(s.statements for s in stories):
        lines.append(_line(t["p_strength_missing"], True))
    return {
        "id": "strengths",
        "kind": "core",
        "question": t["q_strength"],
        "hint": t["h_strength"],
        "lines": lines,
    }


def _weakness(record: Record) -> dict[str, Any]:
    t = _texts(record.lang)
    return {
        "id": "weakness",
        "kind": "core",
        "question": t["q_weakness"],
        "hint": t["h_weakness"],
        "lines": [_line(t["p_weakness"], True)],
    }


def _outline(
    q: Question,
    record: Record,
    target: Target | None,
    stories: Sequence[_Story],
    bank: QuestionBank,
) -> list[Line]:
    """Answer material drawn from the record fields a question names (a few items each).

    A question's ``focus`` words pick the fitting duties, skills, licences,
    memberships and stories, so that each question points at its own material
    instead of every question repeating the same list.
    """
    lang = record.lang
    t = _texts(lang)
    sep = t["list_sep"]
    current = _leaving_position(record)
    focus = q.focus
    out: list[str] = []

    def pick(items: Sequence[str], n: int, *, last: bool = False, joiner: str = sep) -> list[str]:
        fits = _fitting([_clean(x) for x in items], focus, lang)
        chosen = fits[-n:] if last else fits[:n]
        return [joiner.join(chosen)] if chosen else []

    def metric_names() -> list[str]:
        names = [_clean(m.name) for s in stories for m in s.achievement.metrics]
        return pick(list(dict.fromkeys(names)), 6)

    def story() -> list[str]:
        best = _best_story(stories, focus, lang)
        return [_story_ref(best, lang)] if best else []

    sources: dict[str, Callable[[], list[str]]] = {
        "summary": lambda: [_sentence(record.summary or "", lang)],
        "self_pr": lambda: [_sentence(record.self_pr or "", lang)],
        "skills": lambda: pick(record.skills, 4),
        "licenses": lambda: pick([x.name for x in record.licenses], 5, last=True),
        "memberships": lambda: pick(record.memberships, 4),
        "publications": lambda: [_clean(p) for p in record.publications[:2]],
        "achievements": story,
        "metrics": metric_names,
        "duties": lambda: pick(current.duties if current else (), 3, joiner=t["duty_sep"]),
        "work": lambda: [  # oldest first, as the hint asks the story to be told
            f"{_period(p, record)} {_clean(p.organization)} {_clean(p.title)}".strip()
            for _, p in reversed(_newest_first(record)[:4])
        ],
        "education": lambda: [
            f"{_fmt_date(e.date, record)} {_clean(e.school)} {_clean(e.event)}"
            for e in record.education[-1:]
        ],
        "motivation": lambda: [_sentence(target.motivation or "", lang)] if target else [],
        "desired": lambda: [
            f"{_condition_label(k, bank)}{'：' if lang == 'ja' else ': '}{_desired_value(k, v, record)}"
            for k, v in _desired_for(q, record, bank)[:4]
        ],
    }
    for use in q.uses:
        for item in sources[use]():
            if item and item not in out:
                out.append(item)
    return [_line(x) for x in out]


def _bank_questions(
    record: Record,
    target: Target | None,
    stories: Sequence[_Story],
    bank: QuestionBank,
    roles: Sequence[str],
) -> list[dict[str, Any]]:
    t = _texts(record.lang)
    out = []
    for q in bank.select_questions(record.profile, roles, BANK_LIMIT):
        lines = _outline(q, record, target, stories, bank) or [
            _line(q.prompt or t["p_outline"], True)
        ]
        out.append(_bank_entry(q, lines, bank))
    return out


def _desired_for(q: Question, record: Record, bank: QuestionBank) -> list[tuple[str, str]]:
    """The record's wishes a question is about (all of them when it names none)."""
    items = list(record.desired.items())
    if not q.desired:
        return items

    def canonical(key: str) -> str:
        c = bank.condition_for(key)
        return c.key if c else key

    wanted = {canonical(k) for k in q.desired}
    return [(k, v) for k, v in items if canonical(k) in wanted]


def _bank_entry(q: Question, lines: list[Line], bank: QuestionBank) -> dict[str, Any]:
    return {
        "id": q.id,
        "kind": "bank",
        "question": q.text,
        "hint": q.hint,
        "roles": [bank.role_label(r) for r in q.roles],
        "lines": lines,
    }


# ---------------------------------------------------------------- conditions


def _condition_label(key: str, bank: QuestionBank) -> str:
    c = bank.condition_for(key)
    return c.label if c else key


def _desired_value(key: str, value: str, record: Record) -> str:
    """A start date typed as ``2026-04`` is shown as the documents show dates."""
    text = _clean(value)
    if key in _START_KEYS:
        try:
            return _fmt_date(parse_date(text), record)
        except (DateError, ValueError):
            return text
    return text


def _conditions(record: Record, bank: QuestionBank) -> list[dict[str, Any]]:
    """The record's wishes first, then rows the profile should confirm even when unstated."""
    t = _texts(record.lang)
    rows = []
    seen: set[str] = set()
    for key, value in record.desired.items():
        c = bank.condition_for(key)
        seen.add(c.key if c else key)
        rows.append(
            {
                "key": key,
                "label": c.label if c else key,
                "desired": _desired_value(key, value, record),
                "offered": "",
                "agreed": "",
                "confirm": c.confirm if c else "",
            }
        )
    for c in bank.conditions:
        if record.profile in c.suggest_for and c.key not in seen:
            rows.append(
                {
                    "key": c.key,
                    "label": c.label,
                    "desired": t["desired_none"],
                    "offered": "",
                    "agreed": "",
                    "confirm": c.confirm,
                }
            )
    return rows


# ---------------------------------------------------------------- the neutral-wording pass


class _Neutraliser:
    """Replaces the leaving reason's trigger words everywhere on the sheet.

    A trigger found in a string is replaced by the bank's neutral term (for
    the trigger itself, or for the terms inside a longer trigger phrase). A
    string still holding a trigger afterwards is replaced by a prompt to
    reword it, so the raw complaint never reaches the page.
    """

    def __init__(self, triggers: Sequence[str], bank: QuestionBank, lang: str):
        self.lang = lang
        self.notice = _texts(lang)["p_reworded"]
        terms = sorted(bank.neutral_terms, key=lambda n: -len(n.term))
        self.neutral = {casefold_nfkc(n.term): n.neutral for n in terms}
        self.term_re = (
            re.compile("|".join(_flex(n.term) for n in terms), re.IGNORECASE) if terms else None
        )
        words = sorted({w for w in triggers if casefold_nfkc(w)}, key=len, reverse=True)
        self.triggers = [(w, re.compile(_flex(w), re.IGNORECASE)) for w in words]
        self.folded_triggers = [casefold_nfkc(w) for w in words]
        # One alternation answers "is any trigger here at all?" for most strings.
        self.any_trigger = (
            re.compile("|".join(_flex(w) for w in words), re.IGNORECASE) if words else None
        )
        # Kept across the sheets that share this neutraliser (see _neutraliser):
        # bank questions, hints and fixed wording recur on every one of them.
        self.seen: dict[str, str | None] = {}

    def _replacement(self, found: str) -> str | None:
        exact = self.neutral.get(casefold_nfkc(found))
        if exact is None and self.term_re is not None:
            swapped = self.term_re.sub(
                lambda m: self.neutral.get(casefold_nfkc(m.group(0)), m.group(0)), found
            )
            exact = swapped if swapped != found else None
        if exact is None:
            return None
        if found[:1].isupper():
            exact = exact[:1].upper() + exact[1:]
        return exact

    def text(self, s: str) -> str | None:
        """*s* in neutral words, or None when a trigger cannot be replaced."""
        seen = self.seen
        if s in seen:
            return seen[s]
        if len(seen) >= _SEEN_LIMIT:  # record texts differ sheet to sheet: stay bounded
            seen.clear()
        fixed = seen[s] = self._neutral(s)
        return fixed

    def _neutral(self, s: str) -> str | None:
        folded = casefold_nfkc(s)
        if (self.any_trigger is None or not self.any_trigger.search(s)) and not any(
            t in folded for t in self.folded_triggers
        ):
            return s
        for _, rx in self.triggers:
            failed = False

            def swap(m: re.Match[str]) -> str:
                nonlocal failed
                rep = self._replacement(m.group(0))
                if rep is None:
                    failed = True
                    return m.group(0)
                return rep

            s = rx.sub(swap, s)
            if failed:
                return None
        folded = casefold_nfkc(s)
        if any(t in folded for t in self.folded_triggers):
            return None
        return s

    def walk(self, value: Any, skip: frozenset[str] = frozenset()) -> Any:
        """A copy of *value* in neutral words; top-level keys in *skip* are left out."""
        if not self.triggers:
            return value
        if isinstance(value, dict) and skip:
            return {
                k: v if k in DATA_KEYS else self._walk(v) for k, v in value.items() if k not in skip
            }
        return self._walk(value)

    def _str(self, s: str) -> str:
        fixed = self.text(s)
        return fixed if fixed is not None else self.notice

    def _walk(self, value: Any) -> Any:
        if type(value) is str:
            return self._str(value)
        if isinstance(value, list):
            return [self._str(v) if type(v) is str else self._walk(v) for v in value]
        if isinstance(value, dict):
            if len(value) == 2 and "text" in value and "prompt" in value:
                text = value["text"]
                if isinstance(text, str):
                    fixed = self.text(text)
                    if fixed is None:
                        return _line(self.notice, True)
                    return {"text": fixed, "prompt": value["prompt"]}
            return {k: v if k in DATA_KEYS else self._walk(v) for k, v in value.items()}
        if isinstance(value, str):
            fixed = self.text(value)
            return fixed if fixed is not None else self.notice
        return value


_SEEN_LIMIT = 4096  # neutral forms kept per neutraliser


_NEUTRALISERS: dict[tuple[tuple[str, ...], str, int], tuple[QuestionBank, _Neutraliser]] = {}
_NEUTRALISER_LIMIT = 32


def _neutraliser(triggers: tuple[str, ...], bank: QuestionBank, lang: str) -> _Neutraliser:
    """One neutraliser per trigger set and bank, reused by every sheet that shares them.

    A leaving reason's triggers are the same on each of its applications'
    sheets, and the bank's questions, hints and checklist the same on every
    sheet of a language, so their neutral forms are worked out once. Banks
    are told apart by identity (hashing one would cost more than it saves);
    the entry holds the bank, so its id cannot be reused while cached.
    """
    key = (triggers, lang, id(bank))
    entry = _NEUTRALISERS.get(key)
    if entry is None or entry[0] is not bank:
        if len(_NEUTRALISERS) >= _NEUTRALISER_LIMIT:
            _NEUTRALISERS.clear()
        entry = _NEUTRALISERS[key] = (bank, _Neutraliser(triggers, bank, lang))
    return entry[1]


def _flex(word: str) -> str:
    """A pattern for *word* that tolerates space/hyphen variants (on-call, on call)."""
    parts = [re.escape(p) for p in re.split(r"[\s\-]+", word.strip()) if p]
    return r"[\s\-]*".join(parts)


# ---------------------------------------------------------------- public API


def build_sheet(
    record: Record,
    target: Target | None,
    *,
    today: date | None = None,
    book: Phrasebook | None = None,
    bank: QuestionBank | None = None,
) -> dict[str, Any]:
    """The interview sheet for one application (or a general one when *target* is None)."""
    lang = record.lang
    t = _texts(lang)
    bank = bank or load_question_bank(lang)
    try:
        on = record.date_of_record(today)
    except ValueError:
        raise UsageError("the record has no as_of date; pass today", option="--today") from None
    stories = _stories(record, target)
    roles = bank.detect_roles(target.role if target else None)
    leaving, rephrasing = _leaving(record, target, book)
    questions = [
        leaving,
        _why_employer(record, target),
        _strengths(record, stories),
        _weakness(record),
        *_bank_questions(record, target, stories, bank, roles),
    ]
    for n, q in enumerate(questions, start=1):
        q["number"] = n
    sheet = {
        "doc": "interview",
        "lang": lang,
        "title": t["title"],
        "name": _clean(record.person.name),
        "date": _fmt_date(PartialDate(on.year, on.month, on.day), record, with_day=True),
        "date_label": t["date"],
        "profile": record.profile,
        "profile_label": t["profiles"][record.profile],
        "application": _application(record, target, bank, roles),
        "intro": _intro(record, target, stories),
        "stories": [_star_block(s, record, target) for s in stories],
        "questions": questions,
        "reverse_questions": [
            {"id": q.id, "text": q.text}
            for q in bank.reverse_for(record.profile, roles)[:REVERSE_LIMIT]
        ],
        "conditions": _conditions(record, bank),
        "checklist": [
            {"id": c.id, "text": c.text, "hint": c.hint} for c in bank.checklist_for(record.profile)
        ],
    }
    triggers = [m.trigger for m in rephrasing.matches] if rephrasing else []
    # The conditions table holds the user's own terms to negotiate under the
    # standard labels (当直 月2回まで, オンコール なし): facts to confirm with the
    # employer, not a reason for leaving, so they keep their words. Every other
    # part of the sheet is kept free of the leaving reason's trigger words.
    if not triggers:
        return sheet
    neutral: dict[str, Any] = _neutraliser(tuple(triggers), bank, lang).walk(
        sheet, skip=_KEEP_WORDS
    )
    # Put back in place so that the keys keep the order the template (and JSON) sees.
    return {k: sheet[k] if k in _KEEP_WORDS else neutral[k] for k in sheet}


def _application(
    record: Record, target: Target | None, bank: QuestionBank, roles: Sequence[str]
) -> dict[str, Any]:
    t = _texts(record.lang)
    sep = t["list_sep"]
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
    employer, role = _clean(target.employer), _clean(target.role)
    joiner = " " if record.lang == "ja" else " – "
    heading = joiner.join(x for x in (employer, role) if x) or _clean(target.id)
    return {
        "general": False,
        "target_id": target.id,
        "heading": heading,
        "employer": employer,
        "role": role,
        "emphasis": sep.join(_clean(e) for e in target.emphasis),
        "role_families": sep.join(bank.role_label(r) for r in roles),
    }


def build_sheets(
    record: Record,
    *,
    target_id: str | None = None,
    today: date | None = None,
    book: Phrasebook | None = None,
    bank: QuestionBank | None = None,
) -> list[dict[str, Any]]:
    """Sheets for *target_id*, else one per target in the record, else one general sheet."""
    bank = bank or load_question_bank(record.lang)
    if target_id is not None:
        target = record.target(target_id)
        if target is None:
            known = ", ".join(t.id for t in record.targets) or "none"
            raise UsageError(
                f"unknown target `{target_id}`; this record's targets: {known}", option="--target"
            )
        return [build_sheet(record, target, today=today, book=book, bank=bank)]
    targets: list[Target | None] = list(record.targets) or [None]
    return [build_sheet(record, t, today=today, book=book, bank=bank) for t in targets]


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
