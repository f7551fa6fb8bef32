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

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError, ToolError
from mcp.types import ToolAnnotations
from typing_extensions import TypedDict  # the SDK's pydantic needs it below Python 3.12

from resumegen import __version__
from resumegen.errors import ArgumentError, Diagnostic, InputFileError, ResumegenError, WriteError

if TYPE_CHECKING:
    from resumegen.record.model import Record
    from resumegen.record.schema import Field
    from resumegen.render.office import Office

__all__ = ["build_server", "input_path", "output_file", "output_folder", "serve"]
Lang = Literal["ja", "en"]
Profile = Literal["physician", "clinical-specialist", "general"]
Paper = Literal["a4", "letter"]
TextKind = Literal["summary", "self_pr", "motivation", "leaving_answer"]
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
    path: str | None  # where it was written under the root (null: not written)
    schema_path: str | None  # record.schema.json written beside it (null: already there)


class TextFindingOut(TypedDict):
    """One problem of a verified text, at character offsets [start, end) of the text."""

    rule: str  # figure, date, organization, negative, length
    start: int
    end: int
    excerpt: str
    message: str


class VerifyResult(TypedDict):
    ok: bool
    lang: str  # the language of the text, which the messages are in
    findings: list[TextFindingOut]
    warnings: list[Problem]


class ManifestRow(TypedDict):
    """One packet of a batch, as its manifest line says it."""

    source: str
    status: str  # ok, error or skipped
    outputs: list[dict[str, str]]
    error: str | None
    person: str | None
    target: str | None
    seconds: float


class BatchOut(TypedDict):
    out_dir: str
    ok: int
    failed: int
    rows: list[ManifestRow]


class QuestionOut(TypedDict):
    id: str
    text: str
    roles: list[str]  # role families it is for (empty: any role)
    priority: str


class ReverseQuestionOut(TypedDict):
    id: str
    text: str
    roles: list[str]


class QuestionBankOut(TypedDict):
    lang: str
    profile: str
    questions: list[QuestionOut]
    reverse_questions: list[ReverseQuestionOut]


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
    return _output(root, path, "folder")


def _output(root: Path, path: str, kind: str) -> Path:
    """*path* (relative to *root*) resolved, links followed; WriteError when it lies outside."""
    resolved = (root / path).resolve()
    if not resolved.is_relative_to(root):
        raise WriteError(_outside(root, path), path=path, fix=f"name a {kind} inside the root")
    return resolved


def _one_record(record_yaml: str | None, record_path: str | None) -> None:
    if (record_yaml is None) == (record_path is None):
        raise ArgumentError("give either record_yaml or record_path", param="record_yaml")


def output_file(root: Path, path: str) -> Path:
    """*path* (relative to *root*) resolved; WriteError when it lies outside *root*."""
    return _output(root, path, "file")


def _batch_source(root: Path, source: str) -> Path:
    """A batch source under *root*; a folder's records must also lie under it (links followed)."""
    from resumegen.batch.sources import collect_jobs

    path = input_path(root, source)
    if path.is_dir():
        jobs, _ = collect_jobs([path])
        for job in jobs:
            if not job.record.resolve().is_relative_to(root):
                raise InputFileError(_outside(root, str(job.record)), path=source, param="sources")
    return path


def _row(data: dict[str, object]) -> ManifestRow:
    return ManifestRow(
        source=str(data["source"]),
        status=str(data["status"]),
        outputs=list(data["outputs"]),  # type: ignore[call-overload]
        error=data["error"],  # type: ignore[typeddict-item]
        person=data["person"],  # type: ignore[typeddict-item]
        target=data["target"],  # type: ignore[typeddict-item]
        seconds=float(data["seconds"]),  # type: ignore[arg-type]
    )


class _Progress:
    """Progress notifications for a batch, sent from its worker thread: one a packet."""

    def __init__(self, ctx: Context | None) -> None:
        self.ctx = ctx
        self.count: float | None = None
        self.finished = 0

    def total(self, count: int) -> None:
        self.count = float(count)

    def done(self, source: str, status: str) -> None:
        self.finished += 1
        if self.ctx is not None:
            anyio.from_thread.run(
                self.ctx.report_progress, float(self.finished), self.count, f"{status}: {source}"
            )


