"""Issue 12 §1, §2, §5: a filled 自评表 read from the layouts offices receive, problems named by cell.

Every spreadsheet is built here with openpyxl (:mod:`xlsx_forms`); the tests assert what was
read (names, figures, 指标性质 and units, merges followed) and the exact diagnostic lines.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from docgen.errors import DocgenError
from docgen.spreadsheet.check import check_sheet
from docgen.spreadsheet.read import read_form
from xlsx_forms import FIGURES_A, province_a, province_b, with_cached

D = Decimal


def _read(path, sheet=None, profile=None):
    form = read_form(path, path.name, sheet)
    model, diags = check_sheet(form, profile)
    return form, model, [d.format().split("\n")[0] for d in diags]


def _indicators(model):
    return [(i.level1, i.level2, i.name, i.nature, f"{i.target:f}" if isinstance(i.target, Decimal) else i.target,
             i.unit, f"{i.actual:f}" if isinstance(i.actual, Decimal) else i.actual) for i in model.indicators]


def test_province_form_a_is_read_figure_by_figure(tmp_path):
    form, model, diags = _read(province_a(tmp_path / "自评表.xlsx"))
    assert diags == []
    assert form.sheet == "Sheet1" and form.year == 2024 and form.title == "部门整体支出绩效自评表"
    assert [(r.name, f"{r.initial:f}", f"{r.adjusted:f}", f"{r.executed:f}") for r in model.budget.rows] \
        == FIGURES_A["rows"]
    # 一级指标 merged over four rows applies to all four; 二级 over two likewise; "≥500人" is ≥ 500 人
    assert _indicators(model) == FIGURES_A["indicators"]
    qualitative = model.indicators[5]
    assert (qualitative.rating, qualitative.score) == ("部分达成", D("7.5"))   # the band of 7.5 of 10
    assert (model.budget.weight, model.budget.score, model.total_score, model.grade) == (D(10), D("9.59"), D("95.49"), "优")
    assert model.budget.total.executed == D("5005.93")
    assert model.indicators[1].deviation.startswith("受疫情影响")
    assert form.inferred_profile == "通用"
    # every figure knows its cell: 新增就业人数's 实际完成值 is F14
    assert form.cells[("self_evaluation", "indicators", 1, "actual")] == (14, 6)


def test_province_form_b_second_sheet_yuan_hidden_row(tmp_path):
    form, model, diags = _read(province_b(tmp_path / "望月湖.xlsx"))
    # the instructions sheet has no headers: the form's sheet is chosen; the hidden row is named, not read
    assert form.sheet == "2024自评"
    assert diags == ["望月湖.xlsx:2024自评!11:11: 警告 warning: 第 11 行是隐藏行，未导入（绩效指标）。hidden row skipped"]
    # amounts in 元 ("金额单位：元") become 万元, exactly
    assert [(r.name, r.initial, r.adjusted, r.executed) for r in model.budget.rows] == [
        ("财政拨款", D(4900), D(4900), D("4980.83")), ("其他资金", D(100), D(100), D(96))]
    assert [i.name for i in model.indicators] == ["改造老旧小区", "项目按期完工率", "竣工验收合格率", "带动商铺入驻",
                                                  "居民获得感", "居民满意度"]
    # 计量单位 column; a result formatted as a percentage (0.88 shown 88%) is 88 %
    sat = model.indicators[5]
    assert (sat.nature, sat.target, sat.unit, sat.actual, sat.score) == ("≥", D(90), "%", D(88), D("9.78"))
    assert model.indicators[2].nature == "="
    assert (model.total_score, model.grade) == (D("97.28"), "优")


def test_a_missing_header_is_named_at_the_header_row(tmp_path):
    path = province_a(tmp_path / "自评表.xlsx", edit=lambda ws: ws.__setitem__("E4", "执行情况"))
    form, model, diags = _read(path)
    assert model is None
    assert diags[0] == ("自评表.xlsx:Sheet1!C4: budget: 错误 error: 表头中没有“全年执行数”一栏"
                        "（找到的有：年初预算数、全年预算数、分值、执行率、得分）。column executed missing")


def test_text_in_a_figure_cell_and_every_problem_at_once(tmp_path):
    def edit(ws):
        ws["F14"] = "约460人"        # 实际完成值 of 新增就业人数: a text where a number belongs
        ws["D6"] = "5100万"          # "万" is the form's unit: read as 5100
        ws["E7"] = "待定"            # a budget figure that is not one
    path = province_a(tmp_path / "自评表.xlsx", edit=edit)
    form, model, diags = _read(path)
    assert form.data["budget"]["rows"][0]["adjusted"] == D(5100)
    assert diags == [
        "自评表.xlsx:Sheet1!E7: budget.rows[2].executed: 错误 error: 应为金额（数字），当前是“待定”。not a number",
        "自评表.xlsx:Sheet1!F14: indicators[2].actual: 错误 error: 指标性质为“≥”的定量指标，实际完成值应为数字，"
        "当前是“约460人”。must be a number",
    ]


def test_formula_read_by_its_cached_value_or_named_without_one(tmp_path):
    def edit(ws):
        ws["E5"] = "=SUM(E6:E8)"
        ws["H14"] = "=G14*E14/D14"
    path = province_a(tmp_path / "自评表.xlsx", edit=edit)
    _, _, diags = _read(path)
    assert diags == [
        "自评表.xlsx:Sheet1!E5: budget.total.executed: 错误 error: 公式没有计算结果：请在 Excel/WPS 中打开并保存一次。"
        "formula without a computed value",
        "自评表.xlsx:Sheet1!H14: indicators[2].score: 错误 error: 公式没有计算结果：请在 Excel/WPS 中打开并保存一次。"
        "formula without a computed value",
    ]
    with_cached(path, {"E5": "5005.9300000000003", "H14": "13.8"})
    form, model, diags = _read(path)
    assert diags == []
    assert model.budget.total.executed == D("5005.93") and model.indicators[1].score == D("13.8")


def test_the_rules_of_the_form_at_their_cells(tmp_path):
    def edit(ws):
        ws["H18"] = 12           # 定性 score over its 分值 10
        ws["H21"] = 96           # 总分 not the sum
        ws["G22"] = "良"         # grade that does not match
        ws["G5"] = 0.97          # 执行率 shown 97.0%, computed 95.9%
    path = province_a(tmp_path / "自评表.xlsx", edit=edit)
    _, _, diags = _read(path)
    assert diags == [
        "自评表.xlsx:Sheet1!G5: budget: 错误 error: 执行率写的是 97%，按 全年执行数 ÷ 全年预算数 计算是 95.9%。stated rate 97% != 95.9%",
        "自评表.xlsx:Sheet1!H18: indicators[6].score: 错误 error: 得分 12 超过分值 10。score above weight",
        "自评表.xlsx:Sheet1!H21: total_score: 错误 error: 总分写的是 96，各项得分之和是 99.99。typed total 96 != sum 99.99",
        "自评表.xlsx:Sheet1!G22: grade: 错误 error: 等级写的是“良”，总分 99.99 按评分标准（优≥90，良80–89，中60–79，差<60）"
        "应为“优”。typed grade 良 != 优",
    ]


def test_a_score_that_is_not_the_computed_one_and_weights_of_the_profile(tmp_path):
    path = province_a(tmp_path / "自评表.xlsx", edit=lambda ws: ws.__setitem__("H14", 14))
    _, _, diags = _read(path)
    assert diags[0].startswith("自评表.xlsx:Sheet1!H14: indicators[2].score: 错误 error: 得分写的是 14，按规则计算应为 13.8")
    # the content's profile decides the weights: 通用 sheet under the provincial profile
    _, _, diags = _read(province_a(tmp_path / "b.xlsx"), profile="省级-产出40效益40")
    assert diags[0].startswith("b.xlsx:Sheet1!D13: indicators[1]: 错误 error: 产出指标的分值合计为 50（15 + 15 + 10 + 10），"
                               "评分标准“省级-产出40效益40”规定为 40")


def test_target_without_comparison_is_an_error_not_a_guess(tmp_path):
    path = province_a(tmp_path / "自评表.xlsx", edit=lambda ws: ws.__setitem__("E13", "100%"))
    _, _, diags = _read(path)
    assert diags[0] == ("自评表.xlsx:Sheet1!E13: indicators[1].nature: 错误 error: 年度指标值“100%”没有写指标性质"
                        "（≥、≤ 或 =），无法计分。no comparison (≥ ≤ =) for the target")


def test_two_candidate_sheets_name_both_and_sheet_chooses(tmp_path):
    import openpyxl

    path = province_a(tmp_path / "自评表.xlsx")
    wb = openpyxl.load_workbook(path)
    copy = wb.copy_worksheet(wb["Sheet1"])
    copy.title = "上年"
    wb.save(path)
    with pytest.raises(DocgenError) as exc:
        read_form(path, path.name)
    assert exc.value.exit_code == 2
    assert exc.value.diagnostics[0].format().split("\n")[0] == \
        "自评表.xlsx: 错误 error: 有 2 个工作表都像自评表：“Sheet1”、“上年”。several worksheets look like the form"
    form = read_form(path, path.name, "上年")
    assert form.sheet == "上年" and len(form.data["indicators"]) == 7
    with pytest.raises(DocgenError) as exc:
        read_form(path, path.name, "表3")
    assert "没有名为“表3”的工作表；有：“Sheet1”、“上年”" in exc.value.diagnostics[0].message


def test_no_form_in_the_workbook(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "收支明细"
    wb.save(tmp_path / "明细.xlsx")
    with pytest.raises(DocgenError) as exc:
        read_form(tmp_path / "明细.xlsx", "明细.xlsx")
    assert exc.value.exit_code == 2
    assert exc.value.diagnostics[0].message.startswith("没有找到自评表的表头（工作表：“Sheet”）")


@pytest.mark.parametrize("cell, nature, value, unit", [
    ("95%以上", "≥", "95", "%"), ("不低于95%", "≥", "95", "%"), ("≥ 95 ％", "≥", "95", "%"),
    ("120万元以内", "≤", "120", "万元"), ("≤120万元", "≤", "120", "万元"), ("＝460人", "=", "460", "人"),
    (">=500人", "≥", "500", "人"),
])
def test_the_ways_a_target_is_written(tmp_path, cell, nature, value, unit):
    form, model, diags = _read(province_a(tmp_path / "自评表.xlsx", edit=lambda ws: ws.__setitem__("E14", cell)))
    ind = form.data["indicators"][1]
    assert (ind["nature"], f"{ind['target']:f}", ind["unit"]) == (nature, value, unit)


def test_a_text_target_of_a_qualitative_indicator_is_kept_exactly(tmp_path):
    form, model, _ = _read(province_a(tmp_path / "自评表.xlsx",
                                      edit=lambda ws: ws.__setitem__("E18", "机制“长效”运行（含考核）")))
    assert model.indicators[5].target == "机制“长效”运行（含考核）"


def test_a_cell_position_is_shown_as_excel_names_it():
    from docgen.errors import Diagnostic, column_letter

    assert [column_letter(c) for c in (1, 6, 26, 27, 64)] == ["A", "F", "Z", "AA", "BL"]
    assert Diagnostic("自评表.xlsx", 12, 6, "indicators[3].actual", "…", sheet="Sheet1").format() == \
        "自评表.xlsx:Sheet1!F12: indicators[3].actual: 错误 error: …"
    assert Diagnostic("a.xlsx", 3, 2, "", "…", sheet="2024 自评").format() == "a.xlsx:'2024 自评'!B3: 错误 error: …"
    assert Diagnostic("a.xlsx", 11, 0, "", "…", sheet="表1").format() == "a.xlsx:表1!11:11: 错误 error: …"
