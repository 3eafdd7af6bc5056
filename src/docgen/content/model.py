"""Stage 2 — model: what a report of the 整体支出绩效评价报告 family says, as typed data.

One model serves every outline: 整体支出绩效评价报告, 部门（单位）整体支出绩效自评报告,
项目支出绩效自评报告, a township's, a school's, a form-style one.  A report is

* a title — as written (one line per printed line), or made from ``year``, the
  unit and ``kind`` — with an optional ``label`` above it ("附件3");
* optional ``front_matter``: labelled fields ("部门（单位）名称：…");
* ``content``: blocks and sections in document order.  A section is a
  ``heading`` and its own ``content``; sections nest up to four levels and are
  numbered by the template (一、 / （一） / 1. / （1）, GB/T 9704), never in content;
* an optional ``signature`` (落款: the unit, the date) and the 绩效自评表.

A block is a paragraph (a plain string), or a mapping recognised by its key:
``list`` (numbered by the template), ``lead`` (公共服务方面：…), ``indicators``,
``funds`` (the figures, whose sentence is written from them), ``honours`` and
``table``.  Figures stay data wherever they sit: :mod:`.check` adds them up.

Money is :class:`~decimal.Decimal` in 万元, kept with the precision written.  Every
model forbids unknown keys.  The four-section file of 2020 (``overview``, ``funds``,
``achievements``, ``other``) is read by :mod:`.legacy` and becomes one of these.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, List, Literal, Union

from pydantic import Discriminator, Field, PlainValidator, PrivateAttr, Tag, model_validator
from pydantic_core import PydanticCustomError

from ..paths import YEAR_MAX, YEAR_MIN
from .fields import Text, _Model, _text
from .names import TITLE_LINES_MAX, District, Kind, TitleLine, UnitName
from .money import Amount, exact_sum
from .text import CIRCLED
from .self_evaluation import SelfEvaluation

#: GB/T 9704 §7.3.5: four levels of headings (一、 （一） 1. （1））.
MAX_LEVEL = 4
#: The report's kind when the content does not say (the 2020 report's).
DEFAULT_KIND = "整体支出绩效评价报告"


class Unit(_Model):
    """The reporting unit: 清水塘街道 of 开福区 (the district is optional)."""

    name: UnitName = Field(description="单位名称")
    district: District | None = Field(default=None, description="所属区")


class Indicator(_Model):
    """One 产出/效益 indicator: "质量指标：保障街道…" is name 质量指标 and its text."""

    name: Text = Field(description="指标名称")
    text: Text = Field(description="指标内容")


class Category(_Model):
    """A 项目支出 category and its amount in 万元."""

    name: Text = Field(description="类别名称")
    amount: Amount = Field(description="金额")


class Funds(_Model):
    """The year's 决算 figures: printed as one computed sentence, then ``management``.

    ``final_total`` is the 决算 total as published by the accounting system; it is
    *checked* against basic + 项目支出, never used to derive anything.  项目支出 is
    the sum of ``projects`` when they are listed, else the stated ``project_total``.
    """

    final_total: Amount = Field(description="决算总额")
    basic: Amount = Field(description="基本支出")
    projects: list[Category] = Field(default_factory=list, description="项目支出")
    project_total: Amount | None = Field(default=None, description="项目支出合计")
    management: Text | None = Field(default=None, description="资金管理情况")

    @model_validator(mode="after")
    def _projects_or_total(self) -> "Funds":
        if not self.projects and self.project_total is None:
            raise PydanticCustomError(
                "funds_projects",
                "写出 projects（项目支出各类别）或 project_total（项目支出合计），至少一项。"
                "give the project categories or their total")
        return self

    @property
    def project_sum(self) -> Decimal:
        return exact_sum(*(c.amount for c in self.projects))

    @property
    def projects_total(self) -> Decimal:
        """项目支出 as printed: the stated subtotal if given (checked equal), else the sum."""
        return self.project_total if self.project_total is not None else self.project_sum

    @property
    def project_parts(self) -> Decimal:
        """项目支出 as the total adds it up: the categories' sum when they are listed, else the stated total."""
        return self.project_sum if self.projects else self.projects_total

    @property
    def total(self) -> Decimal:
        return exact_sum(self.basic, self.project_parts)


#: How a list's items are numbered: the number format, "{}" standing for the counter.
LIST_NUMBERING = {"1、": "{}、", "（1）": "（{}）", "1.": "{}.", "(1)": "({})", "①": "circled"}


class FieldLine(_Model):
    """A labelled field of the front matter, printed "label：value"."""

    label: Text = Field(description="名称")
    value: Text = Field(description="内容")


