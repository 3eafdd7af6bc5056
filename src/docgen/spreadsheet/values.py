"""A cell → a figure: amounts in 万元, indicator values with 指标性质 and unit, texts kept.

Excel keeps numbers as binary doubles; a cell shows "4900.5" and the file holds
4900.5, but a cell computed by a formula may hold 0.30000000000000004.  A number is
taken as the shortest decimal that gives the same double (what Excel shows), at most
15 significant digits (Excel's own precision), never through a float sum.

The forms write figures in many ways, and each is read as an office means it:

* a number; a number formatted as a percentage (0.985 shown "98.5%" is 98.5 with unit "%");
  a number whose format carries a unit (``0"人"`` shows "500人");
* a text "98.5%", "500人", "4,900.50", "4900.5万元"; "≥95%" is 指标性质 ≥ and 95 %;
  "不低于95%" ≥, "不高于120万元" ≤;
* "95%以上" ≥, "120万元以内" ≤;
* "—", "-", "/" in a figure cell: nothing written (the forms' "not applicable").

Anything else in a figure cell is an error naming the cell and its text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

DASHES = {"—", "——", "-", "－", "/", "／", "–"}
_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_AMOUNT = re.compile(rf"^({_NUMBER})\s*(万元|万|元)?$")
_NATURES = {"≥": "≥", ">=": "≥", "≧": "≥", "＞＝": "≥", "大于等于": "≥", "不低于": "≥", "不少于": "≥",
            "≤": "≤", "<=": "≤", "≦": "≤", "＜＝": "≤", "小于等于": "≤", "不高于": "≤", "不超过": "≤",
            "不多于": "≤", "=": "=", "＝": "=", "等于": "="}
_NATURE_WORDS = "|".join(sorted(map(re.escape, _NATURES), key=len, reverse=True))
_VALUE = re.compile(rf"^({_NATURE_WORDS})?\s*({_NUMBER})\s*([^\d\s]{{0,8}})$")
_SUFFIXES = (("及以上", "≥"), ("以上", "≥"), ("及以下", "≤"), ("以下", "≤"), ("以内", "≤"))
_QUOTED = re.compile(r'"([^"]*)"|\\(.)')


class Unreadable(ValueError):
    """A cell that holds something other than the figure its column wants; ``str()`` says what."""


@dataclass(frozen=True)
class Reading:
    """指标值 / 完成值 as read: a number with 指标性质 and unit, or a text (定性)."""

    value: Decimal | str
    nature: str | None = None
    unit: str | None = None


def empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and (not value.strip() or value.strip() in DASHES))


def decimal_of(number: int | float | Decimal) -> Decimal:
    """A cell's number as the decimal Excel shows (≤ 15 significant digits), exactly."""
    if isinstance(number, Decimal):
        d = number
    elif isinstance(number, int):
        d = Decimal(number)
    else:
        d = Decimal(repr(number))
        if len(d.as_tuple().digits) > 15:
            with localcontext() as ctx:
                ctx.prec = 15
                d = +d
    return plain(d)


def plain(d: Decimal) -> Decimal:
    """Without trailing zeros or exponent: 4900.50 → 4900.5, 1E+2 → 100."""
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d.normalize()


def _number_text(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE/FALSE"
    if isinstance(value, (dt.date, dt.time, dt.datetime, dt.timedelta)):
        return f"日期或时间 {value}"
    return str(value).strip()[:40]


def amount(value: Any, yuan: bool = False) -> Decimal | None:
    """A budget figure in 万元 (``yuan``: the form is in 元, divided by 10 000 exactly); None if blank."""
    if empty(value):
        return None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time, dt.datetime, dt.timedelta)):
        raise Unreadable(f"应为金额（数字），当前是“{_describe(value)}”")
    if isinstance(value, (int, float, Decimal)):
        d = decimal_of(value)
        unit_yuan = yuan
    else:
        m = _AMOUNT.match(value.strip())
        if not m:
            raise Unreadable(f"应为金额（数字），当前是“{_describe(value)}”")
        d = _number_text(m.group(1))
        unit_yuan = m.group(2) == "元" if m.group(2) else yuan  # "万" and "万元" are the forms' unit
    return plain(d / 10000) if unit_yuan else plain(d)


def figure(value: Any) -> Decimal | None:
    """分值 / 得分: a plain number (a text "9.5分" too); None if blank."""
    if empty(value):
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return decimal_of(value)
    if isinstance(value, str):
        m = re.match(rf"^({_NUMBER})\s*分?$", value.strip())
        if m:
            return plain(_number_text(m.group(1)))
    raise Unreadable(f"应为数字，当前是“{_describe(value)}”")


def percent(value: Any, number_format: str = "General") -> Decimal | None:
    """执行率 as a percentage: 0.959 formatted as %, or "95.9%", is 95.9; None if blank."""
    if empty(value):
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        d = decimal_of(value)
        return plain(d * 100) if format_unit(number_format)[0] or d <= Decimal("1.5") else d
    if isinstance(value, str):
        m = re.match(rf"^({_NUMBER})\s*[%％]?$", value.strip())
        if m:
            return plain(_number_text(m.group(1)))
    raise Unreadable(f"应为百分比，当前是“{_describe(value)}”")


def format_unit(number_format: str) -> tuple[bool, str | None]:
    """(is a percentage, the literal unit text) of a number format: ``0.0%`` → (True, None), ``0"人"`` → (False, 人)."""
    literal = "".join(a or b for a, b in _QUOTED.findall(number_format))
    bare = _QUOTED.sub("", number_format)
    return "%" in bare, (literal.strip() or None)


def indicator_value(value: Any, number_format: str = "General") -> Reading | None:
    """年度指标值 / 实际完成值; None if blank.  A text that is not a number is kept as written (定性)."""
    if empty(value):
        return None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time, dt.datetime, dt.timedelta)):
        raise Unreadable(f"应为数字或文字，当前是“{_describe(value)}”")
    if isinstance(value, (int, float, Decimal)):
        percent, unit = format_unit(number_format)
        d = decimal_of(value)
        if percent:
            return Reading(plain(d * 100), None, "%")
        return Reading(d, None, unit)
    text = value.strip()
    m = _VALUE.match(text.replace("％", "%"))
    if m:
        unit = m.group(3) or None
        nature = _NATURES[m.group(1)] if m.group(1) else None
        for suffix, meant in _SUFFIXES:  # "95%以上" is ≥ 95 %, "120万元以内" ≤ 120 万元
            if unit and unit.endswith(suffix) and (nature is None or nature == meant):
                unit, nature = unit[:-len(suffix)] or None, meant
                break
        if unit is None or not re.search(r"[。，；、:：（）()以及上下内]", unit):
            return Reading(plain(_number_text(m.group(2))), nature, unit)
    return Reading(value.strip("\n"), None, None)


def nature_of(value: Any) -> str | None:
    """The 指标性质 column: ≥ ≤ = 定性 (also >=, 正向/反向 are not accepted: they do not say the rule)."""
    if empty(value):
        return None
    text = str(value).strip()
    if text in ("定性", "定量"):
        return text
    return _NATURES.get(text, text)
