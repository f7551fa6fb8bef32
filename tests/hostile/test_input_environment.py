"""A hostile environment: a console that is not UTF-8, a full disk, a file size limit."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from resumegen.console import no_room_message

SAMPLE = Path(__file__).parents[2] / "samples" / "physician-ja.yaml"


def _run(
    args: list[str], env: dict[str, str], stdout: int | IO[str] = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "resumegen", *args],
        env={**os.environ, **env},
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        encoding="latin-1",
        timeout=120,
        check=False,
    )


def test_input_environment_latin1_console_degrades_and_exits_0(tmp_path: Path) -> None:
    result = _run(
        ["render", str(SAMPLE), "-o", str(tmp_path), "--doc", "shokumu"],
        {"PYTHONIOENCODING": "latin-1"},
    )
    assert result.returncode == 0, result.stderr
    assert "\\u8077\\u52d9\\u7d4c\\u6b74\\u66f8" in result.stdout  # 職務経歴書, escaped
    assert len(list(tmp_path.glob("*.docx"))) == 1


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["quantify", str(SAMPLE)], ["schema"]])
def test_input_environment_full_disk_is_one_line_exit_1(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = _run(args, {}, full)
    assert result.returncode == 1
    assert result.stderr == (
        "resumegen: cannot write the output: No space left on device; "
        "free some space and try again\n"
    )


def test_input_environment_file_too_large_is_no_bug() -> None:
    too_large = OSError(errno.EFBIG, "File too large", "out/x.docx")
    assert no_room_message(too_large) == (
        "cannot write out/x.docx: File too large; free some space and try again"
    )
    assert no_room_message(OSError(errno.EACCES, "Permission denied")) is None
