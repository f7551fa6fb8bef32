"""Template source of the 職務経歴書 (``templates/ja/shokumu.docx``).

Layout: A4 portrait, 20 mm margins, 10.5 pt 游明朝 body, 游ゴシック section
titles with a rule under them; the name in the header and "1 / 2" in the
footer of every page. Each position opens with a shaded bar (period and
organization) that keeps with the lines under it, then 規模, 所属・役職・雇用形態,
【職務内容】, 【実績】 with the quantified statements and, for a position left,
【退職理由】 in the phrasebook's words. Section titles keep with their first
line, and 自己PR keeps with the closing 以上. The view model is
``resumegen.documents.shokumu.build``.
"""

from __future__ import annotations

from tools.docxbuild import Document

DOC = "shokumu"
LANGS = ("ja",)

CONTENT_MM = 170.0  # 210 mm page minus 2 × 20 mm margins
PERIOD_MM = 62.0
LICENSE_DATE_MM = 32.0
SHADE = "E8ECF1"
TAB = "<w:r><w:tab/></w:r>"


class _Shokumu(Document):
    """The builder's document with widow and orphan control on every paragraph.

    The builder leaves it off, so a long 職務要約 or 自己PR could leave one
    line alone at the top or the foot of a page.
    """

    def _styles(self) -> str:
        return (
            super()
            ._styles()
            .replace("<w:pPrDefault><w:pPr>", "<w:pPrDefault><w:pPr><w:widowControl/>", 1)
        )


def _section(d: Document, title: str) -> str:
    return d.p(title, style="Heading1")


def _shaded(paragraph: str, fill: str = SHADE) -> str:
    """*paragraph* with a background (the builder has no paragraph shading).

    A shaded paragraph, not a one-row table, heads each position: a paragraph
    keeps with the next one in Word and in LibreOffice alike, a table does not
    in LibreOffice, and the bar would be left alone at the foot of a page.
    """
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return paragraph.replace("<w:tabs>", shd + "<w:tabs>", 1)


def _gap(points: float) -> str:
    """An empty paragraph *points* high that keeps with the next one.

    The space around the bar lives here and not in the bar's own spacing,
    because Word paints paragraph shading over the space before and after.
    """
    return (
        f'<w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0" '
        f'w:line="{round(points * 20)}" w:lineRule="exact"/></w:pPr></w:p>'
    )


def _position_block(d: Document) -> list[str]:
    bar = _shaded(
        d.p(
            d.run("{{ pos.period }}", bold=True),
            TAB,
            d.run("{{ pos.organization }}", bold=True, heading=True),
            tabs_mm=[("left", PERIOD_MM)],
            before=0,
            after=0,
            line=1.3,
            keep_next=True,
            keep_lines=True,
        )
    )
    return [
        _gap(9),
        bar,
        _gap(2),
        d.tag("{%p if pos.scale %}"),
        d.p("規模：{{ pos.scale }}", indent_mm=2, keep_next=True),
        d.tag("{%p endif %}"),
        d.tag("{%p if pos.facts_line %}"),
        d.p("{{ pos.facts_line }}", indent_mm=2, keep_next=True),
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
        d.tag("{%p if pos.leaving_reason %}"),
        d.p("【退職理由】", before=3, keep_next=True, heading=True),
        d.p("{{ pos.leaving_reason }}", indent_mm=2),
        d.tag("{%p endif %}"),
    ]


def build(lang: str = "ja") -> bytes:
    if lang != "ja":
        raise ValueError("the 職務経歴書 is a Japanese document")
    d = _Shokumu(
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
        d.tag("{%p for lic in licenses %}"),
        d.p(
            "{{ lic.date }}",
            TAB,
            d.run("{{ lic.name }}"),
            tabs_mm=[("left", LICENSE_DATE_MM + 2)],
            indent_mm=LICENSE_DATE_MM + 2,
            hanging_mm=LICENSE_DATE_MM,
        ),
        d.tag("{%p endfor %}"),
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
