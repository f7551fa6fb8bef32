"""Everything the command line prints: messages, JSON, and the one error handler.

Standard output carries results (or exactly one JSON document with ``--json``);
standard error carries diagnostics, one line each, in the form
``FILE:LINE:COLUMN: key.path: message``.
"""

from __future__ import annotations

import errno
import functools
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, TypeVar

import click

if TYPE_CHECKING:
    from resumegen.enrich.reason_answer import Rephrasing

from resumegen.errors import (
    ArgumentError,
    Diagnostic,
    InputFileError,
    OutputExistsError,
    RecordError,
    ResumegenError,
    TemplateError,
    UsageError,
)
from resumegen.messages import MESSAGES, say

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_INPUT = 1  # the input is wrong: invalid record, unknown target, file exists …
EXIT_USAGE = 2  # Click's own usage errors
EXIT_BUG = 3  # an unexpected error: a bug in resumegen
EXIT_INTERRUPTED = 130


def echo(text: str = "") -> None:
    click.echo(text)


def err(text: str) -> None:
    click.echo(text, err=True)


def print_json(data: Any) -> None:
    """One JSON document on standard output (UTF-8, not ASCII-escaped)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def print_json_line(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


def print_diagnostics(diags: Iterable[Diagnostic]) -> None:
    for d in diags:
        err(d.format())


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    err(f"resumegen: {message}")
    raise SystemExit(code)


# The command-line option that sets each API parameter an error can name.
OPTION_OF: dict[str, str] = {
    "target": "--target",
    "docs": "--doc",
    "paper": "--paper",
    "profile": "--profile",
    "lang": "--lang",
    "template": "--template",
    "template_dirs": "--templates",
    "phrasebooks": "--phrasebook",
    "questions": "--phrasebook",
    "pdf": "--pdf",
    "text": "TEXT",
}


def message_of(error: ResumegenError) -> str:
    """One line for *error* as the command line says it: ``--option: what; fix``."""
    if isinstance(error, OutputExistsError):
        return f"{error.path} exists; use --force to overwrite"
    option = ""
    if isinstance(error, ArgumentError | InputFileError | TemplateError):
        option = OPTION_OF.get(error.param, "")
    if isinstance(error, UsageError):
        option = error.option or ""
        return f"{option}: {error.what}" if option else error.what
    text = str(error)
    return f"{option}: {text}" if option else text


# A write that fails because the disk, the quota or ``ulimit -f`` is full: no bug.
_NO_ROOM = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


def no_room_message(error: OSError) -> str | None:
    """One line for a write that failed for want of space, or None for any other OSError."""
    if error.errno not in _NO_ROOM:
        return None
    where = error.filename if error.filename else "the output"
    return f"cannot write {where}: {error.strerror}; free some space and try again"


def tolerant_streams() -> None:
    """Make standard output and error print what their encoding cannot hold as escapes.

    On a console that is not UTF-8 (``PYTHONIOENCODING=latin-1``) a Japanese
    file name is then printed as ``\\u8077…`` instead of failing a command whose
    files are already written.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def flush_output() -> int | None:
    """Flush standard output before exit; the exit code to use instead, if any.

    A full disk (or ``ulimit -f``) under a redirected output is reported in
    one line, exit 1. The unwritten rest is dropped so that Python does not
    report it again at exit; a reader that left (a broken pipe) is no error.
    """
    try:
        sys.stdout.flush()
    except OSError as exc:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        if isinstance(exc, BrokenPipeError):
            return None
        message = no_room_message(exc)
        if message is None:
            raise
        err(f"resumegen: {message}")
        return EXIT_INPUT
    return None


