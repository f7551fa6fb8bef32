"""Template source of the interview preparation sheet (``templates/<lang>/interview.docx``).

Layout: A4 portrait, 18 mm margins; sections in the order a candidate
prepares (application, self-introduction, STAR+L stories, likely questions,
questions to ask, conditions sheet, resignation checklist). STAR blocks are
two-column tables (label | text); everything the user still has to write
(``line.prompt``) is grey italic; the conditions sheet has empty columns for
what is offered and agreed. The data is ``resumegen.documents.interview.build``.
"""

from __future__ import annotations

from tools.docxbuild import Document

DOC = "interview"
LANGS = ("ja", "en")

CONTENT_MM = 174.0  # 210 mm page minus 2 × 18 mm margins
LABEL_MM = 24.0
SHADE = "E8ECF1"
GREY = "7F7F7F"
FOOTER_PT = 8.5  # the footer's name and page number: one size, one colour
STAR_MARGINS_MM = (1.8, 1.0)  # STAR rows: 1.8 mm left/right, 1 mm above and below the text

WORDS = {
    "ja": {
        "s_application": "1. 応募先",
        "s_intro": "2. 1分間の自己紹介",
        "s_stories": "3. エピソード（STAR+L）",
        "s_questions": "4. 想定質問と回答の骨子",
        "s_reverse": "5. 逆質問（応募先への質問）",
        "s_conditions": "6. 条件確認表",
        "s_checklist": "7. 退職準備チェックリスト",
        "profile": "プロフィール：",
        "families": "職種の系統：",
        "intro_note": "要約・実績・志望動機など記録の文章だけで組み立てています。声に出して時間を測ってください。",
        "stories_note": "灰色の斜体は、記録に無いため自分で書き足す部分です。",
        "where": "",
        "hint": "ねらい：",
        "reverse_note": "待遇や給与の質問は面接では避け、内定後の条件確認で聞きます。",
        "conditions_note": "提示条件・合意条件は面接後や内定後に書き込み、合意した内容は労働条件通知書など書面で受け取ります。",
        "c_item": "項目",
        "c_desired": "希望",
        "c_offered": "提示条件",
        "c_agreed": "合意条件",
        "k_done": "済",
        "k_item": "やること",
        "k_due": "期日",
        "page_sep": " / ",
        "gap": "　",
    },
    "en": {
        "s_application": "1. The application",
        "s_intro": "2. One-minute introduction",
        "s_stories": "3. Stories (STAR+L)",
        "s_questions": "4. Likely questions and answer outlines",
        "s_reverse": "5. Questions to ask the employer",
        "s_conditions": "6. Conditions sheet",
        "s_checklist": "7. Leaving checklist",
        "profile": "Profile: ",
        "families": "Role family: ",
        "intro_note": "Built only from your record's summary, results and motivation. Say it aloud and time it.",
        "stories_note": "Grey italic text is for you to fill in: the record does not say it yet.",
        "where": "",
        "hint": "",  # the English hints read as sentences of their own ("Checks whether …")
        "reverse_note": "Leave pay and benefits for the offer stage.",
        "conditions_note": "Fill in the offered and agreed columns after the interview or offer, and get the agreed terms in writing.",
        "c_item": "Item",
        "c_desired": "Your wish",
        "c_offered": "Offered",
        "c_agreed": "Agreed",
        "k_done": "Done",
        "k_item": "Task",
        "k_due": "By",
        "page_sep": " / ",
        "gap": "  ",
    },
}


def _lines(
    d: Document, var: str, *, style: str | None = None, keep_next: bool = False
) -> list[str]:
    """Paragraphs for a list of ``{"text", "prompt"}`` lines: prompts grey italic."""
    return [
        d.tag(f"{{%p for l in {var} %}}"),
        d.tag("{%p if l.prompt %}"),
        d.p("{{ l.text }}", style=style, italic=True, color=GREY, keep_next=keep_next),
        d.tag("{%p else %}"),
        d.p("{{ l.text }}", style=style, keep_next=keep_next),
        d.tag("{%p endif %}"),
        d.tag("{%p endfor %}"),
    ]


def _note(d: Document, text: str) -> str:
    """A grey note under a heading; it introduces what follows, so it keeps with it."""
    return d.p(text, size=8.5, color=GREY, after=3, keep_next=True)


def _application(d: Document, w: dict[str, str]) -> list[str]:
    return [
        d.p(w["s_application"], style="Heading1"),
        d.p("{{ application.heading }}", bold=True, heading=True, size=12),
        d.p(w["profile"], "{{ profile_label }}"),
        d.tag("{%p if application.role_families %}"),
        d.p(w["families"], "{{ application.role_families }}"),
        d.tag("{%p endif %}"),
    ]


def _intro(d: Document, w: dict[str, str]) -> list[str]:
    return [
        d.p(w["s_intro"], style="Heading1"),
        _note(d, w["intro_note"]),
        *_lines(d, "intro.lines"),
        d.p("{{ intro.length }}", align="right", size=8.5, color=GREY),
    ]


