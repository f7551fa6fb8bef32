"""The ``resumegen`` command line: a thin shell over the Python API.

Each command parses its options, makes one call into the library and prints
the result. Heavy modules (openpyxl, the document engine) are imported inside
the commands so that ``resumegen --help`` and ``validate`` start fast.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import click

from resumegen import __version__
from resumegen.console import (
    EXIT_INPUT,
    EXIT_OK,
    BatchProgress,
    echo,
    err,
    fail,
    flush_output,
    handle_errors,
    is_terminal,
    pdf_notice,
    print_diagnostics,
    print_json,
    print_json_line,
    setup_logging,
    tolerant_streams,
)
from resumegen.documents import all_keys
from resumegen.errors import UsageError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
PROFILES = ("physician", "clinical-specialist", "general")
LOCALES = ("en-US", "en-GB")  # resumegen.record.model.LOCALES, without importing it
LANGS = ("ja", "en")
DOC_CHOICES = all_keys()


def _today() -> dt.date:
    """The only place the calendar is read: the CLI passes it down as a parameter."""
    return dt.date.today()


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="resumegen")
@click.option(
    "--debug",
    is_flag=True,
    help="Show a traceback for unexpected errors (in batch: in the failed packet's manifest row).",
)
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Log what is being done to stderr (-vv: in more detail); never record contents.",
)
@click.pass_context
def cli(ctx: click.Context, debug: bool, verbose: int) -> None:
    """Turn a YAML career record into quantified job-application documents.

    \b
    Quick start:
      resumegen init me.yaml --profile physician --lang ja
      resumegen validate me.yaml
      resumegen check me.yaml
      resumegen render me.yaml -o out/
      resumegen rephrase "当直が多くて体力的に限界"
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    setup_logging(verbose)


_phrasebook_option = click.option(
    "--phrasebook",
    "phrasebooks",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own phrasebook YAML, layered over the bundled ones (repeatable; same id replaces).",
)
_templates_option = click.option(
    "--templates",
    "template_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of your templates (<lang>/<doc>.docx), searched before the bundled ones.",
)
_json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON document on stdout."
)


# ----------------------------------------------------------------- init


