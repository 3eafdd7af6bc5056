"""The 绩效自评表 as both templates print it: a title and tables of printed cells.

Built once from the validated, checked :class:`~docgen.content.self_evaluation.SelfEvaluation`
and its :func:`~docgen.content.scoring.evaluate` figures, so that the .docx
(:mod:`docgen.docx.tables`) and the PDF (``templates/report.html``) print the same
cells, merged the same way.  A cell's ``rowspan`` is 1 for a plain cell, *n* for the
first cell of a vertical merge and 0 for a cell it covers (Word writes those as
``w:vMerge`` continuation cells; HTML leaves them out).

Rows of the indicator block are grouped for merging: 一级指标 in the profile's order,
二级指标 in the order they first appear under their 一级, 三级指标 in file order.

Column widths are relative (:data:`INDICATOR_COLUMNS`); :func:`orientation` decides
portrait or landscape by whether every table's columns fit the portrait type area at
their minimum widths, and :func:`column_widths` scales them to the chosen area in twips.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .content.model import Report
from .content.scoring import Evaluation, evaluate, rate_text, row_rate, score_text
from .content.self_evaluation import SelfEvaluation
from .layout import MARGIN_LEFT, MARGIN_RIGHT, PAGE_H, PAGE_W, TABLE_CELL_MARGIN, TABLE_SZ

LABEL = "附件"
DASH = "—"


@dataclass(frozen=True)
class Column:
    header: str
    share: int        # relative width
    min_chars: int    # narrowest readable width, in characters of the table's size


BUDGET_COLUMNS = (Column("项目", 20, 7), Column("年初预算数", 13, 5), Column("全年预算数", 13, 5),
                  Column("全年执行数", 13, 5), Column("分值", 9, 2), Column("执行率", 11, 4),
                  Column("得分", 9, 3))
INDICATOR_COLUMNS = (Column("一级指标", 9, 4), Column("二级指标", 12, 5), Column("三级指标", 16, 7),
                     Column("指标性质", 8, 4), Column("年度指标值", 11, 5), Column("实际完成值", 11, 5),
                     Column("分值", 6, 3), Column("得分", 6, 3), Column("偏差原因分析及改进措施", 21, 8))

PORTRAIT_AREA = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT     # 8845 twips (156 mm)
LANDSCAPE_AREA = PAGE_H - MARGIN_LEFT - MARGIN_RIGHT    # 13777 twips (243 mm)


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1   # 0: covered by a merge from above
    colspan: int = 1
    left: bool = False  # left-aligned (long text); else centred


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[Column, ...]
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]  # twips, summing to the type area of the attachment's orientation

    @property
    def width(self) -> int:
        return sum(self.widths)


@dataclass(frozen=True)
class Attachment:
    label: str
    title: str
    unit_line: str
    landscape: bool
    tables: tuple[Table, ...]
    total: str
    grade: str
    rate: str
    summary: str     # the sentence a report may print: "经自评，…综合得分为97.99分，自评等级为优。"


def min_width(columns: tuple[Column, ...]) -> int:
    """Twips the columns need at their narrowest: characters of TABLE_SZ plus each cell's margins."""
    return sum(c.min_chars * TABLE_SZ * 10 + 2 * TABLE_CELL_MARGIN for c in columns)


def orientation(*tables: tuple[Column, ...]) -> bool:
    """True (landscape) if some table does not fit the portrait type area at its minimum widths."""
    return any(min_width(cols) > PORTRAIT_AREA for cols in tables)


