"""Template source of the 職務経歴書 (``templates/ja/shokumu.docx``).

Layout: A4 portrait, 20 mm margins, 10.5 pt 游明朝 body, 游ゴシック section
titles with a rule under them; the name in the header and "1 / 2" in the
footer of every page. Each position opens with a shaded bar (period and
organization). The view model is ``resumegen.render.context.shokumu_context``.
"""

from __future__ import annotations

from tools.docxbuild import Document

DOC = "shokumu"
LANGS = ("ja",)

CONTENT_MM = 170.0  # 210 mm page minus 2 × 20 mm margins
PERIOD_MM = 62.0
SHADE = "E8ECF1"


def _section(d: Document, title: str) -> str:
    return d.p(title, style="Heading1")


def _position_block(d: Document) -> list[str]:
    bar = d.table(
        [
            d.row(
                d.cell(d.p("{{ pos.period }}", bold=True), width_mm=PERIOD_MM, shade=SHADE),
                d.cell(
                    d.p("{{ pos.organization }}", bold=True, heading=True),
                    width_mm=CONTENT_MM - PERIOD_MM,
                    shade=SHADE,
                ),
            )
        ],
        [PERIOD_MM, CONTENT_MM - PERIOD_MM],
        borders=None,
        cell_margin_mm=1.5,
    )
    return [
        d.p(after=2, keep_next=True),
        bar,
        d.tag("{%p if pos.facts_line %}"),
        d.p("{{ pos.facts_line }}", before=2, indent_mm=2),
        d.tag("{%p endif %}"),
        d.tag("{%p if pos.scale %}"),
        d.p("規模：{{ pos.scale }}", indent_mm=2),
        d.tag("{%p endif %}"),
        d.tag("{%p if pos.duties %}"),
        d.p("【職務内容】", before=3, keep_next=True, heading=True),
        d.tag("{%p for duty in pos.duties %}"),
        d.p("{{ duty }}", style="ListBullet"),
        d.tag("{%p endfor %}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if pos.achievements %}"),
        d.p("【実績】", before=3, keep_next=True, heading=True),
        d.tag("{%p for a in pos.achievements %}"),
        d.p("{{ a.summary }}", style="ListBullet", keep_next=True),
        d.tag("{%p for s in a.statements %}"),
        d.p("{{ s }}", style="ListBullet2"),
        d.tag("{%p endfor %}"),
        d.tag("{%p endfor %}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if pos.leaving_line %}"),
        d.p("{{ pos.leaving_line }}", before=3, indent_mm=2),
        d.tag("{%p endif %}"),
    ]


def build(lang: str = "ja") -> bytes:
    if lang != "ja":
        raise ValueError("the 職務経歴書 is a Japanese document")
    d = Document(
        lang="ja", margins_mm=(20, 20, 18, 20), header_mm=9, footer_mm=8, title="職務経歴書"
    )
    d.add(
        d.p("{{ title }}", style="Title"),
        d.p("{{ date_line }}", align="right"),
        d.p("{{ name }}", align="right", after=4),
        d.tag("{%p if summary or target_line %}"),
        _section(d, "職務要約"),
        d.tag("{%p if summary %}"),
        d.p("{{ summary }}", indent_mm=2),
        d.tag("{%p endif %}"),
        d.tag("{%p if target_line %}"),
        d.p("{{ target_line }}", indent_mm=2, before=2),
        d.tag("{%p endif %}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if positions %}"),
        _section(d, "職務経歴"),
        d.tag("{%p for pos in positions %}"),
        *_position_block(d),
        d.tag("{%p endfor %}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if skills %}"),
        _section(d, "活かせる経験・知識・スキル"),
        d.tag("{%p for s in skills %}"),
        d.p("{{ s }}", style="ListBullet"),
        d.tag("{%p endfor %}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if licenses %}"),
        _section(d, "免許・資格"),
        d.table(
            [
                d.tag_row("{%tr for lic in licenses %}", 2),
                d.row(
                    d.cell(d.p("{{ lic.date }}"), width_mm=32),
                    d.cell(d.p("{{ lic.name }}"), width_mm=CONTENT_MM - 34),
                ),
                d.tag_row("{%tr endfor %}", 2),
            ],
            [32, CONTENT_MM - 34],
            borders=None,
            cell_margin_mm=1,
        ),
        d.tag("{%p endif %}"),
        d.tag("{%p if memberships %}"),
        _section(d, "所属学会"),
        d.p("{{ memberships_line }}", indent_mm=2),
        d.tag("{%p endif %}"),
        d.tag("{%p if publications %}"),
        _section(d, "論文・学会発表"),
        d.tag("{%p for pub in publications %}"),
        d.p("{{ pub }}", style="ListBullet"),
        d.tag("{%p endfor %}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if self_pr %}"),
        _section(d, "自己PR"),
        d.p("{{ self_pr }}", indent_mm=2, keep_next=True),
        d.tag("{%p endif %}"),
        d.p("{{ closing }}", align="right", before=6),
    )
    d.set_header(d.p("{{ name }}", style="Header", align="right", size=9, color="595959"))
    d.set_footer(
        d.p(
            d.field("PAGE", size=9),
            d.run(" / ", size=9),
            d.field("NUMPAGES", size=9),
            style="Footer",
            align="center",
        )
    )
    return d.to_bytes()
