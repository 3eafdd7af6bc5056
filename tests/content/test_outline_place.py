"""Where a diagnostic is in the outline, as an author reads it: the numbered headings above it."""

from __future__ import annotations

from docgen.content.load import parse_yaml
from docgen.content.outline import place_in

TEXT = """\
year: 2024
unit: {name: 示例局}
content:
  - 开头的一段。
  - heading: 基本情况
    content:
      - heading: 部门职能
        content: [负责救助。]
      - heading: 人员情况
        level: 3
        content:
          - 在职68人。
          - heading: 退休人员
            content: [退休39人。]
  - heading: 预算执行
    content:
      - funds: {final_total: 1, basic: 1, project_total: 0}
"""


def test_the_numbered_headings_above_a_place():
    data = parse_yaml(TEXT, "2024.yaml").data
    cache: dict = {}
    assert place_in(data, ("content", 0), cache) == ""  # before the first heading
    assert place_in(data, ("content", 1, "content", 0, "content", 0), cache) == "一、基本情况 › （一）部门职能"
    # level: 3 under 一、 is numbered 1. (not （二）); its own sub-section is （1）
    assert place_in(data, ("content", 1, "content", 1, "content", 1, "content", 0), cache) == \
        "一、基本情况 › 1.人员情况 › （1）退休人员"
    assert place_in(data, ("content", 2, "content", 0, "funds", "final_total"), cache) == "二、预算执行"
    assert place_in(data, ("content", 2, "heading"), cache) == "二、预算执行"


def test_no_place_outside_the_outline_or_in_the_four_section_format():
    data = parse_yaml(TEXT, "2024.yaml").data
    assert place_in(data, ("unit", "name")) == ""
    assert place_in({"overview": {"basis": "x"}}, ("overview", "basis")) == ""
    assert place_in(data, ("content", 99)) == ""  # a place the data does not have
