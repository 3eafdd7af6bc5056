"""The figures of a read worksheet validated and checked, every diagnostic placed at its cell.

The data read from the sheet is validated by the content model and checked by
:func:`docgen.content.self_evaluation_check.check_form` — the same rules as a content
file's 自评表 — through a :class:`~docgen.content.load.Loaded` whose positions are cells
(line = row, col = column); the diagnostics then carry the worksheet
(``Diagnostic.sheet``) and drop the ``self_evaluation.`` of their field.  Two checks
only a sheet needs: the 执行率 it shows, and the 分值 of its 总分 row.  A cell the
reading already named is not named again by the rules.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from pydantic import ValidationError

from ..content.fields import _Model
from ..content.load import Loaded
from ..content.model_errors import diagnostics_from
from ..content.scoring import evaluate, rate_text, score_text
from ..content.self_evaluation import SelfEvaluation
from ..content.self_evaluation_check import check_form
from ..errors import Diagnostic, Severity, sort_diagnostics
from .sheet_form import SheetForm

#: stands, while the sheet is checked, for a text the form has no place for
NOT_IN_FORM = "（表中没有此栏）"

#: The content rules' hints speak of YAML keys ("在该指标下加一行“score: …”", "删除 total_score");
#: in a worksheet the fix is in a cell.  By the English tail of the rule's message.
SHEET_HINTS = (
    ("required field is missing", "在这一格填写{label}；合并单元格的内容写在合并区域的左上角一格。"),
    ("must not be empty", "在这一格填写{label}；合并单元格的内容写在合并区域的左上角一格。"),
    ("score required", "在这一行的“得分”一栏填写评价人给出的得分；表头没有“得分”一栏时，请加上。"),
    ("rating required", "在这一行的“得分”一栏填写评价人给出的得分（定性评价按得分占分值的比例判定）。"),
    ("deviation required", "在这一行的“偏差原因分析及改进措施”一栏写明原因和措施；表头没有这一栏时，请加上。"),
    ("typed score", "改为计算所得的得分，或清空这一格，由 docgen 计算。"),
    ("typed total", "改为各项得分之和，或清空这一格，由 docgen 计算。"),
    ("typed grade", "改为计算所得的等级，或清空这一格，由 docgen 判定。"),
    ("reason required", "在“执行率偏低原因”一行写明执行率偏低的原因。"),
    ("adjustment note required", "在“预算调整说明”一行说明调整的原因和金额。"),
    ("stated total ", "核对各资金来源的金额；也可清空年度资金总额一行的这一格，由 docgen 计算。"),
    ("budget weight differs", "把预算执行率的分值改为评分标准规定的分值。"),
    ("must be a number", "只写数字（可带 % 或单位，例如 460人、98.5%）；若是定性指标，指标性质写“定性”。"),
    ("rating is for 定性 only", "定量指标的得分由 docgen 计算：检查指标性质一栏。"),
)
_CELL_LABELS = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标", "target": "年度指标值",
                "actual": "实际完成值", "weight": "分值", "score": "得分", "nature": "指标性质",
                "initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数"}


class _Sheet(_Model):
    self_evaluation: SelfEvaluation


def loaded_view(form: SheetForm, data: dict) -> Loaded:
    """The sheet as :class:`~docgen.content.load.Loaded`: paths → (row, column) of their cells."""
    key_pos = {path: pos for path, pos in form.anchors.items()}
    return Loaded(form.display, {"self_evaluation": data}, value_pos=dict(form.cells), key_pos=key_pos)


def check_sheet(form: SheetForm, profile: str | None = None) -> tuple[SelfEvaluation | None, list[Diagnostic]]:
    """Validate and check the sheet's figures; every diagnostic at its cell (``profile``: the content's)."""
    data = {k: v for k, v in form.data.items() if not k.startswith("_")}
    data["profile"] = profile or form.inferred_profile
    data.setdefault("budget", {"rows": []})
    data.setdefault("indicators", [])
    # A text the form has no row or column for (执行率偏低原因, 预算调整说明, 偏差原因) is the
    # content file's to give: not required here, checked in the content after the merge.
    data["budget"] = {**data["budget"], **{k: NOT_IN_FORM for k in ("reason", "adjustment")
                                           if k not in data["budget"]}}
    data["indicators"] = [ind if "deviation" in ind else {**ind, "deviation": NOT_IN_FORM}
                          for ind in data["indicators"]]
    loaded = loaded_view(form, data)
    read_errors = [d for d in form.diagnostics if d.is_error]
    unread = {(d.line, d.col) for d in read_errors} | {d.field for d in read_errors}
    found: list[Diagnostic] = []
    model = None
    try:
        model = _Sheet.model_validate(loaded.data).self_evaluation
    except ValidationError as exc:
        found = diagnostics_from(exc, loaded)
    else:
        found = check_form(model, loaded) + _weight_total(form, model) + _rate(form, model)
    out = list(form.diagnostics)
    for d in found:  # a cell the reading already named (a text in a figure cell …) is not named twice
        d = _at_cell(form, d)
        if (d.line, d.col) not in unread and d.field not in unread:
            out.append(d)
    return model, sort_diagnostics(out)


def _at_cell(form: SheetForm, d: Diagnostic) -> Diagnostic:
    """A diagnostic of the content rules, placed as a cell of the sheet (field without ``self_evaluation.``)."""
    if d.sheet or d.file != form.display:
        return d
    field = d.field[len("self_evaluation."):] if d.field.startswith("self_evaluation.") else (
        "" if d.field == "self_evaluation" else d.field)
    return Diagnostic(d.file, d.line, d.col, field, d.message, d.severity, sheet_hint(d.message, field, d.hint),
                      sheet=form.sheet)


def sheet_hint(message: str, field: str, hint: str) -> str:
    """The content rule's hint, said as a fix in the worksheet (``hint`` itself when it names no key)."""
    key = field.rsplit(".", 1)[-1].split("[", 1)[0]
    for tail, said in SHEET_HINTS:
        if tail in message:
            return said.format(label=_CELL_LABELS.get(key, "内容"))
    return hint