@cli.command(context_settings=CONTEXT)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--profile", type=click.Choice(PROFILES), default="general", show_default=True)
@click.option("--lang", type=click.Choice(LANGS), default="ja", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@handle_errors
def init(path: Path, profile: str, lang: str, force: bool) -> None:
    """Write a commented starter record to PATH that validates as written.

    Also writes record.schema.json beside it (when absent), which the
    record's first line points editors at.

    \b
    Example:
      resumegen init hirata.yaml --profile physician --lang ja
    """
    from resumegen.record.starter import write_starter

    result = write_starter(path, profile, lang, force=force)
    err(f"wrote {path} ({profile}, {lang})")
    if result.schema is not None:
        err(f"wrote {result.schema}, the schema its first line points editors at")
    if result.note:
        err(result.note)
    err(f"next: resumegen validate {path}")


# ------------------------------------------------------------- validate


@cli.command(context_settings=CONTEXT)
@click.argument("records", nargs=-1, required=True, type=click.Path(path_type=Path))
@_json_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@handle_errors
def validate(records: tuple[Path, ...], as_json: bool, strict: bool) -> None:
    """Check records against the format; report every problem at once.

    Each problem is one line on stderr: FILE:LINE:COLUMN: key.path: message.

    \b
    Example:
      resumegen validate samples/*.yaml
    """
    from resumegen.record.validate import validate_path

    all_errors = []
    all_warnings = []
    for path in records:
        errors, warnings = validate_path(path)
        if strict:
            errors = errors + warnings
            warnings = []
        all_errors.extend(errors)
        all_warnings.extend(warnings)
        if not as_json:
            print_diagnostics(warnings)
            print_diagnostics(errors)
            if not errors:
                echo(f"{path}: valid")
    if as_json:
        print_json(
            {
                "valid": not all_errors,
                "errors": [d.as_json() for d in all_errors],
                "warnings": [d.as_json() for d in all_warnings],
            }
        )
    if all_errors:
        raise SystemExit(EXIT_INPUT)


# --------------------------------------------------------------- schema


@cli.command(context_settings=CONTEXT)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@handle_errors
def schema(output: Path | None, force: bool) -> None:
    """Print the JSON Schema of the record format, for editors.

    \b
    Example (yaml-language-server):
      resumegen schema -o record.schema.json
      # then, first line of a record:
      # yaml-language-server: $schema=record.schema.json
    """
    import json

    from resumegen.record.schema import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    from resumegen.write import atomic_write

    atomic_write(output, text.encode("utf-8"), force=force)
    err(f"wrote {output}")


# ---------------------------------------------------------------- check


@cli.command(context_settings=CONTEXT)
@click.argument("record", type=click.Path(path_type=Path))
@_json_option
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@handle_errors
def check(record: Path, as_json: bool, strict: bool) -> None:
    """Audit a record: achievements without numbers, negative wording, dates.

    Suggests metrics to add by profile, points negative leaving reasons at
    `resumegen rephrase`, and checks dates for gaps, overlaps and
    impossibilities. Findings are grouped by severity (errors, warnings,
    info), each as FILE:LINE:COLUMN: key.path: message with a suggestion
    below, and a summary line closes the report. Exits 1 when a finding is
    an error (or, with --strict, a warning).

    \b
    Example:
      resumegen check samples/physician-ja.yaml
    """
    from resumegen.enrich.application import enrich
    from resumegen.enrich.audit import audit
    from resumegen.packet import check_findings
    from resumegen.record.validate import load_record

    rec = load_record(record)
    today = rec.date_of_record(_today())
    report = audit(rec, today=today, extra=check_findings(enrich(rec, today=today)))
    if as_json:
        print_json(report.as_json())
    else:
        print_diagnostics(rec.warnings)
        echo(report.text(str(record)))
    if report.failed(strict=strict):
        raise SystemExit(EXIT_INPUT)


# ------------------------------------------------------------- quantify


@cli.command(context_settings=CONTEXT)
@click.argument("record", type=click.Path(path_type=Path))
@_json_option
@handle_errors
def quantify(record: Path, as_json: bool) -> None:
    """Print every achievement as quantified statements, ready to paste.

    \b
    Example:
      resumegen quantify samples/clinical-specialist-ja.yaml
    """
    from resumegen.enrich.quantify import quantify as run_quantify
    from resumegen.record.validate import load_record

    rec = load_record(record)
    items = run_quantify(rec)
    if as_json:
        print_json({"achievements": [q.as_json() for q in items]})
        return
    print_diagnostics(rec.warnings)
    for q in items:
        echo(f"{q.path}: {q.summary}")
        if q.statements:
            for s in q.statements:
                echo(f"  - {s}")
        else:
            echo("  (no metrics: run `resumegen check` for figures to add)")


# ------------------------------------------------------------- rephrase


def _guess_lang(text: str) -> str:
    """ja when the text holds kana or kanji, else en."""
    for ch in text:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF or 0x4E00 <= o <= 0x9FFF or 0xFF66 <= o <= 0xFF9D:
            return "ja"
    return "en"


@cli.command(context_settings=CONTEXT)
@click.argument("text", required=False)
@click.option("--lang", type=click.Choice(LANGS), help="Language (default: guessed from TEXT).")
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    help="Whose reason it is (default: inferred from TEXT; the record's with --record).",
)
@click.option(
    "--record",
    "record_path",
    type=click.Path(path_type=Path),
    help="Answer every leaving_reason of this record, with its profile, language and facts.",
)
@click.option("--target", "target_id", help="With --record: answer for this application.")
@click.option(
    "--locale",
    type=click.Choice(LOCALES),
    help="English spelling of the answer: en-US or en-GB (default: en-GB; a record's own).",
)
@_phrasebook_option
@click.option("--role", help="Target role, said in the answer where it fits.")
@click.option("--employer", help="Target employer, said in the answer where it fits.")
@_json_option
@handle_errors
def rephrase(
    text: str | None,
    lang: str | None,
    profile: str | None,
    record_path: Path | None,
    target_id: str | None,
    locale: str | None,
    phrasebooks: tuple[Path, ...],
    role: str | None,
    employer: str | None,
    as_json: bool,
) -> None:
    """Turn a leaving reason (TEXT, or - for stdin) into an honest, positive answer.

    One motive leads (a stated fact first, else the first reason stated);
    the person's own next step is kept in their words; other reasons become
    follow-up prompts. Facts that are not spun (illness, caregiving, a
    spouse's transfer, 医局人事) are stated plainly. Says which profile and
    entries were used. Exits 1 when nothing matches or TEXT is no leaving
    reason (a greeting, a question).

    \b
    Examples:
      resumegen rephrase "当直が月6回あり体力的に限界。在宅医療に携わりたい"
      resumegen rephrase "Constant on-call and no time off" --profile clinical-specialist
      resumegen rephrase --record me.yaml --target msl
      echo "給料が上がらない" | resumegen rephrase - --json
    """
    from resumegen.console import show_rephrasing
    from resumegen.enrich.rephrase import load_phrasebooks, no_match_help, spelt_american
    from resumegen.enrich.rephrase import rephrase as run_rephrase

    if record_path is not None:
        if text is not None:
            raise UsageError("give TEXT or --record, not both", option="--record")
        _rephrase_record(record_path, target_id, phrasebooks, as_json)
        return
    if target_id is not None:
        raise UsageError("--target needs --record", option="--target")
    if text == "-":
        text = sys.stdin.read()
    text = (text or "").strip()
    if not text:
        raise UsageError("TEXT is empty (or give --record FILE)", option="TEXT")
    lang = lang or _guess_lang(text)
    book = load_phrasebooks(lang, phrasebooks)
    slots = {k: v for k, v in (("role", role), ("employer", employer)) if v}
    result = run_rephrase(text, lang=lang, profile=profile, book=book, slots=slots)
    if locale == "en-US":
        result = spelt_american(result)
    if as_json:
        print_json(result.as_json())
    elif result.rephrased is None and result.reason and not result.conflicts:
        err(no_match_help(lang))
    else:
        show_rephrasing(result)
    if result.rephrased is None:
        raise SystemExit(EXIT_INPUT)


