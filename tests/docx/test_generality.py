"""Issue 2 §1: the schema and template are general, not shaped to 2020.

tests/data/generality/2021.yaml is an invented report of another subdistrict,
shaped differently on purpose (5 work areas, 3 benefit indicators, 9 spending
categories, 6 achievement areas with free text where 2020 has numbered items,
other.paragraphs, 20 honours, a title too long for one line).  It goes through
the same template with no change to code or template, and every list, figure
and text of the content must come out where and as it should.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import CONTENT, DATA, TEMPLATE, docx_paragraphs

GENERALITY = DATA / "generality"

SOURCE = GENERALITY / "2021.yaml"
TITLE = "2021年度望月湖街道办事处整体支出绩效评价报告"

# The 2021 figures as written in the content file (万元); the test sums them itself.
BASIC = "2389.46"
FINAL_TOTAL = "5076.83"
CATEGORIES = [
    ("党建工作支出", "612.35"), ("经济发展支出", "203.40"), ("卫生健康支出", "95"),
    ("安全生产支出", "138.62"), ("民生保障支出", "856.17"), ("城市管理支出", "497.08"),
    ("综治维稳支出", "131.55"), ("疫情防控支出", "88.9"), ("其他支出", "64.3"),
]


@pytest.fixture(scope="module")
def content() -> dict:
    """The content as plain data (PyYAML safe; amounts are not read from here)."""
    return yaml.safe_load(SOURCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    from docgen.pipeline import render_year

    out = tmp_path_factory.mktemp("gen_out")
    (path,) = render_year(2021, content_dir=GENERALITY, out_root=out, template=TEMPLATE).paths
    return path


@pytest.fixture(scope="module")
def paras(rendered) -> list[str]:
    return [p for p in docx_paragraphs(rendered) if p.strip()]


def _index(paras: list[str], text: str) -> int:
    return next(i for i, p in enumerate(paras) if p == text)


def _numbered_run(paras: list[str], start: int, n: int) -> list[str]:
    """The n paragraphs after ``start``, checked to be numbered 1、…n、 and stripped of the number."""
    items = paras[start + 1:start + 1 + n]
    out = []
    for k, p in enumerate(items, 1):
        assert p.startswith(f"{k}、"), f"item {k} is numbered wrongly: {p[:30]}"
        out.append(p[len(f"{k}、"):])
    return out


def test_content_is_shaped_differently_from_2020(content):
    assert len(content["overview"]["areas"]) == 5
    assert len(content["overview"]["benefit_indicators"]) == 3
    assert len(content["funds"]["projects"]) == 9
    areas = content["achievements"]["areas"]
    assert len(areas) == 6
    assert sum("text" in a for a in areas) == 3 and sum("items" in a for a in areas) == 3
    assert "text" in next(a for a in areas if a["lead"] == "经济发展方面")  # items in 2020
    assert len(content["other"]["honours"]) == 20 and content["other"]["paragraphs"]


def test_file_name_and_title_from_unit_and_year(rendered, paras):
    assert rendered.name == f"{TITLE}.docx"
    assert rendered.parent.name == "2021"
    assert paras[0].replace("\n", "") == TITLE


def test_long_title_breaks_into_two_balanced_lines(content, paras):
    from docgen.titles import em_width as _em, report_title_lines

    lines = paras[0].split("\n")  # a <w:br/> inside the one title paragraph
    assert len(lines) == 2
    assert lines == report_title_lines(2021, content["unit"]["name"])
    widths = [sum(_em(c) for c in ln) for ln in lines]
    assert widths[0] >= widths[1], "the longer line goes on top"
    assert widths[0] - widths[1] <= 2, f"balanced, not filled greedily: {lines}"
    assert all(w <= 20 for w in widths), "each line fits the 156 mm type area at 22 pt"


@pytest.mark.parametrize("title", [
    "2021年度《湖南省优化营商环境规定》实施情况整体支出绩效评价报告",
    "2021年度望月湖街道落实《长沙市城市更新条例》整体支出绩效评价报告",
    "2021年度岳麓区望月湖街道《国民经济和社会发展规划》整体支出绩效评价报告",
], ids=["fits-in-two", "needs-three-a", "needs-three-b"])
def test_title_never_breaks_inside_book_title_marks(title):
    from docgen.titles import em_width as _em, title_lines

    lines = title_lines(title)
    assert "".join(lines) == title and len(lines) >= 2
    for ln in lines:
        assert ln.count("《") == ln.count("》"), f"《…》 split across lines: {lines}"
        assert sum(_em(c) for c in ln) <= 20, f"line too long: {lines}"
    widths = [sum(_em(c) for c in ln) for ln in lines]
    assert widths[0] >= widths[-1], f"longer line on top: {lines}"


_UNIT_CHARS = "望月湖街道办事处岳麓区长沙市开福区中共工作委员会人民政府社区服务中心"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(unit=st.text(alphabet=st.sampled_from(_UNIT_CHARS), min_size=1, max_size=40),
       year=st.integers(1990, 2100))
def test_any_unit_name_gives_balanced_title_lines(unit, year):
    from docgen.titles import em_width as _em, report_title_lines

    title = f"{year}年度{unit}整体支出绩效评价报告"
    lines = report_title_lines(year, unit)
    widths = [sum(_em(c) for c in ln) for ln in lines]
    assert "".join(lines) == title
    assert all(w <= 20 for w in widths), lines
    # the longer line on top; half an em either way is all a half-width digit can cost
    assert widths[0] >= widths[-1] - 0.5, lines
    # balance is traded against keeping words whole (GB/T 9704 7.3.2: 词意完整，排列对称)
    assert max(widths) - min(widths) <= 8, lines


@pytest.mark.parametrize("unit, expected", [
    ("清水塘街道", ["2020年度清水塘街道整体支出绩效评价报告"]),
    ("望月湖街道办事处", ["2020年度望月湖街道办事处", "整体支出绩效评价报告"]),
    ("长沙市开福区人民政府清水塘街道办事处",
     ["2020年度长沙市开福区人民政府清水塘街道", "办事处整体支出绩效评价报告"]),
    ("望月湖街道落实《长沙市城市更新条例》",
     ["2020年度望月湖街道落实", "《长沙市城市更新条例》", "整体支出绩效评价报告"]),
])
def test_title_breaks_at_word_boundaries(unit, expected):
    from docgen.titles import report_title_lines

    assert report_title_lines(2020, unit) == expected


def test_every_list_numbered_from_one(content, paras):
    ov = content["overview"]
    i = _index(paras, ov["basis"])
    assert _numbered_run(paras, i, 5) == ov["areas"]
    assert not paras[i + 6].startswith("6、")
    i = _index(paras, ov["output_intro"])
    assert _numbered_run(paras, i, 4) == [f"{d['name']}：{d['text']}" for d in ov["output_indicators"]]
    i = _index(paras, ov["benefit_intro"])
    assert _numbered_run(paras, i, 3) == [f"{d['name']}：{d['text']}" for d in ov["benefit_indicators"]]
    assert paras[i + 4] == "二、整体支出资金使用及管理情况"
    i = _index(paras, content["other"]["paragraphs"][-1])
    assert _numbered_run(paras, i, 20) == content["other"]["honours"]
    assert len(paras) == i + 21, "the honours end the report"


def test_achievement_areas_text_or_numbered_items_one_paragraph_each(content, paras):
    i = _index(paras, content["achievements"]["intro"])
    areas = content["achievements"]["areas"]
    got = paras[i + 1:i + 1 + len(areas)]
    for area, para in zip(areas, got, strict=True):
        if "text" in area:
            assert para == f"{area['lead']}：{area['text']}"
            assert not re.search(r"(^|[。；：])1、", para)
        else:
            numbered = "".join(f"{k}、{item}" for k, item in enumerate(area["items"], 1))
            assert para == f"{area['lead']}：{numbered}"
    assert paras[i + 1 + len(areas)] == "四、其他需要说明事宜"
    i = _index(paras, "四、其他需要说明事宜")
    assert paras[i + 1:i + 3] == content["other"]["paragraphs"]


def test_funds_sentence_built_from_the_figures(content, paras):
    project_sum = sum((Decimal(a) for _, a in CATEGORIES), Decimal(0))
    assert project_sum == Decimal("2687.37")
    assert Decimal(BASIC) + project_sum == Decimal(FINAL_TOTAL)
    parts = "，".join(f"{name}{amount}万元" for name, amount in CATEGORIES)
    expected = (f"整体支出本年度决算金额为{FINAL_TOTAL}万元，基本支出{BASIC}万元，"
                f"项目支出{project_sum}万元，其中{parts}。{content['funds']['management']}")
    funds = next(p for p in paras if p.startswith("整体支出本年度决算金额"))
    assert funds == expected
    assert "经济发展支出203.40万元" in funds and "卫生健康支出95万元" in funds  # precision as written


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def test_every_content_text_appears_in_the_output(content, paras, rendered):
    import docx

    body = "".join(paras)
    texts = _strings({k: v for k, v in content.items() if k != "unit"})
    assert len(texts) > 60
    missing = [t for t in texts if t.strip() not in body]
    assert missing == []
    assert content["unit"]["name"] in paras[0].replace("\n", "")
    props = docx.Document(str(rendered)).core_properties
    assert props.title == TITLE
    assert props.subject == props.keywords == "整体支出绩效评价报告"  # the report's kind
    assert props.author == f"{content['unit']['district']}{content['unit']['name']}"


def test_no_template_tag_left_in_the_output(rendered):
    import zipfile

    with zipfile.ZipFile(rendered) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                text = z.read(name).decode("utf-8")
                assert not re.search(r"\{[{%]|[%}]\}", text), name


def test_stated_total_that_disagrees_stops_the_render(tmp_path):
    from docgen.errors import DocgenError
    from docgen.pipeline import render_year

    content = tmp_path / "content"
    content.mkdir()
    text = SOURCE.read_text(encoding="utf-8")
    assert f"final_total: {FINAL_TOTAL}" in text
    (content / "2021.yaml").write_text(text.replace(f"final_total: {FINAL_TOTAL}", "final_total: 5067.83"),
                                       encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(DocgenError) as exc:
        render_year(2021, content_dir=content, out_root=out, template=TEMPLATE)
    message = str(exc.value)
    assert "5067.83" in message and FINAL_TOTAL in message, message
    (diag,) = [d for d in exc.value.diagnostics if d.is_error]
    assert diag.field == "funds.final_total"
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if ln.strip().startswith("final_total:"))
    assert diag.line == line and diag.file.endswith("2021.yaml")
    assert not out.exists() or not any(out.rglob("*")), "nothing written"


def test_stated_subtotal_that_disagrees_names_both_figures(tmp_path):
    from docgen.errors import DocgenError
    from docgen.pipeline import prepare

    text = SOURCE.read_text(encoding="utf-8").replace(
        "  basic: 2389.46\n", "  basic: 2389.46\n  project_total: 2687.73\n")
    (tmp_path / "2021.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DocgenError) as exc:
        prepare(2021, tmp_path)
    message = str(exc.value)
    assert "2687.73" in message and "2687.37" in message, message


def test_the_same_template_file_renders_both_years(tmp_path):
    """No per-year template: 2020 and 2021 come from the one committed report.docx."""
    from docgen.pipeline import render_year

    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SOURCE, content / "2021.yaml")
    shutil.copy(CONTENT / "2020.yaml", content / "2020.yaml")
    out = tmp_path / "out"
    names = [render_year(y, content_dir=content, out_root=out, template=TEMPLATE).paths[0].name
             for y in (2020, 2021)]
    assert names == ["2020年度清水塘街道整体支出绩效评价报告.docx", f"{TITLE}.docx"]