def _motivation_box() -> int:
    """The characters the 履歴書's 志望の動機 box holds at its printed height."""
    from resumegen.documents import rirekisho_form as form

    lines = int((form.MOTIVATION_MM - form.BOX_LABEL_MM - 2.0) // form.LINE_MM)
    return lines * form.BOX_CHARS


_KINDS = {
    "text": "text",
    "text_list": "list of text",
    "text_map": "map of text (any keys)",
    "int": "integer",
    "number": "number",
    "bool": "true or false",
    "date": "date (YYYY-MM or YYYY-MM-DD; also 2019/4, 2019年4月, 令和元年5月)",
    "end_date": "date, or present / 現在",
}


def _guide_kind(f: Field) -> str:
    if f.kind == "choice":
        return "one of " + ", ".join(f"`{c}`" for c in f.choices)
    if f.kind == "object":
        return f"map ({f.obj}, below)"
    if f.kind == "object_list":
        return f"list of maps ({f.obj}, below)"
    return _KINDS[f.kind]


def _record_guide() -> str:
    """The record format as Markdown, from the field table the validator and schema use."""
    from resumegen.record.schema import OBJECTS

    lines = [
        "# Career record, format v1",
        "",
        "One YAML file describes one person's career; keys are English snake_case, values "
        "are in the record's language. Start from the `init` tool's starter, check with "
        "`validate`; the JSON Schema is resumegen://schema/record. Figures are exact facts: "
        "a metric is a level (`value`) or a change (`before`, `after`, `better`).",
    ]
    for name, fields in OBJECTS.items():
        lines += ["", f"## {name}", "", "| key | kind | required | meaning |", "|---|---|---|---|"]
        for key, f in fields.items():
            meaning = f.doc.replace("|", "\\|")
            if f.max_length:
                meaning += f" At most {f.max_length:,} characters."
            required = "yes" if f.required else "no"
            lines.append(f"| `{key}` | {_guide_kind(f)} | {required} | {meaning} |")
    return "\n".join(lines) + "\n"


def build_server(
    root: Path, *, today: Callable[[], dt.date], office: Office | None = None
) -> MCPServer:
    """The MCP server over the API; it reads and writes files only under *root*.

    *today* is asked for the date on each call that needs one (a server runs
    for days). *office*, a warm LibreOffice the caller owns and closes, makes
    each `render` PDF cost its conversion (tens of milliseconds) instead of a
    LibreOffice start (about a second).
    """
    root = Path(root).resolve()
    server: MCPServer = MCPServer(
        name="resumegen",
        version=__version__,
        instructions=(
            "Career record (YAML) to Japanese and English job-application documents. "
            "Read resumegen://guide/record for the record format; start from `init`, "
            "check with `validate` and `check`, verify any text you write for the record "
            "with `verify_text`, then `render` or `batch`."
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
    def verify_text(
        text: str,
        kind: TextKind,
        record_yaml: str | None = None,
        record_path: str | None = None,
        target: str | None = None,
    ) -> VerifyResult:
        """Verify a text you wrote for the record (a summary, self_pr, a target's motivation
        or a leaving answer) against it: every figure (value and unit) the record holds or
        implies, no date or organisation it does not name, no negative words, within the
        document's box. Each finding gives its character offsets in *text*."""
        from resumegen.enrich.verify import text_lang
        from resumegen.enrich.verify import verify_text as run_verify

        with tool_errors():
            rec = load(record_yaml, record_path)
            found = run_verify(
                text, kind, rec, target=target, today=today(), box_chars=_motivation_box()
            )
        return VerifyResult(
            ok=not found,
            lang=text_lang(text),
            findings=[
                TextFindingOut(
                    rule=f.rule, start=f.start, end=f.end, excerpt=f.excerpt, message=f.message
                )
                for f in found
            ],
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
                office=office,
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

    @server.tool(annotations=WRITES)
    async def batch(
        sources: list[str],
        out_dir: str,
        docs: list[str] | None = None,
        target: str | None = None,
        paper: Paper = "a4",
        pdf: bool = False,
        force: bool = False,
        jobs: int | None = None,
        ctx: Context | None = None,
    ) -> BatchOut:
        """Render a packet for every record of *sources* (record files, folders of them and
        .xlsx rosters under the root) into out_dir under the root, with its manifests; a
        progress notification reports each packet as it finishes."""
        from resumegen.batch import run_batch

        with tool_errors():
            folder = output_folder(root, out_dir)
            paths = [_batch_source(root, s) for s in sources]
            if not paths:
                raise ArgumentError("give at least one source", param="sources")
        progress = _Progress(ctx)

        def work() -> list[ManifestRow]:
            rows = []
            for result in run_batch(
                paths,
                out_dir=folder,
                jobs=jobs,
                docs=docs,
                pdf=pdf,
                force=force,
                today=today(),
                paper=paper,
                target=target,
                on_total=progress.total,
            ):
                rows.append(_row(result.as_json()))
                progress.done(result.source, result.status)
            return rows

        with tool_errors():
            rows = await anyio.to_thread.run_sync(work)
        ok = sum(1 for r in rows if r["status"] == "ok")
        return BatchOut(out_dir=os.fspath(folder), ok=ok, failed=len(rows) - ok, rows=rows)

    @server.tool(annotations=WRITES)
    def init(
        profile: Profile = "general",
        lang: Lang = "ja",
        path: str | None = None,
        force: bool = False,
    ) -> InitResult:
        """A commented starter record (YAML) for a profile and language; it validates as
        written. With *path* it is also written there under the root (with record.schema.json
        beside it), never over an existing file unless *force*."""
        from resumegen.record import starter

        written: str | None = None
        schema: str | None = None
        if path is not None:
            with tool_errors():
                result = starter.write_starter(output_file(root, path), profile, lang, force=force)
            written = os.fspath(result.record)
            schema = None if result.schema is None else os.fspath(result.schema)
        return InitResult(
            profile=profile,
            lang=lang,
            yaml=starter.starter_record(profile, lang),
            path=written,
            schema_path=schema,
        )

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

    @server.resource(
        "resumegen://guide/record",
        name="record-guide",
        description="The record format: every key of every map, its kind, whether it is "
        "required and what it means (from the table the validator reads).",
        mime_type="text/markdown",
    )
    def record_guide() -> str:
        return _record_guide()

    @server.resource(
        "resumegen://questions/{lang}/{profile}",
        name="question-bank",
        description="The bundled interview questions (id, text, role families, priority) and "
        "questions to ask the employer, for a language and profile.",
        mime_type="application/json",
    )
    def question_bank(lang: str, profile: str) -> str:
        from resumegen.record.model import PROFILES
        from resumegen.resources.questionbank import load_question_bank

        if lang not in ("ja", "en"):
            raise ResourceNotFoundError(f"no question bank for language `{lang}`; use ja or en")
        if profile not in PROFILES:
            raise ResourceNotFoundError(f"no profile `{profile}`; use one of {', '.join(PROFILES)}")
        bank = load_question_bank(lang)
        roles = [r.id for r in bank.roles]
        out = QuestionBankOut(
            lang=lang,
            profile=profile,
            questions=[
                QuestionOut(id=q.id, text=q.text, roles=list(q.roles), priority=q.priority)
                for q in bank.questions_for(profile, roles)
            ],
            reverse_questions=[
                ReverseQuestionOut(id=q.id, text=q.text, roles=list(q.roles))
                for q in bank.reverse_for(profile, roles)
            ],
        )
        return json.dumps(out, ensure_ascii=False)

    return server


def serve(
    root: Path,
    *,
    today: Callable[[], dt.date],
    http_port: int | None = None,
) -> None:
    """Run the server on stdio, or on streamable HTTP at 127.0.0.1:*http_port*, with one
    warm LibreOffice for its PDFs (started on the first PDF, stopped when the server ends)."""
    from resumegen.render.office import Office

    with Office() as office:
        server = build_server(root, today=today, office=office)
        if http_port is None:
            server.run("stdio")
        else:
            server.run("streamable-http", host="127.0.0.1", port=http_port)
