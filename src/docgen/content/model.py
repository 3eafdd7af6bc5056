"""Stage 2 — model: what a 整体支出绩效评价报告 says, as typed data.

The model is general, not shaped to one year: any number of work areas,
indicators, spending categories, achievement areas and honours; an achievement
area is either free text or numbered items.  Numbering, subtotals and totals are
*computed* here or in the template, never typed into content.

Money is :class:`~decimal.Decimal` in 万元, kept with the precision written, and
added exactly (:mod:`.money`).  Every model forbids unknown keys, so a misspelt key
is an error (with a "did you mean" suggestion, see :mod:`.model_errors`) instead of
silently vanishing.  :func:`docgen.content.validation.validate` turns loaded data
into a :class:`Report`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ..paths import YEAR_MAX, YEAR_MIN
from .fields import Text, _Model
from .money import Amount, exact_sum
from .self_evaluation import SelfEvaluation

#: The unit name is part of the output file's name: no path separators or characters that
#: Windows forbids in file names, and short enough for a 255-byte file name in UTF-8.
_FILE_NAME_BAD = re.compile(r'[\\/:*?"<>|]')
UNIT_NAME_MAX = 40


#: Characters that make a file name *display* as something else, or break it over lines:
#: bidirectional controls ("…\u202ecod.exe" shows as "…exe.doc…"), line and paragraph
#: breaks, tabs.  Refused in everything that goes into the file name, title or properties.
_SPOOFING = {
    "\t": "制表符 tab", "\n": "换行符 line break", "\r": "回车符 carriage return",
    "\v": "垂直制表符 vertical tab", "\f": "换页符 form feed", "\x85": "换行符 NEL",
    "\u2028": "行分隔符 line separator", "\u2029": "段分隔符 paragraph separator",
    "\u061c": "阿拉伯字母标记 ALM", "\u200e": "从左至右标记 LRM", "\u200f": "从右至左标记 RLM",
    **{chr(c): "双向文字控制符 bidi control" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
_SPOOFING_CHAR = re.compile("[" + "".join(re.escape(c) for c in _SPOOFING) + "]")


def _no_spoofing(value: str, what: str, where: str, english: str) -> str:
    bad = _SPOOFING_CHAR.search(value)
    if bad:
        raise PydanticCustomError(
            "file_name_char",
            "{what}不能含有{name}（U+{code}，第 {pos} 个字符）：它看不见，却会让{where}显示成另一个样子"
            "或断成几行。control character in a name that goes into the {english}",
            {"what": what, "where": where, "english": english, "name": _SPOOFING[bad.group()],
             "code": f"{ord(bad.group()):04X}", "pos": bad.start() + 1})
    return value


def _district(value: str) -> str:
    return _no_spoofing(value, "所属区县会写进标题和文档属性，", "标题和文档属性", "title")


def _unit_name(value: str) -> str:
    _no_spoofing(value, "单位名称会用作文件名，", "文件名和标题", "file name")
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
    district: Annotated[Text, AfterValidator(_district)] = Field(description="所属区")


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

    year: Annotated[int, Field(strict=True, ge=YEAR_MIN, le=YEAR_MAX)] = Field(description="报告年度")
    unit: Unit = Field(description="单位")
    overview: Overview = Field(description="一、整体支出概况")
    funds: Funds = Field(description="二、资金使用及管理情况")
    achievements: Achievements = Field(description="三、绩效目标完成情况")
    other: Other = Field(description="四、其他需要说明事宜")
    self_evaluation: SelfEvaluation | None = Field(default=None, description="附件：绩效自评表")

    @property
    def title(self) -> str:
        return f"{self.year}年度{self.unit.name}整体支出绩效评价报告"
