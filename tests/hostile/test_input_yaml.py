"""Hostile YAML files: deep nesting, pipes and devices, every private-use character."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from resumegen.cli import cli
from resumegen.errors import RecordError
from resumegen.yamlio import MAX_BYTES, MAX_DEPTH, data_limits, load_path, load_text

_DEPTH_ERROR = f"nesting deeper than {MAX_DEPTH} levels is not allowed"


def _refused_fast(text: str, limits_noun: str = "") -> RecordError:
    limits = data_limits(limits_noun) if limits_noun else None
    began = time.perf_counter()
    with pytest.raises(RecordError) as caught:
        if limits is None:
            load_text(text, "r.yaml")
        else:
            load_text(text, "r.yaml", limits)
    # A megabyte of brackets took 17 minutes before the events were read lazily.
    assert time.perf_counter() - began < 2
    return caught.value


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 450_000 + "]" * 450_000,  # just under the 1 MB cap
        "a: " + "{k: " * 199_000 + "}" * 199_000,
        "a: " + "[" * 900_000,  # never closed
        "- " * 300_000,  # block sequences
        "".join(" " * i + f"k{i}:\n" for i in range(1200)),  # block maps
    ],
    ids=["flow-lists", "flow-maps", "unclosed", "block-dashes", "block-indent"],
)
def test_input_yaml_deep_nesting_fails_in_milliseconds(text: str) -> None:
    assert len(text.encode()) <= MAX_BYTES
    error = _refused_fast(text)
    assert [d.message for d in error.diagnostics] == [_DEPTH_ERROR]
    assert error.diagnostics[0].line >= 1


def test_input_yaml_deep_nesting_in_a_phrasebook_fails_fast() -> None:
    error = _refused_fast("entries: " + "[" * 1_000_000, "phrasebook")
    assert [d.message for d in error.diagnostics] == [_DEPTH_ERROR]


def test_input_yaml_deep_nesting_cli_is_one_positioned_line(tmp_path: Path) -> None:
    record = tmp_path / "deep.yaml"
    record.write_text("a: " + "[" * 40_000 + "]" * 40_000, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(record)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert f"deep.yaml:1:23: a{'[0]' * (MAX_DEPTH - 1)}: {_DEPTH_ERROR}" in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_input_yaml_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    for command in (["validate", str(fifo)], ["batch", str(fifo), "-o", str(tmp_path / "o")]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1, result.output
        assert "x.yaml: is not a regular file (a pipe or a device), not a record" in result.output


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_input_yaml_a_device_or_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RecordError) as caught:
        load_path(os.devnull)
    assert caught.value.diagnostics[0].message.startswith("is not a regular file")
    with pytest.raises(RecordError) as caught:
        load_path(tmp_path)
    assert caught.value.diagnostics[0].message == "is a folder, not a record file"


_PUA = "".join(chr(c) for c in range(0xE000, 0xF900))


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("\x01", "control character U+0001 is not allowed (Word documents cannot hold it)"),
        ("\x0b", "vertical tab (U+000B) cannot be read in a file that uses every private-use"),
    ],
)
def test_input_yaml_every_private_use_character_and_a_control(bad: str, message: str) -> None:
    text = f'a: "{_PUA}"\nb: x{bad}y\n'
    with pytest.raises(RecordError) as caught:
        load_text(text, "r.yaml")
    [d] = caught.value.diagnostics
    assert (d.line, d.column) == (2, 5)
    assert d.message.startswith(message)


def test_input_yaml_private_use_text_alone_is_accepted() -> None:
    root, warnings = load_text(f'a: "{_PUA}"\n', "r.yaml")
    assert warnings == []
    assert root.items[0][1].text == _PUA  # type: ignore[attr-defined]
