"""The two views of a :class:`~.compare.Comparison` (``docgen diff``): the terminal's tables and a CSV.

Apart from the comparison because they are displays, not the comparison: the
percentage is rounded here, half up to 0.01, and nowhere before (the CSV is a
display too).  They build values and return them; the CLI prints or writes them.
The amount formatters are shared with ``docgen import``'s table of changes.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

from .compare import ADDED, FUNDS, Comparison

_CENT = Decimal("0.01")


def fmt_amount(value: Decimal | None) -> str:
    """An amount as written (146.4 stays 146.4); a missing one is "—"."""
    return "—" if value is None else f"{value:f}"


def fmt_change(value: Decimal, *, sign: bool = True) -> str:
    if value == 0:
        return "0"
    return f"{value:+f}" if sign else f"{value:f}"


def rounded_percent(value: Decimal | None) -> Decimal | None:
    """The percentage to 2 decimal places, half up (display only)."""
    return None if value is None else value.quantize(_CENT, rounding=ROUND_HALF_UP)


def fmt_percent(value: Decimal | None) -> str:
    p = rounded_percent(value)
    if p is None:
        return "—"
    if p == 0:
        return "0.00%"
    return f"{p:+f}%"


def csv_header(cmp: Comparison) -> list[str]:
    return ["部分 section", "位置 place", "项目 item", f"{cmp.year_a}（万元）", f"{cmp.year_b}（万元）",
            "变化（万元） change", "变化率（%） change %", "状态 status"]


def csv_rows(cmp: Comparison) -> list[list[str]]:
    """The table as spreadsheet cells: plain numbers (no sign, no %), so they sum and sort."""
    rows = []
    for f in cmp.figures:
        pct = rounded_percent(f.percent)
        rows.append([FUNDS, f.place, f.label, "" if f.old is None else f"{f.old:f}",
                     "" if f.new is None else f"{f.new:f}", fmt_change(f.change, sign=False),
                     "" if pct is None else f"{pct:f}", f.status])
    for it in cmp.items:
        rows.append([it.section, it.place, it.name, "", "", "", "", it.status])
    return rows


def to_csv(cmp: Comparison) -> bytes:
    """UTF-8 *with BOM* and CRLF: Excel then opens the Chinese text correctly."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(csv_header(cmp))
    writer.writerows(csv_rows(cmp))
    return buf.getvalue().encode("utf-8-sig")


def rich_tables(cmp: Comparison) -> list:
    """The rich tables: one per funds block (titled with its place), then what was added or removed.

    Figures are never cut short: number columns do not wrap and are as wide as
    their widest value; only the name column wraps on a narrow terminal.
    """
    from rich.table import Table
    from rich.text import Text

    tables = []
    for place in cmp.places:
        figures = [f for f in cmp.figures if f.place == place]
        cells = [(fmt_amount(f.old), fmt_amount(f.new), fmt_change(f.change), fmt_percent(f.percent))
                 for f in figures]

        def number_column(table: Table, header: str, i: int) -> None:
            width = max([len(c[i]) for c in cells] + [len(line) for line in header.split("\n")])
            table.add_column(header, justify="right", no_wrap=True, min_width=width)

        funds = Table(title=f"{cmp.year_a} → {cmp.year_b} 资金对比（万元） funds compared：{place}",
                      title_justify="left")
        funds.add_column("项目\nitem", overflow="fold", min_width=8)
        number_column(funds, str(cmp.year_a), 0)
        number_column(funds, str(cmp.year_b), 1)
        number_column(funds, "变化\nchange", 2)
        number_column(funds, "变化率\n%", 3)
        funds.add_column("状态\nstatus", no_wrap=True, min_width=6)
        last_total = max((i for i, f in enumerate(figures) if f.total), default=-1)
        for i, (f, (old, new, change, pct)) in enumerate(zip(figures, cells)):
            colour = "green" if f.change > 0 else "red" if f.change < 0 else ""
            funds.add_row(Text(f.label, style="bold" if f.total else ""), old, new,
                          Text(change, style=colour), Text(pct, style=colour), f.status,
                          end_section=(i == last_total))
        tables.append(funds)
    if not cmp.places:
        empty = Table(title=f"{cmp.year_a} → {cmp.year_b} 资金对比（万元） funds compared", title_justify="left")
        empty.add_column("项目\nitem")
        empty.add_row("两年都没有资金数据 neither year has funds figures")
        tables.append(empty)

    items = Table(title=f"{cmp.year_a} → {cmp.year_b} 增减的章节、条目、指标和荣誉 sections and items added or removed",
                  title_justify="left")
    items.add_column("部分\nsection", no_wrap=True)
    items.add_column("状态\nstatus", no_wrap=True)
    items.add_column("名称\nname", overflow="fold")
    items.add_column("位置\nplace", overflow="fold")
    for it in cmp.items:
        items.add_row(it.section, Text(it.status, style="green" if it.status == ADDED else "red"),
                      it.name, it.place)
    if not cmp.items:
        items.add_row("—", "—", "无增减 nothing added or removed", "")
    tables.append(items)
    return tables
