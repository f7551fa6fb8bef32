"""LibreOffice's user profile, kept between runs in the per-user cache.

A run with a fresh profile spends about half a second creating it, so the
profile is kept in the cache folder of :mod:`resumegen.datacache`, under
``libreoffice/<key>-<slot>``. The key is made of the LibreOffice executable
(its real path, size, time and ``versionrc``) and our ``fonts.conf``: an
upgrade or a changed font mapping gets a new profile, and profiles of other
keys are removed when a new one is made.

LibreOffice must never run twice on one profile, so a profile is claimed
with an exclusive lock for as long as it is used (``fcntl.flock`` on POSIX,
else a lock file made with ``O_EXCL``). When every cached slot is taken, or
the cache folder cannot be used (not ours, writable by others, a symbolic
link), a temporary profile is used and removed afterwards. Nothing in the
cache is read or written through a symbolic link.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

from resumegen.datacache import private_dir

__all__ = ["PROFILE_SLOTS", "Profile", "claim", "own_folder", "profile_key"]

# Cached profiles of one key: parallel workers each get one of their own.
PROFILE_SLOTS = 4
# Bump when what is kept in a profile changes.
_FORMAT = 1
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# Where LibreOffice keeps its version, beside the executable (Linux, Windows) or not (macOS).
_VERSION_FILES = ("versionrc", "version.ini", "../Resources/versionrc")


class Profile:
    """A LibreOffice profile folder this process alone uses until :meth:`release`.

    Also a context manager that releases it.
    """

    def __init__(self, path: Path, cached: bool, lock: int | Path | None) -> None:
        self.path = path
        self.cached = cached
        self.renewed = False
        self._lock = lock

    @property
    def uri(self) -> str:
        """The folder as LibreOffice's ``-env:UserInstallation`` wants it."""
        return self.path.as_uri()

    def renew(self) -> bool:
        """Empty a cached folder that has not been emptied yet; whether it was.

        LibreOffice makes a new profile on its next start. Once a claim is
        enough: a profile made anew that fails again is not the cause.
        """
        if not self.cached or self.renewed:
            return False
        self.renewed = True
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(mode=0o700, exist_ok=True)
        return True

    def release(self) -> None:
        """Let another process use the profile (a temporary one is removed)."""
        lock, self._lock = self._lock, None
        if not self.cached:
            shutil.rmtree(self.path.parent, ignore_errors=True)
        if lock is not None:
            _unlock(lock)

    def __enter__(self) -> Profile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def profile_key(soffice: str, fonts_conf: Path) -> str:
    """What a cached profile is made for: this LibreOffice and this font configuration."""
    exe = Path(os.path.realpath(soffice))
    h = hashlib.blake2b(digest_size=8)
    info = exe.stat()
    h.update(f"{_FORMAT}\0{exe}\0{info.st_size}\0{info.st_mtime_ns}\0".encode("utf-8", "replace"))
    for name in _VERSION_FILES:
        with contextlib.suppress(OSError):
            h.update((exe.parent / name).read_bytes())
    h.update(b"\0" + fonts_conf.read_bytes())
    return h.hexdigest()


def claim(soffice: str, fonts_conf: Path) -> Profile:
    """A profile for this LibreOffice: a free cached slot, else a temporary folder."""
    return _cached(soffice, fonts_conf) or _temporary()


def _temporary() -> Profile:
    folder = Path(tempfile.mkdtemp(prefix="resumegen-profile-"))
    path = folder / "profile"
    path.mkdir(mode=0o700)
    return Profile(path, cached=False, lock=None)


def _cached(soffice: str, fonts_conf: Path) -> Profile | None:
    """A free cached slot, claimed; None when there is none or the cache cannot be used."""
    try:
        key = profile_key(soffice, fonts_conf)
        root = private_dir(create=True)
        if root is None:
            return None
        folder = own_folder(root / "libreoffice")
        if folder is None:
            return None
        for slot in range(PROFILE_SLOTS):
            name = f"{key}-{slot}"
            lock = _lock(folder / f"{name}.lock")
            if lock is None:
                continue
            path = folder / name
            fresh = not os.path.lexists(path)
            if own_folder(path) is None:
                _unlock(lock)
                return None
            profile = Profile(path, cached=True, lock=lock)
            if fresh:
                _remove_other_keys(folder, key)
            return profile
    except OSError:
        return None
    return None


def own_folder(path: Path) -> Path | None:
    """*path* as a private folder of ours (made when missing); None when it is anything else."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    st = path.lstat()
    if not stat.S_ISDIR(st.st_mode) or st.st_mode & 0o077:
        return None
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return None
    return path


def _lock(path: Path) -> int | Path | None:
    """Take the lock at *path*: a descriptor (flock) or the lock file; None when it is taken."""
    try:
        import fcntl
    except ImportError:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        except OSError:
            return None
        with os.fdopen(fd, "w") as f:
            f.write(str(os.getpid()))
        return path
    fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _unlock(lock: int | Path) -> None:
    if isinstance(lock, int):
        os.close(lock)
    else:
        with contextlib.suppress(OSError):
            lock.unlink()


def _remove_other_keys(folder: Path, key: str) -> None:
    """Remove the profiles of other LibreOffice versions or font files that nobody uses."""
    for entry in os.scandir(folder):
        stem = entry.name.removesuffix(".lock")
        if entry.name.startswith(key) or not entry.name.endswith(".lock"):
            continue
        lock = _lock(folder / entry.name)
        if lock is None:
            continue
        shutil.rmtree(folder / stem, ignore_errors=True)
        with contextlib.suppress(OSError):
            os.unlink(folder / entry.name)
        _unlock(lock)
