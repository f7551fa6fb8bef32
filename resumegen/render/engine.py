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

Templates compile in an :class:`ImmutableSandboxedEnvironment` with
:class:`~jinja2.StrictUndefined` (a misspelt name is an error, not an empty
string). The environment is hardened so that even COMPILING a hostile template
is cheap: jinja normally folds constant expressions at compile time, which
would evaluate ``{{ 'x' * 10**10 }}`` or ``{{ 'x'|center(10**10) }}`` while
loading; here nothing is folded, and ``*``, ``**`` and ``%`` refuse results
too large for a document (the ``format`` filter too). Every rendered part
must be well-formed XML without a DOCTYPE and within :data:`MAX_RENDERED_PART_BYTES`
(the document within :data:`MAX_DOCUMENT_BYTES`) before any byte leaves
:meth:`DocxTemplate.render`; a template whose zip entries are not plain
relative names (``../x``, ``/x``) or whose XML is malformed is refused when
loaded. A user's template still runs in a child process
with CPU and memory limits (:mod:`resumegen.render.sandbox`); the bundled ones
render here. Record text only ever arrives as context DATA: it is printed,
never compiled, so ``{{ 7*7 }}`` typed in a record prints as typed.
"""

from __future__ import annotations

import contextvars
import io
import re
import threading
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from resumegen.errors import TemplateError
from resumegen.text import keep_together

__all__ = ["DocxTemplate", "Image", "clear_cache"]

# Every ZipInfo gets this date so that equal inputs give equal bytes.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Parts that may carry tags (the body, headers, footers, and the document
# properties, whose author is the candidate). Other parts (styles, fonts,
# settings …) are static.
_TEMPLATED_PART = re.compile(
    r"^(word/(document|header\d*|footer\d*|footnotes|endnotes)|docProps/core)\.xml$"
)

# A part bigger than this, unpacked, is not a template (a zip bomb, say).
MAX_PART_BYTES = 64 * 1024 * 1024

# What a rendered part, and a whole rendered document (its XML), may hold:
# a long career is a few hundred kilobytes of XML.
MAX_RENDERED_PART_BYTES = 16 * 1024 * 1024
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

# Parts checked for well-formed XML when a template is loaded.
_XML_PART = re.compile(r"(\.xml|\.rels)$")

# The longest string or list ``*`` may build, and the largest power ``**`` may
# compute, in bits. ``%`` may not format a field 10000 characters wide.
MAX_BUILT_LENGTH = 1_000_000
MAX_POWER_BITS = 4096

# Characters XML 1.0 cannot hold (tab, LF and CR are fine).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_TEXT_OPEN = '<w:t xml:space="preserve">'
_BREAK = Markup("</w:t><w:br/>" + _TEXT_OPEN)
_TAB = Markup("</w:t><w:tab/>" + _TEXT_OPEN)

_EMU_PER_MM = 36000
_IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg"}
_REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


@dataclass(frozen=True)
class Image:
    """A picture to place with ``{{ photo }}``: raw PNG/JPEG bytes and its size."""

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
        raise ValueError("the picture is not a PNG or JPEG file (photos are checked on loading)")


@dataclass
class _RenderState:
    """What one render collects while jinja runs: pictures per part."""

    part: str = ""
    images: dict[str, list[tuple[str, str, Image]]] = field(default_factory=dict)
    counter: int = 0
    keep_together: bool = False  # Japanese text: hold a short word to its number


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


@jinja2.pass_context
def _finalize(context: Context, value: Any) -> Any:
    """Turn a printed value into safe WordprocessingML text (runs before escaping).

    It takes the context only so that jinja cannot fold constant output at
    compile time (see the module docstring); the context is not used.
    """
    if value is None:
        return ""
    if isinstance(value, Image):
        return _drawing(value)
    if isinstance(value, Markup):
        return value
    text = _XML_INVALID.sub("", str(value))  # a StrictUndefined raises here
    state = _STATE.get()
    if state is not None and state.keep_together:
        text = keep_together(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = escape(text)
    if "\n" in out:
        out = Markup(out.replace("\n", _BREAK))
    if "\t" in out:
        out = Markup(out.replace("\t", _TAB))
    return out


_FORMAT_WIDTH = re.compile(r"%[^a-zA-Z%]*?(?:\*|\d{5,})")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**`` and ``%`` whose result would not fit in a document."""
    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            sized = isinstance(seq, (str, bytes, list, tuple)) and isinstance(n, int)
            if sized and len(seq) * n > MAX_BUILT_LENGTH:
                raise SecurityError(
                    f"the template builds a value longer than {MAX_BUILT_LENGTH:,} items"
                )
    elif operator == "**":
        ints = isinstance(left, int) and isinstance(right, int)
        if ints and abs(left) > 1 and abs(left).bit_length() * abs(right) > MAX_POWER_BITS:
            raise SecurityError("the template computes a power too large for a document")
    elif operator == "%" and isinstance(left, str) and _FORMAT_WIDTH.search(left):
        raise SecurityError("the template formats a field wider than 9999 characters")


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator without its last compile-time evaluation.

    (``optimized=False`` turns off the optimizer's folding and a context-taking
    ``finalize`` the folding of constant output.) ``{% autoescape EXPR %}``
    still evaluates EXPR while compiling, so only a literal is accepted there.
    """

    def visit_EvalContextModifier(self, node: nodes.EvalContextModifier, frame: Frame) -> None:
        for keyword in node.options:
            if not isinstance(keyword.value, nodes.Const):
                self.fail("autoescape takes true or false", node.lineno)
        super().visit_EvalContextModifier(node, frame)


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, strict about undefined names, folding nothing at compile time."""

    intercepted_binops = frozenset({"*", "**", "%"})
    code_generator_class = _CodeGenerator

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)


