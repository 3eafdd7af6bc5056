"""Stage 2 — model: what a 整体支出绩效评价报告 says, as typed data.

The model is general, not shaped to one year: any number of work areas,
indicators, spending categories, achievement areas and honours; an achievement
area is either free text or numbered items.  Numbering, subtotals and totals are
*computed* here or in the template, never typed into content.

Money is :class:`~decimal.Decimal` in 万元, kept with the precision written
(146.4 stays 146.4, 70 stays 70).  Amounts must be YAML numbers: "2517.81万" or
"五百万" is an error that says how to write it.

Every model forbids unknown keys, so a misspelt key is an error (with a
"did you mean" suggestion, see :func:`validate`) instead of silently vanishing.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      ValidationError, model_validator)
from pydantic_core import PydanticCustomError

from .errors import Diagnostic, DocgenError, EXIT_CONTENT
from .load import Loaded, dotted

#: What ``docgen new`` writes where a figure must be filled in.
PLACEHOLDER = "待填"

# XML 1.0 forbids C0 controls except tab, LF, CR (and U+FFFE/U+FFFF, lone surrogates).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_text", "不能为空：请填写文字。must not be empty")
    bad = _XML_ILLEGAL.search(value)
    if bad:
        raise PydanticCustomError(
            "illegal_char",
            "含有不可见的控制字符 U+{code}（第 {pos} 个字符，常见于从 Word 或网页粘贴的文字）。"
            "control character not allowed",
            {"code": f"{ord(bad.group()):04X}", "pos": bad.start() + 1},
        )
    return value.replace("\r\n", "\n").replace("\r", "\n")


Text = Annotated[str, Field(strict=True), AfterValidator(_text)]


def _amount(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        raise PydanticCustomError("amount_type", "应为金额数字（万元），例如 2517.81。must be a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise PydanticCustomError("amount_type", "应为有限的金额数字。must be a finite number")
        if value.as_tuple().exponent > 0:  # 1E+3 → 1000
            value = value.quantize(Decimal(1))
        return value
    if isinstance(value, str) and value.strip() == PLACEHOLDER:
        raise PydanticCustomError(
            "placeholder", "待填写：请填入本年度的金额（万元）。figure still to be filled in")
    if isinstance(value, float):  # only reachable when the model is fed from Python
        return Decimal(repr(value))
    raise PydanticCustomError(
        "amount_type",
        "金额必须写成数字（单位为万元），不加引号、不写“万元”或中文数字，例如 2517.81；当前写的是“{value}”。"
        "amount must be a plain number in 万元",
        {"value": str(value)},
    )


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise PydanticCustomError("amount_negative", "金额不能为负数。must not be negative")
    return value


Amount = Annotated[Decimal, BeforeValidator(_amount), AfterValidator(_non_negative)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Unit(_Model):
    """The reporting unit: 清水塘街道 of 开福区."""

    name: Text
    district: Text


class Indicator(_Model):
    """One 产出/效益 indicator: "质量指标：保障街道…" is name 质量指标 and its text."""

    name: Text
    text: Text


class Overview(_Model):
    """一、整体支出概况."""

    basis: Text
    areas: list[Text] = Field(min_length=1)
    output_intro: Text
    output_indicators: list[Indicator] = Field(min_length=1)
    benefit_intro: Text
    benefit_indicators: list[Indicator] = Field(min_length=1)


class Category(_Model):
    """A 项目支出 category and its amount in 万元."""

    name: Text
    amount: Amount


class Funds(_Model):
    """二、整体支出资金使用及管理情况: the year's 决算 figures.

    ``final_total`` is the 决算 total as published by the accounting system; it is
    *checked* against basic + Σ projects, never used to derive anything.
    """

    final_total: Amount
    basic: Amount
    projects: list[Category] = Field(min_length=1)
    project_total: Amount | None = None
    management: Text

    @property
    def project_sum(self) -> Decimal:
        return sum((c.amount for c in self.projects), Decimal(0))

    @property
    def projects_total(self) -> Decimal:
        """项目支出 as printed: the stated subtotal if given (checked equal), else the sum."""
        return self.project_total if self.project_total is not None else self.project_sum

    @property
    def total(self) -> Decimal:
        return self.basic + self.project_sum


class Area(_Model):
    """An achievement area: a lead-in (公共服务方面) and either free text or numbered items."""

    lead: Text
    text: Text | None = None
    items: list[Text] | None = None

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

    intro: Text
    areas: list[Area] = Field(min_length=1)


class Other(_Model):
    """四、其他需要说明事宜: optional paragraphs, then the honours as a numbered list."""

    paragraphs: list[Text] = Field(default_factory=list)
    honours: list[Text] = Field(default_factory=list)


class Report(_Model):
    """A whole report; the root of ``content/<year>.yaml``."""

    year: Annotated[int, Field(strict=True, ge=1990, le=2100)]
    unit: Unit
    overview: Overview
    funds: Funds
    achievements: Achievements
    other: Other

    @property
    def title(self) -> str:
        return f"{self.year}年度{self.unit.name}整体支出绩效评价报告"

    @property
    def file_stem(self) -> str:
        return self.title

    def template_context(self) -> dict[str, Any]:
        """What the docx and HTML templates see. Documented in README ("模板变量")."""
        return {
            "report": self,
            "title": self.title,
            "title_lines": title_lines(self.title),
            "year": self.year,
            "unit": self.unit,
            "overview": self.overview,
            "funds": self.funds,
            "achievements": self.achievements,
            "other": self.other,
        }


# ---------------------------------------------------------------- title breaking

TITLE_EM_PER_LINE = 20  # 156 mm type area / 22 pt title glyphs ≈ 20.1 em


def _em(ch: str) -> float:
    return 0.5 if ord(ch) < 0x2E80 and ch not in "《》“”‘’—…" else 1.0


def title_lines(title: str, per_line: float = TITLE_EM_PER_LINE) -> list[str]:
    """Break a long title into balanced lines: longer line on top, never inside 《》.

    GB/T 9704 practice: a title that does not fit on one line is split so that
    the lines are close in length (a 梯形 or 菱形 shape), not filled greedily.
    """
    widths = [_em(c) for c in title]
    if sum(widths) <= per_line:
        return [title]
    n_lines = int(-(-sum(widths) // per_line))
    lines: list[str] = []
    rest = title
    for remaining in range(n_lines, 1, -1):
        total = sum(_em(c) for c in rest)
        target = total / remaining
        best, best_score = None, None
        depth = 0
        acc = 0.0
        for i, ch in enumerate(rest[:-1]):
            depth += ch == "《"
            depth -= ch == "》"
            acc += _em(ch)
            if depth > 0 or acc > per_line or i == 0:
                continue
            # prefer top line slightly longer than the target
            score = abs(acc - target) + (0.25 if acc < target else 0)
            if best_score is None or score < best_score:
                best, best_score = i + 1, score
        if best is None:
            break
        lines.append(rest[:best])
        rest = rest[best:]
    lines.append(rest)
    return lines


# ---------------------------------------------------------------- validation

_MESSAGES = {
    "missing": "缺少必填字段。required field is missing",
    "string_type": "应为文字。must be text",
    "list_type": "应为列表（每项一行，以“- ”开头）。must be a list",
    "model_type": "应为一组“键: 值”。must be a mapping",
    "dict_type": "应为一组“键: 值”。must be a mapping",
    "model_attributes_type": "应为一组“键: 值”。must be a mapping",
    "int_type": "应为整数年份，例如 2021。must be an integer",
    "int_parsing": "应为整数年份，例如 2021。must be an integer",
    "too_short": "列表不能为空：至少写一项。must have at least one item",
    "greater_than_equal": "年份超出范围（1990–2100）。out of range",
    "less_than_equal": "年份超出范围（1990–2100）。out of range",
}


def _suggest(key: str, model: type[BaseModel]) -> str:
    names = list(model.model_fields)
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.5)
    if close:
        return f"是否想写“{close[0]}”？did you mean '{close[0]}'?"
    return "可用的字段 allowed: " + ", ".join(names)


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


def diagnostics_from(exc: ValidationError, loaded: Loaded) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        # pydantic reports "function-after[...]" / union branch names in loc; drop them
        path = tuple(p for p in loc if isinstance(p, int) or not str(p).startswith(("function-", "list[", "Annotated", "str", "decimal", "constrained")))
        kind = err["type"]
        if kind == "extra_forbidden":
            line, col = loaded.position(path)
            parent = _model_at(path[:-1])
            hint = _suggest(str(path[-1]), parent) if parent else ""
            message = f"未知字段“{path[-1]}”。unknown key"
            diags.append(Diagnostic(loaded.file, line, col, dotted(path), message, hint=hint))
            continue
        if (path, kind) in seen:
            continue
        seen.add((path, kind))
        if kind == "missing":
            line, col = loaded.position(path[:-1])
            if path[:-1] in loaded.value_pos:
                line, col = loaded.value_pos[path[:-1]]
        else:
            line, col = loaded.value_position(path)
        if kind in _MESSAGES and kind != "missing" or kind == "missing":
            message = _MESSAGES.get(kind, err["msg"])
        else:
            message = err["msg"]
        if kind in ("string_type",) and err.get("input") is None:
            message = "不能为空：请填写文字。must not be empty"
        if kind.startswith(("amount", "placeholder", "empty_text", "illegal_char", "area_body")):
            message = err["msg"]
        diags.append(Diagnostic(loaded.file, line, col, dotted(path), message,
                                hint=_hint_for(kind, path)))
    return diags


def _hint_for(kind: str, path: tuple[Any, ...]) -> str:
    if kind == "missing":
        return f"在对应位置加上“{path[-1]}: …”，参见 README 中的内容格式说明。"
    if kind == "illegal_char":
        return "删除这段文字中看不见的控制字符（可在记事本中重新输入该处文字）。"
    return ""
