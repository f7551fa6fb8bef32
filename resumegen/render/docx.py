"""Template data → .docx bytes: find the template, render it, sandbox a user's template.

Which template is trusted is decided here: a bundled one renders in this
process (compiled once, cached); a template given by the caller, or a
user folder's file that replaces a bundled one, renders in a child process
with CPU, memory and time limits (:mod:`resumegen.render.sandbox`).
This module knows nothing of records or documents: it takes a language, a
template file name and the finished data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from resumegen.errors import TemplateError
from resumegen.render.engine import DocxTemplate
from resumegen.resources import bundled

__all__ = ["locate_template", "render_docx"]


def locate_template(
    lang: str, name: str, *, template: Path | None = None, template_dirs: Sequence[Path] = ()
) -> tuple[Path, str | None]:
    """The template to use and the parameter that supplied it (None: a bundled template).

    *template* when given, else ``<dir>/<lang>/<name>`` of the first of
    *template_dirs* that has it, else the bundled one.
    """
    if template is not None:
        if not Path(template).is_file():
            raise TemplateError(
                f"template not found: {template}", template=str(template), param="template"
            )
        return Path(template), "template"
    relative = f"{lang}/{name}"
    for folder in template_dirs:
        candidate = Path(folder) / relative
        if candidate.is_file():
            return candidate, "template_dirs"
    candidate = bundled("templates") / relative
    if candidate.is_file():
        return candidate, None
    raise TemplateError(
        f"no template {relative} in the template folders", template=relative, param="template_dirs"
    )


def render_docx(
    path: Path, data: Mapping[str, Any], *, param: str | None = None, keep_words: bool = False
) -> bytes:
    """Render the template at *path* with *data*; a user's template (*param* set) is sandboxed."""
    if param is None:  # a bundled template: every value escaped, no raw markup
        return DocxTemplate.load(path).render(data, check_xml=False, keep_words=keep_words)
    from resumegen.render.sandbox import render_isolated  # only for a user's template

    return render_isolated(path, data, param=param, keep_words=keep_words)
