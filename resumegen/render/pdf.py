"""PDF through LibreOffice: every .docx of a packet in ONE ``soffice`` run.

Why one run: LibreOffice takes a second or more to start and converts a file
in a fraction of that, so a packet of four documents costs one start-up; a
caller with many packets keeps one LibreOffice running instead
(:class:`~resumegen.render.office.Office`, ``office=``), and a user of the
command line can keep one running in the background (``resumegen office
start``, :mod:`resumegen.render.daemon`), which :func:`resumegen.packet.to_pdf`
uses before a one-shot run.

Why a private profile and a private font configuration: a user's running
LibreOffice (or a parallel batch worker) would otherwise lock the shared
profile (ours is kept in the per-user cache, one process at a time:
:mod:`resumegen.render.profile`), and on Linux the Japanese faces named in our templates (游明朝,
游ゴシック, or MS 明朝 / MS ゴシック in a user's own) are not installed; the
fontconfig file shipped beside this module (``fonts.conf``), used only by this
child process, maps them to installed Japanese fonts (IPAex, IPA, Noto CJK)
so that 明朝 stays 明朝 and ゴシック stays ゴシック instead of falling back to
a Chinese face or one face for everything.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from resumegen.errors import ConversionError
from resumegen.render.profile import Profile, claim
from resumegen.text import excerpt

if TYPE_CHECKING:
    from resumegen.render.office import Office

__all__ = ["FONTS_CONF", "PDF_FOLDER_PREFIX", "PdfError", "convert_to_pdf", "find_soffice"]

log = logging.getLogger(__name__)

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


def soffice_env() -> dict[str, str]:
    """The environment LibreOffice runs in: ours, with our font configuration."""
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    env.pop("SAL_USE_VCLPLUGIN", None)
    return env


def soffice_command(exe: str, profile_uri: str, *args: str) -> list[str]:
    """A headless ``soffice`` command line on the private profile at *profile_uri*."""
    return [
        exe,
        "--headless",
        "--norestore",
        "--nologo",
        f"-env:UserInstallation={profile_uri}",
        *args,
    ]


def convert_args(folder: Path, names: list[str], out: Path) -> list[str]:
    """The arguments that convert the staged *names* in *folder* to PDFs in *out*."""
    return ["--convert-to", "pdf", "--outdir", str(out), *(str(folder / "in" / n) for n in names)]


def stage(files: Mapping[str, bytes], folder: Path) -> tuple[list[str], Path]:
    """Write *files* into ``folder/in`` under safe names; their names and the output folder."""
    names = {_safe_name(n): data for n, data in files.items()}
    src, out = folder / "in", folder / "out"
    src.mkdir()
    out.mkdir()
    for name, data in names.items():
        (src / name).write_bytes(data)
    return list(names), out


def collect(names: Sequence[str], out: Path) -> tuple[dict[str, bytes], list[str]]:
    """The PDFs LibreOffice wrote for *names* into *out*, and the names without one."""
    result: dict[str, bytes] = {}
    missing = []
    for name in names:
        pdf = out / (name[: -len(".docx")] + ".pdf")
        if pdf.is_file() and pdf.stat().st_size > 0:
            result[pdf.name] = pdf.read_bytes()
        else:
            missing.append(name)
    return result, missing


def failure(missing: Sequence[str], output: bytes, status: int | None) -> PdfError:
    """The error for documents LibreOffice did not convert, with what it said."""
    detail = excerpt(" ".join(output.decode("utf-8", "replace").split()), 240)
    if not detail:
        detail = "it stopped" if status is None else f"exit status {status}"
    return PdfError(f"LibreOffice could not convert {', '.join(missing)} to PDF: {detail}")


def run_soffice(cmd: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run a LibreOffice command to its end, within :data:`TIMEOUT_S`."""
    try:
        return subprocess.run(
            cmd, capture_output=True, timeout=TIMEOUT_S, env=soffice_env(), cwd=cwd, check=False
        )
    except FileNotFoundError as exc:
        raise ConversionError(MISSING) from exc
    except subprocess.TimeoutExpired as exc:
        raise PdfError(
            f"LibreOffice did not finish converting to PDF within {TIMEOUT_S:.0f} s"
        ) from exc


def convert_to_pdf(
    files: Mapping[str, bytes], *, soffice: str | None = None, office: Office | None = None
) -> dict[str, bytes]:
    """``{"x.docx": bytes}`` → ``{"x.pdf": bytes}`` with one LibreOffice run.

    With *office*, the warm LibreOffice it keeps converts them; else
    LibreOffice starts for this call with the cached profile
    (:mod:`resumegen.render.profile`), which is made anew (once) when a run
    converts nothing: a damaged profile. Raises :class:`ConversionError`
    when LibreOffice is missing and :class:`PdfError` (with soffice's own
    message) when it fails, times out or skips a file.
    """
    if office is not None:
        return office.convert(files)
    if not files:
        return {}
    exe = soffice or find_soffice()
    if exe is None:
        raise ConversionError(MISSING)
    with claim(exe, FONTS_CONF) as profile:
        return convert_once(exe, files, profile)


def convert_once(exe: str, files: Mapping[str, bytes], profile: Profile) -> dict[str, bytes]:
    """One LibreOffice run on *profile* converts *files* (see :func:`convert_to_pdf`)."""
    with tempfile.TemporaryDirectory(prefix=PDF_FOLDER_PREFIX) as tmp:
        names, out = stage(files, Path(tmp))
        cmd = soffice_command(exe, profile.uri, "--nodefault", *convert_args(Path(tmp), names, out))
        proc = run_soffice(cmd, Path(tmp))
        result, missing = collect(names, out)
        if len(missing) == len(names) and profile.renew():
            log.info("LibreOffice converted nothing; its profile was made anew")
            proc = run_soffice(cmd, Path(tmp))
            result, missing = collect(names, out)
        if missing:
            raise failure(missing, proc.stderr or proc.stdout, proc.returncode)
        return result