def _format(value: Any, *args: Any, **kwargs: Any) -> str:
    """The ``format`` filter, refusing a field too wide as ``%`` does."""
    _check_binop("%", str(value), args or kwargs)
    result: str = jinja2.filters.do_format(value, *args, **kwargs)
    return result


def _environment() -> _Environment:
    env = _Environment(
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
        optimized=False,  # fold nothing while compiling (see the module docstring)
    )
    env.filters["format"] = _format
    return env


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


# ---------------------------------------------------------------- errors

# What a template's own expressions can raise while rendering (``{{ 1/0 }}``,
# ``range(10**12)``, ``{{ 'a' + 1 }}``, a macro calling itself …).
_TEMPLATE_ERRORS = (
    jinja2.TemplateError,
    ArithmeticError,
    LookupError,
    TypeError,
    ValueError,
    RecursionError,
)


def _template_line(exc: BaseException) -> int | None:
    """The template line jinja put into the traceback (the innermost one)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _where(part: str, line: int | None) -> str:
    return f"{part}, line {line}" if line else part


def _explain(exc: BaseException) -> str:
    """One line on what went wrong, in the user's terms."""
    if isinstance(exc, SecurityError):
        return f"not allowed in a template: {exc}"
    if isinstance(exc, jinja2.UndefinedError):
        return f"{exc} (resumegen.context_for(record, doc) lists what a template gets)"
    if isinstance(exc, RecursionError):
        return "the template calls itself too deeply"
    if isinstance(exc, jinja2.TemplateError):
        return f"template error: {exc}"
    return f"template error: {type(exc).__name__}: {exc}"


# ---------------------------------------------------------------- output checks


class _Doctype(Exception):
    pass


def _xml_problem(data: bytes, *, namespaces: bool = False) -> str | None:
    """Why *data* is not a well-formed XML part (a DOCTYPE counts), or None.

    With *namespaces* an undeclared prefix counts too (twice the cost: used
    when a template loads, not on every render).
    """

    def doctype(*_: object) -> None:
        raise _Doctype

    parser = expat.ParserCreate(namespace_separator=" " if namespaces else None)
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except _Doctype:
        return "it declares a DOCTYPE"
    except expat.ExpatError as exc:
        return f"{expat.errors.messages[exc.code]} at line {exc.lineno}, column {exc.offset + 1}"
    return None


