"""The 履歴書 view model: a record turned into the finished strings of the MHLW 2021 form.

The template (``templates/ja/rirekisho.docx``) only places what this module
hands it, so every wording rule of the form lives here, in one testable place:

* one year system for the whole document (``options.era``: 西暦 or 和暦 with
  the real era boundaries, via :mod:`resumegen.record.dates`);
* 学歴・職歴 in the customary grammar: a centred 学歴 heading, the school
  events oldest first, a blank line, a centred 職歴 heading, an entry line per
  position, a closing line under each position that has ended, 現在に至る
  under a current one and 以上 right-aligned at the end;
* 免許・資格 with 取得 / 合格 chosen from the licence name, 「特になし」 when
  there is none;
* 志望の動機: the addressee's motivation as written, followed by the application's
  自己PR (the one its 職務経歴書 prints) when the box has room for both at its printed
  height;
* 本人希望記入欄: 「貴院の規定に従います。」 and only the ``desired`` keys the
  application marks printable (:mod:`resumegen.enrich.wishes`).

Rules for the entry verb (入社 / 入職), documented because users will ask:
an organization whose name carries a company form (株式会社, 有限会社, 合同会社,
Inc., Ltd. …) is *joined* with 入社; one that looks medical or public
(病院, クリニック, 医療法人, 大学 …) with 入職; otherwise an employment type
that says 社員 (正社員, 契約社員 …) means 入社, and anything else 入職.
A hospital line names the department and the title (``救急科 助教として入職``);
a company line is ``… 入社`` followed by an undated ``不整脈事業部に…として配属``.
A position whose department or title names 研修 (初期臨床研修, 研修医) opens with
``初期臨床研修医として入職`` and closes with "<研修> 修了" instead of a leaving
line, because residents complete their programme rather than resign.

The form is two A4 pages, always. Rows that wrap are taller, so the lines are
laid onto page 1 by height, not by count, and page 2 gives up blank rows first
and then box height (never below what the text needs). When the history is
still longer than the form holds, the positions between the first and the
most recent ones that fit are summarised into one line 「（詳細は職務経歴書に記載）」
(:func:`summarised_positions` says which, for ``resumegen check``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypedDict

from resumegen.documents.common import license_name_ja, license_number
from resumegen.documents.rirekisho_form import (
    MOTIVATION_MM,
    PageTwo,
    Row,
    blank_row,
    box_need,
    fit_page_two,
    split_history,
    text_width,
)
from resumegen.enrich.application import COMPANY_MARKERS, MEDICAL_MARKERS, Application
from resumegen.enrich.audit_messages import audit_messages
from resumegen.enrich.audit_report import Finding
from resumegen.record.dates import DateError, age_at, format_ja, parse_date, year_ja
from resumegen.record.model import (
    EducationEvent,
    License,
    PartialDate,
    Position,
    Record,
)
from resumegen.record.photo import load_photo
from resumegen.render.engine import Image
from resumegen.text import join_folded

# The photo box of the form: 縦40mm × 横30mm (the accepted range is 36–40 × 24–30).
PHOTO_BOX_MM = (30.0, 40.0)  # (width, height)
# A picture is fitted a little inside the box, so its dashed outline stays
# visible and the line under the picture never pushes it out of the cell.
PHOTO_FIT_MM = (28.5, 38.0)

# Lines longer than these (in full-width characters) switch the 現住所 and its
# ふりがな to a smaller size that holds three (two) lines in the fixed rows.
ADDRESS_CHARS = 60
ADDRESS_KANA_CHARS = 38

SUMMARY_LINE = "（詳細は職務経歴書に記載）"
NO_LICENCE = "特になし"
PASS_MARKERS = ("試験", "検定")
DONE_SUFFIXES = ("取得", "合格", "登録", "修了", "認定", "受講", "免許取得")

MOTIVATION_LABEL = "志望の動機、特技、好きな学科、アピールポイントなど"
WISHES_LABEL = (
    "本人希望記入欄（特に給料・職種・勤務時間・勤務地・その他についての希望などがあれば記入）"
)
PHOTO_NOTE = (
    "写真をはる位置",
    "",
    "縦 36～40mm",
    "横 24～30mm",
    "本人のみ・胸から上",
    "裏面をのりづけ",
)
GENDER_NOTE = "※性別の記入は任意です（空欄のままでもかまいません）。"


class RirekishoData(TypedDict):
    """What ``templates/ja/rirekisho.docx`` receives."""

    lang: str
    era: str
    title: str
    date_line: str
    name_kana: str
    name: str
    birth_line: str
    gender: str
    gender_note: str
    postal_code: str
    address_kana: str
    address_kana_small: bool
    address: str
    address_small: bool
    phone: str
    email: str
    contact_postal_code: str
    contact: str
    contact_phone: str
    contact_email: str
    photo: Image | None
    photo_note: str
    history: list[Row]
    history_page1: list[Row]
    history_page2: list[Row]
    licenses: list[Row]
    motivation_label: str
    motivation: str
    motivation_box_h: str  # twips
    wishes_label: str
    wishes: list[str]
    wishes_box_h: str


PhotoLoader = Callable[[str], bytes]


def build(app: Application, paper: str = "a4") -> RirekishoData:
    """The 履歴書 template's data for *app* (the photo read next to the record file)."""
    return rirekisho_data(app)