def _rephrase_record(
    path: Path, target_id: str | None, phrasebooks: tuple[Path, ...], as_json: bool
) -> None:
    """rephrase --record: every leaving reason of the record, answered for the application."""
    from resumegen.console import show_rephrasing
    from resumegen.enrich.application import Resources, enrich, resolve_target
    from resumegen.record.validate import load_record

    rec = load_record(path)
    target = resolve_target(rec, target_id)
    app = enrich(
        rec, target, resources=Resources(rec.lang, phrasebooks=phrasebooks), today=dt.date.today()
    )
    answers = app.leaving_answers()
    if as_json:
        print_json(
            {
                "record": str(path),
                "target": target.id if target else None,
                "answers": [{"organization": p.organization, **r.as_json()} for p, r in answers],
            }
        )
    else:
        if not answers:
            err("the record has no leaving_reason to answer")
        for i, (position, result) in enumerate(answers):
            if i:
                echo("")
            echo(f"== {position.organization}: {result.input}")
            show_rephrasing(result)
    if not answers or any(r.rephrased is None for _, r in answers):
        raise SystemExit(EXIT_INPUT)


# --------------------------------------------------------------- render


_doc_option = click.option(
    "--doc",
    "docs",
    multiple=True,
    type=click.Choice(DOC_CHOICES),
    help="Document to render (repeatable). Default: every document for the record's language "
    "(and the résumé of a ja record whose English companion `en` is complete).",
)


@cli.command(context_settings=CONTEXT)
@click.argument("record", type=click.Path(path_type=Path))
@_doc_option
@click.option("--target", "target_id", help="Render for this application (an id in `targets`).")
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own .docx template (with jinja2 tags) for the one --doc given.",
)
@_templates_option
@_phrasebook_option
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder to write into.",
)
@click.option(
    "--paper",
    type=click.Choice(("a4", "letter")),
    default="a4",
    show_default=True,
    help="Paper size of the English résumé.",
)
@click.option("--pdf", is_flag=True, help="Also convert each document to PDF (needs LibreOffice).")
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
@_json_option
@handle_errors
def render(
    record: Path,
    docs: tuple[str, ...],
    target_id: str | None,
    template: Path | None,
    template_dirs: tuple[Path, ...],
    phrasebooks: tuple[Path, ...],
    out_dir: Path,
    paper: str,
    pdf: bool,
    force: bool,
    as_json: bool,
) -> None:
    """Render Word documents (and PDFs) from a record.

    Documents: shokumu (職務経歴書), rirekisho (履歴書), resume (English
    résumé), interview (STAR interview sheet). Nothing is overwritten
    without --force, and nothing is written unless every document rendered.

    \b
    Examples:
      resumegen render samples/physician-ja.yaml -o out/
      resumegen render samples/clinical-specialist-ja.yaml --target msl --doc interview
      resumegen render samples/clinical-specialist-en.yaml --paper letter --pdf
    """
    from resumegen.packet import packet_names, render_packet, resolve_target
    from resumegen.record.validate import load_record
    from resumegen.write import write_files

    if template is not None and len(docs) != 1:
        raise UsageError("--template needs exactly one --doc", option="--template")
    rec = load_record(record)
    if not as_json:
        print_diagnostics(rec.warnings)
    book = None
    if phrasebooks:
        from resumegen.enrich.rephrase import load_phrasebooks

        book = load_phrasebooks(rec.lang, phrasebooks)
    target = resolve_target(rec, target_id)
    if pdf and not as_json:
        from resumegen.render.daemon import status

        pdf_notice(
            len(packet_names(rec, target=target, docs=list(docs) or None)),
            running=status() is not None,
        )
    files = render_packet(
        rec,
        target=target,
        docs=list(docs) or None,
        today=_today(),
        template=template,
        template_dirs=list(template_dirs),
        book=book,
        pdf=pdf,
        paper=paper,
    )
    written = write_files(out_dir, {f.name: f.data for f in files}, force=force)
    by_name = {f.name: f for f in files}
    outputs: list[dict[str, object]] = []
    for p in written:
        made = by_name[p.name]
        item: dict[str, object] = {"doc": made.doc, "path": str(p)}
        if made.target_id is not None and target is None:  # one sheet a target
            item["target"] = made.target_id
        if made.notes:
            item["warnings"] = list(made.notes)
            if not as_json:
                for note in made.notes:
                    err(f"{p}: warning: {note}")
        outputs.append(item)
    if as_json:
        print_json({"outputs": outputs})
    else:
        for o in outputs:
            echo(str(o["path"]))


