"""A filled 自评表 worksheet → ``self_evaluation`` data, every value with the cell it came from.

The worksheet and its two header rows are found by :mod:`.sheets`.  Below each header
row the block's rows are read until the next block: blank spacer rows are skipped,
hidden rows are skipped and named (a warning), a repeated header row and a caption
across the row are skipped.  Merged cells are followed (:class:`~.workbook.Grid`).

What the reader cannot take as a figure (a text in a figure cell, a formula without a
computed value, a header without one of its columns, a target without ≥ ≤ =) is a
diagnostic at its cell, ``自评表.xlsx:Sheet1!F12: indicators[3].actual: …``; the rest is
validated and checked by the 自评表's rules in :mod:`.check`.

Figures the sheet states but docgen computes (年度资金总额, the budget's 分值 and 得分,
a quantitative indicator's 得分, 总分, 等级) are marked :attr:`.SheetForm.derived`: they
are checked, and :mod:`.merge` writes them only where the content file already types
them.  A 定性 indicator's rating (达成 / 部分达成 / 未达成), which the forms do not
print, is the band its 得分 lies in (80% and up, 60% and up, below).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import Severity
from . import forms
from .sheet_form import ROOT, Path_, SheetForm
from .sheets import Header, choose_sheet
from .summary_rows import budget_rate_row, grade, total_score_row
from .values import Reading, Unreadable, amount, empty, figure, indicator_value, nature_of, percent, plain
from .workbook import Grid, load_grids, read_xlsx

UNCOMPUTED = "公式没有计算结果：请在 Excel/WPS 中打开并保存一次。formula without a computed value"
UNCOMPUTED_HINT = "保存这个文件的程序没有计算公式；Excel 或 WPS 打开后会计算，保存后再导入。"


_YEAR = re.compile(r"((?:19|20|21)\d{2})\s*年")


class _Reader:
    def __init__(self, grid: Grid, display: str) -> None:
        self.g = grid
        self.form = SheetForm(display, grid.name)

    # ------------------------------------------------------------ cells

    def cell(self, r: int, c: int) -> tuple[int, int]:
        return self.g.at(r, c)

    def put(self, target: dict, key: str, path: Path_, r: int, c: int, value: Any) -> None:
        target[key] = value
        self.form.cells[path] = self.cell(r, c)

    def raw(self, r: int, c: int | None, path: Path_) -> Any:
        """The cell's value; a formula without a computed value is named (and read as blank)."""
        if c is None:
            return None
        if self.g.uncomputed(r, c):
            row, col = self.cell(r, c)
            self.form.problem(row, col, path, UNCOMPUTED, UNCOMPUTED_HINT)
            return None
        return self.g.value(r, c)

    def read(self, parse, r: int, c: int | None, path: Path_, *args) -> Any:
        value = self.raw(r, c, path)
        try:
            return parse(value, *args)
        except Unreadable as exc:
            row, col = self.cell(r, c)
            self.form.problem(row, col, path, f"{exc}。not a number",
                              "只写数字（可带 % 或单位）；没有数字时留空或写“—”。")
            return None

    def text(self, r: int, c: int | None) -> str | None:
        value = self.g.value(r, c) if c is not None else None
        if empty(value):
            return None
        return value if isinstance(value, str) else (f"{value:f}" if isinstance(value, Decimal) else str(value))

    def hidden(self, r: int, what: str) -> bool:
        if r in self.g.hidden_rows and not self.g.blank(r):
            self.form.problem(r, 0, (), f"第 {r} 行是隐藏行，未导入（{what}）。hidden row skipped",
                              "要导入这一行，请在 Excel/WPS 中取消隐藏后保存。", Severity.WARNING)
            return True
        return r in self.g.hidden_rows

    def first_text(self, r: int, after: int = 0, skip: set | None = None) -> tuple[int, str] | None:
        seen = set(skip or ())
        for c in range(after + 1, self.g.max_col + 1):
            at = self.cell(r, c)
            if at in seen:
                continue
            seen.add(at)
            t = self.text(r, c)
            if t is not None:
                return c, t
        return None

    # ------------------------------------------------------------ the title

    def title(self, before: int) -> tuple[str | None, int | None, bool]:
        """The title, the year ("2024年度…" or a "（2024年度）" line) and whether amounts are in 元."""
        title, year, yuan = None, None, False
        for r in range(1, before):
            for c in range(1, self.g.max_col + 1):
                t = self.text(r, c)
                if t is None:
                    continue
                if title is None and "自评表" in t:
                    title = t.strip()
                if year is None and (m := _YEAR.search(t)):
                    year = int(m.group(1))
                if forms.amount_unit(t) == "元":
                    yuan = True
        return title, year, yuan

    # ------------------------------------------------------------ the budget block

    def budget(self, header: Header, end: int, yuan: bool) -> None:
        form, cols = self.form, header.columns
        path = ROOT + ("budget",)
        budget: dict = {"rows": []}
        form.data["budget"] = budget
        form.anchors[path] = form.anchors[path + ("rows",)] = (header.row, min(cols.values()))
        self.missing(header, forms.BUDGET_REQUIRED, forms.BUDGET_LABELS, path)
        for key in forms.BUDGET_REQUIRED:
            label = self.text(header.row, cols.get(key))
            if label and forms.amount_unit(label) == "元":
                yuan = True
        figure_cols = [cols[k] for k in forms.BUDGET_REQUIRED if k in cols]
        name_col = next((c for c in range(1, self.g.max_col + 1)
                         if forms.label_text(self.g.header(header.row, c)) in forms.BUDGET_NAME_LABELS), None)
        if name_col is None:
            name_col = max(1, min(figure_cols) - 1) if figure_cols else 1
        for r in range(header.row + 1, end):
            if self.hidden(r, "年度预算执行情况") or self.g.blank(r):
                continue
            if len({self.cell(r, c) for c in [name_col, *figure_cols]}) == 1:
                continue  # one text across the row: a caption ("二、绩效指标完成情况"), not a source of funds
            name = self.text(r, name_col)
            label = forms.row_label(name) if name else ""
            if label in forms.BUDGET_END:
                break
            if any(forms.label_text(self.g.header(r, c)) in forms.BUDGET_LABELS["adjusted"] for c in figure_cols):
                continue  # the header again
            if label in forms.REASON_ROW or label in forms.ADJUSTMENT_ROW:
                key = "reason" if label in forms.REASON_ROW else "adjustment"
                found = self.first_text(r, after=name_col, skip={self.cell(r, name_col)})
                c = found[0] if found else name_col + 1
                self.put(budget, key, path + (key,), r, c, found[1] if found else None)
                continue
            if label in forms.TOTAL_ROW:
                self.total_row(budget, path, r, cols, yuan)
                continue
            if all(empty(self.g.value(r, c)) for c in figure_cols) and not any(
                    self.g.uncomputed(r, c) for c in figure_cols):
                continue  # a caption row inside the block
            i = len(budget["rows"])
            rpath = path + ("rows", i)
            row: dict = {}
            budget["rows"].append(row)
            form.anchors[rpath] = self.cell(r, name_col)
            if name is None:
                form.problem(*self.cell(r, name_col), rpath + ("name",),
                             "这一行有金额，但没有写资金来源的名称。source of funds without a name",
                             "写明资金来源，例如 财政拨款、上年结转资金、其他资金。")
            self.put(row, "name", rpath + ("name",), r, name_col, forms.WITHIN.sub("", name.strip()) if name else None)
            for key in forms.BUDGET_REQUIRED:
                if key in cols:
                    self.put(row, key, rpath + (key,), r, cols[key],
                             self.read(amount, r, cols[key], rpath + (key,), yuan))

    def total_row(self, budget: dict, path: Path_, r: int, cols: dict, yuan: bool) -> None:
        total: dict = {}
        for key in forms.BUDGET_REQUIRED:
            if key in cols:
                value = self.read(amount, r, cols[key], path + ("total", key), yuan)
                if value is not None:
                    self.put(total, key, path + ("total", key), r, cols[key], value)
                    self.form.derived.add(path + ("total", key))
        if total:
            budget["total"] = total
        for key in ("weight", "score"):
            if key in cols:
                value = self.read(figure, r, cols[key], path + (key,))
                if value is not None:
                    self.put(budget, key, path + (key,), r, cols[key], value)
                    self.form.derived.add(path + (key,))
        if "rate" in cols:
            stated = self.read(percent, r, cols["rate"], path, self.g.number_format(r, cols["rate"]))
            if stated is not None:
                self.form.data["_rate"] = stated
                self.form.cells[("rate",)] = self.cell(r, cols["rate"])

    # ------------------------------------------------------------ the indicator block

    def missing(self, header: Header, required, labels, path: Path_) -> None:
        for key in required:
            if key not in header.columns:
                found = "、".join(labels[k][0] for k in labels if k in header.columns)
                self.form.problem(header.row, min(header.columns.values()), path,
                                  f"表头中没有“{labels[key][0]}”一栏（找到的有：{found}）。column {key} missing",
                                  f"在表头这一行加上“{labels[key][0]}”一栏并填好，或改用表头文字："
                                  + "、".join(labels[key]) + "。")

    def indicators(self, header: Header, end: int) -> None:
        form, cols = self.form, header.columns
        path = ROOT + ("indicators",)
        rows: list[dict] = []
        form.data["indicators"] = rows
        form.anchors[path] = form.anchors[ROOT] = (header.row, min(cols.values()))
        self.missing(header, forms.INDICATOR_REQUIRED, forms.INDICATOR_LABELS, path)
        ended = False
        for r in range(header.row + 1, end):
            if self.g.blank(r) or self.hidden(r, "绩效指标"):
                continue
            first = self.first_text(r)
            label = forms.row_label(first[1]) if first else ""
            if label in forms.BUDGET_RATE_ROW:
                budget_rate_row(self, r, cols)
                continue
            if label in forms.TOTAL_SCORE_ROW:
                total_score_row(self, r, cols)
                ended = True
                continue
            if label in forms.GRADE_ROW or label.startswith(forms.GRADE_ROW):
                grade(self, r, first[0] - 1)
                continue
            if ended:
                continue  # below 总分: 填表人, 联系电话, notes — not indicators
            if label.startswith(forms.PROFILE_LABEL):
                continue
            named = [cols[k] for k in ("level1", "name", "target") if k in cols]
            if len({self.cell(r, c) for c in named}) == 1 and len(named) > 1:
                continue  # one text across the row: a caption or a note, not an indicator
            if any(forms.field_of(forms.label_text(self.g.header(r, c)), forms.INDICATOR_LABELS) == k
                   for k, c in cols.items() if k in forms.INDICATOR_MARKERS):
                continue  # the header again (a form printed over two pages)
            if all(empty(self.g.value(r, cols[k])) for k in ("name", "target", "actual", "weight", "score")
                   if k in cols) and not any(self.g.uncomputed(r, c) for c in cols.values()):
                continue  # a spacer inside a merged 一级指标
            self.indicator(rows, path + (len(rows),), r, cols)

    def indicator(self, rows: list, path: Path_, r: int, cols: dict) -> None:
        form = self.form
        ind: dict = {}
        rows.append(ind)
        form.anchors[path] = self.cell(r, cols.get("name", min(cols.values())))
        for key in ("level1", "level2", "name"):  # names trimmed, as the budget rows' are
            if key in cols:
                name = self.text(r, cols[key])
                self.put(ind, key, path + (key,), r, cols[key], name.strip() if name else name)
        nature_cell = self.raw(r, cols.get("nature"), path + ("nature",))
        column_nature = nature_of(nature_cell)
        readings: dict[str, Reading | None] = {}
        for key in ("target", "actual"):
            if key in cols:
                readings[key] = self.read(indicator_value, r, cols[key], path + (key,),
                                          self.g.number_format(r, cols[key]))
        target, actual = readings.get("target"), readings.get("actual")
        nature = column_nature or (target.nature if target else None)
        if nature is None and target is not None:
            nature = "定性" if isinstance(target.value, str) else None
        tcell = self.cell(r, cols["target"]) if "target" in cols else self.cell(r, cols.get("name", 1))
        if nature is None and target is not None:
            form.problem(*tcell, path + ("nature",),
                         f"年度指标值“{self.text(r, cols['target'])}”没有写指标性质（≥、≤ 或 =），无法计分。"
                         "no comparison (≥ ≤ =) for the target",
                         "在年度指标值前写上 ≥、≤ 或 =（例如“≥95%”），或加一栏“指标性质”。")
        elif column_nature and target is not None and target.nature and target.nature != column_nature:
            form.problem(*tcell, path + ("nature",),
                         f"指标性质一栏写的是“{column_nature}”，年度指标值写的是“{target.nature}”。natures differ",
                         "两处改为一致。")
        if nature is not None:
            ind["nature"] = nature
            form.cells[path + ("nature",)] = self.cell(r, cols["nature"]) if column_nature else tcell
        for key, reading in (("target", target), ("actual", actual)):
            if key not in cols:
                continue
            if reading is None:
                value = None
            elif nature == "定性":
                raw = self.g.value(r, cols[key])
                value = raw.strip() if isinstance(raw, str) else self.text(r, cols[key])
            else:
                value = reading.value
                if isinstance(value, str) and nature in ("≥", "≤", "="):
                    label = "年度指标值" if key == "target" else "实际完成值"
                    form.problem(*self.cell(r, cols[key]), path + (key,),
                                 f"指标性质为“{nature}”的定量指标，{label}应为数字，当前是“{value[:40]}”。must be a number",
                                 "只写数字（可带 % 或单位，例如 460人、98.5%）；若是定性指标，指标性质写“定性”。")
            self.put(ind, key, path + (key,), r, cols[key], value)
        units = {k: v.unit for k, v in readings.items() if v is not None and v.unit and nature != "定性"}
        column_unit = self.text(r, cols["unit"]) if "unit" in cols else None
        if column_unit is not None:
            self.put(ind, "unit", path + ("unit",), r, cols["unit"], column_unit.strip())
        elif units and nature != "定性":
            ind["unit"] = units.get("target") or units.get("actual")
            form.cells[path + ("unit",)] = self.cell(r, cols["target" if "target" in units else "actual"])
        elif nature is not None:
            ind["unit"] = None
        self.ratio_without_percent(r, cols, path, readings, nature)
        expected = ind.get("unit")
        for key, unit in units.items():
            if expected and unit != expected:
                form.problem(*self.cell(r, cols[key]), path + (key,),
                             f"单位不一致：这里是“{unit}”，本指标的单位是“{expected}”。units differ",
                             "年度指标值和实际完成值用同一个单位。")
        for key in ("weight", "score"):
            if key in cols:
                self.put(ind, key, path + (key,), r, cols[key], self.read(figure, r, cols[key], path + (key,)))
        if nature != "定性":
            form.derived.add(path + ("score",))
        elif isinstance(ind.get("score"), Decimal) and isinstance(ind.get("weight"), Decimal) and ind["weight"] > 0:
            share = ind["score"] / ind["weight"]
            ind["rating"] = "达成" if share >= Decimal("0.8") else "部分达成" if share >= Decimal("0.6") else "未达成"
            form.cells[path + ("rating",)] = self.cell(r, cols["score"])
        if "deviation" in cols:
            self.put(ind, "deviation", path + ("deviation",), r, cols["deviation"], self.text(r, cols["deviation"]))

    def ratio_without_percent(self, r: int, cols: dict, path: Path_, readings: dict, nature: str | None) -> None:
        """0.962 in a cell without a % format beside "≥95%": Excel shows 0.962, the office meant 96.2 %."""
        if nature == "定性":
            return
        for key, other in (("target", "actual"), ("actual", "target")):
            mine, theirs = readings.get(key), readings.get(other)
            if (mine is None or theirs is None or mine.unit is not None or theirs.unit != "%"
                    or not isinstance(mine.value, Decimal) or not isinstance(theirs.value, Decimal)):
                continue
            if isinstance(self.g.value(r, cols[key]), str) or not (0 < mine.value <= 1 < theirs.value):
                continue
            label = "年度指标值" if key == "target" else "实际完成值"
            shown = f"{mine.value:f}"
            self.form.problem(*self.cell(r, cols[key]), path + (key,),
                              f"{label}写的是 {shown}（没有 %），{'实际完成值' if key == 'target' else '年度指标值'}是 "
                              f"{theirs.value:f}%：按 {shown}% 导入。a ratio without % beside a percentage",
                              f"如果是 {plain(mine.value * 100):f}%，把这一格写成“{plain(mine.value * 100):f}%”"
                              "或设为百分比格式后重新导入。", Severity.WARNING)