def rirekisho_data(app: Application, photo_loader: PhotoLoader | None = None) -> RirekishoData:
    """Everything the 履歴書 template shows, as finished display strings.

    The application's target picks the 志望動機 and the 貴院/貴社 wording;
    *photo_loader* reads ``person.photo`` (a path relative to the record
    file) and defaults to reading it next to ``record.source``; either way
    :mod:`resumegen.record.photo` checks it.
    """
    record = app.record
    era = record.options.era
    on = app.date
    person = record.person
    form = lay_out(app)
    history, page1, fit, motivation, wishes = (
        form.history,
        form.page1,
        form.page2,
        form.motivation,
        form.wishes,
    )
    photo = _photo(record, photo_loader)
    return {
        "lang": "ja",
        "era": era,
        "title": "履歴書",
        "date_line": f"{format_ja(on, era)}現在",
        "name_kana": person.name_kana or "",
        "name": person.name,
        "birth_line": _birth_line(person.birth_date, on, era),
        "gender": person.gender or "",
        "gender_note": GENDER_NOTE,
        "postal_code": f"〒{person.postal_code}" if person.postal_code else "〒",
        "address_kana": person.address_kana or "",
        "address_kana_small": text_width(person.address_kana or "") > ADDRESS_KANA_CHARS,
        "address": person.address or "",
        "address_small": text_width(person.address or "") > ADDRESS_CHARS,
        "phone": person.phone or "",
        "email": person.email or "",
        "contact_postal_code": "〒",
        "contact": "同上",
        "contact_phone": "",
        "contact_email": "",
        "photo": photo,
        "photo_note": "" if photo is not None else "\n".join(PHOTO_NOTE),
        "history": history,
        "history_page1": page1,
        "history_page2": fit.history,
        "licenses": fit.licenses,
        "motivation_label": MOTIVATION_LABEL,
        "motivation": motivation,
        "motivation_box_h": str(_twips(fit.motivation_mm)),
        "wishes_label": WISHES_LABEL,
        "wishes": wishes,
        "wishes_box_h": str(_twips(fit.wishes_mm)),
    }


# ---------------------------------------------------------------- dates


def _birth_line(birth: PartialDate | None, on: PartialDate, era: str) -> str:
    """``1984年6月15日生（満41歳）`` — the age completed on the document's date."""
    if birth is None:
        return ""
    return f"{format_ja(birth, era)}生（満{age_at(birth, on.first_day())}歳）"


def _cell_date(d: PartialDate | None, era: str) -> tuple[str, str]:
    """The 年 and 月 columns of a table line (both empty for an undated line)."""
    if d is None:
        return "", ""
    return year_ja(d, era), str(d.month)


# ---------------------------------------------------------------- 学歴・職歴


def _row(d: PartialDate | None, text: str, era: str, align: str = "left") -> Row:
    year, month = _cell_date(d, era)
    return {"year": year, "month": month, "text": text, "align": align}


def education_line(ev: EducationEvent) -> str:
    """``北東大学 医学部 医学科 卒業``, with the degree in brackets when given.

    Brackets are never nested: the degree's own （） become 〔〕 inside the outer
    pair (修了（博士〔医学〕）).
    """
    line = f"{ev.school} {ev.event}"
    if ev.degree:
        degree = ev.degree.replace("（", "〔").replace("）", "〕")
        degree = degree.replace("(", "〔").replace(")", "〕")
        line += f"（{degree}）"
    return line


def is_company(position: Position) -> bool:
    """Whether the organization is a company (入社) rather than a hospital or body (入職)."""
    org = position.organization
    if any(m in org for m in COMPANY_MARKERS):
        return True
    if any(m in org for m in MEDICAL_MARKERS):
        return False
    return "社員" in (position.employment or "")


def is_residency(position: Position) -> bool:
    """A training post (初期臨床研修, 研修医): it ends in 修了, not in a resignation."""
    return "研修" in (position.department or "") or "研修" in (position.title or "")


