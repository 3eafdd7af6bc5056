"""Stage 3 — check: consistency of a valid report, beyond what the schema can say.

Errors stop a render; warnings are printed and left for the author to decide
(the published 2020 report has several slips that are its own wording, and the
checker must find them without rewriting them).  To-dos (figures still 待填)
are found earlier, by the model, because such a file is not yet a valid report.

Each check is a small function ``(report, loaded) -> list[Diagnostic]`` in
:data:`CHECKS`, located with the positions that :mod:`docgen.content.load` recorded —
down to the column of a stray space inside a paragraph where the file allows
(:mod:`.texts`).  The figures and counts are checked here; the typography of every
text in :mod:`.typography`.

What is checked, and at which severity:

=====================================================  ========
决算 total = 基本支出 + Σ 项目支出 (exact, Decimal)          error
stated 项目支出 subtotal = Σ categories                    error
``year`` matches the file name                           error
a count in a sentence ("4大部门", "等8方面") = items after it warning
an amount with more than two decimals                    warning
a word repeated back to back (安全安全)                      warning
a stray space in Chinese text, before/after full-width
punctuation, or at the start/end of a text               warning
half-width punctuation in Chinese text (满意度, 让)         warning
a list number typed into an item the template numbers    error
a list number typed at the start of free text            warning
a whole value wrapped in quotes (“城市管理方面”)             warning
... in unit.name / unit.district (title, file name)      error
an invisible character (U+200B, U+00AD, U+FEFF …)        warning
a paragraph or item ending in "，"                        warning
a paragraph that ends without final punctuation ("。")    warning
=====================================================  ========
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

from ..errors import Diagnostic, Severity
from .load import Loaded, dotted
from .model import Report
from .money import exact_difference
from .text import NUMERALS, numeral_value
from .texts import at, warn
from .typography import (check_final_punctuation, check_half_width_punctuation, check_invisible_characters,
                         check_repeated_words, check_spaces, check_trailing_comma, check_typed_numbers,
                         check_wrapping_quotes)

Check = Callable[[Report, Loaded], list[Diagnostic]]


# ---------------------------------------------------------------- figures

def check_year_matches_file(report: Report, loaded: Loaded) -> list[Diagnostic]:
    stem = Path(loaded.file).stem
    if stem.isdigit() and int(stem) != report.year:
        return [at(loaded, ("year",),
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
        out.append(at(loaded, ("funds", "project_total"),
                       f"项目支出合计写的是 {_fmt(funds.project_total)} 万元，但各类别之和是 "
                       f"{_fmt(funds.project_sum)} 万元（{parts}）。stated subtotal "
                       f"{_fmt(funds.project_total)} != sum of parts {_fmt(funds.project_sum)}",
                       hint="核对各类别金额与财务系统中的决算数；也可删除 project_total，由 docgen 计算。"))
    if funds.final_total != funds.total:
        diff = exact_difference(funds.final_total, funds.total)
        out.append(at(loaded, ("funds", "final_total"),
                       f"决算总额写的是 {_fmt(funds.final_total)} 万元，但基本支出 {_fmt(funds.basic)} + "
                       f"项目支出 {_fmt(funds.project_sum)} = {_fmt(funds.total)} 万元，相差 {_fmt(diff)} 万元。"
                       f"stated total {_fmt(funds.final_total)} != parts {_fmt(funds.total)}",
                       hint="核对 final_total、basic 和 projects 中的金额与财务系统的决算报表。"))
    return out


def _amounts(report: Report) -> Iterator[tuple[tuple, Decimal]]:
    funds = report.funds
    yield ("funds", "final_total"), funds.final_total
    yield ("funds", "basic"), funds.basic
    if funds.project_total is not None:
        yield ("funds", "project_total"), funds.project_total
    for i, c in enumerate(funds.projects):
        yield ("funds", "projects", i, "amount"), c.amount


def check_decimals(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """万元 to two decimals is to the 百元; a third decimal is almost always a typo."""
    out = []
    for path, amount in _amounts(report):
        places = -amount.as_tuple().exponent
        if places > 2:
            out.append(warn(loaded, path,
                             f"金额 {_fmt(amount)} 有 {places} 位小数；万元金额一般保留两位。"
                             "more than two decimals",
                             hint="核对财务系统中的数字，是否多输了一位。"))
    return out


_COUNT = re.compile(f"(\\d+|[两{NUMERALS}]+)\\s*(?:大|个|项)?\\s*(?:方面|部门|大类|类|项|个|条|点)")


_COUNTED = (  # (sentence, list it announces)
    (("overview", "basis"), ("overview", "areas")),
    (("overview", "output_intro"), ("overview", "output_indicators")),
    (("overview", "benefit_intro"), ("overview", "benefit_indicators")),
    (("achievements", "intro"), ("achievements", "areas")),
)


def _get(report: Report, path: tuple):
    cur = report
    for p in path:
        cur = cur[p] if isinstance(p, int) else getattr(cur, p)
    return cur


def check_counts(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """"预期实现4大部门产出指标" must be followed by 4 indicators."""
    pairs = list(_COUNTED)
    for i, area in enumerate(report.achievements.areas):
        if area.items is not None:
            pairs.append((("achievements", "areas", i, "lead"), ("achievements", "areas", i, "items")))
    out = []
    for sentence_path, list_path in pairs:
        sentence, items = _get(report, sentence_path), _get(report, list_path)
        matches = list(_COUNT.finditer(sentence))
        if not matches:
            continue
        m = matches[-1]  # the count that introduces the list closes the sentence
        stated = numeral_value(m.group(1))
        if stated is None or stated == len(items):
            continue
        out.append(warn(loaded, sentence_path,
                         f"句中写的是“{m.group()}”（{stated} 项），但后面的 {dotted(list_path)} 列出了 "
                         f"{len(items)} 项。stated count {stated} != {len(items)} items listed",
                         hint=f"把句中的数字改为 {len(items)}，或补齐/删减列表中的项。", offset=m.start()))
    return out


_REVIEW_COMMENT = re.compile(r"^([ \t]*)#\s*(待核对.*?)\s*$", re.M)


def check_review_comments(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """A ``# 待核对`` comment that ``docgen new`` left above last year's achievements or honours.

    Until the author rewrites those sections and deletes the comment, the new
    year's report would print last year's achievements and honours as its own.
    """
    out = []
    for m in _REVIEW_COMMENT.finditer(loaded.text):
        line = loaded.line_col(m.start())[0]
        what = m.group(2).split(" (")[0].removeprefix("待核对").lstrip("：: ")
        out.append(Diagnostic(
            loaded.file, line, len(m.group(1)) + 1, "",
            f"尚未核对：{what}。section copied from last year not yet reviewed",
            Severity.WARNING,
            hint="改写下面这部分内容后，删除这行“# 待核对”注释。"))
    return out


CHECKS: list[Check] = [check_year_matches_file, check_totals, check_decimals, check_counts,
                       check_repeated_words, check_spaces, check_half_width_punctuation,
                       check_typed_numbers, check_wrapping_quotes, check_invisible_characters,
                       check_trailing_comma, check_final_punctuation, check_review_comments]


def run_checks(report: Report, loaded: Loaded) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for check in CHECKS:
        diags.extend(check(report, loaded))
    return diags
