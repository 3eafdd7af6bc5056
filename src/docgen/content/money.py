"""Money: amounts in 万元 as exact ``Decimal``, read as the office wrote them, and added without rounding.

An amount must be a YAML number: "2517.81万" or "五百万" is an error that says how to
write it, and so is exponent notation ("1.5e+3", what Excel shows for a narrow
column — the digits are already lost) and a figure of more than
:data:`AMOUNT_MAX_DIGITS` digits.  Precision is kept as written (146.4 stays 146.4,
70 stays 70); sums are exact (:func:`exact_sum`) whatever Decimal's context precision.
Rounding happens only for display, where a command says its rule.
"""

from __future__ import annotations

import re
from decimal import Decimal, Inexact, localcontext
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from ..errors import clip
from .text import PLACEHOLDER

#: The most digits an amount may have (integer part and decimals together).  万元 figures
#: of a 街道 have about 6–8; 20 is far beyond any real budget, and keeps every sum of
#: amounts exact (see :func:`exact_sum`).  More digits is a paste slip, not a figure.
AMOUNT_MAX_DIGITS = 20

#: Precision for adding amounts: 20 integer digits + 20 decimals + room for carries.
#: Decimal's default context (28 digits) would silently round 10**19 + 1E-19.
_SUM_PRECISION = 60

_EXPONENT = re.compile(r"\d\s*[eE]\s*[-+]?\d")


def _digits(value: Decimal) -> int:
    """How many digits ``value`` has when written out in full: 1E+40 → 41, 0.05 → 3."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    return max(len(digits) + exponent, 1) + max(-exponent, 0)


def exact_sum(*values: Decimal) -> Decimal:
    """Σ values with no rounding, whatever the current Decimal context says.

    Amounts have at most :data:`AMOUNT_MAX_DIGITS` digits, so :data:`_SUM_PRECISION`
    always suffices; ``Inexact`` is trapped so a rounding could never pass silently.
    """
    with localcontext() as ctx:
        ctx.prec = _SUM_PRECISION
        ctx.traps[Inexact] = True
        return sum(values, Decimal(0))


def exact_difference(a: Decimal, b: Decimal) -> Decimal:
    """a − b with no rounding (for "相差 … 万元")."""
    with localcontext() as ctx:
        ctx.prec = _SUM_PRECISION
        ctx.traps[Inexact] = True
        return a - b


def _amount(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        raise PydanticCustomError("amount_type", "应为金额数字（万元），例如 2517.81。must be a number")
    if isinstance(value, float):  # only reachable when the model is fed from Python
        value = Decimal(repr(value)) if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise PydanticCustomError("amount_type", "应为有限的金额数字。must be a finite number")
        n = _digits(value)
        if n > AMOUNT_MAX_DIGITS:
            raise PydanticCustomError(
                "amount_digits",
                "金额位数过多（{n} 位数字，上限 {limit} 位）：万元金额一般只有几位整数和两位小数，"
                "当前是“{value}”。amount has too many digits",
                {"n": n, "limit": AMOUNT_MAX_DIGITS, "value": f"{value:f}"[:40]})
        if value.as_tuple().exponent > 0:  # Decimal("1E+3") from Python → 1000, as the template prints it
            with localcontext() as ctx:
                ctx.prec = _SUM_PRECISION
                value = value.quantize(Decimal(1))
        return value
    if isinstance(value, str) and value.strip() == PLACEHOLDER:
        raise PydanticCustomError(
            "placeholder", "待填写：请填入本年度的金额（万元）。figure still to be filled in")
    if isinstance(value, str) and _EXPONENT.search(value):
        # 1.5e+3 is what Excel shows when a column is too narrow: the digits after the
        # first few are already lost, so never turn it into a number behind the user's back.
        advice = ("不能用科学计数法（“e”）：请从财务系统抄录完整的数字"
                  "（Excel 显示 1.5E+03 这类写法时，把单元格设为“数值”格式后再复制）")
    else:
        meant = _meant_number(value) if isinstance(value, str) else None
        advice = f"应写成 {meant}" if meant else "例如 2517.81"
    raise PydanticCustomError(
        "amount_type",
        "金额必须写成阿拉伯数字（单位为万元），不加引号、不写“万元”、逗号或中文数字，{advice}；"
        "当前写的是“{value}”。amount must be a plain number in 万元",
        {"value": clip(str(value), 40), "advice": clip(advice, 80)},
    )


_MONEY_NOISE = re.compile(r"[\s,，￥¥]|万元$|万$")


def _meant_number(text: str) -> str | None:
    """'2517.81万' → '2517.81', '2,517.81' → '2517.81'; None for '五百万' (no guessing words)."""
    text = text.strip()
    if text.endswith("元") and not text.endswith("万元"):
        return None  # in 元, not 万元: the figure must be converted, not just cleaned
    try:
        number = Decimal(_MONEY_NOISE.sub("", text))
    except ArithmeticError:
        return None
    return f"{number:f}" if number.is_finite() else None


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise PydanticCustomError("amount_negative", "金额不能为负数。must not be negative")
    return value


Amount = Annotated[Decimal, BeforeValidator(_amount), AfterValidator(_non_negative)]
