"""Helpers of the hostile-input suite: records made from a sample, the CLI."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from resumegen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ROOT / "samples" / "clinical-specialist-en.yaml"


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def english_record(
    tmp: Path, name: str = "r.yaml", *, person: str | None = None, targets: list[str] | None = None
) -> Path:
    """The English sample, with another name and other target ids when given."""
    text = ENGLISH.read_text(encoding="utf-8")
    if person is not None:
        text = text.replace("name: Daniel Okafor", f'name: "{person}"')
    if targets is not None:
        head, _, _ = text.partition("targets:")
        text = (
            head
            + "targets:\n"
            + "".join(
                f'  - id: "{t}"\n    employer: Employer {i}\n    role: Liaison\n'
                for i, t in enumerate(targets)
            )
        )
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


# A stand-in for LibreOffice: makes a "PDF" of every .docx whose name lacks
# $FAKE_SOFFICE_FAIL; logs the number of documents of each run.
FAKE_SOFFICE = """#!{python}
import os, pathlib, sys
args = sys.argv[1:]
if "--convert-to" not in args:
    sys.exit("fake soffice: converts only; cannot keep running")
docs = [pathlib.Path(a) for a in args if a.endswith(".docx")]
with open(os.environ["FAKE_SOFFICE_LOG"], "a", encoding="utf-8") as log:
    log.write(f"{{len(docs)}}\\n")
out = pathlib.Path(args[args.index("--outdir") + 1])
fail = os.environ.get("FAKE_SOFFICE_FAIL", "\\0")
for doc in docs:
    if fail not in doc.name:
        (out / (doc.stem + ".pdf")).write_bytes(b"%PDF-fake")
"""
