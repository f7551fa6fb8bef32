"""Render a user's template in a child process with CPU, memory and time limits.

Why a child process: the jinja sandbox stops a template from reaching Python
internals, but not from looping for hours or asking for ten gigabytes
(``{{ 'x'|center(10**10) }}``, two nested ``range(100000)`` loops, a macro that
calls itself). A user's ``--template`` file, or a file in a ``--templates``
folder that replaces a bundled one, is therefore read, compiled and rendered
by a fresh interpreter that first limits itself to :data:`CPU_SECONDS` of CPU
time and :data:`MEMORY_BYTES` of address space, may not write files or dump
core, and is killed after :data:`WALL_SECONDS`. The bundled templates are ours
and render in-process (the fast path, see ``docx.render_document``).

The parent sends the template path and the context (plain data) as a pickle
on stdin; the child answers with the .docx bytes on stdout (exit 0) or with
one line of explanation (exit 1). The parent never unpickles what the child
sends back.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from resumegen.errors import TemplateError

__all__ = ["CPU_SECONDS", "MEMORY_BYTES", "WALL_SECONDS", "render_isolated"]

CPU_SECONDS = 5
MEMORY_BYTES = 1 << 30
WALL_SECONDS = 30.0

_FAILED = 1  # the child's exit status when it explains the failure on stdout
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_isolated(
    path: Path, context: Mapping[str, Any], *, param: str = "template", keep_words: bool = False
) -> bytes:
    """Render the template at *path* with *context* in a limited child process.

    Raises :class:`TemplateError` (naming the template, and *param*) when the
    template is broken or hostile, or when it runs out of time or memory.
    """
    name = str(path)
    request = pickle.dumps(
        {
            "path": str(Path(path).resolve()),
            "name": name,
            "context": dict(context),
            "keep_words": keep_words,
        },
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(_PACKAGE_ROOT), env.get("PYTHONPATH", "")) if p
    )
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-P",
                "-m",
                "resumegen.render.sandbox",
                str(CPU_SECONDS),
                str(MEMORY_BYTES),
            ],
            input=request,
            capture_output=True,
            timeout=WALL_SECONDS,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise TemplateError(
            f"{name}: the template did not finish within {WALL_SECONDS:.0f} s and was stopped",
            template=name,
            param=param,
        ) from exc
    if proc.returncode == 0 and proc.stdout.startswith(b"PK"):
        return proc.stdout
    raise TemplateError(_failure(name, proc), template=name, param=param)


def _failure(name: str, proc: subprocess.CompletedProcess[bytes]) -> str:
    """One line on why the child gave no document."""
    if proc.returncode == _FAILED and proc.stdout:
        return _one_line(proc.stdout.decode("utf-8", "replace"))
    stopped_by = {-getattr(signal, "SIGXCPU", 24), -getattr(signal, "SIGKILL", 9)}
    if proc.returncode in stopped_by:
        return (
            f"{name}: the template used more than {CPU_SECONDS} s of CPU time "
            "(an endless or enormous loop?) and was stopped"
        )
    detail = _one_line(proc.stderr.decode("utf-8", "replace"))[-300:]
    return f"{name}: rendering the template failed (exit status {proc.returncode}) {detail}".strip()


# ---------------------------------------------------------------- the child


def _limit_self(cpu_seconds: int, memory_bytes: int) -> None:
    """Lower this process's limits for good (hard limits too); Unix only."""
    try:
        import resource
    except ImportError:  # Windows: the wall-clock timeout still applies
        return
    wanted = {
        "RLIMIT_CORE": (0, 0),
        "RLIMIT_CPU": (cpu_seconds, cpu_seconds + 1),
        "RLIMIT_AS": (memory_bytes, memory_bytes),
        "RLIMIT_FSIZE": (0, 0),
    }
    for key, (soft, hard) in wanted.items():
        limit = getattr(resource, key, None)
        if limit is None:
            continue
        _, old_hard = resource.getrlimit(limit)
        if old_hard != resource.RLIM_INFINITY:
            hard = min(hard, old_hard)
            soft = min(soft, hard)
        resource.setrlimit(limit, (soft, hard))


def _render_request(raw: bytes, memory_bytes: int) -> tuple[int, bytes]:
    """Exit status and stdout for one request."""
    from resumegen.render.engine import DocxTemplate

    request = pickle.loads(raw)  # written by render_isolated in the parent
    name = request["name"]
    try:
        data = Path(request["path"]).read_bytes()
        template = DocxTemplate.from_bytes(data, name=name)
        return 0, template.render(request["context"], keep_words=request.get("keep_words", False))
    except TemplateError as exc:
        message = exc.what
    except MemoryError:
        message = (
            f"{name}: the template needs more than {memory_bytes >> 20} MB of memory "
            "and was stopped"
        )
    except RecursionError:
        message = f"{name}: the template calls itself too deeply"
    except OSError as exc:
        message = f"{name}: cannot read the template: {exc.strerror or exc}"
    except Exception as exc:  # the template's own doing; the parent shows it
        message = f"{name}: template error: {type(exc).__name__}: {exc}"
    return _FAILED, _one_line(message).encode("utf-8")


def main(argv: list[str]) -> int:
    """``python -m resumegen.render.sandbox CPU_SECONDS MEMORY_BYTES``, request on stdin."""
    cpu_seconds, memory_bytes = int(argv[0]), int(argv[1])
    _limit_self(cpu_seconds, memory_bytes)
    raw = sys.stdin.buffer.read()
    status, out = _render_request(raw, memory_bytes)
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