def _weight_total(form: SheetForm, model: SelfEvaluation) -> list[Diagnostic]:
    stated = form.data.get("_weight_total")
    if stated is None:
        return []
    total = evaluate(model).weight_total
    if stated == total:
        return []
    row, col = form.cells[("weight_total",)]
    return [Diagnostic(form.display, row, col, "indicators",
                       f"总分一行的分值写的是 {stated:f}，各项分值之和是 {score_text(total)}。"
                       f"stated total weight {stated:f} != sum {score_text(total)}",
                       Severity.ERROR, "核对各指标和预算执行率的分值。", sheet=form.sheet)]


def _rate(form: SheetForm, model: SelfEvaluation) -> list[Diagnostic]:
    """The 执行率 the sheet shows against B ÷ A, compared at the decimals it shows (at most 2)."""
    stated = form.data.get("_rate")
    rate = evaluate(model).budget.rate
    if stated is None or rate is None:
        return []
    exp = stated.as_tuple().exponent
    places = min(max(-exp, 0) if isinstance(exp, int) else 0, 2)
    quantum = Decimal(1).scaleb(-places)
    if stated.quantize(quantum, rounding=ROUND_HALF_UP) == (rate * 100).quantize(quantum, rounding=ROUND_HALF_UP):
        return []
    row, col = form.cells[("rate",)]
    return [Diagnostic(form.display, row, col, "budget",
                       f"执行率写的是 {stated:f}%，按 全年执行数 ÷ 全年预算数 计算是 {rate_text(rate)}。"
                       f"stated rate {stated:f}% != {rate_text(rate)}",
                       Severity.ERROR, "核对全年预算数和全年执行数，或改正执行率。", sheet=form.sheet)]
