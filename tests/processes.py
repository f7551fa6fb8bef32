"""Process helpers shared by the tests of a LibreOffice kept running."""

from __future__ import annotations

from pathlib import Path


def alive(pid: int) -> bool:
    """Whether *pid* runs (a zombie waiting for its parent does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")
