"""Template source of the 履歴書 (``templates/ja/rirekisho.docx``), MHLW 2021 layout.

The printed form is an A3 spread; here it is two A4 pages, left half then right
half. Page 1: title and date, the photo box, ふりがな / 氏名, 生年月日 and the
optional 性別, 現住所, 連絡先, and the first rows of 学歴・職歴. Page 2: the rest
of 学歴・職歴, 免許・資格, 志望の動機 and 本人希望記入欄. The view model
(``resumegen.documents.rirekisho``) hands over finished strings and rows already
padded to the form, so this template only places them.

Rows of the personal block have exact heights so the photo box stays
縦40mm × 横30mm whatever is typed; table rows of the histories are a minimum
height, so a long line wraps instead of being cut.
"""

from __future__ import annotations

from tools.docxbuild import Document, mm

LANGS = ("ja",)

# Page: A4, narrow margins like the printed form; 175 mm × 275 mm of content.
MARGINS_MM = (12.0, 15.0, 10.0, 20.0)  # top, right, bottom, left

# Personal block grid: label | main | 性別・電話 | gap | photo (sums to 175 mm).
GRID = (18.0, 97.0, 25.0, 5.0, 30.0)
# 学歴・職歴 and 免許・資格 tables: 年 | 月 | content.
LIST_GRID = (19.0, 10.0, 146.0)
LIST_ROW_MM = 8.4
LABEL_PT = 8.0
SMALL_PT = 7.0

SOLID = ("single", 8)
THIN = ("single", 4)
DOTTED = ("dotted", 4)
NONE = ("nil", 0)


def _borders(
    top: tuple[str, int] = THIN,
    left: tuple[str, int] = THIN,
    bottom: tuple[str, int] = THIN,
    right: tuple[str, int] = THIN,
) -> dict[str, tuple[str, int]]:
    return {"top": top, "left": left, "bottom": bottom, "right": right}


def _width(first: int, span: int) -> float:
    return sum(GRID[first : first + span])


def _label(doc: Document, text: str, *, size: float = LABEL_PT, align: str | None = None) -> str:
    return doc.p(text, size=size, align=align)


def _personal_block(doc: Document) -> str:
    """Title, photo, name, birth date, address and contact, as one borderless-grid table."""
    blank = _borders(NONE, NONE, NONE, NONE)
    photo = doc.cell(
        doc.tag("{%p if photo %}"),
        doc.p("{{ photo }}", align="center", line=1.0),
        doc.tag("{%p else %}"),
        doc.p("{{ photo_note }}", size=SMALL_PT, align="center", line=1.0),
        doc.tag("{%p endif %}"),
        width_mm=GRID[4],
        vmerge="restart",
        valign="center",
        margins_mm=(0.0, 0.0),
        borders=_borders(("dashed", 4), ("dashed", 4), ("dashed", 4), ("dashed", 4)),
    )
    photo_cont = doc.cell(
        width_mm=GRID[4],
        vmerge="continue",
        borders=_borders(("dashed", 4), ("dashed", 4), ("dashed", 4), ("dashed", 4)),
    )
    gap = doc.cell(width_mm=GRID[3], borders=blank)

    title = doc.cell(
        doc.p(
            doc.run("履　歴　書", bold=True, size=18),
            "<w:r><w:tab/></w:r>",
            doc.run("{{ date_line }}"),
            tabs_mm=(("right", _width(0, 3) - 3.5),),
        ),
        width_mm=_width(0, 3),
        span=3,
        valign="bottom",
        borders=_borders(NONE, NONE, SOLID, NONE),
        margins_mm=(1.5, 1.0),
    )
    rows = [
        doc.row(title, gap, photo, height_mm=11, exact=True),
        doc.row(
            doc.cell(
                _label(doc, "ふりがな"),
                width_mm=GRID[0],
                valign="center",
                borders=_borders(SOLID, SOLID, DOTTED, NONE),
            ),
            doc.cell(
                doc.p("{{ name_kana }}", size=9),
                width_mm=_width(1, 2),
                span=2,
                valign="center",
                borders=_borders(SOLID, NONE, DOTTED, SOLID),
            ),
            gap,
            photo_cont,
            height_mm=7,
            exact=True,
        ),
        doc.row(
            doc.cell(
                _label(doc, "氏　　名"),
                width_mm=GRID[0],
                valign="center",
                borders=_borders(DOTTED, SOLID, THIN, NONE),
            ),
            doc.cell(
                doc.p("{{ name }}", size=20, indent_mm=4),
                width_mm=_width(1, 2),
                span=2,
                valign="center",
                borders=_borders(DOTTED, NONE, THIN, SOLID),
            ),
            gap,
            photo_cont,
            height_mm=22,
            exact=True,
        ),
        doc.row(
            doc.cell(
                _label(doc, "生年月日"),
                width_mm=GRID[0],
                valign="center",
                borders=_borders(THIN, SOLID, SOLID, NONE),
            ),
            doc.cell(
                doc.p("{{ birth_line }}", indent_mm=4),
                width_mm=GRID[1],
                valign="center",
                borders=_borders(THIN, NONE, SOLID, THIN),
            ),
            doc.cell(
                _label(doc, "※性別", size=SMALL_PT),
                doc.p("{{ gender }}", align="center"),
                width_mm=GRID[2],
                valign="top",
                borders=_borders(THIN, THIN, SOLID, SOLID),
            ),
            doc.cell(width_mm=_width(3, 2), span=2, borders=blank),
            height_mm=10,
            exact=True,
        ),
        doc.row(
            doc.cell(doc.p("", size=4), width_mm=175, span=5, borders=blank),
            height_mm=3,
            exact=True,
        ),
    ]
    rows += _address_rows(
        doc,
        label="現 住 所",
        kana="{{ address_kana }}",
        kana_small="address_kana_small",
        postal="{{ postal_code }}",
        body=[
            doc.tag("{%p if address_small %}"),
            doc.p("{{ address }}", indent_mm=2, size=8.5, line=1.0),
            doc.tag("{%p else %}"),
            doc.p("{{ address }}", indent_mm=2),
            doc.tag("{%p endif %}"),
        ],
        phone="{{ phone }}",
        email="{{ email }}",
        top=SOLID,
        height=15,
    )
    rows += _address_rows(
        doc,
        label="連 絡 先",
        kana="",
        postal="{{ contact_postal_code }}",
        body=[
            doc.p("{{ contact }}", indent_mm=2),
        ],
        note="（現住所以外に連絡を希望する場合のみ記入）",
        phone="{{ contact_phone }}",
        email="{{ contact_email }}",
        top=THIN,
        height=13,
        last=True,
    )
    return doc.table(rows, GRID, borders=None, cell_margin_mm=1.2)


