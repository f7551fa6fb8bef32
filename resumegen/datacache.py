"""Bundled data (phrasebooks, question banks, metric catalogues), parsed once per user.

Reading the bundled YAML with positions is pure-Python work: seconds for the
phrasebooks, against a few milliseconds to load the parsed objects. So the first process
that parses a bundled file stores the parsed object in a per-user cache
folder, and later processes load it from there.

A stored copy is used only when its key matches: the package version, the
stored layout (``FORMAT``), the Python that wrote it, the data files (names
and bytes) and the modules whose classes are stored (``STORED_MODULES``).
Anything else (an edited phrasebook, a changed class, another version) is a
miss: the YAML is parsed and the copy rewritten. Reading or writing the cache
never fails a command: any problem falls back to parsing. User-supplied files
never go through here.

The cache folder is ``$RESUMEGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/resumegen``,
else ``~/.cache/resumegen``. It is made private (0o700) and used only when it
belongs to the user and nobody else can write to it; files are written
atomically and never read or written through a symlink.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from resumegen import __version__

T = TypeVar("T")

_PKG = Path(__file__).resolve().parent
# Bump when the stored layout changes.
FORMAT = 2
# The modules whose classes are stored, and the folding baked into stored
# triggers: a change to any of them changes what parsing gives. Nothing else
# (a comment in interview.py) makes a stored copy stale.
STORED_MODULES: tuple[str, ...] = (
    "resources/phrasebook.py",
    "resources/phrasebook_load.py",
    "resources/questionbank.py",
    "resources/catalogue.py",
    "resources/fields.py",
    "enrich/classify.py",
    "enrich/fold.py",  # folded trigger pieces are stored
    "enrich/triggers.py",
)
_MAGIC = b"resumegen-data-cache\n"
# Far above any stored copy (about 1 MB); a bigger file is not ours to read.
_MAX_BYTES = 64 * 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def cache_dir() -> Path:
    """The folder the parsed data is stored in (it may not exist yet)."""
    explicit = os.environ.get("RESUMEGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "resumegen"
    return Path.home() / ".cache" / "resumegen"


def cache_key(sources: Sequence[Path]) -> bytes:
    """The digest a stored copy made from *sources* must carry to be used.

    Data files count with their full path (parsed entries remember it for
    messages), the stored modules with their name inside the package.
    """
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{__version__}\0{FORMAT}\0{sys.implementation.cache_tag}\0".encode())
    named = [(str(p), p) for p in sources] + [(m, _PKG / m) for m in STORED_MODULES]
    for label, p in named:
        h.update(label.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest().encode("ascii")


def private_dir(create: bool) -> Path | None:
    """The cache folder when it is a folder of ours that nobody else can write to."""
    folder = cache_dir()
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = folder.stat()
    if not stat.S_ISDIR(st.st_mode) or st.st_mode & 0o022:
        return None
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return None
    return folder


def _read(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_BYTES:
            raise OSError(f"{path} is not a cache file")
        return f.read(_MAX_BYTES + 1)


def _load(name: str, key: bytes) -> tuple[bool, Any]:
    """``(True, value)`` from a stored copy of *name* with *key*, else ``(False, None)``."""
    folder = private_dir(create=False)
    if folder is None:
        return False, None
    data = _read(folder / f"{name}.pickle")
    header = _MAGIC + key + b"\n"
    if not data.startswith(header):
        return False, None
    return True, pickle.loads(data[len(header) :])


def _store(name: str, key: bytes, value: Any) -> None:
    import tempfile  # only a miss writes; a hit should not pay for the import

    folder = private_dir(create=True)
    if folder is None:
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + key + b"\n")
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{name}.pickle")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def is_cached(name: str, sources: Sequence[Path]) -> bool:
    """Whether a copy of *name* made from exactly *sources* is stored (reads only its header)."""
    try:
        key = cache_key(sources)
        folder = private_dir(create=False)
        if folder is None:
            return False
        fd = os.open(folder / f"{name}.pickle", os.O_RDONLY | _NOFOLLOW)
        with os.fdopen(fd, "rb") as f:
            header = _MAGIC + key + b"\n"
            return f.read(len(header)) == header
    except Exception:  # no copy, or one that cannot be read: not cached
        return False


def load_compiled(name: str, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """The cached copy of *name* when it was made from exactly *sources*, else ``build()``.

    A freshly built value is stored for the next process. Cache problems are
    never the caller's: they only cost a parse.
    """
    try:
        key = cache_key(sources)
    except (OSError, RuntimeError):
        return build()
    try:
        found, value = _load(name, key)
        if found:
            stored: T = value
            return stored
    except Exception:  # a cache is optional: anything wrong with it means parse
        pass
    built = build()
    with contextlib.suppress(Exception):
        _store(name, key, built)
    return built
