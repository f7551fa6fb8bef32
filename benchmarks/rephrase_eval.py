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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cv", type=int, metavar="K", help="k-fold cross-validation on the examples")
    ap.add_argument("--margin", action="append", default=[], metavar="LANG=M[,R]")
    ap.add_argument("--file", type=Path, help="a labelled file in the tests/data format")
    ap.add_argument("--lang", choices=("ja", "en"))
    ap.add_argument("--show", action="store_true", help="print the misses of --file")
    args = ap.parse_args()
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
