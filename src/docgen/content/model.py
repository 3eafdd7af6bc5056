"""Stage 2 — model: what a 整体支出绩效评价报告 says, as typed data.

The model is general, not shaped to one year: any number of work areas,
indicators, spending categories, achievement areas and honours; an achievement
area is either free text or numbered items.  Numbering, subtotals and totals are
*computed* here or in the template, never typed into content.

Money is :class:`~decimal.Decimal` in 万元, kept with the precision written
(146.4 stays 146.4, 70 stays 70).  Amounts must be YAML numbers: "2517.81万" or
"五百万" is an error that says how to write it, and so is exponent notation
("1.5e+3", what Excel shows for a narrow column — the digits are already lost) and
a figure of more than :data:`AMOUNT_MAX_DIGITS` digits.  Sums of amounts are
computed exactly (:func:`exact_sum`), whatever Decimal's context precision.

Every model forbids unknown keys, so a misspelt key is an error (with a
"did you mean" suggestion, see :func:`validate`) instead of silently vanishing.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal, Inexact, localcontext
from typing import Annotated, Any

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      ValidationError, model_validator)
from pydantic_core import PydanticCustomError

from ..errors import Diagnostic, DocgenError, EXIT_CONTENT, Severity
from .load import Loaded, dotted
from .text import PLACEHOLDER

#: What ``docgen new`` writes where a figure must be filled in.

# XML 1.0 forbids C0 controls except tab, LF, CR (and U+FFFE/U+FFFF, lone surrogates).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_text", "不能为空：请填写文字。must not be empty")
    if value.strip() == PLACEHOLDER:
        raise PydanticCustomError("placeholder", "待填写：请写出这段文字。text still to be written")
    bad = _XML_ILLEGAL.search(value)
    if bad:
        raise PydanticCustomError(
            "illegal_char",
            "含有不可见的控制字符 U+{code}（第 {pos} 个字符，常见于从 Word 或网页粘贴的文字）。"
            "control character not allowed",
            {"code": f"{ord(bad.group()):04X}", "pos": bad.start() + 1},
        )
    # Word/Windows line ends become "\n" (a <w:br/> line break in the .docx); the newline
    # that ends every "|" block is YAML syntax, not a line break the author asked for.
    return value.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


Text = Annotated[str, Field(strict=True), AfterValidator(_text)]


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
        {"value": str(value), "advice": advice},
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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


#: The unit name is part of the output file's name: no path separators or characters that
#: Windows forbids in file names, and short enough for a 255-byte file name in UTF-8.
_FILE_NAME_BAD = re.compile(r'[\\/:*?"<>|]')
UNIT_NAME_MAX = 40


def _unit_name(value: str) -> str:
    bad = _FILE_NAME_BAD.search(value)
    if bad or value.strip() in (".", ".."):
        raise PydanticCustomError(
            "unit_name",
            "单位名称会用作文件名，不能包含 \\ / : * ? \" < > | 这些字符（这里有“{char}”）。"
            "unit name is part of the file name",
            {"char": bad.group() if bad else value.strip()})
    if len(value) > UNIT_NAME_MAX:
        raise PydanticCustomError(
            "unit_name", "单位名称太长（{n} 个字，上限 {limit}）：它会成为标题和文件名的一部分。too long",
            {"n": len(value), "limit": UNIT_NAME_MAX})
    return value


class Unit(_Model):
    """The reporting unit: 清水塘街道 of 开福区."""

    name: Annotated[Text, AfterValidator(_unit_name)] = Field(description="单位名称")
    district: Text = Field(description="所属区")


class Indicator(_Model):
    """One 产出/效益 indicator: "质量指标：保障街道…" is name 质量指标 and its text."""

    name: Text = Field(description="指标名称")
    text: Text = Field(description="指标内容")


class Overview(_Model):
    """一、整体支出概况."""

    basis: Text = Field(description="依据")
    areas: list[Text] = Field(min_length=1, description="工作方面")
    output_intro: Text = Field(description="产出指标引言")
    output_indicators: list[Indicator] = Field(min_length=1, description="产出指标")
    benefit_intro: Text = Field(description="效益指标引言")
    benefit_indicators: list[Indicator] = Field(min_length=1, description="效益指标")


class Category(_Model):
    """A 项目支出 category and its amount in 万元."""

    name: Text = Field(description="类别名称")
    amount: Amount = Field(description="金额")


class Funds(_Model):
    """二、整体支出资金使用及管理情况: the year's 决算 figures.

    ``final_total`` is the 决算 total as published by the accounting system; it is
    *checked* against basic + Σ projects, never used to derive anything.
    """

    final_total: Amount = Field(description="决算总额")
    basic: Amount = Field(description="基本支出")
    projects: list[Category] = Field(min_length=1, description="项目支出")
    project_total: Amount | None = Field(default=None, description="项目支出合计")
    management: Text = Field(description="资金管理情况")

    @property
    def project_sum(self) -> Decimal:
        return exact_sum(*(c.amount for c in self.projects))

    @property
    def projects_total(self) -> Decimal:
        """项目支出 as printed: the stated subtotal if given (checked equal), else the sum."""
        return self.project_total if self.project_total is not None else self.project_sum

    @property
    def total(self) -> Decimal:
        return exact_sum(self.basic, self.project_sum)


class Area(_Model):
    """An achievement area: a lead-in (公共服务方面) and either free text or numbered items."""

    lead: Text = Field(description="引导语")
    text: Text | None = Field(default=None, description="一段文字")
    items: list[Text] | None = Field(default=None, description="编号条目")

    @model_validator(mode="after")
    def _text_xor_items(self) -> "Area":
        if (self.text is None) == (self.items is None):
            raise PydanticCustomError(
                "area_body",
                "每个方面要么写 text（一段文字），要么写 items（编号条目列表），二者选一。"
                "give either text or items, not both/neither")
        if self.items is not None and not self.items:
            raise PydanticCustomError("area_body", "items 列表不能为空。items must not be empty")
        return self


class Achievements(_Model):
    """三、<year>年绩效目标完成情况."""

    intro: Text = Field(description="引言")
    areas: list[Area] = Field(min_length=1, description="工作方面")


class Other(_Model):
    """四、其他需要说明事宜: optional paragraphs, then the honours as a numbered list."""

    paragraphs: list[Text] = Field(default_factory=list, description="段落")
    honours: list[Text] = Field(default_factory=list, description="荣誉")


class Report(_Model):
    """A whole report; the root of ``content/<year>.yaml``."""

    year: Annotated[int, Field(strict=True, ge=1990, le=2100)] = Field(description="报告年度")
    unit: Unit = Field(description="单位")
    overview: Overview = Field(description="一、整体支出概况")
    funds: Funds = Field(description="二、资金使用及管理情况")
    achievements: Achievements = Field(description="三、绩效目标完成情况")
    other: Other = Field(description="四、其他需要说明事宜")

    @property
    def title(self) -> str:
        return f"{self.year}年度{self.unit.name}整体支出绩效评价报告"


# ---------------------------------------------------------------- validation

_MESSAGES = {
    "list_type": "应为列表（每项一行，以“- ”开头）。must be a list",
    "model_type": "应为一组“键: 值”（在下一行缩进写出）。must be a mapping",
    "dict_type": "应为一组“键: 值”（在下一行缩进写出）。must be a mapping",
    "model_attributes_type": "应为一组“键: 值”（在下一行缩进写出）。must be a mapping",
    "int_type": "年份应为整数，例如 2021（不加引号）。must be an integer",
    "int_parsing": "年份应为整数，例如 2021（不加引号）。must be an integer",
    "too_short": "列表不能为空：至少写一项（每项一行，以“- ”开头）。must have at least one item",
    "greater_than_equal": "年份超出范围（1990–2100）。out of range",
    "less_than_equal": "年份超出范围（1990–2100）。out of range",
}

#: pydantic error types whose message we wrote ourselves (PydanticCustomError above)
_OWN_TYPES = ("amount_type", "amount_digits", "amount_negative", "placeholder", "empty_text", "illegal_char",
              "area_body", "unit_name")


def _fields_of(model: type[BaseModel]) -> dict[str, str]:
    """Field name → Chinese label (the ``description``), for messages and "did you mean"."""
    return {name: f.description or "" for name, f in model.model_fields.items()}


def _suggest(key: str, model: type[BaseModel]) -> tuple[str | None, str]:
    """The field the user probably meant (by spelling, or by its Chinese label) and a hint."""
    fields = _fields_of(model)
    close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.5)
    if not close:
        close = difflib.get_close_matches(key.lower(), list(fields), n=1, cutoff=0.5)
    if not close:  # a Chinese key: 基本支出 → basic
        close = [name for name, label in fields.items()
                 if label and (label in key or (len(key) >= 2 and key in label))][:1]
    allowed = "可用的字段 allowed: " + ", ".join(
        f"{name}（{label}）" if label else name for name, label in fields.items())
    if close:
        name = close[0]
        label = f"（{fields[name]}）" if fields[name] else ""
        return name, f"是否想写“{name}”{label}？did you mean '{name}'? {allowed}"
    return None, allowed


def _model_at(path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that a (parent) path points into, for "did you mean"."""
    model: Any = Report
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field is None:
            return None
        ann = field.annotation
        model = _unwrap_model(ann)
        if model is None:
            return None
    return model


