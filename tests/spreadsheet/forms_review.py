"""Spreadsheets for the review tests, built cell by cell (no row insertion: openpyxl does not move merges)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

BUDGET = [("年度资金总额", 4800, 5220, 5005.93), ("其中：财政拨款", 4800, 5100, 4900.5),
          ("上年结转资金", 0, 120, 105.43)]
#: (一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因)
INDICATORS = [
    ("产出指标", "数量指标", "辖区网格巡查覆盖率", "≥100%", "100%", 15, 15, None),
    ("产出指标", "数量指标", "新增就业人数", "≥500人", "460人", 15, 13.8, "受疫情影响用工需求下降；下一年度增开专场招聘会。"),
    ("产出指标", "质量指标", "重大安全生产事故", "≤0起", "0起", 10, 10, None),
    ("产出指标", "成本指标", "公用经费支出", "≤120万元", "118万元", 10, 10, None),
    ("效益指标", "社会效益指标", "群众安全感", "≥95%", "96.2%", 20, 20, None),
    ("效益指标", "可持续影响指标", "网格化管理长效机制", "明显提升", "明显提升", 10, 10, None),
    ("满意度指标", "服务对象满意度指标", "辖区居民满意度", "≥90%", "93%", 10, 10, None),
]
TOTAL = (100, 98.39)   # 10 × 95.9% = 9.59 + 88.8


def form(path: Path, *, two_row_header: bool = False, edit=None) -> Path:
    """A 自评表 in the 财政部 layout: budget rows 3–6, indicator header at row 8 (rows 8–9 when
    ``two_row_header``: 一级…三级 merged down, 评分 over 分值 and 得分)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "2024年度清水塘街道部门整体支出绩效自评表"
    ws.merge_cells("A1:H1")
    for col, label in zip("BCDEFG", ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")):
        ws[f"{col}2"] = label
    ws["A2"] = "项目"
    for r, (name, a, b, c) in enumerate(BUDGET, start=3):
        ws[f"A{r}"], ws[f"B{r}"], ws[f"C{r}"], ws[f"D{r}"] = name, a, b, c
    ws["E3"], ws["F3"], ws["G3"] = 10, "95.9%", 9.59
    labels = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    head = 8
    if two_row_header:
        for col, label in zip("ABCDE", labels[:5]):
            ws[f"{col}8"] = label
            ws.merge_cells(f"{col}8:{col}9")
        ws["F8"] = "评分"
        ws.merge_cells("F8:G8")
        ws["F9"], ws["G9"] = "分值", "得分"
        ws["H8"] = labels[7]
        ws.merge_cells("H8:H9")
        head = 9
    else:
        for col, label in zip("ABCDEFGH", labels):
            ws[f"{col}8"] = label
    first = head + 1
    for r, row in enumerate(INDICATORS, start=first):
        for col, value in zip("ABCDEFGH", row):
            if value is not None and (col not in "AB" or r == first or INDICATORS[r - first - 1][ord(col) - 65] != value):
                ws[f"{col}{r}"] = value
    # 一级指标 merged over its rows, 二级 where repeated
    ws.merge_cells(f"A{first}:A{first + 3}")
    ws.merge_cells(f"A{first + 4}:A{first + 5}")
    ws.merge_cells(f"B{first}:B{first + 1}")
    last = first + len(INDICATORS)
    ws[f"A{last}"] = "总分"
    ws[f"F{last}"], ws[f"G{last}"] = TOTAL
    ws[f"H{last}"] = "自评等级：优"
    if edit:
        edit(ws, first)
    wb.save(path)
    return path
