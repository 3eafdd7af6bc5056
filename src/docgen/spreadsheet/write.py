"""A checked report's 自评表 → an .xlsx in the published layout (``docgen render --xlsx``).

The same cells as the .docx and the PDF (:mod:`docgen.attachment`: the title, the
unit line, 一、年度预算执行情况 and 二、绩效指标完成情况 with 一级/二级指标 merged over
their rows), but figures are numbers, so a finance officer can add and sort them:
amounts with two decimals (``0.00``), 执行率 as a percentage (``0.00%``), an indicator
value in % as a percentage of its ratio (96.2% is 0.962 shown ``0.0%``), any other
unit in the number format (500 shown ``0"人"`` as "500人").  Read back by
:mod:`.read`, the file gives the same figures (a test holds it to that).

One grid of nine columns serves both tables (the budget table's seven are spread over
them: 项目 over 一级+二级, 全年预算数 over 指标性质+年度指标值).  Column widths, fonts
(仿宋_GB2312 with the table's 10.5 pt, 黑体 headers, 方正小标宋简体 title), borders,
A4 landscape fitted to one page wide.  Deterministic: fixed document dates
(:func:`docgen.context.document_date`), fixed zip timestamps and order.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from ..attachment import INDICATOR_COLUMNS, attachment, printed_order
from ..content.model import Report
from ..content.scoring import evaluate, record, row_rate
from ..context import document_date
from ..write import deterministic_docx
from . import forms
from .values import plain

FONT = "仿宋_GB2312"
HEADER_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
SIZE = 10.5
#: Excel column widths (characters of the default font) per share of the attachment's columns
WIDTH_PER_SHARE = 1.25
#: budget column i → (first, last) sheet column
BUDGET_SPANS = ((1, 2), (3, 3), (4, 5), (6, 6), (7, 7), (8, 8), (9, 9))
AMOUNT_FORMAT = "0.00"
RATE_FORMAT = "0.00%"


@dataclass(frozen=True)
class XCell:
    value: object
    fmt: str = "General"
    left: bool = False
    rows: int = 1       # merged over this many rows (0: covered)
    last_col: int = 0   # merged up to this column (0: itself)


def _decimals(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def _pattern(d: Decimal) -> str:
    n = _decimals(d)
    return "0" + ("." + "0" * n if n else "")


def indicator_cell(value: Decimal | str, unit: str | None) -> tuple[object, str]:
    """(cell value, number format): 96.2 % → (0.962, "0.0%"); 500 人 → (500, '0"人"'); a text as is."""
    if isinstance(value, str):
        return value, "@"
    if unit == "%":
        return value / 100, _pattern(value) + "%"
    if unit:
        return value, _pattern(value) + '"' + unit.replace('"', "") + '"'
    return value, _pattern(value)


def _ratio(rate: Decimal | None) -> Decimal | None:
    return None if rate is None else record(rate * 100) / 100


def _score(d: Decimal | None) -> Decimal | None:
    """A score as recorded (2 decimals half-up), trailing zeros dropped: Excel shows 9.8, 10."""
    return None if d is None else plain(record(d))


def layout(report: Report) -> tuple[list[list[XCell | None]], dict]:
    """The sheet as rows of cells (None: nothing) and what the header rows are (for styling)."""
    form = report.self_evaluation
    att = attachment(report)
    ev = evaluate(form)
    b, r = form.budget, ev.budget
    rows: list[list[XCell | None]] = []
    marks: dict[str, set[int]] = {"title": set(), "caption": set(), "header": set(), "table": set()}

    def add(cells: list[XCell | None], kind: str = "table") -> None:
        rows.append(cells + [None] * (9 - len(cells)))
        marks[kind].add(len(rows))

    def budget_row(cells: list[XCell]) -> list[XCell | None]:
        out: list[XCell | None] = [None] * 9
        for (first, last), cell in zip(BUDGET_SPANS, cells):
            out[first - 1] = XCell(cell.value, cell.fmt, cell.left, cell.rows, last if last > first else 0)
        return out

    add([XCell(att.title, last_col=9)], "title")
    add([XCell(att.unit_line, left=True, last_col=9)], "caption")
    add([XCell(att.tables[0].caption, left=True, last_col=9)], "caption")
    add(budget_row([XCell(c.header) for c in att.tables[0].columns]), "header")
    add(budget_row([XCell(forms.TOTAL_ROW[0]), XCell(r.initial, AMOUNT_FORMAT), XCell(r.adjusted, AMOUNT_FORMAT),
                    XCell(r.executed, AMOUNT_FORMAT), XCell(_score(r.weight)), XCell(_ratio(r.rate), RATE_FORMAT),
                    XCell(_score(r.score))]))
    for i, row in enumerate(b.rows):
        add(budget_row([XCell(("其中：" if i == 0 else "") + row.name, left=True),
                        XCell(row.initial, AMOUNT_FORMAT), XCell(row.adjusted, AMOUNT_FORMAT),
                        XCell(row.executed, AMOUNT_FORMAT), XCell("—"),
                        XCell(_ratio(row_rate(row.adjusted, row.executed)), RATE_FORMAT), XCell("—")]))
    for label, text in ((forms.REASON_ROW[0], b.reason), (forms.ADJUSTMENT_ROW[0], b.adjustment)):
        if text:
            add([XCell(label, last_col=2), None, XCell(text, "@", left=True, last_col=9)])
    rows.append([None] * 9)
    add([XCell(att.tables[1].caption, left=True, last_col=9)], "caption")
    add([XCell(c.header) for c in INDICATOR_COLUMNS], "header")
    order = printed_order(form, ev)
    printed = att.tables[1].rows
    for result, cells in zip(order, printed):
        ind = result.indicator
        target, tfmt = indicator_cell(ind.target, ind.unit)
        actual, afmt = indicator_cell(ind.actual, ind.unit)
        add([XCell(ind.level1, rows=cells[0].rowspan), XCell(ind.level2, rows=cells[1].rowspan),
             XCell(ind.name, left=True), XCell(ind.nature), XCell(target, tfmt), XCell(actual, afmt),
             XCell(_score(ind.weight)), XCell(_score(result.score)),
             XCell(ind.deviation or None, "@", left=True)])
    add([XCell(forms.BUDGET_RATE_ROW[0]), XCell(printed[-2][1].text, last_col=6), None, None, None, None,
         XCell(_score(r.weight)), XCell(_score(r.score)), XCell(None)])
    add([XCell("总分", last_col=6), None, None, None, None, None, XCell(_score(ev.weight_total)),
         XCell(_score(ev.total)), XCell(f"自评等级：{ev.grade}")])
    return rows, marks


def xlsx_name(report: Report) -> str:
    """``2024年度清水塘街道整体支出绩效自评表.xlsx``: from the year and unit (never a typed title: a file name)."""
    return f"{report.year}年度{report.unit.name}整体支出绩效自评表.xlsx"


def workbook_bytes(report: Report) -> bytes:
    """The 自评表 of a checked report with ``self_evaluation``, as .xlsx bytes (deterministic)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    rows, marks = layout(report)
    wb = Workbook()
    ws = wb.active
    ws.title = forms.SHEET_NAME
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fonts = {"title": Font(name=TITLE_FONT, size=16), "caption": Font(name=HEADER_FONT, size=SIZE),
             "header": Font(name=HEADER_FONT, size=SIZE), "table": Font(name=FONT, size=SIZE)}
    for r, cells in enumerate(rows, start=1):
        kind = next((k for k, rs in marks.items() if r in rs), None)
        for c, cell in enumerate(cells, start=1):
            if cell is None or cell.rows == 0:
                continue
            last_row = r + max(cell.rows, 1) - 1
            last_col = cell.last_col or c
            target = ws.cell(row=r, column=c)
            if cell.value is not None:
                target.value = cell.value
            target.number_format = cell.fmt
            for rr in range(r, last_row + 1):
                for cc in range(c, last_col + 1):
                    each = ws.cell(row=rr, column=cc)
                    each.font = fonts[kind or "table"]
                    each.alignment = Alignment(
                        horizontal="left" if cell.left else "center", vertical="center", wrap_text=True)
                    if kind in ("header", "table"):
                        each.border = border
            if last_row > r or last_col > c:
                ws.merge_cells(start_row=r, start_column=c, end_row=last_row, end_column=last_col)
    for i, col in enumerate(INDICATOR_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = float(col.share * WIDTH_PER_SHARE)
    ws.row_dimensions[1].height = 36
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    stamp = document_date(report.year)
    wb.properties.creator = "docgen"
    wb.properties.lastModifiedBy = "docgen"
    wb.properties.title = rows[0][0].value
    wb.properties.created = stamp
    wb.properties.modified = stamp
    out = BytesIO()
    archive = ZipFile(out, "w", ZIP_DEFLATED)
    ExcelWriter(wb, archive).save()  # not openpyxl's save_workbook, which stamps the wall clock
    return deterministic_docx(out.getvalue())

