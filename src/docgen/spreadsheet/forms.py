"""The labels a 自评表 is recognised by: the published forms' header words and docgen's own.

Forms differ by province and by year of the budget system: 全年预算数 may be
调整后预算数, 实际完成值 may be 全年实际值, the columns come in another order, the
amounts are in 万元 or in 元.  A block is found by its header row (the row holding at
least two of its labels), wherever it sits; a column by its label.  Labels are compared
without white space and without a bracketed suffix ("全年预算数（A）", "年初预算数（万元）").
To accept another province's wording, add it here.
"""

from __future__ import annotations

import re

#: budget block: field → accepted header labels (first: the one docgen writes)
BUDGET_LABELS: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数", "年初预算", "年初预算金额"),
    "adjusted": ("全年预算数", "调整后预算数", "全年预算", "调整后预算"),
    "executed": ("全年执行数", "全年实际执行数", "实际执行数", "执行数", "全年支出数", "实际支出数"),
    "weight": ("分值",),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分",),
}
#: the column holding the names of the budget rows, when it has a label at all
BUDGET_NAME_LABELS = ("项目", "资金来源", "资金类别", "资金性质", "资金构成", "预算资金")
BUDGET_REQUIRED = ("initial", "adjusted", "executed")

#: indicator block: field → accepted header labels (first: the one docgen writes)
INDICATOR_LABELS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称"),
    "nature": ("指标性质", "指标方向"),
    "target": ("年度指标值", "年度目标值", "全年指标值", "预期指标值", "指标值", "目标值"),
    "unit": ("计量单位", "度量单位", "单位"),
    "actual": ("实际完成值", "全年实际值", "全年完成值", "实际完成情况", "完成值", "实际值"),
    "weight": ("分值",),
    "score": ("得分",),
    "deviation": ("偏差原因分析及改进措施", "偏差原因分析及改进措施说明", "偏差原因及改进措施",
                  "偏差原因分析", "未完成原因分析", "偏差原因"),
}
INDICATOR_REQUIRED = ("level1", "level2", "name", "target", "actual", "weight")

#: labels only one block has: a header row holds at least two of its block's
BUDGET_MARKERS = ("initial", "adjusted", "executed")
INDICATOR_MARKERS = ("level1", "level2", "name", "target", "actual")

#: rows of the budget block, by the text in its name column
TOTAL_ROW = ("年度资金总额", "资金总额", "合计", "总计", "年度预算资金总额")
REASON_ROW = ("执行率偏低原因", "执行率偏低原因说明", "预算执行偏差原因", "执行偏差原因")
ADJUSTMENT_ROW = ("预算调整说明", "预算调整情况", "调整说明")
#: a row with one of these ends the budget block (the forms' 年度总体目标 sits between the blocks)
BUDGET_END = ("年度总体目标", "总体目标", "预期目标", "实际完成情况", "绩效指标")
#: rows after the indicators
BUDGET_RATE_ROW = ("预算执行率",)
TOTAL_SCORE_ROW = ("总分", "综合得分", "合计", "总计")
GRADE_ROW = ("自评等级", "评价等级", "等级")
GRADES = ("优", "良", "中", "差")

#: "其中：" before the first source of funds, as the forms print it
WITHIN = re.compile(r"^其中[:：]?\s*")

#: What docgen writes (:mod:`docgen.spreadsheet.write`), read back by the same rules.
SHEET_NAME = "自评表"
PROFILE_LABEL = "评分标准"

_SPACE = re.compile(r"\s+")
_SUFFIX = re.compile(r"[（(][^（）()]*[)）]$")
_UNIT_IN_LABEL = re.compile(r"[（(](万元|元)[)）]")
_UNIT_LINE = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)")


def label_text(value: object) -> str:
    """A header cell as compared: no white space, no bracketed suffix, no final colon."""
    text = _SPACE.sub("", str(value)) if value is not None else ""
    while True:
        cut = _SUFFIX.sub("", text)
        if cut == text:
            break
        text = cut
    return text.rstrip(":：")


def row_label(value: object) -> str:
    """A row's name as compared with :data:`TOTAL_ROW` …: also without "其中："."""
    return WITHIN.sub("", label_text(value))


def amount_unit(text: str) -> str | None:
    """"万元" or "元" when a header or a title line says which ("年初预算数（万元）", "单位：元")."""
    compact = _SPACE.sub("", text)
    m = _UNIT_IN_LABEL.search(compact) or _UNIT_LINE.search(compact)
    return m.group(1) if m else None


def field_of(label: str, labels: dict[str, tuple[str, ...]]) -> str | None:
    for key, names in labels.items():
        if label in names:
            return key
    return None
