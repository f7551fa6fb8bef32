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

    Tests of the language rule (tests/unit/test_messages.py) unset this.
    """
    monkeypatch.setenv("RESUMEGEN_LANG", "en")
