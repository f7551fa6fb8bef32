"""A warm LibreOffice: started once, then converting documents in a fraction of a second.

LibreOffice forwards a second ``soffice`` started on the same profile to
the one already running (through its own pipe, no UNO needed): the second
one returns once the running one has written the PDFs. So :class:`Office`
starts one ``soffice --headless`` with a document open (without one,
LibreOffice quits after the first forwarded conversion), waits until that
document is open (LibreOffice's lock file for it appears), and converts each
call with a short-lived ``soffice --convert-to pdf`` on the same profile.

The server runs under a small watchdog process that stops it (terminate,
then kill its process group) and removes its folders when the pipe from this
process closes: on :meth:`Office.close`, and also when this process dies
without closing it. A server that has died is started again; a conversion
that produced nothing, or whose server died meanwhile, is retried once on a
new server. When the server cannot be started at all, each call runs
LibreOffice once, as :func:`~resumegen.render.pdf.convert_to_pdf` does.

The background server of ``resumegen office`` (:mod:`resumegen.render.daemon`)
is an :class:`Office` held by a detached process; an ``Office(shared=True)``
hands its conversions to that server while it runs.
"""

from __future__ import annotations

import contextlib
import json
import logging
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

from resumegen.errors import ConversionError
from resumegen.render import daemon, pdf
from resumegen.render.profile import Profile, claim

__all__ = ["Office", "Running"]

log = logging.getLogger(__name__)

# Seconds for a started LibreOffice to take requests, at most.
START_S = 60.0
# Seconds a server has to quit when told to, before it is killed.
STOP_S = 10.0

# The watchdog: argv is [folders to remove (JSON), soffice command ...]. It
# prints the server's pid, waits until its stdin closes or the server exits,
# then stops the server and everything it started and removes the folders.
_WATCHDOG = r"""
import json, os, shutil, signal, subprocess, sys, threading
group = hasattr(os, "killpg")
proc = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=2, stderr=2,
                        start_new_session=group)
print(proc.pid, flush=True)
def stop_when_told():
    sys.stdin.buffer.read()
    proc.terminate()
    try:
        proc.wait(float(os.environ["RESUMEGEN_STOP_S"]))
    except subprocess.TimeoutExpired:
        proc.kill()
threading.Thread(target=stop_when_told, daemon=True).start()
proc.wait()
if group:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
for folder in json.loads(sys.argv[1]):
    shutil.rmtree(folder, ignore_errors=True)
"""


class _Server:
    """One running LibreOffice under its watchdog."""

    def __init__(self, exe: str, profile: Profile) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="resumegen-office-"))
        keep = self.folder / "keep.txt"
        keep.write_text("resumegen\n", encoding="utf-8")
        self.log = self.folder / "soffice.log"
        profile.path.mkdir(mode=0o700, parents=True, exist_ok=True)
        folders = [str(self.folder)]
        if not profile.cached:
            folders.append(str(profile.path.parent))
        cmd = pdf.soffice_command(exe, profile.uri, str(keep))
        env = pdf.soffice_env()
        env["RESUMEGEN_STOP_S"] = str(STOP_S)
        with self.log.open("wb") as log_file:
            self.watchdog = subprocess.Popen(
                [sys.executable, "-c", _WATCHDOG, json.dumps(folders), *cmd],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log_file,
                env=env,
                cwd=self.folder,
                start_new_session=True,  # a Ctrl-C for this process is not the watchdog's
            )
        assert self.watchdog.stdout is not None
        line = self.watchdog.stdout.readline()
        self.pid = int(line) if line.strip().isdigit() else None
        self.ready = self.pid is not None and self._wait_ready(self.folder / f".~lock.{keep.name}#")

    def _wait_ready(self, lock: Path) -> bool:
        """Whether LibreOffice has opened the document that keeps it running (its lock file).

        A conversion handed over before that can end LibreOffice (a new profile
        is still being set up then).
        """
        deadline = time.monotonic() + START_S
        while time.monotonic() < deadline:
            if not self.alive():
                return False
            if lock.exists():
                return True
            time.sleep(0.01)
        return False

    def alive(self) -> bool:
        return self.watchdog.poll() is None

    def said(self, since: int) -> bytes:
        """What LibreOffice printed after byte *since* of its log."""
        try:
            with self.log.open("rb") as f:
                f.seek(since)
                return f.read(64 * 1024)
        except OSError:
            return b""

    def log_size(self) -> int:
        try:
            return self.log.stat().st_size
        except OSError:
            return 0

    def stop(self) -> None:
        """Stop LibreOffice and wait until the watchdog has removed its folders."""
        stdin = self.watchdog.stdin
        if stdin is not None:
            with contextlib.suppress(OSError):
                stdin.close()
        try:
            self.watchdog.wait(STOP_S + 5)
        except subprocess.TimeoutExpired:
            self.watchdog.kill()
            self.watchdog.wait()
        if self.watchdog.stdout is not None:
            self.watchdog.stdout.close()


class Running(NamedTuple):
    """A started LibreOffice: its executable, profile folder and process id."""

    soffice: str
    profile: Path
    pid: int