class _StderrHandler(logging.Handler):
    """Log records as ``resumegen: LEVEL: module: message`` lines on standard error."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            err(f"resumegen: {record.levelname.lower()}: {record.name}: {record.getMessage()}")
        except Exception:  # a logging call never breaks the command
            self.handleError(record)


def setup_logging(verbosity: int) -> None:
    """``-v``: what resumegen is doing (info) on standard error; ``-vv``: debug too."""
    logger = logging.getLogger("resumegen")
    for handler in [h for h in logger.handlers if isinstance(h, _StderrHandler)]:
        logger.removeHandler(handler)
    if verbosity <= 0:
        logger.setLevel(logging.NOTSET)
        return
    logger.addHandler(_StderrHandler())
    logger.setLevel(logging.INFO if verbosity == 1 else logging.DEBUG)


def _debug_requested() -> bool:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and isinstance(ctx.obj, dict) and ctx.obj.get("debug"):
            return True
        ctx = ctx.parent
    return False


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the two error families into one-line messages and exit codes.

    * RecordError → every diagnostic on stderr, exit 1;
    * any other ResumegenError → ``resumegen: --option: message``, exit 1
      (the option that sets the parameter the error names);
    * Ctrl-C → exit 130 with a short note (SIGTERM during a batch: 143);
    * anything else is a bug: a one-line note with the hint to rerun with
      ``--debug`` (which shows the traceback), exit 3.

    A write that found no room (a full disk, ``ulimit -f``) is no bug: one
    line, exit 1.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except RecordError as e:
            print_diagnostics(e.diagnostics)
            raise SystemExit(EXIT_INPUT) from None
        except ResumegenError as e:
            fail(message_of(e))
        except KeyboardInterrupt as e:
            err("resumegen: interrupted; nothing half-written was left behind")
            # 130 for Ctrl-C; 128 + the signal for another (SIGTERM in a batch run: 143)
            signum = getattr(e, "signum", None)
            raise SystemExit(128 + signum if signum else EXIT_INTERRUPTED) from None
        except (click.exceptions.Exit, click.ClickException, SystemExit, BrokenPipeError):
            raise
        except OSError as e:
            message = no_room_message(e)
            if message is None:
                _report_bug(e)
            fail(message)
        except Exception as e:
            _report_bug(e)

    return wrapper


def _report_bug(e: Exception) -> NoReturn:
    """Anything unexpected is a bug: one line (the traceback with ``--debug``), exit 3."""
    if _debug_requested():
        traceback.print_exception(e)
    err(
        f"resumegen: internal error: {type(e).__name__}: {e}"
        " (this is a bug in resumegen; rerun with --debug for the traceback)"
    )
    raise SystemExit(EXIT_BUG) from None


def _duration(seconds: float) -> str:
    """``45 s``, ``3 min 20 s``: a time left, to the second."""
    whole = max(0, round(seconds))
    return f"{whole // 60} min {whole % 60} s" if whole >= 60 else f"{whole} s"


class BatchProgress:
    """What ``batch`` says on standard error while packets finish.

    On a terminal (*live*), one status line (done/total, rate, time left)
    rewritten in place with ``\\r``; elsewhere one plain line a finished
    packet. Failures are printed on their own line either way. *clock* is
    only ever a monotonic clock (tests pass their own).
    """

    def __init__(self, live: bool, clock: Callable[[], float], stream: Any = None):
        self.live = live
        self.clock = clock
        self.stream = stream
        self.total: int | None = None
        self.done = 0
        self.started = clock()
        self.width = 0  # of the status line now shown, 0 when none is

    def start(self, total: int) -> None:
        self.total = total
        self.started = self.clock()
        if self.live:
            self._draw()

    def finished(self, status: str, source: str, error: str | None) -> None:
        self.done += 1
        if error:
            self._clear()
            self._write(error + "\n")
        elif not self.live:
            self._write(f"{self._count()} {status}: {source}\n")
        if self.live:
            self._draw()

    def close(self) -> None:
        """End the status line, so that the summary starts on a line of its own."""
        if self.width:
            self._write("\n")
            self.width = 0

    def status(self) -> str:
        """``[12/49] 3.4 packets/s, 11 s left``."""
        elapsed = self.clock() - self.started
        if not self.done or elapsed <= 0:
            return f"{self._count()} starting…"
        rate = self.done / elapsed
        text = f"{self._count()} {rate:.1f} packets/s"
        if self.total is not None and self.done < self.total:
            text += f", {_duration((self.total - self.done) / rate)} left"
        return text

    def _count(self) -> str:
        return f"[{self.done}/{self.total}]" if self.total is not None else f"[{self.done}]"

    def _draw(self) -> None:
        text = self.status()
        self._write("\r" + text.ljust(self.width))
        self.width = len(text)

    def _clear(self) -> None:
        if self.width:
            self._write("\r" + " " * self.width + "\r")
            self.width = 0

    def _write(self, text: str) -> None:
        stream = self.stream or sys.stderr
        stream.write(text)
        stream.flush()


def pdf_notice(documents: int, *, running: bool) -> None:
    """Say on a terminal's stderr which LibreOffice converts: the *running* one, or a new
    one (a second or more), with how to keep one running."""
    if is_terminal():
        plural = "" if documents == 1 else "s"
        said = f"Converting {documents} document{plural} to PDF with"
        if running:
            err(f"{said} the running LibreOffice (resumegen office)…")
        else:
            err(f"{said} LibreOffice… (`resumegen office start` keeps one running: faster)")


def is_terminal(stream: Any = None) -> bool:
    stream = stream or sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


__all__ = [
    "EXIT_BUG",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "BatchProgress",
    "UsageError",
    "echo",
    "err",
    "fail",
    "flush_output",
    "handle_errors",
    "is_terminal",
    "message_of",
    "no_room_message",
    "pdf_notice",
    "print_diagnostics",
    "print_json",
    "print_json_line",
    "setup_logging",
    "tolerant_streams",
]


def show_rephrasing(result: Rephrasing) -> None:
    """A rephrasing for a person: the answers, then how they were made, in the text's language."""
    from resumegen.enrich.answer_rules import answer_rules

    lang = result.lang
    if not result.reason:
        err(answer_rules(lang).text["not_reason"])
        return
    if result.rephrased is not None:
        echo(result.rephrased)
        if result.long and result.long != result.rephrased:
            echo("")
            echo(say(lang, "rephrase.long", text=result.long))
        echo("")
    how_id = f"rephrase.profile_{result.profile_from}"
    how = say(lang, how_id) if how_id in MESSAGES else result.profile_from
    echo(say(lang, "rephrase.profile", profile=result.profile, how=how))
    if result.lead is not None:
        echo(say(lang, "rephrase.lead", id=result.lead, by=result.lead_by or ""))
    if result.next_step is not None:
        echo(say(lang, "rephrase.step", quoted=result.next_step.quoted))
    for m in result.matches:
        echo(say(lang, "rephrase.match", id=m.id, category=m.category, trigger=m.trigger))
    for clause in result.unmatched:
        echo(say(lang, "rephrase.unmatched", clause=clause))
    if result.matches and result.next_step is None and not any(m.strong for m in result.matches):
        echo(say(lang, "rephrase.generic"))  # only guessed: a note for the user, not the sheet
    for c in result.conflicts:
        echo(say(lang, "rephrase.conflict", text=c.message))
    for f in result.follow_up:
        echo(say(lang, "rephrase.follow_up", text=f))