def read_form(path: Path, display: str, sheet: str | None = None) -> SheetForm:
    """Read the 自评表 of an .xlsx (refused with exit code 2 if it is not one)."""
    grids = load_grids(read_xlsx(path, display), display)
    cand = choose_sheet(grids, display, sheet)
    reader = _Reader(cand.grid, display)
    form = reader.form
    g = cand.grid
    headers = [h for h in (cand.budget, cand.indicators) if h is not None]
    form.title, form.year, yuan = reader.title(min(h.top for h in headers))
    if cand.budget is None:
        form.problem(1, 1, ROOT + ("budget",), "没有找到“年度预算执行情况”的表头（年初预算数、全年预算数、全年执行数）。"
                     "budget header not found", "在预算表的表头写上 年初预算数、全年预算数、全年执行数。")
    if cand.indicators is None:
        form.problem(1, 1, ROOT + ("indicators",), "没有找到“绩效指标”的表头（一级指标、二级指标、三级指标、年度指标值、"
                     "实际完成值）。indicator header not found", "在指标表的表头写上 一级指标、二级指标、三级指标、年度指标值、实际完成值、分值、得分。")
    if cand.budget is not None:
        end = cand.indicators.top if cand.indicators and cand.indicators.row > cand.budget.row else g.max_row + 1
        reader.budget(cand.budget, end, yuan)
    if cand.indicators is not None:
        end = cand.budget.top if cand.budget and cand.budget.row > cand.indicators.row else g.max_row + 1
        reader.indicators(cand.indicators, end)
    return form