def entry_line(position: Position) -> str:
    """``北東大学医学部附属病院 救急科 助教として入職`` / ``… 株式会社 入社``.

    A company's department and title go on the :func:`assignment_line` under it.
    """
    org, dept, title = position.organization, position.department, position.title
    if is_company(position):
        if title and not dept:
            return f"{org} {title}として入社"
        return f"{org} 入社"
    if is_residency(position) and dept and title and dept.endswith("研修") and "研修医" in title:
        return f"{org} {dept}医として入職"  # 初期臨床研修 + 研修医 → 初期臨床研修医として入職
    parts = [org]
    if dept:
        parts.append(dept)
    parts.append(f"{title}として入職" if title else "入職")
    return " ".join(parts)


def assignment_line(position: Position) -> str:
    """The undated line under a company's 入社: ``不整脈事業部にクリニカルスペシャリストとして配属``."""
    dept, title = position.department, position.title
    if not is_company(position) or not dept:
        return ""
    return f"{dept}に{title}として配属" if title else f"{dept}に配属"


def closing_line(app: Application, position: Position) -> str:
    """How an ended position closes: the user's exit_note, 研修 修了, or the application's exit line.

    The exit line is the one wording of the leaving fact the whole packet uses
    (医局人事により退職 …), else 一身上の都合により退職.
    """
    if position.exit_note:
        return position.exit_note
    if is_residency(position):
        programme = position.department if "研修" in (position.department or "") else "研修"
        return f"{programme} 修了"
    return app.exit_line(position)


def history_positions(record: Record) -> list[Position]:
    """The positions as the 履歴書 lists them: oldest first, a current one after an ended one."""
    return sorted(record.work, key=lambda p: (p.start, p.end is None, p.end))


def history_rows(app: Application, hidden: frozenset[int] = frozenset()) -> list[Row]:
    """The 学歴・職歴 lines in order, ending with 以上 (not yet padded to the page).

    *hidden* holds indices into :func:`history_positions`: each run of hidden
    positions is printed as one line 「（詳細は職務経歴書に記載）」.
    """
    record = app.record
    era = record.options.era
    rows = [_row(None, "学歴", era, "center")]
    rows += [_row(ev.date, education_line(ev), era) for ev in _by_date(record.education)]
    rows.append(blank_row())
    rows.append(_row(None, "職歴", era, "center"))
    positions = history_positions(record)
    if not positions:
        rows.append(_row(None, "なし", era))
    for i, p in enumerate(positions):
        if i in hidden:
            if i - 1 not in hidden:
                rows.append(_row(None, SUMMARY_LINE, era))
            continue
        rows.append(_row(p.start, entry_line(p), era))
        assigned = assignment_line(p)
        if assigned:
            rows.append(_row(None, assigned, era))
        if p.end is None:
            rows.append(_row(None, "現在に至る", era))
        else:
            rows.append(_row(p.end, closing_line(app, p), era))
    rows.append(_row(None, "以上", era, "right"))
    return rows


@dataclass(frozen=True)
class Form:
    """The whole form as laid out: what each table and box holds, and what was summarised."""

    history: list[Row]  # every line, unpadded
    page1: list[Row]
    page2: PageTwo
    motivation: str
    wishes: list[str]
    hidden: tuple[Position, ...]  # positions summarised into 「（詳細は職務経歴書に記載）」
    self_pr_left_out: bool  # the 自己PR did not fit after the 志望動機


def _try(
    app: Application,
    hidden: frozenset[int],
    licenses: list[Row],
    motivation: str,
    wishes: list[str],
) -> tuple[list[Row], list[Row], PageTwo]:
    history = history_rows(app, hidden)
    page1, rest = split_history(history)
    return history, page1, fit_page_two(rest, licenses, motivation, wishes)


