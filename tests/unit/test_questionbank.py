"""Question banks: the bundled data, role detection, layering and positioned validation."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumegen.errors import ArgumentError, InputFileError, RecordError
from resumegen.record.model import PROFILES
from resumegen.resources.questionbank import (
    PRIORITIES,
    USES,
    Question,
    QuestionBank,
    bank_files,
    load_question_bank,
    load_question_file,
)

LANGS = ("ja", "en")


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def errors(exc: pytest.ExceptionInfo[RecordError]) -> list[str]:
    return [d.format() for d in exc.value.diagnostics]


# ---------------------------------------------------------------- bundled data


@pytest.mark.parametrize("lang", LANGS)
def test_bundled_bank_files_are_found(lang: str) -> None:
    names = [p.name for p in bank_files(lang)]
    assert "questions.yaml" in names
    assert "questions-reverse.yaml" in names
    assert "interview-conditions.yaml" in names
    assert not any(n.startswith(("leaving", "metrics")) for n in names)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("profile", PROFILES)
def test_at_least_15_questions_per_profile(lang: str, profile: str) -> None:
    bank = load_question_bank(lang)
    applicable = bank.questions_for(profile)
    assert len(applicable) >= 15
    own = [q for q in bank.questions if profile in q.profiles]
    assert len(own) >= 10, "each profile needs questions of its own, not only shared ones"


@pytest.mark.parametrize("lang", LANGS)
def test_every_question_has_text_hint_and_known_references(lang: str) -> None:
    bank = load_question_bank(lang)
    roles = {r.id for r in bank.roles}
    for q in bank.questions:
        assert q.text.strip() and q.hint.strip(), q.id
        assert set(q.profiles) <= set(PROFILES)
        assert set(q.roles) <= roles
        assert set(q.uses) <= set(USES)
    assert len({q.id for q in bank.questions}) == len(bank.questions)


@pytest.mark.parametrize("lang", LANGS)
def test_selection_fields_are_valid_in_the_bundled_banks(lang: str) -> None:
    bank = load_question_bank(lang)
    ids = {q.id for q in bank.questions}
    for q in bank.questions:
        assert q.priority in PRIORITIES, q.id
        assert set(q.supersedes) <= ids - {q.id}, q.id
        assert all(w.strip() for w in q.focus), q.id
        # shown when the record has nothing for it, instead of a generic request
        assert q.prompt.strip(), q.id
    # every profile keeps high-priority questions of its own
    for profile in PROFILES:
        own = [q for q in bank.questions_for(profile) if profile in q.profiles]
        assert any(q.priority == "high" for q in own), profile


@pytest.mark.parametrize("lang", LANGS)
def test_reverse_questions_at_least_five_per_role_family(lang: str) -> None:
    bank = load_question_bank(lang)
    for family in bank.roles:
        own = [q for q in bank.reverse_questions if family.id in q.roles]
        assert len(own) >= 5, family.id
    assert len([q for q in bank.reverse_questions if not q.roles]) >= 5


def test_both_languages_share_role_families_and_condition_keys() -> None:
    ja, en = load_question_bank("ja"), load_question_bank("en")
    assert [r.id for r in ja.roles] == [r.id for r in en.roles]
    assert [c.key for c in ja.conditions] == [c.key for c in en.conditions]


@pytest.mark.parametrize("lang", LANGS)
def test_known_desired_keys_have_labels(lang: str) -> None:
    bank = load_question_bank(lang)
    for key in ("salary", "duty_nights", "oncall", "days_per_week", "location", "start", "notes"):
        assert bank.condition_for(key) is not None, key


def test_japanese_condition_labels() -> None:
    bank = load_question_bank("ja")
    labels = {k: bank.condition_for(k).label for k in ("salary", "duty_nights", "oncall")}  # type: ignore[union-attr]
    assert labels == {"salary": "給与・年収", "duty_nights": "当直", "oncall": "オンコール"}
    assert bank.condition_for("days_per_week").label == "勤務日数"  # type: ignore[union-attr]
    assert bank.condition_for("start").label == "入職時期"  # type: ignore[union-attr]
    assert bank.condition_for("notes").label == "その他"  # type: ignore[union-attr]


def test_condition_aliases_are_case_insensitive() -> None:
    bank = load_question_bank("en")
    assert bank.condition_for("night_duty").key == "duty_nights"  # type: ignore[union-attr]
    assert bank.condition_for("ON_CALL").key == "oncall"  # type: ignore[union-attr]
    assert bank.condition_for("favourite_colour") is None


def test_physician_checklist_has_ikyoku_items_and_others_do_not() -> None:
    bank = load_question_bank("ja")
    phys = {c.id for c in bank.checklist_for("physician")}
    cs = {c.id for c in bank.checklist_for("clinical-specialist")}
    assert {"resign_date", "handover", "paid_leave", "resignation_letter"} <= phys & cs
    assert {"ikyoku_report", "ikyoku_consult"} <= phys
    assert not {"ikyoku_report", "ikyoku_consult"} & cs


# ---------------------------------------------------------------- role detection


@pytest.mark.parametrize(
    ("lang", "role", "expected"),
    [
        ("ja", "MSL", {"msl"}),
        ("ja", "医療IT カスタマーサクセス", {"customer_success"}),
        ("ja", "臨床開発モニター（CRA）", {"cra"}),
        ("ja", "ＭＲ（医薬情報担当者）", {"mr"}),
        ("ja", "医療機器営業", {"sales"}),
        ("ja", "アプリケーションスペシャリスト", {"application_specialist"}),
        ("ja", "救急科 部長", {"leadership"}),
        ("ja", "MRI 検査技師", set()),
        ("en", "Medical Science Liaison", {"msl"}),
        ("en", "Head of Customer Success", {"customer_success", "leadership"}),
        ("en", "Clinical Research Associate (CRA)", {"cra"}),
        ("en", "MRI radiographer", set()),
    ],
)
def test_role_family_detection(lang: str, role: str, expected: set[str]) -> None:
    assert set(load_question_bank(lang).detect_roles(role)) == expected


def test_questions_for_puts_role_questions_first_and_filters_profiles() -> None:
    bank = load_question_bank("ja")
    qs = bank.questions_for("clinical-specialist", ["msl"])
    assert qs[0].roles and "msl" in qs[0].roles
    assert all(not q.profiles or "clinical-specialist" in q.profiles for q in qs)
    assert not any(q.roles and "msl" not in q.roles for q in qs)
    assert all(not q.roles for q in bank.questions_for("physician"))


def _q(qid: str, **kw: object) -> Question:
    return Question(qid, f"{qid}?", "hint", **kw)  # type: ignore[arg-type]


def test_select_questions_keeps_the_important_and_lists_them_by_group() -> None:
    bank = QuestionBank(
        lang="ja",
        questions=(
            _q("shared_low", priority="low"),
            _q("shared_high", priority="high"),
            _q("own_normal", profiles=("physician",)),
            _q("own_high", profiles=("physician",), priority="high"),
            _q("other_profile", profiles=("general",), priority="high"),
            _q("role_normal", roles=("leadership",)),
            _q("role_high", roles=("leadership",), priority="high", supersedes=("own_normal",)),
            _q("other_role", roles=("msl",), priority="high"),
        ),
    )
    everything = bank.select_questions("physician", ["leadership"])
    # superseded and non-applicable questions are gone; by group (role, profile, shared),
    # each in bank order
    assert [q.id for q in everything] == [
        "role_normal",
        "role_high",
        "own_high",
        "shared_low",
        "shared_high",
    ]
    # the limit keeps by priority (role before profile before shared), listed by group
    top3 = bank.select_questions("physician", ["leadership"], 3)
    assert [q.id for q in top3] == ["role_high", "own_high", "shared_high"]
    # a superseding question that does not apply leaves the other in place
    assert "own_normal" in [q.id for q in bank.select_questions("physician", [])]


def test_bundled_selection_for_the_sample_targets() -> None:
    ja = load_question_bank("ja")
    cs = ja.select_questions(
        "clinical-specialist", ja.detect_roles("医療IT カスタマーサクセス"), 12
    )
    ids = [q.id for q in cs]
    assert len(ids) == 12
    assert ids[0].startswith("role_cs_")
    # a role question replaces the profile question it overlaps with
    assert "cs_customer_problem" not in ids and "cs_teaching" not in ids
    assert {"cs_why_industry", "cs_knowledge_transfer", "cs_with_doctors"} <= set(ids)
    md = ja.select_questions("physician", ja.detect_roles("救急科 部長"), 12)
    md_ids = [q.id for q in md]
    assert {"md_leave_ikyoku", "md_night_work", "md_procedures"} <= set(md_ids)
    assert "md_teaching" not in md_ids  # covered by role_lead_people
    assert "md_why_doctor" not in md_ids  # low priority, cut


def test_unknown_priority_and_superseded_question_are_positioned(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        questions:
          - id: x
            text: 質問
            hint: ヒント
            priority: hihg
          - id: y
            text: 質問
            hint: ヒント
            supersedes: [setbak]
        """,
    )
    with pytest.raises(RecordError) as exc:
        load_question_bank("ja", [path])
    (msg,) = errors(exc)  # the priority error stops this file before the cross-check
    assert f"{path}:5:15: questions[0].priority:" in msg
    assert "`hihg` is not a priority" in msg and "did you mean `high`?" in msg
    path.write_text(path.read_text(encoding="utf-8").replace("hihg", "high"), encoding="utf-8")
    with pytest.raises(RecordError) as exc:
        load_question_bank("ja", [path])
    (msg,) = errors(exc)
    assert msg.endswith(
        "questions[1].supersedes[0]: unknown question `setbak`; did you mean `setback`?"
    )
    assert f"{path}:9:18:" in msg


