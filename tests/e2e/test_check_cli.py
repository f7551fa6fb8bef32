"""`resumegen check` and `resumegen quantify` through the command line, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from resumegen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "check"
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# ------------------------------------------------------------------------ check


@pytest.mark.usefixtures("records_own_language")
def test_two_unquantified_achievements_ja() -> None:
    path = FIXTURES / "two-unquantified-ja.yaml"
    r = run("check", str(path))
    assert r.exit_code == 0, r.output
    assert r.stdout == (
        "warnings (2):\n"
        f"{path}:23:9: work[0].achievements[0]: 「内視鏡検査と治療を担当」に数値がありません\n"
        "    → 次のような指標を加えてください: "
        "手技件数（カテーテル・内視鏡など手技ごとの年間件数）、担当症例数（主な疾患ごとの年間症例数）\n"
        f"{path}:24:9: work[0].achievements[1]: 「研修医の指導」に数値がありません\n"
        "    → 次のような指標を加えてください: 指導した研修医・専攻医の数（人数と期間）、"
        "担当症例数（主な疾患ごとの年間症例数）、外来患者数（1日平均の人数と週あたりの外来コマ数）\n"
        "\n"
        "2 achievements, 0 quantified; 0 errors, 2 warnings, 0 info\n"
    )
    assert r.stderr == ""


def test_two_unquantified_achievements_en() -> None:
    path = FIXTURES / "two-unquantified-en.yaml"
    r = run("check", str(path))
    assert r.exit_code == 0, r.output
    assert r.stdout == (
        "warnings (2):\n"
        f"{path}:20:9: work[0].achievements[0]: "
        "“Supported ablation procedures across the region” has no figures\n"
        "    → add metrics such as: procedures supported (per year, by procedure type); "
        "accounts supported (number of hospitals, with their size)\n"
        f"{path}:21:9: work[0].achievements[1]: “Trained nurses at new hospitals” has no figures\n"
        "    → add metrics such as: clinicians trained (total number, by profession); "
        "accounts supported (number of hospitals, with their size); "
        "training sessions held (per year)\n"
        "\n"
        "2 achievements, 0 quantified; 0 errors, 2 warnings, 0 info\n"
    )


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_two_unquantified_json_and_strict(lang: str) -> None:
    path = str(FIXTURES / f"two-unquantified-{lang}.yaml")
    r = run("check", path, "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert (data["achievements"], data["quantified"]) == (2, 0)
    assert [f["path"] for f in data["findings"]] == [
        "work[0].achievements[0]",
        "work[0].achievements[1]",
    ]
    for f in data["findings"]:
        assert f["severity"] == "warning"
        assert f["suggestion"].count("（" if lang == "ja" else "(") >= 2  # two metrics or more
        assert f["line"] > 0 and f["column"] > 0
    strict = run("check", path, "--strict")
    assert strict.exit_code == 1
    assert strict.stdout.endswith("2 achievements, 0 quantified; 0 errors, 2 warnings, 0 info\n")


@pytest.mark.usefixtures("records_own_language")
def test_impossible_dates_are_errors_and_exit_1() -> None:
    path = FIXTURES / "impossible-dates-ja.yaml"
    r = run("check", str(path))
    assert r.exit_code == 1
    assert r.stdout == (
        "errors (2):\n"
        f"{path}:16:6: education[0].date: 「架空大学 経済学部」の入学が12歳のときになっています\n"
        "    → この日付か person.birth_date を確認してください\n"
        f"{path}:20:6: licenses[0].date: 日付 2026-04 が書類の日付 2026-01-15 より後です\n"
        "    → 日付または as_of を確認してください\n"
        "\n"
        "info (1):\n"
        f"{path}:30:5: work[1].start: 前の職歴との間に6か月の空白があります\n"
        "    → 面接で聞かれやすいので、この期間の過ごし方を説明できるようにしておいてください\n"
        "\n"
        "0 achievements, 0 quantified; 2 errors, 0 warnings, 1 info\n"
    )
    data = json.loads(run("check", str(path), "--json").stdout)
    assert [f["severity"] for f in data["findings"]] == ["error", "error", "info"]


SAMPLE_SUMMARIES = {
    # warnings: the leaving reason reads negative; the summary says seven years, the dates 8
    "clinical-specialist-en.yaml": "2 achievements, 2 quantified; 0 errors, 2 warnings, 1 info",
    # info: what the 履歴書 leaves off (desired.salary …) and motivations in plain form
    "clinical-specialist-ja.yaml": "3 achievements, 3 quantified; 0 errors, 2 warnings, 7 info",
    "physician-ja.yaml": "3 achievements, 3 quantified; 0 errors, 3 warnings, 6 info",
}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples_pass_check_with_grouped_output(sample: Path) -> None:
    r = run("check", str(sample))
    assert r.exit_code == 0, r.output
    blocks = r.stdout.rstrip("\n").split("\n\n")
    assert blocks[-1] == SAMPLE_SUMMARIES[sample.name]
    headings = [b.splitlines()[0] for b in blocks[:-1]]
    assert [h.split(" ")[0] for h in headings] == ["warnings", "info"]
    for block in blocks[:-1]:
        head, *lines = block.splitlines()
        assert head.endswith(f"({len(lines) // 2}):")
        for finding, suggestion in zip(lines[::2], lines[1::2], strict=True):
            assert finding.startswith(f"{sample}:") and suggestion.startswith("    → ")


def test_clean_record_prints_only_the_summary() -> None:
    r = run("check", str(FIXTURES / "figures-ja.yaml"))
    assert r.exit_code == 0
    assert r.stdout == "4 achievements, 4 quantified; 0 errors, 0 warnings, 0 info\n"


# --------------------------------------------------------------------- quantify

FIGURES_JA = """\
work[0].achievements[0]: 購買の見直し
  - 材料費: 年間1,800万円 → 年間1,200万円（600万円・33%削減）
  - 保守契約費: 12,000米ドル → 4,500米ドル（7,500米ドル・63%削減）
  - 在庫金額: 約3,500万円