def _address_rows(
    doc: Document,
    *,
    label: str,
    kana: str,
    postal: str,
    kana_small: str = "",
    body: list[str],
    phone: str,
    email: str,
    top: tuple[str, int],
    height: float,
    note: str = "",
    last: bool = False,
) -> list[str]:
    """ふりがな / address (〒 + text) / E-mail rows, with 電話 in the right column."""
    bottom = SOLID if last else THIN
    right_w = _width(3, 2)
    heading = [doc.p(doc.run(postal), doc.run("　" + note, size=SMALL_PT) if note else "")]
    return [
        doc.row(
            doc.cell(
                _label(doc, "ふりがな"),
                width_mm=GRID[0],
                valign="center",
                borders=_borders(top, SOLID, DOTTED, NONE),
            ),
            doc.cell(
                *_kana(doc, kana, kana_small),
                width_mm=_width(1, 2),
                span=2,
                valign="center",
                borders=_borders(top, NONE, DOTTED, THIN),
            ),
            doc.cell(
                _label(doc, "電話"),
                width_mm=right_w,
                span=2,
                valign="center",
                borders=_borders(top, THIN, DOTTED, SOLID),
            ),
            height_mm=6,
            exact=True,
        ),
        doc.row(
            doc.cell(
                _label(doc, label),
                width_mm=GRID[0],
                valign="center",
                borders=_borders(DOTTED, SOLID, THIN, NONE),
            ),
            doc.cell(
                *heading,
                *body,
                width_mm=_width(1, 2),
                span=2,
                valign="top",
                margins_mm=(1.2, 0.8),
                borders=_borders(DOTTED, NONE, THIN, THIN),
            ),
            doc.cell(
                doc.p(phone, size=9.5, align="center"),
                width_mm=right_w,
                span=2,
                valign="center",
                borders=_borders(DOTTED, THIN, THIN, SOLID),
            ),
            height_mm=height,
            exact=True,
        ),
        doc.row(
            doc.cell(
                _label(doc, "E-mail"),
                width_mm=GRID[0],
                valign="center",
                borders=_borders(THIN, SOLID, bottom, NONE),
            ),
            doc.cell(
                doc.p(email, indent_mm=2),
                width_mm=_width(1, 4),
                span=4,
                valign="center",
                borders=_borders(THIN, NONE, bottom, SOLID),
            ),
            height_mm=7,
            exact=True,
        ),
    ]


def _kana(doc: Document, kana: str, small_flag: str) -> list[str]:
    """The ふりがな of an address: one line, or two smaller ones when *small_flag* is set."""
    if not kana:
        return [doc.p("")]
    if not small_flag:
        return [doc.p(kana, size=8.5)]
    return [
        doc.tag(f"{{%p if {small_flag} %}}"),
        doc.p(kana, size=6.5, line=0.9),
        doc.tag("{%p else %}"),
        doc.p(kana, size=8.5),
        doc.tag("{%p endif %}"),
    ]


