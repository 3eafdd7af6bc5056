"""What changed between two years' reports: the logic behind ``docgen diff 2020 2021``.

Two validated :class:`~docgen.content.model.Report` objects in, one :class:`Comparison`
out, then two views of it: a rich table for the terminal and a CSV for a
spreadsheet.  The arithmetic is :class:`~decimal.Decimal` throughout; the
percentage is rounded only when it is displayed (and in the CSV, which is a
display too), never before the change is computed.

Matching is by name, because that is how a reader compares two reports:
spending categories by ``name``, achievement areas by ``lead``, indicators by
``name``, honours by their text (all with surrounding spaces ignored, so
``"城市管理方面 "`` and ``城市管理方面`` are the same area).  An honour whose
year moved (``2020年度…`` → ``2021年度…``) is a different honour: one removed,
one added.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..errors import DocgenError, EXIT_CONTENT
from ..paths import content_file, display_path
from .load import load_content
from .model import Report
from .money import exact_difference
from .validation import validate_and_check

# Cell values are Chinese (the readers' language, and short enough for an
# 80-column terminal); the column headers are bilingual.
ADDED = "新增"
REMOVED = "删除"

FUNDS = "资金"
AREAS = "工作方面"
OUTPUT = "产出指标"
BENEFIT = "效益指标"
HONOURS = "荣誉"


@dataclass(frozen=True)
class FigureRow:
    """One funds figure in both years (``None`` where a year does not have it)."""

    label: str
    old: Decimal | None
    new: Decimal | None
    total: bool = False  # a total/subtotal line rather than a category

    @property
    def status(self) -> str:
        if self.old is None:
            return ADDED
        if self.new is None:
            return REMOVED
        return ""

    @property
    def change(self) -> Decimal:
        """new − old, a missing side counting as 0 (so an added category shows its amount)."""
        return exact_difference(self.new if self.new is not None else Decimal(0),
                                self.old if self.old is not None else Decimal(0))

    @property
    def percent(self) -> Decimal | None:
        """Change as a percentage of the old figure; ``None`` when there is no old figure or it is 0."""
        if self.old is None or self.new is None:
            return None
        if self.old == 0:
            return Decimal(0) if self.new == 0 else None
        return exact_difference(self.new, self.old) / self.old * 100  # display-only precision


@dataclass(frozen=True)
class ItemChange:
    section: str
    name: str
    status: str  # ADDED or REMOVED


@dataclass
class Comparison:
    year_a: int
    year_b: int
    figures: list[FigureRow] = field(default_factory=list)
    items: list[ItemChange] = field(default_factory=list)


# ---------------------------------------------------------------- loading


def load_report(content_dir, year: int) -> Report:
    """Load and validate one year (schema only).

    Not :func:`docgen.pipeline.prepare`: its consistency checks (e.g. a total
    that does not add up) stop a render, but comparing such a year with the
    last one is exactly how the author finds the slip.  Placeholders still to
    fill (“待填”) are schema errors, listed with their lines.
    """
    path = content_file(content_dir, year)
    validated = validate_and_check(load_content(path, display_path(path)), checks=False)
    if validated.errors:
        raise DocgenError(validated.diagnostics, EXIT_CONTENT)
    return validated.report


# ---------------------------------------------------------------- comparing


def _keyed(names: list[str]) -> list[str]:
    """Names made unique in order: a second "其他支出" becomes "其他支出 (2)"."""
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        name = name.strip()
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _list_changes(section: str, old: list[str], new: list[str]) -> list[ItemChange]:
    old_k, new_k = _keyed(old), _keyed(new)
    old_set, new_set = set(old_k), set(new_k)
    return ([ItemChange(section, n, REMOVED) for n in old_k if n not in new_set]
            + [ItemChange(section, n, ADDED) for n in new_k if n not in old_set])


def compare(a: Report, b: Report) -> Comparison:
    """Compare report ``a`` (the earlier year, usually) with report ``b``."""
    cmp = Comparison(a.year, b.year)
    fa, fb = a.funds, b.funds
    cmp.figures += [
        FigureRow("决算总额", fa.final_total, fb.final_total, total=True),
        FigureRow("基本支出", fa.basic, fb.basic, total=True),
        FigureRow("项目支出合计", fa.projects_total, fb.projects_total, total=True),
    ]
    old = dict(zip(_keyed([c.name for c in fa.projects]), (c.amount for c in fa.projects)))
    new = dict(zip(_keyed([c.name for c in fb.projects]), (c.amount for c in fb.projects)))
    for name in list(old) + [n for n in new if n not in old]:  # last year's order, then new ones
        cmp.figures.append(FigureRow(name, old.get(name), new.get(name)))

    cmp.items += _list_changes(AREAS, [x.lead for x in a.achievements.areas],
                               [x.lead for x in b.achievements.areas])
    cmp.items += _list_changes(OUTPUT, [x.name for x in a.overview.output_indicators],
                               [x.name for x in b.overview.output_indicators])
    cmp.items += _list_changes(BENEFIT, [x.name for x in a.overview.benefit_indicators],
                               [x.name for x in b.overview.benefit_indicators])
    cmp.items += _list_changes(HONOURS, list(a.other.honours), list(b.other.honours))
    return cmp


# ---------------------------------------------------------------- formatting

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
    return ["部分 section", "项目 item", f"{cmp.year_a}（万元）", f"{cmp.year_b}（万元）",
            "变化（万元） change", "变化率（%） change %", "状态 status"]


def csv_rows(cmp: Comparison) -> list[list[str]]:
    """The table as spreadsheet cells: plain numbers (no sign, no %), so they sum and sort."""
    rows = []
    for f in cmp.figures:
        pct = rounded_percent(f.percent)
        rows.append([FUNDS, f.label, "" if f.old is None else f"{f.old:f}",
                     "" if f.new is None else f"{f.new:f}", fmt_change(f.change, sign=False),
                     "" if pct is None else f"{pct:f}", f.status])
    for it in cmp.items:
        rows.append([it.section, it.name, "", "", "", "", it.status])
    return rows


def to_csv(cmp: Comparison) -> bytes:
    """UTF-8 *with BOM* and CRLF: Excel then opens the Chinese text correctly."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(csv_header(cmp))
    writer.writerows(csv_rows(cmp))
    return buf.getvalue().encode("utf-8-sig")