def _unsafe_entry(name: str) -> bool:
    """A zip entry name that is not a plain relative path (``../x``, ``/x``, ``C:x``, ``a\\b``)."""
    parts = name.split("/")
    return (
        not name
        or "\\" in name
        or "\0" in name
        or name.startswith("/")
        or re.match(r"^[A-Za-z]:", name) is not None
        or any(part in ("", ".", "..") for part in parts[:-1])
        or parts[-1] in (".", "..")
    )


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
            raise TemplateError(f"{name} is not a Word (.docx) file", template=str(name)) from exc
        with zin:
            names = zin.namelist()
            unsafe = next((n for n in names if _unsafe_entry(n)), None)
            if unsafe is not None:
                raise TemplateError(
                    f"{name}: the entry {unsafe!r} is not a plain name inside the document",
                    template=str(name),
                )
            if "word/document.xml" not in names:
                raise TemplateError(f"{name} has no word/document.xml", template=str(name))
            for info in zin.infolist():
                if info.file_size > MAX_PART_BYTES:
                    raise TemplateError(
                        f"{name}: {info.filename} is over {MAX_PART_BYTES >> 20} MB unpacked; "
                        "that is not a document template",
                        template=str(name),
                    )
            try:
                parts = {n: zin.read(n) for n in names}
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                raise TemplateError(
                    f"{name} is a damaged .docx file: {exc}", template=str(name)
                ) from exc

        self._templates: dict[str, jinja2.Template] = {}
        self._rels: dict[str, str] = {}
        for part, raw in parts.items():
            if not _TEMPLATED_PART.match(part):
                if _XML_PART.search(part):
                    _check_part(name, part, raw)
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise TemplateError(f"{name}: {part} is not UTF-8 XML", template=str(name)) from exc
            if "{" not in text:
                _check_part(name, part, raw)
                continue
            source = preprocess(text)
            try:
                self._templates[part] = _ENV.from_string(source)
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(
                    f"{name}: {_where(part, exc.lineno)}: template error: {exc.message}",
                    template=str(name),
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
            raise TemplateError(f"template not found: {path}", template=str(path)) from exc
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
        """The parts that carry tags (``word/document.xml``, headers, footers, properties)."""
        return tuple(self._templates)

    def render(
        self, context: Mapping[str, Any], *, check_xml: bool = True, keep_words: bool = False
    ) -> bytes:
        """The filled-in .docx as bytes; equal contexts give equal bytes.

        Every rendered part is bounded in size; with *check_xml* (the default)
        it is also parsed to prove it well-formed. resumegen's own templates
        escape every value and write no raw markup, so their caller may skip
        the parse (about 0.2 ms a part); a user's template never does. With
        *keep_words* (Japanese documents) every printed value holds each
        figure to its word or counter (:func:`resumegen.text.keep_together`).
        """
        state = _RenderState(keep_together=keep_words)
        token = _STATE.set(state)
        try:
            rendered: dict[str, str] = {}
            for part, tpl in self._templates.items():
                state.part = part
                try:
                    rendered[part] = _postprocess(tpl.render(context))
                except TemplateError:
                    raise
                except _TEMPLATE_ERRORS as exc:
                    where = _where(part, _template_line(exc))
                    raise TemplateError(
                        f"{self.name}: {where}: {_explain(exc)}", template=str(self.name)
                    ) from exc
        finally:
            _STATE.reset(token)
        encoded = {part: xml.encode("utf-8") for part, xml in rendered.items()}
        self._check_rendered(encoded, check_xml)

        buf = io.BytesIO(self._static)
        buf.seek(0, io.SEEK_END)
        with zipfile.ZipFile(buf, "a") as z:
            for part, data in encoded.items():
                z.writestr(_zipinfo(part), data)
                images = state.images.get(part, [])
                rels = _add_relationships(self._rels[part], images) if images else self._rels[part]
                if images or rels != _EMPTY_RELS:
                    z.writestr(_zipinfo(_rels_name(part)), rels.encode("utf-8"))
                folder = part.rpartition("/")[0]
                for _, target, image in images:
                    z.writestr(_zipinfo(f"{folder}/{target}"), image.data)
        return buf.getvalue()

    def _check_rendered(self, encoded: Mapping[str, bytes], check_xml: bool = True) -> None:
        """Refuse a rendered part that is too large or not well-formed XML."""
        total = 0
        for part, data in encoded.items():
            total += len(data)
            if len(data) > MAX_RENDERED_PART_BYTES:
                raise TemplateError(
                    f"{self.name}: {part}: the rendered part is over "
                    f"{MAX_RENDERED_PART_BYTES >> 20} MB; a template must not build that much text",
                    template=str(self.name),
                )
            if total > MAX_DOCUMENT_BYTES:
                raise TemplateError(
                    f"{self.name}: {part}: the rendered document is over "
                    f"{MAX_DOCUMENT_BYTES >> 20} MB; a template must not build that much text",
                    template=str(self.name),
                )
            problem = _xml_problem(data) if check_xml else None
            if problem is not None:
                raise TemplateError(
                    f"{self.name}: {part}: the rendered XML is malformed ({problem}); "
                    "check the template's |safe values and raw tags",
                    template=str(self.name),
                )


def _check_part(name: str, part: str, raw: bytes) -> None:
    """Refuse a template part (not templated) that is not well-formed XML."""
    problem = _xml_problem(raw, namespaces=True)
    if problem is not None:
        raise TemplateError(
            f"{name}: {part} is not well-formed XML ({problem})", template=str(name)
        )


_CACHE: dict[tuple[str, int, int], DocxTemplate] = {}
_CACHE_LOCK = threading.Lock()


def clear_cache() -> None:
    """Forget every compiled template (tests, long-running processes)."""
    with _CACHE_LOCK:
        _CACHE.clear()
