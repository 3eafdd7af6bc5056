"""Issue 12 §3: the 自评表 written as .xlsx in the published layout, and read back to the same content.

The written file is opened with openpyxl (merges, widths, number formats, fonts) and with
LibreOffice, the real client here (what a reader sees in each cell: "96.2%", "500人").
"""

from __future__ import annotations

import csv
import io
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from docgen.content.load import load_content, parse_yaml
from docgen.content.scoring import evaluate
from docgen.content.validation import validate_and_check
from docgen.spreadsheet.content import import_sheet
from docgen.spreadsheet.write import workbook_bytes, xlsx_name
from helpers import DATA, soffice

FORMS = sorted((DATA / "self_evaluation").glob("*.yaml"))


def _report(path: Path):
    v = validate_and_check(load_content(path))
    assert not v.errors
    return v.report


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    report = _report(DATA / "self_evaluation" / "a_qingshuitang_2020.yaml")
    path = tmp_path_factory.mktemp("xlsx") / xlsx_name(report)
    path.write_bytes(workbook_bytes(report))
    return path


def test_layout_merges_widths_formats(written):
    assert written.name == "2020年度清水塘街道整体支出绩效自评表.xlsx"
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames == ["自评表"]
    ws = wb["自评表"]
    merges = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:I1", "A4:B4", "D4:E4", "A5:B5", "D5:E5", "A8:B8", "C8:I8",   # title, 项目, 全年预算数, 调整说明
            "A12:A15", "B12:B13", "A16:A17",                               # 产出指标 over 4 rows, 数量指标 over 2
            "B19:F19", "A20:F20"} <= merges                                # 预算执行率, 总分
    assert ws["A1"].value == "2020年度清水塘街道整体支出绩效自评表" and ws["A1"].font.name == "方正小标宋简体"
    assert [ws.cell(4, c).value for c in (1, 3, 4, 6, 7, 8, 9)] == [
        "项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert [ws.cell(11, c).value for c in range(1, 10)] == [
        "一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    # amounts are numbers with two decimals; 执行率 a percentage; units in the number format
    assert (ws["F5"].value, ws["F5"].number_format) == (5005.93, "0.00")
    assert (ws["H5"].value, ws["H5"].number_format) == (0.959, "0.00%")
    assert (ws["A6"].value, ws["H6"].value) == ("其中：财政拨款", 0.9609)
    assert (ws["C12"].value, ws["E12"].value, ws["E12"].number_format) == ("辖区网格巡查覆盖率", 1, "0%")
    assert (ws["E13"].value, ws["F13"].value, ws["F13"].number_format) == (500, 460, '0"人"')
    assert (ws["F16"].value, ws["F16"].number_format) == (0.962, "0.0%")
    assert (ws["H13"].value, ws["I13"].value[:8]) == (13.8, "受疫情影响企业用")
    assert [ws.cell(20, c).value for c in (1, 7, 8, 9)] == ["总分", 100, 97.99, "自评等级：优"]
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHI"]
    assert widths == [11.25, 15.0, 20.0, 10.0, 13.75, 13.75, 7.5, 7.5, 26.25]
    cell = ws["C13"]
    assert (cell.font.name, cell.font.size, cell.border.left.style, cell.alignment.horizontal) == (
        "仿宋_GB2312", 10.5, "thin", "left")
    assert ws["B13"].border.left.style == "thin"      # a covered cell of a merge keeps the border
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1


def test_deterministic_and_dated_by_the_report_year(written):
    report = _report(DATA / "self_evaluation" / "a_qingshuitang_2020.yaml")
    assert workbook_bytes(report) == written.read_bytes()
    import zipfile

    with zipfile.ZipFile(written) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert core.count("2021-01-01T00:00:00Z") == 2 and "docgen" in core


@pytest.mark.libreoffice
def test_libreoffice_shows_the_figures_as_printed(written, tmp_path):
    profile = tmp_path / "profile"
    proc = subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                           "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(tmp_path),
                           str(written)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(io.StringIO((tmp_path / written.with_suffix(".csv").name).read_text("utf-8"))))
    assert rows[4][:9] == ["年度资金总额", "", "4800.00", "5220.00", "", "5005.93", "10", "95.90%", "9.59"]
    assert rows[12][2:8] == ["新增就业人数", "≥", "500人", "460人", "15", "13.8"]
    assert rows[15][4:6] == ["95%", "96.2%"]


@pytest.mark.parametrize("source", FORMS, ids=lambda p: p.stem)
def test_round_trip_into_the_same_year_changes_nothing(source, tmp_path):
    report = _report(source)
    xlsx = tmp_path / xlsx_name(report)
    xlsx.write_bytes(workbook_bytes(report))
    target = tmp_path / f"{report.year}.yaml"
    target.write_bytes(source.read_bytes())
    result = import_sheet(xlsx, target, year=report.year, sheet=None, display_source=xlsx.name,
                          display_target=target.name)
    assert result.changes == [] and not result.written
    assert target.read_bytes() == source.read_bytes()


def _essentials(form):
    """What the office fills in: the figures docgen computes and the title left out, indicators by name."""
    ev = evaluate(form)
    rows = [(r.name, r.initial, r.adjusted, r.executed) for r in form.budget.rows]
    inds = sorted((i.level1, i.level2, i.name, i.nature, i.target, i.unit, i.actual, i.weight,
                   i.score if i.nature == "定性" else None, i.rating, i.deviation) for i in form.indicators)
    return form.profile, rows, form.budget.reason, form.budget.adjustment, inds, ev.total, ev.grade


@pytest.mark.parametrize("source", FORMS, ids=lambda p: p.stem)
def test_round_trip_into_a_year_without_the_form_gives_the_same_content(source, tmp_path):
    report = _report(source)
    xlsx = tmp_path / xlsx_name(report)
    xlsx.write_bytes(workbook_bytes(report))
    prose = source.read_text("utf-8").split("\nself_evaluation:")[0] + "\n"
    target = tmp_path / f"{report.year}.yaml"
    target.write_text(prose, "utf-8")
    result = import_sheet(xlsx, target, year=report.year, sheet=None, display_source=xlsx.name,
                          display_target=target.name)
    assert result.written and result.created_block
    text = target.read_text("utf-8")
    assert text.startswith(prose)                   # everything before stays as it was
    merged = validate_and_check(parse_yaml(text, target.name))
    assert not merged.errors, [d.format() for d in merged.errors]
    assert _essentials(merged.report.self_evaluation) == _essentials(report.self_evaluation)
    # and the figures docgen computes were not typed into the content
    assert "total_score" not in text and "grade:" not in text
    assert merged.report.self_evaluation.profile == report.self_evaluation.profile
    assert Decimal(0) not in [i.weight for i in merged.report.self_evaluation.indicators]
