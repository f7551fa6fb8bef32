"""The 履歴書 view model: exact strings of the MHLW 2021 form."""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from datetime import date
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumegen.documents import rirekisho as rk
from resumegen.documents import rirekisho_form as form
from resumegen.enrich.wishes import PRINTED_WISHES
from resumegen.errors import ArgumentError, RecordError
from resumegen.record.model import (
    EducationEvent,
    License,
    Options,
    PartialDate,
    Person,
    Position,
    Record,
    Target,
)
from resumegen.render.engine import Image
from tests.docdata import app_of, rirekisho_context

P = PartialDate


def physician(**changes: Any) -> Record:
    """A fictional physician, close to samples/physician-ja.yaml."""
    record = Record(
        schema=1,
        lang="ja",
        profile="physician",
        as_of=P(2026, 1, 15),
        person=Person(
            name="平田 健一",
            name_kana="ひらた けんいち",
            birth_date=P(1984, 6, 15),
            gender="男性",
            postal_code="160-0023",
            address="東京都新宿区西新宿三丁目1番1号",
            address_kana="とうきょうとしんじゅくくにししんじゅく",
            phone="090-1234-5678",
            email="k.hirata@example.jp",
        ),
        education=(
            EducationEvent(P(2009, 3), "北東大学 医学部 医学科", "卒業"),
            EducationEvent(P(2003, 4), "北東大学 医学部 医学科", "入学"),
            EducationEvent(
                P(2016, 3), "北東大学大学院 医学研究科 救急医学専攻", "修了", "博士（医学）"
            ),
        ),
        licenses=(
            License(P(2014, 10), "整形外科専門医"),
            License(P(2009, 5), "医師免許", "第512345号"),
            License(P(2011, 4), "保険医登録"),
        ),
        work=(
            Position("北東大学医学部附属病院", P(2011, 4), None, department="救急科"),
            Position(
                "北東大学医学部附属病院",
                P(2009, 4),
                P(2011, 3),
                department="初期臨床研修",
                title="研修医",
            ),
        ),
        self_pr="データを示して多職種で合意をつくることが得意です。",
        desired={"salary": "年収1,800万円以上", "duty_nights": "月2回まで", "start": "2026-04"},
        targets=(
            Target(
                id="er", employer="埼玉中央総合病院", motivation="救急の体制づくりに貢献したい。"
            ),
        ),
    )
    return replace(record, **changes)


def texts(rows: list[dict[str, str]]) -> list[tuple[str, str, str, str]]:
    return [(r["year"], r["month"], r["text"], r["align"]) for r in rows]


def test_header_strings_seireki() -> None:
    c = rirekisho_context(physician())
    assert c["title"] == "履歴書"
    assert c["date_line"] == "2026年1月15日現在"
    assert c["name"] == "平田 健一"
    assert c["name_kana"] == "ひらた けんいち"
    assert c["birth_line"] == "1984年6月15日生（満41歳）"
    assert c["gender"] == "男性"
    assert c["postal_code"] == "〒160-0023"
    assert c["address"] == "東京都新宿区西新宿三丁目1番1号"
    assert c["phone"] == "090-1234-5678"
    assert c["email"] == "k.hirata@example.jp"
    assert c["contact"] == "同上"


def test_header_strings_wareki() -> None:
    c = rirekisho_context(physician(options=Options(era="wareki")))
    assert c["date_line"] == "令和8年1月15日現在"
    assert c["birth_line"] == "昭和59年6月15日生（満41歳）"


def test_age_counts_completed_years_on_the_document_date() -> None:
    c = rirekisho_context(physician(as_of=P(2025, 6, 14)))
    assert c["birth_line"].endswith("（満40歳）")
    c = rirekisho_context(physician(as_of=P(2025, 6, 15)))
    assert c["birth_line"].endswith("（満41歳）")


def test_gender_is_blank_when_absent_never_guessed() -> None:
    record = physician()
    record = replace(record, person=replace(record.person, gender=None))
    assert rirekisho_context(record)["gender"] == ""


