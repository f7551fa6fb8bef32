"""The audit's messages: `audit.*` of the one catalogue, in the language the one rule picks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from resumegen.cli import cli
from resumegen.enrich.audit_messages import audit_messages
from resumegen.messages import MESSAGES, placeholders
from resumegen.resources import bundled

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_language_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a user with an English locale and no RESUMEGEN_LANG."""
    for var in ("RESUMEGEN_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def test_the_audit_speaks_through_the_one_catalogue() -> None:
    ids = [i for i in MESSAGES if i.startswith("audit.")]
    assert len(ids) > 50
    for id in ids:  # both languages, the same slots (tests/unit/test_messages.py checks all)
        assert placeholders(MESSAGES[id]["ja"]) == placeholders(MESSAGES[id]["en"]), id
    assert not list(bundled("phrasebooks").glob("*/audit-messages.yaml"))  # no second catalogue


def test_a_message_is_filled_in_the_records_language() -> None:
    assert audit_messages("en").say("gap", months=4) == "4-month gap after the previous position"
    assert audit_messages("ja").say("gap", months=4) == "前の職歴との間に4か月の空白があります"


def test_resumegen_lang_chooses_the_language_of_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESUMEGEN_LANG", "en")
    assert audit_messages("ja").say("gap", months=4) == "4-month gap after the previous position"
    monkeypatch.setenv("RESUMEGEN_LANG", "ja")
    assert audit_messages("en").say("gap", months=4) == "前の職歴との間に4か月の空白があります"


def _suggestions(monkeypatch: pytest.MonkeyPatch, lang: str | None) -> list[str]:
    if lang is not None:
        monkeypatch.setenv("RESUMEGEN_LANG", lang)
    sample = str(ROOT / "samples" / "physician-ja.yaml")
    result = CliRunner().invoke(cli, ["check", sample, "--json"])
    assert result.exit_code in (0, 1), result.output
    return [f["suggestion"] for f in json.loads(result.stdout)["findings"]]


@pytest.mark.parametrize(("chosen", "said"), [(None, "ja"), ("en", "en"), ("ja", "ja")])
def test_check_findings_follow_the_same_rule_as_validate(
    monkeypatch: pytest.MonkeyPatch, chosen: str | None, said: str
) -> None:
    """A ja record: Japanese findings, unless RESUMEGEN_LANG chooses (as for validate)."""
    suggestions = _suggestions(monkeypatch, chosen)
    wish_fix = MESSAGES["audit.wish_left_off_fix"]
    assert wish_fix[said] in suggestions
    assert wish_fix["en" if said == "ja" else "ja"] not in suggestions
