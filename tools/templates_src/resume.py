"""Template source of the English résumé (``templates/en/resume.docx``).

One column, Calibri 10.5 pt, section titles with a rule under them, dates on a
right tab stop. The page size comes from the view model (A4 or US Letter), so
one template serves both. No photo, birth date, age or gender fields exist.
The view model is ``resumegen.render.context.resume_context``.
"""

from __future__ import annotations

from tools.docxbuild import Document

DOC = "resume"
LANGS = ("en",)

MARGIN_MM = 18.0
RIGHT_TAB_MM = 210.0 - 2 * MARGIN_MM  # flush right on A4; inside the margin on Letter


def _dated(d: Document, left: str, right: str, **kw: object) -> str:
    """A line with *left* text and *right* text (a date) on the right tab stop."""
    return d.p(
        d.run(left, bold=True),
        "<w:r><w:tab/></w:r>",
        d.run(right),
        tabs_mm=[("right", RIGHT_TAB_MM)],
        keep_next=True,
        **kw,  # type: ignore[arg-type]
    )


def build(lang: str = "en") -> bytes:
    if lang != "en":
        raise ValueError("the résumé template is English")
    d = Document(
        lang="en",
        margins_mm=(16, MARGIN_MM, 16, MARGIN_MM),
        header_mm=8,
        footer_mm=8,
        title="Résumé",
        page_size_tags=("{{ page_w }}", "{{ page_h }}"),
    )
    d.add(
        d.p("{{ name }}", style="Name", align="center"),
        d.p("{{ contact_line }}", align="center", size=9.5, after=6),
        d.tag("{%p if summary %}"),
        d.p("Summary", style="Heading1"),
        d.p("{{ summary }}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if positions %}"),
        d.p("Experience", style="Heading1"),
        d.tag("{%p for pos in positions %}"),
        _dated(d, "{{ pos.title }}", "{{ pos.dates }}", before=4),
        d.p("{{ pos.organization_line }}", italic=True, keep_next=True, after=2),
        d.tag("{%p for b in pos.bullets %}"),
        d.p("{{ b }}", style="ListBullet"),
        d.tag("{%p endfor %}"),
        d.tag("{%p endfor %}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if education %}"),
        d.p("Education", style="Heading1"),
        d.tag("{%p for e in education %}"),
        _dated(d, "{{ e.line }}", "{{ e.year }}"),
        d.tag("{%p endfor %}"),
        d.tag("{%p endif %}"),
        d.tag("{%p if licenses %}"),
        d.p("Licences and Certifications", style="Heading1"),
        d.tag("{%p for lic in licenses %}"),
        d.p(
            d.run("{{ lic.name }}"),
            "<w:r><w:tab/></w:r>",
            d.run("{{ lic.date }}"),
            tabs_mm=[("right", RIGHT_TAB_MM)],
        ),
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
