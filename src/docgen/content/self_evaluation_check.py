"""Stage 3 — check the 绩效自评表: its arithmetic, its rules, and the report's prose against it.

Every rule of :mod:`docgen.content.scoring` that an author can break is an error
here, located at the value (``file:line:col: field: message``), naming the figure
written and the figure computed:

=========================================================  ========
unknown profile; 一级/二级指标 not of the profile               error
年度资金总额 typed ≠ Σ rows (each column)                         error
预算执行率 分值 ≠ the profile's; 全年预算数 0                       error
执行率 < 90% without 原因; 原因 over 100 characters                 error
全年预算数 ≠ 年初预算数 (any row) without 调整说明                    error
a typed 得分 (budget, indicator) ≠ the computed one              error
a quantitative indicator with a text target or result          error
定性 without rating or score; a score outside its band          error
a score above its 分值                                          error
an indicator not met without 偏差原因分析及改进措施                error
Σ 分值 of a 一级指标 ≠ the profile's weight; Σ all ≠ 100          error
typed 总分 / 等级 ≠ computed                                       error
funds.final_total ≠ 全年执行数 (年度资金总额)                      error
prose stating 得分/评分, 等级 or 执行率 ≠ computed                 error
=========================================================  ========

A figure in prose may be written with fewer decimals than computed: it must equal
the computed figure rounded half-up to the decimals it was written with
("执行率为98.5%" for 98.46%).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ..errors import Diagnostic, Severity
from .texts import texts
from .load import Loaded, dotted
from .model import Report
from .outline import blocks
from .profiles import LEVEL2_NAMES, PROFILES
from .scoring import BAND_TEXT, Evaluation, evaluate, rate_text, record, score_text, within_band
from .self_evaluation import REASON_MAX, SelfEvaluation

ROOT = ("self_evaluation",)
#: 执行率 under this needs a reason.
LOW_RATE = Decimal("0.9")


def _fmt(d: Decimal) -> str:
    return f"{d:f}"


def _err(loaded: Loaded, path: tuple, message: str, hint: str = "", *, key: bool = False,
         offset: int | None = None) -> Diagnostic:
    if offset is not None:
        line, col = loaded.locate(path, offset)
    elif key:
        line, col = loaded.position(path)
    else:
        line, col = loaded.value_position(path)
    return Diagnostic(loaded.file, line, col, dotted(path), message, Severity.ERROR, hint)


def check_self_evaluation(report: Report, loaded: Loaded) -> list[Diagnostic]:
    form = report.self_evaluation
    if form is None:
        return []
    ev = evaluate(form)
    out = check_form(form, loaded, ev)
    out += _final_total(report, loaded, ev)
    out += _prose(report, loaded, ev)
    return out


def check_form(form: SelfEvaluation, loaded: Loaded, ev: Evaluation | None = None) -> list[Diagnostic]:
    """The 自评表's own rules, without the report around it (``docgen import 自评表.xlsx`` checks a
    sheet this way, ``loaded`` placing each path at its cell)."""
    ev = ev or evaluate(form)
    out: list[Diagnostic] = []
    if ev.profile is None:
        out.append(_err(loaded, ROOT + ("profile",),
                        f"未知的评分标准“{form.profile}”。unknown scoring profile",
                        "可用的评分标准 available: " + "；".join(
                            f"{p.key}（{p.description}）" for p in PROFILES.values())))
    out += _budget(form, loaded, ev)
    out += _indicators(form, loaded, ev)
    out += _totals(form, loaded, ev)
    return out


# ---------------------------------------------------------------- the budget block

def _budget(form: SelfEvaluation, loaded: Loaded, ev: Evaluation) -> list[Diagnostic]:
    budget, result = form.budget, ev.budget
    path = ROOT + ("budget",)
    out = []
    if budget.total is not None:
        for key, label, computed in (("initial", "年初预算数", result.initial),
                                     ("adjusted", "全年预算数", result.adjusted),
                                     ("executed", "全年执行数", result.executed)):
            stated = getattr(budget.total, key)
            if stated is not None and stated != computed:
                parts = " + ".join(_fmt(getattr(r, key)) for r in budget.rows)
                out.append(_err(loaded, path + ("total", key),
                                f"年度资金总额的{label}写的是 {_fmt(stated)} 万元，但各项之和是 "
                                f"{_fmt(computed)} 万元（{parts}）。stated total {_fmt(stated)} != sum {_fmt(computed)}",
                                "核对各资金来源的金额；也可删除 total，由 docgen 计算年度资金总额。"))
    if ev.profile is not None and result.weight != ev.profile.budget_weight:
        out.append(_err(loaded, path + ("weight",),
                        f"预算执行率的分值写的是 {_fmt(result.weight)}，评分标准“{ev.profile.key}”规定为 "
                        f"{_fmt(ev.profile.budget_weight)}。budget weight differs from the profile",
                        "删除 weight（按评分标准取值），或改用相应的评分标准 profile。"))
    if result.rate is None:
        out.append(_err(loaded, path + ("rows",), "全年预算数合计为 0，无法计算执行率。adjusted budget is 0",
                        "填写各资金来源的全年预算数（调整后预算）。", key=True))
        return out
    if budget.score is not None and budget.score != result.score:
        out.append(_err(loaded, path + ("score",),
                        f"预算执行率得分写的是 {_fmt(budget.score)}，按 分值 {_fmt(result.weight)} × "
                        f"执行率 {rate_text(min(result.rate, Decimal(1)))} 计算应为 {score_text(result.score)}。"
                        f"typed score {_fmt(budget.score)} != computed {score_text(result.score)}",
                        "改为计算所得的得分，或删除 score，由 docgen 计算。"))
    if result.rate < LOW_RATE and budget.reason is None:
        out.append(_err(loaded, path,
                        f"执行率为 {rate_text(result.rate)}，低于 90%，须说明原因。reason required under 90%",
                        f"在 budget 下加一行“reason: …”，写明执行率偏低的原因（不超过 {REASON_MAX} 字）。", key=True))
    if budget.reason is not None and len(budget.reason) > REASON_MAX:
        out.append(_err(loaded, path + ("reason",),
                        f"原因写了 {len(budget.reason)} 个字，上限 {REASON_MAX} 字。reason too long",
                        "精简原因说明。"))
    changed = [r.name for r in budget.rows if r.adjusted != r.initial]
    if changed and budget.adjustment is None:
        out.append(_err(loaded, path,
                        f"{'、'.join(changed)}的全年预算数与年初预算数不同，须说明预算调整情况。"
                        "adjustment note required", "在 budget 下加一行“adjustment: …”，说明调整的原因和金额。",
                        key=True))
    return out


# ---------------------------------------------------------------- the indicator block

def _indicators(form: SelfEvaluation, loaded: Loaded, ev: Evaluation) -> list[Diagnostic]:
    out = []
    profile = ev.profile
    for i, r in enumerate(ev.indicators):
        ind, path = r.indicator, ROOT + ("indicators", i)
        if profile is not None and ind.level1 not in profile.level1_names:
            out.append(_err(loaded, path + ("level1",),
                            f"一级指标“{ind.level1}”不在评分标准“{profile.key}”中。unknown 一级指标",
                            "可用 allowed: " + "、".join(profile.level1_names)))
        elif ind.level2 not in LEVEL2_NAMES.get(ind.level1, ()):
            out.append(_err(loaded, path + ("level2",),
                            f"二级指标“{ind.level2}”不属于“{ind.level1}”。unknown 二级指标",
                            "可用 allowed: " + "、".join(LEVEL2_NAMES.get(ind.level1, ()))))
        if ind.weight <= 0:
            out.append(_err(loaded, path + ("weight",), "分值应大于 0。weight must be positive"))
        if r.qualitative:
            out += _qualitative(loaded, path, r)
        else:
            for key, label in (("target", "年度指标值"), ("actual", "实际完成值")):
                if not isinstance(getattr(ind, key), Decimal):
                    out.append(_err(loaded, path + (key,),
                                    f"指标性质为“{ind.nature}”的定量指标，{label}应为数字，当前是“{getattr(ind, key)}”。"
                                    "must be a number", "只写数字，单位写在 unit 中；若是定性指标，nature 写“定性”。"))
            if ind.rating is not None:
                out.append(_err(loaded, path + ("rating",), "rating（定性评价）只用于定性指标。rating is for 定性 only",
                                "删除 rating：定量指标的得分由 docgen 计算。"))
            if r.score is not None and ind.score is not None and ind.score != r.score:
                out.append(_err(loaded, path + ("score",),
                                f"得分写的是 {_fmt(ind.score)}，按规则计算应为 {score_text(r.score)}"
                                f"（分值 {_fmt(ind.weight)}，指标值 {_fmt(ind.target)}，实际完成值 {_fmt(ind.actual)}）。"
                                f"typed score {_fmt(ind.score)} != computed {score_text(r.score)}",
                                "改为计算所得的得分，或删除 score，由 docgen 计算。"))
        if r.met is False and ind.deviation is None:
            out.append(_err(loaded, path,
                            f"指标“{ind.name}”未完成，须填写偏差原因分析及改进措施。deviation required",
                            "在该指标下加一行“deviation: …”。", key=True))
    out += _weights(loaded, ev)
    return out


def _qualitative(loaded: Loaded, path: tuple, r) -> list[Diagnostic]:
    ind = r.indicator
    out = []
    if ind.rating is None:
        out.append(_err(loaded, path, "定性指标须写 rating：达成、部分达成 或 未达成。rating required",
                        "在该指标下加一行“rating: 达成”（或 部分达成、未达成）。", key=True))
    if ind.score is None:
        out.append(_err(loaded, path, "定性指标的得分由评价人给出，须写 score。score required",
                        "在该指标下加一行“score: …”，分数在评价档次的范围内。", key=True))
    if ind.rating is not None and ind.score is not None:
        if ind.score > ind.weight:
            out.append(_err(loaded, path + ("score",),
                            f"得分 {_fmt(ind.score)} 超过分值 {_fmt(ind.weight)}。score above weight"))
        elif not within_band(ind.rating, ind.weight, ind.score):
            out.append(_err(loaded, path + ("score",),
                            f"评价为“{ind.rating}”时得分应在分值的 {BAND_TEXT[ind.rating]} 之间"
                            f"（分值 {_fmt(ind.weight)}），当前得分 {_fmt(ind.score)}。score outside its band",
                            "调整得分，或改 rating 为相应的评价档次。"))
        elif record(ind.score) != ind.score:
            out.append(_err(loaded, path + ("score",), "得分最多保留两位小数。at most 2 decimals"))
    return out


def _weights(loaded: Loaded, ev: Evaluation) -> list[Diagnostic]:
    profile = ev.profile
    if profile is None:
        return []
    out = []
    for level1, weight in profile.weights:
        rows = [(i, r) for i, r in enumerate(ev.indicators) if r.indicator.level1 == level1]
        total = sum((r.indicator.weight for _, r in rows), Decimal(0))
        if total == weight:
            continue
        where = ROOT + ("indicators", rows[0][0]) if rows else ROOT + ("indicators",)
        parts = " + ".join(_fmt(r.indicator.weight) for _, r in rows) or "没有指标"
        out.append(_err(loaded, where,
                        f"{level1}的分值合计为 {_fmt(total)}（{parts}），评分标准“{profile.key}”规定为 {_fmt(weight)}。"
                        f"weights of {level1} sum to {_fmt(total)}, profile says {_fmt(weight)}",
                        f"调整{level1}下各三级指标的分值，使其合计为 {_fmt(weight)}。", key=True))
    if ev.weight_total != 100 and not out:
        out.append(_err(loaded, ROOT, f"全部分值合计为 {_fmt(ev.weight_total)}，应为 100。weights must sum to 100",
                        key=True))
    return out


# ---------------------------------------------------------------- total, grade, the prose

def _totals(form: SelfEvaluation, loaded: Loaded, ev: Evaluation) -> list[Diagnostic]:
    out = []
    total, grade = ev.total, ev.grade
    if total is not None and form.total_score is not None and form.total_score != total:
        out.append(_err(loaded, ROOT + ("total_score",),
                        f"总分写的是 {_fmt(form.total_score)}，各项得分之和是 {score_text(total)}。"
                        f"typed total {_fmt(form.total_score)} != sum {score_text(total)}",
                        "改为各项得分之和，或删除 total_score，由 docgen 计算。"))
    if grade is not None and form.grade is not None and form.grade != grade:
        out.append(_err(loaded, ROOT + ("grade",),
                        f"等级写的是“{form.grade}”，总分 {score_text(total)} 按评分标准（{ev.profile.bands_text()}）"
                        f"应为“{grade}”。typed grade {form.grade} != {grade}",
                        "改为计算所得的等级，或删除 grade，由 docgen 判定。"))
    return out


def _final_total(report: Report, loaded: Loaded, ev: Evaluation) -> list[Diagnostic]:
    out = []
    executed = ev.budget.executed
    funds = next(blocks(report, "funds"), None)  # the report's 决算 figures, if it states them
    if funds is not None and funds.item.funds.final_total != executed:
        stated = funds.item.funds.final_total
        out.append(_err(loaded, report.source(funds.path + ("funds", "final_total")),
                        f"决算总额写的是 {_fmt(stated)} 万元，但自评表的全年执行数（年度资金总额）是 "
                        f"{_fmt(executed)} 万元。final_total {_fmt(stated)} != executed {_fmt(executed)}",
                        "核对决算报表与自评表的全年执行数，二者应一致。"))
    return out


_NUMBER = r"(\d+(?:\.\d+)?)"
_SCORE = re.compile(r"(?:综合评分|综合得分|自评得分|评价得分|总得分|总分|得分|评分)(?:为|是|：)?\s*" + _NUMBER + r"\s*分")
_GRADE = re.compile(r"(?:自评等级|评价等级|等级)(?:为|是|：)?\s*[“\"]?([优良中差])")
_RATE = re.compile(r"(?:预算执行率|执行率)(?:为|是|达到|达|：)?\s*" + _NUMBER + r"\s*[%％]")


def _same(stated: str, computed: Decimal) -> bool:
    places = len(stated.split(".")[1]) if "." in stated else 0
    return Decimal(stated) == computed.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _prose(report: Report, loaded: Loaded, ev: Evaluation) -> list[Diagnostic]:
    total, grade, rate = ev.total, ev.grade, ev.budget.rate
    out = []
    for f in texts(report):
        if total is not None:
            for m in _SCORE.finditer(f.text):
                if not _same(m.group(1), record(total)):
                    out.append(_err(loaded, f.path,
                                    f"文中写“{m.group()}”，自评表的总分是 {score_text(total)} 分。"
                                    f"stated score {m.group(1)} != {score_text(total)}",
                                    f"改为 {score_text(total)} 分。", offset=m.start(1)))
        if grade is not None:
            for m in _GRADE.finditer(f.text):
                if m.group(1) != grade:
                    out.append(_err(loaded, f.path,
                                    f"文中写“{m.group()}”，自评表的等级是“{grade}”。stated grade {m.group(1)} != {grade}",
                                    f"改为“{grade}”。", offset=m.start(1)))
        if rate is not None:
            for m in _RATE.finditer(f.text):
                if not _same(m.group(1), rate * 100):
                    out.append(_err(loaded, f.path,
                                    f"文中写“{m.group()}”，自评表的预算执行率是 {rate_text(rate)}。"
                                    f"stated rate {m.group(1)}% != {rate_text(rate)}",
                                    f"改为 {rate_text(rate)}。", offset=m.start(1)))
    return out
