"""Recognising the report in its paragraphs: the figures, the title, the district, typed
numbered lists, missing parts — and any paragraphs at all give content or a clear refusal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from word_files import SMALL, build_reference_docx, doc_with
from docgen.cli import cli
from docgen.content.load import parse_yaml
from docgen.content.text import PLACEHOLDER
from docgen.content.validation import validate
from docgen.docx.reader import DocxText, Para
from docgen.errors import DocgenError
from docgen.importer import import_docx, import_paragraphs, to_yaml, write_content
from docgen.importer.content_file import _plain
from docgen.importer.text import split_inline

# ------------------------------------------------------------------ figures


def test_a_total_that_does_not_add_up_is_reported_at_once(tmp_path):
    def edit(lines):
        return [line.replace("决算金额为5005.93万元", "决算金额为5005.95万元") for line in lines]

    source = build_reference_docx(tmp_path / "report.docx", edit=edit)
    out = tmp_path / "content" / "2020.yaml"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert out.is_file()  # written, so the author can correct it
    assert "funds.final_total" in result.stderr and "5005.95" in result.stderr and "相差 0.02" in result.stderr
    assert "unit.district" in result.stderr  # the district placeholder is a to-do


def test_funds_sentence_in_other_words_is_parsed_and_reported(tmp_path):
    paras = list(SMALL)
    paras[11] = ("2021年度整体支出决算数为１０００.５０万元，其中：基本支出600万元，项目支出400.50万元，"
                 "其中甲支出400.5万元。按规定管理。")
    imported = import_docx(doc_with(paras, tmp_path / "funds.docx"))
    f = imported.data["funds"]
    assert (f["final_total"], f["basic"]) == (Decimal("1000.50"), Decimal("600"))
    note = next(n for n in imported.notes if "句式" in n.message)
    assert "2021年度整体支出决算数为" in note.message and note.para == 12


def test_missing_funds_become_todos(tmp_path):
    paras = list(SMALL)
    paras[11] = "资金使用规范，按规定管理。"
    imported = import_docx(doc_with(paras, tmp_path / "nofunds.docx"))
    f = imported.data["funds"]
    assert f["final_total"] == PLACEHOLDER and f["projects"] == [{"name": PLACEHOLDER, "amount": PLACEHOLDER}]
    assert f["management"] == "资金使用规范，按规定管理。"
    diags = write_content(imported, tmp_path / "c" / "2021.yaml")
    todos = {d.field for d in diags if d.is_todo}
    assert {"funds.final_total", "funds.basic", "funds.projects[1].amount"} <= todos


# ------------------------------------------------------------------ title and district


def test_district_from_option_title_prefix_or_placeholder(tmp_path, rendered_2020):
    assert import_docx(rendered_2020, district="开福区").data["unit"]["district"] == "开福区"
    imported = import_docx(rendered_2020)
    assert imported.data["unit"]["district"] == PLACEHOLDER
    note = next(n for n in imported.notes if "unit.district" in n.message)
    assert "--district 开福区" in note.message  # the likely district, seen in the text
    paras = list(SMALL)
    paras[0] = "2021年度开福区测试街道整体支出绩效评价报告"
    imported = import_docx(doc_with(paras, tmp_path / "prefix.docx"))
    assert imported.data["unit"] == {"name": "开福区测试街道", "district": "开福区"}


def test_title_written_unit_first_is_read_and_reported(tmp_path):
    paras = list(SMALL)
    paras[0] = "测试街道2021年度部门整体支出绩效自评报告"
    paras[2] = "依据区里的办法，编制产出与效益目标，涵盖以下方面："  # "产出" in the basis is not the output intro
    imported = import_docx(doc_with(paras, tmp_path / "title.docx"))
    assert (imported.year, imported.data["unit"]["name"]) == (2021, "测试街道")
    assert imported.data["overview"]["basis"] == paras[2]
    assert imported.data["overview"]["output_intro"].startswith("编制整体支出绩效目标表")
    note = next(n for n in imported.notes if n.para == 1)
    assert "2021年度测试街道整体支出绩效评价报告" in note.message and note.level == "warning"


# ------------------------------------------------------------------ the pieces


@pytest.mark.parametrize("text,items,numbers", [
    ("1、甲。2、乙。", ["甲。", "乙。"], [1, 2]),
    ("1、甲。2 、乙。2、丙。", ["甲。", "乙。", "丙。"], [1, 2, 2]),       # the slip
    ("1、今年1-11月完成5.12项。2、前2。", ["今年1-11月完成5.12项。", "前2。"], [1, 2]),
    ("（1）甲；（2）乙", ["甲；", "乙"], [1, 2]),
    ("1.完成1.5万元。2.好", ["完成1.5万元。", "好"], [1, 2]),
    ("1、分别获得1、2、3等奖。", ["分别获得1、2、3等奖。"], [1]),
])
def test_split_inline(text, items, numbers):
    assert split_inline(text) == (items, numbers)


def test_split_inline_needs_a_list():
    assert split_inline("坚决保障群众利益。2、不是列表") is None


# ------------------------------------------------------------------ any document: an answer, never a crash

_FRAGMENTS = ["一、", "二、", "三、", "四、", "五、", "整体支出概况", "资金", "其他", "2020年度", "测试街道",
              "整体支出绩效评价报告", "1、", "2 、", "（1）", "3.", "方面", "：", ":", "。", "，", "其中",
              "决算金额为", "基本支出", "项目支出", "万元", "100", "12.50", "产出指标", "效益指标", " ", "\n",
              "#", "- ", "'", '"', "{", "}", "[", "]", "&", "yes", "null", "~", "1e3", "待填", "\t", "\u3000"]


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=8),
                          st.sampled_from([None, "1、", "一、", "•"]), st.booleans()),
                min_size=1, max_size=25))
def test_any_paragraphs_give_content_or_a_clear_refusal(paras):
    doc = DocxText([Para(text="".join(parts), label=label, bold=bold) for parts, label, bold in paras])
    try:
        imported = import_paragraphs(doc, source="fuzz.docx", year=2020)
    except DocgenError as exc:
        assert exc.diagnostics and exc.exit_code in (1, 2)
        return
    text = to_yaml(imported)
    loaded = parse_yaml(text, "fuzz.yaml")  # what docgen check reads is exactly what was recognised
    assert loaded.data == _plain(imported.data)
    assert set(loaded.data) == {"year", "unit", "overview", "funds", "achievements", "other"}
    try:
        validate(loaded)
    except DocgenError as exc:  # placeholders and such: located diagnostics, not a crash
        assert all(d.line > 0 for d in exc.diagnostics)


def test_a_missing_section_heading_is_reported_not_fatal(tmp_path):
    paras = [p for p in SMALL if not (isinstance(p, tuple) and p[0].startswith("二、"))]
    imported = import_docx(doc_with(paras, tmp_path / "no2.docx"))
    assert imported.data["achievements"]["areas"][0]["lead"] == "公共服务方面"  # 三、 still found
    assert any("二、整体支出资金使用及管理情况" in n.message and "找不到" in n.message for n in imported.notes)
    # the funds paragraph under the missing heading is not lost: it stays in section 一 as text
    assert "决算金额为1,000.50万元" in to_yaml(imported)
