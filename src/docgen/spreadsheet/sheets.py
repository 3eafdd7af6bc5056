"""Which worksheet is the 自评表, and where its two header rows are.

A block's header row is the row holding at least two of its labels (:mod:`.forms`);
a header over two rows (labels merged down, "评分" above 分值 and 得分) qualifies twice: its
columns are those of both rows, its data start below the second, and the block above it
ends before the first.  The
worksheet is the one visible sheet with both headers, or the one ``--sheet`` names;
two candidates are an error that names both (exit code 2), as is a workbook without
a 自评表 header on any sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DocgenError, EXIT_USAGE
from . import forms
from .workbook import Grid


@dataclass(frozen=True)
class Header:
    row: int                    # the (last) header row: the data start below it
    columns: dict[str, int]     # field → column
    first: int = 0              # the first header row (a header over two rows): the block above ends here

    @property
    def top(self) -> int:
        return self.first or self.row


def _header_rows(grid: Grid, labels: dict[str, tuple[str, ...]], markers: tuple[str, ...]) -> list[Header]:
    found = []
    for r in range(1, grid.max_row + 1):
        columns: dict[str, int] = {}
        for c in range(1, grid.max_col + 1):
            key = forms.field_of(forms.label_text(grid.header(r, c)), labels)
            if key is not None and key not in columns:
                columns[key] = c
        if sum(k in columns for k in markers) >= 2:
            found.append(Header(r, columns))
    # a header over two rows qualifies twice: one header, the columns of both rows
    best: list[Header] = []
    for h in found:
        if best and h.row == best[-1].row + 1:
            prev = best[-1]
            best[-1] = Header(h.row, {**prev.columns, **h.columns}, prev.top)
            continue
        best.append(h)
    return best


@dataclass(frozen=True)
class Candidate:
    grid: Grid
    budget: Header | None
    indicators: Header | None


def _candidates(grids: list[Grid]) -> list[Candidate]:
    out = []
    for g in grids:
        b = _header_rows(g, forms.BUDGET_LABELS, forms.BUDGET_MARKERS)
        i = _header_rows(g, forms.INDICATOR_LABELS, forms.INDICATOR_MARKERS)
        out.append(Candidate(g, b[0] if b else None, i[0] if i else None))
    return out


def choose_sheet(grids: list[Grid], display: str, sheet: str | None) -> Candidate:
    cands = _candidates(grids)
    names = "、".join(f"“{g.name}”" for g in grids)
    if sheet is not None:
        for c in cands:
            if c.grid.name == sheet:
                return c
        raise DocgenError.single(f"文件中没有名为“{sheet}”的工作表；有：{names}。no such worksheet",
                                 file=display, exit_code=EXIT_USAGE, hint="--sheet 后写工作表的名称（标签上的文字）。")
    full = [c for c in cands if c.budget and c.indicators and not c.grid.hidden]
    if len(full) == 1:
        return full[0]
    if len(full) > 1:
        both = "、".join(f"“{c.grid.name}”" for c in full)
        raise DocgenError.single(f"有 {len(full)} 个工作表都像自评表：{both}。several worksheets look like the form",
                                 file=display, exit_code=EXIT_USAGE,
                                 hint=f"用 --sheet 指定要导入的一个，例如 --sheet {full[0].grid.name}")
    partial = [c for c in cands if (c.budget or c.indicators) and not c.grid.hidden]
    if len(partial) == 1:
        return partial[0]
    raise DocgenError.single(
        f"没有找到自评表的表头（工作表：{names}）。no 自评表 header found",
        file=display, exit_code=EXIT_USAGE,
        hint="自评表应有“年初预算数、全年预算数、全年执行数”一行和“一级指标、二级指标、三级指标、"
             "年度指标值、实际完成值”一行；用 --sheet 指定工作表。")