@settings(max_examples=40, deadline=None)
@given(
    before=st.sampled_from(["", "シニア ", "外資系 ", "(", "地域"]),
    after=st.sampled_from(["", " 担当", "）", "職", " / 東日本"]),
)
def test_detection_survives_surrounding_words(before: str, after: str) -> None:
    bank = load_question_bank("ja")
    assert "msl" in bank.detect_roles(f"{before}MSL{after}")
    assert "customer_success" in bank.detect_roles(f"{before}カスタマーサクセス{after}")


# ---------------------------------------------------------------- layering


def test_user_file_replaces_same_id_and_adds_new(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        questions:
          - id: career_overview
            text: 職歴を3分で話してください。
            hint: 自分の言葉で。
          - id: my_own
            text: 地域医療への思いは？
            hint: 記録の志望動機から。
            profiles: [physician]
            uses: [motivation]
        """,
    )
    bank = load_question_bank("ja", [path])
    by_id = {q.id: q for q in bank.questions}
    assert by_id["career_overview"].text == "職歴を3分で話してください。"
    assert by_id["my_own"].uses == ("motivation",)
    assert len(bank.questions) == len(load_question_bank("ja").questions) + 1
    # the cached bundled bank is untouched
    assert {q.id: q for q in load_question_bank("ja").questions}["career_overview"].text != (
        "職歴を3分で話してください。"
    )


def test_user_file_may_add_a_role_family_and_use_it(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        roles:
          - {id: medical_writer, label: メディカルライター, keywords: [メディカルライター]}
        questions:
          - {id: mw_sample, text: 書いた文書の例は？, hint: 成果物を一つ。, roles: [medical_writer]}
        reverse_questions:
          - {id: rq_mw, text: レビューの流れを教えてください。, roles: [medical_writer]}
        """,
    )
    bank = load_question_bank("ja", [path])
    assert bank.detect_roles("メディカルライター（契約）") == ("medical_writer",)
    assert bank.questions_for("general", ["medical_writer"])[0].id == "mw_sample"