def _unwrap_model(ann: Any) -> type[BaseModel] | None:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in getattr(ann, "__args__", ()) or ():
        found = _unwrap_model(arg)
        if found is not None:
            return found
    return None


def validate(loaded: Loaded) -> Report:
    """Turn loaded data into a :class:`Report`, or raise with *every* error located."""
    try:
        return Report.model_validate(loaded.data)
    except ValidationError as exc:
        raise DocgenError(diagnostics_from(exc, loaded), EXIT_CONTENT) from None


def _clean_loc(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """pydantic's error location as a path into the content data.

    Steps that are not in the data (names pydantic gives to validators or union
    branches) are dropped, except the last one: that is the name of a missing field.
    """
    path: list[Any] = []
    cur = data
    for i, part in enumerate(loc):
        if isinstance(cur, dict) and isinstance(part, str) and part in cur:
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            cur = cur[part]
        elif i < len(loc) - 1:
            continue
        else:
            cur = None
        path.append(part)
    return tuple(path)


def _as_written(loaded: Loaded, path: tuple[Any, ...], value: Any) -> str:
    span = loaded.spans.get(path)
    if span and loaded.text:
        return loaded.text[span[0]:span[1]].strip()[:40]
    return str(value)[:40]


def _message(kind: str, err: dict[str, Any], path: tuple[Any, ...], loaded: Loaded) -> str:
    value = err.get("input")
    if kind in _OWN_TYPES:
        return err["msg"]
    if kind == "missing":
        model = _model_at(path[:-1])
        label = (_fields_of(model).get(str(path[-1])) if model else "") or ""
        label = f"（{label}）" if label else ""
        return f"缺少必填字段“{path[-1]}”{label}。required field is missing"
    if value is None:
        if kind == "string_type":
            return "不能为空：请填写文字。must not be empty"
        if kind == "list_type":
            return "是空的：请至少写一项（每项一行，以“- ”开头）。must not be empty"
        if kind in ("model_type", "dict_type", "model_attributes_type"):
            return "是空的：请在下面缩进写出各项“键: 值”。must not be empty"
        if kind == "int_type":
            return "是空的：请填写年份，例如 2021。must not be empty"
    if kind == "string_type":
        if isinstance(value, (list, dict)):
            return "应为一段文字，而不是列表或“键: 值”。must be text"
        return (f"应为文字，但“{_as_written(loaded, path, value)}”被读成了数字、日期或是非值。"
                "must be text")
    return _MESSAGES.get(kind, err["msg"])


def _hint_for(kind: str, path: tuple[Any, ...], value: Any = None) -> str:
    if kind == "missing":
        parent = dotted(path[:-1]) or "文件最外层"
        return f"在 {parent} 下面加一行“{path[-1]}: …”（与同层的键对齐），参见 README 中的内容格式说明。"
    if kind == "illegal_char":
        return "删除这段文字中看不见的控制字符（可在记事本中重新输入该处文字）。"
    if kind == "string_type" and value is not None and not isinstance(value, (list, dict)):
        return "给整段文字加上引号，例如 '2020' 或 \"yes\"。"
    if kind == "placeholder":
        return f"把“{PLACEHOLDER}”换成实际内容。"
    if kind == "amount_digits":
        return "核对财务系统中的数字：是否多粘贴了数字或小数位（万元金额保留两位小数即可）。"
    return ""


def diagnostics_from(exc: ValidationError, loaded: Loaded) -> list[Diagnostic]:
    """Every pydantic error as ``file:line:col: field: message``, in file order.

    A misspelt key gives two pydantic errors (the unknown key, and the field it
    should have been is missing); they are reported as one, with "did you mean".
    """
    errors = [(_clean_loc(tuple(err["loc"]), loaded.data), err)
              for err in exc.errors(include_url=False)]
    meant: set[tuple[Any, ...]] = set()
    unknown: list[tuple[tuple[Any, ...], str]] = []
    missing = {path for path, err in errors if err["type"] == "missing"}
    for path, err in errors:
        if err["type"] != "extra_forbidden" or not path:
            continue
        parent = _model_at(path[:-1])
        name, hint = _suggest(str(path[-1]), parent) if parent else (None, "")
        if name is not None and path[:-1] + (name,) in missing:
            meant.add(path[:-1] + (name,))
            hint = f"是否想写“{name}”？它是必填字段，现在缺少。did you mean '{name}' (required)?"
        unknown.append((path, hint))

    diags: list[Diagnostic] = []
    for path, hint in unknown:
        line, col = loaded.position(path)
        diags.append(Diagnostic(loaded.file, line, col, dotted(path),
                                f"未知字段“{path[-1]}”。unknown key", hint=hint))
    seen: set[tuple[Any, ...]] = set()
    for path, err in errors:
        kind = err["type"]
        if kind == "extra_forbidden" and path:
            continue
        if path in meant or (path, kind) in seen:
            continue
        seen.add((path, kind))
        if kind == "missing":
            line, col = loaded.position(path[:-1])  # the key (or list item) it belongs under
        else:
            line, col = loaded.value_position(path)
        severity = Severity.TODO if kind == "placeholder" else Severity.ERROR
        diags.append(Diagnostic(loaded.file, line, col, dotted(path),
                                _message(kind, err, path, loaded), severity,
                                hint=_hint_for(kind, path, err.get("input"))))
    return sorted(diags, key=lambda d: (d.line, d.col, d.field))
