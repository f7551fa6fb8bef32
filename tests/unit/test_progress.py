"""What `batch` prints on standard error while packets finish (console.BatchProgress)."""

from __future__ import annotations

import io

from resumegen.console import BatchProgress


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_terminal_line_is_rewritten_in_place_with_rate_and_time_left() -> None:
    clock, stream = Clock(), io.StringIO()
    progress = BatchProgress(True, clock, stream)
    progress.start(50)
    clock.now += 4.0
    progress.finished("ok", "a.yaml", None)
    progress.finished("ok", "b.yaml", None)
    assert progress.status() == "[2/50] 0.5 packets/s, 1 min 36 s left"
    progress.close()
    written = stream.getvalue()
    assert written.startswith("\r[0/50] starting…")
    assert written.count("\r") == 3 and written.endswith("left\n")
    assert "a.yaml" not in written


def test_terminal_failure_gets_a_line_of_its_own() -> None:
    clock, stream = Clock(), io.StringIO()
    progress = BatchProgress(True, clock, stream)
    progress.start(2)
    clock.now += 1.0
    progress.finished("error", "bad.yaml", "bad.yaml:3:1: unknown key `x`")
    lines = stream.getvalue().split("\n")
    assert lines[0].endswith("\rbad.yaml:3:1: unknown key `x`")
    assert lines[1] == "\r[1/2] 1.0 packets/s, 1 s left"


def test_elsewhere_one_plain_line_a_packet() -> None:
    clock, stream = Clock(), io.StringIO()
    progress = BatchProgress(False, clock, stream)
    progress.start(2)
    progress.finished("ok", "a.yaml", None)
    progress.finished("error", "b.yaml", "b.yaml: file not found")
    progress.close()
    assert stream.getvalue() == "[1/2] ok: a.yaml\nb.yaml: file not found\n"