def test_bundled_bank_is_cached() -> None:
    assert load_question_bank("en") is load_question_bank("en")
    assert isinstance(load_question_bank("en"), QuestionBank)


# ---------------------------------------------------------------- validation


def test_unknown_section_and_key_suggest_the_right_word(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        questons:
          - {id: a, text: t, hint: h}
        questions:
          - id: b
            text: 質問
            hnit: ヒント
        """,
    )
    with pytest.raises(RecordError) as exc:
        load_question_file(path)
    msgs = errors(exc)
    assert any(
        ":1:1: questons: unknown section `questons`; did you mean `questions`?" in m for m in msgs
    )
    assert any(
        ":6:5: questions[0].hnit: unknown key `hnit`; did you mean `hint`?" in m for m in msgs
    )
    assert any("questions[0]: missing `hint`" in m for m in msgs)


def test_duplicate_ids_empty_text_and_unknown_profile_are_reported_together(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        questions:
          - {id: a, text: 一つ目, hint: h}
          - {id: a, text: 二つ目, hint: h}
          - {id: c, text: "  ", hint: h}
          - {id: d, text: 質問, hint: h, profiles: [physcian]}
          - {id: e, text: 質問, hint: h, uses: [sumary]}
        """,
    )
    with pytest.raises(RecordError) as exc:
        load_question_file(path)
    msgs = errors(exc)
    assert len(msgs) == 4
    assert "questions[1].id: duplicate id `a` (first at questions[0])" in msgs[0]
    assert ":3:" in msgs[0]
    assert "questions[2].text: must be non-empty text" in msgs[1]
    assert (
        "questions[3].profiles[0]: unknown profile `physcian`; did you mean `physician`?" in msgs[2]
    )
    assert "questions[4].uses[0]: unknown record field `sumary`; did you mean `summary`?" in msgs[3]