# ---------------------------------------------------------------- batch


@cli.command(context_settings=CONTEXT)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the packets and the manifests.",
)
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Worker processes (default: cores).")
@_doc_option
@_templates_option
@_phrasebook_option
@click.option("--pdf", is_flag=True, help="Also convert documents to PDF (needs LibreOffice).")
@click.option("--force", is_flag=True, help="Re-render packets whose files exist.")
@click.option(
    "--target",
    "target_id",
    help="The application (a target id) for every record whose roster row names none; "
    "a record without that target fails alone.",
)
@click.option(
    "--paper",
    type=click.Choice(("a4", "letter")),
    default="a4",
    show_default=True,
    help="Paper size of the English résumés.",
)
@click.option(
    "--allow-outside",
    is_flag=True,
    help="Let roster rows name records outside the roster's folder (by default they must "
    "lie in that folder or below it, after resolving links).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object a packet on stdout.")
@click.pass_context
@handle_errors
def batch(
    ctx: click.Context,
    sources: tuple[Path, ...],
    out_dir: Path,
    jobs: int | None,
    docs: tuple[str, ...],
    template_dirs: tuple[Path, ...],
    phrasebooks: tuple[Path, ...],
    pdf: bool,
    force: bool,
    target_id: str | None,
    paper: str,
    allow_outside: bool,
    as_json: bool,
) -> None:
    """Render packets for many records: files, folders or .xlsx rosters.

    Writes one folder a packet under -o, plus manifest.jsonl (line by line)
    and manifest.xlsx (at the end). A bad record fails only its own packet;
    the run then exits 1 after finishing every other one. Nothing is written
    through a symbolic link: a packet folder or manifest that is one is
    refused. A roster is read up to 10,000 rows, 50 columns and 10,000
    characters a cell, and its records must lie in its folder (or below)
    unless --allow-outside.

    \b
    Examples:
      resumegen batch samples/ -o packets/
      resumegen batch roster.xlsx -o packets/ -j 2 --json
      resumegen batch records/ --target msl --paper letter -o packets/
    """
    from resumegen.batch import BatchResult, run_batch

    progress = None if as_json else BatchProgress(is_terminal(), time.monotonic)
    counts = {"ok": 0, "error": 0, "skipped": 0}

    def report(result: BatchResult) -> None:
        """Every packet manifest.jsonl lists, as it is listed (also while stopping)."""
        counts[result.status] = counts.get(result.status, 0) + 1
        error = result.error if result.status == "error" else None
        if progress is not None:
            progress.finished(result.status, result.source, error)
            return
        print_json_line(result.as_json())
        sys.stdout.flush()
        if error:
            err(error)

    results = run_batch(
        list(sources),
        out_dir=out_dir,
        jobs=jobs,
        docs=list(docs) or None,
        pdf=pdf,
        force=force,
        today=_today(),
        template_dirs=list(template_dirs),
        phrasebooks=list(phrasebooks),
        allow_outside=allow_outside,
        paper=paper,
        target=target_id,
        debug=bool(ctx.obj and ctx.obj.get("debug")),
        on_result=report,
        on_total=progress.start if progress is not None else None,
    )
    try:
        for _ in results:
            pass
    finally:
        if progress is not None:
            progress.close()
    if not as_json:
        err(
            f"{counts['ok']} packets written, {counts['skipped']} skipped (exist; --force), "
            f"{counts['error']} failed; manifest: {out_dir / 'manifest.xlsx'}"
        )
    if counts["error"]:
        raise SystemExit(EXIT_INPUT)


