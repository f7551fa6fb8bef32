"""Build Word template (.docx) files as code.

Why code and not hand-edited .docx files: a template built here is reviewable
as a diff, reproducible byte for byte, and free of the clutter Word adds
(theme fonts, rsids, split runs) that breaks tags and makes LibreOffice pick
the wrong face. ``tests/unit/test_templates_built.py`` rebuilds every shipped
template and compares its XML with the file in ``templates/``.

Usage::

    doc = Document(lang="ja")
    doc.add(doc.p("職務経歴書", style="Title"))
    doc.add(doc.p("{{ as_of }}", align="right"))
    doc.add(doc.tag("{%p for pos in positions %}"))
    doc.add(doc.p("{{ pos.organization }}", style="Heading2"))
    doc.add(doc.tag("{%p endfor %}"))
    doc.set_footer(doc.p(doc.field("PAGE"), " / ", doc.field("NUMPAGES"), align="center"))
    doc.save("templates/ja/shokumu.docx")

Every builder returns an XML string, so pieces compose freely (a paragraph
goes into a cell, cells into a row, rows into a table). Every run carries its
fonts explicitly (ascii, hAnsi and eastAsia) and no style refers to theme
fonts, so Word and LibreOffice agree on the face.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

__all__ = ["Document", "FontSet", "mm", "pt"]

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}


def mm(value: float) -> int:
    """Millimetres to twentieths of a point (twips), Word's layout unit."""
    return round(value * 1440 / 25.4)


def pt(value: float) -> int:
    """Points to half-points, Word's font-size unit."""
    return round(value * 2)


def esc(text: str) -> str:
    """Escape text for an element body (quotes too, so it is safe in attributes)."""
    return _xml_escape(text, {'"': "&quot;"})


@dataclass(frozen=True)
class Face:
    """One font role: the Latin face and the East Asian face used together."""

    latin: str
    east_asia: str

    def rfonts(self) -> str:
        return (
            f'<w:rFonts w:ascii="{esc(self.latin)}" w:hAnsi="{esc(self.latin)}" '
            f'w:eastAsia="{esc(self.east_asia)}" w:cs="{esc(self.latin)}"/>'
        )


@dataclass(frozen=True)
class FontSet:
    """The body and heading faces of a document."""

    body: Face
    heading: Face

    @classmethod
    def for_lang(cls, lang: str) -> FontSet:
        if lang == "ja":
            return cls(body=Face("游明朝", "游明朝"), heading=Face("游ゴシック", "游ゴシック"))
        return cls(body=Face("Calibri", "游明朝"), heading=Face("Calibri", "游ゴシック"))


# fontTable entries: altName and charset let LibreOffice map the Japanese
# faces to an installed Japanese font (IPAex on Linux) instead of a Latin one.
_FONT_INFO = {
    "游明朝": ("Yu Mincho", "80", "roman", "02020400000000000000"),
    "游ゴシック": ("Yu Gothic", "80", "swiss", "020B0400000000000000"),
    "Calibri": ("", "00", "swiss", "020F0502020204030204"),
    "Georgia": ("", "00", "roman", "02040502050405020303"),
    "Cambria": ("", "00", "roman", "02040503050406030204"),
}

_HEADING_STYLES = ("Title", "Heading1", "Heading2", "Heading3", "Name")