def lay_out(app: Application) -> Form:
    """The two pages of the form for *app*: never a third page, never a line cut short.

    The 自己PR follows the 志望動機 only when both fit the box at its printed
    height and the page still fits. When the history is longer than the form,
    positions are summarised from the second oldest onwards (the first and
    the most recent ones stay) until the two pages hold it.
    """
    record = app.record
    era = record.options.era
    licenses = [license_row(lic, era) for lic in _by_date(record.licenses)]
    if not licenses:
        licenses = [_row(None, NO_LICENCE, era)]
    wishes = wish_lines(app)
    own = join_folded(app.motivation)
    pr = app.self_pr.text  # this application's 自己PR, the one its 職務経歴書 prints
    both = f"{own}\n{pr}" if own and pr else own or pr
    motivation = both
    history, page1, page2 = _try(app, frozenset(), licenses, motivation, wishes)
    if own and pr and (box_need([both]) > MOTIVATION_MM or not page2.fits):
        motivation = own
        history, page1, page2 = _try(app, frozenset(), licenses, motivation, wishes)
    positions = history_positions(record)
    hidden: frozenset[int] = frozenset()
    for k in range(1, len(positions) - 1):
        if page2.fits:
            break
        hidden = frozenset(range(1, 1 + k))
        history, page1, page2 = _try(app, hidden, licenses, motivation, wishes)
    return Form(
        history=history,
        page1=page1,
        page2=page2,
        motivation=motivation,
        wishes=wishes,
        hidden=tuple(positions[i] for i in sorted(hidden)),
        self_pr_left_out=bool(own and pr and motivation == own),
    )


def form_findings(app: Application) -> list[Finding]:
    """What the 履歴書 of *app* leaves off or summarises, as ``resumegen check`` info findings."""
    if app.lang != "ja":
        return []
    form = lay_out(app)
    say = audit_messages(app.lang).say
    record = app.record
    out = []
    if form.hidden:
        index = {id(p): i for i, p in enumerate(record.work)}
        paths = sorted(index[id(p)] for p in form.hidden)
        names = "、".join(p.organization for p in form.hidden)
        path = f"work[{paths[0]}]"
        line, column = record.where(path)
        out.append(
            Finding(
                "info",
                path,
                say("rirekisho_summarised", count=str(len(form.hidden)), names=names),
                say("rirekisho_summarised_fix", line=SUMMARY_LINE),
                line,
                column,
            )
        )
    if form.self_pr_left_out:
        line, column = record.where("self_pr")
        out.append(
            Finding(
                "info",
                "self_pr",
                say("rirekisho_no_self_pr"),
                say("rirekisho_no_self_pr_fix"),
                line,
                column,
            )
        )
    return out


def _twips(value_mm: float) -> int:
    return round(value_mm * 1440 / 25.4)


def _by_date(items: Any) -> list[Any]:
    """Oldest first (the 履歴書 is always chronological); stable for equal dates."""
    return sorted(items, key=lambda x: x.date)


# ---------------------------------------------------------------- 免許・資格


def license_verb(name: str) -> str:
    """合格 for an examination or graded test, 取得 otherwise; nothing if the name already says it."""
    if name.endswith(DONE_SUFFIXES):
        return ""
    if any(m in name for m in PASS_MARKERS) or name.endswith("級"):
        return "合格"
    return "取得"


def license_text(lic: License) -> str:
    """``医師免許 取得（医籍登録番号 第512345号）``: name, verb, and the number with its register."""
    name = license_name_ja(lic)
    verb = license_verb(name)
    text = f"{name} {verb}" if verb else name
    if lic.number:
        text += f"（{license_number(lic)}）"
    return text


def license_row(lic: License, era: str) -> Row:
    return _row(lic.date, license_text(lic), era)


# ---------------------------------------------------------------- 志望動機・本人希望


def wish_value(key: str, value: str, era: str) -> str:
    """A wish as printed; a start date typed as ``2026-04`` follows the document's year system."""
    if key == "start":
        try:
            return format_ja(parse_date(value), era)
        except DateError:  # not a date: print the user's words as typed
            return value
    return value


def wish_lines(app: Application) -> list[str]:
    """「貴院の規定に従います。」, then ``勤務地：…`` for each printable wish in the record's order.

    Money and duty terms are never printed here (:mod:`resumegen.enrich.wishes`).
    """
    era = app.record.options.era
    lines = [f"{app.honorific}の規定に従います。"]
    lines += [
        f"{wish.label}：{wish_value(wish.key, wish.value, era)}"
        for wish in app.wishes
        if wish.printed
    ]
    return lines


# ---------------------------------------------------------------- photo


def _photo(record: Record, loader: PhotoLoader | None) -> Image | None:
    """The photo as an engine image fitted into the box, or None (the box then shows its guidance)."""
    if not record.options.photo:
        return None
    photo = load_photo(record, read=loader)
    if photo is None:
        return None
    width, height = fit_photo((photo.width, photo.height))
    return Image(photo.data, width, height)


def fit_photo(size: tuple[int, int] | None) -> tuple[float, float]:
    """Width and height in mm that fit inside the 30×40 mm box without distorting the picture."""
    box_w, box_h = PHOTO_FIT_MM
    if size is None:
        return box_w, box_h
    w, h = size
    scale = min(box_w / w, box_h / h)
    return round(w * scale, 2), round(h * scale, 2)
