"""Template source of the English résumé (``templates/en/resume.docx``).

One column, Calibri 10.5 pt, section titles with a rule under them, dates on a
right tab stop at the end of the rule (or under a line too long to share).
The page size and the side margins come
from the view model (A4 or US Letter) so that one template serves both papers
with the same 174 mm text width. No photo, birth date, age or gender fields
exist. The view model is ``resumegen.documents.resume.build``.
"""

from __future__ import annotations

from tools.docxbuild import Document, mm

DOC = "resume"
LANGS = ("en",)

TEXT_MM = 174.0  # resumegen.documents.resume.TEXT_WIDTH_MM
TAB = "<w:r><w:tab/></w:r>"


class _Resume(Document):
    """The builder's document with the side margins taken from the view model,
    and widow and orphan control on every paragraph (the builder leaves it off,
    so a paragraph could leave one line alone at the top or foot of a page)."""

    def _styles(self) -> str:
        return (
            super()
            ._styles()
            .replace("<w:pPrDefault><w:pPr>", "<w:pPrDefault><w:pPr><w:widowControl/>", 1)
        )

    def _sect_pr(self) -> str:
        side = mm(self.margins_mm[1])
        return (
            super()
            ._sect_pr()
            .replace(f'w:right="{side}"', 'w:right="{{ margin_x }}"', 1)
            .replace(f'w:left="{side}"', 'w:left="{{ margin_x }}"', 1)
        )


def _dated(
    d: Document, left: str, right: str, fits: str, *, bold: bool = True, **kw: object
) -> list[str]:
    """*left* text with *right* text (a date) flush right on the same line.

    When the view model says the two do not fit on one line (*fits* names its
    flag), the left text gets its own paragraph and the date a right-aligned
    line under it: a right tab stop that the text has already passed makes
    Word and LibreOffice break the date in different, ugly places.
    """
    keep = bool(kw.get("keep_next"))
    before = kw.get("before")
    one_line = d.p(
        d.run(left, bold=bold),
        TAB,
        d.run(right),
        tabs_mm=[("right", TEXT_MM)],
        **kw,  # type: ignore[arg-type]
    )
    return [
        d.tag(f"{{%p if {fits} %}}"),
        one_line,
        d.tag("{%p else %}"),
        d.p(d.run(left, bold=bold), keep_next=True, before=before),  # type: ignore[arg-type]
        d.p(d.run(right), align="right", keep_next=keep),
        d.tag("{%p endif %}"),
    ]


def build(lang: str = "en") -> bytes:
    if lang != "en":
        raise ValueError("the résumé template is English")
    d = _Resume(
        lang="en",
        margins_mm=(16, 18, 16, 18),
        header_mm=8,
        footer_mm=8,
        title="Résumé",
        page_size_tags=("{{ page_w }}", "{{ page_h }}"),
    )
    d.add(
        d.p("{{ name }}", style="Name", align="center"),
        d.tag("{%p if links_line %}"),
        d.p("{{ contact_line }}", align="center", size=9.5),
        d.p("{{ links_line }}", align="center", size=9.5, after=6),
        d.tag("{%p else %}"),
        d.p("{{ contact_line }}", align="center", size=9.5, after=6),
        d.tag("{%p endif %}"),
        d.tag("{%p if summary %}"),
        d.p("Summary", style="Heading1"),
        d.p("{{ summary }}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if positions %}"),
        d.p("Experience", style="Heading1"),
        d.tag("{%p for pos in positions %}"),
        *_dated(d, "{{ pos.title }}", "{{ pos.dates }}", "pos.fits", before=4, keep_next=True),
        d.p("{{ pos.organization_line }}", italic=True, keep_next=True, after=2),
        d.tag("{%p for b in pos.bullets %}"),
        d.p("{{ b }}", style="ListBullet"),
        d.tag("{%p endfor %}"),
        d.tag("{%p endfor %}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if education %}"),
        d.p("Education", style="Heading1"),
        d.tag("{%p for e in education %}"),
        *_dated(d, "{{ e.line }}", "{{ e.year }}", "e.fits"),
        d.tag("{%p endfor %}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if licenses %}"),
        d.p("{{ licenses_heading }}", style="Heading1"),
        d.tag("{%p for lic in licenses %}"),
        *_dated(d, "{{ lic.name }}", "{{ lic.date }}", "lic.fits", bold=False),
        d.tag("{%p endfor %}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if skills %}"),
        d.p("Skills", style="Heading1"),
        d.p("{{ skills_line }}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if memberships %}"),
        d.p("Professional Memberships", style="Heading1"),
        d.p("{{ memberships_line }}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if publications %}"),
        d.p("Publications", style="Heading1"),
        d.tag("{%p for pub in publications %}"),
        d.p("{{ pub }}", style="ListBullet"),
        d.tag("{%p endfor %}"),
        d.tag("{%p endif %}"),
    )
    d.set_footer(
        d.p(
            d.run("{{ name }} \u2013 ", size=8.5, color="7F7F7F"),
            d.field("PAGE", size=8.5, color="7F7F7F"),
            d.run(" / ", size=8.5, color="7F7F7F"),
            d.field("NUMPAGES", size=8.5, color="7F7F7F"),
            style="Footer",
            align="right",
        )
    )
    return d.to_bytes()
