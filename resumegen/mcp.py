"""``resumegen mcp``: the Python API as MCP tools and resources, for agents.

Needs the optional ``mcp`` package (``pip install 'resumegen[mcp]'``); only the
``mcp`` command imports this module, so ``import resumegen`` and the rest of
the command line never load the SDK. Every tool is a thin call into the library; a
domain error becomes a tool error whose text is the same one-line, positioned
messages the command line prints. The server reads records only from text
passed in or from files under its root, and writes only under that root.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError, ToolError
from mcp.types import ToolAnnotations
from typing_extensions import TypedDict  # the SDK's pydantic needs it below Python 3.12

from resumegen import __version__
from resumegen.errors import ArgumentError, Diagnostic, InputFileError, ResumegenError, WriteError

if TYPE_CHECKING:
    from resumegen.record.model import Record

__all__ = ["build_server", "input_path", "output_folder", "serve"]
Lang = Literal["ja", "en"]
Profile = Literal["physician", "clinical-specialist", "general"]
Paper = Literal["a4", "letter"]
RECORD_NAME = "<record>"
# Hints for clients: only render writes, and only new files unless asked to replace them.
READ_ONLY = ToolAnnotations(read_only_hint=True, open_world_hint=False)
WRITES = ToolAnnotations(read_only_hint=False, destructive_hint=True, open_world_hint=False)


class Problem(TypedDict):
    """One positioned problem in a record (lines and columns 1-based; 0 = unknown)."""

    file: str
    line: int
    column: int
    path: str
    message: str


class ValidateResult(TypedDict):
    valid: bool
    errors: list[Problem]
    warnings: list[Problem]


class FindingOut(TypedDict):
    severity: str
    path: str
    message: str
    suggestion: str
    line: int
    column: int


class CheckResult(TypedDict):
    findings: list[FindingOut]
    achievements: int
    quantified: int
    warnings: list[Problem]


class Quantified(TypedDict):
    path: str
    summary: str
    statements: list[str]


class QuantifyResult(TypedDict):
    achievements: list[Quantified]
    warnings: list[Problem]


class MatchOut(TypedDict):
    id: str
    category: str
    trigger: str
    positive: str


class RephraseResult(TypedDict):
    input: str
    lang: str
    reason: bool  # false: the text is no leaving reason (a greeting, a question)
    profile: str
    profile_from: str  # given, record, text (inferred from the words) or tried
    lead: str | None  # the entry the answer is built on
    next_step: str | None  # the destination the person named, as written
    conflicts: list[str]  # where the reason goes against the target
    rephrased: str | None
    long: str | None
    keep_as_is: bool
    matches: list[MatchOut]
    follow_up: list[str]


class RenderedFile(TypedDict):
    """A rendered file: ``path`` when written under the root, ``base64`` when returned."""

    doc: str
    name: str
    path: str | None
    base64: str | None


class RenderResult(TypedDict):
    files: list[RenderedFile]
    warnings: list[Problem]


class InitResult(TypedDict):
    profile: str
    lang: str
    yaml: str


class PhrasebookId(TypedDict):
    id: str
    category: str


def _problems(diagnostics: list[Diagnostic]) -> list[Problem]:
    return [
        Problem(file=d.file, line=d.line, column=d.column, path=d.path, message=d.message)
        for d in diagnostics
    ]


def _outside(root: Path, path: str) -> str:
    return f"`{path}` lies outside the server's root {root} (links followed)"


def input_path(root: Path, path: str) -> Path:
    """*path* (relative to *root*) resolved; InputFileError when it lies outside *root*."""
    resolved = (root / path).resolve()
    if not resolved.is_relative_to(root):
        raise InputFileError(_outside(root, path), path=path, param="record_path")
    return resolved


def output_folder(root: Path, path: str) -> Path:
    """*path* (relative to *root*) resolved; WriteError when it lies outside *root*."""
    resolved = (root / path).resolve()
    if not resolved.is_relative_to(root):
        raise WriteError(_outside(root, path), path=path, fix="name a folder inside the root")
    return resolved


def _one_record(record_yaml: str | None, record_path: str | None) -> None:
    if (record_yaml is None) == (record_path is None):
        raise ArgumentError("give either record_yaml or record_path", param="record_yaml")


def build_server(root: Path, *, today: Callable[[], dt.date]) -> MCPServer:
    """The MCP server over the API; it reads and writes files only under *root*.

    *today* is asked for the date on each call that needs one (a server runs
    for days).
    """
    root = Path(root).resolve()
    server: MCPServer = MCPServer(
        name="resumegen",
        version=__version__,
        instructions=(
            "Career record (YAML) to Japanese and English job-application documents. "
            "Read resumegen://schema/record for the record format; start from `init`, "
            "check with `validate` and `check`, then `render`."
        ),
        log_level="WARNING",
    )

    @contextmanager
    def tool_errors() -> Iterator[None]:
        """A domain error becomes a tool error with the command line's one-line messages."""
        try:
            yield
        except ResumegenError as e:
            raise ToolError(str(e)) from None

    def load(record_yaml: str | None, record_path: str | None) -> Record:
        from resumegen.record.validate import load_record, load_record_text

        _one_record(record_yaml, record_path)
        if record_yaml is not None:
            return load_record_text(record_yaml, RECORD_NAME)
        assert record_path is not None
        return load_record(input_path(root, record_path))

    @server.tool(annotations=READ_ONLY)
    def validate(record_yaml: str | None = None, record_path: str | None = None) -> ValidateResult:
        """Check a record (YAML text, or a file under the root): every problem, positioned."""
        from resumegen.record.validate import validate_path, validate_text

        with tool_errors():
            _one_record(record_yaml, record_path)
            if record_yaml is not None:
                errors, warnings = validate_text(record_yaml, RECORD_NAME)
            else:
                assert record_path is not None
                errors, warnings = validate_path(input_path(root, record_path))
        return ValidateResult(
            valid=not errors, errors=_problems(errors), warnings=_problems(warnings)
        )

    @server.tool(annotations=READ_ONLY)
    def check(record_yaml: str | None = None, record_path: str | None = None) -> CheckResult:
        """Audit a record: achievements without figures, negative wording, dates, form gaps."""
        from resumegen.enrich.application import enrich
        from resumegen.enrich.audit import audit
        from resumegen.packet import check_findings

        with tool_errors():
            rec = load(record_yaml, record_path)
            day = rec.date_of_record(today())
            report = audit(rec, today=day, extra=check_findings(enrich(rec, today=day)))
        return CheckResult(
            findings=[
                FindingOut(
                    severity=f.severity,
                    path=f.path,
                    message=f.message,
                    suggestion=f.suggestion,
                    line=f.line,
                    column=f.column,
                )
                for f in report.findings
            ],
            achievements=report.achievements,
            quantified=report.quantified,
            warnings=_problems(list(rec.warnings)),
        )

    @server.tool(annotations=READ_ONLY)
    def quantify(record_yaml: str | None = None, record_path: str | None = None) -> QuantifyResult:
        """Every achievement of a record as quantified statements, in record order."""
        from resumegen.enrich.quantify import quantify as run_quantify

        with tool_errors():
            rec = load(record_yaml, record_path)
            items = run_quantify(rec)
        return QuantifyResult(
            achievements=[
                Quantified(path=q.path, summary=q.summary, statements=list(q.statements))
                for q in items
            ],
            warnings=_problems(list(rec.warnings)),
        )

    @server.tool(annotations=READ_ONLY)
    def rephrase(
        text: str | None = None,
        lang: Lang = "ja",
        profile: Profile | None = None,
        role: str | None = None,
        employer: str | None = None,
        record_yaml: str | None = None,
        record_path: str | None = None,
        target: str | None = None,
    ) -> RephraseResult:
        """Answer a leaving reason honestly and positively: *text* (profile inferred when not
        given), or the last position's of a record for a target (as its interview sheet
        answers). `rephrased` is null when nothing matched; `reason` is false for a text
        that is no leaving reason; `conflicts` say where the reason goes against the target."""
        from resumegen.enrich.application import enrich
        from resumegen.enrich.rephrase import rephrase as run_rephrase
        from resumegen.packet import resolve_target

        with tool_errors():
            if text is not None:
                if record_yaml is not None or record_path is not None:
                    raise ArgumentError("give either text or a record", param="text")
                if not text.strip():
                    raise ArgumentError("the text is empty", param="text")
                slots = {k: v for k, v in (("role", role), ("employer", employer)) if v}
                result = run_rephrase(text.strip(), lang=lang, profile=profile, slots=slots)
            else:
                rec = load(record_yaml, record_path)
                answer = enrich(rec, resolve_target(rec, target), today=today()).leaving_answer
                if answer is None:
                    raise ArgumentError(
                        "the last position of the record has no leaving_reason",
                        param="record_yaml",
                    )
                result = answer
        return RephraseResult(
            input=result.input,
            lang=result.lang,
            reason=result.reason,
            profile=result.profile,
            profile_from=result.profile_from,
            lead=result.lead,
            next_step=result.next_step.quoted if result.next_step else None,
            conflicts=[c.message for c in result.conflicts],
            rephrased=result.rephrased,
            long=result.long,
            keep_as_is=result.keep_as_is,
            matches=[
                MatchOut(id=m.id, category=m.category, trigger=m.trigger, positive=m.positive)
                for m in result.matches
            ],
            follow_up=list(result.follow_up),
        )

    @server.tool(annotations=WRITES)
    def render(
        record_yaml: str | None = None,
        record_path: str | None = None,
        docs: list[str] | None = None,
        target: str | None = None,
        paper: Paper = "a4",
        pdf: bool = False,
        out_dir: str | None = None,
        force: bool = False,
    ) -> RenderResult:
        """Render documents; written into out_dir under the root, or returned as base64 when out_dir is null."""
        from resumegen.packet import render_packet, resolve_target
        from resumegen.write import write_files

        with tool_errors():
            folder = None if out_dir is None else output_folder(root, out_dir)
            rec = load(record_yaml, record_path)
            files = render_packet(
                rec,
                target=resolve_target(rec, target),
                docs=docs,
                today=today(),
                pdf=pdf,
                paper=paper,
            )
            if folder is None:
                out = [
                    RenderedFile(
                        doc=f.doc,
                        name=f.name,
                        path=None,
                        base64=base64.b64encode(f.data).decode("ascii"),
                    )
                    for f in files
                ]
            else:
                written = write_files(folder, {f.name: f.data for f in files}, force=force)
                out = [
                    RenderedFile(doc=f.doc, name=f.name, path=os.fspath(p), base64=None)
                    for f, p in zip(files, written, strict=True)
                ]
        return RenderResult(files=out, warnings=_problems(list(rec.warnings)))

    @server.tool(annotations=READ_ONLY)
    def init(profile: Profile = "general", lang: Lang = "ja") -> InitResult:
        """A commented starter record (YAML) for a profile and language; it validates as written."""
        from resumegen.record.starter import starter_record

        return InitResult(profile=profile, lang=lang, yaml=starter_record(profile, lang))

    @server.resource(
        "resumegen://schema/record",
        name="record-schema",
        description="The JSON Schema of the record format.",
        mime_type="application/schema+json",
    )
    def record_schema() -> str:
        from resumegen.record.schema import json_schema

        return json.dumps(json_schema(), ensure_ascii=False, indent=2)

    @server.resource(
        "resumegen://phrasebook/{lang}/ids",
        name="phrasebook-ids",
        description="The bundled phrasebook's leaving-reason entries (id, category) of a language.",
        mime_type="application/json",
    )
    def phrasebook_ids(lang: str) -> str:
        from resumegen.enrich.rephrase import load_phrasebooks

        if lang not in ("ja", "en"):
            raise ResourceNotFoundError(f"no phrasebook for language `{lang}`; use ja or en")
        book = load_phrasebooks(lang)
        ids = [PhrasebookId(id=e.id, category=e.category) for e in book.entries]
        return json.dumps(ids, ensure_ascii=False)

    return server


def serve(
    root: Path,
    *,
    today: Callable[[], dt.date],
    http_port: int | None = None,
) -> None:
    """Run the server on stdio, or on streamable HTTP at 127.0.0.1:*http_port*."""
    server = build_server(root, today=today)
    if http_port is None:
        server.run("stdio")
    else:
        server.run("streamable-http", host="127.0.0.1", port=http_port)