def column_widths(columns: tuple[Column, ...], area: int) -> tuple[int, ...]:
    """The shares scaled to ``area`` twips, whole twips, the rounding remainder in the last column."""
    total = sum(c.share for c in columns)
    widths = [area * c.share // total for c in columns]
    widths[-1] += area - sum(widths)
    return tuple(widths)


def _amount(d: Decimal) -> str:
    return f"{d:f}"


def _value(value: Decimal | str, unit: str | None) -> str:
    return f"{value:f}{unit or ''}" if isinstance(value, Decimal) else value


def _budget_table(form: SelfEvaluation, ev: Evaluation, area: int) -> Table:
    b, r = form.budget, ev.budget
    rows = [(Cell("年度资金总额"), Cell(_amount(r.initial)), Cell(_amount(r.adjusted)), Cell(_amount(r.executed)),
             Cell(score_text(r.weight)), Cell(rate_text(r.rate)), Cell(score_text(r.score)))]
    for i, row in enumerate(b.rows):
        rate = row_rate(row.adjusted, row.executed)
        rows.append((Cell(("其中：" if i == 0 else "") + row.name, left=True), Cell(_amount(row.initial)),
                     Cell(_amount(row.adjusted)), Cell(_amount(row.executed)), Cell(DASH),
                     Cell(rate_text(rate) if rate is not None else DASH), Cell(DASH)))
    span = len(BUDGET_COLUMNS) - 1
    if b.reason:
        rows.append((Cell("执行率偏低原因"), Cell(b.reason, colspan=span, left=True)))
    if b.adjustment:
        rows.append((Cell("预算调整说明"), Cell(b.adjustment, colspan=span, left=True)))
    return Table("一、年度预算执行情况（单位：万元）", BUDGET_COLUMNS,
                 tuple(Cell(c.header) for c in BUDGET_COLUMNS), tuple(rows), column_widths(BUDGET_COLUMNS, area))


def _grouped(form: SelfEvaluation, ev: Evaluation):
    order1 = list(ev.profile.level1_names) if ev.profile else []
    for r in ev.indicators:
        if r.indicator.level1 not in order1:
            order1.append(r.indicator.level1)
    groups: dict[str, dict[str, list]] = {name: {} for name in order1}
    for r in ev.indicators:
        groups[r.indicator.level1].setdefault(r.indicator.level2, []).append(r)
    return [(l1, list(l2s.items())) for l1, l2s in groups.items() if l2s]


def printed_order(form: SelfEvaluation, ev: Evaluation) -> list:
    """The indicator results in the order the table prints them (the .xlsx writes the same rows)."""
    return [r for _, level2s in _grouped(form, ev) for _, results in level2s for r in results]


def _indicator_table(form: SelfEvaluation, ev: Evaluation, area: int) -> Table:
    rows = []
    for level1, level2s in _grouped(form, ev):
        n1 = sum(len(rs) for _, rs in level2s)
        first1 = True
        for level2, results in level2s:
            for j, r in enumerate(results):
                ind = r.indicator
                rows.append((Cell(level1, rowspan=n1 if first1 else 0),
                             Cell(level2, rowspan=len(results) if j == 0 else 0),
                             Cell(ind.name, left=True), Cell(ind.nature),
                             Cell(_value(ind.target, ind.unit)), Cell(_value(ind.actual, ind.unit)),
                             Cell(score_text(ind.weight)), Cell(score_text(r.score)),
                             Cell(ind.deviation or "", left=True)))
                first1 = False
    budget = ev.budget
    rows.append((Cell("预算执行率"), Cell(f"年度资金总额执行率 {rate_text(budget.rate)}", colspan=5),
                 Cell(score_text(budget.weight)), Cell(score_text(budget.score)), Cell("")))
    rows.append((Cell("总分", colspan=6), Cell(score_text(ev.weight_total)), Cell(score_text(ev.total)),
                 Cell(f"自评等级：{ev.grade}")))
    return Table("二、绩效指标完成情况", INDICATOR_COLUMNS,
                 tuple(Cell(c.header) for c in INDICATOR_COLUMNS), tuple(rows),
                 column_widths(INDICATOR_COLUMNS, area))


def summary_sentence(year: int, unit: str, ev: Evaluation) -> str:
    """The figures as a sentence a report may print, written from the computed figures only."""
    return (f"经自评，{unit}{year}年度预算执行率为{rate_text(ev.budget.rate)}，"
            f"综合得分为{score_text(ev.total)}分，自评等级为{ev.grade}。")


def attachment(report: Report) -> Attachment | None:
    """The 自评表 of a checked report (None without ``self_evaluation``)."""
    form = report.self_evaluation
    if form is None:
        return None
    ev = evaluate(form)
    landscape = orientation(BUDGET_COLUMNS, INDICATOR_COLUMNS)
    area = LANDSCAPE_AREA if landscape else PORTRAIT_AREA
    title = form.title or f"{report.year}年度{report.unit.name}整体支出绩效自评表"
    return Attachment(
        LABEL, title, f"部门（单位）名称：{report.unit.name}", landscape,
        (_budget_table(form, ev, area), _indicator_table(form, ev, area)),
        score_text(ev.total), ev.grade, rate_text(ev.budget.rate),
        summary_sentence(report.year, report.unit.name, ev))