def _stories(d: Document, w: dict[str, str]) -> list[str]:
    text_mm = CONTENT_MM - LABEL_MM
    # Every paragraph of a story keeps with the next, so a story (heading, five
    # rows) moves to the next page whole instead of leaving 学び on its own.
    table = d.table(
        [
            d.tag_row("{%tr for row in s.rows %}", 2),
            d.row(
                d.cell(
                    d.p("{{ row.label }}", bold=True, heading=True, keep_next=True),
                    width_mm=LABEL_MM,
                    shade=SHADE,
                    valign="center",
                    margins_mm=STAR_MARGINS_MM,
                ),
                d.cell(
                    *_lines(d, "row.lines", keep_next=True),
                    width_mm=text_mm,
                    margins_mm=STAR_MARGINS_MM,
                ),
                cant_split=True,
            ),
            d.tag_row("{%tr endfor %}", 2),
        ],
        [LABEL_MM, text_mm],
        border_size=4,
        cell_margin_mm=1.8,
    )
    return [
        d.p(w["s_stories"], style="Heading1"),
        _note(d, w["stories_note"]),
        d.tag("{%p for s in stories %}"),
        d.p("{{ s.title }}", style="Heading2"),
        d.p("{{ s.where }}", size=9, color=GREY, keep_next=True),
        table,
        d.p(after=4),
        d.tag("{%p endfor %}"),
    ]


def _questions(d: Document, w: dict[str, str]) -> list[str]:
    return [
        d.p(w["s_questions"], style="Heading1"),
        d.tag("{%p for q in questions %}"),
        d.p("Q{{ q.number }}. {{ q.question }}", style="Heading3", bold=True),
        d.p(w["hint"], "{{ q.hint }}", size=8.5, color=GREY, keep_next=True, indent_mm=2),
        *_lines(d, "q.lines", style="ListBullet"),
        d.tag("{%p endfor %}"),
    ]


def _reverse(d: Document, w: dict[str, str]) -> list[str]:
    return [
        d.p(w["s_reverse"], style="Heading1"),
        _note(d, w["reverse_note"]),
        d.tag("{%p for r in reverse_questions %}"),
        d.p("{{ r.text }}", style="ListBullet"),
        d.tag("{%p endfor %}"),
    ]


def _conditions(d: Document, w: dict[str, str]) -> list[str]:
    widths = [58.0, 40.0, 38.0, 38.0]  # the item column holds what to confirm: give it room
    # Kept on one page like the checklist: it is taken to the offer talk as one sheet.
    head = d.row(
        *(
            d.cell(
                d.p(text, bold=True, heading=True, align="center", keep_next=True),
                width_mm=wd,
                shade=SHADE,
            )
            for text, wd in zip(
                (w["c_item"], w["c_desired"], w["c_offered"], w["c_agreed"]), widths, strict=True
            )
        ),
        header=True,
    )
    body = d.row(
        d.cell(
            d.p("{{ c.label }}", bold=True, keep_next=True),
            d.p("{{ c.confirm }}", size=8, color=GREY, keep_next=True),
            width_mm=widths[0],
        ),
        d.cell(d.p("{{ c.desired }}", keep_next=True), width_mm=widths[1]),
        d.cell(d.p("{{ c.offered }}", keep_next=True), width_mm=widths[2]),
        d.cell(d.p("{{ c.agreed }}", keep_next=True), width_mm=widths[3]),
        height_mm=14,
    )
    table = d.table(
        [head, d.tag_row("{%tr for c in conditions %}", 4), body, d.tag_row("{%tr endfor %}", 4)],
        widths,
        cell_margin_mm=1.5,
    )
    return [d.p(w["s_conditions"], style="Heading1"), _note(d, w["conditions_note"]), table]


def _checklist(d: Document, w: dict[str, str]) -> list[str]:
    widths = [15.0, 129.0, 30.0]
    # A short list to tick off: kept on one page (every row keeps with the next).
    head = d.row(
        *(
            d.cell(
                d.p(text, bold=True, heading=True, align="center", keep_next=True),
                width_mm=wd,
                shade=SHADE,
            )
            for text, wd in zip((w["k_done"], w["k_item"], w["k_due"]), widths, strict=True)
        ),
        header=True,
    )
    body = d.row(
        d.cell(d.p("□", align="center", keep_next=True), width_mm=widths[0], valign="center"),
        d.cell(
            d.p("{{ k.text }}", bold=True, keep_next=True),
            d.p("{{ k.hint }}", size=8, color=GREY, keep_next=True),
            width_mm=widths[1],
        ),
        d.cell(d.p("", keep_next=True), width_mm=widths[2]),
    )
    table = d.table(
        [head, d.tag_row("{%tr for k in checklist %}", 3), body, d.tag_row("{%tr endfor %}", 3)],
        widths,
        cell_margin_mm=1.5,
    )
    return [d.p(w["s_checklist"], style="Heading1"), table]


def build(lang: str = "ja") -> bytes:
    if lang not in WORDS:
        raise ValueError(f"no interview sheet template for language {lang!r}")
    w = WORDS[lang]
    d = Document(
        lang=lang,
        margins_mm=(18, 18, 18, 18),
        header_mm=9,
        footer_mm=8,
        body_pt=10 if lang == "ja" else 10.5,
        title="面接準備シート" if lang == "ja" else "Interview preparation sheet",
    )
    d.add(
        d.p("{{ title }}", style="Title"),
        d.p("{{ date_label }} {{ date }}" + w["gap"] + "{{ name }}", align="right", after=4),
        *_application(d, w),
        *_intro(d, w),
        *_stories(d, w),
        *_questions(d, w),
        *_reverse(d, w),
        *_conditions(d, w),
        *_checklist(d, w),
    )
    d.set_footer(
        d.p(
            "{{ name }}" + w["gap"],
            d.field("PAGE", size=FOOTER_PT, color=GREY),
            w["page_sep"],
            d.field("NUMPAGES", size=FOOTER_PT, color=GREY),
            align="center",
            size=FOOTER_PT,
            color=GREY,
        )
    )
    return d.to_bytes()
