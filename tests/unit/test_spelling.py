"""British to American spelling: whole words, capitals kept, Japanese untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from resumegen.enrich.spelling import american, load_spelling_rules, spelling_rules
from resumegen.errors import RecordError
from resumegen.resources.phrasebook_load import parse_bundled


@pytest.mark.parametrize(
    ("british", "us"),
    [
        ("centre", "center"),
        ("centres", "centers"),
        ("centred", "centered"),
        ("theatre", "theater"),
        ("litre", "liter"),
        ("fibre", "fiber"),
        ("organise", "organize"),
        ("organised", "organized"),
        ("organising", "organizing"),
        ("organisation", "organization"),
        ("organisations", "organizations"),
        ("organisational", "organizational"),
        ("recognised", "recognized"),
        ("specialise", "specialize"),
        ("specialised", "specialized"),
        ("prioritise", "prioritize"),
        ("standardise", "standardize"),
        ("realise", "realize"),
        ("reorganised", "reorganized"),
        ("unrecognised", "unrecognized"),
        ("unfavourable", "unfavorable"),
        ("randomised", "randomized"),
        ("analyse", "analyze"),
        ("analysed", "analyzed"),
        ("programme", "program"),
        ("programmes", "programs"),
        ("behaviour", "behavior"),
        ("behavioural", "behavioral"),
        ("judgement", "judgment"),
        ("labour", "labor"),
        ("colour", "color"),
        ("favour", "favor"),
        ("favourite", "favorite"),
        ("honour", "honor"),
        ("neighbouring", "neighboring"),
        ("tumour", "tumor"),
        ("paediatric", "pediatric"),
        ("paediatrician", "pediatrician"),
        ("anaesthesia", "anesthesia"),
        ("anaesthetist", "anesthetist"),
        ("anaesthetise", "anesthetize"),
        ("haematology", "hematology"),
        ("haemorrhage", "hemorrhage"),
        ("orthopaedic", "orthopedic"),
        ("oesophageal", "esophageal"),
        ("gynaecology", "gynecology"),
        ("oedema", "edema"),
        ("anaemia", "anemia"),
        ("leukaemia", "leukemia"),
        ("septicaemia", "septicemia"),
        ("ischaemic", "ischemic"),
        ("diarrhoea", "diarrhea"),
        ("dyspnoea", "dyspnea"),
        ("travelled", "traveled"),
        ("travelling", "traveling"),
        ("counselling", "counseling"),
        ("counsellor", "counselor"),
        ("modelling", "modeling"),
        ("cancelled", "canceled"),
        ("licence", "license"),
        ("licences", "licenses"),
        ("practise", "practice"),
        ("practised", "practiced"),
        ("practising", "practicing"),
        ("enrol", "enroll"),
        ("enrolment", "enrollment"),
        ("fulfil", "fulfill"),
        ("fulfilment", "fulfillment"),
        ("defence", "defense"),
        ("ageing", "aging"),
    ],
)
def test_british_words_become_american(british: str, us: str) -> None:
    assert american(british) == us
    assert american(british.capitalize()) == us.capitalize()
    assert american(british.upper()) == us.upper()


@pytest.mark.parametrize(
    "word",
    [
        # the same in both spellings, or another word that only looks alike
        "licensed",
        "licensing",
        "license",
        "practice",
        "practices",
        "specialist",
        "specialty",
        "premise",
        "exercise",
        "advertise",
        "expertise",
        "enterprise",
        "analyses",  # the plural noun
        "analysis",
        "hour",
        "four",
        "your",
        "tour",
        "pour",
        "organ",
        "organic",
        "cancellation",
        "program",
        "center",
        "meter",
        "zoea",
        "rigorous",
        "humorous",
        "travel",
        "label",
    ],
)
def test_words_that_stay(word: str) -> None:
    assert american(word) == word
    assert american(word.title()) == word.title()


def test_only_whole_words_change() -> None:
    # inside another word, next to a digit or a letter of another script: unchanged
    assert american("xcentre centrex centre2 2centre") == "xcentre centrex centre2 2centre"
    assert american("recentre") == "recentre"  # not a listed word
    # hyphens, apostrophes and punctuation are word boundaries
    assert american("well-organised centre-based") == "well-organized center-based"
    assert american("the centre's programme.") == "the center's program."
    assert american("(behaviour)") == "(behavior)"


def test_sentences_keep_everything_else() -> None:
    text = (
        "I have come to value giving each patient time; I want to specialise in "
        "paediatric anaesthesia at a licensed Centre and practise what I learnt."
    )
    assert american(text) == (
        "I have come to value giving each patient time; I want to specialize in "
        "pediatric anesthesia at a licensed Center and practice what I learned."
    )
    assert american("") == ""
    assert american("Nothing to change here.") == "Nothing to change here."


def test_japanese_text_is_never_touched() -> None:
    for text in (
        "小児麻酔を専門にしたい",
        "Centreで働いています",
        "私は Centre で organise します",
    ):
        assert american(text) == text


def test_rules_are_read_once() -> None:
    assert spelling_rules() is spelling_rules()


# Words that look British by their ending but are spelt the same in American English.
_SAME_IN_US = frozenset(
    [
        "our",
        "ours",
        "your",
        "yours",
        "hour",
        "hours",
        "four",
        "tour",
        "tours",
        "pour",
        "flour",
        "detour",
        "contour",
        "devour",
        "sour",
        "promise",
        "promised",
        "promising",
        "raise",
        "raised",
        "raising",
        "advise",
        "advised",
        "advising",
        "revise",
        "revised",
        "supervise",
        "supervised",
        "supervising",
        "exercise",
        "exercised",
        "expertise",
        "otherwise",
        "premise",
        "premises",
        "surprise",
        "surprised",
        "compromise",
        "enterprise",
        "franchise",
        "merchandise",
        "rise",
        "arise",
        "arising",
        "wise",
        "noise",
        "precise",
        "concise",
        "comprise",
        "comprised",
        "comprising",
        "disguise",
        "despise",
        "improvise",
    ]
)
_BRITISH_LOOKING = re.compile(
    r"\b[a-z]*(?:is(?:e|es|ed|ing|ation|ations)|our(?:s|ed|ing|ite|able|al)?|tre|tres|tred)\b"
)


def test_every_phrasing_reads_american_once_converted() -> None:
    # the phrasebooks are written in British spelling; the answer converts
    british = set(spelling_rules().words)
    for entry in parse_bundled("en").entries:
        for text in (*entry.short, *entry.long, *entry.motive, *entry.follow_up):
            converted = american(text).lower()
            words = set(re.findall(r"[a-z]+", converted))
            assert not words & british, f"{entry.id}: {converted}"
            left = set(_BRITISH_LOOKING.findall(converted)) - _SAME_IN_US
            assert not left, f"{entry.id}: {sorted(left)} in {converted}"


def test_a_wrong_file_says_where(tmp_path: Path) -> None:
    path = tmp_path / "spelling.yaml"
    path.write_text(
        "words:\n  centre: center\n  Colour: color\n  grey: grey\n"
        "families:\n  - endings: {ise: ize}\n    stems: [organ]\n    extra: 1\n"
        "prefix:\n  paed: ped\n",
        encoding="utf-8",
    )
    with pytest.raises(RecordError) as err:
        load_spelling_rules(path)
    text = str(err.value)
    assert "words.Colour" in text and "lower-case" in text
    assert "words.grey" in text and "the same way" in text
    assert "families[0].extra" in text
    assert "unknown key" in text and "prefixes" in text


def test_a_family_expands_every_stem_and_ending(tmp_path: Path) -> None:
    path = tmp_path / "spelling.yaml"
    path.write_text(
        "words: {grey: gray}\n"
        "families:\n  - name: ise\n    endings: {ise: ize, ised: ized}\n    stems: [organ, real]\n"
        "suffixes: {aemia: emia}\n",
        encoding="utf-8",
    )
    rules = load_spelling_rules(path)
    assert rules.words == {
        "grey": "gray",
        "organise": "organize",
        "organised": "organized",
        "realise": "realize",
        "realised": "realized",
    }
    assert rules.word("leukaemia") == "leukemia"
    assert rules.word("premise") == "premise"


def test_one_setting_decides_the_spelling_of_answers() -> None:
    from resumegen import cli
    from resumegen.enrich.spelling import american_spelling
    from resumegen.record.model import LOCALES

    assert cli.LOCALES == LOCALES
    assert american_spelling("en-US") and american_spelling("en-US", "a4")
    assert not american_spelling("en-GB", "letter")
    assert american_spelling(None, "letter") and not american_spelling(None, "a4")


def test_a_us_record_or_letter_paper_gets_american_answers() -> None:
    from dataclasses import replace
    from pathlib import Path

    from resumegen.enrich.application import enrich
    from resumegen.record.validate import load_record

    root = Path(__file__).resolve().parents[2]
    rec = load_record(root / "samples" / "clinical-specialist-en.yaml")
    gb = enrich(rec, "msl-uk", today=None).leaving_answer
    us = enrich(replace(rec, locale="en-US"), "msl-uk").leaving_answer
    letter = enrich(rec, "msl-uk", paper="letter").leaving_answer
    assert gb is not None and us is not None and letter is not None
    assert us.long == letter.long == american(gb.long or "")
    assert any(w in (gb.long or "") + " ".join(gb.follow_up) for w in ("ise", "our", "tre"))
