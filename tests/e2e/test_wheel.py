"""The built wheel works on its own: templates and phrasebooks ship inside it.

Builds the wheel from this checkout, installs it into a temporary folder with
``pip install --target`` and renders a sample from a working directory outside
the repository, with only that folder on ``PYTHONPATH`` (the dependencies come
from the running interpreter's site-packages). An audit hook records every file
the process opens, which proves the templates and phrasebooks were read from
inside the installed package and never from the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

pytest.importorskip("hatchling", reason="building the wheel needs hatchling")

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "physician-ja.yaml"

# Records opened files, runs ``python -m resumegen render`` in the same process, then prints where everything came from as one JSON line.
_PROBE = r"""
import json, os, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.path.realpath(os.fsdecode(args[0])))
sys.addaudithook(hook)

import runpy
import resumegen
from resumegen import resources

out, sample = sys.argv[1], sys.argv[2]
sys.argv = ["resumegen", "render", sample, "-o", out, "--force"]
try:
    runpy.run_module("resumegen", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    if exc.code not in (0, None):
        raise
print(json.dumps({
    "module": os.path.realpath(resumegen.__file__),
    "templates": os.path.realpath(resources.bundled("templates")),
    "phrasebooks": os.path.realpath(resources.bundled("phrasebooks")),
    "opened": opened,
}))
"""


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, f"{args}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    return proc


def _inside(path: str | Path, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(folder.resolve())


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(site folder the wheel is installed into, environment that imports from it)."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist, site = tmp / "dist", tmp / "site"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_NO_INPUT"] = "1"
    pip = [sys.executable, "-m", "pip"]
    _run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        cwd=tmp,
        env=env,
    )
    wheels = list(dist.glob("resumegen-*.whl"))
    assert len(wheels) == 1, wheels
    with zipfile.ZipFile(wheels[0]) as z:
        names = set(z.namelist())
    for lang, doc in (("ja", "shokumu"), ("ja", "rirekisho"), ("ja", "interview")):
        assert f"resumegen/templates/{lang}/{doc}.docx" in names
    assert any(n.startswith("resumegen/phrasebooks/ja/") for n in names)

    _run([*pip, "install", "-q", "--no-deps", "--target", str(site), str(wheels[0])], tmp, env)
    env["PYTHONPATH"] = str(site)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return site, env


def _check_docx(out: Path) -> list[Path]:
    produced = sorted(out.glob("*.docx"))
    stems = {p.name.split("_", 1)[0] for p in produced}
    assert stems == {"職務経歴書", "履歴書", "面接準備シート"}, produced
    for path in produced:
        document = docx.Document(str(path))
        text = [p.text for p in document.paragraphs]
        text += [c.text for t in document.tables for r in t.rows for c in r.cells]
        assert "平田" in "\n".join(text), f"{path.name} does not name the person"
    return produced


def test_wheel_cli_renders_from_outside_the_repo(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """``python -m resumegen render`` from the installed wheel, cwd outside the checkout."""
    site, env = installed
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    assert not _inside(cwd, ROOT)

    where = _run(
        [sys.executable, "-c", "import resumegen; print(resumegen.__file__)"], cwd, env
    ).stdout.strip()
    assert _inside(where, site / "resumegen"), where

    out = tmp_path / "out"
    proc = _run(
        [sys.executable, "-m", "resumegen", "render", str(SAMPLE), "-o", str(out)], cwd, env
    )
    produced = _check_docx(out)
    assert len(produced) == 3
    assert all(p.name in proc.stdout for p in produced), proc.stdout


def test_wheel_reads_templates_and_phrasebooks_from_the_package(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """Every template and phrasebook the render opens lies inside the installed package."""
    site, env = installed
    pkg = (site / "resumegen").resolve()
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    out = tmp_path / "out"
    proc = _run([sys.executable, "-c", _PROBE, str(out), str(SAMPLE)], cwd, env)
    report = json.loads(proc.stdout.strip().splitlines()[-1])

    assert _inside(report["module"], pkg), report["module"]
    assert Path(report["templates"]) == pkg / "templates"
    assert Path(report["phrasebooks"]) == pkg / "phrasebooks"

    opened = [Path(p) for p in report["opened"]]
    templates = [p for p in opened if p.suffix == ".docx" and _inside(p, pkg / "templates")]
    books = [p for p in opened if p.suffix == ".yaml" and _inside(p, pkg / "phrasebooks")]
    assert {p.name for p in templates} >= {"shokumu.docx", "rirekisho.docx", "interview.docx"}
    assert books, "no phrasebook was read from the installed package"

    repo = ROOT.resolve()
    from_repo = [
        p
        for p in opened
        if _inside(p, repo) and p != SAMPLE.resolve() and not _inside(p, repo / ".venv")
    ]
    assert not from_repo, f"files read from the checkout: {from_repo}"
    _check_docx(out)
