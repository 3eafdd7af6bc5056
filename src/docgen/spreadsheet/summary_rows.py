"""The summary rows of a 自评表's indicator block: 预算执行率, 总分, 评价等级.

Read by :mod:`.read`'s reader, whose cells, merges and diagnostics they use: the
figures they state are marked derived (:attr:`.SheetForm.derived`: docgen computes
them; they are checked, and written back only where the content types them).
"""

from __future__ import annotations

import re

from . import forms
from .sheet_form import ROOT
from .values import figure

_GRADE_IN_TEXT = re.compile(r"(?:自评|评价)?等级\s*[:：为]?\s*[“\"]?([优良中差])")
_GRADE_WORDS = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差"}


def budget_rate_row(reader, r: int, cols: dict) -> None:
    """预算执行率's row in the indicator block: its 分值 and 得分, the budget's own (or checked equal)."""
    budget = reader.form.data.setdefault("budget", {"rows": []})
    path = ROOT + ("budget",)
    for key in ("weight", "score"):
        if key not in cols:
            continue
        value = reader.read(figure, r, cols[key], path + (key,))
        if value is None:
            continue
        if budget.get(key) is not None and budget[key] != value:
            reader.form.problem(*reader.cell(r, cols[key]), path + (key,),
                                f"预算执行率的{'分值' if key == 'weight' else '得分'}写的是 {value:f}，"
                                f"年度预算执行情况中写的是 {budget[key]:f}。the two figures differ",
                                "两处改为一致。")
        elif budget.get(key) is None:
            reader.put(budget, key, path + (key,), r, cols[key], value)
            reader.form.derived.add(path + (key,))


def total_score_row(reader, r: int, cols: dict) -> None:
    """总分's row: the stated total score, the stated total of the weights, and a grade on the same row."""
    if "score" in cols:
        value = reader.read(figure, r, cols["score"], ROOT + ("total_score",))
        if value is not None:
            reader.put(reader.form.data, "total_score", ROOT + ("total_score",), r, cols["score"], value)
            reader.form.derived.add(ROOT + ("total_score",))
    if "weight" in cols:
        stated = reader.read(figure, r, cols["weight"], ROOT + ("indicators",))
        if stated is not None:
            reader.form.cells[("weight_total",)] = reader.cell(r, cols["weight"])
            reader.form.data.setdefault("_weight_total", stated)
    grade(reader, r, 0)


def grade(reader, r: int, after: int) -> None:
    """The grade (优 良 中 差) in the first cell of row ``r`` after column ``after`` that states one."""
    seen = set()
    for c in range(after + 1, reader.g.max_col + 1):
        at = reader.cell(r, c)
        t = reader.text(r, c)
        if at in seen or t is None:
            continue
        seen.add(at)
        t = t.strip()
        m = _GRADE_IN_TEXT.search(t)
        grade = m.group(1) if m else _GRADE_WORDS.get(t, t if t in forms.GRADES else None)
        if grade:
            reader.put(reader.form.data, "grade", ROOT + ("grade",), r, c, grade)
            reader.form.derived.add(ROOT + ("grade",))
            return
