from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def physician_ja() -> Path:
    return SAMPLES / "physician-ja.yaml"


@pytest.fixture
def specialist_ja() -> Path:
    return SAMPLES / "clinical-specialist-ja.yaml"


@pytest.fixture
def specialist_en() -> Path:
    return SAMPLES / "clinical-specialist-en.yaml"


@pytest.fixture(autouse=True, scope="session")
def _private_data_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Bundled data is cached in a folder of this test session, never the home folder."""
    folder = tmp_path_factory.mktemp("data-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RESUMEGEN_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(autouse=True, scope="session")
def _no_libreoffice_left(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No LibreOffice started by a test (its profile is in this session's folders) outlives it."""
    yield
    proc = Path("/proc")
    if not proc.is_dir():
        return
    base = str(tmp_path_factory.getbasetemp())
    left = []
    for entry in proc.iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if base in cmdline and "soffice" in cmdline and state not in ("Z", "X"):
            left.append(f"{entry.name}: {cmdline.replace(chr(0), ' ')[:200]}")
    assert not left, f"LibreOffice left running: {left}"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-reference",
        action="store_true",
        default=False,
        help="rewrite tests/reference/ from the documents rendered now (review the diff)",
    )


@pytest.fixture
def update_reference(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-reference"))


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English, whatever a record's language, so tests read one wording.

    Tests of the language rule (tests/unit/test_messages.py) unset this, and so
    do tests that read `check`'s findings in a record's own language
    (``records_own_language``).
    """
    monkeypatch.setenv("RESUMEGEN_LANG", "en")


@pytest.fixture
def records_own_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """No RESUMEGEN_LANG: messages and findings in each record's own language."""
    monkeypatch.delenv("RESUMEGEN_LANG", raising=False)
