"""The 履歴書 photo: only a small PNG or JPEG inside the record's folder is read or embedded."""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from resumegen.cli import cli
from resumegen.errors import Diagnostic, RecordError
from resumegen.record.photo import (
    MAX_BYTES,
    PhotoProblem,
    inspect_photo,
    load_photo,
    read_photo_file,
)
from resumegen.record.validate import load_record, validate_path

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "physician-ja.yaml"
PHOTO_AT = (10, 3)  # the `photo:` key, first under `person:`


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    raw = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))


def _jpeg(width: int, height: int) -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHH", 17, 8, height, width) + b"\x03" + b"\x00" * 9
    return b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 4) + b"JF" + sof + b"\xff\xd9"


def _record(folder: Path, photo: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[8] == "person:\n"
    lines.insert(9, f"  photo: {photo}\n")
    path = folder / "me.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _one_error(record: Path) -> Diagnostic:
    errors, _ = validate_path(record)
    assert len(errors) == 1, errors
    (error,) = errors
    assert (error.line, error.column, error.path) == (*PHOTO_AT, "person.photo")
    assert "\n" not in error.message
    return error


def _render(record: Path, out: Path) -> tuple[int, str]:
    done = CliRunner().invoke(
        cli, ["render", str(record), "--doc", "rirekisho", "-o", str(out)], catch_exceptions=False
    )
    return done.exit_code, done.output


def _hostile(tmp_path: Path, case: str) -> tuple[str, str]:
    """Set up one hostile photo next to tmp_path/rec; (value of `photo:`, expected words)."""
    home, outside = tmp_path / "rec", tmp_path / "outside"
    home.mkdir()
    outside.mkdir()
    (outside / "face.png").write_bytes(_png(30, 40))
    if case == "dev-zero":
        return "/dev/zero", "is outside the record's folder"
    if case == "fifo":
        os.mkfifo(home / "face.png")
        return "face.png", "is not a regular file"
    if case == "dotdot":
        return "../outside/face.png", "is outside the record's folder"
    if case == "absolute":
        return str(outside / "face.png"), "is outside the record's folder"
    if case == "symlink":
        (home / "face.png").symlink_to(outside / "face.png")
        return "face.png", "is outside the record's folder"
    if case == "oversize":
        with (home / "face.png").open("wb") as f:
            f.write(_png(30, 40))
            f.truncate(300 * 1024 * 1024)  # sparse: a 300 MB "PNG"
        return "face.png", "is larger than 5 MB"
    if case == "gif":
        (home / "face.gif").write_bytes(b"GIF89a" + struct.pack("<HH", 30, 40) + b"\x00" * 20)
        return "face.gif", "is a GIF; use a PNG or JPEG file"
    if case == "fake-png":
        (home / "face.png").write_text("not a picture at all", encoding="utf-8")
        return "face.png", "is not a PNG or JPEG file"
    if case == "png-without-header":
        (home / "face.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
        return "face.png", "is not a valid PNG file"
    if case == "huge-dimensions":
        (home / "face.png").write_bytes(_png(1, 1)[:16] + struct.pack(">II", 20000, 20000))
        return "face.png", "is 20000×20000 pixels; at most 10000 a side"
    assert case == "missing"
    return "face.png", "does not exist"


HOSTILE = [
    "dev-zero",
    "fifo",
    "dotdot",
    "absolute",
    "symlink",
    "oversize",
    "gif",
    "fake-png",
    "png-without-header",
    "huge-dimensions",
    "missing",
]


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_photo_is_one_positioned_error_and_nothing_is_written(
    tmp_path: Path, case: str
) -> None:
    value, words = _hostile(tmp_path, case)
    record = _record(tmp_path / "rec", value)
    error = _one_error(record)
    assert f"the photo `{value}` {words}" in error.message
    with pytest.raises(RecordError):
        load_record(record)
    out = tmp_path / "out"
    code, output = _render(record, out)
    assert code == 1
    assert f"{record}:{PHOTO_AT[0]}:{PHOTO_AT[1]}: person.photo: the photo" in output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_a_good_photo_is_embedded(tmp_path: Path, kind: str) -> None:
    data = _png(300, 400) if kind == "png" else _jpeg(300, 400)
    (tmp_path / "rec").mkdir()
    (tmp_path / "rec" / f"face.{kind}").write_bytes(data)
    record = _record(tmp_path / "rec", f"face.{kind}")
    assert validate_path(record) == ([], [])
    out = tmp_path / "out"
    code, output = _render(record, out)
    assert code == 0, output
    (document,) = out.glob("*.docx")
    with zipfile.ZipFile(document) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert [z.read(n) for n in media] == [data]
        assert all(n.endswith(f".{kind}") for n in media)


def test_a_photo_in_a_subfolder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "rec" / "pictures").mkdir(parents=True)
    (tmp_path / "rec" / "pictures" / "face.png").write_bytes(_png(30, 40))
    assert validate_path(_record(tmp_path / "rec", "pictures/face.png")) == ([], [])


def test_an_allowed_root_widens_where_a_photo_may_be(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "face.png").write_bytes(_png(30, 40))
    (tmp_path / "rec").mkdir()
    with pytest.raises(PhotoProblem, match="outside the record's folder"):
        read_photo_file("../shared/face.png", tmp_path / "rec")
    data = read_photo_file("../shared/face.png", tmp_path / "rec", root=tmp_path)
    assert inspect_photo(data).kind == "png"


def test_a_device_is_refused_even_inside_the_allowed_root(tmp_path: Path) -> None:
    with pytest.raises(PhotoProblem, match="not a regular file"):
        read_photo_file("/dev/zero", tmp_path, root=Path("/"))


def test_a_file_of_exactly_the_limit_is_read_and_one_more_byte_is_not(tmp_path: Path) -> None:
    (tmp_path / "ok.png").write_bytes(_png(1, 1).ljust(MAX_BYTES, b"\0"))
    assert len(read_photo_file("ok.png", tmp_path)) == MAX_BYTES
    (tmp_path / "big.png").write_bytes(_png(1, 1).ljust(MAX_BYTES + 1, b"\0"))
    with pytest.raises(PhotoProblem, match="larger than 5 MB"):
        read_photo_file("big.png", tmp_path)


def test_header_sizes_are_read() -> None:
    assert (inspect_photo(_png(30, 40)).width, inspect_photo(_png(30, 40)).height) == (30, 40)
    jpeg = inspect_photo(_jpeg(360, 480))
    assert (jpeg.kind, jpeg.width, jpeg.height) == ("jpeg", 360, 480)


def test_no_photo_means_none() -> None:
    record = load_record(SAMPLE)
    assert load_photo(record) is None


def test_a_name_with_a_nul_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(PhotoProblem, match="cannot be read"):
        read_photo_file("face\0.png", tmp_path)
