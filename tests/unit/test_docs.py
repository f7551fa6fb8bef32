"""The README is tested like code: every command and option it shows exists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click

from resumegen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


def _command_lines(text: str) -> list[list[str]]:
    """Every `resumegen …` command in the README's shell blocks, split into words."""
    lines: list[list[str]] = []
    for block in re.findall(r"```(?:sh|bash|console|shell)\n(.*?)```", text, flags=re.S):
        for raw in block.splitlines():
            line = raw.strip().lstrip("$ ").strip()
            for part in re.split(r"&&|\|", line):
                words = shlex.split(part, comments=True)
                while words and ("=" in words[0] and not words[0].startswith("-")):
                    words = words[1:]
                if words and words[0].endswith("resumegen"):
                    lines.append(words[1:])
    return lines


def _options(cmd: click.Command) -> set[str]:
    names: set[str] = set()
    for p in cmd.params:
        names.update(p.opts)
        names.update(p.secondary_opts)
    names.update(["-h", "--help"])
    return names


def test_readme_opens_with_the_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", text, flags=re.S)
    assert first_block is not None
    lines = [ln for ln in first_block.group(1).splitlines() if ln.strip()]
    assert len(lines) == 2
    assert "resumegen" in lines[0] and "samples" in lines[0]
    assert "pytest" in lines[1]
    assert text.index("```sh") < 200  # the commands open the README


def test_every_readme_command_and_option_exists() -> None:
    lines = _command_lines(README.read_text(encoding="utf-8"))
    assert len(lines) >= 8
    group = cli
    assert isinstance(group, click.Group)
    for words in lines:
        if not words or words[0].startswith("-"):
            continue
        cmd = group.commands.get(words[0])
        assert cmd is not None, f"README shows unknown command: resumegen {' '.join(words)}"
        known = _options(cmd)
        for w in words[1:]:
            if w.startswith("-") and w != "-":
                opt = w.split("=", 1)[0]
                assert opt in known, f"README shows unknown option {opt} of `{words[0]}`"


def test_every_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    for name in cli.commands:  # type: ignore[attr-defined]
        assert f"resumegen {name}" in text, f"README does not show `resumegen {name}`"


def test_readme_python_example_runs(tmp_path: Path, monkeypatch) -> None:
    """The README's API example runs as written, from a folder holding the samples."""
    import shutil

    code = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert code is not None
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code.group(1), "README.md", "exec"), {"__name__": "readme"})
    assert any((tmp_path / "packets").rglob("*.docx"))
    assert any((tmp_path / "packet-msl").glob("*.docx"))  # write_files without force


def _console_blocks(text: str) -> list[tuple[list[str], list[str]]]:
    """(`$ resumegen …` words, the output lines shown under it) for each console block."""
    out = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        lines = block.rstrip("\n").splitlines()
        assert lines[0].startswith("$ resumegen "), lines[0]
        out.append((shlex.split(lines[0][2:])[1:], lines[1:]))
    return out


def test_readme_console_output_is_what_the_tool_prints(monkeypatch) -> None:
    """Every console example in the README shows real output (… elides lines).

    The messages are in the language a user would see: the record's (no
    RESUMEGEN_LANG), with an English locale.
    """
    from click.testing import CliRunner

    monkeypatch.chdir(ROOT)
    for var in ("RESUMEGEN_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    blocks = _console_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 4
    for words, shown in blocks:
        result = CliRunner().invoke(cli, words, catch_exceptions=False)
        actual = (result.stdout + result.stderr).splitlines()
        # each shown line appears, in order; "…" stands for lines left out
        pos = 0
        for line in shown:
            if line.strip() in ("…", "...") or line.endswith("…"):
                continue
            try:
                pos = actual.index(line, pos) + 1
            except ValueError:
                raise AssertionError(
                    f"README shows for `resumegen {' '.join(words)}`:\n{line}\n"
                    f"but the tool printed:\n" + "\n".join(actual)
                ) from None
