"""General matching rules added for issue 5 (round three): each is a grammar form, not a line."""

from __future__ import annotations

from resumegen.enrich.rephrase import rephrase


def _cats(text: str, lang: str, profile: str = "general") -> set[str]:
    return {m.category for m in rephrase(text, lang=lang, profile=profile).matches}


def test_a_topic_said_twice_is_too_much() -> None:
    assert _cats("論文、論文で、毎日が終わる", "ja", "physician") == {"work"}


def test_a_role_or_a_comparison_is_not_a_complaint_topic() -> None:
    assert _cats("看護師として働いてきました", "ja", "clinical-specialist") == set()
    assert "conditions" not in _cats("主任看護師からの当たりがきつい", "ja", "clinical-specialist")


def test_someone_missing_is_a_lack() -> None:
    assert _cats("女性の管理職がいない会社です", "ja") == {"future"}


def test_praise_before_a_complaint_word_denies_it() -> None:
    assert _cats("I had a reasonable on-call rota", "en", "physician") == set()
    assert _cats("I had a brutal on-call rota", "en", "physician") == {"conditions"}


def test_a_passive_snub_is_a_complaint() -> None:
    assert _cats("My extra responsibilities have never been acknowledged", "en") == {"conditions"}