def test_date_from_today_when_no_as_of() -> None:
    c = rirekisho_context(physician(as_of=None), today=date(2026, 3, 2))
    assert c["date_line"] == "2026年3月2日現在"
    with pytest.raises(ArgumentError):
        rirekisho_context(physician(as_of=None))


def test_history_physician_seireki() -> None:
    c = rirekisho_context(physician())
    assert texts(c["history"]) == [
        ("", "", "学歴", "center"),
        ("2003", "4", "北東大学 医学部 医学科 入学", "left"),
        ("2009", "3", "北東大学 医学部 医学科 卒業", "left"),
        ("2016", "3", "北東大学大学院 医学研究科 救急医学専攻 修了（博士〔医学〕）", "left"),
        ("", "", "", "left"),
        ("", "", "職歴", "center"),
        ("2009", "4", "北東大学医学部附属病院 初期臨床研修医として入職", "left"),
        ("2011", "3", "初期臨床研修 修了", "left"),
        ("2011", "4", "北東大学医学部附属病院 救急科 入職", "left"),
        ("", "", "現在に至る", "left"),
        ("", "", "以上", "right"),
    ]


def test_history_pages_are_padded_to_the_form() -> None:
    c = rirekisho_context(physician())
    assert len(c["history_page1"]) == form.HISTORY_ROWS_PAGE1
    assert len(c["history_page2"]) == form.HISTORY_ROWS_PAGE2
    assert c["history_page1"][: len(c["history"])] == c["history"]
    assert all(r["text"] == "" for r in c["history_page2"])
    assert len(c["licenses"]) == form.LICENSE_ROWS


def test_history_wareki_crosses_the_era_boundary() -> None:
    work = (
        Position("大阪北総合病院", P(2013, 4), P(2019, 4), department="臨床工学部"),
        Position(
            "メディカルデバイス・ジャパン株式会社", P(2019, 5), None, department="不整脈事業部"
        ),
    )
    c = rirekisho_context(physician(work=work, options=Options(era="wareki")))
    lines = texts(c["history"])
    assert ("平成31", "4", "一身上の都合により退職", "left") in lines
    i = lines.index(("令和元", "5", "メディカルデバイス・ジャパン株式会社 入社", "left"))
    assert lines[i + 1] == ("", "", "不整脈事業部に配属", "left")
    assert ("平成25", "4", "大阪北総合病院 臨床工学部 入職", "left") in lines


def test_exit_note_replaces_the_default_leaving_line() -> None:
    work = (Position("市立みなと病院", P(2015, 4), P(2018, 3), exit_note="医局人事により異動"),)
    lines = texts(rirekisho_context(physician(work=work))["history"])
    assert ("2018", "3", "医局人事により異動", "left") in lines
    assert lines[-2:] == [("2018", "3", "医局人事により異動", "left"), ("", "", "以上", "right")]


def test_no_work_history_says_nashi() -> None:
    lines = texts(rirekisho_context(physician(work=()))["history"])
    assert lines[-3:] == [
        ("", "", "職歴", "center"),
        ("", "", "なし", "left"),
        ("", "", "以上", "right"),
    ]


def test_long_history_continues_on_page_two() -> None:
    work = tuple(Position(f"第{i}病院", P(2000 + i, 4), P(2000 + i, 12)) for i in range(1, 12))
    c = rirekisho_context(physician(work=work))
    assert len(c["history"]) > form.HISTORY_ROWS_PAGE1 + form.HISTORY_ROWS_PAGE2
    assert c["history_page1"] + c["history_page2"] == c["history"]
    assert c["history_page2"][-1]["text"] == "以上"