def _list_table(doc: Document, heading: str, rows_var: str, *, aligned: bool) -> str:
    """年 | 月 | content table looping over *rows_var*; *aligned* honours row.align."""
    year_w, month_w, text_w = LIST_GRID
    head = doc.row(
        doc.cell(_label(doc, "年", align="center"), width_mm=year_w, valign="center"),
        doc.cell(_label(doc, "月", align="center"), width_mm=month_w, valign="center"),
        doc.cell(_label(doc, heading, align="center"), width_mm=text_w, valign="center"),
        height_mm=7,
        exact=True,
        header=True,
    )
    if aligned:
        content = [
            doc.tag("{%p if row.align == 'center' %}"),
            doc.p("{{ row.text }}", align="center"),
            doc.tag("{%p elif row.align == 'right' %}"),
            doc.p("{{ row.text }}", align="right"),
            doc.tag("{%p else %}"),
            doc.p("{{ row.text }}"),
            doc.tag("{%p endif %}"),
        ]
    else:
        content = [doc.p("{{ row.text }}")]
    year = [
        doc.tag("{%p if era == 'wareki' %}"),
        doc.p("{{ row.year }}", align="right"),
        doc.tag("{%p else %}"),
        doc.p("{{ row.year }}", align="center"),
        doc.tag("{%p endif %}"),
    ]
    body = doc.row(
        doc.cell(*year, width_mm=year_w, valign="center", margins_mm=(2.0, 0.3)),
        doc.cell(doc.p("{{ row.month }}", align="center"), width_mm=month_w, valign="center"),
        doc.cell(*content, width_mm=text_w, valign="center", margins_mm=(2.0, 0.3)),
        height_mm=LIST_ROW_MM,
    )
    rows = [
        head,
        doc.tag_row(f"{{%tr for row in {rows_var} %}}", 3),
        body,
        doc.tag_row("{%tr endfor %}", 3),
    ]
    return doc.table(rows, LIST_GRID, border_size=6)


def _box(doc: Document, label: str, content: list[str], height_mm: float, height_var: str) -> str:
    """A labelled free-text box (志望の動機, 本人希望記入欄) in one cell.

    One cell, because a row never splits across pages: the label always stays
    with its text when a long history pushes the box down. Its minimum height
    is the view model's *height_var* (in twips): the form's height, less when
    a long history crowds page 2; *height_mm* only seeds the builder's row.
    """
    width = sum(LIST_GRID)
    cell = doc.cell(
        doc.p(label, size=LABEL_PT, after=3),
        *content,
        width_mm=width,
        valign="top",
        margins_mm=(1.5, 0.6),
    )
    row = doc.row(cell, height_mm=height_mm).replace(
        f'w:val="{mm(height_mm)}" w:hRule="atLeast"',
        f'w:val="{{{{ {height_var} }}}}" w:hRule="atLeast"',
        1,
    )
    return doc.table([row], (width,), border_size=6)


def _spacer(doc: Document, height_pt: float = 5, *, page_break: bool = False) -> str:
    """An empty paragraph exactly *height_pt* high (tables need one between them)."""
    del doc  # same signature as the other pieces; the XML is plain
    brk = "<w:pageBreakBefore/>" if page_break else ""
    half = max(2, round(height_pt * 2))
    return (
        f'<w:p><w:pPr>{brk}<w:spacing w:before="0" w:after="0" w:line="{round(height_pt * 20)}" '
        f'w:lineRule="exact"/><w:rPr><w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'
        "</w:pPr></w:p>"
    )


def document(lang: str = "ja") -> Document:
    """The 履歴書 template as a builder :class:`Document`."""
    if lang not in LANGS:
        raise ValueError(f"the 履歴書 is a Japanese document; no template for lang {lang!r}")
    doc = Document(lang="ja", margins_mm=MARGINS_MM, header_mm=6, footer_mm=6, title="履歴書")
    doc.add(
        _personal_block(doc),
        _spacer(doc, 6),
        _list_table(doc, "学歴・職歴（各別にまとめて書く）", "history_page1", aligned=True),
        _spacer(doc, 2, page_break=True),
        _list_table(doc, "学歴・職歴（各別にまとめて書く）", "history_page2", aligned=True),
        _spacer(doc, 8),
        _list_table(doc, "免許・資格", "licenses", aligned=False),
        _spacer(doc, 8),
        _box(
            doc,
            "{{ motivation_label }}",
            [doc.p("{{ motivation }}", line=1.3, indent_mm=1.5)],
            66,
            "motivation_box_h",
        ),
        _spacer(doc, 8),
        _box(
            doc,
            "{{ wishes_label }}",
            [
                doc.tag("{%p for wish in wishes %}"),
                doc.p("{{ wish }}", line=1.3, indent_mm=1.5),
                doc.tag("{%p endfor %}"),
            ],
            54,
            "wishes_box_h",
        ),
        doc.p("{{ gender_note }}", size=SMALL_PT, before=3),
    )
    return doc


def build(lang: str = "ja") -> bytes:
    """The .docx bytes of the 履歴書 template for *lang* (only ``ja`` exists)."""
    return document(lang).to_bytes()
