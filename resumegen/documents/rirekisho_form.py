"""The 履歴書 form's two pages as arithmetic: row heights, page 1, page 2 and its boxes.

The form is printed on two A4 pages whose heights are fixed. Rows that wrap
are taller, so lines are placed by height, not by count; page 2 gives up
blank rows first and then box height (never below what the text needs).
The figures are those of the template builder (tools/templates_src/rirekisho.py).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import TypedDict

__all__ = [
    "HISTORY_ROWS_PAGE1",
    "HISTORY_ROWS_PAGE2",
    "LICENSE_ROWS",
    "PageTwo",
    "Row",
    "blank_row",
    "box_need",
    "fit_page_two",
    "pad_rows",
    "row_height",
    "split_history",
    "text_lines",
    "text_width",
]

# Rows of the 学歴・職歴 table on each page of the form. Page 1 sits below the
# personal block; page 2 continues the table above 免許・資格 (the right half
# of the printed A3 spread). Content beyond both pages grows page 2.
HISTORY_ROWS_PAGE1 = 17
HISTORY_ROWS_PAGE2 = 6
LICENSE_ROWS = 8

# Heights of the form in millimetres (the figures of tools/templates_src/rirekisho.py).
ROW_MM = 8.4  # the minimum height of a 年 | 月 | 内容 row
LINE_MM = 4.8  # each line of 10.5 pt text in a row or box (room for Word's taller 游明朝)
ROW_PAD_MM = 1.0  # cell margins around the text of a wrapped row
ROW_CHARS = 38  # full-width characters on one line of the 内容 column (142 mm)
BOX_CHARS = 45  # … of the 志望の動機 / 本人希望 boxes (170 mm)
BOX_LABEL_MM = 6.0  # the small label line at the top of a box, and its margins
PAGE1_MM = HISTORY_ROWS_PAGE1 * ROW_MM  # room for rows under the personal block
PAGE2_MM = 240.0  # room on page 2 for the rows of both tables and the two boxes
MOTIVATION_MM = 66.0  # the boxes as printed on the form
WISHES_MM = 54.0
MIN_MOTIVATION_MM = 36.0  # the least a crowded page 2 shrinks them to
MIN_WISHES_MM = 28.0


class Row(TypedDict):
    """One line of the 学歴・職歴 or 免許・資格 table."""

    year: str
    month: str
    text: str
    align: str  # left, center or right


def blank_row() -> Row:
    return {"year": "", "month": "", "text": "", "align": "left"}


def pad_rows(rows: list[Row], size: int) -> list[Row]:
    """*rows* followed by blank lines up to *size* (never truncated)."""
    return rows + [blank_row() for _ in range(size - len(rows))]


def text_width(text: str) -> float:
    """Width of *text* in full-width characters (a Latin letter or digit counts a half)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def text_lines(text: str, chars: int) -> int:
    """How many lines *text* takes in a column *chars* full-width characters wide."""
    return sum(max(1, math.ceil(text_width(part) / chars)) for part in text.split("\n"))


def row_height(row: Row) -> float:
    """The height of a 年 | 月 | 内容 row: the form's minimum, more when the text wraps."""
    lines = text_lines(row["text"], ROW_CHARS)
    return max(ROW_MM, lines * LINE_MM + ROW_PAD_MM)


def split_history(rows: list[Row], first: int = HISTORY_ROWS_PAGE1) -> tuple[list[Row], list[Row]]:
    """Page 1 of 学歴・職歴 (padded to the form) and the lines left for page 2.

    Lines go onto page 1 while their heights fit its table, so rows that wrap
    push the last lines over instead of pushing the table off the page.
    """
    used, n = 0.0, 0
    for row in rows:
        h = row_height(row)
        if n >= first or used + h > PAGE1_MM + 0.01:
            break
        used, n = used + h, n + 1
    blanks = min(first - n, int((PAGE1_MM - used + 0.01) // ROW_MM))
    return rows[:n] + [blank_row() for _ in range(blanks)], rows[n:]


@dataclass(frozen=True)
class PageTwo:
    """Page 2 as laid out: both tables padded, and the heights of the two boxes."""

    history: list[Row]
    licenses: list[Row]
    motivation_mm: float
    wishes_mm: float
    overflow_mm: float = 0.0  # > 0: the content is taller than page 2

    @property
    def fits(self) -> bool:
        return self.overflow_mm <= 0.01


def box_need(lines: list[str]) -> float:
    """The height a 志望の動機 or 本人希望 box needs for *lines*, its label included."""
    return BOX_LABEL_MM + sum(text_lines(line, BOX_CHARS) for line in lines) * LINE_MM + 2.0


def fit_page_two(
    history: list[Row],
    licenses: list[Row],
    motivation: str,
    wishes: list[str],
) -> PageTwo:
    """Lay out page 2 so that it stays one page whenever the content allows.

    The form's blank rows (6 of 学歴・職歴, 8 of 免許・資格) and box heights are
    kept when there is room; when there is not, licence blank rows go first,
    then history blank rows (one stays), then the 志望の動機 and 本人希望 boxes
    shrink, each never below its minimum nor below what its text needs. A
    line is never dropped here: ``overflow_mm`` says how much is still over,
    and :func:`lay_out` then summarises the history.
    """
    pad_h = max(HISTORY_ROWS_PAGE2 - len(history), 0)
    pad_l = max(LICENSE_ROWS - len(licenses), 0)
    need_m = box_need([motivation]) if motivation else 0.0
    need_w = box_need(wishes)
    box_m, box_w = max(MOTIVATION_MM, need_m), max(WISHES_MM, need_w)
    rows_mm = sum(row_height(r) for r in history) + sum(row_height(r) for r in licenses)
    over = rows_mm + (pad_h + pad_l) * ROW_MM + box_m + box_w - PAGE2_MM
    keep_h = 0 if history else 1
    while over > 0 and pad_l > 0:
        pad_l, over = pad_l - 1, over - ROW_MM
    while over > 0 and pad_h > keep_h:
        pad_h, over = pad_h - 1, over - ROW_MM
    for attr, floor in (("m", max(MIN_MOTIVATION_MM, need_m)), ("w", max(MIN_WISHES_MM, need_w))):
        if over <= 0:
            break
        current = box_m if attr == "m" else box_w
        cut = min(over, max(current - floor, 0.0))
        over -= cut
        if attr == "m":
            box_m -= cut
        else:
            box_w -= cut
    return PageTwo(
        history=pad_rows(history, len(history) + pad_h),
        licenses=pad_rows(licenses, len(licenses) + pad_l),
        motivation_mm=round(box_m, 1),
        wishes_mm=round(box_w, 1),
        overflow_mm=round(max(over, 0.0), 1),
    )