@pytest.mark.parametrize(
    ("organization", "employment", "verb"),
    [
        ("メディカルデバイス・ジャパン株式会社", None, "入社"),
        ("有限会社みどり薬局", None, "入社"),
        ("Acme Medical Inc.", None, "入社"),
        ("医療法人社団さくら会 さくらクリニック", "常勤", "入職"),
        ("北東大学医学部附属病院", "正社員", "入職"),
        ("みらい製作所", "正社員", "入社"),
        ("みらい製作所", None, "入職"),
    ],
)
def test_entry_verb_rule(organization: str, employment: str | None, verb: str) -> None:
    p = Position(organization, P(2020, 4), None, employment=employment)
    assert rk.entry_line(p) == f"{organization} {verb}"


@pytest.mark.parametrize(
    ("lic", "text"),
    [
        (
            License(P(2009, 5), "医師免許", "第512345号"),
            "医師免許 取得（医籍登録番号 第512345号）",
        ),
        (
            License(P(2009, 5), "歯科医師免許", "第2345号"),
            "歯科医師免許 取得（歯科医籍登録番号 第2345号）",
        ),
        (
            License(P(2009, 5), "医師免許", "医籍登録番号 第512345号"),
            "医師免許 取得（医籍登録番号 第512345号）",
        ),
        (License(P(2011, 4), "保険医登録"), "保険医登録"),
        (License(P(2016, 1), "救急科専門医"), "救急科専門医 取得"),
        (License(P(2013, 5), "臨床工学技士"), "臨床工学技士免許 取得"),
        (License(P(2013, 5), "看護師"), "看護師免許 取得"),
        (License(P(2013, 5), "認定臨床工学技士"), "認定臨床工学技士 取得"),
        (License(P(2012, 3), "第2種ME技術実力検定試験"), "第2種ME技術実力検定試験 合格"),
        (License(P(2012, 3), "実用英語技能検定2級"), "実用英語技能検定2級 合格"),
        (
            License(P(2022, 3), "TOEIC Listening & Reading 810点"),
            "TOEIC Listening & Reading 810点 取得",
        ),
        (License(P(2020, 1), "医師国家試験 合格"), "医師国家試験 合格"),
        (License(P(2020, 1), "看護師免許", "登録番号 1234"), "看護師免許 取得（登録番号 1234）"),
    ],
)
def test_license_text(lic: License, text: str) -> None:
    assert rk.license_text(lic) == text


def test_licenses_oldest_first_in_the_document_era() -> None:
    c = rirekisho_context(physician(options=Options(era="wareki")))
    assert texts(c["licenses"][:3]) == [
        ("平成21", "5", "医師免許 取得（医籍登録番号 第512345号）", "left"),
        ("平成23", "4", "保険医登録", "left"),
        ("平成26", "10", "整形外科専門医 取得", "left"),
    ]


def test_motivation_then_self_pr_when_the_box_has_room() -> None:
    record = physician()
    both = "救急の体制づくりに貢献したい。\nデータを示して多職種で合意をつくることが得意です。"
    assert rirekisho_context(record, target=record.targets[0])["motivation"] == both
    # no target given and exactly one in the record: that one (batch, general packets)
    assert rirekisho_context(record)["motivation"] == both
    # several targets and none chosen, or a target without motivation: the 自己PR alone
    two = physician(targets=(*record.targets, Target(id="y", employer="B病院")))
    assert rirekisho_context(two)["motivation"] == record.self_pr
    assert rirekisho_context(record, target=Target(id="x"))["motivation"] == record.self_pr
    assert rirekisho_context(physician(self_pr=None, targets=()))["motivation"] == ""
    # the user's sentences as typed, never rewritten
    assert "貢献したい。" in rirekisho_context(record)["motivation"]


def test_self_pr_left_out_when_the_motivation_fills_the_box() -> None:
    long = "これまでの救急診療の経験を活かし、地域の救急医療に貢献したいと考えています。" * 14
    record = physician(targets=(Target(id="er", employer="A病院", motivation=long),))
    app = app_of(record)
    form = rk.lay_out(app)
    assert form.motivation == long and form.self_pr_left_out
    assert [f.path for f in rk.form_findings(app)] == ["self_pr"]