def rich_tables(cmp: Comparison) -> list:
    """Two rich tables: the funds figures, then areas/indicators/honours added or removed.

    Figures are never cut short: number columns do not wrap and are as wide as
    their widest value; only the name column wraps on a narrow terminal.
    """
    from rich.table import Table
    from rich.text import Text

    cells = [(fmt_amount(f.old), fmt_amount(f.new), fmt_change(f.change), fmt_percent(f.percent))
             for f in cmp.figures]

    def number_column(table: Table, header: str, i: int) -> None:
        width = max([len(c[i]) for c in cells] + [len(line) for line in header.split("\n")])
        table.add_column(header, justify="right", no_wrap=True, min_width=width)

    funds = Table(title=f"{cmp.year_a} → {cmp.year_b} 资金对比（万元） funds compared",
                  title_justify="left")
    funds.add_column("项目\nitem", overflow="fold", min_width=8)
    number_column(funds, str(cmp.year_a), 0)
    number_column(funds, str(cmp.year_b), 1)
    number_column(funds, "变化\nchange", 2)
    number_column(funds, "变化率\n%", 3)
    funds.add_column("状态\nstatus", no_wrap=True, min_width=6)
    last_total = max((i for i, f in enumerate(cmp.figures) if f.total), default=-1)
    for i, (f, (old, new, change, pct)) in enumerate(zip(cmp.figures, cells)):
        colour = "green" if f.change > 0 else "red" if f.change < 0 else ""
        funds.add_row(Text(f.label, style="bold" if f.total else ""), old, new,
                      Text(change, style=colour), Text(pct, style=colour), f.status,
                      end_section=(i == last_total))

    items = Table(title=f"{cmp.year_a} → {cmp.year_b} 增减的方面、指标和荣誉 items added or removed",
                  title_justify="left")
    items.add_column("部分\nsection", no_wrap=True)
    items.add_column("状态\nstatus", no_wrap=True)
    items.add_column("名称\nname", overflow="fold")
    for it in cmp.items:
        items.add_row(it.section, Text(it.status, style="green" if it.status == ADDED else "red"),
                      it.name)
    if not cmp.items:
        items.add_row("—", "—", "无增减 nothing added or removed")
    return [funds, items]