class Document:
    """A .docx under construction: page setup, styles, body, header and footer."""

    def __init__(
        self,
        *,
        lang: str = "ja",
        paper: str = "a4",
        margins_mm: tuple[float, float, float, float] = (20, 20, 20, 20),
        header_mm: float = 10,
        footer_mm: float = 10,
        body_pt: float = 10.5,
        fonts: FontSet | None = None,
        title: str = "",
        grid_lines: bool = False,
        page_size_tags: tuple[str, str] | None = None,
    ):
        if paper not in PAPER_MM:
            raise ValueError(f"paper must be one of {sorted(PAPER_MM)}")
        self.lang = lang
        self.paper = paper
        self.margins_mm = margins_mm  # top, right, bottom, left
        self.header_mm = header_mm
        self.footer_mm = footer_mm
        self.body_pt = body_pt
        self.fonts = fonts or FontSet.for_lang(lang)
        self.title = title
        self.grid_lines = grid_lines
        # Jinja expressions for the page width and height in twips, so that one
        # template serves A4 and US Letter (the view model supplies the numbers).
        self.page_size_tags = page_size_tags
        self.body: list[str] = []
        self.header: str | None = None
        self.footer: str | None = None
        self.extra_styles: list[str] = []

    # ------------------------------------------------------------ text

    def run(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        color: str | None = None,
        underline: bool = False,
        heading: bool = False,
        face: Face | None = None,
        spacing: float | None = None,
    ) -> str:
        """One run of text in the body face (or *heading* face, or an explicit *face*)."""
        f = face or (self.fonts.heading if heading else self.fonts.body)
        props = [f.rfonts()]
        if bold:
            props.append("<w:b/><w:bCs/>")
        if italic:
            props.append("<w:i/><w:iCs/>")
        if color:
            props.append(f'<w:color w:val="{color}"/>')
        if spacing is not None:
            props.append(f'<w:spacing w:val="{round(spacing * 20)}"/>')
        if size is not None:
            props.append(f'<w:sz w:val="{pt(size)}"/><w:szCs w:val="{pt(size)}"/>')
        if underline:
            props.append('<w:u w:val="single"/>')
        return (
            f'<w:r><w:rPr>{"".join(props)}</w:rPr><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
        )

    def field(self, instr: str, shown: str = "1", **run_kw: object) -> str:
        """A field such as ``PAGE`` or ``NUMPAGES`` (Word and LibreOffice update it)."""
        base = self.run("", **run_kw)  # type: ignore[arg-type]
        rpr = base[len("<w:r>") : base.index("</w:rPr>") + len("</w:rPr>")]
        return (
            f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r>{rpr}<w:t>{esc(shown)}</w:t></w:r>"
            f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
        )

    def p(
        self,
        *content: str,
        style: str | None = None,
        align: str | None = None,
        before: float | None = None,
        after: float | None = None,
        line: float | None = None,
        indent_mm: float | None = None,
        hanging_mm: float | None = None,
        keep_next: bool = False,
        keep_lines: bool = False,
        page_break_before: bool = False,
        border_bottom: bool = False,
        tabs_mm: Sequence[tuple[str, float]] = (),
        **run_kw: object,
    ) -> str:
        """A paragraph. Plain strings become runs (``run_kw`` applies); XML strings
        that start with ``<`` are inserted as they are. *before*/*after* are points,
        *line* is a multiple of single spacing; *align* is left/center/right/both."""
        heading = style in _HEADING_STYLES
        runs = []
        for c in content:
            if c.startswith("<w:"):
                runs.append(c)
            elif c:
                kw = {"heading": heading, **run_kw}
                runs.append(self.run(c, **kw))  # type: ignore[arg-type]
        ppr = []
        if style:
            ppr.append(f'<w:pStyle w:val="{style}"/>')
        if keep_next:
            ppr.append("<w:keepNext/>")
        if keep_lines:
            ppr.append("<w:keepLines/>")
        if page_break_before:
            ppr.append("<w:pageBreakBefore/>")
        if border_bottom:
            ppr.append(
                '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="404040"/></w:pBdr>'
            )
        if tabs_mm:
            stops = "".join(f'<w:tab w:val="{kind}" w:pos="{mm(pos)}"/>' for kind, pos in tabs_mm)
            ppr.append(f"<w:tabs>{stops}</w:tabs>")
        if before is not None or after is not None or line is not None:
            attrs = ""
            if before is not None:
                attrs += f' w:before="{round(before * 20)}"'
            if after is not None:
                attrs += f' w:after="{round(after * 20)}"'
            if line is not None:
                attrs += f' w:line="{round(line * 240)}" w:lineRule="auto"'
            ppr.append(f"<w:spacing{attrs}/>")
        if indent_mm is not None or hanging_mm is not None:
            attrs = f' w:left="{mm(indent_mm or 0)}"'
            if hanging_mm:
                attrs += f' w:hanging="{mm(hanging_mm)}"'
            ppr.append(f"<w:ind{attrs}/>")
        if align:
            ppr.append(f'<w:jc w:val="{align}"/>')
        props = f"<w:pPr>{''.join(ppr)}</w:pPr>" if ppr else ""
        return f"<w:p>{props}{''.join(runs)}</w:p>"

    def tag(self, tag: str) -> str:
        """A paragraph holding one docxtpl paragraph/row/cell tag (``{%p for … %}``)."""
        return f'<w:p><w:r><w:t xml:space="preserve">{esc(tag)}</w:t></w:r></w:p>'

    def page_break(self) -> str:
        return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'

    # ------------------------------------------------------------ tables

    def cell(
        self,
        *paragraphs: str,
        width_mm: float | None = None,
        span: int = 1,
        vmerge: str | None = None,
        valign: str | None = None,
        shade: str | None = None,
        borders: dict[str, tuple[str, int]] | None = None,
        margins_mm: tuple[float, float] | None = None,
        no_wrap: bool = False,
        text_direction: str | None = None,
    ) -> str:
        """A table cell. *vmerge* is "restart" or "continue"; *borders* maps
        top/left/bottom/right to (style, eighths of a point), e.g. ("single", 4);
        *margins_mm* is (left/right, top/bottom); *valign* top/center/bottom."""
        tcpr = []
        if width_mm is not None:
            tcpr.append(f'<w:tcW w:w="{mm(width_mm)}" w:type="dxa"/>')
        if span > 1:
            tcpr.append(f'<w:gridSpan w:val="{span}"/>')
        if vmerge == "restart":
            tcpr.append('<w:vMerge w:val="restart"/>')
        elif vmerge == "continue":
            tcpr.append("<w:vMerge/>")
        if borders:
            sides = "".join(
                f'<w:{side} w:val="{style}" w:sz="{size}" w:space="0" w:color="000000"/>'
                for side in ("top", "left", "bottom", "right")
                if side in borders
                for style, size in [borders[side]]
            )
            tcpr.append(f"<w:tcBorders>{sides}</w:tcBorders>")
        if shade:
            tcpr.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>')
        if no_wrap:
            tcpr.append("<w:noWrap/>")
        if margins_mm is not None:
            lr, tb = margins_mm
            tcpr.append(
                f'<w:tcMar><w:top w:w="{mm(tb)}" w:type="dxa"/><w:left w:w="{mm(lr)}" '
                f'w:type="dxa"/><w:bottom w:w="{mm(tb)}" w:type="dxa"/><w:right '
                f'w:w="{mm(lr)}" w:type="dxa"/></w:tcMar>'
            )
        if text_direction:
            tcpr.append(f'<w:textDirection w:val="{text_direction}"/>')
        if valign:
            tcpr.append(f'<w:vAlign w:val="{valign}"/>')
        body = "".join(paragraphs) or "<w:p/>"
        return f"<w:tc><w:tcPr>{''.join(tcpr)}</w:tcPr>{body}</w:tc>"

    def row(
        self,
        *cells: str,
        height_mm: float | None = None,
        exact: bool = False,
        header: bool = False,
        cant_split: bool = True,
    ) -> str:
        """A table row; *exact* fixes the height, otherwise it is a minimum."""
        trpr = []
        if cant_split:
            trpr.append("<w:cantSplit/>")
        if height_mm is not None:
            rule = "exact" if exact else "atLeast"
            trpr.append(f'<w:trHeight w:val="{mm(height_mm)}" w:hRule="{rule}"/>')
        if header:
            trpr.append("<w:tblHeader/>")
        props = f"<w:trPr>{''.join(trpr)}</w:trPr>" if trpr else ""
        return f"<w:tr>{props}{''.join(cells)}</w:tr>"

    def table(
        self,
        rows: Iterable[str],
        widths_mm: Sequence[float],
        *,
        borders: str | None = "single",
        border_size: int = 4,
        inside: bool = True,
        cell_margin_mm: float = 1.5,
        align: str | None = None,
    ) -> str:
        """A fixed-layout table. *rows* are :meth:`row` strings (or tag paragraphs
        turned into rows with :meth:`tag_row`); *borders* None draws none."""
        total = sum(widths_mm)
        if borders:
            b = f'w:val="{borders}" w:sz="{border_size}" w:space="0" w:color="000000"'
            ins = b if inside else 'w:val="nil"'
            bdr = (
                f"<w:tblBorders><w:top {b}/><w:left {b}/><w:bottom {b}/><w:right {b}/>"
                f"<w:insideH {ins}/><w:insideV {ins}/></w:tblBorders>"
            )
        else:
            nil = 'w:val="nil"'
            bdr = (
                f"<w:tblBorders><w:top {nil}/><w:left {nil}/><w:bottom {nil}/><w:right {nil}/>"
                f"<w:insideH {nil}/><w:insideV {nil}/></w:tblBorders>"
            )
        m = mm(cell_margin_mm)
        jc = f'<w:jc w:val="{align}"/>' if align else ""
        tblpr = (
            f'<w:tblPr><w:tblW w:w="{mm(total)}" w:type="dxa"/>{jc}{bdr}'
            '<w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:left w:w="{m}" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/>'
            '</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        )
        grid = "".join(f'<w:gridCol w:w="{mm(w)}"/>' for w in widths_mm)
        return f"<w:tbl>{tblpr}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"

    def tag_row(self, tag: str, columns: int = 1) -> str:
        """A row holding one ``{%tr … %}`` tag (the engine replaces the whole row)."""
        return self.row(self.cell(self.tag(tag), span=columns), cant_split=False)

    # ------------------------------------------------------------ assembly

    def add(self, *xml: str) -> Document:
        self.body.extend(xml)
        return self

    def set_header(self, *paragraphs: str) -> None:
        self.header = "".join(paragraphs)

    def set_footer(self, *paragraphs: str) -> None:
        self.footer = "".join(paragraphs)

    def add_style(self, xml: str) -> None:
        """An extra ``<w:style>`` element (it must set its own rFonts)."""
        self.extra_styles.append(xml)

    def parts(self) -> dict[str, str]:
        """Every part of the package as text, in a fixed order."""
        parts: dict[str, str] = {
            "[Content_Types].xml": self._content_types(),
            "_rels/.rels": _ROOT_RELS,
            "docProps/core.xml": self._core(),
            "docProps/app.xml": _APP,
            "word/document.xml": self._document(),
            "word/_rels/document.xml.rels": self._document_rels(),
            "word/styles.xml": self._styles(),
            "word/settings.xml": self._settings(),
            "word/fontTable.xml": self._font_table(),
            "word/numbering.xml": self._numbering(),
        }
        if self.header is not None:
            parts["word/header1.xml"] = f"{_XML_DECL}<w:hdr {NS}>{self.header}</w:hdr>"
        if self.footer is not None:
            parts["word/footer1.xml"] = f"{_XML_DECL}<w:ftr {NS}>{self.footer}</w:ftr>"
        return parts

    def to_bytes(self) -> bytes:
        """The .docx; equal documents give equal bytes (fixed zip dates and order)."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name, text in self.parts().items():
                info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, text.encode("utf-8"))
        return buf.getvalue()

    def save(self, path: str | Path) -> Path:
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(self.to_bytes())
        return p

    # ------------------------------------------------------------ parts

    def _sect_pr(self) -> str:
        w, h = PAPER_MM[self.paper]
        top, right, bottom, left = self.margins_mm
        refs = ""
        if self.header is not None:
            refs += '<w:headerReference w:type="default" r:id="rIdHeader1"/>'
        if self.footer is not None:
            refs += '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
        grid = (
            '<w:docGrid w:type="lines" w:linePitch="360"/>'
            if self.grid_lines
            else '<w:docGrid w:linePitch="360"/>'
        )
        pw, ph = self.page_size_tags or (str(mm(w)), str(mm(h)))
        return (
            f'<w:sectPr>{refs}<w:pgSz w:w="{pw}" w:h="{ph}"/>'
            f'<w:pgMar w:top="{mm(top)}" w:right="{mm(right)}" w:bottom="{mm(bottom)}" '
            f'w:left="{mm(left)}" w:header="{mm(self.header_mm)}" '
            f'w:footer="{mm(self.footer_mm)}" w:gutter="0"/>{grid}</w:sectPr>'
        )

    def _document(self) -> str:
        body = "".join(self.body)
        return f"{_XML_DECL}<w:document {NS}><w:body>{body}{self._sect_pr()}</w:body></w:document>"

    def _document_rels(self) -> str:
        rels = [
            ("rIdStyles", "styles", "styles.xml"),
            ("rIdSettings", "settings", "settings.xml"),
            ("rIdFontTable", "fontTable", "fontTable.xml"),
            ("rIdNumbering", "numbering", "numbering.xml"),
        ]
        if self.header is not None:
            rels.append(("rIdHeader1", "header", "header1.xml"))
        if self.footer is not None:
            rels.append(("rIdFooter1", "footer", "footer1.xml"))
        body = "".join(
            f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"/>'
            for rid, kind, target in rels
        )
        return (
            f"{_XML_DECL}<Relationships "
            f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{body}</Relationships>"
        )

    def _content_types(self) -> str:
        wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        overrides = [
            ("/word/document.xml", f"{wml}.document.main+xml"),
            ("/word/styles.xml", f"{wml}.styles+xml"),
            ("/word/settings.xml", f"{wml}.settings+xml"),
            ("/word/fontTable.xml", f"{wml}.fontTable+xml"),
            ("/word/numbering.xml", f"{wml}.numbering+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            (
                "/docProps/app.xml",
                "application/vnd.openxmlformats-officedocument.extended-properties+xml",
            ),
        ]
        if self.header is not None:
            overrides.append(("/word/header1.xml", f"{wml}.header+xml"))
        if self.footer is not None:
            overrides.append(("/word/footer1.xml", f"{wml}.footer+xml"))
        body = (
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="png" ContentType="image/png"/>'
            '<Default Extension="jpeg" ContentType="image/jpeg"/>'
            '<Default Extension="gif" ContentType="image/gif"/>'
        )
        body += "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
        return (
            f'{_XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types">{body}</Types>'
        )

    def _core(self) -> str:
        """Title and language; the author is the candidate (``author`` in every document's data).

        English records do not say whether they are British or American: the
        language is ``en`` without a region.
        """
        return (
            f"{_XML_DECL}<cp:coreProperties "
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{esc(self.title)}</dc:title><dc:creator>{{{{ author|default('') }}}}</dc:creator>"
            "<cp:lastModifiedBy>{{ author|default('') }}</cp:lastModifiedBy>"
            f"<dc:language>{'ja-JP' if self.lang == 'ja' else 'en'}</dc:language>"
            "</cp:coreProperties>"
        )

    def _settings(self) -> str:
        ja = '<w:characterSpacingControl w:val="compressPunctuation"/>' if self.lang == "ja" else ""
        lang = "ja-JP" if self.lang == "ja" else "en-US"
        return (
            f"{_XML_DECL}<w:settings {NS}>"
            '<w:defaultTabStop w:val="840"/>'
            f"{ja}"
            '<w:compat><w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            f'<w:themeFontLang w:val="{lang}" w:eastAsia="ja-JP"/>'
            "</w:settings>"
        )

    def _font_table(self) -> str:
        names: list[str] = []
        for face in (self.fonts.body, self.fonts.heading):
            for n in (face.latin, face.east_asia):
                if n not in names:
                    names.append(n)
        entries = []
        for n in names:
            alt, charset, family, panose = _FONT_INFO.get(n, ("", "00", "auto", ""))
            parts = [f'<w:font w:name="{esc(n)}">']
            if alt:
                parts.append(f'<w:altName w:val="{alt}"/>')
            if panose:
                parts.append(f'<w:panose1 w:val="{panose}"/>')
            parts.append(f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/>')
            parts.append('<w:pitch w:val="variable"/></w:font>')
            entries.append("".join(parts))
        return f"{_XML_DECL}<w:fonts {NS}>{''.join(entries)}</w:fonts>"

    def _numbering(self) -> str:
        """Bullets: numId 1 = "•"/"–" (en) or "・"/"－" (ja) at two levels."""
        marks = ("・", "－") if self.lang == "ja" else ("•", "–")
        levels = []
        for lvl, mark in enumerate(marks):
            left = mm(5 + 5 * lvl)
            levels.append(
                f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                f'<w:lvlText w:val="{mark}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{left}" w:hanging="{mm(4)}"/></w:pPr>'
                f"<w:rPr>{self.fonts.body.rfonts()}</w:rPr></w:lvl>"
            )
        return (
            f"{_XML_DECL}<w:numbering {NS}>"
            '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
            f"{''.join(levels)}</w:abstractNum>"
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
        )

    def _styles(self) -> str:
        body, head = self.fonts.body, self.fonts.heading
        size = pt(self.body_pt)
        # Latin text is en-US in Japanese documents too, as in Word's Japanese
        # default: with ja-JP there LibreOffice breaks lines inside numbers and
        # words and ignores word joiners (resumegen.text.keep_together).
        lang = '<w:lang w:val="en-US" w:eastAsia="ja-JP"/>'

        def pstyle(
            sid: str, name: str, rpr: str, ppr: str = "", based: str = "Normal", nxt: str = "Normal"
        ) -> str:
            return (
                f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
                f'<w:basedOn w:val="{based}"/><w:next w:val="{nxt}"/><w:qFormat/>'
                f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
            )

        rule = '<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="1" w:color="404040"/></w:pBdr>'
        styles = [
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            f'<w:qFormat/><w:pPr><w:spacing w:after="0" w:line="276" w:lineRule="auto"/></w:pPr>'
            f'<w:rPr>{body.rfonts()}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>',
            pstyle(
                "Title",
                "Title",
                f'{head.rfonts()}<w:b/><w:sz w:val="{pt(16)}"/><w:szCs w:val="{pt(16)}"/>',
                '<w:spacing w:after="120"/><w:jc w:val="center"/>',
            ),
            pstyle(
                "Name",
                "Name",
                f'{head.rfonts()}<w:b/><w:sz w:val="{pt(18)}"/><w:szCs w:val="{pt(18)}"/>',
                '<w:spacing w:after="40"/>',
            ),
            pstyle(
                "Heading1",
                "heading 1",
                f'{head.rfonts()}<w:b/><w:sz w:val="{pt(12)}"/><w:szCs w:val="{pt(12)}"/>',
                f'<w:keepNext/><w:keepLines/>{rule}<w:spacing w:before="200" w:after="80"/>'
                '<w:outlineLvl w:val="0"/>',
            ),
            pstyle(
                "Heading2",
                "heading 2",
                f'{head.rfonts()}<w:b/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
                '<w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="20"/>'
                '<w:outlineLvl w:val="1"/>',
            ),
            pstyle(
                "Heading3",
                "heading 3",
                f'{head.rfonts()}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
                '<w:keepNext/><w:spacing w:before="60" w:after="0"/><w:outlineLvl w:val="2"/>',
            ),
            pstyle(
                "ListBullet",
                "List Bullet",
                body.rfonts(),
                '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
                f'<w:ind w:left="{mm(5)}" w:hanging="{mm(4)}"/>',
            ),
            pstyle(
                "ListBullet2",
                "List Bullet 2",
                body.rfonts(),
                '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'
                f'<w:ind w:left="{mm(10)}" w:hanging="{mm(4)}"/>',
            ),
            pstyle("Header", "header", body.rfonts(), "", nxt="Header"),
            pstyle("Footer", "footer", body.rfonts(), "", nxt="Footer"),
            '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
            '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
            "</w:style>",
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
            '<w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
            '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr></w:style>",
            *self.extra_styles,
        ]
        defaults = (
            f"<w:docDefaults><w:rPrDefault><w:rPr>{body.rfonts()}"
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>{lang}</w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="276" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        )
        return f"{_XML_DECL}<w:styles {NS}>{defaults}{''.join(styles)}</w:styles>"


_ROOT_RELS = (
    f"{_XML_DECL}<Relationships "
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_APP = (
    f"{_XML_DECL}<Properties "
    'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>resumegen</Application></Properties>"
)
