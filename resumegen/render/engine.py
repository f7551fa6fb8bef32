"""A small, fast, docxtpl-compatible template engine for Word documents.

Why our own: docxtpl re-parses and re-zips the whole package on every render.
Here a template is read, its tags repaired and compiled ONCE (cached per path
and mtime); the parts without tags are zipped once and reused, so a render is
one jinja pass plus the deflate of ``document.xml`` and the header/footer.

Template syntax (the docxtpl dialect):

* ``{{ expr }}`` inside a ``<w:t>``: the value, XML-escaped; ``"\\n"`` becomes a
  line break, ``"\\t"`` a tab, an :class:`Image` an inline picture.
* ``{%p ... %}`` / ``{%tr ... %}`` / ``{%tc ... %}`` / ``{%r ... %}``: the enclosing
  paragraph / table row / table cell / run is replaced by the bare tag, so a
  loop or condition repeats or drops whole paragraphs, rows, cells or runs.
* Tags that Word split across several runs are merged before compiling.

Templates compile in an :class:`ImmutableSandboxedEnvironment` because user
template folders are not trusted. Record text only ever arrives as context
DATA: it is printed, never compiled, so ``{{ 7*7 }}`` typed in a record
prints as typed.
"""

from __future__ import annotations

import contextvars
import io
import re
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from resumegen.errors import UsageError

__all__ = ["DocxTemplate", "Image", "clear_cache"]

# Every ZipInfo gets this date so that equal inputs give equal bytes.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Parts that may carry tags. Other parts (styles, fonts, settings …) are static.
_TEMPLATED_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")

# Characters XML 1.0 cannot hold (tab, LF and CR are fine).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_TEXT_OPEN = '<w:t xml:space="preserve">'
_BREAK = Markup("</w:t><w:br/>" + _TEXT_OPEN)
_TAB = Markup("</w:t><w:tab/>" + _TEXT_OPEN)

_EMU_PER_MM = 36000
_IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif"}
_REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


@dataclass(frozen=True)
class Image:
    """A picture to place with ``{{ photo }}``: raw PNG/JPEG/GIF bytes and its size."""

    data: bytes
    width_mm: float
    height_mm: float

    @property
    def extension(self) -> str:
        """The file type from the magic bytes (the name of the file is not trusted)."""
        if self.data.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if self.data.startswith(b"\xff\xd8"):
            return "jpeg"
        if self.data[:6] in (b"GIF87a", b"GIF89a"):
            return "gif"
        raise UsageError("the picture is not a PNG, JPEG or GIF file", option="photo")


@dataclass
class _RenderState:
    """What one render collects while jinja runs: pictures per part."""

    part: str = ""
    images: dict[str, list[tuple[str, str, Image]]] = field(default_factory=dict)
    counter: int = 0


_STATE: contextvars.ContextVar[_RenderState | None] = contextvars.ContextVar(
    "resumegen_render_state", default=None
)


def _drawing(image: Image) -> Markup:
    """Register *image* with the current render and return its inline drawing XML."""
    state = _STATE.get()
    if state is None:  # pragma: no cover - finalize only runs inside render()
        raise RuntimeError("Image rendered outside DocxTemplate.render")
    state.counter += 1
    n = state.counter
    rid = f"rIdRgImg{n}"
    target = f"media/rg_image{n}.{image.extension}"
    state.images.setdefault(state.part, []).append((rid, target, image))
    cx = round(image.width_mm * _EMU_PER_MM)
    cy = round(image.height_mm * _EMU_PER_MM)
    xml = (
        "</w:t><w:drawing>"
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:docPr id="{9000 + n}" name="Picture {n}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/'
        'drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:nvPicPr><pic:cNvPr id="{n}" name="image{n}.{image.extension}"/><pic:cNvPicPr/>'
        "</pic:nvPicPr>"
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        "</pic:blipFill>"
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>" + _TEXT_OPEN
    )
    return Markup(xml)


def _finalize(value: Any) -> Any:
    """Turn a printed value into safe WordprocessingML text (runs before escaping)."""
    if value is None or isinstance(value, jinja2.Undefined):
        return ""
    if isinstance(value, Image):
        return _drawing(value)
    if isinstance(value, Markup):
        return value
    text = _XML_INVALID.sub("", str(value))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = escape(text)
    if "\n" in out:
        out = Markup(out.replace("\n", _BREAK))
    if "\t" in out:
        out = Markup(out.replace("\t", _TAB))
    return out


