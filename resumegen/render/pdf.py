"""PDF through LibreOffice: every .docx of a packet in ONE ``soffice`` run.

Why one run: LibreOffice takes seconds to start and converts a file in a
fraction of that, so a packet of four documents costs one start-up.

Why a private profile and a private font configuration: a user's running
LibreOffice (or a parallel batch worker) would otherwise lock the shared
profile, and on Linux the Japanese faces named in our templates (游明朝,
游ゴシック, or MS 明朝 / MS ゴシック in a user's own) are not installed; the
fontconfig file shipped beside this module (``fonts.conf``), used only by this
child process, maps them to installed Japanese fonts (IPAex, IPA, Noto CJK)
so that 明朝 stays 明朝 and ゴシック stays ゴシック instead of falling back to
a Chinese face or one face for everything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePath

from resumegen.errors import ConversionError
from resumegen.text import excerpt

__all__ = ["FONTS_CONF", "PDF_FOLDER_PREFIX", "PdfError", "convert_to_pdf", "find_soffice"]

MISSING = "PDF output needs LibreOffice: install libreoffice-writer (soffice on PATH)"
TIMEOUT_S = 180.0
# Each conversion works in ``<TMPDIR>/resumegen-pdf-…``; a batch run removes
# those a killed run left (resumegen.batch.pdf).
PDF_FOLDER_PREFIX = "resumegen-pdf-"

_CANDIDATES = (
    "soffice",
    "libreoffice",
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)

# The font configuration LibreOffice gets (FONTCONFIG_FILE): the system's plus our aliases.
FONTS_CONF = Path(__file__).with_name("fonts.conf")


class PdfError(ConversionError):
    """LibreOffice ran but did not produce every PDF."""


def find_soffice(path_env: str | None = None) -> str | None:
    """The LibreOffice executable: on *path_env* (default: PATH) or a usual install place."""
    for name in _CANDIDATES:
        found = shutil.which(name, path=path_env)
        if found:
            return found
    return None


def _safe_name(name: str) -> str:
    """Only the base name of *name*: nothing escapes the temporary folder."""
    base = PurePath(name.replace("\\", "/")).name
    if not base or base in (".", "..") or not base.lower().endswith(".docx"):
        raise ValueError(f"not a .docx file name: {name!r}")
    return base


def convert_to_pdf(files: Mapping[str, bytes], *, soffice: str | None = None) -> dict[str, bytes]:
    """``{"x.docx": bytes}`` → ``{"x.pdf": bytes}`` with one LibreOffice run.

    Raises :class:`ConversionError` when LibreOffice is missing and :class:`PdfError`
    (with soffice's own message) when it fails, times out or skips a file.
    """
    if not files:
        return {}
    exe = soffice or find_soffice()
    if exe is None:
        raise ConversionError(MISSING)
    names = {_safe_name(n): data for n, data in files.items()}
    with tempfile.TemporaryDirectory(prefix=PDF_FOLDER_PREFIX) as tmp:
        root = Path(tmp)
        src, out, profile = root / "in", root / "out", root / "profile"
        for folder in (src, out, profile):
            folder.mkdir()
        for name, data in names.items():
            (src / name).write_bytes(data)
        env = dict(os.environ)
        env["FONTCONFIG_FILE"] = str(FONTS_CONF)
        env.pop("SAL_USE_VCLPLUGIN", None)
        cmd = [
            exe,
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(src / n) for n in names),
        ]
        try:
            proc = subprocess.run(
                cmd, capture_output=True, timeout=TIMEOUT_S, env=env, cwd=tmp, check=False
            )
        except FileNotFoundError as exc:
            raise ConversionError(MISSING) from exc
        except subprocess.TimeoutExpired as exc:
            raise PdfError(
                f"LibreOffice did not finish converting to PDF within {TIMEOUT_S:.0f} s"
            ) from exc
        result: dict[str, bytes] = {}
        missing = []
        for name in names:
            pdf = out / (name[: -len(".docx")] + ".pdf")
            if pdf.is_file() and pdf.stat().st_size > 0:
                result[pdf.name] = pdf.read_bytes()
            else:
                missing.append(name)
        if missing:
            detail = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip()
            detail = excerpt(" ".join(detail.split()), 240) or f"exit status {proc.returncode}"
            raise PdfError(f"LibreOffice could not convert {', '.join(missing)} to PDF: {detail}")
        return result
