"""Wording rules shared by the documents: periods, licence numbers, the closing line,
which metrics are work loads (:func:`duty_load`) and how a Japanese label closes
(:func:`label_ja`).

Only rules every document that shows the thing must follow live here (the
職務経歴書 is so far the one document that applies :func:`duty_load` and
:func:`label_ja`); what a document alone shows stays in its own module.
"""

from __future__ import annotations

import re

from resumegen.record.dates import format_en, format_ja
from resumegen.record.model import License, Metric, Position

__all__ = [
    "CLOSING_JA",
    "EN_DASH",
    "PRESENT_EN",
    "PRESENT_JA",
    "duty_load",
    "label_ja",
    "license_name_ja",
    "license_number",
    "period_en",
    "period_ja",
]

CLOSING_JA = "以上"
PRESENT_JA = "現在"
PRESENT_EN = "Present"
EN_DASH = "\u2013"

# The register a Japanese licence number belongs to, printed before the number
# (医師免許 取得（医籍登録番号 第512345号）) unless the user already named it.
_REGISTERS = (("歯科医師免許", "歯科医籍登録番号"), ("医師免許", "医籍登録番号"))

# National licences (国家資格) whose official name ends in 免許: a user who types
# the profession alone (臨床工学技士) gets the licence's name (臨床工学技士免許) on
# both Japanese documents. Only exact names are completed, so 認定臨床工学技士 or
# 看護師長 stay as typed.
NATIONAL_LICENCES_JA = frozenset(
    {
        "医師",
        "歯科医師",
        "薬剤師",
        "看護師",
        "准看護師",
        "保健師",
        "助産師",
        "臨床工学技士",
        "診療放射線技師",
        "臨床検査技師",
        "理学療法士",
        "作業療法士",
        "言語聴覚士",
        "視能訓練士",
        "救急救命士",
        "義肢装具士",
        "歯科衛生士",
        "歯科技工士",
        "管理栄養士",
        "栄養士",
        "柔道整復師",
    }
)


def license_name_ja(lic: License) -> str:
    """The licence's name as printed: ``臨床工学技士免許`` for a national licence typed without 免許."""
    name = lic.name.strip()
    return f"{name}免許" if name in NATIONAL_LICENCES_JA else name


def license_number(lic: License) -> str:
    """``医籍登録番号 第512345号`` for a physician's licence, else the number as typed ("" if none)."""
    number = (lic.number or "").strip()
    if not number or "番号" in number or "登録" in number:
        return number
    for name, register in _REGISTERS:
        if name in lic.name:
            return f"{register} {number}"
    return number


def period_ja(position: Position, era: str) -> str:
    """``2011年4月～現在`` / ``平成23年4月～令和3年3月``."""
    start = format_ja(position.start, era, with_day=False)
    end = PRESENT_JA if position.end is None else format_ja(position.end, era, with_day=False)
    return f"{start}～{end}"


def period_en(position: Position) -> str:
    """``Jan 2018 – Present``."""
    end = PRESENT_EN if position.end is None else format_en(position.end)
    return f"{format_en(position.start)} {EN_DASH} {end}"


# Loads a post puts on the person, not results of their work: 当直 月6回 says
# what the job involved and is read with the duties (業務内容), never as a 実績.
# The metric's whole name must be the load (当直, 当直回数, オンコール待機, On-call
# nights), so 患者待機時間 or 夜勤帯の転倒件数 stay results.
_DUTY_LOADS = re.compile(
    r"(?:当直|日直|宿直|夜勤|夜間勤務|オンコール|オンコール待機|宅直|自宅待機|外来)"
    r"(?:担当)?(?:回数|日数|コマ数|枠|コマ|数)?(?:（[^（）]*）)?"
    r"|(?:on[- ]?call|night (?:shifts?|duty|duties)|duty nights?|overnight shifts?)"
    r"(?: (?:nights?|shifts?|days?|duty|duties))?(?: \([^()]*\))?",
    re.IGNORECASE,
)


def duty_load(metric: Metric) -> bool:
    """A level metric naming a work load (当直 月6回, on-call 4 nights a month): a duty.

    A change in one (当直を月8回から4回に) is something the person achieved
    and stays with the achievements.
    """
    return metric.kind == "level" and _DUTY_LOADS.fullmatch(metric.name.strip()) is not None


def label_ja(statement: str) -> str:
    """A statement's label closed by the full-width colon of Japanese documents (当直：月6回)."""
    label, sep, value = statement.partition(": ")
    return f"{label}：{value}" if sep else statement
