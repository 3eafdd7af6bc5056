"""The 自评表 import: defects found in review with real inputs, one test each.

Each test builds its input (a worksheet cell by cell, a content file with comments and CRLF)
and asserts what a finance officer opening the result would expect.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from docgen.spreadsheet.check import check_sheet
from docgen.spreadsheet.merge import merge_into
from docgen.spreadsheet.read import read_form
from forms_review import form
from helpers import DATA

LEGACY = DATA / "self_evaluation" / "a_qingshuitang_2020.yaml"


def _errors(path: Path):
    sheet = read_form(path, path.name)
    _, diags = check_sheet(sheet)
    return sheet, diags


# ---------------------------------------------------------------- a header over two rows

def test_indicator_header_over_two_rows_is_not_read_as_a_source_of_funds(tmp_path):
    """一级…三级指标 merged down over two rows, 评分 above 分值 and 得分: the first header row is
    the end of the budget block, not a 资金来源 "一级指标" with amounts "二级指标"…"""
    sheet, diags = _errors(form(tmp_path / "自评表.xlsx", two_row_header=True))
    assert [d for d in diags if d.is_error] == []
    assert [r["name"] for r in sheet.data["budget"]["rows"]] == ["财政拨款", "上年结转资金"]
    inds = sheet.data["indicators"]
    assert len(inds) == 7
    assert (inds[1]["level1"], inds[1]["weight"], inds[1]["score"]) == ("产出指标", Decimal(15), Decimal("13.8"))
    assert sheet.cells[("self_evaluation", "indicators", 0, "weight")] == (10, 6)   # F10, below 分值 in F9


# ---------------------------------------------------------------- hints that say what to do in the sheet

def test_sheet_problems_say_how_to_fix_the_sheet_not_the_yaml(tmp_path):
    """A worksheet has no "score:" key to add nor a total_score to delete: the fix is in a cell."""
    def edit(ws, first):
        ws[f"G{first + 5}"] = None            # the 定性 indicator without its 得分
        ws[f"E{first + 1}"] = "450人"         # 新增就业人数 not met, and its 偏差原因 blank
        ws[f"H{first + 1}"] = None
        ws[f"G{first + 2}"] = 9               # a 得分 that is not the computed one
    _, diags = _errors(form(tmp_path / "自评表.xlsx", edit=edit))
    errors = [d for d in diags if d.is_error]
    assert {m for d in errors for m in ("score required", "deviation required", "typed score") if m in d.message} \
        == {"score required", "deviation required", "typed score"}
    for d in errors:
        assert d.hint, d.message
        assert not re.search(r"加一行|删除 ?(score|total_score|grade|rating|total)|“\w+: …”|与同层的键对齐", d.hint), \
            (d.message, d.hint)


# ---------------------------------------------------------------- 0.962 beside "≥95%"

def test_a_ratio_without_percent_beside_a_percentage_target_is_named(tmp_path):
    """投诉率 ≤5%, completed 0.03 typed in a General cell: Excel shows 0.03, the office means 3 %.
    Read as 0.03 %, the indicator is met with full marks and nothing is said: name the cell."""
    def edit(ws, first):
        ws[f"C{first + 2}"], ws[f"D{first + 2}"], ws[f"E{first + 2}"] = "群众投诉率", "≤5%", 0.03
    sheet, diags = _errors(form(tmp_path / "自评表.xlsx", edit=edit))
    flagged = [d for d in diags if (d.line, d.col) == (11, 5)]
    assert flagged, [str(d) for d in diags]
    assert "0.03" in flagged[0].message and "3%" in flagged[0].hint
    # a real 0.3 % beside "≤0.5%" is not flagged
    def small(ws, first):
        ws[f"C{first + 2}"], ws[f"D{first + 2}"], ws[f"E{first + 2}"] = "事故率", "≤0.5%", 0.3
    _, diags = _errors(form(tmp_path / "b.xlsx", edit=small))
    assert [d for d in diags if (d.line, d.col) == (11, 5)] == []


# ---------------------------------------------------------------- merge into a CRLF content file

def test_import_into_a_crlf_content_file_keeps_crlf_everywhere(tmp_path):
    text = LEGACY.read_text("utf-8").replace("  total_score: 97.99", "  total_score: 97.99  # 复核").replace(
        "\n", "\r\n")
    def edit(ws, first):
        ws[f"E{first + 1}"] = "470人"
    sheet = read_form(form(tmp_path / "自评表.xlsx", edit=edit), "自评表.xlsx")
    merged = merge_into(text, sheet, "自评表.xlsx", "content/2020.yaml")
    assert merged.changes
    assert "\n" not in merged.text.replace("\r\n", ""), "mixed line ends after the merge"
    # and an import that changes nothing leaves the file byte for byte
    again = merge_into(merged.text, sheet, "自评表.xlsx", "content/2020.yaml")
    assert again.changes == [] and again.text == merged.text


# ---------------------------------------------------------------- names as written, spaces aside

def test_indicator_names_are_trimmed_like_the_budget_rows(tmp_path):
    """"  辖区网格巡查覆盖率  " (spaces pasted around a name): the same indicator, not a renamed one."""
    def edit(ws, first):
        ws[f"C{first}"] = "  辖区网格巡查覆盖率  "
        ws[f"B{first + 2}"] = " 质量指标 "

    sheet, diags = _errors(form(tmp_path / "自评表.xlsx", edit=edit))
    assert [d for d in diags if d.is_error] == []
    assert sheet.data["indicators"][0]["name"] == "辖区网格巡查覆盖率"
    assert sheet.data["indicators"][2]["level2"] == "质量指标"