class ListBlock(_Model):
    """Numbered items: one paragraph each ("1、…"), or ``inline`` in one paragraph after ``intro``."""

    list: Annotated[List[Text], Field(min_length=1)] = Field(description="编号条目")  # noqa: A003
    numbering: Literal["1、", "（1）", "1.", "(1)", "①"] = Field(default="1、", description="编号样式")
    inline: bool = Field(default=False, description="写在一段里")
    intro: Text | None = Field(default=None, description="引导语")

    @model_validator(mode="after")
    def _intro_inline(self) -> "ListBlock":
        if self.numbering == "①" and len(self.list) > len(CIRCLED):
            raise PydanticCustomError(
                "list_numbering",
                "带圈编号只有 ①—⑳，这个列表有 {n} 项，第 21 项起会印成紧贴文字的“21”。"
                "请改用 numbering: \"1、\" 或 \"（1）\"，或把列表分成几段。"
                "circled numbers stop at 20: choose another numbering",
                {"n": len(self.list)})
        if self.intro is not None and not self.inline:
            raise PydanticCustomError(
                "list_intro", "intro（引导语）只用于 inline: true 的列表；分段的列表请把引导语写成上面的一个段落。"
                "intro is for inline lists")
        return self


class Lead(_Model):
    """A lead-in and its text: "公共服务方面：…" — the text, or numbered items in the same paragraph."""

    lead: Text = Field(description="引导语")
    text: Text | None = Field(default=None, description="一段文字")
    items: list[Text] | None = Field(default=None, description="编号条目")

    @model_validator(mode="after")
    def _text_xor_items(self) -> "Lead":
        if (self.text is None) == (self.items is None):
            raise PydanticCustomError(
                "area_body",
                "每个方面要么写 text（一段文字），要么写 items（编号条目列表），二者选一。"
                "give either text or items, not both/neither")
        if self.items is not None and not self.items:
            raise PydanticCustomError("area_body", "items 列表不能为空。items must not be empty")
        return self


class IndicatorsBlock(_Model):
    """Indicators, one numbered paragraph each: "1、质量指标：保障……"."""

    indicators: Annotated[list[Indicator], Field(min_length=1)] = Field(description="指标")


class FundsBlock(_Model):
    """The 决算 figures, printed as the sentence docgen writes from them."""

    funds: Funds = Field(description="资金使用情况")


class HonoursBlock(_Model):
    """Honours, one numbered paragraph each."""

    honours: Annotated[list[Text], Field(min_length=1)] = Field(description="荣誉")


def _cell(value: Any) -> str | Decimal:
    """A table cell: a text (an empty cell is "", as in a total row), or a number kept exactly as
    written (it may be negative: a 变动率)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _text(value) if value.strip() else ""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise PydanticCustomError("table_cell", "表格的一格应为文字或数字。a cell is text or a number")
    value = Decimal(value)
    if not value.is_finite() or len(value.as_tuple().digits) > 30:
        raise PydanticCustomError("table_cell", "数字无效或位数过多。invalid number")
    return value


Cell = Annotated[Union[str, Decimal], PlainValidator(_cell)]


#: The most columns the portrait type area holds at two 五号 characters a column (8845 twips).
TABLE_COLUMNS_MAX = 20


class TableData(_Model):
    """A Word table: an optional header row and rows of cells (text, or numbers printed as written)."""

    header: list[Text] | None = Field(default=None, description="表头")
    rows: Annotated[list[list[Cell]], Field(min_length=1)] = Field(description="行")
    widths: list[Annotated[int, Field(strict=True, ge=1, le=100)]] | None = Field(
        default=None, description="列宽比例")

    @model_validator(mode="after")
    def _rectangular(self) -> "TableData":
        columns = len(self.header) if self.header else len(self.rows[0])
        if columns > TABLE_COLUMNS_MAX:
            raise PydanticCustomError(
                "table_shape",
                "表格有 {columns} 列，纵向 A4 的版心（156 mm）最多放 {limit} 列（每列至少两个五号字宽）。"
                "too many columns for the page",
                {"columns": columns, "limit": TABLE_COLUMNS_MAX})
        for i, row in enumerate(self.rows):
            if len(row) != columns:
                raise PydanticCustomError(
                    "table_shape", "第 {row} 行有 {n} 格，应与{what}一样是 {columns} 格。rows must have {columns} cells",
                    {"row": i + 1, "n": len(row), "columns": columns, "what": "表头" if self.header else "第 1 行"})
        if self.widths is not None and len(self.widths) != columns:
            raise PydanticCustomError(
                "table_shape", "widths 要为每一列写一个比例（{columns} 列）。one width per column",
                {"columns": columns})
        return self


class TableBlock(_Model):
    """A table, printed as a real Word table (and an HTML table in the PDF)."""

    table: TableData = Field(description="表格")


#: A block's kind is the key it is written with (a plain string is a paragraph).
BLOCK_KEYS = {"heading": "section", "list": "list", "lead": "lead", "indicators": "indicators",
              "funds": "funds", "honours": "honours", "table": "table"}


def block_kind(value: Any) -> str | None:
    """Which kind of block (or section) a raw content item is, from its keys; None if none fits."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        for key, kind in BLOCK_KEYS.items():
            if key in value:
                return kind
    return None


