"""Stage 3 — check: consistency of a valid report, beyond what the schema can say.

Errors stop a render; warnings are printed and left for the author to decide
(the published 2020 report has several slips that are its own wording).

Each check is a small function ``(report, loaded) -> list[Diagnostic]`` in
:data:`CHECKS`, located with the positions that :mod:`docgen.load` recorded.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from .errors import Diagnostic, Severity
from .load import Loaded, dotted
from .model import Report

Check = Callable[[Report, Loaded], list[Diagnostic]]


def _at(loaded: Loaded, path: tuple, message: str, *, severity=Severity.ERROR,
        hint: str = "") -> Diagnostic:
    line, col = loaded.value_position(path)
    return Diagnostic(loaded.file, line, col, dotted(path), message, severity, hint)


def check_year_matches_file(report: Report, loaded: Loaded) -> list[Diagnostic]:
    from pathlib import Path

    stem = Path(loaded.file).stem
    if stem.isdigit() and int(stem) != report.year:
        return [_at(loaded, ("year",),
                    f"文件名是 {stem}.yaml，但 year 写的是 {report.year}。year does not match the file name",
                    hint=f"把 year 改为 {stem}，或把文件改名为 {report.year}.yaml。")]
    return []


def _fmt(d: Decimal) -> str:
    return f"{d:f}"


def check_totals(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """决算 total = 基本支出 + Σ 项目支出, exactly (Decimal), and any stated subtotal."""
    funds = report.funds
    out = []
    if funds.project_total is not None and funds.project_total != funds.project_sum:
        parts = " + ".join(_fmt(c.amount) for c in funds.projects)
        out.append(_at(loaded, ("funds", "project_total"),
                       f"项目支出合计写的是 {_fmt(funds.project_total)} 万元，但各类别之和是 "
                       f"{_fmt(funds.project_sum)} 万元（{parts}）。stated subtotal "
                       f"{_fmt(funds.project_total)} != sum of parts {_fmt(funds.project_sum)}",
                       hint="核对各类别金额与财务系统中的决算数；也可删除 project_total，由 docgen 计算。"))
    if funds.final_total != funds.total:
        diff = funds.final_total - funds.total
        out.append(_at(loaded, ("funds", "final_total"),
                       f"决算总额写的是 {_fmt(funds.final_total)} 万元，但基本支出 {_fmt(funds.basic)} + "
                       f"项目支出 {_fmt(funds.project_sum)} = {_fmt(funds.total)} 万元，相差 {_fmt(diff)} 万元。"
                       f"stated total {_fmt(funds.final_total)} != parts {_fmt(funds.total)}",
                       hint="核对 final_total、basic 和 projects 中的金额与财务系统的决算报表。"))
    return out


CHECKS: list[Check] = [check_year_matches_file, check_totals]


def run_checks(report: Report, loaded: Loaded) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for check in CHECKS:
        diags.extend(check(report, loaded))
    return diags