def _environment() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        auto_reload=False,
    )


_ENV = _environment()


# ---------------------------------------------------------------- preprocessing

_QUOTES = {
    "&quot;": '"',
    "&apos;": "'",
    "&#39;": "'",
    "&#34;": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "&lt;": "<",
    "&gt;": ">",
}


def _strip_markup(m: re.Match[str]) -> str:
    """Inside one jinja tag: drop the XML that Word inserted between its pieces."""
    return re.sub(r"<[^>]*>", "", m.group(0))


def _clean_tag(m: re.Match[str]) -> str:
    """Inside one jinja tag: undo XML escaping and Word's typographic quotes."""
    text = m.group(0)
    for old, new in _QUOTES.items():
        text = text.replace(old, new)
    return text.replace("&amp;", "&")


def preprocess(xml: str) -> str:
    """Repair and reduce a part's XML to jinja source (see the module docstring)."""
    # 1. "{" and "{"/"%" split by run boundaries: glue the delimiters back together.
    xml = re.sub(r"(?<=\{)(?:<[^>]*>)+(?=[\{%#])|(?<=[%\}#])(?:<[^>]*>)+(?=\})", "", xml)
    # 2. Inside each tag, remove the XML between its pieces.
    xml = re.sub(
        r"\{%(?:(?!%\}).)*?%\}|\{\{(?:(?!\}\}).)*?\}\}|\{#(?:(?!#\}).)*?#\}",
        _strip_markup,
        xml,
        flags=re.DOTALL,
    )
    # 3. Undo escaping inside tags.
    xml = re.sub(r"(?<=\{[\{%#])(?:(?![\}%#]\}).)*", _clean_tag, xml, flags=re.DOTALL)
    # 4. {%p %}, {%tr %}, {%tc %}, {%r %}: the tag replaces its enclosing element.
    for el in ("tr", "tc", "p", "r"):
        pattern = (
            rf"<w:{el}[ >](?:(?!<w:{el}[ >]).)*?(\{{%|\{{\{{){el}\s+(.*?)(%\}}|\}}\}})"
            rf".*?</w:{el}>"
        )
        xml = re.sub(
            pattern, lambda m: f"{m.group(1)} {m.group(2)}{m.group(3)}", xml, flags=re.DOTALL
        )
    # 5. Every text element keeps its spaces (printed values may start or end with one).
    return re.sub(r"<w:t>|<w:t xml:space=\"preserve\">", _TEXT_OPEN, xml)


_EMPTY_CELL = re.compile(r"(<w:tc>|</w:tcPr>)(\s*)</w:tc>")


def _postprocess(xml: str) -> str:
    """A cell emptied by a ``{%p %}`` loop still needs one paragraph to be valid."""
    if "</w:tc>" in xml:
        xml = _EMPTY_CELL.sub(r"\1\2<w:p/></w:tc>", xml)
    return xml


# ---------------------------------------------------------------- zip helpers


def _zipinfo(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _rels_name(part: str) -> str:
    folder, _, base = part.rpartition("/")
    return f"{folder}/_rels/{base}.rels"


def _add_relationships(rels_xml: str, images: list[tuple[str, str, Image]]) -> str:
    """Append one image relationship per picture to a part's .rels XML."""
    extra = "".join(
        f'<Relationship Id="{rid}" Type="{_REL_IMAGE}" Target="{target}"/>'
        for rid, target, _ in images
    )
    return rels_xml.replace("</Relationships>", extra + "</Relationships>")


_EMPTY_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "</Relationships>"
)


def _ensure_image_types(content_types: str) -> str:
    """Declare the picture types once, so [Content_Types].xml can stay static."""
    for ext, mime in _IMAGE_TYPES.items():
        if f'Extension="{ext}"' not in content_types:
            content_types = content_types.replace(
                "</Types>",
                f'<Default Extension="{ext}" ContentType="{mime}"/></Types>',
                1,
            )
    return content_types


# ---------------------------------------------------------------- the template


