"""Issue 5 §2: ``docgen diff 2020 2021`` against a hand-made 2021 with known changes.

tests/data/diff/2021.yaml lists its changes in its header comment; the numbers
below were worked out by hand from it and content/2020.yaml.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from decimal import Decimal as D

import pytest
from click.testing import CliRunner

from helpers import CONTENT, DATA
from docgen.cli import cli
from docgen.content.compare import ADDED, REMOVED, compare, fmt_percent, load_report, rounded_percent
from docgen.content.load import load_content

# label: (2020, 2021, change, percent rounded to 0.01)
FIGURES = {
    "决算总额": (D("5005.93"), D("5066.49"), D("60.56"), D("1.21")),
    "基本支出": (D("2517.81"), D("2600.00"), D("82.19"), D("3.26")),
    "项目支出合计": (D("2488.12"), D("2466.49"), D("-21.63"), D("-0.87")),
    "社会管理支出": (D("521.58"), D("600"), D("78.42"), D("15.04")),
    "经济发展支出": (D("171.07"), D("171.07"), D("0"), D("0.00")),
    "卫健工作支出": (D("70"), D("0"), D("-70"), D("-100.00")),
    "公共安全安全生产支出": (D("124.71"), D("130.5"), D("5.79"), D("4.64")),
    "公共服务支出": (D("800.75"), D("750.25"), D("-50.5"), D("-6.31")),
    "城市管理支出": (D("575.79"), D("575.79"), D("0"), D("0.00")),
    "公共安全-综治支出": (D("146.4"), D("150"), D("3.6"), D("2.46")),
    "其他支出": (D("77.82"), None, D("-77.82"), None),
    "文明创建支出": (None, D("88.88"), D("88.88"), None),
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    shutil.copy(CONTENT / "2020.yaml", tmp_path / "content" / "2020.yaml")
    shutil.copy(DATA / "diff" / "2021.yaml", tmp_path / "content" / "2021.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def honours_2020() -> list[str]:
    return load_content(CONTENT / "2020.yaml").data["other"]["honours"]


def test_figures(project):
    cmp = compare(load_report(project / "content", 2020), load_report(project / "content", 2021))
    rows = {f.label: f for f in cmp.figures}
    assert list(rows) == list(FIGURES)  # totals, last year's order, then new categories
    for label, (old, new, change, pct) in FIGURES.items():
        row = rows[label]
        assert (row.old, row.new, row.change, rounded_percent(row.percent)) == (old, new, change, pct), label
    assert rows["其他支出"].status == REMOVED and rows["文明创建支出"].status == ADDED
    assert rows["社会管理支出"].status == ""
    # rounding is for display only: the percentage itself is exact
    assert rows["社会管理支出"].percent == D("78.42") / D("521.58") * 100


def test_zero_base_has_no_percentage(project):
    back = compare(load_report(project / "content", 2021), load_report(project / "content", 2020))
    row = next(f for f in back.figures if f.label == "卫健工作支出")
    assert (row.old, row.new, row.change, row.percent) == (D("0"), D("70"), D("70"), None)
    assert fmt_percent(row.percent) == "—"


def test_items_added_and_removed(project):
    cmp = compare(load_report(project / "content", 2020), load_report(project / "content", 2021))
    got = {(c.section, c.status, c.name) for c in cmp.items}
    removed_honours = [h for h in honours_2020() if h.startswith("2020")]
    assert len(removed_honours) == 12
    assert got == {
        ("工作方面", REMOVED, "卫健工作方面"),
        ("工作方面", ADDED, "疫情防控方面"),
        ("产出指标", REMOVED, "数量指标"),
        ("效益指标", ADDED, "可持续影响指标"),
        ("荣誉", ADDED, "2021年度全市平安建设优秀街道"),
        ("荣誉", ADDED, "全国文明城市创建先进单位"),
    } | {("荣誉", REMOVED, h) for h in removed_honours}
    # "城市管理方面 " (2020, trailing space) and "城市管理方面" (2021) are the same area
    assert not any("城市管理" in c.name for c in cmp.items)


def _line(output: str, label: str) -> str:
    (line,) = [ln for ln in output.splitlines() if f" {label} " in ln]
    return line


def test_table(project):
    result = run("diff", "2020", "2021")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b[" not in out  # not a terminal: no colour codes
    for label, cells in {
        "社会管理支出": ["社会管理支出", "521.58", "600", "+78.42", "+15.04%"],
        "卫健工作支出": ["卫健工作支出", "70", "0", "-70", "-100.00%"],
        "公共服务支出": ["公共服务支出", "800.75", "750.25", "-50.50", "-6.31%"],
        "决算总额": ["决算总额", "5005.93", "5066.49", "+60.56", "+1.21%"],
        "其他支出": ["其他支出", "77.82", "—", "-77.82", "—", "删除"],
        "文明创建支出": ["文明创建支出", "—", "88.88", "+88.88", "—", "新增"],
        "疫情防控方面": ["工作方面", "新增", "疫情防控方面"],
        "卫健工作方面": ["工作方面", "删除", "卫健工作方面"],
        "可持续影响指标": ["效益指标", "新增", "可持续影响指标"],
    }.items():
        line = _line(out, label)
        assert re.findall(r"[^│┃\s]+", line) == cells, line


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_stdout(project):
    result = run("diff", "2020", "2021", "--format", "csv")
    assert result.exit_code == 0, result.output
    header, *rows = _csv_rows(result.stdout_bytes)
    assert header[2:4] == ["2020（万元）", "2021（万元）"]
    funds = {r[1]: r for r in rows if r[0] == "资金"}
    for label, (old, new, change, pct) in FIGURES.items():
        row = funds[label]
        assert row[2] == ("" if old is None else str(old)), label
        assert row[3] == ("" if new is None else str(new)), label
        assert D(row[4]) == change, label
        assert row[5] == ("" if pct is None else str(pct)), label
    assert funds["其他支出"][6] == "删除" and funds["文明创建支出"][6] == "新增"
    others = {(r[0], r[1], r[6]) for r in rows if r[0] != "资金"}
    assert ("工作方面", "疫情防控方面", "新增") in others
    assert ("荣誉", "2020年开福区网信工作先进单位", "删除") in others
    assert len(others) == 18


def test_csv_to_file(project):
    result = run("diff", "2020", "2021", "-o", "对比.csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "对比.csv"
    rows = _csv_rows((project / "对比.csv").read_bytes())
    assert rows[0][0] == "部分 section" and len(rows) == 1 + len(FIGURES) + 18


def test_year_with_placeholders_is_refused_with_locations(project):
    assert run("new", "2022", "--from", "2021").exit_code == 0
    result = run("diff", "2021", "2022")
    assert result.exit_code == 1
    assert re.search(r"^content/2022\.yaml:\d+:\d+: funds\.final_total: ", result.stderr, re.M)