def _tag(value: Any) -> str | None:
    """The union's tag of a content item; tags are not keys ("§list"), so an error's path stays the file's."""
    if isinstance(value, _Model):  # already validated (model_construct / copies)
        kind = next((k for k, m in BLOCK_MODELS.items() if isinstance(value, m)), None)
    else:
        kind = block_kind(value)
    return None if kind is None else "§" + kind


class Section(_Model):
    """A heading and what follows it, up to the next heading of its level or above.

    ``level`` is the depth by default (一、 under the report, （一） under 一、 …); a
    report that goes from 一、 straight to 1. says ``level: 3``.  ``bold``: a level-3
    heading in 仿宋 bold, only where the author asks (GB/T 9704 allows it).
    """

    heading: Text = Field(description="标题")
    level: Annotated[int, Field(strict=True, ge=1, le=MAX_LEVEL)] | None = Field(default=None, description="层级")
    bold: bool = Field(default=False, description="加粗")
    content: list["Item"] = Field(default_factory=list, description="内容")


Item = Annotated[
    Union[
        Annotated[Text, Tag("§text")],
        Annotated[Section, Tag("§section")],
        Annotated[ListBlock, Tag("§list")],
        Annotated[Lead, Tag("§lead")],
        Annotated[IndicatorsBlock, Tag("§indicators")],
        Annotated[FundsBlock, Tag("§funds")],
        Annotated[HonoursBlock, Tag("§honours")],
        Annotated[TableBlock, Tag("§table")],
    ],
    Discriminator(_tag, custom_error_type="block_kind",
                  custom_error_message="不是可识别的内容块。not a known block"),
]

#: The model of each kind of block, for messages ("did you mean") and the outline walk.
BLOCK_MODELS: dict[str, type[_Model]] = {
    "section": Section, "list": ListBlock, "lead": Lead, "indicators": IndicatorsBlock,
    "funds": FundsBlock, "honours": HonoursBlock, "table": TableBlock}

Section.model_rebuild()


class Report(_Model):
    """A whole report; the root of ``content/<year>.yaml``."""

    year: Annotated[int, Field(strict=True, ge=YEAR_MIN, le=YEAR_MAX)] = Field(description="报告年度")
    unit: Unit = Field(description="单位")
    kind: Kind = Field(default=DEFAULT_KIND, description="报告名称")
    label: Text | None = Field(default=None, description="标题上方的标注")
    title: Annotated[list[TitleLine], Field(min_length=1, max_length=TITLE_LINES_MAX)] \
        | None = Field(default=None, description="标题（每行一项）")
    front_matter: list[FieldLine] = Field(default_factory=list, description="表头信息")
    content: list[Item] = Field(min_length=1, description="正文")
    signature: list[Text] = Field(default_factory=list, description="落款")
    self_evaluation: SelfEvaluation | None = Field(default=None, description="附件：绩效自评表")

    #: Where each part was written, when the file is not in this format (:mod:`.legacy`):
    #: (path here, path in the file) pairs, longest first; empty for a file of this format.
    _sources: tuple[tuple[tuple, tuple], ...] = PrivateAttr(default=())
    #: ``_sources`` as a table by path, made on first use (and again if ``_sources`` is replaced).
    _source_index: tuple[tuple, dict[tuple, tuple]] | None = PrivateAttr(default=None)

    @property
    def title_text(self) -> str:
        """The title in one line (document properties, the PDF's title)."""
        return "".join(self.title) if self.title else f"{self.year}年度{self.unit.name}{self.kind}"

    @property
    def file_stem(self) -> str:
        """The output files' name: year, unit and kind, whatever lines the title is printed in."""
        return f"{self.year}年度{self.unit.name}{self.kind}"

    def source(self, path: tuple) -> tuple:
        """The place in the content file that ``path`` (a path in this model) was written at.

        The longest written prefix of ``path`` wins, looked up by prefix (as many lookups as
        ``path`` is deep), so the checks of a long four-section file stay linear in its length.
        """
        if not self._sources:
            return path
        if self._source_index is None or self._source_index[0] is not self._sources:
            table: dict[tuple, tuple] = {}
            for here, there in self._sources:
                table.setdefault(here, there)
            self._source_index = (self._sources, table)
        table = self._source_index[1]
        for k in range(len(path), -1, -1):
            there = table.get(path[:k])
            if there is not None:
                return there + path[k:]
        return path


#: The keys of a content file in this format; a file with none of ``content`` but the
#: 2020 keys is of the four-section format (:mod:`.legacy`).
REPORT_KEYS = tuple(Report.model_fields)
