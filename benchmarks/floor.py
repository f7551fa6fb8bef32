"""The floor the benchmarks compare with: the very same .docx parts, zipped again.

Shared by batch.py and compare.py (run as scripts, so this folder is on sys.path).
"""

from __future__ import annotations

import io
import zipfile


def unzip(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """The parts of a .docx with their zip entries (names, dates, compression)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info, z.read(info)) for info in z.infolist()]


def rezip(parts: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    """The very same parts, zipped again with the same compression."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info, data in parts:
            z.writestr(info, data)
    return buf.getvalue()
