"""Recognising a report in its paragraphs: the rules for headings, lists, lead-ins, the funds
sentence, title and front matter — and any paragraphs at all give content or a clear refusal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from printed import printed_paragraphs
from word_files import SMALL, build_reference_docx, doc_with
from docgen.cli import cli
from docgen.content.load import parse_yaml
from docgen.content.model import REPORT_KEYS
from docgen.content.validation import validate
from docgen.docx.reader import DocxText, Para
from docgen.errors import DocgenError
from docgen.importer import import_docx, import_paragraphs, to_yaml
from docgen.importer.blocks import lead_of
from docgen.importer.content_file import _plain
from docgen.importer.funds import read_funds
from docgen.importer.text import split_inline


def _imported(paras, tmp_path, **options):
    return import_docx(doc_with(paras, tmp_path / "r.docx"), **options)


def _content(paras, tmp_path, **options) -> list:
    return _imported(paras, tmp_path, **options).data["content"]


def _printed(imported) -> list[str]:
    return printed_paragraphs(validate(parse_yaml(to_yaml(imported), "x.yaml")))


# ------------------------------------------------------------------ figures


def test_a_total_that_does_not_add_up_is_reported_at_once(tmp_path):
    def edit(lines):
        return [line.replace("决算金额为5005.93万元", "决算金额为5005.95万元") for line in lines]

    source = build_reference_docx(tmp_path / "report.docx", edit=edit)
    out = tmp_path / "content" / "2020.yaml"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert out.is_file()  # written, so the author can correct it
    assert "final_total" in result.stderr and "5005.95" in result.stderr and "相差 0.02" in result.stderr


@pytest.mark.parametrize("text", [
    "整体支出本年度决算金额为1,000.50万元，基本支出600万元，项目支出400.50万元，其中甲支出400.50万元。",
    "整体支出本年度决算金额为１０００.５０万元，基本支出600万元，项目支出400.50万元，其中甲支出400.50万元。",
    "2021年度整体支出决算数为1000.50万元，其中：基本支出600万元，项目支出400.50万元，其中甲支出400.50万元。",
    "整体支出本年度决算金额为1000.50万元，基本支出600万元，项目支出400.50万元。",   # no categories
    "整体支出本年度决算金额为1000.50万元，基本支出0600万元，项目支出400.50万元，其中甲支出400.50万元。",
])
def test_funds_in_other_words_stay_prose(text):
    assert read_funds(text) is None


def test_the_funds_sentence_is_read_with_certainty():
    block, comma_added = read_funds("整体支出本年度决算金额为1000.50 万元，基本支出600万元，项目支出400.50万元"
                                    "其中甲支出400.4万元，乙支出0.1万元。按规定 管理。")
    assert comma_added
    assert block == {"funds": {"final_total": Decimal("1000.50"), "basic": Decimal("600"),
                               "projects": [{"name": "甲支出", "amount": Decimal("400.4")},
                                            {"name": "乙支出", "amount": Decimal("0.1")}],
                               "project_total": Decimal("400.50"),  # 400.50, not 400.5: printed as written
                               "management": "按规定 管理。"}}


def test_a_report_without_a_funds_breakdown_has_none(tmp_path):
    paras = list(SMALL)
    paras[11] = "资金使用规范，按规定管理。"
    imported = _imported(paras, tmp_path)
    assert imported.data["content"][1]["content"] == ["资金使用规范，按规定管理。"]
    assert "待填" not in to_yaml(imported)


# ------------------------------------------------------------------ headings


def test_headings_of_four_levels_typed_in_every_way(tmp_path):
    paras = ["2024年度测试局部门整体支出绩效自评报告", "一、基本情况", "(一)部门职能", "1．主要职责",
             "（1）行政职能", "正文。", "（2）服务职能", "正文。", "2. 内设机构", "正文。",
             ("（二）人员情况", "Normal", True), "正文。", ("三、其他", "Normal", True), "无。"]
    content = _content(paras, tmp_path)
    assert content[0]["heading"] == "基本情况"
    one = content[0]["content"]
    assert [s["heading"] for s in one] == ["部门职能", "人员情况"]
    assert [s["heading"] for s in one[0]["content"]] == ["主要职责", "内设机构"]
    assert [s["heading"] for s in one[0]["content"][0]["content"]] == ["行政职能", "服务职能"]
    assert content[1] == {"heading": "其他", "content": ["无。"]}  # 三、 after 一、: numbered 二、 by the template


def test_a_run_of_numbered_paragraphs_is_a_list_not_headings(tmp_path):
    paras = ["2024年度测试局部门整体支出绩效自评报告", "一、基本情况", "1.数量指标", "（1）门急诊服务量",
             "（2）住院服务量", "正文。", "（1）手术服务量。全年完成手术4286台次。"]
    one = _content(paras, tmp_path)[0]["content"]
    assert one == [{"heading": "数量指标", "level": 3, "content": [
        {"list": ["门急诊服务量", "住院服务量"], "numbering": "（1）"}, "正文。",
        {"list": ["手术服务量。全年完成手术4286台次。"], "numbering": "（1）"}]}]


def test_a_heading_level_skipped_is_written(tmp_path):
    content = _content(["2024年度测试局部门整体支出绩效自评报告", "一、基本情况", "1.职能", "正文。"], tmp_path)
    assert content[0]["content"][0] == {"heading": "职能", "level": 3, "content": ["正文。"]}


def test_long_numbered_paragraphs_are_not_headings(tmp_path):
    paras = ["2024年度测试局部门整体支出绩效自评报告", "一、基本情况", "二、是加强管理，全年完成检查12次。", "正文。"]
    content = _content(paras, tmp_path)
    assert content == [{"heading": "基本情况", "content": ["二、是加强管理，全年完成检查12次。", "正文。"]}]


def test_a_list_that_does_not_start_at_one_stays_text_as_typed(tmp_path):
    paras = ["2024年度测试局部门整体支出绩效自评报告", "一、基本情况", "1、甲。", "2、乙。", "说明。", "3、丙。"]
    imported = _imported(paras, tmp_path)
    assert imported.data["content"][0]["content"] == [{"list": ["甲。", "乙。"]}, "说明。", "3、丙。"]
    assert any("从 3 开始" in n.message for n in imported.warnings)
    assert _printed(imported)[1:] == ["一、基本情况", "1、甲。", "2、乙。", "说明。", "3、丙。"]


# ------------------------------------------------------------------ lead-ins and inline lists


@pytest.mark.parametrize("text,lead", [
    ("公共服务方面：坚决保障群众利益。", ("公共服务方面", "坚决保障群众利益。")),
    ("“三公”经费方面 ：支出3.2万元。", ("“三公”经费方面", "支出3.2万元。")),
    ("其主要职责是：拟订规划。", None),                  # introduces what follows
    ("经抽查，资金使用总体合规：无问题。", None),         # a clause, not a lead-in
    ("表1 资金情况（单位：万元）", None),
    ("其中：基本支出600万元。", None),
    ("目标：", None),                                    # nothing after it
])
def test_lead_in_rule(text, lead):
    assert lead_of(text) == lead


def test_inline_lists_only_when_numbers_run_exactly(tmp_path):
    paras = ["2024年度测试局部门整体支出绩效自评报告", "一、基本情况",
             "其主要职责是：1、拟订规划；2 、组织实施；3、监督检查。",
             "存在以下问题：1、资料不全；3、发放不及时。",
             "社会管理方面：1、党建引领。2、基层治理。"]
    one = _content(paras, tmp_path)[0]["content"]
    assert one == [{"list": ["拟订规划；", "组织实施；", "监督检查。"], "inline": True, "intro": "其主要职责是："},
                   "存在以下问题：1、资料不全；3、发放不及时。",
                   {"lead": "社会管理方面", "items": ["党建引领。", "基层治理。"]}]


@pytest.mark.parametrize("text,items,numbers", [
    ("1、甲。2、乙。", ["甲。", "乙。"], [1, 2]),
    ("1、甲。2 、乙。2、丙。", ["甲。", "乙。", "丙。"], [1, 2, 2]),       # the slip
    ("1、今年1-11月完成5.12项。2、前2。", ["今年1-11月完成5.12项。", "前2。"], [1, 2]),
    ("（1）甲；（2）乙", ["甲；", "乙"], [1, 2]),
    ("1.完成1.5万元。2.好", ["完成1.5万元。", "好"], [1, 2]),
    ("1、分别获得1、2、3等奖。", ["分别获得1、2、3等奖。"], [1]),
])
def test_split_inline(text, items, numbers):
    assert split_inline(text)[:2] == (items, numbers)


def test_split_inline_needs_a_list():
    assert split_inline("坚决保障群众利益。2、不是列表") is None


# ------------------------------------------------------------------ title, front matter, signature


def test_district_from_option_or_the_units_name_never_asked_for(tmp_path):
    source = build_reference_docx(tmp_path / "r.docx")
    assert import_docx(source, district="开福区").data["unit"] == {"name": "清水塘街道", "district": "开福区"}
    assert import_docx(source).data["unit"] == {"name": "清水塘街道"}
    paras = list(SMALL)
    paras[0] = "2021年度开福区测试街道整体支出绩效评价报告"
    assert _imported(paras, tmp_path).data["unit"] == {"name": "开福区测试街道", "district": "开福区"}


def test_title_written_unit_first_is_kept_as_written(tmp_path):
    paras = list(SMALL)
    paras[0] = "测试街道2021年度部门整体支出绩效自评报告"
    d = _imported(paras, tmp_path).data
    assert (d["year"], d["unit"]["name"], d["kind"]) == (2021, "测试街道", "部门整体支出绩效自评报告")
    assert d["title"] == ["测试街道2021年度部门整体支出绩效自评报告"]


def test_unit_from_front_matter_when_the_title_has_none(tmp_path):
    paras = ["2024年度部门整体支出绩效自评报告", "部门（单位）名称：测试中心", "填报日期：2025年3月20日",
             "一、基本情况", "正文。", "测试中心", "2025年3月20日"]
    d = _imported(paras, tmp_path).data
    assert d["unit"] == {"name": "测试中心"} and d["kind"] == "部门整体支出绩效自评报告"
    assert d["title"] == ["2024年度部门整体支出绩效自评报告"]
    assert d["front_matter"] == [{"label": "部门（单位）名称", "value": "测试中心"},
                                 {"label": "填报日期", "value": "2025年3月20日"}]
    assert d["signature"] == ["测试中心", "2025年3月20日"]  # a final date line and the unit above it
    assert d["content"] == [{"heading": "基本情况", "content": ["正文。"]}]


def test_no_unit_anywhere_is_asked_for(tmp_path):
    imported = _imported(["2024年度部门整体支出绩效自评报告", "一、基本情况", "正文。"], tmp_path)
    assert imported.data["unit"] == {"name": "待填"}
    assert any("unit.name" in n.message for n in imported.warnings)


# ------------------------------------------------------------------ any document: an answer, never a crash

_FRAGMENTS = ["一、", "二、", "（一）", "(二)", "1.", "（1）", "五、", "整体支出概况", "资金", "其他", "2020年度",
              "测试街道", "整体支出绩效评价报告", "1、", "2 、", "3.", "方面", "：", ":", "。", "，", "其中",
              "整体支出本年度决算金额为", "基本支出", "项目支出", "万元", "100", "12.50", "产出指标", "效益指标",
              " ", "\n", "#", "- ", "'", '"', "{", "}", "[", "]", "&", "yes", "null", "~", "1e3", "待填", "\t",
              "\u3000", "附件3", "荣誉"]


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=8),
                          st.sampled_from([None, "1、", "一、", "（1）", "•"]), st.booleans(),
                          st.sampled_from([None, "center", "right"])),
                min_size=1, max_size=25))
def test_any_paragraphs_give_content_or_a_clear_refusal(paras):
    doc = DocxText([Para(text="".join(parts), label=label, bold=bold, align=align)
                    for parts, label, bold, align in paras])
    try:
        imported = import_paragraphs(doc, source="fuzz.docx", year=2020)
    except DocgenError as exc:
        assert exc.diagnostics and exc.exit_code in (1, 2)
        return
    text = to_yaml(imported)
    loaded = parse_yaml(text, "fuzz.yaml")  # what docgen check reads is exactly what was recognised
    assert loaded.data == _plain(imported.data)
    assert set(loaded.data) <= set(REPORT_KEYS) and "content" in loaded.data
    try:
        validate(loaded)
    except DocgenError as exc:  # placeholders and such: located diagnostics, not a crash
        assert all(d.line > 0 for d in exc.diagnostics)