class Office:
    """One LibreOffice kept running for many conversions; a context manager.

    ``convert({"x.docx": bytes})`` → ``{"x.pdf": bytes}``, as
    :func:`~resumegen.render.pdf.convert_to_pdf` with the same errors; calls
    from several threads take turns. LibreOffice starts on the first call
    (or on :meth:`start`) and stops on :meth:`close` (or when the ``with``
    block ends). With *shared*, conversions go to the running ``resumegen
    office`` server while there is one, and this Office starts its own
    LibreOffice only when there is none.
    """

    def __init__(self, soffice: str | None = None, *, shared: bool = False) -> None:
        self._soffice = soffice
        self._shared = shared
        self._lock = threading.Lock()
        self._profile: Profile | None = None
        self._server: _Server | None = None
        self._warm = True
        self._closed = False

    @property
    def pid(self) -> int | None:
        """The running LibreOffice's process id; None when none is running."""
        server = self._server
        return server.pid if server is not None and server.alive() else None

    def convert(self, files: Mapping[str, bytes]) -> dict[str, bytes]:
        """``{"x.docx": bytes}`` → ``{"x.pdf": bytes}`` by the running LibreOffice."""
        if not files:
            return {}
        with self._lock:
            if self._closed:
                raise ConversionError("this Office was closed; make a new one to convert")
            if self._shared and self._server is None:
                done = daemon.convert(files, soffice=self._soffice)
                if done is not None:
                    return done
            exe, profile = self._claim()
            if not self._warm:
                return pdf.convert_once(exe, files, profile)
            server = self._running(exe, profile)
            if server is None:
                return pdf.convert_once(exe, files, profile)
            with tempfile.TemporaryDirectory(prefix=pdf.PDF_FOLDER_PREFIX) as tmp:
                names, out = pdf.stage(files, Path(tmp))
                cmd = pdf.soffice_command(
                    exe, profile.uri, *pdf.convert_args(Path(tmp), names, out)
                )
                result, missing, said = self._forward(server, cmd, names, out)
                if missing and (len(missing) == len(names) or not server.alive()):
                    log.info("LibreOffice converted nothing or stopped; starting it again")
                    self._stop()
                    server = self._running(exe, profile)
                    if server is None:
                        return pdf.convert_once(exe, files, profile)
                    result, missing, said = self._forward(server, cmd, names, out)
                if missing:
                    raise pdf.failure(missing, said, None)
                return result

    def start(self) -> Running:
        """Start LibreOffice now rather than on the first conversion; what runs.

        Raises :class:`ConversionError` when LibreOffice is missing or does
        not stay running.
        """
        with self._lock:
            if self._closed:
                raise ConversionError("this Office was closed; make a new one to start")
            exe, profile = self._claim()
            server = self._running(exe, profile) if self._warm else None
            if server is None or server.pid is None:
                raise ConversionError("LibreOffice did not stay running after it started")
            return Running(exe, profile.path, server.pid)

    def close(self) -> None:
        """Stop LibreOffice and remove its folders; later calls to :meth:`convert` fail."""
        with self._lock:
            self._closed = True
            self._stop()
            if self._profile is not None:
                self._profile.release()
                self._profile = None

    def __enter__(self) -> Office:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ inside the lock

    def _claim(self) -> tuple[str, Profile]:
        exe = self._soffice or pdf.find_soffice()
        if exe is None:
            raise ConversionError(pdf.MISSING)
        self._soffice = exe
        if self._profile is None:
            self._profile = claim(exe, pdf.FONTS_CONF)
        return exe, self._profile

    def _running(self, exe: str, profile: Profile) -> _Server | None:
        """The running server, started when there is none; None when it cannot start."""
        if self._server is not None and self._server.alive():
            return self._server
        self._stop()
        server = self._start(exe, profile)
        if not server.ready and profile.cached and not profile.renewed:
            server.stop()
            profile.renew()
            log.info("LibreOffice did not start; its profile was made anew")
            server = self._start(exe, profile)
        if not server.ready:
            server.stop()
            log.info("LibreOffice did not stay running; converting with one run a call")
            self._warm = False
            return None
        self._server = server
        log.info("LibreOffice is running (pid %s)", server.pid)
        return server

    @staticmethod
    def _start(exe: str, profile: Profile) -> _Server:
        try:
            return _Server(exe, profile)
        except OSError as exc:
            raise ConversionError(f"cannot start LibreOffice: {exc.strerror or exc}") from None

    def _forward(
        self, server: _Server, cmd: list[str], names: list[str], out: Path
    ) -> tuple[dict[str, bytes], list[str], bytes]:
        """Run *cmd*, which *server* carries out; its PDFs, the names without one, its words."""
        for old in out.iterdir():
            old.unlink()
        since = server.log_size()
        try:
            proc = pdf.run_soffice(cmd, out.parent)
        except pdf.PdfError:
            self._stop()  # a LibreOffice that does not answer is not asked again
            raise
        result, missing = pdf.collect(names, out)
        return result, missing, server.said(since) or proc.stderr or proc.stdout

    def _stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.stop()


def main(argv: list[str]) -> int:
    """``python -m resumegen.render.office IDLE_S SOFFICE``: the server of ``resumegen office``."""
    return daemon.serve(float(argv[0]), Office(argv[1]))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
