"""The writer under hostile conditions: clashing names, links, a held lock, leftovers."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumegen.errors import WriteError
from resumegen.write import LOCK_NAME, locked_folder, remove_leftovers, write_files


def test_names_that_are_one_file_where_case_does_not_count_are_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="would be the same file"):
        write_files(tmp_path / "out", {"A.docx": b"1", "a.docx": b"2"}, force=False)
    assert not (tmp_path / "out").exists()


def test_a_lock_file_that_is_a_link_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_NAME).symlink_to(victim)
    with pytest.raises(WriteError, match="symbolic link"), locked_folder(out):
        pass
    assert victim.read_text() == "precious"


def test_the_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    out = tmp_path / "out"
    refused = pytest.raises(WriteError, match="in use by another resumegen batch run")
    with locked_folder(out), refused, locked_folder(out):
        pass
    with locked_folder(out):
        pass
    assert not (out / LOCK_NAME).exists()


def test_leftovers_are_removed_only_where_they_are_and_never_through_a_link(
    tmp_path: Path,
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    theirs = elsewhere / ".resumegen-x.docx.0123abcd.part"
    theirs.write_bytes(b"x")
    out = tmp_path / "out"
    (out / "deep" / "deeper").mkdir(parents=True)
    (out / "link").symlink_to(elsewhere)
    ours = out / "deep" / ".resumegen-y.docx.0123abcd.part"
    too_deep = out / "deep" / "deeper" / ".resumegen-z.docx.0123abcd.part"
    unlike = out / ".resumegen-w.docx.part"
    for path in (ours, too_deep, unlike):
        path.write_bytes(b"x")
    assert remove_leftovers(out) == 1
    assert not ours.exists() and too_deep.exists() and unlike.exists() and theirs.exists()