class DocxTemplate:
    """A compiled Word template. Build with :meth:`load` (cached) or :meth:`from_bytes`."""

    def __init__(self, data: bytes, name: str = "<template>"):
        self.name = name
        try:
            zin = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise UsageError(f"{name} is not a Word (.docx) file", option="--template") from exc
        with zin:
            names = zin.namelist()
            if "word/document.xml" not in names:
                raise UsageError(f"{name} has no word/document.xml", option="--template")
            parts = {n: zin.read(n) for n in names}

        self._templates: dict[str, jinja2.Template] = {}
        self._rels: dict[str, str] = {}
        for part, raw in parts.items():
            if not _TEMPLATED_PART.match(part):
                continue
            text = raw.decode("utf-8")
            if "{" not in text:
                continue
            source = preprocess(text)
            try:
                self._templates[part] = _ENV.from_string(source)
            except jinja2.TemplateSyntaxError as exc:
                raise UsageError(
                    f"{name}: {part}: template error: {exc.message}", option="--template"
                ) from exc
            rels = _rels_name(part)
            self._rels[part] = parts[rels].decode("utf-8") if rels in parts else _EMPTY_RELS

        dynamic = set(self._templates) | {_rels_name(p) for p in self._templates}
        ct = parts.get("[Content_Types].xml", b"").decode("utf-8")
        if ct:
            parts["[Content_Types].xml"] = _ensure_image_types(ct).encode("utf-8")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zout:
            for part in names:
                if part not in dynamic:
                    zout.writestr(_zipinfo(part), parts[part])
        self._static = buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<template>") -> DocxTemplate:
        return cls(data, name)

    @classmethod
    def load(cls, path: str | Path) -> DocxTemplate:
        """The compiled template at *path*, reused while the file is unchanged."""
        p = Path(path).resolve()
        try:
            st = p.stat()
        except OSError as exc:
            raise UsageError(f"template not found: {path}", option="--template") from exc
        key = (str(p), st.st_mtime_ns, st.st_size)
        with _CACHE_LOCK:
            hit = _CACHE.get(key)
        if hit is not None:
            return hit
        tpl = cls(p.read_bytes(), name=str(path))
        with _CACHE_LOCK:
            for old in [k for k in _CACHE if k[0] == key[0]]:
                del _CACHE[old]
            _CACHE[key] = tpl
        return tpl

    @property
    def parts(self) -> tuple[str, ...]:
        """The parts that carry tags (``word/document.xml``, headers, footers)."""
        return tuple(self._templates)

    def render(self, context: Mapping[str, Any]) -> bytes:
        """The filled-in .docx as bytes; equal contexts give equal bytes."""
        state = _RenderState()
        token = _STATE.set(state)
        try:
            rendered: dict[str, str] = {}
            for part, tpl in self._templates.items():
                state.part = part
                try:
                    rendered[part] = _postprocess(tpl.render(context))
                except SecurityError as exc:
                    raise UsageError(
                        f"{self.name}: template is not allowed to do this: {exc}",
                        option="--template",
                    ) from exc
                except jinja2.TemplateError as exc:
                    raise UsageError(
                        f"{self.name}: {part}: template error: {exc}", option="--template"
                    ) from exc
        finally:
            _STATE.reset(token)

        buf = io.BytesIO(self._static)
        buf.seek(0, io.SEEK_END)
        with zipfile.ZipFile(buf, "a") as z:
            for part, xml in rendered.items():
                z.writestr(_zipinfo(part), xml.encode("utf-8"))
                images = state.images.get(part, [])
                rels = _add_relationships(self._rels[part], images) if images else self._rels[part]
                if images or rels != _EMPTY_RELS:
                    z.writestr(_zipinfo(_rels_name(part)), rels.encode("utf-8"))
                folder = part.rpartition("/")[0]
                for _, target, image in images:
                    z.writestr(_zipinfo(f"{folder}/{target}"), image.data)
        return buf.getvalue()


_CACHE: dict[tuple[str, int, int], DocxTemplate] = {}
_CACHE_LOCK = threading.Lock()


def clear_cache() -> None:
    """Forget every compiled template (tests, long-running processes)."""
    with _CACHE_LOCK:
        _CACHE.clear()
