"""The four-section content file of 2020, read as it was written and turned into the general outline.

Until the general outline (:mod:`.model`), a content file had four fixed keys,
one per section of 清水塘街道's report: ``overview`` (一、整体支出概况), ``funds``
(二、整体支出资金使用及管理情况), ``achievements`` (三、…年绩效目标完成情况) and
``other`` (四、其他需要说明事宜).  Such files keep rendering unchanged: they are
validated against their own schema (:class:`LegacyReport`, with the messages and
"did you mean" of that format), then :func:`to_report` makes the same report in
the general model, remembering where each part was written, so that every check
still names the line and the key the author wrote (``overview.output_intro``).
``docgen upgrade YEAR`` rewrites such a file in the general format.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from ..paths import YEAR_MAX, YEAR_MIN
from .fields import Text, _Model
from .model import Category, Funds, Indicator, Lead, Report, Unit
from .names import District
from .self_evaluation import SelfEvaluation

#: The top-level keys that mark a file of this format.
LEGACY_KEYS = ("overview", "funds", "achievements", "other")

#: The four headings, as the 2020 template printed them ("{year}" is the report's year).
HEADINGS = ("整体支出概况", "整体支出资金使用及管理情况", "{year}年绩效目标完成情况", "其他需要说明事宜")


class LegacyUnit(Unit):
    district: District = Field(description="所属区")


class Overview(_Model):
    """一、整体支出概况."""

    basis: Text = Field(description="依据")
    areas: list[Text] = Field(min_length=1, description="工作方面")
    output_intro: Text = Field(description="产出指标引言")
    output_indicators: list[Indicator] = Field(min_length=1, description="产出指标")
    benefit_intro: Text = Field(description="效益指标引言")
    benefit_indicators: list[Indicator] = Field(min_length=1, description="效益指标")


class LegacyFunds(Funds):
    """二、整体支出资金使用及管理情况: the categories and the management text are required here."""

    projects: list[Category] = Field(min_length=1, description="项目支出")
    management: Text = Field(description="资金管理情况")


class Achievements(_Model):
    """三、<year>年绩效目标完成情况."""

    intro: Text = Field(description="引言")
    areas: list[Lead] = Field(min_length=1, description="工作方面")


class Other(_Model):
    """四、其他需要说明事宜: optional paragraphs, then the honours as a numbered list."""

    paragraphs: list[Text] = Field(default_factory=list, description="段落")
    honours: list[Text] = Field(default_factory=list, description="荣誉")


class LegacyReport(_Model):
    """A whole report in the four-section format; the root of such a ``content/<year>.yaml``."""

    year: Annotated[int, Field(strict=True, ge=YEAR_MIN, le=YEAR_MAX)] = Field(description="报告年度")
    unit: LegacyUnit = Field(description="单位")
    overview: Overview = Field(description="一、整体支出概况")
    funds: LegacyFunds = Field(description="二、资金使用及管理情况")
    achievements: Achievements = Field(description="三、绩效目标完成情况")
    other: Other = Field(description="四、其他需要说明事宜")
    self_evaluation: SelfEvaluation | None = Field(default=None, description="附件：绩效自评表")


def is_legacy(data: Any) -> bool:
    """A file of the four-section format: one of its keys and no ``content``."""
    return isinstance(data, dict) and "content" not in data and any(k in data for k in LEGACY_KEYS)


def to_report(old: LegacyReport) -> Report:
    """The same report in the general outline; :meth:`Report.source` gives back the old places."""
    ov, ach, other = old.overview, old.achievements, old.other
    sources: list[tuple[tuple, tuple]] = []

    def section(i: int, heading: str, content: list[tuple[Any, tuple, tuple]]) -> dict:
        items = []
        for j, (item, sub, there) in enumerate(content):
            items.append(item)
            sources.append((("content", i, "content", j) + sub, there))
        sources.append((("content", i, "heading"), ()))  # printed by docgen, not written
        return {"heading": heading.format(year=old.year), "content": items}

    one = [(ov.basis, (), ("overview", "basis")),
           ({"list": list(ov.areas)}, ("list",), ("overview", "areas")),
           (ov.output_intro, (), ("overview", "output_intro")),
           ({"indicators": list(ov.output_indicators)}, ("indicators",), ("overview", "output_indicators")),
           (ov.benefit_intro, (), ("overview", "benefit_intro")),
           ({"indicators": list(ov.benefit_indicators)}, ("indicators",), ("overview", "benefit_indicators"))]
    # the general model's own Funds (not the stricter subclass of this format): equal reports compare equal
    two = [({"funds": Funds.model_validate(dict(old.funds))}, ("funds",), ("funds",))]
    three = [(ach.intro, (), ("achievements", "intro"))]
    three += [(area, (), ("achievements", "areas", k)) for k, area in enumerate(ach.areas)]
    four = [(text, (), ("other", "paragraphs", k)) for k, text in enumerate(other.paragraphs)]
    if other.honours:
        four.append(({"honours": list(other.honours)}, ("honours",), ("other", "honours")))
    content = [section(i, HEADINGS[i], part) for i, part in enumerate((one, two, three, four))]
    report = Report.model_validate(
        {"year": old.year, "unit": Unit(name=old.unit.name, district=old.unit.district),
         "content": content, "self_evaluation": old.self_evaluation})
    # longest first, so that a block's own place wins over its section's
    report._sources = tuple(sorted(sources, key=lambda s: -len(s[0])))
    return report
