"""The examples' classifier (the last tier), ``examples:`` in phrasebooks, feared facts,
and praise that keeps a trigger word from being a complaint."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumegen.enrich.classify import Classifier, Example, features
from resumegen.enrich.fold import fold
from resumegen.enrich.rephrase import rephrase
from resumegen.errors import RecordError
from resumegen.resources.phrasebook_load import (
    bundled_phrasebook,
    load_phrasebook_parts,
    load_phrasebooks,
)

# ---------------------------------------------------------------- the model


def _toy(lang: str) -> Classifier:
    """Three examples a category and three that are no reason, in made-up but regular words."""
    rows = {
        "en": [
            ("the rota is brutal and the rota never ends", ("conditions",)),
            ("brutal rota again this month", ("conditions",)),
            ("another brutal rota week", ("conditions",)),
            ("my manager sneers at everyone", ("people",)),
            ("the manager sneers in meetings", ("people",)),
            ("sneers from my manager daily", ("people",)),
            ("I like the view from the office", ()),
            ("the office view is lovely", ()),
            ("lovely view from my office", ()),
        ],
        "ja": [
            ("当番表がきつすぎる", ("conditions",)),
            ("今月も当番表がきつい", ("conditions",)),
            ("当番表がきつくて眠れない", ("conditions",)),
            ("課長がいつも冷笑する", ("people",)),
            ("会議で課長が冷笑する", ("people",)),
            ("課長の冷笑がつらい", ("people",)),
            ("窓からの景色が好きです", ()),
            ("景色の良い職場です", ()),
            ("職場の窓の景色が良い", ()),
        ],
    }[lang]
    return Classifier.train([Example(t, c) for t, c in rows], lang)


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        ("en", "that brutal rota", "conditions"),
        ("en", "he sneers, my manager", "people"),
        ("ja", "当番表がきついです", "conditions"),
        ("ja", "課長がまた冷笑する", "people"),
    ],
)
def test_guess_files_text_like_its_examples(lang: str, text: str, category: str) -> None:
    model = _toy(lang)
    assert model.guess(fold(text, lang)) == category


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "a lovely view from the office"), ("ja", "窓からの景色が良い職場")],
)
def test_guess_leaves_text_like_the_non_reasons_alone(lang: str, text: str) -> None:
    assert _toy(lang).guess(fold(text, lang)) is None


def test_a_category_not_allowed_is_never_answered() -> None:
    model = _toy("en")
    assert model.guess(fold("that brutal rota", "en"), ("people",)) is None


def test_a_model_without_examples_guesses_nothing() -> None:
    assert Classifier.train([], "en").guess("anything at all") is None


def test_evidence_points_at_the_words_that_decided() -> None:
    model = _toy("en")
    folded = fold("Honestly, that brutal rota", "en")
    spans = model.evidence(folded, "conditions")
    words = " ".join(folded[a:b] for a, b in spans)
    assert "brutal" in words or "rota" in words
    assert "honestly" not in words


def test_english_features_mark_denied_words_and_pairs() -> None:
    names = [f[0] for f in features(fold("The pay is not bad.", "en"), "en")]
    assert "~bad" in names and "bad" not in names
    assert "pay" in names
    assert any(" " in n for n in names)  # neighbouring pairs


def test_japanese_features_stay_inside_a_sentence() -> None:
    names = {f[0] for f in features(fold("給料が低い。上司", "ja"), "ja")}
    assert "給料" in names and "低い" in names
    assert not any("。" in n or "い上" in n for n in names)


# ---------------------------------------------------------------- in rephrase


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        # wordings no trigger, topic or fallback word lists
        (
            "en",
            "Our division has no clear plan and nobody will say what happens to us",
            "future",
        ),
        ("ja", "事業の方針が毎年変わり、部署の行方が見えない", "future"),
    ],
)
def test_the_classifier_answers_what_no_tier_caught(lang: str, text: str, category: str) -> None:
    r = rephrase(text, lang=lang)
    assert [m.category for m in r.matches] == [category]
    m = r.matches[0]
    assert m.id.startswith("fallback_")
    assert all(part in text for part in m.trigger.split(" + "))  # quotes the user's words
    assert r.rephrased and r.follow_up


@pytest.mark.parametrize(
    ("lang", "profile", "text"),
    [
        ("ja", "physician", "当直なし"),
        ("ja", "general", "人員が増えて助かっている"),
        ("en", "physician", "Nights aren't a problem"),
        ("en", "general", "the workload went down"),
    ],
)
def test_nothing_is_guessed_where_the_text_denies_a_complaint(
    lang: str, profile: str, text: str
) -> None:
    assert rephrase(text, lang=lang, profile=profile).matches == ()


# ---------------------------------------------------------------- examples as data


def _write(tmp_path: Path, body: str, name: str = "leaving-mine.yaml") -> Path:
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


def test_a_file_of_examples_only_is_a_phrasebook(tmp_path: Path) -> None:
    f = _write(
        tmp_path,
        "lang: en\nexamples:\n  - text: The rota is brutal\n    categories: [conditions]\n"
        "  - text: I love my team\n    categories: []\n    profile: general\n",
    )
    entries, examples = load_phrasebook_parts(f, "en")
    assert entries == ()
    assert [(e.text, e.categories, e.profile) for e in examples] == [
        ("The rota is brutal", ("conditions",), None),
        ("I love my team", (), "general"),
    ]


def test_bad_examples_are_reported_with_positions(tmp_path: Path) -> None:
    f = _write(
        tmp_path,
        "lang: en\n"
        "examples:\n"
        "  - text: The rota is brutal\n"
        "    categories: [condition]\n"
        "  - text: ''\n"
        "    categories: []\n"
        "  - text: Fine here\n"
        "    categories: []\n"
        "    profile: nurse\n"
        "    colour: red\n"
        "  - text: fine HERE\n"
        "    categories: []\n"
        "  - text: No list\n"
        "    categories: work\n",
    )
    with pytest.raises(RecordError) as exc:
        load_phrasebook_parts(f, "en")
    text = "\n".join(f"{d.line}:{d.path}: {d.message}" for d in exc.value.diagnostics)
    assert (
        "4:examples[0].categories[0]:" in text
        and "unknown category `condition`; did you mean `conditions`?" in text
    )
    assert "examples[1].text: must be non-empty text" in text
    assert "examples[2].profile: unknown profile `nurse`" in text
    assert "examples[2].colour: unknown key `colour`" in text
    assert "examples[3].text: the same text is already at line 7" in text
    assert "examples[4].categories: must be a list" in text


def test_user_examples_teach_the_classifier_and_bundled_stays_shared(tmp_path: Path) -> None:
    base = bundled_phrasebook("en")
    plain = _write(
        tmp_path,
        "lang: en\nentries: []\n",
        "leaving-empty.yaml",
    )
    assert load_phrasebooks("en", [plain]).classifier is base.classifier
    body = "lang: en\nexamples:\n" + "".join(
        f"  - text: the zorblax quimbly {i} again\n    categories: [work]\n" for i in range(6)
    )
    book = load_phrasebooks("en", [_write(tmp_path, body)])
    assert len(book.examples) == len(base.examples) + 6
    assert book.classifier.total == base.classifier.total + 6
    r = rephrase("zorblax quimbly", lang="en", book=book)
    assert [m.category for m in r.matches] == ["work"]
    assert rephrase("zorblax quimbly", lang="en").matches == ()


def test_bundled_examples_cover_every_category_and_non_reasons() -> None:
    for lang in ("ja", "en"):
        examples = bundled_phrasebook(lang).examples
        assert len(examples) >= 500
        for category in ("keep", "work", "people", "conditions", "future"):
            assert sum(category in e.categories for e in examples) >= 40, (lang, category)
        assert sum(not e.categories for e in examples) >= 150, lang


# ---------------------------------------------------------------- feared facts


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("ja", "病院が閉鎖されるという噂があります", "org_future"),
        ("ja", "合併するらしく、先が読めない", "org_future"),
        ("ja", "病院が閉鎖されたため退職しました", "closure"),
        ("ja", "閉院予定のため退職します", "closure"),
        ("en", "I am afraid of being laid off", "org_future"),
        ("en", "I was laid off in March", "layoff"),
    ],
)
def test_a_feared_fact_is_a_worry_not_a_fact(lang: str, text: str, entry: str) -> None:
    r = rephrase(text, lang=lang)
    assert [m.id for m in r.matches] == [entry]
    assert r.keep_as_is is (entry != "org_future")


def test_feared_must_name_a_worry_that_exists(tmp_path: Path) -> None:
    body = (
        "lang: en\nentries:\n"
        "  - id: plant_closing\n    category: keep\n    feared: no_such_entry\n"
        "    triggers: [plant closing]\n"
        "    positive: {short: The plant closed., long: The plant closed.}\n"
        "  - id: odd\n    category: work\n    feared: org_future\n"
        "    triggers: [odd thing]\n"
        "    positive: {short: I want new work., long: I want new work.}\n"
    )
    with pytest.raises(RecordError) as exc:
        load_phrasebooks("en", [_write(tmp_path, body)])
    text = "\n".join(f"{d.path}: {d.message}" for d in exc.value.diagnostics)
    assert "entries[1].feared: only a fact" in text
    with pytest.raises(RecordError) as exc:
        load_phrasebooks(
            "en",
            [_write(tmp_path, body.split("  - id: odd")[0], "leaving-one.yaml")],
        )
    assert "no entry has the id `no_such_entry`" in exc.value.diagnostics[0].message


# ---------------------------------------------------------------- praise


@pytest.mark.parametrize(
    ("lang", "profile", "text"),
    [
        (
            "en",
            "clinical-specialist",
            "My quota is totally achievable, the targets are set sensibly.",
        ),
        ("en", "general", "The salary here is more than fair for my level."),
        ("en", "physician", "The on-call rota here is honestly very manageable."),
        ("en", "general", "It's not about the money, I'm paid fairly."),
        ("ja", "general", "お給料は十分いただいていました"),
        ("ja", "general", "給料には満足しています"),
    ],
)
def test_praise_is_no_complaint(lang: str, profile: str, text: str) -> None:
    assert rephrase(text, lang=lang, profile=profile).matches == ()


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "The salary is not fair at all"), ("ja", "給料が低くて生活が苦しい")],
)
def test_a_complaint_next_to_praise_words_still_counts(lang: str, text: str) -> None:
    assert [m.category for m in rephrase(text, lang=lang).matches] == ["conditions"]


def test_extending_adds_the_new_counts_to_a_copy() -> None:
    base = _toy("en")
    more = [Example("the rota is brutal and the rota never ends again", ("conditions",))]
    grown = base.extended(more)
    assert grown is not base and base.total == 9 and grown.total == 10
    assert grown.docs["conditions"] == base.docs["conditions"] + 1
    j = list(grown.docs).index("conditions")
    assert grown.counts["rota"][j] == base.counts["rota"][j] + 1
    assert grown.counts["rota"][-1] == base.counts["rota"][-1] + 1
    assert base.extended([]) is base
    with pytest.raises(ValueError, match="outside the model"):
        Classifier.train([Example("x y", ("work",))], "en").extended([Example("z", ())])