def test_unknown_role_reference_is_positioned(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        questions:
          - id: x
            text: 質問
            hint: ヒント
            roles: [ms1]
        """,
    )
    with pytest.raises(RecordError) as exc:
        load_question_bank("ja", [path])
    (msg,) = errors(exc)
    assert msg.endswith("questions[0].roles[0]: unknown role family `ms1`; did you mean `msl`?")
    assert f"{path}:5:13:" in msg


def test_anchors_and_aliases_are_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        questions:
          - &q {id: a, text: 質問, hint: ヒント}
          - *q
        """,
    )
    with pytest.raises(RecordError) as exc:
        load_question_file(path)
    (msg,) = errors(exc)  # the reader stops at the first anchor
    assert ":2:5: questions[0]: anchors (&name) and aliases (*name) are not allowed" in msg


def test_invalid_yaml_is_one_positioned_error(tmp_path: Path) -> None:
    path = write(tmp_path, "questions:\n  - id: a\n   text: broken\n")
    with pytest.raises(RecordError) as exc:
        load_question_file(path)
    (msg,) = errors(exc)
    assert msg == f"{path}:3:4: bad indentation: this line does not line up with the lines above"


def test_wrong_shapes_are_errors(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        questions: {id: a}
        roles:
          - just a string
          - {id: r, label: R, keywords: keyword}
        """,
    )
    with pytest.raises(RecordError) as exc:
        load_question_file(path)
    msgs = errors(exc)
    assert any("questions: must be a list of entries" in m for m in msgs)
    assert any("roles[0]: must be a mapping" in m for m in msgs)
    assert any("roles[1].keywords: must be a list of text" in m for m in msgs)


def test_neutral_wording_may_not_contain_an_avoided_term(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        neutral_terms:
          - {term: 残業, neutral: 残業の少ない働き方}
        """,
    )
    with pytest.raises(RecordError) as exc:
        load_question_bank("ja", [path])
    (msg,) = errors(exc)
    assert f"{path}:2:5: neutral_terms[0].neutral:" in msg and "`残業`" in msg


def test_missing_file_and_unknown_language_are_argument_errors(tmp_path: Path) -> None:
    with pytest.raises(InputFileError):
        load_question_bank("ja", [tmp_path / "nope.yaml"])
    with pytest.raises(ArgumentError):
        load_question_bank("fr")


def test_empty_file_is_an_empty_layer(tmp_path: Path) -> None:
    path = write(tmp_path, "# nothing yet\n")
    assert load_question_bank("en", [path]).questions == load_question_bank("en").questions


def test_each_section_table_describes_its_entry_class() -> None:
    from dataclasses import fields

    from resumegen.resources.questionbank import _SECTIONS

    for name, section in _SECTIONS.items():
        assert set(section.table) == {f.name for f in fields(section.kind)}, name
        assert section.table[section.id_key].required, name
