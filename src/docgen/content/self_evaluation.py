"""The 部门（单位）整体支出绩效自评表 as typed data: the budget block and the indicator block.

An optional top-level key ``self_evaluation:`` of the content file (printed as the
attachment after the report).  It holds what the office *fills in*: the budget
figures, each indicator's target and result, its 分值, and the scores the author
gives (qualitative indicators) or may type to have them checked.  What follows
from those figures — 年度资金总额, 执行率, every computed 得分, 总分, 等级 — is
computed by :mod:`docgen.content.scoring` and checked by
:mod:`docgen.content.self_evaluation_check`, never taken on trust.

The model is deliberately permissive where a rule needs a position to explain
itself (a text where a number belongs, a qualitative indicator without a score):
those are the checker's errors, each at the line and column of the value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, Field, PlainValidator
from pydantic_core import PydanticCustomError

from .fields import Text, _Model
from .money import AMOUNT_MAX_DIGITS, Amount, _digits, exact_sum
from .profiles import DEFAULT_PROFILE
from .text import PLACEHOLDER

#: 指标性质: the comparison of a quantitative indicator, or 定性.
NATURES = ("≥", "≤", "=", "定性")
#: The bands a qualitative score is given in, as fractions of its weight: (name, lowest, highest, lowest included).
RATINGS = ("达成", "部分达成", "未达成")
#: 执行率偏低原因 may be at most this many characters (the published forms' limit).
REASON_MAX = 100


def _figure(value: Any) -> Decimal:
    """A number (not 万元): a target, a result, a weight or a score, exactly as written."""
    if isinstance(value, str) and value.strip() == PLACEHOLDER:
        raise PydanticCustomError("placeholder", "待填写：请填入数字。figure still to be filled in")
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise PydanticCustomError(
            "figure_type", "应为数字（不加引号、不写单位或%），例如 95 或 9.5；当前是“{value}”。must be a number",
            {"value": str(value)[:40]})
    value = Decimal(value)
    if not value.is_finite() or _digits(value) > AMOUNT_MAX_DIGITS:
        raise PydanticCustomError("figure_type", "数字无效或位数过多。invalid number")
    if value < 0:
        raise PydanticCustomError("figure_type", "不能为负数。must not be negative")
    return value


def _value(value: Any) -> Decimal | str:
    """年度指标值 / 实际完成值: a number (quantitative) or a text (定性: "有效提升")."""
    if isinstance(value, str) and value.strip() != PLACEHOLDER:
        if not value.strip():
            raise PydanticCustomError("empty_text", "不能为空：请填写文字。must not be empty")
        return value.strip()
    return _figure(value)


def _nature(value: str) -> str:
    if value not in NATURES:
        raise PydanticCustomError(
            "nature", "指标性质应为 ≥、≤、= 或 定性 之一（全角符号），当前是“{value}”。must be one of ≥ ≤ = 定性",
            {"value": value})
    return value


def _rating(value: str) -> str:
    if value not in RATINGS:
        raise PydanticCustomError(
            "rating", "定性指标的评价应为 达成、部分达成 或 未达成 之一，当前是“{value}”。must be one of 达成 部分达成 未达成",
            {"value": value})
    return value


Figure = Annotated[Decimal, PlainValidator(_figure)]
Value = Annotated[Decimal | str, PlainValidator(_value)]


class BudgetRow(_Model):
    """One source of funds: 财政拨款, 上年结转资金, 其他资金 … (in 万元)."""

    name: Text = Field(description="资金来源")
    initial: Amount = Field(description="年初预算数")
    adjusted: Amount = Field(description="全年预算数")
    executed: Amount = Field(description="全年执行数")


class BudgetTotal(_Model):
    """The 年度资金总额 row as the author typed it (optional; checked against the sum of the rows)."""

    initial: Amount | None = Field(default=None, description="年初预算数")
    adjusted: Amount | None = Field(default=None, description="全年预算数")
    executed: Amount | None = Field(default=None, description="全年执行数")


class Budget(_Model):
    """年度预算执行情况: the rows, and what the author writes about them."""

    rows: list[BudgetRow] = Field(min_length=1, description="资金来源")
    total: BudgetTotal | None = Field(default=None, description="年度资金总额")
    weight: Figure | None = Field(default=None, description="分值")
    score: Figure | None = Field(default=None, description="得分")
    reason: Text | None = Field(default=None, description="执行率偏低原因")
    adjustment: Text | None = Field(default=None, description="预算调整说明")

    @property
    def initial_total(self) -> Decimal:
        return exact_sum(*(r.initial for r in self.rows))

    @property
    def adjusted_total(self) -> Decimal:
        return exact_sum(*(r.adjusted for r in self.rows))

    @property
    def executed_total(self) -> Decimal:
        return exact_sum(*(r.executed for r in self.rows))


class EvaluationIndicator(_Model):
    """One row of the indicator block (a 三级指标 under its 一级 and 二级指标)."""

    level1: Text = Field(description="一级指标")
    level2: Text = Field(description="二级指标")
    name: Text = Field(description="三级指标")
    nature: Annotated[Text, AfterValidator(_nature)] = Field(description="指标性质")
    target: Value = Field(description="年度指标值")
    unit: Text | None = Field(default=None, description="计量单位")
    actual: Value = Field(description="实际完成值")
    weight: Figure = Field(description="分值")
    score: Figure | None = Field(default=None, description="得分")
    rating: Annotated[Text, AfterValidator(_rating)] | None = Field(default=None, description="定性评价")
    deviation: Text | None = Field(default=None, description="偏差原因分析及改进措施")


class SelfEvaluation(_Model):
    """The whole 自评表: ``self_evaluation:`` in the content file."""

    profile: Text = Field(default=DEFAULT_PROFILE, description="评分标准")
    title: Text | None = Field(default=None, description="表名")
    budget: Budget = Field(description="年度预算执行情况")
    indicators: list[EvaluationIndicator] = Field(min_length=1, description="绩效指标")
    total_score: Figure | None = Field(default=None, description="总分")
    grade: Text | None = Field(default=None, description="等级")
