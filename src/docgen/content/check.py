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
headings within four levels, each below its parent       error
``bold: true`` on a heading other than level 3           error
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
from .model import MAX_LEVEL, Report
from .money import exact_difference
from .outline import blocks, kind_of, walk
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
    """决算 total = 基本支出 + 项目支出, exactly (Decimal), and any stated subtotal — in every funds block."""
    out = []
    for placed in blocks(report, "funds"):
        funds, where = placed.item.funds, placed.path + ("funds",)
        if funds.projects and funds.project_total is not None and funds.project_total != funds.project_sum:
            parts = " + ".join(_fmt(c.amount) for c in funds.projects)
            out.append(at(loaded, where + ("project_total",),
                           f"项目支出合计写的是 {_fmt(funds.project_total)} 万元，但各类别之和是 "
                           f"{_fmt(funds.project_sum)} 万元（{parts}）。stated subtotal "
                           f"{_fmt(funds.project_total)} != sum of parts {_fmt(funds.project_sum)}",
                           hint="核对各类别金额与财务系统中的决算数；也可删除 project_total，由 docgen 计算。",
                           report=report))
        if funds.final_total != funds.total:
            diff = exact_difference(funds.final_total, funds.total)
            out.append(at(loaded, where + ("final_total",),
                           f"决算总额写的是 {_fmt(funds.final_total)} 万元，但基本支出 {_fmt(funds.basic)} + "
                           f"项目支出 {_fmt(funds.project_parts)} = {_fmt(funds.total)} 万元，相差 {_fmt(diff)} 万元。"
                           f"stated total {_fmt(funds.final_total)} != parts {_fmt(funds.total)}",
                           hint="核对 final_total、basic 和 projects 中的金额与财务系统的决算报表。",
                           report=report))
    return out


def _amounts(report: Report) -> Iterator[tuple[tuple, Decimal]]:
    for placed in blocks(report, "funds"):
        funds, where = placed.item.funds, placed.path + ("funds",)
        yield where + ("final_total",), funds.final_total
        yield where + ("basic",), funds.basic
        if funds.project_total is not None:
            yield where + ("project_total",), funds.project_total
        for i, c in enumerate(funds.projects):
            yield where + ("projects", i, "amount"), c.amount