work[0].achievements[1]: 医事課の業務改善（課全体の取り組み）
  - チームとして残業時間を月45時間から月20時間に短縮（25時間、56%）
  - チームとして請求漏れ率を6.5%から3.9%に低減（2.6ポイント、相対40%）
  - 処理件数: 1日約180件（チーム全体の数値）
work[0].achievements[2]: 外来の待ち時間と満足度
  - 平均待ち時間: 32分 → 41分（9分・28%増）
  - 患者満足度（5点満点）: 4.1点 → 3.8点（0.3点・7%減）
  - 予約変更率: 12% → 15%（3ポイント上昇、相対25%増）
work[0].achievements[3]: 新規契約の獲得
  - 新規契約件数: 月20件 → 月35件（15件・75%増加）
  - 契約金額: 56%増加
  - 解約率: 相対38%低減
  - 売上（2025年度）: 数値は非公開
"""

FIGURES_EN = """\
work[0].achievements[0]: Renegotiated purchasing
  - Reduced material costs from ¥18,000,000 to ¥12,000,000 a year (by ¥6,000,000, or 33%)
  - Reduced maintenance contract cost from USD 12,000 to USD 4,500 (by USD 7,500, or 63%)
  - Stock value: about ¥35,000,000
work[0].achievements[1]: Streamlined billing as part of the department team
  - The team shortened overtime from 45 to 20 hours a month (by 25 hours, or 56%)
  - The team cut missed-charge rate from 6.5% to 3.9% (down 2.6 percentage points, a 40% relative reduction)
  - About 180 claims processed a day (team result)
work[0].achievements[2]: Outpatient waiting time and satisfaction
  - Average waiting time rose from 32 to 41 minutes (up 9 minutes, or 28%)
  - Patient satisfaction fell from 4.1 to 3.8 out of 5 (down 0.3, or 7%)
  - Rescheduling rate rose from 12% to 15% (up 3 percentage points, a 25% relative increase)
work[0].achievements[3]: Won new contracts
  - Increased new contracts from 20 to 35 a month (by 15, or 75%)
  - Increased contract value by 56%
  - Cut cancellation rate by a relative 38%
  - Revenue: figure confidential (FY2025)
"""


@pytest.mark.parametrize(("lang", "expected"), [("ja", FIGURES_JA), ("en", FIGURES_EN)])
def test_quantify_reads_every_kind_of_figure(lang: str, expected: str) -> None:
    r = run("quantify", str(FIXTURES / f"figures-{lang}.yaml"))
    assert r.exit_code == 0, r.output
    assert r.stdout == expected


def test_quantify_names_unquantified_achievements() -> None:
    r = run("quantify", str(FIXTURES / "two-unquantified-ja.yaml"))
    assert r.exit_code == 0
    assert r.stdout == (
        "work[0].achievements[0]: 内視鏡検査と治療を担当\n"
        "  (no metrics: run `resumegen check` for figures to add)\n"
        "work[0].achievements[1]: 研修医の指導\n"
        "  (no metrics: run `resumegen check` for figures to add)\n"
    )
    data = json.loads(run("quantify", str(FIXTURES / "two-unquantified-ja.yaml"), "--json").stdout)
    assert [a["statements"] for a in data["achievements"]] == [[], []]
