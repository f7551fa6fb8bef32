"""How well leaving reasons are filed: held-out rates and cross-validation of the classifier.

    .venv/bin/python benchmarks/rephrase_eval.py                  # sealed held-out sets
    .venv/bin/python benchmarks/rephrase_eval.py --cv 5           # k-fold on the examples
    .venv/bin/python benchmarks/rephrase_eval.py --cv 5 --margin en=6,1 --margin en=9,1.5
    .venv/bin/python benchmarks/rephrase_eval.py --file new.yaml --lang en [--show]

A line counts as *exact* when the categories of its matches are exactly the
expected set (and a plain fact is marked ``keep_as_is``), and as *right* when
at least one match was found and every matched category is expected (a
second reason missed, nothing wrong said). Neutral lines (``expect: []``)
count as false positives when anything matches them.

``--cv K`` splits the bundled examples into K folds; each fold is rephrased
with a classifier learnt from the other folds (the phrasebooks' other tiers
stay as they are, and were tuned on part of these lines, so the rates are
optimistic for text like the examples). It is how the classifier's margins
in ``resumegen/enrich/classify.py`` were chosen: each margin trades matched
reasons for fewer answers to text that is no reason.

The held-out sets in ``tests/data`` are sealed: this script prints their
rates, never their lines. ``--show`` prints the misses of a ``--file`` only.

Answer quality is judged by a person (or a helper) who has not seen the
phrasebooks, on answers the tool wrote for a sealed set:

    .venv/bin/python benchmarks/rephrase_eval.py --answers SET.yaml --lang ja --out answers.yaml
    (the judge writes judged.yaml: one item per answer, see JUDGED_KEYS)
    .venv/bin/python benchmarks/rephrase_eval.py --judged answers.yaml judged.yaml

``--speed`` prints the median time of a warm ``rephrase()`` over the bundled
held-out lines.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from resumegen.enrich import classify  # noqa: E402
from resumegen.enrich.rephrase import rephrase  # noqa: E402
from resumegen.resources.phrasebook import Phrasebook  # noqa: E402
from resumegen.resources.phrasebook_load import parse_bundled  # noqa: E402


@dataclass
class Line:
    text: str
    profile: str
    expect: frozenset[str]


@dataclass
class Score:
    complaints: int = 0
    exact: int = 0
    right: int = 0
    neutral: int = 0
    false_positives: int = 0

    def line(self, name: str) -> str:
        n = max(self.complaints, 1)
        return (
            f"{name}: exact {self.exact}/{self.complaints} ({self.exact / n:.0%}), "
            f"right {self.right}/{self.complaints} ({self.right / n:.0%}), "
            f"neutral matched {self.false_positives}/{self.neutral}"
        )


def read_lines(path: Path) -> list[Line]:
    data = YAML(typ="safe").load(path.read_text("utf-8"))
    return [Line(d["text"], d["profile"], frozenset(d["expect"])) for d in data]


def score(
    lines: Iterable[Line], lang: str, book: Phrasebook | None = None, show: bool = False
) -> Score:
    s = Score()
    for line in lines:
        r = rephrase(line.text, lang=lang, profile=line.profile, book=book)
        got = {m.category for m in r.matches}
        if not line.expect:
            s.neutral += 1
            s.false_positives += bool(got)
            if show and got:
                print(f"  neutral matched: {line.text!r} -> {sorted(got)}")
            continue
        s.complaints += 1
        exact = got == line.expect and r.keep_as_is is (line.expect == {"keep"})
        s.exact += exact
        s.right += bool(got) and got <= line.expect
        if show and not exact:
            found = ", ".join(f"{m.id}({m.category})@{m.trigger}" for m in r.matches) or "nothing"
            print(f"  {line.text!r}: want {sorted(line.expect)}, got {found}")
    return s


def cross_validate(lang: str, folds: int, seed: int = 7) -> Score:
    book = parse_bundled(lang)
    examples = list(book.examples)
    random.Random(seed).shuffle(examples)
    total = Score()
    for i in range(folds):
        train = tuple(e for j in range(folds) if j != i for e in examples[j::folds])
        held = dataclasses.replace(book, examples=train, model=None)
        lines = [
            Line(e.text, e.profile or "general", frozenset(e.categories))
            for e in examples[i::folds]
        ]
        part = score(lines, lang, held)
        for f in dataclasses.fields(Score):
            setattr(total, f.name, getattr(total, f.name) + getattr(part, f.name))
    return total


def _margins(values: Sequence[str]) -> list[tuple[str, float, float]]:
    out = []
    for value in values:
        lang, _, numbers = value.partition("=")
        margin, _, runner = numbers.partition(",")
        out.append((lang, float(margin), float(runner or classify.RUNNER_UP[lang])))
    return out


#: What a judge says of each answer to a leaving reason (true / false).
JUDGED_KEYS = ("category", "honest", "positive", "natural", "specific", "usable")


def write_answers(path: Path, lang: str, out: Path) -> None:
    """The tool's answers to every line of a sealed set, for a judge to read."""
    from resumegen.enrich.rephrase import Grounding, rephrase

    items = []
    for i, line in enumerate(YAML(typ="safe").load(path.read_text("utf-8"))):
        target = line.get("target") or {}
        grounding = Grounding.of_target(target)
        r = rephrase(line["text"], lang=lang, profile=line.get("profile"), grounding=grounding)
        items.append(
            {
                "id": i,
                "text": line["text"],
                "profile": r.profile,
                "target": target or None,
                "reason": r.reason,
                "short": r.rephrased,
                "long": r.long,
                "follow_up": list(r.follow_up),
                "conflicts": [c.message for c in r.conflicts],
                "categories": sorted({m.category for m in r.matches}),
            }
        )
    yaml = YAML()
    yaml.width = 4096
    with out.open("w", encoding="utf-8") as f:
        yaml.dump(items, f)


