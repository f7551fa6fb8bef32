"""The background LibreOffice of ``resumegen office``: one a user, for one-shot PDFs.

A fresh ``resumegen render --pdf`` spends most of its time starting
LibreOffice. ``resumegen office start`` (:func:`start`) leaves one running
instead: a detached process (:func:`serve`, run by ``python -m
resumegen.render.office``) holding an :class:`~resumegen.render.office.Office`
on the cached profile (:mod:`resumegen.render.profile`), which stops it,
removes its folders and its state after *idle_s* seconds without a
conversion, on :func:`stop`, or when its LibreOffice dies. While it runs,
:func:`convert` (which :func:`resumegen.packet.to_pdf` tries before a
LibreOffice of its own) hands a conversion to it with a short-lived
``soffice --convert-to`` on the same profile, as the Office does.

Everything lies in ``office/`` of the private cache folder
(:func:`resumegen.datacache.private_dir`): ``state.json`` (written whole, by
the server only), ``server.lock`` (held by the server for its life: a
state whose lock nobody holds is stale and removed), ``turn.lock``
(conversions take turns; the server takes it before it stops) and ``uses``
(a byte a conversion: the count, and by its time the last use). A server
is used only when its lock is held, its LibreOffice runs as this user on
the profile the state names, and that profile is the one this LibreOffice
and font configuration are keyed to; a conversion it does not finish falls
back to a LibreOffice of its own. POSIX only (``fcntl``); elsewhere no server
runs and every conversion starts LibreOffice.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from resumegen.datacache import private_dir
from resumegen.errors import ArgumentError, ConversionError
from resumegen.render import pdf
from resumegen.render.profile import own_folder, profile_key

if TYPE_CHECKING:
    from resumegen.render.office import Running

__all__ = ["IDLE_S", "OfficeStatus", "convert", "serve", "start", "status", "stop"]

log = logging.getLogger(__name__)

# Seconds without a conversion after which the server stops itself.
IDLE_S = 30 * 60.0
# Seconds a started server has to say it runs; a stopped one to be gone.
_START_S = 90.0
_STOP_S = 30.0
_FORMAT = 1
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# The module whose ``python -m`` runs :func:`serve`.
_MODULE = "resumegen.render.office"


@dataclass(frozen=True)
class OfficeStatus:
    """A running server: its process, its LibreOffice, since when, how used."""

    pid: int
    soffice_pid: int
    soffice: str
    profile: Path
    since: float
    idle_s: float
    conversions: int
    idle_left_s: float

    def as_json(self) -> dict[str, Any]:
        return {
            "running": True,
            "pid": self.pid,
            "libreoffice_pid": self.soffice_pid,
            "soffice": self.soffice,
            "profile": str(self.profile),
            "since": self.since,
            "conversions": self.conversions,
            "idle_timeout_s": self.idle_s,
            "idle_left_s": round(self.idle_left_s, 1),
        }


# ------------------------------------------------------------------ the files


def _folder(create: bool) -> Path | None:
    """``office/`` in the private cache folder; None when it is not ours or cannot be."""
    try:
        import fcntl  # noqa: F401  (POSIX only)
    except ImportError:
        return None
    try:
        root = private_dir(create=create)
        if root is None:
            return None
        if not create and not os.path.lexists(root / "office"):
            return None
        return own_folder(root / "office")
    except OSError:
        return None


def _open_lock(folder: Path, name: str) -> int:
    return os.open(folder / name, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)


def _flock(fd: int, mode: int) -> bool:
    """Take a lock on *fd* without waiting; whether it was taken."""
    import fcntl

    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def _turn(folder: Path) -> Iterator[None]:
    """Hold ``turn.lock`` (waiting for it): one conversion at a time, none while stopping."""
    import fcntl

    fd = _open_lock(folder, "turn.lock")
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _read_state(folder: Path) -> dict[str, Any] | None:
    try:
        fd = os.open(folder / "state.json", os.O_RDONLY | _NOFOLLOW)
        with os.fdopen(fd, "rb") as f:
            state = json.loads(f.read(64 * 1024))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("format") != _FORMAT:
        return None
    kinds = {"pid": int, "soffice_pid": int, "soffice": str, "key": str, "profile": str}
    if not all(isinstance(state.get(k), t) for k, t in kinds.items()):
        return None
    if not all(isinstance(state.get(k), (int, float)) for k in ("since", "idle_s")):
        return None
    return state


def _write_state(folder: Path, state: Mapping[str, Any]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".state-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(state, f)
        os.replace(tmp, folder / "state.json")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _forget(folder: Path) -> None:
    """Remove the state and the use count (the server is gone)."""
    for name in ("state.json", "uses"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(folder / name)


def _uses(folder: Path) -> tuple[int, float | None]:
    """Conversions so far, and when the last one was (None: none yet)."""
    try:
        st = os.stat(folder / "uses", follow_symlinks=False)
    except OSError:
        return 0, None
    return st.st_size, (st.st_mtime if st.st_size else None)


def _count_use(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder / "uses", os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o600)
        try:
            os.write(fd, b".")
        finally:
            os.close(fd)


# ------------------------------------------------------------------ processes


def _process(pid: int) -> tuple[int, list[str]] | None:
    """The owner and command line of a running process; None when it does not run."""
    proc = Path(f"/proc/{pid}")
    if Path("/proc/self").is_dir():
        try:
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
            if state in ("Z", "X"):
                return None
            args = (proc / "cmdline").read_bytes().decode("utf-8", "replace").split("\0")
            return proc.stat().st_uid, [a for a in args if a]
        except (OSError, IndexError):
            return None
    try:
        out = subprocess.run(
            ["ps", "-o", "uid=,args=", "-p", str(pid)], capture_output=True, text=True, check=False
        ).stdout.split(maxsplit=1)
    except OSError:
        return None
    if len(out) != 2 or not out[0].isdigit():
        return None
    return int(out[0]), out[1].split()


def _runs(pid: object, *needles: str) -> bool:
    """Whether *pid* runs as this user with each of *needles* in its command line."""
    if not isinstance(pid, int) or pid <= 0:
        return False
    found = _process(pid)
    if found is None or found[0] != os.getuid():
        return False
    return all(any(n in arg for arg in found[1]) for n in needles)


def _server_holds_lock(folder: Path) -> bool:
    """Whether a server process holds ``server.lock`` (else any state is stale: removed)."""
    import fcntl

    fd = _open_lock(folder, "server.lock")
    try:
        if not _flock(fd, fcntl.LOCK_SH):
            return True
        _forget(folder)  # no server can start while this is held
        return False
    finally:
        os.close(fd)


def _verified(folder: Path) -> dict[str, Any] | None:
    """The state of a running server of this user that is what it says; else None."""
    state = _read_state(folder)
    if state is None or not _server_holds_lock(folder):
        return None
    uri = Path(str(state.get("profile"))).as_uri()
    if not _runs(state.get("pid"), _MODULE):
        return None
    if not _runs(state.get("soffice_pid"), f"-env:UserInstallation={uri}", "--headless"):
        return None
    return state


def _status_of(folder: Path, state: Mapping[str, Any]) -> OfficeStatus:
    conversions, last = _uses(folder)
    since = float(state["since"])
    idle_s = float(state["idle_s"])
    return OfficeStatus(
        pid=int(state["pid"]),
        soffice_pid=int(state["soffice_pid"]),
        soffice=str(state["soffice"]),
        profile=Path(str(state["profile"])),
        since=since,
        idle_s=idle_s,
        conversions=conversions,
        idle_left_s=max(0.0, idle_s - (time.time() - max(since, last or since))),
    )


# ------------------------------------------------------------------ the API


def status() -> OfficeStatus | None:
    """The running server of this user; None when there is none (stale state is removed)."""
    folder = _folder(create=False)
    if folder is None:
        return None
    state = _verified(folder)
    return None if state is None else _status_of(folder, state)


def start(idle_s: float = IDLE_S, soffice: str | None = None) -> tuple[OfficeStatus, bool]:
    """Start the server in the background; its status, and whether this call started it.

    A server that runs already is left as it is. Raises
    :class:`ConversionError` when LibreOffice is missing, the cache folder
    cannot be used or the server does not come up.
    """
    if not idle_s > 0:
        raise ArgumentError(f"the idle time must be above 0 seconds, not {idle_s}", param="idle_s")
    exe = soffice or pdf.find_soffice()
    if exe is None:
        raise ConversionError(pdf.MISSING)
    running = status()
    if running is not None:
        return running, False
    folder = _folder(create=True)
    if folder is None:
        raise ConversionError(
            "LibreOffice cannot be kept running: this system has no file locks (fcntl), "
            "or the cache folder is not a private folder of yours"
        )
    proc = subprocess.Popen(
        [sys.executable, "-m", _MODULE, str(idle_s), exe],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=folder,
        start_new_session=True,  # not stopped by the terminal or a Ctrl-C of the caller
    )
    assert proc.stdout is not None
    with proc.stdout:
        proc.wait()  # it forks the server and returns at once; the server answers below
        answer = _answer(proc.stdout.readline())
    error = answer.get("error")
    if error:
        raise ConversionError(f"LibreOffice could not be kept running: {error}")
    running = status()
    deadline = time.monotonic() + _START_S
    while running is None and answer.get("running") and time.monotonic() < deadline:
        time.sleep(0.05)  # another start won the race; its server is starting LibreOffice
        running = status()
    if running is None:
        raise ConversionError("LibreOffice could not be kept running: the server stopped")
    return running, bool(answer.get("started"))


def _answer(line: bytes) -> dict[str, Any]:
    try:
        answer = json.loads(line)
    except ValueError:
        return {"error": "the server stopped before it started LibreOffice"}
    return answer if isinstance(answer, dict) else {"error": "the server said nothing"}


def stop() -> OfficeStatus | None:
    """Stop the running server and wait until it is gone; what was stopped (None: nothing)."""
    folder = _folder(create=False)
    if folder is None:
        return None
    state = _verified(folder)
    if state is None:
        return None
    stopped = _status_of(folder, state)
    with contextlib.suppress(OSError):
        os.kill(stopped.pid, signal.SIGTERM)
    deadline = time.monotonic() + _STOP_S
    while _server_holds_lock(folder) and time.monotonic() < deadline:
        time.sleep(0.05)
    return stopped


def convert(files: Mapping[str, bytes], soffice: str | None = None) -> dict[str, bytes] | None:
    """``{"x.docx": bytes}`` → ``{"x.pdf": bytes}`` by the running server.

    None when no server of this user runs for this LibreOffice (*soffice*, or
    the one found) and font configuration, or when it did not convert every
    file (the caller then converts with a LibreOffice of its own).
    """
    folder = _folder(create=False)
    if folder is None or not files:
        return None
    state = _verified(folder)
    exe = soffice or pdf.find_soffice()
    if state is None or exe is None or os.path.realpath(exe) != state.get("soffice"):
        return None
    try:
        if profile_key(exe, pdf.FONTS_CONF) != state.get("key"):
            return None
    except OSError:
        return None
    with _turn(folder):
        if _read_state(folder) != state:  # it stopped while this call waited
            return None
        result, answered = _forward(exe, Path(str(state["profile"])).as_uri(), files)
        _count_use(folder)
    if not answered:  # a server that does not answer is not asked again: it is stopped
        log.info("the running LibreOffice did not answer in time; stopping it")
        with contextlib.suppress(OSError):
            os.kill(int(state["pid"]), signal.SIGTERM)
    if result is None:
        log.info("the running LibreOffice did not convert; converting with one of this call")
    return result


def _forward(
    exe: str, uri: str, files: Mapping[str, bytes]
) -> tuple[dict[str, bytes] | None, bool]:
    """The PDFs (None unless every one came), and whether LibreOffice answered in time."""
    with tempfile.TemporaryDirectory(prefix=pdf.PDF_FOLDER_PREFIX) as tmp:
        names, out = pdf.stage(files, Path(tmp))
        cmd = pdf.soffice_command(exe, uri, *pdf.convert_args(Path(tmp), names, out))
        try:
            pdf.run_soffice(cmd, Path(tmp))
        except pdf.PdfError:
            return None, False
        result, missing = pdf.collect(names, out)
    return (None if missing else result), True


# ------------------------------------------------------------------ the server


class _Office(Protocol):
    """What the server needs of :class:`~resumegen.render.office.Office`."""

    @property
    def pid(self) -> int | None: ...

    def start(self) -> Running: ...

    def close(self) -> None: ...


def serve(idle_s: float, office: _Office) -> int:
    """The server's life: fork (the caller returns at once), start *office*, answer on
    stdout, wait until idle, told to stop or LibreOffice's end, then stop; an exit status.

    Run as ``python -m resumegen.render.office IDLE_S SOFFICE`` by :func:`start`.
    """
    if os.fork():
        return 0
    import fcntl

    def answer(**said: object) -> None:
        sys.stdout.write(json.dumps(said) + "\n")
        sys.stdout.flush()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)

    folder = _folder(create=True)
    if folder is None:
        answer(error="the cache folder is not a private folder of yours")
        return 1
    lock = _open_lock(folder, "server.lock")  # held until this process ends
    deadline = time.monotonic() + 2.0  # a status check may hold it for a moment
    while not _flock(lock, fcntl.LOCK_EX):
        if time.monotonic() > deadline:
            answer(running=True)
            return 0
        time.sleep(0.02)
    stopping = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: stopping.set())
    try:
        running = office.start()
    except ConversionError as exc:
        office.close()
        answer(error=exc.what)
        return 1
    _forget(folder)
    since = time.time()
    _write_state(
        folder,
        {
            "format": _FORMAT,
            "pid": os.getpid(),
            "soffice_pid": running.pid,
            "soffice": os.path.realpath(running.soffice),
            "key": profile_key(running.soffice, pdf.FONTS_CONF),
            "profile": str(running.profile),
            "since": since,
            "idle_s": idle_s,
        },
    )
    answer(started=True)
    while office.pid is not None:
        _, last = _uses(folder)
        left = idle_s - (time.time() - max(since, last or since))
        if left <= 0 or stopping.wait(min(left, 2.0)):
            break
    with _turn(folder):
        _forget(folder)
        office.close()
    return 0