# --------------------------------------------------------------- office


def _minutes(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 60 else f"{round(seconds / 60)} min"


def _since(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch).strftime("%Y-%m-%d %H:%M:%S")


@cli.group(context_settings=CONTEXT)
def office() -> None:
    """Keep one LibreOffice running in the background for faster --pdf.

    While it runs, `render --pdf` and `batch --pdf` hand their documents to it
    instead of starting LibreOffice (about a second each time). It is yours
    alone, runs on the profile in your cache folder, and stops by itself after
    --idle minutes without a conversion.

    \b
    Example:
      resumegen office start
      resumegen render me.yaml --pdf
      resumegen office stop
    """


@office.command("start", context_settings=CONTEXT)
@click.option(
    "--idle",
    "idle_minutes",
    type=click.FloatRange(min=0, min_open=True, max=7 * 24 * 60),
    default=30.0,
    show_default=True,
    help="Stop after this many minutes without a conversion.",
)
@_json_option
@handle_errors
def office_start(idle_minutes: float, as_json: bool) -> None:
    """Start LibreOffice in the background (nothing to do when it runs already)."""
    from resumegen.render import daemon

    running, started = daemon.start(idle_s=idle_minutes * 60)
    if as_json:
        print_json({"started": started, **running.as_json()})
    elif started:
        err(
            f"started LibreOffice in the background (pid {running.pid}); it stops after "
            f"{_minutes(running.idle_s)} without a conversion, or on `resumegen office stop`"
        )
    else:
        err(f"already running (pid {running.pid}), since {_since(running.since)}")


@office.command("status", context_settings=CONTEXT)
@_json_option
@handle_errors
def office_status(as_json: bool) -> None:
    """Say whether it runs: pid, since when, conversions, idle time left."""
    from resumegen.render import daemon

    running = daemon.status()
    if as_json:
        print_json(running.as_json() if running is not None else {"running": False})
    elif running is None:
        echo("not running (start it with `resumegen office start`)")
    else:
        echo(
            f"running (pid {running.pid}, LibreOffice pid {running.soffice_pid}) since "
            f"{_since(running.since)}; {running.conversions} "
            f"conversion{'' if running.conversions == 1 else 's'}; stops after "
            f"{_minutes(running.idle_left_s)} more without one"
        )


@office.command("stop", context_settings=CONTEXT)
@handle_errors
def office_stop() -> None:
    """Stop it and remove its folders."""
    from resumegen.render import daemon

    stopped = daemon.stop()
    err("not running" if stopped is None else f"stopped (pid {stopped.pid})")


# ------------------------------------------------------------------ mcp

# What the mcp extra installs and resumegen.mcp imports when it loads.
_MCP_SDK = frozenset({"mcp", "mcp_types", "pydantic", "pydantic_core", "typing_extensions"})


@cli.command(context_settings=CONTEXT)
@click.option(
    "--root",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The only folder the server reads record files from and writes into.",
)
@click.option("--http", is_flag=True, help="Serve streamable HTTP on 127.0.0.1 instead of stdio.")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="The port of --http.",
)
@handle_errors
def mcp(root: Path, http: bool, port: int) -> None:
    """Serve the API to agents over MCP (needs: pip install 'resumegen[mcp]').

    Tools: validate, check, quantify, rephrase, render, init. Resources: the
    record's JSON Schema and the phrasebooks' entry ids. Records come as YAML
    text or as files under --root; render writes only under --root.

    \b
    Example:
      resumegen mcp --root ~/applications
    """
    try:
        from resumegen.mcp import serve
    except ModuleNotFoundError as e:
        missing = (e.name or "").partition(".")[0]
        if missing not in _MCP_SDK:
            raise
        fail(
            f"the mcp command needs the MCP SDK ({missing} is missing); pip install 'resumegen[mcp]'"
        )
    serve(root, today=_today, http_port=port if http else None)


def main() -> None:
    tolerant_streams()
    code: int | str | None = EXIT_OK
    try:
        cli(prog_name="resumegen")
    except SystemExit as exit_:
        code = exit_.code
    except BrokenPipeError:
        # `resumegen quantify … | head -1`: the reader left; say nothing more.
        code = EXIT_OK
    failed = flush_output()
    raise SystemExit(code if failed is None else failed)


__all__ = ["cli", "fail", "main"]
