"""The audit's messages: read from phrasebooks/<lang>/audit-messages.yaml and checked."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from resumegen.enrich.audit_messages import (
    FILE_NAME,
    PLACEHOLDERS,
    audit_messages,
    load_audit_messages,
)
from resumegen.errors import RecordError
from resumegen.record.model import LANGS
from resumegen.resources import bundled


def _placeholders(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    ja, en = audit_messages("ja"), audit_messages("en")
    assert set(ja.texts) == set(en.texts) == set(PLACEHOLDERS)
    for key in PLACEHOLDERS:
        assert _placeholders(ja.texts[key]) == _placeholders(en.texts[key]), key


@pytest.mark.parametrize("lang", LANGS)
def test_every_placeholder_the_audit_fills_is_used(lang: str) -> None:
    texts = audit_messages(lang).texts
    for key, fields in PLACEHOLDERS.items():
        assert _placeholders(texts[key]) == fields, key


def test_a_message_is_filled_in() -> None:
    assert audit_messages("en").say("gap", months=4) == "4-month gap after the previous position"
    assert audit_messages("ja").say("gap", months=4) == "前の職歴との間に4か月の空白があります"


def test_the_message_files_are_not_read_as_phrasebooks_or_question_banks() -> None:
    from resumegen.resources.phrasebook_load import FILE_GLOB
    from resumegen.resources.questionbank import BANK_GLOBS

    folder = bundled("phrasebooks") / "ja"
    assert (folder / FILE_NAME).is_file()
    for pattern in (FILE_GLOB, *BANK_GLOBS):
        assert folder / FILE_NAME not in set(folder.glob(pattern)), pattern


def _broken(tmp_path: Path) -> Path:
    good = (bundled("phrasebooks") / "en" / FILE_NAME).read_text(encoding="utf-8")
    lines = [
        line
        for line in good.splitlines()
        if not line.startswith(("gap_fix:", "no_self_pr:", "vague:", "overlap:"))
    ]
    lines += [
        'gpa_fix: "be ready to explain the gap"',
        'vague: "vague wording: {wrds}"',
        "no_self_pr: [a, list]",
        'overlap: "overlaps {other"',
    ]
    path = tmp_path / FILE_NAME
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_broken_message_file_reports_every_problem_at_its_position(tmp_path: Path) -> None:
    path = _broken(tmp_path)
    with pytest.raises(RecordError) as err:
        load_audit_messages(path, "en")
    found = [(d.line, d.column, d.path, d.message) for d in err.value.diagnostics]
    end = len(path.read_text(encoding="utf-8").splitlines())
    # sorted by position: the missing key is reported at the top of the map
    assert found[0] == (5, 1, "", "the message `gap_fix` is missing")
    assert found[1:] == [
        (end - 3, 1, "gpa_fix", "unknown message; did you mean `gap_fix`?"),
        (
            end - 2,
            8,
            "vague",
            "unknown placeholder `{wrds}`; this message takes: {words}",
        ),
        (end - 1, 13, "no_self_pr", "expected a sentence"),
        (
            end,
            10,
            "overlap",
            "broken placeholder (expected '}' before end of string); write a literal brace as `{{`",
        ),
    ]
    assert all(d.file == str(path) for d in err.value.diagnostics)


def test_a_message_file_that_is_not_a_map_or_spans_lines(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r":1:1: expected the audit messages"):
        load_audit_messages(path, "en")
    good = (bundled("phrasebooks") / "en" / FILE_NAME).read_text(encoding="utf-8")
    path.write_text(
        good.replace('no_summary: "no professional summary"', 'no_summary: "no\\nsummary"'),
        encoding="utf-8",
    )
    with pytest.raises(RecordError, match=r"no_summary: a message is one line"):
        load_audit_messages(path, "en")