def judged_rates(answers: Path, judged: Path, truth: Path | None = None) -> str:
    """The rates of a judged answer file: each point over the answered reasons, and
    how many non-reasons (``non_reason: true`` in the set) got no answer."""
    load = YAML(typ="safe").load
    said = {a["id"]: a for a in load(answers.read_text("utf-8"))}
    marks = load(judged.read_text("utf-8"))
    lines = load(truth.read_text("utf-8")) if truth else None
    out = []
    if lines is not None:
        non = [i for i, line in enumerate(lines) if line.get("non_reason")]
        refused = sum(1 for i in non if said[i]["long"] is None)
        out.append(f"non-reasons refused {refused}/{len(non)} ({refused / max(len(non), 1):.0%})")
        reasons = [i for i, line in enumerate(lines) if not line.get("non_reason")]
        answered = sum(1 for i in reasons if said[i]["long"] is not None)
        out.append(f"reasons answered {answered}/{len(reasons)}")
    judged_reasons = [m for m in marks if not (lines and lines[m["id"]].get("non_reason"))]
    n = max(len(judged_reasons), 1)
    for key in JUDGED_KEYS:
        yes = sum(1 for m in judged_reasons if m.get(key))
        out.append(f"{key} {yes}/{len(judged_reasons)} ({yes / n:.0%})")
    return "; ".join(out)


