"""Safe names, atomic writes, no overwrite without force."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumegen.errors import OutputExistsError, WriteError
from resumegen.write import atomic_write, compact_name, safe_name, unique_name, write_files

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')
RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{i}" for d in ("COM", "LPT") for i in range(1, 10)}


# ------------------------------------------------------------------ safe_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平田 健一", "平田_健一"),
        ("Daniel Okafor", "Daniel_Okafor"),
        ("../../x", "x"),
        ("a/b\\c", "a_b_c"),
        ("CON", "_CON"),
        ("nul.docx", "_nul.docx"),
        ("", "record"),
        ("...", "record"),
        ("  \t\n", "record"),
        (".hidden", "hidden"),
        ("trailing. ", "trailing"),
        ("a\x00b\x1fc", "a_b_c"),
        ('what?<is>:"this"|*', "what_is_this"),
        ("ヘルステック・ソリューションズ株式会社", "ヘルステック・ソリューションズ株式会社"),
    ],
)
def test_safe_name_examples(text: str, expected: str) -> None:
    assert safe_name(text) == expected


def test_safe_name_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "ガイド")
    assert decomposed != "ガイド"
    assert safe_name(decomposed) == "ガイド"


def test_safe_name_truncates() -> None:
    assert len(safe_name("あ" * 200, max_len=80, max_bytes=1000)) == 80
    assert len(safe_name("あ" * 200, max_len=80)) == 66  # 198 of the 200 bytes
    assert safe_name("abc.....def", max_len=5) == "abc.d"


@settings(max_examples=300)
@given(st.text(max_size=120), st.integers(min_value=1, max_value=90))
def test_safe_name_is_always_one_harmless_component(text: str, max_len: int) -> None:
    name = safe_name(text, max_len=max_len)
    assert name
    assert len(name) <= max(max_len, len("record"))
    assert not WINDOWS_FORBIDDEN & set(name)
    assert ".." not in name
    assert not name.startswith(".") and not name.endswith((".", " "))
    assert all(unicodedata.category(ch) not in ("Cc", "Cf") for ch in name)
    assert not any(ch.isspace() for ch in name)
    assert name.split(".", 1)[0].upper() not in RESERVED
    assert unicodedata.normalize("NFC", name) == name
    assert Path(name).name == name


@settings(max_examples=100)
@given(st.text(alphabet="平田健一さとうABC-", min_size=1, max_size=30))
def test_safe_name_keeps_japanese_and_plain_text(text: str) -> None:
    # Nothing in this alphabet is unsafe, so the name comes back as typed
    # (but for a leading `-`, which a shell would read as an option).
    assert safe_name(text) == (text.lstrip("-") or "record")


def test_compact_name_joins_japanese_but_not_latin() -> None:
    assert compact_name("平田 健一") == "平田健一"
    assert compact_name("佐藤\u3000美咲") == "佐藤美咲"
    assert compact_name("Daniel Okafor") == "Daniel Okafor"
    assert compact_name("山田 John") == "山田 John"


# ---------------------------------------------------------------- unique_name


def test_unique_name_counts_up_ignoring_case() -> None:
    assert unique_name("a", set()) == "a"
    assert unique_name("a", {"A"}) == "a-2"
    assert unique_name("a", {"a", "a-2", "A-3"}) == "a-4"
    assert unique_name("Resume_x.docx", {"resume_x.DOCX"}) == "Resume_x-2.docx"


def test_unique_name_does_not_modify_taken() -> None:
    taken = {"a"}
    unique_name("a", taken)
    assert taken == {"a"}


@settings(max_examples=50)
@given(st.lists(st.sampled_from(["a", "A", "b", "a-2", "x.docx", "X.docx"]), max_size=12))
def test_unique_name_never_collides(names: list[str]) -> None:
    taken: set[str] = set()
    for name in names:
        got = unique_name(name, taken)
        assert got.casefold() not in {t.casefold() for t in taken}
        taken.add(got)


# --------------------------------------------------------------- atomic_write


def test_atomic_write_writes_and_refuses_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    atomic_write(target, b"one", force=False)
    assert target.read_bytes() == b"one"
    with pytest.raises(OutputExistsError) as info:
        atomic_write(target, b"two", force=False)
    assert info.value.path == str(target)
    assert target.read_bytes() == b"one"
    atomic_write(target, b"two", force=True)
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_atomic_write_gives_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    atomic_write(target, b"x", force=False)
    mode = target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_atomic_write_to_missing_folder_names_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nope"
    with pytest.raises(WriteError) as info:
        atomic_write(folder / "a.docx", b"x", force=False)
    assert str(folder) in info.value.message
    assert not folder.exists()


def test_atomic_write_into_a_file_is_a_write_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WriteError):
        atomic_write(blocker / "a.docx", b"x", force=True)


def test_atomic_write_leaves_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def broken_replace(src: str, dst: str, **kw: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(WriteError) as info:
        atomic_write(target, b"new" * 1000, force=True)
    assert "No space left" in info.value.message
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_atomic_write_cleans_up_on_interrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "a.docx", b"x", force=False)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- write_files


def test_write_files_creates_folder_and_returns_paths(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    paths = write_files(out, {"b.docx": b"B", "a.docx": b"A"}, force=False)
    assert paths == [out / "b.docx", out / "a.docx"]
    assert (out / "a.docx").read_bytes() == b"A"


def test_write_files_checks_every_target_before_writing(tmp_path: Path) -> None:
    (tmp_path / "b.docx").write_bytes(b"old")
    with pytest.raises(OutputExistsError) as info:
        write_files(tmp_path, {"a.docx": b"A", "b.docx": b"B"}, force=False)
    assert info.value.path == str(tmp_path / "b.docx")
    assert not (tmp_path / "a.docx").exists()
    assert (tmp_path / "b.docx").read_bytes() == b"old"
    write_files(tmp_path, {"a.docx": b"A", "b.docx": b"B"}, force=True)
    assert (tmp_path / "b.docx").read_bytes() == b"B"


def test_write_files_names_the_first_existing_file(tmp_path: Path) -> None:
    for name in ("b", "c"):
        (tmp_path / name).write_bytes(b"")
    with pytest.raises(OutputExistsError) as info:
        write_files(tmp_path, {"a": b"", "b": b"", "c": b""}, force=False)
    assert info.value.path == str(tmp_path / "b")
    assert not (tmp_path / "a").exists()


@pytest.mark.parametrize("name", ["../x.docx", "sub/x.docx", "..", ".", "", "a\\b", "/etc/x"])
def test_write_files_refuses_names_leaving_the_folder(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(WriteError, match="would leave"):
        write_files(out, {"ok.docx": b"x", name: b"x"}, force=True)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_write_files_out_dir_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("x")
    with pytest.raises(WriteError, match="cannot write to folder"):
        write_files(blocker, {"a.docx": b"x"}, force=False)


# ------------------------------------------------------------ symbolic links


def test_write_files_refuses_a_file_that_is_a_link_even_with_force(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").symlink_to(outside)
    for force in (False, True):
        with pytest.raises(WriteError, match=r"a\.docx is a symbolic link; refusing"):
            write_files(out, {"b.docx": b"B", "a.docx": b"A"}, force=force)
    assert outside.read_bytes() == b"keep"
    assert (out / "a.docx").is_symlink()
    assert sorted(p.name for p in out.iterdir()) == ["a.docx"]


def test_write_files_refuses_a_dangling_link_too(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(WriteError, match="symbolic link"):
        write_files(out, {"a.docx": b"A"}, force=True)
    assert not (tmp_path / "nowhere.txt").exists()


def test_write_files_into_a_linked_folder_only_when_followed(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    with pytest.raises(WriteError, match=r"link is a symbolic link; refusing"):
        write_files(link, {"a.docx": b"A"}, force=False, follow=False)
    assert list(real.iterdir()) == []
    write_files(link, {"a.docx": b"A"}, force=False)  # a folder the user named: followed
    assert (real / "a.docx").read_bytes() == b"A"


def test_atomic_write_refuses_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    (tmp_path / "m.xlsx").symlink_to(outside)
    with pytest.raises(WriteError, match="symbolic link"):
        atomic_write(tmp_path / "m.xlsx", b"x", force=True)
    assert outside.read_bytes() == b"keep"


def test_write_files_refuses_to_overwrite_by_default(tmp_path: Path) -> None:
    write_files(str(tmp_path / "out"), {"a.docx": b"one"})
    with pytest.raises(OutputExistsError):
        write_files(tmp_path / "out", {"a.docx": b"two"})
    assert (tmp_path / "out" / "a.docx").read_bytes() == b"one"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bob O'Neil", "Bob_O_Neil"),
        ("平田健一", "平田健一"),
        ("ジョン・スミス", "ジョン・スミス"),
        ("José Núñez", "José_Núñez"),
        ("St. Mary's (London) & Co", "St._Mary_s_London_Co"),
        ("-rf now", "rf_now"),
        ("a $(b) `c`", "a_b_c"),
        ("medit-cs", "medit-cs"),
    ],
)
def test_safe_name_keeps_a_portable_set(text: str, name: str) -> None:
    assert safe_name(text) == name


@given(st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_safe_name_needs_no_shell_quoting(text: str) -> None:
    name = safe_name(text)
    assert all(ch in "-_.・" or unicodedata.category(ch)[0] in "LMN" for ch in name)
    assert not name.startswith(("-", ".")) and "__" not in name
