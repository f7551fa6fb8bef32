"""Build every bundled Word template from its source module.

Each module ``tools/templates_src/<doc>.py`` exposes::

    LANGS: tuple[str, ...]          # the languages it builds, e.g. ("ja",)
    DOC: str                        # optional; defaults to the module name
    def build(lang: str) -> bytes   # the .docx

and this script writes ``templates/<lang>/<doc>.docx`` for each. Modules are
discovered, so each owner adds a file without editing anyone else's.

    python tools/build_templates.py            # rebuild every template
    python tools/build_templates.py --check    # exit 1 if a shipped file is stale
"""

from __future__ import annotations

import importlib
import io
import pkgutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The parts whose XML text must match; zip bytes are never compared.
COMPARED = ("word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml")


def sources() -> list[tuple[str, str, Callable[[str], bytes]]]:
    """(doc, lang, build) for every template source module, sorted."""
    import tools.templates_src as pkg

    found = []
    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"tools.templates_src.{info.name}")
        build = getattr(mod, "build", None)
        if build is None:
            continue
        doc = getattr(mod, "DOC", info.name)
        for lang in getattr(mod, "LANGS", ("ja",)):
            found.append((doc, lang, build))
    return sorted(found, key=lambda t: (t[0], t[1]))


def template_path(doc: str, lang: str, root: Path = ROOT) -> Path:
    return root / "templates" / lang / f"{doc}.docx"


def xml_parts(data: bytes) -> dict[str, str]:
    """The compared parts plus every header/footer, as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {
            n: z.read(n).decode("utf-8")
            for n in z.namelist()
            if n in COMPARED or n.startswith(("word/header", "word/footer"))
        }


def build_all(root: Path = ROOT) -> list[Path]:
    written = []
    for doc, lang, build in sources():
        path = template_path(doc, lang, root)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build(lang))
        written.append(path)
    return written


def stale(root: Path = ROOT) -> list[str]:
    """Templates whose shipped XML differs from what their source builds."""
    out = []
    for doc, lang, build in sources():
        path = template_path(doc, lang, root)
        if not path.is_file() or xml_parts(path.read_bytes()) != xml_parts(build(lang)):
            out.append(f"{lang}/{doc}.docx")
    return out


def main(argv: list[str]) -> int:
    if "--check" in argv:
        bad = stale()
        for name in bad:
            print(f"stale: templates/{name} (run python tools/build_templates.py)")
        return 1 if bad else 0
    for path in build_all():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