def dev_rates(path: Path, lang: str, show: bool = False) -> str:
    """Next-step and fact recall on a development set (``next_steps`` with the expected
    ``step``; ``facts`` with the expected entry and whether it is still to come)."""
    from resumegen.enrich.answer_rules import answer_rules
    from resumegen.enrich.next_step import find_next_step

    data = YAML(typ="safe").load(path.read_text("utf-8"))
    rules = answer_rules(lang)
    found = 0
    steps = data.get("next_steps") or []
    for item in steps:
        step = find_next_step(item["text"], rules)
        hit = step is not None and (item["step"] in step.quoted or step.quoted in item["step"])
        found += hit
        if show and not hit:
            print(f"  step: {item['text']!r} want {item['step']!r}, got {step and step.quoted!r}")
    facts = data.get("facts") or []
    right = timed = 0
    for item in facts:
        r = rephrase(item["text"], lang=lang)
        lead = r.matches[0] if r.matches and r.matches[0].category == "keep" else None
        ok = lead is not None and any(m.id == item["fact"] for m in r.matches)
        right += ok
        timed += (
            ok
            and lead is not None
            and any(
                m.upcoming == bool(item.get("upcoming")) for m in r.matches if m.id == item["fact"]
            )
        )
        if show and not ok:
            got = [m.id for m in r.matches]
            print(f"  fact: {item['text']!r} want {item['fact']}, got {got}")
    return (
        f"next steps found {found}/{len(steps)}; facts named {right}/{len(facts)}, "
        f"with the right time {timed}/{len(facts)}"
    )


def speed() -> str:
    """Median and 95th percentile of a warm rephrase() over the bundled held-out lines."""
    import statistics
    import time

    times = []
    for path in sorted((ROOT / "tests" / "data").glob("leaving-reasons-*.yaml")):
        lang = path.stem.rsplit("-", 1)[1]
        for line in read_lines(path):
            rephrase(line.text, lang=lang, profile=line.profile)  # warm: books, patterns
            start = time.perf_counter()
            rephrase(line.text + " ", lang=lang, profile=line.profile)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    return f"warm rephrase(): median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, n={len(times)}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cv", type=int, metavar="K", help="k-fold cross-validation on the examples")
    ap.add_argument("--margin", action="append", default=[], metavar="LANG=M[,R]")
    ap.add_argument("--file", type=Path, help="a labelled file in the tests/data format")
    ap.add_argument("--lang", choices=("ja", "en"))
    ap.add_argument("--show", action="store_true", help="print the misses of --file")
    ap.add_argument("--answers", type=Path, metavar="SET", help="write the answers to a sealed set")
    ap.add_argument("--out", type=Path, help="where --answers writes")
    ap.add_argument(
        "--judged",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="ANSWERS JUDGED [SET]: print the rates",
    )
    ap.add_argument("--speed", action="store_true", help="time a warm rephrase()")
    ap.add_argument(
        "--dev", type=Path, metavar="FILE", help="next-step and fact recall on a dev set"
    )
    args = ap.parse_args()
    if args.speed:
        print(speed())
        return 0
    if args.dev:
        if not args.lang:
            ap.error("--dev needs --lang")
        print(dev_rates(args.dev, args.lang, show=args.show))
        return 0
    if args.answers:
        if not args.lang or not args.out:
            ap.error("--answers needs --lang and --out")
        write_answers(args.answers, args.lang, args.out)
        return 0
    if args.judged:
        if len(args.judged) not in (2, 3):
            ap.error("--judged takes ANSWERS JUDGED [SET]")
        print(judged_rates(*args.judged))
        return 0
    if args.file:
        if not args.lang:
            ap.error("--file needs --lang")
        print(score(read_lines(args.file), args.lang, show=args.show).line(args.file.name))
        return 0
    if args.cv:
        settings = _margins(args.margin) or [
            (lang, classify.MARGIN[lang], classify.RUNNER_UP[lang]) for lang in ("ja", "en")
        ]
        for lang, margin, runner in settings:
            classify.MARGIN[lang], classify.RUNNER_UP[lang] = margin, runner
            print(
                cross_validate(lang, args.cv).line(
                    f"{lang} {args.cv}-fold, margin {margin}/{runner}"
                )
            )
        return 0
    for path in sorted((ROOT / "tests" / "data").glob("leaving-reasons-heldout*-*.yaml")):
        lang = path.stem.rsplit("-", 1)[1]
        print(score(read_lines(path), lang).line(path.name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
