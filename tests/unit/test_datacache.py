"""The per-user cache of parsed bundled data: used when it matches, harmless when it does not."""

from __future__ import annotations

import io
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from resumegen import datacache
from resumegen.datacache import cache_dir, cache_key, load_compiled
from resumegen.resources.cached import kinds

KINDS = kinds()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("RESUMEGEN_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def source(tmp_path: Path) -> Path:
    p = tmp_path / "data.yaml"
    p.write_text("a: 1\n", encoding="utf-8")
    return p


def _never() -> Any:
    raise AssertionError("parsed although a stored copy should have been used")


def _counting(value: Any) -> tuple[list[int], Callable[[], Any]]:
    calls: list[int] = []

    def build() -> Any:
        calls.append(1)
        return value

    return calls, build


def test_the_second_load_is_a_hit(cache: Path, source: Path) -> None:
    calls, build = _counting({"parsed": [1, 2]})
    assert load_compiled("thing", [source], build) == {"parsed": [1, 2]}
    assert calls == [1]
    assert load_compiled("thing", [source], _never) == {"parsed": [1, 2]}
    assert (cache / "thing.pickle").is_file()
    assert (cache.stat().st_mode & 0o777) == 0o700


def test_a_changed_data_file_is_a_miss(cache: Path, source: Path) -> None:
    load_compiled("thing", [source], lambda: "old")
    source.write_text("a: 2\n", encoding="utf-8")
    assert load_compiled("thing", [source], lambda: "new") == "new"
    assert load_compiled("thing", [source], _never) == "new"


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", b"\x80\x05K\x01.", b"resumegen-data-cache\nwrong-key\n\x80\x05K\x01."],
    ids=["empty", "garbage", "foreign pickle", "other key"],
)
def test_a_corrupt_or_foreign_file_is_ignored_and_rewritten(
    cache: Path, source: Path, content: bytes
) -> None:
    cache.mkdir(mode=0o700)
    (cache / "thing.pickle").write_bytes(content)
    assert load_compiled("thing", [source], lambda: "parsed") == "parsed"
    assert load_compiled("thing", [source], _never) == "parsed"


def test_a_truncated_copy_with_the_right_key_is_ignored(cache: Path, source: Path) -> None:
    load_compiled("thing", [source], lambda: list(range(1000)))
    path = cache / "thing.pickle"
    path.write_bytes(path.read_bytes()[:-20])
    assert load_compiled("thing", [source], lambda: "parsed") == "parsed"


def test_an_unusable_folder_only_costs_a_parse(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RESUMEGEN_CACHE_DIR", str(blocker / "cache"))
    calls, build = _counting("parsed")
    assert load_compiled("thing", [source], build) == "parsed"
    assert load_compiled("thing", [source], build) == "parsed"
    assert calls == [1, 1]


def test_a_folder_others_can_write_to_is_not_used(cache: Path, source: Path) -> None:
    cache.mkdir()
    cache.chmod(0o777)
    calls, build = _counting("parsed")
    load_compiled("thing", [source], build)
    load_compiled("thing", [source], build)
    assert calls == [1, 1]
    assert list(cache.iterdir()) == []


def test_a_symlinked_cache_file_is_neither_read_nor_written_through(
    cache: Path, source: Path, tmp_path: Path
) -> None:
    load_compiled("thing", [source], lambda: "real")
    elsewhere = tmp_path / "elsewhere.pickle"
    shutil.move(cache / "thing.pickle", elsewhere)
    before = elsewhere.read_bytes()
    (cache / "thing.pickle").symlink_to(elsewhere)
    assert load_compiled("thing", [source], lambda: "parsed") == "parsed"
    assert elsewhere.read_bytes() == before
    assert not (cache / "thing.pickle").is_symlink()
    assert load_compiled("thing", [source], _never) == "parsed"


def test_an_oversized_cache_file_is_not_read(cache: Path, source: Path) -> None:
    load_compiled("thing", [source], lambda: "real")
    with (cache / "thing.pickle").open("r+b") as f:
        f.truncate(65 * 1024 * 1024)  # sparse
    assert load_compiled("thing", [source], lambda: "parsed") == "parsed"
    assert (cache / "thing.pickle").stat().st_size < 1024


def test_a_fifo_in_place_of_the_cache_file_does_not_hang(cache: Path, source: Path) -> None:
    cache.mkdir(mode=0o700)
    os.mkfifo(cache / "thing.pickle")
    assert load_compiled("thing", [source], lambda: "parsed") == "parsed"


def test_a_build_error_is_the_callers_and_nothing_is_stored(cache: Path, source: Path) -> None:
    def broken() -> Any:
        raise ValueError("bad data")

    with pytest.raises(ValueError, match="bad data"):
        load_compiled("thing", [source], broken)
    assert not (cache / "thing.pickle").exists()


def test_the_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESUMEGEN_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("RESUMEGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "resumegen"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "resumegen"


def test_only_the_stored_modules_key_the_cache(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = cache_key([source])
    pkg = tmp_path / "pkg"
    for name in [*datacache.STORED_MODULES, "enrich/interview.py"]:
        (pkg / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(datacache.__file__).parent / name, pkg / name)
    monkeypatch.setattr(datacache, "_PKG", pkg)
    assert cache_key([source]) == real
    with (pkg / "enrich/interview.py").open("a", encoding="utf-8") as f:
        f.write("# a comment\n")
    assert cache_key([source]) == real
    with (pkg / "resources/phrasebook.py").open("a", encoding="utf-8") as f:
        f.write("# a comment\n")
    assert cache_key([source]) != real


# These two use the test session's cache folder (see conftest.py): a copy
# another test or process stored there is compared as well.
@pytest.mark.parametrize("name", sorted(KINDS))
def test_the_cached_object_equals_a_fresh_parse(name: str) -> None:
    sources, build = KINDS[name]
    fresh = build()
    load_compiled(name, sources(), lambda: fresh)
    cached = load_compiled(name, sources(), _never)
    assert pickle.dumps(cached) == pickle.dumps(fresh)


def test_every_stored_class_comes_from_a_stored_module() -> None:
    found: set[str] = set()

    class Recording(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            found.add(module)
            return super().find_class(module, name)

    for name, (sources, build) in KINDS.items():
        Recording(io.BytesIO(pickle.dumps(load_compiled(name, sources(), build)))).load()
    ours = {m for m in found if m.startswith("resumegen.")}
    listed = {
        "resumegen." + m.removesuffix(".py").replace("/", ".") for m in datacache.STORED_MODULES
    }
    assert ours <= listed, "add these modules to datacache.STORED_MODULES"


def test_warm_builds_what_the_cache_lacks_and_then_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resumegen.resources.cached import warm

    monkeypatch.setenv("RESUMEGEN_CACHE_DIR", str(tmp_path / "cache"))
    assert sorted(warm()) == sorted(KINDS)
    assert warm() == []
