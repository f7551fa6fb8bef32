"""The interview sheet's template: one footer style, padded STAR cells."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools.docxbuild import mm, pt  # noqa: E402
from tools.templates_src import interview as source  # noqa: E402


def _part(lang: str, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(source.build(lang))) as z:
        return z.read(name).decode("utf-8")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_footer_name_and_page_numbers_share_one_size_and_colour(lang: str) -> None:
    footer = _part(lang, "word/footer1.xml")
    runs = re.findall(r"<w:r>(.*?)</w:r>", footer)
    assert len(runs) >= 11  # the name, PAGE (5 runs), the separator, NUMPAGES (5 runs)
    for run in runs:
        assert f'<w:sz w:val="{pt(source.FOOTER_PT)}"/>' in run, run
        assert f'<w:color w:val="{source.GREY}"/>' in run, run


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_star_cells_have_top_and_bottom_margins(lang: str) -> None:
    document = _part(lang, "word/document.xml")
    start = document.index("{%tr for row in s.rows %}")
    row = document[start : document.index("{%tr endfor %}", start)]
    margins = re.findall(r"<w:tcMar>(.*?)</w:tcMar>", row)
    assert len(margins) == 2  # the label and the text
    for m in margins:
        for side in ("top", "bottom"):
            assert f'<w:{side} w:w="{mm(1.0)}" w:type="dxa"/>' in m