def check_decimals(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """万元 to two decimals is to the 百元; a third decimal is almost always a typo."""
    out = []
    for path, amount in _amounts(report):
        places = -amount.as_tuple().exponent
        if places > 2:
            out.append(warn(loaded, path,
                             f"金额 {_fmt(amount)} 有 {places} 位小数；万元金额一般保留两位。"
                             "more than two decimals",
                             hint="核对财务系统中的数字，是否多输了一位。", report=report))
    return out


_COUNT = re.compile(f"(\\d+|[两{NUMERALS}]+)\\s*(?:大|个|项)?\\s*(?:方面|部门|大类|类|项|个|条|点)")

#: The blocks that list things a sentence before them may count, and how many each lists.
_LISTED = {"list": lambda b: len(b.list), "indicators": lambda b: len(b.indicators),
           "honours": lambda b: len(b.honours)}


def _counted(report: Report) -> Iterator[tuple[tuple, str, tuple, int]]:
    """(sentence path, sentence, path of what it announces, how many that lists), in the model's paths.

    A paragraph followed by a list, indicators or honours; a paragraph followed by
    lead-ins (公共服务方面：… — counted as a run); a lead-in with items; an inline
    list's intro.
    """
    for placed in walk(report):
        item, path = placed.item, placed.path
        if placed.kind == "lead" and item.items is not None:
            yield path + ("lead",), item.lead, path + ("items",), len(item.items)
        elif placed.kind == "list" and item.intro is not None:
            yield path + ("intro",), item.intro, path + ("list",), len(item.list)
        if placed.kind != "text" or placed.following is None:
            continue
        nxt = placed.following
        kind = kind_of(nxt)
        nxt_path = path[:-1] + (path[-1] + 1,)
        if kind in _LISTED:
            yield path, item, nxt_path + (kind,), _LISTED[kind](nxt)
        elif kind == "lead":
            siblings = _content_at(report, path[:-1])
            run = 0
            for other in siblings[path[-1] + 1:]:
                if kind_of(other) != "lead":
                    break
                run += 1
            yield path, item, nxt_path, run


def _content_at(report: Report, path: tuple) -> list:
    cur = report
    for p in path:
        cur = cur[p] if isinstance(p, int) else getattr(cur, p)
    return cur


def _shown(report: Report, path: tuple) -> str:
    """The announced list's name as the author wrote it; a run of lead-ins by its list."""
    there = report.source(path)
    if path[-1] not in ("list", "items", "indicators", "honours") and there and isinstance(there[-1], int):
        there = there[:-1]
    return dotted(there)


def check_counts(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """"预期实现4大部门产出指标" must be followed by 4 indicators."""
    out = []
    for sentence_path, sentence, list_path, listed in _counted(report):
        matches = list(_COUNT.finditer(sentence))
        if not matches:
            continue
        m = matches[-1]  # the count that introduces the list closes the sentence
        stated = numeral_value(m.group(1))
        if stated is None or stated == listed:
            continue
        out.append(warn(loaded, sentence_path,
                         f"句中写的是“{m.group()}”（{stated} 项），但后面的 {_shown(report, list_path)} 列出了 "
                         f"{listed} 项。stated count {stated} != {listed} items listed",
                         hint=f"把句中的数字改为 {listed}，或补齐/删减列表中的项。", offset=m.start(),
                         report=report))
    return out


def check_outline(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """Headings nest as the numbering can print them: four levels at most, each below its parent,
    nothing of a section after its sub-sections (it would print under the last of them), and
    ``bold`` only where the template prints it (level 3)."""
    out = []
    levels: dict[tuple, int] = {("content",): 0}
    first_section: dict[int, int] = {}  # id of a content list → index of its first sub-section
    for placed in walk(report):
        parent = levels.get(placed.path[:-1], 0)
        if placed.kind == "section":
            sec = placed.item
            own = sec.level if sec.level is not None else parent + 1
            levels[placed.path + ("content",)] = min(own, MAX_LEVEL)
            if own > MAX_LEVEL:
                out.append(at(loaded, placed.path + ("heading",),
                               f"标题最多四级（一、（一）1.（1）），这里是第 {own} 级。more than four heading levels",
                               hint="把这一节的内容并入上一级，或改写成列表（list:）。", report=report))
            elif sec.level is not None and sec.level <= parent:
                out.append(at(loaded, placed.path + ("level",),
                               f"level: {sec.level} 不低于上一级标题（第 {parent} 级）：小标题的级别要比所在的节低。"
                               "a sub-section's level must be below its parent's",
                               hint=f"改为 {parent + 1} 到 {MAX_LEVEL} 之间的数，或删除 level 由 docgen 按层次编号。",
                               report=report))
            if sec.bold and placed.level != 3:
                out.append(at(loaded, placed.path + ("bold",),
                               f"bold: true 只用于第三级标题（1. 仿宋加粗，GB/T 9704）；这是第 {placed.level} 级标题，"
                               "它的字体由模板规定，不会加粗。bold is for level-3 headings only",
                               hint="删除 bold: true。", report=report))
        else:
            siblings = _content_at(report, placed.path[:-1])
            first = first_section.get(id(siblings))
            if first is None:  # once per content list, so a long list stays linear
                first = first_section[id(siblings)] = next(
                    (i for i, s in enumerate(siblings) if kind_of(s) == "section"), len(siblings))
            if first < placed.path[-1]:
                out.append(at(loaded, placed.path,
                               "这段内容写在了小标题之后，印出来会算作上一个小标题的内容。"
                               "content after a sub-section prints as part of that sub-section",
                               hint="把它移到第一个小标题之前，或移进它所属的小标题的 content 里。", report=report))
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


CHECKS: list[Check] = [check_year_matches_file, check_outline, check_totals, check_decimals, check_counts,
                       check_repeated_words, check_spaces, check_half_width_punctuation,
                       check_typed_numbers, check_wrapping_quotes, check_invisible_characters,
                       check_trailing_comma, check_final_punctuation, check_review_comments]


def run_checks(report: Report, loaded: Loaded) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for check in CHECKS:
        diags.extend(check(report, loaded))
    return diags