def test_record_text_is_data_not_template() -> None:
    c = rirekisho_context(physician(self_pr="{{ 7*7 }} と {% if x %}", targets=()))
    assert c["motivation"] == "{{ 7*7 }} と {% if x %}"


def test_wishes_print_only_what_must_be_said() -> None:
    desired = {
        "salary": "年収1,800万円以上",
        "duty_nights": "月2回まで",
        "oncall": "なし",
        "days_per_week": "週4.5日",
        "location": "東京都",
        "start": "2026-04",
        "notes": "研究日があれば望ましい",
        "caregiving": "母の介護のため当直は月2回まで",
        "職種": "救急科",
    }
    wishes = rirekisho_context(physician(desired=desired))["wishes"]
    assert wishes == [
        "貴院の規定に従います。",
        "勤務地：東京都",
        "入職可能時期：2026年4月",
        "介護・育児等の事情：母の介護のため当直は月2回まで",
    ]
    text = "".join(wishes)
    for word in ("年収", "当直：", "オンコール", "週4.5日", "研究日", "救急科"):
        assert word not in text


def test_printable_wishes_are_a_table() -> None:
    assert set(PRINTED_WISHES) == {"role", "location", "start", "caregiving", "health"}
    for key in ("salary", "duty_nights", "oncall", "days_per_week", "notes"):
        assert key not in PRINTED_WISHES


def test_wish_start_follows_the_era_and_keeps_free_text() -> None:
    c = rirekisho_context(physician(desired={"start": "2026-04"}, options=Options(era="wareki")))
    assert c["wishes"] == ["貴院の規定に従います。", "入職可能時期：令和8年4月"]
    c = rirekisho_context(physician(desired={"start": "内定後3か月"}))
    assert c["wishes"] == ["貴院の規定に従います。", "入職可能時期：内定後3か月"]
    company = Target(id="c", employer="ヘルステック・ソリューションズ株式会社")
    c = rirekisho_context(physician(desired={"start": "2026-06"}), target=company)
    assert c["wishes"] == ["貴社の規定に従います。", "入社可能時期：2026年6月"]


def test_empty_wishes_defer_to_the_employer() -> None:
    record = physician(desired={})
    hospital = Target(id="h", employer="埼玉中央総合病院")
    company = Target(id="c", employer="ヘルステック・ソリューションズ株式会社")
    assert rirekisho_context(record, target=hospital)["wishes"] == ["貴院の規定に従います。"]
    assert rirekisho_context(record, target=company)["wishes"] == ["貴社の規定に従います。"]
    assert rirekisho_context(replace(record, targets=()))["wishes"] == ["貴院の規定に従います。"]
    general = physician(desired={}, profile="clinical-specialist", targets=(), work=())
    assert rirekisho_context(general)["wishes"] == ["貴社の規定に従います。"]


def test_empty_licence_table_says_tokuni_nashi() -> None:
    c = rirekisho_context(physician(licenses=()))
    assert texts(c["licenses"])[0] == ("", "", "特になし", "left")
    assert len(c["licenses"]) == form.LICENSE_ROWS


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    raw = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_photo_box_guidance_without_photo() -> None:
    c = rirekisho_context(physician())
    assert c["photo"] is None
    assert c["photo_note"].startswith("写真をはる位置")


def test_photo_loaded_and_fitted_into_the_box() -> None:
    record = physician()
    record = replace(record, person=replace(record.person, photo="me.png"))
    asked: list[str] = []

    def loader(path: str) -> bytes:
        asked.append(path)
        return _png(300, 400)

    c = rirekisho_context(record, photo_loader=loader)
    assert asked == ["me.png"]
    assert isinstance(c["photo"], Image)
    # a little inside the 30 × 40 mm box, so its outline stays visible
    assert (c["photo"].width_mm, c["photo"].height_mm) == rk.PHOTO_FIT_MM == (28.5, 38.0)
    assert c["photo_note"] == ""
    wide = rirekisho_context(record, photo_loader=lambda _: _png(60, 40))["photo"]
    assert (wide.width_mm, wide.height_mm) == (28.5, 19.0)


def test_photo_off_by_option() -> None:
    record = physician(options=Options(photo=False))
    record = replace(record, person=replace(record.person, photo="me.png"))
    c = rirekisho_context(record, photo_loader=lambda _: pytest.fail("must not load"))
    assert c["photo"] is None


def test_photo_read_next_to_the_record_by_default(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "me.png").write_bytes(_png(30, 40))
    record = physician(source=str(tmp_path / "rec.yaml"))
    record = replace(record, person=replace(record.person, photo="me.png"))
    assert isinstance(rirekisho_context(record)["photo"], Image)


def test_missing_or_bad_photo_is_a_positioned_record_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    record = physician(source=str(tmp_path / "rec.yaml"), positions={"person.photo": (14, 10)})
    record = replace(record, person=replace(record.person, photo="gone.png"))
    with pytest.raises(RecordError) as err:
        rirekisho_context(record)
    assert err.value.diagnostics[0].line == 14
    assert "gone.png" in str(err.value)
    with pytest.raises(RecordError, match="not a PNG or JPEG file"):
        rirekisho_context(record, photo_loader=lambda _: b"hello")


def test_jpeg_is_fitted_by_its_header_size() -> None:
    sof = b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 480, 360) + b"\x03" + b"\x00" * 9
    data = b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 4) + b"JF" + sof
    record = replace(physician(), person=replace(physician().person, photo="me.jpg"))
    photo = rirekisho_context(record, photo_loader=lambda _: data)["photo"]
    assert (photo.width_mm, photo.height_mm) == (28.5, 38.0)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1990, 2030),
            st.integers(1, 12),
            st.integers(0, 60),
            st.booleans(),
        ),
        max_size=12,
    ),
    st.sampled_from(["seireki", "wareki"]),
)
def test_history_grammar_holds_for_any_career(
    spans: list[tuple[int, int, int, bool]], era: Literal["seireki", "wareki"]
) -> None:
    work = []
    for year, month, months, current in spans:
        start = P(year, month)
        end_index = start.month_index() + months
        end = None if current else P(end_index // 12, end_index % 12 + 1)
        work.append(Position("テスト病院", start, end))
    c = rirekisho_context(physician(work=tuple(work), options=Options(era=era)))
    history = c["history"]
    assert history[0]["text"] == "学歴" and history[0]["align"] == "center"
    assert history[-1] == {"year": "", "month": "", "text": "以上", "align": "right"}
    assert sum(r["text"] == "職歴" for r in history) == 1
    assert sum(r["text"] == "現在に至る" for r in history) == sum(s[3] for s in spans)
    entries = [r for r in history if r["text"].endswith("入職")]
    assert len(entries) == len(spans)
    assert c["history_page1"] + c["history_page2"] == form.pad_rows(
        history, form.HISTORY_ROWS_PAGE1 + form.HISTORY_ROWS_PAGE2
    )
    for r in history:
        assert r["year"] == "" or r["year"].isdigit() == (era == "seireki")


def test_history_spilling_onto_page_two_takes_licence_blank_rows() -> None:
    work = tuple(Position(f"第{i}病院", P(2000 + i, 4), P(2000 + i, 12)) for i in range(1, 11))
    c = rirekisho_context(physician(work=work))
    extra = len(c["history_page2"]) - form.HISTORY_ROWS_PAGE2
    assert extra > 0
    assert len(c["licenses"]) == max(3, form.LICENSE_ROWS - extra)  # never drops a licence
    assert c["motivation_box_h"] == str(round(form.MOTIVATION_MM * 1440 / 25.4))


def test_wrapped_rows_push_lines_to_page_two() -> None:
    long_name = (
        "医療法人社団 みちのく健康会 宮城県北部地域医療連携推進機構附属 栗原中央総合医療センター"
    )
    work = tuple(Position(long_name, P(2000 + i, 4), P(2000 + i, 12)) for i in range(1, 7))
    c = rirekisho_context(physician(work=work))
    page1 = _without_trailing_blanks(c["history_page1"])
    assert sum(form.row_height(r) for r in c["history_page1"]) <= form.PAGE1_MM + 0.01
    assert len(page1) < form.HISTORY_ROWS_PAGE1 - 1  # fewer, taller rows on page 1
    assert page1 + _without_trailing_blanks(c["history_page2"]) == c["history"]


def _without_trailing_blanks(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    out = list(rows)
    while out and not out[-1]["text"]:
        out.pop()
    return out


def test_crowded_page_two_shrinks_blank_rows_then_boxes_never_text() -> None:
    history = [{"year": "2000", "month": "4", "text": "病院 入職", "align": "left"}] * 9
    licenses = [{"year": "2000", "month": "4", "text": "免許 取得", "align": "left"}] * 10
    fit = form.fit_page_two(history, licenses, "志望動機。" * 10, ["当直：月2回まで"])
    assert fit.history == history and fit.licenses == licenses  # no blank rows left
    assert form.MIN_MOTIVATION_MM <= fit.motivation_mm < form.MOTIVATION_MM
    roomy = form.fit_page_two([], [], "短い動機。", ["貴院の規定に従います。"])
    assert len(roomy.history) == form.HISTORY_ROWS_PAGE2
    assert len(roomy.licenses) == form.LICENSE_ROWS
    assert (roomy.motivation_mm, roomy.wishes_mm) == (form.MOTIVATION_MM, form.WISHES_MM)
    long_text = "経験を活かして貢献したいと考えています。" * 40
    big = form.fit_page_two([], [], long_text, ["当直：なし"])
    assert big.motivation_mm > form.MOTIVATION_MM  # a long text gets the room it needs


@pytest.mark.parametrize(
    ("position", "lines"),
    [
        (
            Position("北東大学医学部附属病院", P(2011, 4), None, department="救急科", title="助教"),
            ["北東大学医学部附属病院 救急科 助教として入職"],
        ),
        (
            Position(
                "北東大学医学部附属病院",
                P(2009, 4),
                P(2011, 3),
                department="初期臨床研修",
                title="研修医",
            ),
            ["北東大学医学部附属病院 初期臨床研修医として入職"],
        ),
        (
            Position(
                "メディカルデバイス・ジャパン株式会社",
                P(2019, 10),
                None,
                department="不整脈事業部",
                title="クリニカルスペシャリスト",
            ),
            [
                "メディカルデバイス・ジャパン株式会社 入社",
                "不整脈事業部にクリニカルスペシャリストとして配属",
            ],
        ),
        (
            Position("ヘリックス株式会社", P(2019, 10), None, title="営業職"),
            ["ヘリックス株式会社 営業職として入社"],
        ),
    ],
)
def test_entry_lines_name_department_and_title(position: Position, lines: list[str]) -> None:
    got = [rk.entry_line(position)]
    if rk.assignment_line(position):
        got.append(rk.assignment_line(position))
    assert got == lines


def test_long_address_and_kana_switch_to_the_small_size() -> None:
    c = rirekisho_context(physician())
    assert (c["address_small"], c["address_kana_small"]) == (False, False)
    record = physician()
    long_person = replace(
        record.person,
        address=(
            "宮城県仙台市青葉区一番町四丁目九番二十八号 ロイヤルパークレジデンス一番町"
            "グランドタワー・ノースウイング 三十七階三千七百十二号室"
        ),
        address_kana="みやぎけんせんだいしあおばくいちばんちょうよんちょうめきゅうばんにじゅうはちごう",
    )
    c = rirekisho_context(replace(record, person=long_person))
    assert (c["address_small"], c["address_kana_small"]) == (True, True)


def test_folded_yaml_spaces_leave_the_motivation() -> None:
    record = physician(self_pr="経験から、 診療体制を見直す。 貴院でも貢献します。", targets=())
    c = rirekisho_context(record)
    assert c["motivation"] == "経験から、診療体制を見直す。貴院でも貢献します。"
